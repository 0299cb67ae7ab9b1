"""Safe writes: a generation killed at any moment leaves every page old or new, never torn; nothing is
written outside the docs folder; what a killed run leaves behind is harmless and cleaned by the next run.

The kill test is real: ``python -m generator generate`` runs over 1,500 devices and is sent SIGKILL at
random moments while it writes, and after each kill every file under docs/ is compared with the bytes of
the old and the new generation.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import _default_exclude  # noqa: PLC2701 (the rule MkDocs itself applies)

from generator.commands import cli
from generator.output.write import Staging, write_tree
from generator.site import build
from generator.site.pages import PageSpec
from generator.speed import parallel
from tests.helpers import DEVICE, MINIMAL, PYTHON, REPO, run_cli, write_data

DEVICES = 1_500
KILLS = 4


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def many_devices(root: Path, version: str, ids: range) -> Path:
    """MINIMAL with ``ids`` devices, each named after ``version`` (every page differs between versions)."""
    files: dict[str, str | bytes | None] = dict(MINIMAL)
    for i in ids:
        date = f"{2020 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        text = DEVICE.replace("Example Phone", f"Phone {i} ({version})").replace("2022-07-04", date)
        files[f"devices/phone-{i:04d}.yaml"] = text
    return write_data(root, files)


def generate(data: Path, docs: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [PYTHON, "-m", "generator", "generate", "--data", str(data), "--docs", str(docs)]
    # In a session of its own, so that a kill takes its workers too (as Ctrl-C or a CI timeout does).
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def folder_times(docs: Path) -> list[int]:
    return [docs.stat().st_mtime_ns, *(p.stat().st_mtime_ns for p in docs.iterdir() if p.is_dir())]


def wait_for_writing(docs: Path, process: subprocess.Popen[str]) -> float:
    """Wait until the process starts changing docs/ (a temporary file or a rename changes its folder's
    time); return that moment."""
    before = folder_times(docs)
    while process.poll() is None and folder_times(docs) == before:
        time.sleep(0.0005)
    return time.monotonic()


def wait_for_moving(first: Path, process: subprocess.Popen[str]) -> float:
    """Wait until the process replaces ``first``, the first file it moves into place (files are written
    under temporary names while the pages are made, then moved, in the order of their paths); return
    that moment."""

    def inode() -> int | None:
        try:
            return first.stat().st_ino
        except FileNotFoundError:
            return None

    before = inode()
    while process.poll() is None and inode() == before:
        time.sleep(0.0005)
    return time.monotonic()


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    """A folder in memory when there is one: the kills are about processes, not disks, and fsync on a
    disk would make each run take many seconds."""
    shm = Path("/dev/shm")
    in_memory = shm.is_dir() and os.access(shm, os.W_OK)
    folder = Path(tempfile.mkdtemp(prefix="lens-lineage-", dir=shm if in_memory else None))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_a_killed_generation_leaves_each_page_old_or_new(work: Path) -> None:
    old_data = many_devices(work / "a", "old", range(DEVICES))
    # the new version renames every device, drops 50 and adds 50: pages change, go and come
    new_data = many_devices(work / "b", "new", range(50, DEVICES + 50))
    docs_old = work / "docs-old"
    first = generate(old_data, docs_old)
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    old = snapshot(docs_old)
    assert len([p for p in old if p.startswith("devices/")]) == DEVICES + 2  # and MINIMAL's phone, the index

    # The whole run once, over the old pages: the new version.
    docs = work / "docs"
    shutil.copytree(docs_old, docs)
    run = generate(new_data, docs)
    assert run.wait(timeout=300) == 0
    new = snapshot(docs)
    assert old.keys() & new.keys() and old.keys() - new.keys() and new.keys() - old.keys()
    changed = {rel for rel in old.keys() | new.keys() if old.get(rel) != new.get(rel)}
    assert len(changed) > DEVICES
    # Again, for how long it writes: temporary files while the pages are made, then the moves into place.
    first = docs / min(rel for rel in changed if rel in new)
    shutil.rmtree(docs)
    shutil.copytree(docs_old, docs)
    run = generate(new_data, docs)
    staging = wait_for_writing(docs, run)
    moving = wait_for_moving(first, run)
    assert run.wait(timeout=300) == 0
    windows = [0.9 * (time.monotonic() - staging), 0.9 * (time.monotonic() - moving)]  # a busy machine
    # stretches what comes after the writes: 0.9 of each

    rng = random.Random()
    progress: list[float] = []
    leftovers: set[str] = set()
    while len(progress) < KILLS or (not any(0 < p < 1 for p in progress) and len(progress) < KILLS + 6):
        shutil.rmtree(docs)
        shutil.copytree(docs_old, docs)
        run = generate(new_data, docs)
        # Every other kill at any moment of the writing, temporary files included; the others while the
        # files are moved into place.
        moves = len(progress) % 2 == 1
        wait_for_moving(first, run) if moves else wait_for_writing(docs, run)
        time.sleep(rng.uniform(0, windows[moves]))
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        now = snapshot(docs)
        for rel, content in now.items():
            if rel in old or rel in new:
                assert content in (old.get(rel), new.get(rel)), f"{rel} is torn: neither old nor new"
            else:  # only a temporary file may be neither, and MkDocs must not take it for a page
                assert _default_exclude.match_file(rel), rel
                leftovers.add(rel)
        assert old.keys() & new.keys() <= now.keys(), "a page both versions have went missing"
        progress.append(sum(now.get(rel) == new.get(rel) for rel in changed) / len(changed))
        if progress[-1] == 1:  # too late: writing was over
            windows[moves] /= 2
    shares = [round(p, 2) for p in progress]
    print(
        f"\nkills: {len(progress)}, share of changed files new at each kill: {shares}, "
        f"temporary files left: {len(leftovers)}"
    )
    assert any(0 < p < 1 for p in progress), f"no kill landed while pages were being written: {progress}"

    # The next run finishes the job and leaves no temporary file behind.
    finish = generate(new_data, docs)
    assert finish.wait(timeout=300) == 0
    assert snapshot(docs) == new


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_that_fails_halfway_leaves_the_docs_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Each file is written under a temporary name as soon as it is made, by the worker that made it, and all
    are moved into place only once every one is made: a page that fails after others were written leaves
    docs/ as it was, a built one and one never built alike (no page of the new build, no temporary file,
    no folder made)."""
    data = write_data(tmp_path, MINIMAL)
    docs, never_built = tmp_path / "docs", tmp_path / "new-docs"
    assert run_cli("generate", "--data", str(data), "--docs", str(docs)).returncode == 0
    before = snapshot(docs)
    write_data(tmp_path, {"devices/example-phone.yaml": DEVICE.replace("Example Phone", "Renamed Phone")})
    making = build.output

    def fails_last(spec: PageSpec, *args: Any) -> bytes:
        if spec.uri == "data/index.md":  # the last file of the plan
            written = [p.name for p in (docs, never_built) for p in p.rglob(".*.tmp")]
            raise RuntimeError(f"a page failed after {len(written)} files were written")
        return making(spec, *args)

    monkeypatch.setattr(build, "output", fails_last)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # the workers' way even for a few pages
    monkeypatch.setattr(cli, "cores", lambda: workers)
    for folder in (docs, never_built):
        with pytest.raises(RuntimeError, match="a page failed after") as failed:
            run_cli("generate", "--data", str(data), "--docs", str(folder))
        if workers == 1:  # (with workers, which files are done when the last fails depends on timing)
            assert " 0 files" not in str(failed.value)
    assert snapshot(docs) == before
    assert not list(docs.rglob(".*.tmp")) and not never_built.exists()


