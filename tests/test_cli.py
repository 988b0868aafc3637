"""leadctl build / validate / serve as a contributor meets them."""

from __future__ import annotations

import os
import subprocess
import sys

from sitekit import TODAY_EPOCH


def test_failed_build_leaves_the_previous_site_exactly_as_it_was(site):
    site.member("uni-a")
    site.build()
    before = site.snapshot()
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "data/members/uni-a.yml:3: country:" in result.output
    assert "previous site is untouched" in result.output
    assert site.snapshot() == before


def test_data_problems_are_reported_with_a_configuration_mkdocs_refuses(site):
    # The data is checked while MkDocs reads mkdocs.yml: both are reported, and nothing is built.
    site.member("uni-a")
    site.build()
    before = site.snapshot()
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: no-such-theme\n"), encoding="utf-8")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "data/members/uni-a.yml:3: country:" in result.output and "no-such-theme" in result.output
    assert "nothing was built and the previous site is untouched" in result.output
    site.member("uni-a")  # the data mended, MkDocs' refusal is what is left
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "no-such-theme" in result.output and "previous site was left untouched" in result.output
    assert site.snapshot() == before


def test_data_problems_come_first_whatever_fails_while_the_data_is_checked(site, monkeypatch):
    import leadctl.glue.speed.precompile

    def failing(*args, **kwargs):
        raise RuntimeError("the theme's templates cannot be compiled")

    monkeypatch.setattr(leadctl.glue.speed.precompile, "CompilingBeside", failing)
    monkeypatch.setenv("LEADCTL_PARALLEL", "1")  # where the data is checked in another process meanwhile
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "data/members/uni-a.yml:3: country:" in result.output


def test_strict_mode_warning_fails_the_build_and_keeps_the_old_site(site):
    site.build()
    before = site.snapshot()
    site.write("docs/zh/index.md", "# 首页\n\n[坏链接](missing.md)\n")
    result = site.leadctl("build")
    assert result.exit_code == 1
    assert "docs/zh/index.md:3: link to 'missing.md'" in result.output
    assert "the previous site is untouched" in result.output
    assert site.snapshot() == before
    assert [path.name for path in site.root.glob(".site*") if path.is_dir()] == []  # the lock file stays


def test_build_into_another_folder(site):
    result = site.leadctl("build", "--site-dir", "public", "--quiet")
    assert result.exit_code == 0, result.output
    assert (site.root / "public" / "zh" / "index.html").is_file()
    assert not site.site_dir.exists()


def test_build_reports_what_it_built(site):
    site.member("uni-a")
    result = site.leadctl("build")
    assert result.exit_code == 0
    assert "1 member, " in result.output and "Built" in result.output


def test_plain_mkdocs_build_runs_the_same_checks_without_traceback(site):
    site.member("uni-a")
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    ok = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site.root, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert (site.site_dir / "zh" / "members" / "uni-a" / "index.html").is_file()
    before = site.snapshot()
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\nwebsite: javascript:alert(1)\n")
    bad = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site.root, env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "data/members/uni-a.yml:4: website: URL 'javascript:alert(1)' must start with http://, https:// or mailto:" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert site.snapshot() == before


def test_validate_as_a_process_exits_one_without_traceback(site):
    site.write("data/members/uni-a.yml", "kind: institution\n  name: A\n")
    result = site.leadctl_process("validate")
    assert result.returncode == 1
    assert result.stdout.startswith("data/members/uni-a.yml:2: YAML syntax error")
    assert "Traceback" not in result.stdout + result.stderr


def test_build_as_a_process_says_what_it_built_and_exits_zero_then_one_on_bad_data(site):
    # The process leaves without tearing the interpreter down (leadctl.commands.cli.main): its output and files are complete.
    built = site.leadctl_process("build")
    assert built.returncode == 0, built.stderr
    assert "Built " in built.stderr and built.stderr.endswith("s.\n")
    assert (site.site_dir / "zh" / "index.html").is_file() and (site.site_dir / "sitemap.xml.gz").is_file()
    before = site.snapshot()
    site.write("data/members/uni-a.yml", "kind: institution\n  name: A\n")
    broken = site.leadctl_process("build")
    assert broken.returncode == 1
    assert broken.stdout.startswith("data/members/uni-a.yml:2: YAML syntax error")
    assert "the previous site is untouched" in broken.stderr and "Traceback" not in broken.stderr
    assert site.snapshot() == before


def test_missing_config_file_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "leadctl", "validate"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert "mkdocs.yml: not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_to_start_on_invalid_data(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
    result = site.leadctl("serve")
    assert result.exit_code == 1
    assert "data/members/uni-a.yml:3: country:" in result.output
