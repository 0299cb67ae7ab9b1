"""Write generated files into docs/: only changed bytes, atomically, and remove what is stale.

A file is ours when its front matter carries ``generated_from:``; files without that mark are
hand-written and never touched, even inside the generated sections.
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import re
import secrets
import stat
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.site.generated import has_mark, is_generated

MANIFEST = ".generated"
"""Lists the non-Markdown files (figures, JSON) the generator wrote, one path per line."""
_TEMP = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
"""A temporary file of :func:`atomic_write` (``.index.md.k2j4x9_a.tmp``) or of :class:`Staging`; hidden, so
MkDocs ignores it. One is left behind only when a run is killed mid-write; the next run removes it."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Paths we would have written but that hold a hand-written file."""


def atomic_write(path: Path, content: bytes, mode: int | None = None) -> None:
    """Write via a temporary file in the same folder and rename it: readers see old or new, never half.

    ``mode`` is the file's permissions: by default those it has, or a new file's under the umask.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            # No fsync: the rename alone keeps a killed run from tearing a page, and every page can be
            # regenerated after a power cut; fsync cost 2 ms a file (10 s at 5,000 devices).
            os.fchmod(f.fileno(), _mode(path) if mode is None else mode)  # mkstemp: owner-only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: str | Path) -> int:
    """The file's present permissions, or those a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return _new_file_mode()


