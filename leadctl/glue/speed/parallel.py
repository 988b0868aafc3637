"""Build the languages of the site at the same time, one process each.

static-i18n builds the default language, then every other language from
inside that build's ``on_post_build``, one after the other in one process.
Here each other language is built by a forked process (so the loaded
configuration, code and data are shared, not loaded again), into its own
folder, while this process builds the default language; the folders are then
merged into exactly what the one-after-the-other build writes, byte for byte
(tests/test_build_equivalence.py compares the two):

- a language's pages and files live in its own folder (``zh/``) and are
  moved over as they are;
- a file both write outside those folders (theme assets) is taken from the
  later language, which overwrites it in a sequential build;
- ``sitemap.xml`` lists the pages of every language: each language writes
  the pages it built, and the sitemap is written again from both lists.

A hook must therefore not carry state from one language's build into the
next (each language may run in another process); write per-language files,
or add a merge rule here for a file every language contributes to.

The other languages' processes have more to do than the default one's
(Chinese pages have more terms to index), so the default language's process also writes
their data files, the files that need the data alone and not the language's
pass (``data_files_folders``; calendars, citation files, the briefs feed):
into a folder of their own, moved into place with the language's pages.

This module drives MkDocs and static-i18n on behalf of ``engine``.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadctl.glue.speed.processes import end, fork
from leadctl.glue.speed.switches import mechanism_on

if TYPE_CHECKING:
    from leadctl.writers.seo import PageAddresses

SITEMAP = "sitemap.xml"


_data_files_folders: dict[str, Path] = {}
_data_files_written_elsewhere = False


def data_files_folders() -> dict[str, Path]:
    """In the default language's process of a parallel build: where to write each other language's data files.

    Each folder stands for the site's root (write the language's files under
    its ``<language>/``). Empty in any other build or process.
    """
    return dict(_data_files_folders)


def data_files_written_elsewhere() -> bool:
    """In another language's process of a parallel build: the default language's process writes this one's data files."""
    return _data_files_written_elsewhere


LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


class LanguageBuildFailed(Exception):
    """Another language's build failed; the message is one line saying why."""

    def __init__(self, language: str, message: str, error: BaseException | None = None):
        super().__init__(message)
        self.language = language
        self.error = error

    def describe(self) -> str:
        """One line for a contributor: which language's pages failed, and why."""
        name = LANGUAGE_NAMES.get(self.language, self.language)
        return f"the {name} pages ({self.language}) could not be built: {self}"


def failure_reason(error: BaseException) -> str:
    """Why a build failed, in one line: the error, and the template or file it was raised in.

    A traceback helps nobody who edits data or Markdown; the last place in a
    template or in leadctl's own code tells a maintainer where to look.
    """
    from jinja2 import TemplateNotFound

    if isinstance(error, TemplateNotFound):
        return f"the template '{error.name}' does not exist (check `template:` in the page's front matter)"
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    where = _where_raised(error)
    return f"{reason} ({where})" if where else reason


def _where_raised(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):  # a template's line first: it is what a page's author can change
        if frame.filename.endswith((".html", ".xml", ".j2")):
            return f"{frame.filename}:{frame.lineno}"
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""


def can_build_in_parallel(config) -> bool:
    i18n = config.plugins.get("i18n")
    return hasattr(os, "fork") and i18n is not None and len(i18n.build_languages) > 1


def _skip_nested_build(config, dirty: bool = False) -> None:
    """Stands in for the build static-i18n starts for each other language: that one runs in its own process."""


@contextmanager
def _without_nested_builds() -> Iterator[None]:
    import mkdocs_static_i18n.plugin as i18n_plugin

    original = i18n_plugin.build
    i18n_plugin.build = _skip_nested_build
    try:
        yield
    finally:
        i18n_plugin.build = original


def build_languages_in_parallel(config, build: Callable[..., None], **build_options: Any) -> None:
    """Build every language of ``config`` into ``config.site_dir``, each in its own process.

    ``build`` is MkDocs' build function; raises what the default language's
    build raised, or ``LanguageBuildFailed`` for another language.
    """
    i18n = config.plugins["i18n"]
    site_dir = Path(config.site_dir)
    others = [language for language in i18n.build_languages if language != i18n.default_language]
    global _data_files_folders
    children: list[tuple[str, Path, int, int]] = []
    data_folders = {language: site_dir.with_name(f"{site_dir.name}.{language}-data") for language in others}
    # What every process starts with is left out of their garbage collections, which then
    # walk only what each makes; and no process writes
    # to the memory it shares with the others just to mark objects as seen.
    freezing = mechanism_on("processes")
    if freezing:
        gc.freeze()
    try:
        for language in others:
            folder = site_dir.with_name(f"{site_dir.name}.{language}")
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(data_folders[language], ignore_errors=True)
            reader, writer = os.pipe()
            pid = fork()
            if pid == 0:  # the child: build this one language, report, and leave
                os.close(reader)
                os._exit(_build_one_language(config, language, folder, writer, build, build_options))
            os.close(writer)
            children.append((language, folder, pid, reader))
        _data_files_folders = data_folders
        try:
            with _without_nested_builds():
                build(config, **build_options)
        finally:
            _data_files_folders = {}
        for language, folder, pid, reader in children:
            report = _collect(pid, reader)
            if report is not None:
                raise LanguageBuildFailed(language, *report)
        for language, folder, _, _ in children:
            _merge_language(site_dir, folder, language)
            _move_files(data_folders[language], site_dir)
    finally:
        if freezing:
            gc.unfreeze()  # collected again from now on (serve builds over and over in one process)
        for language, folder, pid, reader in children:
            _reap(pid, reader)
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(data_folders[language], ignore_errors=True)


