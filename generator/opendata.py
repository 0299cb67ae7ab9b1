"""The catalogue as open data: JSON for every kind, CSV for the devices, and a page that documents them.

The files are generated outputs like the pages (``docs/data/*.json`` after ``generate``; virtual
files under ``mkdocs build``), so the built site serves ``/data/devices.json`` and friends. Every
value keeps its sources: the JSON mirrors the data files, each fact as ``{value, sources, note,
pre_launch}``, plus each entry's id, page and data file. The bytes are deterministic (sorted keys,
entries in id order, no timestamps), so a rebuild with unchanged data changes no file.

The field documentation on the page is read from the JSON Schemas that ``generator/schemas.py``
makes from the models, so it cannot drift from what ``check`` accepts.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .catalogue import Catalogue, Entry
from .models import Dimensions, Fact, Price, SensorSize
from .schemas import DATA_FOLDERS, build_schema

if TYPE_CHECKING:
    from .site_plan import PageSpec

FOLDER = "data"
"""Folder of docs/ (and URL path of the site) that holds the open data and its page."""
KINDS = ("devices", "companies", "partnerships", "sensors")
LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "applies_to": "the compilation and the text written for Lens Lineage; facts themselves are not "
                  "copyrightable, and each fact lists the sources it comes from",
    "attribution": "Lens Lineage",
}
SEPARATOR = " | "
"""Joins the values of a CSV cell whose field holds several facts (and their groups of sources)."""


def open_data_pages(catalogue: Catalogue) -> list[PageSpec]:
    """The JSON and CSV files, and the page that documents them."""
    from .site_plan import PageSpec  # site_plan imports this module

    files = open_data_files(catalogue)
    pages = [PageSpec(f"{FOLDER}/{name}", "", None, content=content) for name, content in files.items()]
    pages.append(PageSpec(f"{FOLDER}/index.md", "open_data.md.j2", None, {
        "files": [(name, len(content), _count(catalogue, name)) for name, content in files.items()],
        "licence": LICENCE,
        "fact_fields": fact_fields(),
        "kinds": [(kind, f"{kind}.json", field_docs(DATA_FOLDERS[kind])) for kind in KINDS],
        "source_fields": [*field_docs("sources", root="sources"), FieldDoc(
            "cited_by", "list of text", False,
            "The entries whose facts cite it, as kind/id (devices/xiaomi-12s-ultra).")],
        "value_types": value_types(),
        "csv_columns": csv_column_docs(),
    }))
    return pages


def open_data_files(catalogue: Catalogue) -> dict[str, bytes]:
    """File name (inside ``data/``) → bytes."""
    files = {f"{kind}.json": _json(_kind_document(catalogue, kind)) for kind in KINDS}
    files["sources.json"] = _json(_sources_document(catalogue))
    files["devices.csv"] = devices_csv(catalogue)
    return files


def _count(catalogue: Catalogue, name: str) -> int:
    kind = name.split(".")[0]
    return len(getattr(catalogue, kind))


def _json(document: Any) -> bytes:
    return (json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def page_url(kind: str, entity_id: str) -> str:
    """An entry's page, relative to the JSON/CSV file (resolve it against the file's own address)."""
    return f"../{kind}/{entity_id}/"


def entry_record(kind: str, entry: Entry[Any]) -> dict[str, Any]:
    """One entry as JSON: its fields exactly as in its data file (every fact with its sources),
    plus ``id``, ``url`` and ``data_file``."""
    record = entry.model.model_dump(mode="json")
    record.update(id=entry.id, url=page_url(kind, entry.id), data_file=entry.repo_path)
    return record


def _header(kind: str, count: int) -> dict[str, Any]:
    return {
        "kind": kind,
        "count": count,
        "documentation": "./",
        "sources": "sources.json",
        "licence": LICENCE,
    }


def _kind_document(catalogue: Catalogue, kind: str) -> dict[str, Any]:
    table: dict[str, Entry[Any]] = getattr(catalogue, kind)
    return {**_header(kind, len(table)), kind: [entry_record(kind, table[i]) for i in sorted(table)]}


def _sources_document(catalogue: Catalogue) -> dict[str, Any]:
    cited_by = citing_entries(catalogue)
    records = []
    for source_id in sorted(catalogue.sources):
        record = catalogue.sources[source_id].model_dump(mode="json")
        record["cited_by"] = cited_by.get(source_id, [])
        records.append(record)
    return {**_header("sources", len(records)), "sources": records}


def facts_of(model: BaseModel) -> Iterator[Fact[Any]]:
    """Every fact anywhere inside a model."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Fact):
                yield item
            elif isinstance(item, BaseModel):
                yield from facts_of(item)


def citing_entries(catalogue: Catalogue) -> dict[str, list[str]]:
    """Source id → the entries (``kind/id``) whose facts cite it, sorted."""
    found: dict[str, set[str]] = {}
    for kind in KINDS:
        for entry_id, entry in getattr(catalogue, kind).items():
            for fact in facts_of(entry.model):
                for source_id in fact.sources:
                    found.setdefault(source_id, set()).add(f"{kind}/{entry_id}")
    return {source_id: sorted(entries) for source_id, entries in found.items()}


# CSV ----------------------------------------------------------------------------------------------

