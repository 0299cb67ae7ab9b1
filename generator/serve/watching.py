"""The live-reload server's file watcher, held still while a rebuild runs.

MkDocs watches the docs, the theme and data/ with watchdog's polling observer: every half second each
watched folder is listed and every file in it stat'ed and compared with the last listing. At 5,000 data
files that is about 50 ms of Python each time, which a rebuild running meanwhile shares the interpreter
with: a save built in place took 90 ms longer (median of six, in one process, polled or not). Nothing
a poll finds during a rebuild can change that rebuild, so each poll waits until the rebuild is over,
and then finds at once whatever was saved meanwhile, which starts the next rebuild as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any


@contextmanager
def polls_held(observer: Any) -> Iterator[None]:
    """Hold every polling emitter of ``observer`` (watchdog's) between two polls until the block ends.

    A polling emitter takes its lock for each poll (watchdog's ``PollingEmitter.queue_events``); holding it
    makes the next poll wait, and a poll under way finishes first. An emitter without such a lock (another
    kind of observer, another version of watchdog) is left running, as MkDocs would have it."""
    with ExitStack() as held:
        for emitter in list(getattr(observer, "emitters", ())):
            lock = getattr(emitter, "_lock", None)
            if lock is not None and hasattr(lock, "__enter__"):
                held.enter_context(lock)
        yield
