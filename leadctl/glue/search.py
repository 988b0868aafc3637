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

Generated pages (records and listings) are indexed by their title and a
short text (the summary; for a member, role, institution and place),
not their whole body: a listing repeats every record it lists, and the full
text of thousands of records would make readers download megabytes before
their first result. Hand-written pages and news posts keep their full text.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from backrefs import bre

from leadctl.glue.speed.project_cache import package_versions
from leadctl.generators.site import Site

if TYPE_CHECKING:
    from leadctl.glue.speed.page_cache import RememberedTexts

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
    # As Material writes its index, but in UTF-8: escaped, each Chinese character takes six bytes.
    path.write_bytes(json.dumps(data, separators=(",", ":"), default=str, ensure_ascii=False).encode("utf-8"))
    # static-i18n copies each pass's entries into the root index after the last pass.
    index.entries.clear()


def summary_text(site: Site, src_uri: str) -> tuple[str, str]:
    """The title and the short text a generated page is found by: a record's, as its kind's generator gives it."""
    from leadctl.generators.site import generator_of
    from leadctl.records.kinds import kind_named

    page = site.pages[src_uri]
    if page.record_id is None:
        return page.title, page.description
    kind = kind_named(page.path.split("/", 1)[0])
    return page.title, generator_of(kind).search_summary(site.project, page.record_id, page.language)


def add_summary_entry(search_plugin, location: str, title: str, text: str) -> None:
    """Index a page by ``title`` and ``text`` alone, as Material would index a page holding only them."""
    from material.plugins.search import plugin as material_search

    index = search_plugin.search_index
    title, text = escape(title, quote=False), escape(text, quote=False)
    if material_search.jieba is not None:  # Chinese words apart, as Material does for the pages it indexes
        title, text = _segment_chinese(index, title), _segment_chinese(index, text)
    index.entries.append({"location": location, "title": title, "text": f"<p>{text}</p>" if text else ""})


# The pattern Material segments; it compiles it anew on each call, which costs
# more than the segmenting of a text with no Chinese in it.
_HAN = bre.compile(r"\p{script: Han}", bre.UNICODE)


def _segment_chinese(index, value: str) -> str:
    return index._segment_chinese(value) if _HAN.search(value) else value.strip("\u200b")


class _RememberedSegmenting:
    """Material's ``SearchIndex._segment_chinese``, answering from the texts remembered between builds.

    Segmenting a text needs jieba's dictionary, which is slow to load, and
    then takes longer than anything else done to a sentence: a build whose
    texts are all remembered never loads it.
    """

    def __init__(self, segment: Callable[[str], str], texts: RememberedTexts | None, version: str):
        self.segment, self.texts, self.version = segment, texts, version

    def __call__(self, value: str) -> str:
        if not _HAN.search(value):  # what Material's method gives, without compiling its pattern on each call
            return value.strip("\u200b")
        if self.texts is None:
            return self._segment_bounded(value)
        return self.texts.remembered("segmented", self.version, self._segment_bounded, value)

    def _segment_bounded(self, value: str) -> str:
        # jieba's time grows faster than the length of one unbroken run of Han characters (a
        # pasted run of 100,000 takes minutes); prose has punctuation long before 500 of them.
        return self.segment(_LONG_HAN_RUN.sub(lambda run: run.group() + "\u200b", value))


_LONG_HAN_RUN = bre.compile(r"\p{script: Han}{500}(?=\p{script: Han})", bre.UNICODE)


def remember_segmenting(search_plugin, texts: RememberedTexts | None) -> None:
    """Make Material's search segment long runs in bounded time, remembering each text in ``texts`` (None: not remembered)."""
    index = search_plugin.search_index
    wrapped = vars(index).get("_segment_chinese")
    if isinstance(wrapped, _RememberedSegmenting):
        del index._segment_chinese  # Material's own method again
    index._segment_chinese = _RememberedSegmenting(index._segment_chinese, texts, _segmenting_version(search_plugin))


def _segmenting_version(search_plugin) -> str:
    """What segmenting depends on besides the text: Material's and jieba's versions, and any dictionaries configured."""
    parts = [package_versions(("mkdocs-material", "jieba"))]
    for option in ("jieba_dict", "jieba_dict_user"):
        path = search_plugin.config.get(option)
        if path:
            try:
                parts.append(f"{option} {path} {hashlib.sha256(Path(path).read_bytes()).hexdigest()}")
            except OSError:
                parts.append(f"{option} {path} unreadable")
    return "\n".join(parts)


class _MarshalReadingWholeFiles:
    """``marshal`` as jieba uses it, but loading from the file's bytes read at once.

    jieba keeps its dictionary (half a million words) in a cache file that it
    reads with ``marshal.load(file)``, which reads the file object a few
    bytes at a time, in each language's process, before the first Chinese
    text is segmented. ``marshal.loads`` of the same bytes, read at once,
    makes the same dictionary in less than half the time.
    """

    dump = staticmethod(marshal.dump)

    @staticmethod
    def load(file):
        return marshal.loads(file.read())


def import_jieba_without_pkg_resources() -> None:
    """Import jieba before MkDocs' search plugin does, without the ``pkg_resources`` it imports to open its files.

    Importing ``pkg_resources`` is slow, and happens before the languages'
    processes start, so every build waits for it; jieba uses it only to open
    files of its own package, and opens them by path when it cannot be imported.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        import jieba  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]  # any later import gets the real one


def read_chinese_dictionary_at_once() -> None:
    """Make jieba read its dictionary's cache file in one piece (see ``_MarshalReadingWholeFiles``)."""
    import jieba

    if getattr(jieba, "marshal", None) is marshal:  # the version we looked at; leave any other as it is
        jieba.marshal = _MarshalReadingWholeFiles


def enabled_search_plugin(config):
    """Material's search plugin of a MkDocs configuration, or None when it is absent or turned off."""
    search = config.plugins.get("material/search")
    return search if search is not None and search.config.enabled else None


def point_search_at_language(html: str, language: str) -> str:
    """Make a page of ``language`` search that language's index: its ``__config.base`` becomes the language's home."""

    def language_home(match: re.Match[str]) -> str:
        return f'{match.group(1)}"{match.group(2).rstrip("/")}/{language}/"'

    return _CONFIG_BASE.sub(language_home, html, count=1)
