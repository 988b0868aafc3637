"""The cache of rendered pages (leadctl.glue.speed.page_cache): used when nothing a page shows has changed, and only then."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import leadctl.glue.speed.page_cache
from leadctl.glue.speed.project_cache import CACHE_VARIABLE
from sitekit import REPO, ProjectSite, write_sample_network

MARK = "<!-- reused from the cache -->"


def mark_cached_pages(root: Path) -> int:
    """Put MARK into every stored page, so that a page reused from the cache shows it."""
    marked = 0
    for path in sorted((root / ".cache" / "leadctl").glob("pages-*.sqlite3")):
        with sqlite3.connect(path) as database:
            for key, stored in database.execute("SELECT key, html FROM pages").fetchall():
                html = leadctl.glue.speed.page_cache.unpack(stored).replace("</body>", f"{MARK}</body>")
                database.execute("UPDATE pages SET html = ? WHERE key = ?", (leadctl.glue.speed.page_cache.pack(html), key))
                marked += 1
    return marked


def add_hook(site: ProjectSite, name: str, source: str) -> None:
    """Write a second hooks file into the project and list it after leadctl's, then build and mark the cache."""
    site.write(name, source)
    config = site.root / "mkdocs.yml"
    hooks = (REPO / "hooks" / "lead.py").as_posix()
    config.write_text(config.read_text(encoding="utf-8").replace(hooks, f"{hooks}\n  - {name}"), encoding="utf-8")
    assert site.build().exit_code == 0
    mark_cached_pages(site.root)


