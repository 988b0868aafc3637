"""The knowledge base's facets: narrowed in the browser, kept in the address, counted, and a full list without JavaScript."""

from __future__ import annotations

import re

import pytest
from conftest import open_reader
from demo import BRIEFS, WORKS, listed_where
from playwright.sync_api import Page

LABELS = {
    "en": {"kind": "Type", "topic": "Topic", "year": "Year", "language": "Language", "reset": "Show all"},
    "zh": {"kind": "类型", "topic": "主题", "year": "年份", "language": "语种", "reset": "显示全部"},
}
PREFIX = {"en": "", "zh": "zh/"}
EVERYTHING = len(WORKS) + len(BRIEFS)


def shown(page: Page) -> list[str]:
    """Ids of the items shown, from their links (works under knowledge/, briefs under briefs/)."""
    hrefs = page.locator("li.lead-work:visible > a:not(.lead-chip)").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    return sorted(href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs)


def option_text(page: Page, facet: str, value: str) -> str:
    return page.locator(f'select[name="{facet}"] option[value="{value}"]').inner_text()


def status(page: Page) -> str:
    return page.locator("[data-lead-filter-status]").inner_text()


@pytest.fixture(params=["en", "zh"])
def listing(request, reader, server):
    language = request.param
    reader.page.goto(server.url(PREFIX[language] + "knowledge/"))
    return reader.page, language


def test_everything_is_listed_before_filtering(listing):
    page, language = listing
    assert shown(page) == listed_where()
    assert len(shown(page)) == EVERYTHING
    assert str(EVERYTHING) in status(page)


def test_choosing_facets_narrows_the_list_and_recounts_the_other_options(listing):
    page, language = listing
    page.get_by_label(LABELS[language]["kind"], exact=True).select_option("course")
    courses = listed_where(kind="course")
    assert shown(page) == courses and 0 < len(courses) < EVERYTHING
    # Each topic now counts the courses on it.
    assert option_text(page, "topic", "governance").endswith(f"({len(listed_where(kind='course', topic='governance'))})")
    page.get_by_label(LABELS[language]["topic"], exact=True).select_option("governance")
    both = listed_where(kind="course", topic="governance")
    assert shown(page) == both and 0 < len(both) < len(courses)
    assert "kind=course" in page.url and "topic=governance" in page.url
    # The kinds now count what is on the topic chosen.
    assert option_text(page, "kind", "report").endswith(f"({len(listed_where(kind='report', topic='governance'))})")
    assert option_text(page, "kind", "policy-brief").endswith(f"({len(listed_where(kind='policy-brief', topic='governance'))})")


def test_an_address_with_filters_opens_the_list_narrowed(reader, server):
    page = reader.page
    page.goto(server.url("zh/knowledge/?language=zh&year=2025"))
    expected = listed_where(language="zh", year="2025")
    assert shown(page) == expected and 0 < len(expected) < EVERYTHING
    assert page.get_by_label(LABELS["zh"]["year"], exact=True).input_value() == "2025"
    assert re.search(rf"显示 {len(expected)} 份资料，共 {EVERYTHING} 份", status(page))
    # A value the list does not offer is left out, not applied as an empty list.
    page.goto(server.url("knowledge/?kind=novel&topic=leadership"))
    assert shown(page) == listed_where(topic="leadership")
    assert "kind=" not in page.url


def test_show_all_brings_everything_back(listing):
    page, language = listing
    page.get_by_label(LABELS[language]["kind"], exact=True).select_option("leaflet")
    assert shown(page) == listed_where(kind="leaflet")
    page.get_by_role("button", name=LABELS[language]["reset"]).click()
    page.wait_for_function("() => document.querySelectorAll('li.lead-work[hidden]').length === 0")
    assert len(shown(page)) == EVERYTHING
    assert "kind=" not in page.url


@pytest.mark.parametrize("language", ["en", "zh"])
def test_without_javascript_everything_is_listed_and_no_dead_controls_show(chromium, demo_site, server, language):
    plain = open_reader(chromium, java_script_enabled=False)
    try:
        plain.page.goto(server.url(PREFIX[language] + "knowledge/?kind=course"))
        assert len(shown(plain.page)) == EVERYTHING
        assert plain.page.locator("form[data-lead-knowledge-filters]").is_hidden()
        assert plain.page.locator("[data-lead-filter-status]").is_hidden()
    finally:
        plain.context.close()
