"""Optical formats ("1-inch type", "1/2.3-inch"): their keys, and the millimetres our sources give.

A sensor's format names a size class, not a size: the "inch" is a leftover of video camera tubes. So a
format is drawn only where data/optics.yaml gives its width and height, each with its sources. Formats
missing there (1/1.28, 1/1.31, 1/1.4, 1/2.51 ... for which no source we hold gives millimetres) are never
drawn with invented numbers: the figures list them as "size not published in our sources".

Where sources disagree, a format has several sizes; the first is the one drawn, the others are shown
beside it in the tables.
"""

from __future__ import annotations

import functools
import re

from generator.catalogue.models import Fact, SensorSize
from generator.catalogue.store import Catalogue


def format_sizes(catalogue: Catalogue, key: str) -> list[Fact[SensorSize]]:
    """The sizes our sources give for a format (its key, as :func:`format_key` writes it), drawn one first;
    none for a format data/optics.yaml does not hold."""
    found = catalogue.optics.formats.get(key)
    return list(found.sizes) if found else []


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


@functools.lru_cache(maxsize=4096)  # pure, and asked of every device's format by every list
def nominal_of(text: str) -> float:
    """The number a format's text names (``1/1.28-inch`` → 0.78), or 0 for text that is not an inch-type format:
    the order in which formats are listed, largest first, everywhere on the site."""
    key = format_key(text)
    return nominal_inches(key) if key else 0.0


def format_label(key: str) -> str:
    """How a format reads in a figure: ``1-inch type``, ``1/2.3-inch``."""
    return "1-inch type" if key == "1" else f"{key}-inch"
