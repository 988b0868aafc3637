"""Switching language: every kind of page leads to its counterpart, and the choice is kept."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from demo import SEARCH_BRIEF
from playwright.sync_api import Page

# One page of each kind in the browser (hand-written, listing, record, news, untranslated);
# test_every_page_s_switcher_names_its_counterpart covers all pages in the HTML.
PAGES = [
    "",
    "about/",
    "members/",
    "members/alex-example/",
    f"briefs/{SEARCH_BRIEF}/",
    "briefs/english-only-brief/",
    "news/2026-05-10-new-members/",
]
LANGUAGE_PREFIX = {"en": "", "zh": "zh/"}


def switch_language(page: Page, language: str) -> None:
    """Open the header's language menu and choose ``language``, as a reader does."""
    page.locator(".md-select .md-header__button").hover()
    choice = page.locator(f'.md-select a[hreflang="{language}"]')
    with page.expect_navigation(wait_until="domcontentloaded"):
        choice.click()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("start", "target"), [("en", "zh"), ("zh", "en")])
def test_the_switcher_leads_to_the_same_page_in_the_other_language(reader, server, path, start, target):
    reader.page.goto(server.url(LANGUAGE_PREFIX[start] + path))
    assert reader.page.locator("html").get_attribute("lang") == start
    switch_language(reader.page, target)
    assert reader.page.url == server.url(LANGUAGE_PREFIX[target] + path)
    assert reader.page.locator("html").get_attribute("lang") == target


def in_site_links(page: Page) -> list[tuple[str, str | None]]:
    """(absolute URL, hreflang) of every link on the page, the map's SVG links too."""
    links = page.locator("a[href]").evaluate_all(
        "links => links.map(a => [new URL(a.getAttribute('href'), document.baseURI).href, a.getAttribute('hreflang')])"
    )
    return [(url.split("#")[0], hreflang) for url, hreflang in links]


def test_a_reader_who_chose_chinese_stays_in_chinese(reader, server):
    page = reader.page
    page.goto(server.url(""))
    switch_language(page, "zh")
    assert page.url == server.url("zh/")
    visited = [page.url]
    # Through the tabs to the members, a member, one of its pillars, an event of that pillar, home.
    for link in (
        page.locator(".md-tabs").get_by_role("link", name="成员", exact=True),
        page.locator("article table.lead-directory a").filter(has_text="亚历克斯"),
        page.locator("article a.lead-chip").first,
        page.locator("article .lead-events a").first,
        page.locator(".md-header__title, .md-header a.md-logo").first,
    ):
        with page.expect_navigation():
            link.click()
        visited.append(page.url)
        assert page.url.startswith(server.url("zh/")), visited
        assert page.locator("html").get_attribute("lang") == "zh", visited
    assert len(set(visited)) >= 4


@pytest.mark.parametrize("path", ["", "members/", "members/alex-example/", f"briefs/{SEARCH_BRIEF}/", "news/2026-04-02-report/", "about/"])
def test_every_link_on_a_chinese_page_stays_in_chinese_but_the_switcher(reader, server, path):
    reader.page.goto(server.url("zh/" + path))
    leaving = []
    for url, hreflang in in_site_links(reader.page):
        if not url.startswith(server.base) or hreflang == "en":
            continue  # another site (a member's website), or the way back to English
        route = url[len(server.base) :]
        is_page = route == "" or route.endswith("/")
        if is_page and not route.startswith("zh/"):
            leaving.append(url)
    assert not leaving


def test_keyboard_reaches_the_language_switcher_and_the_search(reader, server):
    page = reader.page
    page.goto(server.url(""))
    reached = {"switcher": False, "search": False}
    for _ in range(40):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => {
                const element = document.activeElement;
                return {
                    switcher: !!element.closest('.md-select'),
                    search: element.matches('[data-lead-search-open]'),
                    hreflang: element.getAttribute('hreflang'),
                };
            }"""
        )
        reached["switcher"] |= where["switcher"]
        reached["search"] |= where["search"]
        if where["hreflang"] == "zh":
            break
    assert reached["switcher"], "Tab never reached the language menu"
    # The menu opened for the keyboard: Enter on 中文 switches language.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == urlsplit(server.url("zh/")).path
    # The search comes after the switcher in the header; go on tabbing in Chinese.
    for _ in range(40):
        if reached["search"]:
            break
        page.keyboard.press("Tab")
        reached["search"] = page.evaluate("() => document.activeElement.matches('[data-lead-search-open]')")
    assert reached["search"], "Tab never reached the search button"
    page.keyboard.press("Enter")
    page.keyboard.type("x")
    assert page.locator("[data-lead-search-query]").input_value() == "x"


def test_every_page_s_switcher_names_its_counterpart(demo_site, server):
    """Every page of the sitemap, in both languages: the switcher's links are its hreflang alternates."""
    sitemap = (demo_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    english_pages = [line.strip()[len("<loc>") : -len("</loc>")] for line in sitemap.splitlines() if line.strip().startswith("<loc>")]
    english_pages = [url for url in english_pages if not url.startswith(server.url("zh/"))]
    assert len(english_pages) > 20
    for url in english_pages:
        path = url[len(server.base) :]
        for language, prefix in LANGUAGE_PREFIX.items():
            own = server.url(prefix + path)
            html = demo_site.html(prefix + path)
            switcher = {a["hreflang"]: urljoin(own, a["href"]) for a in html.select(".md-select a[hreflang]")}
            assert switcher == {"en": server.url(path), "zh": server.url("zh/" + path)}, own


def test_the_switcher_link_is_relative_so_previews_on_another_host_work(demo_site):
    page = demo_site.html("members/alex-example/")
    links = {a["hreflang"]: a["href"] for a in page.select(".md-select a[hreflang]")}
    assert links["zh"] == "../../zh/members/alex-example/"
    assert urljoin("http://preview.test/net/members/alex-example/", links["zh"]) == "http://preview.test/net/zh/members/alex-example/"
