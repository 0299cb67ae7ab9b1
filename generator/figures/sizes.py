"""Each device's main sensor as the figures see it: its format, and a size only where a source gives one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ..catalogue import Catalogue, Entry
from ..models import Device, Fact, SensorSize
from .formats import FORMAT_SIZES, format_key, format_label, nominal_inches

Origin = Literal["device", "sensor", "format"]

ORIGIN_NOTE = {
    "device": "given for this device",
    "sensor": "given for its sensor",
    "format": "given for the format",
}


@dataclass(frozen=True)
class MainSensor:
    """One device's main sensor."""

    entry: Entry[Device]
    format: Fact[str] | None
    key: str | None
    """Normalised format (``1``, ``1/1.28``), or None when the data gives none or it is not an inch type."""
    size: Fact[SensorSize] | None
    """The size drawn, with the sources that give it; None when no source we hold gives one."""
    origin: Origin | None
    others: list[Fact[SensorSize]] = field(default_factory=list)
    """Other sizes that sources give (they disagree with the one drawn)."""

    @property
    def nominal(self) -> float | None:
        return nominal_inches(self.key) if self.key else None

    @property
    def format_label(self) -> str | None:
        if self.key:
            return format_label(self.key)
        return self.format.value if self.format else None

    @property
    def area(self) -> float:
        return self.size.value.width_mm * self.size.value.height_mm if self.size else 0.0


def format_facts(catalogue: Catalogue, key: str) -> list[Fact[SensorSize]]:
    """The sizes our sources give for a format, as facts citing sources the catalogue holds."""
    facts: list[Fact[SensorSize]] = []
    for size in FORMAT_SIZES.get(key, ()):
        sources = [s for s in size.sources if s in catalogue.sources]
        if sources:
            facts.append(Fact[SensorSize](value=SensorSize(width_mm=size.width_mm, height_mm=size.height_mm),
                                          sources=sources, note=size.note))
    return facts


def main_sensor(catalogue: Catalogue, entry: Entry[Device]) -> MainSensor:
    """The device's own size if the data gives one, else its sensor's, else the size sources give for its
    format."""
    cam = entry.model.main_camera
    sensor = catalogue.sensors.get(cam.sensor_id) if cam.sensor_id else None
    fmt = cam.format or (sensor.model.format if sensor else None)
    key = format_key(fmt.value) if fmt else None
    candidates: list[tuple[Origin, list[Fact[SensorSize]]]] = [
        ("device", list(cam.size)),
        ("sensor", list(sensor.model.size) if sensor else []),
        ("format", format_facts(catalogue, key) if key else []),
    ]
    for origin, facts in candidates:
        if facts:
            return MainSensor(entry, fmt, key, facts[0], origin, facts[1:])
    return MainSensor(entry, fmt, key, None, None)


def to_date(value: str) -> dt.date:
    """A partial date at the start of the period it names (``2014-09`` → 1 Sep 2014)."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def year_fraction(value: str) -> float:
    """A partial date as a decimal year, for placing it on a time axis."""
    d = to_date(value)
    start = dt.date(d.year, 1, 1)
    days = (dt.date(d.year + 1, 1, 1) - start).days
    return d.year + (d - start).days / days


def latest_date(catalogue: Catalogue) -> str | None:
    """The latest date any device or partnership gives: the figures' "now" (so the output does not change
    from day to day)."""
    dates = [d.model.announced.value for d in catalogue.devices.values()]
    dates += [d.model.released.value for d in catalogue.devices.values() if d.model.released]
    for p in catalogue.partnerships.values():
        dates.append(p.model.started.value)
        if p.model.ended:
            dates.append(p.model.ended.value)
    return max(dates, key=lambda v: (to_date(v), len(v))) if dates else None
