"""What Material's search plugin reads of a page (:func:`without_search_excluded`), and its index, written
from entries kept page by page.

Material's search plugin indexes each page it builds and writes the index at the end of the build;
under ``mkdocs serve --dirty`` it merges as if one page changed per rebuild (it drops the previous
entries of the first page built, by prefix, and keeps every other). Here the index it fills is a
:class:`KeptIndex`: each page's entries are kept (as JSON text) until the page is built again, the
index is written in page order from the entries of the pages there are, and a page whose searchable
HTML, title and tags are what they were is not parsed again (a list of 5,000 sources takes half a
second to parse). What is written is what a fresh build writes: the same entries in the same order.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class _Entries:
    key: tuple[Any, ...]
    """What the entries were made from (see :func:`_key`)."""
    text: str
    """The page's entries as JSON, without the brackets of the list ("" when the page has none)."""


class SearchEntries:
    """The entries of every page, kept between builds (see the module's docstring)."""

    def __init__(self) -> None:
        self._pages: dict[str, _Entries] = {}
        self.parsed = 0
        self.kept = 0

    def index(self, **config: Any) -> KeptIndex:
        """The index a build's search plugin fills (its own configuration)."""
        self.parsed = self.kept = 0
        return KeptIndex(self, **config)

    def text(self, page: Page) -> str | None:
        """The page's entries as :class:`_Entries` keeps them, if its searchable parts are what they were."""
        kept = self._pages.get(page.url)
        return kept.text if kept is not None and kept.key == _key(page) else None

    def keep(self, page: Page, text: str) -> None:
        self._pages[page.url] = _Entries(_key(page), text)

    def written(self, urls: list[str]) -> str:
        """The entries of these pages (in this order) joined, and forget those of pages no longer there."""
        self._pages = {url: self._pages[url] for url in urls if url in self._pages}
        return ",".join(kept.text for kept in self._pages.values() if kept.text)


class KeptIndex(SearchIndex):
    """Material's index, filled from :class:`SearchEntries` (see the module's docstring)."""

    def __init__(self, kept: SearchEntries, **config: Any) -> None:
        super().__init__(**config)
        self.kept = kept
        self.urls: list[str] | None = None
        """Every page of the site in order, when the build knows them (set before the index is written)."""

    def add_entry_from_context(self, page: Page) -> None:
        self._add(page)
        # Material's plugin then takes the search attributes out of what it indexed, by a pattern tried at
        # every position of it (9 ms for the sources page of 5,000 devices), and the result is thrown
        # away: the page gets its whole HTML back after search (the MkDocs plugin's ``_after_search``).
        page.content = ""

    def _add(self, page: Page) -> None:
        found = self.kept.text(page)
        if found is not None:
            self.kept.kept += 1
            self.kept.keep(page, found)
            return
        start = len(self.entries)
        super().add_entry_from_context(page)
        entries = self.entries[start:]
        drop_repeated_tags(entries)
        self.kept.parsed += 1
        self.kept.keep(page, json.dumps(entries, separators=(",", ":"), default=str)[1:-1])

    def generate_search_index(self, prev: Any) -> str:
        """The index of every page in :attr:`urls` (as Material writes it: its configuration, then every
        entry), from the entries kept for each."""
        config = {key: self.config[key] for key in ["lang", "separator", "pipeline", "fields"]}
        head = json.dumps({"config": config, "docs": []}, separators=(",", ":"), default=str)
        assert head.endswith("[]}")
        return head[:-2] + self.kept.written(self.urls or []) + "]}"


SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
"""What Material's search plugin removes from a page's HTML once it has indexed it (its own pattern)."""
_VALUED = re.compile(r'data-search-\w+="[^"]')


def without_search_attributes(html: str) -> str:
    """``html`` as Material's search plugin leaves it once it has indexed it: without the ``data-search-``
    attributes that have a value (the bare ``data-search-exclude`` stays). Its pattern tries every position
    of a page, half a second for the lists of 5,000 devices: it runs only where such an attribute is."""
    return SEARCH_ATTRIBUTES.sub("", html) if _VALUED.search(html) else html


MARKED = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-search-exclude[\s=>/]")
"""An opening tag marked ``data-search-exclude`` (matched where a tag starts)."""
_HEADING = re.compile(r"<h[1-6]\b")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)


