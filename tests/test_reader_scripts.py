"""The scripts readers' browsers run (docs/javascripts) pass ESLint (eslint.config.mjs).

Besides the recommended rules, no variable is used before it is defined: a
constant defined as itself is undefined, and a search that used one showed
Chinese excerpts twice as long as meant, with nothing failing.
"""

from __future__ import annotations

import subprocess

import pytest

from sitekit import REPO

ESLINT = REPO / "node_modules" / ".bin" / "eslint"


def test_the_readers_scripts_pass_eslint():
    if not ESLINT.exists():
        pytest.fail("ESLint is not installed: run `npm ci` (scripts/test does)")
    done = subprocess.run([str(ESLINT), "--max-warnings", "0", "docs/javascripts"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
