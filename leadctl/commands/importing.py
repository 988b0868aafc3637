"""``leadctl import``: knowledge base works from a reference manager's export (BibTeX, RIS, CSL-JSON).

Each entry of the export becomes one record, ``data/knowledge/<id>.yml``,
written only when every entry made a valid record: an export with one bad
entry writes nothing, and every bad entry is reported with its line, so the
contributor fixes the export (or the reference manager) once and imports
again. A record that exists is never replaced without ``--force``; a run
that replaces some and fails half-way puts the old ones back.

Decisions a contributor sees:

- **ids** come from the citation key (``Müller_Leadership_2021`` →
  ``muller-leadership-2021``); an entry without a usable key (a Zotero item
  URI, a Chinese key) gets the first author's family name, the year and a
  word of the title, or the kind and the year when none of them is in Latin
  letters; two entries that would share an id get ``-2``, ``-3``.
- **kinds**: each format's types map to the knowledge base's kinds; a type
  with no kind of its own (a thesis, a web page) becomes a ``report`` and is
  reported as a warning to check.
- **summary** is required. The abstract is used; without one, the record
  gets a sentence of the facts it holds ("A report by … (2021).", in both
  languages) and a warning names it, because only a person can write what a
  work is about.
- **a Chinese title** with no English translation is written as a plain
  string, the same in both languages: it is the work's real title, and
  ``leadctl validate`` warns that English pages show it in Chinese until
  an ``en:`` translation is added. A RIS translated title (``TT``) in Latin
  letters becomes the English title.
- **authors** are people (``name``) or organisations (``organisation``);
  "and others" is dropped; editors stand in when an entry has no authors.
  Linking an author to a member (``member: <id>``) is left to the contributor.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml

from leadctl.base.problems import Problem
from leadctl.checking.fields import check_model, record_rules
from leadctl.reading.documents import LoadedDocument, parse_yaml
from leadctl.reading.references import Reference, is_chinese, read_references
from leadctl.records.kinds import kind_named
from leadctl.records.models import ID_PATTERN, SPDX_PATTERN, KnowledgeWork

FOLDER = "knowledge"
"""Works are kept in ``data/knowledge/<id>.yml``."""

_BIBTEX_KINDS = {
    "article": "article",
    "inproceedings": "article",
    "conference": "article",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "techreport": "report",
    "report": "report",
    "booklet": "leaflet",
    "manual": "toolkit",
    "dataset": "dataset",
    "data": "dataset",
    "video": "video",
    "movie": "video",
}
_RIS_KINDS = {
    "JOUR": "article", "JFULL": "article", "EJOUR": "article", "MGZN": "article", "NEWS": "article",
    "CONF": "article", "CPAPER": "article",
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "CHAP": "chapter", "ECHAP": "chapter",
    "RPRT": "report", "GOVDOC": "report",
    "PAMP": "leaflet",
    "SLIDE": "presentation",
    "VIDEO": "video", "MPCT": "video",
    "DATA": "dataset", "DBASE": "dataset", "AGGR": "dataset",
}
_CSL_KINDS = {
    "article": "article", "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "paper-conference": "article",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "pamphlet": "leaflet",
    "speech": "presentation",
    "motion_picture": "video", "broadcast": "video",
    "dataset": "dataset",
}
KIND_MAPS = {"BibTeX": _BIBTEX_KINDS, "RIS": _RIS_KINDS, "CSL-JSON": _CSL_KINDS}
FALLBACK_KIND = "report"

_NOUNS = {
    "report": ("A report", "报告"),
    "comparative-study": ("A comparative study", "比较研究"),
    "case-study": ("A case study", "案例研究"),
    "article": ("An article", "文章"),
    "book": ("A book", "图书"),
    "chapter": ("A chapter", "图书章节"),
    "course": ("A course", "课程"),
    "toolkit": ("A toolkit", "工具包"),
    "leaflet": ("A leaflet", "宣传册"),
    "presentation": ("A presentation", "演示文稿"),
    "video": ("A video", "视频"),
    "dataset": ("A dataset", "数据集"),
}

_CHINESE_LANGUAGE_NAMES = {"中文": "zh", "汉语": "zh", "漢語": "zh", "简体中文": "zh", "繁體中文": "zh", "英文": "en", "英语": "en", "英語": "en"}

KEY_ORDER = tuple(KnowledgeWork.model_fields)
"""Keys in the order a contributor reads a record: the model's."""
_SOURCE_OF = {"summary": "abstract", "languages": "language"}
"""Where in the entry a record's key comes from, when the names differ."""


