"""Pictures drawn at build time as SVG: the map of the members' countries and the chart of events per year.

Both are plain SVG in the page: no script draws them, and nothing is fetched
from another host. Each comes with its numbers as text (the list of countries,
the table of events), which is also what screen readers read.

The map's shapes are ``world.json``, made once by ``scripts/map-data`` from
Natural Earth's countries as npm's world-atlas ships them (see the script for
the source and licences): one SVG path per ISO 3166 alpha-2 code, already
projected (Equal Earth) and rounded, plus a point for each country too small
to draw at that detail.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from leadctl.generators.context import PageContext
from leadctl.records.project import Project

MAP_MARGIN = 12
"""Map units around the member countries, so that none touches the frame."""
SERIES_CLASSES = 6
"""How many colours the chart's stylesheet defines for pillars; more pillars reuse them."""


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("world.json").read_text(encoding="utf-8"))


# -- the map ---------------------------------------------------------------------


@dataclass(frozen=True)
class CountryMark:
    code: str
    name: str
    members: int
    link: str
    label: str
    """"Netherlands: 2 members", the link's accessible name."""
    shape: str
    """The country's SVG path, or empty for one too small to draw."""
    point: tuple[int, int]


def members_by_country(project: Project) -> Counter[str]:
    return Counter(entry.record.country for entry in project.members.values())  # type: ignore[attr-defined]


def render_member_map(page: PageContext, small: bool = False) -> Markup:
    """The countries with members, each a link to the members directory narrowed to it, and the same as a list."""
    counts = members_by_country(page.project)
    if not counts:
        return Markup("")
    data = world()
    shapes, points = data["countries"], data["points"]
    directory = page.link("members/")
    marks = []
    for code, members in counts.items():
        name = page.country(code)
        label = page.ui("map_country").format(country=name, members=page.count(members, "member"))
        if code in shapes:
            shape, point = shapes[code]["d"], tuple(shapes[code]["point"])
        elif code in points:
            shape, point = "", tuple(points[code])
        else:
            shape, point = "", None  # a code the map data lacks: only in the list
        marks.append((CountryMark(code, name, members, f"{directory}?country={code}", label, shape, point or (0, 0)), point is not None))
    marks.sort(key=lambda item: (item[0].name.casefold(), item[0].code))
    drawn = [mark for mark, on_map in marks if on_map]
    view = _view(data, [mark.code for mark in drawn])
    land = "".join(
        country["d"] for code, country in shapes.items() if code not in counts and _overlaps(country["bounds"], view)
    ) + data["land"]
    width, height = view[2] - view[0], view[3] - view[1]
    dot = max(3, width / 150)
    font = max(9, width / 55)
    return Markup(
        page.render(
            "member_map.html",
            marks=[mark for mark, _ in marks],
            drawn=drawn,
            labels=_place_labels(drawn, view, dot, font),
            land=land,
            view_box=f"{view[0]} {view[1]} {width} {height}",
            width=width,
            height=height,
            dot=dot,
            font=round(font, 1),
            small=small,
        )
    )


def _place_labels(marks: list[CountryMark], view: list[int], dot: float, font: float) -> dict[str, tuple[float, float, str]]:
    """Where each country's name goes beside its dot: (x, y, text-anchor) by code.

    Right of the dot, else left, above or below; a name that fits nowhere
    without covering another is left out (it is in the list under the map,
    and in the link's tooltip).
    """
    placed: list[tuple[float, float, float, float]] = []
    labels: dict[str, tuple[float, float, str]] = {}
    for mark in sorted(marks, key=lambda mark: (-mark.members, mark.code)):
        # Wide characters (Chinese) take about a font size each, others about half.
        text_width = sum(font if ord(character) > 0x2E80 else font * 0.58 for character in mark.name)
        x, y = mark.point
        gap = dot + font * 0.3
        half = font * 0.62  # half a line, with room for the letters' halo
        candidates = [
            (x + gap, y, "start", (x + gap, y - half, x + gap + text_width, y + half)),
            (x - gap, y, "end", (x - gap - text_width, y - half, x - gap, y + half)),
            (x, y - gap - half, "middle", (x - text_width / 2, y - gap - 2 * half, x + text_width / 2, y - gap)),
            (x, y + gap + half, "middle", (x - text_width / 2, y + gap, x + text_width / 2, y + gap + 2 * half)),
        ]
        for label_x, label_y, anchor, box in candidates:
            inside = box[0] >= view[0] and box[2] <= view[2] and box[1] >= view[1] and box[3] <= view[3]
            if inside and not any(_boxes_overlap(box, other) for other in placed):
                placed.append(box)
                labels[mark.code] = (round(label_x, 1), round(label_y, 1), anchor)
                break
    return labels


