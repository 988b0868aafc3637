"""The JSON Schemas agree with leadctl's validator, and the shipped ones are current.

Each case is one file, judged twice: by ``load_project`` (the validator, in a
small project) and by ``jsonschema`` against the same YAML as leadctl's loader
reads it. Where a schema cannot know the answer (other files, the calendar,
the time-zone database), the case is listed under KNOWN_GAPS with the reason.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from leadctl.reading.documents import parse_yaml, read_front_matter
from leadctl.base.problems import ValidationFailed
from leadctl.checking.project import load_project
from leadctl.commands.schema import SCHEMA_FILES, record_schema
from sitekit import REPO, ProjectSite

FILE_OF = {
    "member": "data/members/case.yml",
    "event": "data/events/case.yml",
    "brief": "data/briefs/case.yml",
    "knowledge": "data/knowledge/case.yml",
    "pillars": "data/pillars.yml",
    "news": "docs/news/2026-05-01-case.md",
}

MEMBER = "kind: institution\nname: Case University\ncountry: NL\n"
EVENT = "title: Forum\nkind: forum\nsummary: A forum.\n"
BRIEF = "title: Brief\ndate: 2026-03-01\nsummary: A brief.\n"
WORK = "title: Work\nkind: report\nsummary: A work.\n"
PILLAR = "- id: research\n  title: Research\n  summary: Research.\n"

# (kind, file text, valid?) — the validator and the schema must both give this verdict.
AGREED = [
    ("member", MEMBER, True),
    ("member", MEMBER + "city:\n  en: Leiden\n  zh: 莱顿\nwebsite: https://www.example.org/\njoined: 2026-01-31\n"
               "description:\n  en: |\n    Text.\n  zh:\ntags: [leadership]\npillars: [research]\n", True),
    ("member", "kind: institution\nname:\n  en: Case\n  zh: ''\ncountry: 'NO'\n", True),
    ("member", "kind: institution\nname: 北京某大学\ncountry: NO\n", True),
    ("member", "kind: individual\nname: A. Person\ncountry: CN\naffiliation: base-uni\nrole:\n  en: Professor\nbio:\n  en: Bio.\n", True),
    ("member", "kind: individual\nname: A. Person\ncountry: CN\ndescription:\n", True),
    ("member", "kind: institution\nname: Case\n", False),
    ("member", "kind: institution\nname: Case\ncountry: XX\n", False),
    ("member", "kind: institution\nname: Case\ncountry: nl\n", False),
    ("member", MEMBER + "websit: https://example.org/\n", False),
    ("member", "kind: company\nname: Case\ncountry: NL\n", False),
    ("member", MEMBER + "website: javascript:alert(1)\n", False),
    ("member", MEMBER + "website: https://\n", False),
    ("member", MEMBER + "joined: 2026-1-5\n", False),
    ("member", MEMBER + "joined: 2026-01-05 10:00\n", False),
    ("member", "kind: institution\nname: ''\ncountry: NL\n", False),
    ("member", "kind: institution\nname: '   '\ncountry: NL\n", False),
    ("member", "kind: institution\nname:\n  zh: 只有中文\ncountry: NL\n", False),
    ("member", "kind: institution\nname:\n  en: Case\n  fr: Cas\ncountry: NL\n", False),
    ("member", "kind: institution\nname: 123\ncountry: NL\n", False),
    ("member", MEMBER + "tags: leadership\n", False),
    ("member", MEMBER + f"tags: [{'x' * 61}]\n", False),
    ("member", MEMBER + "pillars: [Research]\n", False),
    ("member", MEMBER + "bio:\n  en: Bio.\n", False),
    ("member", "kind: individual\nname: A. Person\ncountry: CN\ndescription:\n  en: Text.\n", False),
    ("member", "- kind: institution\n", False),
    ("event", EVENT + "start: 2026-10-13\n", True),
    ("event", EVENT + "start: 2026-10-13\nend: 2026-10-15\nonline: true\naudience: senior\norganizers: [base-uni]\n", True),
    ("event", EVENT + "start: 2026-10-13 09:30\nend: 2026-10-13 17:00\ntimezone: Asia/Shanghai\n", True),
    ("event", EVENT + "start: 2026-10-13T09:30+02:00\n", True),
    ("event", EVENT + "start: 2026-10-13T09:30Z\nend: 2026-10-13T11:00Z\n", True),
    ("event", "title: Forum\nkind: forum\nstart: 2026-10-13\n", False),
    ("event", EVENT.replace("forum\n", "lecture\n") + "start: 2026-10-13\n", False),
    ("event", EVENT + "start: 13 October 2026\n", False),
    ("event", EVENT + "start: 2026-10-13 09:30\n", False),
    ("event", EVENT + "start: 2026-10-13\nend: 2026-10-14 10:00\n", False),
    ("event", EVENT + "start: 2026-10-13\nend: 2026-10-14 10:00\ntimezone: Europe/Brussels\n", False),
    ("event", EVENT + "start: 2026-10-13 09:30\nend: 2026-10-14\ntimezone: Europe/Brussels\n", False),
    ("event", EVENT + "start: 2026-10-13 09:30\ntimezone: not a zone\n", False),
    ("event", EVENT + "start: 2026-10-13 09:30\ntimezone:\n", False),
    ("event", EVENT + "start: 2026-10-13\nonline: yes\n", False),
    ("event", EVENT + "start: 2026-10-13\naudience: junior\n", False),
    ("event", EVENT + "start: 2026-10-13\nurl: ftp://example.org/\n", False),
    ("brief", BRIEF, True),
    ("brief", BRIEF + "authors:\n  - member: base-uni\n  - name: A. Person\n  - member: base-uni\n    name:\n"
              "files:\n  en: https://example.org/brief.pdf\ndoi: 10.1234/abcd\n", True),
    ("brief", BRIEF + "authors:\n  - member: base-uni\n    name: A. Person\n", False),
    ("brief", BRIEF + "authors:\n  - {}\n", False),
    ("brief", BRIEF + "authors:\n  - member:\n    name:\n", False),
    ("brief", BRIEF + "authors:\n  - orcid: 0000-0001\n", False),
    ("brief", BRIEF + "authors:\n  - organisation:\n      en: LEAD Working Group\n      zh: LEAD 工作组\n  - member: base-uni\n    organisation:\n", True),
    ("brief", BRIEF + "authors:\n  - organisation: LEAD Working Group\n    name: A. Person\n", False),
    ("brief", BRIEF + "authors:\n  - organisation:\n", False),
    ("knowledge", WORK + "authors:\n  - organisation: LEAD Working Group\n  - name: A. Person\n  - member: base-uni\n    name:\n", True),
    ("knowledge", WORK + "authors:\n  - member: base-uni\n    organisation: LEAD Working Group\n", False),
    ("knowledge", WORK + "authors:\n  - {}\n", False),
    ("brief", BRIEF + "doi: https://doi.org/10.1234/abcd\n", False),
    ("brief", BRIEF.replace("2026-03-01", "2026-03-01 10:00"), False),
    ("brief", "title: Brief\ndate: 2026-03-01\n", False),
    ("pillars", PILLAR, True),
    ("pillars", PILLAR + "  activities:\n    - Joint studies\n    - en: Training\n      zh: 培训\n", True),
    ("pillars", "- id: research\n  title: Research\n", False),
    ("pillars", PILLAR + "  activities:\n    - ''\n", False),
    ("pillars", "research:\n  title: Research\n", False),
    ("pillars", "- id: Research\n  title: Research\n  summary: R.\n", False),
    ("news", "---\ntitle: Launch\ndate: 2026-05-01\n---\n\nText.\n", True),
    ("news", "---\ntitle: Launch\ndate: 2026-05-01 10:00\nsummary: S.\ntags: [web]\npillars: [research]\n---\n\nText.\n", True),
    ("news", "---\ntitle: Launch\n---\n\nText.\n", False),
    ("news", "---\ntitle: Launch\ndate: 1 May 2026\n---\n\nText.\n", False),
    ("news", "---\ntitle: Launch\ndate: 2026-05-01\nauthor: Someone\n---\n\nText.\n", False),
    ("news", "---\ntitle: ''\ndate: 2026-05-01\n---\n\nText.\n", False),
]

# Files the validator refuses but a schema accepts, because no schema can tell.
KNOWN_GAPS = [
    ("member", MEMBER + "pillars: [no-such-pillar]\n", "a reference to another file"),
    ("member", "kind: individual\nname: A\ncountry: CN\naffiliation: no-such-member\n", "a reference to another file"),
    ("event", EVENT + "start: 2026-10-13\norganizers: [no-such-member]\n", "a reference to another file"),
    ("event", EVENT + "start: 2026-10-13\nend: 2026-10-12\n", "the order of two dates"),
    ("event", EVENT + "start: 2026-03-29 02:30\ntimezone: Europe/Brussels\n", "a local time skipped by the clocks"),
    ("event", EVENT + "start: 2026-02-30\n", "an impossible calendar date"),
    ("event", EVENT + "start: 2026-10-13 09:30\ntimezone: Europe/Atlantis\n", "the time-zone database"),
    ("pillars", PILLAR + PILLAR, "two list items with the same id"),
]


def _project(tmp_path: Path, kind: str, text: str) -> ProjectSite:
    site = ProjectSite(tmp_path / "project")
    site.member("base-uni")
    site.write(FILE_OF[kind], text)
    return site


def validator_accepts(site: ProjectSite, kind: str) -> bool:
    try:
        load_project(site.root)
    except ValidationFailed as failure:
        return not any(problem.file == FILE_OF[kind] for problem in failure.problems)
    return True


def schema_accepts(site: ProjectSite, kind: str) -> bool:
    path = site.root / FILE_OF[kind]
    if kind == "news":
        document = read_front_matter(path, site.root)
    else:
        document = parse_yaml(path.read_text(encoding="utf-8"), FILE_OF[kind])
    assert not document.problems
    return Draft202012Validator(record_schema(kind)).is_valid(document.data)


@pytest.mark.parametrize(("kind", "text", "valid"), AGREED)
def test_schema_and_validator_agree(tmp_path, kind, text, valid):
    site = _project(tmp_path, kind, text)
    assert validator_accepts(site, kind) is valid
    assert schema_accepts(site, kind) is valid


@pytest.mark.parametrize(("kind", "text", "reason"), KNOWN_GAPS)
def test_what_only_the_validator_can_check(tmp_path, kind, text, reason):
    site = _project(tmp_path, kind, text)
    assert not validator_accepts(site, kind), reason
    assert schema_accepts(site, kind), f"the schema now checks {reason}: move this case to AGREED"


@pytest.mark.parametrize("kind", SCHEMA_FILES)
def test_each_schema_is_a_valid_json_schema(kind):
    Draft202012Validator.check_schema(record_schema(kind))


def _without_country_list(schema: dict) -> dict:
    """The schema apart from the country codes, which come from pycountry's data, not from leadctl."""
    copy = json.loads(json.dumps(schema))
    copy.get("properties", {}).get("country", {}).pop("enum", None)
    return copy


