"""Search: every page's full text, indexed by Pagefind, one bundle per language.

Each page marks what Pagefind indexes (``data-pagefind-body`` around its
content, in ``overrides/main.html``) and what a reader can narrow results by:
its kind, pillars, year and countries as filters, its date as the sort key,
all in the page's language (``search_marks``). Once a language's pages are
written, Pagefind reads them and writes that language's bundle beside them
(``pagefind/`` in English, ``zh/pagefind/`` in Chinese): a reader downloads
the index of their own language only, in pieces, as their query needs them.
Pagefind splits Chinese text into words itself (its "extended" build).

Interface texts for the search dialog come from ``search_context``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from leadctl.base.text import COUNTED, UI, country_name, ui
from leadctl.generators.site import Site

BUNDLE = "pagefind"
"""The bundle's folder in each language's folder."""

INTERFACE_WORDS = tuple(key for key in UI if key.startswith("search"))


class SearchIndexFailed(Exception):
    """Pagefind could not index a language's pages; the message says why, in one line."""


@dataclass(frozen=True)
class SearchMarks:
    """What a page tells Pagefind besides its text, in the page's language."""

    kind: str
    """The kind of page, as readers call it: "Member", "成员"."""
    filters: tuple[tuple[str, str], ...]
    """(filter, value) pairs: ``kind``, ``pillar``, ``year``, ``country``; a filter may have several values."""
    date: str
    """``YYYY-MM-DD``, the sort key for "newest first"; "" for a page outside time."""


def search_marks(site: Site, src_uri: str, language: str) -> SearchMarks:
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
    return SearchMarks(kind, tuple(filters), facets.day.isoformat() if facets.day else "")


def bundle_url(site_url: str, language: str) -> str:
    """The absolute path of a language's bundle (``/net/zh/pagefind/``): pages at any depth, the 404 page included, load it."""
    root = urlsplit(site_url).path or "/"
    root = root if root.endswith("/") else root + "/"
    return f"{root}{'' if language == 'en' else language + '/'}{BUNDLE}/"


STATUS_FILE = "search-status.json"
"""Under ``leadctl serve``, in each language's folder: ``{"state": "updating"}`` while its bundle is rebuilt, then ``"ready"``."""


def status_url(site_url: str, language: str) -> str:
    return bundle_url(site_url, language)[: -len(BUNDLE) - 1] + STATUS_FILE


def search_context(site_url: str, language: str, status: str = "") -> dict:
    """What the search dialog's template needs: where the bundle is, its texts, and (under serve) where to ask whether it is current."""
    words = {key: ui(key, language) for key in INTERFACE_WORDS}
    # The script picks the form by the reader's number (Intl.PluralRules); a language with one form gives it for both.
    forms = COUNTED["search_result"][language]
    words["search_result_one"] = forms.get("one", forms["other"])
    words["search_result_other"] = forms["other"]
    return {"bundle": bundle_url(site_url, language), "language": language, "words": words, "status": status}


def _glob_literal(name: str) -> str:
    """A folder name as Pagefind's glob matches it literally: ``a,b`` would otherwise split the pattern."""
    return re.sub(r"([\\{}\[\],*?!])", r"\\\1", name)


def index_language(language_dir: Path, other_language_folders: tuple[str, ...] = ()) -> None:
    """Index the pages in ``language_dir`` into ``language_dir/pagefind/``, replacing what was there.

    Pages are the ``index.html`` files (the 404 page is not one of them);
    the folders of other languages inside ``language_dir`` (the default
    language's folder holds them) are left to their own bundles.
    """
    from pagefind_bin_extended import get_executable

    folders = sorted(
        entry.name for entry in language_dir.iterdir()
        if entry.is_dir() and entry.name not in other_language_folders and entry.name != BUNDLE
    )
    pattern = "{" + ",".join(["index.html", *(f"{_glob_literal(name)}/**/index.html" for name in folders)]) + "}"
    # Written beside the old bundle and swapped in: Pagefind leaves stale files in an existing folder.
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=language_dir) as staging:
        fresh = Path(staging) / BUNDLE
        try:
            finished = subprocess.run(
                [str(get_executable()), "--site", str(language_dir), "--glob", pattern, "--output-path", str(fresh), "--silent"],
                capture_output=True, text=True, errors="replace", check=False,
            )
        except OSError as error:
            raise SearchIndexFailed(f"search: Pagefind could not be started ({error}); reinstall with `bash scripts/install`") from None
        if finished.returncode != 0 or not (fresh / "pagefind.js").is_file():
            said = (finished.stderr.strip() or finished.stdout.strip() or f"exit code {finished.returncode}").splitlines()[-1]
            raise SearchIndexFailed(f"search: Pagefind could not index {language_dir.name or 'the site'}: {said}")
        for unused in fresh.glob("pagefind-*ui.*"):  # Pagefind's own interfaces; the site has its own (lead-search.js)
            unused.unlink()
        target = language_dir / BUNDLE
        shutil.rmtree(target, ignore_errors=True)
        fresh.rename(target)
