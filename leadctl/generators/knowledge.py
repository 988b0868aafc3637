"""The knowledge base: a page per work and the listing of every work and policy brief, with its facets.

The listing shows briefs beside the works (as the kind "policy brief",
linking to their own pages under briefs/), so that a reader finds everything
the network published in one place; briefs keep their own listing and feed.
Every item is in the HTML, newest first; the facets (kind, topic, pillar,
year, language, audience) are a form that docs/javascripts/knowledge-filter.js
shows and applies, keeping the choice in the address (``?kind=report``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from leadctl.base.text import AUDIENCES, WORK_KINDS
from leadctl.generators.citations import record_citation_box
from leadctl.generators.references import doi_url
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.listings import Listings
from leadctl.generators.members import author_reference
from leadctl.generators.search_facets import SearchFacets, countries_of
from leadctl.records.models import Brief, KnowledgeWork, LocalizedText, PartialDate
from leadctl.records.project import Project

BRIEF_KIND = "policy-brief"
"""The kind a policy brief has in the knowledge base's listing."""
FILES_FOLDER = "files"
"""Where a work's files are kept, under docs/ (``files[].path`` is relative to it)."""
RELATED_WORKS = 6

SCHEMA_TYPES = {
    "report": "Report",
    "comparative-study": "Report",
    "case-study": "Report",
    "article": "ScholarlyArticle",
    "book": "Book",
    "chapter": "Chapter",
    "course": "Course",
}
"""The schema.org type of each kind of work; any other kind is a CreativeWork."""


@dataclass(frozen=True)
class ListedWork:
    """A work or a brief as the listing shows it and its facets count it."""

    page_kind: str
    """The record kind whose page it is."""
    id: str
    kind: str
    title: LocalizedText
    summary: LocalizedText
    date: PartialDate | None
    topics: tuple[str, ...]
    pillars: tuple[str, ...]
    languages: tuple[str, ...]
    audience: tuple[str, ...]

    @property
    def year(self) -> str:
        return str(self.date.year) if self.date else ""

    def values(self, facet: str) -> tuple[str, ...]:
        """The item's values for a facet: what the filter's options match."""
        if facet == "kind":
            return (self.kind,)
        if facet == "year":
            return (self.year,) if self.year else ()
        return {"topic": self.topics, "pillar": self.pillars, "language": self.languages, "audience": self.audience}[facet]


@dataclass(frozen=True)
class Facet:
    name: str
    """The filter's name in the address: ``?kind=report``."""
    label: str
    options: tuple[tuple[str, str, int], ...]
    """(value, label in the page's language, how many items have it)."""


FACETS = ("kind", "topic", "pillar", "year", "language", "audience")


def _brief_languages(brief: Brief) -> tuple[str, ...]:
    # A brief is written in English; it is in Chinese too once its summary has a Chinese text of its own
    # (a plain string stands for both languages, but is written in one).
    chinese = brief.summary.zh is not None and brief.summary.zh != brief.summary.en
    return ("en", "zh") if chinese else ("en",)


def listed_items(page: PageContext) -> list[ListedWork]:
    """Every work and brief, the latest date first (a year or a month counts from its first day), undated ones last."""
    project = page.project
    items = []
    for work_id in page.listings.works:
        work: KnowledgeWork = project.knowledge[work_id].record  # type: ignore[assignment]
        items.append(
            ListedWork("knowledge", work_id, work.kind, work.title, work.summary, work.date, tuple(work.topics),
                       tuple(work.pillars), tuple(work.languages), tuple(work.audience))
        )
    for entry in page.listings.briefs:
        brief: Brief = entry.record  # type: ignore[assignment]
        day = PartialDate(brief.date.year, brief.date.month, brief.date.day)
        items.append(
            ListedWork("briefs", entry.id, BRIEF_KIND, brief.title, brief.summary, day, tuple(brief.topics),
                       tuple(brief.pillars), _brief_languages(brief), ())
        )

    def newest_first(item: ListedWork) -> tuple[bool, date, str]:
        return (item.date is not None, item.date.first_day if item.date else date.min, item.id)

    dated = sorted((item for item in items if item.date), key=newest_first, reverse=True)
    return dated + [item for item in items if not item.date]


