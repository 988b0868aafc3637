"""The search index: every page's full text, one Pagefind bundle per language, with filters a reader narrows by.

What Pagefind stored is read back from its bundle (each page's fragment is
gzip'd JSON: the page's URL, its indexed text, filters and meta), so these
tests check what a query can find without a browser; tests/browser/
test_browser_search.py searches as a reader does.
"""

from __future__ import annotations

import gzip
import json

import pytest

from sitekit import ProjectSite, country_in_cldr

WORD_BREAK = "\u200b"
"""What Pagefind puts between the words it found in Chinese text, in what it stores."""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("search") / "project", extra_nav="  - About: about.md")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"}, country="NL",
                pillars=["research"], description={"en": "Known for its xylophone orchestra.", "zh": "以木琴乐团闻名。"})
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean", "zh": "院长"})
    site.brief("shared-decisions", title={"en": "Shared decisions", "zh": "共同决策"}, date="2025-02-01",
               authors=[{"member": "alice"}], pillars=["research"],
               summary={"en": "How collegial decision-making works.", "zh": "本简报讨论大学内部共同决策的机制。"},
               body={"en": "A paragraph about quorum rules.", "zh": "我们在会上讨论了法定人数规则的问题，并参考了LEAD2培训的经验。"})
    site.event("spring-forum", title={"en": "Spring forum", "zh": "春季论坛"}, start="2026-03-30", organizers=["uni-a"],
               body={"en": "The programme opens with a keynote on stewardship."})
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", summary="First post.", body="Welcome to the marmalade season.")
    site.write("docs/about.md", "# About\n\nOnly in English, about governance.\n")
    site.build()
    return site


def fragments(site: ProjectSite, language: str) -> dict[str, dict]:
    """What the bundle of ``language`` stores for each page, by the page's URL (relative to the language's home)."""
    folder = (site.site_dir if language == "en" else site.site_dir / language) / "pagefind" / "fragment"
    stored = {}
    for path in folder.iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        stored[fragment["url"]] = fragment
    return stored


def plain(text: str) -> str:
    return text.replace(WORD_BREAK, "")


def test_each_language_has_its_own_bundle_of_its_own_pages(built):
    for language in ("en", "zh"):
        folder = built.site_dir if language == "en" else built.site_dir / language
        entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language]
        pages = [path for path in folder.rglob("index.html") if language == "zh" or not path.relative_to(folder).as_posix().startswith("zh/")]
        assert entry["languages"][language]["page_count"] == len(pages)
    english, chinese = fragments(built, "en"), fragments(built, "zh")
    assert "/briefs/shared-decisions/" in english and "/briefs/shared-decisions/" in chinese
    assert not [url for url in english if url.startswith("/zh/")]
    assert english["/briefs/shared-decisions/"]["meta"]["title"] == "Shared decisions"
    assert chinese["/briefs/shared-decisions/"]["meta"]["title"] == "共同决策"
    # The page for a missing address is no result.
    assert not [url for url in {**english, **chinese} if "404" in url]


def test_the_full_text_of_record_pages_is_indexed_body_included(built):
    english = fragments(built, "en")
    assert "quorum rules" in english["/briefs/shared-decisions/"]["content"]
    assert "xylophone orchestra" in english["/members/uni-a/"]["content"]
    assert "keynote on stewardship" in english["/events/spring-forum/"]["content"]
    assert "marmalade season" in english["/news/2026-05-01-hello/"]["content"]
    # The header and navigation are not the page's text: every page would match the site's name.
    assert "Test Network" not in english["/members/uni-a/"]["content"]


def test_chinese_text_is_split_into_words_in_the_middle_of_a_sentence(built):
    content = fragments(built, "zh")["/briefs/shared-decisions/"]["content"]
    sentence = "我们在会上讨论了法定人数规则的问题"
    assert sentence in plain(content)
    # Split into words: a query for a word in the middle of the sentence matches a word, not nothing.
    words = [word for word in content.split(WORD_BREAK) if word.strip()]
    assert any(word in sentence[2:] and len(word) >= 2 for word in words), content
    assert "LEAD2" in content and "培训" in content


def test_untranslated_text_on_a_chinese_page_is_that_pages_text(built):
    chinese = fragments(built, "zh")
    assert "Only in English, about governance." in plain(chinese["/about/"]["content"])
    assert "keynote on stewardship" in plain(chinese["/events/spring-forum/"]["content"])
    # The notice that the page is not (or not wholly) translated is not its text.
    assert "尚未翻译" not in plain(chinese["/about/"]["content"])
    assert "尚未翻译" not in plain(chinese["/events/spring-forum/"]["content"])


