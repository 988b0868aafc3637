"""Search indexes: one per language, generated pages found by their title and summary."""

from __future__ import annotations

import json
import os

import pytest

from sitekit import REPO, ProjectSite, country_in_cldr

ZERO_WIDTH_SPACE = "\u200b"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("search") / "project", extra_nav="  - About: about.md")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"},
                description={"en": "Known for its xylophone orchestra.", "zh": "以木琴乐团闻名。"})
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean", "zh": "院长"})
    site.brief("shared-decisions", title={"en": "Shared decisions", "zh": "共同决策"}, date="2026-02-01",
               summary={"en": "How collegial decision-making works.", "zh": "本简报讨论大学内部共同决策的机制。"},
               body={"en": "A paragraph about quorum rules.", "zh": "关于法定人数规则的段落。"})
    site.write("docs/about.md", "# About\n\nOnly in English, about governance.\n")
    site.build()
    return site


def index(site: ProjectSite, language: str) -> dict:
    folder = site.site_dir if language == "en" else site.site_dir / language
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


def entries(site: ProjectSite, language: str) -> dict[str, dict]:
    return {entry["location"]: entry for entry in index(site, language)["docs"]}


def search_base(site: ProjectSite, url_path: str) -> str:
    script = site.html(url_path).select_one("script#__config")
    return json.loads(script.string)["base"]


def test_each_language_has_its_own_index_with_only_its_pages(built):
    english, chinese = entries(built, "en"), entries(built, "zh")
    assert "briefs/shared-decisions/" in english and "briefs/shared-decisions/" in chinese
    assert not [location for location in english if location.startswith("zh/")]
    # Chinese locations are relative to the Chinese home, where Chinese pages point their search.
    assert not [location for location in chinese if location.startswith("zh/")]
    assert english["briefs/shared-decisions/"]["title"] == "Shared decisions"
    assert chinese["briefs/shared-decisions/"]["title"].replace(ZERO_WIDTH_SPACE, "") == "共同决策"
    # An English-only page is in the Chinese index too, where a Chinese reader finds it.
    assert "about/" in chinese
    assert index(built, "zh")["config"]["separator"] == index(built, "en")["config"]["separator"]


def test_chinese_pages_search_the_chinese_index(built):
    assert search_base(built, "") == "."
    assert search_base(built, "briefs/shared-decisions/") == "../.."
    # Material fetches <base>/search/search_index.json and resolves results against <base>.
    assert search_base(built, "zh/") == "../zh/"
    assert search_base(built, "zh/briefs/shared-decisions/") == "../../../zh/"
    not_found = (built.site_dir / "zh" / "404.html").read_text(encoding="utf-8")
    assert '"base": "/net/zh/"' in not_found


def test_chinese_words_inside_a_sentence_are_split_for_search(built):
    # jieba's words, apart: Material's search splits the index text on U+200B.
    import jieba

    text = entries(built, "zh")["briefs/shared-decisions/"]["text"]
    words = jieba.lcut("本简报讨论大学内部共同决策的机制")
    assert len(words) > 1
    assert ZERO_WIDTH_SPACE.join(words) in text


def test_generated_pages_are_found_by_title_and_summary_not_their_whole_text(built):
    for language in ("en", "zh"):
        text = json.dumps(index(built, language), ensure_ascii=False)
        assert "quorum" not in text and "法定人数" not in text  # a brief's body
        assert "xylophone" not in text and "木琴" not in text  # a member's description
    assert entries(built, "en")["briefs/shared-decisions/"]["text"] == "<p>How collegial decision-making works.</p>"
    # A listing is found by its name and introduction, not by the names it lists.
    assert "University A" not in entries(built, "en")["members/"]["text"]


def test_a_member_is_found_by_role_institution_and_place(built):
    assert entries(built, "en")["members/alice/"]["text"] == f"<p>Dean · University A · {country_in_cldr('CN', 'en')}</p>"
    assert entries(built, "en")["members/uni-a/"]["text"] == f"<p>Leiden · {country_in_cldr('NL', 'en')}</p>"
    chinese = entries(built, "zh")["members/alice/"]["text"].replace(ZERO_WIDTH_SPACE, "")
    assert chinese == f"<p>院长 · 甲大学 · {country_in_cldr('CN', 'zh')}</p>"


def test_hand_written_pages_keep_their_full_text(built):
    assert "Only in English, about governance." in entries(built, "en")["about/"]["text"]


def test_jieba_reads_its_dictionary_cache_whole_with_the_same_words(tmp_path, monkeypatch):
    import io

    import jieba

    from leadctl.glue.search import read_chinese_dictionary_at_once

    read_chinese_dictionary_at_once()
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("共同 30 a\n决策 20 n\n共同决策 60 n\n大学 40 n\n", encoding="utf-8")
    building = jieba.Tokenizer(str(dictionary))
    building.tmp_dir = str(tmp_path)
    building.initialize()  # no cache yet: built from the words, then written as the cache
    assert list(tmp_path.glob("jieba.*.cache"))
    reads = []

    class CountingReader(io.BufferedReader):
        def read(self, *size):
            reads.append("read")
            return super().read(*size)

        def readinto(self, buffer):
            reads.append("readinto")
            return super().readinto(buffer)

    monkeypatch.setattr(jieba, "open", lambda path, mode: CountingReader(io.FileIO(path, mode[0])), raising=False)
    loading = jieba.Tokenizer(str(dictionary))
    loading.tmp_dir = str(tmp_path)
    loading.initialize()
    assert reads == ["read"]  # the whole file at once, not a few bytes for each word
    assert loading.FREQ == building.FREQ and loading.total == building.total
    assert loading.lcut("大学共同决策") == building.lcut("大学共同决策") == ["大学", "共同决策"]


def test_jieba_segments_chinese_without_pkg_resources_and_leaves_an_installed_one_importable(tmp_path):
    # setuptools 81 and later ship no pkg_resources; older ones do, and some MkDocs plugins import it.
    # Both machines are tried: without one, and with a stand-in that records when it is imported.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from leadctl.glue.search import import_jieba_without_pkg_resources\n"
        "import_jieba_without_pkg_resources()\n"
        "assert 'jieba' in sys.modules\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources was imported with jieba'\n"
        "import jieba\n"
        "words = jieba.lcut('大学内部共同决策的机制')\n"
        "assert len(words) > 1 and ''.join(words) == '大学内部共同决策的机制', words\n"
        "try:\n"
        "    import pkg_resources\n"
        "except ImportError:\n"
        "    print('no pkg_resources')\n"
        "else:\n"
        "    print(pkg_resources.STAND_IN)\n"
    )
    stand_in = tmp_path / "with-pkg-resources"
    stand_in.mkdir()
    (stand_in / "pkg_resources.py").write_text("STAND_IN = 'the installed pkg_resources'\n", encoding="utf-8")
    without = tmp_path / "without-pkg-resources"
    without.mkdir()
    (without / "pkg_resources.py").write_text("raise ImportError('no pkg_resources here')\n", encoding="utf-8")
    for folder, expected in ((without, "no pkg_resources"), (stand_in, "the installed pkg_resources")):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(REPO)])}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == expected
