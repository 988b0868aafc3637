"""Topic pages and the topics listing: what the network's works, briefs, events and news are about.

A topic page lists the works, briefs and events that name the topic in their
``topics``, and the news posts tagged with the topic's id (see
``leadctl.checking.references``).
"""

from __future__ import annotations

from typing import Any

from leadctl.generators.context import PageContext, render_page
from leadctl.generators.linked_data import LinkedData, with_context
from leadctl.generators.search_facets import SearchFacets
from leadctl.records.models import Topic
from leadctl.records.project import Project


def render_record(page: PageContext, topic_id: str) -> str:
    topic: Topic = page.project.topics[topic_id].record  # type: ignore[assignment]
    refs = page.project.refs
    tagged = set(refs.news_by_topic.get(topic_id, []))
    return render_page(
        page,
        "topic.html",
        topic.label,
        topic=topic,
        works=page.listings.works_in_order(refs.works_by_topic.get(topic_id, [])),
        briefs=page.listings.briefs_in_order(page.project, refs.briefs_by_topic.get(topic_id, [])),
        events=page.listings.events_in_order(refs.events_by_topic.get(topic_id, [])),
        members=sorted(refs.members_by_topic.get(topic_id, []), key=lambda member_id: page.plain(page.project.members[member_id].record.name).casefold()),  # type: ignore[attr-defined]
        news=[(post, language) for post, language in page.listings.news(page.language) if post.slug in tagged],
    )


def render_listing(page: PageContext) -> str:
    refs = page.project.refs
    counts = {topic_id: (len(refs.works_by_topic.get(topic_id, [])), len(refs.briefs_by_topic.get(topic_id, [])))
              for topic_id in page.project.topics}
    return render_page(page, "topics_index.html", page.ui("topics"), counts=counts)


def search_facets(project: Project, topic_id: str) -> SearchFacets:
    return SearchFacets()


def structured_data(linked: LinkedData, topic_id: str) -> dict[str, Any] | None:
    """A topic as a schema.org DefinedTerm of the network's vocabulary."""
    if topic_id not in linked.project.topics:
        return None
    topic: Topic = linked.project.topics[topic_id].record  # type: ignore[assignment]
    page = linked.url(f"topics/{topic_id}/")
    data = {
        "@type": "DefinedTerm",
        "@id": page + "#topic",
        "name": linked.text(topic.label),
        "description": linked.text(topic.summary),
        "termCode": topic_id,
        "url": page,
        "inDefinedTermSet": linked.url("topics/"),
        "inLanguage": linked.language,
    }
    return with_context(data)
