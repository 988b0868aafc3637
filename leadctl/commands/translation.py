"""Translation status: what has no Chinese version yet.

A record counts as translated when every localized field in it has a ``zh``
text or is a plain string (the same in both languages, like a proper name).
A hand-written page counts as translated when ``docs/zh/`` has a file of the
same name, and a news post when ``docs/zh/news/`` has its slug.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from leadctl.reading.documents import KeyPath, format_key_path, read_yaml_file
from leadctl.records.kinds import DATA_KINDS, POST_KINDS, RecordKind
from leadctl.records.models import LocalizedText
from leadctl.records.project import Project

TRANSLATION_LANGUAGE = "zh"


@dataclass(frozen=True)
class Untranslated:
    """One record or page that lacks (part of) its Chinese version."""

    kind: str
    name: str
    """Record id, or page path inside docs/."""
    file: str
    line: int
    missing: tuple[str, ...]
    """Localized fields without zh (key paths), or the missing Chinese file."""

    def as_text(self) -> str:
        if self.kind in {kind.name for kind in DATA_KINDS}:
            fields = ", ".join(self.missing)
            return f"{self.file}:{self.line}: {self.name}: no Chinese (zh) for {fields}"
        return f"{self.file}:{self.line}: no Chinese version; translate it into {self.missing[0]}"


@dataclass
class KindStatus:
    kind: str
    total: int = 0
    untranslated: list[Untranslated] = field(default_factory=list)

    @property
    def translated(self) -> int:
        return self.total - len(self.untranslated)


@dataclass
class TranslationReport:
    kinds: dict[str, KindStatus]

    @property
    def total(self) -> int:
        return sum(status.total for status in self.kinds.values())

    @property
    def translated(self) -> int:
        return sum(status.translated for status in self.kinds.values())

    @property
    def percent(self) -> float:
        """Share of records and pages translated; 100 when there is nothing to translate."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def untranslated(self) -> list[Untranslated]:
        return [item for status in self.kinds.values() for item in status.untranslated]


def missing_translations(record: BaseModel, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Key paths of the localized texts in ``record`` that have no Chinese."""
    for name in type(record).model_fields:
        yield from _missing_in(getattr(record, name), path + (name,))


def _missing_in(value: Any, path: KeyPath) -> Iterator[KeyPath]:
    if isinstance(value, LocalizedText):
        if not value.is_translated(TRANSLATION_LANGUAGE):
            yield path
    elif isinstance(value, BaseModel):
        yield from missing_translations(value, path)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _missing_in(item, path + (index,))


def _record_status(project: Project, kind: RecordKind) -> KindStatus:
    status = KindStatus(kind.name)
    documents: dict[str, Any] = {}
    for entry in project.collection(kind.name).values():
        status.total += 1
        base: KeyPath = ()
        document = documents.get(entry.source) or read_yaml_file(project.root / entry.source, project.root)
        documents[entry.source] = document
        if kind.storage == "list":
            # The records share one file: find this one's position in the list for key paths and lines.
            base = next(
                (index,) for index, item in enumerate(document.data) if isinstance(item, dict) and item.get("id") == entry.id
            )
        missing = list(missing_translations(entry.record, base))
        if missing:
            status.untranslated.append(
                Untranslated(
                    kind.name, entry.id, entry.source, document.line_of(missing[0]),
                    tuple(format_key_path(path[len(base):]) for path in missing),  # the id already names the item
                )
            )
    return status


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _page_status(root: Path, docs: Path) -> KindStatus:
    status = KindStatus("pages")
    chinese = docs / TRANSLATION_LANGUAGE
    post_folders = [docs / kind.name for kind in POST_KINDS]
    for page in sorted(docs.rglob("*.md")):
        if _is_within(page, chinese) or any(_is_within(page, folder) for folder in post_folders):
            continue
        status.total += 1
        inside = page.relative_to(docs)
        counterpart = chinese / inside
        if not counterpart.is_file():
            relative = page.relative_to(root).as_posix()
            status.untranslated.append(
                Untranslated("pages", inside.as_posix(), relative, 1, (counterpart.relative_to(root).as_posix(),))
            )
    return status


def _posts_status(project: Project, docs: Path, kind: RecordKind) -> KindStatus:
    status = KindStatus(kind.name)
    for slug, post in sorted(project.news.items()):
        if "en" not in post.sources:
            continue  # written in Chinese only: nothing to translate
        status.total += 1
        if TRANSLATION_LANGUAGE not in post.sources:
            counterpart = (docs / TRANSLATION_LANGUAGE / kind.name / f"{slug}.md").relative_to(project.root).as_posix()
            status.untranslated.append(Untranslated(kind.name, slug, post.sources["en"], 1, (counterpart,)))
    return status


def translation_report(project: Project, docs_dir: Path) -> TranslationReport:
    """The translation status of every record, hand-written page and news post."""
    docs = Path(docs_dir).resolve()
    kinds = {kind.name: _record_status(project, kind) for kind in DATA_KINDS}
    kinds["pages"] = _page_status(project.root, docs)
    kinds.update({kind.name: _posts_status(project, docs, kind) for kind in POST_KINDS})
    return TranslationReport(kinds)


def _percent_text(translated: int, total: int) -> str:
    # Rounded down: 99.6 % is not shown as 100 % while something is left.
    return f"{math.floor(100 * translated / total)}%" if total else "nothing to translate"


def format_report(report: TranslationReport, style: str = "text") -> str:
    if style == "json":
        return json.dumps(
            {
                "translated": report.translated,
                "total": report.total,
                "percent": round(report.percent, 2),
                "kinds": {kind: {"translated": s.translated, "total": s.total} for kind, s in report.kinds.items()},
                "untranslated": [
                    {"kind": item.kind, "name": item.name, "file": item.file, "line": item.line, "missing": list(item.missing)}
                    for item in report.untranslated
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [item.as_text() for item in report.untranslated]
    if lines:
        lines.append("")
    width = max(len(kind) for kind in report.kinds)
    for kind, status in report.kinds.items():
        lines.append(f"{kind:<{width}}  {status.translated}/{status.total} translated ({_percent_text(status.translated, status.total)})")
    lines.append(f"{'all':<{width}}  {report.translated}/{report.total} translated ({_percent_text(report.translated, report.total)})")
    return "\n".join(lines)
