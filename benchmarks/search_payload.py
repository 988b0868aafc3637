"""Benchmark: what a reader downloads to search, and how long indexing takes.

    python benchmarks/search_payload.py                          # 500, 2000 and 10000 records per language
    python benchmarks/search_payload.py --sizes 100 --details    # quick, with every request listed
    python benchmarks/search_payload.py --keep /dev/shm/payload --queries-en governance,policy --queries-zh 治理

For each N it generates a copy of the project with N synthetic records per
language (``synthetic.py``), builds it with ``leadctl build`` for the address
of a small local server, and opens the site's home page (``/`` for English
queries, ``/zh/`` for Chinese ones) in Chromium. There it clicks the search
button, types the query and waits for the results, as a reader would; the
server logs every request. The bytes are those of every request made after the click and before the first
results were on screen (ten of them: the dialog fetches the data of a page of
results at once; what it asks for after, such as the filters' counts, is left
out): text files (.js, .json, .html, .css; the index is JSON) gzip -6, as
a host that compresses would send them. Each query runs in a fresh browser
context, so nothing is cached.

Indexing time: each language's index made again from the built site, one
language at a time, as the build makes it
(``leadctl.writers.search.index_language``).
Exit code 1 if a query finds nothing.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import TODAY_EPOCH  # noqa: E402
from synthetic import REPO, make_leadctl_project  # noqa: E402

sys.path.insert(0, str(REPO))
from leadctl.writers.search import index_language  # noqa: E402

TEXT = {".js", ".mjs", ".json", ".html", ".css", ".svg", ".txt", ".xml"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


class Site:
    """The site being measured (replaced for each N) and the requests it has answered."""

    root = Path()
    log: list[tuple[int, str, float]] = []
    """(status, path, when the request came in, in seconds since the epoch)."""


class LoggingHandler(SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        return str(Site.root / unquote(urlsplit(path).path).lstrip("/"))

    def parse_request(self):
        self.arrived = time.time()
        return super().parse_request()

    def log_request(self, code="-", size="-"):
        Site.log.append((int(code), self.path, getattr(self, "arrived", time.time())))

    def log_message(self, format, *args):
        pass


def sent_bytes(status: int, path: str) -> int:
    """What a gzip-ing static host sends for this request's body."""
    file = Site.root / unquote(urlsplit(path).path).lstrip("/")
    if status != 200:
        return 0
    if file.is_dir():
        file = file / "index.html"
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if file.suffix in TEXT else len(data)


def measure_query(browser, base: str, language: str, query: str) -> tuple[int, list[tuple[int, str, int]]]:
    """Results found, and (status, path, bytes) of every request from the click to the first results."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(base + ("" if language == "en" else f"{language}/"))
    page.wait_for_load_state("networkidle")
    # The moment the first result is on screen, by the same clock as the server's: what is
    # asked for later (the filters' counts, shown after the results) is not part of it.
    page.evaluate("""() => new MutationObserver((changes, observer) => {
        if (document.querySelector('.lead-search__result')) { window.firstResultAt = Date.now(); observer.disconnect(); }
    }).observe(document.querySelector('[data-lead-search-results]'), {childList: true})""")
    Site.log.clear()
    page.click("[data-lead-search-open]")
    page.fill("[data-lead-search-query]", query)
    # The input sets aria-busy at once; it is removed when the search's first page is shown (or none is found).
    page.wait_for_function("!document.querySelector('[data-lead-search-output]').hasAttribute('aria-busy')")
    shown = page.locator(".lead-search__result").count()
    status = page.inner_text("[data-lead-search-status]")
    first_result_at = (page.evaluate("() => window.firstResultAt || Date.now()")) / 1000
    requests = [(code, path, sent_bytes(code, path)) for code, path, arrived in list(Site.log) if arrived <= first_result_at]
    context.close()
    found = int(re.sub(r"\D", "", status) or 0) if shown else 0
    return found, requests


def build(project: Path, site_url: str) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": str(REPO), "LEAD_SITE_URL": site_url}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "leadctl", "build"], cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"leadctl build failed in {project}:\n{(done.stdout + done.stderr)[-4000:]}")
    said = [line for line in done.stderr.splitlines() if line.startswith("Built ")]
    print(f"  {said[-1] if said else 'built'} ({seconds:.1f} s wall)", file=sys.stderr)
    return seconds


def index_times(site_dir: Path) -> dict[str, float]:
    """Seconds per language to index the built pages as the build does."""
    times = {}
    for language, folder, others in (("en", site_dir, ("zh",)), ("zh", site_dir / "zh", ("en",))):
        started = time.perf_counter()
        index_language(folder, others)
        times[language] = time.perf_counter() - started
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,2000,10000", help="records per language, comma-separated")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--queries-en", default="governance", help="English queries, comma-separated")
    parser.add_argument("--queries-zh", default="治理", help="Chinese queries, comma-separated")
    parser.add_argument("--details", action="store_true", help="list every request of every query")
    options = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in options.sizes.split(",")]
    queries = [("en", q.strip()) for q in options.queries_en.split(",") if q.strip()]
    queries += [("zh", q.strip()) for q in options.queries_zh.split(",") if q.strip()]

    from playwright.sync_api import sync_playwright

    # The server takes its port first: the site is built for that address (its site_url).
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(LoggingHandler, directory="."))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows, timings, failed = [], [], False
    with tempfile.TemporaryDirectory(prefix="leadctl-payload-") as temporary, sync_playwright() as playwright:
        workdir = options.keep or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for records in sizes:
            print(f"N = {records:,} per language: generating and building in {workdir} ...", file=sys.stderr, flush=True)
            project = workdir / f"payload-{records}"
            make_leadctl_project(project, records)
            build_seconds = build(project, base)
            Site.root = project / "site"
            for language, query in queries:
                found, requests = measure_query(browser, base, language, query)
                total = sum(size for _, _, size in requests)
                rows.append((records, language, query, found, len(requests), total))
                failed |= found == 0
                if options.details:
                    print(f"  {language} {query!r}:", file=sys.stderr)
                    for code, path, size in requests:
                        print(f"    {code} {size:>8} {path}", file=sys.stderr)
            timings.append((records, build_seconds, index_times(Site.root)))
        browser.close()
    server.shutdown()

    print("| records per language | language | query | results | requests | bytes (gzip) | KB |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: |")
    for records, language, query, found, count, total in rows:
        print(f"| {records:,} | {language} | {query} | {found:,} | {count} | {total:,} | {total / 1024:.1f} |")
    print()
    print("| records per language | leadctl build, s | index en, s | index zh, s |")
    print("| ---: | ---: | ---: | ---: |")
    for records, build_seconds, times in timings:
        print(f"| {records:,} | {build_seconds:.1f} | {times['en']:.1f} | {times['zh']:.1f} |")
    if failed:
        print("A query found nothing: pick words that occur in the synthetic text.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
