"""The search index: every page's full text, one index per language, with filters a reader narrows by.

These tests query a built site with the reader's own engine, run under Node
(tests/enginekit.py), and look at what it downloads;
tests/browser/test_browser_search.py searches as a reader does, in the dialog.
"""

from __future__ import annotations

import json

import pytest
from enginekit import engine_for
from sitekit import ProjectSite, country_in_cldr

from leadctl.writers import search_index
from leadctl.writers.search_index import terms_of


def _project(root) -> ProjectSite:
    site = ProjectSite(root, extra_nav="  - About: about.md")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"}, country="NL",
                pillars=["research"], description={"en": "Known for its xylophone orchestra.", "zh": "以木琴乐团闻名。"})
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean", "zh": "院长"})
    site.brief("shared-decisions", title={"en": "Shared decisions", "zh": "共同决策"}, date="2025-02-01",
               authors=[{"member": "alice"}], pillars=["research"],
               summary={"en": "How collegial decision-making works.", "zh": "本简报讨论大学内部共同决策的机制。"},
               body={"en": "A paragraph about quorum rules and the universities' policies.",
                     "zh": "我们在会上讨论了法定人数规则的问题，并参考了LEAD2培训的经验。"})
    site.event("spring-forum", title={"en": "Spring forum", "zh": "春季论坛"}, start="2026-03-30", organizers=["uni-a"],
               body={"en": "The programme opens with a keynote on stewardship at the Università di Bologna."})
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", summary="First post.", body="Welcome to the marmalade season.")
    site.write("docs/about.md", "# About\n\nOnly in English, about governance.\n")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = _project(tmp_path_factory.mktemp("search") / "project")
    site.build()
    return site


@pytest.fixture(scope="module")
def engine(built):
    with engine_for(built.site_dir) as running:
        yield running


def found(engine, language: str, query: str | None, **options) -> list[str]:
    return engine.search(language, query, options, texts=100)["urls"]


def test_each_language_has_its_own_index_of_its_own_pages(built, engine):
    for language in ("en", "zh"):
        folder = built.site_dir if language == "en" else built.site_dir / language
        entry = json.loads((folder / "search" / "index.json").read_text(encoding="utf-8"))
        pages = [path for path in folder.rglob("index.html") if language == "zh" or not path.relative_to(folder).as_posix().startswith("zh/")]
        assert entry["pages"] == len(pages)
    english = found(engine, "en", "shared decisions")
    chinese = found(engine, "zh", "共同决策")
    assert english[0] == "/net/briefs/shared-decisions/" and chinese[0] == "/net/zh/briefs/shared-decisions/"
    assert not [url for url in english if url.startswith("/net/zh/")]
    assert all(url.startswith("/net/zh/") for url in chinese)
    response = engine.search("zh", "共同决策")
    assert response["data"][0]["meta"] == {"title": "共同决策", "kind": "政策简报", "lang": ""}
    # The page for a missing address is no result.
    assert not [url for url in found(engine, "en", "page not found") if "404" in url]


def test_a_word_anywhere_in_a_record_page_is_found_body_included(engine):
    for query, page in (("quorum", "briefs/shared-decisions/"), ("xylophone", "members/uni-a/"),
                        ("stewardship", "events/spring-forum/"), ("marmalade", "news/2026-05-01-hello/")):
        assert f"/net/{page}" in found(engine, "en", query), query
    # The header and navigation are not the page's text: the site's name is in every one of them.
    assert "/net/members/uni-a/" not in found(engine, "en", "Test Network")


def test_plurals_accents_and_the_start_of_a_word_find_the_word(engine):
    brief = "/net/briefs/shared-decisions/"
    assert brief in found(engine, "en", "policy")  # the text says "policies"
    assert brief in found(engine, "en", "university")  # "universities'"
    assert brief in found(engine, "en", "quor")  # as the reader types
    assert "/net/events/spring-forum/" in found(engine, "en", "universita")  # "Università"
    assert "/net/events/spring-forum/" in found(engine, "en", "UNIVERSITÀ")