def test_a_worker_whose_build_was_killed_writes_nothing_more(tmp_path: Path) -> None:
    with Staging(tmp_path, ["page.md"], ()) as staging:
        staging.pid = -1  # as a worker sees it once the build's process is gone: its parent is another one
        with pytest.raises(RuntimeError, match="gone"):
            staging.stage("page.md", b"a page")
    assert not list(tmp_path.iterdir())


def test_stale_files_go_with_the_folders_they_leave_empty_and_leftovers(tmp_path: Path) -> None:
    docs, page = tmp_path / "docs", b"---\ngenerated_from: x\n---\n"
    write_tree(docs, {"figures/concept/a.md": page, "figures/b.md": page, "data/x.json": b"{}"}, ("figures",))
    (docs / "figures/concept/.a.md.abcdefgh.tmp").write_text("half a page")
    (docs / "figures/notes.md").write_text("# Hand-written\n")
    report = write_tree(docs, {"figures/b.md": page}, ("figures",))
    assert report.removed == ["data/x.json", "figures/concept/a.md"] and report.unchanged == 1
    assert not (docs / "figures/concept").exists()  # the leftover went too, then the empty folder
    assert (docs / "figures/notes.md").is_file() and (docs / "data").is_dir()  # not a generated section


def test_temporary_files_a_killed_run_left_are_removed(tmp_path: Path) -> None:
    data = write_data(tmp_path, MINIMAL)
    docs = tmp_path / "docs"
    assert run_cli("generate", "--data", str(data), "--docs", str(docs)).returncode == 0
    ours = [
        docs / "devices/.example-phone.md.k2j4x9_a.tmp",
        docs / "devices/.gone.md.abcdefgh.tmp",
        docs / "..generated.q1w2e3r4.tmp",
    ]
    theirs = [docs / ".index.md.abcdefgh.tmp", docs / "devices/.notes.tmp", docs / ".editorconfig"]
    for path in ours + theirs:
        path.write_text("half a page")
        assert _default_exclude.match_file(path.relative_to(docs).as_posix())  # MkDocs skips them anyway
    result = run_cli("generate", "--data", str(data), "--docs", str(docs))
    assert result.returncode == 0, result.stderr
    assert "0 written" in result.stdout  # nothing changed, yet the leftovers went
    assert not any(p.exists() for p in ours)
    assert all(p.read_text() == "half a page" for p in theirs)


