"""Reading YAML data and Markdown front matter, keeping the line of every key.

PyYAML is used with a resolver that differs from YAML 1.1 in ways that
matter to hand-edited data:
- dates and times stay strings, so that our own validation (with time zones)
  parses them and reports a bad one with its line;
- only ``true``/``false`` are booleans, so ``country: NO`` stays Norway;
- there are no base-60 numbers (as in YAML 1.2), so ``end: 16:30`` is the
  time 16:30 and not the number 990.
Duplicate keys, which PyYAML silently collapses, are reported. Whatever the
bytes of a file, reading it gives a document or problems with lines, never
an exception: aliases (which can make a small file expand without bound),
nesting deeper than any record needs, control characters and invalid UTF-8
are refused with their place, and the slips of a Chinese keyboard (a
full-width colon or space, a tab) are named where they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from leadctl.base.problems import Problem

KeyPath = tuple[str | int, ...]

MAX_DEPTH = 64
"""Levels of nesting a file may have; records need five at most."""


class _DataResolver(Resolver):
    pass


# YAML 1.1's ints and floats without their base-60 forms (``16:30``, ``1:30.5``).
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_REPLACED = {"tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}

# Copy the safe resolvers except timestamps and YAML 1.1's yes/no/on/off booleans.
_DataResolver.yaml_implicit_resolvers = {}
for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"):
            continue
        _DataResolver.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _REPLACED.get(_tag, _regexp)))
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


class _Refused(Exception):
    """The document cannot be read further; carries the one problem that says why."""

    def __init__(self, problem: Problem):
        self.problem = problem


def character_name(char: str) -> str:
    """A character as a contributor can find it: ``full-width colon '：' (U+FF1A)``."""
    code = f"U+{ord(char):04X}"
    name = _CHARACTER_NAMES.get(char)
    if name is None:
        try:
            name = unicodedata.name(char).lower()
        except ValueError:
            name = "lone surrogate" if 0xD800 <= ord(char) <= 0xDFFF else "control character"
    shown = f" '{char}'" if char.isprintable() and not char.isspace() else ""
    return f"{name}{shown} ({code})"


_CHARACTER_NAMES = {
    "\t": "tab",
    "\x00": "NUL character",
    "\u3000": "full-width space",
    "\u00a0": "no-break space",
    "\u200b": "zero-width space",
    "\ufeff": "byte order mark",
    "\uff1a": "full-width colon",
    "\uff0c": "full-width comma",
    "\u3001": "ideographic comma",
    "\uff03": "full-width number sign",
    "\uff0d": "full-width hyphen",
    "\uff3b": "full-width left bracket",
    "\uff3d": "full-width right bracket",
    "\u3010": "left black lenticular bracket",
    "\u3011": "right black lenticular bracket",
    "\uff5b": "full-width left brace",
    "\uff5d": "full-width right brace",
    "\u201c": "left double quotation mark",
    "\u201d": "right double quotation mark",
    "\u2018": "left single quotation mark",
    "\u2019": "right single quotation mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\x85": "next-line character",
}

# What each look-alike stands for in YAML's syntax.
_ASCII_FOR = {
    "\uff1a": "an ASCII colon and a space ': '",
    "\uff0c": "an ASCII comma ','",
    "\u3001": "an ASCII comma ','",
    "\uff03": "an ASCII '#'",
    "\uff0d": "an ASCII hyphen '-'",
    "\uff3b": "an ASCII '['",
    "\uff3d": "an ASCII ']'",
    "\u3010": "an ASCII '['",
    "\u3011": "an ASCII ']'",
    "\uff5b": "an ASCII '{'",
    "\uff5d": "an ASCII '}'",
    "\u201c": "an ASCII double quote '\"'",
    "\u201d": "an ASCII double quote '\"'",
    "\u2018": "an ASCII single quote \"'\"",
    "\u2019": "an ASCII single quote \"'\"",
}
_LOOK_ALIKES = "".join(_ASCII_FOR)
_ODD_SPACES = "\u3000\u00a0\u200b\ufeff\u2002\u2003\u2009\u202f"

# Characters YAML refuses (and that a file pasted from elsewhere may hold), and
# line separators YAML would count as new lines where an editor shows none.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\x85\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# A line whose key ends with a look-alike colon (``  zh：王芳``, ``- name：X``).
_KEY_WITH_WIDE_COLON = re.compile(r"^[ ]*(?:-[ ]+)*([A-Za-z_][\w-]*)[ \t\u3000]*\uff1a")
# What follows indentation on a line of keys (not a paragraph of a block of text).
_KEY_OR_ITEM = re.compile(r"-[ ]|[\w-]+[ ]*[:\uff1a]")
# A plain value that is really a key and a value (``name:\n  zh：王芳`` reads as the text 'zh：王芳').
_VALUE_WITH_WIDE_COLON = re.compile(r"^([A-Za-z_][\w-]*)[ \u3000]*\uff1a")


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = 0
    line = 1
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


def _unreadable_character(text: str, path: str, line_offset: int) -> Problem | None:
    found = _UNREADABLE.search(text)
    if found is None:
        return None
    line, column = _line_and_column(text, found.start())
    char = found.group()
    if char in "\x85\u2028\u2029":
        advice = "delete it, or press Enter there if a new line is meant"
    elif 0xD800 <= ord(char) <= 0xDFFF:
        advice = "the text was damaged when copied; retype that character"
    else:
        advice = "delete it (it is invisible in most editors and was probably pasted with the text)"
    return Problem(path, line + line_offset, "", f"{character_name(char)} at column {column} is not allowed in a data file; {advice}")


def _slip_hint(text: str, path: str, line_offset: int, last_line: int) -> Problem | None:
    """The first Chinese-keyboard slip or tab in YAML's syntax on lines up to ``last_line``."""
    lines = _LINE_BREAK.split(text, maxsplit=last_line)[:last_line]
    # The slip nearest the error: YAML stops at it or on the line after it.
    for number, line in reversed(list(enumerate(lines, start=1))):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped[:1] == "\t" or (stripped and stripped[0] in _ODD_SPACES and _KEY_OR_ITEM.match(stripped.lstrip(_ODD_SPACES + " \t"))):
            char = stripped[0]
            advice = (
                "YAML indents with spaces only: replace the tab with spaces"
                if char == "\t"
                else "it is not indentation to YAML: delete it and indent with ordinary spaces"
            )
            return Problem(path, number + line_offset, "", f"{character_name(char)} at column {indent + 1}, before the text; {advice}")
        key = _KEY_WITH_WIDE_COLON.match(line)
        if key is not None and ":" not in line[: key.end()]:
            column = key.end()
            return Problem(
                path,
                number + line_offset,
                "",
                f"{character_name(chr(0xFF1A))} at column {column}, after '{key.group(1)}'; "
                f"type {_ASCII_FOR[chr(0xFF1A)]} instead (switch the keyboard to English input)",
            )
        flow = re.search(r"[\[{]", line)
        wide = re.search("[\uff0c\u3001\uff3d\uff5d]", line[flow.end():]) if flow else None
        if wide is not None:
            char, column = wide.group(), flow.end() + wide.start() + 1
            return Problem(
                path,
                number + line_offset,
                "",
                f"{character_name(char)} at column {column}, inside brackets where YAML expects {_ASCII_FOR[char]}; "
                "type the ASCII character instead (switch the keyboard to English input)",
            )
        if stripped and stripped[0] in _LOOK_ALIKES and stripped[0] not in "\u201c\u2018":
            char = stripped[0]
            return Problem(
                path,
                number + line_offset,
                "",
                f"{character_name(char)} at column {indent + 1}, where YAML expects {_ASCII_FOR[char]}; "
                "type the ASCII character instead (switch the keyboard to English input)",
            )
    return None


