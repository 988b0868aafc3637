"""No input breaks leadctl: generated and mutated records, front matter and `leadctl new` answers.

Each example writes one odd file into a small valid project and checks it the
way `leadctl validate` does (the project loader, then the page checks), in
this process for speed. Whatever the bytes, the answer is a project or
problems that each read `path:line: message` with a line the file has; never
an exception. Hypothesis stops any example that does not finish.

The suite runs a few dozen examples per test. LEADCTL_FUZZ_EXAMPLES sets how
many (benchmarks/fuzz_long.sh runs 100,000 and more, and keeps the examples
that failed under benchmarks/out/ to replay them).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from leadctl.commands.cli import cli
from leadctl.glue.engine import read_site_config
from leadctl.glue.page_checks import site_problems
from leadctl.base.problems import Problem, ValidationFailed
from leadctl.checking.project import load_project
from leadctl.commands.new import KINDS, ScaffoldRefused, create_record
from sitekit import REPO, TODAY_EPOCH, ProjectSite

EXAMPLES = int(os.environ.get("LEADCTL_FUZZ_EXAMPLES", "60"))
LONG_RUN = EXAMPLES > 1000
FUZZ = settings(
    max_examples=EXAMPLES,
    # No timing limit per example: the machine is shared, and a hang shows as a run that never ends.
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    database=DirectoryBasedExampleDatabase(str(REPO / "benchmarks" / "out" / "hypothesis")) if LONG_RUN else None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink] if LONG_RUN else [Phase.explicit, Phase.generate, Phase.shrink],
    print_blob=True,
)
FEW = settings(FUZZ, max_examples=max(3, EXAMPLES // 10))

LINE_BREAK = re.compile(r"\r\n|\r|\n")

# -- what every answer must look like -------------------------------------------


def lines_in(path: Path) -> int:
    """Lines as an editor numbers them (the empty line after a final newline included)."""
    return len(LINE_BREAK.split(path.read_bytes().decode("utf-8", errors="replace")))


def check_project(root: Path) -> list[Problem]:
    """What `leadctl validate` finds: the loader's problems, then the pages'."""
    try:
        project = load_project(root)
        problems: list[Problem] = []
    except ValidationFailed as failure:
        project, problems = None, list(failure.problems)
    problems += site_problems(read_site_config(root / "mkdocs.yml"), project)
    for problem in problems:
        text = problem.as_text()
        assert text.startswith(f"{problem.file}:{problem.line}: "), text
        assert problem.message.strip() and "\n" not in text and "\r" not in text, repr(text)
        assert "Traceback" not in text
        where = root / problem.file
        if where.is_file():
            assert 1 <= problem.line <= lines_in(where), (text, lines_in(where))
    return problems


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> ProjectSite:
    site = ProjectSite(tmp_path_factory.mktemp("fuzz") / "project")
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, pillars=["research"])
    site.news("2026-05-01-hello", title="Hello")
    assert check_project(site.root) == []
    return site


def answer_for(site: ProjectSite, relative: str, content: bytes) -> list[Problem]:
    """The problems found with ``content`` at ``relative``; the project is as it was afterwards."""
    path = site.root / relative
    previous = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        return check_project(site.root)
    finally:
        if previous is None:
            path.unlink()
        else:
            path.write_bytes(previous)


# -- odd values and texts -------------------------------------------------------

ODD_STRINGS = [
    "", " ", "\u3000\u3000", "：", "zh：王芳", "\t", "\x00", "\x07", "\x1b[31m", "\ufeff", "\u202e\u202dRTL", "e\u0301\u0301\u0301",
    "\u2028", "\u0085", "\ud800", "\udfff", "16:30", "09:00", "1:30.5", "10:30:15", "yes", "NO", "on", "~", "null", "true",
    "0x1F", "1e400", ".nan", "-.inf", "2026-02-30", "2026-10-13 25:61", "2026-10-13T09:30+14:30", "&a", "*a", "<<", "=",
    "!!python/object:os.system", "!!binary aGVsbG8=", "- ", ": ", " #", "'", '"', "\\", "{", "[", "]", "}", "---", "...",
    "%YAML 1.1", "@x", "`x`", "|", ">", "?", "<script>alert(1)</script>", "javascript:alert(1)", "file:///etc/passwd",
    "https://", "http://exa mple.org", "mailto:", "../../etc/passwd", "C:\\\\x", "浙江大学", "【通知】", "“引号”", "［a, b］", "a，b",
]

odd_text = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=30),
    st.text(st.characters(codec=None, categories=None), max_size=12),  # surrogates and controls included
    st.builds(lambda a, b: a + b, st.sampled_from(ODD_STRINGS), st.text(max_size=10)),
)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), odd_text,
    st.dates().map(str), st.datetimes().map(str), st.just(date(2026, 1, 1)),
)

wrong_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(odd_text, children, max_size=3),
    max_leaves=8,
)

VALID: dict[str, dict[str, Any]] = {
    "member": {
        "kind": "individual", "name": {"en": "Wang Fang", "zh": "王芳"}, "country": "CN", "city": {"en": "Hangzhou", "zh": "杭州"},
        "website": "https://example.org/", "joined": "2026-01-31", "affiliation": "uni-a", "role": {"en": "Dean"},
        "bio": {"en": "Studies *governance*."}, "tags": ["governance"], "pillars": ["research"],
    },
    "event": {
        "title": {"en": "Forum", "zh": "论坛"}, "kind": "forum", "start": "2026-10-13 10:30", "end": "16:30",
        "timezone": "Asia/Shanghai", "location": "Hangzhou", "online": True, "url": "https://example.org/forum",
        "organizers": ["uni-a"], "pillars": ["research"], "audience": ["mid-level", "senior"],
        "summary": {"en": "A forum.", "zh": "论坛。"}, "body": {"en": "The *programme*."},
    },
    "brief": {
        "title": "Shared governance", "date": "2026-03-01", "authors": [{"member": "uni-a"}, {"name": {"en": "Bob", "zh": "鲍勃"}}],
        "summary": {"en": "On decisions."}, "body": {"en": "Text."}, "files": "https://example.org/b.pdf", "doi": "10.1234/abcd",
        "tags": ["governance"], "pillars": ["research"],
    },
    "pillar": {
        "id": "sharing", "title": {"en": "Sharing", "zh": "共享"}, "summary": {"en": "Sharing."}, "activities": [{"en": "Meetings"}],
    },
    "news": {"title": "Hello again", "date": "2026-05-02", "summary": "Second post.", "tags": ["news"], "pillars": ["research"]},
}
WHERE = {
    "member": "data/members/wang.yml",
    "event": "data/events/forum.yml",
    "brief": "data/briefs/governance.yml",
    "pillar": "data/pillars.yml",
    "news": "docs/zh/news/2026-05-02-again.md",
}


def key_paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += key_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += key_paths(item, path + (index,))
    return found


@st.composite
def mutated_records(draw) -> tuple[str, dict | list]:
    """A valid record with some of its fields (at any depth) replaced, removed or added to."""
    kind = draw(st.sampled_from(sorted(VALID)))
    record = yaml.safe_load(yaml.safe_dump(VALID[kind]))  # a deep copy
    for _ in range(draw(st.integers(1, 3))):
        paths = key_paths(record)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = record
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(wrong_values)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(odd_text)] = draw(wrong_values)
        else:
            parent.append(draw(wrong_values))
    if kind == "pillar":
        base = yaml.safe_load(yaml.safe_dump(PILLARS_FILE))
        return kind, base + [record]
    return kind, record


PILLARS_FILE = [
    {"id": "research", "title": {"en": "Research", "zh": "研究"}, "summary": {"en": "Research."}},
    {"id": "training", "title": {"en": "Training", "zh": "培训"}, "summary": {"en": "Training."}},
]


def serialize(kind: str, record: Any, body: str = "Text of the post.\n") -> str:
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n\n{body}" if kind == "news" else text


@st.composite
def text_mutations(draw, text: str) -> bytes:
    """Slips made while editing: characters typed, pasted or lost anywhere in the file."""
    for _ in range(draw(st.integers(0, 4))):
        lines = text.split("\n")
        number = draw(st.integers(0, len(lines) - 1))
        line = lines[number]
        action = draw(st.sampled_from(["insert", "wide colon", "wide indent", "tab indent", "duplicate", "delete", "truncate"]))
        if action == "insert":
            at = draw(st.integers(0, len(line)))
            line = line[:at] + draw(odd_text) + line[at:]
        elif action == "wide colon":
            line = line.replace(":", "：", 1)
        elif action == "wide indent":
            line = "\u3000" * draw(st.integers(1, 2)) + line.lstrip(" ")
        elif action == "tab indent":
            line = "\t" + line.lstrip(" ")
        elif action == "duplicate":
            lines.insert(number, line)
        elif action == "delete":
            line = None
        else:
            text = text[: draw(st.integers(0, len(text)))]
            continue
        if line is None:
            del lines[number]
        else:
            lines[number] = line
        text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    data = text.encode("utf-8", errors="surrogatepass")  # a lone surrogate becomes invalid UTF-8, as a bad copy makes it
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


# -- the properties -------------------------------------------------------------


@FUZZ
@given(st.data())
def test_mutated_records_and_front_matter_give_problems_with_lines_or_pass(project, data):
    kind, record = data.draw(mutated_records())
    content = data.draw(text_mutations(serialize(kind, record)))
    answer_for(project, WHERE[kind], content)


@FUZZ
@given(kind=st.sampled_from(sorted(WHERE)), content=st.binary(max_size=600))
def test_random_bytes_give_problems_with_lines(project, kind, content):
    answer_for(project, WHERE[kind], content)


@FUZZ
@given(st.data())
def test_odd_markdown_of_news_and_hand_written_pages(project, data):
    front = serialize("news", VALID["news"], body="")
    body = "\n".join(data.draw(st.lists(st.one_of(odd_text, st.sampled_from(MARKDOWN_LINES)), max_size=8)))
    where = data.draw(st.sampled_from(["docs/zh/news/2026-05-02-again.md", "docs/index.md", "docs/zh/index.md"]))
    if where != WHERE["news"] and data.draw(st.booleans()):
        front = "---\n" + data.draw(st.sampled_from(["title: Home", "hide: [navigation]", "search: {exclude: true}", "a: &x 1\nb: *x"])) + "\n---\n"
    content = data.draw(text_mutations(front + "\n" + body + "\n"))
    answer_for(project, where, content)


MARKDOWN_LINES = [
    "# Heading", "[a link](../missing.md)", "[home](../index.md)", "![img](nowhere.png)", "<div markdown>", "</div>", "---",
    "```", "    code", "> quote", "- item", "1. item", "| a | b |", "|---|---|", "!!! note", "{#id .class}", "<!-- lead:latest-news -->",
    "\x02\x03", "&#0;", "&nbsp;", "[^1]", "[^1]: note", "<script>alert(1)</script>", "{{ jinja }}", "{% raw %}",
]


@FEW
@given(
    kind=st.sampled_from(["member", "event", "news"]),
    size=st.sampled_from([2**16, 2**20]),
    char=st.sampled_from(["a", "王", " ", "\u3000", "[", "-", ":"]),
    as_line=st.booleans(),
)
def test_megabyte_strings_and_lines_are_answered(project, kind, size, char, as_line):
    record = dict(VALID[kind])
    key = "title" if kind != "member" else "name"
    if as_line:
        content = serialize(kind, record).replace(f"{key}:", f"{key}: {char * size}", 1) if kind != "news" else (
            serialize(kind, record, body=char * size + "\n")
        )
    else:
        record[key] = char * size
        content = serialize(kind, record)
    answer_for(project, WHERE[kind], content.encode("utf-8"))


@FEW
@given(
    kind=st.sampled_from(sorted(WHERE)),
    depth=st.integers(1, 600),
    opener=st.sampled_from(["[", "{a: ", "- ", "a:\n"]),
)
def test_deep_nesting_is_answered(project, kind, depth, opener):
    if opener == "[":
        value = "[" * depth + "]" * depth
    elif opener == "{a: ":
        value = "{a: " * depth + "1" + "}" * depth
    elif opener == "- ":
        value = "\n" + "".join("  " * (level + 1) + "-\n" for level in range(depth)).rstrip("\n") + " x"
    else:
        value = "\n" + "".join("  " * (level + 1) + f"k{level}:\n" for level in range(depth)) + "  " * (depth + 1) + "x"
    text = serialize(kind, VALID[kind]).replace("tags:", f"tags: {value}\nx_tags:", 1) if "tags" in VALID[kind] else f"title: {value}\n"
    answer_for(project, WHERE[kind], text.encode("utf-8"))


@FEW
@given(kind=st.sampled_from(sorted(WHERE)), levels=st.integers(2, 12), width=st.integers(2, 12), merge=st.booleans())
def test_alias_bombs_are_refused_quickly(project, kind, levels, width, merge):
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    if merge:
        lines.append(f"m: &m {{a: *l{levels - 1}}}\nn:\n  <<: *m")
    bomb = "\n".join(lines) + "\n"
    content = f"---\n{bomb}---\n\nText.\n" if WHERE[kind].endswith(".md") else bomb
    problems = answer_for(project, WHERE[kind], content.encode("utf-8"))
    assert any("aliases" in problem.message for problem in problems)


# -- leadctl new ----------------------------------------------------------------


VALID_ANSWERS = {
    "member": {"kind": "institution", "name": "University B", "country": "NL"},
    "event": {"title": "Forum", "kind": "forum", "start": "2026-10-13 10:30", "end": "16:30", "timezone": "Europe/Brussels", "summary": "A forum."},
    "brief": {"title": "Governance", "date": "2026-03-01", "summary": "On decisions."},
    "news": {"title": "Hello", "date": "2026-05-03", "summary": "A post."},
}


@st.composite
def new_record_answers(draw) -> tuple[str, dict[str, str]]:
    """Answers that would write a record, with some of them (or their Chinese versions) odd."""
    kind = draw(st.sampled_from(sorted(VALID_ANSWERS)))
    answers = dict(VALID_ANSWERS[kind])
    keys = sorted(answers) + [f"{key}-zh" for key in ("name", "title", "summary") if key in answers]
    for key in draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)):
        answers[key] = draw(st.one_of(odd_text, scalars.map(str), st.text(min_size=1000, max_size=3000)))
    return kind, answers


@FUZZ
@example(kind_and_answers=("brief", {"title": "Governance", "date": "2026-03-01", "summary": "2026-02-30"}), record_id="wang")
@given(
    kind_and_answers=new_record_answers(),
    record_id=st.one_of(st.sampled_from(["wang", "forum", "2026-05-03-post", "a-b"]), odd_text),
)
def test_new_record_answers_are_refused_clearly_or_write_a_valid_file(project, kind_and_answers, record_id):
    kind, answers = kind_and_answers
    before = {path for path in project.root.rglob("*") if path.is_file()}
    values = dict(answers)
    try:
        path = create_record(project.root, kind, record_id, values, None, today=date(2026, 6, 1))
    except ScaffoldRefused as refusal:
        event("refused")
        assert str(refusal).strip() and "\n" not in str(refusal)
        return
    except ValidationFailed as failure:
        event("refused with problems")
        for problem in failure.problems:
            assert problem.as_text().startswith(f"{problem.file}:{problem.line}: ") and problem.message.strip()
        return
    finally:
        created = {path for path in project.root.rglob("*") if path.is_file()} - before
    event("written")
    try:
        assert created == {path}
        problems = [problem for problem in check_project(project.root) if problem.file == path.relative_to(project.root).as_posix()]
        assert [problem for problem in problems if not problem.warning] == [], problems
    finally:
        path.unlink()


@FEW
@given(
    kind=st.sampled_from(sorted(KINDS)),
    options=st.lists(st.tuples(st.sampled_from(["--name", "--title", "--summary", "--country", "--start", "--date", "--kind",
                                                 "--title-zh", "--end", "--timezone"]), odd_text.filter(lambda s: "\x00" not in s)),
                     max_size=6),
)
def test_leadctl_new_on_the_command_line_exits_cleanly(project, kind, options):
    before = {path for path in project.root.rglob("*") if path.is_file()}
    arguments = ["new", kind, "fuzzed-record"] + [part for pair in options for part in pair]
    previous = os.getcwd()
    os.chdir(project.root)
    try:
        result = CliRunner().invoke(cli, arguments, env={"SOURCE_DATE_EPOCH": TODAY_EPOCH})
    finally:
        os.chdir(previous)
        for path in {path for path in project.root.rglob("*") if path.is_file()} - before:
            path.unlink()
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
