"""Citing a policy brief: the BibTeX, RIS and CSL-JSON files beside it, and the citations on its page."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
from pylatexenc import latex2text
from pylatexenc.latex2text import LatexNodes2Text

from leadctl.writers.citations import bibtex_escape

BASE = "https://example.org/net/"
# Everything that means something to BibTeX, LaTeX or RIS, and a line that looks like a RIS tag.
NASTY_TITLE = "Costs & benefits: 50% {more} of R_D, $5 #1 ~ ^ \\ <b> and \"quotes\"\nER  - injected"
NASTY_AUTHOR = "Ann {Brace} and Co\nAU  - Fake Author"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import ProjectSite

    site = ProjectSite(tmp_path_factory.mktemp("cite") / "project")
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN")
    site.brief("governance", title={"en": "Shared governance", "zh": "共同治理"}, date="2026-02-01", doi="10.5555/lead.1",
               authors=[{"member": "alice"}, {"name": "Bob Outside"}], tags=["governance", "leadership"],
               summary={"en": "On shared decisions.", "zh": "关于共同决策。"})
    site.brief("no-doi", title="Without a DOI", date="2025-12-24", summary="No DOI here.")
    site.brief("nasty", title=NASTY_TITLE, date="2026-03-03", authors=[{"name": NASTY_AUTHOR}], summary="Line one\nline two }")
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


