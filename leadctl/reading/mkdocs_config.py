"""Where each key of mkdocs.yml is written, for problems with its settings.

MkDocs reads the values (with its ``!ENV`` and ``!relative`` tags); this
only composes the file into nodes, which keep their lines and need no tag
to be understood.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from leadctl.base.settings import ConfigKeyPath, SettingLines

_MAX_DEPTH = 64
"""Levels of nesting followed; mkdocs.yml needs far fewer."""
_MAX_INHERITANCE = 10
"""Files chained by ``INHERIT`` that are followed; more would be a loop."""


def read_setting_lines(config_file: Path) -> SettingLines:
    """The lines of mkdocs.yml's keys, and of the files it inherits from; no lines when it cannot be read."""
    return _read(Path(config_file), Path(config_file).parent, _MAX_INHERITANCE)


def _read(file: Path, root: Path, depth: int) -> SettingLines:
    label = _label(file, root)
    try:
        node = yaml.compose(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeError, yaml.YAMLError):
        return SettingLines(label)
    lines: dict[ConfigKeyPath, int] = {}
    if node is not None:
        _walk(node, (), lines)
    inherited = None
    parent = _inherit(node)
    if parent is not None and depth > 0:
        inherited = _read(Path(os.path.normpath(file.parent / parent)), root, depth - 1)
    return SettingLines(label, lines, inherited)


def _label(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(file.resolve(), root.resolve()).replace(os.sep, "/")


def _inherit(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


def _walk(node: yaml.Node, path: ConfigKeyPath, lines: dict[ConfigKeyPath, int]) -> None:
    if len(path) > _MAX_DEPTH:  # an alias can make a node its own descendant
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                # A key written twice: PyYAML, and so MkDocs, keeps the last.
                lines[(*path, key.value)] = key.start_mark.line + 1
                _walk(value, (*path, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _walk(item, (*path, index), lines)
