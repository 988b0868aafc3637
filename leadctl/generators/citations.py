"""The citation box of a citable page: the reference in four styles, a copy button each, and its files.

A brief's page shows it; a knowledge base work's page calls
``record_citation_box(page, "knowledge", work_id)`` the same way. Without JavaScript every style is shown and
the files can be downloaded; ``docs/javascripts/citation-copy.js`` reveals the copy
buttons, which put a citation's plain text on the clipboard.
"""

from __future__ import annotations

from markupsafe import Markup

from leadctl.generators.context import PageContext
from leadctl.generators.references import CslItem, coins, record_item, render_citations

DOWNLOADS = (
    ("bib", "BibTeX", "application/x-bibtex"),
    ("ris", "RIS", "application/x-research-info-systems"),
    ("json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
)


def render_citation_box(page: PageContext, item: CslItem, stem: str, heading: str | None = None) -> Markup:
    """The box for ``item`` (made in ``page.language``); its files are ``<stem>.bib|.ris|.json`` beside the page.

    ``heading`` is the box's title in the page's language (by default "Cite this").
    """
    return Markup(
        page.render(
            "citation_box.html",
            heading=heading or page.ui("cite_this_work"),
            citations=render_citations(item, page.language),
            downloads=[(f"{stem}.{suffix}", label, media_type) for suffix, label, media_type in DOWNLOADS],
            coins=coins(item),
        )
    )


def record_citation_box(page: PageContext, kind: str, record_id: str, heading: str | None = None) -> Markup:
    """The box of the record page ``<kind>/<id>/`` (a brief's, a work's), its files named after the record; empty if it cites nothing."""
    item = record_item(page.project, page.settings, kind, record_id, page.language)
    if item is None:
        return Markup("")
    return render_citation_box(page, item, record_id, heading)
