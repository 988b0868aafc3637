"""leadctl i18n: what has no Chinese version, per record and page, with a summary per kind."""

from __future__ import annotations

import json

import pytest

from leadctl.records.kinds import KINDS
from sitekit import PILLARS


@pytest.fixture
def mixed_site(site):
    """A project in which some of each kind is translated and some is not."""
    site.member("leiden", name={"en": "Leiden University", "zh": "莱顿大学"}, city={"en": "Leiden", "zh": "莱顿"})
    site.member("plain-name", name="Universität Example")  # a plain string is the same in both languages
    site.write(
        "data/members/half.yml",
        "kind: institution\nname:\n  en: Half University\n  zh: 半大学\ncountry: NL\ncity:\n  en: Utrecht\n  zh:\n"
        "description:\n  en: Text.\n",
    )
    site.event("forum", title={"en": "Forum", "zh": ""}, summary={"en": "A forum.", "zh": "论坛。"})
    site.event("seminar", title={"en": "Seminar", "zh": "研讨会"}, summary={"en": "S.", "zh": "研讨。"})
    site.brief(
        "brief-a",
        title={"en": "Brief", "zh": "简报"},
        summary={"en": "S.", "zh": "摘要。"},
        authors=[{"member": "leiden"}, {"name": {"en": "A. Person"}}],
    )
    site.write_yaml(
        "data/pillars.yml",
        PILLARS + [{"id": "sharing", "title": {"en": "Sharing", "zh": "共享"}, "summary": "Sharing.",
                    "activities": [{"en": "Networking", "zh": "交流"}, {"en": "Community services"}]}],
    )
    site.write("docs/about.md", "# About\n")
    site.write("docs/zh/about.md", "# 关于\n")
    site.write("docs/join.md", "# Join\n")
    site.write("docs/guides/howto.md", "# How to\n")
    site.news("2026-05-01-both", title="Both")
    site.news("2026-05-01-both", language="zh", title="两种语言")
    site.news("2026-05-02-english-only", title="English only")
    site.news("2026-05-03-chinese-only", language="zh", title="仅中文")
    return site


def test_text_report_lists_what_is_missing_and_sums_up_per_kind(mixed_site):
    result = mixed_site.leadctl("i18n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:6] == [
        "data/members/half.yml:6: half: no Chinese (zh) for city, description",
        "data/events/forum.yml:1: forum: no Chinese (zh) for title",
        "data/briefs/brief-a.yml:10: brief-a: no Chinese (zh) for authors[1].name",
        "data/pillars.yml:26: sharing: no Chinese (zh) for activities[1]",
        "docs/guides/howto.md:1: no Chinese version; translate it into docs/zh/guides/howto.md",
        "docs/join.md:1: no Chinese version; translate it into docs/zh/join.md",
    ]
    assert "docs/news/2026-05-02-english-only.md:1: no Chinese version; translate it into docs/zh/news/2026-05-02-english-only.md" in lines
    assert lines[-11:] == [
        "members     2/3 translated (66%)",
        "events      1/2 translated (50%)",
        "projects    0/0 translated (nothing to translate)",
        "programmes  0/0 translated (nothing to translate)",
        "briefs      0/1 translated (0%)",
        "knowledge   0/0 translated (nothing to translate)",
        "topics      0/0 translated (nothing to translate)",
        "pillars     2/3 translated (66%)",
        "pages       2/4 translated (50%)",
        "news        1/2 translated (50%)",
        "all         8/15 translated (53%)",
    ]
    assert not any("both" in line or "chinese-only" in line for line in lines)


def test_json_report(mixed_site):
    result = mixed_site.leadctl("i18n", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert (report["translated"], report["total"]) == (8, 15)
    assert report["percent"] == pytest.approx(53.33, abs=0.01)
    assert report["kinds"]["members"] == {"translated": 2, "total": 3}
    half = next(item for item in report["untranslated"] if item["name"] == "half")
    assert half == {"kind": "members", "name": "half", "file": "data/members/half.yml", "line": 6, "missing": ["city", "description"]}


@pytest.mark.parametrize(("threshold", "exit_code"), [("50", 0), ("53.3", 0), ("53.4", 1), ("100", 1)])
def test_fail_under_exits_one_below_the_threshold(mixed_site, threshold, exit_code):
    result = mixed_site.leadctl("i18n", "--fail-under", threshold)
    assert result.exit_code == exit_code
    if exit_code:
        assert f"Only 53.3% is translated, below --fail-under {threshold}." in result.output


def test_a_fully_translated_site_passes_any_threshold(site):
    site.member("leiden", name={"en": "Leiden University", "zh": "莱顿大学"})
    result = site.leadctl("i18n", "--fail-under", "100")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "all         4/4 translated (100%)"


def test_translating_a_field_moves_the_record_to_translated(mixed_site):
    mixed_site.event("forum", title={"en": "Forum", "zh": "论坛"}, summary={"en": "A forum.", "zh": "论坛。"})
    result = mixed_site.leadctl("i18n")
    assert "forum" not in result.output
    assert "events      2/2 translated (100%)" in result.output.splitlines()


def test_invalid_data_is_reported_instead_of_a_status(site):
    site.write("data/members/bad.yml", "kind: institution\nname: A\ncountry: XX\n")
    result = site.leadctl("i18n")
    assert result.exit_code == 1
    assert "data/members/bad.yml:3: country:" in result.output
    assert "translated" not in result.output


def test_the_shipped_site_reports_its_status():
    import subprocess
    import sys

    from sitekit import REPO

    result = subprocess.run([sys.executable, "-m", "leadctl", "i18n", "--format", "json"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["kinds"]["pages"]["total"] >= 1
    assert set(report["kinds"]) == {kind.name for kind in KINDS} | {"pages"}
