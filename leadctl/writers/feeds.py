"""Feeds for subscribers: news as RSS, Atom and JSON Feed, policy briefs as RSS, knowledge base works as RSS and Atom.

Each language gets its own feeds, holding only what is written in that
language (news) or its translation where there is one (briefs). A feed is
first described as a ``Feed`` and then written in each format, so that the
formats cannot disagree. Nothing here depends on when the build runs: a
feed's date is its newest item's, so unchanged content gives the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import lxml.etree
import lxml.html
import nh3
from feedgen.feed import FeedGenerator
from markupsafe import escape

from leadctl.generators.listings import news_instant
from leadctl.base.markup import render_markdown
from leadctl.records.models import Brief, KnowledgeWork
from leadctl.base.settings import SiteSettings
from leadctl.generators.site import Site
from leadctl.base.text import ui
from leadctl.base.urls import listing_path, record_path

NEWS_RSS = "news/rss.xml"
NEWS_ATOM = "news/atom.xml"
NEWS_JSON = "news/feed.json"
BRIEFS_RSS = "briefs/rss.xml"
KNOWLEDGE_RSS = "knowledge/rss.xml"
KNOWLEDGE_ATOM = "knowledge/atom.xml"
WORK_FILES = "files"
"""The folder under docs/ that holds the works' files."""
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
PDF_TYPE = "application/pdf"

# An empty feed still needs a date; a fixed one keeps the output stable.
_EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Characters XML 1.0 cannot hold at all; lxml refuses the whole document otherwise.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FEED_URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    """Size in bytes; 0 when the file is elsewhere and its size unknown."""
    type: str = PDF_TYPE


@dataclass(frozen=True)
class FeedItem:
    url: str
    """The item's page, absolute; also its permanent id."""
    title: str
    published: datetime
    language: str
    """The language the item's text is written in."""
    summary: str | None = None
    content_html: str | None = None
    """The full text as HTML, every link and image absolute."""
    tags: tuple[str, ...] = ()
    enclosure: Enclosure | None = None


@dataclass(frozen=True)
class Feed:
    title: str
    description: str
    language: str
    home_url: str
    """The page the feed follows (the listing), absolute."""
    items: list[FeedItem]

    @property
    def updated(self) -> datetime:
        return max((item.published for item in self.items), default=_EMPTY_FEED_DATE)


# -- what goes in the feeds ---------------------------------------------------


def news_feed(site: Site, language: str, base_url: str) -> Feed:
    """The latest posts written in ``language`` (no English stand-ins), newest first."""
    settings = site.settings
    items = []
    for post, text_language in site.listings.news(language):
        if text_language != language:
            continue
        front = post.front_matter[language]
        url = base_url + record_path("news", post.slug)
        rendered = site.rendered_news.get((language, post.slug))
        items.append(
            FeedItem(
                url=url,
                title=xml_text(front.title),
                published=news_instant(post, language, settings),
                language=language,
                summary=xml_text(front.summary) if front.summary else None,
                content_html=absolute_html(rendered, url) if rendered is not None else None,
                tags=tuple(xml_text(tag) for tag in front.tags),
            )
        )
        if len(items) == settings.feed_size:
            break
    return listing_feed("news", language, settings, base_url, items)


def briefs_feed(site: Site, language: str, base_url: str) -> Feed:
    """The latest policy briefs, newest first, each with its PDF where one is given."""
    settings = site.settings
    root_url = site_root_url(base_url, language)
    items = []
    for entry in site.listings.briefs[: settings.feed_size]:
        brief: Brief = entry.record  # type: ignore[assignment]
        url = base_url + record_path("briefs", entry.id)
        items.append(
            FeedItem(
                url=url,
                title=xml_text(brief.title.get(language)),
                published=start_of_day(brief.date, settings),
                language=language if brief.title.is_translated(language) else "en",
                summary=xml_text(brief.summary.get(language)),
                content_html=absolute_html(str(render_markdown(brief.body.get(language))), url) if brief.body else None,
                tags=tuple(xml_text(site.project.topics[topic].record.label.get(language)) for topic in brief.topics),  # type: ignore[attr-defined]
                enclosure=pdf_enclosure(site, brief, language, root_url),
            )
        )
    return listing_feed("briefs", language, settings, base_url, items)


