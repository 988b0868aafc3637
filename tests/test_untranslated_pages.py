"""A hand-written page with no Chinese version yet: the Chinese site shows its English text, marked English."""

from __future__ import annotations

from sitekit import ProjectSite


def test_an_untranslated_page_s_text_is_marked_english_and_its_notice_chinese(tmp_path):
    site = ProjectSite(tmp_path / "project", extra_nav="  - FAQ: faq.md")
    site.write("docs/faq.md", "# Frequently asked questions\n\nHow do I join the network?\n\nWrite to us.\n")
    site.build()
    html = site.html("zh/faq/")
    assert html.select_one("html")["lang"] == "zh"
    article = html.select_one("article")
    notice = article.select_one(".lead-untranslated")
    assert "本页尚未翻译" in notice.get_text()
    # The notice speaks Chinese (its own English sentence is marked); the page's text is English.
    assert notice.find_parent(attrs={"lang": "en"}) is None
    english = article.select_one('[lang="en"] h1').find_parent(attrs={"lang": "en"})
    assert "How do I join the network?" in english.get_text()
    assert english.select_one("h1").get_text(strip=True).startswith("Frequently asked questions")
    # Still what search indexes, and the English page itself has no such mark.
    assert english.find_parent(attrs={"data-search-body": True}) is not None
    assert site.html("faq/").select_one("article").select_one("div[lang]") is None
    # A translated page is not marked.
    assert site.html("zh/").select_one("article div[lang]") is None
