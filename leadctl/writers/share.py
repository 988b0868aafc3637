"""The share panel of every page: its address to copy, an e-mail, and a QR code for WeChat.

``overrides/partials/lead-share.html`` shows it; the glue gives each page its
panel (``lead_share``) with the page's canonical address from
``leadctl.writers.seo``. The QR code is an SVG made when the page is rendered,
so a page the render cache reuses costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from leadctl.base.text import ui
from leadctl.writers.qr import QRCodeTooLong, qr_matrix, qr_svg_path

QR_SCALE = 4
"""Pixels per module: a version 4 code (an address of up to 62 characters) is 164 pixels wide, quiet zone included."""
QR_BORDER = 4
"""The quiet zone around the code, in modules: the width the standard asks for."""


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
    """The QR code of ``url`` as inline SVG (one path), named ``name`` for screen readers; empty if it cannot hold ``url``.

    No address of this site comes near the 2,331 bytes the largest code holds; should one, the panel
    still offers the link and the e-mail.
    """
    try:
        matrix = qr_matrix(url)
    except QRCodeTooLong:
        return Markup("")
    side = (len(matrix) + 2 * QR_BORDER) * QR_SCALE
    modules = side // QR_SCALE
    # role and aria-label name it for assistive technology: the title alone is not announced by every screen reader.
    return Markup(
        f'<svg role="img" aria-label="{Markup.escape(name)}" width="{side}" height="{side}" class="lead-share__qr">'
        f"<title>{Markup.escape(name)}</title>"
        f'<g transform="scale({QR_SCALE})"><path fill="#fff" d="M0 0h{modules}v{modules}h-{modules}z"/>'
        f'<path stroke="#000" d="{qr_svg_path(matrix, QR_BORDER)}"/></g></svg>'
    )
