"""Fixtures the tests share; the helpers themselves are in ``tests/helpers.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MINIMAL, write_data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path, MINIMAL)
