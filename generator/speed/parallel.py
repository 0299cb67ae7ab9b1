"""Spread independent work (reading data files, rendering pages) over the machine's cores.

Only ``python -m generator generate`` and ``check`` ask for more than one worker; the MkDocs hook runs
inside ``mkdocs serve``, whose threads make forking unsafe, and builds there stay in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 400
"""Below this many items, starting processes and sending results back costs more than it saves."""

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The work of the current :func:`as_done`, which forked workers inherit."""


def cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_map(fn: Callable[[T], R], items: Sequence[T], workers: int = 1) -> list[R]:
    """``[fn(item) for item in items]``, shared among ``workers`` forked processes when worth it (see
    :func:`as_done`). Results come in the order of ``items``; an exception in a worker is raised here."""
    results: list[Any] = [None] * len(items)
    for i, result in as_done(fn, items, workers):
        results[i] = result
    return results


def as_done(fn: Callable[[T], R], items: Sequence[T], workers: int = 1) -> Iterator[tuple[int, R]]:
    """``(i, fn(items[i]))`` for every item, shared among ``workers`` forked processes when worth it, and
    given as soon as each share of the work is done: the caller can use the first results (write them)
    while the workers make the others.

    Forked workers start with this process's memory as it is (the loaded catalogue, compiled templates),
    so nothing is sent to them but which slice to take, and only results come back. An exception in a
    worker is raised here.
    """
    global _job
    if workers < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        yield from enumerate(map(fn, items))
        return
    # Several slices per worker, each taking every count-th item: costly items tend to sit together
    # (the big list pages come last), and this spreads them, so no core is left with all of them.
    count = workers * 8
    _job = (fn, items)
    try:
        # An executor, not multiprocessing.Pool: if a worker dies (out of memory, killed), it raises
        # BrokenProcessPool instead of waiting forever for the slice that worker had.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            slices = {pool.submit(_run_slice, (start, count)): start for start in range(count)}
            for done in as_completed(slices):
                start = slices[done]
                for k, result in enumerate(done.result()):
                    yield start + k * count, result
    finally:
        _job = None


def _run_slice(start_step: tuple[int, int]) -> list[Any]:
    assert _job is not None, "a worker forked outside as_done"
    fn, items = _job
    start, step = start_step
    return [fn(item) for item in items[start::step]]
