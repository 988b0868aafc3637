"""Ordered selections of records that listings, the home page and feeds share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time

from leadctl.records.models import LANGUAGES, NetworkProject
from leadctl.checking.project import Entry, NewsPost, Project
from leadctl.records.schedule import Schedule, schedule_of
from leadctl.base.settings import SiteSettings


def event_schedules(project: Project) -> dict[str, Schedule]:
    return {event_id: schedule_of(entry.record) for event_id, entry in project.events.items()}  # type: ignore[arg-type]


def upcoming_and_past(project: Project, settings: SiteSettings) -> tuple[list[str], list[str]]:
    """Upcoming event ids, soonest first, and past ones, latest first."""
    schedules = event_schedules(project)

    def key(event_id: str) -> tuple[datetime, str]:
        return schedules[event_id].sort_key(settings.zone), event_id

    upcoming = sorted((i for i, s in schedules.items() if s.last_day >= settings.today), key=key)
    past = sorted((i for i, s in schedules.items() if s.last_day < settings.today), key=key, reverse=True)
    return upcoming, past


PROJECT_GROUPS = ("ongoing", "planned", "completed", "undated")
"""The listing's sections, in order: a project is in one of them on the day of the build."""


def project_groups(project: Project, settings: SiteSettings) -> dict[str, list[str]]:
    """Project ids by group: ongoing and completed ones latest start or end first, planned ones soonest first."""
    groups: dict[str, list[tuple[object, str]]] = {group: [] for group in PROJECT_GROUPS}
    for project_id, entry in project.projects.items():
        research: NetworkProject = entry.record  # type: ignore[assignment]
        if research.end is not None and research.end.last_day < settings.today:
            groups["completed"].append(((research.end.last_day, project_id), project_id))
        elif research.start is not None and research.start.first_day > settings.today:
            groups["planned"].append(((research.start.first_day, project_id), project_id))
        elif research.start is None and research.end is None:
            groups["undated"].append(((project_id,), project_id))
        else:
            started = research.start.first_day if research.start else research.end.last_day  # type: ignore[union-attr]
            groups["ongoing"].append(((started, project_id), project_id))
    return _sorted_groups(groups, newest_first={"ongoing", "completed"})


PROGRAMME_GROUPS = ("running", "upcoming", "past", "unscheduled")
"""The programmes listing's sections, in order, decided on the day of the build."""


def programme_groups(project: Project, settings: SiteSettings) -> dict[str, list[str]]:
    """Programme ids by group: running and past ones latest start first, upcoming ones soonest first, the rest by id."""
    groups: dict[str, list[tuple[object, str]]] = {group: [] for group in PROGRAMME_GROUPS}
    for programme_id, entry in project.programmes.items():
        schedule = entry.record.schedule  # type: ignore[attr-defined]
        if schedule is None:
            groups["unscheduled"].append(((programme_id,), programme_id))
        elif schedule.first_day > settings.today:
            groups["upcoming"].append(((schedule.first_day, programme_id), programme_id))
        elif schedule.until is not None and schedule.until < settings.today:
            groups["past"].append(((schedule.first_day, programme_id), programme_id))
        else:
            groups["running"].append(((schedule.first_day, programme_id), programme_id))
    return _sorted_groups(groups, newest_first={"running", "past"})


def _sorted_groups(groups: dict[str, list[tuple[object, str]]], newest_first: set[str]) -> dict[str, list[str]]:
    """Each group's ids by their sort key, latest first in the groups named ``newest_first``."""
    return {
        group: [record_id for _, record_id in sorted(items, reverse=group in newest_first)]  # type: ignore[type-var]
        for group, items in groups.items()
    }


def _ranks(ordered: Iterable[str]) -> dict[str, int]:
    """Each id's place in ``ordered``, for putting any selection of them in that order."""
    return {record_id: rank for rank, record_id in enumerate(ordered)}


