"""How to cite a policy brief: the facts of a citation, and the citation its page shows.

The same facts make the BibTeX and RIS files beside the page
(``leadctl.writers.citations``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from leadctl.records.models import Brief
from leadctl.checking.project import Project
from leadctl.generators.context import PageContext
from leadctl.base.settings import SiteSettings
from leadctl.base.text import ui
from leadctl.base.urls import record_path


@dataclass(frozen=True)
class Citation:
    """The facts a citation of one brief is made of, in one language."""

    key: str
    authors: tuple[str, ...]
    title: str
    year: int
    date: str
    """ISO date, ``2026-03-01``."""
    kind: str
    """What it is, in words: "Policy brief"."""
    publisher: str
    url: str
    """The brief's page."""
    doi: str | None
    language: str
    abstract: str
    keywords: tuple[str, ...]

    @property
    def link(self) -> str:
        """The link a reader should follow: the DOI when there is one, else the page."""
        return doi_url(self.doi) if self.doi else self.url

    @property
    def creators(self) -> tuple[str, ...]:
        """The authors, or the network itself when no author is named."""
        return self.authors or (self.publisher,)


def doi_url(doi: str) -> str:
    """The resolver link of a DOI; characters a URL reserves (``#``, ``?``, ``%``…) are percent-encoded."""
    return "https://doi.org/" + quote(doi, safe="/:;()")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def brief_citation(project: Project, settings: SiteSettings, brief_id: str, language: str) -> Citation:
    brief: Brief = project.briefs[brief_id].record  # type: ignore[assignment]
    authors = tuple(
        _one_line(project.members[author.member].record.name.get(language) if author.member else author.name.get(language))  # type: ignore[union-attr, attr-defined]
        for author in brief.authors
    )
    base = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    prefix = "" if language == "en" else f"{language}/"
    return Citation(
        key=f"lead-{brief_id}",
        authors=authors,
        title=_one_line(brief.title.get(language)),
        year=brief.date.year,
        date=brief.date.isoformat(),
        kind=ui("policy_brief", language),
        publisher=_one_line(settings.site_name(language)),
        url=f"{base}{prefix}{record_path('briefs', brief_id)}",
        doi=brief.doi,
        language=language,
        abstract=_one_line(brief.summary.get(language)),
        keywords=tuple(_one_line(tag) for tag in brief.tags),
    )


# -- on the page --------------------------------------------------------------------
def citation_html(citation: Citation) -> Markup:
    """The formatted citation: author-date in English, GB/T 7714 in Chinese."""
    link = Markup('<a href="{0}">{0}</a>').format(citation.link)
    if citation.language == "zh":
        authors = escape(", ".join(citation.creators))
        return Markup("{}. <cite>{}</cite>[R]. {}, {}. {}").format(authors, citation.title, citation.publisher, citation.year, link)
    names = list(citation.creators)
    authors = escape(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    title_end = "" if citation.title[-1:] in ".?!" else "."
    # With no author named, the network is the author: do not name it twice.
    published_by = Markup(" {}.").format(citation.publisher) if citation.authors else ""
    return Markup("{} ({}). <cite>{}</cite>{} {}.{} {}").format(
        authors, citation.year, citation.title, title_end, citation.kind, published_by, link
    )


def brief_citation_for_page(page: PageContext, brief_id: str) -> Markup:
    """The formatted citation shown on a brief's page."""
    return citation_html(brief_citation(page.project, page.settings, brief_id, page.language))
