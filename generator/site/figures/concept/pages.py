"""The concept's figures from the catalogue: their inputs gathered from data/optics.yaml and the devices,
their pages, and the blocks that hand-written pages show.

The inputs are found, not named: the lens is the one data/optics.yaml says was shown on the concept,
its frame the format of its mount, the concept's sensor sizes those its data (or its format) gives, the
body the one that stands for the concept's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.catalogue.models import Body, Fact, Lens, Mount, Source
from generator.catalogue.store import Catalogue
from generator.site.figures import svg as s
from generator.site.figures.concept.flange import flange_svg
from generator.site.figures.concept.lens import lens_svg
from generator.site.figures.concept.module import Part, module_svg
from generator.site.figures.concept.numbers import (
    Area,
    LensOnSensor,
    SideView,
    flange_numbers,
    lens_numbers,
    size_text,
    sources_of,
)
from generator.site.figures.sensors import CONCEPT
from generator.site.figures.sizes import main_sensor
from generator.site.links import served_href
from generator.site.pages import PageSpec

PAGES = {
    "lens-on-sensor": ("The lens over the sensor", "figures/lens-on-sensor.md"),
    "flange": ("Why the lens sits outside", "figures/flange.md"),
    "camera-module": ("The concept’s camera module", "figures/camera-module.md"),
}
"""Figure name → (title, page)."""


@dataclass(frozen=True)
class Inputs:
    """Everything the three figures draw, as found in the catalogue (None where the data lacks it)."""

    lens: LensOnSensor | None
    side: SideView | None
    flanges: tuple[Fact[float], ...]
    """Every flange focal distance sources give, the drawn one first."""
    mount_format: Fact[str] | None
    parts: list[Fact[Any]]
    body_for: Fact[str] | None
    """The fact that the drawn body stands for the concept's (None when it is the concept's own)."""
    lens_model: Lens | None
    shown_on: Fact[str] | None


def _lens(catalogue: Catalogue) -> tuple[Lens | None, Fact[str] | None]:
    for lens in catalogue.optics.lenses.values():
        for shown in lens.shown_on:
            if shown.value == CONCEPT:
                return lens, shown
    return None, None


def _body(catalogue: Catalogue) -> tuple[str | None, Body | None, Fact[str] | None]:
    bodies = catalogue.optics.bodies
    if CONCEPT in bodies:
        return CONCEPT, bodies[CONCEPT], None
    for device_id, body in bodies.items():
        for stands in body.stands_for:
            if stands.value == CONCEPT:
                return device_id, body, stands
    return None, None, None


def inputs(catalogue: Catalogue) -> Inputs:
    concept = catalogue.devices.get(CONCEPT)
    lens, shown = _lens(catalogue)
    mount: Mount | None = catalogue.optics.mounts.get(lens.mount.value) if lens else None
    frame = catalogue.optics.formats.get(mount.format.value) if mount else None
    lens_in = None
    if concept is not None and lens is not None and frame is not None:
        ms = main_sensor(catalogue, concept)
        if ms.size is not None:
            label = ms.format_label or "its sensor"
            sensors = tuple(Area(label, f) for f in (ms.size, *(ms.others if ms.origin == "format" else [])))
            lens_in = LensOnSensor(
                Area(frame.name, frame.sizes[0]),
                sensors,
                lens.name,
                lens.focal_length_mm,
                lens.f_number,
                concept.model.name,
            )
    body_id, body, body_for = _body(catalogue)
    side = None
    if mount is not None and lens is not None and body is not None and body_id in catalogue.devices:
        bump = body.bump_thickness_mm or body.thickness_mm
        side = SideView(
            mount.name,
            mount.flange_focal_distance_mm[0],
            catalogue.devices[body_id].model.name,
            body.thickness_mm,
            bump,
            lens.name,
        )
    module = catalogue.optics.camera_modules.get(CONCEPT)
    return Inputs(
        lens_in,
        side,
        tuple(mount.flange_focal_distance_mm) if mount else (),
        mount.format if mount else None,
        list(module.parts) if module else [],
        body_for,
        lens,
        shown,
    )


# Captions: inputs in words, each with its sources as links (raw HTML: MkDocs rewrites no link in it) ---


def _sources(catalogue: Catalogue, *facts: Fact[Any] | Area) -> str:
    """`` (Publisher, Publisher)``, each a link to the source; a publisher named twice is told apart by
    the page's title (in square brackets when the site supplied it, as everywhere)."""
    found = [catalogue.sources[sid] for sid in sources_of(*facts)]
    publishers = [source.publisher for source in found]
    links = [
        f'<a href="{s.esc(str(source.url))}">'
        f"{s.esc(_title(source) if publishers.count(source.publisher) > 1 else source.publisher)}</a>"
        for source in found
    ]
    return f" ({', '.join(links)})" if links else ""


def _title(source: Source) -> str:
    return source.title if source.title_seen else f"[{source.title}]"


