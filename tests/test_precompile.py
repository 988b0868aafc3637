"""Templates compiled ahead, beside a parallel build: the same site, with fewer templates compiled by the build."""

from __future__ import annotations

import shutil

import jinja2
import pytest
from mkdocs.config import load_config

from leadctl.glue.engine import PARALLEL_VARIABLE
from leadctl.glue.speed.precompile import CompilingBeside
from sitekit import ProjectSite, write_sample_network


@pytest.fixture()
def network(tmp_path) -> ProjectSite:
    site = ProjectSite(tmp_path / "project", extra_nav="  - About: about.md")
    write_sample_network(site)
    return site


def build_recording_compiled(network, monkeypatch) -> list[str]:
    """Build in this one process (LEADCTL_PARALLEL=0); the names of the templates the build compiled.

    The theme's templates are loaded afresh by every build (MkDocs makes a new
    environment), so they show what the build had to compile itself.
    """
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def recording(environment, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(environment, source, name, *args, **kwargs)

    monkeypatch.setenv(PARALLEL_VARIABLE, "0")
    monkeypatch.setattr(jinja2.Environment, "compile", recording)
    network.build()
    monkeypatch.undo()
    return compiled


def compiling_beside(network) -> CompilingBeside:
    return CompilingBeside(load_config(str(network.root / "mkdocs.yml")), network.root)


THEME_TEMPLATES = {"base.html", "main.html", "404.html", "partials/header.html"}


def test_a_build_after_compiling_ahead_compiles_less_and_writes_the_same_site(network, monkeypatch):
    assert THEME_TEMPLATES <= set(build_recording_compiled(network, monkeypatch))
    expected = network.snapshot()
    shutil.rmtree(network.root / ".cache")
    compiling_beside(network).wait()
    compiled = build_recording_compiled(network, monkeypatch)
    assert not THEME_TEMPLATES & set(compiled), compiled
    assert network.snapshot() == expected


def test_a_build_compiles_what_was_not_compiled_ahead(network, monkeypatch):
    network.build()
    expected = network.snapshot()
    shutil.rmtree(network.root / ".cache")
    compiling_beside(network).stop()  # cut short at once, or wherever it got to
    build_recording_compiled(network, monkeypatch)
    assert network.snapshot() == expected
