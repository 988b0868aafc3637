"""Pillar pages (with everything attached to the pillar) and the pillars overview."""

from __future__ import annotations

from typing import Any

from leadctl.records.models import Pillar
from leadctl.records.project import Project
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData
from leadctl.generators.search_facets import SearchFacets


def render_record(page: PageContext, pillar_id: str) -> str:
    project, refs = page.project, page.project.refs
    pillar: Pillar = project.pillars[pillar_id].record  # type: ignore[assignment]
    slugs = set(refs.news_by_pillar.get(pillar_id, []))
    news = [item for item in page.listings.news(page.language) if item[0].slug in slugs]
    members = sorted(
        refs.members_by_pillar.get(pillar_id, []),
        key=lambda i: (page.plain(project.members[i].record.name).casefold(), i),
    )
    return render_page(
        page,
        "pillar.html",
        pillar.title,
        pillar=pillar,
        events=page.listings.events_in_order(refs.events_by_pillar.get(pillar_id, [])),
        projects=page.listings.projects_in_order(refs.projects_by_pillar.get(pillar_id, [])),
        programmes=page.listings.programmes_in_order(refs.programmes_by_pillar.get(pillar_id, [])),
        briefs=page.listings.briefs_in_order(project, refs.briefs_by_pillar.get(pillar_id, [])),
        works=page.listings.works_in_order(refs.works_by_pillar.get(pillar_id, [])),
        news=news,
        members=members,
    )


def render_listing(page: PageContext) -> str:
    return render_page(page, "pillars_index.html", page.ui("pillars"), pillars=list(page.project.pillars.values()))


def search_facets(project: Project, pillar_id: str) -> SearchFacets:
    return SearchFacets(pillars=(pillar_id,))


def structured_data(linked: LinkedData, pillar_id: str) -> dict[str, Any] | None:
    """None: a pillar page gets no JSON-LD, as a pillar is a theme of the network's work, which no schema.org type fits."""
    return None
