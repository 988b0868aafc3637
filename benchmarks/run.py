"""Benchmark: `leadctl build` against plain MkDocs, at several sizes.

    python benchmarks/run.py                       # N = 100 and 500 records per language
    python benchmarks/run.py --sizes 500,2000      # the issue's sizes (10000 takes minutes)
    python benchmarks/run.py --sizes 2000 --repeat 3 --sequential --keep /tmp/bench

For each N it generates, in a temporary folder, a copy of the project with N
synthetic records per language (see ``synthetic.py``) and a plain MkDocs +
Material + static-i18n site of N hand-written pages per language, builds
both in fresh processes (SOURCE_DATE_EPOCH pinned, no previous site), and
prints: seconds, milliseconds per page, CPU seconds, peak memory, the ratio
of leadctl to plain MkDocs, and the growth from one size to the next. What a
reader downloads to search is measured by ``search_payload.py``.

Peak memory is the largest resident set of the build's process tree, summed
over its processes (sampled every 20 ms; pages shared between a parent and
its forked children count twice, so this errs high).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_leadctl_project, make_plain_project  # noqa: E402

TODAY_EPOCH = "1780272000"  # 2026-06-01, as in the tests


@dataclass
class Measure:
    seconds: float
    cpu_seconds: float
    """User and system time of the build's processes: what a busy machine cannot hide."""
    peak_bytes: int
    pages: int


@dataclass
class Sample:
    records: int
    leadctl: list[Measure] = field(default_factory=list)
    sequential: list[Measure] = field(default_factory=list)
    warm: list[Measure] = field(default_factory=list)
    cached: list[Measure] = field(default_factory=list)  # the previous build's cache of rendered pages, no previous site
    sequential_cached: list[Measure] = field(default_factory=list)
    plain: list[Measure] = field(default_factory=list)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as stream:
                found.extend(int(child) for child in stream.read().split())
    except OSError:
        pass
    return found


def _tree_rss(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as stream:
                for line in stream:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
        pending.extend(_children(current))
    return total


def measure(command: list[str], cwd: Path, env: dict[str, str], site_dir: Path, cold: bool = True, cached: bool = False) -> Measure:
    """Run one build in a fresh process; wall time, CPU time and peak memory of its process tree.

    ``cold``: remove the previous output first (not timed), as on a fresh
    checkout; and leadctl's cache of rendered pages (.cache/), unless ``cached``.
    """
    if cold:
        shutil.rmtree(site_dir, ignore_errors=True)
    if not cached:
        shutil.rmtree(cwd / ".cache", ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)  # usage covers the children it waited for
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {process.returncode}):\n{output[-4000:]}")
    # ru_maxrss: the largest single process (KiB); the sampled tree total may miss a short peak.
    peak = max(peak, usage.ru_maxrss * 1024)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    return Measure(seconds, usage.ru_utime + usage.ru_stime, peak, pages)


def _environment(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.update(extra)
    return env


@dataclass(frozen=True)
class Plan:
    repeat: int
    env: dict[str, str]
    source: Path
    warm: bool = False
    sequential: bool = False
    only: str | None = None
    cached: bool = False


def compile_to_bytecode(folder: Path) -> None:
    """Compile the Python modules under ``folder``, as pip does for a package it installs.

    MkDocs and its plugins run from installed packages, compiled to bytecode
    when they were installed. leadctl runs from a source tree (PYTHONPATH),
    which Python compiles on first import and keeps in ``__pycache__`` unless
    it may not write bytecode (``PYTHONDONTWRITEBYTECODE``, set on some
    machines): then every build would compile leadctl first (0.13 s).
    """
    compileall.compile_dir(str(folder), quiet=1)


def bench_size(records: int, workdir: Path, plan: Plan) -> Sample:
    sample = Sample(records)
    project, plain = workdir / f"leadctl-{records}", workdir / f"plain-{records}"
    if plan.only != "plain":
        make_leadctl_project(project, records, source=plan.source)
        compile_to_bytecode(project / "hooks")
    if plan.only != "leadctl":
        make_plain_project(plain, records)
    leadctl_command = [sys.executable, "-m", "leadctl", "build", "--quiet"]
    plain_command = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    for _ in range(plan.repeat):  # interleaved, so that a busy moment of the machine hits all alike
        if plan.only != "plain":
            sample.leadctl.append(measure(leadctl_command, project, plan.env, project / "site"))
            if plan.warm:  # the same build again, over the previous site
                sample.warm.append(measure(leadctl_command, project, plan.env, project / "site", cold=False))
            if plan.cached:  # no previous site, but the cache of rendered pages the last build left
                sample.cached.append(measure(leadctl_command, project, plan.env, project / "site", cached=True))
            if plan.sequential:  # the languages one after the other, as plain MkDocs builds them
                sequential_env = {**plan.env, "LEADCTL_PARALLEL": "0"}
                sample.sequential.append(measure(leadctl_command, project, sequential_env, project / "site"))
                if plan.cached:
                    sample.sequential_cached.append(measure(leadctl_command, project, sequential_env, project / "site", cached=True))
        if plan.only != "leadctl":
            sample.plain.append(measure(plain_command, plain, plan.env, plain / "site"))
    return sample


def _median(measures: list[Measure]) -> Measure | None:
    if not measures:
        return None
    return Measure(
        statistics.median(m.seconds for m in measures),
        statistics.median(m.cpu_seconds for m in measures),
        max(m.peak_bytes for m in measures),
        measures[0].pages,
    )


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f}"


