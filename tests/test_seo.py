"""What search engines and link previews read, parsed from the built HTML of both languages."""

from __future__ import annotations

import gzip
import json
from datetime import datetime

import pytest
from lxml import etree

BASE = "https://example.org/net/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import ProjectSite

    site = ProjectSite(tmp_path_factory.mktemp("seo") / "project")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, country="NL", city={"en": "Leiden", "zh": "莱顿"},
                website="https://a.example.org/", pillars=["research"])
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean", "zh": "院长"})
    site.member("evil", name="</script><script>alert(1)</script> & Co", country="DE")
    site.event("hybrid-forum", kind="forum", title={"en": "Hybrid forum", "zh": "混合论坛"}, start="2026-10-13 09:30",
               end="2026-10-13 17:00", timezone="Asia/Shanghai", location={"en": "Main hall", "zh": "大礼堂"}, online=True,
               url="https://forum.example.org/", organizers=["uni-a", "alice"], summary={"en": "On site and online.", "zh": "线下与线上。"})
    site.event("online-talk", kind="webinar", title="Online talk", start="2026-11-02T15:00+01:00", online=True, summary="Online only.")
    site.event("summer-school", kind="training", title="Summer school", start="2026-07-06", end="2026-07-10",
               location="Campus", summary="A week.")
    site.brief("governance", title={"en": "Shared governance", "zh": "共同治理"}, date="2026-02-01", doi="10.5555/lead.1",
               authors=[{"member": "alice"}, {"name": "Bob Outside"}], summary={"en": "On shared decisions.", "zh": "关于共同决策。"})
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", summary="First post.", tags=["launch"])
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-01", summary="第一篇。")
    site.news("2026-05-20-english-only", title="English only", date="2026-05-20 09:00")
    site.write("docs/about.md", "# About\n\nAbout us.\n")
    mkdocs = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(mkdocs.replace("  - Home: index.md\n", "  - Home: index.md\n  - About: about.md\n"), encoding="utf-8")
    site.build()
    return site


def head(site, path):
    page = site.html(path)
    return page.head


def json_ld(site, path) -> dict:
    scripts = site.html(path).select('script[type="application/ld+json"]')
    assert len(scripts) == 1, path
    return json.loads(scripts[0].string)


def every_page(site):
    """URL paths of every page built (404 pages aside)."""
    for file in sorted(site.site_dir.rglob("index.html")):
        relative = file.parent.relative_to(site.site_dir).as_posix()
        if relative.startswith(("assets", "search")):
            continue
        yield "" if relative == "." else relative + "/"


# -- head metadata -----------------------------------------------------------------
def test_every_page_has_an_absolute_canonical_and_hreflang_alternates(built):
    pages = list(every_page(built))
    assert len(pages) > 20
    for path in pages:
        page_head = head(built, path)
        canonical = page_head.select('link[rel="canonical"]')
        assert [link["href"] for link in canonical] == [BASE + path], path
        alternates = {link["hreflang"]: link["href"] for link in page_head.select('link[rel="alternate"][hreflang]')}
        neutral = path[len("zh/") :] if path.startswith("zh/") else path
        assert alternates == {"en": BASE + neutral, "zh": BASE + "zh/" + neutral, "x-default": BASE + neutral}, path


def test_open_graph_and_twitter_card_in_the_page_language(built):
    english = head(built, "briefs/governance/")
    og = {meta["property"]: meta["content"] for meta in english.select("meta[property]")}
    assert og["og:title"] == "Shared governance"
    assert og["og:description"] == "On shared decisions."
    assert og["og:url"] == BASE + "briefs/governance/"
    assert og["og:locale"] == "en_GB" and og["og:locale:alternate"] == "zh_CN"
    assert og["og:type"] == "article" and og["og:site_name"] == "Test Network"
    twitter = {meta["name"]: meta["content"] for meta in english.select("meta[name^='twitter:']")}
    assert twitter == {"twitter:card": "summary", "twitter:title": "Shared governance", "twitter:description": "On shared decisions."}
    chinese = head(built, "zh/briefs/governance/")
    og = {meta["property"]: meta["content"] for meta in chinese.select("meta[property]")}
    assert og["og:title"] == "共同治理" and og["og:description"] == "关于共同决策。"
    assert og["og:locale"] == "zh_CN" and og["og:url"] == BASE + "zh/briefs/governance/"
    assert og["og:site_name"] == "测试网络"
    assert chinese.select_one('meta[name="description"]')["content"] == "关于共同决策。"


def test_the_home_page_is_a_website_named_after_the_network(built):
    og = {meta["property"]: meta["content"] for meta in head(built, "zh/").select("meta[property]")}
    assert og["og:type"] == "website" and og["og:title"] == "测试网络"


