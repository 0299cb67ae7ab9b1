"""Sensors to scale: every device's main sensor as a rectangle of its true proportions.

One scale (pixels per millimetre) holds for a whole figure, so a 13.2 mm-wide sensor is drawn exactly
twice as wide as a 6.6 mm one. Sizes come from :mod:`.sizes`: only millimetres a source gives.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.catalogue.models import Device, Fact, SensorSize
from generator.catalogue.optics import TYPICAL_PHONE, format_label
from generator.catalogue.store import Catalogue, Entry
from generator.site import values as fmt
from generator.site.figures import svg as s
from generator.site.figures.sizes import SENSOR_ID, MainSensor, format_facts, main_sensor
from generator.site.links import served_href

WIDTH = 360.0
"""ViewBox width: the figure is laid out for a phone screen and scales up (to a limit) on wider ones."""
PAD = 12.0
DEVICE_WIDTH = 320.0
GAP = 14.0
"""The device pages' figure is narrower, so that its text is larger on a phone."""
CONCEPT = "xiaomi-12s-ultra-concept"
"""The device every device page compares itself with."""


@dataclass
class Group:
    """Sensors of one size: drawn once, with every device that has it."""

    size: Fact[SensorSize]
    formats: list[str] = field(default_factory=list)
    devices: list[MainSensor] = field(default_factory=list)
    reference: str | None = None
    """Set for a format drawn for comparison that no device in the data has."""

    @property
    def width(self) -> float:
        return self.size.value.width_mm

    @property
    def height(self) -> float:
        return self.size.value.height_mm

    @property
    def area(self) -> float:
        return self.width * self.height


@dataclass
class SensorsData:
    groups: list[Group]
    sensors: list[MainSensor]
    """Every device, largest drawn sensor first; devices with no drawn size last."""
    unsized: dict[str, list[MainSensor]]
    """Format label → devices whose size no source gives, largest nominal format first."""
    no_format: list[MainSensor]


def sensors_data(catalogue: Catalogue, sensors: Sequence[MainSensor]) -> SensorsData:
    """The sensors figure's groups, from each device's main sensor (in timeline order)."""
    groups: dict[tuple[float, float], Group] = {}
    for ms in sensors:
        if ms.size is None:
            continue
        key = (ms.size.value.width_mm, ms.size.value.height_mm)
        group = groups.setdefault(key, Group(ms.size))
        group.devices.append(ms)
        label = ms.format_label or "format not in our data"
        if label not in group.formats:
            group.formats.append(label)
    typical = format_facts(catalogue, TYPICAL_PHONE)
    if typical:
        key = (typical[0].value.width_mm, typical[0].value.height_mm)
        if key not in groups:
            groups[key] = Group(typical[0], [format_label(TYPICAL_PHONE)], reference="a typical phone sensor")
    ordered = sorted(groups.values(), key=lambda g: (-g.area, -g.width))
    drawn = sorted((ms for ms in sensors if ms.size), key=lambda ms: -ms.area)  # stable: dates within a size
    unsized: dict[str, list[MainSensor]] = {}
    for ms in sorted((ms for ms in sensors if ms.size is None and ms.format), key=lambda ms: -(ms.nominal or 0)):
        unsized.setdefault(ms.format_label or "", []).append(ms)
    no_format = [ms for ms in sensors if ms.size is None and not ms.format]
    return SensorsData(ordered, drawn + [ms for ms in sensors if ms.size is None], unsized, no_format)


def _scale_bar(x: float, y: float, scale: float) -> list[str]:
    """A 10 mm bar, so readers can measure."""
    length = 10 * scale
    return [
        s.el(
            "path",
            d=f"M{s.num(x)} {s.num(y)}v6h{s.num(length)}v-6",
            class_="ll-axis",
            fill="none",
            stroke="currentColor",
        ),
        s.text(x + length + 6, y + 7, "10 mm", 12.5, "ll-muted"),
    ]


