"""Every field of every kind of data file, documented from the JSON Schemas (so the words cannot drift from
what ``check`` accepts): for the open-data page and for the skeletons ``new`` writes."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.catalogue.schemas import build_schema


@dataclass(frozen=True)
class FieldDoc:
    path: str
    """Dotted path (``main_camera.lens``)."""
    type: str
    """A short phrase: ``fact (date ...)``, ``facts (Price)``, ``id``, ``group`` (a mapping of fields)."""
    required: bool
    description: str
    schema: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The field's JSON Schema (references resolved one level), for tools that need more than words."""


# The schemas are the models' (code, not data): each answer below is made once per process, and is the
# very same object in every build, so the open-data page that shows them is not rendered again on a save.


@functools.cache
def field_docs(schema_name: str, root: str | None = None) -> tuple[FieldDoc, ...]:
    """Every field of one kind of entry, nested groups (``main_camera.lens``) included.

    ``root`` picks a list inside the schema (``sources`` in the sources register) to document its items.
    """
    schema = build_schema(schema_name)
    defs = schema.get("$defs", {})
    node = schema
    if root is not None:
        node = _resolve(_resolve(node, defs)["properties"][root], defs)["items"]
    return tuple(_fields(_resolve(node, defs), defs, ""))


@functools.cache
def fact_fields() -> tuple[FieldDoc, ...]:
    """The four keys of every fact."""
    schema = build_schema("device")
    defs = schema["$defs"]
    fact = defs[_resolve_name(schema["properties"]["kind"])]
    return tuple(
        FieldDoc(
            name,
            _type(prop, defs) if name != "value" else "see each field",
            name in fact.get("required", []),
            prop.get("description", ""),
        )
        for name, prop in fact["properties"].items()
    )


@functools.cache
def value_types() -> tuple[tuple[str, str, tuple[FieldDoc, ...]], ...]:
    """Structured values (a price, a size): name, description, fields."""
    defs = build_schema("device")["$defs"]
    return tuple(
        (name, defs[name].get("description", ""), tuple(_fields(defs[name], defs, "")))
        for name in ("Price", "SensorSize", "Dimensions")
    )


def _resolve_name(node: dict[str, Any]) -> str:
    return str(node["$ref"]).rsplit("/", 1)[-1]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**defs[_resolve_name(node)], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _optional(node: dict[str, Any]) -> dict[str, Any]:
    """``X | None`` → ``X`` (keeping the field's own description)."""
    branches = node.get("anyOf")
    if branches and len(branches) == 2 and {"type": "null"} in branches:
        inner = next(b for b in branches if b != {"type": "null"})
        return {**inner, **{k: v for k, v in node.items() if k not in ("anyOf", "default")}}
    return node


def _fields(node: dict[str, Any], defs: dict[str, Any], prefix: str) -> Iterator[FieldDoc]:
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        prop = _optional(prop)
        resolved = _resolve(prop, defs)
        description = prop.get("description") or resolved.get("description", "")
        if (
            "$ref" in prop
            and not _is_fact_def(resolved)
            and "properties" in resolved
            and _resolve_name(prop) not in ("Price", "SensorSize", "Dimensions")
        ):
            yield FieldDoc(path, "group", name in required, description, resolved)
            yield from _fields(resolved, defs, f"{path}.")
            continue
        yield FieldDoc(path, _type(prop, defs), name in required, description, prop)


def _is_fact_def(node: dict[str, Any]) -> bool:
    return node.get("title") == "Fact" and "value" in node.get("properties", {})


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A short phrase for a schema: ``fact (date)``, ``facts (Price)``, ``id``, ``list of text``."""
    node = _optional(node)
    branches = node.get("anyOf")
    if branches and len(branches) == 2 and any(b.get("type") == "array" for b in branches):
        array = next(b for b in branches if b.get("type") == "array")
        return _type(array, defs)  # one fact or a list of them: document the list
    if "$ref" in node:
        target = _resolve(node, defs)
        if _is_fact_def(target):
            return f"fact ({_type(target['properties']['value'], defs)})"
        return _resolve_name(node)
    if branches:
        if any(b.get("type") == "integer" for b in branches) and any("pattern" in b for b in branches):
            return "date"
        return " or ".join(_type(b, defs) for b in branches)
    kind = node.get("type")
    if kind == "array":
        item = _type(node.get("items", {}), defs)
        if item.startswith("fact ("):
            return "facts " + item.removeprefix("fact ")
        return f"list of {item}"
    if "enum" in node:
        return "one of " + ", ".join(str(v) for v in node["enum"])
    if kind == "string":
        if node.get("format") == "uri":
            return "URL"
        if node.get("pattern") == "^[a-z0-9]+(?:-[a-z0-9]+)*$":
            return "id"
        return "text"
    if kind in ("number", "integer"):
        return "integer" if kind == "integer" else "number"
    if kind == "boolean":
        return "true or false"
    return str(kind or "value")
