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

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import cbor2

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
        put_filters_in_order(fresh)
        target = language_dir / BUNDLE
        shutil.rmtree(target, ignore_errors=True)
        fresh.rename(target)


_SIGNATURE = b"pagefind_dcd"
"""What each of Pagefind's compressed data files starts with, before its CBOR."""


def put_filters_in_order(bundle: Path) -> None:
    """Write the bundle's filters in one order, so that the same pages always give the same bundle.

    Pagefind lists a filter's values, and the filters in its metadata, in the
    order of a hash map, which changes from run to run: the filter files, and
    so their names, the metadata naming them and the entry file naming the
    metadata, differ between two builds of the same site. Here each filter's
    values, and the filters, are sorted, and the files renamed after their new
    content. A language whose files are in a form this does not know (another
    Pagefind version) is left as Pagefind wrote it: it still works, only not
    reproducibly.
    """
    entry_file = bundle / "pagefind-entry.json"
    entry_text = entry_file.read_text(encoding="utf-8")
    for language in json.loads(entry_text)["languages"].values():
        meta_name = language["hash"]
        renamed = _language_in_order(bundle, meta_name)
        if renamed != meta_name:
            entry_text = entry_text.replace(f'"{meta_name}"', f'"{renamed}"')
            entry_file.write_text(entry_text, encoding="utf-8")


def _language_in_order(bundle: Path, meta_name: str) -> str:
    """Sort one language's filters; the name of its metadata afterwards."""
    meta_file = bundle / f"pagefind.{meta_name}.pf_meta"
    meta = _read_data(meta_file)
    filters = meta[3] if isinstance(meta, list) and len(meta) > 3 else None
    if not isinstance(filters, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in filters):
        return meta_name
    contents = {}
    for _name, filter_hash in filters:
        content = _read_data(bundle / "filter" / f"{filter_hash}.pf_filter")
        if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
            return meta_name
        contents[filter_hash] = content
    # Everything read and understood: only now is anything rewritten.
    language = meta_name.split("_", 1)[0]
    sorted_filters = []
    for name, filter_hash in filters:
        content = contents[filter_hash]
        content[1].sort(key=lambda value_and_pages: value_and_pages[0])
        new_hash = _write_data(content, language, 7, lambda file_name: bundle / "filter" / f"{file_name}.pf_filter")
        if new_hash != filter_hash:
            (bundle / "filter" / f"{filter_hash}.pf_filter").unlink()
        sorted_filters.append([name, new_hash])
    meta[3] = sorted(sorted_filters)
    new_meta_name = _write_data(meta, language, 10, lambda file_name: bundle / f"pagefind.{file_name}.pf_meta")
    if new_meta_name != meta_name:
        meta_file.unlink()
    return new_meta_name


def _read_data(file: Path) -> Any:
    """The CBOR of one of Pagefind's data files, or None if it is not one that re-encodes to the same bytes."""
    try:
        raw = gzip.decompress(file.read_bytes())
        if not raw.startswith(_SIGNATURE):
            return None
        data = cbor2.loads(raw[len(_SIGNATURE):])
    except (OSError, ValueError, EOFError, cbor2.CBORDecodeError):
        return None
    return data if cbor2.dumps(data) == raw[len(_SIGNATURE):] else None


def _write_data(data: Any, language: str, digits: int, path_of: Callable[[str], Path]) -> str:
    """Write ``data`` as Pagefind writes its files, named after the content; the name Pagefind's files refer to it by."""
    compressed = gzip.compress(_SIGNATURE + cbor2.dumps(data), compresslevel=9, mtime=0)
    name = f"{language}_{hashlib.sha256(compressed).hexdigest()[:digits]}"
    path_of(name).write_bytes(compressed)
    return name
