"""Member pages and the members directory."""

from __future__ import annotations

from leadctl.records.models import Member
from leadctl.generators.context import PageContext, render_page


def _sort_by_name(page: PageContext, ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda i: (page.plain(page.project.members[i].record.name).casefold(), i))


def render_record(page: PageContext, member_id: str) -> str:
    project = page.project
    member: Member = project.members[member_id].record  # type: ignore[assignment]
    refs = project.refs
    return render_page(
        page,
        "member.html",
        member.name,
        member=member,
        people=_sort_by_name(page, refs.people_by_affiliation.get(member_id, [])),
        events=page.listings.events_in_order(refs.events_by_organizer.get(member_id, [])),
        briefs=page.listings.briefs_in_order(project, refs.briefs_by_author.get(member_id, [])),
    )


def render_listing(page: PageContext) -> str:
    project = page.project
    by_kind = {
        kind: _sort_by_name(page, [i for i, e in project.members.items() if e.record.kind == kind])
        for kind in ("institution", "individual")
    }
    countries = sorted({e.record.country for e in project.members.values()}, key=page.country)
    return render_page(
        page, "members_index.html", page.ui("members"), by_kind=by_kind, countries=countries
    )
