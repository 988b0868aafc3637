"""The pipeline as the tree shows it: each stage imports only from the stages before it.

Every import counts, including those inside functions and under TYPE_CHECKING: a
reader follows them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sitekit import REPO

PACKAGE = REPO / "leadctl"
STAGES = ["base", "records", "reading", "checking", "generators", "writers", "glue", "commands"]
"""In pipeline order; ``glue.speed`` belongs to the glue, which alone may call it."""
MKDOCS_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; leadctl's modules import each other by full name"
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "leadctl" and parts[1] in STAGES else None


def test_every_module_lives_in_a_stage():
    loose = [name for name in _modules() if name.count(".") == 1 and name not in ("leadctl.__main__",) and _stage(name) is None]
    assert loose == []


def test_each_stage_imports_only_from_the_stages_before_it():
    backwards = []
    for module, imported in _modules().items():
        stage = _stage(module)
        if stage is None:
            continue
        for name in imported:
            other = _stage(name)
            if other is not None and STAGES.index(other) > STAGES.index(stage):
                backwards.append(f"{module} imports {name}")
    assert backwards == [], backwards


def test_only_the_glue_imports_mkdocs_and_only_the_glue_reaches_the_speed_layer():
    wrong = []
    for module, imported in _modules().items():
        in_glue = module.startswith("leadctl.glue")
        for name in imported:
            if name.split(".")[0] in MKDOCS_PACKAGES and not in_glue:
                wrong.append(f"{module} imports {name}")
            if name.startswith("leadctl.glue.speed") and not in_glue:
                wrong.append(f"{module} imports {name}")
    assert wrong == [], wrong
    hooks = _imports(REPO / "hooks" / "lead.py")
    assert {name for name in hooks if name.startswith("leadctl")} <= {name for name in hooks if name.startswith("leadctl.glue")}


def test_no_import_cycles():
    modules = _modules()
    graph = {
        module: {name for name in imported if name in modules and name != module} | {
            name.rsplit(".", 1)[0] for name in imported if name.rsplit(".", 1)[0] in modules and name.rsplit(".", 1)[0] != module
        }
        for module, imported in modules.items()
    }
    # A package's __init__ is imported with each of its modules; that is not a cycle of the code's.
    graph = {module: {name for name in targets if not module.startswith(name + ".")} for module, targets in graph.items()}
    cycles, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for name in sorted(graph[module]):
            if state.get(name) == "open":
                cycles.append(" -> ".join(trail[trail.index(name):] + [module, name]) if name in trail else f"{module} -> {name}")
            elif name not in state:
                visit(name, trail + [module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == [], cycles
