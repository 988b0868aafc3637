"""News and policy-brief feeds, per language, read back with feedparser and json."""

from __future__ import annotations

import json
import shutil
import urllib.request
from calendar import timegm
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from sitekit import ProjectSite, wait_until, zone_of_the_tzdata_package

BASE = "https://example.org/net/"
SPECIAL_TITLE = 'Fish & <chips> "quoted" \'single\' 😀 中文'
PDF_BYTES = b"%PDF-1.4\n% a stand-in PDF for the feed test\n"
FEED_FILES = ("news/rss.xml", "news/atom.xml", "news/feed.json", "briefs/rss.xml", "knowledge/rss.xml", "knowledge/atom.xml")


def _write_content(site: ProjectSite) -> None:
    # Only the three newest English posts fit (feed_size: 3); the 2025 one drops out.
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "    feed_size: 3\n", encoding="utf-8")
    site.write("docs/news/img/photo.png", "not really a PNG")
    site.news(
        "hello", title="Hello", date="2026-05-01", summary="First & <best> post.", tags=["launch"],
        body="Back to [the home page](../index.md), with a photo: ![A photo](img/photo.png)\n\n"
             "Elsewhere: [an outside site](https://other.example.com/page) and [a section](#details).\n\n"
             "## Details\n\nMore text.",
    )
    site.news("hello", language="zh", title="你好", date="2026-05-01", summary="第一篇。", tags=["发布"],
              body="返回[首页](../index.md)。")
    # A local time without a zone is taken in the site's zone (Brussels, summer time: UTC+2).
    site.news("special", title=SPECIAL_TITLE, date="2026-05-10 14:30", tags=["a&b", "中文"],
              body="Pasted text with a vertical tab\x0b from a word processor, & an ampersand.")
    # Date only, on the day summer time begins: midnight is still winter time (UTC+1).
    site.news("clocks-change", title="Clocks change", date="2026-03-29")
    site.news("old-news", title="Old news", date="2025-01-15")
    site.news("zh-only", language="zh", title="仅中文", date="2026-04-15")
    site.write("docs/briefs/files/local.pdf", PDF_BYTES.decode())
    site.brief("local-pdf", title={"en": "Local PDF brief", "zh": "本地简报"}, date="2026-02-01",
               summary={"en": "With a PDF kept here.", "zh": "附本地 PDF。"}, files="briefs/files/local.pdf",
               body={"en": "See [the briefs](../)."})
    site.brief("remote-pdf", title="Remote PDF brief", date="2026-04-01", files="https://files.example.com/brief.pdf")
    site.brief("no-pdf", title="Brief without PDF", date="2025-06-01")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("feeds") / "project")
    _write_content(site)
    site.build()
    return site


def _parse(site: ProjectSite, relative: str):
    parsed = feedparser.parse((site.site_dir / relative).read_bytes())
    assert not parsed.bozo, (relative, parsed.get("bozo_exception"))
    return parsed


def _utc(entry) -> datetime:
    return datetime.fromtimestamp(timegm(entry.published_parsed), tz=timezone.utc)


def _shown_text(detail) -> str:
    """What a reader displays for a text construct: HTML is rendered, plain text shown as is."""
    return BeautifulSoup(detail.value, "lxml").get_text() if detail.type == "text/html" else detail.value


def _json_feed(site: ProjectSite, relative: str) -> dict:
    return json.loads((site.site_dir / relative).read_text(encoding="utf-8"))


@pytest.mark.parametrize("feed", ["news/rss.xml", "news/atom.xml"])
def test_english_news_feed_holds_latest_english_posts_newest_first(built, feed):
    parsed = _parse(built, feed)
    assert parsed.version in ("rss20", "atom10")
    assert [entry.link for entry in parsed.entries] == [
        BASE + "news/special/", BASE + "news/hello/", BASE + "news/clocks-change/",
    ]
    assert parsed.entries[0].title == SPECIAL_TITLE
    assert parsed.entries[0].id == BASE + "news/special/"
    assert parsed.feed.language == "en"
    assert parsed.feed.link == BASE + "news/"


