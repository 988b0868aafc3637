"""MkDocs glue: hands leadctl's pages and blocks to MkDocs and static-i18n.

Every event here runs once per language (static-i18n builds English, then
rebuilds for Chinese inside its own on_post_build). The data is loaded and
checked once, in the first pass; the logic lives in ``leadctl``.
See shared stack notes, section 2, for why generated pages are plain
``File`` objects added before i18n with their content set in ``on_nav``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jieba
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from leadctl.glue.speed import theme_partials
from leadctl.glue.speed.blank_pages import render_blank_text_without_converter
from leadctl.glue.speed.project_cache import cache_wanted, load_project_once
from leadctl.writers.outputs import DATA_WRITERS, PASS_WRITERS, WRITERS, write_outputs
from leadctl.glue.speed.parallel import data_files_folders, data_files_written_elsewhere
from leadctl.base.markup import remember_between_builds
from leadctl.glue.speed.page_cache import RememberedTexts, ThemeRenderCache, compiled_templates_cache, open_remembered_texts, open_render_cache
from leadctl.generators.context import use_compiled_templates_cache
from leadctl.base.problems import ValidationFailed, format_problems
from leadctl.glue.search import (
    add_summary_entry,
    enabled_search_plugin,
    point_search_at_language,
    read_chinese_dictionary_at_once,
    remember_segmenting,
    summary_text,
    write_language_index,
)
from leadctl.writers.seo import PageFacts, not_found_context, page_head, write_sitemap
from leadctl.base.settings import SettingsError, SiteSettings
from leadctl.reading.mkdocs_config import read_setting_lines
from leadctl.generators.site import Site

jieba.setLogLevel(logging.INFO)  # jieba announces its dictionary on stderr otherwise
read_chinese_dictionary_at_once()

_state: dict[str, object] = {
    "site": None, "command": "build", "sitemap": [], "render_cache": None, "texts": None, "compiled_templates": None,
}


def _i18n(config):
    return config.plugins.get("i18n")


def _language(config) -> str:
    plugin = _i18n(config)
    return (plugin.current_language if plugin else None) or "en"


def _project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command, dirty) -> None:
    _state["command"] = command


@event_priority(-110)
def on_config(config):
    # After static-i18n's on_config (-100). It points the language switcher of each page
    # by setting config.extra.alternate as an attribute, which a LegacyConfig keeps apart
    # from its items and which outlives the pass: templates rendered before this pass's
    # first page (404.html) would link the last page of the previous language.
    vars(config.extra).pop("alternate", None)
    return config


def _site_names(config) -> dict[str, str]:
    plugin = _i18n(config)
    # In another language's pass, static-i18n has put that language's name in config.site_name.
    site_name = plugin.original_configs.get("site_name", config.site_name) if plugin else config.site_name
    names = {"en": site_name}
    for language in plugin.config.languages if plugin else []:
        names[language.locale] = language.site_name or site_name
    return names


def _render_cache() -> ThemeRenderCache | None:
    cache = _state["render_cache"]
    assert cache is None or isinstance(cache, ThemeRenderCache)
    return cache


def _finish_caches(succeeded: bool) -> None:
    # Material's search keeps segmenting through the finished store (which then only computes)
    # until the next pass's on_pre_build points it at that pass's.
    for cache in (_render_cache(), _state["texts"]):
        if isinstance(cache, (ThemeRenderCache, RememberedTexts)):
            if succeeded:
                cache.finish()
            else:
                cache.abandon()
    _state["render_cache"] = _state["texts"] = None
    remember_between_builds(None)


def on_pre_build(config) -> None:
    # on_post_build writes the sitemap (leadctl.writers.seo): MkDocs' own, rendered from a template
    # before the pages, would be overwritten (0.04 s a pass at 1,000 pages).
    config.theme.static_templates.discard("sitemap.xml")
    _state["render_cache"] = open_render_cache(_project_root(config), _language(config))
    texts = open_remembered_texts(_project_root(config), _language(config))
    _state["texts"] = texts
    remember_between_builds(texts)
    search = enabled_search_plugin(config)
    if search is not None:
        remember_segmenting(search, texts)
    # Before pages are populated: leadctl's renderers load their templates then, before on_env.
    _state["compiled_templates"] = compiled_templates_cache(_project_root(config))
    use_compiled_templates_cache(_state["compiled_templates"])
    plugin = _i18n(config)
    if plugin is not None and plugin.building:
        return  # the nested pass of another language reuses the first pass's data
    _state["sitemap"] = []  # the pages of every language, for the sitemap written after the last one
    try:
        settings = SiteSettings.from_mapping(
            config.extra.get("lead"), docs_dir=Path(config.docs_dir).name, site_url=config.site_url or "", site_names=_site_names(config),
            lines=read_setting_lines(Path(config.config_file_path)) if config.config_file_path else None,
        )
        # The project `leadctl build` has just checked, unless a file changed since.
        project = load_project_once(_project_root(config), settings.data_dir, settings.docs_dir)
    except (ValidationFailed, SettingsError) as failure:
        what = "mkdocs.yml's settings have" if isinstance(failure, SettingsError) else "The data has"
        message = f"{what} problems; fix them and build again:\n" + format_problems(failure.problems)
        if _state["command"] == "serve" and _state["site"] is not None:
            # MkDocs' serve loop prints a traceback for any build error; keep
            # serving the last valid data and say what is wrong instead.
            print(f"{message}\nStill showing the last valid version of the data.", file=sys.stderr, flush=True)
            return
        _state["site"] = None
        raise PluginError(message) from None
    _state["site"] = Site(project, settings)


def _site() -> Site:
    site = _state["site"]
    assert site is None or isinstance(site, Site)
    if site is None:
        raise PluginError("leadctl: the data was not loaded (on_pre_build did not run)")
    return site


def on_env(env, config, files):
    env.bytecode_cache = _state["compiled_templates"]
    theme_partials.install(env, config.theme.dirs, config.theme.custom_dir, config.theme.get("language") or "", reuse=cache_wanted())
    return env


def on_files(files, config):
    # Priority 0: before static-i18n (-100), which pairs these with their translations.
    for src_uri in _site().pages:
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


@event_priority(-200)
def on_nav(nav, config, files):
    # After static-i18n re-created the File objects: give generated ones their text.
    site = _site()
    for file in files:
        if file.src_uri in site.pages:
            file.content_string = site.markdown_source(file.src_uri)
    return nav


def on_pre_page(page, config, files):
    site = _state["site"]
    if isinstance(site, Site) and page.file.src_uri in site.pages:
        return render_blank_text_without_converter(page)  # a generated page has no Markdown text
    return page


def on_page_markdown(markdown, page, config, files):
    # Titles and descriptions go into the theme's HTML unescaped: escape them once here.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = str(escape(value))
    site = _state["site"]
    if isinstance(site, Site) and page.file.src_uri in site.pages:
        page.meta["search"] = {"exclude": True}  # indexed by its summary in on_page_context (leadctl.glue.search)
    return markdown


def on_page_content(html, page, config, files):
    site, language = _site(), _language(config)
    site.keep_rendered_news(html, page.file.src_uri, language)  # the full text of news feeds
    return site.page_content(html, page.file.src_uri, language)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    # After static-i18n (50) paired the page with its other language versions, and after
    # every other plugin: the render cache's key covers the context as the theme gets it.
    language = _language(config)
    context["lead_language"] = language
    site = _state["site"]
    assert site is None or isinstance(site, Site)
    search = enabled_search_plugin(config)
    if site is not None and page.file.src_uri in site.pages and search is not None:
        add_summary_entry(search, page.url, *summary_text(site, page.file.src_uri))
    alternates = getattr(page.file, "alternates", None) or {language: page.file}
    head = page_head(
        site,
        PageFacts(
            src_uri=page.file.src_uri,
            language=language,
            text_language=getattr(page.file, "locale", None) or language,
            url=page.url,
            versions={lang: file.url for lang, file in alternates.items()},
            # MkDocs' titles may hold entities (and on_page_markdown escaped meta titles): decode once.
            title=Markup(page.title or "").striptags(),
            description=Markup(page.meta["description"]).striptags() if page.meta.get("description") else str(page.meta.get("summary") or ""),
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            other_site_names=tuple(site.settings.site_names.values()) if site else (),
        ),
    )
    context["lead_head"] = head
    _state["sitemap"].append(head.addresses)  # type: ignore[union-attr]
    cache = _render_cache()
    if cache is not None and page.meta.get("template", "main.html") == "main.html":
        rendered = cache.lookup(context, page, config)
        if rendered is not None:
            context["lead_cached_page"] = Markup(rendered)  # overrides/main.html then renders only this
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["lead_not_found"] = not_found_context(config.site_url or "", _language(config))
    return context


def on_post_template(output_content, template_name, config):
    # Each language pass renders 404.html into the root, and the last one would win:
    # keep the root one in the default language and put each other one in its folder.
    if template_name != "404.html" or _language(config) == "en":
        return output_content
    target = Path(config.site_dir) / _language(config) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(point_search_at_language(output_content, _language(config)), encoding="utf-8")
    return ""  # MkDocs skips writing a template whose output is empty


def on_post_page(output, page, config):
    # Priority 0, before static-i18n's (-100): the theme's output as rendered, for the next build.
    cache = _render_cache()
    if cache is not None:
        cache.keep(page, output)
    # Each language searches its own index (leadctl.glue.search).
    language = _language(config)
    return output if language == "en" else point_search_at_language(output, language)


def on_post_build(config) -> None:
    # Priority 0 runs before static-i18n's own on_post_build (-100), which starts
    # the next language's build: each pass writes its own language's files, except
    # that in a parallel build the default language's process writes the others'
    # data files, into folders of their own (leadctl.glue.speed.parallel).
    language = _language(config)
    site_dir = Path(config.site_dir)
    site, site_url = _site(), config.site_url or ""
    writers = PASS_WRITERS if data_files_written_elsewhere() else WRITERS
    write_outputs(site, language, site_dir if language == "en" else site_dir / language, site_url, writers)
    for other, folder in data_files_folders().items():
        write_outputs(site, other, folder / other, site_url, DATA_WRITERS)
    search = enabled_search_plugin(config)
    if language != "en" and search is not None:
        write_language_index(search, site_dir / language, language)
    # Replaces static-i18n's sitemap, which has no x-default and dates each build. Every
    # language's pass writes the pages built so far, the last one all of them; when the
    # languages are built in parallel processes, leadctl.glue.speed.parallel joins their sitemaps.
    write_sitemap(site_dir, _state["sitemap"])  # type: ignore[arg-type]
    _finish_caches(succeeded=True)


def on_build_error(error) -> None:
    _finish_caches(succeeded=False)
