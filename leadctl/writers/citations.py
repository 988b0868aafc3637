"""Citations as files reference managers import: BibTeX, RIS and CSL-JSON.

Beside each citable page, in each language's folder: ``briefs/<id>/<id>.bib``,
``.ris`` and ``.json`` (and the same for a knowledge base work,
``knowledge/<id>/<id>.*``). For a whole collection, one file of each format
holding every reference: ``knowledge/references.*`` for everything the site cites,
``topics/<id>/references.*`` for what is about one topic, so that a reader imports
a reading list in one step.

Names and titles are contributor text: the BibTeX writer escapes every character
that means something to BibTeX or LaTeX, and both it and the RIS writer fold line
breaks, so no text can end a field, start a new RIS tag or break the file. Chinese
text is written as it is, in UTF-8.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import rispy

from leadctl.base.urls import record_path
from leadctl.generators.references import (
    KNOWLEDGE,
    TOPICS,
    CslItem,
    Reference,
    by_topic,
    issued_parts,
    is_han_name,
    name_text,
    references,
    topic_labels,
)
from leadctl.generators.site import Site

FORMATS = ("bib", "ris", "json")
"""The file suffixes, in the order pages link them."""
BIBTEX_LANGUAGES = {"en": "english", "zh": "chinese"}
RIS_LANGUAGES = {"en": "English", "zh": "Chinese"}
COLLECTION_STEM = "references"


# -- BibTeX -------------------------------------------------------------------------
# Braces become commands rather than \{ \}: BibTeX counts every brace, escaped or not,
# so an escaped brace would still unbalance the field.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_ESCAPES)
_SEPARATES_NAMES = re.compile(r"(^|\s)and(\s|$)|,", re.IGNORECASE)

# CSL type -> BibTeX entry type (biblatex reads them all; classic BibTeX styles too).
BIBTEX_TYPES = {
    "report": "techreport",
    "article-journal": "article",
    "book": "book",
    "chapter": "incollection",
    "pamphlet": "booklet",
}


def bibtex_escape(text: str) -> str:
    """Text as the value of a braced BibTeX field: specials escaped, on one line."""
    return " ".join(text.split()).translate(_BIBTEX_TABLE)


def _bibtex_part(text: str) -> str:
    # A part of a name holding "and" or a comma is braced: BibTeX would split the name there.
    escaped = bibtex_escape(text)
    return "{" + escaped + "}" if _SEPARATES_NAMES.search(text) else escaped


def bibtex_name(name: Mapping[str, str]) -> str:
    """One author as BibTeX writes names: "Family, Given"; an organisation or a Han-script name braced whole."""
    if "literal" in name or is_han_name(name_text(name)):
        return "{" + bibtex_escape(name_text(name)) + "}"
    if not name.get("given"):
        return "{" + bibtex_escape(name["family"]) + "}"
    return f"{_bibtex_part(name['family'])}, {_bibtex_part(name['given'])}"


def bibtex(item: CslItem) -> str:
    """One BibTeX entry; its key is the item's id."""
    kind = item["type"]
    entry_type = BIBTEX_TYPES.get(kind, "misc")
    date_parts = issued_parts(item)
    container = item.get("container-title", "")
    fields = [
        ("author", " and ".join(bibtex_name(name) for name in item.get("author", []))),
        ("title", "{" + bibtex_escape(item["title"]) + "}"),  # inner braces keep its capitals
        ("journal" if kind == "article-journal" else "booktitle", bibtex_escape(container)),
        ("institution" if entry_type == "techreport" else "publisher", bibtex_escape(item.get("publisher", ""))),
        ("address", bibtex_escape(item.get("publisher-place", ""))),
        ("type" if entry_type == "techreport" else "howpublished", bibtex_escape(item.get("genre", ""))),
        ("edition", bibtex_escape(item.get("edition", ""))),
        ("volume", bibtex_escape(item.get("volume", ""))),
        ("number", bibtex_escape(item.get("issue", ""))),
        ("pages", bibtex_escape(item.get("page", "")).replace("-", "--")),
        ("year", "".join(str(part) for part in date_parts[:1])),
        ("date", "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(date_parts))),
        ("doi", bibtex_escape(item.get("DOI", ""))),
        ("isbn", bibtex_escape(item.get("ISBN", ""))),
        ("url", bibtex_escape(item["URL"])),
        ("langid", BIBTEX_LANGUAGES.get(item["language"], item["language"])),
        ("abstract", bibtex_escape(item.get("abstract", ""))),
        ("keywords", bibtex_escape(item.get("keyword", ""))),
    ]
    present = [(name, value) for name, value in fields if value]
    width = max(len(name) for name, _ in present)
    lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in present]
    return f"@{entry_type}{{{item['id']},\n" + "\n".join(lines) + "\n}\n"


