"""The numbers behind the concept's figures (sizes, crop factors, angles of view, the flange against the
body), and the inputs they are computed from."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.catalogue.models import Fact, SensorSize
from generator.site.figures import svg as s


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


def size_text(size: SensorSize) -> str:
    """``13.2 × 8.8 mm``."""
    return f"{s.num(size.width_mm)} × {s.num(size.height_mm)} mm"


def sources_of(*facts: Fact[Any] | Area) -> list[str]:
    """The source ids of some inputs, each once, in order (for a caption's citations)."""
    found = [f.size.sources if isinstance(f, Area) else f.sources for f in facts]
    return list(dict.fromkeys(sid for ids in found for sid in ids))
