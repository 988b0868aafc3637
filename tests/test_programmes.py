"""Training programmes: checks with lines, sessions expanded in their zone, pages in both languages, links both ways,
Course JSON-LD, the programme's calendar file, `leadctl new`."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_interval, get_timezone_location
from dateutil.rrule import rrulestr
from icalendar import Calendar

from leadctl.records.models import SeriesSchedule
from leadctl.records.series import Series
from sitekit import ProjectSite

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _series(**schedule) -> Series:
    return Series(SeriesSchedule.model_validate(schedule))


def test_a_weekly_series_keeps_its_local_time_across_the_change_to_summer_time():
    series = _series(every="week", day="tuesday", time="08:00", duration=90, timezone="Europe/Amsterdam",
                     **{"from": "2026-03-17", "until": "2026-04-07"})
    sessions = series.occurrences()
    assert [session.date() for session in sessions] == [date(2026, 3, 17), date(2026, 3, 24), date(2026, 3, 31), date(2026, 4, 7)]
    assert all(session.time() == time(8) and session.tzinfo.key == "Europe/Amsterdam" for session in sessions)
    # The clocks go forward on 29 March: the same local time is an hour earlier in UTC.
    assert [session.utcoffset() for session in sessions] == [timedelta(hours=1)] * 2 + [timedelta(hours=2)] * 2


def test_a_monthly_series_on_the_last_tuesday():
    series = _series(every="month", day="tuesday", nth="last", **{"from": "2026-01-01", "until": "2026-06-30"})
    assert series.occurrences() == [date(2026, 1, 27), date(2026, 2, 24), date(2026, 3, 31), date(2026, 4, 28),
                                    date(2026, 5, 26), date(2026, 6, 30)]


def test_except_dates_have_no_session_and_every_other_week_counts_from_the_first_meeting():
    series = _series(every="2 weeks", day="tuesday", time="18:00", timezone="Asia/Shanghai",
                     **{"from": "2026-01-07", "until": "2026-03-10", "except": ["2026-02-10"]})
    days = [session.date() for session in series.occurrences()]
    assert days == [date(2026, 1, 13), date(2026, 1, 27), date(2026, 2, 24), date(2026, 3, 10)]
    assert series.holds(date(2026, 2, 10)) and not series.holds(date(2026, 2, 3))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    """A member's weekly breakfast series running on the build day (2026-06-01), a past monthly series, an upcoming course."""
    site = ProjectSite(tmp_path_factory.mktemp("programmes") / "project")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, country="NL")
    site.project("lead2", title={"en": "LEAD2", "zh": "LEAD2 项目"}, acronym="LEAD2", summary="Second project.")
    site.event("first-breakfast", title="First breakfast", kind="training", start="2026-01-06 08:00", end="2026-01-06 09:30",
               timezone="Europe/Amsterdam", summary="The first session.")
    site.programme(
        "breakfast", title={"en": "Academic leadership breakfast", "zh": "学术领导力早餐会"}, provider="uni-a",
        format="seminar-series", mode="onsite", audience=["mid-level", "senior"],
        participants={"en": "Deans and heads of department", "zh": "院长和系主任"}, languages=["en", "nl"],
        location={"en": "Library, first floor", "zh": "图书馆一楼"}, project="lead2", pillars=["training"],
        registration="https://a.example.org/breakfast", summary={"en": "A weekly breakfast.", "zh": "每周一次的早餐会。"},
        schedule={"every": "week", "day": "tuesday", "time": "08:00", "end_time": "09:30", "timezone": "Europe/Amsterdam",
                  "from": "2026-01-06", "except": ["2026-04-07", "2026-06-02"]},
        sessions=["first-breakfast"],
        learning_outcomes=[{"en": "Chair a meeting.", "zh": "主持会议。"}], workload_hours=30, ects=2.5, eqf_level=7,
        assessment={"en": "A reflection paper.", "zh": "反思报告。"}, prerequisites={"en": "A leadership role.", "zh": "担任领导职务。"},
        credential={"kind": "micro-credential", "awarded_by": "University A", "quality_assurance": {"en": "Internal review."},
                    "stackable": True},
    )
    site.programme("monthly-circle", title="Monthly circle", provider_name={"en": "An outside school", "zh": "一所外部学校"},
                   format="peer-learning", schedule={"every": "month", "day": "tuesday", "nth": "last",
                                                     "from": "2025-01-01", "until": "2025-12-31"})
    site.programme("autumn-course", title="Autumn course", provider="uni-a", format="course",
                   schedule={"every": "2 weeks", "day": "friday", "time": "10:00", "duration": 60, "timezone": "Asia/Shanghai",
                             "from": "2026-09-01", "until": "2026-12-31"})
    site.programme("mooc", title="A MOOC", provider="uni-a", format="mooc", mode="online")
    site.build()
    return site


