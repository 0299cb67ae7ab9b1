"""Launch history: each device on a time axis, in a row for the format of its main sensor.

Rows run from the largest format at the top to the smallest (by the nominal "inch" number the sources
state, 1-inch type first), then a row of devices whose format the data lacks. Rows are ordered by size,
not spaced to scale: the sizes in millimetres are the sensors figure's job, and most formats have none
in our sources. The 1-inch row filling up after 2021 is the rise of 1-inch phones.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from generator.catalogue.dates import year_fraction
from generator.site import values as fmt
from generator.site.figures import svg as s
from generator.site.figures.chart import TimeScale, dodge, marker
from generator.site.figures.sizes import SENSOR_ID, MainSensor
from generator.site.values import count

WIDTH = 720.0
PAD_L, PAD_R = 20.0, 24.0
R = 9.0
LANE = 2 * R + 4
NO_FORMAT = "Format not in our data"
_ID = operator.itemgetter(1)


@dataclass
class Row:
    label: str
    key: str | None
    sensors: list[MainSensor]


def launch_rows(sensors: Sequence[MainSensor]) -> list[Row]:
    """Rows of devices by main-sensor format, largest nominal format first; devices keep date order."""
    by_key: dict[str | None, list[MainSensor]] = {}
    for ms in sensors:
        by_key.setdefault(ms.key, []).append(ms)
    keyed = sorted((k for k in by_key if k), key=lambda k: (-(by_key[k][0].nominal or 0), k))
    rows = [Row(by_key[k][0].format_label or k, k, by_key[k]) for k in keyed]
    if None in by_key:
        rows.append(Row(NO_FORMAT, None, by_key[None]))
    return rows


def launches_svg(sensors: Sequence[MainSensor], launches: Sequence[tuple[int, str, str, str, str, str | None]]) -> str:
    """``sensors`` in date order; ``launches``: (number, id, name, announced, href, format label) of each."""
    dates = [year_fraction(sensors[i].entry.model.announced.value) for i in (0, -1)]
    scale = TimeScale.covering(min(dates), max(dates), PAD_L, WIDTH - PAD_R)
    rows = launch_rows(sensors)
    body: list[str] = []
    y = 4.0
    # Each row's devices, once: the row's drawing and its description are kept by them (lru_cache).
    # (Taken in C: thousands of devices, every save.)
    by_id = dict(zip(map(_ID, launches), launches, strict=True))
    devices = [tuple(map(by_id.__getitem__, map(SENSOR_ID, row.sensors))) for row in rows]
    for row, row_devices in zip(rows, devices, strict=True):
        drawn, y = _row(row.key, row.label, row_devices, scale, y)
        body.append(drawn)
    axis_y = y + 4
    body = scale.grid(4, axis_y) + body + scale.axis(axis_y)
    height = axis_y + 30
    desc = [
        f"{count(len(sensors), 'device')} on a time axis from {int(scale.t0)} to {int(scale.t1)}, in "
        "rows by the format of their main sensor, largest first.",
        *(_row_text(row.label, row_devices) for row, row_devices in zip(rows, devices, strict=True)),
    ]
    return s.svg(
        "launches",
        WIDTH,
        height,
        "Main-sensor format of each device, by announcement date",
        desc,
        body,
        interactive=True,
        data_t0=str(int(scale.t0)),
        data_t1=str(int(scale.t1)),
    )


@functools.lru_cache(maxsize=256)  # pure: a save redraws the row of the device it changed, not every row
def _row(
    key: str | None,
    label: str,
    devices: tuple[tuple[int, str, str, str, str, str | None], ...],
    scale: TimeScale,
    y: float,
) -> tuple[str, float]:
    """One format's row at height ``y``; and the next row's ``y``. ``devices``: (number, id, name,
    announced, href, format label) of each device, in date order."""
    out = [f'<g class="ll-row" data-format="{s.esc(key or "")}">']
    line_y = y + 30
    xs = tuple(scale.x(year_fraction(announced)) for _, _, _, announced, _, _ in devices)
    lanes = dodge(xs, 2 * R + 2)
    bottom = line_y + max(lanes, default=0) * LANE + R
    if key == "1":
        out.append(
            s.el(
                "rect",
                x=PAD_L - 8,
                y=y + 2,
                width=WIDTH - PAD_L - PAD_R + 16,
                height=bottom - y + 4,
                rx="4",
                class_="ll-band",
                fill="currentColor",
                fill_opacity="0.06",
            )
        )
    out.append(
        s.el(
            "line",
            x1=PAD_L,
            x2=WIDTH - PAD_R,
            y1=line_y,
            y2=line_y,
            class_="ll-grid",
            stroke="currentColor",
            stroke_opacity="0.25",
        )
    )
    # Labels at the right: in view where a phone's scrolling box opens, at the recent end.
    out.append(
        s.el(
            "text",
            s.el("tspan", s.esc(label if key else NO_FORMAT), font_weight="bold" if key else "normal")
            + s.el("tspan", f" · {s.esc(count(len(devices), 'device'))}", class_="ll-muted", font_size="12.5"),
            x=WIDTH - PAD_R,
            y=y + 16,
            class_="ll-text",
            font_size="14",
            text_anchor="end",
        )
    )
    for (number, device_id, name, announced, href, format_label), x, lane in zip(devices, xs, lanes, strict=True):
        text = f"{number}. {name}, announced {fmt.date(announced)}, {format_label or 'format not in our data'}"
        out.append(marker(x, line_y + lane * LANE, R, number, href, text, device_id))
    out.append("</g>")
    return "\n".join(out), bottom + 12


@functools.lru_cache(maxsize=256)
def _row_text(label: str, devices: tuple[tuple[int, str, str, str, str, str | None], ...]) -> str:
    """A row as the figure's description tells it; ``devices`` as :func:`_row` takes them."""
    return (
        f"{label}: "
        + ", ".join(f"{n}. {name} ({fmt.date(announced)})" for n, _, name, announced, _, _ in devices)
        + "."
    )
