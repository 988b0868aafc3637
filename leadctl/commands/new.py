"""``leadctl new``: start a member, event, project, programme, brief, knowledge base work or news post that validates at once.

A new record is written only after it passed the same checks as ``leadctl
validate``; an existing file is never overwritten. Each YAML file starts with
a ``yaml-language-server`` line pointing at its JSON Schema, so that editors
complete and check keys while the contributor fills in the rest, and every
localized field gets a ``zh:`` slot for the translation.

News posts are named ``docs/news/<date>-<id>.md``: the date prefix keeps the
folder in publishing order and lets two posts share a name in different
years ("annual-meeting"). The prefix is part of the address of the post.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import yaml

from leadctl.base.problems import Problem, ValidationFailed
from leadctl.checking.fields import check_model, record_rules
from leadctl.reading.documents import LoadedDocument, parse_yaml
from leadctl.records.kinds import RecordKind, kind_named
from leadctl.records.models import EVENT_KINDS, ID_PATTERN, ID_RULE, PROGRAMME_FORMATS, WORK_KINDS, Record

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_LOCAL_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


@dataclass(frozen=True)
class FieldSpec:
    """A field ``leadctl new`` asks for (an option named after it, or a prompt)."""

    key: str
    prompt: str
    help: str
    required: bool = True
    localized: bool = False
    """Localized fields get a ``--<key>-zh`` option and a ``zh:`` slot."""
    choices: tuple[str, ...] = ()
    date_like: bool = False
    """A date or time: written unquoted, and prompted with today as the default."""
    defaults_to_today: bool = False
    """Not asked for: left out, it is today (a news post is usually written the day it is published)."""

    @property
    def option(self) -> str:
        return "--" + self.key

    @property
    def zh_key(self) -> str:
        return f"{self.key}-zh"


@dataclass(frozen=True)
class KindSpec:
    """What ``leadctl new <kind>`` writes."""

    name: str
    """The command's name: ``leadctl new member``."""
    record_kind: RecordKind
    fields: tuple[FieldSpec, ...]
    optional_hints: Callable[[dict[str, str]], list[str]] = field(default=lambda values: [])
    noun: str = ""
    """How help texts name it: 'a member', 'a news post'."""

    @property
    def folder(self) -> str:
        return self.record_kind.name

    @property
    def model(self) -> type[Record]:
        return self.record_kind.model


def _member_hints(values: dict[str, str]) -> list[str]:
    hints = [
        "# city:",
        "#   en: Leiden",
        "#   zh: 莱顿",
        "# website: https://www.example.org/",
        "# joined: 2026-01-31",
    ]
    if values.get("kind") == "individual":
        hints += [
            "# affiliation: leiden-university   # the member id of their institution",
            "# role:",
            "#   en: Professor of Higher Education",
            "#   zh:",
            "# bio:",
            "#   en: |",
            "#     A few sentences in Markdown.",
            "#   zh: |",
        ]
    else:
        hints += [
            "# description:",
            "#   en: |",
            "#     A few sentences in Markdown.",
            "#   zh: |",
        ]
    return hints + ["# topics: [academic-leadership]   # ids from data/topics.yml", "# pillars: [research]   # ids from data/pillars.yml"]


def _event_hints(values: dict[str, str]) -> list[str]:
    return [
        "# location:",
        "#   en: Leiden, the Netherlands",
        "#   zh: 荷兰莱顿",
        "# online: true",
        "# url: https://www.example.org/event",
        "# organizers: [leiden-university]   # member ids",
        "# pillars: [training]",
        "# audience: [mid-level, senior]   # one or more of early-career, mid-level, senior",
        "# body:",
        "#   en: |",
        "#     The programme, in Markdown.",
        "#   zh: |",
    ]


