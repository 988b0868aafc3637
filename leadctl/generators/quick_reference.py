"""The quick-reference page: everything the site cites as one printable reference list, by topic.

One page per language, ``knowledge/quick-reference/``, in the language's usual
style: APA 7 in English, GB/T 7714-2015 in Chinese. A reference about several
topics is listed under each; one about none is listed under "Other". Each list is
in alphabetical order of its references, as author-date lists are. The same list
for a reference manager is the knowledge base's ``references.bib|.ris|.json``.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from leadctl.base.text import ui
from leadctl.records.kinds import kind_named
from leadctl.generators.citations import DOWNLOADS
from leadctl.generators.context import PageContext, render_page
from leadctl.generators.references import (
    KNOWLEDGE,
    QUICK_REFERENCE_STYLE,
    by_topic,
    references,
    render_citation,
    style_named,
    topic_labels,
)

QUICK_REFERENCE_PATH = f"{KNOWLEDGE}/{kind_named(KNOWLEDGE).reserved_ids[0]}/"


def quick_reference_page(language: str) -> tuple[str, str, Callable[[PageContext], str]]:
    """The page's title and description in ``language``, and its renderer."""
    return ui("quick_reference", language), _introduction(language), render_quick_reference


def _introduction(language: str) -> str:
    return ui("quick_reference_intro", language).format(style=style_named(QUICK_REFERENCE_STYLE[language]).label(language))


def render_quick_reference(page: PageContext) -> str:
    style = style_named(QUICK_REFERENCE_STYLE[page.language])
    labels = topic_labels(page.project)
    groups = []
    for topic, entries in by_topic(references(page.project, page.settings, page.language), list(labels)):
        if topic is None:
            heading = Markup(page.ui("quick_reference_other"))
        else:
            heading = page.text(labels[topic]) if topic in labels else Markup(topic)
        citations = [render_citation(entry.item, style, page.language) for entry in entries]
        citations.sort(key=lambda citation: citation.text.casefold())
        groups.append((f"topic-{topic}" if topic else "no-topic", heading, citations))  # "topic-…" and "no-topic" cannot meet
    # The knowledge base's files (leadctl.writers.citations) are in its folder.
    folder = page.link(f"{KNOWLEDGE}/")
    downloads = [(f"{folder}references.{suffix}", label, media_type) for suffix, label, media_type in DOWNLOADS]
    return render_page(
        page, "quick_reference.html", page.ui("quick_reference"), intro=_introduction(page.language), groups=groups, downloads=downloads
    )
