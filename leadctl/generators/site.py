"""The generated site, independent of the engine that writes it.

``Site`` knows which pages the data produces (in both languages), their
Markdown stand-ins, and the HTML that replaces the markers in them. The
MkDocs hooks only move these strings in and out of MkDocs.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from markupsafe import Markup

from leadctl.base.markup import sanitize_page_html
from leadctl.base.settings import SiteSettings
from leadctl.base.text import ui
from leadctl.base.urls import source_uri
from leadctl.generators.context import FormattedDates, PageContext
from leadctl.generators.home import (
    render_latest_news,
    render_latest_publications,
    render_numbers,
    render_pillars,
    render_small_map,
    render_upcoming_events,
)
from leadctl.generators.listings import Listings
from leadctl.generators.news import render_news_header
from leadctl.generators.quick_reference import QUICK_REFERENCE_PATH, quick_reference_page
from leadctl.generators.search_facets import SearchFacets
from leadctl.records.kinds import KINDS, RecordKind, kind_named
from leadctl.records.models import LANGUAGES, LocalizedText
from leadctl.records.project import Project

BLOCK_MARKERS: dict[str, Callable[[PageContext], Markup]] = {
    "pillars": render_pillars,
    "network-numbers": render_numbers,
    "upcoming-events": render_upcoming_events,
    "latest-news": render_latest_news,
    "latest-publications": render_latest_publications,
    # Pages that name the block after briefs get the same list.
    "latest-briefs": render_latest_publications,
    "member-map": render_small_map,
}
_MARKER = re.compile(r"<!-- lead:([a-z-]+) -->")



def generator_of(kind: RecordKind) -> ModuleType:
    """The module that renders ``kind``'s pages: ``leadctl.generators.<kind name>`` (the rule in records/kinds.py)."""
    return importlib.import_module(f"{__package__}.{kind.name}")


def _name_of(record: object) -> LocalizedText:
    """A member has a name, a topic a label, every other record a title."""
    return getattr(record, "name", None) or getattr(record, "label", None) or record.title  # type: ignore[attr-defined]


def _page_title(record: object, language: str) -> str:
    """The title of a record's page in the browser's tab, in search results and in link previews.

    A project is known by its acronym as much as by its name, so a name
    that does not hold it is followed by it.
    """
    title = _name_of(record).get(language)
    acronym: str | None = getattr(record, "acronym", None)
    if acronym and acronym not in title:
        return ui("title_with_acronym", language).format(title=title, acronym=acronym)
    return title


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Language-neutral URL path, e.g. ``members/x/``."""
    language: str
    title: str
    description: str
    renderer: Callable[..., str]
    record_id: str | None = None
    title_translated: bool = True
    """False where the title is the English one, the record's name not being translated."""

    def render(self, context: PageContext) -> str:
        if self.record_id is None:
            return self.renderer(context)
        return self.renderer(context, self.record_id)


