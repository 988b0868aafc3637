"""Citing a policy brief: the BibTeX, RIS and CSL-JSON files beside it, and the citations on its page."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import bibtexparser
import pytest
import rispy
from pylatexenc import latex2text
from pylatexenc.latex2text import LatexNodes2Text

from leadctl.writers.citations import bibtex_escape
from sitekit import assert_in_order

BASE = "https://example.org/net/"
# Everything that means something to BibTeX, LaTeX or RIS, and a line that looks like a RIS tag.
NASTY_TITLE = "Costs & benefits: 50% {more} of R_D, $5 #1 ~ ^ \\ <b> and \"quotes\"\nER  - injected"
NASTY_AUTHOR = "Ann {Brace} and Co\nAU  - Fake Author"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import ProjectSite

    site = ProjectSite(tmp_path_factory.mktemp("cite") / "project")
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN")
    site.topics({"id": "governance", "label": {"en": "University governance", "zh": "大学治理"}, "summary": "S."})
    site.brief("governance", title={"en": "Shared governance", "zh": "共同治理"}, date="2026-02-01", doi="10.5555/lead.1",
               authors=[{"member": "alice"}, {"name": "Bob Outside"}], tags=["governance", "leadership"],
               summary={"en": "On shared decisions.", "zh": "关于共同决策。"})
    site.brief("no-doi", title="Without a DOI", date="2025-12-24", summary="No DOI here.")
    site.brief("nasty", title=NASTY_TITLE, date="2026-03-03", authors=[{"name": NASTY_AUTHOR}], summary="Line one\nline two }")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"})
    site.brief("sino-european", title={"en": "Shared Governance in Chinese and European Universities", "zh": "中欧大学的共同治理"},
               date="2025-05-01", doi="10.5281/zenodo.0000001", authors=[{"name": "王丽"}, {"name": "Anna de Vries"}],
               topics=["governance"], summary={"en": "Two systems compared.", "zh": "两种制度的比较。"}, files="files/sino.pdf")
    site.brief("many", title="Four Authors", date="2024-01-02", summary="Four.",
               authors=[{"name": "Ann Lee"}, {"name": "欧阳修"}, {"name": "Wang, Li"}, {"member": "uni-a"}])
    site.write("docs/files/sino.pdf", "%PDF-1.4\n")
    site.build()
    return site


def bib(site, path) -> str:
    return (site.site_dir / path).read_text(encoding="utf-8")


def parse_bibtex(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, library.failed_blocks
    assert len(library.entries) == 1
    entry = library.entries[0]
    return {"ENTRYTYPE": entry.entry_type, "ID": entry.key, **{field.key: field.value for field in entry.fields}}


# LaTeX's own text commands for the characters BibTeX and LaTeX reserve; pylatexenc
# leaves out a few of them (or prints a modifier letter for the caret), so name them.
_TEXT_COMMANDS = latex2text.get_default_latex_context_db()
_TEXT_COMMANDS.add_context_category(
    "lead-text-commands",
    prepend=True,  # before the defaults, so that these win
    macros=[
        latex2text.MacroTextSpec("textbraceleft", "{"),
        latex2text.MacroTextSpec("textbraceright", "}"),
        latex2text.MacroTextSpec("textless", "<"),
        latex2text.MacroTextSpec("textgreater", ">"),
        latex2text.MacroTextSpec("textasciicircum", "^"),
    ],
)


def plain(latex: str) -> str:
    """What LaTeX prints for a field value (outer braces of names and titles removed)."""
    return LatexNodes2Text(latex_context=_TEXT_COMMANDS).latex_to_text(latex)


def braces_balance(text: str) -> bool:
    depth = 0
    for character in text:  # BibTeX counts every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def test_each_brief_has_bibtex_and_ris_in_each_language(built):
    for prefix in ("", "zh/"):
        for brief_id in ("governance", "no-doi", "nasty"):
            assert (built.site_dir / f"{prefix}briefs/{brief_id}/{brief_id}.bib").is_file()
            assert (built.site_dir / f"{prefix}briefs/{brief_id}/{brief_id}.ris").is_file()
            assert (built.site_dir / f"{prefix}briefs/{brief_id}/{brief_id}.json").is_file()


def test_bibtex_entry(built):
    entry = parse_bibtex(bib(built, "briefs/governance/governance.bib"))
    assert entry["ENTRYTYPE"] == "techreport" and entry["ID"] == "lead-governance"
    assert entry["author"] == "Example, Alice and Outside, Bob"
    assert entry["title"] == "{Shared governance}"
    assert entry["institution"] == "Test Network" and entry["type"] == "Policy brief"
    assert (entry["year"], entry["date"], entry["doi"]) == ("2026", "2026-02-01", "10.5555/lead.1")
    assert entry["url"] == BASE + "briefs/governance/"
    assert entry["keywords"] == "governance, leadership" and entry["langid"] == "english"
    chinese = parse_bibtex(bib(built, "zh/briefs/governance/governance.bib"))
    assert chinese["author"] == "{爱丽丝} and Outside, Bob" and chinese["title"] == "{共同治理}"
    assert chinese["institution"] == "测试网络" and chinese["type"] == "政策简报"
    assert chinese["url"] == BASE + "zh/briefs/governance/" and chinese["langid"] == "chinese"


def test_bibtex_without_doi_or_authors_names_the_network(built):
    entry = parse_bibtex(bib(built, "briefs/no-doi/no-doi.bib"))
    assert "doi" not in entry and entry["author"] == "{Test Network}" and entry["year"] == "2025"


def test_contributor_text_cannot_break_the_bibtex_file(built):
    text = bib(built, "briefs/nasty/nasty.bib")
    entry = parse_bibtex(text)
    assert set(entry) >= {"author", "title", "institution", "year", "url", "abstract"}
    for key in ("author", "title", "abstract"):
        assert braces_balance(entry[key]), key
        assert "\n" not in entry[key]
    # What LaTeX prints is what the contributor wrote (line breaks become spaces), family name first.
    assert plain(entry["title"]) == " ".join(NASTY_TITLE.split())
    family, given = plain(entry["author"]).split(", ", 1)
    assert f"{given} {family}" == " ".join(NASTY_AUTHOR.split())
    # The "and" inside the name is protected by braces: BibTeX sees one author.
    library = bibtexparser.parse_string(text, append_middleware=[bibtexparser.middlewares.SeparateCoAuthors()])
    assert len(library.entries[0]["author"]) == 1


@pytest.mark.parametrize("text", ["a & b", "{", "}", "\\", "50%", "x_y", "#", "$", "~^", "<>", "Zoë 共同治理", "}{", "\\}"])
def test_bibtex_escape_round_trips_through_latex(text):
    escaped = bibtex_escape(text)
    assert braces_balance(escaped)
    assert plain(escaped) == text


def test_ris_record(built):
    [record] = rispy.loads(bib(built, "briefs/governance/governance.ris"))
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["Example, Alice", "Outside, Bob"]
    assert record["title"] == "Shared governance" and record["year"] == "2026" and record["date"] == "2026/02/01/"
    assert record["doi"] == "10.5555/lead.1" and record["urls"] == [BASE + "briefs/governance/"]
    assert record["publisher"] == "Test Network" and record["keywords"] == ["governance", "leadership"]
    [chinese] = rispy.loads(bib(built, "zh/briefs/governance/governance.ris"))
    assert chinese["authors"] == ["爱丽丝", "Outside, Bob"] and chinese["title"] == "共同治理" and chinese["language"] == "Chinese"


def test_contributor_text_cannot_add_ris_tags_or_records(built):
    text = bib(built, "briefs/nasty/nasty.ris")
    records = rispy.loads(text)
    assert len(records) == 1
    [record] = records
    assert record["title"] == " ".join(NASTY_TITLE.split())
    [author] = record["authors"]
    family, given = author.split(", ", 1)
    assert f"{given} {family}" == " ".join(NASTY_AUTHOR.split())
    assert text.count("\nER  -") == 1 and text.count("\nAU  -") == 1




# -- the citations on the page --------------------------------------------------------
def citations(site, path) -> dict[str, str]:
    """Each style's citation on a page, as its text reads."""
    box = site.html(path).select_one(".lead-cite")
    return {style["data-lead-cite-style"]: style.select_one(".lead-citation").get_text() for style in box.select(".lead-cite__style")}