BUILDS = (
    # (label, Sample attribute)
    ("leadctl", "leadctl"),
    ("leadctl, sequential", "sequential"),
    ("leadctl, over a previous site", "warm"),
    ("leadctl, from the cache", "cached"),
    ("leadctl, sequential, from the cache", "sequential_cached"),
    ("plain MkDocs", "plain"),
)


def report(samples: list[Sample], repeat: int) -> str:
    lines = [
        f"Median of {repeat} run(s), each cold (no previous site) unless said. seconds: wall clock; CPU s: user + "
        "system time of all the build's processes; peak MB: resident memory of the process tree; vs plain: wall "
        "time over plain MkDocs' wall time.",
        "",
        "| N per language | build | pages | seconds | ms/page | CPU s | peak MB | vs plain |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    for sample in samples:
        plain = _median(sample.plain)
        for label, attribute in BUILDS:
            this = _median(getattr(sample, attribute))
            if this is None:
                continue
            ratio = f"{this.seconds / plain.seconds:.2f}" if plain and attribute != "plain" else ""
            lines.append(
                f"| {sample.records:,} | {label} | {this.pages:,} | {this.seconds:.1f} | {1000 * this.seconds / this.pages:.2f} "
                f"| {this.cpu_seconds:.1f} | {_mb(this.peak_bytes)} | {ratio} |"
            )
    lines.append("")
    # Each repeat builds leadctl's site and then the plain one: a machine whose speed drifts
    # between repeats moves both, so the ratios within a repeat are the steadier figure.
    for sample in samples:
        for label, attribute in BUILDS[:-1]:
            runs = getattr(sample, attribute)
            if len(runs) > 1 and len(runs) == len(sample.plain):
                ratios = sorted(run.seconds / plain.seconds for run, plain in zip(runs, sample.plain))
                lines.append(
                    f"{sample.records:,} records, {label}: vs plain run by run {' '.join(f'{r:.2f}' for r in ratios)} "
                    f"(median {statistics.median(ratios):.2f})"
                )
    lines.append("")
    for before, after in zip(samples, samples[1:]):
        factor = after.records / before.records
        for label, attribute in BUILDS:
            a, b = _median(getattr(before, attribute)), _median(getattr(after, attribute))
            if a and b:
                lines.append(
                    f"Growth {before.records:,} -> {after.records:,} records (x{factor:g}), {label}: "
                    f"time x{b.seconds / a.seconds:.2f}, CPU x{b.cpu_seconds / a.cpu_seconds:.2f}, "
                    f"peak memory x{b.peak_bytes / a.peak_bytes:.2f}"
                )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,500", help="records per language, comma-separated (default 100,500)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per build; the median is reported")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--sequential", action="store_true", help="also time leadctl with LEADCTL_PARALLEL=0 (one language after the other)")
    parser.add_argument("--warm", action="store_true", help="also time a second leadctl build over the first one's site")
    parser.add_argument("--cached", action="store_true", help="also time leadctl builds that find the previous build's cache of rendered pages")
    parser.add_argument("--only", choices=["leadctl", "plain"], help="build only one of the two")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="set a variable for the builds")
    parser.add_argument(
        "--source", type=Path, default=REPO,
        help="project tree to benchmark, e.g. an older commit unpacked with `git archive` (default: this checkout)",
    )
    options = parser.parse_args()
    sizes = sorted(int(size.replace("_", "")) for size in options.sizes.split(","))
    source = options.source.resolve()
    # That tree's leadctl, not the installed one, runs the build.
    env = _environment({"PYTHONPATH": str(source), **dict(item.split("=", 1) for item in options.env)})
    plan = Plan(options.repeat, env, source, options.warm, options.sequential, options.only, options.cached)
    compile_to_bytecode(source / "leadctl")
    with tempfile.TemporaryDirectory(prefix="leadctl-bench-") as temporary:
        workdir = options.keep or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {source} built in {workdir}", file=sys.stderr)
        samples = []
        for records in sizes:
            print(f"N = {records:,} per language ...", file=sys.stderr, flush=True)
            samples.append(bench_size(records, workdir, plan))
        print(report(samples, options.repeat))


if __name__ == "__main__":
    main()
