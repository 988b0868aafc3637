"""The checked project is reused by the build only while its files are unchanged."""

from __future__ import annotations

import pytest

import leadctl.cache
from leadctl.cache import CACHE_FOLDER, CACHE_VARIABLE, load_project_once
from leadctl.problems import ValidationFailed


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
    leadctl.cache.forget()  # as a new process would start
    monkeypatch.setattr(leadctl.cache, "load_project", _no_checking)
    again = load_project_once(site.root)
    assert again is not first
    assert again.members["uni-a"].record.name.zh == "甲大学"
    assert again.members["uni-a"].source == first.members["uni-a"].source


def test_a_change_of_one_byte_is_checked_again_from_disk_too(site, monkeypatch):
    site.member("uni-a", name="University A")
    load_project_once(site.root)
    leadctl.cache.forget()
    site.member("uni-a", name="University B")  # same size
    assert load_project_once(site.root).members["uni-a"].record.name.en == "University B"
    site.member("uni-a", name="University A", country="XX")  # and a problem is found, not hidden
    leadctl.cache.forget()
    with pytest.raises(ValidationFailed):
        load_project_once(site.root)


def test_a_damaged_stored_project_is_checked_again(site):
    site.member("uni-a", name="University A")
    load_project_once(site.root)
    stored = site.root / CACHE_FOLDER / "project.pickle"
    content_key = stored.read_bytes().split(b"\n", 1)[0]
    stored.write_bytes(content_key + b"\nnot a pickle")
    leadctl.cache.forget()
    assert load_project_once(site.root).members["uni-a"].record.name.en == "University A"
    assert stored.read_bytes().split(b"\n", 1)[1] != b"not a pickle"  # written again


def test_nothing_is_stored_with_the_caches_turned_off(site, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    site.member("uni-a", name="University A")
    load_project_once(site.root)
    assert not (site.root / CACHE_FOLDER).exists()