@pytest.mark.parametrize("feed", ["zh/news/rss.xml", "zh/news/atom.xml"])
def test_chinese_news_feed_holds_only_posts_written_in_chinese(built, feed):
    parsed = _parse(built, feed)
    assert [(entry.title, entry.link) for entry in parsed.entries] == [
        ("你好", BASE + "zh/news/hello/"),
        ("仅中文", BASE + "zh/news/zh-only/"),
    ]
    assert parsed.feed.language == "zh"
    assert parsed.feed.link == BASE + "zh/news/"


@pytest.mark.parametrize("feed", ["news/rss.xml", "news/atom.xml"])
def test_publication_dates_carry_the_site_time_zone(built, feed):
    published = {entry.link.rsplit("/", 2)[1]: _utc(entry) for entry in _parse(built, feed).entries}
    assert published == {
        "special": datetime(2026, 5, 10, 12, 30, tzinfo=timezone.utc),
        "hello": datetime(2026, 4, 30, 22, 0, tzinfo=timezone.utc),
        "clocks-change": datetime(2026, 3, 28, 23, 0, tzinfo=timezone.utc),
    }


def test_feed_date_is_the_newest_post_not_the_build_time(built):
    rss = _parse(built, "news/rss.xml")
    atom = _parse(built, "news/atom.xml")
    newest = datetime(2026, 5, 10, 12, 30, tzinfo=timezone.utc)
    assert datetime.fromtimestamp(timegm(rss.feed.updated_parsed), tz=timezone.utc) == newest
    assert datetime.fromtimestamp(timegm(atom.feed.updated_parsed), tz=timezone.utc) == newest
    # Written in the site's zone (Brussels), as the posts' dates are.
    channel = ElementTree.parse(built.site_dir / "news/rss.xml").getroot().find("channel")
    last_build = parsedate_to_datetime(channel.findtext("lastBuildDate"))
    assert last_build == newest
    assert last_build.utcoffset() == newest.astimezone(zone_of_the_tzdata_package("Europe/Brussels")).utcoffset()


@pytest.mark.parametrize("feed", ["news/rss.xml", "news/atom.xml"])
def test_full_post_has_absolute_links_and_images(built, feed):
    entry = next(e for e in _parse(built, feed).entries if e.link == BASE + "news/hello/")
    body = BeautifulSoup(entry.content[0].value, "lxml")
    assert {a.get_text(): a["href"] for a in body.select("a")} == {
        "the home page": BASE,
        "an outside site": "https://other.example.com/page",
        "a section": BASE + "news/hello/#details",
    }
    assert [img["src"] for img in body.select("img")] == [BASE + "news/img/photo.png"]
    assert body.find("h2").get_text() == "Details"
    assert _shown_text(entry.summary_detail) == "First & <best> post."
    assert [tag.term for tag in entry.tags] == ["launch"]


def test_chinese_post_links_resolve_against_its_chinese_address(built):
    entry = _parse(built, "zh/news/rss.xml").entries[0]
    body = BeautifulSoup(entry.content[0].value, "lxml")
    assert [a["href"] for a in body.select("a")] == [BASE + "zh/"]
    assert [tag.term for tag in entry.tags] == ["发布"]


def test_special_characters_survive_in_every_format(built):
    rss = _parse(built, "news/rss.xml").entries[0]
    atom = _parse(built, "news/atom.xml").entries[0]
    item = _json_feed(built, "news/feed.json")["items"][0]
    for title in (rss.title, atom.title, item["title"]):
        assert title == SPECIAL_TITLE
    assert [tag.term for tag in rss.tags] == ["a&b", "中文"] == item["tags"]
    assert "an ampersand" in item["content_html"] and "\x0b" not in item["content_html"]


