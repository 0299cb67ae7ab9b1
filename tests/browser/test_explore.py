"""The side-by-side view on /compare/ and the finder on /devices/ (docs/javascripts/compare.js and
finder.js), used as a reader would in Chromium: with the mouse and with the keyboard only, from
addresses typed, shared and broken, without JavaScript, and checked by axe in both schemes. Every test
also asserts that the page logged no console error and asked no other host."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.audit import reserve_port, serve
from tests.browser.conftest import Site, open_reader
from tests.test_hostile_text import HOSTILE, build_site, copy_site, shown, write_site_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CM1 = "panasonic-lumix-dmc-cm1"
CONCEPT = "xiaomi-12s-ultra-concept"
LEITZ = "leitz-phone-1"


def embedded(site, path: str, element_id: str) -> dict:
    html = site.file(path).read_text(encoding="utf-8")
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html)
    assert match, f"{path}: no #{element_id}"
    return json.loads(match.group(1))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def chosen_ids(page) -> list[str]:
    return query(page).get("d", [""])[0].split(",") if "d" in query(page) else []


def columns(page) -> list[str]:
    """The devices side by side, once their values (fetched on the first choice) have come."""
    page.wait_for_function("!document.getElementById('ll-status').textContent.startsWith('Loading')")
    return page.locator("#ll-side thead th").all_inner_texts()


def visible_rows(page) -> int:
    return page.locator("#ll-side tbody tr:not(.ll-side__group):visible").count()


def status(page, element_id: str = "ll-status") -> str:
    return page.locator(f"#{element_id}").inner_text()


def pick(page, typed: str, expected: str) -> None:
    """Type into the picker and take the first suggestion with Enter."""
    box = page.locator("#ll-pick")
    box.click()
    box.press_sequentially(typed, delay=10)
    page.wait_for_selector("#ll-pick-list:not([hidden]) [role=option]")
    first = page.locator("#ll-pick-list [role=option]").first
    assert first.inner_text() == expected
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    box.press("Enter")
    page.wait_for_function(
        "name => [...document.querySelectorAll('#ll-side thead th')].some(th => th.textContent === name)", arg=expected
    )


# Compare -----------------------------------------------------------------------------------------


def test_choose_three_reload_and_get_the_same_view(reader):
    reader.load("compare/")
    page = reader.page
    assert status(page).startswith("Choose 2 to 4 devices")
    pick(page, "cm1", "Panasonic Lumix DMC-CM1")  # an alias
    assert chosen_ids(page) == [CM1]
    pick(page, "12s ultra concept", "Xiaomi 12S Ultra Concept")
    pick(page, "leitz 1", "Leitz Phone 1")
    assert chosen_ids(page) == [CM1, CONCEPT, LEITZ]
    assert columns(page) == ["Panasonic Lumix DMC-CM1", "Xiaomi 12S Ultra Concept", "Leitz Phone 1"]
    said = status(page)
    assert said.startswith("Comparing 3 devices: Panasonic Lumix DMC-CM1, Xiaomi 12S Ultra Concept and Leitz Phone 1.")
    rows, table = visible_rows(page), page.locator("#ll-side table").inner_text()
    # Grouped as on the device pages, one column per device, each value with one mark at most.
    groups = page.locator("#ll-side .ll-side__group th").all_inner_texts()
    assert groups[:3] == ["Launch", "Main camera", "Platform"]
    assert page.locator("#ll-side td sup.cite").count() > 10
    assert page.evaluate("""() => [...document.querySelectorAll('#ll-side td')]
        .every(td => td.querySelectorAll('sup.cite').length <= 1
                     && [...td.querySelectorAll('sup.cite')].every(s => s.querySelectorAll('a').length === 1))""")
    # Every mark leads to an entry of the comparison's sources, which names a source by its title.
    marks = page.locator("#ll-side td sup.cite a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    for href in set(marks):
        assert page.locator(f"#ll-side li{href} a[href^='http']").count() >= 1, href
    page.reload()
    page.wait_for_selector("#ll-side table")
    assert columns(page) == ["Panasonic Lumix DMC-CM1", "Xiaomi 12S Ultra Concept", "Leitz Phone 1"]
    assert visible_rows(page) == rows and page.locator("#ll-side table").inner_text() == table
    assert status(page) == said
    assert reader.problems() == []


def test_differences_only_counts_rows_remove_one_and_go_back(reader):
    reader.load(f"compare/?d={CM1},{CONCEPT},{LEITZ}")
    page = reader.page
    page.wait_for_selector("#ll-side table")
    all_rows = visible_rows(page)
    page.locator("#ll-diff").check()
    assert query(page)["diff"] == ["1"]
    differing = visible_rows(page)
    same = page.locator("#ll-side tbody tr.ll-same").count()
    assert 0 < differing < all_rows and differing + same == all_rows
    assert f"Showing the {differing} of {all_rows} rows that differ." in status(page)
    # The hidden rows are exactly those whose values are the same for all three.
    cells = page.evaluate("""() => [...document.querySelectorAll('#ll-side tbody tr:not(.ll-side__group)')]
        .map(tr => [tr.hidden, [...tr.querySelectorAll('td')].map(td => td.innerText)])""")
    for hidden, texts in cells:
        values = {re.sub(r"\[\d+\]", "", t) for t in texts}
        assert hidden == (len(values) == 1), texts
    page.locator("#ll-diff").uncheck()
    assert visible_rows(page) == all_rows
    page.locator("#ll-diff").check()

    page.get_by_role("button", name="Remove Xiaomi 12S Ultra Concept").click()
    assert chosen_ids(page) == [CM1, LEITZ]
    assert columns(page) == ["Panasonic Lumix DMC-CM1", "Leitz Phone 1"]
    assert status(page).startswith("Comparing 2 devices: Panasonic Lumix DMC-CM1 and Leitz Phone 1.")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Remove Leitz Phone 1"
    page.go_back()
    page.wait_for_function("document.querySelectorAll('#ll-side thead th').length === 3")
    assert chosen_ids(page) == [CM1, CONCEPT, LEITZ]
    page.go_forward()
    page.wait_for_function("document.querySelectorAll('#ll-side thead th').length === 2")
    page.get_by_role("button", name="Remove Leitz Phone 1").click()
    page.get_by_role("button", name="Remove Panasonic Lumix DMC-CM1").click()
    assert urlsplit(page.url).query == "" and page.locator("#ll-side table").count() == 0
    assert page.evaluate("document.activeElement.id") == "ll-pick"
    assert status(page).startswith("Choose 2 to 4 devices")
    assert reader.problems() == []


def test_unknown_and_extra_ids_are_named_and_the_first_four_shown(reader, site):
    ids = [d["id"] for d in embedded(site, "compare/", "ll-compare-data")["devices"]]
    extra = ids[:6]
    reader.load(f"compare/?d=no-such-phone,{','.join(extra)},%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    page = reader.page
    page.wait_for_selector("#ll-side table")
    assert chosen_ids(page)[0] == "no-such-phone"  # the address stays as it came until the reader acts
    assert len(columns(page)) == 4
    notes = page.locator("#ll-notes").inner_text()
    assert "No device called “no-such-phone” and “<img src=x onerror=alert(1)>”." in notes
    names = embedded(site, "compare/", "ll-compare-data")["devices"]
    assert f"At most 4 devices can be compared; not shown: {names[4]['name']} and {names[5]['name']}." in notes
    assert page.locator("#ll-notes img").count() == 0
    assert page.locator("#ll-pick").is_disabled()
    # The first change writes a clean address and drops the notes.
    page.get_by_role("button", name=f"Remove {names[0]['name']}").click()
    assert chosen_ids(page) == extra[1:4] and page.locator("#ll-notes").is_hidden()
    assert reader.problems() == []


@pytest.mark.parametrize(
    "bad", ["d=%zz%&&==&diff=maybe", "%E0%A4%A=1&d", "d=,,,&d=x", "d=" + "a" * 5000, "d[]=cm1&d.x=1", "diff=1"]
)
def test_a_malformed_query_is_ignored(reader, bad):
    reader.load(f"compare/?{bad}")
    page = reader.page
    assert page.locator("#ll-pick").is_visible()
    assert page.locator("#ll-side table").count() == 0
    assert status(page).startswith("Choose 2 to 4 devices")
    assert len(page.locator("#ll-notes").inner_text()) < 200
    pick(page, "808", "Nokia 808 PureView")  # and the page still works
    assert reader.problems() == []


def test_picker_finds_by_model_number_and_keyboard_only_use(reader, site):
    data = embedded(site, "compare/", "ll-compare-data")
    cells = json.loads(site.file("compare/devices.json").read_text(encoding="utf-8"))["cells"]
    with_model = next(d for d in data["devices"] if cells[d["id"]].get("model"))
    model = cells[with_model["id"]]["model"]["v"][0].split(" (")[0]
    reader.load("compare/")
    page = reader.page
    # Reach the picker with Tab alone.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ll-pick":
            break
    else:
        pytest.fail("the picker is not reached with Tab")
    page.keyboard.type(model, delay=10)
    page.wait_for_selector("#ll-pick-list:not([hidden]) [role=option]")
    assert with_model["name"] in page.locator("#ll-pick-list").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#ll-pick-list").is_hidden()
    page.keyboard.press("Control+A")
    page.keyboard.type("xiaomi 1", delay=10)
    options = page.locator("#ll-pick-list [role=option]").all_inner_texts()
    assert len(options) >= 3
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert columns(page) == [options[1]]
    assert status(page) == f"{options[1]} chosen; add another device to compare."
    page.keyboard.type("lumia", delay=10)
    page.keyboard.press("Enter")
    assert columns(page) == [options[1], "Nokia Lumia 1020"]
    # Tab on: the remove buttons, then the differences-only box, in the order they show.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Remove {options[1]}"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ll-diff"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"diff=1"))
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # removes the Lumia
    assert columns(page) == [options[1]]
    assert reader.problems() == []


def test_the_values_are_fetched_once_and_only_when_a_comparison_is_shown(reader):
    """/compare/ carries only the picker's data; the values (compare/devices.json) come when a device is
    first shown: not at all for a reader who only reads the full table, once (the head's preload, taken by
    the script) for an address that names devices, and once however many devices are added."""
    page = reader.page
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "devices.json" in request.url else None)
    reader.load("compare/")
    assert asked == []
    pick(page, "cm1", "Panasonic Lumix DMC-CM1")
    pick(page, "808", "Nokia 808 PureView")
    assert asked == [f"{reader.site.url}compare/devices.json"]
    asked.clear()
    reader.load(f"compare/?d={CM1},{CONCEPT}")
    page.wait_for_selector("#ll-side table")
    page.wait_for_timeout(300)
    assert asked == [f"{reader.site.url}compare/devices.json"]
    assert reader.problems() == []


def test_values_that_cannot_be_loaded_are_said_and_the_next_choice_tries_again(reader):
    page = reader.page
    failing = [True]

    def values(route) -> None:
        if failing[0]:
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/compare/devices.json", values)
    reader.expected_status[f"{reader.site.url}compare/devices.json"] = 503
    reader.load(f"compare/?d={CM1},{CONCEPT}")
    page.wait_for_function("document.getElementById('ll-status').textContent.includes('could not be loaded')")
    assert "ll-pending" not in page.evaluate("document.documentElement.className")  # the page is shown
    assert page.locator("#ll-side table").count() == 0
    failing[0] = False
    pick(page, "leitz 1", "Leitz Phone 1")
    assert columns(page) == ["Panasonic Lumix DMC-CM1", "Xiaomi 12S Ultra Concept", "Leitz Phone 1"]
    # Chromium logs the failed load itself; nothing else went wrong.
    assert [p for p in reader.problems() if "503" not in p] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_compare_axe(open_page, axe, scheme):
    reader = open_page(scheme=scheme)
    reader.load(f"compare/?d={CM1},{CONCEPT},{LEITZ}&diff=1")
    page = reader.page
    page.wait_for_selector("#ll-side table")
    violations = axe(reader)
    page.locator("#ll-pick").press_sequentially("xiaomi", delay=10)
    page.wait_for_selector("#ll-pick-list:not([hidden])")
    violations += axe(reader)
    reader.load("compare/?d=nope")
    violations += axe(reader)
    assert not violations, "\n".join(violations)
    assert reader.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_two_devices_fit_a_360_px_phone(browser, site, scheme):
    reader = open_reader(browser, site, "phone", scheme)
    try:
        page = reader.page
        page.set_viewport_size({"width": 360, "height": 740})
        reader.load(f"compare/?d={CM1},{CONCEPT}")
        page.wait_for_selector("#ll-side table")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.evaluate(
            "(() => { const w = document.querySelector('.ll-side__wrap'); return w.scrollWidth <= w.clientWidth; })()"
        )
        # The two value columns share the width equally, each wider than the labels' column.
        widths = page.evaluate(
            "[...document.querySelector('#ll-side tbody tr:not(.ll-side__group)').children]"
            ".map(c => c.getBoundingClientRect().width)"
        )
        assert len(widths) == 3 and abs(widths[1] - widths[2]) < 1 and widths[1] > widths[0] > 60, widths
        assert reader.problems() == []
    finally:
        reader.context.close()


def test_each_device_page_offers_compare_with(reader, site):
    reader.load(f"devices/{CM1}/")
    page = reader.page
    page.get_by_role("link", name="Compare with…").click()
    page.wait_for_selector("#ll-side table")
    assert chosen_ids(page) == [CM1]
    assert columns(page) == ["Panasonic Lumix DMC-CM1"]
    assert reader.problems() == []


# Finder ------------------------------------------------------------------------------------------


def shown_devices(page) -> list[str]:
    return page.locator("article table tbody tr:visible td:first-child a").all_inner_texts()


def test_finder_narrows_widens_and_the_url_round_trips(reader, site):
    data = embedded(site, "devices/", "ll-finder-data")["devices"]
    total = len(data)
    reader.load("devices/")
    page = reader.page
    assert status(page, "ll-finder-status") == f"All {total} devices."
    assert len(shown_devices(page)) == total
    page.locator("select[name=maker]").select_option("xiaomi")
    xiaomi = [d["name"] for d in data.values() if d["maker"] == "xiaomi"]
    assert sorted(shown_devices(page)) == sorted(xiaomi)
    assert status(page, "ll-finder-status") == f"{len(xiaomi)} of {total} devices match."
    assert query(page) == {"maker": ["xiaomi"]}
    page.locator("select[name=kind]").select_option("concept")
    assert shown_devices(page) == ["Xiaomi 12S Ultra Concept"]
    page.locator("select[name=kind]").select_option("")  # widen again
    page.locator("select[name=from]").select_option("2022")
    page.locator("select[name=to]").select_option("2022")
    in_2022 = [d["name"] for d in data.values() if d["maker"] == "xiaomi" and d["year"] == 2022]
    assert sorted(shown_devices(page)) == sorted(in_2022)
    assert query(page) == {"maker": ["xiaomi"], "from": ["2022"], "to": ["2022"]}
    url = page.url
    page.reload()
    assert page.locator("select[name=maker]").input_value() == "xiaomi"
    assert sorted(shown_devices(page)) == sorted(in_2022)
    reader.load(urlsplit(url).path.lstrip("/") + "?" + urlsplit(url).query)
    assert sorted(shown_devices(page)) == sorted(in_2022)
    page.locator("select[name=maker]").select_option("")
    page.locator("select[name=from]").select_option("")
    page.locator("select[name=to]").select_option("")
    # A partner and a format; then the text box: names, aliases and model numbers.
    page.locator("select[name=partner]").select_option("leica-panasonic")
    assert sorted(shown_devices(page)) == sorted(d["name"] for d in data.values() if d["partner"] == "leica-panasonic")
    page.locator("select[name=partner]").select_option("")
    page.locator("select[name=format]").select_option("1-inch")
    assert sorted(shown_devices(page)) == sorted(d["name"] for d in data.values() if d["format"] == "1-inch")
    page.locator("select[name=format]").select_option("")
    page.get_by_label("Name, alias or model number").press_sequentially("CM1", delay=10)
    assert "Panasonic Lumix DMC-CM1" in shown_devices(page)
    assert query(page) == {"find": ["CM1"]}
    page.get_by_role("button", name="Clear the filters").first.click()
    page.wait_for_function(f"document.querySelectorAll('article table tbody tr:not([hidden])').length === {total}")
    assert urlsplit(page.url).query == ""
    assert reader.problems() == []


def test_finder_empty_result_has_a_way_back_and_bad_values_are_ignored(reader, site):
    total = len(embedded(site, "devices/", "ll-finder-data")["devices"])
    reader.load("devices/?find=zzzz-no-such&kind=concept")
    page = reader.page
    assert status(page, "ll-finder-status") == f"No device matches these filters (of {total})."
    assert page.locator("article table").first.is_hidden()
    empty = page.locator("#ll-finder-empty")
    assert empty.is_visible()
    empty.get_by_role("button", name="Clear the filters").click()
    # The list is shown again by the script's handler: wait for it (a busy machine runs it late).
    page.wait_for_function(f"document.querySelectorAll('article table tbody tr:not([hidden])').length === {total}")
    assert len(shown_devices(page)) == total and empty.is_hidden()
    assert page.evaluate("document.activeElement.name") == "find"
    assert urlsplit(page.url).query == ""
    reader.load("devices/?maker=%3Cscript%3E&from=abc&to=99999&kind=nope&partner=&format=none%00&find=" + "x" * 500)
    assert page.locator("select[name=maker]").input_value() == ""
    assert page.locator("select[name=from]").input_value() == ""
    assert len(page.get_by_label("Name, alias or model number").input_value()) == 100
    reader.load("devices/?%E0%A4%A=1&&maker")
    assert len(shown_devices(page)) == total
    assert reader.problems() == []


def test_finder_keyboard_only(reader):
    reader.load("devices/")
    page = reader.page
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "find":
            break
    else:
        pytest.fail("the finder's text box is not reached with Tab")
    page.keyboard.type("leitz", delay=10)
    assert shown_devices(page) == ["Leitz Phone 1", "Leitz Phone 2", "Leitz Phone 3"]
    assert status(page, "ll-finder-status").startswith("3 of ")
    page.keyboard.press("Tab")  # the maker list
    assert page.evaluate("document.activeElement.name") == "maker"
    page.keyboard.press("ArrowDown")  # the first maker
    assert page.locator("select[name=maker]").input_value() != ""
    page.keyboard.press("Escape")
    assert reader.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_finder_axe(open_page, axe, scheme):
    reader = open_page(scheme=scheme)
    reader.load("devices/?maker=xiaomi")
    violations = axe(reader)
    reader.load("devices/?find=nothing-matches-this")
    violations += axe(reader)
    assert not violations, "\n".join(violations)
    assert reader.problems() == []


# Without JavaScript ------------------------------------------------------------------------------


def test_without_javascript_the_full_lists_show(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        total = len(embedded(site, "devices/", "ll-finder-data")["devices"])
        page.goto(site.url + f"compare/?d={CM1},{CONCEPT}")
        assert page.locator("#ll-compare").is_hidden()
        assert page.locator("article h2").count() >= 3  # grouped by format
        assert page.locator("article table tbody tr:visible").count() == total
        page.goto(site.url + "devices/?maker=xiaomi")
        assert page.locator("#ll-finder").is_hidden()
        assert page.locator("article table tbody tr:visible").count() == total
    finally:
        context.close()


# A view opened from its address, when its script comes after the first paint ----------------------

# Sums the page's layout shifts (the CLS that Lighthouse reports), from the start of the page's load.
SHIFTS = """window.__shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
}).observe({type: "layout-shift", buffered: true});"""
HELD = "sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).visibility)"


@pytest.mark.parametrize(
    ("path", "script", "held", "drawn"),
    [
        (f"compare/?d={CM1},{CONCEPT}", "compare.js", ".ll-compare ~ h2", "#ll-side table"),
        ("devices/?maker=xiaomi", "finder.js", ".ll-finder ~ *:has(table)", "#ll-finder.ll-ready"),
    ],
)
def test_a_late_script_draws_the_view_without_moving_what_the_reader_sees(reader, path, script, held, drawn):
    """The page's script held back (served empty), then run after the first paint: until it runs, what
    follows the controls is in place but not shown; when it has drawn the view, nothing visible moved."""
    page = reader.page
    page.add_init_script(SHIFTS)
    page.route(f"**/javascripts/{script}", lambda route: route.fulfill(body="", content_type="text/javascript"))
    reader.load(path)
    assert "ll-pending" in page.evaluate("document.documentElement.className")
    assert set(page.evaluate(HELD, held)) == {"hidden"}
    page.add_script_tag(url=f"{reader.site.url}javascripts/{script}?late")
    page.wait_for_selector(drawn)
    page.wait_for_function("!document.documentElement.classList.contains('ll-pending')")
    assert set(page.evaluate(HELD, held)) == {"visible"}
    page.wait_for_timeout(300)  # layout shifts are reported after the frame that has them
    assert page.evaluate("window.__shifts") < 0.01
    # If the script never runs, the page is shown all the same, after 3 s.
    reader.load(path)
    page.wait_for_function(f"() => ({HELD})({json.dumps(held)}).every(v => v === 'visible')", timeout=5_000)
    assert reader.problems() == []


# Citation marks ------------------------------------------------------------------------------------


def test_marks_are_tap_targets_that_leave_rows_as_tall_as_their_text(reader):
    reader.load(f"devices/{CM1}/")
    page = reader.page
    sizes = page.locator("article table sup.cite a").evaluate_all(
        "as => as.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    heights = "() => [...document.querySelectorAll('article table tr')].map(tr => tr.getBoundingClientRect().height)"
    with_marks = page.evaluate(heights)
    page.add_style_tag(content="sup.cite { display: none !important; }")
    without = page.evaluate(heights)
    assert all(abs(a - b) < 1 for a, b in zip(with_marks, without, strict=True)), (with_marks, without)


# Hostile names -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The hostile-text fixture's site (tests/test_hostile_text.py), built and served with gzip."""
    project = tmp_path_factory.mktemp("hostile")
    write_site_data(project / "data", HOSTILE)
    build = build_site(copy_site(project))
    log, _ = build.communicate(timeout=600)
    assert build.returncode == 0, log
    sock = reserve_port()
    with serve(project / "site", sock) as url:
        yield Site(dir=project / "site", url=url, paths=[], kinds={})


