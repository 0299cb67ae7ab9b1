"""Lookups between entries that several pages need (a maker's devices, a partnership's), computed once."""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field

from generator.catalogue.models import Device, Partnership
from generator.catalogue.store import ID_OF, Catalogue, Entry, same_entries

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
    place: dict[str, int] = field(default_factory=dict)
    """Each device's index in :attr:`timeline`, by id."""
    replaced: tuple[tuple[Entry[Device], Entry[Device]], ...] = ()
    """When these are the last build's with a few devices changed in place (see :meth:`of`): each device of
    the last build and the one that took its place, so that what is grouped from them can be kept too."""

    @classmethod
    def of(cls, catalogue: Catalogue, before: tuple[Catalogue, Relations] | None = None) -> Relations:
        """The relations of ``catalogue``. ``before``: the last build's catalogue and relations: when a few
        devices changed and none of them moved (in the timeline's order, or to another maker, partnership or
        sensor), those with the new entries in their places, without sorting and grouping every device again
        (15 to 25 ms a save at 5,000 devices, each pass reading every device's model)."""
        if before is not None and (kept := _again(catalogue, *before)) is not None:
            return kept
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
        place = dict(zip(map(ID_OF, timeline), itertools.count()))
        return cls(timeline, by_partnership, by_maker, by_sensor, partnerships_of, place)


_MOST_REPLACED = 16
"""More changed devices than this: the relations are made again (a save changes one or two)."""
_GROUPS = (
    ("by_maker", operator.attrgetter("model.maker")),
    ("by_sensor", operator.attrgetter("model.main_camera.sensor_id")),
    ("by_partnership", operator.attrgetter("model.partnership")),
)


def _again(catalogue: Catalogue, last: Catalogue, relations: Relations) -> Relations | None:
    """``relations`` (of ``last``) with the devices of ``catalogue`` that changed in their places; None when
    that is not what sorting and grouping them would give (see :meth:`Relations.of`)."""
    now, then = catalogue.devices, last.devices
    if not (
        list(now) == list(then)
        and list(catalogue.companies) == list(last.companies)
        and list(catalogue.sensors) == list(last.sensors)
        and same_entries(catalogue.partnerships, last.partnerships)
    ):
        return None
    # Compared as objects, a step of C each: an unchanged data file gives back its very entry.
    changed = list(itertools.compress(now, map(operator.is_not, now.values(), then.values())))
    if not changed:
        return relations
    if len(changed) > _MOST_REPLACED:
        return None
    replaced = tuple((then[i], now[i]) for i in changed)
    if any(group(old) != group(new) for old, new in replaced for _, group in _GROUPS):
        return None
    timeline = list(relations.timeline)
    for old, new in replaced:
        timeline[relations.place[old.id]] = new
    for _, new in replaced:  # still in order, strictly, with its neighbours (so ties need no thought)
        at = relations.place[new.id]
        key = _BY_DATE(new)
        if (at > 0 and not _BY_DATE(timeline[at - 1]) < key) or (
            at + 1 < len(timeline) and not key < _BY_DATE(timeline[at + 1])
        ):
            return None
    groups = {}
    for name, group in _GROUPS:
        lists = dict(getattr(relations, name))
        for old, new in replaced:
            if gid := group(new):  # (a device without a sensor or partnership is in no such list)
                members = lists[gid] = list(lists[gid])
                members[members.index(old)] = new
        groups[name] = lists
    return Relations(
        timeline, partnerships_of=relations.partnerships_of, place=relations.place, replaced=replaced, **groups
    )
