"""The live-reload server's quicker polling (generator/serve/watching.py): it reports every change MkDocs'
own polling reports, and takes no snapshot while nothing changed."""

from __future__ import annotations

import os
import queue
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from generator.serve.watching import QuickPollingEmitter, QuickPollingObserver, listing, poll_quickly

POLL = 0.02


class Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: queue.Queue[FileSystemEvent] = queue.Queue()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.events.put(event)

    def next(self) -> tuple[str, str]:
        """The next change, once the events it gave have stopped (a write can be seen half done, and then done)."""
        events = [self.events.get(timeout=5)]
        while not self.quiet():
            events.append(self.events.get())
        changes = {(event.event_type, Path(str(event.src_path)).name) for event in events}
        assert len(changes) == 1, changes
        return changes.pop()

    def quiet(self) -> bool:
        time.sleep(25 * POLL)
        return self.events.empty()


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    snapshots = []
    take = QuickPollingEmitter.on_thread_start

    def counted(self: QuickPollingEmitter) -> None:
        take(self)
        inner = self._take_snapshot

        def snapshot():  # type: ignore[no-untyped-def]
            snapshots.append(time.monotonic())
            return inner()

        self._take_snapshot = snapshot

    monkeypatch.setattr(QuickPollingEmitter, "on_thread_start", counted)
    (tmp_path / "devices").mkdir()
    (tmp_path / "devices" / "a.yaml").write_text("name: A\n")
    recorder = Recorder()
    observer = QuickPollingObserver(timeout=POLL)
    observer.schedule(recorder, str(tmp_path), recursive=True)
    observer.start()
    yield tmp_path, recorder, snapshots
    observer.stop()
    observer.join()


def test_every_kind_of_change_is_reported(watched) -> None:  # type: ignore[no-untyped-def]
    root, recorder, _ = watched
    a = root / "devices" / "a.yaml"
    time.sleep(3 * POLL)

    a.write_text("name: B\n")  # the same size: only the modification time tells
    assert recorder.next() == ("modified", "a.yaml")
    (root / "devices" / "b.yaml").write_text("name: New\n")
    assert recorder.next() == ("created", "b.yaml")
    (root / "devices" / "b.yaml").rename(root / "devices" / "c.yaml")
    assert recorder.next() == ("moved", "b.yaml")
    a.unlink()
    assert recorder.next() == ("deleted", "a.yaml")
    assert recorder.quiet()


def test_no_snapshot_is_taken_while_nothing_changes(watched) -> None:  # type: ignore[no-untyped-def]
    root, recorder, snapshots = watched
    assert recorder.quiet()  # 25 polls
    assert snapshots == []
    written = time.monotonic()
    (root / "devices" / "a.yaml").write_text("name: Longer\n")
    assert recorder.next() == ("modified", "a.yaml")
    assert snapshots and min(snapshots) > written


def test_the_listing_names_what_a_snapshot_compares(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "f").write_text("1")
    listed = {path: rest for path, *rest in listing(str(tmp_path)) or []}
    assert set(listed) == {str(tmp_path), str(tmp_path / "x"), str(tmp_path / "x" / "f")}
    st = os.stat(tmp_path / "x" / "f")
    assert listed[str(tmp_path / "x" / "f")] == [st.st_ino, st.st_dev, st.st_mode, st.st_mtime_ns, st.st_size]
    assert listing(str(tmp_path / "missing")) is None
    assert {path for path, *_ in listing(str(tmp_path), recursive=False) or []} == {str(tmp_path), str(tmp_path / "x")}


def test_the_server_keeps_watching_what_it_watched(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    poll_quickly(server)
    server.watch(str(tmp_path / "data"))
    assert isinstance(server.observer, QuickPollingObserver)
    assert server.observer.timeout == 0.5
    watched = sorted(emitter.watch.raw_path for emitter in server.observer.emitters)
    assert watched == sorted(str(tmp_path / name) for name in ("data", "docs", "mkdocs.yml"))
    server.server_close()


def test_a_watched_file_is_polled_without_the_folders_beside_it(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    (tmp_path / "node_modules").mkdir()
    recorder = Recorder()
    observer = QuickPollingObserver(timeout=POLL)
    observer.schedule(recorder, str(config))
    observer.start()
    try:
        time.sleep(3 * POLL)
        (tmp_path / "node_modules" / "big").write_text("x")
        assert recorder.quiet()
        config.write_text("site_name: yz\n")
        assert recorder.next() == ("modified", "mkdocs.yml")
    finally:
        observer.stop()
        observer.join()
