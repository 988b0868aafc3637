from __future__ import annotations

import pytest

from sitekit import ProjectSite


@pytest.fixture
def site(tmp_path) -> ProjectSite:
    return ProjectSite(tmp_path / "project")
