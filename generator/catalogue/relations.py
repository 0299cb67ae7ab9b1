"""Lookups between entries that several pages need (a maker's devices, a partnership's), computed once."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from generator.catalogue.models import Device, Partnership
from generator.catalogue.store import Catalogue, Entry

_BY_DATE = operator.attrgetter("model.announced.value", "model.name")
"""The timeline's order: by announcement date, then name (a key made in C: 5,000 devices a save)."""


@dataclass
class Relations:
    """Lookups that several pages need, computed once."""

    timeline: list[Entry[Device]]
    by_partnership: dict[str, list[Entry[Device]]]
    by_maker: dict[str, list[Entry[Device]]]
    by_sensor: dict[str, list[Entry[Device]]]
    partnerships_of: dict[str, list[Entry[Partnership]]]

    @classmethod
    def of(cls, catalogue: Catalogue) -> Relations:
        timeline = sorted(catalogue.devices.values(), key=_BY_DATE)
        by_partnership: dict[str, list[Entry[Device]]] = {pid: [] for pid in catalogue.partnerships}
        by_maker: dict[str, list[Entry[Device]]] = {cid: [] for cid in catalogue.companies}
        by_sensor: dict[str, list[Entry[Device]]] = {sid: [] for sid in catalogue.sensors}
        for entry in timeline:
            by_maker[entry.model.maker].append(entry)
            if entry.model.main_camera.sensor_id:
                by_sensor[entry.model.main_camera.sensor_id].append(entry)
            if entry.model.partnership:
                by_partnership[entry.model.partnership].append(entry)
        partnerships_of: dict[str, list[Entry[Partnership]]] = {cid: [] for cid in catalogue.companies}
        for p in sorted(catalogue.partnerships.values(), key=lambda e: (e.model.started.value, e.id)):
            partnerships_of[p.model.brand].append(p)
            if p.model.maker != p.model.brand:
                partnerships_of[p.model.maker].append(p)
        return cls(timeline, by_partnership, by_maker, by_sensor, partnerships_of)