def _boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _view(data: dict[str, Any], codes: list[str]) -> list[int]:
    """The usual extent (Europe to East Asia), grown to hold every member country's main land."""
    x0, y0, x1, y1 = data["extent"]
    for code in codes:
        country = data["countries"].get(code)
        bx0, by0, bx1, by1 = country["box"] if country else data["points"][code] * 2
        x0, y0, x1, y1 = min(x0, bx0 - MAP_MARGIN), min(y0, by0 - MAP_MARGIN), max(x1, bx1 + MAP_MARGIN), max(y1, by1 + MAP_MARGIN)
    return [max(x0, 0), max(y0, 0), min(x1, data["width"]), min(y1, data["height"])]


def _overlaps(bounds: list[int], view: list[int]) -> bool:
    return bounds[0] <= view[2] and bounds[2] >= view[0] and bounds[1] <= view[3] and bounds[3] >= view[1]


# -- the chart --------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int | str
    """The colour class: the pillar's place, or ``none`` for events of no pillar."""
    label: str


CHART_WIDTH = 480
CHART_HEIGHT = 200
_LEFT, _RIGHT, _TOP, _BOTTOM = 28, 6, 10, 22


def render_events_chart(page: PageContext) -> Markup:
    """Events per year, a bar per pillar in each year, and a table of the same numbers."""
    project, listings = page.project, page.listings
    if not project.events:
        return Markup("")
    zone = page.settings.zone
    per_year: dict[int, Counter[str]] = {}
    totals: Counter[int] = Counter()
    for event_id, entry in project.events.items():
        year = listings.schedules[event_id].sort_key(zone).year
        totals[year] += 1
        for pillar in entry.record.pillars or ["none"]:  # type: ignore[attr-defined]
            per_year.setdefault(year, Counter())[pillar] += 1
    years = list(range(min(totals), max(totals) + 1))
    used = {pillar for counts in per_year.values() for pillar in counts}
    series: list[tuple[str, str, int | str]] = [
        (pillar_id, page.plain(entry.record.title), index % SERIES_CLASSES)  # type: ignore[attr-defined]
        for index, (pillar_id, entry) in enumerate(project.pillars.items())
        if pillar_id in used
    ]
    if "none" in used:
        series.append(("none", page.ui("no_pillar"), "none"))
    highest = max(count for counts in per_year.values() for count in counts.values())
    step = max(1, math.ceil(highest / 4))
    top = step * math.ceil(highest / step)
    plot_width, plot_height = CHART_WIDTH - _LEFT - _RIGHT, CHART_HEIGHT - _TOP - _BOTTOM
    group = plot_width / len(years)
    bar_width = group * 0.8 / len(series)
    bars = []
    for year_index, year in enumerate(years):
        counts = per_year.get(year, Counter())
        for series_index, (key, name, colour) in enumerate(series):
            value = counts.get(key, 0)
            if not value:
                continue
            height = plot_height * value / top
            label = page.ui("chart_bar").format(year=year, series=name, events=page.count(value, "event"))
            x = _LEFT + year_index * group + group * 0.1 + series_index * bar_width
            # A sliver of space between neighbouring bars, so that two of a year read as two.
            bars.append(Bar(round(x, 1), round(_TOP + plot_height - height, 1), round(bar_width * 0.88, 1), round(height, 1), colour, label))
    ticks = [(value, round(_TOP + plot_height - plot_height * value / top, 1)) for value in range(0, top + 1, step)]
    labels = [(year, round(_LEFT + index * group + group / 2, 1)) for index, year in enumerate(years)]
    table = [(year, [per_year.get(year, Counter()).get(key, 0) for key, _, _ in series], totals.get(year, 0)) for year in years]
    return Markup(
        page.render(
            "events_chart.html",
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
            left=_LEFT,
            right=CHART_WIDTH - _RIGHT,
            base=CHART_HEIGHT - _BOTTOM,
            bars=bars,
            ticks=ticks,
            labels=labels,
            series=series,
            table=table,
        )
    )
