"""The live-reload server's quicker polling (generator/serve/watching.py): it reports every change MkDocs'
own polling reports, and hands watchdog's comparison only the entries that changed."""

from __future__ import annotations

import os
import queue
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver
from watchdog.utils.dirsnapshot import DirectorySnapshot

from generator.serve import watching
from generator.serve.watching import Listing, QuickPollingEmitter, QuickPollingObserver, listing, poll_quickly

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
    """A quick observer on a small tree; and what it handed watchdog's comparison at each change (the paths of
    its two snapshots), and how many times anything walked the tree as watchdog's snapshot does."""
    handed: list[set[str]] = []
    walks: list[str] = []
    changes = QuickPollingEmitter.snapshot_of_changes
    walk = DirectorySnapshot.walk

    def recorded(self: QuickPollingEmitter) -> DirectorySnapshot:
        new = changes(self)
        handed.append(self._snapshot.paths | new.paths)
        return new

    def walked(self: DirectorySnapshot, root: str):  # type: ignore[no-untyped-def]
        walks.append(root)
        return walk(self, root)

    monkeypatch.setattr(QuickPollingEmitter, "snapshot_of_changes", recorded)
    monkeypatch.setattr(DirectorySnapshot, "walk", walked)
    (tmp_path / "devices").mkdir()
    (tmp_path / "devices" / "a.yaml").write_text("name: A\n")
    recorder = Recorder()
    observer = QuickPollingObserver(timeout=POLL)
    observer.schedule(recorder, str(tmp_path), recursive=True)
    observer.start()
    yield tmp_path, recorder, handed, walks
    observer.stop()
    observer.join()


def test_every_kind_of_change_is_reported(watched) -> None:  # type: ignore[no-untyped-def]
    root, recorder, _, _ = watched
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


def test_no_poll_takes_a_snapshot_of_every_file(watched) -> None:  # type: ignore[no-untyped-def]
    root, recorder, handed, walks = watched
    for i in range(20):
        (root / "devices" / f"other-{i}.yaml").write_text("name: Other\n")
    recorder.events.get(timeout=5)
    while not recorder.quiet():  # (each poll's events taken, until a poll gives none)
        while not recorder.events.empty():
            recorder.events.get()
    handed.clear()
    assert recorder.quiet()  # 25 polls, nothing changed: nothing handed to watchdog's comparison
    assert handed == []
    (root / "devices" / "a.yaml").write_text("name: Longer\n")
    assert recorder.next() == ("modified", "a.yaml")
    # Watchdog compared the file that changed (and its folder, at most), not the other 23 entries.
    assert set().union(*handed) <= {str(root / "devices" / "a.yaml"), str(root / "devices")}
    assert str(root / "devices" / "a.yaml") in set().union(*handed)
    assert walks == []


def _stamp(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_ino, st.st_dev, st.st_mode, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_uid, st.st_gid)


def test_the_listing_holds_what_a_snapshot_compares(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "f").write_text("1")
    found = listing(str(tmp_path))
    snapshot = DirectorySnapshot(str(tmp_path), recursive=True)
    paths = [key[0] for key in found.keys]
    assert set(paths) == snapshot.paths == {str(tmp_path), str(tmp_path / "x"), str(tmp_path / "x" / "f")}
    # Everything watchdog compares, the access time aside: one walk reading a folder can move it for the next.
    assert [_stamp(st) for st in found.stats] == [_stamp(snapshot.stat_info(path)) for path in paths]
    st = os.stat(tmp_path / "x" / "f")
    compared = found.keys[paths.index(str(tmp_path / "x" / "f"))][1:]
    assert compared == (st.st_ino, st.st_dev, st.st_mode, st.st_mtime_ns, st.st_size, st.st_uid, st.st_gid)
    with pytest.raises(FileNotFoundError):
        listing(str(tmp_path / "missing"))
    assert {key[0] for key in listing(str(tmp_path), recursive=False).keys} == {str(tmp_path), str(tmp_path / "x")}


def test_it_reports_exactly_what_watchdogs_own_polling_reports(tmp_path: Path) -> None:
    """Both observers watch one tree through a series of changes; after each, they reported the same events
    (files and folders, with their kind, path and destination)."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "devices").mkdir(parents=True)
    outside.mkdir()
    (root / "devices" / "a.yaml").write_text("name: A\n")
    (root / "devices" / "b.yaml").write_text("name: B\n")
    seen: dict[str, list[tuple[str, str, str, bool]]] = {"quick": [], "watchdog": []}

    class Everything(FileSystemEventHandler):
        def __init__(self, name: str) -> None:
            self.name = name

        def on_any_event(self, event: FileSystemEvent) -> None:
            seen[self.name].append((event.event_type, str(event.src_path), str(event.dest_path), event.is_directory))

    observers = {"quick": QuickPollingObserver(timeout=POLL), "watchdog": PollingObserver(timeout=POLL)}
    for name, observer in observers.items():
        observer.schedule(Everything(name), str(root), recursive=True)
        observer.start()

    def placed(name: str, text: str) -> None:  # whole at once: no poll sees it half written
        (outside / "new").write_text(text)
        os.replace(outside / "new", root / name)

    steps = [
        lambda: os.utime(root / "devices" / "a.yaml", ns=(1, 1_000_000_000)),  # only the modification time
        lambda: (root / "devices" / "a.yaml").chmod(0o600),
        lambda: placed("devices/c.yaml", "name: C\n"),
        lambda: placed("devices/a.yaml", "name: A2\n"),  # another file in its place
        lambda: (root / "devices" / "b.yaml").rename(root / "devices" / "d.yaml"),
        lambda: (root / "devices" / "c.yaml").unlink(),
        lambda: (root / "sensors").mkdir(),
        lambda: placed("sensors/s.yaml", "name: S\n"),
        lambda: (root / "sensors").rename(root / "lenses"),
        lambda: shutil.rmtree(root / "lenses"),
    ]
    try:
        time.sleep(5 * POLL)
        for i, step in enumerate(steps):
            step()
            time.sleep(25 * POLL)
            got = {name: set(events) for name, events in seen.items()}
            assert got["quick"] == got["watchdog"], f"step {i}"
            assert got["quick"], f"step {i}: no event"
            for events in seen.values():
                events.clear()
    finally:
        for observer in observers.values():
            observer.stop()
            observer.join()


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


def test_polls_keep_their_period_however_long_each_takes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """watchdog waits its timeout after each poll ends; these polls come every timeout from the first, so that a
    save is noticed as soon at 5,000 devices (a listing of 15 to 30 ms) as at 26, and saves made at a steady pace
    fall at points of the interval that spread rather than drift together."""
    started: list[float] = []

    def slow_listing(root: str, *, recursive: bool = True) -> Listing:
        started.append(time.monotonic())
        time.sleep(0.04)
        return listing(root, recursive=recursive)

    monkeypatch.setattr(watching, "listing", slow_listing)
    observer = QuickPollingObserver(timeout=0.1)
    observer.schedule(Recorder(), str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(1.5)
    finally:
        observer.stop()
        observer.join()
    polls = started[1:]  # (the first listing is taken as the thread starts, before the first poll)
    assert len(polls) >= 8, started
    period = (polls[-1] - polls[0]) / (len(polls) - 1)
    assert 0.095 < period < 0.12, period  # watchdog's own: 0.1 s + 0.04 s
