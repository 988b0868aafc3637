"""Event calendars (iCalendar): the whole programme, one file per event, and one per training programme.

Each language has its own calendar (``events/calendar.ics``) and one file
per event (``events/<id>/event.ics``, linked as "add to calendar" from the
event page), with the titles and texts of that language where translated.
A training programme with a schedule is one recurring event (RRULE, EXDATE)
in the programme's own zone, so that a calendar app shows every session at
its local time across clock changes: in the whole calendar, and in its own
file ``programmes/<id>/programme.ics``, linked from the programme's page.
An event keeps the same UID in every file and language, so a calendar that
receives it twice updates it instead of showing it twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar, Event as CalendarEvent, Timezone, vRecur

from leadctl.writers.feeds import titled
from leadctl.records.models import Event, LocalizedText, Programme
from leadctl.records.schedule import Schedule
from leadctl.records.series import NTH_NUMBERS, Series
from leadctl.generators.programmes import PROGRAMME_CALENDAR_FILE
from leadctl.generators.site import Site
from leadctl.base.text import EVENT_KINDS, ui
from leadctl.base.urls import listing_path, record_path

CALENDAR_FILE = "calendar.ics"
EVENT_FILE = "event.ics"
"""Name of a single event's calendar file, beside its page (the event template links it)."""
PRODUCT_ID = "-//LEAD Academic Network//leadctl//EN"

# Control characters are not allowed in iCalendar text (RFC 5545, 3.3.11);
# line breaks are kept and escaped by the library.
_NOT_ICALENDAR = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def calendar_path(event_id: str | None = None) -> str:
    """Where a calendar file lives, relative to a language's root."""
    return listing_path("events") + CALENDAR_FILE if event_id is None else record_path("events", event_id) + EVENT_FILE


def event_uid(event_id: str, base_url: str) -> str:
    return f"{event_id}@{urlsplit(base_url).hostname or 'localhost'}"


def _text(value: str) -> str:
    return _NOT_ICALENDAR.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _localized(value: LocalizedText, language: str) -> tuple[str, str]:
    """The text in ``language`` (or English) and the language it is actually in."""
    return _text(value.get(language)), language if value.is_translated(language) else "en"


def _as_calendar_time(value):
    # Times given with a bare offset have no named zone to describe in a
    # VTIMEZONE; UTC keeps the instant exact.
    if isinstance(value, datetime) and not hasattr(value.tzinfo, "key"):
        return value.astimezone(timezone.utc)
    return value


def calendar_event(site: Site, event_id: str, language: str, base_url: str) -> CalendarEvent:
    event: Event = site.project.events[event_id].record  # type: ignore[assignment]
    schedule: Schedule = site.listings.schedules[event_id]
    url = base_url + record_path("events", event_id)
    item = CalendarEvent()
    item.add("uid", event_uid(event_id, base_url))
    # A stamp from the data, not the clock, so an unchanged event gives the same bytes.
    item.add("dtstamp", schedule.sort_key(site.settings.zone).astimezone(timezone.utc))
    title, title_language = _localized(event.title, language)
    item.add("summary", title, parameters={"LANGUAGE": title_language})
    summary, summary_language = _localized(event.summary, language)
    item.add("description", f"{summary}\n\n{url}", parameters={"LANGUAGE": summary_language})
    if schedule.all_day:
        item.add("dtstart", schedule.start)
        item.add("dtend", schedule.exclusive_end_day())  # DATE values: the end is exclusive
    else:
        item.add("dtstart", _as_calendar_time(schedule.start))
        if schedule.end is not None:
            item.add("dtend", _as_calendar_time(schedule.end))
    places = []
    if event.location:
        places.append(_localized(event.location, language)[0])
    if event.online:
        places.append(ui("online", language))
    if places:
        item.add("location", " · ".join(places))
    item.add("url", url)
    item.add("categories", [EVENT_KINDS[event.kind][language]])
    return item


def calendar_zones(events: list[CalendarEvent]) -> dict[str, Timezone]:
    """The VTIMEZONE of each named zone the events' times are in (a zone icalendar does not know has none).

    Each is made once for all the calendars of a language: describing a zone's
    transitions takes icalendar far longer than writing an event.
    """
    holder = Calendar()
    for event in events:
        holder.add_component(event)
    zones = {}
    for tzid in sorted(holder.get_missing_tzids()):
        try:
            zones[tzid] = Timezone.from_tzid(tzid)
        except ValueError:
            continue
    return zones