def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _value_text(value: Any) -> str:
    if isinstance(value, Price):
        return f"{_number(value.amount)} {value.currency}"
    if isinstance(value, SensorSize):
        return f"{_number(value.width_mm)}x{_number(value.height_mm)}"
    if isinstance(value, Dimensions):
        return f"{_number(value.height_mm)}x{_number(value.width_mm)}x{_number(value.depth_mm)}"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return _number(value)
    return str(value)


@dataclass(frozen=True)
class Column:
    name: str
    """The field's path in the JSON (``main_camera.format``); fact columns get a ``.sources`` twin."""
    get: Callable[[Any], Any]
    fact: bool
    format: str = ""
    """How a structured value is written in the cell, when it is not plain text or a number."""


def _model_at(path: str) -> Callable[[Entry[Any]], Any]:
    """A getter of the value at a dotted path of an entry's model."""
    def get(entry: Entry[Any]) -> Any:
        value = entry.model
        for part in path.split("."):
            value = getattr(value, part)
        return value
    return get


_MODEL_COLUMNS = {
    "kind": "", "model_number": "", "announced": "", "released": "",
    "prices": "amount and currency code, e.g. 5999 CNY",
    "main_camera.sensor": "", "main_camera.sensor_id": "", "main_camera.format": "",
    "main_camera.size": "width x height in mm, e.g. 13.2x8.8",
    "main_camera.resolution_mp": "", "main_camera.lens": "", "main_camera.focal_length_mm": "",
    "main_camera.aperture": "",
    "platform.chipset": "", "platform.os": "", "platform.display": "", "platform.battery_mah": "",
    "platform.dimensions": "height x width x depth in mm, e.g. 163.2x74.9x9.1",
    "platform.weight_g": "",
}

COLUMNS: list[Column] = [
    Column("id", lambda e: e.id, False),
    Column("url", lambda e: page_url("devices", e.id), False),
    Column("name", lambda e: e.model.name, False),
    Column("maker", lambda e: e.model.maker, False),
    Column("partnership", lambda e: e.model.partnership, False),
    Column("aliases", lambda e: e.model.aliases, False),
    *(Column(path, _model_at(path), path != "main_camera.sensor_id", fmt)
      for path, fmt in _MODEL_COLUMNS.items()),
]
"""The devices CSV: one row per device, the main fields flattened; story, features and other
cameras are in the JSON only."""


def csv_header() -> list[str]:
    names: list[str] = []
    for column in COLUMNS:
        names.append(column.name)
        if column.fact:
            names.append(f"{column.name}.sources")
    return names


def _cells(column: Column, entry: Entry[Any]) -> list[str]:
    value = column.get(entry)
    if not column.fact:
        if value is None:
            return [""]
        return [SEPARATOR.join(value) if isinstance(value, list) else str(value)]
    facts = value if isinstance(value, list) else ([] if value is None else [value])
    return [SEPARATOR.join(_value_text(f.value) for f in facts),
            SEPARATOR.join(" ".join(f.sources) for f in facts)]


def devices_csv(catalogue: Catalogue) -> bytes:
    """One row per device (in id order), UTF-8, RFC 4180 quoting and line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header())
    for device_id in sorted(catalogue.devices):
        entry = catalogue.devices[device_id]
        writer.writerow([cell for column in COLUMNS for cell in _cells(column, entry)])
    return out.getvalue().encode()


# Field documentation, read from the JSON Schemas ------------------------------------------------------

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


def field_docs(schema_name: str, root: str | None = None) -> list[FieldDoc]:
    """Every field of one kind of entry, nested groups (``main_camera.lens``) included.

    ``root`` picks a list inside the schema (``sources`` in the sources register) to document its items.
    """
    schema = build_schema(schema_name)
    defs = schema.get("$defs", {})
    node = schema
    if root is not None:
        node = _resolve(_resolve(node, defs)["properties"][root], defs)["items"]
    return list(_fields(_resolve(node, defs), defs, ""))


def fact_fields() -> list[FieldDoc]:
    """The four keys of every fact."""
    schema = build_schema("device")
    defs = schema["$defs"]
    fact = defs[_resolve_name(schema["properties"]["kind"])]
    return [FieldDoc(name, _type(prop, defs) if name != "value" else "see each field",
                     name in fact.get("required", []), prop.get("description", ""))
            for name, prop in fact["properties"].items()]


def value_types() -> list[tuple[str, str, list[FieldDoc]]]:
    """Structured values (a price, a size): name, description, fields."""
    defs = build_schema("device")["$defs"]
    return [(name, defs[name].get("description", ""), list(_fields(defs[name], defs, "")))
            for name in ("Price", "SensorSize", "Dimensions")]


def csv_column_docs() -> list[tuple[str, str]]:
    """Each CSV column and what it holds, the descriptions taken from the device schema."""
    docs = {d.path: d for d in field_docs("device")}
    extra = {"id": "The device's id: its data file's name and its page's URL segment.",
             "url": "Its page, relative to this file."}
    rows = []
    for column in COLUMNS:
        text = extra.get(column.name) or docs[column.name].description
        if column.format:
            text = f"{text} Written as {column.format}."
        rows.append((column.name, text))
        if column.fact:
            rows.append((f"{column.name}.sources", f"Source ids of {column.name}, space-separated."))
    return rows


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
        if "$ref" in prop and not _is_fact_def(resolved) and "properties" in resolved \
                and _resolve_name(prop) not in ("Price", "SensorSize", "Dimensions"):
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
