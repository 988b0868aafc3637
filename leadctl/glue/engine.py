"""Where leadctl drives MkDocs to build (``serving`` drives its live-reload server).

Swapping the engine (ProperDocs, a MkDocs 1.x fork, or another) means
changing this module, ``serving`` and ``hooks/``; the data pipeline does not know MkDocs.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leadctl.glue import speed
from leadctl.glue.speed.parallel import LanguageBuildFailed, build_languages_in_parallel, can_build_in_parallel, failure_reason
from leadctl.glue.speed.switches import PARALLEL_VARIABLE, parallel_asked
from leadctl.base.problems import ValidationFailed
from leadctl.checking.project import Project
from leadctl.base.settings import SiteSettings
from leadctl.glue.site_folder import BuildLock, SiteNotWritable, clear_leftovers, refused_write, reports_refused_write, staging_folder, swap_in

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, printed on import


class EngineError(Exception):
    """MkDocs refused the configuration or aborted the build; the message says why."""


@dataclass(frozen=True)
class SiteConfig:
    config_file: Path
    root: Path
    settings: SiteSettings
    site_dir: Path
    mkdocs_yml: dict[str, Any]
    """mkdocs.yml as MkDocs reads it (``!ENV`` resolved)."""


def read_site_config(config_file: Path) -> SiteConfig:
    """The parts of mkdocs.yml leadctl needs, read without starting MkDocs."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from leadctl.base.problems import Problem
    from leadctl.base.settings import SettingsError
    from leadctl.reading.mkdocs_config import read_setting_lines

    config_file = config_file.resolve()
    if not config_file.is_file():
        raise EngineError(f"{config_file.name}: not found; run leadctl in the project folder or pass --config-file")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch and not epoch.strip().isdigit():
        raise EngineError(
            f"SOURCE_DATE_EPOCH: expected the build's time in whole seconds since 1970 (as `date +%s` prints it) "
            f"but received {epoch!r}; set it to such a number or unset it"
        )
    try:
        with config_file.open(encoding="utf-8") as stream:
            raw = yaml_load(stream) or {}
    except Exception as error:  # YAML's errors (MkDocs wraps them) and missing !ENV variables alike
        syntax = error if isinstance(error, yaml.MarkedYAMLError) else error.__context__
        if isinstance(syntax, yaml.MarkedYAMLError) and syntax.problem_mark is not None:
            context = f" ({syntax.context} at line {syntax.context_mark.line + 1})" if syntax.context and syntax.context_mark else ""
            raise EngineError(
                f"{config_file.name}:{syntax.problem_mark.line + 1}: cannot be read: {syntax.problem}{context}; "
                "check the indentation, colons, quotes and brackets around it"
            ) from None
        raise EngineError(f"{config_file.name}: cannot be read: {error}") from None
    lines = read_setting_lines(config_file)
    problems: list[Problem] = []

    def wrong(key: str, message: str) -> None:
        problems.append(Problem(*lines.where((key,)), key, message))

    if not isinstance(raw, dict):
        problems.append(Problem(*lines.where(()), "", f"expected settings written as `name: value` lines but received {raw!r}"))
        raw = {}
    extra = raw.get("extra") or {}
    if not isinstance(extra, dict):
        wrong("extra", f"expected settings written as `name: value` lines but received {extra!r}")
        extra = {}
    site_dir = raw.get("site_dir", "site")
    if not isinstance(site_dir, str) or not site_dir.strip():
        wrong("site_dir", f"expected a folder name, relative to mkdocs.yml, but received {site_dir!r}")
    try:
        settings = SiteSettings.from_mapping(extra.get("lead"), docs_dir=raw.get("docs_dir", "docs"), lines=lines)
    except SettingsError as error:
        problems += error.problems
    if problems:
        raise SettingsError(problems)
    root = config_file.parent
    return SiteConfig(config_file, root, settings, root / site_dir, raw)


def validate_project(site_config: SiteConfig) -> Project:
    """Load and check everything; raises ``ValidationFailed``.

    With the speed layer on, the project is kept: the build that follows reuses it.
    """
    return speed.load_project(site_config.root, site_config.settings.data_dir, site_config.settings.docs_dir)