def without_search_excluded(html: str) -> str:
    """``html`` without what Material's search skips, so that its parser reads a fraction of it (it still
    parses every tag inside a skipped element: a table of 5,000 devices): the elements marked
    ``data-search-exclude`` and what they hold, scripts (their text is never indexed), and what follows a
    heading marked so up to the next heading (Material drops the whole section). A marked heading is kept,
    and any element holding one, because a heading starts a search section even when it is skipped; a
    stretch that would leave an element open or closed is kept too. ``tests/test_site.py`` builds the site
    both ways: the same index."""
    out, pos = [], 0
    while (found := _next_skipped(html, pos)) is not None:
        start, opened, tag = found
        end = _matching_end(html, tag, start)
        if end < 0:
            out.append(html[pos:opened])
            pos = opened
        elif _HEADING.match("<" + tag):  # keep the heading, drop its section when that is whole
            after = _HEADING.search(html, end)
            stop = after.start() if after else len(html)
            out.append(html[pos:end])
            pos = stop if _balanced(html, end, stop) else end
        elif _heading_in(html, start, end):
            out.append(html[pos:opened])
            pos = opened
        else:
            out.append(html[pos:start])
            pos = end
    out.append(html[pos:])
    return "".join(out)


def _heading_in(html: str, start: int, end: int) -> bool:
    """Whether a heading's tag opens in ``html[start:end]`` (what ``_HEADING.search`` finds there), found from
    the literal "<h": a figure of megabytes holds none, and the pattern tried every position of it."""
    at = html.find("<h", start, end)
    while at >= 0:
        if _HEADING.match(html, at, end):
            return True
        at = html.find("<h", at + 1, end)
    return False


def _next_skipped(html: str, pos: int) -> tuple[int, int, str] | None:
    """The first element from ``pos`` on that search skips, a marked one or a script: where it starts,
    where what was matched of its opening tag ends, and its tag. (Found from the literal text, not by trying
    a pattern at every ``<`` of a page of megabytes.)"""
    marked = None
    at = pos
    while (at := html.find("data-search-exclude", at)) >= 0:
        start = html.rfind("<", pos, at)
        if start >= 0 and html.find(">", start, at) < 0 and (found := MARKED.match(html, start)) is not None:
            marked = (start, found.end(), found.group(1))
            break
        at += 1
    # Only a script before the marked element matters: not searched for in the megabytes after it.
    stop = marked[0] if marked is not None else len(html)
    script = html.find("<script", pos, stop)
    while script >= 0 and _WORD.match(html, script + 7):  # "<scripts", not a script
        script = html.find("<script", script + 1, stop)
    if script >= 0 and (marked is None or script < marked[0]):
        return script, script + 7, "script"
    return marked


_WORD = re.compile(r"\w")


def _matching_end(html: str, tag: str, start: int) -> int:
    """The index just past the tag that closes the element opening at ``start`` (counting the elements of
    the same tag it holds; ``<tag .../>`` closes itself), or -1."""
    depth, at = 0, start
    opening, closing = "<" + tag, "</" + tag
    next_open: int | None = None
    next_close: int | None = None
    while True:
        # Each searched for again only once passed (-1: none left): an element of megabytes is read once.
        if next_open is None or 0 <= next_open < at:
            next_open = html.find(opening, at)
        if next_close is None or 0 <= next_close < at:
            next_close = html.find(closing, at)
        if next_close < 0:
            return -1
        here = next_open if 0 <= next_open < next_close else next_close
        name_end = here + (len(opening) if here == next_open else len(closing))
        gt = html.find(">", name_end)
        if gt < 0:
            return -1
        at = gt + 1
        if _WORD.match(html, name_end):  # a longer tag name
            continue
        if here == next_close:
            depth -= 1
        elif html[gt - 1] != "/":
            depth += 1
        if depth == 0:
            return at


def _balanced(html: str, start: int, stop: int) -> bool:
    """Whether ``html[start:stop]`` closes every element it opens, and no other."""
    depth = 0
    for match in _TAG.finditer(html, start, stop):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0


def drop_repeated_tags(docs: list[dict[str, Any]]) -> None:
    """Material's search index repeats a page's tags on each of its sections (about 100 bytes a device
    page, 0.5 MB at 5,000 devices); keep them on the page's own entry, which is where a tag search lands.
    ``docs`` are one page's entries, as the search plugin made them."""
    page_tags = {doc["location"]: doc.get("tags") for doc in docs if "#" not in doc["location"]}
    for doc in docs:
        if "#" in doc["location"] and "tags" in doc and doc["tags"] == page_tags.get(doc["location"].split("#", 1)[0]):
            del doc["tags"]


def _key(page: Page) -> tuple[Any, ...]:
    """Everything a page's entries are made from: its address, titles, tags and search settings (as text),
    and a digest of the HTML the search plugin reads (without the parts it skips)."""
    meta = page.meta or {}
    digest = hashlib.blake2b((page.content or "").encode("utf-8"), digest_size=16).digest()
    return (
        page.url,
        str(page.title),
        repr(meta.get("title")),
        repr(meta.get("tags")),
        repr(meta.get("search")),
        digest,
    )
