"""Figure 2: a side view, front to back to scale, of the mount's flange focal distance against the
phone's body."""

from __future__ import annotations

from generator.site.figures import svg as s
from generator.site.figures.concept.layout import PAD, WIDTH, wrapped
from generator.site.figures.concept.numbers import SideView, flange_numbers

SIDE_SCALE = 5.0
"""Units per millimetre front to back (the only direction drawn to scale)."""
LENS_SHOWN_MM = 18.0
"""How much of the lens the side view shows beyond its flange (an outline: its length is not in our data)."""


def flange_svg(inp: SideView) -> str:
    k = SIDE_SCALE
    numbers = flange_numbers(inp)
    beyond = numbers[0].values[0]
    head, y = wrapped(
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
    lines, _ = wrapped(
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
        lines, next_y = wrapped(note_x, ny, text, WIDTH - PAD - note_x, 12, "ll-text", bold=bold, step=14)
        body += lines
        next_y += 4
    foot, y = wrapped(
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
