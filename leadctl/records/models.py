"""The record models: what a member, event, project, programme, brief, knowledge base work, topic, pillar and news post hold.

The models check the shape and the format of each field. Rules that involve
several fields or several files (an end before its start, a reference to a
member that does not exist) live in ``leadctl.checking``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import available_timezones

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

LANGUAGES = ("en", "zh")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NOT_BLANK = r"\S"
"""Text must hold something besides spaces."""
ID_RULE = "lowercase letters, digits and single hyphens, e.g. 'leiden-university'"


class LocalizedText(BaseModel):
    """Text a reader sees, in English and (when translated) Chinese."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1, pattern=NOT_BLANK)
    zh: str | None = None

    def get(self, language: str) -> str:
        """The text in ``language``, or the English text when there is none."""
        if language == "zh" and self.zh:
            return self.zh
        return self.en

    def is_translated(self, language: str) -> bool:
        return language == "en" or bool(self.zh)


def _accept_plain_string(value: Any) -> Any:
    # A plain string is the same in both languages (typically a proper name).
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty; write the text or remove the key")
        return {"en": value, "zh": value}
    if isinstance(value, dict) and value.get("zh") == "":
        return {**value, "zh": None}
    return value


_LOCALIZED_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1, "description": "The same text in both languages"},
        {
            "type": "object",
            "properties": {
                "en": {"type": "string", "minLength": 1, "pattern": NOT_BLANK},
                "zh": {"type": ["string", "null"]},
            },
            "required": ["en"],
            "additionalProperties": False,
        },
    ]
}

Localized = Annotated[LocalizedText, BeforeValidator(_accept_plain_string), WithJsonSchema(_LOCALIZED_SCHEMA)]


FULL_WIDTH_SEPARATORS = ("，", "、", "；")
"""What a Chinese keyboard types for a comma; YAML separates list items with ',' alone."""


def _full_width_separator(value: Any) -> str | None:
    """The first full-width separator in ``value``: a list typed as [a，b] is one item to YAML."""
    return next((mark for mark in FULL_WIDTH_SEPARATORS if mark in value), None) if isinstance(value, str) else None


def _check_id(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        slip = _full_width_separator(value)
        hint = f"; '{slip}' is not a separator: write the ids as [a, b] with ',' (a half-width comma)" if slip else ""
        raise ValueError(f"expected an id made of {ID_RULE} but received {value!r}{hint}")
    return value


Id = Annotated[str, PlainValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN.pattern})]

SAFE_URL_SCHEMES = ("http", "https", "mailto")


def _check_url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a URL such as https://example.org/ but received {value!r}")
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in SAFE_URL_SCHEMES:
        raise ValueError(f"URL {value!r} must start with http://, https:// or mailto: (other schemes are not allowed)")
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise ValueError(f"URL {value!r} has no host; write it in full, like https://example.org/page")
    if any(ch.isspace() for ch in value.strip()):
        raise ValueError(f"URL {value!r} contains spaces; encode them as %20")
    return value.strip()


Url = Annotated[
    str, PlainValidator(_check_url), WithJsonSchema({"type": "string", "pattern": r"^(https?://[^\s/]+\S*|mailto:\S+)$"})
]


