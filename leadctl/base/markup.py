"""Contributor Markdown to safe HTML: rendered, then sanitised.

Contributors write Markdown in data files and news posts; raw HTML in it is
data, not code, so the rendered HTML keeps only harmless tags and
http(s)/mailto (or relative) links.
"""

from __future__ import annotations

from collections.abc import Callable

import markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "abbr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_SAFE_SCHEMES = {"http", "https", "mailto"}

_markdown = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def markdown_to_safe_html(text: str) -> str:
    """Markdown written by a contributor, rendered and then sanitised."""
    _markdown.reset()
    html = _markdown.convert(text)
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_SAFE_SCHEMES, link_rel="noopener")


_converter: Callable[[str], str] | None = None


def render_markdown(text: str) -> Markup:
    """Markdown written by a contributor, as sanitised HTML for a template."""
    return Markup((_converter or markdown_to_safe_html)(text))


def use_markdown_converter(converter: Callable[[str], str] | None) -> None:
    """Have ``render_markdown`` convert with ``converter``; None goes back to ``markdown_to_safe_html``.

    The seam through which the build's speed layer (``leadctl.glue.speed``)
    remembers conversions; only the glue calls it. A converter must give what
    ``markdown_to_safe_html`` gives for every text.
    """
    global _converter
    _converter = converter


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
