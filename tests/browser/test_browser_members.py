"""The members directory: narrowed by kind, country, pillar and name, in both languages."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import open_reader
from demo import MEMBERS, DemoMember, members_where
from playwright.sync_api import Page

LABELS = {
    "en": {"kind": "Type", "country": "Country", "pillar": "Pillar", "name": "Name", "reset": "Show all"},
    "zh": {"kind": "类型", "country": "国家/地区", "pillar": "支柱领域", "name": "名称", "reset": "显示全部"},
}
PREFIX = {"en": "", "zh": "zh/"}


def visible_rows(page: Page) -> list[str]:
    return page.locator("tr.lead-member:visible td:first-child").all_inner_texts()


def shown_name(member: DemoMember, language: str) -> str:
    return member.name_zh if language == "zh" and member.name_zh else member.name_en


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def named(query: str, language: str) -> list[DemoMember]:
    """Members whose name (in the page's language, or in English) contains ``query``."""
    return [m for m in MEMBERS if fold(query) in fold(f"{shown_name(m, language)} {m.name_en}")]


def status(page: Page) -> str:
    return page.locator("[data-lead-filter-status]").inner_text()


def address(page: Page) -> str:
    """The query of the address the page shows."""
    return page.evaluate("() => window.location.search")


@pytest.fixture(params=["en", "zh"])
def directory(request, reader, server):
    language = request.param
    reader.page.goto(server.url(PREFIX[language] + "members/"))
    return reader.page, language


def test_every_member_is_listed_before_filtering(directory):
    page, language = directory
    assert sorted(visible_rows(page)) == sorted(shown_name(m, language) for m in MEMBERS)
    assert str(len(MEMBERS)) in status(page)


def test_filter_by_kind(directory):
    page, language = directory
    page.get_by_label(LABELS[language]["kind"], exact=True).select_option("individual")
    expected = members_where(kind="individual")
    assert sorted(visible_rows(page)) == sorted(shown_name(m, language) for m in expected)
    assert len(expected) < len(MEMBERS)
    # The institutions' table is hidden with its heading, not left empty.
    assert page.locator('section[data-kind="institution"]').is_hidden()
    assert f"{len(expected)}" in status(page) and f"{len(MEMBERS)}" in status(page)


def test_filter_by_country_then_pillar(directory):
    page, language = directory
    page.get_by_label(LABELS[language]["country"], exact=True).select_option("DE")
    in_germany = members_where(country="DE")
    assert sorted(visible_rows(page)) == sorted(shown_name(m, language) for m in in_germany)
    page.get_by_label(LABELS[language]["pillar"], exact=True).select_option("research")
    both = members_where(country="DE", pillar="research")
    assert 0 < len(both) < len(in_germany)
    assert sorted(visible_rows(page)) == sorted(shown_name(m, language) for m in both)


@pytest.mark.parametrize("query", ["example", "RIVERSIDE", "示例", "zhang"])
def test_typing_part_of_a_name(directory, query):
    page, language = directory
    page.get_by_label(LABELS[language]["name"], exact=True).press_sequentially(query)
    expected = named(query, language)
    assert sorted(visible_rows(page)) == sorted(shown_name(m, language) for m in expected)
    assert str(len(expected)) in status(page)


def test_no_match_says_so_and_show_all_brings_everyone_back(directory):
    page, language = directory
    page.get_by_label(LABELS[language]["name"], exact=True).fill("nobody-is-called-this")
    assert visible_rows(page) == []
    assert status(page).startswith("Showing 0" if language == "en" else "显示 0")
    page.get_by_role("button", name=LABELS[language]["reset"]).click()
    page.wait_for_function("() => document.querySelectorAll('tr.lead-member[hidden]').length === 0")
    assert len(visible_rows(page)) == len(MEMBERS)


def test_show_all_clears_the_filters_from_the_address_too(directory):
    page, language = directory
    page.get_by_label(LABELS[language]["kind"], exact=True).select_option("institution")
    page.get_by_label(LABELS[language]["name"], exact=True).fill("example")
    # Read in the page: Playwright's page.url can lag behind history.replaceState.
    assert address(page) == "?kind=institution&name=example"
    # From the keyboard, as the reader who tabbed to the button would.
    page.get_by_role("button", name=LABELS[language]["reset"]).press("Enter")
    page.wait_for_function("() => document.querySelectorAll('tr.lead-member[hidden]').length === 0")
    assert address(page) == ""
    assert page.get_by_label(LABELS[language]["name"], exact=True).input_value() == ""


def test_the_filters_are_kept_in_the_address(directory, server):
    page, language = directory
    page.get_by_label(LABELS[language]["kind"], exact=True).select_option("institution")
    page.get_by_label(LABELS[language]["country"], exact=True).select_option("CN")
    assert "kind=institution" in page.url and "country=CN" in page.url
    page.reload()
    expected = members_where(kind="institution", country="CN")
    assert sorted(visible_rows(page)) == sorted(shown_name(m, language) for m in expected)
    assert page.get_by_label(LABELS[language]["country"], exact=True).input_value() == "CN"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_without_javascript_every_member_is_listed_and_no_dead_controls_show(chromium, demo_site, server, language):
    plain = open_reader(chromium, java_script_enabled=False)
    try:
        plain.page.goto(server.url(PREFIX[language] + "members/"))
        assert len(visible_rows(plain.page)) == len(MEMBERS)
        assert plain.page.locator("form[data-lead-filters]").is_hidden()
        assert plain.page.locator("[data-lead-filter-status]").is_hidden()
    finally:
        plain.context.close()