def test_pages_carry_their_kind_pillars_year_and_countries_in_the_pages_language(built):
    english, chinese = fragments(built, "en"), fragments(built, "zh")
    assert english["/members/uni-a/"]["filters"] == {"kind": ["Member"], "pillar": ["Research"], "country": [country_in_cldr("NL", "en")]}
    assert chinese["/members/alice/"]["filters"] == {"kind": ["成员"], "country": [country_in_cldr("CN", "zh")]}
    brief = chinese["/briefs/shared-decisions/"]["filters"]
    assert brief == {"kind": ["政策简报"], "pillar": ["研究"], "year": ["2025"], "country": [country_in_cldr("CN", "zh")]}
    assert english["/events/spring-forum/"]["filters"]["year"] == ["2026"]
    assert english["/news/2026-05-01-hello/"]["filters"] == {"kind": ["News"], "year": ["2026"]}
    assert english["/about/"]["filters"] == {"kind": ["Page"]}
    assert chinese["/members/"]["filters"] == {"kind": ["页面"]}  # a listing is a page
    assert english["/briefs/shared-decisions/"]["meta"]["kind"] == "Policy brief"


def test_dated_pages_can_be_sorted_by_date(built):
    # Pagefind keeps sort keys in its index, not in fragments: the page carries the key it reads.
    for path, day in (("briefs/shared-decisions/", "2025-02-01"), ("events/spring-forum/", "2026-03-30"), ("news/2026-05-01-hello/", "2026-05-01")):
        assert built.html(path).select_one(f'[data-pagefind-sort="date:{day}"]') is not None, path
        assert built.html(f"zh/{path}").select_one(f'[data-pagefind-sort="date:{day}"]') is not None, path
    assert built.html("members/uni-a/").select_one("[data-pagefind-sort]") is None


def test_every_page_and_the_404_pages_load_their_own_languages_bundle_by_absolute_path(built):
    bundle = {"en": "/net/pagefind/", "zh": "/net/zh/pagefind/"}
    for path, language in (("", "en"), ("members/uni-a/", "en"), ("zh/", "zh"), ("zh/briefs/shared-decisions/", "zh")):
        assert bundle[language] in str(built.html(path)), path
    assert bundle["en"] in (built.site_dir / "404.html").read_text(encoding="utf-8")
    not_found = (built.site_dir / "zh" / "404.html").read_text(encoding="utf-8")
    assert bundle["zh"] in not_found and bundle["en"] not in not_found


def test_only_what_the_site_uses_of_the_bundle_is_published(built):
    files = {path.name for path in (built.site_dir / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-highlight.js", "pagefind-entry.json"} <= files
    assert not [name for name in files if name.endswith(("ui.js", "ui.css"))]


def bundle_files(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_same_pages_give_the_same_bundle_byte_for_byte(built):
    # Pagefind writes filter values in a varying order; a deploy of an unchanged site must not change files.
    again = built.root / "site-again"
    result = built.leadctl("build", "--quiet", "--site-dir", str(again))
    assert result.exit_code == 0, result.output
    for language in ("", "zh/"):
        first, second = bundle_files(built.site_dir / language / "pagefind"), bundle_files(again / language / "pagefind")
        assert any(name.startswith("filter/") for name in first)
        assert first == second, language
    # Its filters still say which pages have each value, with the values in one order.
    entry = json.loads((again / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    (meta,) = (again / "pagefind").glob(f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    import cbor2

    filters = cbor2.loads(gzip.decompress(meta.read_bytes())[len(b"pagefind_dcd"):])[3]
    assert [name for name, _ in filters] == sorted(name for name, _ in filters)
    kinds = dict(filters)["kind"]
    name, values = cbor2.loads(gzip.decompress((again / "pagefind" / "filter" / f"{kinds}.pf_filter").read_bytes())[12:])
    assert name == "kind" and [value for value, _ in values] == sorted(value for value, _ in values)
    assert {"Member", "Event", "Policy brief"} <= {value for value, _ in values}


def test_a_search_index_that_cannot_be_written_fails_the_build_in_one_line_and_keeps_the_site(tmp_path, monkeypatch):
    import pagefind_bin_extended

    from leadctl.glue.engine import PARALLEL_VARIABLE

    site = ProjectSite(tmp_path / "project")
    site.member("uni-a", name="University A")
    site.build()
    before = site.snapshot()
    monkeypatch.setenv(PARALLEL_VARIABLE, "0")  # the indexer below is this process's
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: Pagefind was not able to build an index' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(pagefind_bin_extended, "get_executable", lambda: broken)
    result = site.leadctl("build")
    assert result.exit_code == 1, result.output
    assert "search: Pagefind could not index" in result.output and "not able to build an index" in result.output
    assert "Traceback" not in result.output
    assert site.snapshot() == before


def test_a_page_in_a_folder_whose_name_globs_would_split_is_indexed(tmp_path):
    site = ProjectSite(tmp_path / "project", extra_nav="  - Odd: 'notes,{drafts}/page.md'")
    site.write("docs/notes,{drafts}/page.md", "# Odd folder\n\nThe quokka paragraph.\n")
    site.build()
    assert "The quokka paragraph." in fragments(site, "en")["/notes,{drafts}/page/"]["content"]