def briefs_newest_first(project: Project, ids: list[str] | None = None) -> list[Entry]:
    entries = [project.briefs[i] for i in ids] if ids is not None else list(project.briefs.values())
    return sorted(entries, key=lambda entry: (entry.record.date, entry.id), reverse=True)  # type: ignore[attr-defined]


def works_newest_first(project: Project) -> list[str]:
    """Knowledge base work ids, the latest date first (a year alone counts as its first day); undated works last."""
    dated = [(entry.record.date.first_day, work_id) for work_id, entry in project.knowledge.items() if entry.record.date]  # type: ignore[attr-defined]
    undated = sorted(work_id for work_id, entry in project.knowledge.items() if not entry.record.date)  # type: ignore[attr-defined]
    return [work_id for _, work_id in sorted(dated, reverse=True)] + undated


def news_instant(post: NewsPost, language: str, settings: SiteSettings) -> datetime:
    """A post's publication instant; a date alone is the start of that day in the site's zone."""
    value = post.front_matter[language].date
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=settings.zone)
    return datetime.combine(value, time(0), tzinfo=settings.zone)


def news_newest_first(project: Project, language: str, settings: SiteSettings, fallback: bool = False) -> list[tuple[NewsPost, str]]:
    """Posts with their text language: the ones written in ``language``, plus English ones if ``fallback``."""
    chosen = []
    for post in project.news.values():
        if language in post.front_matter:
            chosen.append((post, language))
        elif fallback and "en" in post.front_matter:
            chosen.append((post, "en"))
    return sorted(chosen, key=lambda item: (news_instant(item[0], item[1], settings), item[0].slug), reverse=True)


class Listings:
    """Orderings computed once per build and shared by every page and feed."""

    def __init__(self, project: Project, settings: SiteSettings):
        self.schedules = event_schedules(project)
        self.upcoming, self.past = upcoming_and_past(project, settings)
        self._event_rank = _ranks(self.upcoming + self.past)
        self.project_groups = project_groups(project, settings)
        self._project_rank = _ranks(project_id for group in PROJECT_GROUPS for project_id in self.project_groups[group])
        self.programme_groups = programme_groups(project, settings)
        self._programme_rank = _ranks(programme_id for group in PROGRAMME_GROUPS for programme_id in self.programme_groups[group])
        self.briefs = briefs_newest_first(project)
        self._brief_rank = _ranks(entry.id for entry in self.briefs)
        self.works = works_newest_first(project)
        self._work_rank = _ranks(self.works)
        # English lists the posts written in English; Chinese lists all, English ones marked.
        self._news = {
            language: news_newest_first(project, language, settings, fallback=language != "en") for language in LANGUAGES
        }

    def news(self, language: str) -> list[tuple[NewsPost, str]]:
        """(post, language its text is in), newest first."""
        return self._news[language]

    def events_in_order(self, event_ids: list[str]) -> list[str]:
        """Upcoming first (soonest first), then past (latest first)."""
        return sorted(set(event_ids), key=self._event_rank.__getitem__)

    def projects_in_order(self, project_ids: list[str]) -> list[str]:
        """In the listing's order: ongoing, planned, completed, undated."""
        return sorted(set(project_ids), key=self._project_rank.__getitem__)

    def programmes_in_order(self, programme_ids: list[str]) -> list[str]:
        """In the listing's order: running, upcoming, past, without a schedule."""
        return sorted(set(programme_ids), key=self._programme_rank.__getitem__)

    def works_in_order(self, work_ids: list[str]) -> list[str]:
        """Newest first, undated last, as the knowledge base lists them."""
        return sorted(set(work_ids), key=self._work_rank.__getitem__)

    def briefs_in_order(self, project: Project, brief_ids: list[str]) -> list[Entry]:
        return [project.briefs[i] for i in sorted(set(brief_ids), key=self._brief_rank.__getitem__)]
