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
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.catalogue.facts import cited_by
from generator.catalogue.fields import FieldDoc, fact_fields, field_docs, value_types
from generator.catalogue.kinds import KINDS
from generator.catalogue.models import Device, Dimensions, Price, SensorSize, Source
from generator.catalogue.store import Catalogue, Entry
from generator.site.fragments import Fragments, dumped, dumps_with
from generator.site.pages import PageSpec

FOLDER = "data"
"""Folder of docs/ (and URL path of the site) that holds the open data and its page."""
LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "applies_to": "the compilation and the text written for Lens Lineage; facts themselves are not "
    "copyrightable, and each fact lists the sources it comes from",
    "attribution": "Lens Lineage",
}
SEPARATOR = " | "
"""Joins the values of a CSV cell whose field holds several facts (and their groups of sources)."""


_CITED_BY_FIELD = FieldDoc(
    "cited_by", "list of text", False, "The entries whose facts cite it, as kind/id (devices/xiaomi-12s-ultra)."
)
"""The field sources.json adds to each source (the same object in every build: see ``fields``)."""


def open_data_pages(
    catalogue: Catalogue, fragments: Fragments | None = None, cited: dict[str, list[tuple[str, str]]] | None = None
) -> list[PageSpec]:
    """The JSON and CSV files, and the page that documents them; ``fragments`` keeps each entry's JSON
    and CSV row for the next build (see :mod:`generator.site.fragments`); ``cited`` is
    :func:`~generator.catalogue.facts.cited_by` of the catalogue, when the caller has it. Each file is
    made when it is rendered (see ``PageSpec.content``)."""
    files = open_data_files(catalogue, fragments, cited)
    pages = [PageSpec(f"{FOLDER}/{name}", "", None, content=make) for name, make in files.items()]
    pages.append(
        PageSpec(
            f"{FOLDER}/index.md",
            "open_data.md.j2",
            None,
            {
                "files": [(name, _count(catalogue, name)) for name in files],
                "licence": LICENCE,
                "fact_fields": fact_fields(),
                "kinds": [(kind.folder, f"{kind.folder}.json", field_docs(kind.name)) for kind in KINDS],
                "source_fields": [*field_docs("sources", root="sources"), _CITED_BY_FIELD],
                "value_types": value_types(),
                "csv_columns": csv_column_docs(),
            },
        )
    )
    return pages


def open_data_files(
    catalogue: Catalogue, fragments: Fragments | None = None, cited: dict[str, list[tuple[str, str]]] | None = None
) -> dict[str, Callable[[], bytes]]:
    """File name (inside ``data/``) → the function that makes its bytes."""
    fragments = fragments or Fragments(keep=False)
    files: dict[str, Callable[[], bytes]] = {
        f"{kind.folder}.json": functools.partial(_kind_document, catalogue, kind.folder, fragments) for kind in KINDS
    }
    files["sources.json"] = functools.partial(
        _sources_document, catalogue, fragments, cited if cited is not None else cited_by(catalogue)
    )
    files["devices.csv"] = functools.partial(devices_csv, catalogue, fragments)
    return files


def _count(catalogue: Catalogue, name: str) -> int:
    kind = name.split(".")[0]
    return len(catalogue.sources) if kind == "sources" else len(catalogue.table(kind))


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


def _kind_document(catalogue: Catalogue, kind: str, fragments: Fragments) -> bytes:
    table: dict[str, Entry[Any]] = catalogue.table(kind)
    records = fragments.each(
        ("open-data", kind), [table[i] for i in sorted(table)], functools.partial(_entry_json, kind)
    )
    return dumps_with(_header(kind, len(table)), **{kind: records}, end=b"\n")


def _entry_json(kind: str, entry: Entry[Any]) -> bytes:
    return dumped(entry_record(kind, entry))


def _source_json(source: Source, citing: tuple[str, ...]) -> bytes:
    return dumped({**source.model_dump(mode="json"), "cited_by": list(citing)})


def _sources_document(catalogue: Catalogue, fragments: Fragments, cited: dict[str, list[tuple[str, str]]]) -> bytes:
    ids = sorted(catalogue.sources)
    sources = [catalogue.sources[i] for i in ids]
    # Each source's citing entries as the entries gave them: a part is made again (its list sorted and
    # written) only when they changed, not every source's on every save.
    citing = [cited.get(i, []) for i in ids]

    def record(i: int) -> bytes:
        return _source_json(sources[i], tuple(sorted(f"{folder}/{entry_id}" for folder, entry_id in citing[i])))

    records = fragments.parts(("open-data", "sources"), ids, sources, record, extras=citing)
    return dumps_with(_header("sources", len(records)), sources=records, end=b"\n")


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
    "kind": "",
    "model_number": "",
    "announced": "",
    "released": "",
    "prices": "amount and currency code, e.g. 5999 CNY",
    "main_camera.sensor": "",
    "main_camera.sensor_id": "",
    "main_camera.format": "",
    "main_camera.size": "width x height in mm, e.g. 13.2x8.8",
    "main_camera.resolution_mp": "",
    "main_camera.lens": "",
    "main_camera.focal_length_mm": "",
    "main_camera.aperture": "",
    "platform.chipset": "",
    "platform.os": "",
    "platform.display": "",
    "platform.battery_mah": "",
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
    *(Column(path, _model_at(path), path != "main_camera.sensor_id", fmt) for path, fmt in _MODEL_COLUMNS.items()),
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
    return [SEPARATOR.join(_value_text(f.value) for f in facts), SEPARATOR.join(" ".join(f.sources) for f in facts)]


def devices_csv(catalogue: Catalogue, fragments: Fragments | None = None) -> bytes:
    """One row per device (in id order), UTF-8, RFC 4180 quoting and line ends."""
    fragments = fragments or Fragments(keep=False)
    rows = fragments.each(("open-data", "csv"), [catalogue.devices[i] for i in sorted(catalogue.devices)], _device_row)
    return (_csv_row(csv_header()) + "".join(rows)).encode()


def _device_row(entry: Entry[Device]) -> str:
    return _csv_row([cell for column in COLUMNS for cell in _cells(column, entry)])


def _csv_row(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


# Field documentation ------------------------------------------------------------------------------


def csv_column_docs() -> list[tuple[str, str]]:
    """Each CSV column and what it holds, the descriptions taken from the device schema."""
    docs = {d.path: d for d in field_docs("device")}
    extra = {
        "id": "The device's id: its data file's name and its page's URL segment.",
        "url": "Its page, relative to this file.",
    }
    rows = []
    for column in COLUMNS:
        text = extra.get(column.name) or docs[column.name].description
        if column.format:
            text = f"{text} Written as {column.format}."
        rows.append((column.name, text))
        if column.fact:
            rows.append((f"{column.name}.sources", f"Source ids of {column.name}, space-separated."))
    return rows
