"""The speed layer's project cache: the same project and the same problems as checking afresh, with fewer checks."""

from __future__ import annotations

import pytest

import leadctl.checking.project
import leadctl.glue.speed.project_cache
from leadctl.base.problems import ValidationFailed
from leadctl.glue import speed
from leadctl.glue.speed.project_cache import CACHE_FOLDER
from leadctl.glue.speed.switches import CACHE_VARIABLE, SPEED_VARIABLE, WITHOUT_VARIABLE


def load(site):
    return speed.load_project(site.root, "data", "docs")


def as_a_new_process_starts():
    leadctl.glue.speed.project_cache.forget()


@pytest.fixture()
def checks(monkeypatch) -> list[int]:
    """One entry each time the data is checked, whichever path the speed layer takes to check it."""
    counted: list[int] = []
    check = leadctl.checking.project.load_project

    def counting(*args, **kwargs):
        counted.append(1)
        return check(*args, **kwargs)

    monkeypatch.setattr(leadctl.checking.project, "load_project", counting)
    monkeypatch.setattr(leadctl.glue.speed.project_cache, "load_project", counting)
    return counted


def describe(project) -> tuple:
    """What pages are built from: every record with its file, every news post."""
    return project.records, project.news


def test_the_cached_project_is_the_one_checked_afresh(site, monkeypatch):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    site.news("2026-05-01-hello", title="Hello")
    monkeypatch.setenv(SPEED_VARIABLE, "0")
    afresh = describe(load(site))
    monkeypatch.setenv(SPEED_VARIABLE, "1")
    assert describe(load(site)) == afresh
    assert describe(load(site)) == afresh  # kept in memory
    as_a_new_process_starts()
    assert describe(load(site)) == afresh  # read back from .cache/


def test_an_unchanged_project_is_checked_once_and_a_changed_one_again(site, checks):
    site.member("uni-a", name="University A")
    load(site)
    load(site)
    as_a_new_process_starts()
    assert load(site).members["uni-a"].record.name.en == "University A"
    assert len(checks) == 1
    site.member("uni-a", name="University B")  # same size, within the file system's timestamp resolution
    assert load(site).members["uni-a"].record.name.en == "University B"
    site.news("2026-05-01-hello", title="Hello")  # news posts live in docs/
    assert "2026-05-01-hello" in load(site).news
    (site.root / "data" / "members" / "uni-a.yml").unlink()
    as_a_new_process_starts()
    assert "uni-a" not in load(site).members
    assert len(checks) == 4


def test_without_the_project_cache_every_load_checks_the_data(site, checks, monkeypatch):
    monkeypatch.setenv(WITHOUT_VARIABLE, "project_cache")
    site.member("uni-a", name="University A")
    load(site)
    load(site)
    assert len(checks) == 2
    assert not (site.root / CACHE_FOLDER).exists()


def test_a_build_right_after_a_change_shows_the_change(site):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    site.build()
    site.member("uni-a", name={"en": "University B", "zh": "乙大学"})
    site.build()
    assert site.html("members/uni-a/").h1.get_text() == "University B"
    assert site.html("zh/members/uni-a/").h1.get_text() == "乙大学"


def test_the_same_problems_are_found_however_the_project_is_loaded(site, monkeypatch):
    site.member("uni-a", name="University A")
    load(site)  # a good project kept, then the files go bad: the problems are found, not hidden
    site.member("uni-a", name="University A", country="XX")
    site.member("uni-b", name="University B", pillars=["no-such-pillar"])
    monkeypatch.setenv(SPEED_VARIABLE, "0")
    with pytest.raises(ValidationFailed) as afresh:
        load(site)
    assert len(afresh.value.problems) == 2
    monkeypatch.setenv(SPEED_VARIABLE, "1")
    with pytest.raises(ValidationFailed) as cached:
        load(site)
    as_a_new_process_starts()
    with pytest.raises(ValidationFailed) as stored:
        load(site)
    assert cached.value.problems == afresh.value.problems
    assert stored.value.problems == afresh.value.problems


def test_a_damaged_stored_project_is_checked_again(site):
    site.member("uni-a", name="University A")
    load(site)
    stored = site.root / CACHE_FOLDER / "project.pickle"
    content_key = stored.read_bytes().split(b"\n", 1)[0]
    stored.write_bytes(content_key + b"\nnot a pickle")
    as_a_new_process_starts()
    assert load(site).members["uni-a"].record.name.en == "University A"
    assert stored.read_bytes().split(b"\n", 1)[1] != b"not a pickle"  # written again


def test_nothing_is_stored_with_the_caches_turned_off(site, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    site.member("uni-a", name="University A")
    load(site)
    assert not (site.root / CACHE_FOLDER).exists()
