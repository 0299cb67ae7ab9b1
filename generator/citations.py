"""Where facts come from: citation coverage of the data, and the sources hand-written pages cite."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .catalogue import Catalogue
from .errors import DataError
from .load import dotted
from .models import Fact
from .write import is_generated

# A footnote definition in a hand-written page: "[^source-id]: ..." — its label is a source id.
FOOTNOTE = re.compile(r"^\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]:", re.MULTILINE)
TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


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
    for kind in ("devices", "companies", "partnerships", "sensors"):
        for entry in getattr(catalogue, kind).values():
            for loc, fact in facts_in(entry.model):
                result.total += 1
                if not fact.sources:
                    result.uncited.append(f"{entry.path}: {dotted(loc)}")
    return result


def facts_in(model: BaseModel, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Fact]]:
    """Every Fact inside a model, with its location."""
    found: list[tuple[tuple[str | int, ...], Fact]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            here = (*loc, name) if i is None else (*loc, name, i)
            if isinstance(item, Fact):
                found.append((here, item))
            elif isinstance(item, BaseModel):
                found.extend(facts_in(item, here))
    return found


@dataclass(frozen=True)
class HandWrittenPage:
    uri: str
    title: str
    sources: tuple[str, ...]


def _hand_written(docs_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every hand-written Markdown page of ``docs_dir`` (no generated_from: mark) and its text."""
    for path in sorted(docs_dir.rglob("*.md")):
        if not is_generated(path):
            yield path, path.read_text(encoding="utf-8")


def hand_written_citations(docs_dir: Path) -> list[HandWrittenPage]:
    """The hand-written pages of ``docs_dir`` and the source ids their footnotes cite."""
    pages = []
    for path, text in _hand_written(docs_dir):
        labels = tuple(dict.fromkeys(FOOTNOTE.findall(text)))
        if not labels:
            continue
        title = TITLE.search(text) or HEADING.search(text)
        uri = path.relative_to(docs_dir).as_posix()
        pages.append(HandWrittenPage(uri, title.group(1).strip("\"'") if title else uri, labels))
    return pages


def unknown_footnotes(docs_dir: Path, catalogue: Catalogue) -> list[DataError]:
    """Footnotes of hand-written pages whose label is not a source id: a citation that leads nowhere."""
    errors = []
    for path, text in _hand_written(docs_dir):
        for match in FOOTNOTE.finditer(text):
            if match.group(1) not in catalogue.sources:
                line = text.count("\n", 0, match.start()) + 1
                errors.append(DataError(path.as_posix(), line, 1, "", f"footnote [^{match.group(1)}] names no "
                                        f"source in {catalogue.sources_path}: use a source id as the label"))
    return errors
