"""Reading reference exports (BibTeX, RIS, CSL-JSON) into plain references that remember their lines.

Zotero, EndNote and most reference managers export one of three formats. Each
is read with a real parser (bibtexparser, rispy, json); what comes out is the
same for all three: a ``Reference`` per entry, its fields under one set of
names, and the line of the entry and of each field, so that a problem with an
entry can be reported where the contributor finds it. Anything that is not a
readable entry is a ``Problem`` with its line, never an exception.

What the names in ``Reference.fields`` hold:

- ``title``, ``translated_title`` (RIS ``TT``), ``abstract``, ``url``, ``doi``,
  ``isbn``, ``publisher``, ``container`` (the journal or book), ``volume``,
  ``issue``, ``pages``, ``edition``, ``place``, ``language``, ``license``: text as written,
  LaTeX decoded, spaces collapsed;
- ``authors``: a list of ``Name`` (a person or an organisation); the editors
  when an entry has no authors (an edited book);
- ``year``, ``month``, ``day``: numbers, as far as the entry gives them.

CSL-JSON has no lines; an item's line is where it starts in the file, which
is where a contributor would look for it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import bibtexparser
import rispy
from bibtexparser import model as bibtex_model
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts, split_multiple_persons_names

from leadctl.base.problems import Problem

FORMATS = ("BibTeX", "RIS", "CSL-JSON")
_BY_SUFFIX = {".bib": "BibTeX", ".bibtex": "BibTeX", ".ris": "RIS", ".json": "CSL-JSON"}

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile("[A-Za-z]")


@dataclass(frozen=True)
class Name:
    """An author: a person's name as it is written in full, or an organisation."""

    text: str
    organisation: bool = False


@dataclass
class Reference:
    """One entry of an export."""

    key: str
    """Its citation key or id ('' when the format gives none)."""
    line: int
    kind: str
    """The format's own type of the entry: ``techreport``, ``RPRT``, ``article-journal``."""
    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each field; the entry's line when it is not known."""

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass
class ReadReferences:
    format: str | None
    references: list[Reference]
    problems: list[Problem]


def is_chinese(text: str) -> bool:
    """Written in Han characters and no Latin letters: ``王丽``, ``高等教育领导力研究``."""
    return bool(HAN.search(text)) and not _LATIN.search(text)


def detect_format(name: str, text: str) -> str | None:
    """The format of an export: by its file name's extension, else by how its text starts."""
    suffix = PurePath(name).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith(("[", "{")):
        return "CSL-JSON"
    if re.match(r"^TY  -", start):
        return "RIS"
    if re.search(r"^\s*@[A-Za-z]+\s*[{(]", text, re.M):
        return "BibTeX"
    return None


def read_references(text: str, path: str) -> ReadReferences:
    """Every entry of the export ``text`` (read from ``path``), and what stops the others being read."""
    text = text.removeprefix("\ufeff")
    found = detect_format(path, text)
    if found is None:
        return ReadReferences(None, [], [
            Problem(path, 1, "", "cannot tell the format of this file: export BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) and name the file so")
        ])
    if not text.strip():
        return ReadReferences(found, [], [Problem(path, 1, "", f"the file is empty: export the references again as {found}")])
    reader = {"BibTeX": _read_bibtex, "RIS": _read_ris, "CSL-JSON": _read_csl_json}[found]
    references, problems = reader(text, path)
    if not references and not problems:
        problems.append(Problem(path, 1, "", f"no entries found in this {found} file: export the references again"))
    return ReadReferences(found, references, problems)


# -- text ------------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


def _clean(text: Any) -> str:
    """Spaces collapsed (a non-breaking ``~`` included), control characters dropped; paragraphs kept apart by one blank line."""
    paragraphs = re.split(r"\n[ \t\u00a0]*\n", _CONTROL.sub("", str(text)).strip())
    return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


