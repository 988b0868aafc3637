"""leadctl serve: a live preview that rebuilds on changes and keeps the last good site while a change has problems.

Each test runs `python3 -m leadctl serve` as a contributor does, on a port the
system picks (`--dev-addr 127.0.0.1:0`: no port is guessed, so parallel test
runs cannot collide), with TMPDIR pointed at a folder of the test's own, to see
that serve leaves no temporary folder behind however it ends.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitekit import TODAY_EPOCH, wait_until

STARTUP_SECONDS = 120
REBUILD_SECONDS = 90

WARNS_IN_CHINESE = '''\
import logging


def on_page_markdown(markdown, page, config, files):
    # Stands for any warning MkDocs or a plugin gives while building: leadctl's checks before the build cannot see it.
    if "<!-- warn here -->" in markdown:
        logging.getLogger("mkdocs.plugins.warns").warning("page %s asks for a warning", page.file.src_uri)
    return markdown
'''


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches serve as it does from a terminal, even when the tests run as a background job (whose shell ignores it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Serving:
    """A `leadctl serve` process and everything it has printed so far."""

    def __init__(self, root: Path, temp: Path, *args: str):
        temp.mkdir(exist_ok=True)
        self.temp = temp
        env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "leadctl", "serve", *(args or ("--dev-addr", "127.0.0.1:0"))],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=_as_from_a_terminal,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def output_after(self, mark: int) -> str:
        return "".join(self.lines[mark:])

    def wait_for_output(self, pattern: str, seconds: float, after: int = 0) -> re.Match | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = re.search(pattern, self.output_after(after))
            if found or self.process.poll() is not None and not self.reader.is_alive():
                return found
            time.sleep(0.1)
        return None

    def base_url(self) -> str:
        found = self.wait_for_output(r"Serving on (http://\S+/)", STARTUP_SECONDS)
        assert found, f"serve did not start:\n{self.output}"
        return found.group(1)

    def stop(self, signal_number: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal_number)
        try:
            return self.process.wait(timeout=60)
        finally:
            self.reader.join(timeout=10)

    def temporary_folders_left(self) -> list[str]:
        return sorted(path.name for path in self.temp.glob("mkdocs_*"))


@pytest.fixture
def serving(site, tmp_path):
    started: list[Serving] = []

    def start(*args: str) -> Serving:
        server = Serving(site.root, tmp_path / "tmp", *args)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=30)


def _wait_for_page(url: str, text: str, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _fetch(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.2)
    return None


def test_a_change_with_problems_is_said_once_and_the_last_good_site_stays_served(site, serving):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    server = serving()
    page = server.base_url() + "zh/members/uni-a/"
    assert _wait_for_page(page, "甲大学", 30), server.output
    mark = len(server.lines)
    site.member("uni-a", name={"en": "University A", "zh": "甲大学（修改）"})
    assert _wait_for_page(page, "甲大学（修改）", REBUILD_SECONDS), f"no rebuild after a data change:\n{server.output}"
    assert server.wait_for_output(r"Site rebuilt", 10, after=mark), server.output

    mark = len(server.lines)
    site.write("data/members/uni-a.yml", "kind: institution\nname: {en: University A, zh: 甲大学（坏）}\ncountry: XX\n")
    assert server.wait_for_output(r"Not rebuilt: 1 problem; still serving the last good site", REBUILD_SECONDS, after=mark), server.output
    status, body = _fetch(page)
    assert status == 200 and "甲大学（修改）" in body and "甲大学（坏）" not in body
    # The problem once (not once per language), labelled, and nothing that reads like success after it.
    reported = server.output_after(mark)
    assert reported.count("data/members/uni-a.yml:3: country:") == 1, reported
    label = reported.index("Not rebuilt")
    assert reported.index("data/members/uni-a.yml:3: country:") > label
    assert not re.search(r"(?i)rebuilt in|documentation built|reloading", reported[label:]), reported

    mark = len(server.lines)
    site.member("uni-a", name={"en": "University A", "zh": "甲大学（再改）"})
    assert _wait_for_page(page, "甲大学（再改）", REBUILD_SECONDS), f"no recovery after a fix:\n{server.output}"
    assert server.wait_for_output(r"Problems fixed; site rebuilt", 10, after=mark), server.output
    assert server.stop() == 0
    assert "Traceback" not in server.output
    assert server.temporary_folders_left() == []


def test_with_strict_a_broken_link_or_a_warning_leaves_the_last_good_site_served(site, serving):
    site.write("hooks/warns.py", WARNS_IN_CHINESE)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/warns.py\n", 1), encoding="utf-8")
    assert "strict: true" in config.read_text(encoding="utf-8")
    site.write("docs/zh/index.md", "# 测试网络\n\n欢迎。\n")
    server = serving()
    home = server.base_url() + "zh/"
    assert _wait_for_page(home, "欢迎。", 30), server.output

    # A broken link: found before building, with its line.
    mark = len(server.lines)
    site.write("docs/zh/index.md", "# 测试网络\n\n欢迎，见[缺失的页面](missing.md)。\n")
    assert server.wait_for_output(r"Not rebuilt: 1 problem; still serving the last good site", REBUILD_SECONDS, after=mark), server.output
    assert re.search(r"docs/zh/index\.md:3: .*missing\.md", server.output_after(mark)), server.output_after(mark)
    status, body = _fetch(home)
    assert status == 200 and "欢迎。" in body and "缺失的页面" not in body

    # A warning only the build can see, in the Chinese pass alone: strict stops that build, and the site stays.
    mark = len(server.lines)
    site.write("docs/zh/index.md", "# 测试网络\n\n欢迎光临。\n\n<!-- warn here -->\n")
    assert server.wait_for_output(r"Not rebuilt: 1 problem; still serving the last good site", REBUILD_SECONDS, after=mark), server.output
    reported = server.output_after(mark)
    assert reported.count("page zh/index.md asks for a warning") == 1, reported
    status, body = _fetch(home)
    assert status == 200 and "欢迎。" in body and "欢迎光临" not in body
    assert not re.search(r"(?i)rebuilt in|documentation built|reloading", reported[reported.index("Not rebuilt"):]), reported

    mark = len(server.lines)
    site.write("docs/zh/index.md", "# 测试网络\n\n欢迎光临。\n")
    assert _wait_for_page(home, "欢迎光临。", REBUILD_SECONDS), server.output
    assert server.wait_for_output(r"Problems fixed; site rebuilt", 10, after=mark), server.output
    assert server.stop() == 0
    assert "Traceback" not in server.output
    assert server.temporary_folders_left() == []


def test_a_busy_port_is_named_with_the_option_to_choose_another(site, serving):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = serving("--dev-addr", f"127.0.0.1:{port}")
        code = server.process.wait(timeout=STARTUP_SECONDS)
        server.reader.join(timeout=10)
    assert code == 1
    lines = server.output.strip().splitlines()
    assert len(lines) == 1, server.output
    assert f"127.0.0.1:{port}" in lines[0] and "in use" in lines[0] and "--dev-addr" in lines[0]
    assert server.temporary_folders_left() == []


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_serve_removes_its_temporary_folder_when_stopped(site, serving, signal_number):
    server = serving()
    server.base_url()
    assert server.temporary_folders_left(), "serve writes its site into a temporary folder"
    assert server.stop(signal_number) == 0
    assert "Traceback" not in server.output
    assert server.temporary_folders_left() == []


def test_a_first_build_with_problems_says_so_and_leaves_nothing(site, serving):
    site.write("docs/zh/about.md", "---\ntemplate: missing.html\n---\n\n# 关于\n")
    site.write("docs/about.md", "# About\n")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n", "nav:\n  - About: about.md\n", 1), encoding="utf-8")
    server = serving()
    assert server.process.wait(timeout=STARTUP_SECONDS) == 1
    server.reader.join(timeout=10)
    assert "Not built: 1 problem" in server.output
    assert "missing.html" in server.output
    assert "Traceback" not in server.output
    assert server.temporary_folders_left() == []


def test_a_setting_changed_in_mkdocs_yml_while_serving_is_checked_and_used(site, serving):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    site.write("other-data/members/uni-b.yml", "kind: institution\nname: University B\ncountry: DE\n")
    config = site.root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    server = serving()
    members = server.base_url() + "members/"
    assert _wait_for_page(members, "University A", 30), server.output

    mark = len(server.lines)
    config.write_text(original.replace("  lead:\n", "  lead:\n    home_items: many\n", 1), encoding="utf-8")
    assert server.wait_for_output(r"Not rebuilt: 1 problem; still serving the last good site", REBUILD_SECONDS, after=mark), server.output
    line = original.splitlines().index("  lead:") + 2
    assert re.search(rf"mkdocs\.yml:{line}: .*home_items", server.output_after(mark)), server.output_after(mark)
    assert _fetch(members)[0] == 200

    # The folder of the data is a setting too: the next build reads the data where it now says.
    mark = len(server.lines)
    config.write_text(original.replace("  lead:\n", "  lead:\n    data_dir: other-data\n", 1), encoding="utf-8")
    assert _wait_for_page(members, "University B", REBUILD_SECONDS), server.output
    assert "University A" not in _fetch(members)[1]
    assert server.stop() == 0
    assert "Traceback" not in server.output


def _search_state(url: str) -> str | None:
    status, body = _fetch(url)
    return json.loads(body)["state"] if status == 200 and body else None


def test_search_is_served_from_the_first_build_and_catches_up_after_a_change(site, serving):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    server = serving()
    base = server.base_url()
    assert _wait_for_page(base + "members/uni-a/", "University A", 30), server.output
    for prefix in ("", "zh/"):
        assert _fetch(f"{base}{prefix}search/index.json")[0] == 200
        assert _search_state(f"{base}{prefix}search-status.json") == "ready"
    page = _fetch(base + "members/uni-a/")[1]
    assert "/net/search-status.json" in page  # the dialog asks whether the index is current

    site.member("uni-a", name={"en": "University Azure", "zh": "甲大学"})
    assert _wait_for_page(base + "members/uni-a/", "University Azure", REBUILD_SECONDS), server.output
    # The page shows at once; search goes on answering (the previous index) and then says it is current again.
    assert _fetch(f"{base}search/index.json")[0] == 200
    assert wait_until(lambda: _search_state(f"{base}search-status.json") == "ready", REBUILD_SECONDS), server.output
    served = max(server.temp.glob("mkdocs_*/site-*"), key=lambda folder: int(folder.name.rsplit("-", 1)[1]))
    texts = [path.read_text(encoding="utf-8") for path in (served / "search" / "pages").glob("*/*.json")]
    assert any('"title":"University Azure"' in text for text in texts)
    assert server.stop() == 0
    assert "Traceback" not in server.output
    assert server.temporary_folders_left() == []
