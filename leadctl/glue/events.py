"""What leadctl does at each MkDocs event; ``hooks/lead.py`` forwards the events here.

Every event runs once per language: static-i18n builds English, then
rebuilds for Chinese inside its own on_post_build (or, in a parallel build,
each language runs in its own process). The data is loaded and checked in
the first pass; the others reuse it. Generated pages are plain ``File``
objects added before static-i18n, their text set in ``on_nav`` (shared stack
notes, section 2). The speed layer is called through ``leadctl.glue.speed``
alone: open and close a pass's caches, prepare the theme, reuse a rendering.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from leadctl.base.problems import ValidationFailed, format_problems
from leadctl.base.settings import SettingsError, SiteSettings
from leadctl.reading.mkdocs_config import read_setting_lines
from leadctl.generators.site import Site
from leadctl.glue import speed
from leadctl.writers.outputs import DATA_WRITERS, PASS_WRITERS, WRITERS, write_outputs
from leadctl.writers.search import SearchIndexFailed, excluded_from_search, index_language, search_context, search_marks, status_url
from leadctl.writers.seo import PageAddresses, PageFacts, not_found_context, page_head, write_sitemap
from leadctl.writers.share import SharePanel

__all__ = ["BuildState", "event_priority", "state"]


@dataclass
class BuildState:
    """What leadctl keeps between the events of a build, and between the builds of ``serve``."""

    command: str = "build"
    site: Site | None = None
    """The checked data as pages, from the first pass; kept while serve's rebuilds have problems."""
    sitemap: list[PageAddresses] = field(default_factory=list)
    """The pages of every language built so far, for the sitemap written after each pass."""
    caches: speed.PassCaches = field(default_factory=speed.PassCaches)

    def loaded_site(self) -> Site:
        if self.site is None:
            raise PluginError("leadctl: the data was not loaded (on_pre_build did not run)")
        return self.site

    def generates(self, src_uri: str) -> bool:
        return self.site is not None and src_uri in self.site.pages


state = BuildState()


def _i18n(config) -> Any:
    return config.plugins.get("i18n")


def _language(config) -> str:
    plugin = _i18n(config)
    return (plugin.current_language if plugin else None) or "en"


def _project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _other_languages(config, language: str) -> tuple[str, ...]:
    plugin = _i18n(config)
    return tuple(item.locale for item in plugin.config.languages if item.locale != language) if plugin else ()


def _site_names(config) -> dict[str, str]:
    plugin = _i18n(config)
    # In another language's pass, static-i18n has put that language's name in config.site_name.
    site_name = plugin.original_configs.get("site_name", config.site_name) if plugin else config.site_name
    names = {"en": site_name}
    for language in plugin.config.languages if plugin else []:
        names[language.locale] = language.site_name or site_name
    return names


def startup(command: str) -> None:
    state.command = command


def forget_previous_language_switcher(config) -> None:
    """Run after static-i18n's on_config (-100).

    static-i18n points the language switcher of each page by setting
    config.extra.alternate as an attribute, which a LegacyConfig keeps apart
    from its items and which outlives the pass: templates rendered before
    this pass's first page (404.html) would link the last page of the previous language.
    """
    vars(config.extra).pop("alternate", None)


def start_pass(config) -> None:
    """Open this language's caches; in the first pass, load and check the data."""
    # leadctl writes the sitemap after the pages (write_sitemap), over MkDocs' own.
    config.theme.static_templates.discard("sitemap.xml")
    state.caches = speed.open_pass_caches(_project_root(config), _language(config))
    plugin = _i18n(config)
    if plugin is not None and plugin.building:
        return  # another language's pass reuses the first pass's data
    state.sitemap = []
    try:
        settings = SiteSettings.from_mapping(
            config.extra.get("lead"), docs_dir=Path(config.docs_dir).name, site_url=config.site_url or "", site_names=_site_names(config),
            lines=read_setting_lines(Path(config.config_file_path)) if config.config_file_path else None,
        )
        project = speed.load_project(_project_root(config), settings.data_dir, settings.docs_dir)
    except (ValidationFailed, SettingsError) as failure:
        what = "mkdocs.yml's settings have" if isinstance(failure, SettingsError) else "The data has"
        message = f"{what} problems; fix them and build again:\n" + format_problems(failure.problems)
        if state.command == "serve" and state.site is not None:
            # MkDocs' serve loop prints a traceback for any build error; keep
            # serving the last valid data and say what is wrong instead.
            print(f"{message}\nStill showing the last valid version of the data.", file=sys.stderr, flush=True)
            return
        state.site = None
        raise PluginError(message) from None
    state.site = Site(project, settings)


def prepare_theme(env, config):
    speed.prepare_theme(env, config, state.caches)
    return env