def sensors_svg(data: SensorsData, links: Mapping[str, tuple[str, str, str]]) -> str:
    """The sensors page figure: one row per size, largest first, each with the devices that have it, linked
    to their pages: ``links`` gives each device's (address, id, name) by its id."""
    if not data.groups:
        body = [s.text(PAD, 28, "No sensor size is published in our sources yet.", 13)]
        return s.svg("sensors", WIDTH, 44, "Sensors to scale", "No device's sensor size is known yet.", body)
    max_w = max(g.width for g in data.groups)
    scale = min(10.0, math.floor(120.0 / max_w * 4) / 4)  # a round scale: widths stay exact
    text_x = PAD + max_w * scale + 14
    text_w = WIDTH - text_x - PAD
    body = _scale_bar(PAD, 14, scale)
    y = 40.0
    # (Each group's devices as the links give them, in C: thousands of devices, every save.)
    devices = [tuple(map(links.__getitem__, map(SENSOR_ID, g.devices))) for g in data.groups]
    for g, group_devices in zip(data.groups, devices, strict=True):
        drawn, y = _group(g.size.value, tuple(g.formats), g.reference, group_devices, y, scale, text_x, text_w)
        body.append(drawn)
    height = y
    count = sum(len(g.devices) for g in data.groups)
    desc = [
        f"The main sensors of {count} device{'s' if count != 1 else ''} drawn to one scale "
        f"({s.num(scale)} units per millimetre), largest first:",
        *(
            _group_text(tuple(g.formats), g.size.value, g.reference, group_devices, last=i == len(devices) - 1)
            for i, (g, group_devices) in enumerate(zip(data.groups, devices, strict=True))
        ),
    ]
    if data.unsized:
        desc.append(
            "Not drawn, size not published in our sources: "
            + "; ".join(f"{label}: {', '.join(map(_NAME, devices))}" for label, devices in data.unsized.items())
            + "."
        )
    return s.svg(
        "sensors", WIDTH, height, "Main sensors to scale", desc, body, interactive=count > 0, data_scale=s.num(scale)
    )


_NAME = operator.attrgetter("entry.model.name")


@functools.lru_cache(maxsize=1024)  # pure: the sentence of a group whose devices are those of last time is kept
def _group_text(
    formats: tuple[str, ...],
    size: SensorSize,
    reference: str | None,
    devices: tuple[tuple[str, str, str], ...],
    last: bool,
) -> str:
    """A group as the figure's description tells it (``devices`` as :func:`_group` takes them), ending the
    list of groups or not."""
    told = f" (reference: {reference})" if reference else f": {', '.join(name for _, _, name in devices)}"
    return f"{' · '.join(formats)} {fmt.sensor_size(size)}{told}{'.' if last else ';'}"


@functools.lru_cache(maxsize=1024)  # pure: a save draws again the group of the device it changed (and those below
def _group(  # it, if the device's name now takes another number of lines), not every group of thousands of devices
    size: SensorSize,
    formats: tuple[str, ...],
    reference: str | None,
    devices: tuple[tuple[str, str, str], ...],
    y: float,
    scale: float,
    text_x: float,
    text_w: float,
) -> tuple[str, float]:
    """One group of the sensors figure at ``y``: its sensor drawn to ``scale``, its formats, its numbers and
    its devices (href, id, name each); and the ``y`` of the next group."""
    label = " · ".join(formats)
    lines = [f'<g class="ll-group" data-size="{s.num(size.width_mm)}x{s.num(size.height_mm)}">']
    cls = "ll-sensor ll-sensor--ref" if reference is not None else "ll-sensor"
    lines.append(s.size_rect(PAD, y, size, scale, cls, label))
    ty = y + 12
    for line in s.wrap(label, text_w, 14, bold=True):
        lines.append(s.text(text_x, ty, line, 14, bold=True))
        ty += 17
    numbers = f"{fmt.sensor_size(size)} · {fmt.number(round(size.width_mm * size.height_mm, 1))} mm²"
    lines.append(s.text(text_x, ty, numbers, 12.5, "ll-muted"))
    ty += 17
    if reference is not None:
        for line in s.wrap(f"Reference: {reference}", text_w, 13):
            lines.append(s.text(text_x, ty, line, 13, "ll-muted"))
            ty += 16
    for href, device_id, name in devices:
        link, ty = _device_link(href, device_id, name, text_x, ty, text_w)
        lines.append(link)
    lines.append("</g>")
    return "\n".join(lines), max(y + size.height_mm * scale, ty - 13) + 20


