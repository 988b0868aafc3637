"""Times across two continents: an event's or a session's time in its own zone, in Central European
time and in China Standard Time, with each zone's own date, on both sides of a change of the clocks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from babel.dates import format_date, format_interval, format_time, get_day_names, get_timezone_name

from sitekit import REPO, ProjectSite, assert_in_order, zone_of_the_tzdata_package

LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}
PREFIX = {"en": "", "zh": "zh/"}
AMSTERDAM, BRUSSELS, SHANGHAI = (zone_of_the_tzdata_package(key) for key in ("Europe/Amsterdam", "Europe/Brussels", "Asia/Shanghai"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("times") / "project")
    # Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
    site.event("spring-evening", title="Spring evening", start="2026-03-29 18:00", end="2026-03-29 20:00", timezone="Europe/Amsterdam")
    site.event("autumn-evening", title="Autumn evening", start="2026-10-25 18:00", end="2026-10-25 20:00", timezone="Europe/Amsterdam")
    site.event("across-the-change", title="Across the change", start="2026-10-24 18:00", end="2026-10-25 18:00", timezone="Europe/Amsterdam")
    site.event("beijing-webinar", title="Beijing webinar", start="2026-07-02 14:00", end="2026-07-02 15:30", timezone="Asia/Shanghai")
    site.event("brussels-forum", title="Brussels forum", start="2026-03-30 09:30", timezone="Europe/Brussels")
    site.event("whole-days", title="Whole days", start="2026-10-13", end="2026-10-15")
    site.programme("evening-circle", title="Evening circle", format="seminar-series",
                   schedule={"every": "week", "day": "tuesday", "time": "20:00", "duration": 90, "timezone": "Europe/Amsterdam",
                             "from": "2026-01-06"})
    site.programme("beijing-course", title="Beijing course", format="course",
                   schedule={"every": "week", "day": "friday", "time": "10:00", "duration": 60, "timezone": "Asia/Shanghai",
                             "from": "2026-09-01", "until": "2026-12-31"})
    site.build()
    return site


def _lines(site: ProjectSite, path: str) -> list[str]:
    """The times of an event page's "When" line, one per zone, as the page ships them (before any script)."""
    block = site.article(path).select_one("dl.lead-facts .lead-times")
    return [time.get_text(" ", strip=True) for time in block.select("time")]


def _expect(text: str, moment: datetime, language: str) -> None:
    """``text`` gives ``moment``'s date, clock time and zone name as Babel writes them in ``language``."""
    locale = LOCALES[language]
    assert format_date(moment.date(), "long", locale=locale) in text, text
    assert format_time(moment, "HH:mm", tzinfo=moment.tzinfo, locale=locale) in text, text
    assert get_timezone_name(moment, locale=locale) in text, text


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_evening_in_amsterdam_is_the_next_day_in_beijing_on_both_sides_of_the_change(built, language):
    for event_id, day in (("spring-evening", 29), ("autumn-evening", 25)):
        start = datetime(2026, 3 if day == 29 else 10, day, 18, tzinfo=AMSTERDAM)
        lines = _lines(built, f"{PREFIX[language]}events/{event_id}/")
        # Amsterdam's clock is Brussels' clock: Central European time is its own line already.
        assert len(lines) == 2, lines
        _expect(lines[0], start, language)
        there = start.astimezone(SHANGHAI)
        assert there.date() == start.date() + timedelta(days=1)
        _expect(lines[1], there, language)
        assert "Asia/Shanghai" in lines[1]
    spring = _lines(built, f"{PREFIX[language]}events/spring-evening/")
    autumn = _lines(built, f"{PREFIX[language]}events/autumn-evening/")
    locale = LOCALES[language]
    # Summer time on the day it starts, standard time on the day it ends: the names say so.
    assert get_timezone_name(datetime(2026, 7, 1, tzinfo=AMSTERDAM), locale=locale) in spring[0]
    assert get_timezone_name(datetime(2026, 1, 1, tzinfo=AMSTERDAM), locale=locale) in autumn[0]
    assert "00:00" in spring[1] and "01:00" in autumn[1]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_event_across_the_change_of_the_clocks_is_right_at_both_ends(built, language):
    start = datetime(2026, 10, 24, 18, tzinfo=AMSTERDAM)
    end = datetime(2026, 10, 25, 18, tzinfo=AMSTERDAM)
    own, beijing = _lines(built, f"{PREFIX[language]}events/across-the-change/")
    locale = LOCALES[language]
    assert get_timezone_name(start, locale=locale) in own and get_timezone_name(end, locale=locale) in own
    assert_in_order(beijing, [format_date(start.astimezone(SHANGHAI).date(), "long", locale=locale), "00:00",
                              format_date(end.astimezone(SHANGHAI).date(), "long", locale=locale), "01:00"])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_time_in_beijing_is_shown_in_central_european_time_and_one_in_brussels_in_china_standard_time(built, language):
    own, brussels = _lines(built, f"{PREFIX[language]}events/beijing-webinar/")
    start = datetime(2026, 7, 2, 14, tzinfo=SHANGHAI)
    _expect(own, start, language)
    _expect(brussels, start.astimezone(BRUSSELS), language)
    assert "Europe/Brussels" in brussels and "08:00" in brussels and "09:30" in brussels
    own, beijing = _lines(built, f"{PREFIX[language]}events/brussels-forum/")
    start = datetime(2026, 3, 30, 9, 30, tzinfo=BRUSSELS)
    _expect(own, start, language)
    _expect(beijing, start.astimezone(SHANGHAI), language)


