"""leadctl import: a reference manager's export becomes valid knowledge base records, all of them or none."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadctl.checking.fields import check_model
from leadctl.commands.importing import plan_import
from leadctl.reading.documents import parse_yaml
from leadctl.records.models import KnowledgeWork

# A Zotero-style export with the awkward entries a real library holds: LaTeX accents, braces that
# protect capitals, a corporate author, "and others", month macros, page ranges, a DOI given as a URL,
# a Chinese title and a Chinese author, an entry without an abstract.
BIBTEX = r"""% Exported by Zotero
@techreport{Muller_Leadership_2021,
	title = {Leadership in {European} Universities: the {LEAD} Report},
	author = {M{\"u}ller, Hans and {\'E}cole, Jean-Paul and {{LEAD Academic Network}} and others},
	year = {2021},
	month = mar,
	pages = {10--24},
	doi = {https://doi.org/10.1234/lead.2021},
	institution = {Leiden University},
	address = {Leiden},
	langid = {english},
	abstract = {A study of deans \& heads
	across Europe.},
}

@article{wang_2020,
	title = {高等教育领导力研究},
	author = {{王丽} and 张, 伟},
	journal = {中国高教研究},
	year = {2020},
	volume = {36},
	number = {4},
	language = {中文},
}

@book{Garcia_Toolkit_2019,
	title = {The {Dean's} Toolkit},
	author = {Garc{\'i}a, Mar{\'i}a and von Humboldt, Wilhelm},
	publisher = {Springer},
	year = {2019},
	month = {November},
	isbn = {978-3-16-148410-0},
	edition = {2},
	url = {https://example.org/toolkit},
}
"""

RIS = """TY  - RPRT
ID  - Muller_Leadership_2021
TI  - Leadership in European Universities: the LEAD Report
AU  - Müller, Hans
AU  - École, Jean-Paul
AU  - LEAD Academic Network
PY  - 2021/03//
SP  - 10
EP  - 24
DO  - https://doi.org/10.1234/lead.2021
PB  - Leiden University
CY  - Leiden
LA  - English
AB  - A study of deans & heads across Europe.
ER  - 

TY  - JOUR
ID  - wang_2020
TI  - 高等教育领导力研究
AU  - 王丽
AU  - 张, 伟
T2  - 中国高教研究
PY  - 2020
VL  - 36
IS  - 4
SN  - 1004-3667
LA  - zh-CN
ER  - 

TY  - BOOK
ID  - Garcia_Toolkit_2019
TI  - The Dean's Toolkit
AU  - García, María
AU  - von Humboldt, Wilhelm
PB  - Springer
PY  - 2019/11//
SN  - 978-3-16-148410-0
ET  - 2
UR  - https://example.org/toolkit
ER  - 
"""

CSL_JSON = [
    {
        "id": "Muller_Leadership_2021",
        "type": "report",
        "title": "Leadership in European Universities: the LEAD Report",
        "author": [{"family": "Müller", "given": "Hans"}, {"family": "École", "given": "Jean-Paul"}, {"literal": "LEAD Academic Network"}],
        "issued": {"date-parts": [[2021, 3]]},
        "page": "10-24",
        "DOI": "https://doi.org/10.1234/lead.2021",
        "publisher": "Leiden University",
        "publisher-place": "Leiden",
        "language": "en-GB",
        "abstract": "A study of deans & heads across Europe.",
    },
    {
        "id": "wang_2020",
        "type": "article-journal",
        "title": "高等教育领导力研究",
        "author": [{"family": "王", "given": "丽"}, {"family": "张", "given": "伟"}],
        "container-title": "中国高教研究",
        "issued": {"date-parts": [["2020"]]},
        "volume": "36",
        "issue": 4,
        "language": "zh",
    },
    {
        "id": "Garcia_Toolkit_2019",
        "type": "book",
        "title": "The Dean's Toolkit",
        "author": [{"family": "García", "given": "María"}, {"family": "Humboldt", "given": "Wilhelm", "non-dropping-particle": "von"}],
        "publisher": "Springer",
        "issued": {"date-parts": [[2019, 11]]},
        "ISBN": "978-3-16-148410-0",
        "edition": "2",
        "URL": "https://example.org/toolkit",
    },
]

EXPORTS = {
    "library.bib": BIBTEX,
    "library.ris": RIS,
    "library.json": json.dumps(CSL_JSON, ensure_ascii=False, indent=2),
}


def _record(path: Path) -> tuple[dict, KnowledgeWork]:
    """A written record as leadctl reads it, and the model it validates as."""
    document = parse_yaml(path.read_text(encoding="utf-8"), "x")
    assert document.problems == []
    work, problems = check_model(document, KnowledgeWork, document.data)
    assert problems == []
    assert KnowledgeWork.model_validate(document.data) == work
    return document.data, work


def _knowledge(site) -> dict[str, Path]:
    folder = site.root / "data" / "knowledge"
    return {path.stem: path for path in sorted(folder.glob("*"))} if folder.exists() else {}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_a_zotero_style_export_becomes_valid_records_with_the_right_values(site, name):
    site.write(name, EXPORTS[name])
    result = site.leadctl("import", name)
    assert result.exit_code == 0, result.output
    written = _knowledge(site)
    assert sorted(written) == ["garcia-toolkit-2019", "muller-leadership-2021", "wang-2020"]

    report, work = _record(written["muller-leadership-2021"])
    assert report["title"] == "Leadership in European Universities: the LEAD Report"  # braces gone
    assert report["kind"] == "report"
    assert str(report["date"]) == "2021-03"
    assert report["authors"] == [
        {"name": "Hans Müller"},
        {"name": "Jean-Paul École"},
        {"organisation": "LEAD Academic Network"},
    ]  # "and others" names no one
    assert report["summary"] == "A study of deans & heads across Europe."
    assert report["pages"] == "10–24"
    assert report["doi"] == "10.1234/lead.2021"
    assert report["publisher"] == "Leiden University" and report["place"] == "Leiden"
    assert report["languages"] == ["en"]
    assert list(report) == ["title", "kind", "date", "authors", "summary", "languages", "doi", "publisher", "pages", "place"]

    chinese, work = _record(written["wang-2020"])
    assert chinese["title"] == "高等教育领导力研究"
    assert chinese["kind"] == "article"
    assert chinese["date"] == 2020
    assert chinese["authors"] == [{"name": "王丽"}, {"name": "张伟"}]  # family name first, no comma, no space
    assert chinese["container"] == "中国高教研究"
    assert (chinese["volume"], chinese["issue"]) == (36, 4)
    assert chinese["languages"] == ["zh"]
    assert "isbn" not in chinese  # RIS puts a journal's ISSN where a book's ISBN goes
    assert work.summary.en == "An article by 王丽 and 张伟 (2020)."
    assert work.summary.zh == "王丽、张伟的文章（2020年）。"

    book, work = _record(written["garcia-toolkit-2019"])
    assert book["title"] == "The Dean's Toolkit"
    assert book["kind"] == "book"
    assert str(book["date"]) == "2019-11"
    assert book["authors"] == [{"name": "María García"}, {"name": "Wilhelm von Humboldt"}]
    assert book["isbn"] == "978-3-16-148410-0" and book["edition"] == 2
    assert book["url"] == "https://example.org/toolkit"

    # Written for people: Chinese as it is, block style, nothing escaped.
    text = written["wang-2020"].read_text(encoding="utf-8")
    assert "高等教育领导力研究" in text and "\\u" not in text and "{" not in text
    # What the contributor should still do, named with the entry's line.
    assert "warning: entry 'wang_2020': no abstract" in result.output
    assert "warning: entry 'wang_2020': the title is in Chinese only" in result.output


def test_imported_records_pass_validate_and_chinese_names_are_not_taken_for_untranslated_text(site):
    site.write("library.bib", BIBTEX)
    assert site.leadctl("import", "library.bib").exit_code == 0
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "data/knowledge/wang-2020.yml" in line]
    # The Chinese-only title is worth a translation; the authors' names are written as they are cited.
    assert any(": title: " in line for line in warnings), result.output
    assert not any("authors" in line for line in warnings), result.output


def test_lines_of_entries_are_reported_in_each_format(site):
    site.write("library.bib", BIBTEX)
    result = site.leadctl("import", "library.bib", "--dry-run")
    assert "library.bib:16: warning: entry 'wang_2020': no abstract" in result.output
    site.write("library.ris", RIS)
    result = site.leadctl("import", "library.ris", "--dry-run")
    assert "library.ris:17: warning: entry 'wang_2020': no abstract" in result.output
    site.write("library.json", EXPORTS["library.json"])
    result = site.leadctl("import", "library.json", "--dry-run")
    line = EXPORTS["library.json"].splitlines().index('    "id": "wang_2020",')  # the item's "{" is on the line before
    assert f"library.json:{line}: warning: entry 'wang_2020': no abstract" in result.output


def test_a_ris_translated_title_becomes_the_english_title(site):
    site.write("one.ris", "TY  - JOUR\nTI  - 高等教育领导力研究\nTT  - Leadership in higher education\nPY  - 2020\nAB  - 摘要。\nER  - \n")
    assert site.leadctl("import", "one.ris").exit_code == 0
    [path] = _knowledge(site).values()
    data, _ = _record(path)
    assert data["title"] == {"en": "Leadership in higher education", "zh": "高等教育领导力研究"}
    assert path.stem == "2020-leadership"  # no key: the year and a word of the title


def test_dry_run_prints_the_records_and_writes_nothing(site):
    site.write("library.bib", BIBTEX)
    result = site.leadctl("import", "library.bib", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "# data/knowledge/muller-leadership-2021.yml" in result.output
    assert "- organisation: LEAD Academic Network" in result.output
    assert "nothing was written" in result.output
    assert _knowledge(site) == {}


def test_an_existing_record_is_kept_without_force_and_replaced_with_it(site):
    site.write("library.bib", BIBTEX)
    existing = site.write("data/knowledge/wang-2020.yml", "title: Hand-written\n")
    result = site.leadctl("import", "library.bib")
    assert result.exit_code == 1
    assert (
        "library.bib:16: entry 'wang_2020': data/knowledge/wang-2020.yml already exists; "
        "leadctl import replaces a record only with --force"
    ) in result.output
    assert "Traceback" not in result.output
    assert existing.read_text(encoding="utf-8") == "title: Hand-written\n"
    assert sorted(_knowledge(site)) == ["wang-2020"]  # the others were not written either

    result = site.leadctl("import", "library.bib", "--force")
    assert result.exit_code == 0, result.output
    assert "Replaced data/knowledge/wang-2020.yml" in result.output
    assert _record(existing)[0]["title"] == "高等教育领导力研究"
    assert sorted(_knowledge(site)) == ["garcia-toolkit-2019", "muller-leadership-2021", "wang-2020"]


def test_entries_that_cannot_become_records_are_all_reported_and_nothing_is_written(site):
    site.write(
        "broken.bib",
        BIBTEX
        + "\n@misc{no_title,\n  author = {Doe, Jane},\n  year = {2020},\n}\n"
        + "\n@report{no_date,\n  title = {Undated},\n}\n"
        + "\n@article{bad_doi,\n  title = {Bad},\n  year = {2020},\n  doi = {not a doi},\n}\n"
        + "\n@article{nd,\n  title = {Someday},\n  year = {n.d.},\n}\n",
    )
    result = site.leadctl("import", "broken.bib")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "broken.bib:37: entry 'no_title': no title: add the title in the reference manager and export again" in lines
    assert "broken.bib:42: entry 'no_date': no date: add at least the year of publication and export again" in lines
    assert any(line.startswith("broken.bib:49: entry 'bad_doi': doi: expected a DOI like 10.1234/abcd") for line in lines)
    assert "broken.bib:54: entry 'nd': 'n.d.' is not a date: give the year (2021) or the day (2021-03-15)" in lines
    assert lines[-1] == "4 problems in 1 file; nothing was written."
    assert "Traceback" not in result.output
    assert _knowledge(site) == {}


def test_a_ris_record_without_title_or_date_is_reported_with_its_line(site):
    site.write("broken.ris", RIS + "\nTY  - RPRT\nAU  - Doe, Jane\nER  - \n")
    result = site.leadctl("import", "broken.ris")
    assert result.exit_code == 1
    assert "broken.ris:42: entry 4: no title: add the title in the reference manager and export again" in result.output
    assert "broken.ris:42: entry 4: no date" in result.output
    assert _knowledge(site) == {}


def test_a_csl_json_item_without_a_title_is_reported_at_its_line(site):
    items = CSL_JSON + [{"id": "untitled", "type": "report", "issued": {"date-parts": [[2020]]}}]
    site.write("broken.json", json.dumps(items, ensure_ascii=False, indent=2))
    result = site.leadctl("import", "broken.json")
    assert result.exit_code == 1
    text = site.root.joinpath("broken.json").read_text(encoding="utf-8")
    line = text.splitlines().index('    "id": "untitled",')  # the item's "{" is on the line before
    assert f"broken.json:{line}: entry 'untitled': no title" in result.output
    assert _knowledge(site) == {}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("broken.bib", "@article{x,\n  title = {Unclosed,\n  year = 2020\n", "broken.bib:1: this entry cannot be read"),
        ("broken.bib", "@article{x, title={A}, year=2020}\n@article{x, title={B}, year=2021}\n", "broken.bib:2: entry 'x': the same citation key"),
        ("broken.json", '[{"id": "a", "title": "A",\n  "issued": }]', "broken.json:2: not valid JSON"),
        ("broken.json", '"just text"', "broken.json:1: expected a list of CSL-JSON items"),
        ("broken.ris", "TY  - JOUR\nTI  - Never ends\nPY  - 2020\n", "broken.ris:1: this record has no end"),
        ("broken.ris", "Some notes\nTY  - JOUR\nTI  - A\nPY  - 2020\nER  - \n", "broken.ris:1: 'Some notes' is outside any record"),
        ("notes.bib", "Nothing here but words.\n", "notes.bib:1: no entries found in this BibTeX file"),
        ("empty.ris", "", "empty.ris:1: the file is empty"),
        ("empty.json", "  \n", "empty.json:1: the file is empty"),
        ("library.docx", "PK\x03\x04 binary-ish", "library.docx:1: cannot tell the format of this file"),
    ],
)
def test_unreadable_exports_are_one_line_each_and_exit_1(site, name, text, expected):
    site.write(name, text)
    result = site.leadctl("import", name)
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    assert _knowledge(site) == {}


def test_an_export_in_another_encoding_or_missing_is_one_line(site):
    (site.root / "gbk.ris").write_bytes("TY  - JOUR\nTI  - 领导力\nPY  - 2020\nER  - \n".encode("gbk"))
    result = site.leadctl("import", "gbk.ris")
    assert result.exit_code == 1
    assert "gbk.ris:2: byte" in result.output and "save it as UTF-8" in result.output
    result = site.leadctl("import", "missing.bib")
    assert result.exit_code == 1
    assert "missing.bib: no such file" in result.output


def test_an_unknown_extension_is_read_by_its_content(site):
    site.write("endnote-export.txt", RIS)  # EndNote names its RIS exports .txt
    result = site.leadctl("import", "endnote-export.txt")
    assert result.exit_code == 0, result.output
    assert len(_knowledge(site)) == 3


def test_ids_are_made_unique_and_from_usable_keys(site):
    site.write(
        "keys.json",
        json.dumps(
            [
                {"id": "http://zotero.org/users/1/items/ABCD", "type": "book", "title": "Governance of Universities",
                 "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2018]]}, "abstract": "A."},
                {"id": "Smith 2018", "type": "book", "title": "One", "issued": {"date-parts": [[2018]]}, "abstract": "B."},
                {"id": "smith-2018", "type": "book", "title": "Two", "issued": {"date-parts": [[2018]]}, "abstract": "C."},
                {"id": "王2019", "type": "speech", "title": "讲话", "issued": {"date-parts": [[2019]]}, "abstract": "D."},
            ],
            ensure_ascii=False,
        ),
    )
    result = site.leadctl("import", "keys.json")
    assert result.exit_code == 0, result.output
    assert sorted(_knowledge(site)) == ["2019", "smith-2018", "smith-2018-2", "smith-2018-governance"]
    assert _record(_knowledge(site)["2019"])[0]["kind"] == "presentation"


def test_data_dir_option_writes_without_mkdocs_yml(tmp_path):
    from click.testing import CliRunner

    from leadctl.commands.cli import cli

    (tmp_path / "library.bib").write_text(BIBTEX, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "library.bib"), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "data" / "knowledge").glob("*.yml"))) == 3
    assert not list((tmp_path / "data" / "knowledge").glob(".*"))  # no temporary file left


def test_writing_is_all_or_nothing(site, monkeypatch):
    import os

    from leadctl.commands import importing

    site.write("library.bib", BIBTEX)
    existing = site.write("data/knowledge/wang-2020.yml", "title: Hand-written\n")
    calls = []
    real_replace = os.replace

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(importing.os, "replace", failing_replace)
    result = site.leadctl("import", "library.bib", "--force")
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "nothing was written" in result.output
    assert existing.read_text(encoding="utf-8") == "title: Hand-written\n"
    assert sorted(path.name for path in (site.root / "data" / "knowledge").iterdir()) == ["wang-2020.yml"]


def test_the_guides_quote_the_message_import_gives(site):
    site.write("my-library.bib", "\n" * 41 + "@report{no_date,\n  title = {Undated},\n}\n")
    reported = site.leadctl("import", "my-library.bib").output.splitlines()
    for guide in ("docs/contributing.md", "docs/zh/contributing.md"):
        text = (Path(__file__).parents[1] / guide).read_text(encoding="utf-8")
        [quoted] = re.findall(r"`(my-library\.bib:\d+: [^`]+)`", text)
        assert quoted in reported


def test_a_licence_is_kept_as_an_spdx_id_and_a_sentence_of_rights_is_left_out(site):
    items = [
        {"id": "open", "type": "dataset", "title": "Survey", "issued": {"raw": "2022-05-01"}, "abstract": "Data.", "license": "CC BY 4.0"},
        {"id": "closed", "type": "dataset", "title": "Survey", "issued": {"raw": "2022"}, "abstract": "Data.", "license": "All rights reserved"},
    ]
    site.write("zotero.csl.json", json.dumps(items, indent=1))
    result = site.leadctl("import", "zotero.csl.json")
    assert result.exit_code == 0, result.output
    assert _record(_knowledge(site)["open"])[0]["license"] == "CC-BY-4.0"
    assert str(_record(_knowledge(site)["open"])[0]["date"]) == "2022-05-01"
    assert "license" not in _record(_knowledge(site)["closed"])[0]
    assert "warning: entry 'closed': 'All rights reserved' is not an SPDX licence id" in result.output


def test_csl_rich_text_and_jats_abstracts_become_plain_text(site):
    item = {
        "id": "crossref", "type": "article-journal", "title": "Deans and <i>Rectors</i> in <span class=\"nocase\">eLearning</span>",
        "issued": {"date-parts": [[2023]]},
        "abstract": "<jats:title>Abstract</jats:title><jats:p>First paragraph.</jats:p><jats:p>Second <jats:italic>one</jats:italic>.</jats:p>",
    }
    site.write("crossref.json", json.dumps([item]))
    assert site.leadctl("import", "crossref.json").exit_code == 0
    data, work = _record(_knowledge(site)["crossref"])
    assert data["title"] == "Deans and Rectors in eLearning"
    assert data["summary"] == "First paragraph.\n\nSecond one."
    assert "summary: |-\n  First paragraph.\n\n  Second one.\n" in _knowledge(site)["crossref"].read_text(encoding="utf-8")


# Exports cut or spliced at random: whatever the text, problems with lines the file has, or records that validate.
_PIECES = [BIBTEX, RIS, EXPORTS["library.json"], "@", "{", "}", "}}", "\\", "\\\"", ",", "TY  - ", "ER  - ", "\n", "[", "]", '"', "and ", "王", "\x00"]


@settings(max_examples=int(os.environ.get("LEADCTL_FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["x.bib", "x.ris", "x.json", "x.txt"]),
    pieces=st.lists(st.tuples(st.sampled_from(_PIECES), st.integers(0, 4000), st.integers(0, 4000)), min_size=1, max_size=4),
)
def test_no_export_breaks_the_import(tmp_path_factory, name, pieces):
    text = "".join(piece[start:end] if len(piece) > 1 else piece for piece, start, end in pieces)
    root = tmp_path_factory.mktemp("fuzz")
    plan = plan_import(text, name, root, "data")
    last_line = text.count("\n") + 1  # an editor shows the line after the last line break
    for problem in plan.problems:
        assert problem.file == name and 1 <= problem.line <= last_line, problem
    for work in plan.works:
        document = parse_yaml(work.text, work.path)
        assert document.problems == [] and check_model(document, KnowledgeWork, document.data)[1] == []


def test_bibtex_addresses_are_kept_as_written(site):
    site.write(
        "links.bib",
        "@misc{u, title = {Links}, year = 2020, abstract = {A.},\n"
        "  url = {\\url{https://example.org/a%20b\\_c?x=1&y=2}},\n  doi = {10.1000/a\\_b%d}}\n",
    )
    result = site.leadctl("import", "links.bib")
    assert result.exit_code == 0, result.output
    data, _ = _record(_knowledge(site)["u"])
    assert data["url"] == "https://example.org/a%20b_c?x=1&y=2"
    assert data["doi"] == "10.1000/a_b%d"
