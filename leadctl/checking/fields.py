"""Turning a loaded document into a record, or into problems with lines.

Shapes and formats are checked by the models (pydantic); this module turns
pydantic's errors into contributor-facing problems, then applies the rules
that involve more than one field.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from leadctl.base.problems import Problem
from leadctl.reading.documents import KeyPath, LoadedDocument, format_key_path, read_front_matter, read_yaml_file
from leadctl.records.kinds import DATA_KINDS
from leadctl.records.models import NOT_BLANK, Author, Event, LocalizedText, Member, NetworkProject, Programme, Record
from leadctl.records.project import Project
from leadctl.records.series import Series

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping of keys",
    type(None): "nothing",
}


_LIMITS = {
    "greater_than": "above",
    "greater_than_equal": "of at least",
    "less_than": "below",
    "less_than_equal": "of at most",
}


def _received(value: Any) -> str:
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    return f"{kind} {value!r}"


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model class that owns the last key of ``path`` (to suggest known keys)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        field = next((f for name, f in fields.items() if (f.alias or name) == part), None)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    # Optional[X], list[X] and Annotated[X, ...] all keep X in __args__.
    for argument in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _message(error: dict[str, Any], model: type[BaseModel], path: KeyPath) -> str:
    kind = error["type"]
    value = error.get("input")
    key = path[-1] if path else ""
    if kind == "missing":
        return f"missing required field '{key}'; add a line '{key}: ...'"
    if kind == "extra_forbidden":
        owner = _model_at(model, path[:-1])
        known = sorted(field.alias or name for name, field in owner.model_fields.items()) if owner else []
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else (f"; known keys: {', '.join(known)}" if known else "")
        return f"unknown key '{key}'{hint}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected} but received {value!r}"
    if kind in ("value_error", "assertion_error"):
        return str(error["ctx"]["error"])
    if kind in ("string_type", "string_sub_type") and value is None:
        language = {"en": "English ", "zh": "Chinese "}.get(str(key), "")
        return f"the {language}text is missing: write it after '{key}:' on the same line (or remove the key)"
    if kind in ("string_type", "string_sub_type"):
        return f"expected text but received {_received(value)}; put quotes around it if it is meant as text"
    if kind == "list_type":
        return f"expected a list (lines starting with '- ') but received {_received(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type") and _model_at(model, path) is Author:
        shown = f" {value}" if isinstance(value, str) else ""
        return (
            f"expected an author as '- member:{shown}' (the id of a member), '- name: Full Name' (someone who is not a member) "
            f"or '- organisation: Name' (a corporate author) but received {_received(value)}"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys (like 'en: ...' and 'zh: ...') but received {_received(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false but received {_received(value)}"
    if kind in _LIMITS:
        limit = next(iter(error.get("ctx", {}).values()), "")
        return f"expected a number {_LIMITS[kind]} {limit} but received {_received(value)}"
    if kind == "string_too_short":
        return "text is empty; write the text or remove the key"
    if kind == "string_too_long":
        return f"text is too long ({error['ctx'].get('max_length')} characters at most)"
    if kind == "string_pattern_mismatch":
        if error["ctx"].get("pattern") == NOT_BLANK:
            return "text is empty; write the text or remove the key"
        if key == "doi":
            return f"expected a DOI like 10.1234/abcd (without https://doi.org/) but received {value!r}"
        return f"{value!r} does not have the expected form ({error['ctx'].get('pattern')})"
    return f"{error['msg']} (received {_received(value)})"


def check_model(doc: LoadedDocument, model: type[Record], data: Any, base: KeyPath = ()) -> tuple[Record | None, list[Problem]]:
    """Validate ``data`` (found at ``base`` in ``doc``) against ``model``."""
    if not isinstance(data, dict):
        where = format_key_path(base) or ""
        return None, [
            Problem(doc.path, doc.line_of(base), where, f"expected a mapping of keys (like 'title: ...') but received {_received(data)}")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as failure:
        problems = []
        for error in failure.errors():
            path = tuple(error["loc"])
            problems.append(
                Problem(doc.path, doc.line_of(base + path), format_key_path(base + path), _message(error, model, path))
            )
        return None, problems


def as_aware(value: date, timezone: str | None) -> datetime | None:
    """``value`` as an aware datetime; None when it is a naive time without a zone."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        return value
    if timezone is None:
        return None
    return value.replace(tzinfo=ZoneInfo(timezone))


