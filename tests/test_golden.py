"""Golden tests: each ``tests/golden/*.yaml`` holds data files, a page to render and the exact Markdown expected.

After an intended change of the templates, refresh them with ``pytest tests/test_golden.py --update-goldens``
(pytest-golden) and read the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_golden.plugin import GoldenTestFixture

from generator.catalogue.checking import load_catalogue
from generator.site.build import build_outputs
from tests.helpers import MINIMAL, write_data

CASES = sorted((Path(__file__).parent / "golden").glob("*.yaml"))


@pytest.mark.golden_test("golden/*.yaml")
def test_golden(golden: GoldenTestFixture, tmp_path: Path) -> None:
    assert golden["description"], "each case says what it shows"
    data = write_data(tmp_path, {**MINIMAL, **(golden.get("data") or {})})
    outputs, _ = build_outputs(load_catalogue(data))
    assert outputs[golden["page"]].decode() == golden.out["expected"]


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 5
