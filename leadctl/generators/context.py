"""What every renderer shares: the Jinja environment and the page context.

Templates autoescape, so text from data is always shown as text. Localized
text that has no Chinese version is wrapped in ``lang="en"`` and counted, so
that the page can say it is not fully translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from babel.dates import format_skeleton
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from leadctl.generators.listings import Listings
from leadctl.base.markup import render_markdown
from leadctl.records.models import LocalizedText, PartialDate, SeriesSchedule
from leadctl.checking.project import Project
from leadctl.records.schedule import BABEL_LOCALES, Schedule, format_day, format_partial_date, format_schedule, site_zone_schedules
from leadctl.records.series import Series, describe_series
from leadctl.base.settings import SiteSettings
from leadctl.base.text import (
    AUDIENCES,
    EVENT_KINDS,
    FILE_SIZE_UNITS,
    PROGRAMME_FORMATS,
    WORK_KINDS,
    count,
    country_name,
    join_list,
    language_name,
    ui,
)
from leadctl.base.urls import record_path, relative

_environment = Environment(
    loader=PackageLoader("leadctl", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    # The templates ship with the package: no need to check their files for changes on every page.
    auto_reload=False,
)


def use_compiled_templates_cache(cache: Any) -> None:
    """Keep compiled templates between builds (a jinja2 BytecodeCache), or stop with None."""
    _environment.bytecode_cache = cache


def compile_templates() -> None:
    """Compile every template of leadctl's now, into the cache of compiled templates in use."""
    assert _environment.loader is not None
    for name in _environment.list_templates():
        # Through the loader: templates this process has already loaded are compiled for the cache too.
        _environment.loader.load(_environment, name)


class FormattedDates:
    """The dates and event times of one build, each formatted once per language.

    A date is shown on many pages (an event's time on its page, its organisers',
    its pillars' and the listings) and Babel formats slowly. Owned by the ``Site``
    of one build, so that a long ``leadctl serve`` keeps only the current data's texts.
    """

    def __init__(self) -> None:
        # repr tells apart equal instants in different zones, and a date from a datetime.
        self._texts: dict[tuple[str, str, str], str] = {}

    def schedule(self, schedule: Schedule, language: str) -> str:
        key = ("schedule", repr(schedule), language)
        if key not in self._texts:
            self._texts[key] = format_schedule(schedule, language)
        return self._texts[key]

    def day(self, value: date, language: str) -> str:
        key = ("day", repr(value), language)
        if key not in self._texts:
            self._texts[key] = format_day(value, language)
        return self._texts[key]

    def month(self, value: date, language: str) -> str:
        key = ("month", f"{value.year}-{value.month}", language)
        if key not in self._texts:
            self._texts[key] = format_skeleton("MMM", value, locale=BABEL_LOCALES[language])
        return self._texts[key]

    def partial(self, value: PartialDate, language: str) -> str:
        key = ("partial", repr(value), language)
        if key not in self._texts:
            self._texts[key] = format_partial_date(value, language)
        return self._texts[key]


