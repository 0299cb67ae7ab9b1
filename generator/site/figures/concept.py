"""The concept's idea in three figures: pure functions from cited inputs to SVG and table rows.

1. :func:`lens_svg` — the frame an M lens is made for, with the concept's sensor inside at one scale,
   and the lens's angle of view on each, to scale; :func:`lens_numbers` the numbers behind it.
2. :func:`flange_svg` — a side view, front to back to scale: the mount's flange focal distance against
   the phone's body; :func:`flange_numbers`.
3. :func:`module_svg` — a labelled schematic of the camera module (not to scale).

Nothing here reads the data or knows a file: the inputs are facts (values with their sources), so a
changed input changes the drawing and every number, and tests can feed any values they like.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.catalogue.models import Fact, SensorSize
from generator.site.figures import svg as s

WIDTH = 360.0
"""ViewBox width: laid out for a phone screen, like the other narrow figures."""
PAD = 14.0


# The numbers ----------------------------------------------------------------------------------------


def diagonal(size: SensorSize) -> float:
    return math.hypot(size.width_mm, size.height_mm)


def crop_factor(frame: SensorSize, sensor: SensorSize) -> float:
    """How many times smaller the sensor's diagonal is than the frame's."""
    return diagonal(frame) / diagonal(sensor)


def horizontal_angle(width_mm: float, focal_length_mm: float) -> float:
    """Horizontal angle of view in degrees of a lens focused at infinity on an area this wide."""
    return math.degrees(2 * math.atan(width_mm / (2 * focal_length_mm)))


@dataclass(frozen=True)
class Area:
    """A column of the table: the frame, or one of the sizes sources give for the sensor."""

    name: str
    size: Fact[SensorSize]


@dataclass(frozen=True)
class Derived:
    """A computed value, one per area, and how it is computed (in words)."""

    name: str
    values: tuple[float, ...]
    pattern: str
    """How one value reads: ``"{} mm"``, ``"×{}"``, ``"f/{}"``."""
    digits: int
    formula: str

    def text(self, value: float) -> str:
        return self.pattern.format(f"{value:.{self.digits}f}")

    @property
    def shown(self) -> list[str]:
        return [self.text(v) for v in self.values]

    def moves_text(self, first: int = 1) -> str:
        """``moves`` in words, to two decimals at least: ``0.63° (3.0%)``; a factor or an f-number moves by
        a plain number."""
        spread, share = self.moves(first)
        unit = self.pattern if self.pattern.startswith("{}") else "{}"
        return f"{unit.format(f'{spread:.{max(self.digits, 2)}f}')} ({100 * share:.1f}%)"

    def moves(self, first: int = 1) -> tuple[float, float]:
        """How far the values of areas ``first``... move: (largest - smallest, as a share of the largest)."""
        values: list[float] = list(self.values[first:])
        if not values:
            return 0.0, 0.0
        high, low = max(values), min(values)
        return high - low, (high - low) / high if high else 0.0


@dataclass(frozen=True)
class LensOnSensor:
    """Inputs of figure 1."""

    frame: Area
    sensors: tuple[Area, ...]
    """The sizes sources give for the sensor, the one drawn solid first."""
    lens: str
    focal_length: Fact[float]
    f_number: Fact[float]
    device: str

    @property
    def areas(self) -> tuple[Area, ...]:
        return (self.frame, *self.sensors)


def lens_numbers(inp: LensOnSensor) -> list[Derived]:
    """The derived values of figure 1, for the frame and each sensor size."""
    frame = inp.frame.size.value
    f = inp.focal_length.value
    n = inp.f_number.value
    sizes = [a.size.value for a in inp.areas]
    crops = tuple(crop_factor(frame, size) for size in sizes)
    return [
        Derived("Diagonal", tuple(diagonal(size) for size in sizes), "{} mm", 2, "the square root of width² + height²"),
        Derived("Crop factor", crops, "×{}", 2, "the frame’s diagonal divided by this diagonal"),
        Derived(
            f"Horizontal angle of view of the {s.num(f)} mm lens",
            tuple(horizontal_angle(size.width_mm, f) for size in sizes),
            "{}°",
            1,
            "2 × arctan(width ÷ (2 × focal length)), the lens focused far away",
        ),
        Derived(
            "Full-frame equivalent focal length", tuple(f * c for c in crops), "{} mm", 1, "focal length × crop factor"
        ),
        Derived(
            f"Depth-of-field equivalent of f/{s.num(n)}",
            tuple(n * c for c in crops),
            "f/{}",
            1,
            "f-number × crop factor (the same picture from the same place)",
        ),
    ]


@dataclass(frozen=True)
class SideView:
    """Inputs of figure 2."""

    mount: str
    flange: Fact[float]
    """The flange focal distance drawn; other values sources give go in the table."""
    body: str
    thickness: Fact[float]
    bump: Fact[float]
    lens: str


def flange_numbers(inp: SideView, flanges: Sequence[float] = ()) -> list[Derived]:
    """What lies outside the phone even if the sensor sat against the screen, per flange distance."""
    values = (inp.flange.value, *flanges)
    return [
        Derived(
            "Flange distance beyond the camera bump, at least",
            tuple(v - inp.bump.value for v in values),
            "{} mm",
            2,
            "flange focal distance − thickness at the camera bump (the sensor cannot sit "
            "deeper than the phone's front face)",
        ),
        Derived(
            "Flange distance ÷ body thickness",
            tuple(v / inp.thickness.value for v in values),
            "×{}",
            1,
            "flange focal distance ÷ thickness of the body",
        ),
    ]


# Figure 1: the lens over the sensor -----------------------------------------------------------------

FRAME_SCALE = 9.0
"""Units per millimetre in the frame panel: 36 mm → 324 units, 13.2 mm → 118.8 units."""
RAY_SCALE = 3.4
"""Units per millimetre in the angle-of-view panel (frame width and focal length both)."""


def _lines(
    x: float,
    y: float,
    text: str,
    width: float,
    size: float,
    cls: str = "ll-text",
    bold: bool = False,
    step: float | None = None,
) -> tuple[list[str], float]:
    """Wrapped text from baseline ``y``; returns the elements and the next baseline."""
    out = []
    for line in s.wrap(text, width, size, bold):
        out.append(s.text(x, y, line, size, cls, bold=bold))
        y += step or size * 1.3
    return out, y


def _frame_panel(inp: LensOnSensor, y: float) -> tuple[list[str], float]:
    frame = inp.frame.size.value
    scale = FRAME_SCALE
    w, h = frame.width_mm * scale, frame.height_mm * scale
    x0 = (WIDTH - w) / 2
    body = [
        f'<g class="ll-group" data-panel="frame" data-scale="{s.num(scale)}">',
        s.size_rect(x0, y, frame, scale, "ll-frame", inp.frame.name),
    ]
    lines, _ = _lines(
        x0 + 8,
        y + 17,
        f"{inp.frame.name}, {size_text(frame)}: the frame M lenses are made for",
        w - 16,
        12.5,
        bold=True,
        step=15,
    )
    body += lines
    first = inp.sensors[0].size.value if inp.sensors else None
    for i, area in enumerate(inp.sensors):
        size = area.size.value
        cls = "ll-sensor" if i == 0 else "ll-sensor ll-sensor--alt"
        body.append(
            s.size_rect(
                (WIDTH - size.width_mm * scale) / 2,
                y + (h - size.height_mm * scale) / 2 + 12,
                size,
                scale,
                cls,
                area.name,
            )
        )
    if first is not None:
        bottom = y + (h + max(a.size.value.height_mm for a in inp.sensors) * scale) / 2 + 12
        words = [f"{inp.device}: {inp.sensors[0].name}, {size_text(first)}"]
        words += [f"dashed: {size_text(a.size.value)}" for a in inp.sensors[1:]]
        ty = bottom + 15
        for text in words:
            body.append(s.text(WIDTH / 2, ty, text, 12, "ll-text", anchor="middle"))
            ty += 14.5
    body.append("</g>")
    bar = 10 * scale
    by = y + h + 10
    body += [
        s.el(
            "path",
            d=f"M{s.num(x0)} {s.num(by)}v6h{s.num(bar)}v-6",
            class_="ll-axis",
            fill="none",
            stroke="currentColor",
        ),
        s.text(x0 + bar + 6, by + 8, "10 mm", 12, "ll-muted"),
    ]
    return body, by + 22


def _ray_panel(inp: LensOnSensor, angles: Sequence[float], y: float) -> tuple[list[str], float]:
    """Seen from above: the image area at the bottom, the lens one focal length in front, and the rays
    through the lens's centre from the edges of each area: the horizontal angle of view, to scale."""
    k = RAY_SCALE
    f = inp.focal_length.value * k
    lines, y = _lines(
        PAD,
        y + 14,
        f"From above, to scale: the {s.num(inp.focal_length.value)} mm lens "
        "focused far away, and the angle each area takes in",
        WIDTH - 2 * PAD,
        12.5,
        bold=True,
        step=15,
    )
    body = lines
    reach = 1.5 * f  # how far the rays run beyond the lens
    top = y + 4
    lens_y = top + reach
    sensor_y = lens_y + f
    cx = WIDTH / 2
    body.append(f'<g class="ll-group" data-panel="angles" data-scale="{s.num(k)}">')
    drawn = list(zip(inp.areas, angles, strict=True))[:2]  # a second sensor size differs by under a degree
    for i, (area, angle) in enumerate(drawn):
        half = area.size.value.width_mm * k / 2
        spread = half * reach / f
        cls = "ll-ray ll-ray--frame" if i == 0 else "ll-ray"
        d = (
            f"M{s.num(cx - half)} {s.num(sensor_y)}L{s.num(cx + spread)} {s.num(top)}"
            f"M{s.num(cx + half)} {s.num(sensor_y)}L{s.num(cx - spread)} {s.num(top)}"
        )
        body.append(
            s.el(
                "path",
                d=d,
                class_=cls,
                fill="none",
                stroke="currentColor",
                data_angle=f"{angle:.4f}",
                data_width_mm=area.size.value.width_mm,
            )
        )
        body.append(
            s.el(
                "line",
                x1=cx - half,
                y1=sensor_y,
                x2=cx + half,
                y2=sensor_y,
                class_=cls + " ll-ray--area",
                stroke="currentColor",
            )
        )
        # The angle's value between its two rays, near their far end (the full frame's beside the
        # sensor's, left of centre).
        inner = drawn[1][0].size.value.width_mm * k / 2 * reach / f if len(drawn) > 1 else 0.0
        lx = cx if i == 1 or len(drawn) == 1 else cx - (spread + inner) / 2
        body.append(s.text(lx, top + 26, f"{angle:.1f}°", 13, "ll-text", anchor="middle", bold=True))
    body.append(s.el("ellipse", cx=cx, cy=lens_y, rx=20.0, ry=4.0, class_="ll-lens", stroke="currentColor"))
    body.append(s.text(cx + 26, lens_y + 4, "lens", 12, "ll-muted"))
    bx = cx - inp.frame.size.value.width_mm * k / 2 - 12
    body.append(
        s.el(
            "path",
            d=f"M{s.num(bx)} {s.num(lens_y)}h6v{s.num(f)}h-6",
            class_="ll-axis",
            fill="none",
            stroke="currentColor",
        )
    )
    body.append(
        s.text(bx - 4, (lens_y + sensor_y) / 2 + 4, f"{s.num(inp.focal_length.value)} mm", 12, "ll-muted", anchor="end")
    )
    body.append("</g>")
    y = sensor_y + 18
    legend = [("ll-ray--frame", f"{inp.frame.name}: {angles[0]:.1f}°")]
    if len(drawn) > 1:
        legend.append(
            ("ll-ray--key", f"{inp.sensors[0].name}, {size_text(inp.sensors[0].size.value)}: {angles[1]:.1f}°")
        )
    for cls, text in legend:
        body.append(
            s.el("line", x1=PAD, y1=y - 4, x2=PAD + 22, y2=y - 4, class_=f"ll-ray {cls}", stroke="currentColor")
        )
        lines, y = _lines(PAD + 30, y, text, WIDTH - 2 * PAD - 30, 12.5, step=15)
        body += lines
    return body, y


