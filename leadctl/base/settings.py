"""Site-wide settings taken from ``extra.lead`` in mkdocs.yml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Brussels"


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class SiteSettings:
    zone: ZoneInfo
    """The site's time zone: a news date without a time starts at midnight here."""
    today: date
    """The day that splits upcoming from past events."""
    home_items: int = 3
    """How many events, news posts and briefs the home page shows."""
    feed_size: int = 30
    """How many of the latest items each news and briefs feed holds."""
    data_dir: str = "data"
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
        values: dict[str, Any] | None,
        docs_dir: str = "docs",
        site_url: str = "",
        site_names: dict[str, str] | None = None,
    ) -> SiteSettings:
        values = dict(values or {})
        name = values.pop("timezone", DEFAULT_TIMEZONE)
        try:
            zone = ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"mkdocs.yml: extra.lead.timezone: unknown time zone {name!r}; use an IANA name such as Europe/Brussels"
            ) from None
        home_items = values.pop("home_items", 3)
        feed_size = values.pop("feed_size", 30)
        if isinstance(feed_size, bool) or not isinstance(feed_size, int) or feed_size < 1:
            raise SettingsError(f"mkdocs.yml: extra.lead.feed_size: expected a whole number of at least 1 but received {feed_size!r}")
        data_dir = values.pop("data_dir", "data")
        if values:
            raise SettingsError(
                f"mkdocs.yml: extra.lead: unknown setting(s) {', '.join(sorted(values))}; known: timezone, home_items, feed_size, data_dir"
            )
        return cls(zone=zone, today=build_day(zone), home_items=int(home_items), feed_size=feed_size, data_dir=str(data_dir), docs_dir=docs_dir,
                   site_url=site_url, site_names=dict(site_names or {}))


def build_day(zone: ZoneInfo) -> date:
    """Today in the site's zone, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(zone).date()
    return datetime.now(zone).date()
