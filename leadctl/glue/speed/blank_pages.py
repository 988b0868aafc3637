"""MkDocs pages with no Markdown text, rendered without building a Markdown converter.

leadctl's generated pages give MkDocs front matter and no text (their HTML
comes from ``Site.page_content``). MkDocs' ``Page.render`` still builds a
Python-Markdown converter with every configured extension for each page,
and then converts nothing: ``Markdown.convert`` returns ``""``
for a blank text before any extension runs. ``BlankPage.render`` sets what
that render would have set for a blank text, and hands any other text to
MkDocs, so a page is the same whichever class it has.
"""

from __future__ import annotations

import logging

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class BlankPage(Page):
    """A ``Page`` that renders a blank Markdown text without a converter."""

    def render(self, config, files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        # What Page.render leaves for a blank text: no content, no headings, no anchors, no title.
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


def render_blank_text_without_converter(page: Page) -> Page:
    """Make ``page`` (a plain MkDocs page) a ``BlankPage``; its fields and what it renders stay the same."""
    if type(page) is Page:
        page.__class__ = BlankPage
    return page
