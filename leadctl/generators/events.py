"""Event pages and the events listing (upcoming first, then past by year)."""

from __future__ import annotations

from itertools import groupby

from leadctl.records.models import Event
from leadctl.generators.context import PageContext, render_page


def render_record(page: PageContext, event_id: str) -> str:
    event: Event = page.project.events[event_id].record  # type: ignore[assignment]
    return render_page(page, "event.html", event.title, event=event, schedule=page.listings.schedules[event_id])


def render_listing(page: PageContext) -> str:
    listings = page.listings
    past_by_year = [
        (year, list(ids))
        for year, ids in groupby(listings.past, key=lambda i: listings.schedules[i].sort_key(page.settings.zone).year)
    ]
    return render_page(page, "events_index.html", page.ui("events"), upcoming=listings.upcoming, past_by_year=past_by_year)