SINO_TITLE = "Shared Governance in Chinese and European Universities"
SINO_DOI = "https://doi.org/10.5281/zenodo.0000001"


def test_the_page_cites_the_brief_in_four_styles(built):
    cited = citations(built, "briefs/sino-european/")
    assert list(cited) == ["apa", "chicago", "harvard", "gbt7714"]
    # A Chinese name stays whole, family name first; a Western one is "family, initial" or "initial family".
    assert_in_order(cited["apa"], ["王丽", "& de Vries, A.", "(2025).", SINO_TITLE, "[Policy brief]", "Test Network.", SINO_DOI])
    assert_in_order(cited["chicago"], ["王丽", "and A. de Vries.", "2025.", SINO_TITLE, "Policy brief.", "Test Network.", SINO_DOI])
    assert_in_order(cited["harvard"], ["王丽 and de Vries, A.", "(2025)", SINO_TITLE, "Test Network.", "Available at:", SINO_DOI])
    # GB/T 7714: family names in capitals, the kind of work marked, the year after the publisher, the DOI last.
    assert_in_order(cited["gbt7714"], ["王丽, DE VRIES A.", SINO_TITLE + "[R/OL].", "Test Network, 2025.", BASE + "briefs/sino-european/", "DOI:10.5281/zenodo.0000001."])
    assert not cited["gbt7714"].startswith("[1]")


