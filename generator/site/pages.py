"""What the site plan hands the renderer: one page to make, and how."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSpec:
    """One page to render."""

    uri: str
    """Path of the Markdown file relative to docs/ (``devices/xiaomi-12s-ultra.md``)."""
    template: str
    data_file: str | None
    """Repo-relative data file the page is generated from (its "edit" link), if a single one."""
    context: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    """What the template sees; a function when costly to compute (a figure), called when rendering."""
    content: bytes | Callable[[], bytes] | None = None
    """Bytes written as they are instead of rendering a template (a JSON file); a function when costly to
    make (a file of every device), called when rendering, so that such files are made in parallel with the
    pages instead of one after another before them."""
