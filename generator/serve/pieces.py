"""Large Markdown blocks of generated pages (tables, lists, figures) converted a few rows at a time under
``mkdocs serve``, each piece kept for the next rebuild (see :class:`TableCache`)."""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import operator
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import markdown  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor  # noqa: PLC2701 (see _converter)

from generator.serve.search import MARKED, without_search_attributes, without_search_excluded
from generator.site.fragments import SWEEP_EVERY
from generator.site.markdown import RawHtml

_GOES_ON = r"(?![-*+] |\d+\. |#|\||>|```|~~~|<(?:div|figure|table|p|ul|ol|dl|h[1-6]|pre|details|script|style|hr)\b)"
"""A line that goes on with a list item's text (Markdown's lazy continuation): one that starts no list
item, heading, table, quote, fence or block of HTML."""


class TableCache:
    """Large Markdown tables and lists of generated pages, converted to HTML a few rows at a time, each
    piece kept for the next rebuild of ``mkdocs serve``, so that renaming one device does not convert
    again the whole table of every device on the list pages, nor every source on the sources page
    (Python-Markdown's inline patterns are most of a list page's cost: seconds at 5,000 devices); and the
    figures (raw HTML), which are not converted at all.

    Used under ``serve --dirty`` only; ``mkdocs build`` converts pages whole, and the serve tests check that
    both give the same bytes. A block is converted in pieces as it would be whole: Python-Markdown makes
    each row of a table on its own, from the row's text and the column alignments (the header and the
    separator line), and each item of a tight list (no blank line between items; an item may go on over
    lines of its own, as the sources page's do) from its lines; links are made relative to the page as
    MkDocs does (its tree processor), and the ids inside are added to the page's anchors. Pieces end where
    a row's hash says (content-defined), so inserting a row changes one piece, not all after it.

    A figure is a raw HTML block (``<figure>`` … ``</figure>`` with no blank line inside and no
    ``markdown`` attribute), which Python-Markdown passes through as it is, after parsing every tag of it
    twice (MkDocs' anchor finder, then its own block parser): thousands of markers in the list figures.
    Here it is set aside before the conversion and put back as it is; so is the data a page's script
    reads (a ``<script type="application/json">`` element on one line, which the generator writes with
    no ``<`` inside: the finder's and the picker's, most of a megabyte at 5,000 devices).

    The blocks stay out of the page's HTML until the search plugin has read it (megabytes on the lists of
    5,000 devices, which every pass over the page would read again): the search plugin reads the page
    with each block in the form it keeps of it (without what search skips, made once a piece), and the
    page gets its blocks back after (:meth:`put_back`).
    """

    TABLE_HTML = re.compile(
        r"(<div[^>]*>\n<div[^>]*>\n<table[^>]*>\n<thead>\n.*?\n</thead>\n<tbody>\n)(.*)(\n</tbody>\n</table>\n</div>\n</div>)",
        re.S,
    )
    """A converted table, inside the wrappers of generator/site/tables.py: its start, rows and end."""
    UL_HTML = re.compile(r"(<ul>\n)(<li>.*</li>)(\n</ul>)", re.S)
    OL_HTML = re.compile(r"(<ol>\n)(<li>.*</li>)(\n</ol>)", re.S)
    KNOWN = {"table": (2, TABLE_HTML), "ul": (0, UL_HTML), "ol": (0, OL_HTML)}
    """The blocks the generator tells of (see :meth:`take_out`): lines of head, and the converted block."""
    MIN_ROWS = 16
    """Blocks found by their pattern with fewer rows are left to the page's own conversion. (The blocks the
    generator tells of are taken out whatever their size: finding them costs little, and what is left of
    the page then reads as it did when only they changed, which keeps its conversion: see
    :mod:`generator.serve.conversions`.)"""
    BLOCKS = (
        # (kind, how a block starts, the block (at the start of the page or after a blank line), the line(s)
        # every piece starts with, how many, where each row starts (lists), the converted piece)
        (
            "table",
            re.compile(r"\n\n(?=\|)"),
            re.compile(r"(\|[^\n]*\|\n\|(?: *:?-+:? *\|)+\n(?:\|[^\n]*(?:\n|\Z))+)(?=\n|\Z)"),
            2,
            None,
            TABLE_HTML,
        ),
        (
            "ul",
            re.compile(r"\n\n(?=- )"),
            # Items of one line or more: an item's later lines start no block of their own (see _GOES_ON).
            re.compile(rf"((?:- [^\n]*(?:\n|\Z)(?:{_GOES_ON}[^\n]+(?:\n|\Z))*)+)(?=\n|\Z)"),
            0,
            re.compile(r"^- ", re.M),
            UL_HTML,
        ),
        (
            "ol",
            re.compile(r"\n\n(?=\d+\. )"),
            re.compile(rf"((?:\d+\. [^\n]*(?:\n|\Z)(?:{_GOES_ON}[^\n]+(?:\n|\Z))*)+)(?=\n|\Z)"),
            0,
            re.compile(r"^\d+\. ", re.M),
            OL_HTML,
        ),
    )
    RAW_START = re.compile(r'\n\n(?=<figure\b|<script type="application/json")')
    RAW = re.compile(
        r"(<figure\b[^\n]*>\n(?:(?!</figure>)[^\n]+\n)*</figure>(?:\n|\Z)"
        r'|<script type="application/json"[^<\n]*</script>(?:\n|\Z))(?=\n|\Z)'
    )
    """The raw HTML blocks set aside as they are (see the class's docstring), found in one pass."""
    ID = re.compile(r'id="([^"]+)"')
    PLACEHOLDER = re.compile(r'<div data-ll-block="(\d+)"></div>(\n\n)?')
    """Where a block taken out of the Markdown stands in the converted page (see :meth:`take_out`)."""
    PLACEHOLDER_BYTES = re.compile(PLACEHOLDER.pattern.encode())
    """The same, in the page's bytes as MkDocs writes them (see :meth:`written`)."""

    def __init__(self) -> None:
        self._pieces: dict[tuple[str, str, tuple[str, ...]], _Piece] = {}
        self._build = 0
        """Builds so far: each piece notes the last one that used it (see :meth:`end_build`)."""
        self._pending: dict[str, list[_Block]] = {}
        self._unwritten: dict[str, list[_Block]] = {}
        """The blocks of pages whose HTML gets them only as it is written (see :meth:`put_back_when_written`), by
        the file the page is written to."""
        self._raw: dict[str, _Block] = {}
        """The figures of the last build, set aside, by their HTML; and of this one."""
        self._raw_now: dict[str, _Block] = {}
        self._known: dict[tuple[str, str, str, int], tuple[list[str], _Block]] = {}
        """The blocks the generator told of in the last build, with the very rows they were made of; and now."""
        self._known_now: dict[tuple[str, str, str, int], tuple[list[str], _Block]] = {}
        self._lines = RawLines()
        """What each line of the figures of the last build and of this one gives (see :class:`RawLines`)."""
        self._markdown: tuple[MkDocsConfig, Any] | None = None
        """A converter set up with the site's extensions, for the configuration it was made for."""
        self.converted = 0
        self.reused = 0
        self.figures = 0

    def clear(self) -> None:
        self._pieces.clear()
        self._raw.clear()
        self._lines = RawLines()
        self._known.clear()
        self._markdown = None

    def take_out(
        self,
        markdown_text: str,
        page: Page,
        config: MkDocsConfig,
        files: Files,
        known: Sequence[tuple[str, list[str]]] = (),
    ) -> str:
        """The page's Markdown with each large block replaced by a placeholder (see :meth:`put_back`).
        ``known``: the tables and numbered lists the generator wrote on the page, in order, each as its kind
        ("table", "ol") and its rows (each a line, with its end): those are found without reading the page
        for them, and their pieces kept by the very same rows."""
        blocks: list[_Block] = []
        converter: Any = None
        cursor, out = 0, []
        seen: collections.Counter[tuple[str, str]] = collections.Counter()
        for kind, rows in known:
            if not rows or kind not in self.KNOWN:
                continue
            found = _block_at(markdown_text, rows, cursor, self.KNOWN[kind][0])
            if found is None:
                continue
            begin, head, stop = found
            # The n-th block of this kind and head on the page (the tags page has dozens of one head).
            key = (page.file.src_uri, kind, head, seen[kind, head])
            seen[kind, head] += 1
            kept = self._known.get(key)
            if kept is not None and kept[0] is rows:  # the very rows of last time: the same block
                block = kept[1]
                for piece in block.pieces:
                    piece.used = self._build
            else:
                if converter is None:
                    converter = self._converter(page, config, files)
                made = None
                if kept is not None:
                    made = self.block_again(page.file.src_uri, kind, head, rows, kept, converter)
                if made is None:
                    made = self.convert_block(page.file.src_uri, kind, head, rows, converter, self.KNOWN[kind][1])
                if made is None:
                    continue
                block = made
            self._known_now[key] = (rows, block)
            blocks.append(block)
            out += [markdown_text[cursor:begin], f'<div data-ll-block="{len(blocks) - 1}"></div>\n']
            cursor = stop
        markdown_text = "".join([*out, markdown_text[cursor:]])
        for kind, rows in known:
            if kind != "raw":
                continue
            html = rows[0]
            lines = html.lines if isinstance(html, RawHtml) else ()
            if (span := raw_at(markdown_text, html, self._lines.figure_shaped(lines))) is not None:
                blocks.append(self._lines.block(lines) or raw_block(html))
                self.figures += 1
                begin, stop = span
                markdown_text = (
                    f'{markdown_text[:begin]}<div data-ll-block="{len(blocks) - 1}"></div>\n{markdown_text[stop:]}'
                )

        def set_aside(found: re.Match[str]) -> str:
            if "markdown=" in found.group(1):  # md_in_html converts what it holds
                return found.group(0)
            html = found.group(1).rstrip("\n")
            block = self._raw.get(html)
            if block is None:
                block = raw_block(html)
            self._raw_now[html] = block
            blocks.append(block)
            self.figures += 1
            return f'<div data-ll-block="{len(blocks) - 1}"></div>\n'

        markdown_text = sub_blocks(markdown_text, self.RAW_START, self.RAW, set_aside)
        for kind, start, pattern, head_lines, row_start, converted in self.BLOCKS:

            def replace(
                found: re.Match[str],
                kind: str = kind,
                head_lines: int = head_lines,
                row_start: re.Pattern[str] | None = row_start,
                converted: re.Pattern[str] = converted,
            ) -> str:
                nonlocal converter
                text = found.group(1)
                if row_start is None:
                    lines = text.splitlines(keepends=True)
                    head, rows = "".join(lines[:head_lines]), lines[head_lines:]
                else:
                    starts = [m.start() for m in row_start.finditer(text)] + [len(text)]
                    head, rows = "", [text[a:b] for a, b in zip(starts, starts[1:], strict=False)]
                if len(rows) < self.MIN_ROWS:
                    return found.group(0)
                if converter is None:
                    converter = self._converter(page, config, files)
                block = self.convert_block(page.file.src_uri, kind, head, rows, converter, converted)
                if block is None:
                    return found.group(0)
                blocks.append(block)
                return f'<div data-ll-block="{len(blocks) - 1}"></div>\n'

            markdown_text = sub_blocks(markdown_text, start, pattern, replace)
        if blocks:
            self._pending[page.file.src_uri] = blocks
        return markdown_text

    def anchors(self, page: Page) -> None:
        """Count the ids inside the page's blocks as the page's own, as its conversion would have found them."""
        for block in self._pending.get(page.file.src_uri, ()):
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= block.ids

    def searchable_blocks(self, html: str, page: Page) -> tuple[str, ...]:
        """The blocks (taken out, not yet put back) that search reads of the page whose HTML is ``html``, in the
        form it reads them: those whose placeholder is not inside a part search skips."""
        blocks = self._pending.get(page.file.src_uri)
        if not blocks:
            return ()
        read = without_search_excluded(html)
        return tuple(blocks[int(found.group(1))].searchable for found in self.PLACEHOLDER.finditer(read))

    def searchable(self, html: str, page: Page) -> str:
        """The page's HTML as the search plugin reads it, from what is left of it once the parts search skips
        are out (:func:`~generator.serve.search.without_search_excluded`): each block that is left, in the
        same form."""
        return self._put(html, page, searchable=True)

    def put_back(self, html: str, page: Page) -> str:
        """The page's HTML with its blocks."""
        html = self._put(html, page, searchable=False)
        self._pending.pop(page.file.src_uri, None)
        return html

    def put_back_when_written(self, page: Page) -> None:
        """Leave the page's blocks out of its HTML until the page is written, as UTF-8 (:meth:`written`): the
        theme's template then copies a page of kilobytes, not megabytes, and the blocks' pieces, encoded once
        each, are not encoded again with the page (2 to 6 MB of text on the lists of 5,000 devices, held two
        bytes a character). For a save built in place, whose page writes go through :meth:`written`."""
        blocks = self._pending.pop(page.file.src_uri, None)
        if blocks:
            self._unwritten[page.file.abs_dest_path or ""] = blocks

    def written(self, content: bytes, path: str) -> bytes:
        """The page written to ``path`` (its HTML in UTF-8) with the blocks :meth:`put_back_when_written` left out."""
        blocks = self._unwritten.pop(path, None)
        if not blocks:
            return content
        return _put(self.PLACEHOLDER_BYTES, content, [block.html_bytes for block in blocks], blocks, b"\n")

    def _put(self, html: str, page: Page, searchable: bool) -> str:
        blocks = self._pending.get(page.file.src_uri, [])
        if not blocks:
            return html
        texts = [block.searchable if searchable else block.html for block in blocks]
        return _put(self.PLACEHOLDER, html, texts, blocks, "\n")

    def end_build(self) -> None:
        """Every so many builds, forget the pieces none of them used. (Not after each: at 5,000 devices the
        pieces are tens of thousands, and looking each up again cost more than the rest of a save's bookkeeping.)"""
        self._build += 1
        if self._build % SWEEP_EVERY == 0:
            last = self._build - SWEEP_EVERY
            self._pieces = {key: piece for key, piece in self._pieces.items() if piece.used >= last}
        self._pending.clear()
        self._unwritten.clear()
        self._raw, self._raw_now = self._raw_now, {}
        self._known, self._known_now = self._known_now, {}
        self._lines.end_build()
        self.converted = self.reused = self.figures = 0

    def _converter(self, page: Page, config: MkDocsConfig, files: Files) -> Any:
        """A Markdown converter set up as MkDocs sets up the page's own (``Page.render``): the site's
        extensions, and links made relative to this page. One converter serves every page of a
        configuration (each piece is converted after a reset), with this page's link processor in place
        of the last one's: setting up the extensions took 0.5 ms a page, a dozen pages a save."""
        if self._markdown is None or self._markdown[0] is not config:
            extensions, settings = config["markdown_extensions"], config["mdx_configs"] or {}
            self._markdown = (config, markdown.Markdown(extensions=extensions, extension_configs=settings))
        md = self._markdown[1]
        # MkDocs' own link processor, private: there is no public way to convert Markdown as a page would.
        # If MkDocs changes it, the serve tests (served pages equal a fresh build's) fail. Registering it
        # under its name replaces the last page's.
        _RelativePathTreeprocessor(page.file, files, config)._register(md)  # noqa: SLF001
        return md

    def convert_block(
        self, uri: str, kind: str, head: str, rows: list[str], converter: Any, converted: re.Pattern[str]
    ) -> _Block | None:
        pieces = []
        for group in _pieces(rows):
            piece = self._piece(uri, kind, head, group, converter, converted)
            if piece is None:
                return None
            pieces.append(piece)
        return _joined(pieces) if pieces else None

    def block_again(
        self, uri: str, kind: str, head: str, rows: list[str], kept: tuple[list[str], _Block], converter: Any
    ) -> _Block | None:
        """The block the generator told of last time (``kept``: its rows then, and the block), for these
        ``rows``: the same pieces, but for those holding a row that is not the very same object as then,
        converted again. A save changes a row or two of thousands, and finding every piece again by its
        rows (:func:`_pieces`, a lookup per piece) cost 6 to 12 ms a list of 5,000. None when rows came or
        went: the pieces are then found by their rows. (The cuts stay where they were, so they may no longer
        be where their rows' hashes put them; a piece is the conversion of its rows wherever it is cut.)"""
        old_rows, old = kept
        if len(old_rows) != len(rows) or not old.pieces:
            return None
        starts = old.starts
        changed = {
            bisect.bisect_right(starts, i) - 1
            for i in itertools.compress(range(len(rows)), map(operator.is_not, rows, old_rows))
        }
        pieces = list(old.pieces)
        for n in changed:
            group = tuple(rows[starts[n] : starts[n + 1] if n + 1 < len(starts) else len(rows)])
            piece = self._piece(uri, kind, head, group, converter, self.KNOWN[kind][1])
            if piece is None:
                return None
            pieces[n] = piece
        for piece in pieces:
            piece.used = self._build
        return _joined(pieces)

    def _piece(
        self, uri: str, kind: str, head: str, group: tuple[str, ...], converter: Any, converted: re.Pattern[str]
    ) -> _Piece | None:
        """The piece of these rows: kept, or converted (and kept); None when the conversion is not one block of
        the expected form."""
        key = (uri, kind + "\n" + head, group)
        piece = self._pieces.get(key)
        if piece is None:
            converter.reset()
            match = converted.fullmatch(converter.convert(head + "".join(group).rstrip("\n")))
            if match is None:
                return None
            body = match.group(2)
            piece = _Piece(
                match.group(1),
                without_search_attributes(body),
                match.group(3),
                without_search_excluded(body),
                _ids(body),
                len(group),
            )
            self._pieces[key] = piece
            self.converted += 1
        else:
            self.reused += 1
        piece.used = self._build
        return piece


