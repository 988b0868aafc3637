"""Faults during a build: SIGKILL at any moment, two builds at once, a full disk or a read-only folder, damaged caches.

Every test runs ``python3 -m leadctl build`` (and plain ``mkdocs build``) as
separate processes on real files, as a contributor or CI would.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from leadctl.glue.speed.page_cache import FORMAT, pack
from sitekit import TODAY_EPOCH, ProjectSite, write_sample_network

ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1", "LEADCTL_PARALLEL": "1"}
WITHOUT_CACHE = {**ENVIRONMENT, "LEADCTL_CACHE": "0"}
WITH_CACHE = {**ENVIRONMENT, "LEADCTL_CACHE": "1"}
PATIENCE = 180  # seconds a build may take on a loaded machine before the test gives up on it


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def start_build(site: ProjectSite, *arguments: str, environment: dict[str, str] = WITH_CACHE, **options) -> subprocess.Popen:
    options = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.Popen(
        [sys.executable, "-m", "leadctl", "build", "--quiet", *arguments], cwd=site.root, env=environment, text=True, **options
    )


def run_build(site: ProjectSite, *arguments: str, environment: dict[str, str] = WITH_CACHE, **options) -> subprocess.CompletedProcess:
    process = start_build(site, *arguments, environment=environment, **options)
    output, errors = process.communicate(timeout=PATIENCE)
    return subprocess.CompletedProcess(process.args, process.returncode, output, errors)


def clean_build(site: ProjectSite, folder: Path) -> dict[str, bytes]:
    """The site as a build with no cache and nothing left from earlier builds writes it."""
    result = run_build(site, "--site-dir", str(folder), environment=WITHOUT_CACHE)
    assert result.returncode == 0, result.stderr
    return tree(folder)


def set_version(site: ProjectSite, version: str) -> None:
    """Two versions of the same project that differ in a page, a record and the set of files."""
    if version == "A":
        site.member("uni-b", name="Universität B", country="DE", description={"en": "Not translated yet."})
        (site.root / "docs/news/2026-05-25-second.md").unlink(missing_ok=True)
    else:
        site.member("uni-b", name="Universität Bremen", country="DE", description={"en": "Renamed."})
        site.news("2026-05-25-second", title="Second", date="2026-05-25", summary="Another post.")


@pytest.fixture
def network(tmp_path) -> ProjectSite:
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    return site


def leftovers(site: ProjectSite) -> list[str]:
    """What builds left beside the site, but for the lock file (which stays, and is never held by a finished build)."""
    return sorted(path.name for path in site.root.glob(".site*") if path.name != ".site.lock")


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.01)


# -- SIGKILL at any moment -------------------------------------------------------


SWAPPED_IN = "late: swapped in"


def build_stage(site: ProjectSite) -> str:
    """How far a build of ``site`` has got, read from the folders it writes (see leadctl.glue.site_folder)."""
    root = site.root
    staging = root / ".site.building"
    if (staging / "zh").exists():
        return "late: merging the languages"
    if (root / ".site.building.zh").exists() or any(staging.glob("**/index.html")):
        return "middle: writing pages"
    if staging.exists():
        return "early: copying the theme"
    return "early: starting (imports, lock, data check)"


def when(condition: Callable[[ProjectSite], bool]) -> Callable[[ProjectSite, float], bool]:
    return lambda site, elapsed: condition(site)


def after_fraction(fraction: float, duration: float) -> Callable[[ProjectSite, float], bool]:
    return lambda site, elapsed: elapsed >= fraction * duration


def kill_plans(duration: float) -> list[tuple[str, Callable[[ProjectSite, float], bool]]]:
    """Moments to kill a build at: when each mark of progress appears, and at fractions of a measured build."""
    staging = lambda site: site.root / ".site.building"  # noqa: E731
    marks = [
        ("at once", when(lambda site: True)),
        ("staging folder made", when(lambda site: staging(site).exists())),
        ("theme assets copied", when(lambda site: (staging(site) / "assets").exists())),
        ("Chinese process writing", when(lambda site: (site.root / ".site.building.zh").exists())),
        ("first page written", when(lambda site: (staging(site) / "404.html").exists())),
        ("English sitemap written", when(lambda site: (staging(site) / "sitemap.xml").exists())),
        ("Chinese pages moved in", when(lambda site: (staging(site) / "zh").exists())),
        ("swapped in", when(lambda site: (site.root / ".site.removing").exists())),
    ]
    fractions = [(f"{fraction:.0%} of a build", after_fraction(fraction, duration)) for fraction in (0.1, 0.25, 0.4, 0.55, 0.7)]
    return marks + fractions


def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_build_recovers(network, tmp_path):
    references = {}
    for version in ("B", "A"):
        set_version(network, version)
        references[version] = clean_build(network, tmp_path / f"reference-{version}")
    assert references["A"] != references["B"]
    started = time.monotonic()
    assert run_build(network).returncode == 0
    duration = time.monotonic() - started  # a whole build with its caches, as the killed ones run, on this machine now
    assert tree(network.site_dir) == references["A"]

    landed: list[tuple[str, str]] = []
    for number, (plan, moment) in enumerate(kill_plans(duration)):
        # Each build is of the version the site does not hold: a mix of the two cannot pass for either.
        held = "A" if tree(network.site_dir) == references["A"] else "B"
        building = "B" if held == "A" else "A"
        set_version(network, building)
        # The last build's previous site is deleted in the background: gone, the next one marks this build's swap.
        wait_for(lambda: not (network.root / ".site.removing").exists(), "the previous site's removal")
        process = start_build(network, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        begun = time.monotonic()
        while process.poll() is None and not moment(network, time.monotonic() - begun):
            time.sleep(0.0005)
        stage = build_stage(network)
        if number % 2 == 0:
            process.send_signal(signal.SIGKILL)  # the main process alone, as the OOM killer or `kill -9 PID` does
        else:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # it and every process it forked, as a cancelled CI job is
            except ProcessLookupError:
                pass  # the build and all it forked had ended: counted below as a build that was not killed
        process.wait(timeout=PATIENCE)
        site = tree(network.site_dir)
        assert site in (references[held], references[building]), f"killed at {plan} ({stage}): a mixed or broken site"
        if process.returncode == -signal.SIGKILL:
            landed.append((plan, SWAPPED_IN if site == references[building] else stage))
        if number % 4 == 3:  # the next build, on whatever the killed one left, succeeds and writes the clean build's site
            result = run_build(network)
            assert result.returncode == 0, result.stderr
            assert tree(network.site_dir) == references[building], f"the build after a kill at {plan} ({stage})"

    result = run_build(network)
    assert result.returncode == 0, result.stderr
    assert tree(network.site_dir) == references[building]
    wait_for(lambda: leftovers(network) == [], "the previous site's removal")

    # The kills landed while the builds ran, and in every part of a build, whatever this machine's speed.
    assert len(landed) >= 10, landed
    stages = {stage.split(":")[0] for _, stage in landed}
    assert stages == {"early", "middle", "late"}, landed


# -- two builds at once ------------------------------------------------------------


def test_a_build_waits_while_another_build_of_the_site_runs(network, tmp_path):
    import fcntl

    reference = clean_build(network, tmp_path / "reference")
    # A running build, as the builds see it: the lock on the output folder held (here by this test).
    with open(network.root / ".site.lock", "a") as running:
        fcntl.flock(running, fcntl.LOCK_EX)
        waiting = [start_build(network) for _ in range(2)]
        notices = [process.stderr.readline() for process in waiting]  # each says so as soon as it finds the lock held
        assert all(process.poll() is None for process in waiting)
        assert not network.site_dir.exists()  # nothing was written while the other build ran
        fcntl.flock(running, fcntl.LOCK_UN)
    for notice in notices:
        assert notice.startswith(f"leadctl: another build of {network.site_dir} is running; waiting for it to finish"), notice
    for process in waiting:
        output, errors = process.communicate(timeout=PATIENCE)
        assert process.returncode == 0, errors
        assert "Traceback" not in errors
    assert tree(network.site_dir) == reference


# -- a full disk, a read-only folder -------------------------------------------------


def limit_file_size(limit: int) -> Callable[[], None]:
    """For the child: no file may grow past ``limit`` bytes (writes then fail with EFBIG, as on a full disk)."""

    def limit_in_child() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of the process dying
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_in_child


def assert_refused_cleanly(result: subprocess.CompletedProcess, site_dir: Path) -> None:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith(f"leadctl: cannot write the site to {site_dir}: "), result.stderr
    assert "Traceback" not in result.stderr
    assert len([line for line in lines if "cannot write" in line or line.startswith(("ERROR", "Error"))]) == 1, result.stderr


@pytest.mark.parametrize(
    ("limit", "parallel"), [(1_000, "1"), (60_000, "0")], ids=["at-the-first-file-in-parallel", "at-a-theme-asset-sequentially"]
)
def test_a_full_disk_stops_the_build_with_one_line_and_keeps_the_site(network, limit, parallel):
    assert run_build(network).returncode == 0
    before = tree(network.site_dir)
    set_version(network, "B")
    environment = {**WITH_CACHE, "LEADCTL_PARALLEL": parallel}
    result = run_build(network, environment=environment, preexec_fn=limit_file_size(limit))
    assert_refused_cleanly(result, network.site_dir)
    assert "File too large" in result.stderr
    assert tree(network.site_dir) == before
    assert leftovers(network) in ([], [".site.removing"])
    # Once there is room again, the build goes through.
    assert run_build(network).returncode == 0
    assert tree(network.site_dir) != before


@contextmanager
def small_disk(folder: Path, kilobytes: int) -> Iterator[None]:
    """A file system of ``kilobytes`` mounted at ``folder`` (a tmpfs; skipped where this process cannot mount one)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_disk_that_fills_up_while_pages_are_written_stops_the_build_with_one_line_and_keeps_the_site(network, tmp_path):
    files = clean_build(network, tmp_path / "measured")
    blocks = {path: -(-len(data) // 4096) for path, data in files.items()}  # a tmpfs gives every file whole 4 KB pages
    theme = sum(count for path, count in blocks.items() if not path.endswith(".html"))
    pages = sum(count for path, count in blocks.items() if path.endswith(".html"))
    disk = tmp_path / "disk"
    # Room for the site, and for another one's theme and half its pages: MkDocs copies the theme first.
    with small_disk(disk, kilobytes=4 * (theme + pages + theme + pages // 2)):
        site_dir = disk / "site"
        sequential = {**WITH_CACHE, "LEADCTL_PARALLEL": "0"}
        assert run_build(network, "--site-dir", str(site_dir), environment=sequential).returncode == 0
        before = tree(site_dir)
        set_version(network, "B")
        result = run_build(network, "--site-dir", str(site_dir), environment=sequential)
        assert_refused_cleanly(result, site_dir)
        assert "No space left on device" in result.stderr
        assert tree(site_dir) == before
        assert sorted(path.name for path in disk.iterdir()) == [".site.lock", "site"]


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new entries, even to root (who ignores permission bits)."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root, and this file system cannot make a folder immutable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_output_folder_stops_the_build_with_one_line_and_keeps_the_site(network, tmp_path):
    outside = tmp_path / "published"
    outside.mkdir()
    site_dir = outside / "site"
    assert run_build(network, "--site-dir", str(site_dir)).returncode == 0
    before = tree(site_dir)
    set_version(network, "B")
    with read_only(outside):
        result = run_build(network, "--site-dir", str(site_dir))
        assert_refused_cleanly(result, site_dir)
        assert tree(site_dir) == before
    assert sorted(path.name for path in outside.iterdir()) == [".site.lock", "site"]


# -- damaged caches --------------------------------------------------------------------


def truncated(path: Path, rng: random.Random) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def emptied(path: Path, rng: random.Random) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path, rng: random.Random) -> None:
    path.write_bytes(rng.randbytes(max(path.stat().st_size, 64)))


def from_another_version(path: Path, rng: random.Random) -> None:
    """The file as another leadctl would leave it: what it holds would be wrong here if it were believed."""
    if path.suffix == ".sqlite3":
        connection = sqlite3.connect(path, isolation_level=None)
        keys = [key for (key,) in connection.execute("SELECT key FROM pages")]
        connection.executemany("UPDATE pages SET html = ? WHERE key = ?", [(pack("<p>stale</p>"), key) for key in keys])
        connection.execute(f"PRAGMA user_version = {FORMAT + 1}")
        connection.close()
    elif path.name == "project.pickle":
        data = path.read_bytes()
        header, _, body = data.partition(b"\n")
        path.write_bytes(b"0" * len(header) + b"\n" + body.replace(b"University A", b"University Z"))
    else:  # Jinja's compiled templates begin with a header naming Jinja's and Python's versions
        data = path.read_bytes()
        path.write_bytes(b"j2" + bytes(8) + data[10:])


DAMAGES = [truncated, emptied, random_bytes, from_another_version]


def cache_files(site: ProjectSite) -> list[Path]:
    return sorted(path for path in (site.root / ".cache" / "leadctl").rglob("*") if path.is_file())


def test_damaged_caches_are_ignored_and_rebuilt(network, tmp_path):
    reference = clean_build(network, tmp_path / "reference")
    assert run_build(network).returncode == 0
    for round_number in range(len(DAMAGES)):  # each build fills the caches the next round damages
        files = cache_files(network)
        kinds = {path.name if path.parent.name == "leadctl" else path.parent.name for path in files}
        assert {"project.pickle", "pages-en.sqlite3", "pages-zh.sqlite3", "texts-en.sqlite3", "texts-zh.sqlite3", "templates"} <= kinds
        # Every file gets a different damage in each round; over the rounds, every file gets every damage.
        rng = random.Random(round_number)
        damaged = {}
        for index, path in enumerate(files):
            damage = DAMAGES[(round_number + index) % len(DAMAGES)]
            damage(path, rng)
            damaged[path] = (damage.__name__, path.read_bytes())

        result = run_build(network)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert tree(network.site_dir) == reference, sorted((path.name, damage) for path, (damage, _) in damaged.items())
        for path, (damage, data) in damaged.items():
            if path.suffix != ".cache":  # a compiled template is written anew only by a build that compiles it
                assert path.exists() and path.read_bytes() != data, f"{path.name}, {damage}, was not rebuilt"
    # What the damaged builds wrote is a cache the next build can use.
    result = run_build(network)
    assert result.returncode == 0, result.stderr
    assert tree(network.site_dir) == reference

    # Plain MkDocs runs the same hooks, which read the same caches.
    rng = random.Random(len(DAMAGES))
    for index, path in enumerate(cache_files(network)):
        DAMAGES[index % len(DAMAGES)](path, rng)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp_path / "plain")], cwd=network.root,
        env=WITH_CACHE, capture_output=True, text=True, timeout=PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(tmp_path / "plain") == reference
