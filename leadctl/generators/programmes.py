"""Programme pages and the programmes listing (running now, then upcoming, past and unscheduled)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from leadctl.base.text import CREDENTIAL_KINDS, PROGRAMME_FORMATS, PROGRAMME_MODES
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.listings import PROGRAMME_GROUPS
from leadctl.generators.members import member_reference
from leadctl.generators.search_facets import SearchFacets, countries_of
from leadctl.records.models import Programme
from leadctl.records.project import Project
from leadctl.records.schedule import Schedule
from leadctl.records.series import NTH_NUMBERS, Series, describe_series, series_in_site_zones

PROGRAMME_CALENDAR_FILE = "programme.ics"
"""A programme's calendar, beside its page (``leadctl.writers.calendars`` writes it, the page links it)."""

_REPEAT_FREQUENCIES = {"week": "P1W", "2 weeks": "P2W", "month": "P1M"}


def _programme(project: Project, programme_id: str) -> Programme:
    return project.programmes[programme_id].record  # type: ignore[return-value]


def next_session(page: PageContext, series: Series) -> Schedule | str | None:
    """The next session on or after the build day: its time in its own zone, its day alone when untimed, or None."""
    upcoming = series.occurrences(start=page.settings.today, limit=1)
    if not upcoming:
        return None
    session = upcoming[0]
    if isinstance(session, datetime):
        length = series.length
        return Schedule(session, session + length if length else None, series.zone)
    return page.day(session)


def render_record(page: PageContext, programme_id: str) -> str:
    programme = _programme(page.project, programme_id)
    series = Series(programme.schedule) if programme.schedule else None
    return render_page(
        page,
        "programme.html",
        programme.title,
        programme=programme,
        series_words=describe_series(series, page.language) if series else None,
        series_elsewhere=series_in_site_zones(series, page.language, page.settings.today) if series else [],
        next_session=next_session(page, series) if series else None,
        sessions=page.listings.events_in_order(programme.sessions),
        format_name=PROGRAMME_FORMATS[programme.format][page.language],
        mode_name=PROGRAMME_MODES[programme.mode][page.language] if programme.mode else None,
        credential_name=CREDENTIAL_KINDS[programme.credential.kind][page.language] if programme.credential else None,
        calendar_file=PROGRAMME_CALENDAR_FILE,
    )


def render_listing(page: PageContext) -> str:
    groups = [(group, page.listings.programme_groups[group]) for group in PROGRAMME_GROUPS]
    return render_page(page, "programmes_index.html", page.ui("programmes"), groups=[(group, ids) for group, ids in groups if ids])


def search_facets(project: Project, programme_id: str) -> SearchFacets:
    programme = _programme(project, programme_id)
    return SearchFacets(
        pillars=tuple(programme.pillars),
        countries=countries_of(project, [programme.provider] if programme.provider else []),
        day=programme.schedule.first_day if programme.schedule else None,
    )


def _course_instance(programme: Programme) -> dict[str, Any]:
    """The programme's run: its mode and, for a series, its schedule as schema.org describes one."""
    instance: dict[str, Any] = {"@type": "CourseInstance", "courseMode": programme.mode}
    schedule = programme.schedule
    if schedule is not None:
        series = Series(schedule)
        by_day = f"https://schema.org/{schedule.day.capitalize()}"
        end = None
        if schedule.time is not None and series.length is not None:
            end = (datetime.combine(schedule.first_day, schedule.time) + series.length).time()
        instance["courseSchedule"] = _without_empty({
            "@type": "Schedule",
            "repeatFrequency": _REPEAT_FREQUENCIES[schedule.every],
            "byDay": by_day,
            "byMonthWeek": NTH_NUMBERS[schedule.nth] if schedule.nth else None,
            "startTime": schedule.time.strftime("%H:%M") if schedule.time else None,
            "endTime": end.strftime("%H:%M") if end else None,
            "startDate": series.first_day().isoformat(),
            "endDate": schedule.until.isoformat() if schedule.until else None,
            "scheduleTimezone": schedule.timezone,
            "exceptDate": [day.isoformat() for day in schedule.skipped] or None,
        })
        instance["startDate"] = series.first_day().isoformat()
        instance["endDate"] = schedule.until.isoformat() if schedule.until else None
    return _without_empty(instance)


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def structured_data(linked: LinkedData, programme_id: str) -> dict[str, Any] | None:
    """A programme as a schema.org Course: its provider, its run and schedule, the credential it leads to."""
    if programme_id not in linked.project.programmes:
        return None
    programme = _programme(linked.project, programme_id)
    page = linked.url(f"programmes/{programme_id}/")
    if programme.provider:
        provider = member_reference(linked, programme.provider)
    else:
        provider = {"@type": "Organization", "name": linked.text(programme.provider_name)}
    credential = programme.credential
    data = {
        "@type": "Course",
        "@id": page + "#programme",
        "name": linked.text(programme.title),
        "description": linked.text(programme.summary),
        "url": page,
        "provider": provider,
        "hasCourseInstance": _course_instance(programme),
        "inLanguage": programme.languages or None,
        "teaches": [linked.text(outcome) for outcome in programme.learning_outcomes] or None,
        "timeRequired": _hours(programme.workload_hours),
        "educationalLevel": f"EQF level {programme.eqf_level}" if programme.eqf_level else None,
        "coursePrerequisites": linked.text(programme.prerequisites) if programme.prerequisites else None,
        "numberOfCredits": programme.ects,
        "educationalCredentialAwarded": _without_empty({
            "@type": "EducationalOccupationalCredential",
            "name": CREDENTIAL_KINDS[credential.kind][linked.language],
            "credentialCategory": credential.kind,
            "recognizedBy": {"@type": "Organization", "name": linked.text(credential.awarded_by)} if credential.awarded_by else None,
        }) if credential else None,
        "sameAs": programme.registration,
    }
    return with_context(data)


def _hours(hours: float | None) -> str | None:
    """ISO 8601 duration: ``PT30H``, ``PT1H30M``."""
    if hours is None:
        return None
    minutes = round(hours * 60)
    return f"PT{minutes // 60}H" + (f"{minutes % 60}M" if minutes % 60 else "")