@dataclass
class ImportedWork:
    """One entry as the record it becomes."""

    id: str
    path: str
    """Where it is written, relative to the project root."""
    data: dict[str, Any]
    text: str = ""
    replaces: bool = False
    """The file exists and ``--force`` replaces it."""


@dataclass
class ImportPlan:
    format: str | None
    works: list[ImportedWork] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Errors and warnings; any error and nothing is written."""


# -- from an entry to a record ------------------------------------------------------------

def slug(text: str) -> str:
    """``Müller_Leadership 2021`` as an id: ``muller-leadership-2021`` ('' when nothing of it is Latin)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    plain = plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("đ", "d").replace("ł", "l")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _derived_id(reference: Reference, kind: str) -> str:
    authors = reference.fields.get("authors") or []
    family = ""
    if authors:
        first = authors[0]
        family = slug(first.text if first.organisation else first.text.split()[-1])
        family = "-".join(family.split("-")[:3])
    year = str(reference.fields.get("year", ""))
    title = reference.fields.get("title", "")
    words = [word for word in slug(reference.fields.get("translated_title", "") if is_chinese(title) else title).split("-") if len(word) > 3]
    parts = [part for part in (family, year, words[0] if words else "") if part]
    return "-".join(parts) if family or words else f"{kind}-{year}".strip("-")


def _id_for(reference: Reference, kind: str) -> str:
    key = reference.key
    usable = key and not re.search(r"[/:]", key)  # a Zotero item URI is no name for a record
    made = slug(key) if usable else ""
    return made[:80].strip("-") if made else _derived_id(reference, kind)


def _languages(reference: Reference) -> tuple[list[str], list[str]]:
    """The ISO 639-1 codes of the entry's languages, and the ones not recognised."""
    written = reference.fields.get("language", "")
    codes: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[;,/|]|\band\b", written):
        part = part.strip()
        if not part:
            continue
        code = _CHINESE_LANGUAGE_NAMES.get(part)
        if code is None:
            code = _language_code(part)
        if code and code not in codes:
            codes.append(code)
        elif not code:
            unknown.append(part)
    return codes, unknown


def _language_code(written: str) -> str | None:
    """``en``, ``en-US``, ``eng``, ``English`` or ``chinese`` as an ISO 639-1 code."""
    head = re.split(r"[-_]", written)[0].lower()
    if len(head) == 2:
        found = pycountry.languages.get(alpha_2=head)
    elif len(head) == 3:
        found = pycountry.languages.get(alpha_3=head) or pycountry.languages.get(bibliographic=head)
    else:
        try:
            found = pycountry.languages.lookup(written)
        except LookupError:
            found = None
    return getattr(found, "alpha_2", None)


def _license(text: str) -> str | None:
    """An SPDX id: ``CC-BY-4.0`` as it is, ``CC BY 4.0`` as ``CC-BY-4.0``; None for a sentence of rights."""
    if re.match(r"^CC[ -]", text, re.I) and len(text) < 30:
        text = re.sub(r"[ ]+", "-", text.strip())
    return text if re.match(SPDX_PATTERN, text) else None


def _doi(text: str) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text.strip(), flags=re.I)


def _isbn(text: str) -> str | None:
    """The first ISBN written (Zotero writes several with spaces between); None when it is an ISSN or no ISBN."""
    for candidate in re.findall(r"[\dXx][\dXx -]{8,}[\dXx]", text):
        digits = re.sub(r"[^\dXx]", "", candidate)
        if len(digits) in (10, 13):
            return candidate.strip()
    return None


def _pages(text: str) -> str:
    """``10-24`` and ``10--24`` as ``10–24`` (an en dash, as in the decoded BibTeX)."""
    return re.sub(r"(?<=\w)\s*(?:-{1,2}|–|—)\s*(?=\w)", "–", text)


def _number(text: str) -> int | str:
    """A volume or edition written as a whole number stays a number in the YAML (unquoted)."""
    return int(text) if text.isdigit() and not text.startswith("0") and len(text) < 10 else text


def _english_authors(names: list[str]) -> str:
    if len(names) > 3:
        return ", ".join(names[:3]) + " and others"
    return " and ".join(names) if len(names) < 3 else f"{names[0]}, {names[1]} and {names[2]}"


def _chinese_authors(names: list[str]) -> str:
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")