@dataclass
class PageContext:
    """One page being rendered, in one language."""

    project: Project
    settings: SiteSettings
    listings: Listings
    language: str
    path: str
    """Language-neutral URL path of the page, e.g. ``members/x/``."""
    dates: FormattedDates = field(default_factory=FormattedDates)
    """The build's formatted dates, shared by its pages."""
    fallbacks: int = field(default=0)
    """How many texts on the page fell back to English."""

    def text(self, value: LocalizedText | None) -> Markup:
        if value is None:
            return Markup("")
        if value.is_translated(self.language):
            return escape(value.get(self.language))
        self.fallbacks += 1
        return Markup('<span lang="en">{}</span>').format(value.en)

    def plain(self, value: LocalizedText | None) -> str:
        """Text for attributes and front matter (escaped later by whoever embeds it)."""
        return value.get(self.language) if value else ""

    def markdown(self, value: LocalizedText | None) -> Markup:
        if value is None:
            return Markup("")
        html = render_markdown(value.get(self.language))
        if value.is_translated(self.language):
            return html
        self.fallbacks += 1
        return Markup('<div lang="en">{}</div>').format(html)

    def ui(self, key: str) -> str:
        return ui(key, self.language)

    def link(self, to_path: str) -> str:
        return relative(self.path, to_path)

    def asset_link(self, docs_path: str) -> str:
        """A link to a file kept once under docs/ (not per language), e.g. a PDF."""
        own_path = self.path if self.language == "en" else f"{self.language}/{self.path}"
        return relative(own_path, docs_path)

    def record_link(self, kind: str, record_id: str) -> str:
        return relative(self.path, record_path(kind, record_id))

    def when(self, schedule: Schedule) -> str:
        return self.dates.schedule(schedule, self.language)

    def day(self, value: date) -> str:
        return self.dates.day(value, self.language)

    def month(self, value: date) -> str:
        """A month's short name, as a date badge shows it: "Oct", "10月"."""
        return self.dates.month(value, self.language)

    @staticmethod
    def first_day(schedule: Schedule) -> date:
        """The day an event starts, in its own time zone."""
        return schedule.start.date() if isinstance(schedule.start, datetime) else schedule.start

    @staticmethod
    def date_of(value: date) -> date:
        """The day of a date or of a date and time, as written."""
        return value.date() if isinstance(value, datetime) else value

    def times(self, schedule: Schedule) -> list[Schedule]:
        """A time in its own zone, then in Central European and China Standard Time where their clocks differ."""
        return [schedule, *site_zone_schedules(schedule)]

    @staticmethod
    def zone_keys(schedules: list[Schedule]) -> str:
        """The zones shown, for the script that adds the reader's own when it is none of them."""
        return " ".join(schedule.zone.key for schedule in schedules if schedule.zone)

    @property
    def intl_locale(self) -> str:
        """The locale the page's dates are written in, as browsers' ``Intl`` names it (``en-GB``)."""
        return BABEL_LOCALES[self.language].replace("_", "-")

    @staticmethod
    def instant(moment: datetime) -> str:
        """A moment as a UTC instant, as machines read it: ``2026-03-29T16:00:00Z``."""
        return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")

    def period(self, start: PartialDate | None, end: PartialDate | None) -> str:
        """A project's dates as one phrase: "January 2019 – January 2023", "from 2024"; empty for none."""
        if start and end:
            return ui("period_from_to", self.language).format(
                start=self.dates.partial(start, self.language), end=self.dates.partial(end, self.language)
            )
        if start:
            return ui("period_from", self.language).format(start=self.dates.partial(start, self.language))
        if end:
            return ui("period_until", self.language).format(end=self.dates.partial(end, self.language))
        return ""

    def partial_date(self, value: PartialDate) -> str:
        """A date at the precision it is known: "2021", "March 2021", "2021年3月"."""
        return self.dates.partial(value, self.language)

    def country(self, code: str) -> str:
        return country_name(code, self.language)

    def work_kind(self, kind: str) -> str:
        return WORK_KINDS[kind][self.language]

    def language_name(self, code: str) -> str:
        return language_name(code, self.language)

    def file_size(self, size: int) -> str:
        """A size in bytes as a reader reads it, in the page's language's digits: "840 KB", "1.2 MB"."""
        value, unit = float(size), 0
        while value >= 1024 and unit < len(FILE_SIZE_UNITS) - 1:
            value, unit = value / 1024, unit + 1
        shown = format_decimal(round(value) if unit == 0 or value >= 10 else round(value, 1), locale=BABEL_LOCALES[self.language])
        return ui("file_size", self.language).format(size=shown, unit=FILE_SIZE_UNITS[unit])

    def event_kind(self, kind: str) -> str:
        return EVENT_KINDS[kind][self.language]

    def programme_format(self, key: str) -> str:
        return PROGRAMME_FORMATS[key][self.language]

    def series(self, schedule: SeriesSchedule) -> str:
        """A programme's schedule in words: "Every Tuesday, 08:00–09:30 (Europe/Amsterdam)"."""
        return describe_series(Series(schedule), self.language)

    def languages(self, codes: list[str]) -> str:
        """Languages of instruction by name, as CLDR writes them in the page's language."""
        return join_list([language_name(code, self.language) for code in codes], self.language)

    def number(self, value: float) -> str:
        """A number as the page's language writes it, without a trailing .0: "30", "2.5"."""
        return format_decimal(value, locale=BABEL_LOCALES[self.language])

    def count(self, number: int, key: str, **values: object) -> str:
        return count(number, key, self.language, **values)

    def audience(self, keys: list[str]) -> str:
        """The levels an event is for, as one phrase ("A, B and C"; "A、B和C")."""
        return join_list([AUDIENCES[key][self.language] for key in keys], self.language)

    def render(self, template: str, **values: Any) -> str:
        return _environment.get_template(template).render(page=self, m=_macros(), **values)


def _macros() -> Any:
    """macros.html, as every template calls it: ``m``.

    Given to each render rather than imported by each template, which costs
    a comparison of the environment's globals on every render.
    """
    return _environment.get_template("macros.html").module


def render_page(page: PageContext, template: str, title: LocalizedText | str, **values: Any) -> str:
    """A whole generated page: heading, translation notice when needed, body."""
    body = page.render(template, **values)
    heading = page.text(title) if isinstance(title, LocalizedText) else escape(title)
    notice = page.fallbacks > 0 and page.language != "en"
    return page.render("page.html", heading=heading, body=Markup(body), notice=notice)
