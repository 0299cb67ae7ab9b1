"""The concept's figures as a reader meets them: on their own pages and on the hand-written pages that
show them, axe finds no violation in the dark scheme (test_pages.py covers the light one), the figures
are drawn inline on those pages, and nothing is requested from another host."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOWN = {
    "": ["lens-on-sensor-compact"],
    "concept/": ["camera-module", "flange", "lens-on-sensor"],
    "explainers/leica-m-mount/": ["flange", "lens-on-sensor"],
    "figures/lens-on-sensor/": ["lens-on-sensor"],
    "figures/flange/": ["flange"],
    "figures/camera-module/": ["camera-module"],
}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_concept_figures_dark(open_page, axe, viewport):
    reader = open_page(viewport=viewport, scheme="dark")
    violations: list[str] = []
    for path, names in SHOWN.items():
        reader.load(path)
        found = reader.page.eval_on_selector_all("figure.ll-figure", "els => els.map(e => e.id.replace('figure-', ''))")
        assert found == names, path
        # Every figure is drawn (has a size), and its SVG is named for assistive technology.
        for name in names:
            svg = reader.page.locator(f"#figure-{name} svg")
            box = svg.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100, (path, name)
            assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-labelledby")
        violations += axe(reader)
    assert not violations, "\n".join(violations)
    assert not reader.problems(), reader.problems()
