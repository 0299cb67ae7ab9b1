"""Every page of the built site, in Chromium: it loads with no console error, no failed request and no
request to any host but the site's own (the theme loads no web fonts, no CDN, no analytics), and axe
finds no accessibility violation on it (light scheme, desktop; test_accessibility.py covers the dark
scheme, the phone, and the search dialog and navigation drawer opened).

One browser page walks them all, which is much quicker than a test per page; a failure lists every
page's problems at once.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Each table of the page's text sits in one scroll wrapper, made when the page was built
# (generator/site/tables.py): with Material's script run, none is wrapped twice or left without one.
TABLES_NOT_WRAPPED_ONCE = """() => [...document.querySelectorAll("article table:not(.ll-side__table)")]
  .filter(t => !(t.parentElement.matches(".md-typeset__table")
    && t.parentElement.parentElement.matches(".md-typeset__scrollwrap")
    && !t.parentElement.parentElement.parentElement.closest(".md-typeset__scrollwrap")))
  .map(t => (t.className || "(no class)") + " in " + t.parentElement.className)"""

# A table fills its bordered box: its rows as wide as the box, not only as wide as their text (an inline
# block 100% wide drew its border across the column and its rows half-way, on the concept's page).
TABLES_WITH_SHORT_ROWS = """() => [...document.querySelectorAll("article .md-typeset__table > table")]
  .filter(t => t.rows.length && t.clientWidth - t.rows[0].offsetWidth > 4)
  .map(t => (t.rows[0].cells[0] || {}).textContent + ": rows " + t.rows[0].offsetWidth + " px of " + t.clientWidth)"""


def test_sitemap_lists_the_pages_of_every_kind(site):
    kinds = set(site.kinds)
    assert {"home", "page", "index", "device", "company", "partnership", "sensor"} <= kinds, kinds
    # The pages the issue names by name.
    assert "devices/panasonic-lumix-dmc-cm1/" in site.paths
    assert "devices/xiaomi-12s-ultra/" in site.paths


def test_every_page_loads_cleanly_asks_only_its_own_host_and_passes_axe(site, reader, axe):
    page = reader.page
    problems: list[str] = []
    violations: list[str] = []
    for path in [*site.paths, site.not_found]:
        reader.load(path)  # waits for the search worker, the last thing a page loads
        if not page.locator("article h1").first.is_visible():
            problems.append(f"/{path}: no visible h1")
        if unwrapped := page.evaluate(TABLES_NOT_WRAPPED_ONCE):
            problems.append(f"/{path}: tables not in one scroll wrapper each: {unwrapped}")
        if short := page.evaluate(TABLES_WITH_SHORT_ROWS):
            problems.append(f"/{path}: table rows narrower than their box: {short}")
        problems += reader.problems()
        reader.clear()
        violations += axe(reader)
    assert not problems, "\n".join(problems)
    assert not violations, "\n".join(violations)
    axe.warn_known()


def test_a_request_to_another_host_is_caught_and_never_sent(reader):
    """The check above can fail: a page asking another host is recorded, and the request is aborted
    inside the browser (``.invalid`` is a reserved name that never resolves, either)."""
    reader.goto("")
    reader.page.evaluate("fetch('https://fonts.example.invalid/font.woff2').catch(() => null)")
    reader.page.wait_for_function("true")
    reader.page.wait_for_timeout(200)
    assert reader.foreign == ["https://fonts.example.invalid/font.woff2"]
    assert any("other host" in p for p in reader.problems())
