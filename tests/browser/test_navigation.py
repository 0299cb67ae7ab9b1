"""Getting around as a reader: the navigation, the light/dark toggle, the 404 page and a phone's screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CM1 = "devices/panasonic-lumix-dmc-cm1/"
SCHEME = "document.body.dataset.mdColorScheme"
BACKGROUND = "getComputedStyle(document.body).backgroundColor"
# The light/dark toggle: the label of the palette to switch to (overrides/partials/palette.html).
TOGGLE = ".md-header__option label:visible"


def here(reader) -> str:
    return reader.page.url[len(reader.site.url) :].split("#")[0].split("?")[0]


def click_and_wait(reader, locator) -> None:
    with reader.page.expect_navigation():
        locator.click()
    reader.page.wait_for_load_state("load")


def click_until_it_opens(reader, locator, path: str, attempts: int = 3) -> None:
    """Click ``locator`` until ``path`` opens: Material can draw its search results again as one is clicked
    (on a busy machine, in two full runs), and the click on the link it took away opens nothing."""
    for attempt in range(attempts):
        try:
            with reader.page.expect_navigation(timeout=10_000):
                locator.click(timeout=10_000)
        except PlaywrightTimeoutError:
            if here(reader) != path and attempt < attempts - 1:
                continue
            if here(reader) != path:
                raise
        break
    reader.page.wait_for_load_state("load")


def test_desktop_navigation(reader):
    page = reader.page
    reader.goto("")
    # The primary navigation takes the reader to a section's index...
    click_and_wait(reader, page.locator(".md-sidebar--primary .md-nav__link", has_text="Devices").first)
    assert here(reader) == "devices/"
    assert page.locator(".md-sidebar--primary .md-nav__link--active", has_text="Devices").count() >= 1
    # ... from which a device page is a link away ...
    click_and_wait(reader, page.locator(f"article a[href$='{CM1.split('/')[1]}/']").first)
    assert here(reader) == CM1
    assert "CM1" in page.locator("article h1").first.inner_text()
    # ... and the logo leads home.
    click_and_wait(reader, page.locator("a.md-header__button.md-logo"))
    assert here(reader) == ""
    # The footer's "next" link follows the navigation's order.
    next_link = page.locator("a.md-footer__link--next")
    target = next_link.get_attribute("href")
    click_and_wait(reader, next_link)
    assert here(reader) == target.lstrip("./") or here(reader).endswith(target.lstrip("./"))
    assert not reader.problems(), reader.problems()


def test_skip_link_is_the_first_tab_stop(reader):
    page = reader.page
    reader.goto(CM1)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "md-skip" in focused
    assert page.locator("a.md-skip").is_visible()
    page.keyboard.press("Enter")
    target = page.locator("article h1").first.get_attribute("id")
    page.wait_for_function(f"location.hash === '#{target}'", timeout=5_000)


@pytest.mark.parametrize("start", ["light", "dark"])
def test_scheme_toggle(open_page, start):
    reader = open_page(scheme=start)
    page = reader.page
    reader.goto(CM1)
    first, other = ("default", "slate") if start == "light" else ("slate", "default")
    assert page.evaluate(SCHEME) == first, "the first visit follows the system's preference"
    before = page.evaluate(BACKGROUND)
    toggle = page.locator(TOGGLE)
    assert toggle.count() == 1
    to = "dark" if start == "light" else "light"
    assert toggle.get_attribute("title") == f"Switch to {to} mode"
    toggle.click()
    page.wait_for_function(f"{SCHEME} === '{other}'")
    page.wait_for_function(f"{BACKGROUND} !== {before!r}")
    # The choice is remembered from page to page.
    reader.goto("devices/")
    assert page.evaluate(SCHEME) == other
    # And the toggle can be worked from the keyboard too.
    toggle = page.locator(TOGGLE)
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"{SCHEME} === '{first}'")
    assert not reader.problems(), reader.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_has_the_preferred_scheme_before_materials_script_runs(open_page, site, scheme):
    # overrides/main.html chooses the palette as Material's script will, from the page's first line:
    # Material's script now comes after the first paint, which would otherwise be light every time.
    page = open_page(scheme=scheme).page
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(site.url + CM1)
    assert page.evaluate(SCHEME) == ("default" if scheme == "light" else "slate")
    assert page.evaluate("document.body.dataset.mdColorMedia") == f"(prefers-color-scheme: {scheme})"


# Material's start-up marks, which overrides/main.html sets before anything is styled so that the
# theme's script finds them already there (it would otherwise restyle the whole page for each). The
# palette's "switching" mark is no longer one of them: Material's palette component, which set it as it
# started, is replaced by ours (tests/browser/test_palette.py), which sets it only while switching.
MARKS = """() => ({html: document.documentElement.className.split(" ").filter(c => !c.startsWith("ll-")).sort(),
  focus: document.documentElement.hasAttribute("data-js-focus-visible"),
  switching: document.body.hasAttribute("data-md-color-switching")})"""


def test_start_up_marks_are_set_early(reader, browser, site):
    # Before Material's script has run: the marks are there from the page's head. In a context of its own:
    # the bundle is requested after the first paint, at times after "load", and taking the blocking route
    # off the reader's page while that request was on its way raced with the reader's own route (the
    # request was handled twice and the next load never finished).
    blocked = browser.new_context()
    try:
        page = blocked.new_page()
        page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
        page.goto(site.url + CM1)
        assert page.evaluate(MARKS) == {"html": ["js", "js-focus-visible"], "focus": True, "switching": False}
    finally:
        blocked.close()
    # With it: the same.
    reader.goto(CM1)
    assert reader.page.evaluate(MARKS) == {"html": ["js", "js-focus-visible"], "focus": True, "switching": False}
    # Without JavaScript nothing is marked: Material's styles for a page without its script apply.
    context = browser.new_context(java_script_enabled=False)
    try:
        bare = context.new_page()
        bare.goto(site.url + CM1)
        assert bare.evaluate("document.documentElement.className") == "no-js"
        assert bare.locator("body[data-md-color-switching]").count() == 0
    finally:
        context.close()


# When the first paint was shown, when Material's bundle was requested, when the page had loaded (ms).
TIMES = """() => ({paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  bundle: performance.getEntriesByType("resource").find(r => /\\/bundle\\.\\w+\\.min\\.js$/.test(r.name))
    ?.startTime ?? null,
  load: performance.getEntriesByType("navigation")[0].loadEventStart})"""
COMPARED = "compare/?d=panasonic-lumix-dmc-cm1,xiaomi-12s-ultra-concept"


def material_works(reader, scheme_before: str) -> None:
    """What only Material's script does: the "/" key opens search, which finds a device; the palette
    toggle switches the scheme (these two start as the script runs); scrolled past the page's title, the
    header shows it instead of the site's name (this starts only with the page's document$)."""
    page = reader.page
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_selector(".md-header__title--active", timeout=5_000)
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement?.matches('input.md-search__input')")
    page.locator("input.md-search__input").press_sequentially("CM1", delay=20)
    page.wait_for_selector(f".md-search-result__item a[href*='/{CM1}?']", timeout=10_000)
    page.keyboard.press("Escape")
    page.locator(TOGGLE).click()
    page.wait_for_function(f"{SCHEME} !== {scheme_before!r}")


@pytest.mark.parametrize("path", [COMPARED, "devices/", ""])
def test_material_starts_after_the_first_paint_and_still_starts_whole(reader, path):
    # overrides/main.html adds Material's bundle once the first paint has been shown (Lighthouse then
    # leaves it out of the largest paint), after DOMContentLoaded, which it fires again for Material.
    page = reader.page
    reader.goto(path)
    times = page.evaluate(TIMES)
    assert times["paint"] is not None and times["bundle"] is not None, times
    assert times["bundle"] >= times["paint"], f"the bundle was requested before the first paint: {times}"
    if path == COMPARED:  # our own script, which does not wait for Material, drew the comparison
        page.wait_for_function("document.querySelectorAll('#ll-side thead th').length === 2", timeout=5_000)
        assert page.locator("html.ll-pending").count() == 0
    material_works(reader, page.evaluate(SCHEME))
    assert not reader.problems(), reader.problems()


def test_material_starts_where_the_first_paint_is_never_reported(reader):
    # A browser without paint timing (or a page that was never shown): the bundle comes a second after
    # the load event instead, and Material starts as well.
    page = reader.page
    page.add_init_script("window.PerformanceObserver = undefined")
    reader.goto("devices/")
    times = page.evaluate(TIMES)
    assert times["bundle"] >= times["load"] + 1000, times
    material_works(reader, page.evaluate(SCHEME))
    assert not reader.problems(), reader.problems()


def test_not_found_page(reader):
    page = reader.page
    response = reader.goto("devices/no-such-phone/deeper/", status=404)
    assert "text/html" in response.headers["content-type"]
    assert page.locator("article h1").first.inner_text().strip().startswith("Page not found")
    assert page.title().startswith("Page not found")
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    # Styled like every other page (its assets load from absolute URLs at any depth) ...
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(198, 40, 40)"
    # ... with links back into the site, and a search that works.
    click_and_wait(reader, page.locator("article a", has_text="Devices").first)
    assert here(reader) == "devices/"
    reader.goto("no-such-page", status=404)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("CM1", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert not reader.problems(), reader.problems()


def test_phone(site, open_page):
    reader = open_page(viewport="phone")
    page = reader.page
    # Nothing is wider than the screen on any kind of page (tables scroll inside their own box).
    for kind, path in site.kinds.items():
        reader.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} ({kind}) is {overflow}px wider than a 390px screen"
    # The sidebar is hidden behind the menu button; the drawer opens and its links work.
    reader.goto(site.kinds["device"])
    nav_link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Partnerships").first
    on_screen = "e => { const r = e.getBoundingClientRect(); return r.right > 0 && r.left < innerWidth }"
    assert not nav_link.evaluate(on_screen), "the drawer is open before the menu button is pressed"
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_function(f"({on_screen})(document.querySelector('.md-sidebar--primary'))")
    page.wait_for_timeout(300)  # the drawer slides in
    click_and_wait(reader, nav_link)
    assert here(reader) == "partnerships/"
    # Search opens from the header's magnifier and fills the screen.
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    # One search, drawn once: the word set at once, then a single key pressed (Material searches on keyup).
    # Typed letter by letter, each letter's results were drawn as they came, and on a busy machine a
    # drawing could come after the wait below and take the clicked link away: nothing opened.
    box.fill("Elmari")
    box.press("t")
    result = page.locator(".md-search-result__item > a.md-search-result__link").first
    result.wait_for(state="visible")
    # Wait for the word's results (the CM1 first).
    page.wait_for_function(
        "path => document.querySelector('.md-search-result__item > a.md-search-result__link')?.href.includes(path)",
        arg=CM1,
    )
    click_until_it_opens(reader, result, CM1)
    assert here(reader) == CM1
    assert not reader.problems(), reader.problems()