# -- RIS ----------------------------------------------------------------------------
class _RisWriter(rispy.RisWriter):
    """RIS as reference managers read it: no numbered header line before each record."""

    def set_header(self, count: int) -> str:
        return ""


RIS_TYPES = {
    "report": "RPRT",
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "pamphlet": "PAMP",
    "speech": "SLIDE",
    "motion_picture": "VIDEO",
    "dataset": "DATA",
    "document": "GEN",
    "webpage": "ELEC",
}


def _ris_name(name: Mapping[str, str]) -> str:
    if "literal" in name or is_han_name(name_text(name)) or not name.get("given"):
        return name_text(name)
    return f"{name['family']}, {name['given']}"


def _fold(value: str) -> str:
    return " ".join(value.split())


def ris_record(item: CslItem) -> dict[str, object]:
    date_parts = issued_parts(item)
    record: dict[str, object] = {
        "type_of_reference": RIS_TYPES.get(item["type"], "GEN"),
        "id": item["id"],
        "authors": [_fold(_ris_name(name)) for name in item.get("author", [])],
        "title": _fold(item["title"]),
        "urls": [item["URL"]],
        "language": RIS_LANGUAGES.get(item["language"], item["language"]),
    }
    optional = {
        "type_of_work": item.get("genre"),
        "secondary_title": item.get("container-title"),
        "publisher": item.get("publisher"),
        "place_published": item.get("publisher-place"),
        "volume": item.get("volume"),
        "number": item.get("issue"),
        "edition": item.get("edition"),
        "doi": item.get("DOI"),
        "issn": item.get("ISBN"),  # RIS has one tag (SN) for both
        "abstract": item.get("abstract"),
    }
    if date_parts:
        record["year"] = str(date_parts[0])
        record["date"] = "/".join(f"{part:02d}" if index else str(part) for index, part in enumerate(date_parts)) + "/" * (4 - len(date_parts))
    record.update({key: _fold(value) for key, value in optional.items() if value})
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        record["start_page"] = _fold(first)
        if last.strip():
            record["end_page"] = _fold(last)
    if item.get("keyword"):
        record["keywords"] = [_fold(keyword) for keyword in item["keyword"].split(", ")]
    return record


def ris(items: Sequence[CslItem]) -> str:
    return rispy.dumps([ris_record(item) for item in items], implementation=_RisWriter)


# -- CSL-JSON -----------------------------------------------------------------------
def csl_json(items: Sequence[CslItem]) -> str:
    """The items as a CSL-JSON array (Zotero, Mendeley, pandoc and citeproc read it)."""
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


# -- the files ----------------------------------------------------------------------
def reference_files(items: Sequence[CslItem]) -> dict[str, str]:
    """The text of the BibTeX, RIS and CSL-JSON files of ``items``, by suffix."""
    return {"bib": "\n".join(bibtex(item) for item in items), "ris": ris(items), "json": csl_json(items)}


def write_reference_files(folder: Path, stem: str, items: Sequence[CslItem]) -> None:
    """``<stem>.bib``, ``.ris`` and ``.json`` of ``items`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, text in reference_files(items).items():
        (folder / f"{stem}.{suffix}").write_text(text, encoding="utf-8", newline="\n")


def write_item_files(output_dir: Path, kind: str, record_id: str, item: CslItem) -> None:
    """One record's files beside its page: ``<kind>/<id>/<id>.bib``, ``.ris``, ``.json``."""
    write_reference_files(output_dir / record_path(kind, record_id), record_id, [item])


def write_collection_files(output_dir: Path, path: str, entries: Sequence[Reference]) -> None:
    """A collection's files at ``<path>references.*`` (``path`` a language-neutral folder, e.g. ``topics/x/``)."""
    write_reference_files(output_dir / path, COLLECTION_STEM, [entry.item for entry in entries])


def collections(entries: Sequence[Reference], topic_ids: Sequence[str]) -> dict[str, list[Reference]]:
    """Each collection's folder and what it holds: the knowledge base (everything), and each topic."""
    found = {f"{KNOWLEDGE}/": list(entries)}
    for topic, members in by_topic(entries, topic_ids):
        if topic is not None:
            found[record_path(TOPICS, topic)] = members
    return found


# -- the output writer --------------------------------------------------------------
def write_citation_files(site: Site, language: str, output_dir: Path, base_url: str) -> None:
    """In ``language``'s folder: each citable record's files beside its page, and each collection's."""
    entries = references(site.project, site.settings, language)
    for entry in entries:
        write_item_files(output_dir, entry.kind, entry.record_id, entry.item)
    for path, members in collections(entries, list(topic_labels(site.project))).items():
        write_collection_files(output_dir, path, members)
