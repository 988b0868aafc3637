"""mkdocs.yml's settings under extra.lead: a wrong one is a problem at its line, like wrong data.

Every command that reads the settings (``leadctl validate``, ``build``,
``serve`` and a plain ``mkdocs build``) reports every wrong setting at once,
exits 1, leaves the previous site untouched and never shows a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sitekit import TODAY_EPOCH, ProjectSite, free_port

SETTINGS_LINE = "    timezone: Europe/Brussels\n"


def _settings(site: ProjectSite, lines: str) -> None:
    """Replace the ``extra.lead`` settings of the site's mkdocs.yml with ``lines`` (indented under ``lead:``)."""
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert SETTINGS_LINE in text
    config.write_text(text.replace(SETTINGS_LINE, "".join(f"    {line}\n" for line in lines.splitlines())), encoding="utf-8")


def _line_of(site: ProjectSite, written: str, file: str = "mkdocs.yml") -> int:
    """The line of the site's ``file`` that holds ``written``."""
    for number, line in enumerate((site.root / file).read_text(encoding="utf-8").splitlines(), start=1):
        if written in line:
            return number
    raise AssertionError(f"{written!r} is not in {file}")


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output, output


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('home_items: "x"', "extra.lead.home_items: expected a whole number of 1 or more but received 'x'"),
        ("home_items: -1", "extra.lead.home_items: expected a whole number of 1 or more but received -1"),
        ("home_items: 0", "extra.lead.home_items: expected a whole number of 1 or more but received 0"),
        ("home_items: 2.5", "extra.lead.home_items: expected a whole number of 1 or more but received 2.5"),
        ("home_items: true", "extra.lead.home_items: expected a whole number of 1 or more but received True"),
        ("feed_size: ten", "extra.lead.feed_size: expected a whole number of 1 or more but received 'ten'"),
        ("feed_size: 0", "extra.lead.feed_size: expected a whole number of 1 or more but received 0"),
        ("feed_size:", "extra.lead.feed_size: expected a whole number of 1 or more but received None"),
        ("timezone: Mars/Olympus", "extra.lead.timezone: unknown time zone 'Mars/Olympus'"),
        ("timezone: 8", "extra.lead.timezone: expected a time zone name such as Europe/Brussels but received 8"),
        ("timezone: ../../etc/passwd", "extra.lead.timezone: unknown time zone '../../etc/passwd'"),
        ("data_dir: 5", "extra.lead.data_dir: expected a folder name, relative to mkdocs.yml, but received 5"),
        ('data_dir: ""', "extra.lead.data_dir: expected a folder name, relative to mkdocs.yml, but received ''"),
        ("home_item: 2", "extra.lead.home_item: unknown setting; did you mean home_items?"),
        ("colour: red", "extra.lead.colour: unknown setting; the settings are data_dir, feed_size, home_items, timezone"),
    ],
)
def test_a_wrong_setting_is_reported_at_its_line(site, written, message):
    _settings(site, f"timezone: Europe/Brussels\n{written}")
    result = site.leadctl("validate")
    assert result.exit_code == 1, result.output
    assert f"mkdocs.yml:{_line_of(site, written)}: {message}" in result.output
    assert "1 problem in 1 file" in result.output
    _no_traceback(result.output)


def test_settings_that_are_not_a_list_of_names_and_values(site):
    _settings(site, "")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  lead:\n", "  lead: 5\n"), encoding="utf-8")
    result = site.leadctl("validate")
    assert result.exit_code == 1, result.output
    assert f"mkdocs.yml:{_line_of(site, 'lead: 5')}: extra.lead: expected settings written as `name: value` lines but received 5" in result.output
    _no_traceback(result.output)


def test_every_wrong_setting_is_reported_in_one_run(site):
    _settings(site, 'timezone: Nowhere/Town\nhome_items: "x"\nfeed_size: -3\ndata_dir: [data]\nfeed_sise: 3')
    result = site.leadctl("validate", "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output[: result.output.rindex("]") + 1])
    found = {(problem["file"], problem["line"], problem["key"]) for problem in problems}
    assert found == {
        ("mkdocs.yml", _line_of(site, "timezone: Nowhere/Town"), "extra.lead.timezone"),
        ("mkdocs.yml", _line_of(site, 'home_items: "x"'), "extra.lead.home_items"),
        ("mkdocs.yml", _line_of(site, "feed_size: -3"), "extra.lead.feed_size"),
        ("mkdocs.yml", _line_of(site, "data_dir: [data]"), "extra.lead.data_dir"),
        ("mkdocs.yml", _line_of(site, "feed_sise: 3"), "extra.lead.feed_sise"),
    }
    assert all(problem["severity"] == "error" for problem in problems)


