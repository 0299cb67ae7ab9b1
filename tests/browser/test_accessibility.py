"""axe-core (from node_modules, injected into the page) finds no violation on one page of every kind in
the dark scheme, on a desktop and on a phone, nor in the open search dialog with results (both
schemes), nor in the open navigation drawer (both schemes). test_pages.py runs it on every page of
the site in the light scheme."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_kind_dark(site, open_page, axe, viewport):
    reader = open_page(viewport=viewport, scheme="dark")
    violations: list[str] = []
    for path in [*site.kinds.values(), site.not_found]:
        reader.load(path)
        assert reader.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        violations += axe(reader)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_with_results(open_page, axe, scheme):
    reader = open_page(scheme=scheme)
    reader.load("")
    page = reader.page
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("Leica", delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)
    violations = axe(reader)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_navigation_drawer(site, open_page, axe, scheme):
    reader = open_page(viewport="phone", scheme=scheme)
    reader.load(site.kinds["device"])
    reader.page.locator("label.md-header__button[for='__drawer']").click()
    reader.page.wait_for_function(
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    reader.page.wait_for_timeout(300)  # the drawer slides in
    violations = axe(reader)
    assert not violations, "\n".join(violations)