def _local_time_exists(value: datetime, timezone: str) -> bool:
    zone = ZoneInfo(timezone)
    aware = value.replace(tzinfo=zone)
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    return round_trip == value


def event_rules(doc: LoadedDocument, event: Event) -> list[Problem]:
    """Rules across an event's fields: time zones and the order of start and end."""
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(doc.path, doc.line_of((key,)), key, message))

    timed = [name for name in ("start", "end") if isinstance(getattr(event, name), datetime)]
    naive = [name for name in timed if getattr(event, name).tzinfo is None]
    if naive and event.timezone is None:
        problem(naive[0], "a time is given but no time zone: add 'timezone: Europe/Brussels' (or the IANA name of the place)")
        return problems
    for name in naive:
        if not _local_time_exists(getattr(event, name), event.timezone):
            problem(
                name,
                f"{getattr(event, name):%Y-%m-%d %H:%M} does not exist in {event.timezone} "
                "(the clocks jump forward then); choose another time",
            )
            return problems
    if event.end is None:
        return problems
    if isinstance(event.start, datetime) != isinstance(event.end, datetime):
        problem("end", "start and end must both be dates (an all-day event) or both be times")
        return problems
    if timed:
        start, end = as_aware(event.start, event.timezone), as_aware(event.end, event.timezone)
        if end < start:
            problem("end", f"end ({event.end}) is before start ({event.start}); swap them or fix the date")
    elif event.end < event.start:
        problem("end", f"end ({event.end}) is before start ({event.start}); swap them or fix the date")
    return problems


def member_rules(doc: LoadedDocument, member: Member) -> list[Problem]:
    """Fields that belong to only one kind of member."""
    only = {
        "institution": ("description",),
        "individual": ("affiliation", "role", "bio"),
    }
    problems = []
    for kind, keys in only.items():
        if member.kind == kind:
            continue
        for key in keys:
            if getattr(member, key) is not None:
                other = "bio" if key == "description" else ("description" if key == "bio" else None)
                hint = f"; use '{other}' instead" if other else ""
                problems.append(
                    Problem(doc.path, doc.line_of((key,)), key, f"'{key}' is only for {kind} members, and this is an {member.kind}{hint}")
                )
    return problems


def project_rules(doc: LoadedDocument, research: NetworkProject) -> list[Problem]:
    """A project cannot end before it starts (at the precision each date is given)."""
    if research.start is None or research.end is None or research.end.last_day >= research.start.first_day:
        return []
    message = f"end ({research.end.isoformat()}) is before start ({research.start.isoformat()}); swap them or fix the date"
    return [Problem(doc.path, doc.line_of(("end",)), "end", message)]


GAP_HORIZON_YEARS = 10
"""How far a series without an end is searched for a session the clocks skip: zones rarely announce changes further ahead."""


def _first_session_in_a_gap(series: Series) -> date | None:
    """The first session day (not excepted) whose local time the clocks skip, within the series or its first years."""
    schedule = series.schedule
    if schedule.time is None or schedule.timezone is None:
        return None
    horizon = schedule.until or schedule.first_day.replace(year=schedule.first_day.year + GAP_HORIZON_YEARS)
    for day in series.local_days():
        if day > horizon:
            return None
        if not _local_time_exists(datetime.combine(day, schedule.time), schedule.timezone):
            return day
    return None