def test_the_shipped_schemas_are_up_to_date():
    for kind, name in SCHEMA_FILES.items():
        shipped = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert _without_country_list(shipped) == _without_country_list(record_schema(kind)), (
            f"{name}: run `leadctl schema --out schemas` and commit the result"
        )


def test_the_shipped_country_list_holds_only_codes_leadctl_accepts_and_every_one_the_data_uses(tmp_path):
    shipped = json.loads((REPO / "schemas" / "member.schema.json").read_text(encoding="utf-8"))["properties"]["country"]["enum"]
    assert shipped == sorted(set(shipped))
    site = ProjectSite(tmp_path / "project")
    for code in shipped:  # one project, one member per code: the validator judges them all at once
        site.member(f"member-{code.lower()}", country=code)
    load_project(site.root)
    used = {parse_yaml(path.read_text(encoding="utf-8"), path.name).data["country"] for path in (REPO / "data" / "members").glob("*.yml")}
    assert {"NL", "CN", "DE"} | used <= set(shipped)


def test_schema_command_writes_and_checks(tmp_path):
    out = tmp_path / "out"
    check_missing = subprocess.run(
        [sys.executable, "-m", "leadctl", "schema", "--out", str(out), "--check"], capture_output=True, text=True
    )
    assert check_missing.returncode == 1
    assert "member.schema.json" in check_missing.stderr and "leadctl schema --out" in check_missing.stderr
    written = subprocess.run([sys.executable, "-m", "leadctl", "schema", "--out", str(out)], capture_output=True, text=True)
    assert written.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(SCHEMA_FILES.values())
    for kind, name in SCHEMA_FILES.items():
        assert json.loads((out / name).read_text(encoding="utf-8")) == record_schema(kind)
    check_current = subprocess.run(
        [sys.executable, "-m", "leadctl", "schema", "--out", str(out), "--check"], capture_output=True, text=True
    )
    assert check_current.returncode == 0, check_current.stderr
    (out / "event.schema.json").write_text("{}\n", encoding="utf-8")
    check_stale = subprocess.run(
        [sys.executable, "-m", "leadctl", "schema", "--out", str(out), "--check"], capture_output=True, text=True
    )
    assert check_stale.returncode == 1 and "event.schema.json" in check_stale.stderr
    assert "member.schema.json" not in check_stale.stderr


