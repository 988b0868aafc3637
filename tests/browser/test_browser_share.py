"""The share panel as a reader uses it, and a page printed on paper."""

from __future__ import annotations

import pytest
from conftest import open_reader
from demo import SEARCH_BRIEF
from test_browser_accessibility import BLOCKING, axe_violations, describe

PREFIX = {"en": "", "zh": "zh/"}
COPIED = {"en": "Link copied.", "zh": "链接已复制。"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_panel_opens_and_copies_the_page_s_address(chromium, demo_site, server, language):
    reader = open_reader(chromium, permissions=["clipboard-read", "clipboard-write"])
    page = reader.page
    try:
        page.goto(server.url(f"{PREFIX[language]}events/autumn-school/"))
        qr = page.locator(".lead-share svg.lead-share__qr")
        assert not qr.is_visible()  # shown on request
        page.locator(".lead-share > summary").click()
        assert qr.is_visible()
        box = qr.bounding_box()
        assert box and box["width"] >= 120  # big enough for a phone's camera
        page.locator("[data-lead-share-copy]").click()
        page.locator(".lead-share__status").filter(has_text=COPIED[language]).wait_for()
        canonical = page.locator('link[rel="canonical"]').get_attribute("href")
        assert page.evaluate("navigator.clipboard.readText()") == canonical
        violations = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
        assert not violations, describe(violations)
        assert not reader.errors
    finally:
        reader.context.close()


def test_without_javascript_the_panel_still_opens_and_offers_no_copy_button(chromium, demo_site, server):
    reader = open_reader(chromium, java_script_enabled=False)
    page = reader.page
    try:
        page.goto(server.url("zh/about/"))
        page.locator(".lead-share > summary").click()
        assert page.locator(".lead-share svg.lead-share__qr").is_visible()
        assert page.locator(".lead-share__url").is_visible()
        assert not page.locator("[data-lead-share-copy]").is_visible()
    finally:
        reader.context.close()


@pytest.mark.parametrize("path", [f"briefs/{SEARCH_BRIEF}/", "events/autumn-school/", f"zh/briefs/{SEARCH_BRIEF}/"])
def test_a_printed_page_is_its_text_with_link_addresses_and_its_citation(reader, server, path):
    page = reader.page
    page.goto(server.url(path))
    page.emulate_media(media="print")
    try:
        for frame in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".lead-share-area"):
            assert not page.locator(frame).first.is_visible(), frame
        assert page.locator("article h1").is_visible()
        if "events/" in path:
            assert page.locator("article dl.lead-facts").is_visible()
            return
        external = page.locator('article a[href^="http"]').first  # the brief's DOI, its files
        href = external.get_attribute("href")
        shown = external.evaluate("a => getComputedStyle(a, '::after').content")
        assert href in shown, shown
        citation = page.locator('[class*="citation"]').first
        assert citation.is_visible() and citation.inner_text().strip()
    finally:
        page.emulate_media(media="screen")
