"""Figure 3: a labelled schematic of the camera module (not to scale)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.site.figures import svg as s
from generator.site.figures.concept.layout import PAD, WIDTH, wrapped


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
        lines, y = wrapped(PAD + 22, y, part.label, WIDTH - 2 * PAD - 22, 13, step=16)
        body += lines
        y += 4
    desc = (
        f"A schematic, not to scale, of the {device}'s camera island seen from behind: "
        + "; ".join(f"{n}: {p.label}" for n, p in enumerate(parts, start=1))
        + "."
    )
    return s.svg("camera-module", WIDTH, y, f"The {device}'s camera module (schematic)", desc, body)