def knowledge_feed(site: Site, language: str, base_url: str) -> Feed:
    """The latest works with a date, newest first, each with its file in ``language`` (or its first file).

    A work whose date is not known has no place in a feed ordered by date; it is
    in the knowledge base's listing.
    """
    settings = site.settings
    root_url = site_root_url(base_url, language)
    topics = site.project.topics
    items = []
    for work_id in site.listings.works:
        work: KnowledgeWork = site.project.knowledge[work_id].record  # type: ignore[assignment]
        if work.date is None:
            continue
        url = base_url + record_path("knowledge", work_id)
        file = next((f for f in work.files if f.language == language), work.files[0] if work.files else None)
        enclosure = None
        if file is not None:
            local = site.project.root / settings.docs_dir / WORK_FILES / file.path
            kind = PDF_TYPE if file.path.lower().endswith(".pdf") else "application/octet-stream"
            enclosure = Enclosure(root_url + quote(f"{WORK_FILES}/{file.path}"), local.stat().st_size, kind)
        items.append(
            FeedItem(
                url=url,
                title=xml_text(work.title.get(language)),
                published=start_of_day(work.date.first_day, settings),
                language=language if work.title.is_translated(language) else "en",
                summary=xml_text(work.summary.get(language)),
                content_html=absolute_html(str(render_markdown(work.body.get(language))), url) if work.body else None,
                tags=tuple(xml_text(topics[topic].record.label.get(language)) for topic in work.topics),  # type: ignore[attr-defined]
                enclosure=enclosure,
            )
        )
        if len(items) == settings.feed_size:
            break
    return listing_feed("knowledge", language, settings, base_url, items)


def listing_feed(kind: str, language: str, settings: SiteSettings, base_url: str, items: list[FeedItem]) -> Feed:
    """The feed that follows the listing of ``kind``, titled and described as that listing is."""
    return Feed(
        title=titled(f"{kind}_feed_title", language, settings, without_site_name=kind),
        description=ui(f"{kind}_intro", language),
        language=language,
        home_url=base_url + listing_path(kind),
        items=items,
    )


def pdf_enclosure(site: Site, brief: Brief, language: str, root_url: str) -> Enclosure | None:
    """The brief's PDF: a remote URL as given, or a file under docs/ at its one address under the site root."""
    if brief.files is None:
        return None
    value = brief.files.get(language)
    if urlsplit(value).scheme:
        return Enclosure(value, 0)
    local = site.project.root / site.settings.docs_dir / value
    return Enclosure(root_url + quote(value), local.stat().st_size)


def titled(key: str, language: str, settings: SiteSettings, without_site_name: str) -> str:
    """A feed's title: the site's name in that language and what the feed holds."""
    name = settings.site_name(language)
    return ui(key, language).format(site=name) if name else ui(without_site_name, language)


def start_of_day(day: date, settings: SiteSettings) -> datetime:
    return datetime.combine(day, time(0), tzinfo=settings.zone)


def site_root_url(base_url: str, language: str) -> str:
    """The site's root from a language's base URL (``.../net/zh/`` -> ``.../net/``): files under docs/ live once, there."""
    return base_url if language == "en" else urljoin(base_url, "../")


def xml_text(text: str) -> str:
    """Text without the control characters XML cannot carry (everything else is escaped when written)."""
    return _NOT_XML.sub("", text)


