"""Accessibility, as axe-core (npm) judges it, on every kind of page in both languages.

Fixed in our overrides so far: the contrast of the footer and of the inactive tabs, links
told apart from text by more than colour (docs/stylesheets/lead.css); one colour scheme
without Material's hidden switch (mkdocs.yml); in the dark scheme a device's preference
brings (overrides/partials/lead-scheme.html), links, outlined buttons and the citations'
copy buttons lighter than Material's indigo (lead.css, citations.css). The search dialog is
checked open, with results, in tests/browser/test_browser_search.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import AXE, PHONE, Reader, open_reader
from demo import SEARCH_BRIEF

PAGES = {
    "home": "",
    "member (institution)": "members/northgate-example-university/",
    "member (individual)": "members/alex-example/",
    "event": "events/autumn-school/",
    "brief": f"briefs/{SEARCH_BRIEF}/",
    "news post": "news/2026-05-10-new-members/",
    "pillar": "pillars/research/",
    "members": "members/",
    "events": "events/",
    "briefs": "briefs/",
    "news": "news/",
    "pillars": "pillars/",
    "knowledge base": "knowledge/",
    "work": "knowledge/governance-report/",
    "topics": "topics/",
    "topic": "topics/governance/",
    "not found": "no-such-page/",
}
BLOCKING = ("serious", "critical")
# In the dark scheme: each kind of page with colours of its own (the front page's blocks, the
# directory's filters and map, the listings' badges and chart, the citation box, the facets).
DARK_PAGES = ("home", "member (institution)", "event", "brief", "members", "events", "knowledge base", "work")


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (scripts/test does)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(node => node.target.join(' ')),
        }))"""
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['targets'])}" for v in violations)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_or_critical_violation(reader, server, kind, language):
    reader.page.goto(server.url(("zh/" if language == "zh" else "") + PAGES[kind]))
    violations = [v for v in axe_violations(reader.page) if v["impact"] in BLOCKING]
    assert not violations, describe(violations)


@pytest.fixture(scope="module")
def dark_reader(chromium, demo_site) -> Iterator[Reader]:
    """A desktop tab on a device that prefers a dark colour scheme."""
    opened = open_reader(chromium, color_scheme="dark")
    try:
        yield opened
    finally:
        opened.context.close()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("kind", DARK_PAGES)
def test_no_serious_or_critical_violation_in_the_dark_scheme(dark_reader, server, kind, language):
    dark_reader.page.goto(server.url(("zh/" if language == "zh" else "") + PAGES[kind]))
    assert dark_reader.page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    violations = [v for v in axe_violations(dark_reader.page) if v["impact"] in BLOCKING]
    assert not violations, describe(violations)


def test_the_filtered_directory_on_a_phone_has_no_serious_violation(chromium, demo_site, server):
    phone = open_reader(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone.page.goto(server.url("zh/members/?kind=individual"))
        assert phone.page.locator("form[data-lead-filters]").is_visible()
        violations = [v for v in axe_violations(phone.page) if v["impact"] in BLOCKING]
        assert not violations, describe(violations)
    finally:
        phone.context.close()