def _new_file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _read_if_file(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def _inside(docs_dir: Path, rel: str) -> bool:
    """True when ``rel`` names a path inside ``docs_dir`` (not ``../x``, not absolute, no symlink out)."""
    try:
        return bool(rel) and (docs_dir / rel).resolve().is_relative_to(docs_dir.resolve())
    except (OSError, ValueError):
        return False


def _outside(docs_dir: Path, rels: Iterable[str]) -> list[str]:
    """Those of ``rels`` that would land outside ``docs_dir``: ``..``, absolute, or in a folder that is a
    symlink out. Folders are resolved once each (resolving every path cost 0.2 s at 5,000 pages); the
    file itself may be a symlink, as writing replaces the link, not what it points to."""
    folder_inside = functools.cache(lambda folder: not folder or _inside(docs_dir, folder))
    return [
        rel
        for rel in rels
        if not rel or posixpath.isabs(rel) or ".." in rel.split("/") or not folder_inside(posixpath.dirname(rel))
    ]


def write_tree(docs_dir: Path, outputs: dict[str, bytes], owned_dirs: tuple[str, ...]) -> WriteReport:
    """Bring ``docs_dir`` in line with ``outputs`` (paths relative to it)."""
    with Staging(docs_dir, outputs, owned_dirs) as staging:
        return staging.commit({rel: staging.stage(rel, content) for rel, content in outputs.items()})


UNCHANGED, SKIPPED, WRITTEN = "unchanged", "skipped", "written"
"""What :meth:`Staging.stage` did with a file: nothing (its bytes are there already, or a hand-written page
holds its place), or wrote it beside its place under a temporary name."""


class Staging:
    """Write a build's files into ``docs_dir`` in two steps: each file, as soon as it is made, beside its
    place under a temporary name (:meth:`stage`, in whichever process made it); then, once every file is
    made, all of them moved into place (:meth:`commit`). A build that fails halfway removes its temporary
    files (leaving the ``with`` block without a commit), so docs/ never holds pages of two builds.

    Temporary files are named after the file and this build (``.index.md.3f9c0a1b.tmp``), so that any
    process can make one and the parent knows each one's name; see :data:`_TEMP`.
    """

    def __init__(self, docs_dir: Path, rels: Iterable[str], owned_dirs: tuple[str, ...]) -> None:
        rels = list(rels)
        outside = _outside(docs_dir, rels)
        if outside:
            raise ValueError(f"refusing to write outside {docs_dir}: {', '.join(sorted(outside))}")
        self.docs_dir = docs_dir
        self._docs = str(docs_dir)
        self.rels = rels
        self.owned_dirs = owned_dirs
        self.token = secrets.token_hex(4)
        self.new_mode = _new_file_mode()
        self.committed = False
        self.pid = os.getpid()
        # Folders are made here, once, before any file: those this build made go again if it fails.
        self.made_dirs: list[Path] = []
        for folder in sorted({(docs_dir / rel).parent for rel in rels}):
            missing = [p for p in (folder, *folder.parents) if not p.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            self.made_dirs.extend(reversed(missing))

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.committed:
            self.discard()

    def temporary(self, rel: str) -> str:
        # (Text, not Path: thousands of files a build, made where Path's steps cost a tenth of the write.)
        folder, _, name = self.path(rel).rpartition("/")
        return f"{folder}/.{name}.{self.token}.tmp"

    def path(self, rel: str) -> str:
        return f"{self._docs}/{rel}"

    def stage(self, rel: str, content: bytes) -> str:
        """Write ``content`` beside ``rel`` under its temporary name, unless the file there already holds it
        or is hand-written; say which (:data:`WRITTEN`...)."""
        if os.getpid() != self.pid and os.getppid() != self.pid:
            # A worker outlives a build whose process was killed until it finishes its share of the pages.
            raise RuntimeError("the build's process is gone: its workers write nothing more")
        path = self.path(rel)
        old = _read_if_file(path)
        if old is not None:
            if old == content:
                return UNCHANGED
            if rel.endswith(".md") and not has_mark(old):  # already read: no need to open it again
                return SKIPPED
        fd = os.open(self.temporary(rel), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            # No fsync: the rename alone keeps a killed run from tearing a page (see atomic_write).
            os.fchmod(f.fileno(), self.new_mode if old is None else _mode(path))
        return WRITTEN

    def commit(self, staged: dict[str, str]) -> WriteReport:
        """Move every staged file into place (``staged``: what :meth:`stage` said of each path), remove what
        is stale, and write the manifest."""
        report = WriteReport()
        manifest_path = self.docs_dir / MANIFEST
        previous = set(manifest_path.read_text().split()) if manifest_path.is_file() else set()
        for rel, what in sorted(staged.items()):
            if what == UNCHANGED:
                report.unchanged += 1
            elif what == SKIPPED:
                report.skipped.append(rel)
            else:
                os.replace(self.temporary(rel), self.path(rel))
                report.written.append(rel)
        self.committed = True
        sections = _sections(self.docs_dir, self.owned_dirs)
        for rel in sorted(_stale(self.docs_dir, staged, sections, previous)):
            (self.docs_dir / rel).unlink()
            report.removed.append(rel)
        assets = "".join(f"{rel}\n" for rel in sorted(staged) if not rel.endswith(".md"))
        if (manifest_path.read_text() if manifest_path.is_file() else "") != assets:
            atomic_write(manifest_path, assets.encode())
        _remove_temporary_files(self.docs_dir, staged, sections)
        _remove_empty_dirs(self.docs_dir, sections, self.owned_dirs)
        return report

    def discard(self) -> None:
        """Remove every temporary file of this build that exists, and the folders it made, if empty."""
        for rel in self.rels:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.temporary(rel))
        for folder in reversed(self.made_dirs):
            with contextlib.suppress(OSError):  # not empty: something else was put there meanwhile
                folder.rmdir()


def _sections(docs_dir: Path, owned_dirs: tuple[str, ...]) -> dict[str, list[str]]:
    """Every folder of the generated sections (``devices``, ``figures/concept``...), with the names of the files
    in it: one ``os.walk``, which does not make a Path of each file and stat it as ``rglob`` does (0.2 s for
    the 5,000 pages of 5,000 devices). A folder that is a link is not followed."""
    found: dict[str, list[str]] = {}
    for owned in owned_dirs:
        for folder, _, files in os.walk(docs_dir / owned):
            found[Path(folder).relative_to(docs_dir).as_posix()] = files
    return found


def _stale(docs_dir: Path, outputs: Collection[str], sections: dict[str, list[str]], previous: set[str]) -> set[str]:
    # The manifest is a file anyone can edit: only follow entries that stay inside docs/.
    stale = {
        rel
        for rel in previous
        if rel not in outputs
        and _inside(docs_dir, rel)
        and (docs_dir / rel).is_file()
        and (not rel.endswith(".md") or is_generated(docs_dir / rel))
    }
    for folder, names in sections.items():
        for name in names:
            rel = f"{folder}/{name}"
            if name.endswith(".md") and rel not in outputs and is_generated(docs_dir / rel):
                stale.add(rel)
    return stale


def _remove_temporary_files(docs_dir: Path, outputs: Collection[str], sections: dict[str, list[str]]) -> None:
    """Temporary files a killed run left: any in the generated sections; elsewhere, those of our outputs."""
    ours: dict[str, set[str]] = {"": {MANIFEST}}  # by folder ("": docs/ itself)
    for rel in outputs:
        folder, _, name = rel.rpartition("/")
        ours.setdefault(folder, set()).add(name)
    for folder in sections.keys() | ours.keys():
        path = docs_dir / folder
        if folder in sections:
            names = [name for name in sections[folder] if name.endswith(".tmp")]
        elif path.is_dir():
            with os.scandir(path) as listing:
                names = [entry.name for entry in listing if entry.name.endswith(".tmp") and entry.is_file()]
        else:
            continue
        for name in names:
            match = _TEMP.match(name)
            if match and (folder in sections or match["name"] in ours[folder]):
                (path / name).unlink(missing_ok=True)


def _remove_empty_dirs(docs_dir: Path, sections: dict[str, list[str]], owned_dirs: tuple[str, ...]) -> None:
    for folder in sorted(sections, reverse=True):  # (a folder after the folders inside it)
        if folder not in owned_dirs:
            with os.scandir(docs_dir / folder) as listing:
                empty = next(listing, None) is None
            if empty:
                (docs_dir / folder).rmdir()
