"""What search engines and link previews read: head metadata, JSON-LD, sitemap.

Every page gets an absolute canonical URL, ``hreflang`` alternates (``en``,
``zh`` and ``x-default``, which is English), Open Graph and Twitter card
metadata, and, on record pages and the home page, schema.org JSON-LD. The
sitemap lists each page with the same alternates.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from markupsafe import Markup, escape

from leadctl.generators.citations import doi_url
from leadctl.generators.listings import news_instant
from leadctl.base.markup import render_markdown
from leadctl.records.kinds import KIND_NAMES
from leadctl.records.models import LANGUAGES, Brief, Event, LocalizedText, Member
from leadctl.generators.site import Site, neutral_path
from leadctl.base.text import AUDIENCES, ui

DEFAULT_LANGUAGE = LANGUAGES[0]
OPEN_GRAPH_LOCALES = {"en": "en_GB", "zh": "zh_CN"}
SCHEMA = "https://schema.org"


@lru_cache(maxsize=1 << 16)
def absolute_url(site_url: str, link: str) -> str:
    """``link`` (site-relative like ``zh/members/x/``, or a path like ``/net/zh/``) as an absolute URL.

    Remembered: each page's address is asked for by its head, its JSON-LD, the
    pages that point at it and the other language's pass (``urljoin`` is slow).
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, link)


def language_home(site_url: str, language: str) -> str:
    return absolute_url(site_url, "" if language == DEFAULT_LANGUAGE else f"{language}/")


@dataclass(frozen=True)
class PageAddresses:
    """Where a page lives and where its other language versions live, all absolute."""

    canonical: str
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, URL) of every language version, this page included, then ``x-default``."""


def page_addresses(site_url: str, own_url: str, versions: Mapping[str, str]) -> PageAddresses:
    """The canonical URL of the page at site-relative ``own_url`` and its hreflang alternates.

    ``versions`` maps each language to the site-relative URL of its version of
    the page (as static-i18n pairs them). A version whose text is not yet
    translated still counts: its navigation and labels are in its language,
    the case search engines document for hreflang on user-generated content.
    """
    alternates = tuple(
        (language, absolute_url(site_url, url)) for language, url in sorted(versions.items(), key=lambda item: _language_rank(item[0]))
    )
    if DEFAULT_LANGUAGE in versions:
        alternates += (("x-default", absolute_url(site_url, versions[DEFAULT_LANGUAGE])),)
    return PageAddresses(absolute_url(site_url, own_url), alternates)


def _language_rank(language: str) -> tuple[int, str]:
    return (LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES), language)


@dataclass(frozen=True)
class PageHead:
    """Everything ``overrides/partials/lead-seo.html`` writes into a page's head."""

    title: str
    description: str
    language: str
    site_name: str
    addresses: PageAddresses
    open_graph_type: str
    structured_data: Markup | None = None

    @property
    def open_graph_locale(self) -> str:
        return OPEN_GRAPH_LOCALES.get(self.language, self.language)

    @property
    def open_graph_alternate_locales(self) -> list[str]:
        return [OPEN_GRAPH_LOCALES.get(lang, lang) for lang, _ in self.addresses.alternates if lang not in ("x-default", self.language)]


@dataclass(frozen=True)
class Publisher:
    """The network as the publisher of the site, in one language."""

    name: str
    site_url: str
    language: str
    description: str = ""

    @property
    def id(self) -> str:
        return absolute_url(self.site_url, "#organization")

    @property
    def home(self) -> str:
        return language_home(self.site_url, self.language)

    def reference(self) -> dict[str, Any]:
        return {"@type": "Organization", "@id": self.id, "name": self.name, "url": self.home}


