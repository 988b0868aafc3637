"""leadctl serve: a live preview that keeps serving the last good site while a change has problems.

MkDocs' own ``serve`` builds into the folder it serves: a failed rebuild leaves
a half-written site, and every request then waits for a build that never ends
("The server will appear stuck until build errors are resolved"). Here each
build is written into a new folder under one temporary folder, and the server
is pointed at it only once the build succeeded. A change with problems is
reported once, labelled, and the previous folder stays served; the next good
build says the problems are fixed. The temporary folder is removed however
serve ends: Ctrl-C, SIGTERM, a busy port, a failed first build.

Like ``engine``, this module drives MkDocs (its live-reload server and build).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from leadctl.glue.engine import EngineError, SiteConfig, parallel_wanted, read_site_config, validate_project
from leadctl.glue.speed.parallel import LanguageBuildFailed, build_languages_in_parallel, can_build_in_parallel, failure_reason
from leadctl.base.problems import ValidationFailed, format_problems
from leadctl.base.settings import SettingsError
from leadctl.writers.search import BUNDLE, STATUS_FILE, SearchIndexFailed, index_language


class ServeFailed(Exception):
    """serve cannot start or go on; the message is one line for the contributor."""


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class _BuildLog(logging.Handler):
    """MkDocs' log while serving: kept during a build (reported after it, as one block), else shown."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.kept: list[str] | None = None
        self.lock_for_kept = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.levelname}: {record.getMessage()}"
        with self.lock_for_kept:
            if self.kept is not None:
                if line not in self.kept:  # each language's pass may say the same
                    self.kept.append(line)
                return
        _say(line)

    def start(self) -> None:
        with self.lock_for_kept:
            self.kept = []

    def stop(self) -> list[str]:
        with self.lock_for_kept:
            kept, self.kept = self.kept or [], None
        return kept


def _use_build_log() -> _BuildLog:
    handler = _BuildLog()
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


class _Builds:
    """Builds the site into a new folder each time; says what happened, once."""

    def __init__(self, site_config: SiteConfig, folder: Path, serve_url: str, dev_addr: str | None, parallel: bool, log: _BuildLog):
        self.site_config = site_config
        self.folder = folder
        self.serve_url = serve_url
        self.dev_addr = dev_addr
        self.parallel = parallel
        self.log = log
        self.served: Path | None = None
        self.count = 0
        self.failing = False

    def load_config(self, site_dir: Path):
        from mkdocs.config import load_config

        options = {"dev_addr": self.dev_addr} if self.dev_addr else {}
        config = load_config(str(self.site_config.config_file), site_dir=str(site_dir), **options)
        if self.serve_url:  # known once the server is bound; before that, mkdocs.yml's gives the path to serve under
            config.site_url = self.serve_url
        return config

    def problems_before_building(self) -> tuple[list[str], int]:
        """The data's and the pages' problems as ``path:line: message`` lines (warnings too), and how many are errors."""
        from leadctl.glue.page_checks import site_problems

        try:  # mkdocs.yml is watched: its settings may have changed since the last build
            self.site_config = read_site_config(self.site_config.config_file)
        except SettingsError as error:
            return format_problems(error.problems).splitlines(), len(error.problems)
        except EngineError as error:
            return [str(error)], 1
        try:
            project = validate_project(self.site_config)
            problems = []
        except ValidationFailed as failure:
            project, problems = None, list(failure.problems)
        problems += site_problems(self.site_config, project)
        errors = sum(1 for problem in problems if not problem.warning)
        lines = format_problems(problems).splitlines() if problems else []
        return lines, errors if project is not None else max(errors, 1)

    def build(self) -> Path | None:
        """Build the site into a new folder: the folder, or None when there were problems (already reported)."""
        from mkdocs.commands.build import build
        from mkdocs.exceptions import Abort, MkDocsException

        started = time.perf_counter()
        lines, errors = self.problems_before_building()
        if errors:
            self.report_problems(lines, errors)
            return None
        self.count += 1
        site_dir = self.folder / f"site-{self.count}"
        self.log.start()
        failure: str | None = None
        stopped = True
        try:
            config = self.load_config(site_dir)
            if self.parallel and can_build_in_parallel(config):
                build_languages_in_parallel(config, build, serve_url=self.serve_url, dirty=False)
            else:
                build(config, serve_url=self.serve_url, dirty=False)
            stopped = False
        except LanguageBuildFailed as error:
            failure = None if isinstance(error.error, Abort) else error.describe()
        except Abort:
            pass  # "Aborted with N warnings in strict mode": the warnings logged are the problems
        except MkDocsException as error:
            failure = str(error)
        except Exception as error:  # a template or hook raised: one line, not a traceback
            failure = failure_reason(error)
        finally:
            logged = self.log.stop()
        problems = lines + logged + ([failure] if failure else [])
        if stopped:
            shutil.rmtree(site_dir, ignore_errors=True)
            # MkDocs' ERROR line for a page and the failure's own line are one problem, told twice.
            warnings = sum(1 for line in logged if line.startswith("WARNING:"))
            errors = max(len(logged) - warnings, 1 if failure else 0)
            self.report_problems(problems, max(1, warnings + errors))
            return None
        # Warnings that did not stop the build (the data's were said before the first one, by `leadctl serve`).
        for line in problems if self.served is not None else logged:
            _say(line)
        seconds = time.perf_counter() - started
        if self.failing:
            _say(f"Problems fixed; site rebuilt in {seconds:.1f} s.")
        elif self.served is not None:
            _say(f"Site rebuilt in {seconds:.1f} s.")
        self.failing = False
        return site_dir

    def report_problems(self, lines: list[str], count: int) -> None:
        noun = "problem" if count == 1 else "problems"
        if self.served is None:
            _say(f"Not built: {count} {noun}.")
        else:
            _say(f"Not rebuilt: {count} {noun}; still serving the last good site.")
        for line in lines:
            _say(line)
        self.failing = True