def test_json_feed_matches_the_xml_feeds(built):
    for prefix, language in (("", "en"), ("zh/", "zh")):
        document = _json_feed(built, f"{prefix}news/feed.json")
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        assert document["language"] == language
        assert document["feed_url"] == f"{BASE}{prefix}news/feed.json"
        assert document["home_page_url"] == f"{BASE}{prefix}news/"
        rss = _parse(built, f"{prefix}news/rss.xml")
        assert [item["url"] for item in document["items"]] == [entry.link for entry in rss.entries]
        assert [item["id"] for item in document["items"]] == [entry.id for entry in rss.entries]
        assert [datetime.fromisoformat(item["date_published"]) for item in document["items"]] == [_utc(e) for e in rss.entries]
    english = _json_feed(built, "news/feed.json")["items"]
    assert english[1]["date_published"] == "2026-05-01T00:00:00+02:00"
    assert english[2]["date_published"] == "2026-03-29T00:00:00+01:00"
    assert BASE + "news/img/photo.png" in english[1]["content_html"]


def test_briefs_feed_newest_first_with_pdf_enclosures(built):
    for prefix in ("", "zh/"):
        parsed = _parse(built, f"{prefix}briefs/rss.xml")
        assert [entry.link for entry in parsed.entries] == [
            f"{BASE}{prefix}briefs/remote-pdf/", f"{BASE}{prefix}briefs/local-pdf/", f"{BASE}{prefix}briefs/no-pdf/",
        ]
        enclosures = [[(e.href, e.length, e.type) for e in entry.enclosures] for entry in parsed.entries]
        # A PDF under docs/ exists once, at the site root, for both languages.
        assert enclosures == [
            [("https://files.example.com/brief.pdf", "0", "application/pdf")],
            [(BASE + "briefs/files/local.pdf", str(len(PDF_BYTES)), "application/pdf")],
            [],
        ]
    assert (built.site_dir / "briefs/files/local.pdf").read_bytes() == PDF_BYTES
    english = _parse(built, "briefs/rss.xml")
    chinese = _parse(built, "zh/briefs/rss.xml")
    assert english.feed.language == "en" and chinese.feed.language == "zh"
    assert english.entries[1].title == "Local PDF brief" and chinese.entries[1].title == "本地简报"
    assert chinese.entries[0].title == "Remote PDF brief"  # untranslated: the English title
    local_body = BeautifulSoup(english.entries[1].content[0].value, "lxml")
    assert [a["href"] for a in local_body.select("a")] == [BASE + "briefs/"]


def test_each_language_wrote_its_own_feeds(built):
    # The Chinese build runs second in the same folder; it must not replace the English files.
    for relative in FEED_FILES:
        english = (built.site_dir / relative).read_text(encoding="utf-8")
        chinese = (built.site_dir / "zh" / relative).read_text(encoding="utf-8")
        assert english != chinese
        assert BASE + "zh/" not in english
    assert _parse(built, "news/rss.xml").feed.title == "Test Network: news"
    assert _parse(built, "zh/news/rss.xml").feed.title == "测试网络：新闻动态"
    assert _parse(built, "zh/briefs/rss.xml").feed.title == "测试网络：政策简报"


def _feed_links(page: BeautifulSoup) -> dict[str, str]:
    return {
        link["type"]: link["href"]
        for link in page.select('head link[rel="alternate"][type]')
        if link["type"] in ("application/feed+json", "text/calendar")
    } | {
        "rss": [link["href"] for link in page.select('head link[rel="alternate"][type="application/rss+xml"]')],
        "atom": [link["href"] for link in page.select('head link[rel="alternate"][type="application/atom+xml"]')],
    }


def test_every_page_head_advertises_its_languages_feeds(built):
    pages = [*built.site_dir.rglob("index.html"), *built.site_dir.rglob("404.html")]
    assert len(pages) > 10
    for path in pages:
        relative = path.relative_to(built.site_dir).as_posix()
        prefix = "zh/" if relative.startswith("zh/") else ""
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert page.html["lang"] == (prefix.rstrip("/") or "en"), relative
        assert _feed_links(page) == {
            "application/feed+json": f"{BASE}{prefix}news/feed.json",
            "text/calendar": f"{BASE}{prefix}events/calendar.ics",
            "rss": [f"{BASE}{prefix}news/rss.xml", f"{BASE}{prefix}briefs/rss.xml", f"{BASE}{prefix}knowledge/rss.xml"],
            "atom": [f"{BASE}{prefix}news/atom.xml", f"{BASE}{prefix}knowledge/atom.xml"],
        }, relative
    # And each advertised file is there.
    for relative in FEED_FILES:
        assert (built.site_dir / relative).is_file() and (built.site_dir / "zh" / relative).is_file()


