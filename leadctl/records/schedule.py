"""When an event happens: its real instants, and how each language writes them (and a project's dates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval, format_skeleton, format_time, get_timezone_name

from leadctl.base.text import ui
from leadctl.records.models import Event, PartialDate

BABEL_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}

SITE_ZONES = ("Europe/Brussels", "Asia/Shanghai")
"""Central European and China Standard Time: where most readers are, shown beside a time's own zone when their clocks differ."""


@dataclass(frozen=True)
class Schedule:
    """An event's time: all-day dates (end inclusive) or aware datetimes."""

    start: date | datetime
    end: date | datetime | None
    zone: ZoneInfo | None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def last_day(self) -> date:
        """The last calendar day of the event, in its own time zone."""
        last = self.end or self.start
        if isinstance(last, datetime):
            return last.astimezone(self.zone).date() if self.zone else last.date()
        return last

    def sort_key(self, site_zone: ZoneInfo) -> datetime:
        """The start as an instant; an all-day event starts at midnight in the site's zone."""
        if isinstance(self.start, datetime):
            return self.start
        return datetime.combine(self.start, time(0), tzinfo=self.zone or site_zone)

    def exclusive_end_day(self) -> date:
        """The day after the last day, as calendars want for all-day events."""
        return self.last_day + timedelta(days=1)

    def in_zone(self, zone: ZoneInfo) -> Schedule:
        """The same instants on another zone's clock (its own dates: 18:00 in Amsterdam is the next day in Beijing)."""
        assert isinstance(self.start, datetime)
        end = self.end.astimezone(zone) if isinstance(self.end, datetime) else None
        return Schedule(self.start.astimezone(zone), end, zone)


def site_zone_schedules(schedule: Schedule) -> list[Schedule]:
    """A timed schedule on the clock of each of ``SITE_ZONES`` that differs from its own, at its start or its end.

    Nothing for an all-day event: its dates hold wherever the reader is.
    """
    if schedule.all_day:
        return []
    instants = [moment for moment in (schedule.start, schedule.end) if isinstance(moment, datetime)]
    shown = []
    for key in SITE_ZONES:
        zone = ZoneInfo(key)
        if any(moment.astimezone(zone).utcoffset() != moment.utcoffset() for moment in instants):
            shown.append(schedule.in_zone(zone))
    return shown


def schedule_of(event: Event) -> Schedule:
    """Resolve local times in the event's time zone (validation guarantees one)."""
    zone = ZoneInfo(event.timezone) if event.timezone else None

    def resolve(value: date | datetime | None) -> date | datetime | None:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=zone)
            return value.astimezone(zone) if zone else value
        return value

    return Schedule(resolve(event.start), resolve(event.end), zone)


def format_day(day: date, language: str) -> str:
    return format_date(day, "long", locale=BABEL_LOCALES[language])


def format_partial_date(value: PartialDate, language: str) -> str:
    """A year, a month or a day, as precisely as it is given: "2019", "January 2019", "2019年1月"."""
    if value.day is not None:
        return format_day(value.first_day, language)
    skeleton = "y" if value.month is None else "yMMMM"
    return format_skeleton(skeleton, value.first_day, locale=BABEL_LOCALES[language])


def format_schedule(schedule: Schedule, language: str) -> str:
    """Dates (and times with their zone) the way ``language`` writes them."""
    locale = BABEL_LOCALES[language]
    if schedule.all_day:
        if schedule.end is None or schedule.end == schedule.start:
            return format_date(schedule.start, "long", locale=locale)
        return format_interval(schedule.start, schedule.end, "yMMMMd", locale=locale)
    start = schedule.start
    zone = schedule.zone or start.tzinfo
    zone_name = get_timezone_name(start, locale=locale) if schedule.zone else start.strftime("UTC%z")
    if schedule.zone and schedule.end is not None and schedule.end.utcoffset() != start.utcoffset():
        # Across a change of the clocks: summer time at the start, standard time at the end (or back).
        zone_name = f"{zone_name} – {get_timezone_name(schedule.end, locale=locale)}"
    if schedule.zone:
        zone_name = ui("zone_and_key", language).format(name=zone_name, key=schedule.zone.key)
    if schedule.end is None:
        when = f"{format_date(start, 'long', locale=locale)} {format_time(start, 'HH:mm', tzinfo=zone, locale=locale)}"
    elif start.date() == schedule.end.date():
        when = f"{format_date(start, 'long', locale=locale)} {format_interval(start.time(), schedule.end.time(), 'Hm', locale=locale)}"
    else:
        end = schedule.end
        when = (
            f"{format_date(start, 'long', locale=locale)} {format_time(start, 'HH:mm', tzinfo=zone, locale=locale)} – "
            f"{format_date(end, 'long', locale=locale)} {format_time(end, 'HH:mm', tzinfo=zone, locale=locale)}"
        )
    return ui("time_in_zone", language).format(time=when, zone=zone_name)
