"""Tables are wrapped when the page is built (generator/site/tables.py), so Material's script leaves them
alone, and they look as Material styles its own: each of its rules for a table without a class is
repeated for ``table.ll-table`` in docs/stylesheets/site.css."""

from __future__ import annotations

import re
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import material

from generator.site.tables import TABLE_CLASS, WRAPPERS
from tests.helpers import REPO

MATERIAL_CSS = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
OURS = REPO / "docs/stylesheets/site.css"
TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"


def _rules(css: str, selector: str) -> set[str]:
    """Every rule (with the media query it is in) whose selector names ``selector``, spaces removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, media = set(), ""
    for match in re.finditer(r"(@media[^{]*\{)|([^{}]+)\{([^{}]*)\}|(\})", css):
        if match[1]:
            media = match[1].strip()
        elif match[4]:
            media = ""
        elif selector in match[2]:
            found.add(re.sub(r"\s+", "", f"{media}{match[2]}{{{match[3]}}}"))
    return found


def test_material_styles_tables_without_a_class_and_we_repeat_each_rule_for_ours() -> None:
    theirs = _rules(MATERIAL_CSS.read_text(encoding="utf-8"), "table:not([class])")
    ours = _rules(OURS.read_text(encoding="utf-8"), f"table.{TABLE_CLASS}")
    assert len(theirs) >= 10, "Material's rules for tables were not found: has its stylesheet changed?"
    missing = {rule.replace("table:not([class])", f"table.{TABLE_CLASS}") for rule in theirs} - ours
    assert not missing, (
        f"Material's table rules missing from {OURS.name} (repeat them for .{TABLE_CLASS}):\n"
        + "\n".join(sorted(missing))
    )


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "md_in_html", "generator.site.tables"])


def test_a_markdown_table_is_written_inside_materials_wrappers_with_a_class() -> None:
    html = _html(f"Before.\n\n{TABLE}\nAfter.")
    outer, inner = WRAPPERS
    assert re.search(
        rf'<p>Before.</p>\s*<div class="{outer}">\s*<div class="{inner}">\s*<table class="{TABLE_CLASS}">.*?</table>'
        r"\s*</div>\s*</div>\s*<p>After.</p>",
        html,
        re.S,
    ), html
    assert html.count("<table") == 1


def test_tables_inside_markdown_blocks_are_wrapped_and_raw_html_tables_are_not_touched() -> None:
    html = _html(f"<div markdown data-search-exclude>\n\n{TABLE}\n</div>\n\n<table><tr><td>raw</td></tr></table>\n")
    assert html.count(f'<table class="{TABLE_CLASS}">') == 1
    assert "<table><tr><td>raw</td></tr></table>" in html
    assert html.count(WRAPPERS[0]) == 1
