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
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from markupsafe import Markup, escape

from leadctl.base.text import ui
from leadctl.generators import home
from leadctl.generators.linked_data import DEFAULT_LANGUAGE, LinkedData, Publisher, absolute_url, language_home
from leadctl.generators.references import record_citation_tags
from leadctl.generators.site import Site, generator_of, neutral_path
from leadctl.records.kinds import KIND_NAMES, kind_named
from leadctl.records.models import LANGUAGES

OPEN_GRAPH_LOCALES = {"en": "en_GB", "zh": "zh_CN"}


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
    citation_tags: tuple[tuple[str, str], ...] = ()
    """``citation_*`` (name, content) meta tags of a page that cites something: Google Scholar and Zotero read them."""

    @property
    def open_graph_locale(self) -> str:
        return OPEN_GRAPH_LOCALES.get(self.language, self.language)

    @property
    def open_graph_alternate_locales(self) -> list[str]:
        return [OPEN_GRAPH_LOCALES.get(lang, lang) for lang, _ in self.addresses.alternates if lang not in ("x-default", self.language)]


def json_ld_script_body(data: Mapping[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: valid JSON that cannot end the script.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so neither ``</script>`` nor
    ``<!--`` can appear in the text, whatever the data holds.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def structured_data(site: Site, publisher: Publisher, path: str, text_language: str, other_names: Iterable[str] = ()) -> dict[str, Any] | None:
    """The JSON-LD of the page at language-neutral ``path``: the network on the home page, else its record's, if any.

    Each kind's generator module describes its own records (the rule in ``leadctl/records/kinds.py``).
    """
    linked = LinkedData(site.project, site.settings, site.listings, publisher, text_language)
    if path == "":
        return home.structured_data(linked, other_names)
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] not in KIND_NAMES:
        return None
    kind_name, record_id = parts
    return generator_of(kind_named(kind_name)).structured_data(linked, record_id)


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
        data = structured_data(site, publisher, path, facts.text_language, facts.other_site_names)
        structured = json_ld_script_body(data) if data is not None else None
    parts = path.strip("/").split("/")
    record_page = len(parts) == 2 and parts[0] in KIND_NAMES
    citation_tags: tuple[tuple[str, str], ...] = ()
    if site is not None and record_page:
        citation_tags = tuple(record_citation_tags(site.project, site.settings, parts[0], parts[1], facts.language))
    return PageHead(
        title=title,
        description=" ".join(description.split()),
        language=facts.language,
        site_name=facts.site_name,
        addresses=page_addresses(facts.site_url, facts.url, facts.versions),
        open_graph_type="article" if record_page else "website",
        structured_data=structured,
        citation_tags=citation_tags,
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