def test_the_chinese_page_cites_the_chinese_title_with_chinese_labels(built):
    cited = citations(built, "zh/briefs/sino-european/")
    for text in cited.values():
        assert "中欧大学的共同治理" in text and SINO_TITLE not in text
    assert_in_order(cited["apa"], ["王丽", "de Vries, A.", "(2025)", "中欧大学的共同治理", "[政策简报]", "测试网络", SINO_DOI])
    assert_in_order(cited["chicago"], ["王丽", "和 A. de Vries", "2025", "中欧大学的共同治理", "政策简报"])
    assert_in_order(cited["harvard"], ["王丽 和 de Vries, A.", "(2025)", "中欧大学的共同治理", "载于:", SINO_DOI])
    assert_in_order(cited["gbt7714"], ["王丽, DE VRIES A.", "中欧大学的共同治理[R/OL].", "测试网络, 2025.", BASE + "zh/briefs/sino-european/", "DOI:10.5281/zenodo.0000001."])


def test_long_author_lists_are_shortened_in_each_language(built):
    english, chinese = citations(built, "briefs/many/"), citations(built, "zh/briefs/many/")
    assert_in_order(english["gbt7714"], ["LEE A, 欧阳修, WANG L, et al.", "Four Authors[R/OL]"])
    assert_in_order(chinese["gbt7714"], ["LEE A, 欧阳修, WANG L, 等.", "Four Authors[R/OL]"])
    assert_in_order(english["harvard"], ["Lee, A. et al. (2024)"])
    assert_in_order(chinese["harvard"], ["Lee, A. 等 (2024)"])
    # "Wang, Li": a comma says which name is the family name; an institution is named as it is.
    assert_in_order(english["apa"], ["Lee, A., 欧阳修, Wang, L., & University A. (2024)."])
    assert_in_order(chinese["apa"], ["Lee, A., 欧阳修, Wang, L., & 甲大学. (2024)."])