def _project_hints(values: dict[str, str]) -> list[str]:
    return [
        "# funder:",
        "#   en: Erasmus+ programme, Capacity Building in Higher Education",
        "#   zh:",
        "# start: 2019-01   # a year, a month or a day",
        "# end: 2023-01",
        "# website: https://www.example.org/",
        "# coordinator: leiden-university   # a member id",
        "# partners: [iau]   # member ids",
        "# aims:",
        "#   - en: One aim per line.",
        "#     zh:",
        "# results:",
        "#   - en: One result per line.",
        "#     zh:",
        "# work_packages:",
        "#   - title:",
        "#       en: Training",
        "#     lead: leiden-university   # optional, a member id",
        "#     summary:",
        "#       en: What the work package does.",
        "# pillars: [research]",
        "# follows: lead   # the id of the project this one builds on",
        "# body:",
        "#   en: |",
        "#     More about the project, in Markdown.",
        "#   zh: |",
    ]


def _programme_hints(values: dict[str, str]) -> list[str]:
    provider = [] if values.get("provider") else ["# provider_name: Name of the provider   # when it is not a member (instead of provider)"]
    return provider + [
        "# mode: blended   # online, onsite or blended",
        "# audience: [mid-level, senior]   # one or more of early-career, mid-level, senior",
        "# participants:",
        "#   en: Deans and heads of department",
        "#   zh:",
        "# languages: [en, zh]   # ISO 639-1 codes",
        "# location:",
        "#   en: Leiden, the Netherlands",
        "#   zh: 荷兰莱顿",
        "# project: lead2   # a project id",
        "# pillars: [training]",
        "# registration: https://www.example.org/register",
        "# schedule:   # a recurring series",
        "#   every: week   # week, 2 weeks or month",
        "#   day: tuesday",
        "#   nth: last   # for every: month only: first, second, third, fourth or last",
        "#   time: 08:00   # leave out when it is not known",
        "#   end_time: 09:30   # or duration: 90 (minutes)",
        "#   timezone: Europe/Amsterdam   # required with a time",
        "#   from: 2026-01-06",
        "#   until: 2026-06-30",
        "#   except: [2026-04-07]   # days of the series without a session",
        "# sessions: [first-session]   # ids of events that are sessions",
        "# learning_outcomes:",
        "#   - en: One outcome per line.",
        "#     zh:",
        "# workload_hours: 30",
        "# ects: 1",
        "# eqf_level: 7   # 1 to 8",
        "# assessment:",
        "#   en: A reflection paper.",
        "# prerequisites:",
        "#   en: A leadership role.",
        "# credential:",
        "#   kind: micro-credential   # micro-credential, certificate or badge",
        "#   awarded_by: Leiden University",
        "#   quality_assurance:",
        "#     en: How its quality is assured.",
        "#   stackable: true",
        "# body:",
        "#   en: |",
        "#     More about the programme, in Markdown.",
        "#   zh: |",
    ]


def _brief_hints(values: dict[str, str]) -> list[str]:
    return [
        "# authors:",
        "#   - member: leiden-university   # a member id",
        "#   - name: Full Name             # someone who is not a member",
        "#   - organisation: The LEAD2 project",
        "# body:",
        "#   en: |",
        "#     The brief, in Markdown.",
        "#   zh: |",
        "# files:",
        "#   en: https://www.example.org/brief.pdf   # or a path under docs/",
        "# doi: 10.1234/abcd",
        "# topics: [university-governance]   # ids from data/topics.yml",
        "# pillars: [research]",
    ]


def _work_hints(values: dict[str, str]) -> list[str]:
    return [
        "# authors:",
        "#   - member: leiden-university   # a member id",
        "#   - name: Full Name             # a person who is not a member",
        "#   - organisation: The LEAD2 project",
        "# languages: [en, zh]              # languages the work exists in",
        "# files:                           # kept under docs/files/",
        "#   - path: lead2-leaflet-en.pdf",
        "#     language: en",
        "# url: https://www.example.org/work",
        "# doi: 10.1234/abcd",
        "# publisher: Example Press",
        "# license: CC-BY-4.0",
        "# topics: [university-governance]   # ids from data/topics.yml",
        "# pillars: [research]",
        "# audience: [mid-level, senior]",
        "# project: lead2",
    ]


