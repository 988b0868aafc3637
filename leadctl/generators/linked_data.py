"""What every kind's structured data shares: the publisher, absolute URLs, schema.org's frame.

Each kind's generator module describes its records in schema.org terms
(``structured_data(linked, record_id)``); ``leadctl.writers.seo`` writes the
description into the page's head as JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from leadctl.base.settings import SiteSettings
from leadctl.generators.listings import Listings
from leadctl.records.models import LANGUAGES, LocalizedText
from leadctl.records.project import Project

DEFAULT_LANGUAGE = LANGUAGES[0]
SCHEMA = "https://schema.org"


@lru_cache(maxsize=1 << 16)
def absolute_url(site_url: str, link: str) -> str:
    """``link`` (site-relative like ``zh/members/x/``, or a path like ``/net/zh/``) as an absolute URL.

    Remembered: each page's address is asked for by its head, its JSON-LD, the
    pages that point at it and the other language's pass (``urljoin`` is slow).
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, link)


def language_home(site_url: str, language: str) -> str:
    return absolute_url(site_url, "" if language == DEFAULT_LANGUAGE else f"{language}/")


@dataclass(frozen=True)
class Publisher:
    """The network as the publisher of the site, in one language."""

    name: str
    site_url: str
    language: str
    description: str = ""

    @property
    def id(self) -> str:
        return absolute_url(self.site_url, "#organization")

    @property
    def home(self) -> str:
        return language_home(self.site_url, self.language)

    def reference(self) -> dict[str, Any]:
        return {"@type": "Organization", "@id": self.id, "name": self.name, "url": self.home}


@dataclass(frozen=True)
class LinkedData:
    """What a kind's ``structured_data`` describes one page's record with, in the page's language."""

    project: Project
    settings: SiteSettings
    listings: Listings
    publisher: Publisher
    text_language: str
    """The language the page's text is written in (English for an untranslated copy)."""

    @property
    def language(self) -> str:
        """The language the page is built for."""
        return self.publisher.language

    def url(self, path: str) -> str:
        """The absolute URL of the site-relative ``path`` in the page's language."""
        return absolute_url(self.publisher.home, path)

    def text(self, value: LocalizedText | None) -> str:
        return value.get(self.language) if value else ""


def with_context(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a JSON-LD document: schema.org's context first, empty values left out."""
    return {"@context": SCHEMA, **{key: value for key, value in data.items() if value not in (None, "", [], {})}}