def test_metadata_escapes_what_contributors_wrote(built):
    page = built.html("members/evil/")
    og_title = page.head.select_one('meta[property="og:title"]')["content"]
    assert og_title == "</script><script>alert(1)</script> & Co"
    assert not [s for s in page.select("script") if "alert(1)" in (s.string or "") and s.get("type") not in ("application/ld+json", "application/json")]
    assert json.loads(page.select_one("script[data-search-marks]").string)["title"] == "</script><script>alert(1)</script> & Co"
    raw = (built.site_dir / "members" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in raw


# -- JSON-LD ------------------------------------------------------------------------------
def test_event_with_offsets_place_and_virtual_location_and_organizers(built):
    data = json_ld(built, "events/hybrid-forum/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Hybrid forum"
    assert data["startDate"] == "2026-10-13T09:30:00+08:00" and data["endDate"] == "2026-10-13T17:00:00+08:00"
    assert datetime.fromisoformat(data["startDate"]).utcoffset() is not None
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    places = {place["@type"]: place for place in data["location"]}
    assert places["Place"]["name"] == "Main hall"
    assert places["VirtualLocation"]["url"] == "https://forum.example.org/"
    assert [(o["@type"], o["name"], o["url"]) for o in data["organizer"]] == [
        ("Organization", "University A", BASE + "members/uni-a/"),
        ("Person", "Alice Example", BASE + "members/alice/"),
    ]
    chinese = json_ld(built, "zh/events/hybrid-forum/")
    assert chinese["name"] == "混合论坛" and chinese["inLanguage"] == "zh"
    assert chinese["organizer"][0]["url"] == BASE + "zh/members/uni-a/"


def test_online_and_all_day_events(built):
    online = json_ld(built, "events/online-talk/")
    assert online["startDate"] == "2026-11-02T15:00:00+01:00" and "endDate" not in online
    assert online["location"] == {"@type": "VirtualLocation", "url": BASE + "events/online-talk/"}
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    school = json_ld(built, "events/summer-school/")
    assert (school["startDate"], school["endDate"]) == ("2026-07-06", "2026-07-10")
    assert school["location"]["@type"] == "Place"
    assert school["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_members_are_organizations_or_people(built):
    institution = json_ld(built, "members/uni-a/")
    assert institution["@type"] == "Organization" and institution["name"] == "University A"
    assert institution["url"] == "https://a.example.org/" and institution["sameAs"] == ["https://a.example.org/"]
    assert institution["address"] == {"@type": "PostalAddress", "addressCountry": "NL", "addressLocality": "Leiden"}
    assert institution["memberOf"]["@id"] == BASE + "#organization"
    person = json_ld(built, "zh/members/alice/")
    assert person["@type"] == "Person" and person["name"] == "爱丽丝" and person["jobTitle"] == "院长"
    assert person["affiliation"] == {"@type": "Organization", "name": "甲大学", "url": BASE + "zh/members/uni-a/"}


def test_brief_is_a_report_with_authors_date_and_doi(built):
    data = json_ld(built, "briefs/governance/")
    assert data["@type"] == "Report" and data["name"] == "Shared governance"
    assert data["datePublished"] == "2026-02-01"
    assert [(a["@type"], a["name"]) for a in data["author"]] == [("Person", "Alice Example"), ("Person", "Bob Outside")]
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.5555/lead.1"}
    assert data["sameAs"] == "https://doi.org/10.5555/lead.1"
    assert data["publisher"] == {"@type": "Organization", "@id": BASE + "#organization", "name": "Test Network", "url": BASE}


def test_news_post_is_a_news_article_in_the_language_it_is_written_in(built):
    data = json_ld(built, "news/2026-05-01-hello/")
    assert data["@type"] == "NewsArticle" and data["headline"] == "Hello"
    assert data["datePublished"] == "2026-05-01T00:00:00+02:00"  # midnight in Europe/Brussels
    assert data["keywords"] == ["launch"] and data["inLanguage"] == "en"
    assert json_ld(built, "zh/news/2026-05-01-hello/")["headline"] == "你好"
    # An English post shown on the Chinese site is still English.
    fallback = json_ld(built, "zh/news/2026-05-20-english-only/")
    assert fallback["inLanguage"] == "en" and fallback["datePublished"] == "2026-05-20T09:00:00+02:00"


def test_the_home_page_describes_the_network(built):
    data = json_ld(built, "")
    assert data["@type"] == "Organization" and data["@id"] == BASE + "#organization"
    assert data["name"] == "Test Network" and data["alternateName"] == ["测试网络"] and data["url"] == BASE
    chinese = json_ld(built, "zh/")
    assert chinese["name"] == "测试网络" and chinese["url"] == BASE + "zh/" and chinese["@id"] == data["@id"]


def test_listings_and_plain_pages_carry_no_record_data(built):
    for path in ("members/", "zh/events/", "about/", "pillars/research/"):
        assert not built.html(path).select('script[type="application/ld+json"]'), path


def test_json_ld_cannot_end_its_script_whatever_the_data_holds(built):
    raw = (built.site_dir / "members" / "evil" / "index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    body = raw[start : raw.index("</script>", start)]
    assert "<" not in body and json.loads(body)["name"] == "</script><script>alert(1)</script> & Co"


# -- sitemap and 404 ---------------------------------------------------------------------------
def test_sitemap_lists_every_page_with_en_zh_and_x_default(built):
    tree = etree.fromstring((built.site_dir / "sitemap.xml").read_bytes())
    urls = {url.findtext(f"{SITEMAP}loc"): url for url in tree.findall(f"{SITEMAP}url")}
    assert set(urls) == {BASE + path for path in every_page(built)}
    for loc, url in urls.items():
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        neutral = loc[len(BASE + "zh/") :] if loc.startswith(BASE + "zh/") else loc[len(BASE) :]
        assert links == {"en": BASE + neutral, "zh": BASE + "zh/" + neutral, "x-default": BASE + neutral}, loc
        assert url.find(f"{SITEMAP}lastmod") is None  # a build date would only say when it was built
    assert gzip.decompress((built.site_dir / "sitemap.xml.gz").read_bytes()) == (built.site_dir / "sitemap.xml").read_bytes()


def test_sitemap_is_the_same_on_every_build(built):
    first = (built.site_dir / "sitemap.xml.gz").read_bytes()
    built.build()
    assert (built.site_dir / "sitemap.xml.gz").read_bytes() == first


def test_the_sitemap_is_not_rendered_by_mkdocs_as_well(tmp_path):
    # leadctl writes the sitemap after the pages; MkDocs' template would only be overwritten.
    import shutil

    from sitekit import REPO, ProjectSite

    site = ProjectSite(tmp_path / "project")
    site.member("uni-a", name="University A", country="NL")
    overrides = shutil.copytree(REPO / "overrides", site.root / "overrides")
    (overrides / "sitemap.xml").write_text("{{ a_sitemap_template_that_must_not_be_rendered() }}", encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace((REPO / "overrides").as_posix(), overrides.as_posix()), encoding="utf-8")
    result = site.build()
    assert result.exit_code == 0, result.output
    tree = etree.fromstring((site.site_dir / "sitemap.xml").read_bytes())
    assert BASE + "members/uni-a/" in [url.findtext(f"{SITEMAP}loc") for url in tree.findall(f"{SITEMAP}url")]


def test_a_not_found_page_in_each_language(built):
    english = built.html("404.html")
    assert english.html["lang"] == "en" and english.select_one("article h1").get_text() == "Page not found"
    assert english.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not english.select('link[rel="canonical"]')
    assert [a["href"] for a in english.select("article a")] == ["/net/", "/net/zh/"]
    chinese = built.html("zh/404.html")
    assert chinese.html["lang"] == "zh" and chinese.select_one("article h1").get_text() == "页面不存在"
    assert [a["href"] for a in chinese.select("article a")] == ["/net/zh/", "/net/"]
    assert chinese.select_one('input[type="search"]')["placeholder"] == "搜索"


def test_sitemap_lists_each_page_once_by_url_with_any_characters_its_address_holds():
    from leadctl.writers.seo import PageAddresses, sitemap_xml

    def page(url: str) -> PageAddresses:
        return PageAddresses(url, (("en", url), ("zh", url.replace("/net/", "/net/zh/")), ("x-default", url)))

    pages = [page(BASE + "members/a&b/"), page(BASE + "z/"), page(BASE), page(BASE + "zh/members/<x>/"), page(BASE + 'q"uote/'),
             page(BASE + "z/"), PageAddresses(BASE + "tab\there/", ())]
    tree = etree.fromstring(sitemap_xml(pages))
    urls = tree.findall(f"{SITEMAP}url")
    assert [url.findtext(f"{SITEMAP}loc") for url in urls] == sorted({p.canonical for p in pages})
    by_url = {p.canonical: p for p in pages}
    for url in urls:
        links = [(link.get("hreflang"), link.get("href")) for link in url.findall(f"{XHTML}link")]
        assert tuple(links) == by_url[url.findtext(f"{SITEMAP}loc")].alternates
