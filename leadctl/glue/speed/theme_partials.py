"""Material's navigation partials and interface texts, worked out once a language pass rather than once a page;
and pages written out as the last build rendered them.

Material renders the sidebar navigation (``partials/nav.html``) and the tabs
(``partials/tabs.html``) for every page; on this site, whose navigation has
some twenty entries, that is a quarter of the theme's time per page. For a
page that is not in the navigation, while no entry is active, those partials
print the same HTML except for the relative links to the navigation's
entries. So their rendering is kept under what those links depend on
(``RelativeLinks``) and the few settings they read, and reused for every
other page that gets the same links: every record page and news post of a
folder.

That rests on what these templates read, so it holds only for the sources
analysed here (``ANALYSED_DIGESTS``, Material 9.8.1): with any other version,
or a project override of one of them, every page renders them afresh.

None of this is in the project's templates: ``install`` puts a loader in
front of the theme's, which serves ``partials/nav.html`` and ``tabs.html``
as calls to ``NavigationPartials`` and ``main.html`` as a template that
writes out the page's stored rendering when ``page_cache`` found one (see
``use_rendered_page``), else extends the theme's own ``main.html``. With the
caches off (``LEADCTL_CACHE=0``, ``LEADCTL_SPEED=0``) nothing is installed
and the theme renders as Material's own.

Material's interface texts (``partials/language.html``'s ``t``, some thirty
calls a page) each build a dictionary of every text of the language and
look one up; ``ThemeTexts`` keeps each answer for the pass, unless the
project overrides language.html.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment, FileSystemLoader, Template, TemplateNotFound, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

SHARED_PARTIALS = ("partials/nav.html", "partials/tabs.html")
# What those two include: a project override of any of these is not what was analysed.
_INCLUDED_PARTIALS = ("partials/nav-item.html", "partials/tabs-item.html", "partials/logo.html", "partials/source.html")
ANALYSED_DIGESTS = {
    "dba55c62ef18bca01b34ffc17604584053c7f72041ddad066e286e57a624d736",  # Material 9.8.1
    # The same with this site's partials/nav-item.html, which only leaves out an empty tabindex.
    "88725201cc4b14a25e30af8aa8750efc34d5b49cbc8a4bf5497694c57a0abb46",
}
TEMPLATE_FUNCTION = "lead_theme_partial"
"""The name the installed partials/nav.html and tabs.html call this module's renderer by."""
RENDERED_PAGE = "lead_rendered_page"
"""The page context's value holding the stored rendering of the page, when there is one."""
_PAGE_TEMPLATE = "main.html"
_THEME_PAGE_TEMPLATE = "lead-speed/theme-main.html"
_RENDERED_PAGE_TEMPLATE = "lead-speed/rendered-page.html"
TEXT_FUNCTION = "lead_theme_text"
"""The name ``ThemeTexts.SOURCE`` calls ``ThemeTexts.text`` by."""
_TEXTS = "partials/language.html"
ANALYSED_TEXTS_DIGEST = "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3"  # Material 9.8.1's partials/language.html


def sources_digest(own_theme: BaseLoader, project_theme: BaseLoader, environment: Environment) -> str:
    """A digest of the sources the reuse depends on: the theme's two partials and what they include."""
    digest = hashlib.sha256()
    for loader, names in ((own_theme, SHARED_PARTIALS), (project_theme, _INCLUDED_PARTIALS)):
        for name in names:
            try:
                source, _, _ = loader.get_source(environment, name)
            except TemplateNotFound:
                source = ""
            digest.update(f"{name}\0{len(source)}\0{source}\0".encode())
    return digest.hexdigest()


