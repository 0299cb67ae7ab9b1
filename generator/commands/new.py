"""``python -m generator new KIND ID``: a new data file that is valid as written, every field explained.

The required fields are filled from the command line (a device needs its maker, kind and
announcement date, each fact with a source that reports it); every other field is written as a
comment that says what it holds and shows its shape, ready to uncomment. The file is checked as
``check`` would check it (values, ids of companies and sources, dates) before it is written, and an
existing file is never overwritten.

The fields, their order and their explanations come from the models through the JSON Schemas, so
a new field in ``generator/models.py`` shows up in the next skeleton without any change here.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import click
import yaml
from pydantic import BaseModel

from generator.catalogue.checking import cross_check, load_catalogue
from generator.catalogue.errors import DataError, DataErrors
from generator.catalogue.fields import FieldDoc, field_docs
from generator.catalogue.kinds import BY_NAME
from generator.catalogue.models import SLUG
from generator.catalogue.reading import parse_text
from generator.catalogue.schemas import build_schema, modeline
from generator.catalogue.store import Catalogue, Entry
from generator.catalogue.validation import validate_document
from generator.commands.console import echo_error
from generator.commands.options import DATA

"""The word on the command line → the folder of data/."""

FACT_HELP = [
    "A fact is {value: ..., sources: [ids from data/sources.yaml]}; add `note: ...` for a qualifier",
    "(a market, a variant) and `pre_launch: true` when its only source was published before launch.",
    "Where sources disagree or variants differ, give a list of facts, one per value.",
    "A date is written YYYY-MM-DD, YYYY-MM or YYYY.",
]


class SkeletonError(click.ClickException):
    """Exit 1 with a message: the file would not be valid, or it exists already."""


def default_name(entity_id: str) -> str:
    """``xiaomi-17-ultra`` → ``Xiaomi 17 Ultra`` (a first guess; ``--name`` gives the real one)."""
    return " ".join(word[:1].upper() + word[1:] for word in entity_id.split("-"))


def scalar(text: str) -> str:
    """Text as a YAML scalar that reads back as the same string: plain where safe, else quoted."""
    plain = not re.search(r"[,\[\]{}#&*!|>'\"%@`]|: |^[-?:]|\s$|^\s", text)
    if plain:
        try:
            plain = yaml.safe_load(f"k: {text}") == {"k": text}
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def fact(value: str, sources: list[str]) -> str:
    return f"{{value: {scalar(value)}, sources: [{', '.join(sources)}]}}"


def render_skeleton(
    kind: str, entity_id: str, filled: dict[str, str], command: str, example_source: str = "source-id"
) -> str:
    """The file's text. ``filled`` maps top-level field names to their YAML text (written as is);
    every other field becomes an explained comment."""
    folder = BY_NAME[kind].folder
    schema = build_schema(kind)
    defs = schema.get("$defs", {})
    lines = [modeline(f"data/{folder}/{entity_id}.yaml")]
    lines.append(f"# {schema.get('description', '')}".rstrip())
    lines += [
        "#",
        f"# Written by `{command}`:",
        "# the required fields are filled in; every other field is a comment saying what it holds.",
        "# Uncomment and fill in what your sources report, then run `python -m generator check`.",
        *(f"# {line}" for line in FACT_HELP),
    ]
    for doc in field_docs(kind):
        depth = doc.path.count(".")
        name = doc.path.rsplit(".", 1)[-1]
        if depth == 0:
            lines.append("")
        need = "required" if doc.required else "optional"
        explained = f"{doc.description} ({need}; {doc.type})" if doc.description else f"({need}; {doc.type})"
        if depth == 0 and name in filled:
            lines.append(f"# {explained}")
            lines.append(f"{name}: {filled[name]}")
            continue
        if doc.required and depth == 0:
            raise ValueError(f"required field {name!r} of a {kind} has no value")
        pad = "  " * depth
        lines.append(f"# {pad}# {explained}" if depth else f"# {explained}")
        if doc.type == "group":
            lines.append(f"# {pad}{name}:")
        else:
            lines.append(f"# {pad}{name}: {example(doc, defs, example_source)}")
    return "\n".join(lines) + "\n"


def example(doc: FieldDoc, defs: dict[str, Any], source: str) -> str:
    """The shape of a field's value, as a line an editor uncomments and fills in."""
    return _example(doc.schema, defs, source)


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _example(node: dict[str, Any], defs: dict[str, Any], source: str) -> str:
    node = _resolve(node, defs)
    branches = node.get("anyOf")
    if branches:
        real = [b for b in branches if b.get("type") != "null"]
        arrays = [b for b in real if b.get("type") == "array"]
        if arrays:
            return _example(arrays[0], defs, source)
        if any(b.get("type") == "integer" for b in real) and any("pattern" in b for b in real):
            return "YYYY-MM-DD"
        return _example(real[0], defs, source)
    properties = node.get("properties", {})
    if node.get("title") == "Fact" and "value" in properties:
        return f"{{value: {_example(properties['value'], defs, source)}, sources: [{source}]}}"
    if properties:
        return "{" + ", ".join(f"{k}: {_example(v, defs, source)}" for k, v in properties.items()) + "}"
    kind = node.get("type")
    if kind == "array":
        return f"[{_example(node.get('items', {}), defs, source)}]"
    if "enum" in node:
        return "<" + "|".join(str(v) for v in node["enum"]) + ">"
    if kind == "string":
        if node.get("pattern") == SLUG:
            return "<id>"
        if node.get("format") == "uri":
            return "https://..."
        return "<text>"
    if kind in ("number", "integer"):
        return f"<{kind}>"
    if kind == "boolean":
        return "true"
    return "<value>"