def programme_rules(doc: LoadedDocument, programme: Programme) -> list[Problem]:
    """The provider given one way, and a schedule whose parts fit together."""
    problems = []

    def problem(path: tuple, message: str) -> None:
        problems.append(Problem(doc.path, doc.line_of(path), format_key_path(path), message))

    if programme.provider is None and programme.provider_name is None:
        problem((), "no provider: add 'provider: <member id>', or 'provider_name: <name>' when the provider is not a member")
    elif programme.provider is not None and programme.provider_name is not None:
        problem(("provider_name",), "give either 'provider' (a member id) or 'provider_name', not both")
    schedule = programme.schedule
    if schedule is None:
        return problems
    at = ("schedule",)
    before = len(problems)
    if schedule.every == "month" and schedule.nth is None:
        problem(at + ("every",), "a monthly series needs 'nth': which of the month's days it meets (first, second, third, fourth or last)")
    if schedule.nth is not None and schedule.every != "month":
        problem(at + ("nth",), f"'nth' is only for 'every: month' (this series meets every {schedule.every}); remove it")
    if schedule.time is not None and schedule.timezone is None:
        problem(at + ("time",), "a time is given but no time zone: add 'timezone: Europe/Brussels' (or the IANA name of the place)")
    for key in ("duration", "end_time"):
        if getattr(schedule, key) is not None and schedule.time is None:
            problem(at + (key,), f"'{key}' needs the start 'time' too; add it, or remove '{key}' when the time is not known")
    if schedule.duration is not None and schedule.end_time is not None:
        problem(at + ("end_time",), "give either 'duration' or 'end_time', not both")
    if schedule.until is not None and schedule.until < schedule.first_day:
        problem(at + ("until",), f"until ({schedule.until}) is before from ({schedule.first_day}); swap them or fix the date")
    if len(problems) > before:
        return problems
    series = Series(schedule)
    if schedule.until is not None and series.first_day() > schedule.until:
        problem(at + ("until",), f"the series has no session from {schedule.first_day} until {schedule.until}; fix the dates or the day")
        return problems
    gap = _first_session_in_a_gap(series)
    if gap is not None:
        problem(
            at + ("time",),
            f"{schedule.time:%H:%M} does not exist on {gap} in {schedule.timezone} (the clocks jump forward then); "
            f"choose another time, or add {gap} to 'except'",
        )
    for index, day in enumerate(schedule.skipped):
        if not series.holds(day):
            problem(
                at + ("except", index),
                f"{day} ({day:%A}) is not a day of the series (every {schedule.every} on "
                f"{'the ' + schedule.nth + ' ' if schedule.nth else ''}{schedule.day.capitalize()} from {schedule.first_day}); "
                "remove it or correct the date",
            )
    return problems


def record_rules(doc: LoadedDocument, record: Record) -> list[Problem]:
    """The rules across one record's fields that its model cannot check alone."""
    if isinstance(record, Event):
        return event_rules(doc, record)
    if isinstance(record, Member):
        return member_rules(doc, record)
    if isinstance(record, NetworkProject):
        return project_rules(doc, record)
    if isinstance(record, Programme):
        return programme_rules(doc, record)
    return []


# -- rules across the whole project ------------------------------------------------------

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile("[A-Za-z]")


def _localized_texts(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, LocalizedText]]:
    if isinstance(value, LocalizedText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _localized_texts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _localized_texts(item, path + (index,))


def _is_author_name(path: KeyPath) -> bool:
    # A person's name in Chinese script is their name in both languages, cited family name first as written.
    return len(path) >= 3 and path[-1] == "name" and path[-3] == "authors"


def _chinese_on_english_pages(project: Project) -> list[Problem]:
    """Text in Chinese script given for English readers: a plain string (`name: 浙江大学`) or `en:` in Chinese."""
    problems = []
    documents: dict[str, LoadedDocument] = {}
    for kind in DATA_KINDS:
        for entry in project.collection(kind.name).values():
            for path, text in _localized_texts(entry.record, ()):
                if not _HAN.search(text.en) or _LATIN.search(text.en) or _is_author_name(path):
                    continue
                document = documents.get(entry.source) or read_yaml_file(project.root / entry.source, project.root)
                documents[entry.source] = document
                if kind.storage == "list":  # one file holds every record of the kind: find this one's item
                    index = next(
                        (i for i, item in enumerate(document.data or []) if isinstance(item, dict) and item.get("id") == entry.id), None
                    )
                    path = ((index,) if index is not None else ()) + path
                key = format_key_path(path)
                given = document.data
                for part in path:
                    given = given[part] if isinstance(given, (dict, list)) and (isinstance(given, list) or part in given) else None
                if isinstance(given, str):
                    hint = f"write it as 'en: <the English text>' and 'zh: {text.en}' on two lines under '{path[-1]}:'"
                    message = f"'{text.en}' is in Chinese script but counts as the same in both languages, so English pages show it; {hint}"
                else:
                    message = f"the English text '{text.en}' is in Chinese script; put it under 'zh:' and write the English under 'en:'"
                problems.append(Problem(entry.source, document.line_of(path), key, message, warning=True))
    return problems


def _news_dates_differ(project: Project) -> list[Problem]:
    """A translated news post keeps the original's date (the contributing guide says so; listings sort by it)."""
    problems = []
    for post in project.news.values():
        english, chinese = post.front_matter.get("en"), post.front_matter.get("zh")
        if english is None or chinese is None or english.date == chinese.date:
            continue
        source = post.sources["zh"]
        document = read_front_matter(project.root / source, project.root)
        problems.append(
            Problem(
                source, document.line_of(("date",)), "date",
                f"{chinese.date} differs from the English post's date {english.date} ({post.sources['en']}); "
                f"a translation keeps the date: write 'date: {english.date}'",
            )
        )
    return problems


MICRO_CREDENTIAL_ELEMENTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("learning_outcomes",), "its learning outcomes ('learning_outcomes')"),
    (("ects",), "its notional workload in ECTS credits ('ects')"),
    (("eqf_level",), "its EQF level ('eqf_level', 1 to 8)"),
    (("assessment",), "its type of assessment ('assessment')"),
    (("mode",), "its form of participation ('mode': online, onsite or blended)"),
    (("credential", "quality_assurance"), "its type of quality assurance ('quality_assurance' under 'credential')"),
    (("prerequisites",), "its prerequisites ('prerequisites')"),
    (("credential", "stackable"), "whether it can be stacked ('stackable: true' or 'false' under 'credential')"),
)
"""The standard elements of a micro-credential (Council Recommendation of 16 June 2022, Annex I) that a programme's data can hold."""