class Site:
    """The pages a validated project produces, and how to render each."""

    def __init__(self, project: Project, settings: SiteSettings):
        self.project = project
        self.settings = settings
        self.listings = Listings(project, settings)
        self.dates = FormattedDates()
        self.pages: dict[str, GeneratedPage] = {}
        self.rendered_news: dict[tuple[str, str], str] = {}
        """(language, slug) -> the body of a post written in that language, as MkDocs rendered it (for feeds)."""
        for language in LANGUAGES:
            self._plan(language)

    def _plan(self, language: str) -> None:
        for kind in KINDS:
            listing = generator_of(kind).render_listing
            self._add(kind.listing_path(), language, ui(kind.name, language), ui(f"{kind.name}_intro", language), listing)
        for kind in KINDS:
            if not kind.record_pages:
                continue
            renderer = generator_of(kind).render_record
            for record_id, entry in self.project.collection(kind.name).items():
                record = entry.record
                summary: LocalizedText | None = getattr(record, "summary", None)
                self._add(
                    kind.record_path(record_id),
                    language,
                    _page_title(record, language),
                    summary.get(language) if summary else "",
                    renderer,
                    record_id,
                    _name_of(record).is_translated(language),
                )
        # Everything cited, as one reference list (leadctl.generators.quick_reference).
        self._add(QUICK_REFERENCE_PATH, language, *quick_reference_page(language))

    def _add(
        self,
        path: str,
        language: str,
        title: str,
        description: str,
        renderer: Callable[..., str],
        record_id: str | None = None,
        title_translated: bool = True,
    ) -> None:
        self.pages[source_uri(path, language)] = GeneratedPage(path, language, title, description, renderer, record_id, title_translated)

    def _context(self, path: str, language: str) -> PageContext:
        return PageContext(self.project, self.settings, self.listings, language, path, self.dates)

    def markdown_source(self, src_uri: str) -> str:
        """The Markdown that stands in for a generated page: its front matter, and no text.

        With no text MkDocs' Markdown has nothing to convert; ``page_content``
        gives the page its HTML.
        """
        page = self.pages[src_uri]
        # JSON strings with ASCII escapes are valid YAML double-quoted scalars.
        front_matter = f"title: {json.dumps(page.title)}\n"
        if page.description:
            front_matter += f"description: {json.dumps(page.description)}\n"
        return f"---\n{front_matter}---\n"

    def page_content(self, html: str, src_uri: str, language: str) -> str:
        """The HTML of a page's content: a generated page's, or a hand-written one's with its markers replaced."""
        generated = self.pages.get(src_uri)
        if generated is not None:
            html_out = generated.render(self._context(generated.path, generated.language))
        elif "<!-- lead:" not in html:
            html_out = html
        else:
            path = neutral_path(src_uri)

            def replace(match: re.Match[str]) -> str:
                name = match.group(1)
                if name in BLOCK_MARKERS:
                    return BLOCK_MARKERS[name](self._context(path, language))
                return match.group(0)

            html_out = _MARKER.sub(replace, html)
        if self._news_slug(src_uri):
            html_out = sanitize_page_html(html_out)  # a news post is contributor content
        return self._with_news_header(html_out, src_uri, language)

    def title_language(self, src_uri: str) -> str:
        """The language of a generated page's title where it is not the page's ("en" for a name not yet translated), else ""."""
        generated = self.pages.get(src_uri)
        return "en" if generated is not None and not generated.title_translated else ""

    def search_facets(self, src_uri: str) -> tuple[str, SearchFacets]:
        """What the page at ``src_uri`` is (a record kind's name, or ``page``) and what search narrows to it by."""
        generated = self.pages.get(src_uri)
        if generated is not None and generated.record_id is not None:
            kind = kind_named(generated.path.split("/", 1)[0])
            return kind.name, generator_of(kind).search_facets(self.project, generated.record_id)
        slug = self._news_slug(src_uri)
        if slug is not None:
            return "news", generator_of(kind_named("news")).search_facets(self.project, slug)
        return "page", SearchFacets()

    def _news_slug(self, src_uri: str) -> str | None:
        """The slug when ``src_uri`` is a news post (in either language), else None."""
        parts = neutral_path(src_uri).strip("/").split("/")
        if len(parts) == 2 and parts[0] == "news" and parts[1] in self.project.news:
            return parts[1]
        return None

    def keep_rendered_news(self, html: str, src_uri: str, language: str) -> None:
        """Remember a news post's rendered body when the page is in its own language (not an English stand-in)."""
        slug = self._news_slug(src_uri)
        if slug and file_language(src_uri) == language:
            self.rendered_news[(language, slug)] = html

    def _with_news_header(self, html: str, src_uri: str, language: str) -> str:
        slug = self._news_slug(src_uri)
        text_language = file_language(src_uri)
        if slug is None or text_language not in self.project.news[slug].front_matter:
            return html
        header = render_news_header(self._context(neutral_path(src_uri), language), slug, text_language)
        return str(header) + html  # Markup + str would escape the page


def file_language(src_uri: str) -> str:
    first = src_uri.split("/", 1)[0]
    return first if first in LANGUAGES and first != "en" and "/" in src_uri else "en"


def neutral_path(src_uri: str) -> str:
    """The language-neutral URL path of a Markdown source: ``zh/members/x.md`` -> ``members/x/``."""
    if file_language(src_uri) != "en":
        src_uri = src_uri.split("/", 1)[1]
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"{stem}/"
