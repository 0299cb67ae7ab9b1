"""The hand-written pages of docs/: which sources their footnotes cite, footnotes that cite nothing, and
the generated figures they show."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.errors import DataError
from generator.catalogue.store import Catalogue
from generator.site.figures.concept import pages as concept_pages
from generator.site.generated import is_generated

# A footnote definition in a hand-written page: "[^source-id]: ..." — its label is a source id.
FOOTNOTE = re.compile(r"^\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]:", re.MULTILINE)
TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


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
                errors.append(
                    DataError(
                        path.as_posix(),
                        line,
                        1,
                        "",
                        f"footnote [^{match.group(1)}] names no "
                        f"source in {catalogue.sources_path}: use a source id as the label",
                    )
                )
    return errors


FIGURE_REF = re.compile(
    r"^\[(?P<text>[^\]\n]+)\]\((?P<href>[^)\s]*figures/(?P<name>[a-z0-9-]+)\.md)\)"
    r"\{ *\.ll-figure-ref(?: +data-variant=\"(?P<variant>[a-z]+)\")? *\}[ \t]*$",
    re.MULTILINE,
)
"""Where a hand-written page shows a generated figure: a paragraph of its own that links to the figure's
page and is marked ``{ .ll-figure-ref }`` (``data-variant="compact"`` for a smaller version). Where
nothing replaces it (an engine that runs no plugin), it stays what it reads as: a link to the figure."""


def place_figures(markdown: str, uri: str, catalogue: Catalogue) -> str:
    """Each figure reference of the hand-written page ``uri`` replaced by the figure itself, its caption
    citing the inputs and linking to the figure's page; a figure the data cannot draw stays a link."""
    if ".ll-figure-ref" not in markdown:
        return markdown
    inputs = concept_pages.inputs(catalogue)

    def replace(match: re.Match[str]) -> str:
        if match["name"] not in concept_pages.PAGES:
            return match[0]
        block = concept_pages.figure(catalogue, match["name"], uri, inputs, variant=match["variant"] or "")
        return str(block) if block else match[0]

    return FIGURE_REF.sub(replace, markdown)
