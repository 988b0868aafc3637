"""An error inside one language's pass: one clear line, exit 1, the previous site byte for byte.

The failure is a real one a contributor can make: a hand-written Chinese page
whose front matter names a theme template that does not exist, so that only
the Chinese pass fails (in its own process when the languages are built in
parallel, inside the English build's last step when they are not).
"""

from __future__ import annotations

import pytest

from sitekit import write_sample_network


@pytest.mark.parametrize("parallel", ["1", "0"], ids=["parallel", "one-after-the-other"])
def test_a_failing_chinese_pass_is_one_line_and_keeps_the_previous_site(site, monkeypatch, parallel):
    write_sample_network(site)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n", "nav:\n  - About: about.md\n", 1), encoding="utf-8")
    monkeypatch.setenv("LEADCTL_PARALLEL", parallel)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    built = site.leadctl_process("build", "--quiet")
    assert built.returncode == 0, built.stderr
    before = site.snapshot()

    site.write("docs/zh/about.md", "---\ntemplate: lead-missing.html\n---\n\n# 关于\n\n中文说明。\n")
    failed = site.leadctl_process("build")

    assert failed.returncode == 1
    output = failed.stdout + failed.stderr
    assert "Traceback" not in output and "LanguageBuildFailed" not in output, output
    failure_lines = [line for line in output.splitlines() if line.startswith("Build failed:")]
    assert len(failure_lines) == 1, output
    assert "lead-missing.html" in failure_lines[0]
    if parallel == "1":  # the Chinese pass ran in a process of its own: the line names it
        assert "Chinese" in failure_lines[0] and "(zh)" in failure_lines[0]
    assert "zh/about.md" in output  # MkDocs names the page it was building
    assert site.snapshot() == before


def test_the_data_problems_a_build_stops_at_are_not_told_as_a_failed_pass(site, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
    failed = site.leadctl_process("build")
    assert failed.returncode == 1
    output = failed.stdout + failed.stderr
    assert "data/members/uni-a.yml:3: country:" in output
    assert "Build failed" not in output and "DataProblems" not in output, output
    assert output.rstrip().endswith("nothing was built and the previous site is untouched."), output