def install(
    environment: Environment,
    template_dirs: Sequence[str],
    overrides_dir: str | None,
    language: str,
    rendered_pages: bool = True,
    shared_partials: bool = True,
) -> None:
    """Set up one language pass's theme environment: navigation and texts reused, stored renderings written out.

    ``template_dirs``: the theme's template folders, ``overrides_dir`` among
    them when the project has one; ``language``: the theme's language in this pass;
    ``rendered_pages``: whether stored renderings may be written out; ``shared_partials``:
    whether the navigation, tabs and texts are reused.
    """
    assert environment.loader is not None
    overrides = Path(overrides_dir).resolve() if overrides_dir else None
    own_theme = FileSystemLoader([folder for folder in template_dirs if Path(folder).resolve() != overrides])
    project_theme = environment.loader
    replaced: dict[str, str] = {}
    if rendered_pages:
        replaced = {
            _PAGE_TEMPLATE: (
                f"{{% extends {_RENDERED_PAGE_TEMPLATE!r} if {RENDERED_PAGE} is defined else {_THEME_PAGE_TEMPLATE!r} %}}"
            ),
            _RENDERED_PAGE_TEMPLATE: f"{{{{ {RENDERED_PAGE} }}}}",
        }
    if shared_partials:
        navigation = NavigationPartials(environment, own_theme)
        if navigation.reusing and _not_overridden(SHARED_PARTIALS, own_theme, project_theme, environment):
            replaced.update({name: f"{{{{ {TEMPLATE_FUNCTION}({name!r}) }}}}" for name in SHARED_PARTIALS})
            environment.globals[TEMPLATE_FUNCTION] = navigation.render
    if replaced:
        environment.loader = _ReplacingLoader(project_theme, replaced, {_THEME_PAGE_TEMPLATE: _PAGE_TEMPLATE})
    if shared_partials:
        ThemeTexts(environment, own_theme, language).install()


def use_rendered_page(context: dict, rendered: str) -> None:
    """Have the page's template write out ``rendered``, the page as the last build's theme rendered it."""
    context[RENDERED_PAGE] = Markup(rendered)


def _not_overridden(names: Sequence[str], own_theme: BaseLoader, project_theme: BaseLoader, environment: Environment) -> bool:
    for name in names:
        try:
            if own_theme.get_source(environment, name)[0] != project_theme.get_source(environment, name)[0]:
                return False
        except TemplateNotFound:
            return False
    return True


class _ReplacingLoader(BaseLoader):
    """The theme's templates, with some replaced (``replaced``: name to source) and some under a second name (``renamed``)."""

    def __init__(self, theme: BaseLoader, replaced: dict[str, str], renamed: dict[str, str]) -> None:
        self._theme = theme
        self._replaced = replaced
        self._renamed = renamed

    def get_source(self, environment: Environment, template: str):
        if template in self._replaced:
            return self._replaced[template], None, lambda: True
        return self._theme.get_source(environment, self._renamed.get(template, template))

    def list_templates(self) -> list[str]:
        return sorted({*self._theme.list_templates(), *self._replaced})


class NavigationPartials:
    """Renders the theme's own navigation partials for one language pass, reusing what it can."""

    def __init__(self, environment: Environment, own_theme: BaseLoader) -> None:
        """``own_theme``: the theme's templates, without the project's overrides."""
        self._environment = environment
        self._own_theme = own_theme
        assert environment.loader is not None
        self.reusing = sources_digest(own_theme, environment.loader, environment) in ANALYSED_DIGESTS
        self._templates: dict[str, Template] = {}
        self._kept: dict[tuple, str] = {}
        self._relative_links: RelativeLinks | None = None

    @pass_context
    def render(self, context: Context, name: str) -> str:
        if name not in SHARED_PARTIALS:
            raise ValueError(f"{TEMPLATE_FUNCTION}: {name} is not one of {', '.join(SHARED_PARTIALS)}")
        key = self._key(context, name) if self.reusing else None
        if key is not None and key in self._kept:
            return self._kept[key]
        # What `{% include %}` would do: the same template, with every value the includer has.
        output = self._template(name).render(context.get_all())
        if key is not None:
            self._kept[key] = output
        return output

    def _template(self, name: str) -> Template:
        template = self._templates.get(name)
        if template is None:
            # Through the loader, so that the environment's cache of compiled templates is used.
            template = self._templates[name] = self._own_theme.load(self._environment, name, self._environment.globals)
        return template

    def _key(self, context: Context, name: str) -> tuple | None:
        page, nav, config = context.get("page"), context.get("nav"), context.get("config")
        if page is None or nav is None or config is None:
            return None
        # A page in the navigation, or any active entry, changes the classes, toggles and tables of contents.
        if any(getattr(item, "active", False) for item in nav.items) or page in nav.pages:
            return None
        homepage = config.extra.get("homepage")
        targets = [homepage or (nav.homepage.url if nav.homepage else ""), config.theme.get("logo") or "", *_link_urls(nav.items)]
        return (name, id(nav), self._links(targets).seen_from(page.url), repr(homepage), repr(config.extra.get("status")))

    def _links(self, targets: list[str]) -> "RelativeLinks":
        if self._relative_links is None or self._relative_links.targets != targets:
            self._relative_links = RelativeLinks(targets)
        return self._relative_links


