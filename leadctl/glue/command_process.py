"""The process a leadctl command runs in: how it starts and how it ends."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from leadctl.glue import speed


def begin() -> None:
    speed.start_command()


def end(code: object) -> NoReturn:
    """Leave with ``code`` as ``sys.exit`` takes it (None, a number, or a message to print and exit 1)."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what Python does with a message to exit with
        code = 1
    exit_code = code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that stopped reading (`leadctl validate | head`)
            exit_code = exit_code or 1
            # Python would try again on its way out and complain on stderr.
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    speed.leave(exit_code)
