from __future__ import annotations

import os

import pytest

from sitekit import ProjectSite


@pytest.fixture(scope="session", autouse=True)
def _leadctl_settings_of_the_caller_cleared():
    """Every test starts from leadctl's defaults, whatever the caller exported (``LEADCTL_CACHE=0``, ``LEADCTL_PARALLEL=1``).

    Session-wide, so that sites built once per module start from them too. A
    test that depends on a setting sets it itself (``monkeypatch.setenv``);
    the processes tests start inherit the cleared environment.
    """
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("LEADCTL_")]:
            patch.delenv(name)
        yield


@pytest.fixture
def site(tmp_path) -> ProjectSite:
    return ProjectSite(tmp_path / "project")
