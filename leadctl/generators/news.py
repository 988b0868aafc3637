"""The news listing and the date line on each hand-written news post."""

from __future__ import annotations

from markupsafe import Markup

from leadctl.generators.context import PageContext, render_page


def render_listing(page: PageContext) -> str:
    return render_page(page, "news_index.html", page.ui("news"), news=page.listings.news(page.language))


def render_news_header(page: PageContext, slug: str, text_language: str) -> Markup:
    post = page.project.news[slug]
    return Markup(page.render("news_header.html", front=post.front_matter[text_language]))