def test_the_site_folder_setting_is_checked_too(site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: 7\n", encoding="utf-8")
    result = site.leadctl("validate")
    assert result.exit_code == 1, result.output
    assert f"mkdocs.yml:{_line_of(site, 'site_dir: 7')}: site_dir: expected a folder name" in result.output
    _no_traceback(result.output)


def test_a_wrong_setting_stops_the_build_and_leaves_the_previous_site(site):
    site.event("autumn-seminar")
    site.build()
    before = site.snapshot()
    _settings(site, 'timezone: Europe/Brussels\nhome_items: "x"\nfeed_size: 0')
    result = site.leadctl("build")
    assert result.exit_code == 1, result.output
    assert f"mkdocs.yml:{_line_of(site, 'home_items')}: extra.lead.home_items: expected a whole number of 1 or more" in result.output
    assert f"mkdocs.yml:{_line_of(site, 'feed_size')}: extra.lead.feed_size: expected a whole number of 1 or more" in result.output
    assert "2 problems in 1 file; nothing was built and the previous site is untouched." in result.output
    _no_traceback(result.output)
    assert site.snapshot() == before


def test_plain_mkdocs_build_reports_the_settings_at_their_lines(site):
    _settings(site, 'timezone: Europe/Brussels\nhome_items: "x"\nbogus: 1')
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=site.root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"mkdocs.yml:{_line_of(site, 'home_items')}: extra.lead.home_items: expected a whole number of 1 or more but received 'x'" in output
    assert f"mkdocs.yml:{_line_of(site, 'bogus')}: extra.lead.bogus: unknown setting" in output
    assert "Traceback" not in output
    assert not (site.site_dir / "index.html").exists()


def test_serve_refuses_to_start_with_a_wrong_setting(site):
    _settings(site, "timezone: Europe/Brussels\nfeed_size: many")
    result = site.leadctl_process("serve", "-a", f"127.0.0.1:{free_port()}", timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"mkdocs.yml:{_line_of(site, 'feed_size')}: extra.lead.feed_size: expected a whole number of 1 or more but received 'many'" in output
    assert "nothing is served" in output
    assert "Traceback" not in output


def test_settings_read_from_the_environment_still_work(site, monkeypatch):
    for day in ("2026-05-01", "2026-05-02", "2026-05-03"):
        site.news(f"{day}-post", title=f"Post of {day}", date=day)
    _settings(site, "timezone: Europe/Brussels\nhome_items: !ENV [LEAD_HOME_ITEMS, 3]")
    monkeypatch.setenv("LEAD_HOME_ITEMS", "1")
    site.build()
    home = site.text("")
    assert "Post of 2026-05-03" in home and "Post of 2026-05-02" not in home

    monkeypatch.setenv("LEAD_HOME_ITEMS", "none")
    result = site.leadctl("validate")
    assert result.exit_code == 1, result.output
    line = _line_of(site, "home_items: !ENV")
    assert f"mkdocs.yml:{line}: extra.lead.home_items: expected a whole number of 1 or more but received 'none'" in result.output


def test_a_wrong_setting_inherited_from_another_file_is_reported_there(site):
    _settings(site, "timezone: Europe/Brussels")
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("extra:\n  lead:\n    timezone: Europe/Brussels\n", "")
    config.write_text("INHERIT: shared/base.yml\n" + text, encoding="utf-8")
    site.write("shared/base.yml", "extra:\n  lead:\n    timezone: Europe/Brussels\n    home_items: lots\n")
    result = site.leadctl("validate")
    assert result.exit_code == 1, result.output
    assert "shared/base.yml:4: extra.lead.home_items: expected a whole number of 1 or more but received 'lots'" in result.output


def test_good_settings_are_taken(site):
    for day in ("2026-05-01", "2026-05-02", "2026-05-03"):
        site.news(f"{day}-post", title=f"Post of {day}", date=day)
    _settings(site, "timezone: Asia/Shanghai\nhome_items: 2\nfeed_size: 1")
    site.build()
    home = site.text("")
    assert "Post of 2026-05-03" in home and "Post of 2026-05-02" in home and "Post of 2026-05-01" not in home
    rss = (site.site_dir / "news" / "rss.xml").read_text(encoding="utf-8")
    assert rss.count("<item>") == 1 and "Post of 2026-05-03" in rss


@pytest.mark.parametrize(
    ("written", "line_of", "message"),
    [
        ("extra:\n  lead: [a\n", None, "expected ',' or ']'"),
        ("site_name: x\nnav: home\n  about: about.md\n", "  about: about.md", "mapping values are not allowed here"),
    ],
)
def test_mkdocs_yml_that_is_not_yaml_is_reported_at_its_line(site, written, line_of, message):
    site.event("autumn-seminar")
    site.build()
    before = site.snapshot()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + written, encoding="utf-8")
    line = _line_of(site, line_of) if line_of else len(config.read_text(encoding="utf-8").splitlines()) + 1
    for command in ("validate", "build"):
        result = site.leadctl_process(command)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"mkdocs.yml:{line}: cannot be read: {message}" in output
        _no_traceback(output)
    assert site.snapshot() == before


def test_a_build_time_that_is_not_a_number_is_named(site):
    site.event("autumn-seminar")
    site.build()
    before = site.snapshot()
    result = subprocess.run(
        [sys.executable, "-m", "leadctl", "build"], cwd=site.root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": "2026-12-06"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "SOURCE_DATE_EPOCH: expected the build's time in whole seconds since 1970" in output
    assert "'2026-12-06'" in output
    _no_traceback(output)
    assert site.snapshot() == before
