"""The parts of a serve rebuild that must give what MkDocs, Python-Markdown or Material would: blocks found
in a page as the regular expressions that describe them find them, and the search plugin's attributes
removed as it removes them; and files written as MkDocs writes them."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest

from generator.catalogue.checking import load_catalogue
from generator.serve import pieces
from generator.serve.patch import written_over
from generator.serve.pieces import TableCache, raw_at, sub_blocks
from generator.serve.search import SEARCH_ATTRIBUTES, without_search_attributes
from generator.site.build import RenderMemo, build_outputs
from generator.site.figures import svg
from generator.site.fragments import SWEEP_EVERY
from generator.site.markdown import RawHtml
from tests.helpers import REPO

TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
TEXTS = [
    TABLE,
    "Intro.\n\n" + TABLE + "\n" + TABLE + "\nAfter.\n",
    "Intro.\n" + TABLE + "\nNot after a blank line, so not a block.\n",
    "- one\n- two\n  goes on\n\n- three\n\n1. x\n2. y\n",
    'Text\n\n<figure class="f">\n<svg>\n</svg>\n</figure>\n\n<figure markdown>\n</figure>\n',
    'Text\n\n<script type="application/json" id="d">{"a":"\\u003c"}</script>\n\nAfter.\n\n<script>x</script>\n',
    "\n\n\n| x |\n|---|\n| y |",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_blocks_are_found_where_the_patterns_with_a_lookbehind_find_them(text: str) -> None:
    kinds = [(start, block) for _, start, block, *_ in TableCache.BLOCKS] + [(TableCache.RAW_START, TableCache.RAW)]
    for start, block in kinds:
        whole = re.compile(r"(?:(?<=\n\n)|\A)" + block.pattern)
        mark = lambda found: f"<{len(found.group(1))}>"  # noqa: E731
        assert sub_blocks(text, start, block, mark) == whole.sub(mark, text), block.pattern


FIGURE = '<figure class="ll-figure" id="figure-a">\n<svg>\n</svg>\n</figure>'
SCRIPT = '<script type="application/json" id="d">{"a":"\\u003c"}</script>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (FIGURE + "\n", FIGURE),
        ("Intro.\n\n" + FIGURE + "\n\nAfter.\n", FIGURE),
        ("Intro.\n\n" + FIGURE, FIGURE),
        ("Intro.\n" + FIGURE + "\n\nAfter.\n", FIGURE),  # no blank line before: not a block
        ("Intro.\n\n" + FIGURE + "\nAfter.\n", FIGURE),  # no blank line after
        ("Intro.\n\n" + FIGURE + "x\n\nAfter.\n", FIGURE),
        (
            "Intro.\n\n" + FIGURE.replace("<svg>", "<svg>\n</figure>\n<svg>") + "\n",
            FIGURE.replace("<svg>", "<svg>\n</figure>\n<svg>"),
        ),
        ("Intro.\n\n" + FIGURE.replace(">", " markdown>", 1) + "\n", FIGURE.replace(">", " markdown>", 1)),
        ("A\n\n" + SCRIPT + "\n\nB\n", SCRIPT),
        ("A\n\n" + SCRIPT.replace("\\u003c", "<b>") + "\n\nB\n", SCRIPT.replace("\\u003c", "<b>")),
        ("A\n\n" + FIGURE + "\n\n" + FIGURE + "\n", FIGURE),  # the first of two
        ("A\n\nNot here.\n", FIGURE),
    ],
)
def test_a_raw_block_the_generator_tells_of_is_found_where_the_pattern_finds_it(text: str, html: str) -> None:
    found: list[tuple[int, int]] = []

    def where(match: re.Match[str]) -> str:
        if not found and match.group(1).rstrip("\n") == html and "markdown=" not in html:
            found.append((match.start(), match.end()))
        return match.group(0)

    sub_blocks(text, TableCache.RAW_START, TableCache.RAW, where)
    assert raw_at(text, html) == (found[0] if found else None)


@pytest.mark.parametrize(
    "html",
    [
        "<p data-search-exclude>a</p>",
        '<h2 id="x" data-search-boost="2">X</h2> <p data-search-exclude="">b</p>',
        '<div\ndata-search-exclude="yes">c</div>',
        "no attributes at all",
    ],
)
def test_search_attributes_go_as_the_search_plugin_removes_them(html: str) -> None:
    assert without_search_attributes(html) == SEARCH_ATTRIBUTES.sub("", html)


def test_pieces_no_build_uses_are_forgotten_in_time() -> None:
    """Pieces are swept every SWEEP_EVERY builds, not after each (at 5,000 devices the bookkeeping of tens
    of thousands of pieces cost more than the rest of a save's): a block no build converts any more is
    forgotten in time, one converted in every build is kept."""

    class Converter:  # what TableCache._convert asks of Python-Markdown, for a table in its wrappers
        def reset(self) -> None:
            pass

        def convert(self, text: str) -> str:
            rows = "\n".join(f"<tr><td>{line.strip('| ')}</td></tr>" for line in text.splitlines()[2:])
            return f"<div>\n<div>\n<table>\n<thead>\nh\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n</div>"

    cache, head = TableCache(), "| h |\n|---|\n"
    kept = [f"| kept {i} |\n" for i in range(40)]
    gone = [f"| gone {i} |\n" for i in range(40)]
    made = []
    for rows, uri in ((kept, "kept.md"), (gone, "gone.md")):
        assert cache.convert_block(uri, "table", head, rows, Converter(), TableCache.TABLE_HTML) is not None
        made.append(cache.converted - sum(made))
    cache.end_build()
    for _ in range(2 * SWEEP_EVERY):
        cache.convert_block("kept.md", "table", head, kept, Converter(), TableCache.TABLE_HTML)
        assert (cache.converted, cache.reused) == (0, made[0])
        cache.end_build()
    cache.convert_block("gone.md", "table", head, gone, Converter(), TableCache.TABLE_HTML)
    assert (cache.converted, cache.reused) == (made[1], 0)
    assert made[1] > 1  # (40 rows: several pieces)


def test_pieces_hold_every_row_once_in_order_and_stay_small() -> None:
    """A block is cut into pieces of a few rows, or a few hundred characters: a save converts again the piece
    its row is in (Python-Markdown takes about 1 ms a kilobyte), so a long item of the sources page is a
    piece of its own, and no piece of short rows holds more than 16 of them."""
    cut_into_pieces = pieces._pieces  # noqa: SLF001
    short = [f"| row {i} |\n" for i in range(300)]
    long = [f"- item {i} " + "x" * (300 * (i % 5)) + "\n" for i in range(300)]
    for rows in (short, long):
        cut = cut_into_pieces(rows)
        assert [row for piece in cut for row in piece] == rows
        assert max(map(len, cut)) <= 16
        assert all(sum(map(len, piece[:-1])) < 400 for piece in cut)  # only its last row takes it past 400
    assert max(len(piece) for piece in cut_into_pieces(long) if len(piece[0]) > 400) == 1
    assert max(len(piece) for piece in cut_into_pieces(short)) > 4  # (cuts by hash alone, 1 in 4: some longer)


def test_a_file_written_over_holds_the_new_bytes_alone_as_a_fresh_write_would(tmp_path: Path) -> None:
    old, longer, shorter = b"old page " * 1000, b"a longer page " * 2000, b"short"
    written_over(old, str(tmp_path / "new" / "index.html"))  # (its folder is made)
    assert (tmp_path / "new" / "index.html").read_bytes() == old
    for content in (longer, shorter, b"", old):
        written_over(content, str(tmp_path / "new" / "index.html"))
        assert (tmp_path / "new" / "index.html").read_bytes() == content
    with open(tmp_path / "fresh", "wb"):  # the mode a new file gets: open()'s, under the same umask
        pass
    assert os.stat(tmp_path / "new" / "index.html").st_mode == os.stat(tmp_path / "fresh").st_mode


def test_a_block_with_rows_changed_in_place_is_what_a_fresh_conversion_gives() -> None:
    """A save changes a row or two of a list of thousands: the block of last time is taken with only the
    pieces holding a changed row converted again, and it must be what converting the new rows gives."""
    converter = markdown.Markdown(extensions=["tables", "generator.site.tables", "attr_list"])
    head = "| Device | Note |\n|---|---|\n"
    rows = [f'| <span id="d{i}"></span>[Device {i}](d{i}.md) | *n* {i} |\n' for i in range(200)]
    cache = TableCache()
    first = cache.convert_block("list.md", "table", head, rows, converter, TableCache.TABLE_HTML)
    assert first is not None
    cache.end_build()
    for changed in ([17], [0, 199], [3, 4, 5, 120]):
        new_rows = list(rows)
        for i in changed:
            new_rows[i] = f'| <span id="e{i}"></span>**Renamed {i}** | &mdash; |\n'
        kept = cache.block_again("list.md", "table", head, new_rows, (rows, first), converter)
        fresh = TableCache().convert_block("list.md", "table", head, new_rows, converter, TableCache.TABLE_HTML)
        assert kept is not None and fresh is not None
        assert (kept.html, kept.searchable, kept.ids) == (fresh.html, fresh.searchable, fresh.ids)
        assert f'id="e{changed[0]}"' in kept.html and "e" + str(changed[0]) in kept.ids
        assert 1 <= cache.converted <= len(changed)  # only the pieces holding a changed row
        cache.end_build()
    # Rows that came or went: not this way (the pieces are found again by their rows).
    assert cache.block_again("list.md", "table", head, rows[:-1], (rows, first), converter) is None


def test_blocks_put_back_as_a_page_is_written_give_the_bytes_of_blocks_put_back_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page built in place gets its blocks back as its HTML is written (as UTF-8), not before the theme's
    template copies it: the same bytes as the page with its blocks put back, then encoded."""
    converter = markdown.Markdown(extensions=["tables", "generator.site.tables", "attr_list"])
    monkeypatch.setattr(TableCache, "_converter", lambda *_: converter)  # (MkDocs' own needs a whole site)
    rows = [f"| [Dévice {i}](d{i}.md) — {i} € | x |\n" for i in range(40)]
    figure = '<figure class="ll-figure" id="figure-a">\n<svg data-search-x="1"><text>é—€</text></svg>\n</figure>'
    text = f"# Page\n\n{figure}\n\n| Device | X |\n|---|---|\n{''.join(rows)}\nAfter — the end.\n"
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri="list.md", abs_dest_path="/site/list/index.html"))
    page.present_anchor_ids = set()
    html = {}
    for when_written in (False, True):
        cache = TableCache()
        kept = cache.take_out(text, page, {}, None, [("table", rows), ("raw", [figure])])  # type: ignore[arg-type]
        assert kept.count("data-ll-block") == 2
        shell = "<html><body>" + converter.reset().convert(kept) + "</body></html>"
        if when_written:
            cache.put_back_when_written(page)
            html[when_written] = cache.written(shell.encode(), page.file.abs_dest_path)
        else:
            html[when_written] = cache.put_back(shell, page).encode()
    assert html[True] == html[False]
    assert b"data-ll-block" not in html[True] and "Dévice 39".encode() in html[True] and "é—€".encode() in html[True]


