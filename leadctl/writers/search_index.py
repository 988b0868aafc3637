"""The search index of one language: words to pages, in pieces a reader fetches as a query needs them.

A reader's browser runs the other half (``docs/javascripts/lead-search-engine.js``);
both split text into terms the same way (``terms_of``), which
``tests/test_search_index.py`` checks by running the script under Node.

What a language's bundle holds (``search/`` in its folder):

- ``index.json``: the number of pages, where the page table and the
  pages' texts are, and the index's chunks: the first term of each, in
  order, with the chunk's file. The only file a query always needs.
- ``terms/<hash>.json``: one chunk, ``{term: [rarity, page, weight, page, weight, …]}``:
  the term's rarity (BM25's idf, in thousandths), then the pages holding it
  as gaps from the one before (the first from 0), each with how much the
  term weighs on that page, 1 to 255 (BM25's term frequency part, plus
  ``TITLE_BONUS`` where the title holds it). A page's score for a term is
  rarity × weight.
- ``table.<hash>.json``: each page's filter values and date, for filters,
  their counts and sorting, fetched only when a reader uses them.
- ``pages/<key>/<n>.json``: page ``n``'s address (relative to the
  language's folder), title, kind and indexed text, for a result's line
  and excerpt; where the title or parts of the text are in another
  language than the page's (English not yet translated, on a Chinese
  page), also ``title_lang`` and ``langs``, ``[[start, end, language], …]``,
  so that the result marks them as the page does. ``key`` changes
  whenever any page does, so a browser never keeps a page's old text
  under a new index.

Latin-script words are folded (accents off, lower case) and their English
plurals trimmed; Chinese (Han) text, which has no spaces, is indexed by
single characters and by pairs of neighbouring characters, so a word found
anywhere in a sentence is found without a dictionary.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han characters: the Unified Ideographs with extensions A to G and the compatibility block."""

_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_RUNS = re.compile(rf"([{HAN}]+)|((?:(?![{HAN}])[^\W_])+)")

TITLE_BONUS = 1.5
"""Added to a term's weight on a page whose title holds it: a page named after a word ranks above pages that only mention it, however often."""

CHUNK_BYTES = 32_000
"""About how large a chunk of the index is before it is compressed: a query fetches one or two."""

_BM25_K1, _BM25_B = 1.2, 0.75

VERSION = 1
"""Of the files' form: the reader's script reads only the version it knows (a stale copy fails, it does not misread)."""


def fold(text: str) -> str:
    """``text`` as it is compared: compatibility forms unified, accents off, lower case."""
    if text.isascii():
        return text.lower()
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text)).lower()


def stem(word: str) -> str:
    """An English plural as its singular ("policies" → "policy"); other words as they are."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def terms_of(text: str) -> list[str]:
    """The terms of ``text`` as the index holds them, in order: stemmed words, Han characters and pairs."""
    terms: list[str] = []
    for han, word in _RUNS.findall(fold(text)):
        if word:
            terms.append(stem(word))
        else:
            terms.extend(han)
            terms.extend(han[i:i + 2] for i in range(len(han) - 1))
    return terms


# ---- What a page gives the index --------------------------------------------------------------

_BODY = re.compile(r"<div\b[^>]*\bdata-search-body\b[^>]*>")
_MARKS = re.compile(r'<script type="application/json" data-search-marks>(.*?)</script>', re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<!--.*?-->", re.S)
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]*)\"")
_LANG_ATTRIBUTE = re.compile(r"(?:^|\s)lang=(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")
# Where an element with a lang attribute starts and ends, in the text before its spaces are tidied.
_LANG_START, _LANG_END = "\ue000", "\ue001"
_LANG_SPLIT = re.compile(f"([{_LANG_START}{_LANG_END}])")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_INLINE = frozenset("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var".split())
_SKIPPED = frozenset(("script", "style", "svg", "template", "noscript"))
_RAW_TEXT = frozenset(("script", "style"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_LEFT_OUT = re.compile(r"\bdata-search-(?:ignore|exclude)\b")
"""Leaves an element out of the index: ``data-search-ignore`` in our templates, ``data-search-exclude`` as
Material documents it for contributors (``{ data-search-exclude }`` after a paragraph or a heading)."""


@dataclass(frozen=True)
class IndexedPage:
    url: str
    """Relative to the language's folder: ``briefs/shared-decisions/``, ``""`` for the home page."""
    title: str
    kind: str
    text: str
    filters: dict[str, list[str]]
    date: str
    title_lang: str = ""
    """The title's language where it is not the page's (an English title not yet translated), else ""."""
    langs: tuple[tuple[int, int, str], ...] = ()
    """``(start, end, language)`` of the parts of ``text`` in another language than the page's."""


