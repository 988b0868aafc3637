"""Policy brief pages and the briefs listing (newest first)."""

from __future__ import annotations

from urllib.parse import urlsplit

from leadctl.generators.citations import brief_citation_for_page
from leadctl.records.models import Brief
from leadctl.generators.context import PageContext, render_page


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
    citation = brief_citation_for_page(page, brief_id)
    return render_page(page, "brief.html", brief.title, brief=brief, pdf=pdf, pdf_language=pdf_language, citation=citation, brief_id=brief_id)


def render_briefs_index(page: PageContext) -> str:
    return render_page(page, "briefs_index.html", page.ui("briefs"), briefs=page.listings.briefs)


# The names every kind's generator module gives its page and its listing (see leadctl/records/kinds.py).
render_record = render_brief
render_listing = render_briefs_index
