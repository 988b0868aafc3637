"""The front page's blocks, the members map and the events chart, as a reader gets them in both languages.

"Today" is pinned to 2026-06-01 (sitekit's TODAY_EPOCH).
"""

from __future__ import annotations

import gzip
import re

import pytest

from sitekit import ProjectSite, assert_in_order, country_in_cldr

FRONT_EN = """---
hide:
  - navigation
  - toc
---

# Test Network

One sentence about the network.

<!-- lead:network-numbers -->

<!-- lead:pillars -->

<!-- lead:upcoming-events -->

<!-- lead:member-map -->

<!-- lead:latest-news -->

<!-- lead:latest-publications -->

Hand-written closing words.
"""
FRONT_ZH = FRONT_EN.replace("# Test Network", "# 测试网络").replace("One sentence about the network.", "关于网络的一句话。").replace(
    "Hand-written closing words.", "手写的结束语。"
)


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("front") / "project", extra_nav="  - About:\n      - About us: about.md\n      - Aims: aims.md")
    site.write("docs/about.md", "# About us\n\nWho we are.\n")
    site.write("docs/aims.md", "# Aims\n\nWhat we aim for.\n")
    site.write("docs/index.md", FRONT_EN)
    site.write("docs/zh/index.md", FRONT_ZH)
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, country="NL")
    site.member("uni-b", name="University B", country="NL")
    site.member("uni-c", name="University C", country="DE")
    site.member("alice", kind="individual", name="Alice Example", country="CN", affiliation="uni-a")
    site.member("tiny", name="Tiny Institute", country="SG")  # a country too small for the map's outlines
    site.event("old-workshop", title="Old workshop", start="2025-09-18", pillars=["training"])
    site.event("spring-forum", title="Spring forum", start="2026-03-30", pillars=["research", "training"])
    site.event("summer-school", title={"en": "Summer school", "zh": "暑期学校"}, kind="training", start="2026-07-06",
               end="2026-07-10", location={"en": "Leiden", "zh": "莱顿"}, pillars=["training"])
    site.event("webinar", title="Webinar", kind="webinar", start="2026-06-20 14:00", end="2026-06-20 15:00",
               timezone="Asia/Shanghai", online=True)
    site.event("autumn-seminar", title="Autumn seminar", start="2026-10-13", location="Berlin", pillars=["research"])
    site.event("next-year", title="Next year", start="2027-01-12", pillars=["research"])
    site.brief("older-brief", title="Older brief", date="2025-11-20", summary="Older.")
    site.brief("newer-brief", title={"en": "Newer brief", "zh": "新简报"}, date="2026-02-01",
               summary={"en": "Newer.", "zh": "较新。"})
    site.work("mooc", title={"en": "A MOOC", "zh": "慕课"}, kind="course", date=None)
    site.news("2026-05-10-hello", title="Hello", date="2026-05-10", summary="First post.")
    site.news("2026-05-10-hello", language="zh", title="你好", date="2026-05-10", summary="第一篇。")
    site.build()
    return site


def test_the_front_page_has_no_sidebars_and_keeps_its_hand_written_text(front):
    for path, words in (("", ["One sentence about the network.", "Hand-written closing words."]), ("zh/", ["关于网络的一句话。", "手写的结束语。"])):
        page = front.html(path)
        assert page.select_one(".md-sidebar--primary").has_attr("hidden")
        assert page.select_one(".md-sidebar--secondary").has_attr("hidden")
        assert_in_order(front.text(path), words)
    # A page outside any section has no sidebar either: it would hold the page's own link alone.
    for path in ("members/", "zh/members/", "members/uni-a/", "events/"):
        assert front.html(path).select_one(".md-sidebar--primary").has_attr("hidden"), path
    # A page in a section keeps the section's links beside it.
    sidebar = front.html("about/").select_one(".md-sidebar--primary")
    assert not sidebar.has_attr("hidden") and sidebar.find("a", href="../aims/")


def test_pillars_are_cards_with_their_summary_and_a_link(front):
    cards = front.article("").select(".lead-front-pillars li.lead-card")
    assert [(card.a.get_text(), card.a["href"], card.select_one(".lead-summary").get_text()) for card in cards] == [
        ("Research", "pillars/research/", "Research pillar."),
        ("Training", "pillars/training/", "Training pillar."),
    ]
    zh_cards = front.article("zh/").select(".lead-front-pillars li.lead-card")
    assert [(card.a.get_text(), card.a["href"]) for card in zh_cards] == [("研究", "pillars/research/"), ("培训", "pillars/training/")]
    assert [card.select_one(".lead-summary").get_text() for card in zh_cards] == ["研究支柱。", "培训支柱。"]
    assert front.article("zh/").select_one(".lead-front-pillars h2").get_text() == "我们做什么"


