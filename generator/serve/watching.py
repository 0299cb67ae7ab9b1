"""MkDocs' live-reload server polls what it watches, at a cost that grows with the catalogue; here it costs less.

MkDocs polls (watchdog's ``PollingObserver``, every 0.5 s) rather than waiting for the kernel's
notifications, which miss changes on network shares, in containers and in virtual machines' shared
folders. Each poll takes a snapshot of every watched file and compares it with the last one, in Python:
50 to 70 ms at 5,000 devices, in a thread that holds the interpreter while the build it starts runs.

:class:`QuickPollingObserver` polls as often and reports the same changes. Each poll first lists every
entry with what the snapshot's comparison looks at (inode, device, mode, modification time and size), in
a few milliseconds; only when that list differs from the last poll's does it take the snapshot and
compare, as MkDocs' observer does every time.
"""

from __future__ import annotations

import os

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingEmitter, PollingObserver
from watchdog.utils import Seconds

Listing = list[tuple[str, int, int, int, int, int]]


def listing(root: str, *, recursive: bool = True) -> Listing | None:
    """``root`` and the entries in it (at every depth if ``recursive``; symbolic links followed, as the
    snapshot does), each with what a snapshot's comparison looks at; None when something could not be
    read, which the snapshot then reports."""
    try:
        st = os.stat(root)
        entries = [(root, st.st_ino, st.st_dev, st.st_mode, st.st_mtime_ns, st.st_size)]
        folders = [root] if os.path.isdir(root) else []
        while folders:
            with os.scandir(folders.pop()) as found:
                for entry in found:
                    st = entry.stat()
                    entries.append((entry.path, st.st_ino, st.st_dev, st.st_mode, st.st_mtime_ns, st.st_size))
                    if recursive and entry.is_dir():
                        folders.append(entry.path)
    except OSError:
        return None
    return entries


class QuickPollingEmitter(PollingEmitter):
    """A polling emitter that skips the snapshot while nothing it would compare has changed."""

    _last: Listing | None = None

    def _listing(self) -> Listing | None:
        # A watched file is polled as its folder, without the folders in it (watchdog's ObservedWatch).
        return listing(self.watch.path, recursive=self.watch.is_recursive)

    def on_thread_start(self) -> None:
        # Listed before the snapshot is taken, so a change between the two shows as a difference next poll.
        self._last = self._listing()
        super().on_thread_start()

    def queue_events(self, timeout: Seconds) -> None:
        if self.stopped_event.wait(timeout):
            return
        now = self._listing()
        if now is not None and now == self._last:
            return
        self._last = now
        super().queue_events(0)  # the snapshot, its comparison and the events, as MkDocs' observer makes them


class QuickPollingObserver(PollingObserver):
    """watchdog's ``PollingObserver`` with :class:`QuickPollingEmitter`."""

    def __init__(self, *, timeout: Seconds) -> None:
        BaseObserver.__init__(self, QuickPollingEmitter, timeout=timeout)  # PollingObserver's names its emitter


def poll_quickly(server: LiveReloadServer) -> None:
    """Give ``server`` a :class:`QuickPollingObserver` polling as often as its own, watching what it watched.

    Called before the server starts (``on_serve``), when MkDocs has watched the docs folder and the
    configuration; the ``watch:`` entries of ``mkdocs.yml`` are watched after, on the new observer."""
    watched = sorted({emitter.watch.raw_path for emitter in server.observer.emitters})
    for path in watched:
        server.unwatch(path)
    server.observer = QuickPollingObserver(timeout=server.observer.timeout)
    for path in watched:
        server.watch(path)
