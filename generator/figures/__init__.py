"""Figures drawn from the data as SVG (to be filled in: sensors to scale, timeline, launch history)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalogue import Catalogue, Entry
    from ..models import Device
    from ..site_plan import PageSpec, Relations


def figure_pages(catalogue: Catalogue, relations: Relations) -> list[PageSpec]:
    """Pages (and assets) that show figures; none yet."""
    return []


def device_sensor_figure(catalogue: Catalogue, entry: Entry[Device]) -> str:
    """Inline SVG comparing one device's main sensor with others, for its page; empty for now."""
    return ""