def test_the_next_three_events_are_cards_with_a_date_badge_and_a_place(front):
    cards = front.article("").select(".lead-front-events li.lead-card")
    assert [card.a.get_text() for card in cards] == ["Webinar", "Summer school", "Autumn seminar"]
    badges = [" ".join(card.select_one(".lead-badge").stripped_strings) for card in cards]
    assert badges == ["Jun 20 2026", "Jul 6 2026", "Oct 13 2026"]
    assert all(card.select_one(".lead-badge")["aria-hidden"] == "true" for card in cards)
    assert [card.select_one(".lead-place").get_text() for card in cards] == ["Online", "Leiden", "Berlin"]
    assert cards[1].select_one("time")["datetime"] == "2026-07-06"
    assert cards[1].a["href"] == "events/summer-school/"
    zh_cards = front.article("zh/").select(".lead-front-events li.lead-card")
    assert [card.a.get_text() for card in zh_cards] == ["Webinar", "暑期学校", "Autumn seminar"]
    assert " ".join(zh_cards[1].select_one(".lead-badge").stripped_strings) == "7月 6 2026"
    assert zh_cards[1].select_one(".lead-place").get_text() == "莱顿"


def test_the_network_in_numbers_is_counted_from_the_data(front):
    def numbers(path: str) -> list[tuple[str, str]]:
        items = front.article(path).select(".lead-numbers li")
        return [(item.select_one(".lead-number").get_text(), item.select_one(".lead-number__label").get_text()) for item in items]

    # Five members in four countries; four of the events start in 2026 (one of them already past).
    assert numbers("") == [("5", "Members"), ("4", "Countries and regions"), ("4", "Events in 2026")]
    assert numbers("zh/") == [("5", "成员"), ("4", "国家和地区"), ("4", "2026 年的活动")]
    assert [a["href"] for a in front.article("").select(".lead-numbers a")] == ["members/", "members/", "events/"]


def test_latest_news_and_publications(front):
    home = front.article("")
    assert [a.get_text() for a in home.select(".lead-front-news li.lead-news > a")] == ["Hello"]
    publications = home.select(".lead-front-publications li.lead-publication")
    # Briefs and works of the knowledge base together, newest first; a work without a date after the dated ones.
    assert [item.a.get_text() for item in publications] == ["Newer brief", "Older brief", "A MOOC"]
    assert [item.a["href"] for item in publications] == ["briefs/newer-brief/", "briefs/older-brief/", "knowledge/mooc/"]
    assert_in_order(publications[0].select_one(".lead-meta").get_text(), ["Policy brief", "1 February 2026"])
    assert " ".join(publications[0].select_one(".lead-badge").stripped_strings) == "Feb 1 2026"
    assert publications[2].select_one(".lead-badge") is None
    assert_in_order(publications[2].select_one(".lead-meta").get_text(), ["Course", "date not given"])
    assert home.select_one(".lead-front-publications .lead-more a")["href"] == "knowledge/"
    zh_home = front.article("zh/")
    assert [a.get_text() for a in zh_home.select(".lead-front-news li.lead-news > a")] == ["你好"]
    zh_items = zh_home.select(".lead-front-publications li.lead-publication")
    assert [item.a.get_text() for item in zh_items] == ["新简报", "Older brief", "慕课"]
    assert zh_items[0].select_one(".lead-meta").get_text().startswith("政策简报")


def test_listings_give_each_item_a_date_badge(front):
    events = front.article("events/").select("ul.lead-events li.lead-item")
    assert [item.a.get_text() for item in events][:3] == ["Webinar", "Summer school", "Autumn seminar"]
    assert " ".join(events[0].select_one(".lead-badge").stripped_strings) == "Jun 20 2026"
    briefs = front.article("zh/briefs/").select("ul.lead-briefs li.lead-item")
    assert " ".join(briefs[0].select_one(".lead-badge").stripped_strings) == "2月 1 2026"
    news = front.article("news/").select("ul.lead-news li.lead-item")
    assert " ".join(news[0].select_one(".lead-badge").stripped_strings) == "May 10 2026"