def absolute_html(html: str, page_url: str) -> str:
    """A page's HTML for a feed reader: links and images absolute, only safe tags and http(s)/mailto URLs."""
    fragment = lxml.html.fragment_fromstring(xml_text(html), create_parent="div")
    for permalink in fragment.find_class("headerlink"):
        permalink.drop_tree()  # the "¶" anchors next to headings mean nothing in a reader
    fragment.make_links_absolute(page_url, resolve_base_href=False, handle_failures="discard")
    inner = (fragment.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return nh3.clean(inner, url_schemes=_FEED_URL_SCHEMES).strip()


# -- writing each format --------------------------------------------------------


def _feed_generator(feed: Feed, self_url: str, html_summary: bool) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(feed.home_url)
    generator.title(feed.title)
    generator.description(feed.description)
    generator.language(feed.language)
    # feedgen makes the last link the RSS <channel><link>: the page, not the feed itself.
    generator.link(href=self_url, rel="self")
    generator.link(href=feed.home_url, rel="alternate")
    generator.updated(feed.updated)
    generator.lastBuildDate(feed.updated)  # feedgen's default is now(), which changes every build
    for item in feed.items:
        entry = generator.add_entry(order="append")
        entry.id(item.url)
        entry.guid(item.url, permalink=True)
        entry.title(item.title)
        entry.link(href=item.url)
        entry.published(item.published)
        entry.updated(item.published)
        if item.summary:
            # RSS readers take <description> as HTML; Atom's <summary> is plain text by default.
            entry.summary(str(escape(item.summary)) if html_summary else item.summary)
        if item.content_html:
            entry.content(item.content_html, type="html")
        for tag in item.tags:
            entry.category(term=tag)
        if item.enclosure:
            entry.enclosure(item.enclosure.url, str(item.enclosure.length), item.enclosure.type)
    return generator


def rss_bytes(feed: Feed, self_url: str) -> bytes:
    return _feed_generator(feed, self_url, html_summary=True).rss_str(pretty=True)


def atom_bytes(feed: Feed, self_url: str) -> bytes:
    written = _feed_generator(feed, self_url, html_summary=False).atom_str(pretty=True)
    enclosures = {item.url: item.enclosure for item in feed.items if item.enclosure}
    return _atom_enclosures_marked(written, enclosures) if enclosures else written


_ATOM = "{http://www.w3.org/2005/Atom}"


def _atom_enclosures_marked(written: bytes, enclosures: dict[str, Enclosure]) -> bytes:
    """feedgen 1.0 writes an Atom entry's links without their rel, type or length: an enclosure would read
    as a second page of the entry. Its link is given them here."""
    root = lxml.etree.fromstring(written)
    for entry in root.iter(f"{_ATOM}entry"):
        enclosure = enclosures.get(entry.findtext(f"{_ATOM}id") or "")
        if enclosure is None:
            continue
        for link in entry.iter(f"{_ATOM}link"):
            if link.get("href") == enclosure.url:
                link.set("rel", "enclosure")
                link.set("type", enclosure.type)
                link.set("length", str(enclosure.length))
    return lxml.etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def json_feed_bytes(feed: Feed, self_url: str) -> bytes:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    items = []
    for item in feed.items:
        entry: dict[str, object] = {"id": item.url, "url": item.url, "title": item.title}
        if item.content_html:
            entry["content_html"] = item.content_html
        else:
            entry["content_text"] = item.summary or item.title
        if item.summary:
            entry["summary"] = item.summary
        entry["date_published"] = item.published.isoformat()
        if item.tags:
            entry["tags"] = list(item.tags)
        entry["language"] = item.language
        items.append(entry)
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": self_url,
        "description": feed.description,
        "language": feed.language,
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write(output_dir: Path, relative: str, content: bytes) -> None:
    path = output_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def write_news_feeds(site: Site, language: str, output_dir: Path, base_url: str) -> None:
    feed = news_feed(site, language, base_url)
    _write(output_dir, NEWS_RSS, rss_bytes(feed, base_url + NEWS_RSS))
    _write(output_dir, NEWS_ATOM, atom_bytes(feed, base_url + NEWS_ATOM))
    _write(output_dir, NEWS_JSON, json_feed_bytes(feed, base_url + NEWS_JSON))


def write_briefs_feed(site: Site, language: str, output_dir: Path, base_url: str) -> None:
    feed = briefs_feed(site, language, base_url)
    _write(output_dir, BRIEFS_RSS, rss_bytes(feed, base_url + BRIEFS_RSS))


def write_knowledge_feeds(site: Site, language: str, output_dir: Path, base_url: str) -> None:
    feed = knowledge_feed(site, language, base_url)
    _write(output_dir, KNOWLEDGE_RSS, rss_bytes(feed, base_url + KNOWLEDGE_RSS))
    _write(output_dir, KNOWLEDGE_ATOM, atom_bytes(feed, base_url + KNOWLEDGE_ATOM))
