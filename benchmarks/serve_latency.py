"""How long `leadctl serve` takes to show a saved change to one record.

    python benchmarks/serve_latency.py                 # the shipped site (this checkout's data)
    python benchmarks/serve_latency.py --records 2000  # with 2,000 synthetic records per language added

It copies the project into a temporary folder, starts `leadctl serve` there,
waits for the first build, then several times changes the English title of
one event and polls the served event page (in English and Chinese) until
both show the new title, as the browser does after its live-reload signal.
It prints, for each change, the seconds from saving the file to the page
showing it, and the median.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import copy_project, make_leadctl_project  # noqa: E402

TODAY_EPOCH = "1780272000"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(predicate, timeout: float, step: float = 0.02) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if predicate():
            return time.perf_counter() - started
        time.sleep(step)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=0, help="synthetic records per language to add (default: none)")
    parser.add_argument("--changes", type=int, default=5, help="how many saves to time")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="set a variable for leadctl serve")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leadctl-serve-") as temporary:
        project = Path(temporary) / "project"
        if options.records:
            make_leadctl_project(project, options.records)
        else:
            copy_project(project)  # the project as shipped
        event_file = sorted((project / "data" / "events").glob("*.yml"))[0]
        event_id = event_file.stem
        port = _free_port()
        env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1", "LEAD_SITE_URL": f"http://127.0.0.1:{port}/"}
        env.update(dict(item.split("=", 1) for item in options.env))
        server = subprocess.Popen(
            [sys.executable, "-m", "leadctl", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        try:
            pages = [f"http://127.0.0.1:{port}/events/{event_id}/", f"http://127.0.0.1:{port}/zh/events/{event_id}/"]
            first = _wait_for(lambda: all(_fetch(url) for url in pages), timeout=900, step=0.2)
            if first is None:
                raise SystemExit("leadctl serve did not start:\n" + (server.stderr.read() if server.poll() is not None else ""))
            pages_built = sum(1 for _ in project.glob("data/*/*.yml")) * 2
            print(f"{pages_built:,} record pages; first build served after {first:.1f} s", file=sys.stderr)
            time.sleep(1.0)  # let the watcher settle
            latencies = []
            for change in range(options.changes):
                record = yaml.safe_load(event_file.read_text(encoding="utf-8"))
                marker = f"Changed title {change} {time.time():.0f}"
                record["title"] = {"en": marker, "zh": marker} if isinstance(record["title"], dict) else marker
                saved = time.perf_counter()
                event_file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
                shown = _wait_for(lambda: all(marker in (_fetch(url) or "") for url in pages), timeout=600)
                if shown is None:
                    raise SystemExit(f"the change was not shown within 600 s")
                latencies.append(time.perf_counter() - saved)
                print(f"change {change + 1}: shown after {latencies[-1]:.2f} s", file=sys.stderr)
                time.sleep(1.0)
            print(f"{'shipped site' if not options.records else f'{options.records:,} records per language'}: "
                  f"a saved change is shown after {statistics.median(latencies):.2f} s (median of {len(latencies)}, "
                  f"min {min(latencies):.2f}, max {max(latencies):.2f})")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
