"""leadctl new: records that validate at once, never overwritten, refused with a clear reason."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest
import yaml

from leadctl.reading.documents import parse_yaml, read_front_matter
from leadctl.commands.new import yaml_scalar
from sitekit import TODAY_EPOCH

TRICKY_TEXTS = [
    "Governance: a comparative study",
    "Issue #3 of the series",
    "#hashtag first",
    'The "so-called" reform',
    "It's Leiden's turn",
    "'quoted all through'",
    "大学治理：比较研究（第二版）",
    "yes",
    "NO",
    "null",
    "~",
    "2026",
    "1e3",
    "0o17",
    "2026-10-13",
    "- a dash first",
    "[brackets] and {braces}",
    "* star, & ampersand, ! bang, | pipe, > greater",
    "@handle `code` %percent",
    "ends with a colon:",
    "back\\slash",
    "tab\there",
    "two\nlines",
    "emoji 🎓 and a zero-width\u200bspace",
    "odd\u2028separator and \x85 next-line and \x7f delete",
]


def _loaded(path) -> dict:
    document = parse_yaml(path.read_text(encoding="utf-8"), "x")
    assert not document.problems
    return document.data


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_written_values_read_back_exactly_with_leadctl_and_plain_yaml(text):
    line = f"key: {yaml_scalar(text)}\n"
    assert parse_yaml(line, "x").data == {"key": text}
    assert yaml.safe_load(line) == {"key": text}


def test_new_member_validates_at_once_with_room_for_the_translation(site):
    name = 'Leiden: the "old" #1 University'
    result = site.leadctl("new", "member", "leiden", "--kind", "institution", "--name", name, "--country", "NL")
    assert result.exit_code == 0, result.output
    assert "Created data/members/leiden.yml" in result.output
    path = site.root / "data/members/leiden.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/member.schema.json"
    data = _loaded(path)
    assert data["name"] == {"en": name, "zh": None}
    assert "  zh:   # Chinese translation" in text
    assert data["kind"] == "institution" and data["country"] == "NL"
    validated = site.leadctl("validate")
    assert validated.exit_code == 0, validated.output


def test_chinese_given_as_an_option_fills_the_zh_slot(site):
    result = site.leadctl(
        "new", "brief", "governance-2026", "--title", "Shared governance", "--title-zh", "共同治理：一项研究",
        "--date", "2026-03-01", "--summary", "What it says.", "--summary-zh", "简报的要点。",
    )
    assert result.exit_code == 0, result.output
    data = _loaded(site.root / "data/briefs/governance-2026.yml")
    assert data["title"] == {"en": "Shared governance", "zh": "共同治理：一项研究"}
    assert data["summary"] == {"en": "What it says.", "zh": "简报的要点。"}
    assert data["date"] == "2026-03-01"
    assert site.leadctl("validate").exit_code == 0


@pytest.mark.parametrize("title", [t for t in TRICKY_TEXTS if "\n" not in t and not t.startswith(("yes", "NO"))][::3])
def test_any_title_survives_the_round_trip_through_leadctl_new(site, title):
    result = site.leadctl(
        "new", "event", "talk", "--title", title, "--kind", "seminar", "--start", "2026-10-13", "--summary", "One line.",
    )
    assert result.exit_code == 0, result.output
    assert _loaded(site.root / "data/events/talk.yml")["title"]["en"] == title.strip()
    assert site.leadctl("validate").exit_code == 0


def test_an_existing_record_is_never_overwritten(site):
    path = site.member("leiden", name="Leiden University")
    before = path.read_bytes()
    result = site.leadctl("new", "member", "leiden", "--kind", "institution", "--name", "Other", "--country", "DE")
    assert result.exit_code == 1
    assert "data/members/leiden.yml already exists" in result.output
    assert "never overwrites" in result.output
    assert path.read_bytes() == before


def test_an_existing_news_post_is_never_overwritten(site):
    path = site.news("2026-05-01-launch", title="Launch")
    before = path.read_bytes()
    result = site.leadctl("new", "news", "launch", "--title", "Again", "--date", "2026-05-01")
    assert result.exit_code == 1
    assert "docs/news/2026-05-01-launch.md already exists" in result.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("bad_id", ["Leiden", "leiden_university", "leiden-", "leiden--university", "leiden.yml", "北大"])
def test_a_bad_id_is_refused_like_a_bad_file_name(site, bad_id):
    result = site.leadctl("new", "member", bad_id, "--kind", "institution", "--name", "X", "--country", "NL")
    assert result.exit_code == 2
    assert f"bad id {bad_id!r}" in result.output
    assert "lowercase letters, digits and single hyphens" in result.output
    assert not (site.root / "data" / "members").exists()


def test_missing_required_fields_without_a_terminal_are_named_and_nothing_is_written(site):
    result = site.leadctl("new", "event", "forum", "--kind", "forum")
    assert result.exit_code == 2
    assert "missing --title, --start, --summary" in result.output
    assert "no terminal to ask" in result.output
    assert not (site.root / "data" / "events").exists()


def test_a_local_time_needs_a_time_zone(site):
    args = ("new", "event", "forum", "--title", "Forum", "--kind", "forum", "--start", "2026-10-13 09:30", "--summary", "S.")
    refused = site.leadctl(*args)
    assert refused.exit_code == 2
    assert "missing --timezone" in refused.output
    created = site.leadctl(*args, "--timezone", "Asia/Shanghai")
    assert created.exit_code == 0, created.output
    data = _loaded(site.root / "data/events/forum.yml")
    assert data["start"] == "2026-10-13 09:30" and data["timezone"] == "Asia/Shanghai"
    assert "start: 2026-10-13 09:30\n" in (site.root / "data/events/forum.yml").read_text(encoding="utf-8")
    assert site.leadctl("validate").exit_code == 0


def test_bad_values_are_reported_with_file_and_line_and_nothing_is_written(site):
    result = site.leadctl("new", "member", "leiden", "--kind", "institution", "--name", "Leiden", "--country", "XX")
    assert result.exit_code == 1
    assert "data/members/leiden.yml:7: country: expected an ISO 3166-1 alpha-2 country code" in result.output
    assert "nothing was written" in result.output
    assert not (site.root / "data/members/leiden.yml").exists()


def test_an_end_before_the_start_is_refused_with_the_validators_message(site):
    result = site.leadctl(
        "new", "event", "forum", "--title", "Forum", "--kind", "forum", "--start", "2026-10-13", "--end", "2026-10-12",
        "--summary", "S.",
    )
    assert result.exit_code == 1
    assert "data/events/forum.yml:8: end: end (2026-10-12) is before start (2026-10-13)" in result.output
    assert not (site.root / "data/events/forum.yml").exists()


def test_a_bad_choice_is_refused_by_the_option_itself(site):
    result = site.leadctl("new", "member", "x", "--kind", "company", "--name", "X", "--country", "NL")
    assert result.exit_code == 2
    assert "'company' is not one of 'institution', 'individual'" in result.output


def test_news_post_is_named_after_its_date_and_validates(site):
    result = site.leadctl("new", "news", "new-website", "--title", "Our new website: online", "--date", "2026-05-20")
    assert result.exit_code == 0, result.output
    path = site.root / "docs/news/2026-05-20-new-website.md"
    document = read_front_matter(path, site.root)
    assert not document.problems
    assert document.data == {"title": "Our new website: online", "date": "2026-05-20"}
    assert "docs/zh/news/2026-05-20-new-website.md" in path.read_text(encoding="utf-8")
    assert site.leadctl("validate").exit_code == 0
    # An id that already carries a date keeps it (no second prefix).
    again = site.leadctl("new", "news", "2026-05-21-follow-up", "--title", "Follow-up", "--date", "2026-05-21")
    assert again.exit_code == 0, again.output
    assert (site.root / "docs/news/2026-05-21-follow-up.md").is_file()


def test_news_with_a_bad_date_names_no_file(site):
    result = site.leadctl("new", "news", "launch", "--title", "Launch", "--date", "20/05/2026")
    assert result.exit_code == 1
    assert "--date: expected a date like 2025-10-13" in result.output
    assert not (site.root / "docs/news").exists()


def test_scaffolded_records_build_into_pages_in_both_languages(site):
    steps = [
        ("new", "member", "leiden", "--kind", "institution", "--name", "Leiden University", "--name-zh", "莱顿大学", "--country", "NL"),
        ("new", "member", "wang-li", "--kind", "individual", "--name", "Wang Li", "--country", "CN"),
        ("new", "event", "autumn-forum", "--title", "Autumn forum", "--kind", "forum", "--start", "2026-10-13 09:30",
         "--timezone", "Europe/Brussels", "--summary", "A forum on governance."),
        ("new", "brief", "shared-governance", "--title", "Shared governance", "--date", "2026-03-01", "--summary", "What it says."),
        ("new", "news", "welcome", "--title", "Welcome", "--date", "2026-05-02", "--summary", "Hello."),
    ]
    for step in steps:
        result = site.leadctl(*step)
        assert result.exit_code == 0, result.output
    site.build()
    assert site.html("members/leiden/").h1.get_text(strip=True) == "Leiden University"
    assert site.html("zh/members/leiden/").h1.get_text(strip=True) == "莱顿大学"
    assert site.html("zh/members/wang-li/").h1.get_text(strip=True) == "Wang Li"
    assert "Autumn forum" in site.text("zh/events/autumn-forum/")
    assert "Shared governance" in site.text("briefs/shared-governance/")
    assert "Welcome" in site.text("news/2026-05-02-welcome/")


def _spawn(site, *args: str) -> pexpect.spawn:
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_COLOR": "1"}
    return pexpect.spawn(sys.executable, ["-m", "leadctl", *args], cwd=str(site.root), env=env, encoding="utf-8", timeout=30)


def test_with_a_terminal_missing_fields_are_asked_for_and_bad_answers_asked_again(site):
    child = _spawn(site, "new", "event", "spring-seminar", "--kind", "seminar")
    child.expect_exact("Title (English):")
    child.sendline("Spring seminar: leadership")
    child.expect_exact("Title (Chinese, 中文)")
    child.sendline("春季研讨会：领导力")
    child.expect_exact("Start (2026-10-13, or 2026-10-13 09:30 local time) [2026-06-01]:")
    child.sendline("13 October")
    child.expect_exact("Error: expected a date like 2025-10-13")
    child.expect_exact("Start")
    child.sendline("2026-10-13 14:00")
    child.expect_exact("Time zone of the place")
    child.sendline("Europe/Atlantis")
    child.expect_exact("Error: unknown time zone 'Europe/Atlantis'")
    child.expect_exact("Time zone of the place")
    child.sendline("Europe/Brussels")
    child.expect_exact("Summary (English, one or two sentences):")
    child.sendline("An afternoon seminar.")
    child.expect_exact("Summary (Chinese, 中文")
    child.sendline("")
    child.expect_exact("Created data/events/spring-seminar.yml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = _loaded(site.root / "data/events/spring-seminar.yml")
    assert data["title"] == {"en": "Spring seminar: leadership", "zh": "春季研讨会：领导力"}
    assert data["summary"] == {"en": "An afternoon seminar.", "zh": None}
    assert data["start"] == "2026-10-13 14:00" and data["timezone"] == "Europe/Brussels"
    assert site.leadctl("validate").exit_code == 0


def test_with_a_terminal_the_date_defaults_to_today(site):
    child = _spawn(site, "new", "brief", "note", "--title", "Note", "--summary", "S.")
    child.expect_exact("Date of publication (YYYY-MM-DD) [2026-06-01]:")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _loaded(site.root / "data/briefs/note.yml")["date"] == "2026-06-01"


def test_news_without_a_date_is_dated_today(site):
    # As `hugo new` does: the post is written the day it is published.
    result = site.leadctl("new", "news", "launch", "--title", "Launch")
    assert result.exit_code == 0, result.output
    path = site.root / "docs/news/2026-06-01-launch.md"  # sitekit's pinned today
    assert read_front_matter(path, site.root).data["date"] == "2026-06-01"
    assert "Created docs/news/2026-06-01-launch.md" in result.output
    assert site.leadctl("validate").exit_code == 0