@functools.lru_cache(maxsize=1 << 14)  # pure: thousands of devices, drawn again on every build of serve
def _device_link(href: str, device_id: str, name: str, x: float, y: float, width: float) -> tuple[str, float]:
    """A device's name under its sensor, wrapped and linked to its page; and the ``y`` after it."""
    lines = [f"<a {s.attrs(href=href, class_='ll-link', data_device=device_id)}>"]
    for line in s.wrap(name, width, 13):
        lines.append(s.text(x, y, line, 13, "ll-text ll-linktext"))
        y += 16
    lines.append("</a>")
    return "\n".join(lines), y


# The small figure on each device page ----------------------------------------------------------


@dataclass(frozen=True)
class Item:
    name: str
    size: Fact[SensorSize]
    format: str | None
    cls: str
    href: str | None
    basis: str
    """What the sources give the size for: "the 1-inch type", "the Panasonic Lumix DMC-CM1"."""


def _item(ms: MainSensor, catalogue: Catalogue, cls: str, href: str | None) -> Item | None:
    if ms.size is None:
        return None
    if ms.origin == "format" and ms.format_label:
        basis = f"the {ms.format_label}" + ("" if ms.format_label.endswith("type") else " type")
    elif ms.origin == "sensor" and ms.entry.model.main_camera.sensor_id:
        basis = f"its sensor, the {catalogue.sensors[ms.entry.model.main_camera.sensor_id].model.name}"
    else:
        basis = f"the {ms.entry.model.name}"
    return Item(ms.entry.model.name, ms.size, ms.format_label, cls, href, basis)


def device_figure(catalogue: Catalogue, entry: Entry[Device]) -> Markup:
    """This device's main sensor beside the 12S Ultra Concept's and a typical phone's, to scale.

    A device whose size no source gives gets the references and a note saying so; the figure is empty
    only when no reference size is sourced.
    """
    page = f"devices/{entry.id}.md"
    this = main_sensor(catalogue, entry)
    items: list[Item] = []
    own = _item(this, catalogue, "ll-sensor", None)
    if own:
        items.append(own)
    concept = catalogue.devices.get(CONCEPT)
    if concept is not None and concept.id != entry.id:
        other = _item(
            main_sensor(catalogue, concept),
            catalogue,
            "ll-sensor ll-sensor--other",
            served_href(page, f"devices/{concept.id}.md"),
        )
        if other:
            items.append(other)
    typical = format_facts(catalogue, TYPICAL_PHONE)
    if typical:
        label = format_label(TYPICAL_PHONE)
        items.append(Item("A typical phone", typical[0], label, "ll-sensor ll-sensor--ref", None, f"the {label} type"))
    references = items[1:] if own else items
    if not references:
        return Markup("")
    note = None
    if not own and this.format:
        note = f"{entry.model.name}: its {this.format_label} sensor is not drawn, as our sources give no size for it."
    elif not own:
        note = f"{entry.model.name}: the format of its main sensor is not in our data, so it is not drawn."
    svg_markup = _device_svg(entry, items, note)
    return s.figure("device-sensor", svg_markup, _device_caption(catalogue, items, page), searchable=False)


def _device_scale(widths: list[float]) -> float:
    """The largest scale (at most 9 units per mm, in quarter steps) at which sensors this wide fit side by
    side with their labels."""
    avail = DEVICE_WIDTH - 2 * PAD
    min_col = min(90.0, (avail - GAP * (len(widths) - 1)) / len(widths))  # room for the labels
    scale = 9.0
    while scale > 0.25 and sum(max(w * scale, min_col) for w in widths) + GAP * (len(widths) - 1) > avail:
        scale -= 0.25  # quarter steps: millimetres with two decimals give exact coordinates
    return scale


