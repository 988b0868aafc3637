"""A long ``leadctl serve`` session does not keep what earlier rebuilds formatted.

Each rebuild of ``leadctl serve`` loads the data, plans a ``Site`` and renders
its pages; a contributor who edits dates all afternoon must not see the
server's memory grow with every save. This drives the rebuilds in-process,
through the same loading and rendering serve uses, with every event and
brief moved to new dates between rebuilds, and measures the Python memory
still held after the 10th and after the 50th.
"""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc

from leadctl.base.settings import SiteSettings
from leadctl.checking.project import load_project
from leadctl.generators.site import Site
from leadctl.glue.speed.style_lookups import answer_style_questions_once

RECORDS = 40
BRIEFS = 3
"""Fewer briefs than events: each is cited in eight styles and languages, milliseconds each, and a few show a leak as well as many."""
REBUILDS = 50
ALLOWED_GROWTH = 256 * 1024
"""Bytes the 40 rebuilds after the 10th may add: noise, far below what 40 rebuilds' dates would hold."""


def _move_dates(site, rebuild: int) -> None:
    for number in range(RECORDS):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=number + rebuild * RECORDS)
        site.event(f"event-{number}", start=f"{day.isoformat()} 10:00", end=f"{day.isoformat()} 12:00", timezone="Europe/Brussels")
        if number < BRIEFS:
            site.brief(f"brief-{number}", date=day.isoformat())


def _rebuild(site, settings: SiteSettings) -> int:
    """Load the data and render every generated page in both languages, as a serve rebuild does; the pages rendered."""
    planned = Site(load_project(site.root), settings)
    for src_uri, page in planned.pages.items():
        assert planned.page_content("", src_uri, page.language)
    return len(planned.pages)


def _held() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_memory_does_not_grow_over_50_rebuilds(site):
    # As under serve, with the speed layer's citeproc-py answering questions about a style once.
    answer_style_questions_once(True)
    settings = SiteSettings.from_mapping({"timezone": "Europe/Brussels"})
    _move_dates(site, 0)
    assert _rebuild(site, settings) >= 2 * (RECORDS + BRIEFS)  # a record page per event and brief, in each language
    tracemalloc.start()
    try:
        for rebuild in range(1, REBUILDS + 1):
            _move_dates(site, rebuild)
            _rebuild(site, settings)
            if rebuild == 10:
                after_10 = _held()
        after_50 = _held()
    finally:
        tracemalloc.stop()
        answer_style_questions_once(False)
    assert after_50 - after_10 < ALLOWED_GROWTH, f"{after_50 - after_10} bytes more after rebuild 50 than after rebuild 10"
