"""The generated pages of both languages: records, listings, cross-links."""

from __future__ import annotations

import pytest


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
    assert "Netherlands" in text and "Germany" in text and "China" in text
    zh = network.text("zh/members/")
    assert "甲大学" in zh and "荷兰" in zh and "德国" in zh


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
    assert [a.get_text() for a in home.select(".lead-briefs.lead-home > li > a")][0] == "Shared governance"
    zh_home = network.article("zh/")
    assert [a.get_text() for a in zh_home.select(".lead-events.lead-home > li > a")] == ["Next workshop", "秋季研讨会"]


def test_event_page_shows_local_time_and_zone_in_each_language(network):
    en = network.text("events/spring-forum/")
    assert "30 March 2026 09:30–17:00" in en and "Europe/Amsterdam" in en and "Central European Summer Time" in en
    zh = network.text("zh/events/spring-forum/")
    assert "2026年3月30日 09:30–17:00" in zh and "中欧夏令时间" in zh
    time_element = network.article("events/spring-forum/").select_one("time")
    assert time_element["datetime"] == "2026-03-30T09:30:00+02:00"


def test_all_day_range_is_written_per_language(network):
    assert "13–15 Oct 2026" in network.text("events/autumn-seminar/")
    assert "2026年10月13日至15日" in network.text("zh/events/autumn-seminar/")


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