ALERTS = (
    "window.__alerts = []; for (const f of ['alert', 'confirm', 'prompt']) window[f] = x => window.__alerts.push(x);"
)


def test_hostile_names_show_as_text_in_both_views(browser, hostile_site):
    names = [shown(text)[:200] for text in HOSTILE]
    reader = open_reader(browser, hostile_site)
    try:
        page = reader.page
        page.add_init_script(ALERTS)
        reader.load("compare/?d=d00,d01,d22")
        page.wait_for_selector("#ll-side table")
        assert columns(page) == [names[0], names[1], names[22]]
        assert page.locator("#ll-side :is(img, script, iframe, svg, style, b, i)").count() == 0
        assert page.locator("#ll-side td", has_text=names[1]).count() >= 3  # values and notes, as text
        box = page.locator("#ll-pick")
        box.press_sequentially("alert", delay=5)
        page.wait_for_selector("#ll-pick-list:not([hidden])")
        assert set(page.locator("#ll-pick-list [role=option]").all_inner_texts()) <= set(names)
        assert page.locator("#ll-pick-list :is(img, script, iframe, svg)").count() == 0
        page.keyboard.press("Escape")
        assert page.locator("#ll-sources + ol li").count() >= 1
        reader.load("devices/?find=%3Cscript%3Ealert(%22x%22)")
        assert shown_devices(page) == [names[0]]
        reader.load("devices/")
        page.locator("input[name=find]").press_sequentially("<img src=x", delay=5)
        assert shown_devices(page) == [names[1]]
        assert page.evaluate("window.__alerts") == []
        assert reader.problems() == []
    finally:
        reader.context.close()
