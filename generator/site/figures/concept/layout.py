"""What the concept's figures share on the page: their width, margin and wrapped lines of text."""

from __future__ import annotations

from generator.site.figures import svg as s

WIDTH = 360.0
"""ViewBox width: laid out for a phone screen, like the other narrow figures."""
PAD = 14.0


def wrapped(
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