def check_new_file(catalogue: Catalogue, kind: str, entity_id: str, path: str, text: str) -> None:
    """Validate the new file as ``check`` would, against the data already there; raise DataErrors."""
    folder = BY_NAME[kind].folder
    errors: list[DataError] = []
    doc = parse_text(path, text, errors)
    if doc is None:
        raise DataErrors(errors)
    model: type[BaseModel] = BY_NAME[kind].model
    entity = validate_document(doc, model, errors)
    if entity is None:
        raise DataErrors(errors)
    table: dict[str, Entry[Any]] = catalogue.table(folder)
    table[entity_id] = Entry(entity_id, path, path, entity)
    try:
        errors = [e for e in cross_check(catalogue, {(folder, entity_id): doc}) if e.path == path]
    finally:
        del table[entity_id]
    if errors:
        raise DataErrors(errors)


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` in one step (a watcher never sees half a file); refuse to replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.link(tmp, path)  # fails if the file exists, even if it appeared a moment ago
    finally:
        Path(tmp).unlink(missing_ok=True)


def _company_ids_in(entity_id: str, catalogue: Catalogue, parts: int) -> tuple[str, ...] | None:
    """Split an id into ``parts`` leading company ids: ``leica-xiaomi`` → (leica, xiaomi)."""
    words = entity_id.split("-")
    if parts == 1:
        for n in range(len(words), 0, -1):
            if "-".join(words[:n]) in catalogue.companies:
                return ("-".join(words[:n]),)
        return None
    for n in range(1, len(words)):
        first, second = "-".join(words[:n]), "-".join(words[n:])
        if first in catalogue.companies and second in catalogue.companies:
            return first, second
    return None


def _exists(path: Path) -> str:
    return f"{path} exists already; edit it, or choose another id. Nothing was written."


def _need(value: Any, option: str, what: str) -> Any:
    if not value:
        raise click.UsageError(f"{option} is needed: {what}")
    return value


@click.command("new")
@click.argument("kind", type=click.Choice(list(BY_NAME)))
@click.argument("entity_id", metavar="ID")
@DATA
@click.option("--name", help="Display name (default: from the id, e.g. xiaomi-17-ultra → Xiaomi 17 Ultra).")
@click.option(
    "--maker", help="Company id of the maker (device, sensor, partnership); default: the company the id starts with."
)
@click.option("--brand", help="Partnership: company id of the camera brand (default: from the id, brand-maker).")
@click.option(
    "--kind",
    "device_kind",
    type=click.Choice(["phone", "concept", "camera-phone"]),
    default="phone",
    show_default=True,
    help="Device: what it is.",
)
@click.option("--announced", help="Device: when it was first shown (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--started", help="Partnership: when it began (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option(
    "--role",
    "roles",
    multiple=True,
    help="Company: a role (phone-maker, camera-brand, optics, sensor-maker, electronics); repeat for several.",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    help="Id in data/sources.yaml that reports the required facts; repeat for several.",
)
def new_command(
    kind: str,
    entity_id: str,
    data_dir: Path,
    name: str | None,
    maker: str | None,
    brand: str | None,
    device_kind: str,
    announced: str | None,
    started: str | None,
    roles: tuple[str, ...],
    sources: tuple[str, ...],
) -> None:
    """Write a new data file, data/<kind>s/<ID>.yaml, valid as written, with every field explained.

    The required values come from the options (a device's facts need --announced and a --source
    that reports them); optional fields are written as explained comments. Nothing is overwritten:
    an existing file is an error.

    \b
    Examples:
      python -m generator new device xiaomi-17-ultra --announced 2025-09 --source some-source
      python -m generator new company nikon --role camera-brand
      python -m generator new partnership zeiss-sony --started 2001 --source some-source
      python -m generator new sensor sony-lyt-900
    """
    if not re.match(SLUG, entity_id) or len(entity_id) > 80:
        raise SkeletonError(
            f"{entity_id!r} is not a valid id: use lowercase letters and digits joined by "
            "single hyphens (like xiaomi-12s-ultra); it becomes the file name and the "
            "page's URL. Nothing was written."
        )
    folder = BY_NAME[kind].folder
    path = data_dir / folder / f"{entity_id}.yaml"
    if path.exists():
        raise SkeletonError(_exists(path))
    try:
        catalogue = load_catalogue(data_dir)
    except DataErrors as exc:
        raise SkeletonError(
            f"{exc.report(echo_error)} in the existing data; fix them first. Nothing was written."
        ) from None
    filled: dict[str, str] = {"name": scalar(name or default_name(entity_id))}
    used = {
        "--maker": maker,
        "--brand": brand,
        "--announced": announced,
        "--started": started,
        "--role": roles,
        "--source": sources,
    }
    allowed = {
        "device": {"--maker", "--announced", "--source"},
        "company": {"--role"},
        "partnership": {"--maker", "--brand", "--started", "--source"},
        "sensor": {"--maker"},
    }[kind]
    stray = [option for option, value in used.items() if value not in (None, ()) and option not in allowed]
    if device_kind != "phone" and kind != "device":
        stray.append("--kind")
    if stray:
        raise click.UsageError(f"{', '.join(stray)} does not apply to a {kind}.")
    src = list(sources)
    if kind in ("device", "sensor"):
        guessed = _company_ids_in(entity_id, catalogue, 1)
        maker = _need(
            maker or (guessed[0] if guessed else None),
            "--maker",
            f"the company id of its maker (no company's id starts {entity_id!r}).",
        )
        filled["maker"] = scalar(str(maker))
    if kind == "device":
        _need(announced, "--announced", "when it was first shown (YYYY-MM-DD, YYYY-MM or YYYY).")
        _need(src, "--source", "the id in data/sources.yaml of a source that reports it.")
        filled["kind"] = fact(device_kind, src)
        filled["announced"] = fact(str(announced), src)
    elif kind == "company":
        _need(roles, "--role", "what the company does (phone-maker, camera-brand, ...).")
        filled["roles"] = "[" + ", ".join(scalar(r) for r in roles) + "]"
    elif kind == "partnership":
        del filled["name"]  # a partnership is named after its two companies
        pair = _company_ids_in(entity_id, catalogue, 2)
        brand = _need(brand or (pair[0] if pair else None), "--brand", "the company id of the camera brand.")
        maker = _need(maker or (pair[1] if pair else None), "--maker", "the company id of the phone maker.")
        _need(started, "--started", "when the partnership began (YYYY-MM-DD, YYYY-MM or YYYY).")
        _need(src, "--source", "the id in data/sources.yaml of a source that reports it.")
        filled.update(brand=scalar(str(brand)), maker=scalar(str(maker)), started=fact(str(started), src))
    command = f"python -m generator new {kind} {entity_id}"
    text = render_skeleton(kind, entity_id, filled, command, src[0] if src else "source-id")
    shown = path.as_posix()
    try:
        check_new_file(catalogue, kind, entity_id, shown, text)
    except DataErrors as exc:
        raise SkeletonError(
            f"the new {kind} would not be valid ({exc.report(echo_error)}); nothing was written."
        ) from None
    try:
        write_new(path, text)
    except FileExistsError:
        raise SkeletonError(_exists(path)) from None
    click.echo(f"Wrote {shown}: fill in what your sources report, then run `python -m generator check`.")
