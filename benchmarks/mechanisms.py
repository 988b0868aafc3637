"""What each mechanism of the speed layer gains: builds with everything on against builds with one mechanism off.

    python benchmarks/mechanisms.py                                  # 500 and 2,000 records per language, 3 rounds
    python benchmarks/mechanisms.py --sizes 500 --repeat 5 --keep /dev/shm/mechanisms
    python benchmarks/mechanisms.py --serve --serve-records 500      # also leadctl serve's rebuild

For each size it generates the synthetic project (``synthetic.py``), then,
round after round (interleaved, so that a busy moment of the machine hits
every variant alike), builds it with the whole layer on and with each
mechanism switched off alone (``LEADCTL_SPEED_WITHOUT=<name>``): a cold
build (no cache, no previous site), then a build from the cache that cold
build left (no previous site); with ``--kinds ...,again``, also a build from
the cache over the previous site (what ``background_removal`` acts on). The gain of a mechanism is the share of the
build without it that it saves, ``(without - with) / without``, from the
medians; the range is the lowest and highest gain of a single round (the
round's build without it against the same round's build with everything on),
then the gain in CPU time (user and system, over the build's processes), which
a busy machine disturbs less but which misses what a mechanism gains by using
an idle core (``parallel``, ``precompile``).

With ``--serve`` it also times ``leadctl serve`` showing a saved change
(``serve_latency.py``), with everything on and with each mechanism that acts
there switched off.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Measure, _environment, compile_to_bytecode, measure  # noqa: E402
from synthetic import REPO, make_leadctl_project  # noqa: E402

sys.path.insert(0, str(REPO))
from leadctl.glue.speed.switches import MECHANISMS, WITHOUT_VARIABLE  # noqa: E402

SPEED = REPO / "leadctl" / "glue" / "speed"
MODULES = {
    "project_cache": ["project_cache.py"],
    "page_cache": ["page_cache.py"],
    "remembered_texts": ["page_cache.py"],
    "compiled_templates": ["page_cache.py"],
    "precompile": ["precompile.py"],
    "parallel": ["parallel.py"],
    "theme_partials": ["theme_partials.py"],
    "blank_pages": ["blank_pages.py"],
    "processes": ["processes.py"],
    "background_removal": [],
    "calendar_pieces": ["calendar_pieces.py"],
    "style_lookups": ["style_lookups.py"],
}
"""The modules each mechanism lives in (a module named twice is shared); mechanisms without one live in a glue function."""

SERVE_MECHANISMS = ("project_cache", "page_cache", "remembered_texts", "compiled_templates", "parallel", "theme_partials", "blank_pages")
"""What acts in ``leadctl serve``'s rebuilds (the others act once a command or only in ``leadctl build``)."""

ALL_ON = "everything on"


def lines(mechanism: str) -> str:
    counts = [sum(1 for _ in (SPEED / name).open(encoding="utf-8")) for name in MODULES[mechanism]]
    if not counts:
        return "(in a glue function)"
    shared = [name for name in MODULES[mechanism] if sum(name in modules for modules in MODULES.values()) > 1]
    return f"{sum(counts)}" + (" (shared module)" if shared else "")


def gain(without: float, with_all: float) -> float:
    return 100.0 * (without - with_all) / without


KINDS = {"cold": "cold", "cache": "from the cache", "again": "over the previous site"}


def bench(records: int, workdir: Path, repeat: int, mechanisms: list[str], kinds: list[str]) -> dict[str, dict[str, list[Measure]]]:
    project = workdir / f"leadctl-{records}"
    make_leadctl_project(project, records)
    compile_to_bytecode(project / "hooks")
    compile_to_bytecode(REPO / "leadctl")
    command = [sys.executable, "-m", "leadctl", "build", "--quiet"]
    times: dict[str, dict[str, list[Measure]]] = {variant: {kind: [] for kind in kinds} for variant in [ALL_ON, *mechanisms]}
    for round_number in range(repeat):
        for variant in times:
            env = _environment({"PYTHONPATH": str(REPO)} | ({WITHOUT_VARIABLE: variant} if variant != ALL_ON else {}))
            for kind in kinds:
                if kind == "again" and not (project / "site").is_dir():
                    measure(command, project, env, project / "site", cached=True)  # the previous site, not timed
                built = measure(command, project, env, project / "site", cold=kind == "cold" or kind == "cache", cached=kind != "cold")
                times[variant][kind].append(built)
            print(f"{records} records, round {round_number + 1}, {variant}: "
                  + ", ".join(f"{KINDS[kind]} {times[variant][kind][-1].seconds:.2f} s (CPU {times[variant][kind][-1].cpu_seconds:.2f} s)" for kind in kinds),
                  file=sys.stderr)
    return times