def _languages(config) -> tuple[str, ...]:
    """The site's languages, the default one first."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return ("en",)
    languages = sorted(plugin.config.languages, key=lambda language: not language.default)
    return tuple(language.locale for language in languages if language.build)


def _address_busy_message(host: str, port: int) -> str:
    return (
        f"{host}:{port} is already in use (another `leadctl serve`?); "
        f"serve on another port, e.g. `leadctl serve --dev-addr {host}:{port + 1}`."
    )


def serve_site(site_config: SiteConfig, dev_addr: str | None, open_browser: bool = False, parallel: bool | None = None) -> None:
    """Serve with live reload until Ctrl-C or SIGTERM; raises ``ServeFailed`` when it cannot start.

    The languages are built in parallel as ``leadctl build`` builds them
    (see ``engine.parallel_wanted``).
    """
    log = _use_build_log()
    folder = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    owner = os.getpid()

    def stop(signal_number, frame) -> None:
        if os.getpid() != owner:  # a language's build process, forked from this one: just end
            os._exit(128 + signal_number)
        raise KeyboardInterrupt

    previous_handler = signal.signal(signal.SIGTERM, stop)
    try:
        _serve_from(folder, site_config, dev_addr, open_browser, parallel_wanted(parallel), log)
    except KeyboardInterrupt:
        _say("Stopped.")
    finally:
        if os.getpid() == owner:
            signal.signal(signal.SIGTERM, previous_handler)
            shutil.rmtree(folder, ignore_errors=True)


def _serve_from(folder: Path, site_config: SiteConfig, dev_addr: str | None, open_browser: bool, parallel: bool, log: _BuildLog) -> None:
    from mkdocs.exceptions import MkDocsException

    builds = _Builds(site_config, folder, "", dev_addr, parallel, log)
    try:
        config = builds.load_config(folder / "site-0")
    except MkDocsException as error:
        raise ServeFailed(str(error)) from None
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    server = _PreviewServer(builds, host=host, port=port, root=str(folder), mount_path=mount_path)
    try:
        try:
            server.server_bind()
            server.server_activate()
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServeFailed(_address_busy_message(host, port)) from None
            raise ServeFailed(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
        port = server.server_address[1]  # the one the system chose for port 0
        builds.serve_url = server.url = _serve_url(host, port, mount_path)
        config.site_url = builds.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            _say("Building the site in English and Chinese...")
            first = builds.build()
            if first is None:
                raise ServeFailed("fix the problems above and start it again.")
            server.search = _SearchIndexing(_languages(config))
            try:
                server.search.index_now(first)
            except SearchIndexFailed as error:
                raise ServeFailed(str(error)) from None
            server.show(first)
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=server.builder)
            for item in config.watch:
                server.watch(item)
            server.run(open_browser)
        finally:
            config.plugins.on_shutdown()
    finally:
        server.stop()


class _SearchIndexing:
    """The search index of each build served, made after the build is served, in a thread of its own.

    Indexing every page takes longer than rebuilding the pages of a change, so
    a saved change shows at once: the new build is served with the previous
    build's index (linked, not copied), marked as updating (``STATUS_FILE``,
    which the search dialog reads), until its own index replaces it.
    """

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.wanted: Path | None = None
        self.indexing = False
        self.condition = threading.Condition()
        self.thread = threading.Thread(target=self._run, name="search-index", daemon=True)
        self.thread.start()

    def folders(self, site_dir: Path) -> dict[Path, tuple[str, ...]]:
        """Each language's folder in ``site_dir``, with the folders of the other languages inside it."""
        others = self.languages[1:]
        return {site_dir: tuple(others), **{site_dir / language: () for language in others}}

    def index_now(self, site_dir: Path) -> None:
        for language_dir, other_folders in self.folders(site_dir).items():
            index_language(language_dir, other_folders)
            _write_status(language_dir, "ready")

    def carry_over(self, previous: Path, site_dir: Path) -> None:
        """Give ``site_dir`` the index of ``previous`` until its own is made, and ask for its own."""
        for language_dir in self.folders(site_dir):
            old = previous / language_dir.relative_to(site_dir) / BUNDLE
            if old.is_dir():
                shutil.copytree(old, language_dir / BUNDLE, copy_function=os.link, dirs_exist_ok=True)
            _write_status(language_dir, "updating")
        with self.condition:
            self.wanted = site_dir
            self.condition.notify()

    def finish(self) -> None:
        """Wait for the index being made, so that its folder can be removed with nothing writing into it."""
        with self.condition:
            self.wanted = None
            self.condition.wait_for(lambda: not self.indexing, timeout=120)

    def _run(self) -> None:
        while True:
            with self.condition:
                self.condition.wait_for(lambda: self.wanted is not None)
                site_dir, self.wanted, self.indexing = self.wanted, None, True
            try:
                self.index_now(site_dir)
            except (SearchIndexFailed, OSError) as error:
                if site_dir.exists():  # not a build already replaced by a newer one
                    _say(f"{error} (search still finds what the previous build held)")
            finally:
                with self.condition:
                    self.indexing = False
                    self.condition.notify_all()


