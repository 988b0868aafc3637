"""Build small sites in a temporary folder and read what they produce.

Tests describe a site as data (records as Python dicts, written as YAML;
pages as Markdown) and get back the parsed output of both languages.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from leadctl.commands.cli import cli

REPO = Path(__file__).resolve().parent.parent

# Pinned "today" for upcoming/past splits: 2026-06-01 00:00 UTC.
TODAY_EPOCH = "1780272000"

MKDOCS_YML = """\
site_name: Test Network
site_url: https://example.org/net/
strict: true
theme:
  name: material
  custom_dir: {overrides}
  language: en
  font: false
  features:
    - navigation.tabs
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - {{locale: en, default: true, name: English, build: true}}
        - {{locale: zh, name: 中文, build: true, site_name: 测试网络}}
hooks:
  - {hooks}
watch:
  - data
not_in_nav: |
  /news/*.md
  /zh/news/*.md
nav:
  - Home: index.md
  - Pillars: pillars/index.md
  - Members: members/index.md
  - Events: events/index.md
  - Projects: projects/index.md
  - Programmes: programmes/index.md
  - Policy briefs: briefs/index.md
  - Knowledge base: knowledge/index.md
  - Topics: topics/index.md
  - News: news/index.md
{extra_nav}
validation:
  nav:
    omitted_files: warn
markdown_extensions:
  - admonition
  - attr_list
extra:
  lead:
    timezone: {timezone}
"""

HOME_EN = """# Test Network

Welcome.

<!-- lead:upcoming-events -->

<!-- lead:latest-news -->

<!-- lead:latest-briefs -->
"""
HOME_ZH = """# 测试网络

欢迎。

<!-- lead:upcoming-events -->

<!-- lead:latest-news -->

<!-- lead:latest-briefs -->
"""

PILLARS = [
    {"id": "research", "title": {"en": "Research", "zh": "研究"}, "summary": {"en": "Research pillar.", "zh": "研究支柱。"},
     "activities": [{"en": "Joint studies", "zh": "联合研究"}]},
    {"id": "training", "title": {"en": "Training", "zh": "培训"}, "summary": {"en": "Training pillar.", "zh": "培训支柱。"}},
]


def free_port() -> int:
    """A port no one listens on now (another process may take it before it is used: see ``ProjectSite.serving``)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], Any], seconds: float, every: float = 0.1) -> Any:
    """Ask ``condition`` until it answers something true or ``seconds`` have passed; its last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = condition()
        if answer or time.monotonic() >= deadline:
            return answer
        time.sleep(every)


@dataclass
class Serving:
    """A ``leadctl serve`` process and where it answers."""

    process: subprocess.Popen
    port: int
    log: Path

    def url(self, path: str = "") -> str:
        """The address of ``path`` under the site's home, as the server announced it."""
        return self.announced() + path

    def announced(self) -> str:
        found = re.search(rf"Serving on (http://127\.0\.0\.1:{self.port}/\S*)", self.output())
        assert found, f"leadctl serve did not say where it serves:\n{self.output()}"
        return found.group(1) if found.group(1).endswith("/") else found.group(1) + "/"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until_serving(self, seconds: float) -> bool:
        """True once the server says it serves on its port; False if it ended first."""
        serving = f"Serving on http://127.0.0.1:{self.port}/"
        answer = wait_until(lambda: serving in self.output() or self.process.poll() is not None, seconds)
        if not answer:
            raise AssertionError(f"leadctl serve did not start in {seconds} s:\n{self.output()}")
        return serving in self.output() and self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Result:
    exit_code: int
    output: str


class ProjectSite:
    """A project folder under tmp_path: write records, build, read pages."""

    def __init__(self, root: Path, timezone: str = "Europe/Brussels", extra_nav: str = ""):
        self.root = root
        self.site_dir = root / "site"
        (root / "docs" / "zh").mkdir(parents=True, exist_ok=True)
        (root / "data").mkdir(exist_ok=True)
        (root / "mkdocs.yml").write_text(
            MKDOCS_YML.format(
                overrides=(REPO / "overrides").as_posix(),
                hooks=(REPO / "hooks" / "lead.py").as_posix(),
                timezone=timezone,
                extra_nav=extra_nav,
            ),
            encoding="utf-8",
        )
        self.write("docs/index.md", HOME_EN)
        self.write("docs/zh/index.md", HOME_ZH)
        self.write_yaml("data/pillars.yml", PILLARS)

    # -- writing -------------------------------------------------------------
    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def write_yaml(self, relative: str, data: Any) -> Path:
        return self.write(relative, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def member(self, member_id: str, **fields: Any) -> Path:
        record = {"kind": "institution", "name": member_id.replace("-", " ").title(), "country": "NL"}
        record.update(fields)
        return self.write_yaml(f"data/members/{member_id}.yml", record)

    def event(self, event_id: str, **fields: Any) -> Path:
        record = {"title": event_id.replace("-", " ").title(), "kind": "seminar", "start": "2026-10-13", "summary": "An event."}
        record.update(fields)
        return self.write_yaml(f"data/events/{event_id}.yml", record)

    def project(self, project_id: str, **fields: Any) -> Path:
        record = {"title": project_id.replace("-", " ").title(), "acronym": project_id.upper(), "summary": "A project."}
        record.update(fields)
        return self.write_yaml(f"data/projects/{project_id}.yml", record)

    def programme(self, programme_id: str, **fields: Any) -> Path:
        record = {"title": programme_id.replace("-", " ").title(), "summary": "A programme.", "provider_name": "A provider", "format": "course"}
        record.update(fields)
        if "provider" in fields:
            record.pop("provider_name")
        return self.write_yaml(f"data/programmes/{programme_id}.yml", record)

    def brief(self, brief_id: str, **fields: Any) -> Path:
        record = {"title": brief_id.replace("-", " ").title(), "date": "2026-03-01", "summary": "A brief."}
        record.update(fields)
        return self.write_yaml(f"data/briefs/{brief_id}.yml", record)

    def work(self, work_id: str, **fields: Any) -> Path:
        record = {"title": work_id.replace("-", " ").title(), "kind": "report", "date": 2021, "summary": "A work."}
        record.update(fields)
        record = {key: value for key, value in record.items() if value is not None}  # date=None: an undated work
        return self.write_yaml(f"data/knowledge/{work_id}.yml", record)

    def topics(self, *topics: dict[str, Any]) -> Path:
        return self.write_yaml("data/topics.yml", list(topics))

    def news(self, slug: str, language: str = "en", body: str = "Text of the post.", **front_matter: Any) -> Path:
        front = {"title": slug.replace("-", " ").title(), "date": "2026-05-01"}
        front.update(front_matter)
        folder = "docs/news" if language == "en" else f"docs/{language}/news"
        return self.write(f"{folder}/{slug}.md", "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n")

    # -- running ---------------------------------------------------------------
    def leadctl(self, *args: str) -> Result:
        """Run leadctl in-process (click's runner), in the project folder."""
        runner = CliRunner()
        previous = os.getcwd()
        os.chdir(self.root)
        try:
            result = runner.invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": TODAY_EPOCH}, catch_exceptions=False)
        finally:
            os.chdir(previous)
        return Result(result.exit_code, result.output)

    def leadctl_process(self, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
        """Run leadctl as a separate process, as a contributor would."""
        env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
        return subprocess.run(
            [sys.executable, "-m", "leadctl", *args], cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout
        )

    @contextmanager
    def serving(self, *args: str, attempts: int = 5, seconds: float = 120) -> Iterator[Serving]:
        """``leadctl serve`` as a separate process on a free port, stopped on leaving.

        A port found free may be taken by another process (another test
        worker) before the server binds it, after its first build: the server
        then says the address is in use, and it starts again on another port.
        """
        for _ in range(attempts):
            port = free_port()
            log = self.root.parent / f"serve-{port}.log"
            with log.open("wb") as stream:
                process = subprocess.Popen(
                    [sys.executable, "-m", "leadctl", "serve", "-a", f"127.0.0.1:{port}", *args],
                    cwd=self.root, env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}, stdout=stream, stderr=subprocess.STDOUT,
                )
            server = Serving(process, port, log)
            try:
                if server.wait_until_serving(seconds):
                    yield server
                    return
            finally:
                server.stop()
            if not re.search(r"in use|busy", server.output(), re.IGNORECASE):
                raise AssertionError(f"leadctl serve ended before serving:\n{server.output()}")
        raise AssertionError(f"leadctl serve found no free port in {attempts} attempts")

    def build(self) -> Result:
        result = self.leadctl("build", "--quiet")
        assert result.exit_code == 0, result.output
        return result

    # -- reading ---------------------------------------------------------------
    def html(self, url_path: str) -> BeautifulSoup:
        """Parse a built page by its URL path, e.g. "zh/members/x/"."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def article(self, url_path: str) -> BeautifulSoup:
        return self.html(url_path).select_one("article")

    def text(self, url_path: str) -> str:
        return self.article(url_path).get_text(" ", strip=True)

    def snapshot(self) -> dict[str, bytes]:
        """The built site's files by path, with their bytes, to compare with another build's."""
        return {p.relative_to(self.site_dir).as_posix(): p.read_bytes() for p in sorted(self.site_dir.rglob("*")) if p.is_file()}


def assert_in_order(text: str, parts: list[str]) -> None:
    """Each part appears in ``text`` after the one before it (a number as a whole number: 13 is not in 2013)."""
    position = 0
    for part in parts:
        before = "(?<![0-9])" if part[0].isdigit() else ""
        after = "(?![0-9])" if part[-1].isdigit() else ""
        found = re.compile(before + re.escape(part) + after).search(text, position)
        assert found, f"{part!r} after position {position} in {text!r}"
        position = found.end()


def country_in_cldr(code: str, language: str) -> str:
    """A country's name as Babel's CLDR data writes it in ``language`` (``zh``: simplified Chinese)."""
    from babel import Locale

    return Locale.parse("zh_Hans" if language == "zh" else "en").territories[code]


def zone_of_the_tzdata_package(key: str):
    """A time zone read from the tzdata package itself, whatever the machine's zone files say."""
    from importlib.resources import files
    from zoneinfo import ZoneInfo

    resource = files("tzdata.zoneinfo").joinpath(*key.split("/"))
    with resource.open("rb") as stream:
        return ZoneInfo.from_file(stream, key=key)


def write_sample_network(site: ProjectSite) -> None:
    """Something of every kind, translated and not, so that every writer and template has work."""
    site.member("uni-a", name={"en": "University A", "zh": "甲大学"}, city={"en": "Leiden", "zh": "莱顿"},
                description={"en": "An *old* university.", "zh": "一所古老的大学，研究气候变化政策。"}, pillars=["research"],
                website="https://a.example.org/", tags=["governance"])
    site.member("uni-b", name="Universität B", country="DE", description={"en": "Not translated yet."})
    site.member("alice", kind="individual", name={"en": "Alice Example", "zh": "爱丽丝"}, country="CN",
                affiliation="uni-a", role={"en": "Dean"}, bio={"en": "Studies governance."})
    site.event("autumn-seminar", title={"en": "Autumn seminar", "zh": "秋季研讨会"}, start="2026-10-13", end="2026-10-15",
               organizers=["uni-a", "alice"], pillars=["research"], summary={"en": "Three days.", "zh": "为期三天。"},
               body={"en": "Details *here*.", "zh": "详情见此。"})
    site.event("spring-forum", kind="forum", title="Spring forum", start="2026-03-30 09:30", end="2026-03-30 17:00",
               timezone="Europe/Amsterdam", organizers=["uni-b"], summary="A forum.")
    site.project("shared-governance", title={"en": "Shared governance", "zh": "共同治理"}, acronym="SHARE",
                 summary={"en": "A joint project.", "zh": "一个联合项目。"}, start="2025-01", end=2027,
                 coordinator="uni-a", partners=["uni-b"], pillars=["research"], aims=[{"en": "Compare governance."}])
    site.programme("tuesday-breakfast", title={"en": "Tuesday breakfast", "zh": "周二早餐会"}, provider="uni-a", format="seminar-series",
                   mode="onsite", summary={"en": "Every Tuesday.", "zh": "每周二。"}, pillars=["training"], project="shared-governance",
                   schedule={"every": "week", "day": "tuesday", "time": "08:00", "end_time": "09:30", "timezone": "Europe/Amsterdam",
                             "from": "2026-01-06", "except": ["2026-04-07"]},
                   learning_outcomes=[{"en": "Lead meetings.", "zh": "主持会议。"}], ects=1,
                   credential={"kind": "badge", "awarded_by": "University A"})
    site.brief("governance-brief", title={"en": "Shared governance", "zh": "共同治理"}, date="2026-02-01",
               authors=[{"member": "alice"}, {"name": "Bob Outside"}], pillars=["research"],
               summary={"en": "On shared decisions.", "zh": "关于大学共同决策的简报。"}, files="https://files.example.org/b.pdf",
               topics=["governance"])
    site.topics({"id": "governance", "label": {"en": "University governance", "zh": "大学治理"},
                 "summary": {"en": "How universities decide.", "zh": "大学如何决策。"}})
    site.work("governance-study", title={"en": "Governance compared", "zh": "治理比较"}, kind="comparative-study", date="2025-11",
              authors=[{"member": "alice"}, {"organisation": "University B"}], languages=["en", "zh"],
              files=[{"path": "governance-study.pdf", "language": "en"}], topics=["governance"], pillars=["research"],
              project="shared-governance", summary={"en": "Two universities compared.", "zh": "两所大学的比较。"})
    site.write("docs/files/governance-study.pdf", "%PDF-1.4 a stand-in for a study\n")
    site.news("2026-05-01-hello", title="Hello", date="2026-05-01", summary="First post.", pillars=["research"], tags=["news"])
    site.news("2026-05-01-hello", language="zh", title="你好", date="2026-05-01", summary="第一篇。", body="网络的第一篇新闻。")
    site.news("2026-05-20-english-only", title="English only", date="2026-05-20", body="See [the home page](../index.md).")
    site.write("docs/about.md", "# About\n\nOnly in English: the Chinese site shows this text as not yet translated.\n")
    site.write("docs/files/readme.txt", "An asset copied as it is.\n")
