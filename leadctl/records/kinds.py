"""The registry of record kinds: the one place that lists them.

Each kind says where its records are kept, which model checks them, how
messages name one, where its pages live and which JSON Schema describes its
files. Everything else that works on "every kind" (loading, cross-reference
messages, the translation report, page planning, link checks, schemas, SEO)
loops over ``KINDS`` instead of spelling the kinds out.

What is found from a kind by rule rather than written here, because a stage
may only import the stages before it (records cannot import generators, nor
base the records):

- its page generator is the module ``leadctl/generators/<name>.py``
  (``leadctl.generators.site.generator_of(kind)`` imports it). It exposes

  - ``render_listing(page) -> str``: the listing at ``<name>/``;
  - ``structured_data(linked, record_id) -> dict | None``: the schema.org
    description of the record on the page at ``<name>/<id>/`` (a plain
    JSON-ready dict; None for none), which ``leadctl.writers.seo`` writes as
    JSON-LD; ``linked`` is a ``leadctl.generators.linked_data.LinkedData``;
  - ``search_facets(project, record_id) -> SearchFacets`` (from
    ``leadctl.generators.search_facets``): the pillars, countries and day a
    reader can narrow search results to the record's page by;
  - and, when ``kind.record_pages`` is true,
    ``render_record(page, record_id) -> str`` (the page at ``<name>/<id>/``);
- its templates are the ones that generator renders, in ``leadctl/templates/``;
  the listing's is ``<name>_index.html``;
- its listing title and the line under it, in both languages, are the words
  ``<name>`` and ``<name>_intro`` in ``leadctl/base/text.py``.

Adding a kind is therefore: its model in ``models.py``, one entry below, its
generator module, its templates, its words, and its tests
(``tests/test_record_kinds.py`` checks that each of these exists).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from leadctl.base.urls import listing_path, record_path
from leadctl.records.models import (
    Brief,
    Event,
    KnowledgeWork,
    Member,
    NetworkProject,
    NewsFrontMatter,
    Pillar,
    Programme,
    Record,
    Topic,
)

Storage = Literal["folder", "list", "posts"]
"""``folder``: one YAML file per record in ``data/<name>/``; ``list``: every
record in the one file ``data/<file>``; ``posts``: Markdown posts in
``docs/<name>/`` (and ``docs/zh/<name>/``) whose front matter is the record."""


@dataclass(frozen=True)
class RecordKind:
    name: str
    """Plural, as in URLs and folders: ``members``. Also the generator module's name."""
    model: type[Record]
    noun: str
    """One record, as messages name it: ``no member with id 'x'``."""
    schema: str
    """The name ``leadctl schema`` gives its JSON Schema (``schemas/<schema>.schema.json``)."""
    schema_title: str
    storage: Storage = "folder"
    file: str = ""
    """The file that holds every record, for ``list`` storage."""
    reserved_ids: tuple[str, ...] = ()
    """Ids no record may take: the kind's own pages beside its records' pages (``knowledge/quick-reference/``)."""

    @property
    def counted(self) -> str:
        """The key of its noun with a number in ``leadctl.base.text.COUNTED``: "1 member", "2 news posts"."""
        return self.noun.replace(" ", "_")

    @property
    def record_pages(self) -> bool:
        """True when leadctl generates a page per record (posts are pages written by hand)."""
        return self.storage != "posts"

    @property
    def data_entry(self) -> str:
        """What the kind keeps directly in data/: a folder or a file name."""
        return self.file if self.storage == "list" else self.name

    @property
    def schema_file(self) -> str:
        return f"{self.schema}.schema.json"

    @property
    def where(self) -> str:
        """Where a contributor writes one record, for schema descriptions."""
        if self.storage == "list":
            return f"data/{self.file}"
        if self.storage == "posts":
            return f"the front matter of docs/{self.name}/<slug>.md"
        return f"data/{self.name}/<id>.yml"

    def record_path(self, record_id: str) -> str:
        return record_path(self.name, record_id)

    def listing_path(self) -> str:
        return listing_path(self.name)


KINDS: tuple[RecordKind, ...] = (
    RecordKind("members", Member, "member", "member", "LEAD member"),
    RecordKind("events", Event, "event", "event", "LEAD event"),
    RecordKind("projects", NetworkProject, "project", "project", "LEAD project"),
    RecordKind("programmes", Programme, "programme", "programme", "LEAD training programme"),
    RecordKind("briefs", Brief, "policy brief", "brief", "LEAD policy brief"),
    RecordKind(
        "knowledge", KnowledgeWork, "knowledge base work", "knowledge", "LEAD knowledge base work", reserved_ids=("quick-reference",)
    ),
    RecordKind("topics", Topic, "topic", "topics", "LEAD topics", storage="list", file="topics.yml"),
    RecordKind("pillars", Pillar, "pillar", "pillars", "LEAD pillars", storage="list", file="pillars.yml"),
    RecordKind("news", NewsFrontMatter, "news post", "news", "LEAD news post front matter", storage="posts"),
)
"""In the order listings are planned and the translation report lists them."""

DATA_KINDS: tuple[RecordKind, ...] = tuple(kind for kind in KINDS if kind.storage != "posts")
"""The kinds kept as YAML under data/, each with a page per record."""

POST_KINDS: tuple[RecordKind, ...] = tuple(kind for kind in KINDS if kind.storage == "posts")
"""The kinds written as Markdown posts under docs/."""

_BY_NAME = {kind.name: kind for kind in KINDS}
KIND_NAMES = frozenset(_BY_NAME)


def kind_named(name: str) -> RecordKind:
    """The kind whose URLs and folder are ``name`` (a KeyError for any other name)."""
    return _BY_NAME[name]
