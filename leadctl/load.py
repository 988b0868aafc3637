"""Reading YAML data and Markdown front matter, keeping the line of every key.

PyYAML is used with a resolver that differs from YAML 1.1 in two ways that
matter to hand-edited data:
- dates and times stay strings, so that our own validation (with time zones)
  parses them and reports a bad one with its line;
- only ``true``/``false`` are booleans, so ``country: NO`` stays Norway.
Duplicate keys, which PyYAML silently collapses, are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from .problems import Problem

KeyPath = tuple[str | int, ...]


class _DataResolver(Resolver):
    pass


# Copy the safe resolvers except timestamps and YAML 1.1's yes/no/on/off booleans.
_DataResolver.yaml_implicit_resolvers = {}
for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"):
            continue
        _DataResolver.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
_DataResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _DataLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _DataResolver,
):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _DataResolver.__init__(self)


_Loader: type = _DataLoader
if yaml.__with_libyaml__:

    class _CDataLoader(yaml._yaml.CParser, yaml.constructor.SafeConstructor, _DataResolver):  # type: ignore[misc,name-defined]
        """The same loader on libyaml's parser: the same data and lines, ten times faster on thousands of files."""

        def __init__(self, stream: str):
            yaml._yaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]
            yaml.constructor.SafeConstructor.__init__(self)
            _DataResolver.__init__(self)

    _Loader = _CDataLoader


@dataclass
class LoadedDocument:
    """A parsed YAML document with the line of every key and list item."""

    path: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, key_path: KeyPath) -> int:
        """The line of ``key_path`` or of its nearest ancestor that has one."""
        path = tuple(key_path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _walk(node: yaml.Node, path: KeyPath, doc: LoadedDocument, line_offset: int) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1 + line_offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1 + line_offset
            if key in seen:
                doc.problems.append(
                    Problem(
                        doc.path,
                        line,
                        format_key_path(path + (key,)),
                        f"duplicate key '{key}' (first given on line {seen[key]}); "
                        "YAML keeps only one of them: remove or merge the other",
                    )
                )
                continue
            seen[key] = line
            doc.lines[path + (key,)] = line
            _walk(value_node, path + (key,), doc, line_offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[path + (index,)] = item.start_mark.line + 1 + line_offset
            _walk(item, path + (index,), doc, line_offset)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> LoadedDocument:
    """Parse one YAML document; syntax errors become problems, never exceptions."""
    doc = LoadedDocument(path=path, data=None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc
        _walk(node, (), doc, line_offset)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = error.problem or error.context or "invalid YAML"
        doc.problems.append(
            Problem(path, line, "", f"YAML syntax error: {reason}; check indentation, colons and quotes on this line")
        )
    except yaml.YAMLError as error:
        doc.problems.append(Problem(path, 1 + line_offset, "", f"YAML error: {error}"))
    finally:
        loader.dispose()
    return doc


def read_yaml_file(file: Path, root: Path) -> LoadedDocument:
    relative = relative_path(file, root)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return LoadedDocument(relative, None, problems=[Problem(relative, 1, "", "the file is not UTF-8 text; save it as UTF-8")])
    return parse_yaml(text, relative)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def read_front_matter(file: Path, root: Path) -> LoadedDocument:
    """The YAML front matter of a Markdown file (lines counted in the .md file)."""
    relative = relative_path(file, root)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return LoadedDocument(relative, None, problems=[Problem(relative, 1, "", "the file is not UTF-8 text; save it as UTF-8")])
    match = _FRONT_MATTER.match(text)
    if not match:
        return LoadedDocument(
            relative,
            None,
            problems=[Problem(relative, 1, "", "no front matter: start the file with a '---' block holding title and date")],
        )
    return parse_yaml(match.group(1) or "", relative, line_offset=1)


def relative_path(file: Path, root: Path) -> str:
    try:
        # The usual case, a file found under the root: resolving both paths cost a fifth of loading.
        return file.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def format_key_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
