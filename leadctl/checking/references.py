"""The index of cross-references, built once the records are valid.

Checks that every reference names something that exists, and records the
reverse links pages need: the events a member organised, the briefs and
knowledge base works it wrote, the projects it takes part in, the programmes it provides, an institution's people, a project's
events, works and successors, and everything attached to a pillar or a topic.

A topic gathers the works, briefs and events that name it in ``topics``, and
the news posts one of whose ``tags`` is its id: a post's front matter is
hand-written with free tags, so a tag that happens to be a topic's id links the
post to it, and any other tag is left alone.
"""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from leadctl.base.problems import Problem
from leadctl.reading.documents import KeyPath, LoadedDocument, format_key_path
from leadctl.records.kinds import kind_named
from leadctl.records.models import LANGUAGES, Brief, Event, KnowledgeWork, Member, NetworkProject, Programme
from leadctl.records.project import CrossReferences, Project


class _Checker:
    def __init__(self, documents: dict[str, LoadedDocument], existing_ids: dict[str, set[str]]):
        self.documents = documents
        self.existing_ids = existing_ids
        self.problems: list[Problem] = []

    def reference(self, source: str, key_path: KeyPath, kind: str, target: str) -> bool:
        """True when ``target`` names an existing ``kind``; records a problem otherwise."""
        if target in self.existing_ids[kind]:
            return True
        record_kind = kind_named(kind)
        close = difflib.get_close_matches(target, sorted(self.existing_ids[kind]), n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif record_kind.storage == "list":
            hint = f"known {kind}: {', '.join(sorted(self.existing_ids[kind])) or f'none (add them to data/{record_kind.file})'}"
        else:
            hint = f"add data/{kind}/{target}.yml or correct the id"
        self.problem(source, key_path, f"no {record_kind.noun} with id '{target}'; {hint}")
        return False

    def problem(self, source: str, key_path: KeyPath, message: str) -> None:
        doc = self.documents.get(source)
        line = doc.line_of(key_path) if doc else 1
        self.problems.append(Problem(source, line, format_key_path(key_path), message))


def build_cross_references(
    project: Project, documents: dict[str, LoadedDocument], existing_ids: dict[str, set[str]]
) -> tuple[CrossReferences, list[Problem]]:
    refs = CrossReferences()
    check = _Checker(documents, existing_ids)

    def pillar_links(source: str, pillars: list[str], target: dict[str, list[str]], record_id: str, base: KeyPath = ()) -> None:
        for index, pillar in enumerate(pillars):
            if check.reference(source, base + ("pillars", index), "pillars", pillar):
                target[pillar].append(record_id)

    def topic_links(source: str, topics: list[str], target: dict[str, list[str]], record_id: str) -> None:
        for index, topic in enumerate(topics):
            if check.reference(source, ("topics", index), "topics", topic) and record_id not in target[topic]:
                target[topic].append(record_id)

    for member_id, entry in project.members.items():
        member: Member = entry.record  # type: ignore[assignment]
        topic_links(entry.source, member.topics, refs.members_by_topic, member_id)
        if member.affiliation and check.reference(entry.source, ("affiliation",), "members", member.affiliation):
            institution = project.members.get(member.affiliation)
            if institution and institution.record.kind != "institution":  # type: ignore[attr-defined]
                check.problem(entry.source, ("affiliation",), f"'{member.affiliation}' is an individual; an affiliation must be an institution")
            else:
                refs.people_by_affiliation[member.affiliation].append(member_id)
        pillar_links(entry.source, member.pillars, refs.members_by_pillar, member_id)

    for event_id, entry in project.events.items():
        event: Event = entry.record  # type: ignore[assignment]
        for index, organizer in enumerate(event.organizers):
            if check.reference(entry.source, ("organizers", index), "members", organizer):
                refs.events_by_organizer[organizer].append(event_id)
        pillar_links(entry.source, event.pillars, refs.events_by_pillar, event_id)
        if event.project and check.reference(entry.source, ("project",), "projects", event.project):
            refs.events_by_project[event.project].append(event_id)
        topic_links(entry.source, event.topics, refs.events_by_topic, event_id)

    for project_id, entry in project.projects.items():
        research: NetworkProject = entry.record  # type: ignore[assignment]
        if research.coordinator and check.reference(entry.source, ("coordinator",), "members", research.coordinator):
            refs.projects_coordinated[research.coordinator].append(project_id)
        for index, partner in enumerate(research.partners):
            if partner == research.coordinator:
                check.problem(entry.source, ("partners", index), f"'{partner}' is the coordinator; list it only under 'coordinator'")
            elif partner in research.partners[:index]:
                check.problem(entry.source, ("partners", index), f"'{partner}' is listed twice; give each partner once")
            elif check.reference(entry.source, ("partners", index), "members", partner):
                refs.projects_as_partner[partner].append(project_id)
        for index, package in enumerate(research.work_packages):
            if package.lead:
                check.reference(entry.source, ("work_packages", index, "lead"), "members", package.lead)
        pillar_links(entry.source, research.pillars, refs.projects_by_pillar, project_id)
        if research.follows == project_id:
            check.problem(entry.source, ("follows",), f"'{project_id}' cannot follow itself; name the project it builds on")
        elif research.follows and check.reference(entry.source, ("follows",), "projects", research.follows):
            refs.followed_by[research.follows].append(project_id)
    _check_follows_cycles(check, project)

    for programme_id, entry in project.programmes.items():
        programme: Programme = entry.record  # type: ignore[assignment]
        if programme.provider and check.reference(entry.source, ("provider",), "members", programme.provider):
            refs.programmes_by_provider[programme.provider].append(programme_id)
        if programme.project and check.reference(entry.source, ("project",), "projects", programme.project):
            refs.programmes_by_project[programme.project].append(programme_id)
        pillar_links(entry.source, programme.pillars, refs.programmes_by_pillar, programme_id)
        for index, session in enumerate(programme.sessions):
            if not check.reference(entry.source, ("sessions", index), "events", session):
                continue
            if session in refs.programme_of_session:
                other = refs.programme_of_session[session]
                where = "listed twice" if other == programme_id else f"already a session of '{other}'"
                check.problem(entry.source, ("sessions", index), f"event '{session}' is {where}; an event is a session of one programme, once")
            else:
                refs.programme_of_session[session] = programme_id

    for brief_id, entry in project.briefs.items():
        brief: Brief = entry.record  # type: ignore[assignment]
        for index, author in enumerate(brief.authors):
            if author.member and check.reference(entry.source, ("authors", index, "member"), "members", author.member):
                refs.briefs_by_author[author.member].append(brief_id)
        pillar_links(entry.source, brief.pillars, refs.briefs_by_pillar, brief_id)
        topic_links(entry.source, brief.topics, refs.briefs_by_topic, brief_id)
        if brief.files:
            # A language without its own file shows the English one: that path is checked once, at 'en'.
            for language in LANGUAGES:
                if language == "en" or brief.files.get(language) != brief.files.en:
                    _check_file_reference(check, project, entry.source, brief.files.get(language), language)

    for work_id, entry in project.knowledge.items():
        work: KnowledgeWork = entry.record  # type: ignore[assignment]
        for index, author in enumerate(work.authors):
            if author.member and check.reference(entry.source, ("authors", index, "member"), "members", author.member):
                if work_id not in refs.works_by_author[author.member]:
                    refs.works_by_author[author.member].append(work_id)
        pillar_links(entry.source, work.pillars, refs.works_by_pillar, work_id)
        topic_links(entry.source, work.topics, refs.works_by_topic, work_id)
        if work.project and check.reference(entry.source, ("project",), "projects", work.project):
            refs.works_by_project[work.project].append(work_id)
        for index, file in enumerate(work.files):
            _check_work_file(check, project, entry.source, ("files", index, "path"), file.path)

    for slug, post in project.news.items():
        for language, front_matter in post.front_matter.items():
            pillar_links(post.sources[language], front_matter.pillars, refs.news_by_pillar, slug)
            for tag in front_matter.tags:
                if tag in project.topics and slug not in refs.news_by_topic[tag]:
                    refs.news_by_topic[tag].append(slug)
    # A post in both languages was added once per language.
    for pillar, slugs in refs.news_by_pillar.items():
        refs.news_by_pillar[pillar] = sorted(set(slugs))
    return refs, check.problems


def _check_follows_cycles(check: _Checker, project: Project) -> None:
    """A chain of ``follows`` that comes back to where it started: each project in it is told."""
    for project_id, entry in project.projects.items():
        chain = [project_id]
        follows = entry.record.follows  # type: ignore[attr-defined]
        while follows in project.projects and follows not in chain:
            chain.append(follows)
            follows = project.projects[follows].record.follows  # type: ignore[attr-defined]
        # A project following itself is reported on its own; a chain that joins a cycle further on is not in it.
        if follows == project_id and len(chain) > 1:
            loop = " -> ".join(chain + [project_id])
            check.problem(
                entry.source, ("follows",),
                f"the projects follow each other in a circle ({loop}); a project can only build on an earlier one: remove one 'follows'",
            )


def _check_file_reference(check: _Checker, project: Project, source: str, value: str, language: str) -> None:
    key = ("files", language)
    parts = urlsplit(value)
    if parts.scheme:
        if parts.scheme not in ("http", "https") or not parts.netloc:
            check.problem(source, key, f"'{value}' must be an http(s) URL or a path under docs/, like briefs/files/brief.pdf")
        return
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts:
        check.problem(source, key, f"'{value}' must be a path inside docs/ without '..', like briefs/files/brief.pdf")
    elif not (project.root / "docs" / path).is_file():
        check.problem(source, key, f"no file docs/{value}; add the PDF there or correct the path")


WORK_FILES = "files"
"""The folder under docs/ that holds the files of knowledge base works."""


def _check_work_file(check: _Checker, project: Project, source: str, key: KeyPath, value: str) -> None:
    path = PurePosixPath(value)
    if urlsplit(value).scheme or path.is_absolute() or ".." in path.parts:
        check.problem(source, key, f"'{value}' must be a path inside docs/{WORK_FILES}/ without '..', like lead2-leaflet-en.pdf; give a web address as 'url'")
    elif not (project.root / "docs" / WORK_FILES / path).is_file():
        check.problem(source, key, f"no file docs/{WORK_FILES}/{value}; add the file there or correct the path")
