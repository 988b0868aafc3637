"""Event pages and the events listing (upcoming first, then past by year)."""

from __future__ import annotations

from datetime import date, datetime
from itertools import groupby
from typing import Any

from leadctl.base.text import AUDIENCES
from leadctl.records.models import Event
from leadctl.records.project import Project
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import SCHEMA, LinkedData, with_context
from leadctl.generators.members import member_reference
from leadctl.generators.pictures import render_events_chart
from leadctl.generators.search_facets import SearchFacets, countries_of


def render_record(page: PageContext, event_id: str) -> str:
    event: Event = page.project.events[event_id].record  # type: ignore[assignment]
    return render_page(page, "event.html", event.title, event=event, event_id=event_id, schedule=page.listings.schedules[event_id])


def render_listing(page: PageContext) -> str:
    listings = page.listings
    past_by_year = [
        (year, list(ids))
        for year, ids in groupby(listings.past, key=lambda i: listings.schedules[i].sort_key(page.settings.zone).year)
    ]
    return render_page(
        page, "events_index.html", page.ui("events"), upcoming=listings.upcoming, past_by_year=past_by_year, chart=render_events_chart(page)
    )


def search_facets(project: Project, event_id: str) -> SearchFacets:
    event: Event = project.events[event_id].record  # type: ignore[assignment]
    start = event.start.date() if isinstance(event.start, datetime) else event.start
    return SearchFacets(pillars=tuple(event.pillars), countries=countries_of(project, event.organizers), day=start)


def structured_data(linked: LinkedData, event_id: str) -> dict[str, Any] | None:
    """An event as a schema.org Event: when, where (in person, online or both), by whom, for whom."""
    if event_id not in linked.project.events:
        return None
    event: Event = linked.project.events[event_id].record  # type: ignore[assignment]
    schedule = linked.listings.schedules[event_id]
    page = linked.url(f"events/{event_id}/")
    places: list[dict[str, Any]] = []
    if event.location:
        location = linked.text(event.location)
        places.append({"@type": "Place", "name": location, "address": location})
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.url or page})
    if event.online and event.location:
        mode = "MixedEventAttendanceMode"
    elif event.online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    end = schedule.end if schedule.end is not None else (schedule.start if schedule.all_day else None)
    data = {
        "@type": "Event",
        "@id": page + "#event",
        "name": linked.text(event.title),
        "description": linked.text(event.summary),
        "url": page,
        "startDate": _iso(schedule.start),
        "endDate": _iso(end) if end is not None else None,
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/{mode}",
        "location": places[0] if len(places) == 1 else places,
        "organizer": [member_reference(linked, member_id) for member_id in event.organizers],
        "audience": [
            {"@type": "Audience", "audienceType": AUDIENCES[level][linked.language]} for level in event.audience
        ],
        "inLanguage": linked.language,
        "sameAs": event.url,
    }
    return with_context(data)


def _iso(value: date | datetime) -> str:
    """ISO 8601: a date alone for all-day events, else the time with its UTC offset."""
    return value.isoformat()
