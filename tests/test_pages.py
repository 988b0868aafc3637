"""The generated pages of both languages: records, listings, cross-links."""

from __future__ import annotations

from datetime import datetime

import pytest
from babel.dates import get_timezone_name

from sitekit import assert_in_order, country_in_cldr, zone_of_the_tzdata_package


def when(site, url_path: str) -> str:
    """The text of an event page's "When" line."""
    return site.article(url_path).select_one("time").get_text(" ", strip=True)


@pytest.fixture
def network(site):
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"},
                description={"en": "An *old* university.", "zh": "一所古老的大学。"}, pillars=["research"], website="https://a.example.org/")
    site.member("uni-b", name="Universität B", country="DE")
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean"}, bio={"en": "Studies governance."})
    site.event("autumn-seminar", title={"en": "Autumn seminar", "zh": "秋季研讨会"}, start="2026-10-13", end="2026-10-15",
               organizers=["uni-a", "alice"], pillars=["research"], summary={"en": "Three days.", "zh": "为期三天。"})
    site.event("spring-forum", kind="forum", title="Spring forum", start="2026-03-30 09:30", end="2026-03-30 17:00",
               timezone="Europe/Amsterdam", organizers=["uni-b"], summary="A forum.")
    site.event("next-workshop", kind="workshop", title="Next workshop", start="2026-07-01", summary="Soon.")
    site.brief("governance-brief", title={"en": "Shared governance", "zh": "共同治理"}, date="2026-02-01",
               authors=[{"member": "alice"}, {"name": "Bob Outside"}], pillars=["research"],
               summary={"en": "On shared decisions.", "zh": "关于共同决策的简报。"})
    site.brief("older-brief", date="2025-01-15")
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", summary="First post.", pillars=["research"])
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-01", summary="第一篇。", pillars=["research"])
    site.news("2026-05-20-english-only", title="English only", date="2026-05-20")
    site.build()
    return site


def test_every_record_has_a_page_in_both_languages(network):
    for kind, ids in {
        "members": ["uni-a", "uni-b", "alice"],
        "events": ["autumn-seminar", "spring-forum", "next-workshop"],
        "briefs": ["governance-brief", "older-brief"],
        "pillars": ["research", "training"],
    }.items():
        for record_id in ids:
            for prefix, lang in (("", "en"), ("zh/", "zh")):
                page = network.html(f"{prefix}{kind}/{record_id}/")
                assert page.html["lang"] == lang, (kind, record_id, lang)
    assert network.html("members/uni-a/").h1.get_text() == "University A"
    assert network.html("zh/members/uni-a/").h1.get_text() == "甲大学"
    assert network.html("zh/").html["lang"] == "zh"


def test_language_switcher_of_generated_pages_points_to_the_counterpart(network):
    english = network.html("members/uni-a/")
    links = {a.get("hreflang"): a["href"] for a in english.select(".md-select a[hreflang]")}
    assert links["zh"] == "../../zh/members/uni-a/"
    chinese = network.html("zh/members/uni-a/")
    links = {a.get("hreflang"): a["href"] for a in chinese.select(".md-select a[hreflang]")}
    assert links["en"] == "../../../members/uni-a/"


def test_record_pages_stay_out_of_the_navigation(network):
    nav_links = [a["href"] for a in network.html("").select("nav.md-nav--primary a")]
    assert not [href for href in nav_links if "uni-a" in href or "autumn-seminar" in href]
    assert any(href.rstrip("/").endswith("members") for href in nav_links)


