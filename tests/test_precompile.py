"""Templates compiled ahead, beside a parallel build, are the ones its languages' processes use."""

from __future__ import annotations

import shutil

import jinja2
import jinja2.utils
import pytest
from mkdocs.config import load_config

import leadctl.generators.context
from leadctl.glue.engine import PARALLEL_VARIABLE
from leadctl.glue.speed.precompile import CompilingBeside
from sitekit import ProjectSite, write_sample_network


@pytest.fixture()
def network(tmp_path) -> ProjectSite:
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    return site


def build_recording_compiled(network, monkeypatch) -> list[str]:
    """Build in this one process (LEADCTL_PARALLEL=0); the names of the templates the build compiled."""
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def recording(environment, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(environment, source, name, *args, **kwargs)

    monkeypatch.setenv(PARALLEL_VARIABLE, "0")
    monkeypatch.setattr(jinja2.Environment, "compile", recording)
    # leadctl's templates, as a new process finds them: not yet loaded.
    monkeypatch.setattr(leadctl.generators.context._environment, "cache", jinja2.utils.LRUCache(400))
    network.build()
    monkeypatch.undo()
    return compiled


def compiling_beside(network) -> CompilingBeside:
    return CompilingBeside(load_config(str(network.root / "mkdocs.yml")), network.root)


def test_a_build_uses_the_templates_compiled_ahead(network, monkeypatch):
    assert {"base.html", "main.html", "member.html"} <= set(build_recording_compiled(network, monkeypatch))
    expected = network.snapshot()
    shutil.rmtree(network.root / ".cache")
    compiling_beside(network).wait()
    compiled = build_recording_compiled(network, monkeypatch)
    assert not {"base.html", "main.html", "404.html", "partials/header.html", "member.html", "event.html"} & set(compiled), compiled
    assert network.snapshot() == expected


def test_a_build_compiles_what_was_not_compiled_ahead(network, monkeypatch):
    network.build()
    expected = network.snapshot()
    shutil.rmtree(network.root / ".cache")
    compiling_beside(network).stop()  # cut short at once, or wherever it got to
    build_recording_compiled(network, monkeypatch)
    assert network.snapshot() == expected
