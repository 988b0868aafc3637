"""Run the reader's search engine (docs/javascripts/lead-search-engine.js) under Node, against a built site.

The site is served over HTTP from a thread, as a host would serve it, and
every file the engine asks for is recorded: tests see what a query finds
and what it had to download, without a browser.
"""

from __future__ import annotations

import json
import subprocess
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ENGINE = REPO / "docs" / "javascripts" / "lead-search-engine.js"


class _Handler(SimpleHTTPRequestHandler):
    requested: list[str]
    mount: str

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.mount):] if path.startswith(self.mount) else "/missing" + path)

    def do_GET(self) -> None:
        self.requested.append(self.path)
        super().do_GET()

    def log_message(self, *args: Any) -> None:
        pass


class Engine:
    """The engine against one built site, mounted at ``mount`` (the path of the site's URL)."""

    def __init__(self, origin: str, mount: str, requested: list[str]) -> None:
        self.origin, self.mount, self.requested = origin, mount, requested

    def run(self, script: str) -> Any:
        """Run ``script``, an async function body with ``engine`` (the module) and ``site`` (the site's URL) in scope; what it returns."""
        program = (
            f"const engine = await import({json.dumps(ENGINE.as_uri())});\n"
            f"const site = {json.dumps(self.origin + self.mount)};\n"
            f"const result = await (async () => {{ {script} }})();\n"
            "process.stdout.write(JSON.stringify(result));\n"
        )
        done = subprocess.run(["node", "--input-type=module", "-e", program], capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def search(self, language: str, query: str | None, options: dict | None = None, texts: int = 10) -> dict:
        """The response to ``query`` on ``language``'s index: the number of results, the first ``texts`` results' data and paths, and the filters' counts."""
        bundle = "" if language == "en" else f"{language}/"
        return self.run(
            f"const index = await engine.openIndex(site + {json.dumps(bundle + 'search/')});\n"
            f"const response = await index.search({json.dumps(query)}, {json.dumps(options or {})});\n"
            f"const data = await Promise.all(response.results.slice(0, {texts}).map((result) => result.data()));\n"
            "return { count: response.results.length, urls: data.map((page) => page.url.split('?')[0]), data, filters: response.filters };"
        )

    def terms(self, texts: list[str]) -> list[list[str]]:
        return self.run(f"return {json.dumps(texts)}.map((text) => engine.termsOf(text));")


@contextmanager
def engine_for(site_dir: Path, mount: str = "/net/"):
    requested: list[str] = []
    handler = type("Handler", (_Handler,), {"requested": requested, "mount": mount})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Engine(f"http://127.0.0.1:{server.server_address[1]}", mount, requested)
    finally:
        server.shutdown()
        server.server_close()
