"""Footnote marks a reader can scan on the hand-written pages (issue 13, "Tables a reader can scan").

No table cell carries more than one footnote mark, and prose never stacks three or more marks in a row
(``[^a][^b][^c]``; marks separated only by spaces or punctuation count as a row). Fenced code, inline
code and the labels of footnote definitions are not marks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import REPO

DOCS = REPO / "docs"
PAGES = sorted([*DOCS.glob("*.md"), *(DOCS / "history").glob("*.md"), *(DOCS / "explainers").glob("*.md")])

MARK = re.compile(r"\[\^[^\]\s]+\]")
# Marks with nothing between them but spaces, line breaks or punctuation (a cell's "|" ends a run).
RUN = re.compile(r"\[\^[^\]\s]+\](?:[^\w\[\]|]*\[\^[^\]\s]+\])+")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:")
DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


def _prepared_lines(text: str) -> list[str]:
    """The page's lines with fenced code, inline code and footnote-definition labels blanked out
    (line numbers and columns kept)."""
    lines, fence = [], ""
    for line in text.split("\n"):
        opening = FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = ""
            lines.append("")
            continue
        if opening:
            fence = opening[1]
            lines.append("")
            continue
        line = INLINE_CODE.sub(_blank, line)
        lines.append(DEFINITION.sub(_blank, line))
    return lines


def _table_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that belong to a table: header, delimiter row and body rows."""
    rows: set[int] = set()
    for i, line in enumerate(lines):
        if i and DELIMITER_ROW.match(line) and "|" in lines[i - 1]:
            rows.update((i - 1, i))
            j = i + 1
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.add(j)
                j += 1
    return rows


def crowded_marks(path: Path) -> list[str]:
    """Each table cell with two or more marks and each run of three or more marks in prose, as
    ``file:line: ...``."""
    name = path.relative_to(REPO).as_posix()
    lines = _prepared_lines(path.read_text(encoding="utf-8"))
    tables = _table_lines(lines)
    problems = []
    for i in sorted(tables):
        for cell in CELL_SPLIT.split(lines[i]):
            marks = MARK.findall(cell)
            if len(marks) >= 2:
                problems.append(f"{name}:{i + 1}: table cell with {len(marks)} marks: {''.join(marks)}")
    # Prose: tables blanked out, runs may wrap across lines within a paragraph.
    prose = "\n".join("" if i in tables else line for i, line in enumerate(lines))
    for run in RUN.finditer(prose):
        marks = MARK.findall(run[0])
        if len(marks) >= 3:
            line = prose.count("\n", 0, run.start()) + 1
            problems.append(f"{name}:{line}: run of {len(marks)} marks in prose: {''.join(marks)}")
    return problems


def test_the_pages_are_found() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    assert {"concept.md", "history/earlier-attempts.md", "explainers/sensor-formats.md"} <= names


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_crowded_footnote_marks(path: Path) -> None:
    problems = crowded_marks(path)
    assert not problems, "\n".join(problems)


def test_the_check_finds_crowded_marks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    page = tmp_path / "page.md"
    page.write_text(
        "| a | b |\n|---|---|\n| one[^x] | two[^x][^y] |\n\n"
        "Prose keeps two[^x][^y] and splits [^x] words [^y] [^z].\n"
        "Three in a row[^x], [^y]\n[^z] are too many.\n\n"
        "```\n[^x][^y][^z] in code\n```\n\n`[^x][^y][^z]` inline\n\n[^x]: Defined.\n[^y]: Defined.\n",
        encoding="utf-8",
    )
    assert crowded_marks(page) == [
        "page.md:3: table cell with 2 marks: [^x][^y]",
        "page.md:6: run of 3 marks in prose: [^x][^y][^z]",
    ]
