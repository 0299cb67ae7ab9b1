"""Where facts come from: citation coverage, and who cites each source (the one walk over every fact of an
entry is :func:`~generator.catalogue.models.facts_in`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.catalogue.kinds import KINDS
from generator.catalogue.models import facts_in
from generator.catalogue.reading import dotted
from generator.catalogue.store import Catalogue


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


def cited_by(catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """Source id → the entries whose facts cite it, as ``(folder, id)`` in catalogue order; every source
    of the register has a list (an uncited one, an empty list)."""
    found: dict[str, dict[tuple[str, str], None]] = {source_id: {} for source_id in catalogue.sources}
    for kind in KINDS:
        for entry_id, entry in catalogue.table(kind.folder).items():
            for source_id in entry.cites:
                found.setdefault(source_id, {})[kind.folder, entry_id] = None
    return {source_id: list(entries) for source_id, entries in found.items()}
