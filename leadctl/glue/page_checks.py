"""What MkDocs would say about hand-written pages and news posts, said first, with lines.

MkDocs reports a page missing from the navigation, or a Markdown link to a file
that does not exist, without a line number and only once the build runs.
``leadctl validate`` and ``leadctl build`` check the same things here, at the
same level mkdocs.yml's ``validation`` gives them: what would stop a strict
build is an error, what MkDocs would only mention is a warning.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

from leadctl.records.models import LANGUAGES
from leadctl.base.problems import Problem
from leadctl.base.urls import source_uri
from leadctl.records.kinds import KINDS
from leadctl.glue.engine import SiteConfig
from leadctl.records.project import Project

TRANSLATED_LANGUAGE = "zh"

# MkDocs' defaults (mkdocs/config/defaults.py) when mkdocs.yml's validation leaves a setting out.
_DEFAULT_LEVELS = {("nav", "omitted_files"): "info", ("links", "not_found"): "warn", ("links", "unrecognized_links"): "info"}


def _level(config: dict[str, Any], group: str, key: str) -> str:
    validation = config.get("validation") or {}
    value = (validation.get(group) or {}).get(key) or validation.get(key)
    return str(value or _DEFAULT_LEVELS[(group, key)]).lower()


def _problem(level: str, file: str, line: int, message: str) -> Problem | None:
    """An error when MkDocs would warn (every leadctl build is strict), a warning when it would only inform."""
    if level == "warn":
        return Problem(file, line, "", message)
    if level == "info":
        return Problem(file, line, "", message, warning=True)
    return None


def page_problems(config_file: Path, docs_dir: str, config: dict[str, Any], project: Project | None) -> list[Problem]:
    """Pages missing from the navigation and broken Markdown links, each at its file and line."""
    root = config_file.parent
    docs = root / docs_dir
    if not docs.is_dir():
        return []
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md") if not _hidden(path.relative_to(docs)))
    problems = list(_navigation_problems(config_file, docs_dir, config, pages))
    if project is not None:  # which generated pages exist, and so which links are broken, depends on valid data
        problems += _link_problems(docs_dir, docs, config, pages, _generated_pages(project))
    return [problem for problem in problems if problem is not None]


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)  # MkDocs' exclude_docs default


def _neutral(src_uri: str) -> str:
    prefix = TRANSLATED_LANGUAGE + "/"
    return src_uri[len(prefix):] if src_uri.startswith(prefix) else src_uri


# -- the navigation ---------------------------------------------------------------


def _nav_paths(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _nav_paths(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _nav_paths(value)


def _not_in_nav(config: dict[str, Any]):
    import pathspec

    patterns = config.get("not_in_nav") or ""
    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines() if isinstance(patterns, str) else patterns)


def _heading(file: Path) -> str | None:
    try:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _line_of_key(config_file: Path, key: str) -> int:
    """The line of the first ``key:`` in the file, 0 when there is none."""
    try:
        for number, line in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def _navigation_problems(config_file: Path, docs_dir: str, config: dict[str, Any], pages: list[str]) -> Iterator[Problem | None]:
    root = config_file.parent
    level = _level(config, "nav", "omitted_files")
    if level not in ("warn", "info") or "nav" not in config:
        return  # without a nav MkDocs lists every page itself
    listed = {path for path in _nav_paths(config.get("nav")) if path.endswith(".md")}
    ignored = _not_in_nav(config)
    missing = sorted({_neutral(page) for page in pages if _neutral(page) not in listed and not ignored.match_file(page)})
    for neutral in missing:
        english = root / docs_dir / neutral
        chinese = root / docs_dir / TRANSLATED_LANGUAGE / neutral
        file = english if english.is_file() else chinese
        title = _heading(english) or Path(neutral).stem.replace("-", " ").capitalize()
        chinese_title = _heading(chinese) or "<中文标题>"
        translations = _line_of_key(config_file, "nav_translations")
        where_translations = f"(line {translations})" if translations else "(a nav_translations: key of the zh language, under plugins: i18n: languages)"
        fix = (
            f"add '- {title}: {neutral}' under nav: in {config_file.name} (line {_line_of_key(config_file, 'nav') or 1}) "
            f"and '{title}: {chinese_title}' under the zh language's nav_translations {where_translations}, or list it under not_in_nav"
        )
        if not english.is_file():
            fix += f"; the English site needs {docs_dir}/{neutral} too once the navigation names it"
        consequence = "the build stops" if level == "warn" else "no menu leads to it"
        yield _problem(level, file.relative_to(root).as_posix(), 1, f"page is not in the navigation ({consequence}); {fix}")


# -- links ------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_INLINE_LINK = re.compile(r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")


def markdown_links(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every inline link, image and link reference outside code."""
    fence: str | None = None
    # Lines as Markdown and editors count them: str.splitlines also breaks at \x0c, \x1c, \u2028...
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "[", "!")):
            continue  # indented code (or a continued list item, whose links are rare)
        visible = _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)
        for match in _INLINE_LINK.finditer(visible):
            yield number, match.group(1).strip("<>")
        reference = _REFERENCE.match(visible)
        if reference:
            yield number, reference.group(1).strip("<>")


def _generated_pages(project: Project) -> set[str]:
    """The src_uri of every page leadctl generates, in every language."""
    paths = [kind.listing_path() for kind in KINDS]
    paths += [kind.record_path(record_id) for kind in KINDS if kind.record_pages for record_id in project.collection(kind.name)]
    return {source_uri(path, language) for path in paths for language in LANGUAGES}


def _link_problems(docs_dir: str, docs: Path, config: dict[str, Any], pages: list[str], generated: set[str]) -> Iterator[Problem | None]:
    not_found = _level(config, "links", "not_found")
    unrecognized = _level(config, "links", "unrecognized_links")
    existing = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()} | generated
    for page in pages:
        try:
            text = (docs / page).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the data check reports a news post that is not UTF-8
        chinese = page.startswith(TRANSLATED_LANGUAGE + "/")
        for line, url in markdown_links(text):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
                continue  # external, absolute (left as they are) or a link within the page
            path = unquote(parts.path)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            if chinese:
                # The Chinese site falls back to the English file of the same name.
                found = target in existing or _neutral(target) in existing
            else:
                found = target in existing and not target.startswith(TRANSLATED_LANGUAGE + "/")
            if found:
                continue
            where = f"{docs_dir}/{page}"
            if not posixpath.splitext(path)[1]:
                hint = f"; link to the Markdown file, like '{path.rstrip('/')}/index.md' or '{path.rstrip('/')}.md'"
                yield _problem(unrecognized, where, line, f"link to '{url}' names no file{hint}")
            elif target.startswith("..") or target == "..":
                yield _problem(not_found, where, line, f"link to '{url}' leads outside {docs_dir}/; link to a page inside it")
            else:
                missing = f"there is no {docs_dir}/{target}"
                if chinese and target != _neutral(target):
                    missing += f", nor an English {docs_dir}/{_neutral(target)} to fall back to"
                yield _problem(not_found, where, line, f"link to '{url}': {missing}; correct the link or add the file")


def site_problems(site_config: SiteConfig, project: Project | None) -> list[Problem]:
    """Everything checked beyond each file's own data: pages, links, and the data's warnings."""
    from leadctl.checking.fields import project_problems

    problems = page_problems(site_config.config_file, site_config.settings.docs_dir, site_config.mkdocs_yml, project)
    if project is not None:
        problems += project_problems(project)
    return problems
