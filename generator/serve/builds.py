"""A page's HTML kept, in a save built in place, when all the theme makes it from is what it was.

A rename reaches two dozen pages at 5,000 devices: the device's neighbours (their "Also from" lists) and
the list pages. Once their blocks are out (:meth:`~generator.serve.pieces.TableCache.take_out`), most of
them convert to what they did last time (:mod:`generator.serve.conversions`), and the theme's template
would make of them the HTML it made then, 3 to 5 ms a page: in a save built in place the navigation, the
configuration and the templates are the last build's (:mod:`generator.serve.patch`). Such a page is written
from the HTML MkDocs wrote for it last time, before its blocks were put back, with its blocks of now.

A page is taken so only when its conversion was kept (the very table of contents of last time), and its
HTML, title, front matter and blocks as search reads them are what they were: its search entries then
are too, and they stay as they are kept (:class:`~generator.serve.search.SearchEntries`).
``tests/test_serve.py`` compares the served site with a fresh build after each kind of save.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.structure.pages import Page

from generator.serve.pieces import TableCache


@dataclass(frozen=True)
class _Built:
    """What a page's HTML was made from, and the HTML MkDocs wrote (its blocks not yet put back)."""

    toc: Any
    content: str | None
    title: str | None
    meta: dict[str, Any]
    blocks: tuple[str, ...]
    html: bytes


@dataclass(frozen=True)
class MadeFrom:
    """What a page's HTML is made from, read once it is converted, before search and the theme see it."""

    content: str | None
    blocks: tuple[str, ...]
    """Those of its blocks search reads, as it reads them."""


class KeptBuilds:
    """Each page's last HTML (see the module's docstring), by the page's source. ``tables``: where the pages'
    blocks wait to be put back."""

    def __init__(self, tables: TableCache) -> None:
        self._tables = tables
        self._pages: dict[str, _Built] = {}
        self._written: dict[str, bytes] = {}
        self.reused: list[str] = []
        """The pages of this build written from their HTML of last time."""

    def clear(self) -> None:
        self._pages.clear()
        self._written.clear()
        self.reused = []

    def end_build(self) -> None:
        self._written.clear()
        self.reused = []

    def made_from(self, page: Page) -> MadeFrom:
        return MadeFrom(page.content, self._tables.searchable_blocks(page.content or "", page))

    def html(self, page: Page, made_from: MadeFrom) -> bytes | None:
        """The HTML MkDocs wrote for ``page`` last time, if it would write the same now; its blocks then wait
        to be put back as it is written, as they would once search had read it."""
        last = self._pages.get(page.file.src_uri)
        if (
            last is None
            or last.toc is not page.toc  # (the conversion of last time, kept)
            or last.content != made_from.content
            or last.blocks != made_from.blocks
            or last.title != page.title
            or last.meta != page.meta
        ):
            return None
        self._tables.put_back_when_written(page)
        self.reused.append(page.file.src_uri)
        return last.html

    def written(self, content: bytes, path: str) -> None:
        """MkDocs wrote ``content`` (a page's HTML, its blocks not yet put back) to ``path``."""
        self._written[path] = content

    def keep(self, page: Page, made_from: MadeFrom) -> None:
        """Keep the HTML just written for ``page`` (:meth:`written`), with what it was made from."""
        html = self._written.pop(page.file.abs_dest_path or "", None)
        if html is None:
            self._pages.pop(page.file.src_uri, None)
            return
        self._pages[page.file.src_uri] = _Built(
            page.toc, made_from.content, page.title, dict(page.meta), made_from.blocks, html
        )
