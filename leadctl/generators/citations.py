"""The citation box of a citable page: the reference in four styles, a copy button each, and its files.

A brief's page shows it today; a knowledge base work's page calls
``render_citation_box`` the same way. Without JavaScript every style is shown and
the files can be downloaded; ``docs/javascripts/citation-copy.js`` reveals the copy
buttons, which put a citation's plain text on the clipboard.
"""

from __future__ import annotations

from markupsafe import Markup

from leadctl.generators.context import PageContext
from leadctl.generators.references import CslItem, coins, render_citations

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