def _check_country(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 2 or pycountry.countries.get(alpha_2=value.upper()) is None:
        raise ValueError(f"expected an ISO 3166-1 alpha-2 country code such as NL, CN or DE but received {value!r}")
    if value != value.upper():
        raise ValueError(f"write the country code in capitals: {value.upper()!r} instead of {value!r}")
    return value


Country = Annotated[str, PlainValidator(_check_country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]

_TIMEZONES = frozenset(available_timezones())


def _check_timezone(value: Any) -> str:
    if not isinstance(value, str) or value not in _TIMEZONES:
        raise ValueError(
            f"unknown time zone {value!r}; use an IANA name such as Europe/Brussels or Asia/Shanghai"
        )
    return value


TimeZoneName = Annotated[str, PlainValidator(_check_timezone), WithJsonSchema({"type": "string"})]

DATE_FORMATS_HINT = "a date like 2025-10-13, a local time like 2025-10-13 09:30, or a time with offset like 2025-10-13T09:30+02:00"
_WHEN_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"


def parse_when(value: Any) -> date | datetime:
    """A date (all day), a naive datetime (local to the event's time zone) or an aware datetime."""
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str) and re.match(_WHEN_PATTERN, value.strip()):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real date or time ({error})") from None
    if isinstance(value, str) and TIME_OF_DAY.match(value.strip()):
        raise ValueError(f"{value.strip()!r} is a time without a day: write the date too, like 2025-10-13 {value.strip()}")
    raise ValueError(f"expected {DATE_FORMATS_HINT}, but received {value!r}")


TIME_OF_DAY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
_ZONE_SUFFIX = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def _end_on_start_day(data: Any) -> Any:
    # `end: 16:30` after `start: 2025-10-13 10:30` closes the same day (with the start's offset, if any).
    if not isinstance(data, dict):
        return data
    start, end = data.get("start"), data.get("end")
    if isinstance(end, str) and TIME_OF_DAY.match(end.strip()) and isinstance(start, str) and re.match(_WHEN_PATTERN, start.strip()) and len(start.strip()) > 10:
        start = start.strip()
        zone = _ZONE_SUFFIX.search(start[10:])
        hours, rest = end.strip().split(":", 1)
        return {**data, "end": f"{start[:10]} {int(hours):02d}:{rest}{zone.group() if zone else ''}"}
    return data


When = Annotated[date, PlainValidator(parse_when), WithJsonSchema({"type": "string", "pattern": _WHEN_PATTERN})]


EndWhen = Annotated[
    date,
    PlainValidator(parse_when),
    WithJsonSchema({"type": "string", "pattern": f"{_WHEN_PATTERN}|{TIME_OF_DAY.pattern}"}),
]


def _check_day(value: Any) -> date:
    when = parse_when(value)
    if isinstance(when, datetime):
        raise ValueError(f"expected a date like 2025-10-13 (no time) but received {value!r}")
    return when


Day = Annotated[
    date, PlainValidator(_check_day), WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"})
]

def _one_tag(value: str) -> str:
    slip = _full_width_separator(value)
    if slip:
        raise ValueError(f"{value!r} holds '{slip}', which does not separate tags: write them as [a, b] with ',' (a half-width comma)")
    return value


Tag = Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_one_tag)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Member(Record):
    """An institution or an individual in the network (``data/members/<id>.yml``)."""

    kind: Literal["institution", "individual"]
    name: Localized
    country: Country
    city: Localized | None = None
    website: Url | None = None
    joined: Day | None = None
    affiliation: Id | None = Field(None, description="Member id of the individual's institution")
    role: Localized | None = None
    description: Localized | None = Field(None, description="Markdown, for institutions")
    bio: Localized | None = Field(None, description="Markdown, for individuals")
    tags: list[Tag] = Field([], description="Deprecated: use topics (ids from data/topics.yml)")
    topics: list[Id] = Field([], description="Topic ids from data/topics.yml")
    pillars: list[Id] = []


EVENT_KINDS = ("seminar", "workshop", "conference", "forum", "training", "webinar", "meeting")
AUDIENCES = ("early-career", "mid-level", "senior")


def _one_or_more(value: Any) -> Any:
    # One level (`audience: senior`) or several (`audience: [mid-level, senior]`): a list either way.
    if value is None:
        return []  # `audience:` left empty: not given
    return [value] if isinstance(value, str) else value


def _no_repeats(levels: list[str]) -> list[str]:
    repeated = sorted({level for level in levels if levels.count(level) > 1})
    if repeated:
        raise ValueError(f"'{repeated[0]}' is listed twice; give each audience once")
    return levels


_AUDIENCE_SCHEMA: dict[str, Any] = {"type": "string", "enum": list(AUDIENCES)}