class _KeepRecords(logging.Handler):
    """Keeps what MkDocs logs in a language's process, for the parent to log as its own."""

    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _build_one_language(config, language: str, folder: Path, pipe: int, build, build_options) -> int:
    """In the forked process: build ``language`` alone into ``folder``; exit code 0 or 1.

    What MkDocs logs goes to the parent, which logs it after its own build:
    the parent's handlers may write to a stream this process cannot reach
    (click's test runner captures output in memory).
    """
    logger = logging.getLogger("mkdocs")
    shown = [handler.level for handler in logger.handlers if isinstance(handler, logging.StreamHandler)]
    kept = _KeepRecords(min(shown, default=logging.WARNING))
    logger.handlers = [kept]
    global _data_files_written_elsewhere
    _data_files_written_elsewhere = True  # this process leaves and takes the setting with it
    failure = None
    try:
        config.plugins["i18n"].current_language = language
        config["site_dir"] = str(folder)
        with _without_nested_builds():
            build(config, **build_options)
    except BaseException as error:  # reported to the parent, which decides what to say
        try:
            pickle.dumps(error)
            picklable: BaseException | None = error
        except Exception:
            picklable = None
        failure = (_reason_in_this_process(error), picklable)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    with os.fdopen(pipe, "wb") as stream:
        pickle.dump((kept.records, failure), stream)
    return 0 if failure is None else 1


def _collect(pid: int, reader: int) -> tuple[str, BaseException | None] | None:
    """Wait for a language's process and log what it logged; None if it succeeded, else (message, error)."""
    with os.fdopen(os.dup(reader), "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    records, failure = pickle.loads(data) if data else ([], None)
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
    if os.waitstatus_to_exitcode(status) == 0 and failure is None:
        return None
    if failure is None:
        return (f"the build process ended unexpectedly (exit status {os.waitstatus_to_exitcode(status)})", None)
    return failure


def _reason_in_this_process(error: BaseException) -> str:
    from mkdocs.exceptions import MkDocsException

    if isinstance(error, MkDocsException):  # MkDocs' own words, which the parent reports as its own
        return str(error) or type(error).__name__
    return failure_reason(error)


def _reap(pid: int, reader: int) -> None:
    """Make sure a language's process is gone (after a failure in this one, stop it)."""
    try:
        os.close(reader)
    except OSError:
        pass
    end(pid)


# -- merging ----------------------------------------------------------------------


def _merge_language(site_dir: Path, folder: Path, language: str) -> None:
    """Move what ``language``'s build wrote in ``folder`` into ``site_dir``, as a sequential build leaves it."""
    own = folder / language
    if own.is_dir() and not (site_dir / language).exists():
        own.rename(site_dir / language)  # the common case: one rename moves every page
    for source in sorted(folder.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(folder).as_posix()
        target = site_dir / relative
        if relative == SITEMAP:
            _join_sitemaps(target, source)
            continue
        if relative == f"{SITEMAP}.gz":
            continue  # written with the joined sitemap
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)


def _move_files(folder: Path, site_dir: Path) -> None:
    """Move every file under ``folder`` to the same place under ``site_dir``."""
    for directory, _, names in os.walk(folder):
        target_directory = site_dir / Path(directory).relative_to(folder)
        target_directory.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(directory, name), target_directory / name)


def _join_sitemaps(target: Path, other: Path) -> None:
    """Write at ``target`` the sitemap of the pages listed at ``target`` (if any) and at ``other``."""
    from leadctl.writers.seo import write_sitemap

    pages = (_sitemap_pages(target) if target.exists() else []) + _sitemap_pages(other)
    write_sitemap(target.parent, pages)


def _sitemap_pages(path: Path) -> list[PageAddresses]:
    """The pages a sitemap written by ``leadctl.writers.seo`` lists, with their alternates."""
    from xml.etree import ElementTree

    from leadctl.writers.seo import SITEMAP_NAMESPACE, XHTML_NAMESPACE, PageAddresses

    pages = []
    for url in ElementTree.parse(path).getroot().iterfind(f"{{{SITEMAP_NAMESPACE}}}url"):
        alternates = tuple((link.get("hreflang"), link.get("href")) for link in url.iterfind(f"{{{XHTML_NAMESPACE}}}link"))
        pages.append(PageAddresses(url.findtext(f"{{{SITEMAP_NAMESPACE}}}loc"), alternates))
    return pages