def test_chinese_words_in_the_middle_of_a_sentence_mixed_queries_and_latin_names(engine):
    brief = "/net/zh/briefs/shared-decisions/"
    for query in ("法定人数", "人数规则", "LEAD2 培训", "lead2", "培"):
        assert brief in found(engine, "zh", query), query
    assert found(engine, "zh", "规则法定") == []  # the characters of each pair must be neighbours
    response = engine.search("zh", "法定人数")
    excerpt = response["data"][0]["excerpt"]
    assert [text for text, marked, _ in excerpt if marked] == ["法定人数"]
    assert "我们在会上讨论了法定人数规则的问题" in "".join(text for text, *_ in excerpt)


def test_an_excerpt_fills_about_the_same_space_in_either_script(engine):
    """A Chinese character is about twice as wide as a Latin letter and says more: a result's
    excerpt from a long Chinese text has about half as many characters as one from English, so
    both take a few lines on a phone. Each starts shortly before the first word found."""
    english = " ".join(f"filler{n}" for n in range(150)) + " the quorum rules " + " ".join(f"tail{n}" for n in range(150))
    chinese = "我们讨论了大学的发展。" * 40 + "法定人数规则" + "我们讨论了大学的发展。" * 40
    pieces = engine.run(f"return [engine.excerpt({json.dumps(english)}, 'quorum'), engine.excerpt({json.dumps(chinese)}, '法定人数')];")
    for excerpt, word, longest, before in zip(pieces, ("quorum", "法定人数"), (210, 110), (70, 40)):
        text = "".join(piece for piece, *_ in excerpt)
        assert [piece for piece, marked, _ in excerpt if marked] == [word]
        assert longest / 2 < len(text) <= longest, text
        assert text.index(word) <= before, text


def indexed_texts(folder) -> dict[str, str]:
    """The text the index holds for each page of a language, by its address relative to the language's folder."""
    pages = [json.loads(path.read_text(encoding="utf-8")) for path in (folder / "search" / "pages").glob("*/*.json")]
    return {page["url"]: page["text"] for page in pages}


def test_the_directory_filters_are_not_a_listings_text(built):
    from leadctl.base.text import ui

    for language, folder in (("en", built.site_dir), ("zh", built.site_dir / "zh")):
        text = indexed_texts(folder)["members/"]
        assert ui("filter_kind", language) not in text and ui("filter_reset", language) not in text, text
        assert ("University A" if language == "en" else "甲大学") in text


def test_untranslated_text_on_a_chinese_page_is_that_pages_text(engine):
    assert found(engine, "zh", "governance") == ["/net/zh/about/"]
    assert "/net/zh/events/spring-forum/" in found(engine, "zh", "stewardship")
    # The notice that the page is not (or not wholly) translated is not its text.
    assert found(engine, "zh", "尚未翻译") == []


def test_a_result_in_english_on_the_chinese_site_is_marked_as_english(tmp_path):
    """As on the page itself: a screen reader reads a title or text not yet translated with an English voice."""
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    site.member("bob", kind="individual", name={"en": "Bob Sample"}, country="NL",
                role={"en": "Dean", "zh": "𠀀院长"}, bio={"en": "Known for the quokka garden he keeps."})
    site.member("uni-b", name={"en": "University B", "zh": "乙大学"}, country="CN",
                description={"en": "Its quokka garden is famous.", "zh": "以quokka花园闻名。"})
    site.write("docs/about.md", "# About\n\nOnly in English, about the quokka.\n")
    site.build()
    with engine_for(site.site_dir) as engine:
        chinese = {page["url"].split("?")[0]: page for page in engine.search("zh", "quokka", texts=10)["data"]}
        english = engine.search("en", "quokka", texts=10)["data"]
    bob = chinese["/net/zh/members/bob/"]
    assert bob["meta"]["lang"] == "en"
    assert ["quokka", True, "en"] in bob["excerpt"]
    # The role is translated, and written with a character beyond U+FFFF: the English parts begin and end where they do on the page.
    assert [text for text, _, lang in bob["excerpt"] if lang == "en"] == ["Bob Sample", "Known for the ", "quokka", " garden he keeps."]
    # A page not yet translated: its title and all of its text.
    about = chinese["/net/zh/about/"]
    assert about["meta"]["lang"] == "en"
    assert {lang for text, _, lang in about["excerpt"] if text.strip(" …")} == {"en"}
    # Translated text, a Latin word in it included, and every English result, are the page's own language.
    university = chinese["/net/zh/members/uni-b/"]
    assert university["meta"]["lang"] == "" and ["quokka", True, ""] in university["excerpt"]
    assert {lang for page in english for _, _, lang in page["excerpt"]} | {page["meta"]["lang"] for page in english} == {""}