def page_of(url: str, page_html: str) -> IndexedPage | None:
    """What the page at ``url`` gives the index, or None for a page that asks for none (no marked body)."""
    body = _BODY.search(page_html)
    marks = _MARKS.search(page_html)
    if body is None or marks is None:
        return None
    found = json.loads(marks.group(1))
    filters: dict[str, list[str]] = {}
    for name, value in found["filters"]:
        filters.setdefault(name, []).append(value)
    page_language = _HTML_LANG.search(page_html)
    text, langs = _text_of_body(page_html, body.end(), page_language.group(1) if page_language else "")
    return IndexedPage(url, found["title"], found["kind"], text, filters, found["date"], found.get("title_lang", ""), langs)


def _text_of_body(page_html: str, start: int, page_language: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The text of the ``div`` whose start tag ends at ``start``, and where in it the elements whose ``lang`` is not ``page_language`` put their text.

    Left out: an element marked ``data-search-ignore`` or ``data-search-exclude``, and
    after a heading marked so, its section: everything up to the next heading of its
    level or above, its subsections included.
    """
    pieces: list[str] = []
    depth = 1  # of div elements, to find where the body ends
    skipping: tuple[str, int] | None = None  # (tag, nesting) of the element being left out
    section_left_out = 0  # the level of the heading whose section is being left out
    languages: list[list] = []  # [tag, nesting, lang] of the elements with a lang attribute still open
    started: list[str] = []  # the lang of each element opened, in order
    position = start
    for tag in _TAG.finditer(page_html, start):
        if skipping is None and not section_left_out and tag.start() > position:
            pieces.append(page_html[position:tag.start()])
        position = tag.end()
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if not name:
            continue  # a comment
        if skipping is not None and skipping[0] in _RAW_TEXT:
            if closing and name == skipping[0]:
                skipping = None
            continue  # what looks like a tag in a script is text, not markup
        if name == "div":
            depth += -1 if closing else 1
            if depth == 0:
                break
        if skipping is not None:
            if name == skipping[0] and name not in _VOID:
                nesting = skipping[1] + (-1 if closing else 1)
                skipping = None if nesting == 0 else (name, nesting)
            continue
        if not closing and name in _HEADINGS:
            level = int(name[1])
            if not section_left_out or level <= section_left_out:
                section_left_out = level if _LEFT_OUT.search(tag.group(3)) else 0
        if not closing and name not in _VOID and (name in _SKIPPED or _LEFT_OUT.search(tag.group(3))):
            skipping = (name, 1)
            continue
        if name not in _INLINE:
            pieces.append(" ")
        if name in _VOID:
            continue
        if closing:
            if languages and name == languages[-1][0]:
                languages[-1][1] -= 1
                if languages[-1][1] == 0:
                    languages.pop()
                    pieces.append(_LANG_END)
            continue
        lang = _LANG_ATTRIBUTE.search(tag.group(3)) if "lang=" in tag.group(3) else None
        if lang is not None:
            languages.append([name, 1, lang.group(1) or lang.group(2) or lang.group(3) or ""])
            started.append(languages[-1][2])
            pieces.append(_LANG_START)
        elif languages and name == languages[-1][0]:
            languages[-1][1] += 1
    return _tidied("".join(pieces), started, page_language)


def _tidied(raw: str, started: list[str], page_language: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """``raw`` unescaped with its runs of spaces made one, and the spans of the languages its marks enclose.

    The text is the same as without the marks: a mark between two letters
    joins them, one beside a space is beside that one space.
    """
    if not started:
        return " ".join(html.unescape(raw).split()), ()
    out: list[str] = []
    length = 0
    space = False  # a space is due before the next word
    opened: list[tuple[str, int]] = []
    spans: list[tuple[int, int, str]] = []
    languages = iter(started)
    for part in _LANG_SPLIT.split(raw):
        if part == _LANG_START:
            opened.append((next(languages), length))
        elif part == _LANG_END:
            lang, begin = opened.pop()
            if lang != page_language:
                spans.append((begin, length, lang))
        elif part:
            text = html.unescape(part)
            words = text.split()
            if words:
                joined = " ".join(words)
                if out and (space or text[0].isspace()):
                    joined = " " + joined
                out.append(joined)
                length += len(joined)
            space = (space and not words) or text[-1].isspace()
    text = "".join(out)
    # A span that begins where a space was then put begins after it.
    spans = [(begin + (text[begin:begin + 1] == " "), end, lang) for begin, end, lang in spans]
    return text, _joined([span for span in spans if span[1] > span[0]])


def _joined(spans: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """Spans in order, those inside another of the same language left out, neighbours of one language made one."""
    joined: list[tuple[int, int, str]] = []
    for begin, end, lang in sorted(spans, key=lambda span: (span[0], -span[1])):
        if joined and joined[-1][2] == lang and begin <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]), lang)
        else:
            joined.append((begin, end, lang))
    return tuple(joined)


# ---- The bundle ---------------------------------------------------------------------------------


def write_bundle(pages: Iterable[IndexedPage], folder: Path) -> None:
    """Write the index of ``pages`` into the empty folder ``folder``."""
    pages = list(pages)
    (folder / "terms").mkdir(parents=True)
    chunk_list = [[first, _write_named(folder / "terms", "", terms)] for first, terms in _chunks(_weighted_terms(pages))]
    texts = [_page_text(page) for page in pages]
    key = hashlib.sha256(_json(texts).encode()).hexdigest()[:10]
    (folder / "pages" / key).mkdir(parents=True)
    for number, text in enumerate(texts):
        (folder / "pages" / key / f"{number}.json").write_text(_json(text), encoding="utf-8")
    table = _write_named(folder, "table.", _table(pages))
    entry = {"version": VERSION, "pages": len(pages), "texts": f"pages/{key}/", "table": table, "chunks": chunk_list}
    (folder / "index.json").write_text(_json(entry), encoding="utf-8")


def _page_text(page: IndexedPage) -> dict:
    text: dict = {"url": page.url, "title": page.title, "kind": page.kind, "text": page.text}
    if page.title_lang:
        text["title_lang"] = page.title_lang
    if page.langs:
        text["langs"] = [[_utf16_offset(page.text, begin), _utf16_offset(page.text, end), lang] for begin, end, lang in page.langs]
    return text


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16_offset(text: str, index: int) -> int:
    """Where ``text[index]`` is for the reader's script, whose strings count a character beyond U+FFFF as two."""
    return index + len(_ASTRAL.findall(text, 0, index))


def _weighted_terms(pages: list[IndexedPage]) -> Iterator[tuple[str, list[int]]]:
    """Each term of ``pages`` with what a chunk holds for it (its rarity, then pages and weights), in UTF-16 order."""
    postings: dict[str, list[int]] = defaultdict(list)  # term -> page, frequency, page, frequency…
    lengths = []
    titles = []
    for number, page in enumerate(pages):
        counts = Counter(terms_of(page.text))
        lengths.append(sum(counts.values()) or 1)
        titles.append(set(terms_of(page.title)))
        for term in titles[-1]:
            counts.setdefault(term, 0)
        for term, frequency in counts.items():
            postings[term] += (number, frequency)
    average = sum(lengths) / len(lengths) if lengths else 1.0
    norms = [_BM25_K1 * (1 - _BM25_B + _BM25_B * length / average) for length in lengths]
    saturation = _BM25_K1 + 1  # what a frequency's part tends to
    scale = 255 / (saturation + TITLE_BONUS)
    in_any_title = set().union(*titles)
    # In UTF-16 order, as the reader's script compares strings: the chunks' first terms are searched by halving.
    for term in sorted(postings, key=lambda term: term.encode("utf-16-be")):
        numbers, frequencies = postings[term][::2], postings[term][1::2]
        idf = math.log(1 + (len(pages) - len(numbers) + 0.5) / (len(numbers) + 0.5))
        if term in in_any_title:
            bonuses = [TITLE_BONUS if term in titles[n] else 0.0 for n in numbers]
        else:
            bonuses = [0.0] * len(numbers)
        weights = [int(scale * (f * saturation / (f + norms[n]) + bonus) + 0.5) or 1 for n, f, bonus in zip(numbers, frequencies, bonuses)]
        gaps = [number - previous for number, previous in zip(numbers, [0, *numbers[:-1]])]
        yield term, [round(idf * 1000), *(value for pair in zip(gaps, weights) for value in pair)]


def _chunks(weighted_terms: Iterable[tuple[str, list[int]]]) -> list[tuple[str, dict[str, list[int]]]]:
    """The terms in chunks of about ``CHUNK_BYTES``, each with its first term."""
    chunks: list[tuple[str, dict[str, list[int]]]] = []
    chunk: dict[str, list[int]] = {}
    size = 0
    for term, held in weighted_terms:
        if chunk and size > CHUNK_BYTES:
            chunks.append((next(iter(chunk)), chunk))
            chunk, size = {}, 0
        chunk[term] = held
        size += len(term) + 4 * len(held)
    if chunk:
        chunks.append((next(iter(chunk)), chunk))
    return chunks


def _table(pages: list[IndexedPage]) -> dict:
    """Each filter's values in order, and for each page its values' numbers and its date."""
    names = sorted({name for page in pages for name in page.filters})
    values = {name: sorted({value for page in pages for value in page.filters.get(name, ())}) for name in names}
    numbers = {name: {value: index for index, value in enumerate(each)} for name, each in values.items()}
    return {
        "values": values,
        "filters": {name: [[numbers[name][value] for value in page.filters.get(name, ())] for page in pages] for name in names},
        "dates": [page.date for page in pages],
    }


def _write_named(folder: Path, prefix: str, data: object) -> str:
    """Write ``data`` as JSON named after its content; the file's name."""
    text = _json(data)
    name = f"{prefix}{hashlib.sha256(text.encode()).hexdigest()[:12]}.json"
    (folder / name).write_text(text, encoding="utf-8")
    return name


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