def test_without_doi_the_citation_links_the_page(built):
    cited = built.html("briefs/no-doi/").select_one('[data-lead-cite-style="apa"] .lead-citation')
    # With no author named, the network is the author.
    assert_in_order(cited.get_text(), ["Test Network. (2025).", "Without a DOI [Policy brief].", f"{BASE}briefs/no-doi/"])
    assert cited.select_one("a")["href"] == BASE + "briefs/no-doi/"
    assert built.html("zh/briefs/no-doi/").select_one('[data-lead-cite-style="apa"] .lead-citation a')["href"] == BASE + "zh/briefs/no-doi/"


def test_the_doi_is_linked(built):
    cited = built.html("briefs/governance/").select_one('[data-lead-cite-style="apa"] .lead-citation')
    assert [a["href"] for a in cited.select("a")] == ["https://doi.org/10.5555/lead.1"]
    assert cited.select_one("i").get_text() == "Shared governance"


def test_the_page_citations_are_escaped(built):
    for style in built.html("briefs/nasty/").select(".lead-cite__style"):
        citation = style.select_one(".lead-citation")
        # Chicago writes English titles in title case.
        assert " ".join(NASTY_TITLE.split()).casefold() in citation.get_text().casefold(), style["data-lead-cite-style"]
        assert not citation.select("b")


def test_each_style_has_a_copy_button_in_the_page_language(built):
    for path, copy, label, copied in (
        ("briefs/governance/", "Copy", "Copy the citation in APA 7", "Citation copied."),
        ("zh/briefs/governance/", "复制", "复制APA 第 7 版格式的引文", "引文已复制。"),
    ):
        box = built.html(path).select_one(".lead-cite")
        buttons = box.select("button[data-lead-cite-copy]")
        assert len(buttons) == 4
        # Hidden until the script that makes it work runs; named for the style it copies.
        assert all(button.has_attr("hidden") and button["type"] == "button" for button in buttons)
        assert buttons[0].get_text() == copy and buttons[0]["aria-label"] == label
        assert box.select_one("[data-lead-cite-status]")["role"] == "status"
        assert box.select_one("[data-lead-cite-status]")["data-lead-cite-copied"] == copied


def test_the_page_links_its_three_files(built):
    for path in ("briefs/governance/", "zh/briefs/governance/"):
        links = built.html(path).select(".lead-cite a[download]")
        assert [(a["href"], a.get_text()) for a in links] == [
            ("governance.bib", "BibTeX"), ("governance.ris", "RIS"), ("governance.json", "CSL-JSON")
        ]


# -- what reference managers read -----------------------------------------------------
def meta_tags(site, path) -> list[tuple[str, str]]:
    return [(tag["name"], tag["content"]) for tag in site.html(path).select('head meta[name^="citation_"]')]


def test_highwire_meta_tags(built):
    tags = meta_tags(built, "briefs/sino-european/")
    assert ("citation_title", SINO_TITLE) in tags
    assert [value for name, value in tags if name == "citation_author"] == ["王丽", "de Vries, Anna"]
    assert ("citation_publication_date", "2025/05/01") in tags
    assert ("citation_publisher", "Test Network") in tags and ("citation_doi", "10.5281/zenodo.0000001") in tags
    assert ("citation_pdf_url", BASE + "files/sino.pdf") in tags
    assert ("citation_language", "en") in tags
    assert ("citation_abstract_html_url", BASE + "briefs/sino-european/") in tags
    chinese = dict(meta_tags(built, "zh/briefs/sino-european/"))
    assert chinese["citation_title"] == "中欧大学的共同治理" and chinese["citation_language"] == "zh"
    assert chinese["citation_abstract_html_url"] == BASE + "zh/briefs/sino-european/"
    assert "citation_pdf_url" not in dict(meta_tags(built, "briefs/no-doi/"))


