"""MkDocs' live-reload server polls what it watches, at a cost that grows with the catalogue; here it costs less.

MkDocs polls (watchdog's ``PollingObserver``, every 0.5 s) rather than waiting for the kernel's
notifications, which miss changes on network shares, in containers and in virtual machines' shared
folders. Each poll takes a snapshot of every watched file and compares it with the last one, in Python:
50 to 70 ms at 5,000 devices, in a thread that holds the interpreter while the build it starts runs, and
that comes between a save and its build.

:class:`QuickPollingObserver` polls as often and reports the same changes. Each poll lists every entry
with what watchdog's comparison looks at (inode, device, mode, owner, modification time and size), in a
few milliseconds, and compares that list with the last poll's in one step. Only when they differ does it
hand watchdog's comparison the entries that changed, instead of two snapshots of every file: watchdog
then makes the events as MkDocs' observer makes them.

It also polls on a fixed schedule, every 0.5 s from the first poll. watchdog waits 0.5 s after each poll
ends, so its polls come every 0.5 s plus what a poll takes (15 to 30 ms at 5,000 devices, more while a build
holds the interpreter): a save waited a little longer to be noticed at size, and saves made at a steady
pace fell at points of the interval that drifted together rather than spread over it.
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass, field
from stat import S_ISDIR
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingEmitter, PollingObserver
from watchdog.utils import Seconds
from watchdog.utils.dirsnapshot import DirectorySnapshot

Compared = tuple[str, int, int, int, int, int, int, int]


def _compared(path: str, st: os.stat_result) -> Compared:
    """An entry's path and what watchdog's comparison of two snapshots looks at in its status
    (``DirectorySnapshotDiff``: the inode and device, the modification time and size, and the mode and owner
    of ``is_attrib_modified``)."""
    return (path, st.st_ino, st.st_dev, st.st_mode, st.st_mtime_ns, st.st_size, st.st_uid, st.st_gid)


@dataclass
class Listing:
    """Every entry under a watched path, with its status, as watchdog's snapshot walks it, in its order."""

    keys: list[Compared] = field(default_factory=list)
    """Each entry as :func:`_compared` gives it: two listings are compared in one step."""
    stats: list[os.stat_result] = field(default_factory=list)

    def changed_since(self, before: Listing) -> tuple[dict[str, os.stat_result], dict[str, os.stat_result]]:
        """The entries that are new, gone, or whose compared status is another: as they were, and as they are."""
        now = {key[0]: (key, st) for key, st in zip(self.keys, self.stats, strict=True)}
        then = {key[0]: (key, st) for key, st in zip(before.keys, before.stats, strict=True)}
        changed = {path for path, (key, _) in now.items() if then.get(path, (None,))[0] != key}
        changed |= then.keys() - now.keys()
        return (
            {path: then[path][1] for path in changed if path in then},
            {path: now[path][1] for path in changed if path in now},
        )


def listing(root: str, *, recursive: bool = True) -> Listing:
    """``root`` and the entries in it (at every depth if ``recursive``), as watchdog's snapshot walks them:
    symbolic links followed, an entry gone in the meantime left out, a folder gone in the meantime empty.
    Raises OSError when ``root`` cannot be read, as a snapshot does (watchdog reports it)."""
    st = os.stat(root)
    found = Listing([_compared(root, st)], [st])
    keys, stats = found.keys, found.stats  # (appended to in the loop: thousands of entries, every poll)
    folders = [root] if S_ISDIR(st.st_mode) else []
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:  # (as the snapshot's walk: gone, or out of reach below the root)
            if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EINVAL) or (
                folder != root and isinstance(error, PermissionError)
            ):
                continue
            raise
        for entry in entries:
            try:
                st = entry.stat()
            except OSError:
                continue
            keys.append(_compared(entry.path, st))
            stats.append(st)
            if recursive and S_ISDIR(st.st_mode):
                folders.append(entry.path)
    return found


class _Entries(DirectorySnapshot):
    """A snapshot of the given entries alone (those that changed), for watchdog's comparison, which asks a
    snapshot for its paths and each one's status, and for the path of an inode (moves)."""

    def __init__(self, stats: dict[str, os.stat_result]) -> None:  # (not walked: the listing has them)
        self._stat_info = {path: st for path, st in stats.items()}
        self._inode_to_path = {(st.st_ino, st.st_dev): path for path, st in stats.items()}


class QuickPollingEmitter(PollingEmitter):
    """A polling emitter that compares listings, and hands watchdog only the entries that changed."""

    _last: Listing
    _now: Listing | OSError
    _next_poll: float
    """When the next poll is due (``time.monotonic()``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._take_snapshot = self.snapshot_of_changes

    def _listing(self) -> Listing:
        # A watched file is polled as its folder, without the folders in it (watchdog's ObservedWatch).
        return listing(self.watch.path, recursive=self.watch.is_recursive)

    def on_thread_start(self) -> None:
        self._next_poll = time.monotonic()
        try:
            self._last = self._listing()
        except OSError:
            self._last = Listing()  # (the first poll reports the error, as watchdog does)

    def queue_events(self, timeout: Seconds) -> None:
        # Every `timeout` seconds from the first poll, however long each takes (see the module's docstring);
        # a poll that comes late is not followed by others in a burst to catch up.
        now = time.monotonic()
        self._next_poll = max(self._next_poll + timeout, now)
        if self.stopped_event.wait(self._next_poll - now):
            return
        try:
            self._now = self._listing()
        except OSError as error:
            self._now = error
        else:
            if self._now.keys == self._last.keys:
                return
        super().queue_events(0)  # watchdog's comparison and events, of what snapshot_of_changes gives it

    def snapshot_of_changes(self) -> DirectorySnapshot:
        """What watchdog takes as its new snapshot: the entries that changed as they are now; and as its last
        one (``_snapshot``, which it reads next), the same entries as they were."""
        now = self._now
        if isinstance(now, OSError):
            raise now  # reported as watchdog reports a snapshot that failed; the last listing is kept
        then, changed = now.changed_since(self._last)
        self._snapshot = _Entries(then)
        self._last = now
        return _Entries(changed)


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