def calendar_file(events: list[CalendarEvent], zones: dict[str, Timezone], name: str | None) -> bytes:
    """A calendar of ``events``, with the VTIMEZONEs of the zones they use, named ``name`` in calendar apps."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    # Before the events that refer to them, in a fixed order so that the same data gives the same bytes.
    for tzid in sorted(calendar.get_missing_tzids()):
        if tzid in zones:
            calendar.subcomponents.insert(len(calendar.timezones), zones[tzid])
    return calendar.to_ical()


CalendarSerialiser = Callable[[list[CalendarEvent], dict[str, Timezone], "str | None"], bytes]
"""Makes a calendar file's bytes, as ``calendar_file`` does."""


def events_in_calendar_order(site: Site) -> list[str]:
    """Every event, past and upcoming, by start (then id, for a stable file)."""
    zone = site.settings.zone
    return sorted(site.project.events, key=lambda event_id: (site.listings.schedules[event_id].sort_key(zone), event_id))


_RRULE_FREQUENCIES = {"week": "WEEKLY", "2 weeks": "WEEKLY", "month": "MONTHLY"}


def programme_calendar_event(site: Site, programme_id: str, language: str, base_url: str) -> CalendarEvent:
    """A programme's sessions as one recurring event: DTSTART the first session, RRULE the rest, EXDATE the days without one."""
    programme: Programme = site.project.programmes[programme_id].record  # type: ignore[assignment]
    schedule = programme.schedule
    assert schedule is not None
    series = Series(schedule)
    url = base_url + record_path("programmes", programme_id)
    first = series.session_start(series.first_day())
    item = CalendarEvent()
    item.add("uid", f"programme-{event_uid(programme_id, base_url)}")
    # A stamp from the data, not the clock, so an unchanged programme gives the same bytes.
    stamp = first if isinstance(first, datetime) else datetime.combine(first, datetime.min.time(), tzinfo=site.settings.zone)
    item.add("dtstamp", stamp.astimezone(timezone.utc))
    title, title_language = _localized(programme.title, language)
    item.add("summary", title, parameters={"LANGUAGE": title_language})
    summary, summary_language = _localized(programme.summary, language)
    item.add("description", f"{summary}\n\n{url}", parameters={"LANGUAGE": summary_language})
    item.add("dtstart", first)
    if isinstance(first, datetime):
        if series.length is not None:
            item.add("dtend", first + series.length)
    else:
        item.add("dtend", first + timedelta(days=1))  # DATE values: the end is exclusive
    rule: dict[str, object] = {"FREQ": _RRULE_FREQUENCIES[schedule.every]}
    if series.interval > 1:
        rule["INTERVAL"] = series.interval
    day = schedule.day[:2].upper()
    rule["BYDAY"] = f"{NTH_NUMBERS[schedule.nth]}{day}" if schedule.nth else day
    if schedule.until is not None:
        last = series.session_start(schedule.until)
        # With a zoned DTSTART, UNTIL is in UTC (RFC 5545, 3.3.10); with a DATE one, a DATE.
        rule["UNTIL"] = last.astimezone(timezone.utc) if isinstance(last, datetime) else last
    item.add("rrule", vRecur(rule))
    for skipped in schedule.skipped:
        item.add("exdate", series.session_start(skipped))
    if programme.location:
        item.add("location", _localized(programme.location, language)[0])
    item.add("url", url)
    return item


def programmes_in_calendar_order(site: Site) -> list[str]:
    """The programmes with a schedule, by the day they first meet (then id)."""
    scheduled = {
        programme_id: entry.record.schedule  # type: ignore[attr-defined]
        for programme_id, entry in site.project.programmes.items()
        if entry.record.schedule is not None  # type: ignore[attr-defined]
    }
    return sorted(scheduled, key=lambda programme_id: (Series(scheduled[programme_id]).first_day(), programme_id))


def programme_calendar_path(programme_id: str) -> str:
    return record_path("programmes", programme_id) + PROGRAMME_CALENDAR_FILE


def write_calendars(site: Site, language: str, output_dir: Path, base_url: str, serialise: CalendarSerialiser = calendar_file) -> None:
    """The whole calendar (events, then the programmes' series), and each event's and each programme's own file."""
    events = {event_id: calendar_event(site, event_id, language, base_url) for event_id in site.project.events}
    series = {
        programme_id: programme_calendar_event(site, programme_id, language, base_url)
        for programme_id in programmes_in_calendar_order(site)
    }
    zones = calendar_zones(list(events.values()) + list(series.values()))
    title = titled("events_calendar_title", language, site.settings, without_site_name="events")
    whole = [events[event_id] for event_id in events_in_calendar_order(site)] + list(series.values())
    _write(output_dir / calendar_path(), serialise(whole, zones, title))
    for event_id, event in events.items():
        _write(output_dir / calendar_path(event_id), serialise([event], zones, None))
    for programme_id, event in series.items():
        _write(output_dir / programme_calendar_path(programme_id), serialise([event], zones, None))


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
