"""The news listing and the date line on each hand-written news post."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from markupsafe import Markup

from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.listings import news_instant
from leadctl.generators.search_facets import SearchFacets
from leadctl.records.project import Project


def render_listing(page: PageContext) -> str:
    return render_page(page, "news_index.html", page.ui("news"), news=page.listings.news(page.language))


def render_news_header(page: PageContext, slug: str, text_language: str) -> Markup:
    post = page.project.news[slug]
    return Markup(page.render("news_header.html", front=post.front_matter[text_language]))


def search_facets(project: Project, slug: str) -> SearchFacets:
    post = project.news[slug]
    front = post.front_matter.get("en") or next(iter(post.front_matter.values()))
    day = front.date.date() if isinstance(front.date, datetime) else front.date
    return SearchFacets(pillars=tuple(front.pillars), day=day)


def structured_data(linked: LinkedData, slug: str) -> dict[str, Any] | None:
    """A post as a schema.org NewsArticle in the language its text is written in (None if none is)."""
    post = linked.project.news.get(slug)
    if post is None or linked.text_language not in post.front_matter:
        return None
    front = post.front_matter[linked.text_language]
    page = linked.url(f"news/{slug}/")
    data = {
        "@type": "NewsArticle",
        "@id": page + "#article",
        "headline": front.title,
        "description": front.summary or "",
        "datePublished": news_instant(post, linked.text_language, linked.settings).isoformat(),
        "author": linked.publisher.reference(),
        "publisher": linked.publisher.reference(),
        "url": page,
        "mainEntityOfPage": page,
        "inLanguage": linked.text_language,
        "keywords": list(front.tags),
    }
    return with_context(data)
