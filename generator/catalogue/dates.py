"""Partial dates: a date known to the day, the month or only the year (``2022-11-02``, ``2014-09``, ``2001``).

The one home of the rule: how they are written, checked, compared and placed on a time axis. The data keeps
them as text, so that a year stays a year and is never shown as 1 January.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FIRST_YEAR, LAST_YEAR = 1800, 2100


def from_yaml(value: object) -> object:
    """YAML reads 2022-07-04 as a date and 2022 as a number; both are fine ways to write a date."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def parts(value: str) -> tuple[int, int | None, int | None]:
    """``2014-09`` → ``(2014, 9, None)``; raises ValueError for text that is not a partial date."""
    match = PATTERN.match(value)
    if not match:
        raise ValueError("a date is written YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    return year, month, day


def check(value: str) -> str:
    """The validator: a partial date of a real day, month or year between 1800 and 2100."""
    year, month, day = parts(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value} is not a real date ({exc})") from None
    return value


@functools.lru_cache(maxsize=1 << 14)  # pure: thousands of devices share their dates
def start(value: str) -> dt.date:
    """The first day of the period a partial date names (``2014-09`` → 1 Sep 2014)."""
    year, month, day = parts(value)
    return dt.date(year, month or 1, day or 1)


@functools.lru_cache(maxsize=1 << 14)
def year_fraction(value: str) -> float:
    """A partial date as a decimal year, for placing it on a time axis."""
    first = start(value)
    new_year = dt.date(first.year, 1, 1)
    return first.year + (first - new_year).days / (dt.date(first.year + 1, 1, 1) - new_year).days


def before(a: str, b: str) -> bool:
    """True when ``a`` is surely before ``b``, compared at the coarser of their precisions
    (``2022`` is not before ``2022-07``, nor after it)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def latest(values: list[str]) -> str | None:
    """The latest of some partial dates; of two that start on the same day, the more precise."""
    # As text, in C: fields of fixed width, largest first, and a date before any that it begins (``2022`` <
    # ``2022-01`` < ``2022-01-01``) order partial dates by their first day, then by precision. (A key of
    # ``(start, len)``, the same order, took a step of Python per date: 8 ms a save at 5,000 devices.)
    return max(values) if values else None