Audiences = Annotated[
    list[Literal[AUDIENCES]],  # type: ignore[valid-type]
    BeforeValidator(_one_or_more),
    AfterValidator(_no_repeats),
    WithJsonSchema(
        {
            "anyOf": [
                {**_AUDIENCE_SCHEMA, "description": "One level"},
                {"type": "array", "items": _AUDIENCE_SCHEMA, "uniqueItems": True, "description": "Several levels"},
                {"type": "null", "description": "Left empty: not given"},
            ]
        }
    ),
]


class Event(Record):
    """A seminar, workshop, conference... (``data/events/<id>.yml``)."""

    title: Localized
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    start: When
    end: EndWhen | None = Field(None, description="Inclusive: the last day, or the closing time (a time alone is on the start's day)")
    timezone: TimeZoneName | None = Field(None, description="IANA name; required when start or end has a time")
    location: Localized | None = None
    online: StrictBool = False
    url: Url | None = None
    organizers: list[Id] = []
    pillars: list[Id] = []
    audience: Audiences = Field([], description="Who it is for: one level, or a list of them")
    summary: Localized
    body: Localized | None = Field(None, description="Markdown")
    project: Id | None = Field(None, description="Id of the project the event belongs to")
    topics: list[Id] = Field([], description="Topic ids from data/topics.yml")

    _end_on_start_day = model_validator(mode="before")(_end_on_start_day)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a month or a day: as precisely as a project's start or end is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """``2019``, ``2019-01`` or ``2019-01-31``: ISO 8601 at the precision given."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PARTIAL_DATE_HINT = "a year (2019), a month (2019-01) or a day (2019-01-31)"


def _check_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    # YAML reads a year alone as a number.
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    found = _PARTIAL_DATE.match(text)
    if not found:
        raise ValueError(f"expected {PARTIAL_DATE_HINT} but received {value!r}")
    year, month, day = (int(part) if part else None for part in found.groups())
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError as error:
        raise ValueError(f"{text!r} is not a real date ({error})") from None
    return PartialDate(year, month, day)  # type: ignore[arg-type]


ProjectDate = Annotated[
    PartialDate,
    PlainValidator(_check_partial_date),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "string", "pattern": _PARTIAL_DATE.pattern}]}
    ),
]


class WorkPackage(Record):
    """One work package of a project."""

    title: Localized
    lead: Id | None = Field(None, description="Member id of the partner that leads it")
    summary: Localized


class NetworkProject(Record):
    """A project the network's members carry out together (``data/projects/<id>.yml``)."""

    title: Localized
    acronym: str = Field(min_length=1, pattern=NOT_BLANK)
    summary: Localized
    body: Localized | None = Field(None, description="Markdown")
    funder: Localized | None = Field(None, description="Who funds it, e.g. the programme and action")
    start: ProjectDate | None = Field(None, description=PARTIAL_DATE_HINT)
    end: ProjectDate | None = Field(None, description=f"{PARTIAL_DATE_HINT}; inclusive")
    website: Url | None = None
    coordinator: Id | None = Field(None, description="Member id")
    partners: list[Id] = Field([], description="Member ids, besides the coordinator")
    aims: list[Localized] = []
    results: list[Localized] = []
    work_packages: list[WorkPackage] = []
    pillars: list[Id] = []
    follows: Id | None = Field(None, description="Id of the project this one builds on")


PROGRAMME_FORMATS = ("mooc", "workshop-series", "blended", "seminar-series", "peer-learning", "course")
PROGRAMME_MODES = ("online", "onsite", "blended")
FREQUENCIES = ("week", "2 weeks", "month")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NTH_WEEKDAYS = ("first", "second", "third", "fourth", "last")
CREDENTIAL_KINDS = ("micro-credential", "certificate", "badge")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _check_clock(value: Any) -> time:
    # YAML 1.1 readers may turn 08:00 into minutes; leadctl's reader keeps it as text.
    if isinstance(value, time):
        return value
    found = _CLOCK.match(value.strip()) if isinstance(value, str) else None
    if not found:
        raise ValueError(f"expected a local time like 08:00 or 17:30 but received {value!r}")
    return time(int(found.group(1)), int(found.group(2)))


Clock = Annotated[time, PlainValidator(_check_clock), WithJsonSchema({"type": "string", "pattern": _CLOCK.pattern})]


