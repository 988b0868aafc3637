"""Where each page lives, and links between pages.

Paths are language-neutral ("members/x/"); the Chinese site mirrors the
English one under "zh/", so a relative link is the same in both languages.
"""

from __future__ import annotations

import posixpath

def record_path(kind: str, record_id: str) -> str:
    """The URL path of a record page, e.g. ``members/x/`` (kind is the folder name)."""
    return f"{kind}/{record_id}/"


def listing_path(kind: str) -> str:
    return f"{kind}/"


def source_uri(path: str, language: str) -> str:
    """The docs-relative Markdown source of a generated page path, in the i18n folder layout.

    ``""`` is the home page, ``members/`` a listing (``members/index.md``),
    ``members/x/`` a record page (``members/x.md``).
    """
    parts = [part for part in path.split("/") if part]
    stem = "/".join(parts) + "/index" if len(parts) == 1 else "/".join(parts) or "index"
    prefix = "" if language == "en" else f"{language}/"
    return f"{prefix}{stem}.md"


def relative(from_path: str, to_path: str) -> str:
    """A link from page ``from_path`` to ``to_path`` (directory URLs; "" is the home page)."""
    base = from_path if from_path.endswith("/") or not from_path else posixpath.dirname(from_path) + "/"
    link = _relpath(to_path or ".", base.rstrip("/") or ".")
    if link == ".":
        return "./"
    if to_path == "" or to_path.endswith("/"):
        link += "/"
    return link


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for paths relative to the same folder, without its two calls to ``os.getcwd``.

    Pages link to many others, thousands of times a build; paths that climb
    (``..``) or start at the root are left to ``posixpath``.
    """
    path_parts = [part for part in path.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    if path.startswith("/") or start.startswith("/") or ".." in path_parts or ".." in start_parts:
        return posixpath.relpath(path, start)
    shared = 0
    for start_part, path_part in zip(start_parts, path_parts):
        if start_part != path_part:
            break
        shared += 1
    parts = [".."] * (len(start_parts) - shared) + path_parts[shared:]
    return "/".join(parts) if parts else "."