def test_sitemap_lists_generated_pages_with_language_alternates(network):
    sitemap = (network.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/net/members/uni-a/</loc>" in sitemap
    assert 'hreflang="zh" href="https://example.org/net/zh/members/uni-a/"' in sitemap


def test_members_directory_lists_institutions_and_individuals_with_country(network):
    text = network.text("members/")
    assert "University A" in text and "Universität B" in text and "Alice Example" in text
    for code in ("NL", "DE", "CN"):
        assert country_in_cldr(code, "en") in text, code
    zh = network.text("zh/members/")
    assert "甲大学" in zh
    for code in ("NL", "DE"):
        assert country_in_cldr(code, "zh") in zh, code


def test_events_upcoming_soonest_first_then_past_by_year(network):
    page = network.article("events/")
    upcoming = [a.get_text() for a in page.select(".lead-upcoming a")]
    assert upcoming == ["Next workshop", "Autumn seminar"]
    past = [a.get_text() for a in page.select(".lead-past a")]
    assert past == ["Spring forum"]
    assert page.select_one("#year-2026") is not None


def test_briefs_and_news_newest_first(network):
    assert [a.get_text() for a in network.article("briefs/").select(".lead-briefs a")] == ["Shared governance", "Older Brief"]
    assert [a.get_text() for a in network.article("news/").select(".lead-news > li > a")] == ["English only", "Hello"]


def test_chinese_news_listing_marks_english_only_posts(network):
    items = network.article("zh/news/").select("li.lead-news")
    assert [li.a.get_text() for li in items] == ["English only", "你好"]
    assert items[0]["lang"] == "en"
    assert "lang" not in items[1].attrs


def test_cross_links_both_ways(network):
    event = network.article("events/autumn-seminar/")
    assert {a["href"] for a in event.select("a") if "members" in a["href"]} == {"../../members/uni-a/", "../../members/alice/"}
    member = network.article("members/uni-a/")
    assert "../../events/autumn-seminar/" in [a["href"] for a in member.select("a")]
    assert "../alice/" in [a["href"] for a in member.select(".lead-people a")]
    alice = network.article("members/alice/")
    assert "../uni-a/" in [a["href"] for a in alice.select("a")]
    assert "../../briefs/governance-brief/" in [a["href"] for a in alice.select("a")]
    brief = network.article("briefs/governance-brief/")
    assert "../../members/alice/" in [a["href"] for a in brief.select("a")]
    assert "Bob Outside" in brief.get_text()


def test_pillar_page_lists_its_events_briefs_members_and_news(network):
    pillar = network.article("pillars/research/")
    hrefs = [a["href"] for a in pillar.select("a")]
    for expected in ("../../events/autumn-seminar/", "../../briefs/governance-brief/", "../../members/uni-a/", "../../news/2026-05-01-hello/"):
        assert expected in hrefs
    assert "Joint studies" in pillar.get_text()
    assert "联合研究" in network.text("zh/pillars/research/")


def test_home_page_shows_next_events_latest_news_and_briefs(network):
    home = network.article("")
    assert [a.get_text() for a in home.select(".lead-events.lead-home > li > a")] == ["Next workshop", "Autumn seminar"]
    assert [a.get_text() for a in home.select(".lead-news.lead-home > li > a")][0] == "English only"
    assert [a.get_text() for a in home.select(".lead-publications.lead-home > li > a")][0] == "Shared governance"
    zh_home = network.article("zh/")
    assert [a.get_text() for a in zh_home.select(".lead-events.lead-home > li > a")] == ["Next workshop", "秋季研讨会"]


def test_event_page_shows_local_time_and_zone_in_each_language(network):
    starts = datetime(2026, 3, 30, 9, 30, tzinfo=zone_of_the_tzdata_package("Europe/Amsterdam"))
    en = when(network, "events/spring-forum/")
    assert_in_order(en, ["30", "March", "2026", "09:30", "17:00", "Europe/Amsterdam"])
    assert get_timezone_name(starts, locale="en_GB") in en  # the zone's name in summer, as the reader's language says it
    zh = when(network, "zh/events/spring-forum/")
    assert_in_order(zh, ["2026年", "3月", "30日", "09:30", "17:00"])
    assert get_timezone_name(starts, locale="zh_Hans_CN") in zh
    time_element = network.article("events/spring-forum/").select_one("time")
    assert datetime.fromisoformat(time_element["datetime"]) == starts
    assert datetime.fromisoformat(time_element["datetime"]).utcoffset() == starts.utcoffset()


def test_all_day_range_is_written_per_language(network):
    en = when(network, "events/autumn-seminar/")
    assert_in_order(en, ["13", "15", "Oct", "2026"])
    assert "2026-10" not in en  # written out for a reader, not as ISO dates
    zh = when(network, "zh/events/autumn-seminar/")
    assert_in_order(zh, ["2026年", "10月", "13日", "15日"])


def test_untranslated_text_on_chinese_pages_is_marked_english(network):
    page = network.article("zh/members/alice/")
    role = [span for span in page.select('span[lang="en"]') if span.get_text() == "Dean"]
    assert role, page
    assert page.select_one('div[lang="en"]').get_text(strip=True) == "Studies governance."
    assert page.select_one(".lead-untranslated") is not None
    assert network.article("zh/members/uni-b/").select_one(".lead-untranslated") is None
    assert network.article("members/alice/").select_one(".lead-untranslated") is None


def test_contributor_markdown_is_rendered(network):
    assert network.article("members/uni-a/").select_one("em").get_text() == "old"


def test_times_follow_the_tzdata_package_not_the_machine_zone_files(site, tmp_path, monkeypatch):
    # A machine whose zone files are out of date: here Amsterdam has no summer time at all.
    from importlib.resources import files

    machine_zones = tmp_path / "zoneinfo"
    (machine_zones / "Europe").mkdir(parents=True)
    (machine_zones / "Europe" / "Amsterdam").write_bytes(files("tzdata.zoneinfo").joinpath("UTC").read_bytes())
    monkeypatch.setenv("PYTHONTZPATH", str(machine_zones))
    site.event("spring-forum", kind="forum", title="Spring forum", start="2026-03-30 09:30", end="2026-03-30 17:00",
               timezone="Europe/Amsterdam", summary="A forum.")
    result = site.leadctl_process("build", "--quiet")
    assert result.returncode == 0, result.stderr
    starts = datetime(2026, 3, 30, 9, 30, tzinfo=zone_of_the_tzdata_package("Europe/Amsterdam"))
    shown = datetime.fromisoformat(site.article("events/spring-forum/").select_one("time")["datetime"])
    assert (shown, shown.utcoffset()) == (starts, starts.utcoffset())
    assert get_timezone_name(starts, locale="en_GB") in when(site, "events/spring-forum/")
