"""Loading the whole data set: every record file and news post, validated.

``load_project`` is the single entry of the pipeline's first half. It reads
everything, collects every problem, checks cross-references, and either
returns a ``Project`` ready to render or raises ``ValidationFailed``.
"""

from __future__ import annotations

from pathlib import Path

from leadctl.base.problems import Problem, ValidationFailed
from leadctl.checking.fields import check_model, record_rules
from leadctl.checking.references import build_cross_references
from leadctl.reading.documents import LoadedDocument, check_page, read_front_matter, read_yaml_file
from leadctl.records.kinds import DATA_KINDS, POST_KINDS, RecordKind
from leadctl.records.models import ID_PATTERN, ID_RULE, LANGUAGES
from leadctl.records.project import Entry, NewsPost, Project

__all__ = ["Entry", "NewsPost", "Project", "load_project"]


def _data_entries() -> str:
    """What data/ holds, as a contributor reads it: ``members/, events/, briefs/ and pillars.yml``."""
    names = [kind.file if kind.storage == "list" else f"{kind.name}/" for kind in DATA_KINDS]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _posts_folder(docs_path: Path, kind: RecordKind, language: str) -> Path:
    return docs_path / kind.name if language == "en" else docs_path / language / kind.name


def _id_problem(path: str, stem: str) -> Problem | None:
    if ID_PATTERN.match(stem):
        return None
    suggestion = "-".join(part for part in "".join(c if c.isalnum() else "-" for c in stem.lower()).split("-") if part)
    hint = f"; rename it to '{suggestion}'" if suggestion and ID_PATTERN.match(suggestion) else ""
    return Problem(path, 1, "", f"bad file name '{stem}': a name is made of {ID_RULE}{hint}")


