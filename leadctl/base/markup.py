"""Contributor Markdown to safe HTML: rendered, then sanitised.

Contributors write Markdown in data files and news posts; raw HTML in it is
data, not code, so the rendered HTML keeps only harmless tags and
http(s)/mailto (or relative) links.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import markdown
import nh3
from markupsafe import Markup

if TYPE_CHECKING:
    from leadctl.glue.speed.page_cache import RememberedTexts

_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "abbr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_SAFE_SCHEMES = {"http", "https", "mailto"}

_renderer = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")

_between_builds: RememberedTexts | None = None


def remember_between_builds(texts: RememberedTexts | None) -> None:
    """Keep rendered texts between builds in ``texts``, or stop with None.

    Their key's version is leadctl's code (these settings) with the versions
    of Python-Markdown and nh3, which ``cache.code_digest`` covers.
    """
    global _between_builds
    _between_builds = texts
    render_markdown.cache_clear()  # what is found in this pass's memory is not marked as used in ``texts``


@lru_cache(maxsize=16384)
def render_markdown(text: str) -> Markup:
    """Markdown written by a contributor, as sanitised HTML.

    Remembered: a text is shown on its record's page and described again in
    the page's JSON-LD and in feeds, in the same pass; and between builds,
    when ``remember_between_builds`` was given somewhere to keep it.
    """
    if _between_builds is not None:
        from leadctl.glue.speed.project_cache import code_digest

        return Markup(_between_builds.remembered("markdown", code_digest(), _render_markdown, text))
    return Markup(_render_markdown(text))


def _render_markdown(text: str) -> str:
    _renderer.reset()
    html = _renderer.convert(text)
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_SAFE_SCHEMES, link_rel="noopener")


# What MkDocs' Markdown (with admonitions, attribute lists, tables, the table
# of contents' anchors) produces in a news post; scripts, frames, forms, event
# handlers and styles are not on the list.
_PAGE_TAGS = _ALLOWED_TAGS | {
    "h1", "div", "span", "img", "figure", "figcaption", "dl", "dt", "dd", "details", "summary",
    "kbd", "mark", "del", "ins", "s", "small", "caption", "tfoot", "col", "colgroup",
}
_PAGE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}


def sanitize_page_html(html: str) -> str:
    """The rendered HTML of a hand-written news post, without anything that runs."""
    return nh3.clean(html, tags=_PAGE_TAGS, attributes=_PAGE_ATTRIBUTES, url_schemes=_SAFE_SCHEMES, link_rel=None)
