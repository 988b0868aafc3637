"""The front page, the members map and the events chart, read in Chromium on a desk and on a phone."""

from __future__ import annotations

import pytest
from conftest import DESKTOP, PHONE, open_reader
from demo import MEMBERS, members_where
from test_browser_accessibility import BLOCKING, axe_violations, describe

PREFIX = {"en": "", "zh": "zh/"}


def country_codes() -> list[str]:
    return sorted({member.country for member in MEMBERS})


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_front_page_fits_the_screen_without_an_empty_sidebar(chromium, demo_site, server, screen, language):
    reader = open_reader(chromium, viewport=screen, is_mobile=screen is PHONE, has_touch=screen is PHONE)
    page = reader.page
    try:
        page.goto(server.url(PREFIX[language]))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than the screen"
        # On a desk neither sidebar takes room; on a phone the navigation stays in the drawer.
        assert not page.locator(".md-sidebar--secondary").is_visible()
        if screen is DESKTOP:
            assert not page.locator(".md-sidebar--primary").is_visible()
            content = page.locator(".md-content").bounding_box()
            assert content["width"] > 900
        # The blocks a visitor finds a way in by, each as wide as the screen allows, none cut off.
        for block in (".lead-front-numbers", ".lead-front-pillars", ".lead-front-events", ".lead-front-map",
                      ".lead-front-news", ".lead-front-publications"):
            box = page.locator(block).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen["width"], block
        map_box = page.locator(".lead-front-map svg").bounding_box()
        assert map_box["height"] > 80
        assert not reader.errors
        assert all(request.startswith(server.origin) for request in reader.requests)
    finally:
        reader.context.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_country_on_the_front_page_map_opens_the_directory_narrowed_to_it(reader, server, language):
    page = reader.page
    page.goto(server.url(PREFIX[language]))
    page.locator('.lead-front-map svg a[data-lead-country="DE"]').click()
    page.wait_for_url("**/members/?country=DE")
    assert page.locator("#lead-filter-country").input_value() == "DE"
    shown = page.locator("tr.lead-member:visible").count()
    assert shown == len(members_where(country="DE"))


def test_a_country_on_the_members_page_map_narrows_the_directory_in_place(reader, server):
    page = reader.page
    page.goto(server.url("members/"))
    assert page.locator("tr.lead-member:visible").count() == len(MEMBERS)
    page.evaluate("() => { window.__notReloaded = true; }")
    page.locator('figure.lead-map svg a[data-lead-country="CN"]').click()
    page.wait_for_function("() => document.querySelector('#lead-filter-country').value === 'CN'")
    assert page.evaluate("() => window.__notReloaded === true"), "the page was loaded again"
    assert page.locator("tr.lead-member:visible").count() == len(members_where(country="CN"))
    assert page.url.endswith("members/?country=CN")
    # The list under the map does the same.
    page.locator('.lead-map__list a[data-lead-country="NL"]').click()
    page.wait_for_function("() => document.querySelector('#lead-filter-country').value === 'NL'")
    assert page.locator("tr.lead-member:visible").count() == len(members_where(country="NL"))


def test_every_member_country_is_on_the_map(reader, server):
    page = reader.page
    page.goto(server.url("members/"))
    drawn = page.locator("figure.lead-map svg a[data-lead-country]")
    assert sorted(drawn.evaluate_all("links => links.map(a => a.dataset.leadCountry)")) == country_codes()
    for index in range(drawn.count()):
        box = drawn.nth(index).bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0


@pytest.mark.parametrize("path", ["", "zh/", "members/", "zh/events/"])
def test_no_serious_violation_on_a_phone(chromium, demo_site, server, path):
    phone = open_reader(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone.page.goto(server.url(path))
        violations = [v for v in axe_violations(phone.page) if v["impact"] in BLOCKING]
        assert not violations, describe(violations)
    finally:
        phone.context.close()


def test_the_chart_numbers_open_as_a_table(reader, server):
    page = reader.page
    page.goto(server.url("events/"))
    table = page.locator(".lead-chart table")
    assert not table.is_visible()
    page.locator(".lead-chart summary").click()
    assert table.is_visible()
    years = table.locator("tbody th").all_inner_texts()
    assert years == sorted(years) and "2026" in years


@pytest.mark.parametrize("language", ["en", "zh"])
def test_country_names_on_the_map_do_not_cover_one_another(reader, server, language):
    page = reader.page
    page.goto(server.url(PREFIX[language] + "members/"))
    labels = page.locator("figure.lead-map svg text")
    boxes = [labels.nth(index).bounding_box() for index in range(labels.count())]
    assert len(boxes) >= 2
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
            assert apart, (a, b)


def test_on_a_phone_the_front_page_keeps_the_navigation_in_the_drawer(chromium, demo_site, server):
    phone = open_reader(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = phone.page
        page.goto(server.url(""))
        page.locator('label.md-header__button[for="__drawer"]').click()
        members = page.locator('.md-sidebar--primary a.md-nav__link[href$="members/"]')
        members.wait_for(state="visible")
        box = members.bounding_box()
        assert box is not None and 0 <= box["x"] < PHONE["width"]
    finally:
        phone.context.close()