@pytest.mark.parametrize("path", ["members/", "", "zh/members/", "zh/"])
def test_the_map_links_each_member_country_to_the_directory_narrowed_to_it(front, path):
    language = "zh" if path.startswith("zh/") else "en"
    directory = "./" if path.endswith("members/") else "members/"
    figure = front.article(path).select_one("figure.lead-map")
    links = figure.select("svg a[data-lead-country]")
    members = {"NL": 2, "DE": 1, "CN": 1, "SG": 1}
    assert {a["data-lead-country"] for a in links} == set(members)
    for link in links:
        code = link["data-lead-country"]
        assert link["href"] == f"{directory}?country={code}"
        name = country_in_cldr(code, language)
        count = {"en": f"{members[code]} member" + ("s" if members[code] > 1 else ""), "zh": f"{members[code]} 位成员"}[language]
        label = f"{name}: {count}" if language == "en" else f"{name}：{count}"
        assert link["aria-label"] == label
        assert link.title.get_text() == label
    # Singapore is too small for the outlines: a dot marks it.
    by_code = {a["data-lead-country"]: a for a in links}
    assert by_code["NL"].path is not None and by_code["SG"].path is None and by_code["SG"].circle is not None
    # Names on the map, in the page's language, where there is room beside the dot.
    names = {a["data-lead-country"]: a.find("text").get_text() for a in links if a.find("text")}
    assert "CN" in names and all(name == country_in_cldr(code, language) for code, name in names.items())
    # The same as text: each country with its number of members, in the page's language.
    items = figure.select(".lead-map__list li")
    listed = {item.a["data-lead-country"]: (item.a.get_text(), item.select_one(".lead-map__count").get_text(), item.a["href"]) for item in items}
    assert listed == {code: (country_in_cldr(code, language), str(n), f"{directory}?country={code}") for code, n in members.items()}


def test_the_map_stays_small(front):
    svg = str(front.article("members/").select_one("figure.lead-map svg"))
    assert len(gzip.compress(svg.encode())) < 20_000, len(gzip.compress(svg.encode()))
    # Whole map units: no long decimals in the paths.
    assert not re.search(r"\d\.\d", " ".join(path["d"] for path in front.article("members/").select("figure.lead-map path")))


def test_no_members_no_map(site):
    site.build()
    assert site.article("members/").select_one("figure.lead-map") is None
    assert site.article("").select_one(".lead-front-map") is None


def test_the_events_page_charts_events_per_year_and_pillar_with_the_numbers_as_text(front):
    chart = front.article("events/").select_one("figure.lead-chart")
    assert chart.select_one("svg")["role"] == "img"
    bars = [rect.title.get_text() for rect in chart.select("svg rect")]
    assert bars == [
        "2025, Training: 1 event",
        "2026, Research: 2 events",
        "2026, Training: 2 events",
        "2026, No pillar: 1 event",
        "2027, Research: 1 event",
    ]
    assert [li.get_text() for li in chart.select(".lead-chart__legend li")] == ["Research", "Training", "No pillar"]
    table = chart.select_one("details table")
    assert [th.get_text() for th in table.select("thead th")] == ["Year", "Research", "Training", "No pillar", "All events"]
    rows = [[cell.get_text() for cell in row.select("th, td")] for row in table.select("tbody tr")]
    assert rows == [["2025", "0", "1", "0", "1"], ["2026", "2", "2", "1", "4"], ["2027", "1", "0", "0", "1"]]
    zh_chart = front.article("zh/events/").select_one("figure.lead-chart")
    assert zh_chart.select("svg rect")[1].title.get_text() == "2026 年，研究：2 场活动"
    assert [th.get_text() for th in zh_chart.select("thead th")] == ["年份", "研究", "培训", "未注明支柱领域", "全部活动"]


def test_the_old_briefs_marker_shows_the_latest_publications(site):
    site.brief("only-brief", title="Only brief")
    site.build()
    assert [a.get_text() for a in site.article("").select(".lead-publications li > a")] == ["Only brief"]


def test_contributor_words_in_the_blocks_and_pictures_are_shown_as_text(site):
    site.write_yaml("data/pillars.yml", [
        {"id": "research", "title": "R&D <b>bold</b>", "summary": "Summary <script>alert(1)</script>."},
    ])
    site.member("uni-a", pillars=["research"])
    site.event("talk", title="Talk <i>one</i>", start="2026-07-01", pillars=["research"], location="Room <5>")
    site.write("docs/index.md", FRONT_EN)
    site.build()
    home = site.html("")
    card = home.select_one(".lead-front-pillars li.lead-card")
    assert card.a.get_text() == "R&D <b>bold</b>" and card.select_one(".lead-summary").get_text() == "Summary <script>alert(1)</script>."
    assert home.select_one(".lead-front-events .lead-place").get_text() == "Room <5>"
    assert not home.select("article script, article b, article i")
    chart = site.article("events/").select_one("figure.lead-chart")
    assert chart.select_one(".lead-chart__legend li").get_text() == "R&D <b>bold</b>"
    assert chart.select_one("rect title").get_text() == "2026, R&D <b>bold</b>: 1 event"
    assert not chart.select("b")