def facets(page: PageContext, items: list[ListedWork]) -> list[Facet]:
    """The filters with at least one option, each option with its count over the whole list."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for item in items:
        for name in FACETS:
            for value in item.values(name):
                counts[name][value] = counts[name].get(value, 0) + 1
    project = page.project
    labels: dict[str, list[tuple[str, str]]] = {
        "kind": [(key, page.work_kind(key)) for key in WORK_KINDS],
        "topic": [(key, page.plain(entry.record.label)) for key, entry in project.topics.items()],  # type: ignore[attr-defined]
        "pillar": [(key, page.plain(entry.record.title)) for key, entry in project.pillars.items()],  # type: ignore[attr-defined]
        "year": [(year, year) for year in sorted(counts["year"], reverse=True)],
        "language": sorted(((code, page.language_name(code)) for code in counts["language"]), key=lambda pair: pair[1]),
        "audience": [(key, names[page.language]) for key, names in AUDIENCES.items()],
    }
    found = []
    for name in FACETS:
        options = tuple((value, label, counts[name][value]) for value, label in labels[name] if value in counts[name])
        if options:
            found.append(Facet(name, page.ui(f"filter_{name}"), options))
    return found


def render_listing(page: PageContext) -> str:
    items = listed_items(page)
    return render_page(page, "knowledge_index.html", page.ui("knowledge"), items=items, facets=facets(page, items))


@dataclass(frozen=True)
class ShownFile:
    link: str
    name: str
    language: str
    type: str
    """What the file is by its extension, as readers know it: PDF, DOCX."""
    size: int


def _files(page: PageContext, work: KnowledgeWork) -> list[ShownFile]:
    shown = []
    for file in work.files:
        on_disk = page.project.root / page.settings.docs_dir / FILES_FOLDER / file.path
        name = page.plain(file.label) if file.label else PurePosixPath(file.path).name
        kind = PurePosixPath(file.path).suffix.lstrip(".").upper()
        shown.append(ShownFile(page.asset_link(f"{FILES_FOLDER}/{file.path}"), name, file.language, kind, on_disk.stat().st_size))
    return shown


def related_works(project: Project, listings: Listings, work_id: str) -> list[str]:
    """Other works on one of the work's topics or from its project, newest first."""
    work: KnowledgeWork = project.knowledge[work_id].record  # type: ignore[assignment]
    refs = project.refs
    related = {other for topic in work.topics for other in refs.works_by_topic.get(topic, [])}
    if work.project:
        related.update(refs.works_by_project.get(work.project, []))
    related.discard(work_id)
    return listings.works_in_order(list(related))[:RELATED_WORKS]


def render_record(page: PageContext, work_id: str) -> str:
    work: KnowledgeWork = page.project.knowledge[work_id].record  # type: ignore[assignment]
    return render_page(
        page,
        "knowledge.html",
        work.title,
        work=work,
        files=_files(page, work),
        related=related_works(page.project, page.listings, work_id),
        citation=record_citation_box(page, "knowledge", work_id),
    )


def search_facets(project: Project, work_id: str) -> SearchFacets:
    work: KnowledgeWork = project.knowledge[work_id].record  # type: ignore[assignment]
    authors = (author.member for author in work.authors if author.member)
    return SearchFacets(
        pillars=tuple(work.pillars), countries=countries_of(project, authors), day=work.date.first_day if work.date else None
    )


def structured_data(linked: LinkedData, work_id: str) -> dict[str, Any] | None:
    """A work as schema.org describes its kind: a Report, ScholarlyArticle, Book, Chapter, Course or CreativeWork."""
    if work_id not in linked.project.knowledge:
        return None
    work: KnowledgeWork = linked.project.knowledge[work_id].record  # type: ignore[assignment]
    page = linked.url(f"knowledge/{work_id}/")
    schema_type = SCHEMA_TYPES.get(work.kind, "CreativeWork")
    topics = linked.project.topics
    data: dict[str, Any] = {
        "@type": schema_type,
        "@id": page + "#work",
        "name": linked.text(work.title),
        "headline": linked.text(work.title) if schema_type == "ScholarlyArticle" else None,
        "description": linked.text(work.summary),
        "author": [author_reference(linked, author) for author in work.authors],
        "datePublished": work.date.isoformat() if work.date else None,
        "inLanguage": list(work.languages) or None,
        "url": page,
        "sameAs": doi_url(work.doi) if work.doi else work.url,
        "isbn": work.isbn,
        "publisher": {"@type": "Organization", "name": linked.text(work.publisher)} if work.publisher else None,
        "isPartOf": {"@type": "CreativeWork", "name": linked.text(work.container)} if work.container else None,
        "volumeNumber": work.volume,
        "issueNumber": work.issue,
        "pagination": work.pages,
        "bookEdition": work.edition if schema_type == "Book" else None,
        "locationCreated": {"@type": "Place", "name": linked.text(work.place)} if work.place else None,
        "license": f"https://spdx.org/licenses/{work.license}.html" if work.license else None,
        "keywords": [linked.text(topics[topic].record.label) for topic in work.topics],  # type: ignore[attr-defined]
        "audience": [{"@type": "Audience", "audienceType": AUDIENCES[key]["en"]} for key in work.audience],
    }
    if work.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": work.doi}
    return with_context(data)

