"""The whole data set as pages are built from it: records by kind, news posts, cross-references.

``leadctl.checking.project`` fills a ``Project`` from the files and checks it;
everything after the checking stage only reads one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from leadctl.records.kinds import DATA_KINDS
from leadctl.records.models import NewsFrontMatter, Record


@dataclass(frozen=True)
class Entry:
    """A validated record with its id and the file it came from."""

    id: str
    record: Record
    source: str
    """Path of the source file, relative to the project root."""


@dataclass(frozen=True)
class NewsPost:
    """A news post: its slug and, per language, the front matter and source path."""

    slug: str
    front_matter: dict[str, NewsFrontMatter]
    sources: dict[str, str]


@dataclass
class CrossReferences:
    """The reverse links pages show: what points at a member, a project or a pillar."""

    events_by_organizer: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    briefs_by_author: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    people_by_affiliation: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    projects_coordinated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Member id -> the projects it coordinates."""
    projects_as_partner: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Member id -> the projects it is a partner in."""
    events_by_project: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    programmes_by_provider: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    programmes_by_project: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    programme_of_session: dict[str, str] = field(default_factory=dict)
    """Event id -> the programme it is a session of."""
    followed_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Project id -> the projects that build on it."""
    members_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    briefs_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    projects_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    programmes_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    news_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    works_by_author: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Member id -> the knowledge base works it wrote."""
    works_by_project: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    works_by_pillar: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    works_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    briefs_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    members_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    news_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Topic id -> the news posts one of whose ``tags`` is the topic's id, in either language."""


@dataclass
class Project:
    """Everything the site is built from, validated and cross-referenced."""

    root: Path
    records: dict[str, dict[str, Entry]] = field(default_factory=lambda: {kind.name: {} for kind in DATA_KINDS})
    """Kind name (``members``) -> record id -> entry, for every kind kept under data/."""
    news: dict[str, NewsPost] = field(default_factory=dict)
    refs: CrossReferences | None = None

    def collection(self, kind: str) -> dict[str, Entry]:
        return self.records[kind]

    # The kinds pages cross-reference by name.
    @property
    def members(self) -> dict[str, Entry]:
        return self.records["members"]

    @property
    def events(self) -> dict[str, Entry]:
        return self.records["events"]

    @property
    def projects(self) -> dict[str, Entry]:
        return self.records["projects"]

    @property
    def programmes(self) -> dict[str, Entry]:
        return self.records["programmes"]

    @property
    def briefs(self) -> dict[str, Entry]:
        return self.records["briefs"]

    @property
    def pillars(self) -> dict[str, Entry]:
        return self.records["pillars"]

    @property
    def knowledge(self) -> dict[str, Entry]:
        return self.records["knowledge"]

    @property
    def topics(self) -> dict[str, Entry]:
        return self.records["topics"]