_TITLE = FieldSpec("title", "Title (English)", "Title in English.", localized=True)
_SUMMARY = FieldSpec("summary", "Summary (English, one or two sentences)", "Summary in English, one or two sentences.", localized=True)

_SPECS = (
    KindSpec(
        "member",
        kind_named("members"),
        (
            FieldSpec("kind", "Kind", "institution or individual.", choices=("institution", "individual")),
            FieldSpec("name", "Name (English)", "Name in English.", localized=True),
            FieldSpec("country", "Country (ISO code such as NL, CN, DE)", "ISO 3166-1 alpha-2 country code: NL, CN, DE."),
        ),
        _member_hints,
        "a member",
    ),
    KindSpec(
        "event",
        kind_named("events"),
        (
            _TITLE,
            FieldSpec("kind", "Kind", "What kind of event.", choices=EVENT_KINDS),
            FieldSpec(
                "start",
                "Start (2026-10-13, or 2026-10-13 09:30 local time)",
                "2026-10-13 (all day), 2026-10-13 09:30 (local time) or 2026-10-13T09:30+02:00.",
                date_like=True,
            ),
            FieldSpec("end", "End", "Last day or closing time, same forms as --start (optional).", required=False, date_like=True),
            FieldSpec(
                "timezone",
                "Time zone of the place (IANA name such as Europe/Brussels, Asia/Shanghai)",
                "IANA time zone of the place: Europe/Brussels, Asia/Shanghai (needed when a time is given).",
                required=False,
            ),
            _SUMMARY,
        ),
        _event_hints,
        "an event",
    ),
    KindSpec(
        "project",
        kind_named("projects"),
        (
            _TITLE,
            FieldSpec("acronym", "Acronym (such as LEAD2)", "Short name of the project, such as LEAD2."),
            _SUMMARY,
        ),
        _project_hints,
        "a project",
    ),
    KindSpec(
        "programme",
        kind_named("programmes"),
        (
            _TITLE,
            _SUMMARY,
            FieldSpec("format", "Format", "What kind of programme.", choices=PROGRAMME_FORMATS),
            FieldSpec(
                "provider", "Provider (member id)",
                "Member id of the provider; leave out for a provider who is not a member and write provider_name.",
                required=False,
            ),
        ),
        _programme_hints,
        "a training programme",
    ),
    KindSpec(
        "brief",
        kind_named("briefs"),
        (
            _TITLE,
            FieldSpec("date", "Date of publication (YYYY-MM-DD)", "Date of publication, YYYY-MM-DD.", date_like=True),
            _SUMMARY,
        ),
        _brief_hints,
        "a policy brief",
    ),
    KindSpec(
        "knowledge",
        kind_named("knowledge"),
        (
            _TITLE,
            FieldSpec("kind", "Kind", "What kind of work.", choices=WORK_KINDS),
            FieldSpec(
                "date", "Date (a year 2021, a month 2021-03 or a day 2021-03-15)",
                "Date of publication as precisely as known: 2021, 2021-03 or 2021-03-15 (optional: leave out when unknown).",
                required=False, date_like=True,
            ),
            _SUMMARY,
        ),
        _work_hints,
        "a knowledge base work",
    ),
    KindSpec(
        "news",
        kind_named("news"),
        (
            FieldSpec("title", "Title", "Title of the post."),
            FieldSpec(
                "date", "Date (YYYY-MM-DD)", "Date of the post, YYYY-MM-DD (default: today); it also starts the file name.",
                required=False, date_like=True, defaults_to_today=True,
            ),
            FieldSpec("summary", "Summary", "One or two sentences for listings and feeds (optional).", required=False),
        ),
        noun="a news post",
    ),
)
KINDS: dict[str, KindSpec] = {spec.name: spec for spec in _SPECS}