def _vscode_schema_map() -> dict[str, str]:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    return settings["yaml.schemas"]


def test_editor_settings_map_every_data_file_to_an_existing_schema():
    mapping = _vscode_schema_map()
    covered = set()
    for schema, globs in mapping.items():
        assert (REPO / schema).is_file(), schema
        for pattern in [globs] if isinstance(globs, str) else globs:
            covered |= {p.relative_to(REPO).as_posix() for p in REPO.glob(pattern)}
    data_files = {p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*.yml")}
    assert data_files and data_files <= covered


def test_the_repository_data_passes_check_jsonschema_with_the_mapped_schemas():
    for schema, globs in _vscode_schema_map().items():
        files = sorted(str(p) for pattern in ([globs] if isinstance(globs, str) else globs) for p in REPO.glob(pattern))
        if not files:
            continue
        result = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile", str(REPO / schema), *files], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_reports_a_bad_file_too(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("kind: institution\nname: X\ncountry: XX\nwebsit: https://example.org/\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--output-format", "json",
         "--schemafile", str(REPO / "schemas/member.schema.json"), str(bad)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert {error["filename"] for error in errors} == {str(bad)}
    assert "$.country" in {error["path"] for error in errors}
    assert any(error["path"] == "$" and "websit" in error["message"] for error in errors)  # the unknown key, by name


def test_a_scaffolded_record_points_at_the_shipped_schema_and_passes_it(site):
    result = site.leadctl("new", "member", "case", "--kind", "individual", "--name", "A. Person", "--country", "CN")
    assert result.exit_code == 0, result.output
    path = site.root / "data/members/case.yml"
    modeline = path.read_text(encoding="utf-8").splitlines()[0]
    relative = modeline.split("$schema=", 1)[1]
    assert (REPO / "data" / "members" / relative).resolve() == (REPO / "schemas" / "member.schema.json").resolve()
    data = parse_yaml(path.read_text(encoding="utf-8"), "x").data
    assert Draft202012Validator(record_schema("member")).is_valid(data)
