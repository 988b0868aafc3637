"""A knowledge base work as a reference: its CSL-JSON item, its citations and its files, for every kind of work.

The works' pages come with the knowledge base kind; these tests call the functions
the work pages use, on records made here, so that citing works is tested first.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import bibtexparser
import pytest
import rispy

from leadctl.base.settings import SiteSettings
from leadctl.generators.references import (
    KNOWLEDGE,
    STYLES,
    WORK_TYPES,
    Reference,
    by_topic,
    coins,
    highwire_tags,
    person_name,
    pdf_url,
    record_citation_tags,
    record_item,
    references,
    render_citation,
    render_citations,
    work_item,
)
from leadctl.records.models import WORK_KINDS, KnowledgeWork, Member, Topic
from leadctl.records.project import Entry, Project
from leadctl.writers.citations import bibtex, collections, csl_json, reference_files, ris, write_collection_files
from sitekit import assert_in_order

SETTINGS = SiteSettings(zone=ZoneInfo("Europe/Brussels"), today=date(2026, 6, 1), site_url="https://example.org/net/",
                        site_names={"en": "LEAD Academic Network", "zh": "LEAD 学术网络"})


def make_project(works: dict[str, dict] | None = None, topics: list[dict] | None = None) -> Project:
    project = Project(root=Path("."))
    project.records["members"]["wang-li"] = Entry("wang-li", Member(kind="individual", name={"en": "Wang, Li", "zh": "王丽"}, country="CN"), "")
    project.records["members"]["uni-a"] = Entry("uni-a", Member(kind="institution", name={"en": "University A", "zh": "甲大学"}, country="NL"), "")
    project.records[KNOWLEDGE] = {work_id: Entry(work_id, KnowledgeWork(**fields), "") for work_id, fields in (works or {}).items()}
    project.records["topics"] = {topic["id"]: Entry(topic["id"], Topic(**topic), "") for topic in (topics or [])}
    return project


SHARED = {
    "title": {"en": "Shared Governance in Chinese and European Universities", "zh": "中欧大学的共同治理"},
    "kind": "report",
    "date": "2025-03",
    "summary": {"en": "Two systems compared.", "zh": "两种制度的比较。"},
    "authors": [{"member": "wang-li"}, {"name": "Anna de Vries"}],
    "doi": "10.5281/zenodo.0000001",
    "topics": ["governance"],
    "files": [{"path": "shared-en.pdf", "language": "en"}, {"path": "shared-zh.pdf", "language": "zh"}],
}
ARTICLE = {
    "title": "Leading Departments", "kind": "article", "date": 2024, "summary": "On heads of department.",
    "authors": [{"name": "欧阳修"}, {"organisation": {"en": "LEAD Working Group", "zh": "LEAD 工作组"}}],
    "container": "Journal of Academic Leadership", "volume": 12, "issue": "3", "pages": "10-24",
}
CHAPTER = {
    "title": "Deans & <em>Change</em>", "kind": "chapter", "date": "2023-05-02", "summary": "A chapter.",
    "authors": [{"name": "Ann Lee"}], "container": "Handbook of Governance", "publisher": "Springer", "place": "Cham",
    "isbn": "978-3-16-148410-0", "edition": 2, "pages": "100-120",
}
TOPICS = [{"id": "governance", "label": {"en": "Governance", "zh": "治理"}, "summary": "How universities decide."},
          {"id": "leadership", "label": {"en": "Leadership", "zh": "领导力"}, "summary": "Leading people."}]


@pytest.fixture(scope="module")
def project() -> Project:
    return make_project({"shared": SHARED, "article": ARTICLE, "chapter": CHAPTER}, TOPICS)


def item_of(project: Project, work_id: str, language: str = "en") -> dict:
    item = record_item(project, SETTINGS, KNOWLEDGE, work_id, language)
    assert item is not None
    return item


# -- names ----------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "name"), [
    ("Anna de Vries", {"family": "de Vries", "given": "Anna"}),
    ("Ludwig van der Berg", {"family": "van der Berg", "given": "Ludwig"}),
    ("Mary Ann Smith", {"family": "Smith", "given": "Mary Ann"}),
    ("Wang, Li", {"family": "Wang", "given": "Li"}),
    ("王丽", {"family": "王", "given": "丽"}),
    ("王小明", {"family": "王", "given": "小明"}),
    ("欧阳修", {"family": "欧阳", "given": "修"}),
    ("司马相如", {"family": "司马", "given": "相如"}),
    ("王 小明", {"family": "王", "given": "小明"}),
    ("Plato", {"literal": "Plato"}),
])
def test_a_persons_name_as_family_and_given(written, name):
    assert person_name(written) == name


# -- the item -------------------------------------------------------------------------
def test_a_work_as_csl_json_in_each_language(project):
    english, chinese = item_of(project, "shared"), item_of(project, "shared", "zh")
    assert english["type"] == "report" and english["id"] == "lead-shared"
    assert english["title"] == SHARED["title"]["en"] and chinese["title"] == "中欧大学的共同治理"
    assert english["language"] == "en" and chinese["language"] == "zh"
    assert english["author"] == [{"family": "Wang", "given": "Li"}, {"family": "de Vries", "given": "Anna"}]
    assert chinese["author"][0] == {"family": "王", "given": "丽"}
    assert english["issued"] == {"date-parts": [[2025, 3]]}
    assert english["DOI"] == "10.5281/zenodo.0000001" and english["URL"] == "https://example.org/net/knowledge/shared/"
    assert chinese["URL"] == "https://example.org/net/zh/knowledge/shared/"
    assert english["publisher"] == "LEAD Academic Network" and chinese["publisher"] == "LEAD 学术网络"
    assert english["keyword"] == "Governance" and chinese["keyword"] == "治理"


def test_an_article_and_a_chapter_name_their_container(project):
    article = item_of(project, "article")
    assert article["type"] == "article-journal" and article["container-title"] == "Journal of Academic Leadership"
    assert (article["volume"], article["issue"], article["page"]) == ("12", "3", "10-24")
    assert "publisher" not in article  # a journal article is published by its journal
    assert article["author"] == [{"family": "欧阳", "given": "修"}, {"literal": "LEAD Working Group"}]
    assert item_of(project, "article", "zh")["author"][1] == {"literal": "LEAD 工作组"}
    chapter = item_of(project, "chapter")
    assert chapter["type"] == "chapter" and chapter["container-title"] == "Handbook of Governance"
    assert (chapter["publisher"], chapter["publisher-place"], chapter["ISBN"], chapter["edition"]) == ("Springer", "Cham", "978-3-16-148410-0", "2")


@pytest.mark.parametrize("kind", WORK_KINDS)
def test_every_kind_of_work_is_cited_in_four_styles_in_both_languages(kind):
    fields = {**SHARED, "kind": kind, "topics": []}
    project = make_project({"work": fields})
    for language in ("en", "zh"):
        item = item_of(project, "work", language)
        assert item["type"] == WORK_TYPES[kind]
        title = SHARED["title"][language]
        for citation in render_citations(item, language):
            text = citation.text
            assert title.casefold() in text.casefold(), (kind, citation.style.key, text)
            assert "2025" in text and "10.5281/zenodo.0000001" in text, (kind, citation.style.key, text)
            assert "de Vries" in text or "DE VRIES" in text, (kind, citation.style.key, text)
            assert ("王丽" if language == "zh" else "Wang") in text or "WANG" in text, (kind, citation.style.key, text)


def test_gbt_7714_marks_the_kind_of_work(project):
    gbt = next(style for style in STYLES if style.key == "gbt7714")
    assert "[R/OL]" in render_citation(item_of(project, "shared"), gbt, "en").text
    assert_in_order(render_citation(item_of(project, "article"), gbt, "en").text,
                    ["欧阳修, LEAD Working Group.", "Leading Departments[J/OL].", "Journal of Academic Leadership, 2024, 12(3): 10-24."])
    assert "Deans & <em>Change</em>[M/OL]//Handbook of Governance" in render_citation(item_of(project, "chapter"), gbt, "en").text


def test_apa_cites_a_journal_article_with_volume_issue_and_pages(project):
    apa = render_citation(item_of(project, "article"), STYLES[0], "en")
    assert_in_order(apa.text, ["欧阳修, & LEAD Working Group. (2024).", "Leading Departments.", "Journal of Academic Leadership, 12(3), 10–24."])
    assert apa.html.count("<i>") >= 1


def test_contributor_markup_is_text_in_every_style(project):
    for language in ("en", "zh"):
        for citation in render_citations(item_of(project, "chapter", language), language):
            assert "<em>" not in citation.html and "&lt;em&gt;" in citation.html
            assert "<em>" in citation.text.replace("<EM>", "<em>")


# -- head and COinS -------------------------------------------------------------------
def test_meta_tags_of_a_work(project):
    tags = record_citation_tags(project, SETTINGS, KNOWLEDGE, "shared", "zh")
    assert ("citation_title", "中欧大学的共同治理") in tags
    assert [value for name, value in tags if name == "citation_author"] == ["王丽", "de Vries, Anna"]
    assert ("citation_publication_date", "2025/03") in tags
    assert ("citation_pdf_url", "https://example.org/net/files/shared-zh.pdf") in tags
    assert pdf_url(project, SETTINGS, KNOWLEDGE, "shared", "en") == "https://example.org/net/files/shared-en.pdf"
    article = dict(highwire_tags(item_of(project, "article")))
    assert article["citation_journal_title"] == "Journal of Academic Leadership"
    assert (article["citation_volume"], article["citation_issue"], article["citation_firstpage"], article["citation_lastpage"]) == ("12", "3", "10", "24")
    assert record_citation_tags(project, SETTINGS, "members", "uni-a", "en") == []
    # A work kept elsewhere: the item links it there, the tags name the page that describes it.
    elsewhere = make_project({"x": {**SHARED, "url": "https://example.com/x"}})
    assert dict(record_citation_tags(elsewhere, SETTINGS, KNOWLEDGE, "x", "en"))["citation_abstract_html_url"] == "https://example.org/net/knowledge/x/"


def test_coins_of_an_article(project):
    context = parse_qs(coins(item_of(project, "article")))
    assert context["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"] and context["rft.genre"] == ["article"]
    assert context["rft.atitle"] == ["Leading Departments"] and context["rft.jtitle"] == ["Journal of Academic Leadership"]
    assert context["rft.aulast"] == ["欧阳"] and context["rft.au"] == ["欧阳修", "LEAD Working Group"]
    video = make_project({"video": {**SHARED, "kind": "video"}})
    assert parse_qs(coins(item_of(video, "video")))["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]


# -- the files, read back by real parsers ---------------------------------------------
def test_bibtex_of_each_kind(project):
    library = bibtexparser.parse_string("\n".join(bibtex(item_of(project, work_id)) for work_id in ("shared", "article", "chapter")))
    assert not library.failed_blocks
    shared, article, chapter = library.entries
    assert shared.entry_type == "techreport" and shared["institution"] == "LEAD Academic Network"
    assert shared["author"] == "Wang, Li and de Vries, Anna" and shared["date"] == "2025-03" and shared["year"] == "2025"
    assert article.entry_type == "article" and article["journal"] == "Journal of Academic Leadership"
    assert (article["volume"], article["number"], article["pages"]) == ("12", "3", "10--24")
    assert article["author"] == "{欧阳修} and {LEAD Working Group}"
    assert chapter.entry_type == "incollection" and chapter["booktitle"] == "Handbook of Governance"
    assert chapter["title"] == r"{Deans \& \textless{}em\textgreater{}Change\textless{}/em\textgreater{}}"
    assert (chapter["publisher"], chapter["address"], chapter["isbn"]) == ("Springer", "Cham", "978-3-16-148410-0")
    chinese = bibtexparser.parse_string(bibtex(item_of(project, "shared", "zh"))).entries[0]
    assert chinese["title"] == "{中欧大学的共同治理}" and chinese["author"] == "{王丽} and de Vries, Anna" and chinese["langid"] == "chinese"


def test_ris_of_each_kind(project):
    records = rispy.loads(ris([item_of(project, work_id) for work_id in ("shared", "article", "chapter")]))
    assert [record["type_of_reference"] for record in records] == ["RPRT", "JOUR", "CHAP"]
    shared, article, chapter = records
    assert shared["authors"] == ["Wang, Li", "de Vries, Anna"] and shared["date"] == "2025/03//" and shared["doi"] == "10.5281/zenodo.0000001"
    assert article["secondary_title"] == "Journal of Academic Leadership" and (article["start_page"], article["end_page"]) == ("10", "24")
    assert chapter["secondary_title"] == "Handbook of Governance" and chapter["place_published"] == "Cham"


@pytest.mark.parametrize("kind", WORK_KINDS)
def test_every_kind_has_a_ris_type_and_a_bibtex_entry(kind):
    item = item_of(make_project({"work": {**SHARED, "kind": kind}}), "work")
    [record] = rispy.loads(ris([item]))
    assert record["type_of_reference"] in rispy.TYPE_OF_REFERENCE_MAPPING
    assert record["type_of_reference"] != "GEN" or kind in ("course", "toolkit")
    library = bibtexparser.parse_string(bibtex(item))
    assert not library.failed_blocks and library.entries[0]["doi"] == "10.5281/zenodo.0000001"


def test_csl_json_is_an_array_of_the_items(project):
    items = [item_of(project, "shared", "zh"), item_of(project, "article", "zh")]
    text = csl_json(items)
    assert json.loads(text) == items
    assert "中欧大学的共同治理" in text  # Chinese as it is, not \\u escapes


# -- collections ----------------------------------------------------------------------
def test_references_group_by_topic_in_the_vocabularys_order():
    def ref(record_id, *topics):
        return Reference(KNOWLEDGE, record_id, topics, {"id": record_id})

    entries = [ref("a", "leadership"), ref("b", "governance", "leadership"), ref("c"), ref("d", "unknown")]
    groups = by_topic(entries, ["governance", "leadership", "empty"])
    assert [(topic, [entry.record_id for entry in members]) for topic, members in groups] == [
        ("governance", ["b"]), ("leadership", ["a", "b"]), ("unknown", ["d"]), (None, ["c"])
    ]


def test_the_knowledge_base_and_topic_files(project, tmp_path):
    entries = references(project, SETTINGS, "en")
    assert [entry.record_id for entry in entries] == ["shared", "article", "chapter"]
    found = collections(entries, ["governance", "leadership"])
    assert list(found) == ["knowledge/", "topics/governance/"]
    for path, members in found.items():
        write_collection_files(tmp_path, path, members)
    assert len(json.loads((tmp_path / "knowledge/references.json").read_text(encoding="utf-8"))) == 3
    assert len(rispy.loads((tmp_path / "knowledge/references.ris").read_text(encoding="utf-8"))) == 3
    assert len(bibtexparser.parse_string((tmp_path / "knowledge/references.bib").read_text(encoding="utf-8")).entries) == 3
    assert [item["id"] for item in json.loads((tmp_path / "topics/governance/references.json").read_text(encoding="utf-8"))] == ["lead-shared"]
    assert set(reference_files([])) == {"bib", "ris", "json"}


def test_a_work_with_no_author_is_cited_under_its_publisher_or_the_network():
    project = make_project({"anon": {**SHARED, "authors": []}, "published": {**SHARED, "authors": [], "publisher": "OECD"}})
    assert item_of(project, "anon")["author"] == [{"literal": "LEAD Academic Network"}]
    assert item_of(project, "published")["author"] == [{"literal": "OECD"}]
    assert work_item(project, SETTINGS, "x", KnowledgeWork(**{**SHARED, "url": "https://example.com/x"}), "en")["URL"] == "https://example.com/x"


def test_a_citation_the_processor_cannot_render_still_names_the_work(project, monkeypatch):
    import citeproc

    def failing(*arguments, **options):
        raise ValueError("the processor failed")

    monkeypatch.setattr(citeproc, "CitationStylesBibliography", failing)
    item = {**item_of(project, "chapter"), "title": "Deans & <em>Change</em>, once more"}  # not rendered before
    cited = render_citation(item, STYLES[0], "en")
    assert cited.text == "Ann Lee (2023). Deans & <em>Change</em>, once more."
    assert "<em>" not in cited.html


def test_a_kind_csl_has_no_type_for_is_named_in_the_page_language():
    project = make_project({"study": {**SHARED, "kind": "comparative-study"}, "course": {**SHARED, "kind": "course"}})
    assert item_of(project, "study")["genre"] == "Comparative study" and item_of(project, "study", "zh")["genre"] == "比较研究"
    assert (item_of(project, "course")["type"], item_of(project, "course", "zh")["genre"]) == ("document", "课程")
    assert_in_order(render_citation(item_of(project, "study"), STYLES[0], "en").text, [SHARED["title"]["en"], "[Comparative study]"])
