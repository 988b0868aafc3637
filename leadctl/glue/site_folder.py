"""The output folder as builds share it: one build at a time, and a site replaced in one step.

A build writes into a staging folder beside the site (``.site.building``)
and puts it in place only when it succeeded. Whatever stops a build (an
error, a full disk, SIGKILL at any moment), the folder named ``site`` holds
either the previous site or the new one, complete, never a mix:

- the two folders are exchanged in one ``renameat2(RENAME_EXCHANGE)`` where
  the system has it (Linux); elsewhere the site is renamed away and the new
  one renamed in, and a build that finds the site missing and the retired
  one present (killed between the two renames) puts the retired one back;
- builds of the same output folder take turns: each holds an exclusive
  ``flock`` on ``.site.lock`` for as long as it runs. The processes it forks
  (a language's build, the templates compiled beside it) hold the lock too,
  so a build killed with SIGKILL holds it until the last of them has gone,
  and nothing of it can write into the next build's folders. The system
  releases the lock with the last process: a killed build never leaves a
  stale lock behind.
- what a killed build leaves (its staging folders, a previous site not yet
  deleted) is removed by the next build, once it holds the lock. The
  previous site is deleted under another name (``.site.removing``), so that
  a folder half deleted is never put back as the site.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from leadctl.glue.speed.processes import fork
from leadctl.glue.speed.switches import mechanism_on

# What a write refused by the system raises: no room, a file-size limit, a read-only or protected folder.
_WRITE_REFUSED = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM})


class SiteNotWritable(Exception):
    """The system refused to write the site (full disk, file-size limit, read-only folder)."""

    def __init__(self, target: Path, error: OSError):
        reason = error.strerror or str(error)
        super().__init__(f"cannot write the site to {target}: {reason}")
        self.target = target
        self.error = error


def refused_write(error: BaseException) -> bool:
    """Whether ``error`` is the system refusing a write (as opposed to a missing input or a bug)."""
    return isinstance(error, OSError) and error.errno in _WRITE_REFUSED


def reports_refused_write(message: str) -> bool:
    """Whether a logged message is MkDocs naming the page it was writing when the system refused the write."""
    found = re.match(r"Error building page '.*': \[Errno (\d+)\]", message, re.DOTALL)
    return found is not None and int(found.group(1)) in _WRITE_REFUSED


def staging_folder(target: Path) -> Path:
    return target.with_name(f".{target.name}.building")


def retired_folder(target: Path) -> Path:
    return target.with_name(f".{target.name}.previous")


def removed_folder(target: Path) -> Path:
    """Where the previous site is deleted: a folder half deleted is never taken for a whole previous site."""
    return target.with_name(f".{target.name}.removing")


def lock_file(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


class BuildLock:
    """An exclusive ``flock`` on the output folder's lock file, held from ``acquire`` to ``release``."""

    def __init__(self, target: Path):
        self.path = lock_file(target)
        self._descriptor: int | None = None

    def acquire(self, on_wait: Callable[[], None]) -> None:
        """Take the lock; if another build holds it, call ``on_wait`` once and wait for it. Raises OSError."""
        try:
            import fcntl
        except ImportError:  # Windows: builds there do not take turns
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                on_wait()
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        except BaseException:
            os.close(descriptor)
            raise
        self._descriptor = descriptor

    def release(self) -> None:
        """Let go of the lock (processes forked meanwhile hold it until they close it or end)."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is not None:
            os.close(descriptor)

    def close_in_child(self) -> None:
        """In a forked process that outlives the build: stop holding the build's lock."""
        self.release()


def clear_leftovers(target: Path) -> None:
    """Undo what a killed build left; called with the lock held, before building."""
    retired = retired_folder(target)
    if not target.exists() and retired.is_dir():
        retired.rename(target)  # killed between the two renames of ``swap_in``: the previous site comes back
    staging = staging_folder(target)
    for leftover in target.parent.glob(f"{glob.escape(staging.name)}*"):
        shutil.rmtree(leftover, ignore_errors=True)  # the staging folder and each language's folders beside it
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders' names in one step; False where the system cannot (then nothing changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a file system or kernel without exchange
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, target: Path, lock: BuildLock) -> None:
    """Put the built ``staging`` folder in place of ``target`` in one step, and delete the previous site."""
    removed = removed_folder(target)
    shutil.rmtree(removed, ignore_errors=True)  # what an earlier removal left unfinished
    if target.is_dir() and _exchange(staging, target):
        staging.rename(removed)  # the previous site now; killed before this, the next build deletes it as a staging folder
    else:
        retired = retired_folder(target)
        shutil.rmtree(retired, ignore_errors=True)
        if target.exists():
            target.rename(retired)
        staging.rename(target)
        if retired.exists():
            retired.rename(removed)
    _remove_in_background(removed, lock)


def _remove_in_background(folder: Path, lock: BuildLock) -> None:
    """Delete ``folder`` in a detached process, so that the build returns at once.

    Deleting a large site can take as long as building much of it on a slow
    disk, and the new site is already in place. A removal cut short is
    finished by the next build, which does not wait for this one. With the
    speed layer off, the build deletes it before returning.
    """
    if not folder.exists():
        return
    if not hasattr(os, "fork") or not mechanism_on("background_removal"):
        shutil.rmtree(folder, ignore_errors=True)
        return
    child = fork()
    if child == 0:  # a grandchild does the work, so that nobody has to wait for it
        try:
            lock.close_in_child()
            if os.fork() == 0:
                os.setsid()
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
