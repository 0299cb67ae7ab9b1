"""The parts of a serve rebuild that must give what MkDocs, Python-Markdown or Material would: blocks found
in a page as the regular expressions that describe them find them, and the search plugin's attributes
removed as it removes them."""

from __future__ import annotations

import re

import pytest

from generator.serve.pieces import TableCache, sub_blocks
from generator.serve.search import SEARCH_ATTRIBUTES, without_search_attributes

TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
TEXTS = [
    TABLE,
    "Intro.\n\n" + TABLE + "\n" + TABLE + "\nAfter.\n",
    "Intro.\n" + TABLE + "\nNot after a blank line, so not a block.\n",
    "- one\n- two\n  goes on\n\n- three\n\n1. x\n2. y\n",
    'Text\n\n<figure class="f">\n<svg>\n</svg>\n</figure>\n\n<figure markdown>\n</figure>\n',
    "\n\n\n| x |\n|---|\n| y |",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_blocks_are_found_where_the_patterns_with_a_lookbehind_find_them(text: str) -> None:
    kinds = [(start, block) for _, start, block, *_ in TableCache.BLOCKS] + [
        (TableCache.FIGURE_START, TableCache.FIGURE)
    ]
    for start, block in kinds:
        whole = re.compile(r"(?:(?<=\n\n)|\A)" + block.pattern)
        mark = lambda found: f"<{len(found.group(1))}>"  # noqa: E731
        assert sub_blocks(text, start, block, mark) == whole.sub(mark, text), block.pattern


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
