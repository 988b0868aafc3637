"""The generated blocks of the hand-written home page."""

from __future__ import annotations

from markupsafe import Markup

from leadctl.generators.context import PageContext


def render_upcoming_events(page: PageContext) -> Markup:
    events = page.listings.upcoming[: page.settings.home_items]
    return Markup(page.render("home_events.html", events=events))


def render_latest_news(page: PageContext) -> Markup:
    return Markup(page.render("home_news.html", news=page.listings.news(page.language)[: page.settings.home_items]))


def render_latest_briefs(page: PageContext) -> Markup:
    return Markup(page.render("home_briefs.html", briefs=page.listings.briefs[: page.settings.home_items]))
