"""Site-wide settings taken from ``extra.lead`` in mkdocs.yml.

A wrong setting is reported like wrong data: a problem at its line of
mkdocs.yml, every wrong setting at once, before anything is built.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from leadctl.base.problems import Problem, ValidationFailed

DEFAULT_TIMEZONE = "Europe/Brussels"
DEFAULT_HOME_ITEMS = 3
DEFAULT_FEED_SIZE = 30
DEFAULT_DATA_DIR = "data"
KNOWN_SETTINGS = ("data_dir", "feed_size", "home_items", "timezone")
"""The keys ``extra.lead`` may hold."""

ConfigKeyPath = tuple[str | int, ...]


class SettingsError(ValidationFailed):
    """mkdocs.yml's settings are wrong; ``problems`` holds each, at its line."""


@dataclass(frozen=True)
class SettingLines:
    """Where each key of mkdocs.yml is written, so that a problem can point at its line.

    ``inherited``: the lines of the file named by mkdocs.yml's ``INHERIT``,
    for the keys that come from there.
    """

    file: str = "mkdocs.yml"
    lines: Mapping[ConfigKeyPath, int] = field(default_factory=dict)
    inherited: SettingLines | None = None

    def where(self, key_path: ConfigKeyPath) -> tuple[str, int]:
        """The file and line of ``key_path``, or of its nearest written ancestor (line 1: the whole file)."""
        for length in range(len(key_path), 0, -1):
            prefix = tuple(key_path[:length])
            chain: SettingLines | None = self
            while chain is not None:
                if prefix in chain.lines:
                    return chain.file, chain.lines[prefix]
                chain = chain.inherited
        return self.file, 1


@dataclass(frozen=True)
class SiteSettings:
    zone: ZoneInfo
    """The site's time zone: a news date without a time starts at midnight here."""
    today: date
    """The day that splits upcoming from past events."""
    home_items: int = DEFAULT_HOME_ITEMS
    """How many events, news posts and briefs the home page shows."""
    feed_size: int = DEFAULT_FEED_SIZE
    """How many of the latest items each news and briefs feed holds."""
    data_dir: str = DEFAULT_DATA_DIR
    docs_dir: str = "docs"
    site_url: str = ""
    """The public address (mkdocs.yml's ``site_url``), for absolute links in citations."""
    site_names: dict[str, str] = field(default_factory=dict)
    """The network's name per language (``site_name``, and each i18n language's ``site_name``)."""

    def site_name(self, language: str) -> str:
        return self.site_names.get(language) or self.site_names.get("en", "")

    @classmethod
    def from_mapping(
        cls,
        values: Any,
        docs_dir: Any = "docs",
        site_url: Any = "",
        site_names: Mapping[str, Any] | None = None,
        lines: SettingLines | None = None,
    ) -> SiteSettings:
        """The settings in ``values`` (mkdocs.yml's ``extra.lead``); raises ``SettingsError`` with every problem.

        ``lines`` locates the problems in mkdocs.yml. A language's own
        ``site_name`` falls back to the top-level one, so a missing name is the top-level one's.
        """
        checker = _Checker(lines or SettingLines())
        if values is None:
            values = {}
        elif not isinstance(values, Mapping):
            checker.problem(("extra", "lead"), f"expected settings written as `name: value` lines but received {values!r}")
            values = {}
        zone = checker.zone(values.get("timezone", DEFAULT_TIMEZONE))
        home_items = checker.count(("extra", "lead", "home_items"), values.get("home_items", DEFAULT_HOME_ITEMS))
        feed_size = checker.count(("extra", "lead", "feed_size"), values.get("feed_size", DEFAULT_FEED_SIZE))
        data_dir = checker.folder(("extra", "lead", "data_dir"), values.get("data_dir", DEFAULT_DATA_DIR))
        for unknown in sorted((key for key in values if key not in KNOWN_SETTINGS), key=str):
            close = difflib.get_close_matches(str(unknown), KNOWN_SETTINGS, n=1)
            hint = f"did you mean {close[0]}?" if close else f"the settings are {', '.join(KNOWN_SETTINGS)}"
            checker.problem(("extra", "lead", unknown), f"unknown setting; {hint}")
        docs_folder = checker.folder(("docs_dir",), docs_dir)
        if site_url is None:
            site_url = ""
        elif not isinstance(site_url, str):
            checker.problem(("site_url",), f"expected the site's address, such as https://example.org/, but received {site_url!r}")
        names: dict[str, str] = {}
        for language, name in (site_names or {}).items():
            if isinstance(name, str) and name.strip():
                names[language] = name
            else:
                checker.problem(("site_name",), f"expected the network's name in {language!r} but received {name!r}")
        checker.raise_any()
        assert zone is not None and home_items is not None and feed_size is not None
        return cls(zone=zone, today=build_day(zone), home_items=home_items, feed_size=feed_size, data_dir=str(data_dir),
                   docs_dir=str(docs_folder), site_url=str(site_url), site_names=names)


class _Checker:
    """Collects the problems of one reading of the settings."""

    def __init__(self, lines: SettingLines):
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, key_path: ConfigKeyPath, message: str) -> None:
        file, line = self.lines.where(key_path)
        self.problems.append(Problem(file, line, _dotted(key_path), message))

    def raise_any(self) -> None:
        if self.problems:
            raise SettingsError(self.problems)

    def zone(self, name: Any) -> ZoneInfo | None:
        key = ("extra", "lead", "timezone")
        if not isinstance(name, str) or not name.strip():
            self.problem(key, f"expected a time zone name such as {DEFAULT_TIMEZONE} but received {name!r}")
            return None
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem(key, f"unknown time zone {name!r}; use an IANA name such as {DEFAULT_TIMEZONE} or Asia/Shanghai")
            return None

    def count(self, key: ConfigKeyPath, value: Any) -> int | None:
        # bool is an int to Python, but `home_items: true` is a slip, not the number 1.
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(key, f"expected a whole number of 1 or more but received {value!r}")
            return None
        return value

    def folder(self, key: ConfigKeyPath, value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"expected a folder name, relative to mkdocs.yml, but received {value!r}")
            return None
        return value


def _dotted(key_path: ConfigKeyPath) -> str:
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def build_day(zone: ZoneInfo) -> date:
    """Today in the site's zone, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(zone).date()
    return datetime.now(zone).date()