def _more(uri: str, name: str) -> str:
    title, page = PAGES[name]
    return f' The numbers, how each is found, and every source: <a href="{served_href(uri, page)}">{title}</a>.'


def _lens_caption(catalogue: Catalogue, inp: LensOnSensor, uri: str) -> str:
    sizes = " or ".join(f"{s.esc(size_text(a.size.value))}{_sources(catalogue, a)}" for a in inp.sensors)
    return (
        f"Drawn to one scale: {s.esc(inp.frame.name.lower())}, {s.esc(size_text(inp.frame.size.value))}"
        f"{_sources(catalogue, inp.frame)}; the {s.esc(inp.sensors[0].name)} as published, {sizes}; the "
        f"lens’s {s.num(inp.focal_length.value)} mm and f/{s.num(inp.f_number.value)}"
        f"{_sources(catalogue, inp.focal_length, inp.f_number)}."
    )


def _side_caption(catalogue: Catalogue, inp: SideView, ins: Inputs) -> str:
    stands = ""
    if ins.body_for is not None:
        stands = (
            f" The concept’s own thickness is not published; it is {s.esc(ins.body_for.note or 'drawn as')}"
            f"{_sources(catalogue, ins.body_for)}."
        )
    return (
        f"Front to back to scale: the {s.esc(inp.mount)} mount’s {s.num(inp.flange.value)} mm flange focal "
        f"distance{_sources(catalogue, inp.flange)}, the {s.esc(inp.body)}’s {s.num(inp.thickness.value)} mm "
        f"and {s.num(inp.bump.value)} mm{_sources(catalogue, inp.thickness, inp.bump)}.{stands}"
    )


def _module_caption(catalogue: Catalogue, ins: Inputs) -> str:
    items = "; ".join(f"{n}{_sources(catalogue, p)}" for n, p in enumerate(ins.parts, start=1))
    return f"A schematic, not to scale; positions are approximate. Sources of each label: {items}."


def _parts(ins: Inputs) -> list[Part]:
    return [Part(p.value.part, p.value.label, tuple(p.sources)) for p in ins.parts]


def figure(
    catalogue: Catalogue, name: str, uri: str, ins: Inputs | None = None, variant: str = "", link: bool = True
) -> Markup:
    """One figure as a raw HTML block for the page ``uri``; empty when the data lacks its inputs.
    ``link`` adds a pointer to the figure's own page (for pages other than that one)."""
    ins = ins or inputs(catalogue)
    more = _more(uri, name) if link else ""
    device = catalogue.devices[CONCEPT].model.name if CONCEPT in catalogue.devices else ""
    if name == "lens-on-sensor" and ins.lens is not None:
        compact = variant == "compact"
        return s.figure(
            "lens-on-sensor-compact" if compact else name,
            lens_svg(ins.lens, compact=compact),
            _lens_caption(catalogue, ins.lens, uri) + more,
        )
    if name == "flange" and ins.side is not None:
        return s.figure(name, flange_svg(ins.side), _side_caption(catalogue, ins.side, ins) + more)
    if name == "camera-module" and ins.parts:
        return s.figure(name, module_svg(device, _parts(ins)), _module_caption(catalogue, ins) + more)
    return Markup("")


def figure_pages(catalogue: Catalogue) -> list[PageSpec]:
    """A page for each figure whose inputs the data holds: the figure, then its inputs and derived values."""
    ins = inputs(catalogue)
    pages = []
    for name, (title, uri) in PAGES.items():
        block = figure(catalogue, name, uri, ins, link=False)
        if not block:
            continue
        pages.append(
            PageSpec(
                uri,
                f"figure_{name.replace('-', '_')}.md.j2",
                None,
                {"figure": block, "title": title, "ins": ins, "concept_id": CONCEPT, **_numbers(ins)},
            )
        )
    return pages


def citations(catalogue: Catalogue) -> list[tuple[str, str, list[str]]]:
    """(page, title, source ids) of each figure page: the sources its inputs cite (for the sources page)."""
    ins = inputs(catalogue)
    found: dict[str, list[Fact[Any] | Area]] = {}
    if ins.lens is not None:
        found["lens-on-sensor"] = [
            *ins.lens.areas,
            ins.lens.focal_length,
            ins.lens.f_number,
            *([ins.mount_format] if ins.mount_format else []),
            *([ins.shown_on] if ins.shown_on else []),
        ]
    if ins.side is not None:
        found["flange"] = [*ins.flanges, ins.side.thickness, ins.side.bump, *([ins.body_for] if ins.body_for else [])]
    if ins.parts:
        found["camera-module"] = list(ins.parts)
    return [(PAGES[name][1], PAGES[name][0], sources_of(*facts)) for name, facts in found.items()]


def _numbers(ins: Inputs) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ins.lens is not None:
        out["lens_numbers"] = lens_numbers(ins.lens)
    if ins.side is not None:
        out["side_numbers"] = flange_numbers(ins.side, [f.value for f in ins.flanges[1:]])
    return out