def _check_language(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 2 or pycountry.languages.get(alpha_2=value.lower()) is None:
        raise ValueError(f"expected an ISO 639-1 language code such as en, zh or nl but received {value!r}")
    if value != value.lower():
        raise ValueError(f"write the language code in small letters: {value.lower()!r} instead of {value!r}")
    return value


LanguageCode = Annotated[str, PlainValidator(_check_language), WithJsonSchema({"type": "string", "pattern": "^[a-z]{2}$"})]


class SeriesSchedule(Record):
    """When a programme's sessions recur, in the programme's own time zone."""

    model_config = ConfigDict(populate_by_name=True)

    every: Literal[FREQUENCIES]  # type: ignore[valid-type]
    day: Literal[WEEKDAYS]  # type: ignore[valid-type]
    nth: Literal[NTH_WEEKDAYS] | None = Field(  # type: ignore[valid-type]
        None, description="Which of the month's days, for 'every: month' only: first ... fourth, or last"
    )
    time: Clock | None = Field(None, description="Local start time, like 08:00; leave out when it is not known")
    duration: int | None = Field(None, gt=0, le=24 * 60, description="Minutes (or give end_time)")
    end_time: Clock | None = Field(None, description="Local end time, like 09:30 (or give duration)")
    timezone: TimeZoneName | None = Field(None, description="IANA name; required when time is given")
    first_day: Day = Field(alias="from", description="The first day the series may meet")
    until: Day | None = Field(None, description="The last day the series may meet (inclusive)")
    skipped: list[Day] = Field([], alias="except", description="Days of the series without a session")


class Credential(Record):
    """What a participant who completes the programme is awarded."""

    kind: Literal[CREDENTIAL_KINDS]  # type: ignore[valid-type]
    awarded_by: Localized | None = Field(None, description="Who issues it")
    quality_assurance: Localized | None = Field(None, description="How its quality is assured")
    stackable: StrictBool | None = Field(None, description="Whether it can be combined with others towards a larger credential")


class Programme(Record):
    """A training programme: a course, a MOOC, a recurring series (``data/programmes/<id>.yml``)."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["provider"]}, {"required": ["provider_name"]}]},
    )

    title: Localized
    summary: Localized
    body: Localized | None = Field(None, description="Markdown")
    provider: Id | None = Field(None, description="Member id of the provider (or give provider_name)")
    provider_name: Localized | None = Field(None, description="Name of a provider who is not a member")
    format: Literal[PROGRAMME_FORMATS]  # type: ignore[valid-type]
    mode: Literal[PROGRAMME_MODES] | None = None  # type: ignore[valid-type]
    audience: Audiences = Field([], description="Who it is for: one level, or a list of them")
    participants: Localized | None = Field(None, description="Who takes part, e.g. deans and heads of department")
    languages: list[LanguageCode] = Field([], description="Languages of instruction, ISO 639-1 codes")
    location: Localized | None = None
    project: Id | None = Field(None, description="Id of the project the programme belongs to")
    pillars: list[Id] = []
    topics: list[Tag] = []
    registration: Url | None = None
    schedule: SeriesSchedule | None = None
    sessions: list[Id] = Field([], description="Ids of events that are sessions of the programme")
    learning_outcomes: list[Localized] = []
    workload_hours: float | None = Field(None, gt=0, description="Notional workload in hours")
    ects: float | None = Field(None, gt=0, description="ECTS credits")
    eqf_level: int | None = Field(None, ge=1, le=8, description="European Qualifications Framework level, 1 to 8")
    assessment: Localized | None = Field(None, description="How learning is assessed")
    prerequisites: Localized | None = None
    credential: Credential | None = None


AUTHOR_FORMS = ("member", "name", "organisation")
"""The ways to name an author, each a key of its own."""


class Author(Record):
    """An author of a brief or a knowledge base work: a member, a person named in full, or an organisation."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [form]} for form in AUTHOR_FORMS]},
    )

    member: Id | None = Field(None, description="Member id")
    name: Localized | None = Field(
        None, description="A person who is not a member; a Chinese name is written family name first, without a comma"
    )
    organisation: Localized | None = Field(None, description="A corporate author")

    @model_validator(mode="after")
    def _exactly_one_form(self) -> "Author":
        given = [form for form in AUTHOR_FORMS if getattr(self, form) is not None]
        if len(given) != 1:
            has = " and ".join(f"'{form}'" for form in given) if given else "none of them"
            raise ValueError(
                "give each author exactly one of 'member: <member id>', 'name: <full name>' or 'organisation: <name>'; "
                f"this one has {has}"
            )
        return self


