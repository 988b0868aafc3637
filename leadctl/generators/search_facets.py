"""What a page can be narrowed down by in search: pillars, countries and a date.

Each kind's generator gives these for its records (``search_facets``), as ids,
codes and days; ``leadctl.writers.search`` turns them into the filters the
reader sees, in the page's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from leadctl.records.project import Project


@dataclass(frozen=True)
class SearchFacets:
    pillars: tuple[str, ...] = ()
    """Pillar ids."""
    countries: tuple[str, ...] = ()
    """ISO 3166 codes: a member's own, or those of the members behind a record."""
    day: date | None = None
    """The day that places the record in time (a post's, a brief's, an event's start), for its year and the sort by date."""


def countries_of(project: Project, member_ids: Iterable[str]) -> tuple[str, ...]:
    """The countries of the members named, each once, in the order first named."""
    countries: dict[str, None] = {}
    for member_id in member_ids:
        member = project.members.get(member_id)
        if member is not None:
            countries[member.record.country] = None  # type: ignore[attr-defined]
    return tuple(countries)
