"""A data save read and rendered while MkDocs waits to be sure the saving is over.

MkDocs' live-reload server notices a save at its next poll, then waits 0.1 s (its ``build_delay``) for more
changes before it builds. At 5,000 devices reading the data and rendering the pages a save changes takes
about 0.25 s, and the server's builder is idle for the first 0.1 s of it. :class:`HeadStart` begins that
work in a thread as soon as the poll reports a change in the data folder, and the build takes what it
gave instead of doing it again.

The data it read is the data the build would read a moment later, as far as the build can tell: a change
made after a poll is noticed by the next poll, which compares every file with its last listing, taken
before the work began, and has the server build again, just as it does for a change made while a build
reads the data. The work writes nothing: it renders into what the plugin keeps between builds, as a
build does, so that a build that cannot use it (anything but data changed) loses nothing.

One lock keeps the work and the builds apart: work begins only when no build or other work is under way (a
save noticed during a build is read by the build the server makes next), and a build waits for the work
under way, then takes it, so that work is taken by the build that follows it and no other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Ahead(Generic[T]):
    """Work done ahead: what it gave, or what it raised, and how long it took."""

    value: T | None
    error: Exception | None
    seconds: float

    def result(self) -> T | None:
        """What the work gave; raises what it raised."""
        if self.error is not None:
            raise self.error
        return self.value


class HeadStart(Generic[T]):
    """Work begun in a thread ahead of a build, and taken by that build (see the module's docstring)."""

    def __init__(self) -> None:
        self._busy = threading.Lock()
        """Held by a build, or by the work under way."""
        self._ahead: Ahead[T] | None = None

    def begin(self, work: Callable[[], T]) -> bool:
        """Begin ``work`` in a thread unless a build or other work is under way; whether it began."""
        if not self._busy.acquire(blocking=False):
            return False
        try:
            threading.Thread(target=self._run, args=(work,), name="head start", daemon=True).start()
        except BaseException:
            self._busy.release()
            raise
        return True

    def _run(self, work: Callable[[], T]) -> None:
        try:
            started = time.perf_counter()
            value: T | None = None
            error: Exception | None = None
            try:
                value = work()
            except Exception as exc:  # noqa: BLE001 - handed to the build, which handles it as its own
                error = exc
            self._ahead = Ahead(value, error, time.perf_counter() - started)
        finally:
            self._busy.release()

    @contextmanager
    def build(self) -> Iterator[Ahead[T] | None]:
        """For a build: waits for the work under way, and gives what was done ahead since the last build (or
        None). No work begins until the build is over."""
        with self._busy:
            ahead, self._ahead = self._ahead, None
            yield ahead
