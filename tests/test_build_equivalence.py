"""The parallel build (one process per language) writes the sequential build's site, byte for byte."""

from __future__ import annotations

import gc

import pytest

import leadctl.glue.engine
from leadctl.glue.speed.project_cache import CACHE_VARIABLE
from sitekit import ProjectSite, write_sample_network


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("equivalence") / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    return site


def build(site: ProjectSite, parallel: bool, folder: str, cache: bool = False) -> dict[str, bytes]:
    """Build into ``site.root / folder`` one way or the other; every file's bytes by path.

    ``cache``: use the cache of rendered pages (leadctl.glue.speed.page_cache) that earlier cached builds left.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(leadctl.glue.engine.PARALLEL_VARIABLE, "1" if parallel else "0")
        patch.setenv(CACHE_VARIABLE, "1" if cache else "0")
        result = site.leadctl("build", "--quiet", "--site-dir", folder)
    assert result.exit_code == 0, result.output
    root = site.root / folder
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_parallel_build_writes_the_sequential_build_byte_for_byte(network, monkeypatch):
    forks = []
    in_parallel = leadctl.glue.engine.build_languages_in_parallel

    def counted(*args, **kwargs):
        forks.append(args)
        return in_parallel(*args, **kwargs)

    monkeypatch.setattr(leadctl.glue.engine, "build_languages_in_parallel", counted)
    sequential = build(network, parallel=False, folder="site-sequential")
    assert forks == []
    parallel = build(network, parallel=True, folder="site-parallel")
    assert len(forks) == 1

    # The comparison covers every kind of file: pages of both languages, feeds, search, sitemap.
    for expected in (
        "index.html", "zh/index.html", "members/uni-a/index.html", "zh/members/uni-a/index.html", "zh/about/index.html",
        "news/2026-05-20-english-only/index.html", "404.html", "zh/404.html", "search/search_index.json",
        "zh/search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "files/readme.txt",
    ):
        assert expected in sequential, expected
    assert any(path.startswith("zh/") and path.endswith(".xml") for path in sequential)  # the Chinese feeds
    assert sorted(parallel) == sorted(sequential)
    different = [path for path in sequential if parallel[path] != sequential[path]]
    assert different == []
    left = [path.name for path in network.root.glob(".site-parallel*") if path.is_dir()]
    assert left == [], "a language's build folder was left behind"
    assert gc.get_freeze_count() == 0  # what the processes shared is collected again here (serve builds on)


def test_building_twice_gives_the_same_bytes(network):
    # What the comparison above relies on: a build depends on nothing but its input.
    first = build(network, parallel=True, folder="site-again-1")
    second = build(network, parallel=True, folder="site-again-2")
    assert first == second


def test_builds_from_the_cache_of_rendered_pages_write_the_same_bytes(network):
    without = build(network, parallel=False, folder="site-uncached")
    filling = build(network, parallel=True, folder="site-filling-cache", cache=True)
    assert sorted((network.root / ".cache" / "leadctl").glob("pages-*.sqlite3")), "no cache was written"
    from_cache_parallel = build(network, parallel=True, folder="site-from-cache", cache=True)
    from_cache_sequential = build(network, parallel=False, folder="site-from-cache-sequential", cache=True)
    assert filling == without
    assert from_cache_parallel == without
    assert from_cache_sequential == without


WARNS_IN_CHINESE = """\
import logging


def on_post_build(config):
    if config.plugins["i18n"].current_language == "zh":
        logging.getLogger("mkdocs.hooks").warning("only the Chinese pass says this")
"""


def test_a_warning_in_the_other_language_fails_the_parallel_build_and_keeps_the_old_site(site, monkeypatch):
    monkeypatch.setenv(leadctl.glue.engine.PARALLEL_VARIABLE, "1")
    site.build()
    before = site.snapshot()
    # A project hook that warns in the Chinese pass alone: nothing leadctl checks before building can see it.
    site.write("hooks/warns.py", WARNS_IN_CHINESE)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/warns.py\n", 1), encoding="utf-8")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "only the Chinese pass says this" in result.output  # logged by the Chinese process, shown by this one
    assert "strict mode" in result.output
    assert site.snapshot() == before
    assert [path.name for path in site.root.glob(".site*") if path.is_dir()] == []


def test_the_default_language_process_writes_the_other_languages_data_files(network, tmp_path):
    import os

    import leadctl.writers.outputs

    log = tmp_path / "writers.log"

    def logged(writer):
        def write(site, language, output_dir, base_url):
            with log.open("a", encoding="utf-8") as stream:  # each process appends its own lines
                stream.write(f"{writer.__name__} {language} {os.getpid()}\n")
            writer(site, language, output_dir, base_url)

        return write

    lists = (leadctl.writers.outputs.PASS_WRITERS, leadctl.writers.outputs.DATA_WRITERS, leadctl.writers.outputs.WRITERS)
    originals = [list(writers) for writers in lists]
    for writers in lists:
        writers[:] = [logged(writer) for writer in writers]
    try:
        files = build(network, parallel=True, folder="site-data-files")
    finally:
        for writers, original in zip(lists, originals):
            writers[:] = original
    runs = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    here = str(os.getpid())
    assert sorted((name, language) for name, language, pid in runs if pid == here) == sorted(
        [("write_news_feeds", "en"), ("write_briefs_feed", "en"), ("write_calendars", "en"), ("write_citation_files", "en"),
         ("write_briefs_feed", "zh"), ("write_calendars", "zh"), ("write_citation_files", "zh")]
    )
    # The Chinese process writes only what needs its pass: the news feeds, with the posts as it rendered them.
    assert [(name, language) for name, language, pid in runs if pid != here] == [("write_news_feeds", "zh")]
    assert any(path.startswith("zh/events/") and path.endswith(".ics") for path in files)


@pytest.mark.parametrize(("setting", "in_parallel"), [("1", True), (None, False), ("0", False)])
def test_on_one_core_leadctl_parallel_1_still_builds_in_parallel(network, monkeypatch, setting, in_parallel):
    forks = []
    parallel_build = leadctl.glue.engine.build_languages_in_parallel
    monkeypatch.setattr(leadctl.glue.engine, "build_languages_in_parallel", lambda *args, **kwargs: forks.append(args) or parallel_build(*args, **kwargs))
    monkeypatch.setattr(leadctl.glue.engine.os, "sched_getaffinity", lambda pid: {0}, raising=False)  # a machine with one core
    monkeypatch.setattr(leadctl.glue.engine.os, "cpu_count", lambda: 1)
    if setting is not None:
        monkeypatch.setenv(leadctl.glue.engine.PARALLEL_VARIABLE, setting)
    result = network.leadctl("build", "--quiet", "--site-dir", f"site-one-core-{setting}")
    assert result.exit_code == 0, result.output
    assert len(forks) == (1 if in_parallel else 0)
    assert (network.root / f"site-one-core-{setting}" / "zh" / "index.html").is_file()
