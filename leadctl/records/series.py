"""When a programme's sessions happen: its schedule expanded into local times in its own zone.

A series is kept as the local wall-clock time of its zone (08:00 in
Europe/Amsterdam stays 08:00 across the change to summer time), so the
occurrences are computed as naive local times and given the zone after.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_interval, format_time, get_day_names, get_timezone_location, get_timezone_name
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule, weekday

from leadctl.base.text import NTH, SERIES, ui
from leadctl.records.models import NTH_WEEKDAYS, WEEKDAYS, SeriesSchedule
from leadctl.records.schedule import BABEL_LOCALES, SITE_ZONES

_WEEKDAYS: dict[str, weekday] = dict(zip(WEEKDAYS, (MO, TU, WE, TH, FR, SA, SU)))
NTH_NUMBERS = {name: (-1 if name == "last" else index + 1) for index, name in enumerate(NTH_WEEKDAYS)}
"""``first`` is 1, ``last`` is -1, as RRULE's BYDAY writes them (``-1TU``)."""


@dataclass(frozen=True)
class Series:
    """A checked schedule, ready to expand into its sessions' local times."""

    schedule: SeriesSchedule

    @property
    def zone(self) -> ZoneInfo | None:
        return ZoneInfo(self.schedule.timezone) if self.schedule.timezone else None

    @property
    def interval(self) -> int:
        return 2 if self.schedule.every == "2 weeks" else 1

    @property
    def monthly(self) -> bool:
        return self.schedule.every == "month"

    @property
    def byday(self) -> weekday:
        day = _WEEKDAYS[self.schedule.day]
        return day(NTH_NUMBERS[self.schedule.nth]) if self.monthly and self.schedule.nth else day

    @property
    def length(self) -> timedelta | None:
        """How long a session lasts, when the schedule says."""
        schedule = self.schedule
        if schedule.time is None:
            return None
        if schedule.duration is not None:
            return timedelta(minutes=schedule.duration)
        if schedule.end_time is not None:
            start = datetime.combine(date.min, schedule.time)
            end = datetime.combine(date.min, schedule.end_time)
            return end - start if end > start else end + timedelta(days=1) - start
        return None

    def _local_start(self, day: date) -> datetime:
        return datetime.combine(day, self.schedule.time or time(0))

    def first_day(self) -> date:
        """The day of the first session the rule gives on or after ``from`` (skipped days included)."""
        # Each week counts from the first meeting, not from the week ``from`` falls in.
        rule = rrule(MONTHLY if self.monthly else WEEKLY, byweekday=self.byday, dtstart=self._local_start(self.schedule.first_day))
        return next(iter(rule)).date()

    def rule(self) -> rrule:
        """The recurrence of the local start times, from the first session to ``until`` (inclusive)."""
        first = self.first_day()
        until = self._local_start(self.schedule.until) if self.schedule.until else None
        return rrule(
            MONTHLY if self.monthly else WEEKLY, interval=self.interval, byweekday=self.byday,
            dtstart=self._local_start(first), until=until,
        )

    def holds(self, day: date) -> bool:
        """True when the rule has a session on ``day`` (before any ``except``)."""
        start = self._local_start(day)
        found = self.rule().after(start - timedelta(seconds=1))
        return found is not None and found.date() == day

    def local_days(self, start: date | None = None) -> Iterator[date]:
        """The days with a session, on or after ``start``, skipped days left out (endless without ``until``)."""
        skipped = set(self.schedule.skipped)
        for moment in self.rule():
            if (start is None or moment.date() >= start) and moment.date() not in skipped:
                yield moment.date()

    def session_start(self, day: date) -> datetime | date:
        """The session on ``day``: an aware local start, or the day alone when the time is not given."""
        if self.schedule.time is None:
            return day
        return datetime.combine(day, self.schedule.time, tzinfo=self.zone)

    def occurrences(self, start: date | None = None, limit: int | None = None) -> list[datetime | date]:
        """The sessions from ``start`` (the first one when None), at most ``limit`` of them (give one for a series without ``until``)."""
        found = []
        for day in self.local_days(start):
            if limit is not None and len(found) >= limit:
                break
            found.append(self.session_start(day))
        return found


