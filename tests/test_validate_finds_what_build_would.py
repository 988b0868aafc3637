"""`leadctl validate` finds what the strict build would stop at, with `path:line`, and the build says it the same way."""

from __future__ import annotations

from sitekit import REPO


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("data/", "docs/"))]


def test_a_page_missing_from_the_nav_is_named_with_the_lines_to_add(site):
    # The test sites' mkdocs.yml makes an omitted page a warning, which stops a strict build.
    site.write("docs/faq.md", "# FAQ\n\nQuestions.\n")
    site.write("docs/zh/faq.md", "# 常见问题\n\n问题。\n")
    for command in ("validate", "build"):
        result = site.leadctl(command)
        assert result.exit_code == 1, result.output
        (line,) = [line for line in _lines(result.output) if "faq" in line]
        assert line.startswith("docs/faq.md:1: page is not in the navigation")
        assert "'- FAQ: faq.md' under nav: in mkdocs.yml" in line and "'FAQ: 常见问题'" in line and "nav_translations" in line
    assert not site.site_dir.exists()  # the build stopped before MkDocs wrote anything


def test_with_the_shipped_setting_a_new_page_builds_in_both_languages_and_validate_warns(site):
    config = site.root / "mkdocs.yml"
    shipped = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "omitted_files: info" in shipped
    config.write_text(config.read_text(encoding="utf-8").replace("omitted_files: warn", "omitted_files: info"), encoding="utf-8")
    site.write("docs/faq.md", "# FAQ\n\nQuestions.\n")
    site.write("docs/zh/faq.md", "# 常见问题\n\n问题。\n")
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    assert any(line.startswith("docs/faq.md:1: warning: page is not in the navigation") for line in _lines(result.output))
    site.build()
    assert site.html("faq/").h1.get_text(strip=True) == "FAQ"
    assert site.html("zh/faq/").h1.get_text(strip=True) == "常见问题"


def test_a_broken_link_is_reported_at_its_line_by_validate_and_build(site):
    site.news("2026-05-01-hello", body="First line.\n\nSee [the report](../reports/annual.md) and [home](../index.md).\n"
              "\n```\n[not a link](inside-code.md)\n```\nAnd `[code](span.md)`.\n")
    site.write("docs/zh/index.md", "# 首页\n\n[关于](about.md)\n")
    site.member("uni-a")
    for command in ("validate", "build"):
        result = site.leadctl(command)
        assert result.exit_code == 1, result.output
        assert _lines(result.output) == [
            "docs/news/2026-05-01-hello.md:8: link to '../reports/annual.md': there is no docs/reports/annual.md; "
            "correct the link or add the file",
            "docs/zh/index.md:3: link to 'about.md': there is no docs/zh/about.md, nor an English docs/about.md to fall back to; "
            "correct the link or add the file",
        ]
        assert "Traceback" not in result.output


def test_links_to_generated_pages_and_english_fallbacks_are_not_broken(site):
    site.member("uni-a")
    site.write("docs/about.md", "# About\n\nSee [members](members/index.md), [uni A](members/uni-a.md) and [news](news/index.md).\n")
    site.write("docs/zh/index.md", "# 首页\n\n[关于](about.md)、[成员](members/uni-a.md)、[英文首页](../index.md)\n")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n", "  - Home: index.md\n  - About: about.md\n"), encoding="utf-8")
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    site.build()


def test_broken_data_is_not_buried_under_links_to_the_pages_it_would_generate(site):
    site.member("uni-a")
    site.write("docs/about.md", "# About\n\nSee [members](members/index.md) and [uni A](members/uni-a.md).\n")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n", "  - Home: index.md\n  - About: about.md\n"), encoding="utf-8")
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\nwebsit: https://example.org/\n")
    result = site.leadctl("validate")
    assert result.exit_code == 1
    assert _lines(result.output) == ["data/members/uni-a.yml:4: websit: unknown key 'websit'; did you mean 'website'?"]


def test_a_chinese_news_post_keeps_the_english_date(site):
    site.news("2026-05-01-hello", date="2026-05-01")
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-03")
    result = site.leadctl("validate")
    assert result.exit_code == 1
    assert _lines(result.output) == [
        "docs/zh/news/2026-05-01-hello.md:3: date: 2026-05-03 differs from the English post's date 2026-05-01 "
        "(docs/news/2026-05-01-hello.md); a translation keeps the date: write 'date: 2026-05-01'"
    ]
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-01")
    assert site.leadctl("validate").exit_code == 0


def test_a_plain_chinese_name_warns_and_still_builds(site):
    site.member("zju", name="浙江大学", country="CN")
    site.member("thu", name="Tsinghua University (清华大学)", country="CN")
    site.member("pku", name={"en": "Peking University", "zh": "北京大学"}, country="CN")
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    assert _lines(result.output) == [
        "data/members/zju.yml:2: warning: name: '浙江大学' is in Chinese script but counts as the same in both languages, "
        "so English pages show it; write it as 'en: <the English text>' and 'zh: 浙江大学' on two lines under 'name:'"
    ]
    built = site.leadctl("build")
    assert built.exit_code == 0, built.output
    assert "data/members/zju.yml:2: warning:" in built.output


def test_warnings_become_github_warnings_and_json_severity(site):
    import json

    site.member("zju", name="浙江大学", country="CN")
    github = site.leadctl("validate", "--format", "github")
    assert github.exit_code == 0
    assert github.output.startswith("::warning file=data/members/zju.yml,line=2::")
    (problem,) = json.loads(site.leadctl("validate", "--format", "json").output)
    assert problem["severity"] == "warning" and problem["file"] == "data/members/zju.yml"
