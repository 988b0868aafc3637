"""Event calendars (iCalendar) per language, read back with the icalendar library."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urljoin

import pytest
from icalendar import Calendar

from sitekit import ProjectSite

BASE = "https://example.org/net/"
TRICKY_TITLE = 'Fish & <chips> "quoted"; a, b \\ c 😀'
EVENT_IDS = {"clocks-forum", "autumn-seminar", "one-day", "offset-talk", "past-meeting", "tricky"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("calendar") / "project")
    # 29 March 2026: the clocks in Amsterdam go forward at 02:00, so 09:30 is UTC+2.
    site.event("clocks-forum", kind="forum", title={"en": "Spring forum", "zh": "春季论坛"}, start="2026-03-29 09:30",
               end="2026-03-29 17:00", timezone="Europe/Amsterdam", location={"en": "Amsterdam", "zh": "阿姆斯特丹"},
               summary={"en": "A forum.", "zh": "一个论坛。"})
    site.event("autumn-seminar", title={"en": "Autumn seminar", "zh": "秋季研讨会"}, start="2026-10-13", end="2026-10-15",
               online=True, summary={"en": "Three days.", "zh": "为期三天。"})
    site.event("one-day", kind="workshop", title={"en": "One-day workshop"}, start="2026-07-01", summary="A single day.")
    site.event("offset-talk", kind="webinar", title="Offset talk", start="2026-11-05T10:00+08:00",
               end="2026-11-05T11:30+08:00", summary="Given with an offset, no zone name.")
    site.event("past-meeting", kind="meeting", title="Past meeting", start="2025-05-05", summary="Long ago.")
    site.event("tricky", title={"en": TRICKY_TITLE, "zh": "中文：标题；逗号，"}, start="2026-09-01 14:00", timezone="Asia/Shanghai",
               location={"en": "Room 1, Building B; floor 2"}, online=True,
               summary={"en": "Line one\nLine two, with; punctuation & <tags>"})
    site.build()
    return site


def _calendar(site: ProjectSite, relative: str) -> Calendar:
    return Calendar.from_ical((site.site_dir / relative).read_bytes())


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_calendar_has_every_event_past_and_upcoming_with_stable_uids(built, prefix):
    calendar = _calendar(built, f"{prefix}events/calendar.ics")
    assert str(calendar["VERSION"]) == "2.0"
    events = _events(calendar)
    assert set(events) == EVENT_IDS
    for event_id, event in events.items():
        assert str(event["UID"]) == f"{event_id}@example.org"
        assert str(event["URL"]) == f"{BASE}{prefix}events/{event_id}/"
        assert "DTSTAMP" in event and "SUMMARY" in event and "DESCRIPTION" in event
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")][0] == "past-meeting@example.org"  # by start


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_timed_event_on_the_day_summer_time_begins_has_the_right_instant(built, prefix):
    event = _events(_calendar(built, f"{prefix}events/calendar.ics"))["clocks-forum"]
    assert event.decoded("DTSTART").astimezone(timezone.utc) == datetime(2026, 3, 29, 7, 30, tzinfo=timezone.utc)
    assert event.decoded("DTEND").astimezone(timezone.utc) == datetime(2026, 3, 29, 15, 0, tzinfo=timezone.utc)
    # Written as the local time with its zone, and the zone's rules come with the file.
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 29, 9, 30)
    zones = {str(zone["TZID"]): zone.to_tz() for zone in _calendar(built, f"{prefix}events/calendar.ics").walk("VTIMEZONE")}
    # A calendar program reads the clocks' change from the file: winter time before 02:00, summer time after.
    assert datetime(2026, 3, 29, 1, 30, tzinfo=zones["Europe/Amsterdam"]).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 3, 29, 9, 30, tzinfo=zones["Europe/Amsterdam"]).utcoffset() == timedelta(hours=2)


def test_event_given_with_an_offset_keeps_its_instant(built):
    event = _events(_calendar(built, "events/calendar.ics"))["offset-talk"]
    assert event.decoded("DTSTART") == datetime(2026, 11, 5, 2, 0, tzinfo=timezone.utc)
    assert event.decoded("DTEND") == datetime(2026, 11, 5, 3, 30, tzinfo=timezone.utc)


def test_all_day_events_are_dates_with_an_exclusive_end(built):
    events = _events(_calendar(built, "events/calendar.ics"))
    autumn = events["autumn-seminar"]
    assert autumn.decoded("DTSTART") == date(2026, 10, 13) and not isinstance(autumn.decoded("DTSTART"), datetime)
    assert autumn.decoded("DTEND") == date(2026, 10, 16)  # 13–15 October inclusive
    assert autumn["DTSTART"].params["VALUE"] == "DATE"
    one_day = events["one-day"]
    assert (one_day.decoded("DTSTART"), one_day.decoded("DTEND")) == (date(2026, 7, 1), date(2026, 7, 2))


def test_each_language_has_its_own_texts(built):
    english = _events(_calendar(built, "events/calendar.ics"))
    chinese = _events(_calendar(built, "zh/events/calendar.ics"))
    assert str(english["clocks-forum"]["SUMMARY"]) == "Spring forum"
    assert str(chinese["clocks-forum"]["SUMMARY"]) == "春季论坛"
    assert str(chinese["clocks-forum"]["LOCATION"]) == "阿姆斯特丹"
    assert str(chinese["clocks-forum"]["DESCRIPTION"]) == f"一个论坛。\n\n{BASE}zh/events/clocks-forum/"
    assert chinese["clocks-forum"]["SUMMARY"].params["LANGUAGE"] == "zh"
    # Not translated: the English title, marked as English.
    assert str(chinese["one-day"]["SUMMARY"]) == "One-day workshop"
    assert chinese["one-day"]["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(english["autumn-seminar"]["LOCATION"]) == "Online" and str(chinese["autumn-seminar"]["LOCATION"]) == "线上"
    assert str(_calendar(built, "events/calendar.ics")["X-WR-CALNAME"]) == "Test Network: events"
    assert str(_calendar(built, "zh/events/calendar.ics")["X-WR-CALNAME"]) == "测试网络：活动"
    # The Chinese build ran second in the same folder and left the English file alone.
    assert "春季论坛" not in (built.site_dir / "events/calendar.ics").read_text(encoding="utf-8")


def test_punctuation_line_breaks_and_emoji_survive(built):
    tricky = _events(_calendar(built, "events/calendar.ics"))["tricky"]
    assert str(tricky["SUMMARY"]) == TRICKY_TITLE
    assert str(tricky["LOCATION"]) == "Room 1, Building B; floor 2 · Online"
    assert str(tricky["DESCRIPTION"]) == f"Line one\nLine two, with; punctuation & <tags>\n\n{BASE}events/tricky/"
    assert tricky.decoded("DTSTART").astimezone(timezone.utc) == datetime(2026, 9, 1, 6, 0, tzinfo=timezone.utc)
    assert str(_events(_calendar(built, "zh/events/calendar.ics"))["tricky"]["SUMMARY"]) == "中文：标题；逗号，"
    raw = (built.site_dir / "events/calendar.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "content lines must be folded at 75 octets"


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_event_pages_link_their_own_calendar_file(built, prefix):
    for event_id in EVENT_IDS:
        page_url = f"{prefix}events/{event_id}/"
        link = built.article(page_url).select_one(".lead-add-to-calendar a")
        assert link.get_text() == ("添加到日历" if prefix else "Add to calendar")
        target = urljoin(page_url, link["href"])
        single = _calendar(built, target)
        assert [str(e["UID"]) for e in single.walk("VEVENT")] == [f"{event_id}@example.org"]
        assert str(single.walk("VEVENT")[0]["URL"]) == f"{BASE}{page_url}"
    # The single-event file says the same as the whole calendar.
    forum = _calendar(built, f"{prefix}events/clocks-forum/event.ics").walk("VEVENT")[0]
    assert forum.to_ical() == _events(_calendar(built, f"{prefix}events/calendar.ics"))["clocks-forum"].to_ical()


def test_events_listing_shows_the_calendar_subscription_in_both_languages(built):
    for prefix, label in (("", "Subscribe to the events calendar"), ("zh/", "订阅活动日历")):
        page_url = f"{prefix}events/"
        link = built.article(page_url).select_one(".lead-subscribe a")
        assert link.get_text() == label
        assert urljoin(page_url, link["href"]) == f"{prefix}events/calendar.ics"


def test_identical_calendars_when_nothing_changed(built, tmp_path):
    again = ProjectSite(tmp_path / "again")
    shutil.copytree(built.root / "data", again.root / "data", dirs_exist_ok=True)
    again.build()
    files = sorted(p.relative_to(built.site_dir) for p in built.site_dir.rglob("*.ics"))
    assert len(files) == 2 * (1 + len(EVENT_IDS))
    assert files == sorted(p.relative_to(again.site_dir) for p in again.site_dir.rglob("*.ics"))
    for relative in files:
        assert (built.site_dir / relative).read_bytes() == (again.site_dir / relative).read_bytes(), relative

