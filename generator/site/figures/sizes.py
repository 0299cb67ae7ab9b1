"""Each device's main sensor as the figures see it: its format, and a size only where a source gives one."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Literal

from generator.catalogue.dates import latest
from generator.catalogue.models import Device, Fact, SensorSize
from generator.catalogue.optics import format_key, format_label, format_sizes, nominal_inches
from generator.catalogue.store import Catalogue, Entry
from generator.site.fragments import Fragments

Origin = Literal["device", "sensor", "format"]


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


SENSOR_ID = operator.attrgetter("entry.id")
"""The id of a main sensor's device (in C: thousands of devices a save)."""


def format_facts(catalogue: Catalogue, key: str) -> list[Fact[SensorSize]]:
    """The sizes our sources give for a format (from data/optics.yaml), the one drawn first."""
    return format_sizes(catalogue, key)


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


def latest_date(catalogue: Catalogue, fragments: Fragments | None = None) -> str | None:
    """The latest date any device or partnership gives: the figures' "now" (so the output does not change
    from day to day). ``fragments`` keeps each device's latest date for the next build: reading two
    fields of 5,000 models took 10 ms a save."""
    kept = fragments or Fragments(keep=False)
    dates = list(kept.each("latest-date", list(catalogue.devices.values()), _device_latest))  # (a copy: kept)
    for p in catalogue.partnerships.values():
        dates.append(p.model.started.value)
        if p.model.ended:
            dates.append(p.model.ended.value)
    return latest(dates)


def _device_latest(entry: Entry[Device]) -> str:
    """A device's latest date: its release, when the data gives one, else its announcement (whichever is
    later; of two partial dates the later is the greater text: see :func:`~generator.catalogue.dates.latest`)."""
    device = entry.model
    return max(device.announced.value, device.released.value) if device.released else device.announced.value
