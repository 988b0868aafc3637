"""leadctl serve: a live preview that rebuilds when data changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sitekit import TODAY_EPOCH


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, predicate, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.3)
    return None


def test_serve_rebuilds_when_a_record_changes(site):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    server = subprocess.Popen(
        [sys.executable, "-m", "leadctl", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/net/"
        assert _wait_for(base + "zh/members/uni-a/", lambda body: "甲大学" in body, 60), "serve did not start"
        site.member("uni-a", name={"en": "University A", "zh": "甲大学（修改）"})
        assert _wait_for(base + "zh/members/uni-a/", lambda body: "甲大学（修改）" in body, 30), "no rebuild after a data change"
        # A broken edit is reported in the terminal and the last valid data stays served; a fix shows up.
        site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
        time.sleep(3)
        site.member("uni-a", name={"en": "University A", "zh": "甲大学（再改）"})
        assert _wait_for(base + "zh/members/uni-a/", lambda body: "甲大学（再改）" in body, 30), "no recovery after a fix"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "data/members/uni-a.yml:3: country:" in output
    assert "Traceback" not in output
