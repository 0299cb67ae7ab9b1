"""A Python-Markdown extension (``mkdocs.yml``: ``generator.site.tables``): every Markdown table is written
as Material's script would rewrite it, inside its scroll wrapper and with the class ``ll-table``.

Material wraps each table without a class (``table:not([class])``) in two ``<div>`` when the page starts:
taking every table out of the page and putting it back, which made the browser lay out the whole page
again and paint the tables a second time (on /compare/ and /devices/ most of Lighthouse's blocking time,
and the late paint was their largest one). Wrapped here, with a class, Material leaves them alone, and
without JavaScript a wide table scrolls in its wrapper too. Material styles only tables without a class:
its rules are repeated for ``table.ll-table`` in ``docs/stylesheets/site.css``, and
``tests/test_tables.py`` checks that none is missing.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

TABLE_CLASS = "ll-table"
WRAPPERS = ("md-typeset__scrollwrap", "md-typeset__table")
"""The two ``<div>`` Material puts around a table, outermost first."""


class _WrapTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table" and "class" not in child.attrib:
                    child.set("class", TABLE_CLASS)
                    outer = etree.Element("div", {"class": WRAPPERS[0]})
                    inner = etree.SubElement(outer, "div", {"class": WRAPPERS[1]})
                    outer.tail, child.tail = child.tail, None
                    parent.remove(child)
                    inner.append(child)
                    parent.insert(index, outer)


class TablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # After the tables and md_in_html have made their elements, before "prettify" (10) lays out lines.
        md.treeprocessors.register(_WrapTables(md), "ll_tables", 15)


def makeExtension(**kwargs: object) -> TablesExtension:  # noqa: N802 (how Python-Markdown loads it)
    return TablesExtension(**kwargs)
