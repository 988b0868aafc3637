"""Contributor Markdown to safe HTML: rendered, then sanitised.

Contributors write Markdown in data files; raw HTML in it is data, not code,
so the rendered HTML keeps only harmless tags and http(s)/mailto links.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "abbr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_SAFE_SCHEMES = {"http", "https", "mailto"}

_renderer = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def render_markdown(text: str) -> Markup:
    """Markdown written by a contributor, as sanitised HTML."""
    _renderer.reset()
    html = _renderer.convert(text)
    return Markup(
        nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_SAFE_SCHEMES, link_rel="noopener")
    )
