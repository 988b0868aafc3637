"""Member pages and the members directory."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from leadctl.base.markup import render_markdown
from leadctl.records.models import Author, LocalizedText, Member
from leadctl.records.project import Project
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.pictures import render_member_map
from leadctl.generators.search_facets import SearchFacets


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
        works=page.listings.works_in_order(refs.works_by_author.get(member_id, [])),
        projects=_projects_with_role(page, member_id),
        programmes=page.listings.programmes_in_order(refs.programmes_by_provider.get(member_id, [])),
    )


def _projects_with_role(page: PageContext, member_id: str) -> list[tuple[str, str]]:
    """(project id, ``coordinator`` or ``partner``) for each project the member takes part in."""
    refs = page.project.refs
    coordinated = refs.projects_coordinated.get(member_id, [])
    project_ids = page.listings.projects_in_order(coordinated + refs.projects_as_partner.get(member_id, []))
    return [(project_id, "coordinator" if project_id in coordinated else "partner") for project_id in project_ids]


def render_listing(page: PageContext) -> str:
    project = page.project
    by_kind = {
        kind: _sort_by_name(page, [i for i, e in project.members.items() if e.record.kind == kind])
        for kind in ("institution", "individual")
    }
    countries = sorted({e.record.country for e in project.members.values()}, key=page.country)
    return render_page(
        page, "members_index.html", page.ui("members"), by_kind=by_kind, countries=countries, map=render_member_map(page)
    )


def search_facets(project: Project, member_id: str) -> SearchFacets:
    member: Member = project.members[member_id].record  # type: ignore[assignment]
    return SearchFacets(pillars=tuple(member.pillars), countries=(member.country,))


def member_reference(linked: LinkedData, member_id: str) -> dict[str, Any]:
    """A member as another record's organiser, author or affiliation names it."""
    member: Member = linked.project.members[member_id].record  # type: ignore[assignment]
    return {
        "@type": "Person" if member.kind == "individual" else "Organization",
        "name": linked.text(member.name),
        "url": linked.url(f"members/{member_id}/"),
    }


def author_reference(linked: LinkedData, author: Author) -> dict[str, Any]:
    """An author of a brief or a work: the member, a Person, or an Organization."""
    if author.member:
        return member_reference(linked, author.member)
    if author.organisation:
        return {"@type": "Organization", "name": linked.text(author.organisation)}
    return {"@type": "Person", "name": linked.text(author.name)}


def structured_data(linked: LinkedData, member_id: str) -> dict[str, Any] | None:
    """A member as a schema.org Person or Organization, a member of the network."""
    if member_id not in linked.project.members:
        return None
    member: Member = linked.project.members[member_id].record  # type: ignore[assignment]
    page = linked.url(f"members/{member_id}/")
    data: dict[str, Any] = {
        **member_reference(linked, member_id),
        "@id": page + "#member",
        "url": member.website if member.website and not member.website.startswith("mailto:") else page,
        "mainEntityOfPage": page,
        "description": _plain_text(member.description or member.bio, linked.language),
        "memberOf": linked.publisher.reference(),
    }
    if member.kind == "individual":
        data["jobTitle"] = linked.text(member.role)
        if member.affiliation:
            data["affiliation"] = member_reference(linked, member.affiliation)
        data["workLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": member.country}}
    else:
        address = {"@type": "PostalAddress", "addressCountry": member.country}
        if member.city:
            address["addressLocality"] = linked.text(member.city)
        data["address"] = address
    if member.website and member.website.startswith("mailto:"):
        data["email"] = member.website[len("mailto:") :]
    elif member.website:
        data["sameAs"] = [member.website]
    return with_context(data)


def _plain_text(value: LocalizedText | None, language: str) -> str:
    if value is None:
        return ""
    return " ".join(Markup(render_markdown(value.get(language))).striptags().split())
