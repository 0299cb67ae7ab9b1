"""Golden tests: each tests/golden/*.yaml holds data files, a page to render and the exact Markdown expected.

After an intended change of the templates, refresh them with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.catalogue.checking import load_catalogue
from generator.site.build import build_outputs
from tests.helpers import MINIMAL, write_data

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yaml"))


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    data = write_data(tmp_path, {**MINIMAL, **spec.get("data", {})})
    outputs, _ = build_outputs(load_catalogue(data))
    actual = outputs[spec["page"]].decode()
    if os.environ.get("UPDATE_GOLDEN"):
        spec["expected"] = _Literal(actual)
        spec["data"] = {k: _Literal(v) for k, v in spec.get("data", {}).items()}
        case.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    assert actual == spec["expected"]


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 5