class _Loader:
    """One load of a project: the records found, the problems, the parsed files."""

    def __init__(self, root: Path, data_dir: str, docs_dir: str):
        self.project = Project(root=root)
        self.data_path = root / data_dir
        self.docs_path = root / docs_dir
        self.problems: list[Problem] = []
        self.documents: dict[str, LoadedDocument] = {}
        # Ids whose file exists, valid or not: a reference to a broken file is
        # reported at that file, not again at every reference.
        self.existing_ids: dict[str, set[str]] = {kind.name: set() for kind in DATA_KINDS}

    def run(self) -> Project:
        if not self.data_path.is_dir():
            raise ValidationFailed([Problem(self.data_path.name, 1, "", "no data folder next to mkdocs.yml; create it")])
        expected = {kind.data_entry for kind in DATA_KINDS}
        for entry in sorted(self.data_path.iterdir()):
            if entry.name.startswith(".") or entry.name in expected:
                continue
            self.problems.append(Problem(self._relative(entry), 1, "", f"unexpected entry: data/ holds {_data_entries()}"))
        for kind in DATA_KINDS:
            if kind.storage == "list":
                self._load_list(kind)
            else:
                self._load_record_folder(kind)
        for kind in POST_KINDS:
            self._load_posts(kind)
        self._check_pages()
        refs, found = build_cross_references(self.project, self.documents, self.existing_ids)
        self.problems.extend(found)
        if self.problems:
            raise ValidationFailed(self.problems)
        self.project.refs = refs
        return self.project

    def _relative(self, file: Path) -> str:
        return file.relative_to(self.project.root).as_posix()

    def _load_record_folder(self, kind: RecordKind) -> None:
        folder = kind.name
        directory = self.data_path / folder
        if not directory.is_dir():
            return
        target = self.project.collection(folder)
        for file in sorted(directory.iterdir()):
            relative = self._relative(file)
            if file.name.startswith(".") or file.is_dir():
                continue
            if file.suffix != ".yml":
                hint = f"rename it to '{file.stem}.yml'" if file.suffix == ".yaml" else f"data/{folder}/ holds only .yml files"
                self.problems.append(Problem(relative, 1, "", f"unexpected file: {hint}"))
                continue
            id_problem = _id_problem(relative, file.stem)
            if file.stem in kind.reserved_ids:
                id_problem = Problem(relative, 1, "", f"the name '{file.stem}' is taken by a page of the site ({kind.name}/{file.stem}/); rename the file")
            if id_problem:
                self.problems.append(id_problem)
                continue
            self.existing_ids[folder].add(file.stem)
            doc = read_yaml_file(file, self.project.root)
            self.problems.extend(doc.problems)
            if doc.data is None and doc.problems:
                continue  # a syntax error: nothing to check further
            if doc.data is None:
                self.problems.append(Problem(doc.path, 1, "", "the file is empty; fill in the fields or delete it"))
                continue
            record, found = check_model(doc, kind.model, doc.data)
            self.problems.extend(found)
            if record is None:
                continue
            self.problems.extend(record_rules(doc, record))
            target[file.stem] = Entry(file.stem, record, doc.path)
            self.documents[doc.path] = doc

    def _load_list(self, kind: RecordKind) -> None:
        file = self.data_path / kind.file
        if not file.exists():
            return
        doc = read_yaml_file(file, self.project.root)
        self.problems.extend(doc.problems)
        if doc.data is None:
            return
        self.documents[doc.path] = doc
        if not isinstance(doc.data, list):
            self.problems.append(Problem(doc.path, 1, "", f"expected a list of {kind.name}, each starting with '- id: ...'"))
            return
        target = self.project.collection(kind.name)
        for index, item in enumerate(doc.data):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.existing_ids[kind.name].add(item["id"])
            record, found = check_model(doc, kind.model, item, (index,))
            self.problems.extend(found)
            if record is None:
                continue
            record_id = record.id  # type: ignore[attr-defined]
            if record_id in target:
                self.problems.append(
                    Problem(
                        doc.path, doc.line_of((index, "id")), f"[{index}].id",
                        f"{kind.noun} id '{record_id}' is used twice; give each {kind.noun} its own id",
                    )
                )
                continue
            target[record_id] = Entry(record_id, record, doc.path)

    def _load_posts(self, kind: RecordKind) -> None:
        for language in LANGUAGES:
            directory = _posts_folder(self.docs_path, kind, language)
            if not directory.is_dir():
                continue
            for file in sorted(directory.glob("*.md")):
                if file.name == "index.md":
                    continue
                relative = self._relative(file)
                id_problem = _id_problem(relative, file.stem)
                if id_problem:
                    self.problems.append(id_problem)
                    continue
                doc = read_front_matter(file, self.project.root)
                self.problems.extend(doc.problems)
                if doc.data is None and doc.problems:
                    continue
                front_matter, found = check_model(doc, kind.model, doc.data if doc.data is not None else {})
                self.problems.extend(found)
                if front_matter is None:
                    continue
                self.documents[doc.path] = doc
                post = self.project.news.setdefault(file.stem, NewsPost(file.stem, {}, {}))
                post.front_matter[language] = front_matter
                post.sources[language] = relative

    def _check_pages(self) -> None:
        """Hand-written pages that MkDocs could not read, or whose front matter it would show as text."""
        if not self.docs_path.is_dir():
            return
        post_folders = {_posts_folder(self.docs_path, kind, language) for kind in POST_KINDS for language in LANGUAGES}
        for file in sorted(self.docs_path.rglob("*.md")):
            relative = file.relative_to(self.docs_path)
            if any(part.startswith(".") for part in relative.parts) or not file.is_file():
                continue
            if file.parent in post_folders and file.name != "index.md":
                continue  # read with its front matter by _load_posts
            self.problems.extend(check_page(file, self.project.root))


def load_project(root: Path, data_dir: str = "data", docs_dir: str = "docs") -> Project:
    """Load, validate and cross-reference everything under ``root``.

    Raises ``ValidationFailed`` with every problem found; returns a complete
    ``Project`` otherwise.
    """
    return _Loader(Path(root).resolve(), data_dir, docs_dir).run()
