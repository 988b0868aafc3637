"""Validation problems: records of what is wrong, where, and how to fix it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Characters that would break the one line of a problem or act on the terminal (a key or
# value quoted from a file may hold them): shown as escapes, like '\r' or '\x1b'.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a contributor's file."""

    file: str
    """Path relative to the project root, with forward slashes."""
    line: int
    """1-based line number; 1 when the problem concerns the whole file."""
    key: str
    """Dotted key path inside the file (``authors[0].member``), or '' for the file."""
    message: str
    """What is wrong and how to fix it."""
    warning: bool = False
    """Worth fixing, but nothing stops: printed, and the build goes on."""

    def as_text(self) -> str:
        where = f"{self.key}: " if self.key else ""
        severity = "warning: " if self.warning else ""
        return _one_line(f"{self.file}:{self.line}: {severity}{where}{self.message}")

    def as_github(self) -> str:
        # GitHub's workflow-command escaping: the message ends at a newline, and a
        # property value (the file) also ends at ',' or '::' unless they are escaped.
        def escape(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        where = f"{self.key}: " if self.key else ""
        file = escape(self.file).replace(":", "%3A").replace(",", "%2C")
        command = "warning" if self.warning else "error"
        return f"::{command} file={file},line={self.line}::{escape(where + self.message)}"


class ValidationFailed(Exception):
    """Raised when the data has problems; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem], style: str = "text") -> str:
    problems = sorted(set(problems))
    if style == "json":
        return json.dumps(
            [
                {"file": p.file, "line": p.line, "key": p.key, "message": p.message, "severity": "warning" if p.warning else "error"}
                for p in problems
            ],
            ensure_ascii=False,
            indent=2,
        )
    if style == "github":
        return "\n".join(p.as_github() for p in problems)
    return "\n".join(p.as_text() for p in problems)


def summary_line(problems: list[Problem], consequence: str = "") -> str:
    files = {p.file for p in problems}
    noun = "problem" if len(problems) == 1 else "problems"
    text = f"{len(problems)} {noun} in {len(files)} file{'s' if len(files) != 1 else ''}"
    return f"{text}; {consequence}" if consequence else f"{text}."