def _summary(inp: LensOnSensor, numbers: list[Derived], y: float) -> tuple[list[str], float]:
    _, crop, _, equiv, dof = numbers
    body: list[str] = []
    for i, area in enumerate(inp.sensors, start=1):
        text = (
            f"{area.name}, {size_text(area.size.value)}: crop {crop.shown[i]}, frames like a "
            f"{equiv.shown[i]} lens on full frame, depth of field of {dof.shown[i]}"
        )
        lines, y = _lines(
            PAD, y + 4, text, WIDTH - 2 * PAD, 12.5, "ll-text" if i == 1 else "ll-muted", bold=i == 1, step=15
        )
        body += lines
    return body, y


def lens_svg(inp: LensOnSensor, compact: bool = False) -> str:
    """Figure 1; ``compact`` leaves out the angle-of-view panel (the home page's opening picture)."""
    numbers = lens_numbers(inp)
    body, y = _frame_panel(inp, 8.0)
    rays: list[str] = []
    if not compact:
        rays, y = _ray_panel(inp, numbers[2].values, y)
    summary, y = _summary(inp, numbers, y + 8)
    angle, equiv, dof = numbers[2], numbers[3], numbers[4]
    desc = (
        f"To one scale, the {size_text(inp.frame.size.value)} full frame an M lens is made for, with the "
        f"{inp.device}'s {', or '.join(size_text(a.size.value) for a in inp.sensors)} sensor inside it. "
        f"The {inp.lens} takes in {angle.shown[0]} horizontally on full frame and "
        f"{' or '.join(angle.shown[1:])} on the smaller sensor: it frames like a "
        f"{' or '.join(equiv.shown[1:])} lens on full frame, with the depth of field of "
        f"{' or '.join(dof.shown[1:])}."
    )
    name = "lens-on-sensor-compact" if compact else "lens-on-sensor"
    return s.svg(
        name, WIDTH, y + 6, f"A full-frame lens over the {inp.device}'s sensor", desc, [*body, *rays, *summary]
    )


