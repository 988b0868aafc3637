"""The settings that turn the speed layer, or a part of it, off.

``LEADCTL_SPEED=0`` turns the whole layer off: no caches, no processes
besides the command's own, MkDocs' and Material's code as they ship. The
site is the same byte for byte either way (tests/test_build_equivalence.py);
the switch is there to tell a feature's bug from a speed mechanism's.
``LEADCTL_CACHE=0`` turns off only the caches in ``.cache/leadctl/``,
``LEADCTL_PARALLEL`` decides only whether the languages build at the same time.
``LEADCTL_SPEED_WITHOUT=page_cache,precompile`` (a comma list of ``MECHANISMS``)
turns those mechanisms off and leaves the others on: each mechanism's gain is
measured that way (benchmarks/mechanisms.py).
"""

from __future__ import annotations

import os
import sys

SPEED_VARIABLE = "LEADCTL_SPEED"
CACHE_VARIABLE = "LEADCTL_CACHE"
PARALLEL_VARIABLE = "LEADCTL_PARALLEL"
"""0 builds the languages one after the other, in one process (as plain MkDocs does); 1 builds them in parallel
even on one core. Unset (or any other value): in parallel when this process may run on more than one core."""

WITHOUT_VARIABLE = "LEADCTL_SPEED_WITHOUT"
MECHANISMS = {
    "project_cache": "the checked project kept between builds (pickled, and in memory under serve)",
    "page_cache": "the theme's rendering of an unchanged page reused from the last build",
    "remembered_texts": "Markdown conversions and Chinese segmentation reused from the last build",
    "compiled_templates": "the theme's compiled templates kept between builds",
    "precompile": "templates compiled in another process before the languages' processes fork",
    "parallel": "the languages built in parallel processes",
    "theme_partials": "navigation, tabs and interface texts rendered once a folder or a pass",
    "blank_pages": "generated pages rendered without a Markdown converter",
    "processes": "fewer garbage collections, frozen objects before forking, leaving without teardown",
    "background_removal": "the previous site deleted in a detached process",
    "calendar_pieces": "each event and time zone serialised once for all the calendar files it is in",
    "style_lookups": "citeproc-py's answers about a citation style's tree kept for every citation it renders, and an item's reference for its rendering",
}
"""Each mechanism of the layer, by the name ``LEADCTL_SPEED_WITHOUT`` turns it off with."""

_OFF = ("0", "false", "no", "off")
_ON = ("1", "true", "yes", "on")


def _setting(variable: str) -> str:
    return os.environ.get(variable, "").strip().lower()


def speed_on() -> bool:
    """Whether the speed layer may act at all (not when ``LEADCTL_SPEED=0``)."""
    return _setting(SPEED_VARIABLE) not in _OFF


def caches_on() -> bool:
    """Whether leadctl may read and write its caches in ``.cache/leadctl/`` (not when ``LEADCTL_SPEED=0`` or ``LEADCTL_CACHE=0``)."""
    return speed_on() and _setting(CACHE_VARIABLE) not in _OFF


def switched_off() -> set[str]:
    """The mechanisms ``LEADCTL_SPEED_WITHOUT`` names; an unknown name is said on stderr, so that a typo does not pass for a measurement."""
    names = {name.strip() for name in _setting(WITHOUT_VARIABLE).split(",") if name.strip()}
    unknown = names - MECHANISMS.keys()
    if unknown and not _told_unknown:
        _told_unknown.append(True)
        print(f"{WITHOUT_VARIABLE}: no speed mechanism named {', '.join(sorted(unknown))}; the names are {', '.join(MECHANISMS)}", file=sys.stderr)
    return names & MECHANISMS.keys()


_told_unknown: list[bool] = []


def mechanism_on(name: str) -> bool:
    """Whether the mechanism ``name`` may act: the layer on (and the caches, for a cache) and ``name`` not switched off."""
    assert name in MECHANISMS, name
    return speed_on() and name not in switched_off()


def parallel_asked() -> bool | None:
    """What ``LEADCTL_PARALLEL`` asks for: True, False, or None to decide by the cores; False when the layer is off."""
    if not mechanism_on("parallel"):
        return False
    setting = _setting(PARALLEL_VARIABLE)
    if setting in _OFF:
        return False
    if setting in _ON:
        return True
    return None
