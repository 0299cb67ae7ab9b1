"""The code stays as pyproject.toml asks: ruff's rules and mypy's types."""

from __future__ import annotations

import subprocess

import pytest

from tests.helpers import REPO


def test_ruff() -> None:
    result = subprocess.run([str(REPO / ".venv/bin/ruff"), "check", "generator", "tests", "scripts"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_mypy() -> None:
    result = subprocess.run([str(REPO / ".venv/bin/mypy")], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
