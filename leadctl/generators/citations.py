"""How to cite a policy brief: a formatted citation, a BibTeX file and a RIS file.

Each brief gets ``briefs/<id>/<id>.bib`` and ``briefs/<id>/<id>.ris`` in each
language's folder, next to its page. Names and titles are contributor text:
the BibTeX writer escapes every character that means something to BibTeX or
LaTeX, and both writers fold line breaks, so no text can end a field, start
a new RIS tag or break the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import rispy
from markupsafe import Markup, escape

from leadctl.records.models import Brief
from leadctl.checking.project import Project
from leadctl.generators.context import PageContext
from leadctl.base.settings import SiteSettings
from leadctl.base.text import ui
from leadctl.base.urls import record_path

if TYPE_CHECKING:  # site.py renders brief pages with this module: import only for the types
    from leadctl.generators.site import Site

BIBTEX_LANGUAGES = {"en": "english", "zh": "chinese"}


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


def brief_citation(site: Site, brief_id: str, language: str) -> Citation:
    return _citation(site.project, site.settings, brief_id, language)


def _citation(project: Project, settings: SiteSettings, brief_id: str, language: str) -> Citation:
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
    return citation_html(_citation(page.project, page.settings, brief_id, page.language))


# -- BibTeX -------------------------------------------------------------------------
# Braces become commands rather than \{ \}: BibTeX counts every brace, escaped or not,
# so an escaped brace would still unbalance the field.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_ESCAPES)


def bibtex_escape(text: str) -> str:
    """Text as the value of a braced BibTeX field: specials escaped, on one line."""
    return _one_line(text).translate(_BIBTEX_TABLE)


def bibtex(citation: Citation) -> str:
    # Each name in its own braces: BibTeX must not reorder "given family" (a Chinese
    # name is written family first) nor split a name that contains "and".
    fields = [
        ("author", " and ".join("{" + bibtex_escape(name) + "}" for name in citation.creators)),
        ("title", "{" + bibtex_escape(citation.title) + "}"),  # inner braces keep its capitals
        ("institution", bibtex_escape(citation.publisher)),
        ("type", bibtex_escape(citation.kind)),
        ("year", str(citation.year)),
        ("date", citation.date),
        ("doi", bibtex_escape(citation.doi) if citation.doi else ""),
        ("url", bibtex_escape(citation.url)),
        ("langid", BIBTEX_LANGUAGES.get(citation.language, citation.language)),
        ("abstract", bibtex_escape(citation.abstract)),
        ("keywords", bibtex_escape(", ".join(citation.keywords))),
    ]
    width = max(len(name) for name, _ in fields)
    lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields if value]
    return f"@techreport{{{citation.key},\n" + "\n".join(lines) + "\n}\n"


# -- RIS ----------------------------------------------------------------------------
class _RisWriter(rispy.RisWriter):
    """RIS as reference managers read it: no numbered header line before the record."""

    def set_header(self, count: int) -> str:
        return ""


RIS_LANGUAGES = {"en": "English", "zh": "Chinese"}


def ris(citation: Citation) -> str:
    record: dict[str, object] = {
        "type_of_reference": "RPRT",
        "id": citation.key,
        "authors": list(citation.creators),
        "title": citation.title,
        "type_of_work": citation.kind,
        "year": str(citation.year),
        "date": citation.date.replace("-", "/") + "/",
        "publisher": citation.publisher,
        "urls": [citation.url],
        "language": RIS_LANGUAGES.get(citation.language, citation.language),
        "abstract": citation.abstract,
    }
    if citation.doi:
        record["doi"] = citation.doi
    if citation.keywords:
        record["keywords"] = list(citation.keywords)
    return rispy.dumps([record], implementation=_RisWriter)


# -- the output writer --------------------------------------------------------------
def write_citation_files(site: Site, language: str, output_dir: Path, base_url: str) -> None:
    """``briefs/<id>/<id>.bib`` and ``.ris`` beside each brief's page, in ``language``."""
    for brief_id in site.project.briefs:
        citation = brief_citation(site, brief_id, language)
        folder = output_dir / record_path("briefs", brief_id)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{brief_id}.bib").write_text(bibtex(citation), encoding="utf-8")
        (folder / f"{brief_id}.ris").write_text(ris(citation), encoding="utf-8", newline="\n")