def test_a_contributor_leaves_a_page_a_section_or_a_paragraph_out_of_search_as_material_documents(tmp_path):
    site = ProjectSite(tmp_path / "project", extra_nav="  - Notes: notes.md\n  - Drafts: drafts.md")
    site.write("docs/notes.md", "\n".join([
        "# Notes", "", "The wombat survey is public.", "",
        "## Working notes { data-search-exclude }", "", "The platypus census is not.", "", "### Detail", "", "Nor is the echidna.", "",
        "## Results", "", "The quokka count is public again.", "",
        "The kiwi rumour is not.", "{ data-search-exclude }", "",
    ]))
    site.write("docs/drafts.md", "---\nsearch:\n  exclude: true\n---\n\n# Drafts\n\nThe numbat plan.\n")
    site.build()
    with engine_for(site.site_dir) as engine:
        assert found(engine, "en", "wombat") == ["/net/notes/"] and found(engine, "en", "quokka") == ["/net/notes/"]
        for hidden in ("platypus", "echidna", "kiwi", "numbat", "drafts"):
            assert found(engine, "en", hidden) == [], hidden
    # The pages themselves still show everything.
    assert "platypus" in site.text("notes/") and "kiwi" in site.text("notes/") and "numbat" in site.text("drafts/")


def test_filters_narrow_and_count_in_the_pages_language(engine):
    members = found(engine, "en", None, filters={"kind": {"any": ["Member"]}})
    assert sorted(members) == ["/net/members/alice/", "/net/members/uni-a/"]
    nl = country_in_cldr("NL", "en")
    assert found(engine, "en", None, filters={"kind": {"any": ["Member"]}, "country": {"any": [nl]}}) == ["/net/members/uni-a/"]
    either = found(engine, "en", None, filters={"kind": {"any": ["Member", "Event"]}})
    assert len(either) == 3
    counts = engine.search("zh", None, {"filters": {"pillar": {"any": ["研究"]}}})["filters"]
    assert counts["kind"]["成员"] == 1 and counts["kind"]["政策简报"] == 1
    assert counts["year"] == {"2025": 1}
    assert counts["country"] == {country_in_cldr("NL", "zh"): 1, country_in_cldr("CN", "zh"): 1}
    # A listing is a page.
    assert "/net/zh/members/" in found(engine, "zh", None, filters={"kind": {"any": ["页面"]}})


def test_dated_pages_sort_newest_or_oldest_first(engine):
    dated = ["/net/briefs/shared-decisions/", "/net/events/spring-forum/", "/net/news/2026-05-01-hello/"]
    for order, expected in (("asc", dated), ("desc", dated[::-1])):
        kinds = {"kind": {"any": ["Policy brief", "Event", "News"]}}
        assert found(engine, "en", None, filters=kinds, sort={"date": order}) == expected


def test_a_page_named_after_the_words_comes_before_pages_that_only_mention_them(tmp_path):
    site = ProjectSite(tmp_path / "project", extra_nav="  - Stewardship: stewardship.md")
    site.write("docs/stewardship.md", "# Stewardship\n\nWhat the network means by it.\n")
    site.write("docs/zh/stewardship.md", "# 治理\n\n网络对此的理解。\n")
    for number in range(3):
        site.event(f"forum-{number}", title={"en": f"Forum {number}", "zh": f"论坛{number}"}, start=f"2026-0{number + 1}-10",
                   body={"en": "Stewardship, stewardship and more stewardship: " + "the forum discusses many things. " * 20,
                         "zh": "治理、治理，还是治理：" + "论坛讨论了许多问题。" * 20})
    site.build()
    with engine_for(site.site_dir) as engine:
        assert found(engine, "en", "stewardship")[0] == "/net/stewardship/"
        chinese = found(engine, "zh", "治理")
        assert chinese[0] == "/net/zh/stewardship/" and len(chinese) > 3