AnyStr = TypeVar("AnyStr", str, bytes)


def _put(
    placeholder: re.Pattern[AnyStr], page: AnyStr, texts: list[AnyStr], blocks: list[_Block], line_end: AnyStr
) -> AnyStr:
    """``page`` with each block's first placeholder replaced by its text (``texts``, in the page's type)."""
    put: set[int] = set()

    def block(found: re.Match[AnyStr]) -> AnyStr:
        i = int(found.group(1))
        if i >= len(blocks) or i in put:
            return found.group(0)
        put.add(i)
        # Python-Markdown follows a raw HTML block (the placeholder, a figure) by a blank line, a table or
        # list by a line break.
        blank_line = found.group(2) or line_end[:0]
        return texts[i] + (line_end if blank_line and blocks[i].raw is None else blank_line)

    # One pass: the page is megabytes on the lists of 5,000 devices, and each block a copy of it.
    return placeholder.sub(block, page)


@dataclass(eq=False)
class _Piece:
    """Some rows of a block, converted, and the HTML the block has before and after its rows."""

    start: str
    body: str
    """The rows as the page shows them: without the attributes search takes out once it has read them."""
    end: str
    searchable: str
    """The rows as the search plugin reads them: without what it skips."""
    ids: frozenset[str]
    rows: int
    """How many rows it holds."""
    used: int = 0
    """The last build that used it."""

    @functools.cached_property
    def body_bytes(self) -> bytes:
        return _utf8(self.body)