def test_news_listing_shows_subscribe_links_in_both_languages(built):
    for prefix, intro in (("", "Follow the news in your feed reader"), ("zh/", "在订阅阅读器中关注新闻")):
        page_url = f"{prefix}news/"
        subscribe = built.article(page_url).select_one(".lead-subscribe")
        assert intro in subscribe.get_text()
        targets = [urljoin(page_url, a["href"]) for a in subscribe.select("a")]
        assert targets == [f"{prefix}news/rss.xml", f"{prefix}news/atom.xml", f"{prefix}news/feed.json"]
        for target in targets:
            assert (built.site_dir / target).is_file()


def test_briefs_listing_shows_its_subscribe_link_in_both_languages(built):
    for prefix, intro in (("", "Follow new policy briefs in your feed reader"), ("zh/", "在订阅阅读器中关注新发布的政策简报")):
        page_url = f"{prefix}briefs/"
        subscribe = built.article(page_url).select_one(".lead-subscribe")
        assert intro in subscribe.get_text()
        (target,) = [urljoin(page_url, a["href"]) for a in subscribe.select("a")]
        assert target == f"{prefix}briefs/rss.xml"
        assert (built.site_dir / target).is_file()


def test_identical_feeds_when_nothing_changed(built, tmp_path):
    # The same content built again elsewhere, later: not one byte may differ.
    again = ProjectSite(tmp_path / "again")
    shutil.rmtree(again.root / "docs")
    shutil.copytree(built.root / "docs", again.root / "docs")
    shutil.copytree(built.root / "data", again.root / "data", dirs_exist_ok=True)
    shutil.copy(built.root / "mkdocs.yml", again.root / "mkdocs.yml")
    again.build()
    for prefix in ("", "zh/"):
        for relative in FEED_FILES:
            first = (built.site_dir / prefix / relative).read_bytes()
            assert first == (again.site_dir / prefix / relative).read_bytes(), prefix + relative


def test_empty_site_still_has_valid_feeds(site):
    site.build()
    for prefix in ("", "zh/"):
        for relative in ("news/rss.xml", "news/atom.xml", "briefs/rss.xml"):
            assert _parse(site, prefix + relative).entries == []
        assert _json_feed(site, prefix + "news/feed.json")["items"] == []


# -- leadctl serve -------------------------------------------------------------


def _body_when(url: str, predicate, seconds: float) -> str | None:
    """The body ``url`` answers once ``predicate`` holds for it, or None if it never did within ``seconds``."""

    def body_if_ready() -> str | None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read().decode("utf-8")
        except OSError:
            return None
        return body if predicate(body) else None

    return wait_until(body_if_ready, seconds, every=0.3)


def _titles(body: str) -> list[str]:
    return [entry.title for entry in feedparser.parse(body).entries]


def test_serve_regenerates_feeds_when_a_post_is_added(site):
    site.news("first", language="zh", title="第一篇", date="2026-05-01")
    with site.serving() as server:
        chinese_feed, english_feed = server.url("zh/news/rss.xml"), server.url("news/rss.xml")
        assert _body_when(chinese_feed, lambda body: "第一篇" in body, 60), server.output()
        site.news("second", language="zh", title="第二篇", date="2026-05-02")
        site.news("second", title="Second post", date="2026-05-02")
        body = _body_when(chinese_feed, lambda body: "第二篇" in body, 60)
        assert body, "the Chinese feed was not regenerated\n" + server.output()
        assert _titles(body) == ["第二篇", "第一篇"]
        # The same rebuild wrote the English feed: the English post, and no Chinese one.
        english = _body_when(english_feed, lambda body: "Second post" in body, 60)
        assert english, "the English feed was not regenerated\n" + server.output()
        assert _titles(english) == ["Second post"]