def reused(site: ProjectSite, url_path: str) -> bool:
    return MARK in (site.site_dir / url_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture()
def network(tmp_path, monkeypatch) -> ProjectSite:
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    assert site.build().exit_code == 0
    assert mark_cached_pages(site.root) > 20
    return site


def test_unchanged_pages_come_from_the_cache_in_both_languages(network):
    assert network.build().exit_code == 0
    for url_path in ("members/uni-a", "zh/members/uni-a", "events/spring-forum", "zh/briefs/governance-brief", "news/2026-05-01-hello"):
        assert reused(network, url_path), url_path


def test_a_changed_record_is_rendered_again_and_so_is_every_page_that_shows_it(network):
    network.member("uni-a", name={"en": "University Alpha", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"},
                   pillars=["research"], website="https://a.example.org/")
    assert network.build().exit_code == 0
    for url_path in ("members/uni-a", "members/alice", "events/autumn-seminar", "members"):
        assert not reused(network, url_path), url_path
        assert "University Alpha" in network.text(f"{url_path}/"), url_path
    assert reused(network, "events/spring-forum")  # shows nothing of uni-a
    assert reused(network, "zh/members/uni-b")


def test_a_changed_setting_renders_every_page_again(network):
    config = network.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Test Network", "site_name: Renamed Network"), encoding="utf-8")
    assert network.build().exit_code == 0
    assert not reused(network, "events/spring-forum")
    assert "Renamed Network" in network.html("events/spring-forum/").title.get_text()


def test_a_changed_override_template_renders_every_page_again(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    site = ProjectSite(tmp_path / "project")
    overrides = shutil.copytree(REPO / "overrides", site.root / "overrides")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace((REPO / "overrides").as_posix(), overrides.as_posix()), encoding="utf-8")
    site.member("uni-b", name="Universität B", country="DE")
    assert site.build().exit_code == 0
    mark_cached_pages(site.root)
    assert site.build().exit_code == 0
    assert reused(site, "members/uni-b")
    feeds = overrides / "partials" / "lead-feeds.html"
    feeds.write_text(feeds.read_text(encoding="utf-8") + "<!-- a new line in a partial -->\n", encoding="utf-8")
    assert site.build().exit_code == 0
    page = (site.site_dir / "members" / "uni-b" / "index.html").read_text(encoding="utf-8")
    assert MARK not in page
    assert "<!-- a new line in a partial -->" in page


def test_a_cache_from_another_version_of_leadctl_is_not_used(network, monkeypatch):
    monkeypatch.setattr(leadctl.glue.speed.page_cache, "FORMAT", leadctl.glue.speed.page_cache.FORMAT + 1)
    assert network.build().exit_code == 0
    assert not reused(network, "events/spring-forum")


def test_a_damaged_cache_is_replaced_and_the_site_is_the_same(network, monkeypatch):
    expected = network.snapshot()
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    assert network.build().exit_code == 0
    expected = network.snapshot()
    for path in (network.root / ".cache" / "leadctl").glob("pages-*.sqlite3"):
        path.write_bytes(b"not a database" * 100)
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    result = network.build()
    assert result.exit_code == 0, result.output
    assert network.snapshot() == expected
    assert network.build().exit_code == 0  # and the new cache is read back
    assert network.snapshot() == expected


def test_a_damaged_entry_is_rendered_again_not_shown(network, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    assert network.build().exit_code == 0
    expected = network.snapshot()
    damaged = 0
    for path in (network.root / ".cache" / "leadctl").glob("*.sqlite3"):
        with sqlite3.connect(path) as database:
            for key, stored in database.execute("SELECT key, html FROM pages").fetchall():
                # A flipped bit in the middle may only move a copy to an identical stretch of HTML; the
                # last byte is the checksum's, which then no longer matches the text either way.
                middle = len(stored) // 2
                damaged_entry = stored[:middle] + bytes([stored[middle] ^ 0x20]) + stored[middle + 1 : -1] + bytes([stored[-1] ^ 0x01])
                database.execute("UPDATE pages SET html = ? WHERE key = ?", (damaged_entry, key))
                damaged += 1
    assert damaged > 20
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    assert network.build().exit_code == 0
    assert network.snapshot() == expected
    assert not reused(network, "members/uni-a")


def test_with_the_cache_turned_off_nothing_is_read_or_written(network, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    assert network.build().exit_code == 0
    assert not reused(network, "members/uni-a")
    shutil.rmtree(network.root / ".cache")
    assert network.build().exit_code == 0
    assert not (network.root / ".cache").exists()


def test_a_failed_build_keeps_the_cache_of_the_pages_it_did_not_change(network):
    network.write("docs/zh/index.md", "# 首页\n\n[坏链接](missing.md)\n")  # a strict-mode warning in the Chinese pass
    assert network.leadctl("build").exit_code == 1
    network.write("docs/zh/index.md", "# 测试网络\n\n欢迎。\n\n<!-- lead:upcoming-events -->\n\n<!-- lead:latest-news -->\n\n<!-- lead:latest-briefs -->\n")
    assert network.build().exit_code == 0
    assert reused(network, "zh/members/uni-a")
    assert reused(network, "members/uni-a")


def test_a_cache_another_build_has_locked_is_done_without_not_waited_for(network):
    shutil.rmtree(network.root / ".cache")  # without the marks
    assert network.build().exit_code == 0
    expected = network.snapshot()
    holder = sqlite3.connect(network.root / ".cache" / "leadctl" / "pages-en.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as a build writing its pages at that moment
    try:
        result = network.build()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0, result.output
    assert network.snapshot() == expected


def test_a_page_a_plugin_has_added_to_is_rendered_every_time(network):
    # Such an attribute (Material's typeset plugin adds one) may be read by a template; the key does not cover it.
    add_hook(network, "typeset_hook.py", "def on_page_markdown(markdown, page, config, files):\n"
             "    if page.file.src_uri == 'members/uni-b.md':\n"
             "        page.typeset = {'title': page.title}\n"
             "    return markdown\n")
    assert network.build().exit_code == 0
    assert not reused(network, "members/uni-b")
    assert reused(network, "members/uni-a")


def test_environments_set_up_differently_never_share_a_compiled_template(tmp_path):
    from jinja2 import DictLoader, Environment

    from leadctl.glue.speed.page_cache import compiled_templates_cache

    source = {"list.html": "{% for item in items %}\n  <li>{{ item }}</li>\n{% endfor %}\n"}
    plain = Environment(loader=DictLoader(source), bytecode_cache=compiled_templates_cache(tmp_path))
    trimming = Environment(loader=DictLoader(source), bytecode_cache=compiled_templates_cache(tmp_path), trim_blocks=True, lstrip_blocks=True)
    assert plain.get_template("list.html").render(items=[1]) == "\n  <li>1</li>\n"
    assert trimming.get_template("list.html").render(items=[1]) == "  <li>1</li>\n"
    again = Environment(loader=DictLoader(source), bytecode_cache=compiled_templates_cache(tmp_path))
    assert again.get_template("list.html").render(items=[2]) == "\n  <li>2</li>\n"
    assert len(list((tmp_path / ".cache" / "leadctl" / "templates").iterdir())) == 2  # one compiled template each


def test_damaged_compiled_templates_are_compiled_again(network, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    assert network.build().exit_code == 0
    expected = network.snapshot()
    monkeypatch.setenv(CACHE_VARIABLE, "1")
    cache = network.root / ".cache" / "leadctl"
    compiled = sorted((cache / "templates").iterdir())
    assert compiled, "no compiled template was kept"
    for index, path in enumerate(compiled):  # cut short, or not Jinja's at all
        path.write_bytes(path.read_bytes()[:40] if index % 2 else b"\x00 not a compiled template")
    for pages in cache.glob("pages-*.sqlite3"):
        pages.unlink()  # so that every page needs the templates
    result = network.build()
    assert result.exit_code == 0, result.output
    assert network.snapshot() == expected


def test_a_changed_hook_renders_every_page_again(network):
    # A hook can give templates filters and globals that no value of the context shows.
    add_hook(network, "site_hook.py", "def on_env(env, config, files):\n    env.globals['motto'] = 'one'\n    return env\n")
    assert network.build().exit_code == 0
    assert reused(network, "members/uni-a")
    network.write("site_hook.py", "def on_env(env, config, files):\n    env.globals['motto'] = 'two'\n    return env\n")
    assert network.build().exit_code == 0
    assert not reused(network, "members/uni-a")


def test_texts_are_rendered_again_only_when_they_changed(network, monkeypatch):
    import leadctl.base.markup
    from leadctl.glue.engine import PARALLEL_VARIABLE

    monkeypatch.setenv(PARALLEL_VARIABLE, "0")  # one process: the calls below are counted in this one
    assert network.build().exit_code == 0
    rendered = []
    render = leadctl.base.markup.markdown_to_safe_html
    monkeypatch.setattr(leadctl.base.markup, "markdown_to_safe_html", lambda text: rendered.append(text) or render(text))

    assert network.build().exit_code == 0
    assert rendered == []  # nothing changed: every text from the last build

    network.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"},
                   description={"en": "An *old* university.", "zh": "一所**古老**的大学，研究高等教育。"}, pillars=["research"],
                   website="https://a.example.org/", tags=["governance"])
    assert network.build().exit_code == 0
    assert set(rendered) == {"一所**古老**的大学，研究高等教育。"}
    assert "<strong>古老</strong>" in (network.site_dir / "zh" / "members" / "uni-a" / "index.html").read_text(encoding="utf-8")


def test_remembered_texts_spare_the_conversions_that_a_build_without_them_does(network, monkeypatch):
    import leadctl.base.markup
    from leadctl.glue.engine import PARALLEL_VARIABLE

    monkeypatch.setenv(PARALLEL_VARIABLE, "0")  # one process: the conversions below are counted in this one
    converted = []
    convert = leadctl.base.markup.markdown_to_safe_html
    monkeypatch.setattr(leadctl.base.markup, "markdown_to_safe_html", lambda text: converted.append(text) or convert(text))
    assert network.build().exit_code == 0
    assert converted == []
    monkeypatch.setenv(CACHE_VARIABLE, "0")
    assert network.build().exit_code == 0
    assert "An *old* university." in converted
    assert "An <em>old</em> university." in (network.site_dir / "members" / "uni-a" / "index.html").read_text(encoding="utf-8")


def test_citations_are_rendered_again_only_when_their_record_changed(network, monkeypatch):
    from leadctl.generators import references
    from leadctl.glue.engine import PARALLEL_VARIABLE

    monkeypatch.setenv(PARALLEL_VARIABLE, "0")  # one process: the calls below are counted in this one
    assert network.build().exit_code == 0
    rendered: list[tuple[str, ...]] = []
    render = references.render_entry
    monkeypatch.setattr(references, "render_entry", lambda *key: rendered.append(key) or render(*key))

    assert network.build().exit_code == 0
    assert rendered == []  # nothing changed: every citation from the last build

    network.brief("governance-brief", title={"en": "Shared governance", "zh": "大学共同治理"}, date="2026-02-01",
                  authors=[{"member": "alice"}, {"name": "Bob Outside"}], pillars=["research"],
                  summary={"en": "On shared decisions.", "zh": "关于大学共同决策的简报。"}, files="https://files.example.org/b.pdf",
                  topics=["governance"])
    assert network.build().exit_code == 0
    # The Chinese page's four styles; the English citation did not change.
    assert len(rendered) == 4 and all("大学共同治理" in item_json for _, _, item_json in rendered)
    assert "大学共同治理[R/OL]" in (network.site_dir / "zh" / "briefs" / "governance-brief" / "index.html").read_text(encoding="utf-8")
