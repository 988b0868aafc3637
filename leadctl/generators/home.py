"""The generated blocks of the hand-written home page, and the network it describes to search engines.

Each block is a marker in docs/index.md (``<!-- lead:pillars -->``…, listed in
``generators/site.py``) and brings its own heading, so the hand-written page
decides their order and arrangement and keeps its own text around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from leadctl.generators.context import PageContext
from leadctl.generators.knowledge import listed_items
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.pictures import members_by_country, render_member_map


def render_pillars(page: PageContext) -> Markup:
    return Markup(page.render("home_pillars.html", pillars=list(page.project.pillars.items())))


def render_numbers(page: PageContext) -> Markup:
    """Members, the countries they are in and this year's events, counted on the day of the build."""
    year = page.settings.today.year
    zone = page.settings.zone
    events = sum(1 for schedule in page.listings.schedules.values() if schedule.sort_key(zone).year == year)
    numbers = [
        (len(page.project.members), page.ui("front_members"), page.link("members/")),
        (len(members_by_country(page.project)), page.ui("front_countries"), page.link("members/")),
        (events, page.ui("front_events_in").format(year=year), page.link("events/")),
    ]
    return Markup(page.render("home_numbers.html", numbers=numbers))


def render_upcoming_events(page: PageContext) -> Markup:
    events = page.listings.upcoming[: page.settings.home_items]
    return Markup(page.render("home_events.html", events=events))


def render_latest_news(page: PageContext) -> Markup:
    return Markup(page.render("home_news.html", news=page.listings.news(page.language)[: page.settings.home_items]))


def render_latest_publications(page: PageContext) -> Markup:
    """The newest works of the knowledge base and policy briefs, in the order the knowledge base lists them."""
    items = listed_items(page)[: page.settings.home_items]
    return Markup(page.render("home_publications.html", items=items))


def render_small_map(page: PageContext) -> Markup:
    return Markup(page.render("home_map.html", picture=render_member_map(page, small=True)))


def structured_data(linked: LinkedData, other_names: Iterable[str] = ()) -> dict[str, Any]:
    """The network as a schema.org Organization; ``other_names`` are its names in the other languages."""
    publisher = linked.publisher
    return with_context(
        {
            "@type": "Organization",
            "@id": publisher.id,
            "name": publisher.name,
            "alternateName": sorted(set(other_names) - {publisher.name}),
            "url": publisher.home,
            "description": publisher.description,
            "inLanguage": linked.language,
        }
    )
