"""One demo site and one Chromium per test session, the way a reader meets them.

The demo site is the repository's own configuration and hand-written pages
(mkdocs.yml, docs/, overrides/, hooks/, data/pillars.yml) with the invented
members, events, briefs and news of tests/browser/demo.py. It is built once
with ``leadctl build`` into a temporary folder and served by a small threaded HTTP server on 127.0.0.1
under ``/net/``, like a site published below a path. The server takes its
port first and the site is built with that address as ``site_url``
(``http://127.0.0.1:<port>/net/``): the public address and the serving host
must be the same, as in production, because the head's canonical, hreflang
and feed links are absolute. A missing page answers 404 with
``/net/zh/404.html`` under ``/net/zh/`` and ``/net/404.html`` elsewhere.

Chromium is Debian's ``/usr/bin/chromium`` (``scripts/test`` installs it);
Playwright never downloads a browser here.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from demo import write_demo
from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

from sitekit import REPO, ProjectSite

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PREFIX = "/net/"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class _SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".bib": "application/x-bibtex",
        ".ris": "application/x-research-info-systems",
        ".ics": "text/calendar",
        ".xml": "application/xml",
    }

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + route[len(PREFIX) :])

    def send_error(self, code, message=None, explain=None):
        if code != HTTPStatus.NOT_FOUND:
            return super().send_error(code, message, explain)
        language_folder = Path(self.directory) / "zh"
        route = urlsplit(self.path).path
        page = language_folder / "404.html" if route.startswith(PREFIX + "zh/") else Path(self.directory) / "404.html"
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass


@dataclass
class Server:
    origin: str
    """``http://127.0.0.1:<port>``."""
    root: Path
    """The demo project's folder; the site is served from its ``site/``."""

    @property
    def base(self) -> str:
        """The site's home: ``http://127.0.0.1:<port>/net/``."""
        return self.origin + PREFIX

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """Serves ``<tmp>/project/site`` (built afterwards by ``demo_site``) on a free port."""
    root = tmp_path_factory.mktemp("browser") / "project"
    handler = partial(_SiteHandler, directory=str(root / "site"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", root)
    finally:
        httpd.shutdown()
        httpd.server_close()


def build_demo(root: Path, base_url: str) -> ProjectSite:
    """The demo project under ``root``, built for the address ``base_url``."""
    project = ProjectSite(root)
    # The real site's settings, theme overrides, hooks, pages and pillars.
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copyfile(REPO / "data" / "pillars.yml", root / "data" / "pillars.yml")
    for folder in ("overrides", "hooks"):
        (root / folder).symlink_to(REPO / folder, target_is_directory=True)
    write_demo(project)
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("LEAD_SITE_URL", base_url)  # mkdocs.yml: site_url: !ENV [LEAD_SITE_URL, ...]
        project.build()
    return project


@pytest.fixture(scope="session")
def demo_site(server) -> ProjectSite:
    return build_demo(server.root, server.base)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need Debian's chromium at /usr/bin/chromium: run scripts/test, or apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Reader:
    """A browser tab with everything it requested."""

    page: Page
    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_reader(browser: Browser, **options) -> Reader:
    # Reduced motion: the same pages without the theme's transitions, which only slow the tests.
    options.setdefault("reduced_motion", "reduce")
    context = browser.new_context(viewport=options.pop("viewport", DESKTOP), **options)
    page = context.new_page()
    reader = Reader(page, context)

    def record(request: Request) -> None:
        reader.requests.append(request.url)

    page.on("request", record)
    page.on("pageerror", lambda error: reader.errors.append(str(error)))
    page.set_default_timeout(10_000)
    return reader


@pytest.fixture(scope="module")
def reader(chromium, demo_site, server) -> Iterator[Reader]:
    """A desktop tab shared by the tests of a module (a new tab costs more than most tests).

    Each test starts by going to a page; a test that needs a clean slate (its own
    storage, no JavaScript, a phone's screen) opens its own with ``open_reader``.
    """
    opened = open_reader(chromium)
    try:
        yield opened
    finally:
        opened.context.close()