def _write_status(language_dir: Path, state: str) -> None:
    (language_dir / STATUS_FILE).write_text(json.dumps({"state": state}), encoding="utf-8")


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, serving the last good build while a rebuild has problems."""

    def __init__(self, builds: _Builds, **options) -> None:
        super().__init__(builder=self.rebuild, **options)
        self.builds = builds
        self.search: _SearchIndexing | None = None

    def rebuild(self) -> None:
        site_dir = self.builds.build()
        if site_dir is not None:
            self.show(site_dir)

    def show(self, site_dir: Path) -> None:
        """Serve ``site_dir`` from now on and tell the open pages to reload."""
        previous, self.builds.served = self.builds.served, site_dir
        if self.search is not None and previous is not None:
            self.search.carry_over(previous, site_dir)
        with self._epoch_cond:
            self.root = str(site_dir)
            # Requests wait until the two are equal: they are at once, so a build never holds a page up.
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    def run(self, open_browser: bool) -> None:
        if self._watched_paths:
            self.observer.start()
        # A daemon, and started before "Serving on" is said: a Ctrl-C at any moment after
        # finds it running and stops it, and a Ctrl-C during its start cannot leave it holding the process open.
        self.serve_thread.daemon = True
        self.serve_thread.start()
        watched = ", ".join(sorted(_shown_path(path) for path in self._watched_paths))
        _say(f"Serving on {self.url} (Ctrl-C to stop); watching {watched} for changes.")
        if open_browser:
            webbrowser.open(self.url)
        self._build_loop()

    def _build_loop(self) -> None:
        while True:
            with self._rebuild_cond:
                # Waits with a timeout, in steps: a signal (Ctrl-C, SIGTERM) is handled between them.
                while not self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    return
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # edits still arriving: one build for them all
                self._want_rebuild = False
            _say("Change detected; rebuilding...")
            self.rebuild()

    def stop(self) -> None:
        if self.search is not None:
            self.search.finish()
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join()
        if self.serve_thread.is_alive():
            self.shutdown_server()
        self.server_close()

    def shutdown_server(self) -> None:
        import socketserver

        socketserver.BaseServer.shutdown(self)
        self.serve_thread.join()




def _shown_path(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
