"""JSON Schemas of the data files: generated from the models, committed, named by every data file,
and in agreement with what ``python -m generator check`` accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from generator.catalogue.models import Company, Device, Sensor
from generator.catalogue.reading import parse_text
from generator.catalogue.schemas import (
    DATA_FOLDERS,
    REFRESH,
    SCHEMAS,
    all_schemas,
    build_schema,
    modeline,
    stale_schemas,
)
from tests.helpers import REPO, run_cli

SCHEMA_DIR = REPO / "schemas"


def data_files() -> list[Path]:
    return sorted((REPO / "data").rglob("*.yaml"))


def schema_name(path: Path) -> str:
    if path.parent.name == "data":  # the files beside the folders: sources.yaml, optics.yaml
        return path.stem
    return DATA_FOLDERS[path.parent.name]


def test_committed_schemas_are_up_to_date() -> None:
    stale = stale_schemas(SCHEMA_DIR)
    assert not stale, (
        f"schemas/ is out of date with generator/models.py: {', '.join(stale)}. Run `{REFRESH}` and commit the result."
    )
    committed = {p.name for p in SCHEMA_DIR.glob("*.json")}
    assert committed == set(all_schemas()), "schemas/ holds a file the generator does not make"


def test_a_schema_for_every_kind_of_data_file() -> None:
    assert set(SCHEMAS) == {"device", "company", "partnership", "sensor", "sources", "optics"}
    for name in SCHEMAS:
        assert (SCHEMA_DIR / f"{name}.schema.json").is_file()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_deterministic_json_schema(name: str) -> None:
    raw = all_schemas()[f"{name}.schema.json"]
    assert raw == all_schemas()[f"{name}.schema.json"]
    assert raw.endswith(b"}\n") and not raw.endswith(b"\n\n")
    schema = json.loads(raw)
    assert raw.decode() == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert REFRESH in schema["$comment"]
    # Readable names for the generic facts, none of pydantic's "Fact_Annotated_float__FieldInfo_...".
    assert all(len(key) < 40 and "Annotated" not in key for key in schema.get("$defs", {}))


def test_every_data_file_names_its_schema() -> None:
    files = data_files()
    assert len(files) > 10
    for path in files:
        rel = path.relative_to(REPO).as_posix()
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(rel), f"{rel}: the first line must be `{modeline(rel)}`"
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{rel} names {target}, which does not exist"


def test_every_data_file_is_valid_against_its_schema() -> None:
    problems = []
    for path in data_files():
        validator = Draft202012Validator(build_schema(schema_name(path)))
        doc = parse_text(path.name, path.read_text(encoding="utf-8"), [])
        assert doc is not None, path
        data = doc.data
        for error in validator.iter_errors(data):
            where = ".".join(map(str, error.absolute_path))
            problems.append(f"{path.relative_to(REPO)}: {where}: {error.message}")
    assert not problems, "\n".join(problems)


def test_descriptions_come_from_the_models() -> None:
    schema = build_schema("device")
    assert schema["description"] == Device.__doc__
    assert schema["properties"]["maker"]["description"] == Device.model_fields["maker"].description
    assert schema["properties"]["announced"]["description"] == Device.model_fields["announced"].description
    # Every field says what it holds, so an editor's hover and the skeleton can explain it.
    for model in (Device, Company, Sensor):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"


DEVICE = {
    "name": "X",
    "maker": "acme",
    "kind": {"value": "phone", "sources": ["s"]},
    "announced": {"value": "2022-07", "sources": ["s"]},
}


def _model_accepts(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    ("model", "name", "data"),
    [
        (Device, "device", DEVICE),
        (Device, "device", {**DEVICE, "announced": {"value": 2022}}),  # a year written as a number
        (Device, "device", {**DEVICE, "main_camera": {"size": {"value": {"width_mm": 13.2, "height_mm": 8.8}}}}),
        (Device, "device", {**DEVICE, "platform": {"weight_g": [{"value": 204}, {"value": 220}]}}),
        (Device, "device", {**DEVICE, "platform": {"weight_g": {"value": 204}}}),  # one fact, no brackets
        (Device, "device", {**DEVICE, "kind": {"value": "tablet"}}),
        (Device, "device", {**DEVICE, "announced": {"value": "July 2022"}}),
        (Device, "device", {**DEVICE, "announced": {"value": 1500}}),
        (Device, "device", {**DEVICE, "colour": "red"}),
        (Device, "device", {**DEVICE, "maker": "Acme Inc"}),
        (Device, "device", {k: v for k, v in DEVICE.items() if k != "announced"}),
        (Device, "device", {**DEVICE, "prices": [{"value": {"amount": 5999, "currency": "CNY"}}]}),
        (Device, "device", {**DEVICE, "prices": [{"value": {"amount": 5999, "currency": "XXX"}}]}),
        (Device, "device", {**DEVICE, "kind": {"value": "phone", "pre_launch": True, "note": "n"}}),
        (Device, "device", {**DEVICE, "kind": {"value": "phone", "source": ["s"]}}),
        (Company, "company", {"name": "Leica", "roles": ["camera-brand"], "founded": {"value": 1849}}),
        (Company, "company", {"name": "Leica", "roles": []}),
    ],
)
def test_schema_accepts_what_the_models_accept(model: type[BaseModel], name: str, data: dict[str, Any]) -> None:
    """Editors flag exactly what ``check`` would (for what a schema can say: not cross-file ids)."""
    schema_ok = not list(Draft202012Validator(build_schema(name)).iter_errors(data))
    assert schema_ok == _model_accepts(model, data), data


def test_schemas_command_writes_then_checks(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    first = run_cli("schemas", "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "6 written" in first.stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == all_schemas()
    assert "0 written" in run_cli("schemas", "--out", str(out)).stdout
    assert run_cli("schemas", "--check", "--out", str(out)).returncode == 0
    (out / "device.schema.json").write_text("{}\n")
    stale = run_cli("schemas", "--check", "--out", str(out))
    assert stale.returncode == 1
    assert "device.schema.json: out of date" in stale.stderr and REFRESH in stale.stderr
    assert (out / "device.schema.json").read_text() == "{}\n"  # --check writes nothing
