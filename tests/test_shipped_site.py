"""The repository's own site: its data validates and it builds, strictly, in both languages."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from leadctl.commands.cli import cli
from sitekit import REPO


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    for name in ("docs", "data", "overrides", "hooks", "schemas"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = CliRunner().invoke(cli, ["build", "--quiet", "-f", str(root / "mkdocs.yml")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def test_every_chinese_page_is_chinese_and_every_english_page_english(shipped):
    pages = sorted(shipped.rglob("index.html"))
    assert len(pages) > 30
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").html
        expected = "zh" if page.relative_to(shipped).parts[0] == "zh" else "en"
        assert html["lang"] == expected, page


def test_footer_speaks_the_page_language(shipped):
    english = BeautifulSoup((shipped / "index.html").read_text(encoding="utf-8"), "lxml")
    chinese = BeautifulSoup((shipped / "zh" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert english.select_one(".md-copyright").get_text(strip=True) == "LEAD Academic Network"
    assert chinese.select_one(".md-copyright").get_text(strip=True) == "LEAD 学术网络"
    assert "Made with" not in chinese.get_text()


def test_home_page_lists_the_shipped_records(shipped):
    chinese = BeautifulSoup((shipped / "zh" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "网站" in chinese.select_one(".lead-news").get_text()
    members = BeautifulSoup((shipped / "zh" / "members" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert {a.get_text() for a in members.select(".lead-directory a")} >= {"莱顿大学", "国际大学协会"}


def test_news_posts_show_their_text_as_html_in_both_languages(shipped):
    for language_folder in (shipped, shipped / "zh"):
        for page in (language_folder / "news").glob("*/index.html"):
            article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
            assert "<p>" not in article.get_text(), page
            assert len(article.select("p")) > 2, page


def test_a_project_named_by_its_acronym_is_not_named_twice(shipped):
    titles = {}
    for name in ("lead", "lead2"):
        page = BeautifulSoup((shipped / "projects" / name / "index.html").read_text(encoding="utf-8"), "lxml")
        titles[name] = page.title.get_text().split(" - ")[0]
    assert titles["lead"] == "LEAD"
    assert titles["lead2"].endswith("(LEAD2)") and titles["lead2"].startswith("Enhancing Academic Leadership")


def test_a_chinese_sections_address_is_its_heading_not_its_position(shipped):
    """A link to a section stays right when a section is added above it."""
    chinese = BeautifulSoup((shipped / "zh" / "contributing" / "index.html").read_text(encoding="utf-8"), "lxml")
    english = BeautifulSoup((shipped / "contributing" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert chinese.select_one("article h2#预览").get_text(strip=True).startswith("预览")
    assert chinese.select_one('nav a[href="#预览"]') is not None
    assert english.select_one("article h2#previewing") is not None
