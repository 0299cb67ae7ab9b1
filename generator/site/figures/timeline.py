"""Partnership timeline: each partnership a bar from start to end, each device launch a numbered marker.

Ongoing partnerships run to the latest date in the data, not to the day of the build, so the figure
changes only when the data does.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from generator.catalogue.dates import year_fraction
from generator.catalogue.models import Device, Partnership
from generator.catalogue.store import Catalogue, Entry
from generator.site import values as fmt
from generator.site.figures import svg as s
from generator.site.figures.chart import TimeScale, dodge, marker

WIDTH = 720.0
"""ViewBox width; on a phone the figure keeps a legible minimum width and scrolls sideways."""
PAD_L, PAD_R = 20.0, 24.0
R = 9.0
LANE = 2 * R + 4
BAR = 10.0
_NUMBER = operator.itemgetter(0)


@dataclass
class Row:
    partnership: Entry[Partnership] | None
    """None for the row of devices that carry no partner's name."""
    label: str
    devices: list[tuple[int, Entry[Device]]]


def rows(
    catalogue: Catalogue,
    timeline: Sequence[Entry[Device]],
    names: dict[str, str],
    partnerships: Sequence[str | None],
) -> list[Row]:
    """One row per partnership (by start date), then one for devices with none; devices numbered by date.
    ``partnerships``: each device's partnership, in timeline order (read from its model, a field of
    pydantic's read 5,000 times took 10 ms a save)."""
    by_partnership: dict[str | None, list[tuple[int, Entry[Device]]]] = {}
    for numbered, pid in zip(enumerate(timeline, start=1), partnerships, strict=True):
        by_partnership.setdefault(pid, []).append(numbered)
    out = [
        Row(p, names[p.id], by_partnership.get(p.id, []))
        for p in sorted(catalogue.partnerships.values(), key=lambda p: (p.model.started.value, p.id))
    ]
    loose = by_partnership.get(None, [])
    if loose:
        out.append(Row(None, "No camera-brand partnership in the data", loose))
    return out


def period(p: Partnership) -> str:
    return f"{fmt.date(p.started.value)} – {fmt.date(p.ended.value) if p.ended else 'ongoing'}"


def timeline_svg(
    catalogue: Catalogue,
    table: list[Row],
    as_of: str,
    launches: Sequence[tuple[int, str, str, str, str]],
    partnership_href: dict[str, str],
) -> str:
    """``launches``: (number, id, name, announced, href) of each device, in timeline order (so numbered)."""
    dates = [year_fraction(as_of)]
    for row in table:
        if row.partnership:
            dates.append(year_fraction(row.partnership.model.started.value))
        if row.devices:  # in date order: the first and the last are the row's earliest and latest
            dates += [year_fraction(row.devices[i][1].model.announced.value) for i in (0, -1)]
    scale = TimeScale.covering(min(dates), max(dates), PAD_L, WIDTH - PAD_R)
    end_x = scale.x(year_fraction(as_of))
    rows_svg: list[str] = []
    y = 8.0
    # Each row's devices, once: the row's drawing and its description are kept by them (lru_cache).
    by_number = [None, *launches]  # (each row's taken in C: thousands of devices, every save)
    devices = [tuple(map(by_number.__getitem__, map(_NUMBER, row.devices))) for row in table]
    for row, row_devices in zip(table, devices, strict=True):
        p = row.partnership
        drawn, y = _row(
            p.id if p else "",
            row.label,
            (p.model.started.value, p.model.ended.value if p.model.ended else None, period(p.model)) if p else None,
            partnership_href[p.id] if p else "",
            row_devices,
            as_of,
            scale,
            y,
        )
        rows_svg.append(drawn)
    axis_y = y + 2
    now = s.el(
        "line",
        x1=end_x,
        x2=end_x,
        y1=4,
        y2=axis_y,
        class_="ll-now",
        stroke="currentColor",
        stroke_dasharray="3 3",
        stroke_opacity="0.5",
    )
    body = [*scale.grid(4, axis_y), now, *rows_svg, *scale.axis(axis_y)]
    height = axis_y + 30
    launch_count = sum(len(r.devices) for r in table)
    rows_text = [
        _row_text(row.label, period(row.partnership.model) if row.partnership else None, row_devices)
        for row, row_devices in zip(table, devices, strict=True)
    ]
    bars = sum(1 for r in table if r.partnership)
    desc = [
        f"{bars} partnerships as bars on a time axis from {int(scale.t0)} to {int(scale.t1)}, and "
        f"{launch_count} device launches as numbered markers. Ongoing partnerships run to "
        f"{fmt.date(as_of)}, the latest date in our data.",
        *rows_text,
    ]
    return s.svg(
        "timeline",
        WIDTH,
        height,
        "Camera-brand partnerships and device launches over time",
        desc,
        body,
        interactive=True,
        data_as_of=as_of,
        data_t0=str(int(scale.t0)),
        data_t1=str(int(scale.t1)),
    )