class ThemeTexts:
    """Material's ``t(key)``, each answer kept for the language pass.

    Installed only when nothing in it can vary by page: Material's own
    language.html (by digest), not overridden by the project. Then base.html
    imports, in place of it, a language.html whose ``t`` asks this class.
    """

    SOURCE = "{% macro t(key) %}{{ " + TEXT_FUNCTION + "(key) }}{% endmacro %}"

    def __init__(self, environment: Environment, own_theme: BaseLoader, language: str) -> None:
        self._environment = environment
        self._own_theme = own_theme
        self._language = language
        self._texts: dict[str, str] = {}

    def install(self) -> bool:
        """Put this class in the theme's way if Material's texts are as analysed; whether it was."""
        if not self._analysed():
            return False
        assert self._environment.loader is not None
        self._environment.loader = ChoiceLoader([DictLoader({_TEXTS: self.SOURCE}), self._environment.loader])
        self._environment.globals[TEXT_FUNCTION] = self.text
        return True

    @pass_context
    def text(self, context: Context, key: str) -> str:
        answer = self._texts.get(key)
        if answer is None:
            # Material's language.html, as base.html imports it (with the page's values), asked once.
            module = self._own_theme.load(self._environment, _TEXTS, self._environment.globals).make_module(context.parent)
            answer = module.t(key)
            if context["config"].theme.get("language") == self._language:
                self._texts[key] = answer
        return answer

    def _analysed(self) -> bool:
        # The files of texts are imported without the page's values, so only language.html itself matters.
        loader = self._environment.loader
        assert loader is not None
        try:
            own, _, _ = self._own_theme.get_source(self._environment, _TEXTS)
            project, _, _ = loader.get_source(self._environment, _TEXTS)
        except TemplateNotFound:
            return False
        return project == own and hashlib.sha256(own.encode()).hexdigest() == ANALYSED_TEXTS_DIGEST


class RelativeLinks:
    """Which pages get the same relative links to a set of targets from MkDocs' ``url`` filter.

    ``mkdocs.utils.get_relative_url`` climbs out of the page's folder to
    where it meets the target's path, then down: the link depends on how
    deep the folder is and on how many of its first parts it shares with the
    target. So pages whose folders are as deep and share the same parts
    with every target, as far as any target goes, get the same links; the
    tests check this against MkDocs' own function.
    """

    def __init__(self, targets: list[str]) -> None:
        self.targets = targets
        self._shared_starts = {()}  # every start of every target's path, () included
        for target in targets:
            if not _is_address(target):
                parts = _path_parts(target)
                self._shared_starts.update(tuple(parts[:length]) for length in range(len(parts) + 1))

    def seen_from(self, page_url: str) -> tuple[int, tuple[str, ...]]:
        """What the links from a page at this URL depend on: its folder's depth and its start that a target shares."""
        folder = _folder_parts(page_url)
        length = len(folder)
        while tuple(folder[:length]) not in self._shared_starts:
            length -= 1
        return (len(folder), tuple(folder[:length]))


def _is_address(target: str) -> bool:
    """A link the ``url`` filter prints as it is: a full address, an absolute path, an anchor."""
    parsed = urlsplit(target)
    return bool(parsed.scheme or parsed.netloc) or target.startswith(("/", "#"))


def _path_parts(path: str) -> list[str]:
    normalized = posixpath.normpath("/" + path)[1:]
    return normalized.split("/") if normalized else []


def _folder_parts(page_url: str) -> list[str]:
    folder, _, last = page_url.rpartition("/")
    return _path_parts(folder if "." in last else page_url)  # a last part with a dot is a file


def _link_urls(items: Iterable) -> list[str]:
    urls: list[str] = []
    for item in items:
        if getattr(item, "children", None):
            urls.extend(_link_urls(item.children))
        url = getattr(item, "url", None)
        if url is not None:
            urls.append(url)
    return urls
