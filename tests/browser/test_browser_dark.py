"""The dark scheme: Material's slate for readers whose device asks for a dark one, with no switch.

overrides/partials/lead-scheme.html chooses the scheme as the body opens and follows the
preference while the page is open. Paper keeps dark text on white whatever the screen's scheme:
Material's slate and the site's corrections to it (lead.css, front.css) are for screens only.
Accessibility in the dark scheme, contrast included, is checked with the rest in
test_browser_accessibility.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import Reader, open_reader
from test_browser_accessibility import PAGES

KINDS = ("home", "member (institution)", "event", "brief", "members", "knowledge base", "work")
PREFIX = {"en": "", "zh": "zh/"}
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


@pytest.fixture(scope="module")
def readers(chromium, demo_site) -> Iterator[dict[str, Reader]]:
    """A tab whose device prefers light and one whose device prefers dark."""
    opened = {preference: open_reader(chromium, color_scheme=preference) for preference in ("light", "dark")}
    try:
        yield opened
    finally:
        for reader in opened.values():
            reader.context.close()


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("preference", "scheme"), [("light", "default"), ("dark", "slate")])
def test_the_page_takes_the_scheme_the_device_prefers(readers, server, preference, scheme, kind, language):
    reader = readers[preference]
    reader.page.goto(server.url(PREFIX[language] + PAGES[kind]))
    assert reader.page.evaluate(SCHEME) == scheme
    # Chosen by the body's first element, before anything of the page can be painted.
    assert reader.page.evaluate("() => document.body.firstElementChild.localName") == "script"
    assert not reader.errors
    assert all(url.startswith(server.origin + "/") for url in reader.requests)


def test_the_scheme_follows_the_preference_while_the_page_is_open(chromium, demo_site, server):
    reader = open_reader(chromium, color_scheme="light")
    page = reader.page
    try:
        page.goto(server.url("events/"))
        assert page.evaluate(SCHEME) == "default"
        light_background = background(page)
        page.emulate_media(color_scheme="dark")
        page.wait_for_function(SCHEME + " === 'slate'")
        assert luminance(background(page)) < 0.05
        page.emulate_media(color_scheme="light")
        page.wait_for_function(SCHEME + " === 'default'")
        assert background(page) == light_background
        assert not reader.errors
    finally:
        reader.context.close()


def test_without_javascript_a_dark_preference_keeps_the_light_scheme(chromium, demo_site, server):
    reader = open_reader(chromium, color_scheme="dark", java_script_enabled=False)
    try:
        reader.page.goto(server.url("briefs/"))
        assert reader.page.evaluate(SCHEME) == "default"
    finally:
        reader.context.close()


@pytest.mark.parametrize("kind", ["brief", "work"])
def test_a_page_printed_from_a_dark_screen_is_dark_text_on_white(chromium, demo_site, server, kind):
    reader = open_reader(chromium, color_scheme="dark")
    page = reader.page
    try:
        page.goto(server.url(PAGES[kind]))
        page.emulate_media(media="print", color_scheme="dark")
        assert page.evaluate(SCHEME) == "slate"  # still the dark scheme: only the stylesheets keep it off paper
        paper = background(page)
        assert luminance(paper) > 0.95, paper
        for text in (".md-content h1", ".md-content h2", ".md-content .md-typeset p", ".lead-citation", ".lead-facts dd a"):
            color = page.locator(text).first.evaluate("element => getComputedStyle(element).color")
            assert contrast(color, paper) >= 4.5, f"{text}: {color} on {paper}"
    finally:
        reader.context.close()


def background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


def channels(color: str) -> tuple[float, float, float, float]:
    numbers = [float(number) for number in re.findall(r"[\d.]+", color)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def luminance(color: str) -> float:
    red, green, blue, _ = channels(color)
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in (red / 255, green / 255, blue / 255)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(color: str, background: str) -> float:
    """WCAG's contrast ratio of a colour, translucent or not, laid on an opaque background."""
    red, green, blue, alpha = channels(color)
    under = channels(background)
    laid = [alpha * value + (1 - alpha) * base for value, base in zip((red, green, blue), under[:3])]
    lighter, darker = sorted((luminance(f"rgb({laid[0]}, {laid[1]}, {laid[2]})"), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
