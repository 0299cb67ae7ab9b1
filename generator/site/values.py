"""How values read on the page: dates, prices, sizes."""

from __future__ import annotations

import functools
from typing import Any

from generator.catalogue import dates
from generator.catalogue.models import Dimensions, Price, SensorSize

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CURRENCY = {"CNY": "CN¥", "JPY": "JP¥", "EUR": "€", "USD": "US$", "SGD": "S$", "GBP": "£", "INR": "₹"}


@functools.lru_cache(maxsize=1 << 14)  # a pure function that every list calls thousands of times
def date(value: str) -> str:
    """``2022-07-04`` → ``4 Jul 2022``; ``2014-09`` → ``Sep 2014``; ``2001`` → ``2001``."""
    year, month, day = dates.parts(value)
    if month is None:
        return str(year)
    return f"{day} {MONTHS[month - 1]} {year}" if day else f"{MONTHS[month - 1]} {year}"


def number(value: float) -> str:
    """``5999`` → ``5,999``; ``50.3`` → ``50.3``; ``23.0`` → ``23``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def price(value: Price) -> str:
    return f"{CURRENCY[value.currency]}{number(value.amount)}"


def sensor_size(value: SensorSize) -> str:
    return f"{number(value.width_mm)} × {number(value.height_mm)} mm"


def dimensions(value: Dimensions) -> str:
    return f"{number(value.height_mm)} × {number(value.width_mm)} × {number(value.depth_mm)} mm"


def count(n: int, noun: str) -> str:
    """``count(1, "device")`` → ``1 device``; ``count(3, "device")`` → ``3 devices``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


FORMATS: dict[str, Any] = {
    "text": str,
    "date": date,
    "price": price,
    "size": sensor_size,
    "dimensions": dimensions,
    "mp": lambda v: f"{number(v)} MP",
    "mm": lambda v: f"{number(v)} mm",
    "fnumber": lambda v: f"f/{number(v)}",
    "g": lambda v: f"{number(v)} g",
    "mah": lambda v: f"{number(v)} mAh",
    "kind": lambda v: {"phone": "Phone", "concept": "Concept phone", "camera-phone": "Camera phone"}[v],
}
