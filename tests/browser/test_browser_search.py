"""Search as a reader uses it: the header's button, the dialog, the index of each language.

The words searched for are in demo records' programmes and summaries (tests/browser/demo.py);
the filter values and counts expected are computed from the same records.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import PHONE, open_reader
from demo import (
    EVENTS,
    SEARCH_BODY_WORD_EN,
    SEARCH_BODY_WORD_ZH,
    SEARCH_BRIEF,
    SEARCH_EVENT,
    SEARCH_NAME,
    SEARCH_WORD_EN,
)
from playwright.sync_api import Page, expect
from test_browser_accessibility import BLOCKING, axe_violations, describe

from leadctl.base.text import ui
from leadctl.writers.search import index_language

DIALOG = "dialog.lead-search"
IDLE = "() => { const o = document.querySelector('[data-lead-search-output]'); return o && !o.hasAttribute('aria-busy'); }"


def open_search(page: Page) -> None:
    page.locator("[data-lead-search-open]").click()
    expect(page.locator(DIALOG)).to_be_visible()


def wait_for_results(page: Page) -> None:
    page.wait_for_function(IDLE)


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` in the open dialog; the absolute URLs of the results shown."""
    page.locator("[data-lead-search-query]").fill(query)
    wait_for_results(page)
    return result_urls(page)


