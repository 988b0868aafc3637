"""Turning a loaded document into a record, or into problems with lines.

Shapes and formats are checked by the models (pydantic); this module turns
pydantic's errors into contributor-facing problems, then applies the rules
that involve more than one field.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from .load import KeyPath, LoadedDocument, format_key_path
from .models import NOT_BLANK, Event, Member, Record
from .problems import Problem

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping of keys",
    type(None): "nothing",
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
        field = getattr(current, "model_fields", {}).get(part)
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
        known = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else (f"; known keys: {', '.join(known)}" if known else "")
        return f"unknown key '{key}'{hint}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected} but received {value!r}"
    if kind in ("value_error", "assertion_error"):
        return str(error["ctx"]["error"])
    if kind in ("string_type", "string_sub_type"):
        return f"expected text but received {_received(value)}; put quotes around it if it is meant as text"
    if kind == "list_type":
        return f"expected a list (lines starting with '- ') but received {_received(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys (like 'en: ...' and 'zh: ...') but received {_received(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false but received {_received(value)}"
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
                    Problem(doc.path, doc.line_of((key,)), key, f"'{key}' is only for {kind} members, and this is a {member.kind}{hint}")
                )
    return problems