@dataclass(frozen=True)
class _Block:
    """A block taken out of a page: its HTML (as the page shows it: without the attributes the search plugin
    takes out once it has read them), its HTML as search reads it, and the ids in it."""

    searchable: str
    ids: frozenset[str]
    raw: str | None = None
    """A raw HTML block's HTML (a figure), which Python-Markdown would have followed by a blank line."""
    raw_bytes: bytes | None = None
    """:attr:`raw` in UTF-8, when put together from its lines' (see :class:`RawLines`)."""
    pieces: tuple[_Piece, ...] = ()
    """What a table or a list was put together from (its pieces)."""
    starts: tuple[int, ...] = ()
    """The index of each piece's first row."""

    @functools.cached_property
    def html(self) -> str:
        if self.raw is not None:
            return self.raw
        start, end = self._frame
        return start + "\n".join(p.body for p in self.pieces) + end

    @functools.cached_property
    def html_bytes(self) -> bytes:
        """:attr:`html` in UTF-8, a table's or list's joined from its pieces', each encoded once."""
        if self.raw is not None:
            return self.raw_bytes if self.raw_bytes is not None else _utf8(self.raw)
        start, end = self._frame
        return _utf8(start) + b"\n".join([p.body_bytes for p in self.pieces]) + _utf8(end)

    @property
    def _frame(self) -> tuple[str, str]:
        """A table's or list's HTML before and after its rows, as the page shows it."""
        return without_search_attributes(self.pieces[0].start), without_search_attributes(self.pieces[0].end)