def test_a_figure_set_aside_line_by_line_is_the_figure_set_aside_whole() -> None:
    """Every figure the generator draws for the real data, and a figure whose SVG holds what search's reading
    depends on (which must be read whole): line by line (kept lines reused), what search reads of it, its ids,
    its HTML and its bytes are those of the whole, and it is found where the whole is found."""
    memo = RenderMemo()
    build_outputs(load_catalogue(REPO / "data", repo_root=REPO), memo=memo)
    figures = [html for rows in memo.fragments.rows.values() for kind, (html, *_) in rows if kind == "raw"]
    figures = [f for f in figures if isinstance(f, RawHtml) and f.lines]
    assert len(figures) >= 3  # the timeline, launches and sensors figures at least
    heading = svg.figure("odd", svg.svg("odd", 10, 10, "T", "D", ["<h2>x</h2>", '<g id="a"></g>']), "Cap")
    lines = pieces.RawLines()
    for html in [*figures, heading, *figures]:  # twice: the second time from lines kept
        whole = pieces.raw_block(html)
        made = lines.block(html.lines)
        assert (made is None) == (html is heading)
        if made is not None:
            assert (made.searchable, made.ids, made.html, made.html_bytes) == (
                whole.searchable,
                whole.ids,
                whole.html,
                whole.html_bytes,
            )
        page = f"Intro.\n\n{html}\n\nAfter.\n"
        assert raw_at(page, html, lines.figure_shaped(html.lines)) == raw_at(page, html) is not None
        lines.end_build()