# Figure 2: the side view ------------------------------------------------------------------------------

SIDE_SCALE = 5.0
"""Units per millimetre front to back (the only direction drawn to scale)."""
LENS_SHOWN_MM = 18.0
"""How much of the lens the side view shows beyond its flange (an outline: its length is not in our data)."""


def flange_svg(inp: SideView) -> str:
    k = SIDE_SCALE
    numbers = flange_numbers(inp)
    beyond = numbers[0].values[0]
    head, y = _lines(
        PAD,
        20,
        f"Side view. Front to back to scale ({s.num(k)} units a millimetre); widths are not.",
        WIDTH - 2 * PAD,
        12,
        "ll-muted",
        step=14.5,
    )
    top = y + 4
    base = top + (inp.flange.value + LENS_SHOWN_MM) * k  # the phone's front face
    flange_y = base - inp.flange.value * k
    body_y, bump_y = base - inp.thickness.value * k, base - inp.bump.value * k
    x_bump, w_bump = 40.0, 120.0
    lens_x, lens_w = x_bump + 14, w_bump - 28
    right = x_bump + w_bump
    body = [
        *head,
        '<g class="ll-group" data-panel="side" data-scale="' + s.num(k) + '">',
        s.el(
            "path",
            d=f"M{s.num(right + 44)} {s.num(body_y)}H{s.num(PAD)}V{s.num(base)}H{s.num(right + 44)}",
            class_="ll-body",
            stroke="currentColor",
            data_depth_mm=inp.thickness.value,
        ),
        s.el(
            "rect",
            x=x_bump,
            y=bump_y,
            width=w_bump,
            height=(inp.bump.value - inp.thickness.value) * k,
            class_="ll-body",
            stroke="currentColor",
            data_depth_mm=inp.bump.value,
        ),
        # the adapter: from the bump to the flange
        s.el(
            "rect",
            x=lens_x + 8,
            y=flange_y,
            width=lens_w - 16,
            height=bump_y - flange_y,
            class_="ll-adapter",
            stroke="currentColor",
            data_depth_mm=round(beyond, 4),
        ),
        s.el(
            "path",
            d=f"M{s.num(lens_x)} {s.num(flange_y - LENS_SHOWN_MM * k)}V{s.num(flange_y)}"
            f"H{s.num(lens_x + lens_w)}V{s.num(flange_y - LENS_SHOWN_MM * k)}",
            class_="ll-lens",
            stroke="currentColor",
            fill="none",
        ),
        s.el(
            "line",
            x1=lens_x - 6,
            y1=flange_y,
            x2=lens_x + lens_w + 6,
            y2=flange_y,
            class_="ll-flange",
            stroke="currentColor",
            data_depth_mm=inp.flange.value,
        ),
        "</g>",
    ]
    lines, _ = _lines(
        lens_x + 6, flange_y - LENS_SHOWN_MM * k + 16, "the lens (outline only)", lens_w - 10, 12, "ll-text", step=14
    )
    body += lines
    dims = [
        (right + 10, flange_y, "flange", f"{s.num(inp.flange.value)} mm: {inp.mount} flange focal distance", True),
        (None, (flange_y + bump_y) / 2, "adapter", f"adapter: at least {numbers[0].shown[0]} outside the phone", False),
        (right + 22, bump_y, "bump", f"{s.num(inp.bump.value)} mm: {inp.body} at the camera bump", False),
        (right + 34, body_y, "body", f"{s.num(inp.thickness.value)} mm: its body", False),
    ]
    note_x = right + 50
    next_y = 0.0
    for x, at, name, text, bold in dims:
        if x is not None:
            body += _dimension(x, base, at, name)
        ny = max(at + 4, next_y)
        leader_from = x if x is not None else lens_x + lens_w - 8
        body.append(
            s.el(
                "path",
                d=f"M{s.num(leader_from)} {s.num(at)}L{s.num(note_x - 4)} {s.num(ny - 4)}",
                class_="ll-leader",
                fill="none",
                stroke="currentColor",
            )
        )
        lines, next_y = _lines(note_x, ny, text, WIDTH - PAD - note_x, 12, "ll-text", bold=bold, step=14)
        body += lines
        next_y += 4
    foot, y = _lines(
        PAD,
        max(base, next_y) + 18,
        "Measured from the phone’s front face, the deepest a "
        "sensor could sit: the real distance outside the phone is larger.",
        WIDTH - 2 * PAD,
        12,
        "ll-muted",
        step=14.5,
    )
    body += foot
    desc = (
        f"Front to back to scale: the {inp.body} is {s.num(inp.thickness.value)} mm thick and "
        f"{s.num(inp.bump.value)} mm at its camera bump, while the {inp.mount} mount puts the lens's flange "
        f"{s.num(inp.flange.value)} mm from the sensor: even if the sensor sat against the screen, the flange "
        f"would stand at least {numbers[0].shown[0]} beyond the bump, on an adapter, with the lens in front."
    )
    return s.svg("flange-side-view", WIDTH, y + 4, f"Why the lens sits outside the {inp.body}", desc, body)


