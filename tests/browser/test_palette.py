"""The light/dark toggle, ours (overrides/assets/javascripts/ll-palette.js) in place of Material's palette
component: what a reader had from Material's stays (the label, the keyboard, the choice remembered in
Material's format, the theme-color and color-scheme metas), and loading a page no longer restyles the
whole of it for the palette after the first paint (Lighthouse's blocking time, issue 13)."""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CM1 = "devices/panasonic-lumix-dmc-cm1/"
SCHEME = "document.body.dataset.mdColorScheme"
TOGGLE = ".md-header__option label:visible"
BUNDLE = "**/assets/javascripts/bundle.*.js"
OURS = "**/assets/javascripts/ll-palette.js"
OTHER = {"default": "slate", "slate": "default"}
COLOR_SCHEME = {"default": "light", "slate": "dark"}
# The scheme, the metas as a browser reads them and the header's colour.
STATE = """() => ({
  scheme: document.body.dataset.mdColorScheme,
  colorScheme: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
  themeColor: [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.content),
  header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
})"""
# Every change that makes Chromium restyle the whole page for the palette: a <meta name=color-scheme>
# added or set, and <body>'s data-md-color-switching set or taken off. Written down from the start of the
# page (before its own scripts), with whether <body> existed yet.
WATCH = """(() => {
  window.__restyles = [];
  new MutationObserver(records => {
    for (const r of records) {
      const body = !!document.body;
      if (r.type === "childList") {
        for (const n of r.addedNodes)
          if (n.nodeName === "META" && n.name === "color-scheme") __restyles.push({what: "meta added", body});
      } else if (r.target.nodeName === "META" && r.target.name === "color-scheme") {
        __restyles.push({what: "meta set", body});
      } else if (r.attributeName === "data-md-color-switching") {
        __restyles.push({what: "switching", body});
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
    attributeFilter: ["content", "data-md-color-switching"]});
})()"""


def hex_of(rgb: str) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])


def state(page) -> dict:
    s = page.evaluate(STATE)
    key = page.evaluate("Object.keys(localStorage).find(k => k.endsWith('.__palette')) || null")
    s["stored"] = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})")) if key else None
    return s


def assert_consistent(s: dict, scheme: str, index: int) -> None:
    assert s["scheme"] == scheme
    assert s["colorScheme"] == [COLOR_SCHEME[scheme]], "one color-scheme meta, with the scheme's value"
    assert s["themeColor"] == [hex_of(s["header"])], "one theme-color meta, the header's colour"
    media = "(prefers-color-scheme: light)" if scheme == "default" else "(prefers-color-scheme: dark)"
    assert s["stored"] == {
        "index": index,
        "color": {"media": media, "scheme": scheme, "primary": "custom", "accent": "custom"},
    }, "stored as Material stores it, so its header script and our first line read it"


@pytest.mark.parametrize("start", ["light", "dark"])
def test_the_toggle_switches_is_remembered_and_keeps_the_metas_right(open_page, start):
    reader = open_page(scheme=start)
    page = reader.page
    reader.goto(CM1)
    first = "default" if start == "light" else "slate"
    index = 0 if first == "default" else 1
    assert_consistent(state(page), first, index)
    toggle = page.locator(TOGGLE)
    assert toggle.count() == 1
    assert toggle.get_attribute("title") == f"Switch to {'dark' if start == 'light' else 'light'} mode"
    toggle.click()
    page.wait_for_function(f"{SCHEME} === {OTHER[first]!r}")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert_consistent(state(page), OTHER[first], 1 - index)
    assert page.locator(TOGGLE).get_attribute("title") == f"Switch to {start} mode"
    # Remembered on another page, from the first paint: the scheme and its meta are there before any
    # script is fetched (a second tab of the same browser, whose blocked scripts are not the reader's
    # console errors).
    early_tab = reader.context.new_page()
    early_tab.route(BUNDLE, lambda route: route.abort())
    early_tab.route(OURS, lambda route: route.abort())
    early_tab.goto(reader.site.url + "compare/")
    early = early_tab.evaluate(STATE)
    early_tab.close()
    assert early["scheme"] == OTHER[first]
    assert early["colorScheme"] == [COLOR_SCHEME[OTHER[first]]]
    reader.goto("compare/")
    assert_consistent(state(page), OTHER[first], 1 - index)
    assert not reader.problems(), reader.problems()


def test_the_toggle_works_from_the_keyboard(reader):
    page = reader.page
    reader.goto(CM1)
    # Tab reaches the palette's radio buttons (after the skip link, the logo, the menu).
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.md-header__option')"):
            break
    else:
        pytest.fail("Tab never reached the light/dark toggle")
    # Enter switches to the next palette and back, as with Material's.
    page.keyboard.press("Enter")
    page.wait_for_function(f"{SCHEME} === 'slate'")
    assert page.evaluate("document.activeElement.closest('.md-header__option') !== null")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{SCHEME} === 'default'")
    # The arrow keys move between the radio buttons, and so switch too.
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"{SCHEME} === 'slate'")
    assert_consistent(state(page), "slate", 1)
    # And "/" still opens Material's search, whose results come.
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement?.matches('input.md-search__input')")
    page.locator("input.md-search__input").press_sequentially("CM1", delay=20)
    page.wait_for_selector(f".md-search-result__item a[href*='/{CM1}?']", timeout=10_000)
    assert not reader.problems(), reader.problems()


@pytest.mark.parametrize("path", ["compare/", "devices/", CM1])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_loading_a_page_does_not_restyle_it_for_the_palette(open_page, path, scheme):
    # Material's palette component, as it started after the first paint, added a color-scheme meta and set
    # it, and took <body>'s switching mark off a frame later: each a restyle of every element (about
    # 1,000 on /compare/), in and after the long task Lighthouse counts as blocking time. Now the meta is
    # written in the head before <body> exists, and the mark is only set while a reader switches.
    reader = open_page(scheme=scheme)
    page = reader.page
    page.add_init_script(WATCH)
    reader.goto(path)
    page.wait_for_timeout(200)  # a few frames more: Material's took its mark off a frame later
    restyles = page.evaluate("__restyles")
    assert [r for r in restyles if r["body"]] == [], restyles
    assert restyles == [{"what": "meta added", "body": False}]
    # A reader's switch still goes through them (transitions off for a frame, the meta's new value).
    before = page.evaluate(SCHEME)
    page.locator(TOGGLE).click()
    page.wait_for_function(f"{SCHEME} !== {before!r} && !document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate("__restyles").count({"what": "switching", "body": True}) == 2, "set, and off a frame later"
    assert {"what": "meta set", "body": True} in page.evaluate("__restyles")
    assert not reader.problems(), reader.problems()


def test_the_toggle_does_not_wait_for_materials_script(reader):
    # Material's bundle is the largest script and comes last; the toggle is ours and works without it.
    page = reader.page
    page.route(BUNDLE, lambda route: route.abort())
    page.goto(reader.site.url + CM1)
    page.locator(TOGGLE).click()
    page.wait_for_function(f"{SCHEME} === 'slate'")
    assert_consistent(state(page), "slate", 1)


def test_without_javascript_there_is_no_toggle_and_no_meta(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + CM1)
        assert page.locator(TOGGLE).count() == 0, "a toggle that could not work"
        assert page.locator("meta[name=color-scheme]").count() == 0
        assert page.evaluate(SCHEME) == "default"
    finally:
        context.close()
