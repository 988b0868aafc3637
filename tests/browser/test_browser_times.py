"""The reader's own time zone, added by the browser beside an event's times when it is none of those shown."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import get_timezone_name
from conftest import open_reader
from demo import EVENTS

PREFIX = {"en": "", "zh": "zh/"}
LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}
WEBINAR = "governance-webinar"
"""In Asia/Shanghai: shown in China Standard Time and in Central European time."""


def _reader_lines(chromium, server, zone: str, path: str) -> tuple[list[str], list[str]]:
    reader = open_reader(chromium, timezone_id=zone)
    try:
        reader.page.goto(server.url(path))
        reader.page.wait_for_load_state("load")
        lines = reader.page.locator("dl.lead-facts .lead-times .lead-time--reader").all_inner_texts()
        return lines, reader.errors
    finally:
        reader.context.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_reader_in_new_york_sees_the_time_in_their_own_zone(chromium, demo_site, server, language):
    lines, errors = _reader_lines(chromium, server, "America/New_York", f"{PREFIX[language]}events/{WEBINAR}/")
    assert not errors
    assert len(lines) == 1, lines
    event = EVENTS[WEBINAR]
    start = datetime.fromisoformat(event["start"]).replace(tzinfo=ZoneInfo(event["timezone"])).astimezone(ZoneInfo("America/New_York"))
    end = datetime.fromisoformat(event["end"]).replace(tzinfo=ZoneInfo(event["timezone"])).astimezone(ZoneInfo("America/New_York"))
    (line,) = lines
    assert start.strftime("%H:%M") in line and end.strftime("%H:%M") in line
    assert get_timezone_name(start, locale=LOCALES[language]) in line  # "Eastern Daylight Time", as CLDR names it
    assert ("your time zone" if language == "en" else "您所在的时区") in line


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Brussels", "Europe/Paris"])
def test_no_line_is_added_for_a_reader_whose_clock_is_already_shown(chromium, demo_site, server, zone):
    # Paris is not named on the page, but its clock is Brussels' clock.
    lines, errors = _reader_lines(chromium, server, zone, f"events/{WEBINAR}/")
    assert lines == [] and not errors


def test_whole_day_events_get_no_reader_line(chromium, demo_site, server):
    lines, errors = _reader_lines(chromium, server, "America/New_York", "events/autumn-school/")
    assert lines == [] and not errors
