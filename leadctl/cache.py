"""The loaded project, kept while its files stay the same.

``leadctl build`` checks the data before it builds, and the build needs the
very same project (in every language's pass, and in every language's process
of a parallel build): loading and checking thousands of files once is
enough. The project is kept in memory with a fingerprint of the files it was
loaded from, and loaded again as soon as any of them changes (or a file is
added or removed), so ``leadctl serve`` always shows the data on disk.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .project import Project, load_project

# A file modified this recently may change again within the file system's
# timestamp resolution without its size changing: its bytes are fingerprinted too.
_RECENT_SECONDS = 2.0


@dataclass
class _Kept:
    key: tuple[str, str, str]
    fingerprint: str
    project: Project


_kept: _Kept | None = None


def source_fingerprint(root: Path, folders: tuple[str, ...]) -> str:
    """A digest of the names, sizes and times of every file under ``folders`` (bytes too for recent ones)."""
    digest = hashlib.blake2b(digest_size=20)
    now = time.time()
    for folder in folders:
        base = root / folder
        for directory, subdirectories, files in os.walk(base):
            subdirectories.sort()
            for name in sorted(files):
                path = os.path.join(directory, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{os.path.relpath(path, root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}\n".encode())
                if now - stat.st_mtime < _RECENT_SECONDS:
                    with open(path, "rb") as stream:
                        digest.update(hashlib.blake2b(stream.read(), digest_size=20).digest())
    return digest.hexdigest()


def load_project_once(root: Path, data_dir: str = "data", docs_dir: str = "docs") -> Project:
    """``load_project``, or the project loaded last if its files have not changed since.

    Raises ``ValidationFailed`` like ``load_project`` (a failed load is not kept).
    """
    global _kept
    root = Path(root).resolve()
    key = (str(root), data_dir, docs_dir)
    # News posts live in docs/, records in data/: a change in either may change the project.
    fingerprint = source_fingerprint(root, (data_dir, docs_dir))
    if _kept is not None and _kept.key == key and _kept.fingerprint == fingerprint:
        return _kept.project
    _kept = None
    project = load_project(root, data_dir, docs_dir)
    _kept = _Kept(key, fingerprint, project)
    return project


def forget() -> None:
    """Drop the kept project (tests that compare a fresh load use this)."""
    global _kept
    _kept = None
