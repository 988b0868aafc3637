"""Projects: their pages in both languages, the listing by the build day, links both ways, JSON-LD, bad input, `leadctl new`."""

from __future__ import annotations

import json

import pytest

from sitekit import ProjectSite, assert_in_order


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    """A network with a finished project, an ongoing one that builds on it, and one starting after the build day (2026-06-01)."""
    site = ProjectSite(tmp_path_factory.mktemp("projects") / "project")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, country="NL")
    site.member("uni-b", name={"en": "University B", "zh": "乙大学"}, country="CN")
    site.project(
        "first", title={"en": "First project", "zh": "第一期项目"}, acronym="FIRST", start=2019, end="2023-01",
        summary={"en": "Where it began.", "zh": "起点。"}, coordinator="uni-a",
    )
    site.project(
        "second", title={"en": "Second project", "zh": "第二期项目"}, acronym="SECOND", start="2025-09", end="2026-06-30",
        summary={"en": "Builds on the first.", "zh": "在第一期基础上开展。"},
        funder={"en": "Erasmus+ programme", "zh": "伊拉斯谟+ 计划"}, website="https://second.example.org/",
        coordinator="uni-b", partners=["uni-a"], pillars=["research"], follows="first",
        aims=[{"en": "Train leaders.", "zh": "培养领导者。"}, {"en": "Compare universities."}],
        results=[{"en": "A knowledge base.", "zh": "一个知识库。"}],
        work_packages=[
            {"title": {"en": "Training", "zh": "培训"}, "lead": "uni-a", "summary": {"en": "Workshops.", "zh": "工作坊。"}},
            {"title": "Studies", "summary": {"en": "Comparative studies."}},
        ],
    )
    site.project("third", title="Third project", acronym="THIRD", start="2027-02-01", summary="Next.")
    site.event("training-week", title="Training week", project="second", summary="A week of training.")
    site.build()
    return site


