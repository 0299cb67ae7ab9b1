"""Where facts come from: the one walk over every fact of an entry, citation coverage, and who cites each source."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.catalogue.kinds import KINDS
from generator.catalogue.models import Fact
from generator.catalogue.reading import dotted
from generator.catalogue.store import Catalogue, Entry


@dataclass
class Coverage:
    """How many published values cite a source, and which do not."""

    total: int = 0
    uncited: list[str] = field(default_factory=list)
    """``path: field`` of every value without a source."""

    @property
    def cited(self) -> int:
        return self.total - len(self.uncited)

    @property
    def percent(self) -> float:
        return 100.0 * self.cited / self.total if self.total else 100.0


def coverage(catalogue: Catalogue) -> Coverage:
    result = Coverage()
    for kind in KINDS:
        for entry in catalogue.table(kind.folder).values():
            for loc, fact in facts_in(entry.model):
                result.total += 1
                if not fact.sources:
                    result.uncited.append(f"{entry.path}: {dotted(loc)}")
    for loc, fact in facts_in(catalogue.optics):
        result.total += 1
        if not fact.sources:
            result.uncited.append(f"{catalogue.optics_path}: {dotted(loc)}")
    return result


def facts_in(model: BaseModel, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Fact]]:
    """Every Fact inside a model, with its location."""
    found: list[tuple[tuple[str | int, ...], Fact]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        items: list[tuple[str | int | None, object]]
        if isinstance(value, list):
            items = list(enumerate(value))
        elif isinstance(value, dict):  # entries keyed by id (data/optics.yaml)
            items = list(value.items())
        else:
            items = [(None, value)]
        for i, item in items:
            here = (*loc, name) if i is None else (*loc, name, i)
            if isinstance(item, Fact):
                found.append((here, item))
            elif isinstance(item, BaseModel):
                found.extend(facts_in(item, here))
    return found


def cited_by(
    catalogue: Catalogue, sources_of: Callable[[str, Entry[Any]], Iterable[str]] | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Source id → the entries whose facts cite it, as ``(folder, id)`` in catalogue order; every source
    of the register has a list (an uncited one, an empty list). ``sources_of(folder, entry)`` gives the
    source ids an entry's facts cite (by default, read from its facts; a caller may keep them)."""
    sources_of = sources_of or cited_in
    found: dict[str, dict[tuple[str, str], None]] = {source_id: {} for source_id in catalogue.sources}
    for kind in KINDS:
        for entry_id, entry in catalogue.table(kind.folder).items():
            for source_id in sources_of(kind.folder, entry):
                found.setdefault(source_id, {})[kind.folder, entry_id] = None
    return {source_id: list(entries) for source_id, entries in found.items()}


def cited_in(folder: str, entry: Entry[Any]) -> tuple[str, ...]:
    """The source ids an entry's facts cite, each once, in the order of its facts."""
    return tuple(dict.fromkeys(source_id for _, fact in facts_in(entry.model) for source_id in fact.sources))