def _summary(kind: str, reference: Reference) -> dict[str, str]:
    """The facts the entry holds as a sentence in both languages: a stand-in until someone writes the summary."""
    english, chinese = _NOUNS[kind]
    names = [author.text for author in reference.fields.get("authors") or []]
    year = reference.fields.get("year")
    en = english + (f" by {_english_authors(names)}" if names else "") + (f" ({year})" if year else "") + "."
    zh = (f"{_chinese_authors(names)}的" if names else "") + chinese + (f"（{year}年）" if year else "") + "。"
    return {"en": en, "zh": zh}


def _kind(format_name: str, reference: Reference) -> tuple[str, bool]:
    """The knowledge base kind of the entry, and whether it is a guess."""
    found = KIND_MAPS[format_name].get(reference.kind) or KIND_MAPS[format_name].get(reference.kind.lower())
    return (found, False) if found else (FALLBACK_KIND, True)


def work_data(format_name: str, reference: Reference) -> tuple[dict[str, Any], list[tuple[str, str, bool]]]:
    """The record of one entry, and what is wrong with it: (source field, message, warning?) each."""
    fields = reference.fields
    notes: list[tuple[str, str, bool]] = []
    data: dict[str, Any] = {}
    kind, guessed = _kind(format_name, reference)
    if guessed:
        shown = reference.kind or "no type"
        notes.append(("", f"type '{shown}' has no kind of its own in the knowledge base: written as '{kind}'; check 'kind'", True))
    title = fields.get("title")
    if not title:
        notes.append(("title", "no title: add the title in the reference manager and export again", False))
    else:
        translated = fields.get("translated_title")
        if is_chinese(title) and translated and not is_chinese(translated):
            data["title"] = {"en": translated, "zh": title}
        else:
            data["title"] = title
            if is_chinese(title):
                notes.append(("title", "the title is in Chinese only, so English pages show it in Chinese: add its English under 'en:'", True))
    data["kind"] = kind
    if "year" in fields:
        month, day = fields.get("month"), fields.get("day")
        if month is not None and not isinstance(month, int):
            notes.append(("month", f"month '{month}' is not a month: the date is the year only", True))
            month = None
        data["date"] = fields["year"]
        if month:
            data["date"] = f"{fields['year']:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    elif "unreadable_date" in fields:
        notes.append(("unreadable_date", f"'{fields['unreadable_date']}' is not a date: give the year (2021) or the day (2021-03-15)", False))
    else:
        notes.append(("date", "no date: add at least the year of publication and export again", False))
    authors = []
    for author in fields.get("authors") or []:
        authors.append({"organisation" if author.organisation else "name": author.text})
    if authors:
        data["authors"] = authors
    if fields.get("abstract"):
        data["summary"] = fields["abstract"]
    elif data.get("title"):
        data["summary"] = _summary(kind, reference)
        notes.append(("", "no abstract: the summary says only what kind of work it is, by whom and when; write one or two sentences about it", True))
    languages, unknown = _languages(reference)
    if languages:
        data["languages"] = languages
    for name in unknown:
        notes.append(("language", f"language '{name}' is not recognised and was left out; add its ISO 639-1 code under 'languages'", True))
    for name in ("url", "publisher", "container", "place"):
        if fields.get(name):
            data[name] = fields[name]
    if fields.get("doi"):
        data["doi"] = _doi(fields["doi"])
    elif re.match(r"^https?://(dx\.)?doi\.org/10\.", fields.get("url", ""), re.I):
        data["doi"] = _doi(fields["url"])
    if fields.get("isbn"):
        isbn = _isbn(fields["isbn"])
        if isbn:
            data["isbn"] = isbn
        elif format_name != "RIS":  # RIS's SN holds an ISSN for journals: no ISBN is nothing to report
            notes.append(("isbn", f"'{fields['isbn']}' is not an ISBN (10 or 13 digits) and was left out", True))
    for name in ("volume", "issue", "edition"):
        if fields.get(name):
            data[name] = _number(fields[name])
    if fields.get("pages"):
        data["pages"] = _pages(fields["pages"])
    if fields.get("license"):
        if _license(fields["license"]):
            data["license"] = _license(fields["license"])
        else:
            notes.append(("license", f"'{fields['license']}' is not an SPDX licence id (such as CC-BY-4.0) and was left out", True))
    return {key: data[key] for key in KEY_ORDER if key in data}, notes