def test_nothing_is_written_outside_the_docs_folder(tmp_path: Path) -> None:
    data = write_data(tmp_path, MINIMAL)
    (tmp_path / "elsewhere.txt").write_text("keep")
    before = snapshot(tmp_path)
    result = run_cli("generate", "--data", "data", "--docs", "site-docs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = snapshot(tmp_path)
    assert {rel: b for rel, b in after.items() if not rel.startswith("site-docs/")} == before
    assert all(not rel.startswith(("data/", "site-docs/../")) for rel in set(after) - set(before))
    assert snapshot(data) == {rel.removeprefix("data/"): b for rel, b in before.items() if rel.startswith("data/")}


def test_an_edited_manifest_cannot_make_generate_delete_other_files(tmp_path: Path) -> None:
    data = write_data(tmp_path, MINIMAL)
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "outside.txt").write_text("keep")
    (docs / "index.md").write_text("# Home, hand-written\n")
    (docs / ".generated").write_text(f"../outside.txt\n{tmp_path / 'outside.txt'}\nindex.md\n\n")
    result = run_cli("generate", "--data", str(data), "--docs", str(docs))
    assert result.returncode == 0, result.stderr
    assert "0 removed" in result.stdout
    assert (tmp_path / "outside.txt").read_text() == "keep"
    assert (docs / "index.md").read_text() == "# Home, hand-written\n"


def test_pages_are_readable_like_any_file_and_keep_their_mode(tmp_path: Path) -> None:
    data = write_data(tmp_path, MINIMAL)
    docs = tmp_path / "docs"

    def generate_with_umask() -> subprocess.CompletedProcess[str]:
        command = [PYTHON, "-m", "generator", "generate", "--data", str(data), "--docs", str(docs)]
        return subprocess.run(
            command,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            preexec_fn=lambda: os.umask(0o022),
            timeout=120,
        )

    assert generate_with_umask().returncode == 0
    page = docs / "devices/example-phone.md"
    assert stat.S_IMODE(page.stat().st_mode) == 0o644  # not mkstemp's 0600
    page.chmod(0o664)
    write_data(tmp_path, {"devices/example-phone.yaml": DEVICE.replace("Example Phone", "Renamed Phone")})
    assert generate_with_umask().returncode == 0
    assert "Renamed Phone" in page.read_text() and stat.S_IMODE(page.stat().st_mode) == 0o664


def test_a_docs_folder_that_cannot_be_written_is_a_clean_error(tmp_path: Path) -> None:
    data = write_data(tmp_path, MINIMAL)
    (tmp_path / "docs").write_text("a file, not a folder")
    result = run_cli("generate", "--data", str(data), "--docs", str(tmp_path / "docs"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: cannot write the pages into {tmp_path / 'docs'} (")