def _facts(site: ProjectSite, path: str) -> dict[str, str]:
    facts = site.article(path).select_one("dl.lead-facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in facts.select("dt")}


def _learning(site: ProjectSite, path: str) -> dict[str, str]:
    table = site.article(path).select_one("table.lead-learning-facts")
    return {th.get_text(strip=True): th.find_next_sibling("td").get_text(" ", strip=True) for th in table.select("th")}


def test_the_programme_page_says_its_schedule_in_words_in_both_languages(built):
    english = _facts(built, "programmes/breakfast/")
    hours_en = format_interval(time(8), time(9, 30), "Hm", locale="en_GB")
    # Then the same in China Standard Time (tests/test_times.py).
    assert english["Schedule"].startswith(f"Every Tuesday, {hours_en} (Europe/Amsterdam) ")
    assert english["Provider"] == "University A" and english["Format"] == "Seminar series"
    assert english["Form of participation"] == "On site" and english["Languages"] == "English and Dutch"
    assert english["Participants"] == "Deans and heads of department" and english["Where"] == "Library, first floor"
    assert english["Project"] == "LEAD2" and english["Pillars"] == "Training"
    assert english["Registration"] == "https://a.example.org/breakfast"
    chinese = _facts(built, "zh/programmes/breakfast/")
    city = get_timezone_location("Europe/Amsterdam", locale="zh_Hans_CN", return_city=True)
    hours_zh = format_interval(time(8), time(9, 30), "Hm", locale="zh_Hans_CN")
    assert chinese["日程"].startswith(f"每周二 {hours_zh}（{city}时间） ")
    assert chinese["举办方"] == "甲大学" and chinese["参与人员"] == "院长和系主任"
    assert _facts(built, "programmes/monthly-circle/")["Schedule"] == "The last Tuesday of every month (time not given)"
    assert _facts(built, "zh/programmes/monthly-circle/")["日程"] == "每月最后一个周二（时间未注明）"
    assert _facts(built, "zh/programmes/monthly-circle/")["举办方"] == "一所外部学校"


def test_the_next_session_skips_an_except_date_and_is_shown_in_china_standard_time_too(built):
    # The build day is Monday 1 June 2026; Tuesday 2 June has no session.
    article = built.article("programmes/breakfast/")
    times = [span.get_text() for span in article.select(".lead-next-session .lead-session-time")]
    assert len(times) == 2
    assert times[0].startswith("9 June 2026 08:00") and "(Europe/Amsterdam)" in times[0]
    assert times[1].startswith("9 June 2026 14:00") and "(Asia/Shanghai)" in times[1]
    # Shanghai's series is shown in Brussels time as well; a series without a time says so rather than guess.
    course = [span.get_text() for span in built.article("programmes/autumn-course/").select(".lead-session-time")]
    assert course[0].startswith("4 September 2026 10:00") and course[1].startswith("4 September 2026 04:00")
    assert "(Europe/Brussels)" in course[1] and len(course) == 2
    assert _facts(built, "programmes/monthly-circle/")["Next session"] == "No further sessions are planned."


def test_the_learning_facts_are_a_table_with_labels_in_both_languages(built):
    english = _learning(built, "programmes/breakfast/")
    assert english == {
        "Learning outcomes": "Chair a meeting.", "Workload": "30 hours", "ECTS credits": "2.5", "EQF level": "7",
        "Assessment": "A reflection paper.", "Prerequisites": "A leadership role.", "Credential": "Micro-credential",
        "Awarded by": "University A", "Quality assurance": "Internal review.", "Stackable": "Yes",
    }
    chinese = _learning(built, "zh/programmes/breakfast/")
    assert chinese["学习量"] == "30 小时" and chinese["证书"] == "微证书" and chinese["可累积"] == "是"
    assert chinese["质量保证"] == "Internal review."  # not translated: shown in English, marked
    assert "本页部分内容尚未翻译" in built.html("zh/programmes/breakfast/").get_text()


def test_the_listing_groups_programmes_by_the_build_day(built):
    for prefix, headings in (("", ["Running now", "Starting later", "Past programmes", "Schedule not given"]),
                             ("zh/", ["正在进行", "即将开始", "往期培训项目", "未注明日程"])):
        article = built.article(f"{prefix}programmes/")
        assert [h2.get_text(strip=True) for h2 in article.select("h2")] == headings
        groups = [[a["href"] for a in ul.select("li > a")] for ul in article.select("ul.lead-programmes")]
        assert groups == [["breakfast/"], ["autumn-course/"], ["monthly-circle/"], ["mooc/"]]


def test_providers_projects_sessions_and_pillars_link_both_ways(built):
    member = [a["href"] for a in built.article("members/uni-a/").select("ul.lead-programmes > li > a")]
    assert member == ["../../programmes/breakfast/", "../../programmes/autumn-course/", "../../programmes/mooc/"]
    assert [a["href"] for a in built.article("projects/lead2/").select("ul.lead-programmes > li > a")] == ["../../programmes/breakfast/"]
    assert built.article("programmes/breakfast/").select_one("ul.lead-events a")["href"] == "../../events/first-breakfast/"
    assert _facts(built, "events/first-breakfast/")["Programme"] == "Academic leadership breakfast"
    assert _facts(built, "zh/events/first-breakfast/")["所属培训项目"] == "学术领导力早餐会"
    assert "Academic leadership breakfast" in built.text("pillars/training/")
    assert built.article("programmes/breakfast/").find("a", string="University A")["href"] == "../../members/uni-a/"


def test_a_programme_is_described_as_a_course(built):
    (script,) = built.html("programmes/breakfast/").select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Course" and data["provider"]["name"] == "University A"
    instance = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance" and instance["courseMode"] == "onsite"
    assert instance["courseSchedule"] == {
        "@type": "Schedule", "repeatFrequency": "P1W", "byDay": "https://schema.org/Tuesday", "startTime": "08:00",
        "endTime": "09:30", "startDate": "2026-01-06", "scheduleTimezone": "Europe/Amsterdam",
        "exceptDate": ["2026-04-07", "2026-06-02"],
    }
    credential = data["educationalCredentialAwarded"]
    assert credential["@type"] == "EducationalOccupationalCredential" and credential["credentialCategory"] == "micro-credential"
    assert data["numberOfCredits"] == 2.5 and data["timeRequired"] == "PT30H"
    monthly = json.loads(built.html("zh/programmes/monthly-circle/").select_one('script[type="application/ld+json"]').string)
    assert monthly["provider"] == {"@type": "Organization", "name": "一所外部学校"}
    assert monthly["hasCourseInstance"]["courseSchedule"]["repeatFrequency"] == "P1M"
    assert monthly["hasCourseInstance"]["courseSchedule"]["byMonthWeek"] == -1


def _calendar_event(site: ProjectSite, path: str):
    calendar = Calendar.from_ical((site.site_dir / path).read_bytes())
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _expanded(event, until: datetime) -> list[datetime]:
    """The occurrences a calendar app computes: RRULE from DTSTART in its zone, without the EXDATEs."""
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    excluded = set(event.exdates)
    return [moment for moment in rule.between(start - timedelta(seconds=1), until) if moment not in excluded]


def test_the_programme_calendar_repeats_at_local_time_without_the_except_days(built):
    for prefix in ("", "zh/"):
        calendar, event = _calendar_event(built, f"{prefix}programmes/breakfast/programme.ics")
        assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
        assert event["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
        sessions = _expanded(event, datetime(2026, 6, 30, tzinfo=AMSTERDAM))
        days = [session.date() for session in sessions]
        assert date(2026, 4, 7) not in days and date(2026, 6, 2) not in days
        assert date(2026, 3, 31) in days and date(2026, 6, 9) in days
        assert {session.astimezone(AMSTERDAM).time() for session in sessions} == {time(8)}
        assert {session.utcoffset() for session in sessions} == {timedelta(hours=1), timedelta(hours=2)}
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert _calendar_event(built, "zh/programmes/breakfast/programme.ics")[1]["summary"] == "学术领导力早餐会"

    _, course = _calendar_event(built, "programmes/autumn-course/programme.ics")
    assert course["rrule"]["FREQ"] == ["WEEKLY"] and course["rrule"]["INTERVAL"] == [2] and course["rrule"]["BYDAY"] == ["FR"]
    until = course["rrule"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == timedelta(0)
    fridays = _expanded(course, datetime(2027, 1, 31, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert fridays[0] == datetime(2026, 9, 4, 10, tzinfo=ZoneInfo("Asia/Shanghai")) and fridays[-1].date() == date(2026, 12, 25)

    _, monthly = _calendar_event(built, "programmes/monthly-circle/programme.ics")
    assert monthly["rrule"].to_ical() == b"FREQ=MONTHLY;UNTIL=20251231;BYDAY=-1TU"
    assert isinstance(monthly.decoded("dtstart"), date) and monthly.decoded("dtstart") == date(2025, 1, 28)

    assert not (built.site_dir / "programmes/mooc/programme.ics").exists()
    link = built.article("programmes/breakfast/").select_one(".lead-add-to-calendar a")
    assert link["href"] == "programme.ics"


def test_bad_programmes_are_reported_with_their_lines_and_stop_the_build(site):
    site.member("leiden-university", name="Leiden University")
    site.event("session-one")
    site.write("data/programmes/alpha.yml", "title: Alpha\nsummary: A.\nprovider: leiden-univ\nformat: course\nproject: lead\n"
               "sessions: [session-on]\npillars: [trainin]\n")
    site.write("data/programmes/beta.yml", "title: Beta\nsummary: B.\nprovider_name: Outside\nformat: moc\neqf_level: 9\n"
               "registration: javascript:alert(1)\nlanguages: [EN]\nschedule:\n  every: week\n  day: tusday\n  form: 2026-01-06\n")
    site.write("data/programmes/gamma.yml", "title: Gamma\nsummary: G.\nformat: course\nschedule:\n  every: month\n  day: tuesday\n"
               "  time: '08:00'\n  from: 2026-01-06\n")
    site.write("data/programmes/delta.yml", "title: Delta\nsummary: D.\nprovider: leiden-university\nprovider_name: Leiden\n"
               "format: course\nschedule:\n  every: week\n  day: tuesday\n  nth: last\n  duration: 60\n  from: 2026-01-06\n"
               "  until: 2025-12-01\n")
    site.write("data/programmes/zeta.yml", "title: Zeta\nsummary: Z.\nprovider_name: Outside\nformat: course\nschedule:\n"
               "  every: week\n  day: tuesday\n  from: 2026-01-07\n  until: 2026-01-12\n")
    site.write("data/programmes/epsilon.yml", "title: Epsilon\nsummary: E.\nprovider_name: Outside\nformat: course\nschedule:\n"
               "  every: 2 weeks\n  day: tuesday\n  from: 2026-01-06\n  except: [2026-01-20, 2026-01-13, 2026-01-21]\n")
    result = site.leadctl("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    expected = [
        "data/programmes/alpha.yml:3: provider: no member with id 'leiden-univ'; did you mean 'leiden-university'?",
        "data/programmes/alpha.yml:5: project: no project with id 'lead'; add data/projects/lead.yml or correct the id",
        "data/programmes/alpha.yml:6: sessions[0]: no event with id 'session-on'; did you mean 'session-one'?",
        "data/programmes/alpha.yml:7: pillars[0]: no pillar with id 'trainin'; did you mean 'training'?",
        "data/programmes/beta.yml:4: format: expected one of 'mooc', 'workshop-series', 'blended', 'seminar-series', "
        "'peer-learning' or 'course' but received 'moc'",
        "data/programmes/beta.yml:5: eqf_level: expected a number of at most 8 but received a whole number 9",
        "data/programmes/beta.yml:6: registration: URL 'javascript:alert(1)' must start with http://, https:// or mailto: "
        "(other schemes are not allowed)",
        "data/programmes/beta.yml:7: languages[0]: write the language code in small letters: 'en' instead of 'EN'",
        "data/programmes/beta.yml:10: schedule.day: expected one of 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', "
        "'saturday' or 'sunday' but received 'tusday'",
        "data/programmes/beta.yml:11: schedule.form: unknown key 'form'; did you mean 'from'?",
        "data/programmes/gamma.yml:1: no provider: add 'provider: <member id>', or 'provider_name: <name>' when the provider is "
        "not a member",
        "data/programmes/gamma.yml:5: schedule.every: a monthly series needs 'nth': which of the month's days it meets "
        "(first, second, third, fourth or last)",
        "data/programmes/gamma.yml:7: schedule.time: a time is given but no time zone: add 'timezone: Europe/Brussels' "
        "(or the IANA name of the place)",
        "data/programmes/delta.yml:4: provider_name: give either 'provider' (a member id) or 'provider_name', not both",
        "data/programmes/delta.yml:9: schedule.nth: 'nth' is only for 'every: month' (this series meets every week); remove it",
        "data/programmes/delta.yml:10: schedule.duration: 'duration' needs the start 'time' too; add it, or remove 'duration' "
        "when the time is not known",
        "data/programmes/delta.yml:12: schedule.until: until (2025-12-01) is before from (2026-01-06); swap them or fix the date",
        "data/programmes/zeta.yml:9: schedule.until: the series has no session from 2026-01-07 until 2026-01-12; "
        "fix the dates or the day",
        "data/programmes/epsilon.yml:9: schedule.except[1]: 2026-01-13 (Tuesday) is not a day of the series "
        "(every 2 weeks on Tuesday from 2026-01-06); remove it or correct the date",
        "data/programmes/epsilon.yml:9: schedule.except[2]: 2026-01-21 (Wednesday) is not a day of the series "
        "(every 2 weeks on Tuesday from 2026-01-06); remove it or correct the date",
    ]
    for line in expected:
        assert line in lines, result.output
    assert not any("except[0]" in line for line in lines)
    assert "Traceback" not in result.output
    assert site.leadctl("build").exit_code == 1
    assert not (site.site_dir / "programmes").exists()


def test_a_micro_credential_missing_the_european_elements_warns_and_builds(site):
    site.member("uni-a")
    site.programme("module", provider="uni-a", mode="online", credential={"kind": "micro-credential", "stackable": False},
                   learning_outcomes=["Lead."])
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("data/programmes/module.yml:")]
    line = next(number for number, text in enumerate(site.root.joinpath("data/programmes/module.yml").read_text().splitlines(), 1)
                if text.strip().startswith("kind:"))
    assert all(f"module.yml:{line}: warning: credential.kind: a micro-credential should state" in text for text in warnings)
    named = ["'ects'", "'eqf_level'", "'assessment'", "'quality_assurance'", "'prerequisites'"]
    assert len(warnings) == len(named) and all(any(name in text for text in warnings) for name in named)
    assert site.leadctl("build").exit_code == 0
    strict = site.leadctl("validate", "--strict")
    assert strict.exit_code == 1, strict.output
    assert f"{len(named)} problems in 1 file" in strict.output
    site.programme("module", provider="uni-a", credential={"kind": "certificate"})
    assert "warning" not in site.leadctl("validate").output


def test_leadctl_new_programme_writes_a_programme_that_builds(site):
    site.member("leiden-university")
    result = site.leadctl("new", "programme", "breakfast", "--title", "Breakfast", "--summary", "Every Tuesday.",
                          "--format", "seminar-series", "--provider", "leiden-university")
    assert result.exit_code == 0, result.output
    written = (site.root / "data/programmes/breakfast.yml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schemas/programme.schema.json\n")
    assert "# schedule:" in written
    site.build()
    assert _facts(site, "programmes/breakfast/")["Provider"] == "Leiden University"


def test_the_site_calendar_carries_each_series_once_in_both_languages(built):
    for prefix, title in (("", "Academic leadership breakfast"), ("zh/", "学术领导力早餐会")):
        calendar = Calendar.from_ical((built.site_dir / f"{prefix}events/calendar.ics").read_bytes())
        series = {str(event["uid"]).split("@")[0]: event for event in calendar.walk("VEVENT") if "rrule" in event}
        assert sorted(series) == ["programme-autumn-course", "programme-breakfast", "programme-monthly-circle"]
        assert series["programme-breakfast"]["summary"] == title
        own = _calendar_event(built, f"{prefix}programmes/breakfast/programme.ics")[1]
        assert own.to_ical() == series["programme-breakfast"].to_ical()
        assert "Asia/Shanghai" in {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")}


def test_a_series_keeps_its_local_time_where_the_zone_itself_moved():
    # Kazakhstan moved Almaty from UTC+6 to UTC+5 on 1 March 2024 (tzdata 2024a); the package's data says so.
    from sitekit import zone_of_the_tzdata_package

    almaty = zone_of_the_tzdata_package("Asia/Almaty")
    series = _series(every="week", day="tuesday", time="09:00", timezone="Asia/Almaty", **{"from": "2024-02-20", "until": "2024-03-12"})
    sessions = series.occurrences()
    assert [session.time() for session in sessions] == [time(9)] * 4
    assert [session.utcoffset() for session in sessions] == [datetime.combine(s.date(), time(9), tzinfo=almaty).utcoffset()
                                                            for s in sessions]
    assert sessions[0].utcoffset() == timedelta(hours=6) and sessions[-1].utcoffset() == timedelta(hours=5)


def test_a_series_meeting_when_the_clocks_jump_forward_is_refused_until_that_day_is_excepted(site):
    schedule = {"every": "week", "day": "sunday", "time": "02:30", "timezone": "Europe/Amsterdam", "from": "2026-03-01",
                "until": "2026-04-30"}
    site.programme("night-owls", schedule=schedule)
    result = site.leadctl("validate")
    assert result.exit_code == 1
    assert ("data/programmes/night-owls.yml:8: schedule.time: 02:30 does not exist on 2026-03-29 in Europe/Amsterdam "
            "(the clocks jump forward then); choose another time, or add 2026-03-29 to 'except'") in result.output.splitlines()
    site.programme("night-owls", schedule={**schedule, "except": ["2026-03-29"]})
    assert site.leadctl("validate").exit_code == 0


def test_search_narrows_a_programme_by_its_pillars_its_provider_s_country_and_its_first_day(built):
    from leadctl.checking.project import load_project
    from leadctl.generators.programmes import search_facets

    project = load_project(built.root)
    facets = search_facets(project, "breakfast")
    assert facets.pillars == ("training",) and facets.countries == ("NL",) and facets.day == date(2026, 1, 6)
    assert search_facets(project, "monthly-circle").countries == ()
