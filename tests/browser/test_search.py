"""Search as a reader does it: from the keyboard ("/" focuses the box), typing, then Enter or the arrows.

The CM1 is found by its model name and by its lens (its data names a "Leica DC Elmarit"), the 12S Ultra
by its sensor, and a partnership by its camera brand's name. Enter opens the first result, and that
result is the page it names; the arrow keys reach the expected page, which opens on Enter.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CM1 = "devices/panasonic-lumix-dmc-cm1/"
ULTRA = "devices/xiaomi-12s-ultra/"
RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"


def search(reader, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the search box from the keyboard; the page-level results, as (path, title)."""
    page = reader.page
    box = page.locator("input.md-search__input")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement?.matches('input.md-search__input')")
    box.press_sequentially(query, delay=25)
    # Wait until the results are those of the whole query and have stopped changing.
    page.wait_for_selector(RESULT_LINKS, timeout=10_000)
    previous: list[tuple[str, str]] | None = None
    for _ in range(40):
        results = page.locator(RESULT_LINKS).evaluate_all(
            "links => links.map(a => [a.href, (a.querySelector('h1') || a).textContent.trim()])"
        )
        current = [(path_of(reader, href), title) for href, title in results]
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(150)
    return previous or []


def path_of(reader, url: str) -> str:
    parts = urlsplit(url)
    assert url.startswith(reader.site.url), f"result {url} is not on the site"
    return parts.path[len(urlsplit(reader.site.url).path) :]


def h1(reader) -> str:
    """The page's title as the reader sees it, without the permalink mark."""
    return reader.page.locator("article h1").first.evaluate(
        "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());"
        " return c.textContent.trim() }"
    )


def open_with_enter(reader, expected: str) -> None:
    with reader.page.expect_navigation():
        reader.page.keyboard.press("Enter")
    reader.page.wait_for_load_state("load")
    assert path_of(reader, reader.page.url) == expected


def open_with_arrows(reader, target: str) -> None:
    """ArrowDown through the results until the link to ``target`` has the focus, then Enter."""
    page = reader.page
    for _ in range(60):
        page.keyboard.press("ArrowDown")
        href = page.evaluate("document.activeElement && document.activeElement.href || ''")
        if href and path_of(reader, href.split("#")[0]) == target and "#" not in href:
            break
    else:
        pytest.fail(f"the arrow keys never reached /{target}")
    open_with_enter(reader, target)


def partnership_and_brand(site) -> tuple[str, str]:
    """A partnership page and the camera brand named first in its title ("Hasselblad – Oppo")."""
    path = sorted(site.of_kind("partnership"))[0]
    html = site.file(path).read_text()
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert title, f"/{path} has no h1"
    text = re.sub(r"<[^>]+>", "", title.group(1)).strip()
    brand = re.split(r"\s+[–—-]\s+|\s+and\s+|\s*[×x]\s+", text)[0].strip()
    return path, brand


@pytest.mark.parametrize(
    ("query", "expected", "first"),
    [
        pytest.param("CM1", CM1, True, id="CM1"),
        pytest.param("Elmarit", CM1, True, id="Elmarit"),
        pytest.param("IMX989", ULTRA, False, id="IMX989"),
        # A maker is a tag of its devices: the tag stays on each page's own entry in the index.
        pytest.param("Panasonic", CM1, False, id="tag"),
    ],
)
def test_search_from_the_keyboard(reader, query, expected, first):
    check(reader, query, expected, first)


def test_search_finds_a_partnership_by_its_brand(reader, site):
    path, brand = partnership_and_brand(site)
    check(reader, brand, path, first=False)


def check(reader, query: str, expected: str, first: bool) -> None:
    reader.goto("")
    results = search(reader, query)
    paths = [p for p, _ in results]
    assert expected in paths, f"{query!r}: /{expected} not among the results {paths}"
    if first:
        assert paths[0] == expected, f"{query!r}: first result is /{paths[0]}, not /{expected}"
    # Enter opens the first result, and it is the page the result names.
    first_path, first_title = results[0]
    open_with_enter(reader, first_path)
    assert h1(reader) == first_title, f"{query!r}: result {first_title!r} opened a page titled {h1(reader)!r}"
    # The highlighted terms of the query are marked on the page the result opened.
    if "?h=" in reader.page.url and urlsplit(reader.page.url).query != "h=":
        reader.page.wait_for_selector("article mark", timeout=5_000)
    if not first:
        reader.goto("")
        search(reader, query)
        open_with_arrows(reader, expected)
    assert not reader.problems(), reader.problems()