def test_the_script_reads_the_instants_and_the_zones_shown(built):
    block = built.article("events/spring-evening/").select_one(".lead-times")
    start = datetime(2026, 3, 29, 18, tzinfo=AMSTERDAM)
    assert datetime.fromisoformat(block["data-lead-start"]) == start
    assert datetime.fromisoformat(block["data-lead-start"]).utcoffset() == timedelta(0)
    assert datetime.fromisoformat(block["data-lead-end"]) == start + timedelta(hours=2)
    assert block["data-lead-zones"].split() == ["Europe/Amsterdam", "Asia/Shanghai"]
    assert "{time}" in block["data-lead-reader"] and "your time zone" in block["data-lead-reader"]
    assert "您所在的时区" in built.article("zh/events/spring-evening/").select_one(".lead-times")["data-lead-reader"]
    # Each line's own <time> is the same instant, with that zone's offset.
    for time in block.select("time"):
        assert datetime.fromisoformat(time["datetime"]) == start
    # The site loads the script (tests/browser/test_browser_times.py runs it).
    assert "javascripts/lead-times.js" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_whole_day_events_show_their_dates_alone(built, language):
    article = built.article(f"{PREFIX[language]}events/whole-days/")
    assert article.select_one("[data-lead-start]") is None
    when = article.select_one("dl.lead-facts time")
    assert when["datetime"] == "2026-10-13"
    assert "Asia/Shanghai" not in article.get_text() and "Europe/Brussels" not in article.get_text()


def _dd(site: ProjectSite, path: str, css: str):
    return site.article(path).select_one(f"dl.lead-facts dd.{css}")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_programme_schedule_says_when_its_sessions_fall_in_beijing_in_summer_and_in_winter(built, language):
    locale = LOCALES[language]
    schedule = _dd(built, f"{PREFIX[language]}programmes/evening-circle/", "lead-series")
    others = [span.get_text(strip=True) for span in schedule.select(".lead-series-zone")]
    # Tuesday 20:00 in Amsterdam is Wednesday in Beijing: 02:00 in summer, 03:00 in winter.
    summer = datetime(2026, 6, 2, 20, tzinfo=AMSTERDAM).astimezone(SHANGHAI)
    winter = datetime(2026, 11, 3, 20, tzinfo=AMSTERDAM).astimezone(SHANGHAI)
    wednesday = get_day_names("wide" if language == "en" else "abbreviated", locale=locale)[2]
    assert len(others) == 2, others
    for line, there, own in zip(others, (summer, winter), (datetime(2026, 6, 2, tzinfo=AMSTERDAM), datetime(2026, 11, 3, tzinfo=AMSTERDAM))):
        assert_in_order(line, [wednesday, format_time(there, "HH:mm", locale=locale), get_timezone_name(there, locale=locale)])
        assert get_timezone_name(own, locale=locale) in line  # which of Amsterdam's times it is
    # Beijing's course in Central European time: the zone's own names tell summer and winter apart.
    course = _dd(built, f"{PREFIX[language]}programmes/beijing-course/", "lead-series")
    lines = [span.get_text(strip=True) for span in course.select(".lead-series-zone")]
    summer = datetime(2026, 9, 4, 10, tzinfo=SHANGHAI).astimezone(BRUSSELS)
    winter = datetime(2026, 11, 6, 10, tzinfo=SHANGHAI).astimezone(BRUSSELS)
    assert len(lines) == 2, lines
    for line, there in zip(lines, (summer, winter)):
        assert format_interval(there.time(), (there + timedelta(hours=1)).time(), "Hm", locale=locale) in line, line
    assert get_timezone_name(summer, locale=locale) in lines[0] and get_timezone_name(winter, locale=locale) in lines[1]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_programme_next_session_is_shown_in_each_zone_with_its_date(built, language):
    # The build day is Monday 1 June 2026: the next session is Tuesday 2 June, 20:00 in Amsterdam.
    start = datetime(2026, 6, 2, 20, tzinfo=AMSTERDAM)
    block = _dd(built, f"{PREFIX[language]}programmes/evening-circle/", "lead-next-session").select_one(".lead-times")
    own, beijing = [span.get_text(" ", strip=True) for span in block.select(".lead-session-time")]
    _expect(own, start, language)
    _expect(beijing, start.astimezone(SHANGHAI), language)
    assert start.astimezone(SHANGHAI).day == 3
    assert datetime.fromisoformat(block["data-lead-start"]) == start.astimezone(timezone.utc)