def _missing_micro_credential_elements(project: Project) -> list[Problem]:
    """A micro-credential without an element the European approach asks for: a warning per element."""
    problems = []
    for entry in project.collection("programmes").values():
        programme: Programme = entry.record  # type: ignore[assignment]
        if programme.credential is None or programme.credential.kind != "micro-credential":
            continue
        document = read_yaml_file(project.root / entry.source, project.root)
        for path, element in MICRO_CREDENTIAL_ELEMENTS:
            value: Any = programme
            for part in path:
                value = getattr(value, part)
            if value is None or value == []:
                message = (
                    f"a micro-credential should state {element}, as the Council Recommendation of 16 June 2022 "
                    "on micro-credentials asks; add it"
                )
                problems.append(Problem(entry.source, document.line_of(("credential", "kind")), "credential.kind", message, warning=True))
    return problems


def _topic_names(project: Project) -> dict[str, str]:
    """Each topic's id and labels in either language, casefolded, with the topic id they name."""
    names: dict[str, str] = {}
    for topic_id, entry in project.topics.items():
        label = entry.record.label  # type: ignore[attr-defined]
        for name in (topic_id, label.en, label.zh or ""):
            if name:
                names.setdefault(name.casefold(), topic_id)
    return names


def _topic_for_tag(names: dict[str, str], tag: str) -> str | None:
    """The topic id closest to a free tag, among ``names`` (``_topic_names``)."""
    wanted = tag.casefold()
    hyphenated = re.sub(r"[\s_]+", "-", wanted)
    if wanted in names or hyphenated in names:
        return names.get(wanted) or names[hyphenated]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def _deprecated_tags(project: Project) -> list[Problem]:
    """Free tags of briefs and members are in one language only; topics are translated and have pages: a warning per tag."""
    problems = []
    entries = [*project.collection("briefs").values(), *project.collection("members").values()]
    names = _topic_names(project)
    for entry in entries:
        tags = entry.record.tags  # type: ignore[attr-defined]
        if not tags:
            continue
        document = read_yaml_file(project.root / entry.source, project.root)
        for index, tag in enumerate(tags):
            topic = _topic_for_tag(names, tag)
            if topic:
                hint = f"use the topic '{topic}' instead: add it under 'topics:' and remove the tag"
            else:
                hint = "add a topic for it to data/topics.yml (id, label, summary) and list its id under 'topics:' instead"
            message = f"tags are deprecated and no longer shown; {hint}"
            problems.append(Problem(entry.source, document.line_of(("tags", index)), f"tags[{index}]", message, warning=True))
    return problems


def project_problems(project: Project) -> list[Problem]:
    """Rules checked once everything loaded: news translations' dates, Chinese text on English pages, micro-credentials' elements, briefs' and members' tags."""
    return (
        _news_dates_differ(project)
        + _chinese_on_english_pages(project)
        + _missing_micro_credential_elements(project)
        + _deprecated_tags(project)
    )
