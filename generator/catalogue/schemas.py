"""JSON Schemas of the data files, generated from the models (never written by hand).

Every data file names its schema on its first line (``# yaml-language-server: $schema=...``), so an
editor with YAML language support validates and completes the file as one types. The schemas live
in ``schemas/`` in the repository; ``python -m generator schemas`` refreshes them and a test fails
when a committed schema differs from a freshly generated one.

Two things the models accept are widened here so that the schema accepts exactly what
``python -m generator check`` accepts:

* a date may be written as a number (``founded: {value: 1900}``), which the models turn into text;
* a field that holds a list of facts may hold a single fact written without list brackets.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.catalogue import dates, models
from generator.catalogue.kinds import KINDS, OPTICS_MODEL, OPTICS_SCHEMA, SOURCES_MODEL, SOURCES_SCHEMA

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
REFRESH = "python -m generator schemas"

SCHEMAS: dict[str, type[BaseModel]] = {kind.name: kind.model for kind in KINDS} | {
    SOURCES_SCHEMA: SOURCES_MODEL,
    OPTICS_SCHEMA: OPTICS_MODEL,
}
"""Schema name (``schemas/<name>.schema.json``) → the model it is generated from."""

DATA_FOLDERS = {kind.folder: kind.name for kind in KINDS}
"""Folder of data/ → the schema its files use (``data/sources.yaml`` uses ``sources``)."""


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


def modeline(data_file: str) -> str:
    """The first line a data file needs (``data/devices/x.yaml`` → ``...../schemas/device.schema.json``)."""
    parts = data_file.split("/")
    if len(parts) == 2 and parts[1] in ("sources.yaml", "optics.yaml"):
        return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_file(parts[1].removesuffix('.yaml'))}"
    if len(parts) == 3 and parts[1] in DATA_FOLDERS:
        return f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/{schema_file(DATA_FOLDERS[parts[1]])}"
    raise ValueError(f"{data_file} is not a data file")


class _DataFileSchema(GenerateJsonSchema):
    """Pydantic's generator, told about the two input shortcuts the models' validators accept."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        function = schema["function"].get("function")
        inner = super().function_before_schema(schema)
        if function is models.one_or_many and inner.get("type") == "array":
            return {"anyOf": [inner["items"], inner]}
        if function is dates.from_yaml:
            text = {**inner, "pattern": dates.PATTERN.pattern}
            return {"anyOf": [text, {"type": "integer", "minimum": 1800, "maximum": 2100}]}
        return inner


def build_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file, with readable definition names (a fresh copy)."""
    return copy.deepcopy(_build_schema(name))


@functools.cache
def _build_schema(name: str) -> dict[str, Any]:
    model = SCHEMAS[name]
    schema = model.model_json_schema(schema_generator=_DataFileSchema, mode="validation")
    schema = _tidy(schema)
    return {
        "$schema": DIALECT,
        "$comment": f"Generated from generator/catalogue/models.py by `{REFRESH}`; do not edit by hand.",
        **schema,
    }


def render_schema(name: str) -> bytes:
    """Deterministic bytes: sorted keys, two-space indent, UTF-8, a newline at the end."""
    return (json.dumps(build_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def all_schemas() -> dict[str, bytes]:
    """File name → bytes of every schema."""
    return {schema_file(name): render_schema(name) for name in SCHEMAS}


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in ``folder`` that are missing or differ from freshly generated ones."""
    return [
        name
        for name, content in all_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_bytes() != content
    ]


# Tidying ------------------------------------------------------------------------------------------

_FACT_TITLE = "Fact"
_FACT_DESCRIPTION = (
    "A value and the sources that support it: {value: ..., sources: [ids from "
    "data/sources.yaml]}, with an optional note and pre_launch flag."
)


def _tidy(schema: dict[str, Any]) -> dict[str, Any]:
    """Give pydantic's generated names of generic facts (``Fact_Annotated_float__FieldInfo_...``)
    short, stable names that say what value they hold (``Fact_number_0_1000``), and plain titles."""
    defs: dict[str, Any] = schema.get("$defs", {})
    renames: dict[str, str] = {}
    taken = {name for name in defs if not _is_fact(defs[name])}
    for old in sorted(defs):
        if not _is_fact(defs[old]):
            continue
        base = "Fact_" + _label(defs[old]["properties"]["value"])
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}_{n}"
        taken.add(new)
        renames[old] = new
    for old, new in renames.items():
        definition = defs.pop(old)
        definition["title"] = _FACT_TITLE
        definition["description"] = _FACT_DESCRIPTION
        defs[new] = definition
    return _rewrite_refs(schema, renames)


def _is_fact(definition: dict[str, Any]) -> bool:
    return str(definition.get("title", "")).startswith("Fact[")


def _label(value: dict[str, Any]) -> str:
    if "$ref" in value:
        return value["$ref"].rsplit("/", 1)[-1]
    if "enum" in value:
        return "choice"
    if "anyOf" in value:
        return "date" if any(b.get("pattern") == dates.PATTERN.pattern for b in value["anyOf"]) else "any"
    kind = str(value.get("type", "any"))
    if kind in ("number", "integer"):
        low = value.get("exclusiveMinimum", value.get("minimum", ""))
        high = value.get("exclusiveMaximum", value.get("maximum", ""))
        return f"{kind}_{_num(low)}_{_num(high)}"
    if kind == "string":
        if "pattern" in value:
            return "pattern"
        return f"text_{value.get('maxLength', '')}"
    return kind


def _num(value: object) -> str:
    return re.sub(r"\.0$", "", str(value))


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    """Point references at the new names; drop a pattern that a date's ``anyOf`` already holds."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "pattern" and any(
                isinstance(b, dict) and b.get("pattern") == value for b in node.get("anyOf", [])
            ):
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                name = value.removeprefix("#/$defs/")
                out[key] = "#/$defs/" + renames.get(name, name)
            else:
                out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node