def _facts(site: ProjectSite, path: str) -> dict[str, str]:
    facts = site.article(path).select_one("dl.lead-facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in facts.select("dt")}


def test_the_project_page_shows_its_fields_in_both_languages(built):
    english = _facts(built, "projects/second/")
    assert english["Acronym"] == "SECOND"
    assert english["Funded by"] == "Erasmus+ programme"
    assert english["Duration"] == "September 2025 – 30 June 2026"
    assert english["Coordinator"] == "University B" and english["Partners"] == "University A"
    assert english["Builds on"] == "First project"
    assert english["Project website"] == "https://second.example.org/"
    text = built.text("projects/second/")
    assert_in_order(text, ["Builds on the first.", "Aims", "Train leaders.", "Compare universities.", "Results", "A knowledge base.",
                           "Work packages", "Training", "Led by", "University A", "Workshops.", "Studies", "Comparative studies."])

    chinese = _facts(built, "zh/projects/second/")
    assert chinese["资助方"] == "伊拉斯谟+ 计划" and chinese["起止时间"] == "2025年9月至2026年6月30日"
    assert chinese["协调单位"] == "乙大学" and chinese["前序项目"] == "第一期项目"
    article = built.article("zh/projects/second/")
    untranslated = [span.get_text() for span in article.select('[lang="en"]')]
    assert "Compare universities." in untranslated and "Comparative studies." in untranslated
    assert "培养领导者。" in article.get_text() and "Train leaders." not in untranslated
    assert "本页部分内容尚未翻译" in built.html("zh/projects/second/").get_text()


def test_a_project_is_named_with_its_acronym_in_the_browser_and_in_search(built):
    for path, name, title in (("projects/second/", "Second project", "Second project (SECOND)"),
                              ("zh/projects/second/", "第二期项目", "第二期项目（SECOND）")):
        html = built.html(path)
        assert html.title.get_text().startswith(title + " - ")
        assert html.select_one('meta[property="og:title"]')["content"] == title
        marks = json.loads(html.select_one("script[data-search-marks]").get_text())
        assert marks["title"] == title
        # The page's own heading is the name; the acronym is among its facts.
        assert html.select_one("article h1").get_text(strip=True) == name


def test_the_listing_puts_ongoing_projects_first_by_the_build_day(built):
    for prefix, headings in (("", ["Ongoing projects", "Starting later", "Completed projects"]),
                             ("zh/", ["进行中的项目", "即将启动的项目", "已完成的项目"])):
        article = built.article(f"{prefix}projects/")
        assert [h2.get_text(strip=True) for h2 in article.select("h2")] == headings
        groups = [[a["href"] for a in ul.select("li > a")] for ul in article.select("ul.lead-projects")]
        assert groups == [["second/"], ["third/"], ["first/"]]
    assert "Dates not given" not in built.text("projects/")


def test_members_projects_events_and_successors_link_both_ways(built):
    member = built.article("members/uni-a/")
    items = {li.a["href"]: li.get_text(" ", strip=True) for li in member.select("ul.lead-projects > li")}
    assert list(items) == ["../../projects/second/", "../../projects/first/"]
    assert "Partner" in items["../../projects/second/"] and "Coordinator" in items["../../projects/first/"]
    chinese = built.article("zh/members/uni-b/").select_one("ul.lead-projects > li").get_text(" ", strip=True)
    assert "第二期项目" in chinese and "协调单位" in chinese

    assert _facts(built, "events/training-week/")["Project"] == "Second project"
    assert built.article("events/training-week/").find("a", string="Second project")["href"] == "../../projects/second/"
    events = built.article("projects/second/").select("ul.lead-events a")
    assert events[0]["href"] == "../../events/training-week/"

    assert _facts(built, "projects/first/")["Continued by"] == "Second project"
    assert _facts(built, "zh/projects/first/")["后续项目"] == "第二期项目"
    assert "Second project" in built.text("pillars/research/")


def test_a_project_is_described_as_a_research_project(built):
    (script,) = built.html("projects/second/").select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "ResearchProject" and data["alternateName"] == "SECOND"
    assert data["funder"] == {"@type": "Organization", "name": "Erasmus+ programme"}
    assert [member["name"] for member in data["member"]] == ["University B", "University A"]
    assert data["startDate"] == "2025-09" and data["endDate"] == "2026-06-30"
    (chinese,) = built.html("zh/projects/second/").select('script[type="application/ld+json"]')
    assert json.loads(chinese.string)["funder"]["name"] == "伊拉斯谟+ 计划"


def test_bad_projects_are_reported_with_their_lines_and_stop_the_build(site):
    site.member("leiden-university", name="Leiden University")
    site.write("data/projects/alpha.yml", "title: Alpha\nacronym: ALPHA\nsummary: A.\ncoordinator: leiden-univ\nfollows: beta\n")
    site.write("data/projects/beta.yml", "title: Beta\nacronym: BETA\nsummary: B.\nfollows: alpha\nstart: 2019-13\n")
    site.write("data/projects/gamma.yml", "title: Gamma\nsummary: G.\nstart: 2020\nend: 2019-06\n")
    site.write("data/projects/delta.yml", "title: Delta\nacronym: DELTA\nsummary: D.\nfollows: delta\npartners: [leiden-university]\n"
               "work_packages:\n  - title: Studies\n    lead: leidn-university\n    summary: S.\n")
    site.event("forum", project="gama")
    result = site.leadctl("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    expected = [
        "data/projects/alpha.yml:4: coordinator: no member with id 'leiden-univ'; did you mean 'leiden-university'?",
        "data/projects/beta.yml:5: start: '2019-13' is not a real date (month must be in 1..12)",
        "data/projects/gamma.yml:1: acronym: missing required field 'acronym'; add a line 'acronym: ...'",
        "data/projects/delta.yml:4: follows: 'delta' cannot follow itself; name the project it builds on",
        "data/projects/delta.yml:8: work_packages[0].lead: no member with id 'leidn-university'; did you mean 'leiden-university'?",
        "data/events/forum.yml:5: project: no project with id 'gama'; did you mean 'gamma'?",
    ]
    for line in expected:
        assert line in lines, result.output
    assert "Traceback" not in result.output

    # With every file valid, the circle of follows is the one problem left.
    site.write("data/projects/beta.yml", "title: Beta\nacronym: BETA\nsummary: B.\nfollows: alpha\n")
    site.write("data/projects/gamma.yml", "title: Gamma\nacronym: GAMMA\nsummary: G.\nstart: 2020\nend: 2019-06\n")
    site.write("data/projects/alpha.yml", "title: Alpha\nacronym: ALPHA\nsummary: A.\nfollows: beta\n")
    site.write("data/projects/delta.yml", "title: Delta\nacronym: DELTA\nsummary: D.\n")
    site.event("forum", project="gamma")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "data/projects/alpha.yml:4: follows: the projects follow each other in a circle (alpha -> beta -> alpha)" in result.output
    assert "data/projects/beta.yml:4: follows: the projects follow each other in a circle (beta -> alpha -> beta)" in result.output
    assert "data/projects/gamma.yml:5: end: end (2019-06) is before start (2020); swap them or fix the date" in result.output
    assert not (site.site_dir / "projects").exists()


def test_leadctl_new_project_writes_a_project_that_builds(site):
    result = site.leadctl("new", "project", "lead3", "--title", "LEAD3", "--acronym", "LEAD3", "--summary", "The next project.")
    assert result.exit_code == 0, result.output
    written = (site.root / "data/projects/lead3.yml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schemas/project.schema.json\n")
    assert "acronym: LEAD3\n" in written and "# follows: lead" in written
    site.build()
    assert _facts(site, "projects/lead3/")["Acronym"] == "LEAD3"
    assert site.leadctl("new", "project", "lead4", "--title", "X", "--summary", "Y").exit_code == 2