def test_only_citable_pages_have_meta_tags(built):
    assert meta_tags(built, "briefs/") == [] and meta_tags(built, "") == []


def test_meta_tags_escape_what_contributors_wrote(built):
    tags = dict(meta_tags(built, "briefs/nasty/"))
    assert tags["citation_title"] == " ".join(NASTY_TITLE.split())
    assert not built.html("briefs/nasty/").select("head b")


def test_coins_for_zotero(built):
    span = built.html("briefs/sino-european/").select_one("span.Z3988")
    context = parse_qs(span["title"])
    assert context["ctx_ver"] == ["Z39.88-2004"] and context["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
    assert context["rft.genre"] == ["report"] and context["rft.btitle"] == [SINO_TITLE]
    assert context["rft.au"] == ["王丽", "Anna de Vries"] and context["rft.date"] == ["2025"]
    assert "info:doi/10.5281/zenodo.0000001" in context["rft_id"]
    chinese = parse_qs(built.html("zh/briefs/sino-european/").select_one("span.Z3988")["title"])
    assert chinese["rft.btitle"] == ["中欧大学的共同治理"] and chinese["rft.pub"] == ["测试网络"]


# -- the whole list -------------------------------------------------------------------
def test_the_knowledge_base_and_each_topic_have_all_three_files(built):
    for prefix in ("", "zh/"):
        whole = json.loads(bib(built, f"{prefix}knowledge/references.json"))
        assert {item["id"] for item in whole} == {"lead-governance", "lead-no-doi", "lead-nasty", "lead-sino-european", "lead-many"}
        assert len(rispy.loads(bib(built, f"{prefix}knowledge/references.ris"))) == 5
        library = bibtexparser.parse_string(bib(built, f"{prefix}knowledge/references.bib"))
        assert not library.failed_blocks and len(library.entries) == 5
        topic = json.loads(bib(built, f"{prefix}topics/governance/references.json"))
        assert [item["id"] for item in topic] == ["lead-sino-european"]
    assert json.loads(bib(built, "zh/topics/governance/references.json"))[0]["title"] == "中欧大学的共同治理"


def test_the_quick_reference_page_lists_everything_by_topic(built):
    for path, style_text, topic, other in (
        ("knowledge/quick-reference/", "APA 7", "University governance", "Other"),
        ("zh/knowledge/quick-reference/", "GB/T 7714—2015", "大学治理", "其他"),
    ):
        page = built.html(path).select_one(".lead-quick-reference")
        assert style_text in page.select_one("p").get_text()
        groups = {section.select_one("h2").get_text(): [li.get_text() for li in section.select("li")] for section in page.select("section")}
        assert list(groups) == [topic, other]
        assert len(groups[topic]) == 1 and len(groups[other]) == 4
        assert [a["href"] for a in page.select("a[download]")] == ["../references.bib", "../references.ris", "../references.json"]
    english = built.html("knowledge/quick-reference/").select_one(".lead-quick-reference")
    assert_in_order(english.select("section")[0].get_text(), ["王丽, & de Vries, A. (2025).", SINO_TITLE, "[Policy brief]"])
    others = [li.get_text() for li in english.select("section")[1].select("li")]
    assert others == sorted(others, key=str.casefold)
    chinese = built.html("zh/knowledge/quick-reference/").select_one(".lead-quick-reference")
    assert_in_order(chinese.select("section")[0].get_text(), ["王丽, DE VRIES A.", "中欧大学的共同治理[R/OL]", "测试网络, 2025."])


def test_the_briefs_listing_links_the_quick_reference_page(built):
    for prefix in ("", "zh/"):
        link = built.html(f"{prefix}briefs/").select_one('.lead-generated a[href$="quick-reference/"]')
        assert link["href"] == "../knowledge/quick-reference/"
        assert (built.site_dir / f"{prefix}knowledge/quick-reference/index.html").is_file()


# -- a corporate author that publishes its own work -----------------------------------
INSTITUTE = {"en": "Example Institute", "zh": "示例研究所"}
GROUP = {"en": "LEAD Working Group", "zh": "LEAD 工作组"}


@pytest.fixture(scope="module")
def corporate(tmp_path_factory):
    from sitekit import ProjectSite

    site = ProjectSite(tmp_path_factory.mktemp("corporate") / "project")
    site.brief("by-the-network", title="Network Report", date="2026-01-15", summary="By the network itself.")
    site.work("own-report", kind="report", date=2025, title="Institute Report", summary="Its own report.",
              authors=[{"organisation": dict(INSTITUTE)}], publisher=dict(INSTITUTE))
    site.brief("by-a-group", title="Group Brief", date="2026-02-10", summary="By a working group and a person.",
               authors=[{"organisation": dict(GROUP)}, {"name": "Ann Lee"}])
    site.build()
    return site


@pytest.mark.parametrize(("path", "publisher"), [
    ("briefs/by-the-network/", "Test Network"),
    ("zh/briefs/by-the-network/", "测试网络"),
    ("knowledge/own-report/", "Example Institute"),
    ("zh/knowledge/own-report/", "示例研究所"),
])
def test_apa_names_a_corporate_author_that_publishes_its_work_once(corporate, path, publisher):
    cited = citations(corporate, path)
    # APA 7 leaves out a publisher that is the author; the other styles still name it as publisher.
    assert cited["apa"].startswith(publisher + ". (") and cited["apa"].count(publisher) == 1
    for style in ("chicago", "harvard", "gbt7714"):
        # As written both times: GB/T 7714 capitalises family names, not an organisation's name.
        assert cited[style].count(publisher) == 2, (style, cited[style])


def test_the_files_and_meta_tags_keep_a_publisher_that_is_the_author(corporate):
    item = json.loads(bib(corporate, "knowledge/own-report/own-report.json"))[0]
    assert item["publisher"] == "Example Institute" and item["author"] == [{"literal": "Example Institute"}]
    assert parse_bibtex(bib(corporate, "briefs/by-the-network/by-the-network.bib"))["institution"] == "Test Network"
    assert ("citation_publisher", "Test Network") in meta_tags(corporate, "briefs/by-the-network/")


def test_a_brief_by_an_organisation_names_it_as_written_wherever_it_is_cited(corporate):
    for prefix, group, separator in (("", "LEAD Working Group", ", "), ("zh/", "LEAD 工作组", "、")):
        path = f"{prefix}briefs/by-a-group/"
        facts = corporate.article(path).select_one("dl.lead-facts dd.lead-authors")
        assert facts.get_text() == f"{group}{separator}Ann Lee" and not facts.select("a")
        cited = citations(corporate, path)
        # Cited as written, not as a person's "family, initials".
        assert cited["apa"].startswith(f"{group}, & Lee, A. (2026).")
        assert cited["gbt7714"].startswith(f"{group}, LEE A.")
        authors = [(author["@type"], author["name"]) for author in _json_ld(corporate, path)["author"]]
        assert authors == [("Organization", group), ("Person", "Ann Lee")]
    entry = parse_bibtex(bib(corporate, "briefs/by-a-group/by-a-group.bib"))
    assert entry["author"] == "{LEAD Working Group} and Lee, Ann"
    assert rispy.loads(bib(corporate, "briefs/by-a-group/by-a-group.ris"))[0]["authors"] == ["LEAD Working Group", "Lee, Ann"]
    item = json.loads(bib(corporate, "zh/briefs/by-a-group/by-a-group.json"))[0]
    assert item["author"] == [{"literal": "LEAD 工作组"}, {"family": "Lee", "given": "Ann"}]
    assert ("citation_author", "LEAD Working Group") in meta_tags(corporate, "briefs/by-a-group/")


def _json_ld(site, path) -> dict:
    (script,) = site.html(path).select('script[type="application/ld+json"]')
    return json.loads(script.string)
