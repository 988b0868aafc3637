"""Search: every page's full text, one index per language.

Each page marks what is indexed (``data-search-body`` around its content,
in ``overrides/main.html``, less what is marked ``data-search-ignore``) and
what a reader can narrow results by: its kind, pillars, year and countries
as filters, its date as the sort key, all in the page's language
(``search_marks``, written into the page as JSON). Once a language's pages
are written, ``index_language`` reads them back and writes that language's
bundle beside them (``search/`` in English, ``zh/search/`` in Chinese;
``search_index`` describes it): a reader downloads the index of their own
language only, in pieces, as their query needs them.

Interface texts for the search dialog come from ``search_context``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from leadctl.base.text import COUNTED, UI, country_name, ui
from leadctl.generators.linked_data import DEFAULT_LANGUAGE, language_home
from leadctl.generators.site import Site
from leadctl.writers.search_index import page_of, write_bundle

BUNDLE = "search"
"""The bundle's folder in each language's folder."""

INTERFACE_WORDS = tuple(key for key in UI if key.startswith("search"))


class SearchIndexFailed(Exception):
    """A language's index could not be written; the message says why, in one line."""


@dataclass(frozen=True)
class SearchMarks:
    """What a page tells the index besides its text, in the page's language."""

    kind: str
    """The kind of page, as readers call it: "Member", "成员"."""
    filters: tuple[tuple[str, str], ...]
    """(filter, value) pairs: ``kind``, ``pillar``, ``year``, ``country``; a filter may have several values."""
    date: str
    """``YYYY-MM-DD``, the sort key for "newest first"; "" for a page outside time."""
    title_lang: str = ""
    """The title's language where it is not the page's (a page or a record's name not yet translated), else ""."""


def excluded_from_search(meta: Mapping[str, Any]) -> bool:
    """Whether a page's front matter leaves it out of the index (``search: {exclude: true}``, as Material documents it)."""
    search = meta.get("search")
    return isinstance(search, Mapping) and bool(search.get("exclude"))


def search_marks(site: Site, src_uri: str, language: str, text_language: str) -> SearchMarks:
    """``text_language``: the language the page is written in, English where a Chinese page is not yet translated."""
    kind_name, facets = site.search_facets(src_uri)
    kind = ui(f"kind_{kind_name}", language)
    filters = [("kind", kind)]
    for pillar_id in facets.pillars:
        pillar = site.project.pillars.get(pillar_id)
        if pillar is not None:
            filters.append(("pillar", pillar.record.title.get(language)))  # type: ignore[attr-defined]
    if facets.day is not None:
        filters.append(("year", str(facets.day.year)))
    filters += [("country", country_name(code, language)) for code in facets.countries]
    title_lang = text_language if text_language != language else site.title_language(src_uri)
    return SearchMarks(kind, tuple(filters), facets.day.isoformat() if facets.day else "", title_lang)


def _home_path(site_url: str, language: str) -> str:
    """The absolute path of a language's home (``/net/zh/``)."""
    return urlsplit(language_home(site_url or "/", language)).path


def bundle_url(site_url: str, language: str) -> str:
    """The absolute path of a language's bundle (``/net/zh/search/``): pages at any depth, the 404 page included, load it."""
    return f"{_home_path(site_url, language)}{BUNDLE}/"


ENGINE = "javascripts/lead-search-engine.js"
"""The reader's half of search, from the site's root: imported when search is first used."""


STATUS_FILE = "search-status.json"
"""Under ``leadctl serve``, in each language's folder: ``{"state": "updating"}`` while its bundle is rebuilt, then ``"ready"``."""


def status_url(site_url: str, language: str) -> str:
    return _home_path(site_url, language) + STATUS_FILE


def search_context(site_url: str, language: str, status: str = "") -> dict:
    """What the search dialog's template needs: where the bundle is, its texts, and (under serve) where to ask whether it is current."""
    words = {key: ui(key, language) for key in INTERFACE_WORDS}
    # The script picks the form by the reader's number (Intl.PluralRules); a language with one form gives it for both.
    forms = COUNTED["search_result"][language]
    words["search_result_one"] = forms.get("one", forms["other"])
    words["search_result_other"] = forms["other"]
    return {"bundle": bundle_url(site_url, language), "engine": _home_path(site_url, DEFAULT_LANGUAGE) + ENGINE, "language": language, "words": words, "status": status}


def index_language(language_dir: Path, other_language_folders: tuple[str, ...] = ()) -> None:
    """Index the pages in ``language_dir`` into ``language_dir/search/``, replacing what was there.

    Pages are the ``index.html`` files (the 404 page is not one of them);
    the folders of other languages inside ``language_dir`` (the default
    language's folder holds them) are left to their own bundles.
    """
    skipped = {*other_language_folders, BUNDLE}
    pages = []
    try:
        files = [language_dir / "index.html"] if (language_dir / "index.html").is_file() else []
        for entry in sorted(language_dir.iterdir()):
            if entry.is_dir() and entry.name not in skipped:
                files += sorted(entry.rglob("index.html"))
        for path in files:
            folder = path.parent.relative_to(language_dir)
            page = page_of("" if not folder.parts else folder.as_posix() + "/", path.read_text(encoding="utf-8"))
            if page is not None:
                pages.append(page)
        # Written beside the old bundle and swapped in, so that a reader never meets half of each.
        with tempfile.TemporaryDirectory(prefix=".search-", dir=language_dir) as staging:
            fresh = Path(staging) / BUNDLE
            write_bundle(pages, fresh)
            target = language_dir / BUNDLE
            shutil.rmtree(target, ignore_errors=True)
            fresh.rename(target)
    except OSError as error:
        raise SearchIndexFailed(f"search: could not write the search index ({error})") from None