class _CountingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _HideRefusedWrites(logging.Filter):
    """MkDocs' line for the page it was writing when the disk refused: leadctl says it once (``SiteNotWritable``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not reports_refused_write(record.getMessage())


def _configure_logging(quiet: bool) -> _CountingHandler:
    logger = logging.getLogger("mkdocs")
    logger.handlers = [h for h in logger.handlers if not getattr(h, "_leadctl", False)]
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console.setLevel(logging.WARNING)
    console.addFilter(_HideRefusedWrites())
    console._leadctl = True  # type: ignore[attr-defined]
    counter = _CountingHandler()
    counter._leadctl = True  # type: ignore[attr-defined]
    logger.addHandler(console)
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return counter


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float


def parallel_wanted(parallel: bool | None = None) -> bool:
    """Whether to build the languages in parallel: as asked, else as LEADCTL_PARALLEL says (never with
    LEADCTL_SPEED=0), else on more than one core."""
    if parallel is not None:
        return parallel
    asked = parallel_asked()
    return asked if asked is not None else usable_cores() > 1


def usable_cores() -> int:
    """The cores this process may run on (``taskset`` and container limits on CPU sets count), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on this system (macOS): every core counts
        return os.cpu_count() or 1


def build_site(
    site_config: SiteConfig,
    site_dir: Path | None = None,
    quiet: bool = False,
    parallel: bool | None = None,
    check_data: Callable[[], object] | None = None,
) -> BuildResult:
    """Build into a staging folder and swap it in only when the build succeeded.

    A failed build leaves the previously built site exactly as it was. The
    languages are built at the same time, each in its own process, unless
    ``parallel`` is False (see ``parallel_wanted``); the site is the same
    byte for byte either way. ``check_data`` is called once, after MkDocs
    has read the configuration and before anything is built, or before an
    error in that stretch is raised (MkDocs refusing the configuration), so
    that the data's problems are reported too: the caller may check the
    data meanwhile, in another process. Builds of the same output folder
    take turns, and the site is swapped in in one step (see ``site_folder``).
    Raises ``SiteNotWritable`` when the system refuses to write the site.
    """
    target = (site_dir or site_config.site_dir).resolve()
    staging = staging_folder(target)
    started = time.perf_counter()
    lock = BuildLock(target)
    try:
        lock.acquire(on_wait=lambda: _say_waiting(target))
        clear_leftovers(target)
    except OSError as error:
        lock.release()
        if refused_write(error):
            raise SiteNotWritable(target, error) from None
        raise
    try:
        result = _build_locked(site_config, target, staging, started, lock, quiet, parallel, check_data)
    finally:
        lock.release()
    return result


def _say_waiting(target: Path) -> None:
    sys.stderr.write(f"leadctl: another build of {target} is running; waiting for it to finish...\n")
    sys.stderr.flush()


def _build_locked(site_config, target, staging, started, lock, quiet, parallel, check_data) -> BuildResult:
    """``build_site`` once it holds the output folder's lock."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from leadctl.glue.speed.precompile import CompilingBeside

    _configure_logging(quiet)
    config = None
    compiling = None
    try:
        try:
            config = load_config(str(site_config.config_file), site_dir=str(staging), strict=True)
            in_parallel = parallel_wanted(parallel) and can_build_in_parallel(config)
            if in_parallel:  # what both languages' processes need, made once before they fork
                compiling = CompilingBeside(config, site_config.root)
        except BaseException:
            if check_data is not None:  # the data's problems are reported whatever else failed
                check_data()
            raise
        if check_data is not None:
            check_data()
        config.plugins.on_startup(command="build", dirty=False)
        if in_parallel:
            build_languages_in_parallel(config, build)
        else:
            build(config)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise EngineError(str(error)) from None
    except LanguageBuildFailed as failure:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(failure.error, MkDocsException):
            raise EngineError(str(failure.error)) from None
        if failure.error is not None and refused_write(failure.error):
            raise SiteNotWritable(target, failure.error) from None
        raise
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if refused_write(error):
            raise SiteNotWritable(target, error) from None
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if compiling is not None:
            compiling.stop()
        if config is not None:
            config.plugins.on_shutdown()
    try:
        swap_in(staging, target, lock)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if refused_write(error):
            raise SiteNotWritable(target, error) from None
        raise
    pages = sum(names.count("index.html") for _, _, names in os.walk(target))
    return BuildResult(target, pages, time.perf_counter() - started)


def describe_build_failure(error: BaseException) -> str:
    """What stopped a build, in one line: for a language built in its own process, which one."""
    if isinstance(error, LanguageBuildFailed):
        return error.describe()
    return failure_reason(error)


__all__ = [
    "PARALLEL_VARIABLE", "BuildResult", "EngineError", "SiteConfig", "SiteNotWritable", "ValidationFailed", "build_site", "describe_build_failure",
    "read_site_config", "validate_project",
]
