"""The parallel build (one process per language) writes the sequential build's site, byte for byte."""

from __future__ import annotations

import pytest

import leadctl.engine
from sitekit import ProjectSite


def _write_network(site: ProjectSite) -> None:
    """Something of every kind, translated and not, so that every writer and template has work."""
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"},
                description={"en": "An *old* university.", "zh": "一所古老的大学，研究气候变化政策。"}, pillars=["research"],
                website="https://a.example.org/", tags=["governance"])
    site.member("uni-b", name="Universität B", country="DE", description={"en": "Not translated yet."})
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean"}, bio={"en": "Studies governance."})
    site.event("autumn-seminar", title={"en": "Autumn seminar", "zh": "秋季研讨会"}, start="2026-10-13", end="2026-10-15",
               organizers=["uni-a", "alice"], pillars=["research"], summary={"en": "Three days.", "zh": "为期三天。"},
               body={"en": "Details *here*.", "zh": "详情见此。"})
    site.event("spring-forum", kind="forum", title="Spring forum", start="2026-03-30 09:30", end="2026-03-30 17:00",
               timezone="Europe/Amsterdam", organizers=["uni-b"], summary="A forum.")
    site.brief("governance-brief", title={"en": "Shared governance", "zh": "共同治理"}, date="2026-02-01",
               authors=[{"member": "alice"}, {"name": "Bob Outside"}], pillars=["research"],
               summary={"en": "On shared decisions.", "zh": "关于大学共同决策的简报。"}, files="https://files.example.org/b.pdf")
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", summary="First post.", pillars=["research"], tags=["news"])
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-01", summary="第一篇。", body="网络的第一篇新闻。")
    site.news("2026-05-20-english-only", title="English only", date="2026-05-20", body="See [the home page](../index.md).")
    site.write("docs/about.md", "# About\n\nOnly in English: the Chinese site shows this text as not yet translated.\n")
    site.write("docs/files/readme.txt", "An asset copied as it is.\n")


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("equivalence") / "project", extra_nav="  - About: about.md")
    _write_network(site)
    return site


def build(site: ProjectSite, parallel: bool, folder: str) -> dict[str, bytes]:
    """Build into ``site.root / folder`` one way or the other; every file's bytes by path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(leadctl.engine.PARALLEL_VARIABLE, "1" if parallel else "0")
        result = site.leadctl("build", "--quiet", "--site-dir", folder)
    assert result.exit_code == 0, result.output
    root = site.root / folder
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_parallel_build_writes_the_sequential_build_byte_for_byte(network, monkeypatch):
    forks = []
    in_parallel = leadctl.engine.build_languages_in_parallel

    def counted(*args, **kwargs):
        forks.append(args)
        return in_parallel(*args, **kwargs)

    monkeypatch.setattr(leadctl.engine, "build_languages_in_parallel", counted)
    sequential = build(network, parallel=False, folder="site-sequential")
    assert forks == []
    parallel = build(network, parallel=True, folder="site-parallel")
    assert len(forks) == 1

    # The comparison covers every kind of file: pages of both languages, feeds, search, sitemap.
    for expected in (
        "index.html", "zh/index.html", "members/uni-a/index.html", "zh/members/uni-a/index.html", "zh/about/index.html",
        "news/2026-05-20-english-only/index.html", "404.html", "zh/404.html", "search/search_index.json",
        "zh/search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "files/readme.txt",
    ):
        assert expected in sequential, expected
    assert any(path.startswith("zh/") and path.endswith(".xml") for path in sequential)  # the Chinese feeds
    assert sorted(parallel) == sorted(sequential)
    different = [path for path in sequential if parallel[path] != sequential[path]]
    assert different == []
    assert not list(network.root.glob(".site-parallel*")), "a language's build folder was left behind"


def test_building_twice_gives_the_same_bytes(network):
    # What the comparison above relies on: a build depends on nothing but its input.
    first = build(network, parallel=True, folder="site-again-1")
    second = build(network, parallel=True, folder="site-again-2")
    assert first == second


def test_a_warning_in_the_other_language_fails_the_parallel_build_and_keeps_the_old_site(site, monkeypatch):
    monkeypatch.setenv(leadctl.engine.PARALLEL_VARIABLE, "1")
    site.build()
    before = site.snapshot()
    site.write("docs/zh/index.md", "# 首页\n\n[坏链接](missing.md)\n")  # only the Chinese pass sees it
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "missing.md" in result.output  # logged by the Chinese process, shown by this one
    assert "strict mode" in result.output
    assert site.snapshot() == before
    assert not list(site.root.glob(".site*"))
