"""The validated data, as the renderer sees it: entities by id, each remembering its data file."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.catalogue.models import Company, Device, Optics, Partnership, Sensor, Source, facts_in

M = TypeVar("M", bound=BaseModel)

ID_OF, MODEL_OF = operator.attrgetter("id"), operator.attrgetter("model")
"""An entry's (or a source's) id, and an entry's model: for maps over thousands of entries, a step of C each."""


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One entity and where it came from."""

    id: str
    """The data file's name without ``.yaml``; also the page's URL segment."""
    path: str
    """The data file as shown to the user (``data/devices/xiaomi-12s-ultra.yaml``)."""
    repo_path: str
    """The data file relative to the repository root, for "edit" links."""
    model: M

    @functools.cached_property
    def cites(self) -> tuple[str, ...]:
        """The source ids its facts cite, each once, in the order of its facts. Found once per entry (the
        load finds it while the workers parse other files): the load checks that each exists, the plan lists
        who cites each source."""
        return tuple(dict.fromkeys(source_id for _, fact in facts_in(self.model) for source_id in fact.sources))


def same_entries(now: dict[str, Any], then: dict[str, Any]) -> bool:
    """Whether two tables of one kind (by id) hold the very same entries in the same order: an unchanged data
    file gives back its very entry (``ReadCache``). Compared as objects, a step of C each."""
    return list(now) == list(then) and all(map(operator.is_, now.values(), then.values()))


@dataclass
class Catalogue:
    devices: dict[str, Entry[Device]] = field(default_factory=dict)
    companies: dict[str, Entry[Company]] = field(default_factory=dict)
    partnerships: dict[str, Entry[Partnership]] = field(default_factory=dict)
    sensors: dict[str, Entry[Sensor]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    sources_path: str = "data/sources.yaml"
    optics: Optics = field(default_factory=Optics)
    """data/optics.yaml (empty when the data has no such file)."""
    optics_path: str = "data/optics.yaml"

    def table(self, folder: str) -> dict[str, Entry[Any]]:
        """The entries of one kind, by id: ``table("devices")`` is ``devices``."""
        table: dict[str, Entry[Any]] = getattr(self, folder)
        return table

    def display_name(self, section: str, entity_id: str) -> str:
        """How pages name an entity; a partnership is "Brand – Maker"."""
        if section == "partnerships":
            p = self.partnerships[entity_id].model
            return f"{self.companies[p.brand].model.name} – {self.companies[p.maker].model.name}"
        return str(getattr(self, section)[entity_id].model.name)
