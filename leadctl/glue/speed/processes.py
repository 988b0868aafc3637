"""Forked processes, as leadctl starts and ends them (builds, checks and compiling beside a build)."""

from __future__ import annotations

import os
import signal
import sys


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
