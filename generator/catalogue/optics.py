"""Optical formats ("1-inch type", "1/2.3-inch") and the millimetres our sources give for them.

A sensor's format names a size class, not a size: the "inch" is a leftover of video camera tubes. So a
format is drawn only where a source in data/sources.yaml gives its width and height; each entry below
names that source. Formats missing here (1/1.28, 1/1.31, 1/1.4, 1/2.51 ... for which no source we hold
gives millimetres) are never drawn with invented numbers: the figures list them as "size not published
in our sources".

Where sources disagree, a format has several sizes; the first is the one drawn, the others are shown
beside it in the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FormatSize:
    width_mm: float
    height_mm: float
    sources: tuple[str, ...]
    """Ids from data/sources.yaml that give these millimetres for the format."""
    note: str | None = None


PHOTOREVIEW = "photoreview-sensor-sizes"  # fact sheet [103]: a table of "type" → imaging area in mm

FORMAT_SIZES: dict[str, tuple[FormatSize, ...]] = {
    "1": (
        # Fact sheet [40] (Panasonic CM1) and [58] (Sharp Aquos R6) give 13.2 × 8.8 mm for their 1-inch-type
        # sensors; [103] gives the nominal 4:3 area of the type, 12.8 × 9.6 mm (16 mm diagonal).
        FormatSize(13.2, 8.8, ("digitaleyes-cm1", "digitaleyes-aquos-r6")),
        FormatSize(12.8, 9.6, (PHOTOREVIEW,), "nominal area of the type, 16 mm diagonal"),
    ),
    # The fact sheet's "common value" 6.17 × 4.55 mm is not in any source we hold; [103] gives 6.16 × 4.62.
    "1/2.3": (FormatSize(6.16, 4.62, (PHOTOREVIEW,)),),
    "1/1.7": (FormatSize(7.6, 5.7, (PHOTOREVIEW,)),),
}
"""Format key (see :func:`format_key`) → the sizes sources give for it, the drawn one first."""

TYPICAL_PHONE = "1/2.3"
"""The format drawn as "a typical phone sensor" beside each device's sensor."""

_FORMAT = re.compile(
    r"""^\s*(?:type\s*)?
        (?P<num>\d+(?:\.\d+)?)(?:\s*/\s*(?P<den>\d+(?:\.\d+)?))?
        \s*(?:-\s*|\s+)?(?:inch(?:es)?|in\.?|["″”])?
        (?:[\s-]*type)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def _clean(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


def format_key(text: str) -> str | None:
    """``1-inch``, ``1-inch type``, ``1"``, ``Type 1.0`` → ``1``; ``1/1.28-inch`` → ``1/1.28``;
    None when the text is not an inch-type format."""
    match = _FORMAT.match(text)
    if not match:
        return None
    num, den = _clean(match["num"]), match["den"]
    if float(num) == 0 or (den is not None and float(den) == 0):
        return None
    if den is None or float(den) == 1:
        return num
    return f"{num}/{_clean(den)}"


def nominal_inches(key: str) -> float:
    """The number a format key names: ``1/2.3`` → 0.4348 (the tube's nominal diameter, not a size)."""
    num, _, den = key.partition("/")
    return float(num) / float(den) if den else float(num)


def nominal_of(text: str) -> float:
    """The number a format's text names (``1/1.28-inch`` → 0.78), or 0 for text that is not an inch-type format:
    the order in which formats are listed, largest first, everywhere on the site."""
    key = format_key(text)
    return nominal_inches(key) if key else 0.0


def format_label(key: str) -> str:
    """How a format reads in a figure: ``1-inch type``, ``1/2.3-inch``."""
    return "1-inch type" if key == "1" else f"{key}-inch"
