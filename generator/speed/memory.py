"""Keep Python's cycle collector and the C allocator out of the way while a catalogue is loaded and its pages
are built."""

from __future__ import annotations

import ctypes
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(resume_after: float = 0.0) -> Iterator[None]:
    """Pause the cycle collector for the duration of a build.

    A build allocates hundreds of thousands of small objects (YAML nodes, models, page fragments) and
    keeps most of them to the end, so the collector's full passes rescanned a growing heap again and
    again: 1.6 s of a 3.1 s load at 5,000 devices. Reference counting still frees everything that is not
    in a cycle; the collector runs again, with whatever cycles remain, when the build ends, or
    ``resume_after`` seconds later: under ``mkdocs serve`` the pass that a save's cycles need (40 to 70 ms
    at 5,000 devices) then runs once the browser has been told to reload, not before. A build that starts
    before that counts the collector as on (it comes back after this build instead), and the earlier
    build's resumption is called off: it must not turn the collector on in the middle of this one.
    """
    was_enabled = _pending.cancel() or gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and resume_after > 0:
            _pending.start(resume_after)
        elif was_enabled:
            gc.enable()


class _Resumption:
    """The collector's one pending return (see :func:`collector_paused`): each build's calls off the last's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def start(self, after: float) -> None:
        with self._lock:
            timer = self._timer = threading.Timer(after, self._resume)
            timer.daemon = True
            timer.start()

    def cancel(self) -> bool:
        """Call off the pending return; whether there was one (the collector counts as on)."""
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is None:
            return False
        timer.cancel()
        return True

    def _resume(self) -> None:
        with self._lock:
            if self._timer is threading.current_thread():  # not called off meanwhile
                self._timer = None
                gc.enable()


_pending = _Resumption()


def freeze_survivors() -> None:
    """Collect once, then keep every object alive now out of the collector's scans for good (``gc.freeze``).

    For a long-lived process that keeps a large heap between builds (``mkdocs serve``, with its caches of
    models and pages): the collector's full passes scanned all of it again during every rebuild, about
    0.9 s a save at 5,000 devices. Reference counting still frees frozen objects; only cycles among them
    that die later are never collected, so this is called once, after the first build.
    """
    gc.collect()
    gc.freeze()


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
"""``mallopt``'s parameters (glibc's ``malloc.h``)."""
KEEP_FREED_UP_TO = 1 << 30
"""Bytes freed at the top of the heap that stay there for the next allocations (see :func:`keep_freed_memory`)."""
FROM_THE_HEAP_UP_TO = 1 << 28
"""Allocations up to this size come from the heap, not from memory of their own (the largest file at 5,000
devices is 10 MB; its text, two bytes a character, about as much)."""


def keep_freed_memory() -> bool:
    """Have the C allocator keep the memory that large objects free, for the next ones, instead of giving it
    back to the system; whether it could (glibc's ``mallopt``; elsewhere nothing changes).

    A build makes and drops pages, figures and open data of megabytes (45 MB of files a save at 5,000
    devices, and their text along the way). By default glibc gives each object over 128 kB (a threshold
    that rises as such objects are freed) memory of its own, and hands it back when it is freed, and it
    hands back the heap's free top: the next object then takes fresh memory, which the kernel maps and
    zeroes page by page as it is first touched (0.4 ms a megabyte on this machine, in a virtual machine).
    Kept in the heap, freed memory is used again as it is. The cost: the process holds on to the most it
    has used at once, as a long-running ``mkdocs serve`` does anyway.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # (no such function here; Windows opens no library by None)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, FROM_THE_HEAP_UP_TO)) and bool(mallopt(M_TRIM_THRESHOLD, KEEP_FREED_UP_TO))