def person_name(given: list[str] | str, family: list[str] | str, particle: list[str] | str = (), suffix: list[str] | str = ()) -> str:
    """A person's name as written in full: ``Hans Müller``; a Chinese name family name first, without a space: ``王丽``."""

    def words(value: list[str] | str | tuple) -> str:
        return _clean(" ".join(value) if isinstance(value, (list, tuple)) else value)

    given, family, particle, suffix = words(given), words(family), words(particle), words(suffix)
    if is_chinese(family + given):
        return family + given
    full = " ".join(part for part in (given, particle, family) if part)
    return f"{full}, {suffix}" if suffix else full


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
            ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def month_number(value: Any) -> int | None:
    """``mar``, ``March``, ``3``, ``03`` or ``3月`` as 3; None for anything else."""
    text = str(value).strip().lower().rstrip(".").removesuffix("月")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text)


_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


def _date_fields(reference: Reference, value: Any, line: int) -> None:
    """``2021``, ``2021-03-15``, ``2021/03/15/`` (RIS) into year, month and day."""
    found = _DATE.match(str(value))
    if not found:
        reference.fields.setdefault("unreadable_date", str(value))
        reference.lines.setdefault("unreadable_date", line)
        return
    for name, part in zip(("year", "month", "day"), found.groups()):
        if part:
            reference.fields[name] = int(part)
            reference.lines[name] = line


def _put(reference: Reference, name: str, value: Any, line: int) -> None:
    """Set a text field the first time a non-empty value comes (formats give some fields twice)."""
    if name in reference.fields or value is None:
        return
    text = _clean(value)
    if text:
        reference.fields[name] = text
        reference.lines[name] = line


# -- BibTeX ----------------------------------------------------------------------------

_BIBTEX_FIELDS = {
    "title": "title",
    "abstract": "abstract",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
    "publisher": "publisher",
    "institution": "publisher",
    "organization": "publisher",
    "school": "publisher",
    "journal": "container",
    "journaltitle": "container",
    "booktitle": "container",
    "volume": "volume",
    "number": "issue",
    "issue": "issue",
    "pages": "pages",
    "edition": "edition",
    "address": "place",
    "location": "place",
    "langid": "language",
    "language": "language",
    "license": "license",
}
_NAME_FIELDS = ("author", "editor")