# -- writing YAML ---------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """YAML as the project's files are written: list items indented under their key, dates plain (the data reader keeps them as text), no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # An abstract of several paragraphs as a literal block: its lines as the contributor will edit them.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _schema_line(root: Path, relative: str) -> list[str]:
    """The editor's link to the JSON Schema, once the knowledge kind has one."""
    try:
        schema = root / "schemas" / kind_named(FOLDER).schema_file
    except KeyError:
        return []
    return [f"# yaml-language-server: $schema={Path(os.path.relpath(schema, (root / relative).parent)).as_posix()}"]


def render_work(data: dict[str, Any], root: Path, relative: str, source: str, entry: str) -> str:
    """The text of a record file: the schema line and where it came from, then the record in block style."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=float("inf"), indent=2)
    header = _schema_line(root, relative) + [
        f"# A work of the LEAD knowledge base, imported from {source} ({entry}). Check it with `leadctl validate`; see docs/contributing.md."
    ]
    return "\n".join(header) + "\n" + body


# -- the whole import -----------------------------------------------------------------

def _entry_label(reference: Reference, index: int) -> str:
    """How messages name an entry: its key, or its number and title when the key is none a person wrote (a Zotero URI)."""
    if reference.key and not re.search(r"[/:]", reference.key):
        return f"entry '{reference.key}'"
    title = reference.fields.get("title", "")
    return f"entry {index}" + (f" ('{title[:40]}{'…' if len(title) > 40 else ''}')" if title else "")


def plan_import(text: str, source: str, root: Path, data_dir: str, force: bool = False) -> ImportPlan:
    """What importing the export ``text`` (named ``source`` in messages) would write, and its problems.

    Every entry is converted and checked, so that one run reports all of them;
    nothing is written here.
    """
    read = read_references(text, source)
    plan = ImportPlan(read.format, problems=list(read.problems))
    if read.format is None:
        return plan
    taken: set[str] = set()
    for index, reference in enumerate(read.references, start=1):
        label = _entry_label(reference, index)
        data, notes = work_data(read.format, reference)
        refused = any(not warning for _, _, warning in notes)
        for source_field, message, warning in notes:
            if refused and warning:  # what to improve in a record matters once the entry makes one
                continue
            plan.problems.append(Problem(source, reference.line_of(source_field), label, message, warning=warning))
        if refused:
            continue
        work_id = base = _id_for(reference, data["kind"])
        number = 1
        while work_id in taken:
            number += 1
            work_id = f"{base}-{number}"
        taken.add(work_id)
        if not ID_PATTERN.match(work_id):  # slug() makes only ids; this is the model's own rule, said where the entry is
            plan.problems.append(Problem(source, reference.line, label, f"cannot make an id of its key '{reference.key}'"))
            continue
        relative = f"{data_dir}/{FOLDER}/{work_id}.yml"
        _, problems = check_model(LoadedDocument(path=source, data=None), KnowledgeWork, data)
        for problem in problems:
            where = problem.key.split(".")[0].split("[")[0]
            line = reference.line_of(_SOURCE_OF.get(where, where))
            plan.problems.append(Problem(source, line, label, f"{problem.key}: {problem.message}" if problem.key else problem.message))
        if problems:
            continue
        work = ImportedWork(work_id, relative, data, render_work(data, root, relative, Path(source).name, label))
        # The file as written must read back as the same valid record: what `leadctl validate` will see.
        document = parse_yaml(work.text, relative)
        record, problems = check_model(document, KnowledgeWork, document.data) if not document.problems else (None, document.problems)
        problems += record_rules(document, record) if record is not None else []
        if problems:
            plan.problems += [Problem(source, reference.line, label, f"the record written would not be valid: {p.as_text()}") for p in problems]
            continue
        target = root / relative
        if target.exists() or target.is_symlink():
            if not force:
                plan.problems.append(
                    Problem(source, reference.line, label, f"{relative} already exists; leadctl import replaces a record only with --force")
                )
                continue
            if not target.is_file():
                plan.problems.append(Problem(source, reference.line, label, f"{relative} exists and is not a file; move it away"))
                continue
            work.replaces = True
        plan.works.append(work)
    return plan


def write_works(root: Path, works: list[ImportedWork]) -> None:
    """Write every work or none: each goes to a temporary file beside its place, then all are renamed into place.

    If a rename fails, the records written so far are removed and the ones
    they replaced put back, so the data is as it was before the run.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for work in works:
            target = root / work.path
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".importing", dir=target.parent)
            staged.append((Path(name), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(work.text)
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, bytes | None]] = []
    try:
        for temporary, target in staged:
            before = target.read_bytes() if target.exists() else None
            os.replace(temporary, target)
            done.append((target, before))
    except OSError:
        for target, before in reversed(done):
            if before is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(before)
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
