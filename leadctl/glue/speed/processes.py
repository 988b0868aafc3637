"""Processes as the speed layer starts and ends them: forked builds and checks, and the command's own."""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
from typing import NoReturn

GC_THRESHOLDS = (50_000, 20, 100)
"""The cyclic garbage collector's thresholds while leadctl runs as a command.

A build makes millions of small objects, most of them alive for one page:
at Python's default (a collection every 700 new objects) the collector
would walk the same long-lived objects hundreds of times a build.
"""


def collect_less_often() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def leave_without_teardown(code: int) -> NoReturn:
    """End the process now, with what would run at exit run first.

    Tearing the interpreter down frees a build's objects one by one; the
    operating system frees the process's memory at once. atexit's functions
    (logging's flush, finalizers) still run, and the output is flushed.
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that stopped reading
            code = code or 1
    os._exit(code)


def fork() -> int:
    """``os.fork``, once this process's buffered output is written: the child would write it out again."""
    sys.stdout.flush()
    sys.stderr.flush()
    return os.fork()


def end(pid: int) -> None:
    """Make sure a child process is gone: waited for if it has finished, stopped first if not."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    except ChildProcessError:  # already waited for
        pass
