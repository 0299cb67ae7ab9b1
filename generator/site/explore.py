"""The data the reader's scripts need: the side-by-side view on /compare/ (docs/javascripts/compare.js) and
the finder on /devices/ (docs/javascripts/finder.js). Each page embeds what its script needs at once; the
side-by-side view's values are a file of their own, fetched when a reader first chooses a device.

Values are given as the pages show them (formatted here, by the same functions as the Markdown), so
the scripts do no formatting of their own. A page carries its data as JSON inside
``<script type="application/json">``, escaped by :func:`script_json` so that no value can end the
element or be read as markup; the scripts show every value with ``textContent``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from generator.catalogue.models import Device, Fact
from generator.catalogue.store import Catalogue, Entry
from generator.site import values as formats
from generator.site.fragments import Fragments, dumped, dumps_with
from generator.site.markdown import RawHtml

ROWS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Launch",
        (
            ("maker", "Maker"),
            ("partner", "Camera partner"),
            ("kind", "Type"),
            ("model", "Model number"),
            ("announced", "Announced"),
            ("released", "Released"),
            ("price", "Price at launch"),
        ),
    ),
    (
        "Main camera",
        (
            ("sensor", "Sensor"),
            ("format", "Format"),
            ("resolution", "Resolution"),
            ("lens", "Lens"),
            ("focal", "Focal length (35 mm equiv.)"),
            ("aperture", "Aperture"),
            ("size", "Sensor size"),
            ("other", "Other cameras"),
        ),
    ),
    (
        "Platform",
        (
            ("chipset", "Chipset"),
            ("os", "Software"),
            ("display", "Display"),
            ("dimensions", "Dimensions"),
            ("battery", "Battery"),
            ("weight", "Weight"),
        ),
    ),
    ("Camera and features", (("features", "Features"),)),
)
"""The side-by-side view's rows, grouped and labelled as on the device pages (device.md.j2)."""

KINDS = (("phone", "Phone"), ("concept", "Concept phone"), ("camera-phone", "Camera phone"))


def script_json(element_id: str, text: str) -> RawHtml:
    """JSON ``text`` (:func:`~generator.site.fragments.dumps`) as a ``<script type="application/json">``
    element on one line. ``<``, ``>`` and ``&`` are written as JSON escapes (``\\u003c``...), so
    ``</script>`` or ``<!--`` in the data cannot end the element, and nothing in it reads as HTML or
    Markdown; U+2028/9 are escaped as well."""
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return RawHtml(f'<script type="application/json" id="{element_id}">{text}</script>')


def _line(text: str) -> str:
    """Text on one line, as the pages show it (Markdown joins the lines of a value)."""
    return " ".join(text.split())


def _text(fact: Fact[Any], kind: str) -> str:
    text = formats.FORMATS[kind](fact.value)
    if fact.note:
        text += f" ({fact.note})"
    if fact.pre_launch:
        text += " (pre-launch report)"
    return _line(text)


def _cell(facts: Iterable[Fact[Any] | None], kind: str = "text", href: str | None = None) -> dict[str, Any] | None:
    """One cell: its values (``v``), and its sources (``s``) as groups [value or null, [ids]]: one group
    when every value has the same sources, else one per value (as the References entries do)."""
    present = [f for f in facts if f is not None]
    if not present:
        return None
    texts = [_text(f, kind) for f in present]
    sources: list[list[Any]]
    if len(present) == 1:  # most cells: one value, and its sources as one group
        sources = [[None, list(dict.fromkeys(present[0].sources))]] if present[0].sources else []
    elif len(groups := list(dict.fromkeys(tuple(dict.fromkeys(f.sources)) for f in present if f.sources))) > 1:
        sources = [[t, list(dict.fromkeys(f.sources))] for t, f in zip(texts, present, strict=True) if f.sources]
    else:
        sources = [[None, list(groups[0])]] if groups else []
    cell: dict[str, Any] = {"v": texts, "s": sources}
    if href:
        cell["h"] = href
    return cell


def _link_cell(text: str, href: str) -> dict[str, Any]:
    return {"v": [_line(text)], "s": [], "h": href}


def _device_cells(catalogue: Catalogue, d: Device) -> dict[str, Any]:
    cam, plat = d.main_camera, d.platform
    cells: dict[str, Any] = {
        "maker": _link_cell(catalogue.display_name("companies", d.maker), f"../companies/{d.maker}/"),
        "partner": _link_cell(
            catalogue.display_name("partnerships", d.partnership), f"../partnerships/{d.partnership}/"
        )
        if d.partnership
        else None,
        "kind": _cell([d.kind], "kind"),
        "model": _cell([d.model_number]),
        "announced": _cell([d.announced], "date"),
        "released": _cell([d.released], "date"),
        "price": _cell(d.prices, "price"),
        "sensor": _cell([cam.sensor], href=f"../sensors/{cam.sensor_id}/" if cam.sensor_id else None),
        "format": _cell([cam.format]),
        "resolution": _cell([cam.resolution_mp], "mp"),
        "lens": _cell([cam.lens]),
        "focal": _cell([cam.focal_length_mm], "mm"),
        "aperture": _cell([cam.aperture]),
        "size": _cell(cam.size, "size"),
        "other": _cell(d.other_cameras),
        "chipset": _cell([plat.chipset]),
        "os": _cell([plat.os]),
        "display": _cell([plat.display]),
        "dimensions": _cell([plat.dimensions], "dimensions"),
        "battery": _cell(plat.battery_mah, "mah"),
        "weight": _cell(plat.weight_g, "g"),
        "features": _cell(d.features),
    }
    return {key: cell for key, cell in cells.items() if cell}


