"""Files written beside the pages of one language once MkDocs has written them.

Feeds, calendars and citation files are produced here, per language, into
that language's folder (``site/`` for English, ``site/zh/`` for Chinese), so
that neither language's build overwrites the other's files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from leadctl.writers.calendars import write_calendars
from leadctl.writers.citations import write_citation_files
from leadctl.writers.feeds import write_briefs_feed, write_knowledge_feeds, write_news_feeds
from leadctl.generators.site import Site

OutputWriter = Callable[[Site, str, Path, str], None]
"""A writer takes the site, the language, that language's output folder and its absolute base URL."""


PASS_WRITERS: list[OutputWriter] = [write_news_feeds]
"""Writers that need the language's pass: the news feeds carry the posts as MkDocs rendered them."""
DATA_WRITERS: list[OutputWriter] = [write_briefs_feed, write_knowledge_feeds, write_calendars, write_citation_files]
"""Writers that need the data alone, which any process can run for any language."""
WRITERS = PASS_WRITERS + DATA_WRITERS


def language_base_url(site_url: str, language: str) -> str:
    """The absolute URL of a language's home: ``https://x.org/net/`` or ``https://x.org/net/zh/``."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if language == "en" else f"{base}{language}/"


def write_outputs(site: Site, language: str, output_dir: Path, site_url: str, writers: list[OutputWriter] = WRITERS) -> None:
    for writer in writers:
        writer(site, language, output_dir, language_base_url(site_url, language))
