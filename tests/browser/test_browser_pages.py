"""What a reader's browser fetches, the not-found pages, and citing a brief (its copy buttons too)."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import open_reader
from demo import BRIEFS, SEARCH_BRIEF

PREFIX = {"en": "", "zh": "zh/"}


def test_pages_request_nothing_from_another_host(chromium, demo_site, server):
    """Fonts, scripts, styles, images, search, analytics: everything comes from the site itself."""
    browsing = open_reader(chromium)
    page = browsing.page
    try:
        for path in ("", "members/", "members/alex-example/", "events/autumn-school/", f"briefs/{SEARCH_BRIEF}/",
                     "news/2026-05-10-new-members/", "pillars/research/", "about/"):
            for prefix in PREFIX.values():
                page.goto(server.url(prefix + path), wait_until="load")
        # Search and the directory filters load more (the search engine's script and the index).
        page.goto(server.url("zh/members/"))
        page.locator("[data-lead-search-open]").click()
        page.locator("[data-lead-search-query]").fill("共同决策")
        page.locator(".lead-search__result").first.wait_for(state="attached")
        page.keyboard.press("Escape")
        page.get_by_label("国家/地区", exact=True).select_option("CN")
        page.wait_for_load_state("networkidle")
    finally:
        browsing.context.close()
    web = [url for url in browsing.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    hosts = {urlsplit(url).netloc for url in web}
    assert hosts == {urlsplit(server.origin).netloc}, sorted(url for url in web if not url.startswith(server.origin))
    # The pages did load their styles, scripts and search index (so the check above saw real traffic).
    assert any(url.endswith(".css") for url in web) and any(url.endswith(".js") for url in web)
    assert any("/zh/search/terms/" in url for url in web)
    assert not browsing.errors


@pytest.mark.parametrize(("language", "heading"), [("en", "Page not found"), ("zh", "页面不存在")])
def test_a_missing_page_answers_404_in_its_language(reader, server, language, heading):
    response = reader.page.goto(server.url(PREFIX[language] + "members/nobody-here/"))
    assert response is not None and response.status == 404
    assert reader.page.locator("html").get_attribute("lang") == language
    assert reader.page.locator("article h1").inner_text() == heading
    # Its links are absolute paths, so they work at any depth: home, and the other language's home.
    home = reader.page.locator("article p a").first
    with reader.page.expect_navigation():
        home.click()
    assert reader.page.url == server.url(PREFIX[language])
    assert reader.page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["en", "zh"])
def test_cite_this_brief_shows_citations_and_offers_bibtex_ris_and_csl_json(reader, server, language):
    brief = BRIEFS[SEARCH_BRIEF]
    page = reader.page
    page.goto(server.url(f"{PREFIX[language]}briefs/{SEARCH_BRIEF}/"))
    assert page.locator(".lead-cite .lead-citation").count() == 4
    citation = page.locator('[data-lead-cite-style="apa"] .lead-citation').inner_text()
    assert brief["title"][language] in citation
    assert "2026" in citation and f"https://doi.org/{brief['doi']}" in citation
    assert ("Example, A." if language == "en" else "亚历克斯") in citation
    files = {}
    for kind in ("bib", "ris", "json"):
        link = page.locator(f'.lead-cite a[href$=".{kind}"]')
        response = page.request.get(urljoin(page.url, link.get_attribute("href")))
        assert response.status == 200, kind
        files[kind] = response.text()
    assert files["bib"].startswith(f"@techreport{{lead-{SEARCH_BRIEF},")
    assert f"doi         = {{{brief['doi']}}}" in files["bib"]
    assert files["ris"].startswith("TY  - RPRT")
    assert f"TI  - {brief['title'][language]}" in files["ris"]
    assert f"DO  - {brief['doi']}" in files["ris"]
    [item] = json.loads(files["json"])
    assert item["title"] == brief["title"][language] and item["DOI"] == brief["doi"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_copy_button_puts_the_citation_on_the_clipboard(chromium, server, language):
    reader = open_reader(chromium)
    try:
        reader.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url(""))
        page = reader.page
        page.goto(server.url(f"{PREFIX[language]}briefs/{SEARCH_BRIEF}/"))
        style = page.locator('[data-lead-cite-style="gbt7714"]')
        button = style.get_by_role("button", name="Copy" if language == "en" else "复制", exact=False)
        button.click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == style.locator(".lead-citation").inner_text().strip()
        assert "[R/OL]" in copied
        status = page.locator("[data-lead-cite-status]")
        status.filter(has_text="Citation copied." if language == "en" else "引文已复制。").wait_for()
        assert reader.errors == []
    finally:
        reader.context.close()


def test_without_javascript_every_citation_is_shown_and_no_copy_button(chromium, server):
    reader = open_reader(chromium, java_script_enabled=False)
    try:
        reader.page.goto(server.url(f"briefs/{SEARCH_BRIEF}/"))
        assert reader.page.locator(".lead-cite .lead-citation:visible").count() == 4
        assert reader.page.locator(".lead-cite button:visible").count() == 0
    finally:
        reader.context.close()