class Brief(Record):
    """A policy brief (``data/briefs/<id>.yml``)."""

    title: Localized
    date: Day
    authors: list[Author] = []
    summary: Localized
    body: Localized | None = Field(None, description="Markdown")
    files: Localized | None = Field(None, description="URL, or path under docs/, of the PDF")
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$")
    tags: list[Tag] = Field([], description="Deprecated: use topics (ids from data/topics.yml)")
    topics: list[Id] = Field([], description="Topic ids from data/topics.yml")
    pillars: list[Id] = []


WORK_KINDS = (
    "report",
    "comparative-study",
    "case-study",
    "article",
    "book",
    "chapter",
    "course",
    "toolkit",
    "leaflet",
    "presentation",
    "video",
    "dataset",
)


def _text_of_number(value: Any) -> Any:
    # `volume: 12` and `pages: 10-24` are written bare in YAML; both are kept as text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Numbering = Annotated[
    str, BeforeValidator(_text_of_number), Field(min_length=1, max_length=40, pattern=NOT_BLANK), WithJsonSchema({"type": ["string", "integer"]})
]


class WorkFile(Record):
    """A file of a work, kept under ``docs/files/``."""

    path: str = Field(min_length=1, pattern=NOT_BLANK, description="Path under docs/files/, e.g. lead2-leaflet-en.pdf")
    language: LanguageCode
    label: Localized | None = Field(None, description="What the file is, e.g. 'Leaflet (English)'")


SPDX_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.+-]*$"
ISBN_PATTERN = r"^(97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dXx]$"


class KnowledgeWork(Record):
    """A work in the knowledge base: a report, a study, a course... (``data/knowledge/<id>.yml``)."""

    title: Localized
    kind: Literal[WORK_KINDS]  # type: ignore[valid-type]
    date: ProjectDate | None = Field(None, description=f"{PARTIAL_DATE_HINT}; leave out when the source gives no date")
    authors: list[Author] = []
    summary: Localized
    body: Localized | None = Field(None, description="Markdown")
    languages: list[LanguageCode] = Field([], description="Languages the work itself exists in, ISO 639-1 codes")
    files: list[WorkFile] = []
    url: Url | None = None
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$")
    isbn: str | None = Field(None, pattern=ISBN_PATTERN)
    publisher: Localized | None = None
    container: Localized | None = Field(None, description="The journal or book the work appears in")
    volume: Numbering | None = None
    issue: Numbering | None = None
    pages: Numbering | None = None
    edition: Numbering | None = None
    place: Localized | None = Field(None, description="Place of publication")
    license: str | None = Field(None, pattern=SPDX_PATTERN, description="An SPDX licence id, e.g. CC-BY-4.0")
    topics: list[Id] = Field([], description="Topic ids from data/topics.yml")
    pillars: list[Id] = []
    audience: Audiences = Field([], description="Who it is for: one level, or a list of them")
    project: Id | None = Field(None, description="Id of the project the work comes from")


class Topic(Record):
    """A topic of the shared vocabulary (an item of ``data/topics.yml``)."""

    id: Id
    label: Localized
    summary: Localized


class Pillar(Record):
    """One of the network's pillars (an item of ``data/pillars.yml``)."""

    id: Id
    title: Localized
    summary: Localized
    activities: list[Localized] = []


class NewsFrontMatter(Record):
    """The front matter of a news post (``docs/news/<slug>.md``)."""

    title: str = Field(min_length=1)
    date: When
    summary: str | None = None
    tags: list[Tag] = []
    pillars: list[Id] = []

