"""The checked project is reused by the build only while its files are unchanged."""

from __future__ import annotations

import os

import pytest

import leadctl.glue.speed.project_cache
from leadctl.glue.speed.project_cache import CACHE_FOLDER, CACHE_VARIABLE, ProjectLoading, load_project_once
from leadctl.base.problems import ValidationFailed


def test_an_unchanged_project_is_loaded_once_and_a_changed_one_again(site):
    site.member("uni-a", name="University A")
    first = load_project_once(site.root)
    assert load_project_once(site.root) is first
    site.member("uni-a", name="University B")  # same size, within the file system's timestamp resolution
    second = load_project_once(site.root)
    assert second is not first
    assert second.members["uni-a"].record.name.en == "University B"
    site.news("2026-05-01-hello", title="Hello")  # news posts live in docs/
    third = load_project_once(site.root)
    assert "2026-05-01-hello" in third.news
    (site.root / "data" / "members" / "uni-a.yml").unlink()
    assert "uni-a" not in load_project_once(site.root).members


def test_a_build_right_after_a_change_shows_the_change(site):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    site.build()
    site.member("uni-a", name={"en": "University B", "zh": "乙大学"})
    site.build()
    assert site.html("members/uni-a/").h1.get_text() == "University B"
    assert site.html("zh/members/uni-a/").h1.get_text() == "乙大学"


def _no_checking(*args, **kwargs):
    raise AssertionError("the data was checked again")


def test_the_checked_project_is_kept_on_disk_for_the_next_build(site, monkeypatch):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    first = load_project_once(site.root)
    leadctl.glue.speed.project_cache.forget()  # as a new process would start
    monkeypatch.setattr(leadctl.glue.speed.project_cache, "load_project", _no_checking)
    again = load_project_once(site.root)
    assert again is not first
    assert again.members["uni-a"].record.name.zh == "甲大学"
    assert again.members["uni-a"].source == first.members["uni-a"].source


def test_a_change_of_one_byte_is_checked_again_from_disk_too(site, monkeypatch):
    site.member("uni-a", name="University A")
    load_project_once(site.root)
    leadctl.glue.speed.project_cache.forget()
    site.member("uni-a", name="University B")  # same size
    assert load_project_once(site.root).members["uni-a"].record.name.en == "University B"
    site.member("uni-a", name="University A", country="XX")  # and a problem is found, not hidden
    leadctl.glue.speed.project_cache.forget()
    with pytest.raises(ValidationFailed):
        load_project_once(site.root)


def test_a_damaged_stored_project_is_checked_again(site):
    site.member("uni-a", name="University A")
    load_project_once(site.root)
    stored = site.root / CACHE_FOLDER / "project.pickle"
    content_key = stored.read_bytes().split(b"\n", 1)[0]
    stored.write_bytes(content_key + b"\nnot a pickle")
    leadctl.glue.speed.project_cache.forget()
    assert load_project_once(site.root).members["uni-a"].record.name.en == "University A"
    assert stored.read_bytes().split(b"\n", 1)[1] != b"not a pickle"  # written again


def test_nothing_is_stored_with_the_caches_turned_off(site, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    site.member("uni-a", name="University A")
    load_project_once(site.root)
    assert not (site.root / CACHE_FOLDER).exists()


def _checking_recorded(record):
    """load_project, writing the id of the process that checks into ``record``."""
    check = leadctl.glue.speed.project_cache.load_project

    def checking(*args, **kwargs):
        with record.open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        return check(*args, **kwargs)

    return checking


def test_a_project_loaded_beside_is_checked_by_another_process_once(site, monkeypatch, tmp_path):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    record = tmp_path / "checked-by"
    monkeypatch.setattr(leadctl.glue.speed.project_cache, "load_project", _checking_recorded(record))
    loading = ProjectLoading(site.root)
    project = loading.result()
    assert project.members["uni-a"].record.name.zh == "甲大学"
    assert loading.seconds > 0
    checkers = record.read_text(encoding="utf-8").split()
    assert len(checkers) == 1 and checkers[0] != str(os.getpid())
    assert load_project_once(site.root) is project  # the build that follows finds it here


def test_a_project_loaded_beside_reports_the_data_problems_found_there(site):
    site.member("uni-a", name="University A", country="XX")
    site.member("uni-b", name="University B", pillars=["no-such-pillar"])
    with pytest.raises(ValidationFailed) as here:
        load_project_once(site.root)
    leadctl.glue.speed.project_cache.forget()
    with pytest.raises(ValidationFailed) as beside:
        ProjectLoading(site.root).result()
    assert beside.value.problems == here.value.problems and len(here.value.problems) == 2


def test_a_project_is_loaded_here_when_the_other_process_cannot_report(site, monkeypatch, tmp_path):
    site.member("uni-a", name="University A")
    parent = os.getpid()
    record = tmp_path / "checked-by"
    check = _checking_recorded(record)

    def dying_elsewhere(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(3)  # as a process killed for want of memory would end
        return check(*args, **kwargs)

    monkeypatch.setattr(leadctl.glue.speed.project_cache, "load_project", dying_elsewhere)
    assert ProjectLoading(site.root).result().members["uni-a"].record.name.en == "University A"
    assert record.read_text(encoding="utf-8").split() == [str(parent)]