def _one_braced_group(text: str) -> bool:
    """``{LEAD Academic Network}``: the brace that opens the text closes it."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def _split_bibtex_names(entry: bibtex_model.Entry) -> None:
    """Each author as a field of its own, before LaTeX is decoded, while the braces still tell an organisation.

    BibTeX marks a corporate author with braces (``{LEAD Academic Network}``);
    decoding LaTeX removes them, so names are split first: a person becomes
    a ``NameParts`` field, an organisation a text field, and the decoding
    middleware then decodes both.
    """
    for found in [written for written in entry.fields if written.key.lower() in _NAME_FIELDS]:
        name_field = found.key.lower()
        entry.pop(found.key)
        for index, written in enumerate(split_multiple_persons_names(str(found.value))):
            written = written.strip()
            if not written or written.lower() == "others":  # "and others" is "et al.": no one to name
                continue
            if _one_braced_group(written) and not is_chinese(written):
                entry.set_field(bibtex_model.Field(f"{name_field} {index} organisation", written[1:-1], found.start_line))
                continue
            try:
                parts = parse_single_name_into_parts(written[1:-1] if _one_braced_group(written) else written, strict=False)
            except Exception:  # a name bibtexparser cannot split: kept whole
                entry.set_field(bibtex_model.Field(f"{name_field} {index} whole", written, found.start_line))
                continue
            entry.set_field(bibtex_model.Field(f"{name_field} {index} person", parts, found.start_line))


_VERBATIM_FIELDS = ("url", "doi")


def _unescaped(found: bibtex_model.Field) -> bibtex_model.Field:
    """A URL or DOI as written, but for the escapes BibTeX exporters add (``\\_``, ``\\%``, ``\\&``) and a ``\\url{}``."""
    value = re.sub(r"^\\url\{(.*)\}$", r"\1", str(found.value).strip(), flags=re.S)
    return bibtex_model.Field(found.key, re.sub(r"\\([_%&#~$])", r"\1", value), found.start_line)


def _bibtex_problem(path: str, block: bibtex_model.Block) -> Problem:
    line = block.start_line + 1
    if isinstance(block, bibtex_model.DuplicateBlockKeyBlock):
        return Problem(path, line, f"entry '{block.key}'", "the same citation key is used by an earlier entry; give each entry its own key")
    if isinstance(block, bibtex_model.DuplicateFieldKeyBlock):
        return Problem(path, line, f"entry '{block.key}'", f"a field is given twice ({', '.join(sorted(block.duplicate_keys))}); keep one")
    reason = (getattr(block.error, "abort_reason", "") or str(block.error) or type(block.error).__name__).strip()
    first = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
    return Problem(path, line, "", f"this entry cannot be read ({reason.rstrip('.')}): '{first}'; check its braces, commas and quotes")


def _read_bibtex(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # its warnings are reported as problems with their lines instead
    verbatim: dict[int, list[bibtex_model.Field]] = {}
    try:
        library = bibtexparser.parse_string(text)
        for entry in library.entries:
            _split_bibtex_names(entry)
            # Addresses are not LaTeX: decoding would end a URL at its first '%' (a comment in LaTeX).
            kept = [found for found in entry.fields if found.key.lower() in _VERBATIM_FIELDS]
            for found in kept:
                entry.pop(found.key)
            verbatim[entry.start_line] = kept
        library = LatexDecodingMiddleware().transform(library)
    except Exception as error:  # the parser gave up on the whole file
        return [], [Problem(path, 1, "", f"not readable as BibTeX ({error}); export the references again")]
    finally:
        logger.setLevel(level)
    problems = [_bibtex_problem(path, block) for block in library.failed_blocks]
    references = []
    for entry in library.entries:
        reference = Reference(entry.key, entry.start_line + 1, entry.entry_type.lower())
        people: dict[str, list[Name]] = {name: [] for name in _NAME_FIELDS}
        for found in entry.fields + [_unescaped(kept) for kept in verbatim.get(entry.start_line, [])]:
            line = found.start_line + 1
            key = found.key.lower()
            name_field, _, form = key.partition(" ")
            if name_field in _NAME_FIELDS and form:
                value = found.value
                if isinstance(value, NameParts):
                    people[name_field].append(Name(person_name(value.first, value.last, value.von, value.jr)))
                else:
                    people[name_field].append(Name(_clean(value), organisation=form.endswith("organisation")))
                reference.lines.setdefault(name_field, line)
            elif key == "date":
                reference.lines["date"] = line
                _date_fields(reference, found.value, line)
            elif key == "year":
                reference.lines.setdefault("date", line)
                if "year" not in reference.fields:  # a biblatex date, when given, is more precise
                    _date_fields(reference, found.value, line)
            elif key == "month":
                reference.fields["month"] = month_number(found.value) or str(found.value)
                reference.lines["month"] = line
            elif key == "day" and str(found.value).strip().isdigit():
                reference.fields["day"] = int(found.value)
                reference.lines["day"] = line
            elif key in _BIBTEX_FIELDS:
                _put(reference, _BIBTEX_FIELDS[key], found.value, line)
        chosen = "author" if people["author"] else "editor"
        if people[chosen]:
            reference.fields["authors"] = [person for person in people[chosen] if person.text]
            reference.lines["authors"] = reference.lines[chosen]
        references.append(reference)
    return references, problems


# -- RIS -------------------------------------------------------------------------------

_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_FIELDS = {
    "TI": "title", "T1": "title",
    "TT": "translated_title",
    "AB": "abstract", "N2": "abstract",
    "UR": "url", "DO": "doi", "SN": "isbn", "PB": "publisher",
    "T2": "container", "JO": "container", "JF": "container", "JA": "container", "J2": "container",
    "VL": "volume", "IS": "issue", "ET": "edition", "CY": "place", "LA": "language",
}
_RIS_KEYS = {tag: key for tag, key in rispy.TAG_KEY_MAPPING.items()}


def _ris_records(text: str, path: str) -> tuple[list[tuple[int, list[str], dict[str, int]]], list[Problem]]:
    """The records of a RIS file: each with its first line, its lines, and the line of each tag's first use."""
    records: list[tuple[int, list[str], dict[str, int]]] = []
    problems: list[Problem] = []
    current: tuple[int, list[str], dict[str, int]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        tag = _RIS_TAG.match(line.rstrip())
        if tag and tag.group(1) == "TY":
            if current is not None:
                problems.append(Problem(path, current[0], "", "this record has no end: add a line 'ER  - ' before the next 'TY  - '"))
            current = (number, [line], {"TY": number})
        elif current is None:
            if line.strip():
                problems.append(
                    Problem(path, number, "", f"'{line.strip()[:40]}' is outside any record: a RIS record starts with 'TY  - ' and ends with 'ER  - '")
                )
        else:
            current[1].append(line)
            if tag:
                current[2].setdefault(tag.group(1), number)
            if tag and tag.group(1) == "ER":
                records.append(current)
                current = None
    if current is not None:
        problems.append(Problem(path, current[0], "", "this record has no end: add a line 'ER  - ' at its end"))
    return records, problems


def _read_ris(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    records, problems = _ris_records(text, path)
    references = []
    for first_line, lines, tag_lines in records:
        try:
            [parsed] = rispy.loads("\n".join(lines) + "\n")
        except Exception as error:  # rispy refused the record
            problems.append(Problem(path, first_line, "", f"this record cannot be read as RIS ({error})"))
            continue
        reference = Reference(str(parsed.get("id", "")).strip(), first_line, str(parsed.get("type_of_reference", "")).strip().upper())
        for tag, name in _RIS_FIELDS.items():
            value = parsed.get(_RIS_KEYS[tag])
            if isinstance(value, list):
                value = value[0] if value else None
            _put(reference, name, value, tag_lines.get(tag, first_line))
        start, end = parsed.get("start_page"), parsed.get("end_page")
        if start:
            _put(reference, "pages", f"{start}–{end}" if end and str(end).strip() != str(start).strip() else start, tag_lines.get("SP", first_line))
        for tag in ("DA", "PY", "Y1"):
            if parsed.get(_RIS_KEYS[tag]) and "year" not in reference.fields:
                reference.lines["date"] = tag_lines.get(tag, first_line)
                _date_fields(reference, parsed[_RIS_KEYS[tag]], tag_lines.get(tag, first_line))
        for tag in ("AU", "A1", "A2"):  # authors, first authors, then editors when there are no authors
            names = [name for name in (_ris_name(written) for written in parsed.get(_RIS_KEYS[tag]) or []) if name]
            if names and "authors" not in reference.fields:
                reference.fields["authors"] = names
                reference.lines["authors"] = tag_lines.get(tag, first_line)
        references.append(reference)
    return references, problems


def _ris_name(written: str) -> Name | None:
    """``Müller, Hans`` is a person; a name without a comma is an organisation, unless it is a Chinese name (``王丽``).

    RIS writes a person family name first with a comma; Zotero and EndNote
    write a name kept in one field (an institution) as it is.
    """
    text = _clean(written)
    if not text:
        return None
    if "," in text:
        family, _, rest = text.partition(",")
        given, _, suffix = rest.partition(",")
        full = person_name(given, family, suffix=suffix)
        return Name(full) if full else None
    return Name(text, organisation=not is_chinese(text))


# -- CSL-JSON --------------------------------------------------------------------------

_CSL_FIELDS = {
    "title": "title",
    "abstract": "abstract",
    "URL": "url",
    "DOI": "doi",
    "ISBN": "isbn",
    "publisher": "publisher",
    "container-title": "container",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "edition": "edition",
    "publisher-place": "place",
    "event-place": "place",
    "language": "language",
    "license": "license",
}


def _items_with_lines(text: str, path: str) -> tuple[list[tuple[int, int, int, Any]], list[Problem]]:
    """The items of a CSL-JSON file (a list of items, or one item), each with its line, where it starts and where it ends.

    ``json`` gives no lines, so the top-level list is walked item by item with
    ``raw_decode``, which says where each item ends.
    """
    decoder = json.JSONDecoder()

    def line_at(index: int) -> int:
        return text.count("\n", 0, index) + 1

    def not_json(error: json.JSONDecodeError) -> Problem:
        return Problem(path, error.lineno, "", f"not valid JSON: {error.msg} (column {error.colno}); export the references again as CSL-JSON")

    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [not_json(error)]
    except RecursionError:
        return [], [Problem(path, 1, "", "nested too deeply to read as CSL-JSON; export the references again")]
    if isinstance(whole, dict):
        start = len(text) - len(text.lstrip())
        return [(line_at(start), start, len(text), whole)], []
    if not isinstance(whole, list):
        return [], [Problem(path, 1, "", "expected a list of CSL-JSON items ([{...}, {...}]) but the file holds one value")]
    items = []
    index = text.index("[") + 1
    for _ in whole:
        while text[index] in " \t\r\n,":
            index += 1
        item, end = decoder.raw_decode(text, index)
        items.append((line_at(index), index, end, item))
        index = end
    return items, []


def _csl_name(name: Any) -> Name | None:
    if isinstance(name, str):
        return Name(_clean(name), organisation=not is_chinese(name)) if name.strip() else None
    if not isinstance(name, dict):
        return None
    if name.get("literal"):
        return Name(_clean(name["literal"]), organisation=not is_chinese(str(name["literal"])))
    family, given = str(name.get("family") or ""), str(name.get("given") or "")
    particle = " ".join(str(name.get(key) or "") for key in ("dropping-particle", "non-dropping-particle")).strip()
    text = person_name(given, family, particle, str(name.get("suffix") or ""))
    return Name(text) if text else None


_HEADING = re.compile(r"<jats:title>[^<]*</jats:title>", re.I)
"""Crossref's abstracts start with the heading "Abstract": no part of the summary."""
_PARAGRAPH_END = re.compile(r"</(?:jats:)?p>", re.I)
_MARKUP = re.compile(r"</?(?:jats:[a-z-]+|i|b|sup|sub|sc|span)(?:\s[^>]*)?>", re.I)


def _without_markup(text: str) -> str:
    """CSL's rich text (``<i>``, ``<span class="nocase">``) and Crossref's JATS abstracts (``<jats:p>``) as plain text."""
    return _MARKUP.sub("", _PARAGRAPH_END.sub("\n\n", _HEADING.sub("", text)))


def _read_csl_json(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    items, problems = _items_with_lines(text, path)
    references = []
    for number, (line, start, end, item) in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(path, line, f"item {number}", "expected an item ({\"type\": ..., \"title\": ...}) but found another value"))
            continue
        reference = Reference(str(item.get("id", "")).strip(), line, str(item.get("type", "")).strip())

        def line_of(key: str, start: int = start, end: int = end, line: int = line) -> int:
            # The first use of the key inside the item: a nested key of the same name comes later, if at all.
            found = re.compile(r'"' + re.escape(key) + r'"\s*:').search(text, start, end)
            return text.count("\n", 0, found.start()) + 1 if found else line

        for key, name in _CSL_FIELDS.items():
            value = item.get(key)
            if isinstance(value, list):  # a few exporters write lists where CSL has text
                value = value[0] if value else None
            if isinstance(value, str):
                value = _without_markup(value)
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                _put(reference, name, value, line_of(key))
        issued = item.get("issued")
        if isinstance(issued, dict):
            parts = issued.get("date-parts")
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                _date_fields(reference, "-".join(str(part) for part in parts[0][:3]), line_of("issued"))
            elif issued.get("raw") or issued.get("literal"):
                _date_fields(reference, issued.get("raw") or issued.get("literal"), line_of("issued"))
            reference.lines["date"] = line_of("issued")
        elif isinstance(issued, str):
            _date_fields(reference, issued, line_of("issued"))
            reference.lines["date"] = line_of("issued")
        for role in ("author", "editor"):
            names = [name for name in map(_csl_name, item.get(role) or [] if isinstance(item.get(role), list) else []) if name]
            if names and "authors" not in reference.fields:
                reference.fields["authors"] = names
                reference.lines["authors"] = line_of(role)
        references.append(reference)
    return references, problems