def test_a_query_downloads_the_entry_one_chunk_and_the_results_it_shows(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "CHUNK_BYTES", 100)  # a small site in many chunks, as a large one is
    site = _project(tmp_path / "project")
    site.build()
    with engine_for(site.site_dir) as engine:
        entry = json.loads((site.site_dir / "search" / "index.json").read_text(encoding="utf-8"))
        assert len(entry["chunks"]) > 10
        assert engine.search("en", "xylophone", texts=1)["urls"] == ["/net/members/uni-a/"]
        assert [path.split("/net/search/")[1].split("/")[0] for path in engine.requested] == ["index.json", "terms", "pages"]
        engine.requested.clear()
        # The reader types on: "xyl" may continue into longer words, but fetches only the chunks they can be in.
        assert engine.search("en", "xyl", texts=0)["count"] == 1
        assert len([path for path in engine.requested if "/terms/" in path]) <= 2


def test_the_reader_splits_text_into_the_terms_the_index_holds(built):
    texts = [
        "Universities' policies: governance, LEAD2 & co-operation.",
        "Università di Bologna, Ångström, ÉCOLE Normale, naïve, Œuvre",
        "我们在会上讨论了法定人数规则的问题，并参考了LEAD2培训的经验。",
        "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ１２３ and ﬁve ligatures",
        "𠀀𠀁 (extension B) 丽 (compatibility), 日本語とかな, 한국어",
        "classes analyses news bus ideas studies quiz2026 2026-03-30",
    ]
    with engine_for(built.site_dir) as engine:
        assert engine.terms(texts) == [terms_of(text) for text in texts]
    assert terms_of("Policies of 大学治理") == ["policy", "of", "大", "学", "治", "理", "大学", "学治", "治理"]


def test_the_404_pages_and_every_page_load_their_own_languages_index_by_absolute_path(built):
    bundle = {"en": 'data-bundle="/net/search/"', "zh": 'data-bundle="/net/zh/search/"'}
    for path, language in (("", "en"), ("members/uni-a/", "en"), ("zh/", "zh"), ("zh/briefs/shared-decisions/", "zh")):
        assert bundle[language] in str(built.html(path)), path
    assert bundle["en"] in (built.site_dir / "404.html").read_text(encoding="utf-8")
    not_found = (built.site_dir / "zh" / "404.html").read_text(encoding="utf-8")
    assert bundle["zh"] in not_found and bundle["en"] not in not_found
    assert 'data-engine="/net/javascripts/lead-search-engine.js"' in not_found


def bundle_files(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_same_pages_give_the_same_index_byte_for_byte(built):
    again = built.root / "site-again"
    result = built.leadctl("build", "--quiet", "--site-dir", str(again))
    assert result.exit_code == 0, result.output
    for language in ("", "zh/"):
        first, second = bundle_files(built.site_dir / language / "search"), bundle_files(again / language / "search")
        assert any(name.startswith("terms/") for name in first)
        assert first == second, language


def test_an_index_that_cannot_be_written_fails_the_build_in_one_line_and_keeps_the_site(tmp_path, monkeypatch):
    from leadctl.glue.engine import PARALLEL_VARIABLE
    from leadctl.writers import search

    site = ProjectSite(tmp_path / "project")
    site.member("uni-a", name="University A")
    site.build()
    before = site.snapshot()
    monkeypatch.setenv(PARALLEL_VARIABLE, "0")  # the indexer below is this process's

    def full_disk(pages, folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search, "write_bundle", full_disk)
    result = site.leadctl("build")
    assert result.exit_code == 1, result.output
    assert "search: could not write the search index" in result.output and "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert site.snapshot() == before


def test_a_page_in_a_folder_with_an_odd_name_is_indexed(tmp_path):
    site = ProjectSite(tmp_path / "project", extra_nav="  - Odd: 'notes,{drafts}/page.md'")
    site.write("docs/notes,{drafts}/page.md", "# Odd folder\n\nThe quokka paragraph.\n")
    site.build()
    with engine_for(site.site_dir) as engine:
        response = engine.search("en", "quokka")
    assert response["urls"] == ["/net/notes,%7Bdrafts%7D/page/"]
    assert ["quokka", True, ""] in response["data"][0]["excerpt"]


def test_an_engine_kept_from_before_a_deploy_refuses_an_index_it_cannot_read(built, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built.site_dir / "search", site / "search")
    entry_file = site / "search" / "index.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    opening = "try { await engine.openIndex(site + 'search/'); return 'opened'; } catch (error) { return 'refused'; }"
    with engine_for(site) as engine:
        assert engine.run(opening) == "opened"
        entry_file.write_text(json.dumps({**entry, "version": entry["version"] + 1}), encoding="utf-8")
        assert engine.run(opening) == "refused"
