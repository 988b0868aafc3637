"""The knowledge base and topics: pages in both languages, the listing and its facets, links both ways, JSON-LD, feeds, bad input."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import feedparser
import pytest

from leadctl.records.models import WORK_KINDS
from sitekit import ProjectSite

BASE = "https://example.org/net/"
# One work of each kind, a day apart, all in 2020, in kind order: the last kind is the newest.
EVERY_KIND = {kind: f"2020-01-{index + 1:02d}" for index, kind in enumerate(WORK_KINDS)}
SCHEMA_TYPES = {"report": "Report", "comparative-study": "Report", "case-study": "Report", "article": "ScholarlyArticle",
                "book": "Book", "chapter": "Chapter", "course": "Course"}
PDF_SIZE = 1_258_291  # 1.2 MB


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("knowledge") / "project")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, country="NL", topics=["governance"])
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN", affiliation="uni-a")
    site.project("lead2", title={"en": "LEAD2", "zh": "LEAD2 项目"}, acronym="LEAD2")
    site.topics(
        {"id": "governance", "label": {"en": "University governance", "zh": "大学治理"}, "summary": {"en": "How universities decide.", "zh": "大学如何决策。"}},
        {"id": "leadership", "label": {"en": "Academic leadership", "zh": "学术领导力"}, "summary": {"en": "Leading academics.", "zh": "领导学者。"}},
        {"id": "quality", "label": {"en": "Quality assurance"}, "summary": {"en": "Not translated yet."}},
    )
    site.work(
        "governance-study", kind="comparative-study", date="2024-03",
        title={"en": "Governance compared", "zh": "治理比较研究"}, summary={"en": "Two systems compared.", "zh": "两种体系的比较。"},
        body={"en": "The *full* text.", "zh": "全文。"},
        authors=[{"member": "alice"}, {"name": "Bob Outside"}, {"organisation": {"en": "The LEAD2 project", "zh": "LEAD2 项目"}}],
        languages=["en", "zh"], files=[{"path": "studies/governance.pdf", "language": "en", "label": {"en": "Full study", "zh": "研究全文"}}],
        url="https://example.org/study", doi="10.1234/lead.2024", isbn="978-3-16-148410-0", publisher="Example Press",
        container={"en": "Journal of Examples", "zh": "示例学报"}, volume=12, issue=3, pages="10-24", edition=2, place="Leiden",
        license="CC-BY-4.0", topics=["governance", "quality"], pillars=["research"], audience=["senior"], project="lead2",
    )
    site.write("docs/files/studies/governance.pdf", "%PDF-1.4\n" + "x" * (PDF_SIZE - 9))
    site.work("leadership-mooc", kind="course", date=2023, title={"en": "MOOC on leadership", "zh": "领导力慕课"},
              summary={"en": "A course.", "zh": "一门课程。"}, topics=["leadership"], pillars=["training"],
              audience=["early-career", "mid-level"], languages=["en"], project="lead2")
    site.work("undated-leaflet", kind="leaflet", date=None, title="Undated leaflet", summary="No date known.", topics=["governance"])
    site.work("odd-one", kind="video", date="2020-06-15", authors=[{"member": "uni-a"}], summary="Alone.")
    for kind, day in EVERY_KIND.items():
        site.work(f"every-{kind}", kind=kind, date=day, summary=f"A {kind}.")
    site.brief("brief-2024", date="2024-01-10", title={"en": "Brief on governance", "zh": "治理简报"},
               summary={"en": "A brief.", "zh": "一份简报。"}, topics=["governance"])
    site.event("governance-forum", title="Governance forum", topics=["governance"])
    site.news("2026-05-01-governance", title="Governance news", tags=["governance", "other"])
    site.build()
    return site


def _facts(site: ProjectSite, path: str) -> dict[str, str]:
    facts = site.article(path).select_one("dl.lead-facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in facts.select("dt")}


def _json_ld(site: ProjectSite, path: str) -> dict:
    (script,) = site.html(path).select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_works_of_every_kind_have_pages_in_both_languages_described_by_their_schema_org_type(built):
    for kind in WORK_KINDS:
        for prefix in ("", "zh/"):
            assert built.article(f"{prefix}knowledge/every-{kind}/").h1.get_text(strip=True) == f"Every {kind.replace('-', ' ').title()}"
        data = _json_ld(built, f"knowledge/every-{kind}/")
        assert data["@type"] == SCHEMA_TYPES.get(kind, "CreativeWork"), kind
        assert data["datePublished"] == EVERY_KIND[kind]
    assert _facts(built, "knowledge/every-chapter/")["Type"] == "Book chapter"
    assert _facts(built, "zh/knowledge/every-chapter/")["类型"] == "图书章节"


def test_the_listing_has_every_work_and_brief_newest_first_and_undated_last(built):
    article = built.article("knowledge/")
    hrefs = [li.a["href"] for li in article.select("ul.lead-works > li")]
    newest_kinds = [f"every-{kind}/" for kind in reversed(WORK_KINDS)]
    assert hrefs == ["governance-study/", "../briefs/brief-2024/", "leadership-mooc/", "odd-one/", *newest_kinds, "undated-leaflet/"]
    brief = article.select_one('li[data-kind="policy-brief"]')
    assert "Policy brief" in brief.get_text() and brief["data-topic"] == "governance"
    chinese = built.article("zh/knowledge/").select_one('li[data-kind="policy-brief"]').get_text(" ", strip=True)
    assert "治理简报" in chinese and "政策简报" in chinese and "2024年1月10日" in chinese
    assert "date not given" in article.select("ul.lead-works > li")[-1].get_text()


def test_without_javascript_every_work_is_listed_and_the_facets_wait_hidden(built):
    article = built.article("knowledge/")
    assert len(article.select("ul.lead-works > li")) == len(WORK_KINDS) + 5
    assert not any(li.has_attr("hidden") for li in article.select("ul.lead-works > li"))
    form = article.select_one("form[data-lead-knowledge-filters]")
    assert form.has_attr("hidden")
    assert form["data-count"] == "Showing {shown} of 17 works."
    assert [select["name"] for select in form.select("select")] == ["kind", "topic", "pillar", "year", "language", "audience"]


def test_each_facet_option_counts_its_works(built):
    def options(prefix: str, name: str) -> dict[str, str]:
        select = built.article(f"{prefix}knowledge/").select_one(f'select[name="{name}"]')
        return {option["value"]: option.get_text() for option in select.select("option") if option["value"]}

    kinds = options("", "kind")
    assert kinds["comparative-study"] == "Comparative study (2)" and kinds["video"] == "Video (2)"
    assert kinds["policy-brief"] == "Policy brief (1)" and kinds["leaflet"] == "Leaflet (2)"
    assert options("", "topic") == {"governance": "University governance (3)", "leadership": "Academic leadership (1)",
                                    "quality": "Quality assurance (1)"}
    assert options("", "year") == {"2024": "2024 (2)", "2023": "2023 (1)", "2020": "2020 (13)"}
    assert options("", "language") == {"en": "English (3)", "zh": "Chinese (2)"}
    assert options("", "audience") == {"early-career": "Early-career academic leaders (1)", "mid-level": "Mid-level academic leaders (1)",
                                       "senior": "Senior academic leaders (1)"}
    assert options("zh/", "topic")["governance"] == "大学治理 (3)"
    assert options("zh/", "language") == {"en": "英语 (3)", "zh": "中文 (2)"}


def test_the_work_page_shows_every_field_in_both_languages(built):
    english = _facts(built, "knowledge/governance-study/")
    assert english["Type"] == "Comparative study" and english["Date"] == "March 2024"
    assert english["Authors"] == "Alice Example , Bob Outside, The LEAD2 project"
    assert english["Languages"] == "English and Chinese"
    assert english["Published in"] == "Journal of Examples" and english["Volume"] == "12" and english["Issue"] == "3"
    assert english["Pages"] == "10-24" and english["Edition"] == "2" and english["Publisher"] == "Example Press"
    assert english["Place of publication"] == "Leiden" and english["ISBN"] == "978-3-16-148410-0"
    assert english["Project"] == "LEAD2" and english["Topics"] == "University governance Quality assurance"
    assert english["Audience"] == "Senior academic leaders"
    article = built.article("knowledge/governance-study/")
    assert article.find("a", string="CC-BY-4.0")["href"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert article.find("a", string="10.1234/lead.2024")["href"] == "https://doi.org/10.1234/lead.2024"
    assert article.find("a", string="Alice Example")["href"] == "../../members/alice/"
    assert article.find("a", string="University governance")["href"] == "../../topics/governance/"
    assert str(article.select_one(".lead-summary").find_next_sibling("p")) == "<p>The <em>full</em> text.</p>"

    chinese = _facts(built, "zh/knowledge/governance-study/")
    assert chinese["日期"] == "2024年3月" and chinese["语种"] == "英语和中文" and chinese["载于"] == "示例学报"
    assert chinese["作者"] == "爱丽丝 、Bob Outside、LEAD2 项目"
    untranslated = [tag.get_text() for tag in built.article("zh/knowledge/governance-study/").select('[lang="en"]')]
    assert "Quality assurance" in untranslated and "大学治理" not in untranslated


def test_a_file_shows_its_type_size_and_language_and_is_linked_where_it_is_copied(built):
    for prefix, size, language, name in (("", "1.2 MB", "English", "Full study"), ("zh/", "1.2 MB", "英语", "研究全文")):
        page_url = f"{prefix}knowledge/governance-study/"
        (item,) = built.article(page_url).select("ul.lead-files > li")
        assert item.a.get_text() == name
        assert item.select_one(".lead-file-type").get_text() == "PDF"
        assert item.select_one(".lead-file-size").get_text() == size
        assert item.select_one(".lead-file-language").get_text() == language
        target = urljoin(page_url, item.a["href"])
        assert target == "files/studies/governance.pdf"
        assert (built.site_dir / target).stat().st_size == PDF_SIZE
    assert built.article("zh/knowledge/governance-study/").select_one("ul.lead-files a")["hreflang"] == "en"


def test_a_work_page_cites_the_work_in_four_styles_with_its_files_and_meta_tags(built):
    for path, title, label in (("knowledge/governance-study/", "Governance compared", "Cite this"),
                               ("zh/knowledge/governance-study/", "治理比较研究", "引用本文")):
        box = built.article(path).select_one(".lead-cite")
        assert box is not None and label in box.get_text()
        styles = box.select(".lead-citation")
        assert len(styles) == 4
        for style in styles:  # some styles capitalise titles
            assert title.casefold() in style.get_text().casefold() and "10.1234/lead.2024" in style.get_text()
        links = {a["href"] for a in box.select("a[href]")}
        assert {"governance-study.bib", "governance-study.ris", "governance-study.json"} <= {link.rsplit("/", 1)[-1] for link in links}
        head = built.html(path)
        assert head.select_one('meta[name="citation_title"]')["content"] == title
        assert head.select_one('meta[name="citation_doi"]')["content"] == "10.1234/lead.2024"
    cited = json.loads((built.site_dir / "knowledge/governance-study/governance-study.json").read_text(encoding="utf-8"))
    assert cited[0]["title"] == "Governance compared" and cited[0]["DOI"] == "10.1234/lead.2024"


def test_json_ld_describes_the_work_with_its_identifiers(built):
    data = _json_ld(built, "knowledge/governance-study/")
    assert data["@type"] == "Report" and data["datePublished"] == "2024-03"
    assert [author["name"] for author in data["author"]] == ["Alice Example", "Bob Outside", "The LEAD2 project"]
    assert [author["@type"] for author in data["author"]][1:] == ["Person", "Organization"]
    assert data["identifier"]["value"] == "10.1234/lead.2024" and data["isbn"] == "978-3-16-148410-0"
    assert data["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert data["keywords"] == ["University governance", "Quality assurance"]
    assert _json_ld(built, "zh/knowledge/governance-study/")["keywords"][0] == "大学治理"
    assert "datePublished" not in _json_ld(built, "knowledge/undated-leaflet/")


def test_members_projects_pillars_and_related_works_link_to_the_works(built):
    member = [a["href"] for a in built.article("members/alice/").select("ul.lead-works a")]
    assert member == ["../../knowledge/governance-study/"]
    assert "治理比较研究" in built.article("zh/members/alice/").select_one("ul.lead-works").get_text()
    assert [a["href"] for a in built.article("members/uni-a/").select("ul.lead-works a")] == ["../../knowledge/odd-one/"]
    project = [a["href"] for a in built.article("projects/lead2/").select("ul.lead-works a")]
    assert project == ["../../knowledge/governance-study/", "../../knowledge/leadership-mooc/"]
    assert "Governance compared" in built.text("pillars/research/")
    related = [a["href"] for a in built.article("knowledge/governance-study/").select("#related + ul.lead-works a")]
    assert related == ["../leadership-mooc/", "../undated-leaflet/"]


def test_topic_pages_list_works_briefs_events_and_news_in_both_languages(built):
    article = built.article("topics/governance/")
    assert article.h1.get_text(strip=True) == "University governance"
    assert [h2.get_text(strip=True) for h2 in article.select("h2")] == ["Works", "Policy briefs", "Events", "Members working on it", "News"]
    assert article.select_one("ul.lead-topic-members a")["href"] == "../../members/uni-a/"
    assert [a["href"] for a in article.select("ul.lead-works a")] == ["../../knowledge/governance-study/", "../../knowledge/undated-leaflet/"]
    assert article.select_one("ul.lead-briefs a")["href"] == "../../briefs/brief-2024/"
    assert article.select_one("ul.lead-events a")["href"] == "../../events/governance-forum/"
    assert article.select_one("ul.lead-news a").get_text() == "Governance news"
    chinese = built.article("zh/topics/governance/")
    assert chinese.h1.get_text(strip=True) == "大学治理"
    assert [h2.get_text(strip=True) for h2 in chinese.select("h2")] == ["资料", "政策简报", "活动", "关注此主题的成员", "新闻"]
    assert chinese.select_one("ul.lead-topic-members a").get_text() == "甲大学"
    assert "该主题下暂无内容" not in chinese.get_text()
    listing = built.article("topics/")
    assert [a["href"] for a in listing.select("ul.lead-topics > li > a")] == ["governance/", "leadership/", "quality/"]
    assert listing.select_one("ul.lead-topics > li .lead-meta").get_text() == "2 works · 1 brief"
    assert built.article("zh/topics/").select_one("ul.lead-topics > li .lead-meta").get_text() == "2 份资料 · 1 份政策简报"
    assert listing.select("ul.lead-topics > li .lead-meta")[1].get_text() == "1 work"
    quality = built.article("zh/topics/quality/")
    assert quality.h1.select_one('[lang="en"]').get_text() == "Quality assurance"
    assert built.article("topics/leadership/").select_one("ul.lead-works a")["href"] == "../../knowledge/leadership-mooc/"


def test_a_brief_shows_its_topics_translated_instead_of_tags(built):
    chinese = _facts(built, "zh/briefs/brief-2024/")
    assert chinese["主题"] == "大学治理"
    assert built.article("zh/briefs/brief-2024/").find("a", string="大学治理")["href"] == "../../topics/governance/"
    assert "标签" not in chinese


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_feeds_carry_the_dated_works_newest_first_in_each_language(built, prefix):
    rss = feedparser.parse((built.site_dir / f"{prefix}knowledge/rss.xml").read_bytes())
    atom = feedparser.parse((built.site_dir / f"{prefix}knowledge/atom.xml").read_bytes())
    for feed in (rss, atom):
        assert not feed.bozo, feed.bozo_exception
        links = [entry.id for entry in feed.entries]
        assert links[:2] == [f"{BASE}{prefix}knowledge/governance-study/", f"{BASE}{prefix}knowledge/leadership-mooc/"]
        assert f"{BASE}{prefix}knowledge/undated-leaflet/" not in links
        assert all("/briefs/" not in link for link in links)
    first = rss.entries[0]
    assert first.title == ("Governance compared" if not prefix else "治理比较研究")
    assert [tag.term for tag in first.tags] == (["University governance", "Quality assurance"] if not prefix else ["大学治理", "Quality assurance"])
    for entry in (first, atom.entries[0]):
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"{BASE}files/studies/governance.pdf" and int(enclosure.length) == PDF_SIZE
    assert atom.entries[0].link == f"{BASE}{prefix}knowledge/governance-study/"
    assert rss.feed.title == ("Test Network: knowledge base" if not prefix else "测试网络：知识库")
    head = built.html(f"{prefix}knowledge/").select('head link[rel="alternate"][type="application/atom+xml"]')
    assert f"{BASE}{prefix}knowledge/atom.xml" in [link["href"] for link in head]


def test_a_member_names_its_topics_translated_and_free_tags_are_warned(tmp_path):
    site = ProjectSite(tmp_path / "project")
    site.topics({"id": "university-governance", "label": {"en": "University governance", "zh": "大学治理"}, "summary": "S."})
    site.member("uni-a", topics=["university-governance"])
    site.member("uni-b", tags=["governance"])
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    assert any(line.startswith("data/members/uni-b.yml:") and "warning: tags[0]:" in line and "'university-governance'" in line
               for line in result.output.splitlines()), result.output
    site.build()
    topic = site.article("zh/members/uni-a/").find("a", href="../../topics/university-governance/")
    assert topic is not None and topic.get_text() == "大学治理"
    assert "governance" not in built_text(site, "zh/members/uni-b/")
    site.member("uni-c", topics=["university-governanse"])
    result = site.leadctl("validate")
    assert result.exit_code == 1
    assert any(line.startswith("data/members/uni-c.yml:") and "did you mean 'university-governance'?" in line
               for line in result.output.splitlines()), result.output


def test_a_brief_still_tagged_is_warned_with_the_topic_to_use(tmp_path):
    site = ProjectSite(tmp_path / "project")
    site.topics({"id": "university-governance", "label": {"en": "University governance", "zh": "大学治理"}, "summary": "S."})
    site.brief("tagged", tags=["governance", "University Governance", "climate"])
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert ("data/briefs/tagged.yml:5: warning: tags[0]: tags are deprecated and no longer shown; "
            "use the topic 'university-governance' instead: add it under 'topics:' and remove the tag") in lines
    assert any(line.startswith("data/briefs/tagged.yml:6: warning: tags[1]:") and "'university-governance'" in line for line in lines)
    assert ("data/briefs/tagged.yml:7: warning: tags[2]: tags are deprecated and no longer shown; add a topic for it to "
            "data/topics.yml (id, label, summary) and list its id under 'topics:' instead") in lines
    site.build()
    assert "climate" not in built_text(site, "zh/briefs/tagged/")


def built_text(site: ProjectSite, path: str) -> str:
    return site.article(path).get_text(" ", strip=True)


def test_bad_works_and_topics_are_reported_with_their_lines_and_leave_the_site_as_it_was(site):
    site.member("leiden-university")
    site.project("lead2")
    site.topics({"id": "governance", "label": "Governance", "summary": "S."})
    site.work("good", topics=["governance"])
    site.build()
    before = site.snapshot()

    site.write("data/knowledge/bad-refs.yml", "title: T\nkind: report\ndate: 2021\nsummary: S.\n"
               "authors:\n  - member: leiden-univ\ntopics: [governanse]\nproject: lead3\npillars: [reserch]\n")
    site.write("data/knowledge/bad-file.yml", "title: T\nkind: report\nsummary: S.\nfiles:\n"
               "  - path: missing/leaflet.pdf\n    language: en\n  - path: ../secret.pdf\n    language: en\n")
    site.write("data/knowledge/bad-kind.yml", "title: T\nkind: reprot\ndate: 2021-13\nsummary: S.\n"
               "authors:\n  - member: x\n    name: Y\n")
    site.write("data/briefs/brief.yml", "title: B\ndate: 2026-01-01\nsummary: S.\ntopics: [governence]\n")
    site.work("quick-reference")  # the knowledge base's own page has this address
    site.event("forum", topics=["govern"])
    site.write("data/topics.yml", "- id: governance\n  label: Governance\n  summary: S.\n- id: governance\n  label: Again\n  summary: S.\n"
               "- id: Bad Id\n  label: X\n  summary: S.\n")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    expected = [
        "data/knowledge/bad-refs.yml:6: authors[0].member: no member with id 'leiden-univ'; did you mean 'leiden-university'?",
        "data/knowledge/bad-refs.yml:7: topics[0]: no topic with id 'governanse'; did you mean 'governance'?",
        "data/knowledge/bad-refs.yml:8: project: no project with id 'lead3'; did you mean 'lead2'?",
        "data/knowledge/bad-refs.yml:9: pillars[0]: no pillar with id 'reserch'; did you mean 'research'?",
        "data/knowledge/bad-file.yml:5: files[0].path: no file docs/files/missing/leaflet.pdf; add the file there or correct the path",
        "data/briefs/brief.yml:4: topics[0]: no topic with id 'governence'; did you mean 'governance'?",
        "data/events/forum.yml:6: topics[0]: no topic with id 'govern'; did you mean 'governance'?",
        "data/topics.yml:4: [1].id: topic id 'governance' is used twice; give each topic its own id",
        "data/knowledge/quick-reference.yml:1: the name 'quick-reference' is taken by a page of the site (knowledge/quick-reference/); rename the file",
    ]
    for line in expected:
        assert line in lines, result.output
    assert any(line.startswith("data/knowledge/bad-file.yml:7: files[1].path: '../secret.pdf' must be a path inside docs/files/")
               for line in lines), result.output
    bad_kind = [line for line in lines if line.startswith("data/knowledge/bad-kind.yml:")]
    assert any(line.startswith("data/knowledge/bad-kind.yml:2: kind:") and "'report'" in line for line in bad_kind), result.output
    assert any(line.startswith("data/knowledge/bad-kind.yml:3: date:") and "not a real date" in line for line in bad_kind), result.output
    assert any(line.startswith("data/knowledge/bad-kind.yml:6: authors[0]:") and "exactly one of" in line for line in bad_kind), result.output
    assert any(line.startswith("data/topics.yml:7: [2].id:") for line in lines), result.output
    assert site.snapshot() == before


def test_the_hand_written_site_has_the_lead2_works_and_topics():
    from pathlib import Path

    from leadctl.checking.project import load_project

    project = load_project(Path(__file__).resolve().parent.parent)
    leaflets = {work_id: entry.record for work_id, entry in project.knowledge.items() if entry.record.kind == "leaflet"}
    assert sorted(record.languages[0] for record in leaflets.values()) == ["en", "zh"]
    works = [entry.record for entry in project.knowledge.values()]
    assert len(works) == 4 and all(work.project == "lead2" and work.date is None and not work.authors for work in works)
    assert all(str(work.url).rstrip("/") == "http://www.lead2-project.eu" for work in works)
    assert {"academic-leadership", "university-governance"} <= set(project.topics)
    assert all(entry.record.label.zh for entry in project.topics.values())


def test_leadctl_new_knowledge_writes_a_work_that_builds(site):
    result = site.leadctl("new", "knowledge", "annual-report", "--title", "Annual report", "--kind", "report",
                          "--date", "2025-06", "--summary", "The year in review.")
    assert result.exit_code == 0, result.output
    written = (site.root / "data/knowledge/annual-report.yml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schemas/knowledge.schema.json\n")
    assert "kind: report\n" in written and "date: 2025-06\n" in written and "# topics: [university-governance]" in written
    site.build()
    assert _facts(site, "knowledge/annual-report/")["Date"] == "June 2025"
    assert site.leadctl("new", "knowledge", "bad", "--title", "X", "--kind", "novel", "--summary", "Y").exit_code != 0


def test_contributor_text_is_shown_as_text_and_only_web_addresses_are_linked(site):
    site.topics({"id": "t", "label": "<b>Bold</b> topic", "summary": "S."})
    site.work("tricky", title="<script>alert(1)</script> report", summary="A <img src=x onerror=alert(1)> summary.",
              topics=["t"], authors=[{"name": "<i>Someone</i>"}])
    site.build()
    article = site.article("knowledge/tricky/")
    assert article.h1.get_text(strip=True) == "<script>alert(1)</script> report"
    assert not article.select("script, img, b")
    # Citation styles set a title in italics; what a contributor wrote stays text inside.
    assert all(not element.find(True) for element in article.select("i"))
    assert "<script>alert(1)</script> report" in article.select_one(".lead-cite").get_text()
    assert site.article("knowledge/").find("a", string="<b>Bold</b> topic")
    site.work("tricky", url="javascript:alert(1)")
    result = site.leadctl("validate")
    assert result.exit_code == 1 and "data/knowledge/tricky.yml:" in result.output and "url:" in result.output
