"""Search as a reader uses it: a Chinese word in the middle of a sentence, and English."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from demo import BRIEFS, SEARCH_BRIEF, SEARCH_WORD_EN, SEARCH_WORD_ZH
from playwright.sync_api import Page


def page_of(url: str) -> str:
    """The page a result leads to, without the section (#…) and the words to highlight (?h=…)."""
    return urlsplit(url)._replace(query="", fragment="").geturl()


def type_query(page: Page, query: str) -> None:
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)  # as an input method commits a word...
    box.press("End")  # ...then a key goes up: Material searches on keyup


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` into the header's search box; the absolute URLs of the results."""
    type_query(page, query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="attached")
    return [urljoin(page.url, href) for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def test_a_chinese_word_inside_a_sentence_finds_the_brief_from_the_chinese_site(reader, server):
    assert SEARCH_WORD_ZH in BRIEFS[SEARCH_BRIEF]["summary"]["zh"][3:]  # not at the start of the text
    reader.page.goto(server.url("zh/"))
    found = search(reader.page, SEARCH_WORD_ZH)
    pages = [page_of(url) for url in found]
    assert server.url(f"zh/briefs/{SEARCH_BRIEF}/") in pages, found
    # The index holds the words jieba found, joined by zero-width spaces.
    titles = [text.replace("\u200b", "") for text in reader.page.locator(".md-search-result__item").all_inner_texts()]
    assert any(BRIEFS[SEARCH_BRIEF]["title"]["zh"] in title for title in titles), titles


def test_english_search_finds_the_english_brief(reader, server):
    reader.page.goto(server.url(""))
    found = search(reader.page, SEARCH_WORD_EN)
    pages = [page_of(url) for url in found]
    assert server.url(f"briefs/{SEARCH_BRIEF}/") in pages, found


def test_a_word_that_is_nowhere_finds_nothing(reader, server):
    reader.page.goto(server.url("zh/"))
    type_query(reader.page, "不存在的词语xyz")
    meta = reader.page.locator(".md-search-result__meta")
    meta.filter(has_text="没有").wait_for()  # Material's Chinese "no matching documents"
    assert reader.page.locator(".md-search-result__item").count() == 0
