"""Material's navigation, tabs and interface texts, worked out once a language pass (leadctl.glue.speed.theme_partials).

What a reader sees is the same with the speed layer on and off (the whole
site: tests/test_build_equivalence.py); here, the cases where reusing the
navigation could go wrong: pages added to folders that already have one, the
active entry, and a project's own overrides of the theme's partials, which
always win.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from leadctl.glue.speed.switches import CACHE_VARIABLE, SPEED_VARIABLE
from sitekit import REPO, ProjectSite, write_sample_network


@pytest.fixture()
def network(tmp_path, monkeypatch) -> ProjectSite:
    monkeypatch.setenv(CACHE_VARIABLE, "1")
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


def pages(site: ProjectSite) -> dict[str, str]:
    return {path.relative_to(site.site_dir).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.site_dir.rglob("*.html"))}


def test_pages_added_beside_others_get_their_own_links_and_the_same_pages_as_without_the_speed_layer(network, monkeypatch):
    network.build()
    for number in range(6):
        network.member(f"extra-{number}")
    shutil.rmtree(network.root / ".cache")  # no pages from the last build's cache either
    network.build()
    with_speed = pages(network)
    # The shared rendering still links each page to the navigation from where it is.
    assert network.html("members/extra-5/").select_one(".md-nav--primary a.md-nav__link[href='../../events/']")
    assert network.html("zh/news/2026-05-01-hello/").select_one(".md-tabs a.md-tabs__link[href='../../members/']")
    # A page in the navigation still shows its own entry as the active one; a record page shows none.
    assert network.html("members/").select_one(".md-tabs__item--active a[href='./']")
    assert not network.html("members/uni-a/").select(".md-tabs__item--active, .md-nav__item--active")
    monkeypatch.setenv(SPEED_VARIABLE, "0")
    network.build()
    without_speed = pages(network)
    assert sorted(with_speed) == sorted(without_speed)
    assert [path for path in with_speed if with_speed[path] != without_speed[path]] == []


def test_a_project_override_of_the_navigation_is_used_on_every_page(network):
    overrides = use_project_overrides(network)
    (overrides / "partials" / "nav.html").write_text('<nav class="project-nav" data-seen-from="{{ page.url }}"></nav>\n', encoding="utf-8")
    network.build()
    for url in ("members/uni-a/", "members/uni-b/", "zh/members/alice/", "members/"):
        assert network.html(url).select_one(f"nav.project-nav[data-seen-from='{url}']"), url
        assert not network.html(url).select(".md-nav--primary"), url


def test_an_override_of_what_they_include_is_rendered_for_every_page(network):
    # The reuse rests on what Material's own partials read; a project's own nav-item.html may read anything.
    overrides = use_project_overrides(network)
    (overrides / "partials" / "nav-item.html").write_text(
        '{% macro render(nav_item, path, level, parent) %}<li class="md-nav__item" data-seen-from="{{ page.url }}">'
        "{{ nav_item.title }}</li>{% endmacro %}\n",
        encoding="utf-8",
    )
    network.build()
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


def material_text(key: str, language: str) -> str:
    """Material's own text for ``key`` in ``language``, from its language file."""
    import material

    source = (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html").read_text(encoding="utf-8")
    return re.search(rf'^\s*"{re.escape(key)}": "([^"]*)"', source, re.MULTILINE).group(1)


def header_label(network, url: str) -> str:
    return network.html(url).select_one("header nav")["aria-label"]


def test_the_theme_texts_are_each_language_s_own(network):
    network.build()
    assert header_label(network, "members/uni-a/") == material_text("header", "en")
    assert header_label(network, "zh/members/uni-a/") == material_text("header", "zh") != material_text("header", "en")


def test_a_project_override_of_the_theme_texts_is_used_as_it_is(network):
    # The project's language.html may read the page: it is left alone.
    (use_project_overrides(network) / "partials" / "language.html").write_text(
        '{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}\n'
        '{% import "partials/languages/en.html" as fallback %}\n'
        '{% macro t(key) %}{% if key == "header" and page %}{{ page.url }}'
        "{% else %}{{ lang.t(key) or fallback.t(key) or key }}{% endif %}{% endmacro %}\n",
        encoding="utf-8",
    )
    network.build()
    for url in ("members/uni-a/", "zh/events/autumn-seminar/"):
        assert header_label(network, url) == url
