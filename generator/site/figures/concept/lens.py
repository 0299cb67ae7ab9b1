"""Figure 1: the frame an M lens is made for with the concept's sensor inside, and the lens's angle of
view on each, to scale."""

from __future__ import annotations

from collections.abc import Sequence

from generator.site.figures import svg as s
from generator.site.figures.concept.layout import PAD, WIDTH, wrapped
from generator.site.figures.concept.numbers import Derived, LensOnSensor, lens_numbers, size_text

FRAME_SCALE = 9.0
"""Units per millimetre in the frame panel: 36 mm → 324 units, 13.2 mm → 118.8 units."""
RAY_SCALE = 3.4
"""Units per millimetre in the angle-of-view panel (frame width and focal length both)."""


def _frame_panel(inp: LensOnSensor, y: float) -> tuple[list[str], float]:
    frame = inp.frame.size.value
    scale = FRAME_SCALE
    w, h = frame.width_mm * scale, frame.height_mm * scale
    x0 = (WIDTH - w) / 2
    body = [
        f'<g class="ll-group" data-panel="frame" data-scale="{s.num(scale)}">',
        s.size_rect(x0, y, frame, scale, "ll-frame", inp.frame.name),
    ]
    lines, _ = wrapped(
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
    lines, y = wrapped(
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
        lines, y = wrapped(PAD + 30, y, text, WIDTH - 2 * PAD - 30, 12.5, step=15)
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
        lines, y = wrapped(
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