@functools.lru_cache(maxsize=256)  # pure: a save redraws the row of the device it changed, not every row
def _row(
    pid: str,
    label_text: str,
    period_of: tuple[str, str | None, str] | None,
    href: str,
    devices: tuple[tuple[int, str, str, str, str], ...],
    as_of: str,
    scale: TimeScale,
    y: float,
) -> tuple[str, float]:
    """One partnership's row (its bar, its label, its launches) at height ``y``; and the next row's ``y``.
    ``period_of``: the partnership's start, end and period as written (None for the row of devices with
    no partner); ``devices``: (number, id, name, announced, href) of each launch."""
    end_x = scale.x(year_fraction(as_of))
    centre = y + 30
    out = [f"<g {s.attrs(class_='ll-row', data_partnership=pid)}>"]
    right = WIDTH - PAD_R
    if period_of:
        started, ended, when = period_of
        start_x = scale.x(year_fraction(started))
        stop_x = scale.x(year_fraction(ended)) if ended else end_x
        out.append(
            s.el(
                "rect",
                x=start_x,
                y=centre - BAR / 2,
                width=max(stop_x - start_x, 2.0),
                height=BAR,
                rx="3",
                class_="ll-bar",
                fill="currentColor",
                fill_opacity="0.3",
                data_start=started,
                data_end=ended or as_of,
            )
        )
        if not ended:  # an arrowhead: it goes on
            tip = f"M{s.num(stop_x)} {s.num(centre - BAR)}l9 {s.num(BAR)}l-9 {s.num(BAR)}z"
            out.append(s.el("path", d=tip, class_="ll-bar ll-bar--open", fill="currentColor", fill_opacity="0.3"))
        right = min(stop_x + (0 if ended else 9), WIDTH - PAD_R)
    # Labels end where their bar ends: near the launches, and in view where a phone's box opens.
    when = period_of[2] if period_of else ""
    label_w = s.text_width(label_text, 14, bold=True) + (s.text_width(" " + when, 12.5) if when else 0)
    content = s.el("tspan", s.esc(label_text), font_weight="bold")
    if when:
        content += s.el("tspan", " " + s.esc(when), class_="ll-muted", font_size="12.5")
    label = s.el(
        "text",
        content,
        x=max(right, PAD_L + label_w),
        y=y + 15,
        class_="ll-text ll-linktext" if period_of else "ll-text",
        font_size="14",
        text_anchor="end",
    )
    if period_of:
        label = s.el("a", label, href=href, class_="ll-link")
    out.append(label)
    xs = tuple(scale.x(year_fraction(announced)) for _, _, _, announced, _ in devices)
    lanes = dodge(xs, 2 * R + 2)
    for (number, device_id, name, announced, device_href), x, lane in zip(devices, xs, lanes, strict=True):
        text = f"{number}. {name}, announced {fmt.date(announced)}"
        out.append(marker(x, centre + lane * LANE, R, number, device_href, text, device_id))
    out.append("</g>")
    return "\n".join(out), centre + max(lanes, default=0) * LANE + R + 14


@functools.lru_cache(maxsize=256)
def _row_text(label: str, when: str | None, devices: tuple[tuple[int, str, str, str, str], ...]) -> str:
    """A row as the figure's description tells it; ``devices`` as :func:`_row` takes them."""
    launches = ", ".join(f"{n}. {name} ({fmt.date(announced)})" for n, _, name, announced, _ in devices)
    return f"{label}{f' ({when})' if when else ''}: {launches or 'no device in the data'}."
