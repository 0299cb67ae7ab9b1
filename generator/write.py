"""Write generated files into docs/: only changed bytes, atomically, and remove what is stale.

A file is ours when its front matter carries ``generated_from:``; files without that mark are
hand-written and never touched, even inside the generated sections.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MARK = b"\ngenerated_from: "
"""Front-matter key that every generated Markdown page carries."""
MANIFEST = ".generated"
"""Lists the non-Markdown files (figures, JSON) the generator wrote, one path per line."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Paths we would have written but that hold a hand-written file."""


def is_generated(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return head.startswith(b"---\n") and MARK in head.split(b"\n---\n", 1)[0] + b"\n"


def atomic_write(path: Path, content: bytes) -> None:
    """Write via a temporary file in the same folder and rename it: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tree(docs_dir: Path, outputs: dict[str, bytes], owned_dirs: tuple[str, ...]) -> WriteReport:
    """Bring ``docs_dir`` in line with ``outputs`` (paths relative to it)."""
    report = WriteReport()
    manifest_path = docs_dir / MANIFEST
    previous = set(manifest_path.read_text().split()) if manifest_path.is_file() else set()
    for rel, content in sorted(outputs.items()):
        path = docs_dir / rel
        if path.is_file():
            if path.read_bytes() == content:
                report.unchanged += 1
                continue
            if rel.endswith(".md") and not is_generated(path):
                report.skipped.append(rel)
                continue
        atomic_write(path, content)
        report.written.append(rel)
    for rel in sorted(_stale(docs_dir, outputs, owned_dirs, previous)):
        (docs_dir / rel).unlink()
        report.removed.append(rel)
    assets = "".join(f"{rel}\n" for rel in sorted(outputs) if not rel.endswith(".md"))
    if (manifest_path.read_text() if manifest_path.is_file() else "") != assets:
        atomic_write(manifest_path, assets.encode())
    _remove_empty_dirs(docs_dir, owned_dirs)
    return report


def _stale(docs_dir: Path, outputs: dict[str, bytes], owned_dirs: tuple[str, ...], previous: set[str]) -> set[str]:
    stale = {rel for rel in previous if rel not in outputs and (docs_dir / rel).is_file()}
    for owned in owned_dirs:
        for path in (docs_dir / owned).rglob("*.md") if (docs_dir / owned).is_dir() else []:
            rel = path.relative_to(docs_dir).as_posix()
            if rel not in outputs and is_generated(path):
                stale.add(rel)
    return stale


def _remove_empty_dirs(docs_dir: Path, owned_dirs: tuple[str, ...]) -> None:
    for owned in owned_dirs:
        root = docs_dir / owned
        if not root.is_dir():
            continue
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