def add_generated_files(files, config):
    """Run before static-i18n (-100), which pairs these with their translations."""
    for src_uri in state.loaded_site().pages:
        files.append(
            File(
                src_uri,
                src_dir=config.docs_dir,
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
    return files


def give_generated_files_their_text(files) -> None:
    """Run after static-i18n re-created the File objects."""
    site = state.loaded_site()
    for file in files:
        if file.src_uri in site.pages:
            file.content_string = site.markdown_source(file.src_uri)


def prepare_page(page):
    if state.generates(page.file.src_uri):
        return speed.prepare_generated_page(page)
    return page


def escape_page_meta(markdown: str, page) -> str:
    # Titles and descriptions go into the theme's HTML unescaped: escape them once here.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = str(escape(value))
    return markdown


def page_content(html: str, page, config) -> str:
    site, language = state.loaded_site(), _language(config)
    site.keep_rendered_news(html, page.file.src_uri, language)  # the full text of news feeds
    return site.page_content(html, page.file.src_uri, language)


def page_context(context, page, config):
    """Run after static-i18n (50) paired the page with its other language versions, and after every other plugin."""
    language = _language(config)
    context["lead_language"] = language
    site = state.site
    context["lead_search"] = _search_context(config, language)
    text_language = getattr(page.file, "locale", None) or language  # English on a Chinese page not yet translated
    if site is not None and not excluded_from_search(page.meta):
        context["lead_search_marks"] = search_marks(site, page.file.src_uri, language, text_language)
    alternates = getattr(page.file, "alternates", None) or {language: page.file}
    head = page_head(
        site,
        PageFacts(
            src_uri=page.file.src_uri,
            language=language,
            text_language=text_language,
            url=page.url,
            versions={lang: file.url for lang, file in alternates.items()},
            # MkDocs' titles may hold entities (and escape_page_meta escaped meta titles): decode once.
            title=Markup(page.title or "").striptags(),
            description=Markup(page.meta["description"]).striptags() if page.meta.get("description") else str(page.meta.get("summary") or ""),
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            other_site_names=tuple(site.settings.site_names.values()) if site else (),
        ),
    )
    context["lead_head"] = head
    context["lead_share"] = SharePanel(head.addresses.canonical, head.title, language)
    hidden = page.meta.get("hide") or []
    if page.parent is None and "navigation" not in hidden:
        # Outside any section the sidebar would hold the page's own link, or nothing; the tabs say where the reader is.
        page.meta["hide"] = [*hidden, "navigation"]
    state.sitemap.append(head.addresses)
    # Last: a stored rendering is keyed by the whole context as the theme gets it.
    speed.reuse_rendered_page(state.caches, context, page, config)
    return context


def template_context(context, template_name: str, config):
    if template_name == "404.html":
        context["lead_not_found"] = not_found_context(config.site_url or "", _language(config))
        context["lead_search"] = _search_context(config, _language(config))
    return context


def _search_context(config, language: str) -> dict:
    # Under serve, the index is rebuilt after the pages are served, and the dialog asks whether it is current.
    return search_context(config.site_url or "", language, status_url(config.site_url or "", language) if state.command == "serve" else "")


def not_found_page_per_language(output: str, template_name: str, config) -> str:
    """Each language pass renders 404.html into the root, and the last would win: the root one stays
    in the default language, and each other one goes into its language's folder."""
    if template_name != "404.html" or _language(config) == "en":
        return output
    target = Path(config.site_dir) / _language(config) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs skips writing a template whose output is empty


def page_written(output: str, page, config) -> str:
    """Run before static-i18n's (-100): the theme's output as rendered."""
    speed.keep_rendered_page(state.caches, page, output)
    return output


def finish_pass(config) -> None:
    """Run before static-i18n's own on_post_build (-100), which starts the next language's pass:
    each pass writes its own language's files."""
    language = _language(config)
    site_dir = Path(config.site_dir)
    site, site_url = state.loaded_site(), config.site_url or ""
    writers = PASS_WRITERS if speed.data_files_written_elsewhere() else WRITERS
    write_outputs(site, language, site_dir if language == "en" else site_dir / language, site_url, speed.output_writers(writers))
    for other, folder in speed.data_files_of_other_languages().items():
        write_outputs(site, other, folder / other, site_url, speed.output_writers(DATA_WRITERS))
    if state.command != "serve":  # serve indexes the site it serves, after serving it (glue.serving)
        try:
            index_language(site_dir if language == "en" else site_dir / language, _other_languages(config, language))
        except SearchIndexFailed as failure:
            raise PluginError(str(failure)) from None
    # Replaces static-i18n's sitemap, which has no x-default and dates each build. Each pass
    # writes the pages built so far, so the last one writes them all.
    write_sitemap(site_dir, state.sitemap)
    state.caches.close(succeeded=True)


def build_failed() -> None:
    state.caches.close(succeeded=False)