def serve_latency(records: int, variant: str, changes: int) -> float | None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    extra = [] if variant == ALL_ON else ["--env", f"{WITHOUT_VARIABLE}={variant}"]
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("serve_latency.py")), "--records", str(records), "--changes", str(changes), *extra],
        env=env, capture_output=True, text=True,
    )
    found = re.search(r"shown after ([0-9.]+) s \(median", result.stdout)
    if found is None:
        print(result.stdout + result.stderr, file=sys.stderr)
        return None
    return float(found.group(1))


def report(all_times: dict[int, dict[str, dict[str, list[Measure]]]], serve: dict[str, float | None], serve_records: int, kinds: list[str]) -> str:
    rows = ["| mechanism | lines | " + " | ".join(f"{records:,} {KINDS[kind]}" for records in all_times for kind in kinds) + (" | serve |" if serve else " |")]
    rows.append("| --- | ---: |" + " ---: |" * (len(kinds) * len(all_times)) + (" ---: |" if serve else ""))
    cells = [f"{statistics.median(m.seconds for m in times[ALL_ON][kind]):.2f} s" for times in all_times.values() for kind in kinds]
    serve_all = serve.get(ALL_ON)
    rows.append(f"| {ALL_ON} (median) | | " + " | ".join(cells) + (f" | {serve_all:.2f} s |" if serve else " |"))
    for mechanism in next(iter(all_times.values())):
        if mechanism == ALL_ON:
            continue
        cells = []
        for times in all_times.values():
            for kind in kinds:
                with_all = [m.seconds for m in times[ALL_ON][kind]]
                without = [m.seconds for m in times[mechanism][kind]]
                rounds = [gain(off, on) for off, on in zip(without, with_all)]
                cpu = gain(statistics.median(m.cpu_seconds for m in times[mechanism][kind]), statistics.median(m.cpu_seconds for m in times[ALL_ON][kind]))
                cells.append(f"{gain(statistics.median(without), statistics.median(with_all)):+.1f} % ({min(rounds):+.0f}…{max(rounds):+.0f}), CPU {cpu:+.0f} %")
        serve_cell = ""
        if serve:
            value = serve.get(mechanism)
            serve_cell = f" {gain(value, serve_all):+.1f} % |" if value is not None and serve_all else " – |"
        rows.append(f"| {mechanism} | {lines(mechanism)} | " + " | ".join(cells) + " |" + serve_cell)
    load = os.getloadavg()
    return "\n".join(rows) + f"\n\nload average after the runs: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; serve at {serve_records:,} records per language"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000", help="records per language, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians reported)")
    parser.add_argument("--only", default="", help="mechanisms to measure, comma-separated (default: all)")
    parser.add_argument("--kinds", default="cold,cache", help=f"builds to time, comma-separated: {', '.join(KINDS)}")
    parser.add_argument("--serve", action="store_true", help="also time leadctl serve's rebuilds")
    parser.add_argument("--serve-records", type=int, default=500)
    parser.add_argument("--serve-changes", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (/dev/shm/... is a RAM disk)")
    options = parser.parse_args()
    mechanisms = [name for name in options.only.split(",") if name] or list(MECHANISMS)
    kinds = [kind for kind in options.kinds.split(",") if kind]
    print(f"load average before: {' '.join(f'{value:.2f}' for value in os.getloadavg())}", file=sys.stderr)
    workdir = options.keep or Path(tempfile.mkdtemp(prefix="leadctl-mechanisms-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        all_times = {records: bench(records, workdir, options.repeat, mechanisms, kinds) for records in map(int, options.sizes.split(","))}
        serve: dict[str, float | None] = {}
        if options.serve:
            for variant in [ALL_ON, *(name for name in mechanisms if name in SERVE_MECHANISMS)]:
                serve[variant] = serve_latency(options.serve_records, variant, options.serve_changes)
                print(f"serve, {variant}: {serve[variant]}", file=sys.stderr)
        print(report(all_times, serve, options.serve_records, kinds))
    finally:
        if options.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
