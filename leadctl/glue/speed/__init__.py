"""The speed layer: every cache and every extra process, behind the few functions below.

The glue calls these and nothing else of the layer; features never call it.
Each function does what the build needs done either way (load the project,
render a page, end the command) and, when the layer is on, does it with less
work. With ``LEADCTL_SPEED=0`` (see ``switches``) each takes the plain path,
and the site is the same byte for byte; ``LEADCTL_SPEED_WITHOUT`` does that
for the mechanisms it names.

The modules are imported when first used: ``leadctl --help`` pays for none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from leadctl.glue.speed.switches import caches_on, mechanism_on

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

    from leadctl.checking.project import Project
    from leadctl.glue.speed.page_cache import RememberedTexts, ThemeRenderCache
    from leadctl.writers.outputs import OutputWriter


# -- the command's process --------------------------------------------------------


def start_command() -> None:
    """Set the process up for a command (the garbage collector's pace)."""
    if mechanism_on("processes"):
        from leadctl.glue.speed.processes import collect_less_often

        collect_less_often()


def leave(code: int) -> NoReturn:
    """End the command with exit ``code``, once everything is written."""
    if mechanism_on("processes"):
        from leadctl.glue.speed.processes import leave_without_teardown

        leave_without_teardown(code)
    raise SystemExit(code)


# -- the data ---------------------------------------------------------------------


def load_project(root: Path, data_dir: str, docs_dir: str) -> Project:
    """The checked project (raises ``ValidationFailed``); kept while its files stay the same when the layer is on."""
    if mechanism_on("project_cache"):
        from leadctl.glue.speed.project_cache import load_project_once

        return load_project_once(root, data_dir, docs_dir)
    from leadctl.checking.project import load_project as load

    return load(Path(root).resolve(), data_dir, docs_dir)


# -- a language's pass ------------------------------------------------------------


@dataclass
class PassCaches:
    """The caches one language's pass reads and fills; every field None when the caches are off."""

    rendered_pages: ThemeRenderCache | None = None
    remembered_texts: RememberedTexts | None = None
    compiled_templates: BytecodeCache | None = None

    def close(self, succeeded: bool) -> None:
        """Store what the pass added (``succeeded``) or drop it; the caches are not used after this."""
        from leadctl.glue.speed.page_cache import remember_citations, remember_markdown

        for cache in (self.rendered_pages, self.remembered_texts):
            if cache is not None:
                cache.finish() if succeeded else cache.abandon()
        self.rendered_pages = self.remembered_texts = None
        remember_markdown(None)
        remember_citations(None)


def open_pass_caches(project_root: Path, language: str) -> PassCaches:
    """The caches of this language's pass, put where leadctl's renderers use them (none when the caches are off)."""
    from leadctl.glue.speed.page_cache import remember_citations, remember_markdown
    from leadctl.generators.context import use_compiled_templates_cache

    caches = PassCaches()
    if caches_on():
        from leadctl.glue.speed.page_cache import compiled_templates_cache, open_remembered_texts, open_render_cache

        caches = PassCaches(
            open_render_cache(project_root, language), open_remembered_texts(project_root, language), compiled_templates_cache(project_root)
        )
    remember_markdown(caches.remembered_texts)
    remember_citations(caches.remembered_texts)
    from leadctl.glue.speed.style_lookups import answer_style_questions_once

    answer_style_questions_once(mechanism_on("style_lookups"))
    # Before pages are populated: leadctl's renderers load their templates then, before on_env.
    use_compiled_templates_cache(caches.compiled_templates)
    return caches


def prepare_theme(environment: Environment, config: Any, caches: PassCaches) -> None:
    """Set up the theme's Jinja environment: compiled templates kept, the navigation and rendered pages reused."""
    if not caches_on():
        return
    from leadctl.glue.speed.theme_partials import install

    if caches.compiled_templates is not None:
        environment.bytecode_cache = caches.compiled_templates
    install(
        environment,
        config.theme.dirs,
        config.theme.custom_dir,
        config.theme.get("language") or "",
        rendered_pages=mechanism_on("page_cache"),
        shared_partials=mechanism_on("theme_partials"),
    )


def prepare_generated_page(page: Any) -> Any:
    """A generated page (front matter, no Markdown text), made to render without building a Markdown converter."""
    if not mechanism_on("blank_pages"):
        return page
    from leadctl.glue.speed.blank_pages import render_blank_text_without_converter

    return render_blank_text_without_converter(page)


def reuse_rendered_page(caches: PassCaches, context: dict, page: Any, config: Any) -> None:
    """If the last build rendered this page with the same context, have the theme write that rendering out."""
    if caches.rendered_pages is None or page.meta.get("template", "main.html") != "main.html":
        return
    from leadctl.glue.speed.theme_partials import use_rendered_page

    rendered = caches.rendered_pages.lookup(context, page, config)
    if rendered is not None:
        use_rendered_page(context, rendered)


def keep_rendered_page(caches: PassCaches, page: Any, output: str) -> None:
    """The theme's output for this page, kept for the next build."""
    if caches.rendered_pages is not None:
        caches.rendered_pages.keep(page, output)


# -- the files written beside the pages ------------------------------------------


def output_writers(writers: list[OutputWriter]) -> list[OutputWriter]:
    """``writers``, each replaced by a faster one that writes the same bytes where the layer has one."""
    if not mechanism_on("calendar_pieces"):
        return writers
    from leadctl.glue.speed.calendar_pieces import write_calendars_from_pieces
    from leadctl.writers.calendars import write_calendars

    return [write_calendars_from_pieces if writer is write_calendars else writer for writer in writers]


# -- languages built in parallel --------------------------------------------------


def data_files_written_elsewhere() -> bool:
    """Whether another process writes this language's data files (see ``parallel``)."""
    from leadctl.glue.speed.parallel import data_files_written_elsewhere as elsewhere

    return elsewhere()


def data_files_of_other_languages() -> dict[str, Path]:
    """The other languages whose data files this process writes, each with the folder standing for the site's root."""
    from leadctl.glue.speed.parallel import data_files_folders

    return data_files_folders()