def _alias_line(text: str) -> int | None:
    """The line of the first alias of an anchor the text defines (``*name`` after ``&name``)."""
    anchors = set(re.findall(r"&([^\s,\[\]\{\}]+)", text))
    for found in re.finditer(r"(?:^|(?<=[\s\[\{,:-]))\*([^\s,\[\]\{\}]+)", text, re.M):
        if found.group(1) in anchors:
            return _line_and_column(text, found.start())[0]
    return None


def _walk(node: yaml.Node, path: KeyPath, doc: LoadedDocument, line_offset: int, seen_nodes: set[int], text: str) -> None:
    if id(node) in seen_nodes:
        # The composer hands back the anchored node itself for each alias, so a node met
        # twice is an alias: walking on could visit billions of nodes of a 1 KB file.
        line = _alias_line(text)
        raise _Refused(
            Problem(
                doc.path,
                (line + line_offset) if line else node.start_mark.line + 1 + line_offset,
                "",
                "YAML aliases ('&name' and '*name') are not allowed in leadctl's files: "
                "write each value out in full where it is used",
            )
        )
    seen_nodes.add(id(node))
    if len(path) > MAX_DEPTH:
        raise _Refused(
            Problem(
                doc.path,
                node.start_mark.line + 1 + line_offset,
                "",
                f"nested more than {MAX_DEPTH} levels deep; no record has that many: check the indentation and brackets",
            )
        )
    doc.lines.setdefault(path, node.start_mark.line + 1 + line_offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + line_offset
            if isinstance(key_node, yaml.ScalarNode):
                _check_key(key_node, doc, line)
                key = key_node.value
            else:
                if id(key_node) in seen_nodes:
                    _walk(key_node, path, doc, line_offset, seen_nodes, text)  # an alias as a key: refused
                key = str(key_node.value)
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
            _walk(value_node, path + (key,), doc, line_offset, seen_nodes, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines.setdefault(path + (index,), item.start_mark.line + 1 + line_offset)
            _walk(item, path + (index,), doc, line_offset, seen_nodes, text)
    elif isinstance(node, yaml.ScalarNode) and _NOT_IN_XML.search(node.value):
        # Written as an escape in quotes ("\0", "\x07"): the site's feeds and sitemap (XML) cannot hold it.
        char = _NOT_IN_XML.search(node.value).group()
        doc.problems.append(
            Problem(
                doc.path,
                node.start_mark.line + 1 + line_offset,
                format_key_path(path),
                f"the text holds a {character_name(char)}, written as an escape; no page can show it: remove it",
            )
        )
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.value and node.value[0] in "\uff3b\uff5b" and node.value[-1] in "\uff3d\uff5d]}":
        char = node.value[0]
        doc.problems.append(
            Problem(
                doc.path,
                node.start_mark.line + 1 + line_offset,
                format_key_path(path),
                f"{character_name(char)} at column {node.start_mark.column + 1}, so YAML reads '{node.value}' as text, not a list; "
                f"type {_ASCII_FOR[char]} and the matching ASCII closing bracket instead",
            )
        )
    elif isinstance(node, yaml.ScalarNode) and not node.style and "\uff1a" in node.value:
        slip = _VALUE_WITH_WIDE_COLON.match(node.value)
        if slip is not None and slip.group(1) in _known_keys():
            doc.problems.append(
                Problem(
                    doc.path,
                    node.start_mark.line + 1 + line_offset,
                    format_key_path(path),
                    f"{character_name(chr(0xFF1A))} at column {node.start_mark.column + slip.end()}, after '{slip.group(1)}', "
                    f"so YAML reads '{node.value}' as text; type {_ASCII_FOR[chr(0xFF1A)]} instead",
                )
            )


def _check_key(key_node: yaml.ScalarNode, doc: LoadedDocument, line: int) -> None:
    """Name invisible or full-width spaces around a key, and read the key without them."""
    key = key_node.value
    trimmed = key.strip(_ODD_SPACES + " \t")
    if trimmed == key or not trimmed:
        return
    char = next(c for c in key if c in _ODD_SPACES) if key[0] in _ODD_SPACES or key[-1] in _ODD_SPACES else key[0]
    where = "before" if key[0] != trimmed[0] else "after"
    column = key_node.start_mark.column + (key.index(char) + 1)
    doc.problems.append(
        Problem(
            doc.path,
            line,
            "",
            f"{character_name(char)} at column {column}, {where} the key '{trimmed}'; "
            "delete it (indent with ordinary spaces, and put nothing between the key and its colon)",
        )
    )
    # Checked further as the key it was meant to be: the slip is reported once, here.
    key_node.value = trimmed


_KNOWN_KEYS: frozenset[str] | None = None


def _known_keys() -> frozenset[str]:
    global _KNOWN_KEYS
    if _KNOWN_KEYS is None:
        from leadctl.records.models import (
            Author, Brief, Credential, Event, LocalizedText, Member, NetworkProject, NewsFrontMatter, Pillar, Programme,
            SeriesSchedule, WorkPackage,
        )

        models = (
            Author, Brief, Credential, Event, LocalizedText, Member, NetworkProject, NewsFrontMatter, Pillar, Programme,
            SeriesSchedule, WorkPackage,
        )
        # As contributors write them: 'from', not the field's Python name.
        _KNOWN_KEYS = frozenset(field.alias or name for model in models for name, field in model.model_fields.items())
    return _KNOWN_KEYS


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    reason = error.problem or error.context or "invalid YAML"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in reason:
        tag = re.search(r"tag '([^']*)'", reason)
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else "this tag"
        return f"the YAML tag '{shown}' is not allowed: leadctl's files hold only text, numbers, lists and keys; remove the tag"
    if "unhashable" in reason:
        return "a key must be plain text (a list or a mapping cannot be a key); check the '?' and brackets on this line"
    return f"YAML syntax error: {reason}; check indentation, colons and quotes on this line"


# What a contributor opened and did not close, by the context PyYAML names for it.
_OPENED = {
    "while scanning a quoted scalar": ("quoted text", "end it with the same quote mark"),
    "while parsing a flow sequence": ("'['", "end the list with ']', or write one '- item' per line"),
    "while parsing a flow mapping": ("'{'", "end it with '}'"),
}


def _still_open(error: yaml.MarkedYAMLError, error_line: int, line_offset: int) -> tuple[int, str] | None:
    """(line, message) where a quote or bracket opened on an earlier line than the error is still open there."""
    opened = _OPENED.get(error.context or "")
    mark = error.context_mark
    if opened is None or mark is None or mark.line + 1 >= error_line:
        return None
    what, fix = opened
    where = "is never closed" if re.search("end of stream|stream end", error.problem or "") else f"is still open at line {error_line + line_offset}"
    return mark.line + 1 + line_offset, f"YAML syntax error: the {what} that starts here (column {mark.column + 1}) {where}; {fix}"


def parse_yaml(text: str, path: str, line_offset: int = 0) -> LoadedDocument:
    """Parse one YAML document; syntax errors become problems, never exceptions."""
    doc = LoadedDocument(path=path, data=None)
    if text.startswith("\ufeff"):
        text = text[1:]
    unreadable = _unreadable_character(text, path, line_offset)
    if unreadable is not None:
        doc.problems.append(unreadable)
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc
        _walk(node, (), doc, line_offset, set(), text)
        doc.data = loader.construct_document(node)
    except _Refused as refusal:
        doc.problems.append(refusal.problem)
        doc.data = None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # libyaml puts the end of a file without a final newline on a line after the last one.
        error_line = min(mark.line + 1 if mark else 1, len(_LINE_BREAK.split(text)))
        slip = _slip_hint(text, path, line_offset, error_line)
        still_open = _still_open(error, error_line, line_offset)
        if slip is not None:
            doc.problems.append(slip)
        elif still_open is not None:
            doc.problems.append(Problem(path, still_open[0], "", still_open[1]))
        else:
            column = f" (column {mark.column + 1})" if mark else ""
            doc.problems.append(Problem(path, error_line + line_offset, "", _syntax_message(error) + column))
        doc.data = None
    except yaml.YAMLError as error:
        doc.problems.append(Problem(path, 1 + line_offset, "", f"YAML error: {' '.join(str(error).split())}"))
        doc.data = None
    except RecursionError:
        doc.problems.append(Problem(path, 1 + line_offset, "", "nested too deeply to read; check the indentation and brackets"))
        doc.data = None
    finally:
        loader.dispose()
    return doc


def read_text_file(file: Path, relative: str) -> tuple[str | None, Problem | None]:
    """The text of a UTF-8 file (a byte order mark is dropped), or the problem that stops reading it."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, Problem(relative, 1, "", f"cannot be read ({error.strerror or error}); check that it is a readable file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")
        line, column = _line_and_column(before, len(before))
        column = len(_LINE_BREAK.split(before)[-1].encode("utf-8")) + 1  # in bytes: the byte is not a character
        return None, Problem(
            relative,
            line,
            "",
            f"byte {column} of this line (0x{raw[error.start]:02X}) is not UTF-8: the file was saved in another "
            "encoding (such as GBK or Windows-1252); save it as UTF-8",
        )
    return text.removeprefix("\ufeff"), None


def read_yaml_file(file: Path, root: Path) -> LoadedDocument:
    relative = relative_path(file, root)
    text, problem = read_text_file(file, relative)
    if text is None:
        return LoadedDocument(relative, None, problems=[problem] if problem else [])
    return parse_yaml(text, relative)


_FENCE = re.compile(r"---[ \t]*")
_CLOSING_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def split_front_matter(text: str) -> tuple[str, int] | None | int:
    """The front matter's YAML and the line after its closing fence.

    None when the text does not start with '---'; the number of lines read
    (an int alone) when the opening '---' is never closed.
    """
    lines = _LINE_BREAK.split(text)
    if not lines or not _FENCE.fullmatch(lines[0]):
        return None
    for number in range(1, len(lines)):
        if _CLOSING_FENCE.fullmatch(lines[number]):
            return "\n".join(lines[1:number]) + ("\n" if number > 1 else ""), number + 1
    return len(lines)


def read_front_matter(file: Path, root: Path) -> LoadedDocument:
    """The YAML front matter of a Markdown file (lines counted in the .md file)."""
    relative = relative_path(file, root)
    text, problem = read_text_file(file, relative)
    if text is None:
        return LoadedDocument(relative, None, problems=[problem] if problem else [])
    return parse_front_matter(text, relative)


def parse_front_matter(text: str, relative: str) -> LoadedDocument:
    """The YAML front matter at the start of Markdown ``text``."""
    found = split_front_matter(text.removeprefix("\ufeff"))
    if found is None:
        return LoadedDocument(
            relative,
            None,
            problems=[Problem(relative, 1, "", "no front matter: start the file with a '---' block holding title and date")],
        )
    if isinstance(found, int):
        return LoadedDocument(
            relative,
            None,
            problems=[
                Problem(
                    relative,
                    1,
                    "",
                    "the front matter opened by '---' on this line is never closed: "
                    "add a line '---' after its last key, before the text of the page",
                )
            ],
        )
    return parse_yaml(found[0], relative, line_offset=1)


_LOOKS_LIKE_A_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*[:\uff1a]")


def check_page(file: Path, root: Path) -> list[Problem]:
    """What stops MkDocs from reading a hand-written page, or its front matter, as meant.

    MkDocs stops with a traceback on a page that is not UTF-8, and quietly shows
    a front matter it cannot read as text of the page; only the YAML is checked
    here, not its keys (the theme and plugins read their own).
    """
    relative = relative_path(file, root)
    text, problem = read_text_file(file, relative)
    if text is None:
        return [problem] if problem else []
    lines = _LINE_BREAK.split(text, maxsplit=2)
    # A page may open with a horizontal rule ('---'); a key on the next line means front matter.
    if not (_FENCE.fullmatch(lines[0]) and len(lines) > 1 and _LOOKS_LIKE_A_KEY.match(lines[1])):
        return []
    doc = parse_front_matter(text, relative)
    if doc.problems or doc.data is None or isinstance(doc.data, dict):
        return doc.problems
    return [Problem(relative, 2, "", "the front matter must be keys and values (like 'title: ...'), not a list or a single value")]


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
