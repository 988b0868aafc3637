"""The generated blocks of the hand-written home page, and the network it describes to search engines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from leadctl.generators.context import PageContext
from leadctl.generators.linked_data import LinkedData, with_context


def render_upcoming_events(page: PageContext) -> Markup:
    events = page.listings.upcoming[: page.settings.home_items]
    return Markup(page.render("home_events.html", events=events))


def render_latest_news(page: PageContext) -> Markup:
    return Markup(page.render("home_news.html", news=page.listings.news(page.language)[: page.settings.home_items]))


def render_latest_briefs(page: PageContext) -> Markup:
    return Markup(page.render("home_briefs.html", briefs=page.listings.briefs[: page.settings.home_items]))


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
