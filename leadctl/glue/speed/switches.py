"""The settings that turn the speed layer, or a part of it, off.

``LEADCTL_SPEED=0`` turns the whole layer off: no caches, no processes
besides the command's own, MkDocs' and Material's code as they ship. The
site is the same byte for byte either way (tests/test_build_equivalence.py);
the switch is there to tell a feature's bug from a speed mechanism's.
``LEADCTL_CACHE=0`` turns off only the caches in ``.cache/leadctl/``,
``LEADCTL_PARALLEL`` decides only whether the languages build at the same time.
"""

from __future__ import annotations

import os

SPEED_VARIABLE = "LEADCTL_SPEED"
CACHE_VARIABLE = "LEADCTL_CACHE"
PARALLEL_VARIABLE = "LEADCTL_PARALLEL"
"""0 builds the languages one after the other, in one process (as plain MkDocs does); 1 builds them in parallel
even on one core. Unset (or any other value): in parallel when this process may run on more than one core."""

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


def parallel_asked() -> bool | None:
    """What ``LEADCTL_PARALLEL`` asks for: True, False, or None to decide by the cores; False when the layer is off."""
    if not speed_on():
        return False
    setting = _setting(PARALLEL_VARIABLE)
    if setting in _OFF:
        return False
    if setting in _ON:
        return True
    return None
