"""The checked project is reused by the build only while its files are unchanged."""

from __future__ import annotations

from leadctl.cache import load_project_once


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