def _utf8(text: str) -> bytes:
    """As MkDocs encodes a page it writes."""
    return text.encode("utf-8", errors="xmlcharrefreplace")


def _joined(pieces: list[_Piece]) -> _Block:
    """A table or list put together from its pieces (each with the block's start and end)."""
    start, end = pieces[0].start, pieces[0].end
    ids = _ids(start + end).union(*(p.ids for p in pieces))
    searchable = start + "\n".join(p.searchable for p in pieces) + end
    if _skipped_by_search.search(start + end):  # (never made so: then read the block whole)
        searchable = without_search_excluded(start + "\n".join(p.searchable for p in pieces) + end)
    starts = tuple(itertools.accumulate((p.rows for p in pieces[:-1]), initial=0))
    return _Block(searchable, ids, pieces=tuple(pieces), starts=starts)


def raw_block(html: str) -> _Block:
    """A raw HTML block set aside (a figure, a script's data), as the page shows it and as search reads it."""
    return _Block(without_search_excluded(html), _ids(html), raw=without_search_attributes(html))


@dataclass(frozen=True)
class _Line:
    """What one line of a figure gives, wherever it stands in the figure but first (see :class:`RawLines`)."""

    ids: frozenset[str]
    raw: str
    raw_bytes: bytes
    tagged: bool
    """Whether it starts with a tag and its quotes pair up: no attribute goes on across its ends."""
    plain: bool
    """Whether it holds no tag that search or the figure's shape depends on (see :data:`_NOT_PLAIN`)."""
    whole: bool
    """Whether it makes no blank line, does not close the figure and asks for no Markdown (see :func:`raw_at`)."""


