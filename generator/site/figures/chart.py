"""Pieces the two time charts share: a year axis, and markers that step aside instead of overlapping."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from generator.site.figures import svg as s


@dataclass(frozen=True)
class TimeScale:
    """Decimal years ``t0``–``t1`` onto x coordinates ``x0``–``x1``."""

    t0: float
    t1: float
    x0: float
    x1: float

    @classmethod
    def covering(cls, first: float, last: float, x0: float, x1: float) -> TimeScale:
        """Whole years from the one holding ``first`` to the end of the one holding ``last``."""
        t0 = math.floor(first)
        t1 = max(math.floor(last) + 1, t0 + 1)
        return cls(t0, t1, x0, x1)

    def x(self, t: float) -> float:
        return self.x0 + (t - self.t0) / (self.t1 - self.t0) * (self.x1 - self.x0)

    @property
    def per_year(self) -> float:
        return (self.x1 - self.x0) / (self.t1 - self.t0)

    def label_step(self, min_gap: float = 44.0) -> int:
        return next((step for step in (1, 2, 5, 10, 20, 50) if step * self.per_year >= min_gap), 100)

    def grid(self, top: float, bottom: float) -> list[str]:
        """Faint lines at the labelled years, behind everything."""
        step = self.label_step()
        return [
            s.el(
                "line",
                x1=self.x(y),
                x2=self.x(y),
                y1=top,
                y2=bottom,
                class_="ll-grid",
                stroke="currentColor",
                stroke_opacity="0.12",
            )
            for y in range(int(self.t0), int(self.t1) + 1)
            if y % step == 0
        ]

    def axis(self, y: float) -> list[str]:
        """The year axis: a tick per year, a label every ``label_step`` years."""
        step = self.label_step()
        out = [s.el("line", x1=self.x0, x2=self.x1, y1=y, y2=y, class_="ll-axis", stroke="currentColor")]
        for year in range(int(self.t0), int(self.t1) + 1):
            labelled = year % step == 0
            out.append(
                s.el(
                    "line",
                    x1=self.x(year),
                    x2=self.x(year),
                    y1=y,
                    y2=y + (6 if labelled else 3),
                    class_="ll-axis",
                    stroke="currentColor",
                )
            )
            if labelled:
                out.append(s.text(self.x(year), y + 20, str(year), 12.5, "ll-muted", "middle"))
        return out


@functools.lru_cache(maxsize=256)  # pure: a save that renames a device keeps its row's places
def dodge(xs: tuple[float, ...], min_gap: float) -> tuple[int, ...]:
    """A lane for each x (given in drawing order): the first lane whose last marker is ``min_gap`` away."""
    lanes: list[float] = []
    out = []
    for x in xs:
        for i, last in enumerate(lanes):
            if x - last >= min_gap:
                lanes[i] = x
                out.append(i)
                break
        else:
            lanes.append(x)
            out.append(len(lanes) - 1)
    return tuple(out)


@functools.lru_cache(maxsize=1 << 15)  # pure: the figures of thousands of devices draw the same markers again
def marker(cx: float, cy: float, r: float, number: int, href: str, label: str, device_id: str) -> str:
    """A numbered, linked circle for one device launch."""
    return "\n".join(
        [
            f"<a {s.attrs(href=href, class_='ll-marker', aria_label=label, data_device=device_id)}>",
            f"<title>{s.esc(label)}</title>",
            s.el("circle", cx=cx, cy=cy, r=r, class_="ll-dot", fill="white", stroke="currentColor", stroke_width="1.5"),
            s.text(cx, cy + 4, str(number), 11.5, "ll-dotnum", "middle", bold=True),
            "</a>",
        ]
    )
