"""Search: one index per language, so that a reader downloads only their own.

Material's search plugin writes a single ``search/search_index.json``, and
static-i18n stacks every language's pages into it (then compares each page
with every page of the other languages to drop duplicates, which grows with
the square of the site). Instead, each language other than the default one
gets its own index in its folder (``zh/search/search_index.json``), with
locations relative to that language's home, and its pages point Material's
search script there (the ``base`` of the page's ``__config``; Material
fetches ``<base>/search/search_index.json`` and resolves results against
``<base>``). The root index keeps the default language's pages only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX_FILE = "search/search_index.json"

_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": )"([^"\\]*)"')


def write_language_index(search_plugin, language_dir: Path, language: str) -> None:
    """Write this pass's search entries as ``language``'s own index, and keep them out of the shared one.

    ``search_plugin`` is Material's; its entries hold this language's pages
    only (it starts an empty index in each language's pass).
    """
    index = search_plugin.search_index
    prefix = f"{language}/"
    docs = []
    for entry in index.entries:
        location = entry["location"]
        docs.append({**entry, "location": location[len(prefix) :] if location.startswith(prefix) else location})
    data = {"config": {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}, "docs": docs}
    path = language_dir / INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # As Material writes its index (separators and all), so that the two read alike.
    path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
    # static-i18n copies each pass's entries into the root index after the last pass.
    index.entries.clear()


def point_search_at_language(html: str, language: str) -> str:
    """Make a page of ``language`` search that language's index: its ``__config.base`` becomes the language's home."""

    def language_home(match: re.Match[str]) -> str:
        return f'{match.group(1)}"{match.group(2).rstrip("/")}/{language}/"'

    return _CONFIG_BASE.sub(language_home, html, count=1)
