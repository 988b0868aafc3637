"""The share panel of every page: its address to copy, an e-mail, and a QR code for WeChat.

``overrides/partials/lead-share.html`` shows it; the glue gives each page its
panel (``lead_share``) with the page's canonical address from
``leadctl.writers.seo``. The QR code is an SVG made when the page is rendered,
so a page the render cache reuses costs nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import quote

import segno
from markupsafe import Markup

from leadctl.base.text import ui

QR_MASK = 0
"""One mask pattern for every code. Choosing the best of the eight (segno's default) takes most of
the encoding time, several milliseconds a page, and phones read any of them."""
QR_SCALE = 4
"""Pixels per module: a version 4 code (an address of up to 62 characters) is 164 pixels wide, quiet zone included."""


@dataclass(frozen=True)
class SharePanel:
    """What the panel of one page shows, in the page's language (plain values: the render cache's key describes them)."""

    url: str
    """The page's canonical address."""
    title: str
    language: str

    def label(self, key: str) -> str:
        return ui(key, self.language)

    @property
    def mailto(self) -> str:
        """An e-mail with the page's title as subject and its address as body, to whoever the reader chooses."""
        return f"mailto:?subject={quote(self.title, safe='')}&body={quote(self.url, safe='')}"

    @property
    def qr_svg(self) -> Markup:
        return qr_svg(self.url, ui("share_qr", self.language))


def qr_svg(url: str, name: str) -> Markup:
    """The QR code of ``url`` as inline SVG (one path), named ``name`` for screen readers.

    Error correction M (15 % of the code may be unreadable) is what phones
    expect of a code shown on a screen or on paper.
    """
    code = segno.make_qr(url, error="m", mask=QR_MASK, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=False, nl=False, scale=QR_SCALE, border=4,
              svgclass="lead-share__qr", lineclass=None, title=name, dark="#000", light="#fff")
    svg = out.getvalue().decode("utf-8")
    # A name for assistive technology: the title alone is not announced by every screen reader.
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(name)}" ', 1))