class ScaffoldRefused(Exception):
    """``leadctl new`` will not write: the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def needs_timezone(values: dict[str, str]) -> bool:
    """An event with a local time (no offset) needs its place's time zone."""
    return any(_LOCAL_TIME.match(values.get(key) or "") for key in ("start", "end"))


def missing_fields(kind: str, values: dict[str, str]) -> list[FieldSpec]:
    """Required fields without a value (the event time zone when a local time is given)."""
    missing = []
    for spec in KINDS[kind].fields:
        needed = spec.required or (kind == "event" and spec.key == "timezone" and needs_timezone(values))
        if needed and not values.get(spec.key):
            missing.append(spec)
    return missing


def check_field(kind: str, spec: FieldSpec, value: str) -> str | None:
    """Why ``value`` is not acceptable for ``spec`` (the validator's own message), or None."""
    model = KINDS[kind].model
    document = LoadedDocument(path="", data=None)
    _, problems = check_model(document, model, {spec.key: value})
    for problem in problems:
        if problem.key == spec.key or problem.key.startswith(spec.key + "."):
            return problem.message
    return None


def check_id(record_id: str) -> None:
    if not ID_PATTERN.match(record_id):
        raise ScaffoldRefused(f"bad id {record_id!r}: an id is made of {ID_RULE}", exit_code=2)


def target_path(kind: str, record_id: str, values: dict[str, str], data_dir: str, docs_dir: str) -> str:
    """Where the record goes, relative to the project root."""
    if kind == "news":
        slug = record_id if _DATE_PREFIX.match(record_id) else f"{values['date'][:10]}-{record_id}"
        return f"{docs_dir}/{KINDS[kind].folder}/{slug}.md"
    return f"{data_dir}/{KINDS[kind].folder}/{record_id}.yml"


def refuse_existing(root: Path, relative: str) -> None:
    if (root / relative).exists():
        raise ScaffoldRefused(f"{relative} already exists; leadctl new never overwrites a record: edit it, or choose another id")


# -- writing YAML -------------------------------------------------------------

