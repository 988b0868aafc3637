"""The loaded project, kept while its files stay the same.

``leadctl build`` checks the data before it builds, and the build needs the
very same project (in every language's pass, and in every language's process
of a parallel build): loading and checking thousands of files once is
enough. The project is kept in memory with a fingerprint of the files it was
loaded from, and loaded again as soon as any of them changes (or a file is
added or removed), so ``leadctl serve`` always shows the data on disk.

Between builds, the checked project is also kept on disk in
``.cache/leadctl/`` (the folder of leadctl's caches, safe to delete;
``LEADCTL_CACHE=0`` or ``LEADCTL_SPEED=0`` turns them off), under a digest of the bytes of every
file it was loaded from, of leadctl's own code and of the versions of the
libraries that check it: the next build with the same data skips the check.
The folder is trusted like the project's own hooks (it holds a pickle).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import leadctl

from leadctl.glue.speed.switches import CACHE_VARIABLE, caches_on  # noqa: F401  (CACHE_VARIABLE: where callers found it)
from leadctl.checking.project import Project, load_project

CACHE_FOLDER = Path(".cache") / "leadctl"
_STORED_PROJECT = "project.pickle"
# What a checked project also depends on besides its files and leadctl's code.
_CHECKING_PACKAGES = ("pydantic", "pydantic-core", "PyYAML", "pycountry", "tzdata", "babel", "Markdown", "nh3")


def cache_wanted() -> bool:
    """Whether leadctl may read and write its caches in ``.cache/leadctl/`` (see ``switches``)."""
    return caches_on()


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
    content = _content_digest(root, key) if cache_wanted() else None
    project = _read_stored(root, content) if content else None
    if project is None:
        project = load_project(root, data_dir, docs_dir)
        if content:
            _store(root, content, project)
    _kept = _Kept(key, fingerprint, project)
    return project


def package_versions(packages: tuple[str, ...]) -> str:
    """One line a package, "name version" ("name -" when it is not installed), for cache keys."""
    lines = []
    for package in packages:
        try:
            lines.append(f"{package} {metadata.version(package)}\n")
        except metadata.PackageNotFoundError:
            lines.append(f"{package} -\n")
    return "".join(lines)


@functools.cache
def code_digest() -> str:
    """leadctl's own source, and the versions of Python and of what checks the data: a change may change a result."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(sys.version.encode())
    digest.update(package_versions(_CHECKING_PACKAGES).encode())
    package_root = Path(leadctl.__file__).resolve().parent
    for path in sorted(package_root.rglob("*.py")):
        digest.update(path.relative_to(package_root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _content_digest(root: Path, key: tuple[str, str, str]) -> str | None:
    """A digest of the bytes of every file under the project's data and docs folders, or None if one cannot be read."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{code_digest()}\0{key}\n".encode())
    try:
        for folder in key[1:]:
            for directory, subdirectories, files in os.walk(root / folder):
                subdirectories.sort()
                for name in sorted(files):
                    path = os.path.join(directory, name)
                    with open(path, "rb") as stream:
                        digest.update(f"{os.path.relpath(path, root)}\0".encode() + hashlib.blake2b(stream.read(), digest_size=20).digest())
    except OSError:
        return None
    return digest.hexdigest()


def _read_stored(root: Path, content: str) -> Project | None:
    try:
        with open(root / CACHE_FOLDER / _STORED_PROJECT, "rb") as stream:
            if stream.readline().decode("ascii", "replace").strip() != content:
                return None
            project = pickle.load(stream)
    except Exception:  # missing, cut short, or written by another version: check the data again
        return None
    return project if isinstance(project, Project) else None


def _store(root: Path, content: str, project: Project) -> None:
    folder = root / CACHE_FOLDER
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=_STORED_PROJECT, suffix=".tmp", delete=False) as stream:
            temporary = stream.name
            stream.write(content.encode("ascii") + b"\n")
            pickle.dump(project, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / _STORED_PROJECT)  # a reader sees the old file or the new, never half of one
    except Exception:  # a cache that cannot be written costs the next build a check, no more
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def forget() -> None:
    """Drop the project kept in memory (tests that compare a fresh load use this)."""
    global _kept
    _kept = None