def result_urls(page: Page) -> list[str]:
    hrefs = page.locator(".lead-search__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [urljoin(page.url, href) for href in hrefs]


def page_of(url: str) -> str:
    """The page a result leads to, without the words to highlight (?highlight=…) and the section."""
    return urlsplit(url)._replace(query="", fragment="").geturl()


def status(page: Page) -> str:
    return page.locator("[data-lead-search-status]").inner_text()


def tick(page: Page, key: str, value: str) -> None:
    page.locator(f'[data-lead-search-group="{key}"] label').filter(has_text=value).locator("input").check()
    wait_for_results(page)


def count_beside(page: Page, key: str, value: str) -> int:
    label = page.locator(f'[data-lead-search-group="{key}"] label').filter(has_text=value)
    return int(label.locator(".lead-search__count").inner_text().strip("()"))


def test_the_index_is_fetched_only_when_search_is_opened(reader, server):
    reader.page.goto(server.url("zh/"))
    reader.page.wait_for_load_state("load")
    assert not [url for url in reader.requests if "/search/" in url or "search-engine" in url]
    open_search(reader.page)
    wait_for_results(reader.page)
    assert server.url("zh/search/index.json") in reader.requests


def test_the_chinese_site_finds_words_of_a_programme_names_and_mixed_queries(reader, server):
    event = EVENTS[SEARCH_EVENT]
    body = event["body"]["zh"]
    assert SEARCH_BODY_WORD_ZH in body[3:] and SEARCH_BODY_WORD_ZH not in event["summary"]["zh"]
    reader.page.goto(server.url("zh/"))
    open_search(reader.page)
    expected = server.url(f"zh/events/{SEARCH_EVENT}/")
    for query in (SEARCH_BODY_WORD_ZH, "LEAD2 培训", SEARCH_NAME):
        found = search(reader.page, query)
        assert expected in [page_of(url) for url in found], (query, found)
        # Chinese pages only, and said in Chinese.
        assert all(url.startswith(server.url("zh/")) for url in found), found
        assert re.fullmatch(r"\d+ 个结果", status(reader.page)), status(reader.page)
    assert server.url("zh/members/robin-sample/") in [page_of(url) for url in found]
    # A post not yet translated: its title and text are marked as English, as on its own page.
    search(reader.page, "annual report")
    post = reader.page.locator(".lead-search__result").filter(has=reader.page.locator('a[href*="/zh/news/2026-04-02-report/"]'))
    expect(post.locator(".lead-search__link")).to_have_attribute("lang", "en")
    expect(post.locator('.lead-search__excerpt mark[lang="en"]').first).to_have_text(re.compile("annual|report", re.I))
    # A result: its title linked, its kind, the words found marked in its excerpt.
    search(reader.page, SEARCH_BODY_WORD_ZH)
    result = reader.page.locator(".lead-search__result").filter(
        has=reader.page.locator(f'a[href*="/zh/events/{SEARCH_EVENT}/"]'))
    expect(result.locator(".lead-search__link")).to_have_text(event["title"]["zh"])
    expect(result.locator(".lead-search__kind")).to_have_text(ui("kind_events", "zh"))
    marked = result.locator(".lead-search__excerpt mark").all_inner_texts()
    assert marked and all(text.strip() in SEARCH_BODY_WORD_ZH for text in marked), marked
    assert result.locator("[lang]").count() == 0  # all of it in the page's own language


def test_the_english_site_finds_a_word_of_a_programme_and_english_pages_only(reader, server):
    reader.page.goto(server.url(""))
    open_search(reader.page)
    found = search(reader.page, SEARCH_BODY_WORD_EN)
    assert server.url(f"events/{SEARCH_EVENT}/") in [page_of(url) for url in found], found
    found = search(reader.page, SEARCH_WORD_EN)
    assert server.url(f"briefs/{SEARCH_BRIEF}/") in [page_of(url) for url in found], found
    assert not [url for url in found if url.startswith(server.url("zh/"))], found
    assert status(reader.page) == (f"{len(found)} result" if len(found) == 1 else f"{len(found)} results")
    # A search still under way when the reader types on is not shown over the newer one.
    reader.page.locator("[data-lead-search-query]").fill("network")
    reader.page.wait_for_timeout(200)  # past the debounce: "network" is being searched
    found = search(reader.page, SEARCH_BODY_WORD_EN)
    assert [page_of(url) for url in found] == [server.url(f"events/{SEARCH_EVENT}/")], found
    # Ten at a time: "more" adds the next ten and takes the focus to the first of them.
    search(reader.page, "network")  # every institution's description says it
    total = int(status(reader.page).split()[0])
    assert total > 10, status(reader.page)
    more = reader.page.locator("[data-lead-search-more]")
    assert reader.page.locator(".lead-search__result").count() == 10
    shown = 10
    while shown < total:
        more.click()
        expect(reader.page.locator(".lead-search__link").nth(shown)).to_be_focused()
        shown = min(shown + 10, total)
        expect(reader.page.locator(".lead-search__result")).to_have_count(shown)
    expect(more).to_be_hidden()
    reader.page.locator("[data-lead-search-query]").fill("zzqxnotaword")
    wait_for_results(reader.page)
    assert status(reader.page) == "Nothing found for “zzqxnotaword”."
    assert reader.page.locator(".lead-search__result").count() == 0


def test_filters_combine_and_their_counts_follow(reader, server):
    event_label = ui("kind_events", "en")
    years = Counter(fields["start"][:4] for fields in EVENTS.values())
    year, only = min(years.items(), key=lambda item: item[1])
    reader.page.goto(server.url(""))
    open_search(reader.page)
    wait_for_results(reader.page)
    # No words, one kind: every event.
    tick(reader.page, "kind", event_label)
    assert len(result_urls(reader.page)) == len(EVENTS)
    assert status(reader.page) == f"{len(EVENTS)} results"
    for each_year, n in years.items():
        assert count_beside(reader.page, "year", each_year) == n
    # And a year: the events of that year; the kind's count is now that of the year.
    tick(reader.page, "year", year)
    found = result_urls(reader.page)
    assert len(found) == only
    assert server.url(f"events/{SEARCH_EVENT}/") in [page_of(url) for url in found]
    assert count_beside(reader.page, "kind", event_label) == only
    # A second year of the same key widens (OR), it does not narrow.
    other = next(each for each in years if each != year)
    tick(reader.page, "year", other)
    assert len(result_urls(reader.page)) == only + years[other]
    # Words narrow the filtered list further.
    found = search(reader.page, SEARCH_BODY_WORD_EN)
    assert [page_of(url) for url in found] == [server.url(f"events/{SEARCH_EVENT}/")]
    reader.page.locator("[data-lead-search-clear]").click()
    wait_for_results(reader.page)
    assert reader.page.locator("[data-lead-search-clear]").is_hidden()


def test_newest_and_oldest_first_order_by_date(reader, server):
    by_date = sorted(EVENTS, key=lambda event_id: EVENTS[event_id]["start"])
    reader.page.goto(server.url(""))
    open_search(reader.page)
    tick(reader.page, "kind", ui("kind_events", "en"))
    for order, expected in (("desc", by_date[::-1]), ("asc", by_date)):
        reader.page.locator("[data-lead-search-sort]").select_option(order)
        wait_for_results(reader.page)
        assert [page_of(url) for url in result_urls(reader.page)] == [server.url(f"events/{e}/") for e in expected]


def test_the_keyboard_opens_walks_and_closes_the_dialog(reader, server):
    page = reader.page
    page.goto(server.url("zh/"))
    page.locator("body").press("/")
    expect(page.locator(DIALOG)).to_be_visible()
    expect(page.locator("[data-lead-search-query]")).to_be_focused()
    page.keyboard.type(SEARCH_BODY_WORD_ZH)
    wait_for_results(page)
    page.keyboard.press("Tab")
    expect(page.locator("[data-lead-search-sort]")).to_be_focused()
    # On to the filters and through them to the first result.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('lead-search__link')"):
            break
    else:
        pytest.fail("Tab never reached a result")
    page.keyboard.press("Escape")
    expect(page.locator(DIALOG)).to_be_hidden()
    expect(page.locator("[data-lead-search-open]")).to_be_focused()
    page.keyboard.press("s")
    expect(page.locator(DIALOG)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(DIALOG)).to_be_hidden()


def test_a_result_opens_its_page_with_the_words_marked(reader, server):
    reader.page.goto(server.url(""))
    open_search(reader.page)
    search(reader.page, SEARCH_BODY_WORD_EN)
    reader.page.locator(".lead-search__link", has_text=EVENTS[SEARCH_EVENT]["title"]["en"]).click()
    reader.page.wait_for_url(f"**/events/{SEARCH_EVENT}/?highlight=*")
    marks = reader.page.locator("[data-search-body] mark.lead-search-highlight")
    expect(marks.first).to_have_text(SEARCH_BODY_WORD_EN)


def test_a_stale_index_is_said_while_serve_rebuilds_it(reader, server):
    """Under ``leadctl serve`` the partial names a status file; the dialog reads it at each opening."""
    state = {"state": "updating"}
    reader.page.route("**/search-status.json", lambda route: route.fulfill(json=state))
    try:
        reader.page.goto(server.url("zh/"))
        reader.page.locator(DIALOG).evaluate("(dialog, address) => { dialog.dataset.status = address; }",
                                             server.url("search-status.json"))
        notice = reader.page.locator("[data-lead-search-notice]")
        open_search(reader.page)
        expect(notice).to_have_text(ui("search_stale", "zh"))
        reader.page.keyboard.press("Escape")
        state["state"] = "ready"
        open_search(reader.page)
        expect(notice).to_be_hidden()
    finally:
        reader.page.unroute("**/search-status.json")


def test_an_open_dialog_searches_the_index_of_a_site_redeployed_under_it(reader, server, demo_site, tmp_path):
    """A reader keeps the dialog open while a new version of the site is published: the files its
    index named are gone, and the next search finds what the new site holds instead of failing."""
    reader.page.goto(server.url(""))
    open_search(reader.page)
    assert search(reader.page, SEARCH_BODY_WORD_EN)
    # The new version: the same pages, one of them with a word none had, indexed as a build does.
    published = tmp_path / "published"
    shutil.copytree(demo_site.site_dir, published, ignore=shutil.ignore_patterns("zh", "search"))
    event_page = published / "events" / SEARCH_EVENT / "index.html"
    html = event_page.read_text(encoding="utf-8")
    event_page.write_text(html.replace(SEARCH_BODY_WORD_EN, f"{SEARCH_BODY_WORD_EN} zanzibarite", 1), encoding="utf-8")
    index_language(published, ("zh",))

    def new_bundle(route):
        name = urlsplit(route.request.url).path.removeprefix("/net/search/")
        file = published / "search" / name
        if file.is_file():
            route.fulfill(path=file, content_type="application/json")
        else:
            route.fulfill(status=404, body="not found")

    reader.page.route("**/net/search/**", new_bundle)
    try:
        found = search(reader.page, "zanzibarite")
        assert [page_of(url) for url in found] == [server.url(f"events/{SEARCH_EVENT}/")], status(reader.page)
        assert status(reader.page) != ui("search_failed", "en")
    finally:
        reader.page.unroute("**/net/search/**")


def test_a_search_that_cannot_load_says_so_and_the_next_one_tries_again(reader, server):
    """Offline, or the site half published: the reader is told in their language, and searching
    again once the files can be had works without reloading the page."""
    reader.page.goto(server.url("zh/"))
    reader.page.route("**/net/zh/search/**", lambda route: route.abort())
    try:
        open_search(reader.page)
        assert search(reader.page, SEARCH_BODY_WORD_ZH) == []
        expect(reader.page.locator("[data-lead-search-status]")).to_have_text(ui("search_failed", "zh"))
    finally:
        reader.page.unroute("**/net/zh/search/**")
    reader.page.locator("[data-lead-search-query]").fill("")
    found = search(reader.page, SEARCH_BODY_WORD_ZH)
    assert server.url(f"zh/events/{SEARCH_EVENT}/") in [page_of(url) for url in found]


def test_the_chinese_not_found_page_searches_the_chinese_index(reader, server):
    reader.page.goto(server.url("zh/some/missing/page"))
    open_search(reader.page)
    found = search(reader.page, SEARCH_BODY_WORD_ZH)
    assert server.url(f"zh/events/{SEARCH_EVENT}/") in [page_of(url) for url in found], found
    assert all(url.startswith(server.url("zh/")) for url in found), found


@pytest.mark.parametrize(("preference", "scheme"), [("light", "default"), ("dark", "slate")])
def test_the_open_dialog_with_results_has_no_serious_violation(reader, server, preference, scheme):
    """In the scheme a device that prefers light or dark colours gets (overrides/partials/lead-scheme.html)."""
    reader.page.emulate_media(color_scheme=preference)
    try:
        reader.page.goto(server.url("zh/"))
        assert reader.page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == scheme
        open_search(reader.page)
        search(reader.page, "LEAD2 培训")
        assert reader.page.locator(".lead-search__excerpt mark").count() > 0
        violations = [v for v in axe_violations(reader.page) if v["impact"] in BLOCKING]
        assert not violations, describe(violations)
    finally:
        reader.page.emulate_media(color_scheme="light")


def test_every_request_stayed_on_the_site(reader, server):
    """After everything above: the engine and the index all come from the site itself."""
    assert [url for url in reader.requests if "/search/terms/" in url]
    strangers = [url for url in reader.requests if not url.startswith(server.origin + "/") and not url.startswith("data:")]
    assert not strangers, strangers


def test_on_a_phone_the_button_shows_and_the_dialog_fills_the_screen(chromium, demo_site, server):
    phone = open_reader(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = phone.page
        page.goto(server.url("zh/"))
        button = page.locator("[data-lead-search-open]")
        expect(button).to_be_visible()
        button.tap()
        dialog = page.locator(DIALOG)
        expect(dialog).to_be_visible()
        box = dialog.bounding_box()
        assert box["width"] >= PHONE["width"] - 1 and box["height"] >= PHONE["height"] - 1, box
        found = search(page, SEARCH_BODY_WORD_ZH)
        assert server.url(f"zh/events/{SEARCH_EVENT}/") in [page_of(url) for url in found]
        first = page.locator(".lead-search__link").first
        expect(first).to_be_in_viewport()
        # The filters fold away on a phone, and open on demand.
        filters = page.locator("[data-lead-search-filters]")
        assert not filters.evaluate("details => details.open")
        filters.locator("summary").tap()
        expect(page.locator('[data-lead-search-group="kind"]')).to_be_visible()
        page.locator("[data-lead-search-close]").tap()
        expect(dialog).to_be_hidden()
        assert not phone.errors, phone.errors
    finally:
        phone.context.close()


SHIFTS = """() => { window.__shifts = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push({ value: entry.value,
      nodes: entry.sources.map((source) => source.node ? (source.node.className || source.node.nodeName) : "?") });
  } }).observe({ type: "layout-shift", buffered: true }); }"""


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_nothing_on_screen_moves_while_the_index_loads(chromium, demo_site, server, viewport):
    """On a slow connection: the dialog opens at once, says it is loading, and what the reader
    sees stays in place while the index, the first results and the filters' counts arrive."""
    tab = open_reader(chromium, **({"viewport": viewport} if viewport else {}))
    try:
        page = tab.page
        page.route("**/net/search/**", lambda route: (page.wait_for_timeout(700), route.continue_()))
        page.goto(server.url(""))
        page.evaluate(SHIFTS)
        page.locator("[data-lead-search-open]").click()
        field = page.locator("[data-lead-search-query]")
        before = field.bounding_box()
        field.press_sequentially(SEARCH_WORD_EN[:4])
        expect(page.locator("[data-lead-search-status]")).to_have_text(ui("search_loading", "en"))
        wait_for_results(page)
        assert result_urls(page)
        # The filters' values come after the first results.
        expect(page.locator('[data-lead-search-group="kind"]')).to_be_attached()
        page.wait_for_function("() => !document.querySelector('[data-lead-search-group=\"kind\"]').hidden")
        page.wait_for_timeout(300)
        assert field.bounding_box() == before
        shifts = page.evaluate("window.__shifts")
        assert sum(shift["value"] for shift in shifts) < 0.01, shifts
    finally:
        tab.context.close()
