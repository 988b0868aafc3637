"""Hand-written pages and news posts: fallbacks, notices, escaping."""

from __future__ import annotations

from sitekit import assert_in_order


def test_english_only_page_says_it_is_not_translated_in_chinese(site):
    site.write("docs/about.md", "# About\n\nAbout us.\n")
    site.write("docs/zh/index.md", "# 首页\n\n欢迎。\n")
    mkdocs = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(mkdocs.replace("  - Home: index.md\n", "  - Home: index.md\n  - About: about.md\n"), encoding="utf-8")
    site.build()
    zh = site.html("zh/about/")
    assert zh.html["lang"] == "zh"
    assert zh.select_one(".lead-untranslated") is not None
    assert site.html("about/").select_one(".lead-untranslated") is None
    assert site.html("zh/").select_one(".lead-untranslated") is None


def test_news_post_gets_its_date_line_in_each_language(site):
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", pillars=["research"])
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-01")
    site.build()
    en = site.article("news/2026-05-01-hello/")
    assert en.select_one(".lead-news-meta time")["datetime"].startswith("2026-05-01")
    assert_in_order(en.select_one(".lead-news-meta time").get_text(), ["1", "May", "2026"])
    assert [p.get_text() for p in en.select("p:not(.lead-news-meta)")] == ["Text of the post."]
    assert en.h1.get_text(strip=True).startswith("Hello")
    zh = site.article("zh/news/2026-05-01-hello/")
    assert_in_order(zh.select_one(".lead-news-meta time").get_text(), ["2026年", "5月", "1日"])


def test_names_and_titles_cannot_inject_html(site):
    site.member("evil", name="<script>alert(1)</script> & Co", description="Hi <script>alert(2)</script> <b onclick=x>b</b>",
                city={"en": '"><img src=x onerror=alert(3)>'})
    site.news("2026-05-01-xss", title="<script>alert(4)</script>", summary='"quoted" <i>')
    site.build()
    for path in ("members/evil/", "zh/members/evil/", "members/", "news/", "news/2026-05-01-xss/"):
        page = site.html(path)
        # JSON-LD and search's marks are data, not code: their names are checked (as JSON, escaped) in test_seo.py.
        data = 'script[type="application/ld+json"], script[type="application/json"]'
        code = page.select('script:not([src]):not([type="application/ld+json"]):not([type="application/json"])')
        assert all("alert" not in s.get_text() for s in code), path
        assert all("<" not in s.get_text() for s in page.select(data)), path
        assert not page.select("img[onerror]"), path
        assert not page.select("[onclick]"), path
    page = site.html("members/evil/")
    assert page.h1.get_text() == "<script>alert(1)</script> & Co"
    assert page.title.get_text().startswith("<script>alert(1)</script> & Co")
    assert site.html("news/2026-05-01-xss/").title.get_text().startswith("<script>alert(4)</script>")


def test_a_news_post_cannot_run_code_but_keeps_its_formatting(site):
    body = (
        "## Programme\n\n"
        "!!! note\n    Bring your badge.\n\n"
        "| Day | Topic |\n| --- | --- |\n| 1 | Governance |\n\n"
        "<script>alert(5)</script>\n\n"
        '<img src="photo.png" alt="Group photo" onerror="alert(6)">\n\n'
        "[click](javascript:alert(7)) and [the programme](https://example.org/programme)\n\n"
        '<iframe src="https://example.org/embed"></iframe>\n'
    )
    site.news("2026-05-01-programme", body=body)
    site.build()
    article = site.article("news/2026-05-01-programme/")
    assert not article.select("script, iframe, [onerror]")
    assert "alert(5)" not in article.get_text()
    assert all("javascript:" not in (a.get("href") or "") for a in article.select("a"))
    assert article.select_one("a[href='https://example.org/programme']") is not None
    assert article.select_one("img[alt='Group photo']")["src"] == "photo.png"
    assert article.select_one(".admonition.note") is not None
    assert article.select_one("table td").get_text() == "1"
    assert article.select_one("h2#programme") is not None
