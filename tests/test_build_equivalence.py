"""The speed layer changes how much work a build does, never the site: every way of building writes the same bytes.

The parallel build (one process per language) writes the sequential build's
site, builds from the caches write the uncached build's, and a build with
the whole speed layer switched off (``LEADCTL_SPEED=0``) writes the same site
as one with it on.
"""

from __future__ import annotations

import shutil

import pytest

import leadctl.glue.engine
from leadctl.glue.speed.switches import CACHE_VARIABLE, MECHANISMS, SPEED_VARIABLE, WITHOUT_VARIABLE
from sitekit import ProjectSite, write_sample_network


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("equivalence") / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    return site


def build(site: ProjectSite, parallel: bool, folder: str, cache: bool = False, speed: bool = True) -> dict[str, bytes]:
    """Build into ``site.root / folder`` one way or the other; every file's bytes by path.

    ``cache``: use the caches (leadctl.glue.speed) that earlier cached builds left;
    ``speed``: False switches the whole speed layer off, whatever the other two say.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(leadctl.glue.engine.PARALLEL_VARIABLE, "1" if parallel else "0")
        patch.setenv(CACHE_VARIABLE, "1" if cache else "0")
        patch.setenv(SPEED_VARIABLE, "1" if speed else "0")
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
        "news/2026-05-20-english-only/index.html", "404.html", "zh/404.html", "search/index.json",
        "zh/search/index.json", "sitemap.xml", "sitemap.xml.gz", "files/readme.txt",
    ):
        assert expected in sequential, expected
    assert any(path.startswith("zh/") and path.endswith(".xml") for path in sequential)  # the Chinese feeds
    assert any(path.startswith("zh/search/pages/") for path in sequential)  # the Chinese pages' indexed text
    assert sorted(parallel) == sorted(sequential)
    different = [path for path in sequential if parallel[path] != sequential[path]]
    assert different == []
    left = [path.name for path in network.root.glob(".site-parallel*") if path.is_dir()]
    assert left == [], "a language's build folder was left behind"


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


def test_the_site_is_the_same_with_the_speed_layer_off(network, monkeypatch):
    forks = []
    in_parallel = leadctl.glue.engine.build_languages_in_parallel
    monkeypatch.setattr(leadctl.glue.engine, "build_languages_in_parallel", lambda *a, **k: forks.append(a) or in_parallel(*a, **k))
    shutil.rmtree(network.root / ".cache", ignore_errors=True)
    # Asked for parallel processes and caches: the switch overrules both.
    off = build(network, parallel=True, folder="site-speed-off", cache=True, speed=False)
    assert forks == []
    assert not (network.root / ".cache").exists(), "a cache was written with the speed layer off"
    on_filling = build(network, parallel=True, folder="site-speed-on", cache=True)
    on_from_caches = build(network, parallel=True, folder="site-speed-on-again", cache=True)
    assert len(forks) == 2
    assert sorted(off) == sorted(on_filling)
    assert [path for path in off if off[path] != on_filling[path]] == []
    assert [path for path in off if off[path] != on_from_caches[path]] == []


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


@pytest.fixture(scope="module")
def reference_and_filled_caches(network) -> dict[str, bytes]:
    """The site built with the speed layer off, and the caches a build with it on leaves for the next one."""
    reference = build(network, parallel=False, folder="site-reference", speed=False)
    build(network, parallel=True, folder="site-filling-for-mechanisms", cache=True)
    return reference


@pytest.mark.parametrize("mechanism", sorted(MECHANISMS))
def test_the_site_is_the_same_with_one_speed_mechanism_off(network, reference_and_filled_caches, monkeypatch, mechanism):
    # Each mechanism is measured by switching it off alone; the others then run in combinations the
    # whole layer never shows, over the caches the last build left.
    monkeypatch.setenv(WITHOUT_VARIABLE, mechanism)
    without = build(network, parallel=True, folder=f"site-without-{mechanism}", cache=True)
    assert sorted(without) == sorted(reference_and_filled_caches)
    assert [path for path in without if without[path] != reference_and_filled_caches[path]] == []


def test_calendars_from_serialised_pieces_are_the_calendars_serialised_whole(tmp_path, monkeypatch):
    # Events in several zones (two sharing one, one across a daylight-saving change), a day-long
    # event, a bare offset and an untranslated event: every calendar file is the same either way,
    # and icalendar serialises fewer properties.
    from icalendar.cal.component import Component

    site = ProjectSite(tmp_path / "project")
    site.member("uni-a", name="University A")
    for number, (start, end, zone) in enumerate([
        ("2026-03-28 09:30", "2026-03-29 17:00", "Europe/Amsterdam"),
        ("2026-05-02 14:00", "2026-05-02 16:00", "Europe/Amsterdam"),
        ("2026-05-03 10:00", "2026-05-03 12:00", "Asia/Shanghai"),
        ("2026-06-01 08:00+02:00", "2026-06-01 09:00+02:00", None),
        ("2026-07-01", "2026-07-03", None),
    ]):
        fields = {"start": start, "end": end, "organizers": ["uni-a"], "title": {"en": f"Event {number}", "zh": f"活动 {number}"}}
        if zone:
            fields["timezone"] = zone
        site.event(f"event-{number}", **fields)
    site.event("untranslated", start="2026-09-09", organizers=["uni-a"])

    serialised = []
    content_line = Component.content_line

    def counted(component, name, *args, **kwargs):
        serialised.append(name)
        return content_line(component, name, *args, **kwargs)

    monkeypatch.setattr(Component, "content_line", counted)
    monkeypatch.setenv(WITHOUT_VARIABLE, "calendar_pieces")
    whole = {path: data for path, data in build(site, parallel=False, folder="site-whole").items() if path.endswith(".ics")}
    whole_count = len(serialised)
    serialised.clear()
    monkeypatch.delenv(WITHOUT_VARIABLE)
    pieces = {path: data for path, data in build(site, parallel=False, folder="site-pieces").items() if path.endswith(".ics")}

    assert len(whole) == 2 * (1 + 6)  # each language: the whole programme and one file per event
    assert b"TZID:Asia/Shanghai" in whole["events/calendar.ics"]
    assert pieces == whole
    assert 0 < len(serialised) < whole_count


def test_citations_are_the_same_when_citeproc_answers_each_question_about_a_style_once(tmp_path, monkeypatch):
    # Briefs and works of several kinds, cited in four styles per language: the pages and the citation
    # files are the same either way, and citeproc-py queries the styles' trees, and looks up the
    # reference an item cites, fewer times.
    from citeproc import model
    from citeproc.source import CitationItem

    from leadctl.glue.speed.style_lookups import answer_style_questions_once

    site = ProjectSite(tmp_path / "project")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    for number in range(3):
        site.brief(f"brief-{number}", title={"en": f"Brief {number}", "zh": f"简报 {number}"}, date=f"2026-0{number + 1}-01",
                   authors=[{"member": "uni-a"}, {"name": "王丽"}, {"name": "Anna de Vries"}], summary="S.")
    for kind in ("report", "article", "chapter", "course"):
        site.work(f"work-{kind}", kind=kind, container="A Journal", volume=3, pages="1-9", authors=[{"name": "Bob Lee"}])

    answer_style_questions_once(False)  # an earlier build in this process may have left it on
    queries = []
    xpath_search = model.CitationStylesElement.xpath_search

    def counted(element, expression):
        queries.append(expression)
        return xpath_search(element, expression)

    monkeypatch.setattr(model.CitationStylesElement, "xpath_search", counted)
    lookups = []
    find_reference = CitationItem.reference.fget

    def counted_reference(item):
        lookups.append(item.key)
        return find_reference(item)

    monkeypatch.setattr(CitationItem, "reference", property(counted_reference))
    monkeypatch.setenv(WITHOUT_VARIABLE, "style_lookups")
    plain = build(site, parallel=False, folder="site-plain")
    plain_count, plain_lookups = len(queries), len(lookups)
    queries.clear()
    lookups.clear()
    monkeypatch.delenv(WITHOUT_VARIABLE)
    kept = build(site, parallel=False, folder="site-kept")
    answer_style_questions_once(False)

    assert any(path.endswith(".bib") for path in plain)
    assert "APA" in plain["knowledge/work-report/index.html"].decode()
    assert kept == plain
    assert 0 < len(queries) < plain_count
    assert 0 < len(lookups) < plain_lookups / 10