_NOT_PRINTABLE = re.compile("[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


def _double_quoted(text: str) -> str:
    # A one-line YAML double-quoted scalar: any text survives, line breaks included.
    def escape(match: re.Match) -> str:
        char = match.group()
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (
            f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
        )

    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _NOT_PRINTABLE.sub(escape, body.replace("\t", "\\t")) + '"'


def _reads_back_as(text: str, written: str) -> bool:
    document = parse_yaml(f"key: {written}\n", "")
    if document.problems or document.data != {"key": text}:
        return False
    try:  # another YAML reader (an editor, a script) must read the same text
        return yaml.safe_load(f"key: {written}\n") == {"key": text}
    except (yaml.YAMLError, ValueError, OverflowError):  # a timestamp that is no date: 2026-02-30
        return False


def yaml_scalar(text: str, date_like: bool = False) -> str:
    """``text`` as a YAML value: plain when that reads back as the same text, quoted otherwise."""
    if date_like and text == text.strip() and parse_yaml(f"key: {text}\n", "").data == {"key": text}:
        return text  # leadctl keeps dates as text; written plain like the rest of the data
    if text and not _NOT_PRINTABLE.search(text) and "\t" not in text and _reads_back_as(text, text):
        return text
    return _double_quoted(text)


def _localized_lines(spec: FieldSpec, values: dict[str, str]) -> list[str]:
    english = yaml_scalar(values[spec.key])
    chinese = values.get(spec.zh_key)
    if chinese:
        return [f"{spec.key}:", f"  en: {english}", f"  zh: {yaml_scalar(chinese)}"]
    return [f"{spec.key}:", f"  en: {english}", "  zh:   # Chinese translation (中文翻译): fill in when ready"]


def _schema_line(root: Path, relative: str, kind: str) -> str:
    schema = root / "schemas" / KINDS[kind].record_kind.schema_file
    link = os.path.relpath(schema, (root / relative).parent)
    return f"# yaml-language-server: $schema={Path(link).as_posix()}"


def render_record(kind: str, relative: str, values: dict[str, str], root: Path) -> str:
    """The text of a new record file (YAML, or Markdown with front matter for news)."""
    spec = KINDS[kind]
    lines: list[str] = []
    for field_spec in spec.fields:
        value = values.get(field_spec.key)
        if not value:
            continue
        if field_spec.localized:
            lines += _localized_lines(field_spec, values)
        else:
            lines.append(f"{field_spec.key}: {yaml_scalar(value, field_spec.date_like)}")
    if kind == "news":
        slug = Path(relative).stem
        translation = relative.replace("/news/", "/zh/news/", 1)
        notes = [] if values.get("summary") else ["# summary: One or two sentences for listings and feeds."]
        notes += [
            "# tags: [announcement]",
            "# pillars: [sharing]",
            "# Write the post in Markdown below the closing ---.",
            f"# Chinese version: copy this file to {translation} and translate it (same name: {slug}.md).",
        ]
        return "---\n" + "\n".join(lines + notes) + "\n---\n\n"
    header = [
        _schema_line(root, relative, kind),
        f"# {spec.noun.capitalize()} of the LEAD network. Check it with `leadctl validate`; see docs/contributing.md.",
    ]
    hints = spec.optional_hints(values)
    optional = ["", "# Optional (remove the leading # to use):", *hints] if hints else []
    return "\n".join(header + lines + optional) + "\n"


def check_record(kind: str, relative: str, text: str) -> list[Problem]:
    """The problems ``leadctl validate`` would report in this new file (references aside)."""
    if kind == "news":
        front = text.split("---\n", 2)[1]
        document = parse_yaml(front, relative, line_offset=1)
    else:
        document = parse_yaml(text, relative)
    if document.problems:
        return document.problems
    record, problems = check_model(document, KINDS[kind].model, document.data)
    if record is not None:
        problems += record_rules(document, record)
    return problems


def create_record(
    root: Path,
    kind: str,
    record_id: str,
    values: dict[str, str],
    ask: Callable[[FieldSpec, dict[str, str]], str] | None,
    data_dir: str = "data",
    docs_dir: str = "docs",
    today: date | None = None,
) -> Path:
    """Write a new record; ``ask`` fills in missing required fields (None: nobody to ask).

    ``ask(spec, values)`` returns the value of ``spec``; it may also add the
    field's Chinese text to ``values`` under ``spec.zh_key``.

    Raises ``ScaffoldRefused`` (bad id, existing file, missing fields with no
    one to ask) or ``ValidationFailed`` (a value the validator refuses).
    Nothing is written in either case.
    """
    check_id(record_id)
    values = {key: value.strip() for key, value in values.items() if value is not None and value.strip()}
    for spec in KINDS[kind].fields:
        if spec.defaults_to_today and not values.get(spec.key):
            values[spec.key] = (today or date.today()).isoformat()
    if kind != "news":
        refuse_existing(root, target_path(kind, record_id, values, data_dir, docs_dir))
    missing = missing_fields(kind, values)
    if missing and ask is None:
        options = ", ".join(spec.option for spec in missing)
        raise ScaffoldRefused(
            f"missing {options}; give {'it as an option' if len(missing) == 1 else 'them as options'} "
            f"(no terminal to ask): leadctl new {kind} {record_id} {' '.join(spec.option + ' ...' for spec in missing)}",
            exit_code=2,
        )
    while missing:  # asking for one field (an event's start with a time) can make another one needed
        values[missing[0].key] = ask(missing[0], values).strip()
        missing = missing_fields(kind, values)
    if kind == "news" and (problem := check_field(kind, KINDS[kind].fields[1], values["date"])):
        raise ScaffoldRefused(f"--date: {problem}")  # the date names the file: check it first
    relative = target_path(kind, record_id, values, data_dir, docs_dir)
    refuse_existing(root, relative)
    text = render_record(kind, relative, values, root)
    problems = check_record(kind, relative, text)
    if problems:
        raise ValidationFailed(problems)
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    return path