def _dimension(x: float, y1: float, y2: float, name: str) -> list[str]:
    """A vertical dimension line from ``y1`` up to ``y2``."""
    return [
        s.el(
            "path",
            d=f"M{s.num(x - 4)} {s.num(y1)}h8M{s.num(x)} {s.num(y1)}V{s.num(y2)}M{s.num(x - 4)} {s.num(y2)}h8",
            class_="ll-axis",
            fill="none",
            stroke="currentColor",
            data_dimension=name,
            data_length_mm=round((y1 - y2) / SIDE_SCALE, 4),
        )
    ]


# Figure 3: the schematic ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    part: str
    """Where the schematic draws it: bare-sensor, cover, mount-ring, main-camera, ultra-wide, removed."""
    label: str
    sources: tuple[str, ...]


CX, CY, R = WIDTH / 2, 150.0, 112.0
"""Centre and radius of the camera island in the schematic."""

_MARK_AT: dict[str, tuple[float, float]] = {
    "bare-sensor": (CX + 12, CY + 12),
    "cover": (CX + 40, CY - 40),
    "mount-ring": (CX + R - 4, CY + 52),
    "main-camera": (CX - 68, CY - 56),
    "ultra-wide": (CX - 70, CY + 58),
    "removed": (CX + 76, CY - 38),
}
"""Where each part's number sits (beside the part it names)."""


