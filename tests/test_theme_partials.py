"""Material's navigation, tabs and interface texts, worked out once a language pass (leadctl.glue.speed.theme_partials).

That the site is the same byte for byte with and without the reuse is
tests/test_build_equivalence.py's (its builds without the cache have no reuse).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from jinja2 import pass_context

import leadctl.glue.engine
from leadctl.glue.speed.project_cache import CACHE_VARIABLE
from leadctl.glue.speed.theme_partials import NavigationPartials, ThemeTexts
from sitekit import REPO, ProjectSite, write_sample_network


@pytest.fixture()
def fresh_renders(monkeypatch) -> Counter:
    """How many times each shared partial was rendered rather than reused, over the build's passes."""
    counts: Counter = Counter()
    original = NavigationPartials._template

    def counting(self, name):
        template = original(self, name)

        class Counted:
            def render(self, *args, **kwargs):
                counts[name] += 1
                return template.render(*args, **kwargs)

        return Counted()

    monkeypatch.setattr(NavigationPartials, "_template", counting)
    monkeypatch.setenv(leadctl.glue.engine.PARALLEL_VARIABLE, "0")  # both languages in this process, where the count is
    return counts


@pytest.fixture()
def network(tmp_path) -> ProjectSite:
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    return site


def use_project_overrides(site: ProjectSite) -> Path:
    """A copy of the site's overrides inside the project, used instead of the repository's; its folder."""
    overrides = site.root / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace((REPO / "overrides").as_posix(), overrides.as_posix()), encoding="utf-8")
    return overrides


def pages_with_navigation(site: ProjectSite) -> int:
    return sum("md-nav--primary" in path.read_text(encoding="utf-8") for path in site.site_dir.rglob("*.html"))


def test_pages_outside_the_navigation_share_its_rendering(network, fresh_renders, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    network.build()
    pages, renders = pages_with_navigation(network), dict(fresh_renders)
    assert 0 < renders["partials/nav.html"] < pages
    assert 0 < renders["partials/tabs.html"] < pages
    # More record pages in folders that already have one: more pages, not one more render.
    for number in range(6):
        network.member(f"extra-{number}")
    shutil.rmtree(network.root / ".cache")  # no pages from the last build's cache either
    fresh_renders.clear()
    network.build()
    assert pages_with_navigation(network) == pages + 12
    assert dict(fresh_renders) == renders
    # The shared rendering still links each page to the navigation from where it is.
    assert network.html("members/extra-5/").select_one(".md-nav--primary a.md-nav__link[href='../../events/']")
    assert network.html("zh/news/2026-05-01-hello/").select_one(".md-tabs a.md-tabs__link[href='../../members/']")
    # A page in the navigation still shows its own entry as the active one; a record page shows none.
    assert network.html("members/").select_one(".md-tabs__item--active a[href='./']")
    assert not network.html("members/uni-a/").select(".md-tabs__item--active, .md-nav__item--active")


def test_without_the_cache_every_page_renders_them(network, fresh_renders, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    network.build()
    assert fresh_renders["partials/nav.html"] == pages_with_navigation(network)


def test_an_override_of_what_they_include_renders_them_for_every_page(network, fresh_renders, monkeypatch):
    # The reuse rests on what Material's own partials read; a project's own nav-item.html may read anything.
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    overrides = use_project_overrides(network)
    (overrides / "partials" / "nav-item.html").write_text(
        '{% macro render(nav_item, path, level, parent) %}<li class="md-nav__item" data-seen-from="{{ page.url }}">'
        "{{ nav_item.title }}</li>{% endmacro %}\n",
        encoding="utf-8",
    )
    network.build()
    assert fresh_renders["partials/nav.html"] == pages_with_navigation(network)
    for url in ("members/uni-a/", "members/uni-b/", "zh/members/alice/"):
        assert network.html(url).select_one(f".md-nav--primary li[data-seen-from='{url}']"), url


def test_pages_told_apart_by_their_links_exactly_as_mkdocs_makes_them():
    from itertools import product
    from types import SimpleNamespace

    from mkdocs.utils import normalize_url

    from leadctl.glue.speed.theme_partials import RelativeLinks

    targets = ["", "./", "about/", "members/", "zh/", "zh/members/", "network/people/", "assets/logo.png", "index.html",
               "../up/", "https://example.org/x/", "/absolute/", "#top", "members/index.html"]
    parts = ["members", "uni-a", "zh", "network", "people", "2026-news", "page.html", "index.html"]
    urls = {"", "./", "index.html"}
    for depth in range(1, 5):
        for chosen in product(parts, repeat=depth):
            path = "/".join(chosen)
            urls.update({path, path + "/"})
    links = RelativeLinks(targets)
    seen: dict[tuple, tuple[str, ...]] = {}
    for url in sorted(urls):
        made = tuple(normalize_url(target, page=SimpleNamespace(url=url)) for target in targets)
        assert seen.setdefault(links.seen_from(url), made) == made, url
    assert len(seen) < len(urls) / 10  # and most pages share their links with others


@pytest.fixture()
def theme_texts(monkeypatch) -> list[tuple[ThemeTexts, Counter]]:
    """Each ThemeTexts the build installed, with how often its texts were asked for."""
    installed: list[tuple[ThemeTexts, Counter]] = []
    original_install, original_text = ThemeTexts.install, ThemeTexts.text

    def recording_install(self):
        if original_install(self):
            installed.append((self, Counter()))
            return True
        return False

    @pass_context
    def counting_text(self, context, key):
        next(asked for texts, asked in installed if texts is self)[key] += 1
        return original_text(self, context, key)

    monkeypatch.setattr(ThemeTexts, "install", recording_install)
    monkeypatch.setattr(ThemeTexts, "text", counting_text)
    monkeypatch.setenv(leadctl.glue.engine.PARALLEL_VARIABLE, "0")
    return installed


def test_the_theme_texts_are_looked_up_once_a_language(network, theme_texts, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    network.build()
    assert len(theme_texts) == 2  # one a language
    for texts, asked in theme_texts:
        assert len(texts._texts) == len(asked) > 5
        assert sum(asked.values()) > 10 * len(asked)  # each looked up once, then answered from what was kept
    assert network.html("members/uni-a/").select_one("input.md-search__input")["placeholder"] == "Search"
    assert network.html("zh/members/uni-a/").select_one("input.md-search__input")["placeholder"] == "搜索"


def test_a_project_override_of_the_theme_texts_is_used_as_it_is(network, theme_texts, monkeypatch):
    # The project's language.html may read the page: it is left alone.
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    (use_project_overrides(network) / "partials" / "language.html").write_text(
        '{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}\n'
        '{% import "partials/languages/en.html" as fallback %}\n'
        '{% macro t(key) %}{% if key == "search.placeholder" and page %}{{ page.url }}'
        "{% else %}{{ lang.t(key) or fallback.t(key) or key }}{% endif %}{% endmacro %}\n",
        encoding="utf-8",
    )
    network.build()
    assert theme_texts == []
    for url in ("members/uni-a/", "zh/events/autumn-seminar/"):
        assert network.html(url).select_one("input.md-search__input")["placeholder"] == url
