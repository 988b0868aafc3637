"""Templates compiled ahead, on the core a parallel build leaves idle before its processes fork.

On a build with no cache, each language's process compiles the theme's
templates and leadctl's own the first time it renders them, both at once. Until the languages' processes fork, their parent
loads MkDocs' configuration and waits for the data's check, on one core; meanwhile
another process compiles the templates into the cache of compiled templates
(``page_cache.compiled_templates_cache``), where the languages' processes
then find them.

The templates are compiled in an environment set up as MkDocs sets up the
theme's (``Theme.get_env``, then the plugins' ``on_env``). The cache keys
compiled code by the environment's settings as well as by name and source,
so a template compiled in an environment set up otherwise is never used:
the build compiles it again, as it would have without this.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from leadctl.glue.speed.page_cache import compiled_templates_cache
from leadctl.glue.speed.processes import end, fork
from leadctl.glue.speed.switches import mechanism_on
from leadctl.generators.context import compile_templates as compile_leadctl_templates, use_compiled_templates_cache

# What a language's build renders first (404.html, then every page): compiled first.
_FIRST = ("main.html", "base.html", "404.html")


class CompilingBeside:
    """``compile_templates`` in a forked process, where processes fork and the cache of compiled templates is on."""

    def __init__(self, config: Any, project_root: Path):
        self._pid: int | None = None
        if not hasattr(os, "fork") or not mechanism_on("precompile") or compiled_templates_cache(project_root) is None:
            return
        pid = fork()
        if pid == 0:
            try:
                compile_templates(config, project_root)
            finally:  # whatever went wrong, the build compiles what is missing
                os._exit(0)
        self._pid = pid

    def wait(self) -> None:
        """Wait until every template is compiled."""
        if self._pid is not None:
            pid, self._pid = self._pid, None
            os.waitpid(pid, 0)

    def stop(self) -> None:
        """Stop compiling (when the build is over or failed; it is done long before a build that succeeds)."""
        if self._pid is not None:
            pid, self._pid = self._pid, None
            end(pid)


def compile_templates(config: Any, project_root: Path) -> None:
    """Compile the theme's templates (in an environment MkDocs would make) and leadctl's into the project's cache."""
    from mkdocs.structure.files import Files

    cache = compiled_templates_cache(project_root)
    if cache is None:
        return
    environment = config.plugins.on_env(config.theme.get_env(), config=config, files=Files([]))
    environment.bytecode_cache = cache
    for name in theme_templates(config.theme.dirs, config.theme.get("language") or "en"):
        try:
            environment.get_template(name)
        except Exception:  # not a template this environment compiles: the build says what is wrong with it
            continue
    use_compiled_templates_cache(cache)
    compile_leadctl_templates()


def theme_templates(folders: list[str], language: str) -> list[str]:
    """The names of the HTML templates in the theme's folders, those rendered first first.

    Icons and the languages' texts of other languages than ``language`` are
    left out: thousands of files, of which a page uses a few.
    """
    names: list[str] = []
    for folder in dict.fromkeys(folders):
        for root, subfolders, files in os.walk(folder):
            subfolders[:] = sorted(sub for sub in subfolders if not sub.startswith("."))
            relative = Path(root).relative_to(folder).as_posix()
            for file_name in sorted(files):
                name = file_name if relative == "." else f"{relative}/{file_name}"
                if not file_name.endswith(".html"):
                    continue
                if relative == "partials/languages" and file_name != f"{language}.html":
                    continue
                names.append(name)
    ordered = [name for name in _FIRST if name in names] + [name for name in names if name not in _FIRST]
    return list(dict.fromkeys(ordered))
