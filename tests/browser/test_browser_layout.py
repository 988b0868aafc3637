"""Phone and desktop layouts: screenshots to look at, and what can be checked without eyes.

The screenshots are saved under the session's temporary folder
(``<pytest tmp>/screenshots*/``, e.g. ``zh-members-phone.png``); open them
when the layout changes.
"""

from __future__ import annotations

import pytest
from conftest import DESKTOP, PHONE, open_reader
from demo import SEARCH_BRIEF

PAGES = {
    "home": "",
    "members": "members/",
    "brief": f"briefs/{SEARCH_BRIEF}/",
    "event": "events/autumn-school/",
    "member": "members/northgate-example-university/",
}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_pages_fit_the_screen(chromium, demo_site, server, screenshots, screen, language):
    on_phone = screen == "phone"
    reader = open_reader(chromium, viewport=SCREENS[screen], is_mobile=on_phone, has_touch=on_phone)
    page = reader.page
    try:
        for name, path in PAGES.items():
            page.goto(server.url(("zh/" if language == "zh" else "") + path), wait_until="load")
            page.screenshot(path=screenshots / f"{language}-{name}-{screen}.png", full_page=True)
            # Nothing wider than the screen: no sideways scrolling of the whole page.
            overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{language} {name} on a {screen} is {overflow}px wider than the screen"
            heading = page.locator("article h1").first
            assert heading.is_visible()
            box = heading.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= SCREENS[screen]["width"]
            # The ways to move on are at hand: the menu (phone) or the tabs (desktop), search, language.
            if on_phone:
                assert page.locator('label.md-header__button[for="__drawer"]').is_visible()
            else:
                assert page.locator(".md-tabs").is_visible()
            assert page.locator("[data-lead-search-open]:visible").count() == 1
            assert page.locator(".md-select .md-header__button").is_visible()
    finally:
        reader.context.close()


def test_the_directory_scrolls_inside_its_frame_on_a_phone(chromium, demo_site, server):
    phone = open_reader(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone.page.goto(server.url("members/"))
        form = phone.page.locator("form[data-lead-filters]")
        assert form.is_visible()
        box = form.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
        # Each control is big enough to touch.
        for control in phone.page.locator("form[data-lead-filters] select, form[data-lead-filters] input").all():
            size = control.bounding_box()
            assert size is not None and size["height"] >= 24
    finally:
        phone.context.close()