_NOT_WHOLE = ("\n\n", "</figure>", "markdown=")
"""What a line of a figure :func:`raw_at` sets aside holds none of: a blank line, the figure's end, a request
for Markdown inside."""
_NOT_PLAIN = ("<svg", "</svg", "<figure", "</figure", "<div", "</div", "<script", "<h")
"""Tags whose ends :func:`~generator.serve.search.without_search_excluded` looks for across a skipped
element, or that start a search section: a line of a figure's SVG holding none of them is skipped with the
SVG, whatever else it holds."""


class RawLines:
    """A figure made of lines (:meth:`~generator.site.markdown.RawHtml.joined`) set aside line by line: what
    search reads of it, its ids and its bytes come from what each line gave, kept for the next build while
    the line is the very same text. A save at 5,000 devices changes one row of each list figure (a line of
    a few kilobytes to hundreds), where reading the whole figure took six passes over 13 MB.

    The same as :func:`raw_block` of the whole by construction: search skips the figure's SVG, marked
    ``data-search-exclude`` (:func:`~generator.site.figures.svg.svg`), as one element, and drops nothing of
    the lines around it that it would not drop with the SVG in place, when the SVG's lines are plain; ids
    and search attributes lie within a line, as a figure's quotes are all escaped but the attributes'.
    ``tests/test_serve_parts.py`` compares both on every figure of a site."""

    def __init__(self) -> None:
        self._lines: dict[str, _Line] = {}
        self._now: dict[str, _Line] = {}
        self._last: tuple[Sequence[str], list[_Line]] | None = None

    def _made(self, lines: Sequence[str]) -> list[_Line]:
        """What each line of a figure but the first gives: the lines of the last build (nearly all of them) looked
        up in one pass of C, the others made; once for the lines :meth:`figure_shaped` and :meth:`block` ask."""
        if self._last is not None and self._last[0] is lines:
            return self._last[1]
        rest = lines[1:]
        found = list(map(self._lines.get, rest))
        for i in itertools.compress(range(len(found)), map(operator.is_, found, itertools.repeat(None))):
            found[i] = self._now.get(rest[i]) or _made_line(rest[i])
        made = typing.cast("list[_Line]", found)
        self._now.update(zip(rest, made, strict=True))
        self._last = (lines, made)
        return made

    def figure_shaped(self, lines: Sequence[str]) -> bool:
        """True when ``lines`` make a raw block :func:`raw_at` can set aside as a figure (a ``<figure>`` line,
        whole lines, ``</figure>``); False when that is for :func:`raw_at` to find out."""
        if len(lines) < 2 or lines[-1] != "</figure>" or "\n" in lines[0] or not lines[0].endswith(">"):
            return False
        if lines[0][:8] not in ("<figure ", "<figure>") or "</figure>" in lines[0] or "markdown=" in lines[0]:
            return False
        return all(map(_WHOLE, self._made(lines)[:-1]))

    def block(self, lines: Sequence[str]) -> _Block | None:
        """The block of ``lines`` (see the class's docstring); None when they are not a figure whose SVG, on
        lines of its own, search skips whole."""
        if not lines:
            return None
        svg = next((i for i, line in enumerate(lines) if line.startswith("<svg")), 0)
        end = len(lines) - 1 - lines[::-1].index("</svg>") if "</svg>" in lines else 0
        if not 0 < svg < end < len(lines) - 1 or lines[svg].count("<") != 1:
            return None
        opening = MARKED.match(lines[svg])
        made = self._made(lines)
        if opening is None or opening.group(1) != "svg" or not all(made[i - 1].plain for i in range(svg + 1, end)):
            return None
        if not all(m.tagged for m in made) or lines[0].count('"') % 2:
            return None
        around = "\n".join(lines[:svg]) + "\n\n" + "\n".join(lines[end + 1 :])
        first = without_search_attributes(lines[0])
        return _Block(
            without_search_excluded(around),
            _ids(lines[0]).union(*(m.ids for m in made)),
            raw="\n".join([first, *(m.raw for m in made)]),
            raw_bytes=b"\n".join([_utf8(first), *(m.raw_bytes for m in made)]),
        )

    def end_build(self) -> None:
        self._lines, self._now, self._last = self._now, {}, None