def json_ld_script_body(data: Mapping[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: valid JSON that cannot end the script.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so neither ``</script>`` nor
    ``<!--`` can appear in the text, whatever the data holds.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class StructuredData:
    """schema.org descriptions of the records, in one language."""

    def __init__(self, site: Site, publisher: Publisher):
        self.site = site
        self.project = site.project
        self.publisher = publisher
        self.language = publisher.language

    def url(self, path: str) -> str:
        return absolute_url(self.publisher.home, path)

    def text(self, value: LocalizedText | None) -> str:
        return value.get(self.language) if value else ""

    def _with_context(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"@context": SCHEMA, **{key: value for key, value in data.items() if value not in (None, "", [], {})}}

    # -- the network ----------------------------------------------------------
    def organization(self, other_names: Iterable[str] = ()) -> dict[str, Any]:
        return self._with_context(
            {
                "@type": "Organization",
                "@id": self.publisher.id,
                "name": self.publisher.name,
                "alternateName": sorted(set(other_names) - {self.publisher.name}),
                "url": self.publisher.home,
                "description": self.publisher.description,
                "inLanguage": self.language,
            }
        )

    # -- members ------------------------------------------------------------------
    def member_reference(self, member_id: str) -> dict[str, Any]:
        member: Member = self.project.members[member_id].record  # type: ignore[assignment]
        return {
            "@type": "Person" if member.kind == "individual" else "Organization",
            "name": self.text(member.name),
            "url": self.url(f"members/{member_id}/"),
        }

    def member(self, member_id: str) -> dict[str, Any]:
        member: Member = self.project.members[member_id].record  # type: ignore[assignment]
        page = self.url(f"members/{member_id}/")
        data: dict[str, Any] = {
            "@type": "Person" if member.kind == "individual" else "Organization",
            "@id": page + "#member",
            "name": self.text(member.name),
            "url": member.website if member.website and not member.website.startswith("mailto:") else page,
            "mainEntityOfPage": page,
            "description": _plain_text(member.description or member.bio, self.language),
            "memberOf": self.publisher.reference(),
        }
        if member.kind == "individual":
            data["jobTitle"] = self.text(member.role)
            if member.affiliation:
                data["affiliation"] = self.member_reference(member.affiliation)
            data["workLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": member.country}}
        else:
            address = {"@type": "PostalAddress", "addressCountry": member.country}
            if member.city:
                address["addressLocality"] = self.text(member.city)
            data["address"] = address
        if member.website and member.website.startswith("mailto:"):
            data["email"] = member.website[len("mailto:") :]
        elif member.website:
            data["sameAs"] = [member.website]
        return self._with_context(data)

    # -- events -------------------------------------------------------------------
    def event(self, event_id: str) -> dict[str, Any]:
        event: Event = self.project.events[event_id].record  # type: ignore[assignment]
        schedule = self.site.listings.schedules[event_id]
        page = self.url(f"events/{event_id}/")
        places: list[dict[str, Any]] = []
        if event.location:
            location = self.text(event.location)
            places.append({"@type": "Place", "name": location, "address": location})
        if event.online:
            places.append({"@type": "VirtualLocation", "url": event.url or page})
        if event.online and event.location:
            mode = "MixedEventAttendanceMode"
        elif event.online:
            mode = "OnlineEventAttendanceMode"
        else:
            mode = "OfflineEventAttendanceMode"
        end = schedule.end if schedule.end is not None else (schedule.start if schedule.all_day else None)
        data = {
            "@type": "Event",
            "@id": page + "#event",
            "name": self.text(event.title),
            "description": self.text(event.summary),
            "url": page,
            "startDate": _iso(schedule.start),
            "endDate": _iso(end) if end is not None else None,
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/{mode}",
            "location": places[0] if len(places) == 1 else places,
            "organizer": [self.member_reference(member_id) for member_id in event.organizers],
            "audience": [
                {"@type": "Audience", "audienceType": AUDIENCES[level][self.language]} for level in event.audience
            ],
            "inLanguage": self.language,
            "sameAs": event.url,
        }
        return self._with_context(data)

    # -- briefs ---------------------------------------------------------------
    def brief_author(self, author) -> dict[str, Any]:
        if author.member:
            return self.member_reference(author.member)
        return {"@type": "Person", "name": self.text(author.name)}

    def brief(self, brief_id: str) -> dict[str, Any]:
        brief: Brief = self.project.briefs[brief_id].record  # type: ignore[assignment]
        page = self.url(f"briefs/{brief_id}/")
        data: dict[str, Any] = {
            "@type": "Report",
            "@id": page + "#report",
            "name": self.text(brief.title),
            "headline": self.text(brief.title),
            "abstract": self.text(brief.summary),
            "description": self.text(brief.summary),
            "author": [self.brief_author(author) for author in brief.authors],
            "datePublished": brief.date.isoformat(),
            "publisher": self.publisher.reference(),
            "url": page,
            "inLanguage": self.language,
            "keywords": list(brief.tags),
        }
        if brief.doi:
            data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": brief.doi}
            data["sameAs"] = doi_url(brief.doi)
        return self._with_context(data)

    # -- news ---------------------------------------------------------------------
    def news(self, slug: str, text_language: str) -> dict[str, Any]:
        post = self.project.news[slug]
        front = post.front_matter[text_language]
        page = self.url(f"news/{slug}/")
        data = {
            "@type": "NewsArticle",
            "@id": page + "#article",
            "headline": front.title,
            "description": front.summary or "",
            "datePublished": news_instant(post, text_language, self.site.settings).isoformat(),
            "author": self.publisher.reference(),
            "publisher": self.publisher.reference(),
            "url": page,
            "mainEntityOfPage": page,
            "inLanguage": text_language,
            "keywords": list(front.tags),
        }
        return self._with_context(data)

    def for_page(self, path: str, text_language: str, is_home: bool, other_names: Iterable[str] = ()) -> dict[str, Any] | None:
        """The JSON-LD of the page at language-neutral ``path``, or None when it describes no record."""
        if is_home:
            return self.organization(other_names)
        parts = path.strip("/").split("/")
        if len(parts) != 2:
            return None
        kind, record_id = parts
        if kind == "members" and record_id in self.project.members:
            return self.member(record_id)
        if kind == "events" and record_id in self.project.events:
            return self.event(record_id)
        if kind == "briefs" and record_id in self.project.briefs:
            return self.brief(record_id)
        if kind == "news" and record_id in self.project.news and text_language in self.project.news[record_id].front_matter:
            return self.news(record_id, text_language)
        return None


def _iso(value: date | datetime) -> str:
    """ISO 8601: a date alone for all-day events, else the time with its UTC offset."""
    return value.isoformat()


def _plain_text(value: LocalizedText | None, language: str) -> str:
    if value is None:
        return ""
    return " ".join(Markup(render_markdown(value.get(language))).striptags().split())


@dataclass(frozen=True)
class PageFacts:
    """What the engine knows about a page being written, in plain strings."""

    src_uri: str
    language: str
    """The language the page is built for."""
    text_language: str
    """The language its text is written in (English for an untranslated copy)."""
    url: str
    """Site-relative URL, e.g. ``zh/members/x/``."""
    versions: Mapping[str, str]
    """Site-relative URL of each language's version of the page."""
    title: str
    """Plain text (entities decoded, no tags)."""
    description: str
    site_url: str
    site_name: str
    site_description: str = ""
    other_site_names: tuple[str, ...] = field(default=())
    """The network's name in the other languages."""


def page_head(site: Site | None, facts: PageFacts) -> PageHead:
    """The head metadata of one page (``site`` is None only when the data did not load)."""
    path = neutral_path(facts.src_uri)
    is_home = path == ""
    generated = site.pages.get(facts.src_uri) if site else None
    title = facts.site_name if is_home else (generated.title if generated else facts.title)
    description = (generated.description if generated else facts.description) or facts.site_description
    structured = None
    if site is not None:
        publisher = Publisher(facts.site_name, facts.site_url, facts.language, facts.site_description)
        data = StructuredData(site, publisher).for_page(path, facts.text_language, is_home, facts.other_site_names)
        structured = json_ld_script_body(data) if data is not None else None
    parts = path.strip("/").split("/")
    record_page = len(parts) == 2 and parts[0] in KIND_NAMES
    return PageHead(
        title=title,
        description=" ".join(description.split()),
        language=facts.language,
        site_name=facts.site_name,
        addresses=page_addresses(facts.site_url, facts.url, facts.versions),
        open_graph_type="article" if record_page else "website",
        structured_data=structured,
    )


# -- the not-found page -------------------------------------------------------------
def not_found_context(site_url: str, language: str) -> dict[str, Any]:
    """Words and links of a language's 404 page.

    The page is served for any missing address, at any depth, so its links are
    absolute paths (``/net/zh/``), which also work on a local preview server.
    """

    def home_path(lang: str) -> str:
        return urlsplit(language_home(site_url or "/", lang)).path

    return {
        "language": language,
        "title": ui("not_found_title", language),
        "text": ui("not_found_text", language),
        "next": Markup(escape(ui("not_found_next", language))).format(
            home=Markup('<a href="{}">{}</a>').format(home_path(language), ui("not_found_home", language))
        ),
        "others": [
            {"language": other, "href": home_path(other), "label": ui("not_found_other", other)}
            for other in LANGUAGES
            if other != language
        ],
    }


# -- sitemap ------------------------------------------------------------------------
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"


# As character references, line breaks and tabs read back as written (an XML parser normalises them otherwise).
_LINE_ENDS = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def sitemap_xml(pages: Iterable[PageAddresses]) -> bytes:
    """A sitemap of the pages, each with its hreflang alternates (``x-default`` included).

    Pages are sorted by URL, so that the file is the same whatever order they
    were built in; a page given twice is listed once.
    """
    by_url: dict[str, PageAddresses] = {}
    for page in pages:
        by_url.setdefault(page.canonical, page)
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NAMESPACE}" xmlns:xhtml="{XHTML_NAMESPACE}">']
    for url in sorted(by_url):
        lines.append(f"  <url>\n    <loc>{xml_escape(url, _LINE_ENDS)}</loc>")
        for hreflang, href in by_url[url].alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)} />')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode()


def write_sitemap(site_dir: Path, pages: Iterable[PageAddresses]) -> None:
    """``sitemap.xml`` and its gzipped copy (with a fixed timestamp, so builds are reproducible)."""
    body = sitemap_xml(pages)
    (site_dir / "sitemap.xml").write_bytes(body)
    with (site_dir / "sitemap.xml.gz").open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as packed:
        packed.write(body)