# -- in words --------------------------------------------------------------------

def _zone_words(zone: ZoneInfo, language: str) -> str:
    """``Europe/Amsterdam`` in English; the zone's city as CLDR names it, in Chinese ("阿姆斯特丹时间")."""
    if language == "en":
        return zone.key
    return ui("zone_time", language).format(city=get_timezone_location(zone.key, locale=BABEL_LOCALES[language], return_city=True))


def describe_series(series: Series, language: str) -> str:
    """"Every Tuesday, 08:00–09:30 (Europe/Amsterdam)", "每周二 08:00–09:30（阿姆斯特丹时间）"; without a time, it says so."""
    schedule = series.schedule
    locale = BABEL_LOCALES[language]
    width = "wide" if language == "en" else "abbreviated"  # "Tuesday"; "周二", as 每周二 writes it
    day = get_day_names(width, locale=locale)[WEEKDAYS.index(schedule.day)]
    nth = NTH[schedule.nth][language] if schedule.nth else ""
    words = SERIES[schedule.every][language].format(day=day, nth=nth)
    if schedule.time is None or series.zone is None:
        return ui("series_untimed", language).format(series=words, note=ui("time_not_given", language))
    length = series.length
    if length is None:
        times = format_time(schedule.time, "HH:mm", locale=locale)
    else:
        end = (datetime.combine(date(2000, 1, 3), schedule.time) + length).time()
        times = format_interval(schedule.time, end, "Hm", locale=locale)
    return ui("series_timed", language).format(series=words, times=times, zone=_zone_words(series.zone, language))


def series_in_site_zones(series: Series, language: str, today: date) -> list[str]:
    """The sessions' day and time on the clock of each of ``SITE_ZONES`` that differs from the series' own.

    The difference changes when one of the zones changes its clocks (Tuesday
    08:00 in Amsterdam is 15:00 in Beijing in winter, 14:00 in summer), so
    each way the sessions of the coming year fall there is given, named by
    that zone's time ("Central European Summer Time") or, when its name does
    not change, by the series' own time then.
    """
    if series.schedule.time is None or series.zone is None:
        return []
    length = series.length
    # A year of sessions from the build day; for a series that has ended, its own (at most a year).
    sessions = [start for start in series.occurrences(start=today, limit=53) or series.occurrences(limit=53) if isinstance(start, datetime)]
    locale = BABEL_LOCALES[language]
    width = "wide" if language == "en" else "abbreviated"
    lines = []
    for key in SITE_ZONES:
        zone = ZoneInfo(key)
        if all(start.astimezone(zone).utcoffset() == start.utcoffset() for start in sessions):
            continue
        # Told apart by plain clock arithmetic first: Babel formats slowly, and only each way once.
        found: dict[tuple[int, time, timedelta | None], datetime] = {}
        for start in sessions:
            there = start.astimezone(zone)
            found.setdefault((there.weekday(), there.time(), there.utcoffset()), start)
        ways: dict[tuple[str, str, str], str] = {}  # (day, times, zone's name there) -> the series' own zone name
        for start in found.values():
            there = start.astimezone(zone)
            day = get_day_names(width, locale=locale)[there.weekday()]
            if length is None:
                times = format_time(there, "HH:mm", tzinfo=zone, locale=locale)
            else:
                times = format_interval(there.time(), (there + length).time(), "Hm", locale=locale)
            ways.setdefault((day, times, get_timezone_name(there, locale=locale)), get_timezone_name(start, locale=locale))
        names_tell_apart = len({name for _, _, name in ways}) == len(ways)
        for (day, times, name), own in ways.items():
            if names_tell_apart:
                lines.append(ui("series_there", language).format(day=day, times=times, zone=name))
            else:
                lines.append(ui("series_there_during", language).format(day=day, times=times, zone=name, own=own))
    return lines
