"""JSON Schemas of the data files, made from the record models.

Editors (VS Code with the YAML extension, JetBrains IDEs) use these schemas
to complete keys and flag mistakes while a contributor types. They are made
from the same pydantic models that ``leadctl validate`` uses, then refined
with the rules a schema can express but pydantic cannot see in the models
(a country is one of the ISO codes; a time needs a time zone; some keys
belong to one kind of member only).

What a schema cannot express, and only ``leadctl validate`` checks: references
to other files (an organizer or pillar that does not exist), an end before its
start, a local time skipped when the clocks go forward, impossible dates such
as 2026-02-30, unknown time zone names that look like one (``Europe/Atlantis``),
and text made of spaces only inside a list of tags.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pycountry

from leadctl.records.kinds import KINDS, RecordKind
from leadctl.records.models import AUTHOR_FORMS, Brief, Event, KnowledgeWork, Member, Record

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMA_FILES: dict[str, str] = {kind.schema: kind.schema_file for kind in KINDS}
"""Schema name → file name in the schemas folder. A kind kept as one list has the whole file's schema: a list."""

_KIND_OF_SCHEMA: dict[str, RecordKind] = {kind.schema: kind for kind in KINDS}

_LOCALIZED_DEF = "LocalizedText"
_NOT_BLANK = r"\S"
_TIME_WITHOUT_OFFSET = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
_DAY = r"^\d{4}-\d{2}-\d{2}$"


def _localized_definition() -> dict[str, Any]:
    return {
        "description": "Text readers see: a plain string (the same in both languages, e.g. a proper name), "
        "or 'en' (required) and 'zh' (the Chinese translation; leave it empty until there is one).",
        "anyOf": [
            {"type": "string", "minLength": 1, "pattern": _NOT_BLANK, "description": "The same text in both languages"},
            {
                "type": "object",
                "properties": {
                    "en": {"type": "string", "minLength": 1, "description": "English"},
                    "zh": {"type": ["string", "null"], "description": "Chinese (简体中文); empty until translated"},
                },
                "required": ["en"],
                "additionalProperties": False,
            },
        ],
    }


def _is_localized_pair(text: Any, mapping: Any) -> bool:
    # The models give localized text a fixed schema (a string, or en/zh); recognise it to name it once.
    return (
        isinstance(text, dict)
        and isinstance(mapping, dict)
        and text.get("type") == "string"
        and set(mapping.get("properties", {})) == {"en", "zh"}
    )


def _name_localized_text(node: Any) -> Any:
    """Replace every inline localized-text schema by a reference to one definition."""
    if isinstance(node, list):
        return [_name_localized_text(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: _name_localized_text(value) for key, value in node.items()}
    branches = node.get("anyOf")
    if isinstance(branches, list) and len(branches) >= 2 and _is_localized_pair(branches[0], branches[1]):
        rest = branches[2:]
        reference = {"$ref": f"#/$defs/{_LOCALIZED_DEF}"}
        node.pop("anyOf")
        if rest:
            node["anyOf"] = [reference, *rest]
        else:
            node = {**reference, **node}
    return node


def _property(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """The non-null branch of a property's schema (optional fields are 'X or null')."""
    prop = schema["properties"][name]
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            return branch
    return prop


def _country_codes() -> list[str]:
    return sorted(country.alpha_2 for country in pycountry.countries)


def _refine_member(schema: dict[str, Any]) -> None:
    country = schema["properties"]["country"]
    country.pop("pattern", None)
    country["enum"] = _country_codes()
    country["description"] = "ISO 3166-1 alpha-2 code in capitals: NL, CN, DE"
    only_for = {"institution": ["description"], "individual": ["affiliation", "role", "bio"]}
    rules = []
    for kind, keys in only_for.items():
        other = "individual" if kind == "institution" else "institution"
        rules.append(
            {
                "if": {"properties": {"kind": {"const": other}}, "required": ["kind"]},
                "then": {"properties": {key: {"type": "null", "description": f"only for {kind} members"} for key in keys}},
            }
        )
    schema["allOf"] = rules


def _refine_event(schema: dict[str, Any]) -> None:
    timezone = schema["properties"]["timezone"]
    _property(schema, "timezone").update(
        {"pattern": r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$", "examples": ["Europe/Brussels", "Asia/Shanghai", "UTC"]}
    )
    timezone.pop("title", None)
    # A local time (no offset) means nothing without its place's time zone.
    schema["allOf"] = [
        {
            "if": {"properties": {field: {"type": "string", "pattern": _TIME_WITHOUT_OFFSET}}, "required": [field]},
            "then": {"required": ["timezone"], "properties": {"timezone": {"type": "string"}}},
        }
        for field in ("start", "end")
    ]
    # Start and end are both days (an all-day event) or both times.
    day, time = {"type": "string", "pattern": _DAY}, {"type": "string", "not": {"pattern": _DAY}}
    schema["allOf"] += [
        {"if": {"properties": {"start": day}}, "then": {"properties": {"end": {"anyOf": [day, {"type": "null"}]}}}},
        {"if": {"properties": {"start": time}}, "then": {"properties": {"end": {"anyOf": [time, {"type": "null"}]}}}},
    ]


def _refine_authors(schema: dict[str, Any]) -> None:
    author = schema["$defs"]["Author"]
    # Exactly one form with a value; a key left empty (null) counts as absent, as in the validator.
    author["oneOf"] = [
        {
            "required": [form],
            "properties": {
                form: {"type": "string"} if form == "member" else {"not": {"type": "null"}},
                **{other: {"type": "null"} for other in AUTHOR_FORMS if other != form},
            },
        }
        for form in AUTHOR_FORMS
    ]


def _model_schema(model: type[Record]) -> dict[str, Any]:
    schema = model.model_json_schema()
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
    return schema


def _finish(schema: dict[str, Any], kind: RecordKind) -> dict[str, Any]:
    schema = _name_localized_text(schema)
    definitions = schema.pop("$defs", {})
    definitions[_LOCALIZED_DEF] = _localized_definition()
    header = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": kind.schema_title,
        "description": f"{kind.where}. Made by `leadctl schema` from leadctl/records/models.py; do not edit by hand.",
    }
    schema.pop("title", None)
    schema.pop("description", None)
    return {**header, **schema, "$defs": dict(sorted(definitions.items()))}


_REFINEMENTS = {Member: _refine_member, Event: _refine_event, Brief: _refine_authors, KnowledgeWork: _refine_authors}
"""What each model's schema gains beyond what pydantic sees in the model."""


def record_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file, by its schema name (``member``, ``pillars``...: see ``SCHEMA_FILES``)."""
    kind = _KIND_OF_SCHEMA.get(name)
    if kind is None:
        raise ValueError(f"unknown kind {name!r}; known: {', '.join(SCHEMA_FILES)}")
    schema = _model_schema(kind.model)
    if kind.model in _REFINEMENTS:
        _REFINEMENTS[kind.model](schema)
    if kind.storage == "list":
        schema.pop("title", None)
        schema = {"type": "array", "items": {"$ref": f"#/$defs/{kind.model.__name__}"}, "$defs": {kind.model.__name__: schema}}
    return _finish(schema, kind)


def schema_text(kind: str) -> str:
    """The schema as the file holds it: stable key order, UTF-8, final newline."""
    return json.dumps(record_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, name in SCHEMA_FILES.items():
        path = out_dir / name
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(out_dir: Path) -> list[str]:
    """The schema files in ``out_dir`` that are missing or differ from the models."""
    stale = []
    for kind, name in SCHEMA_FILES.items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
            stale.append(name)
    return stale
