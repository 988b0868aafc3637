"""The registry of record kinds is the only list of them, and each kind has all it needs.

Adding a kind should be: a model, a registry entry, a generator module, its
templates and words, and tests. These tests fail when a kind lacks one of
them, or when a module outside the registry spells the kinds out again.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from leadctl.base.text import COUNTED, UI
from leadctl.commands.schema import schema_text
from leadctl.records.kinds import DATA_KINDS, KINDS, RecordKind
from leadctl.records.models import LANGUAGES, Record
from sitekit import ProjectSite, write_sample_network

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "leadctl"
KIND_NAMES = {kind.name for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_kind_has_a_model_a_generator_templates_words_and_a_schema(kind: RecordKind):
    assert issubclass(kind.model, Record)
    generator = importlib.import_module(f"leadctl.generators.{kind.name}")
    assert list(inspect.signature(generator.render_listing).parameters) == ["page"]
    assert len(inspect.signature(generator.structured_data).parameters) == 2
    assert len(inspect.signature(generator.search_facets).parameters) == 2
    if kind.record_pages:
        assert len(inspect.signature(generator.render_record).parameters) == 2
    templates = set(re.findall(r'"([a-z_]+\.html)"', inspect.getsource(generator)))
    assert f"{kind.name}_index.html" in templates
    assert all((PACKAGE / "templates" / name).is_file() for name in templates), templates
    assert all(COUNTED[kind.counted].get(language) for language in LANGUAGES), f"COUNTED needs {kind.counted!r}"
    for word in (kind.name, f"{kind.name}_intro", f"kind_{kind.name}"):
        assert all(UI[word].get(language) for language in LANGUAGES), f"{word} needs its text in {LANGUAGES}"
    shipped = REPO / "schemas" / kind.schema_file
    assert shipped.read_text(encoding="utf-8") == schema_text(kind.schema), f"run `leadctl schema` for {kind.schema_file}"


def test_kind_names_folders_and_schemas_are_unique():
    for attribute in ("name", "schema", "noun"):
        values = [getattr(kind, attribute) for kind in KINDS]
        assert len(values) == len(set(values)), attribute
    assert len({kind.data_entry for kind in DATA_KINDS}) == len(DATA_KINDS)


def test_every_kind_has_its_listing_and_record_pages_in_both_languages(tmp_path):
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    site.build()
    from leadctl.checking.project import load_project

    project = load_project(site.root)
    for kind in KINDS:
        for language in LANGUAGES:
            prefix = "" if language == "en" else f"{language}/"
            listing = site.html(f"{prefix}{kind.listing_path()}")
            assert listing.html["lang"] == language
            assert listing.select_one("article h1").get_text(strip=True) == UI[kind.name][language]
            if not kind.record_pages:
                continue
            records = project.collection(kind.name)
            assert records, f"the sample network has no {kind.name}"
            for record_id in records:
                page = site.html(f"{prefix}{kind.record_path(record_id)}")
                assert page.html["lang"] == language
                assert page.select_one("article h1").get_text(strip=True)


def _kind_lists(tree: ast.AST) -> list[tuple[int, list[str]]]:
    """Collections written out in the code (tuples, lists, sets, dict keys) naming two or more kinds."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [key for key in node.keys if key is not None]
        else:
            continue
        names = sorted({item.value for item in items if isinstance(item, ast.Constant) and item.value in KIND_NAMES})
        if len(names) >= 2:
            found.append((node.lineno, names))
    return found


def test_no_module_but_the_registry_lists_the_kinds():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative == "leadctl/records/kinds.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if relative == "leadctl/base/text.py":
            # The table of words the site says has one entry per word; kinds' titles are among them, looked up by kind name.
            tree = ast.Module(body=[node for node in tree.body if not _assigns(node, "UI")], type_ignores=[])
        offenders += [f"{relative}:{line}: {', '.join(names)}" for line, names in _kind_lists(tree)]
    assert offenders == [], "list the kinds only in leadctl/records/kinds.py:\n" + "\n".join(offenders)


def _assigns(node: ast.stmt, name: str) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return any(isinstance(target, ast.Name) and target.id == name for target in targets)


def test_the_check_finds_a_written_out_list():
    assert _kind_lists(ast.parse('KINDS = ("members", "events")\nFOLDERS = {"briefs": 1, "pillars": 2}')) == [
        (1, ["events", "members"]),
        (2, ["briefs", "pillars"]),
    ]
    assert _kind_lists(ast.parse('if kind == "members": pass\nLABELS = ("members", "individual")')) == []