def _made_line(line: str) -> _Line:
    raw = without_search_attributes(line)
    return _Line(
        _ids(line),  # (it starts with a tag: no id at its start, which the whole would count)
        raw,
        _utf8(raw),
        line.startswith("<") and line.count('"') % 2 == 0,
        not any(tag in line for tag in _NOT_PLAIN),
        bool(line) and line[0] != "\n" and line[-1] != "\n" and not any(map(line.__contains__, _NOT_WHOLE)),
    )


_WHOLE = operator.attrgetter("whole")


_skipped_by_search = re.compile(r"data-search-exclude|<script|<h[1-6]\b")
"""What could make search skip more than a row: the frame of a block holds none of it."""


def sub_blocks(
    text: str, start: re.Pattern[str], block: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> str:
    """``text`` with each ``block`` that stands at its start or after a blank line (where ``start`` finds it)
    replaced by ``replace(match)``: what ``re.sub`` of the block with ``(?:(?<=\\n\\n)|\\A)`` before it gives,
    without trying the block at every position of a page of thousands of rows."""
    out, pos = [], 0
    for at in itertools.chain([0], (found.end() for found in start.finditer(text))):
        if at < pos or (found := block.match(text, at)) is None:
            continue
        out += [text[pos:at], replace(found)]
        pos = found.end()
    out.append(text[pos:])
    return "".join(out)


def _pieces(rows: list[str], most: int = 16, most_text: int = 400) -> list[tuple[str, ...]]:
    """Rows (each a line, or lines, with its line end) grouped into pieces of up to ``most`` rows, cut after
    a row whose hash says so (1 in 4), or once a piece holds ``most_text`` characters: a save converts
    again the piece its row is in, and looks the others up (thousands) by their rows, whose hashes Python
    keeps with each row's text. Python-Markdown takes about 1 ms a kilobyte and 0.2 ms a call, so a piece
    of a few rows of a table, or one long item of the sources page, costs a save little more than its
    row. (The cuts are the same in one process, where the pieces are kept; a cut by size is found again
    after the next cut by hash.)"""
    pieces: list[tuple[str, ...]] = []
    start = size = 0
    for i, row in enumerate(rows):
        size += len(row)
        if hash(row) & 3 == 0 or size >= most_text or i + 1 - start == most:
            pieces.append(tuple(rows[start : i + 1]))
            start, size = i + 1, 0
    if start < len(rows):
        pieces.append(tuple(rows[start:]))
    return pieces


def _ids(html: str) -> frozenset[str]:
    """The ids of the elements in ``html`` (``id="…"`` after a space, as MkDocs' anchor finder reads them)."""
    return frozenset(
        found.group(1) for found in TableCache.ID.finditer(html) if found.start() and html[found.start() - 1].isspace()
    )


def _block_at(markdown_text: str, rows: list[str], cursor: int, head_lines: int) -> tuple[int, str, int] | None:
    """Where the block whose rows are ``rows`` stands in the page, from ``cursor`` on: its start (its head
    of ``head_lines`` lines (a table's), after a blank line or the page's start), its head, and its end
    (before a blank line or the page's end); None when the rows are not a whole block's there."""
    body = "".join(rows)
    at = _first_whole(markdown_text, rows[0], body, cursor)
    if at < 0 or (at and markdown_text[at - 1] != "\n"):
        return None
    start = at
    for _ in range(head_lines):
        start = markdown_text.rfind("\n", 0, start - 1) + 1 if start else -1
        if start < 0 or not markdown_text.startswith("|", start):
            return None
    end = at + len(body)
    if not (start == 0 or markdown_text[start - 2 : start] == "\n\n") or markdown_text[end : end + 1] not in ("", "\n"):
        return None
    return start, markdown_text[start:at], end


def _first_whole(text: str, head: str, whole: str, start: int) -> int:
    """Where ``whole`` (which begins with ``head``) first stands in ``text`` from ``start`` on, or -1: found by
    its head and compared from there, which is quicker than searching megabytes for a needle of megabytes."""
    at = text.find(head, start)
    while at >= 0 and not text.startswith(whole, at):
        at = text.find(head, at + 1)
    return at


def raw_at(markdown_text: str, html: str, shaped: bool = False) -> tuple[int, int] | None:
    """Where the raw HTML block ``html`` (a figure, or a script's data) stands in the page as one that
    :attr:`TableCache.RAW` finds there and :meth:`TableCache.take_out` sets aside (at the page's start or
    after a blank line, before one or at the page's end, in the form the pattern describes): from its start
    to the end of its line. None when it does not: then the pattern looks for it. ``shaped``: its form is
    known to be a figure's already (:meth:`RawLines.figure_shaped`)."""
    line_end = html.find("\n")
    first_line = html if line_end < 0 else html[:line_end]  # (not split: that copies the megabytes after it)
    at = _first_whole(markdown_text, first_line, html, 0)
    if at < 0 or (at and markdown_text[at - 2 : at] != "\n\n"):
        return None
    end = at + len(html)
    after = markdown_text[end : end + 2]
    if after not in ("", "\n", "\n\n") or not (shaped or _raw_shaped(html, first_line)):
        return None
    return at, end + 1 if after else end


def _raw_shaped(html: str, first_line: str) -> bool:
    """Whether ``html`` has the form :attr:`TableCache.RAW` describes: a figure (a ``<figure>`` line, no
    blank line, ``</figure>`` on a line of its own at its end) or a script's JSON data on one line."""
    if "markdown=" in html:
        return False
    if html.startswith("<figure"):
        shaped = html[7:8] in (" ", ">") and first_line.endswith(">") and "\n\n" not in html
        return shaped and html.endswith("\n</figure>") and html.find("\n</figure>") == len(html) - len("\n</figure>")
    script = '<script type="application/json"'
    shaped = html.startswith(script) and html.endswith("</script>") and "\n" not in html
    return shaped and "<" not in html[len(script) : -len("</script>")]
