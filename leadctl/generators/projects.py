"""Project pages and the projects listing (ongoing first, then planned, completed and undated)."""

from __future__ import annotations

from typing import Any

from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.listings import PROJECT_GROUPS
from leadctl.generators.members import member_reference
from leadctl.generators.search_facets import SearchFacets, countries_of
from leadctl.records.models import NetworkProject
from leadctl.records.project import Project


def _members_of(research: NetworkProject) -> list[str]:
    """The coordinator first, then the partners."""
    return ([research.coordinator] if research.coordinator else []) + research.partners


def render_record(page: PageContext, project_id: str) -> str:
    research: NetworkProject = page.project.projects[project_id].record  # type: ignore[assignment]
    refs = page.project.refs
    return render_page(
        page,
        "project.html",
        research.title,
        research=research,
        followed_by=page.listings.projects_in_order(refs.followed_by.get(project_id, [])),
        events=page.listings.events_in_order(refs.events_by_project.get(project_id, [])),
        programmes=page.listings.programmes_in_order(refs.programmes_by_project.get(project_id, [])),
        works=page.listings.works_in_order(refs.works_by_project.get(project_id, [])),
    )


def render_listing(page: PageContext) -> str:
    groups = [(group, page.listings.project_groups[group]) for group in PROJECT_GROUPS]
    return render_page(page, "projects_index.html", page.ui("projects"), groups=[(group, ids) for group, ids in groups if ids])


def search_facets(project: Project, project_id: str) -> SearchFacets:
    research: NetworkProject = project.projects[project_id].record  # type: ignore[assignment]
    return SearchFacets(
        pillars=tuple(research.pillars),
        countries=countries_of(project, _members_of(research)),
        day=research.start.first_day if research.start else None,
    )


def structured_data(linked: LinkedData, project_id: str) -> dict[str, Any] | None:
    """A project as a schema.org ResearchProject: its funder, its members and when it runs."""
    if project_id not in linked.project.projects:
        return None
    research: NetworkProject = linked.project.projects[project_id].record  # type: ignore[assignment]
    page = linked.url(f"projects/{project_id}/")
    data = {
        "@type": "ResearchProject",
        "@id": page + "#project",
        "name": linked.text(research.title),
        "alternateName": research.acronym,
        "description": linked.text(research.summary),
        "url": page,
        "sameAs": research.website,
        "funder": {"@type": "Organization", "name": linked.text(research.funder)} if research.funder else None,
        "member": [member_reference(linked, member_id) for member_id in _members_of(research)],
        "startDate": research.start.isoformat() if research.start else None,
        "endDate": research.end.isoformat() if research.end else None,
        "inLanguage": linked.language,
    }
    return with_context(data)