def _module_shapes() -> list[str]:
    return [
        s.el("circle", cx=CX, cy=CY, r=R, class_="ll-ring", stroke="currentColor", fill="none", data_part="mount-ring"),
        s.el("circle", cx=CX, cy=CY, r=R - 12, class_="ll-body", stroke="currentColor"),
        s.el("circle", cx=CX, cy=CY, r=46.0, class_="ll-cover", stroke="currentColor", data_part="cover"),
        s.el(
            "rect",
            x=CX - 27,
            y=CY - 20,
            width=54.0,
            height=40.0,
            class_="ll-sensor",
            stroke="currentColor",
            data_part="bare-sensor",
        ),
        s.el(
            "circle", cx=CX - 68, cy=CY - 30, r=15.0, class_="ll-camera", stroke="currentColor", data_part="main-camera"
        ),
        s.el(
            "circle", cx=CX - 68, cy=CY + 32, r=12.0, class_="ll-camera", stroke="currentColor", data_part="ultra-wide"
        ),
        s.el(
            "path",
            d=f"M{s.num(CX + 58)} {s.num(CY - 22)}h36v44h-36zM{s.num(CX + 58)} {s.num(CY - 22)}"
            f"l36 44M{s.num(CX + 94)} {s.num(CY - 22)}l-36 44",
            class_="ll-removed",
            fill="none",
            stroke="currentColor",
            data_part="removed",
        ),
    ]


