"""Odd input files: each is answered with `path:line: message` naming what to fix, never a traceback.

Contributors paste text from Word, WeChat and PDFs and type on Chinese
keyboards; these are the slips and oddities they meet, one test each.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sitekit import TODAY_EPOCH

ALIAS_BOMB = (
    "kind: institution\ncountry: NL\nname: A\n"
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi")
    )
)


def problems_of(site) -> list[str]:
    result = site.leadctl("validate")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if line.startswith(("data/", "docs/"))]


def test_full_width_colon_is_named_on_its_own_line(site):
    site.write("data/members/wang.yml", "kind: individual\nname:\n  en: Wang Fang\n  zh：王芳\ncountry: CN\n")
    assert problems_of(site) == [
        "data/members/wang.yml:4: full-width colon '：' (U+FF1A) at column 5, after 'zh'; "
        "type an ASCII colon and a space ': ' instead (switch the keyboard to English input)"
    ]


def test_full_width_colon_that_yaml_reads_as_text_is_named(site):
    site.write("data/members/wang.yml", "kind: individual\nname:\n  zh：王芳\ncountry: CN\n")
    problems = problems_of(site)
    assert problems[0].startswith("data/members/wang.yml:3: name: full-width colon '：' (U+FF1A) at column 5, after 'zh'")


def test_full_width_spaces_before_a_key_are_named_and_the_key_read_without_them(site):
    site.write("data/members/wang.yml", "kind: individual\n\u3000\u3000name: 王芳\ncountry: CN\n")
    assert problems_of(site) == [
        "data/members/wang.yml:2: full-width space (U+3000) at column 1, before the key 'name'; "
        "delete it (indent with ordinary spaces, and put nothing between the key and its colon)"
    ]


def test_full_width_spaces_in_nested_indentation_are_named(site):
    site.write("data/members/wang.yml", "kind: individual\nname:\n\u3000\u3000zh: 王芳\n  en: Wang\ncountry: CN\n")
    assert problems_of(site)[0].startswith("data/members/wang.yml:3: full-width space (U+3000) at column 1")


def test_a_tab_in_the_indentation_is_named(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname:\n\ten: A\ncountry: NL\n")
    assert problems_of(site) == [
        "data/members/uni-a.yml:3: tab (U+0009) at column 1, before the text; YAML indents with spaces only: replace the tab with spaces"
    ]


def test_a_full_width_bracket_where_yaml_expects_one_is_named(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\ntags: ［a, b］\n")
    assert "data/members/uni-a.yml:4: tags: full-width left bracket '［' (U+FF3B) at column 7" in "\n".join(problems_of(site))


def test_a_full_width_comma_inside_brackets_is_named(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\ntags: [a， b\n")
    assert problems_of(site) == [
        "data/members/uni-a.yml:4: full-width comma '，' (U+FF0C) at column 9, inside brackets where YAML expects an ASCII comma ','; "
        "type the ASCII character instead (switch the keyboard to English input)"
    ]


def test_an_event_from_10_30_to_16_30_is_shown_with_those_times(site):
    site.write(
        "data/events/forum.yml",
        "title: Forum\nkind: forum\nstart: 2026-10-13 10:30\nend: 16:30\ntimezone: Europe/Brussels\nsummary: A forum.\n",
    )
    site.build()
    for page in ("events/forum/", "zh/events/forum/"):
        when = site.article(page).select_one("time").get_text(" ", strip=True)
        assert "10:30" in when and "16:30" in when
        assert when.index("10:30") < when.index("16:30")


def test_a_time_without_a_day_says_so_not_a_number(site):
    site.write("data/events/forum.yml", "title: Forum\nkind: forum\nstart: 16:30\nsummary: A forum.\n")
    problems = problems_of(site)
    assert problems == [
        "data/events/forum.yml:3: start: '16:30' is a time without a day: write the date too, like 2025-10-13 16:30"
    ]
    assert "990" not in problems[0]


def test_unclosed_front_matter_of_a_news_post_says_so(site):
    site.write("docs/news/2026-05-01-hello.md", "---\ntitle: Hello\ndate: 2026-05-01\n\nThe text.\n")
    assert problems_of(site) == [
        "docs/news/2026-05-01-hello.md:1: the front matter opened by '---' on this line is never closed: "
        "add a line '---' after its last key, before the text of the page"
    ]


def test_unclosed_front_matter_of_a_hand_written_page_says_so(site):
    site.write("docs/index.md", "---\ntitle: Home\n# Home\n")
    assert problems_of(site)[0].startswith("docs/index.md:1: the front matter opened by '---' on this line is never closed")


def test_a_page_may_start_with_a_horizontal_rule(site):
    site.write("docs/index.md", "---\n\n# Home\n\nText.\n")
    assert site.leadctl("validate").exit_code == 0


def test_invalid_utf8_names_the_line_and_byte(site):
    (site.root / "data/members/uni-a.yml").parent.mkdir(parents=True, exist_ok=True)
    (site.root / "data/members/uni-a.yml").write_bytes(b"kind: institution\ncountry: FR\nname: Caf\xe9\n")
    assert problems_of(site) == [
        "data/members/uni-a.yml:3: byte 10 of this line (0xE9) is not UTF-8: the file was saved in another "
        "encoding (such as GBK or Windows-1252); save it as UTF-8"
    ]


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted(site):
    (site.root / "data/members").mkdir(parents=True, exist_ok=True)
    (site.root / "data/members/uni-a.yml").write_bytes("\ufeffkind: institution\r\nname: A\r\ncountry: NL\r\n".encode())
    (site.root / "docs/news").mkdir(parents=True, exist_ok=True)
    (site.root / "docs/news/2026-05-01-hello.md").write_bytes("\ufeff---\r\ntitle: Hello\r\ndate: 2026-05-01\r\n---\r\n\r\nText.\r\n".encode())
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kind: institution\nname: A\x00B\ncountry: NL\n", "data/members/uni-a.yml:2: NUL character (U+0000) at column 8"),
        ("kind: institution\nname: A\x1bB\ncountry: NL\n", "data/members/uni-a.yml:2: control character (U+001B) at column 8"),
        ("kind: institution\nname: \"A\\0B\"\ncountry: NL\n", "data/members/uni-a.yml:2: name: the text holds a NUL character (U+0000)"),
        ("kind: institution\nname: A\u2028B\ncountry: NL\n", "data/members/uni-a.yml:2: line separator (U+2028) at column 8"),
    ],
)
def test_control_characters_are_named_with_line_and_column(site, text, expected):
    site.write("data/members/uni-a.yml", text)
    assert problems_of(site)[0].startswith(expected)


def test_an_alias_bomb_is_refused_at_once(site):
    assert len(ALIAS_BOMB.encode()) < 1024  # nine aliases of nine levels: 9**9 values once expanded
    site.write("data/members/uni-a.yml", ALIAS_BOMB)
    assert problems_of(site) == [
        "data/members/uni-a.yml:5: YAML aliases ('&name' and '*name') are not allowed in leadctl's files: "
        "write each value out in full where it is used"
    ]


def test_an_alias_bomb_in_a_hand_written_page_stops_plain_mkdocs_build(site):
    site.write("docs/index.md", "---\n" + ALIAS_BOMB + "---\n\n# Home\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site.root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    assert "docs/index.md:6: YAML aliases" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kind: !!python/object:os.system x\n", "data/members/uni-a.yml:1: the YAML tag '!!python/object:os.system' is not allowed"),
        ("kind: !custom institution\n", "data/members/uni-a.yml:1: the YAML tag '!custom' is not allowed"),
        ("a: " + "[" * 300 + "]" * 300 + "\n", "data/members/uni-a.yml:1: nested more than 64 levels deep"),
        ("- kind: institution\n", "data/members/uni-a.yml:1: expected a mapping of keys"),
        ("just text\n", "data/members/uni-a.yml:1: expected a mapping of keys"),
        ("", "data/members/uni-a.yml:1: the file is empty"),
    ],
)
def test_tags_deep_nesting_and_files_of_the_wrong_shape(site, text, expected):
    site.write("data/members/uni-a.yml", text)
    assert problems_of(site)[0].startswith(expected)


def test_duplicate_keys_are_reported_at_every_depth(site):
    site.write(
        "data/briefs/b.yml",
        "title: T\ndate: 2026-03-01\nsummary: S\nauthors:\n  - name:\n      en: A\n      en: B\n    name: C\n",
    )
    problems = problems_of(site)
    assert any(line.startswith("data/briefs/b.yml:7: authors[0].name.en: duplicate key 'en'") for line in problems)
    assert any(line.startswith("data/briefs/b.yml:8: authors[0].name: duplicate key 'name'") for line in problems)


def _run(site, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=site.root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_nasty_files_stop_validate_build_and_mkdocs_with_every_problem_and_no_traceback(site):
    site.member("uni-a")
    site.build()
    before = site.snapshot()
    (site.root / "data/members/bad-bytes.yml").write_bytes(b"kind: institution\r\n" + bytes(range(128, 256)))
    site.write("data/members/bomb.yml", ALIAS_BOMB)
    site.write("data/events/late.yml", "title: Late\nkind: forum\nstart: 2026-10-13\nend: 16:30\nsummary: S\n")
    site.write("docs/news/2026-05-01-open.md", "---\ntitle: Open\ndate: 2026-05-01\n\nNo closing fence.\n")
    site.write("data/members/wang.yml", "kind: individual\nname:\n  en: Wang\n  zh：王芳\ncountry: CN\n")
    expected = [
        "data/members/bad-bytes.yml:2: byte 1 of this line (0x80) is not UTF-8",
        "data/members/bomb.yml:5: YAML aliases",
        "data/events/late.yml:4: end: '16:30' is a time without a day",
        "docs/news/2026-05-01-open.md:1: the front matter opened by '---' on this line is never closed",
        "data/members/wang.yml:4: full-width colon '：' (U+FF1A)",
    ]
    for command, stream in ((("leadctl", "validate"), "stdout"), (("leadctl", "build"), "stdout"), (("mkdocs", "build"), "stderr")):
        result = _run(site, *command)
        output = getattr(result, stream)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        for line in expected:
            assert line in output, (command, line, output)
    assert site.snapshot() == before


def test_odd_but_valid_text_builds_and_shows_as_written(site):
    odd = "\u202eRTL\u202c e\u0301\u0301 \u200b {{ x }} {% raw %} &#0; <b>bold?</b>"
    site.member("odd-one", name={"en": "Odd " + odd, "zh": "奇 " + odd}, description={"en": odd})
    site.event("odd-event", title=odd, summary=odd, start="2026-10-13 10:30", end="16:30", timezone="Asia/Shanghai")
    (site.root / "docs/news").mkdir(parents=True, exist_ok=True)
    (site.root / "docs/news/2026-05-02-odd.md").write_bytes(
        ("\ufeff---\r\ntitle: Odd\r\ndate: 2026-05-02\r\n---\r\n\r\n" + odd + "\r\n\r\nNUL\x00 STX\x02 ETX\x03\r\n" + "王" * 100_000 + "\r\n").encode()
    )
    result = _run(site, "leadctl", "build", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert site.html("members/odd-one/").select_one("h1").get_text() == "Odd " + odd
    assert site.html("zh/members/odd-one/").select_one("h1").get_text() == "奇 " + odd
    assert "王" * 1000 in site.text("news/2026-05-02-odd/")