def _device_svg(entry: Entry[Device], items: list[Item], note: str | None) -> str:
    avail = DEVICE_WIDTH - 2 * PAD
    gap = GAP
    # One scale on every device page, so pages compare too: three 1-inch-type sensors fit. A page with a
    # larger sensor shrinks to fit. (No catalogue-wide maximum: one device's edit rewrites no other page.)
    widths = [i.size.value.width_mm for i in items]
    scale = min(_device_scale([13.2] * 3), _device_scale(widths))
    min_col = min(90.0, (avail - gap * (len(items) - 1)) / len(items))
    cols = [max(i.size.value.width_mm * scale, min_col) for i in items]
    spare = (avail - sum(cols) - gap * (len(items) - 1)) / len(items)
    cols = [c + max(spare, 0.0) for c in cols]  # room left over goes to the labels
    body: list[str] = []
    y = 0.0
    if note:
        for line in s.wrap(note, avail, 13):
            y += 16
            body.append(s.text(PAD, y, line, 13, "ll-muted"))
        y += 14
    else:
        y = 6.0
    base = y + max(i.size.value.height_mm for i in items) * scale
    x = PAD
    label_bottom = base
    for item, col in zip(items, cols, strict=True):
        h = item.size.value.height_mm * scale
        body.append(f'<g class="ll-group" data-name="{s.esc(item.name)}">')
        body.append(s.size_rect(x, base - h, item.size.value, scale, item.cls, item.name))
        ty = base + 17
        if item.href:
            body.append(f'<a href="{s.esc(item.href)}" class="ll-link">')
        for line in s.wrap(item.name, col, 13, bold=True):
            body.append(s.text(x, ty, line, 13, "ll-text ll-linktext" if item.href else "ll-text", bold=True))
            ty += 16
        if item.href:
            body.append("</a>")
        details = [*(s.wrap(item.format, col, 12.5) if item.format else []), fmt.sensor_size(item.size.value)]
        for line in details:
            body.append(s.text(x, ty, line, 12.5, "ll-muted"))
            ty += 15.5
        body.append("</g>")
        label_bottom = max(label_bottom, ty)
        x += col + gap
    height = label_bottom
    desc = (
        "Drawn to one scale: "
        + "; ".join(f"{i.name}{f' ({i.format})' if i.format else ''}, {fmt.sensor_size(i.size.value)}" for i in items)
        + "."
    )
    if note:
        desc = note + " " + desc
    return s.svg(
        "device-sensor",
        DEVICE_WIDTH,
        height,
        f"{entry.model.name}: main sensor to scale",
        desc,
        body,
        interactive=any(i.href for i in items),
        data_scale=s.num(scale),
    )


def _device_caption(catalogue: Catalogue, items: list[Item], page: str) -> str:
    """The sizes in words, each with the published sources that give it (as links: a device page's
    numbered references are the template's to count)."""
    groups: dict[tuple[str, str, tuple[str, ...]], None] = {}
    for item in items:
        groups[(fmt.sensor_size(item.size.value), item.basis, tuple(item.size.sources))] = None
    parts = []
    for size, basis, sources in groups:
        links = "; ".join(
            f'<a href="{s.esc(str(catalogue.sources[sid].url))}">{s.esc(catalogue.sources[sid].title)}</a>, '
            f"{s.esc(catalogue.sources[sid].publisher)}"
            for sid in sources
        )
        parts.append(f"{s.esc(size)} for {s.esc(basis)} ({links})")
    all_href = served_href(page, "figures/sensors.md")
    return (
        f"Drawn to one scale. Sizes as published: {'; '.join(parts)}. "
        f'<a href="{all_href}">All devices’ sensors to scale</a>.'
    )