def module_svg(device: str, parts: Sequence[Part]) -> str:
    """The camera island seen from behind, each part numbered, the labels listed beneath."""
    body: list[str] = [s.text(PAD, 18, "Schematic, not to scale", 13, "ll-text", bold=True)]
    body += _module_shapes()
    for n, part in enumerate(parts, start=1):
        x, y = _MARK_AT.get(part.part, (CX, CY))
        body.append(f'<g class="ll-callout" data-part="{s.esc(part.part)}">')
        body.append(s.el("circle", cx=x, cy=y, r=10.0, class_="ll-dot"))
        body.append(s.text(x, y + 4.5, str(n), 12.5, "ll-dotnum", anchor="middle", bold=True))
        body.append("</g>")
    y = CY + R + 28
    for n, part in enumerate(parts, start=1):
        body.append(s.text(PAD + 8, y, str(n), 13, "ll-text", anchor="middle", bold=True))
        lines, y = _lines(PAD + 22, y, part.label, WIDTH - 2 * PAD - 22, 13, step=16)
        body += lines
        y += 4
    desc = (
        f"A schematic, not to scale, of the {device}'s camera island seen from behind: "
        + "; ".join(f"{n}: {p.label}" for n, p in enumerate(parts, start=1))
        + "."
    )
    return s.svg("camera-module", WIDTH, y, f"The {device}'s camera module (schematic)", desc, body)


def size_text(size: SensorSize) -> str:
    """``13.2 × 8.8 mm``."""
    return f"{s.num(size.width_mm)} × {s.num(size.height_mm)} mm"


def sources_of(*facts: Fact[Any] | Area) -> list[str]:
    """The source ids of some inputs, each once, in order (for a caption's citations)."""
    found = [f.size.sources if isinstance(f, Area) else f.sources for f in facts]
    return list(dict.fromkeys(sid for ids in found for sid in ids))
