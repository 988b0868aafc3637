"""Policy brief pages and the briefs listing (newest first)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from leadctl.generators.citations import record_citation_box
from leadctl.generators.references import doi_url
from leadctl.records.models import Brief
from leadctl.records.project import Project
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.members import author_reference
from leadctl.generators.search_facets import SearchFacets, countries_of


def pdf_link(page: PageContext, brief: Brief) -> tuple[str | None, str]:
    """The PDF's URL from this page, and the language it is written in."""
    if brief.files is None:
        return None, page.language
    value = brief.files.get(page.language)
    language = page.language if brief.files.is_translated(page.language) else "en"
    if urlsplit(value).scheme:
        return value, language
    return page.asset_link(value), language


def render_brief(page: PageContext, brief_id: str) -> str:
    brief: Brief = page.project.briefs[brief_id].record  # type: ignore[assignment]
    pdf, pdf_language = pdf_link(page, brief)
    citation = record_citation_box(page, "briefs", brief_id, page.ui("cite_this"))
    return render_page(page, "brief.html", brief.title, brief=brief, pdf=pdf, pdf_language=pdf_language, citation=citation, brief_id=brief_id)


def render_briefs_index(page: PageContext) -> str:
    return render_page(page, "briefs_index.html", page.ui("briefs"), briefs=page.listings.briefs)


def search_facets(project: Project, brief_id: str) -> SearchFacets:
    brief: Brief = project.briefs[brief_id].record  # type: ignore[assignment]
    authors = (author.member for author in brief.authors if author.member)
    return SearchFacets(pillars=tuple(brief.pillars), countries=countries_of(project, authors), day=brief.date)


def structured_data(linked: LinkedData, brief_id: str) -> dict[str, Any] | None:
    """A brief as a schema.org Report, with its authors and, when it has one, its DOI."""
    if brief_id not in linked.project.briefs:
        return None
    brief: Brief = linked.project.briefs[brief_id].record  # type: ignore[assignment]
    page = linked.url(f"briefs/{brief_id}/")
    data: dict[str, Any] = {
        "@type": "Report",
        "@id": page + "#report",
        "name": linked.text(brief.title),
        "headline": linked.text(brief.title),
        "abstract": linked.text(brief.summary),
        "description": linked.text(brief.summary),
        "author": [author_reference(linked, author) for author in brief.authors],
        "datePublished": brief.date.isoformat(),
        "publisher": linked.publisher.reference(),
        "url": page,
        "inLanguage": linked.language,
        # Topics, not the deprecated free tags: a topic's label is translated.
        "keywords": [linked.text(linked.project.topics[topic].record.label) for topic in brief.topics],  # type: ignore[attr-defined]
    }
    if brief.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": brief.doi}
        data["sameAs"] = doi_url(brief.doi)
    return with_context(data)


# The names every kind's generator module gives its page and its listing (see leadctl/records/kinds.py).
render_record = render_brief
render_listing = render_briefs_index