def _find_text(d: Device) -> str:
    """What else a reader may type to find a device: its aliases and model number."""
    return _line(" ".join([*d.aliases, *([d.model_number.value] if d.model_number else [])]))


COMPARE_FILE = "devices.json"
"""The side-by-side view's values, beside /compare/ (``compare/devices.json``): fetched by the script when a
reader chooses a device, so the page itself carries only what the picker needs."""


def compare_index(devices: list[Entry[Device]], fragments: Fragments) -> str:
    """For /compare/, in the page (JSON): the rows of the view, and each device's name, page and other
    names."""
    document = {"data": COMPARE_FILE, "groups": [[group, [list(row) for row in rows]] for group, rows in ROWS]}
    return dumps_with(document, devices=fragments.each("compare-index", devices, _picked)).decode()


def _picked(e: Entry[Device]) -> bytes:
    return dumped({"id": e.id, "name": _line(e.model.name), "url": f"../devices/{e.id}/", "find": _find_text(e.model)})


def compare_values(catalogue: Catalogue, devices: list[Entry[Device]], fragments: Fragments) -> bytes:
    """For /compare/, in ``COMPARE_FILE``: every device's cells, and the sources the cells cite."""
    made = fragments.each("compare-cells", devices, functools.partial(_cells_and_sources, catalogue))
    cells = {e.id: text for e, (text, _) in zip(devices, made, strict=True)}
    cited = set().union(*(its_sources for _, its_sources in made))
    sources = {sid: fragments.get(("compare-source", sid), (), _source, catalogue, sid) for sid in cited}
    return dumps_with({}, cells=cells, sources=sources, end=b"\n")


def _cells_and_sources(catalogue: Catalogue, e: Entry[Device]) -> tuple[bytes, frozenset[str]]:
    cells = _device_cells(catalogue, e.model)
    return dumped(cells), frozenset(s for c in cells.values() for _, ids in c["s"] for s in ids)


def _source(catalogue: Catalogue, source_id: str) -> bytes:
    source = catalogue.sources[source_id]
    date = f", {formats.date(source.date)}" if source.date else ""
    return dumped({"t": _line(source.title), "u": str(source.url), "p": _line(source.publisher + date)})


def finder_data(devices: list[Entry[Device]], fragments: Fragments) -> str:
    """For /devices/ (JSON): what each device is filtered on (the ids the form's options carry)."""
    made = fragments.each("finder", devices, _filtered)
    return dumps_with({}, devices={e.id: text for e, text in zip(devices, made, strict=True)}).decode()


def _filtered(e: Entry[Device]) -> bytes:
    return dumped(
        {
            "name": _line(e.model.name),
            "find": _find_text(e.model),
            "maker": e.model.maker,
            "partner": e.model.partnership or "",
            "kind": e.model.kind.value,
            "format": _line(e.model.main_camera.format.value) if e.model.main_camera.format else "",
            "year": int(e.model.announced.value[:4]),
        }
    )


def finder_options(
    catalogue: Catalogue, devices: list[Entry[Device]], format_order: list[str], fragments: Fragments
) -> dict[str, list[tuple[str, str]]]:
    """The choices of each filter, (value, label), from the devices there are; formats in
    ``format_order`` (largest first, as /compare/ groups them)."""
    facets = fragments.each("facets", devices, _facets)
    makers = sorted(set(map(itemgetter(0), facets)), key=lambda c: catalogue.display_name("companies", c).lower())
    partners = sorted(
        set(map(itemgetter(1), facets)) - {""}, key=lambda p: catalogue.display_name("partnerships", p).lower()
    )
    present = set(map(itemgetter(2), facets))
    years = sorted(set(map(itemgetter(3), facets)))
    kinds = set(map(itemgetter(4), facets))
    options: dict[str, list[tuple[str, str]]] = {
        "maker": [(c, catalogue.display_name("companies", c)) for c in makers],
        "partner": [(p, catalogue.display_name("partnerships", p)) for p in partners],
        "format": [(f, f) for f in format_order if f in present],
        "kind": [(k, label) for k, label in KINDS if k in kinds],
        "year": [(y, y) for y in years],
    }
    if "" in set(map(itemgetter(1), facets)):
        options["partner"].append(("none", "No camera partner"))
    if "" in present:
        options["format"].append(("none", "Not published"))
    return options


def _facets(e: Entry[Device]) -> tuple[str, str, str, str, str]:
    """What the finder filters a device on: maker, partner, format, year and kind ("" when not given)."""
    fmt = e.model.main_camera.format
    return (
        e.model.maker,
        e.model.partnership or "",
        fmt.value if fmt else "",
        e.model.announced.value[:4],
        e.model.kind.value,
    )
