"""A page's Markdown converted again, in a save built in place, only when its text changed.

A rename reaches a dozen device pages (their "Also from" lists) and the list pages; once their large
blocks are taken out (:meth:`~generator.serve.pieces.TableCache.take_out`), what is left of most of them
reads as it did in the last build, and Python-Markdown took 5 to 8 ms to convert it again (most of a
device page's build). MkDocs' ``Page.render`` is then given what that conversion gave last time.

Only in a save built in place, where the files, the pages and the configuration are those of the last
build (what a page's conversion depends on besides its text); what a build of MkDocs' own converted is
forgotten as its next one begins. ``tests/test_serve.py`` compares the served site with a fresh build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class _Converted:
    """What ``Page.render`` sets on a page, and the Markdown it was made from."""

    markdown: str
    content: str | None
    toc: Any
    title: str | None
    anchor_ids: frozenset[str]
    links_to_anchors: Any


class Conversions:
    """Each page's last conversion (see the module's docstring)."""

    def __init__(self) -> None:
        self._pages: dict[str, _Converted] = {}
        self.kept = 0

    def clear(self) -> None:
        self._pages.clear()
        self.kept = 0

    def end_build(self) -> None:
        self.kept = 0

    def convert(self, page: Page, *, again: bool) -> None:
        """Have MkDocs' conversion of ``page`` (its ``render``) kept; and when ``again`` (a save built in
        place), taken from the last one if the page's Markdown is what it was."""
        render = type(page).render

        def kept_render(config: MkDocsConfig, files: Files) -> None:
            last = self._pages.get(page.file.src_uri)
            if again and last is not None and last.markdown == page.markdown:
                page.content, page.toc = last.content, last.toc
                page._title_from_render = last.title  # noqa: SLF001 (what render sets; no public way)
                # A new set each time: the page's blocks add their ids to it (TableCache.anchors).
                page.present_anchor_ids = set(last.anchor_ids)
                page.links_to_anchors = last.links_to_anchors
                self.kept += 1
                return
            render(page, config, files)
            self._pages[page.file.src_uri] = _Converted(
                page.markdown or "",
                page.content,
                page.toc,
                page._title_from_render,  # noqa: SLF001
                frozenset(page.present_anchor_ids or ()),
                page.links_to_anchors,
            )

        page.render = kept_render  # type: ignore[method-assign]
