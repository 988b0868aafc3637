"""The share panel of every page: the page's address to copy, an e-mail, and a QR code a phone reads back
to that address, in the page's language, on hand-written and generated pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from playwright.sync_api import Browser

from sitekit import ProjectSite

SITE_URL = "https://example.org/net/"
WORDS = {
    "en": {"share": "Share this page", "wechat": "Scan with WeChat to share", "email": "Send by e-mail", "copy": "Copy link"},
    "zh": {"share": "分享本页", "wechat": "微信扫一扫分享", "email": "通过电子邮件发送", "copy": "复制链接"},
}
PAGES = ["", "about/", "events/spring-forum/", "members/uni-a/", "events/", "zh/", "zh/about/", "zh/events/spring-forum/",
         "zh/members/uni-a/", "zh/events/"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("share") / "project", extra_nav="  - About: about.md")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    site.event("spring-forum", title={"en": "Spring forum & friends", "zh": "春季论坛"}, start="2026-03-30 09:30",
               timezone="Europe/Brussels")
    site.write("docs/about.md", "# About us\n\nOnly in English.\n")
    site.build()
    return site


def _language(path: str) -> str:
    return "zh" if path.startswith("zh/") else "en"


def read_qr(browser: Browser, svg: str) -> list[str]:
    """What a phone reads from ``svg``, the page's inline SVG as shipped: drawn by Chromium, read by zxing-cpp.

    An SVG drawn as an image on its own needs its namespace, which inline SVG takes from the page.
    """
    standalone = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    page = browser.new_page()
    try:
        width, height, gray = page.evaluate(
            """async (svg) => {
                const image = new Image();
                image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
                await image.decode();
                const canvas = document.createElement("canvas");
                canvas.width = image.width; canvas.height = image.height;
                const context = canvas.getContext("2d");
                context.fillStyle = "#fff"; context.fillRect(0, 0, canvas.width, canvas.height);
                context.drawImage(image, 0, 0);
                const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
                const gray = [];
                for (let i = 0; i < rgba.length; i += 4) gray.push(Math.round((rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3));
                return [canvas.width, canvas.height, gray];
            }""",
            standalone,
        )
    finally:
        page.close()
    image = memoryview(bytes(gray)).cast("B", (height, width))
    return [found.text for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_share_panel_in_its_language(built, path):
    html = built.html(path)
    words = WORDS[_language(path)]
    panel = html.select_one("aside.lead-share-area details.lead-share")
    assert panel is not None, path
    assert panel.select_one("summary").get_text(strip=True) == words["share"]
    assert html.select_one("aside.lead-share-area")["aria-label"] == words["share"]
    assert panel.select_one("figcaption").get_text(strip=True) == words["wechat"]
    assert panel.select_one(".lead-share__email a").get_text(strip=True) == words["email"]
    copy = panel.select_one("button[data-lead-share-copy]")
    # Without a script there is nothing to copy with: the button shows only where the script runs.
    assert copy.get_text(strip=True) == words["copy"] and copy.has_attr("hidden")
    # Not part of the page's text for search.
    assert panel.find_parent(attrs={"data-search-body": True}) is None


@pytest.mark.parametrize("path", PAGES)
def test_the_address_and_the_e_mail_are_the_page_s_canonical_address(built, path):
    html = built.html(path)
    canonical = html.select_one('link[rel="canonical"]')["href"]
    assert canonical == SITE_URL + path
    panel = html.select_one("details.lead-share")
    assert panel.select_one("input.lead-share__url")["value"] == canonical
    mail = urlsplit(panel.select_one(".lead-share__email a")["href"])
    assert mail.scheme == "mailto" and mail.path == ""
    query = parse_qs(mail.query)
    assert query["body"] == [canonical]
    assert query["subject"] == [html.select_one('meta[property="og:title"]')["content"]]


def test_the_e_mail_subject_is_the_page_s_title_whatever_it_holds(built):
    mail = urlsplit(built.html("events/spring-forum/").select_one(".lead-share__email a")["href"])
    assert parse_qs(mail.query)["subject"] == ["Spring forum & friends"]
    mail = urlsplit(built.html("zh/events/spring-forum/").select_one(".lead-share__email a")["href"])
    assert parse_qs(mail.query)["subject"] == ["春季论坛"]


def test_the_qr_code_reads_back_as_the_page_s_address(built, chromium):
    for path in PAGES:
        html = built.html(path)
        svg = html.select_one("figure.lead-share__wechat svg")
        assert svg["role"] == "img" and svg["aria-label"]
        assert read_qr(chromium, str(svg)) == [SITE_URL + path], path


def test_the_qr_code_is_compact_svg(built):
    svg = built.html("zh/events/spring-forum/").select_one("figure.lead-share__wechat svg")
    assert len(svg.select("path")) <= 2  # the light background and the dark modules, each one path
    assert len(str(svg)) < 4000
    assert svg.get("width") and svg.get("height")
