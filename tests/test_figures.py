"""Figures drawn from the data: each SVG parses as XML, and its geometry matches the data.

Most tests build small catalogues of their own (so they pin the rules, whatever the real data holds);
some run on the real data in data/ (so every device there is drawn as it should be).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import re
import subprocess
import textwrap
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from markdown.extensions.toc import slugify as toc_slug

from generator.catalogue.checking import load_catalogue
from generator.catalogue.dates import year_fraction
from generator.catalogue.optics import format_key, nominal_inches
from generator.catalogue.store import Catalogue
from generator.site.build import build_outputs
from generator.site.figures import launches, sensors, timeline
from generator.site.figures.sensors import device_figure as device_sensor_figure
from generator.site.figures.sizes import latest_date, main_sensor
from generator.site.links import served_href
from scripts.chromium import CHROMIUM_ARGS, ChromiumMissing, find_chromium
from tests.helpers import REPO, write_data

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
FIGURE_PAGES = ("figures/sensors.md", "figures/timeline.md", "figures/launches.md")
CONCEPT_PAGES = ("figures/lens-on-sensor.md", "figures/flange.md", "figures/camera-module.md")
"""Drawn from data/optics.yaml (tests/test_concept_figures.py): pages of the real data only."""

# A small catalogue -------------------------------------------------------------------------------

SOURCES = """\
sources:
  - id: src-one
    title: First source
    seen: [title]
    publisher: Example News
    date: 2023-05-01
    url: https://example.com/one
  - id: digitaleyes-cm1
    title: A page giving 13.2 x 8.8 mm for the 1-inch type
    seen: []
    publisher: Example Sizes
    url: https://example.com/one-inch
  - id: photoreview-sensor-sizes
    title: A table of sensor types in millimetres
    seen: []
    publisher: Example Tables
    url: https://example.com/types
"""

OPTICS = """\
formats:
  "1":
    name: 1-inch type
    sizes:
      - {value: {width_mm: 13.2, height_mm: 8.8}, sources: [digitaleyes-cm1]}
      - {value: {width_mm: 12.8, height_mm: 9.6}, sources: [photoreview-sensor-sizes]}
  "1/2.3":
    name: 1/2.3-inch
    sizes:
      - {value: {width_mm: 6.16, height_mm: 4.62}, sources: [photoreview-sensor-sizes]}
"""
"""The sizes the small catalogue's sources give for formats (data/optics.yaml)."""


def device(
    name: str,
    announced: str,
    partnership: str | None = "optica-acme",
    fmt: str | None = None,
    size: tuple[float, float] | None = None,
    maker: str = "acme",
) -> str:
    lines = [
        f"name: {json.dumps(name)}",
        f"maker: {maker}",
        "kind: {value: phone, sources: [src-one]}",
        f"announced: {{value: {announced}, sources: [src-one]}}",
    ]
    if partnership:
        lines.append(f"partnership: {partnership}")
    camera = []
    if fmt:
        camera.append(f"  format: {{value: {json.dumps(fmt)}, sources: [src-one]}}")
    if size:
        camera.append(f"  size: {{value: {{width_mm: {size[0]}, height_mm: {size[1]}}}, sources: [src-one]}}")
    if camera:
        lines += ["main_camera:", *camera]
    return "\n".join(lines) + "\n"


BASE = {
    "sources.yaml": SOURCES,
    "optics.yaml": OPTICS,
    "companies/acme.yaml": "name: Acme\nroles: [phone-maker]\n",
    "companies/optica.yaml": "name: Optica\nroles: [camera-brand]\n",
    "companies/lenso.yaml": "name: Lenso\nroles: [camera-brand]\n",
    "partnerships/optica-acme.yaml": "brand: optica\nmaker: acme\nstarted: {value: 2001-07, sources: [src-one]}\n",
    "partnerships/lenso-acme.yaml": textwrap.dedent("""\
        brand: lenso
        maker: acme
        started: {value: 2016-02-25, sources: [src-one]}
        ended: {value: 2022-03-31, sources: [src-one]}
        """),
    "devices/big.yaml": device("Big One", "2014-09", fmt="1-inch", size=(13.2, 8.8)),
    "devices/half.yaml": device("Half Size", "2016-04-06", "lenso-acme", size=(6.6, 4.4)),
    "devices/derived.yaml": device("Derived", "2022-07-04", fmt="1-inch type"),
    "devices/typical.yaml": device("Typical", "2021-03", None, fmt='1/2.3"'),
    "devices/unsized.yaml": device("Unsized", "2022-07-04", fmt="1/1.28-inch"),
    "devices/noformat.yaml": device("No Format", "2023-01"),
}


def catalogue_of(tmp_path: Path, extra: dict[str, str | None] | None = None) -> Catalogue:
    return load_catalogue(write_data(tmp_path, {**BASE, **(extra or {})}))


@pytest.fixture
def small(tmp_path: Path) -> Catalogue:
    return catalogue_of(tmp_path)


@pytest.fixture(scope="module")
def real() -> Catalogue:
    return load_catalogue(REPO / "data", repo_root=REPO)


# Helpers -----------------------------------------------------------------------------------------


def svgs(markdown: str) -> list[ET.Element]:
    """Every <svg> in a generated page, parsed as XML (a parse error fails the test)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", markdown, re.S)]


def page(outputs: dict[str, bytes], uri: str) -> str:
    return outputs[uri].decode()


def only_svg(outputs: dict[str, bytes], uri: str) -> ET.Element:
    found = svgs(page(outputs, uri))
    assert len(found) == 1, uri
    return found[0]


def fl(el: ET.Element, name: str) -> float:
    return float(el.attrib[name])


def markers(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter(f"{SVG}a") if "data-device" in a.attrib and a.find("svg:circle", NS) is not None]


def circle(marker: ET.Element) -> ET.Element:
    found = marker.find("svg:circle", NS)
    assert found is not None
    return found


def sensor_rects(svg: ET.Element) -> list[ET.Element]:
    return [r for r in svg.iter(f"{SVG}rect") if "data-width-mm" in r.attrib]


def check_accessible(svg: ET.Element) -> None:
    """Titled, described, and labelled by them; linked figures keep the <svg>'s own role (graphics-document,
    not img, whose children would be presentational) so their links stay reachable."""
    title, desc = svg.find("svg:title", NS), svg.find("svg:desc", NS)
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    assert svg.attrib["aria-labelledby"] == title.attrib["id"]
    assert svg.attrib["aria-describedby"] == desc.attrib["id"]
    has_links = svg.find(".//svg:a", NS) is not None
    assert svg.attrib.get("role") == (None if has_links else "img")
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", svg.attrib["viewBox"])


# Formats -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1-inch", "1"),
        ("1-inch type", "1"),
        ('1"', "1"),
        ("Type 1.0", "1"),
        ("1 inch", "1"),
        ("1/1.28-inch", "1/1.28"),
        ('1/2.3"', "1/2.3"),
        ("1/2.30-inch", "1/2.3"),
        ("2/3-inch", "2/3"),
        ("1/1.7″", "1/1.7"),
        ("APS-C", None),
        ("large", None),
        ("0-inch", None),
        ("1/0-inch", None),
    ],
)
def test_format_names_are_read_into_keys(text: str, key: str | None) -> None:
    assert format_key(text) == key


def test_format_table_cites_sources_that_exist(real: Catalogue) -> None:
    inch_types = [key for key in real.optics.formats if key[0].isdigit()]
    assert inch_types and "full-frame" in real.optics.formats
    for key in inch_types:  # keys as format_key writes them, so that devices' formats find their sizes
        assert format_key(key if "/" in key else f"{key}-inch") == key
    for key, found in real.optics.formats.items():
        for size in found.sizes:
            assert size.sources, key
            for source in size.sources:
                assert source in real.sources, f"{key}: {source} is not in data/sources.yaml"
    assert nominal_inches("1/2.3") == pytest.approx(1 / 2.3)


def test_a_size_comes_from_the_device_then_the_format_and_is_never_invented(small: Catalogue) -> None:
    big, derived, unsized = (main_sensor(small, small.devices[i]) for i in ("big", "derived", "unsized"))
    assert big.origin == "device" and big.size and big.size.sources == ["src-one"]
    assert derived.origin == "format" and derived.size
    assert (derived.size.value.width_mm, derived.size.value.height_mm) == (13.2, 8.8)
    assert derived.size.sources == ["digitaleyes-cm1"]  # the sources data/optics.yaml gives for the format
    assert unsized.size is None and unsized.key == "1/1.28"
    assert main_sensor(small, small.devices["noformat"]).size is None


def test_without_a_size_in_the_optics_file_a_format_is_not_drawn(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {"optics.yaml": None})
    assert main_sensor(catalogue, catalogue.devices["derived"]).size is None
    assert main_sensor(catalogue, catalogue.devices["big"]).size is not None  # given by the device itself


# Sensors to scale --------------------------------------------------------------------------------


def test_sensors_are_drawn_to_one_scale(small: Catalogue) -> None:
    outputs, _ = build_outputs(small)
    svg = only_svg(outputs, "figures/sensors.md")
    check_accessible(svg)
    scale = fl(svg, "data-scale")
    rects = {r.attrib["data-label"]: r for r in sensor_rects(svg)}
    for rect in rects.values():
        assert fl(rect, "width") == pytest.approx(fl(rect, "data-width-mm") * scale, abs=1e-9)
        assert fl(rect, "height") == pytest.approx(fl(rect, "data-height-mm") * scale, abs=1e-9)
    widths = {fl(r, "data-width-mm"): fl(r, "width") for r in rects.values()}
    assert widths[13.2] == 2 * widths[6.6]  # exactly twice as wide
    # Grouped by size, largest first: the 1-inch devices share one rectangle.
    groups = [g for g in svg.iter(f"{SVG}g") if "data-size" in g.attrib]
    assert [g.attrib["data-size"] for g in groups] == ["13.2x8.8", "6.6x4.4", "6.16x4.62"]
    assert {a.attrib["data-device"] for a in groups[0].iter(f"{SVG}a")} == {"big", "derived"}
    assert {a.attrib["data-device"] for a in groups[1].iter(f"{SVG}a")} == {"half"}
    # 1/2.3-inch: the one device with that format and the typical-phone reference are the same size.
    assert {a.attrib["data-device"] for a in groups[2].iter(f"{SVG}a")} == {"typical"}


def test_sensors_page_lists_what_is_not_drawn_and_the_numbers(small: Catalogue) -> None:
    outputs, _ = build_outputs(small)
    text = page(outputs, "figures/sensors.md")
    svg = only_svg(outputs, "figures/sensors.md")
    drawn = {a.attrib["data-device"] for a in svg.iter(f"{SVG}a")}
    assert "unsized" not in drawn and "noformat" not in drawn
    assert re.search(
        r"1/1\.28-inch, size not published in our sources: "
        r"\[Unsized\]\(\.\./devices/unsized\.md\)",
        text,
    )
    assert "Format not in our data: [No Format](../devices/noformat.md)" in text
    assert "1/1.28-inch: Unsized" in svg.find("svg:desc", NS).text  # type: ignore[union-attr]
    # The table repeats every device, with its cited size.
    for device_id in small.devices:
        assert f"(../devices/{device_id}.md)" in text.split("## The numbers")[1]
    assert "| 13\\.2 × 8\\.8 mm" in text or "| 13.2 × 8.8 mm" in text
    assert "116.2 mm²" in text
    assert "](https://example.com/one-inch)" in text  # the format's source is in the references


def test_past_twenty_devices_a_figure_page_gives_a_count_linked_to_the_finder(tmp_path: Path) -> None:
    """A catalogue of thousands would put thousands of links in one table cell or list item: past
    LINKS_AT_MOST, the cell gives how many, linked to the finder with its filter set, and to the table of the
    same page that lists each; at twenty it still names every device."""
    many = {
        f"devices/many-{i:02d}.yaml": device(f"Many {i:02d}", f"2019-01-{i + 1:02d}", None, "1/1.28-inch")
        for i in range(21)
    }
    # Twenty: 19 of them, and Typical (no partner) or Unsized (1/1.28-inch, no size).
    outputs, _ = build_outputs(
        catalogue_of(tmp_path, {**many, "devices/many-19.yaml": None, "devices/many-20.yaml": None})
    )
    timeline_text, sensors_text = page(outputs, "figures/timeline.md"), page(outputs, "figures/sensors.md")
    assert "[Many 18](../devices/many-18.md)" in timeline_text.split("## Launches")[0]
    assert "[Many 18](../devices/many-18.md)" in sensors_text.split("## The numbers")[0]
    assert "each listed under" not in timeline_text + sensors_text
    outputs, _ = build_outputs(catalogue_of(tmp_path / "more", many))
    timeline_text, sensors_text = page(outputs, "figures/timeline.md"), page(outputs, "figures/sensors.md")
    table, launches_table = timeline_text.split("## Launches")
    no_partner = next(line for line in table.splitlines() if line.startswith("| No camera-brand partnership"))
    assert no_partner.endswith(
        "| [22 devices](../devices/index.md?partner=none), each listed under [Launches](#launches) below |"
    )
    unsized = next(line for line in sensors_text.splitlines() if line.startswith("- 1/1.28-inch, size not published"))
    assert unsized.endswith(
        ": [22 devices](../devices/index.md?format=1%2F1.28-inch), each listed under [The numbers](#the-numbers) below"
    )
    # The anchors are the headings' own (Python-Markdown's toc), and those tables do list each device.
    assert toc_slug("Launches", "-") == "launches" and toc_slug("The numbers", "-") == "the-numbers"
    numbers = sensors_text.split("## The numbers")[1]
    for i in range(21):
        assert f"[Many {i:02d}](../devices/many-{i:02d}.md)" in launches_table
        assert f"[Many {i:02d}](../devices/many-{i:02d}.md)" in numbers
    # The finder's own values: its partner and format filters take these.
    finder = page(outputs, "devices/index.md")
    assert '<option value="none">No camera partner</option>' in finder
    assert '<option value="1/1.28-inch">1/1.28-inch</option>' in finder


def test_device_page_compares_with_the_concept_and_a_typical_phone(tmp_path: Path) -> None:
    catalogue = catalogue_of(
        tmp_path,
        {"devices/xiaomi-12s-ultra-concept.yaml": device("Xiaomi 12S Ultra Concept", "2022-11-02", fmt="1-inch")},
    )
    outputs, _ = build_outputs(catalogue)
    half = page(outputs, "devices/half.md")
    (svg,) = svgs(half)
    check_accessible(svg)
    scale = fl(svg, "data-scale")
    rects = sensor_rects(svg)
    labels = [r.attrib["data-label"] for r in rects]
    assert labels == ["Half Size", "Xiaomi 12S Ultra Concept", "A typical phone"]
    assert [fl(r, "width") for r in rects] == pytest.approx([6.6 * scale, 13.2 * scale, 6.16 * scale], abs=1e-9)
    assert fl(rects[1], "width") == 2 * fl(rects[0], "width")
    # Bottom-aligned, so heights compare at a glance.
    assert len({round(fl(r, "y") + fl(r, "height"), 6) for r in rects}) == 1
    # Links inside raw HTML are final URLs: devices/half.md is served at /devices/half/.
    link = svg.find(".//svg:a", NS)
    assert link is not None and link.attrib["href"] == "../xiaomi-12s-ultra-concept/"
    assert 'href="../../figures/sensors/"' in half
    assert 'href="https://example.com/types"' in half  # every size shown carries its source
    # One scale on every device page.
    scales = {
        fl(s, "data-scale") for uri, body in outputs.items() if uri.startswith("devices/") for s in svgs(body.decode())
    }
    assert scales == {scale} and scale >= 5


def test_a_device_figure_depends_only_on_its_device_the_concept_and_the_formats(tmp_path: Path) -> None:
    before = catalogue_of(tmp_path / "a")
    after = catalogue_of(tmp_path / "b", {"devices/huge.yaml": device("Huge", "2024-01", size=(36.0, 24.0))})
    for device_id in before.devices:  # a new, larger sensor elsewhere changes no other device's figure
        assert device_sensor_figure(before, before.devices[device_id]) == device_sensor_figure(
            after, after.devices[device_id]
        )
    (svg,) = svgs(device_sensor_figure(after, after.devices["huge"]))
    assert sum(fl(r, "width") for r in sensor_rects(svg)) <= sensors.DEVICE_WIDTH  # it shrinks to fit


def test_device_page_says_when_its_sensor_cannot_be_drawn(small: Catalogue) -> None:
    outputs, _ = build_outputs(small)
    for device_id, why in (
        ("unsized", "its 1/1.28-inch sensor is not drawn"),
        ("noformat", "the format of its main sensor is not in our data"),
    ):
        (svg,) = svgs(page(outputs, f"devices/{device_id}.md"))
        assert why in "".join(svg.itertext())
        assert [r.attrib["data-label"] for r in sensor_rects(svg)] == ["A typical phone"]


def test_no_figure_without_a_sourced_reference(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {"optics.yaml": None})
    assert device_sensor_figure(catalogue, catalogue.devices["half"]) == ""


# Partnership timeline ----------------------------------------------------------------------------


def x_on(svg: ET.Element, value: str, pad_l: float, pad_r: float) -> float:
    t0, t1 = fl(svg, "data-t0"), fl(svg, "data-t1")
    width = float(svg.attrib["viewBox"].split()[2])
    return pad_l + (year_fraction(value) - t0) / (t1 - t0) * (width - pad_l - pad_r)


def test_timeline_bars_and_markers_match_the_dates(small: Catalogue) -> None:
    outputs, _ = build_outputs(small)
    svg = only_svg(outputs, "figures/timeline.md")
    check_accessible(svg)
    as_of = latest_date(small)
    assert as_of == "2023-01" and svg.attrib["data-as-of"] == as_of
    assert fl(svg, "data-t0") == 2001 and fl(svg, "data-t1") == 2024
    rows = {g.attrib["data-partnership"]: g for g in svg.iter(f"{SVG}g") if "data-partnership" in g.attrib}
    assert list(rows) == ["optica-acme", "lenso-acme", ""]  # by start date; devices with none last
    for pid, row in rows.items():
        bar = row.find("svg:rect", NS)
        if not pid:
            assert bar is None
            continue
        p = small.partnerships[pid].model
        assert bar is not None
        start = x_on(svg, p.started.value, timeline.PAD_L, timeline.PAD_R)
        assert fl(bar, "x") == pytest.approx(start, abs=1e-3)
        end = p.ended.value if p.ended else as_of  # an ongoing bar runs to the latest date in the data
        assert fl(bar, "x") + fl(bar, "width") == pytest.approx(
            x_on(svg, end, timeline.PAD_L, timeline.PAD_R), abs=1e-3
        )
        for m in markers(row):
            assert small.devices[m.attrib["data-device"]].model.partnership == pid
    # Every device appears exactly once, where its announcement date puts it, numbered by date.
    found = markers(svg)
    assert sorted(m.attrib["data-device"] for m in found) == sorted(small.devices)
    for m in found:
        d = small.devices[m.attrib["data-device"]].model
        at = x_on(svg, d.announced.value, timeline.PAD_L, timeline.PAD_R)
        assert fl(circle(m), "cx") == pytest.approx(at, abs=1e-3)
        assert d.name in m.attrib["aria-label"] and m.find("svg:title", NS) is not None
    numbers = [
        int(m.find("svg:text", NS).text)
        for m in sorted(  # type: ignore[arg-type,union-attr]
            found,
            key=lambda m: (
                small.devices[m.attrib["data-device"]].model.announced.value,
                small.devices[m.attrib["data-device"]].model.name,
            ),
        )
    ]
    assert numbers == list(range(1, len(found) + 1))


def test_markers_on_the_same_day_do_not_overlap(tmp_path: Path) -> None:
    same_day = {f"devices/twin-{i}.yaml": device(f"Twin {i}", "2022-07-04") for i in range(4)}
    catalogue = catalogue_of(tmp_path, same_day)
    outputs, _ = build_outputs(catalogue)
    for uri in ("figures/timeline.md", "figures/launches.md"):
        circles = [circle(m) for m in markers(only_svg(outputs, uri))]
        for i, a in enumerate(circles):
            for b in circles[i + 1 :]:
                distance = ((fl(a, "cx") - fl(b, "cx")) ** 2 + (fl(a, "cy") - fl(b, "cy")) ** 2) ** 0.5
                assert distance >= fl(a, "r") + fl(b, "r"), uri


def test_adding_a_device_updates_the_figures(tmp_path: Path) -> None:
    before, _ = build_outputs(catalogue_of(tmp_path / "a"))
    newer = {"devices/newer.yaml": device("Newer", "2024-02-22", fmt="1-inch")}
    after, _ = build_outputs(catalogue_of(tmp_path / "b", newer))
    for uri in ("figures/timeline.md", "figures/launches.md"):
        assert len(markers(only_svg(after, uri))) == len(markers(only_svg(before, uri))) + 1
    svg = only_svg(after, "figures/timeline.md")
    assert svg.attrib["data-as-of"] == "2024-02-22" and fl(svg, "data-t1") == 2025
    sensors_svg = only_svg(after, "figures/sensors.md")
    assert "newer" in {a.attrib["data-device"] for a in sensors_svg.iter(f"{SVG}a")}


# Launch history ----------------------------------------------------------------------------------


def test_launches_put_each_device_in_its_format_row_by_date(small: Catalogue) -> None:
    outputs, _ = build_outputs(small)
    svg = only_svg(outputs, "figures/launches.md")
    check_accessible(svg)
    rows = [g for g in svg.iter(f"{SVG}g") if "data-format" in g.attrib]
    # Largest format first, unknown last.
    assert [g.attrib["data-format"] for g in rows] == ["1", "1/1.28", "1/2.3", ""]
    seen = []
    for row in rows:
        for m in markers(row):
            ms = main_sensor(small, small.devices[m.attrib["data-device"]])
            assert (ms.key or "") == row.attrib["data-format"]
            assert fl(circle(m), "cx") == pytest.approx(
                x_on(svg, ms.entry.model.announced.value, launches.PAD_L, launches.PAD_R), abs=1e-3
            )
            seen.append(m.attrib["data-device"])
    assert sorted(seen) == sorted(small.devices)
    text = page(outputs, "figures/launches.md")
    assert "| 2022 | 2 | 1 |" in text  # two announced in 2022, one with a 1-inch-type sensor
    assert "| 2015 | 0 | 0 |" in text  # years without a launch are listed too
    assert "| 2023 | 1 | 0 |" in text  # a device whose format is not in the data is not counted as 1-inch


# All figures -------------------------------------------------------------------------------------


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    hostile = "Bad <b>&amp; \"quoted\" 'it'</b> <script>x</script>"
    catalogue = catalogue_of(tmp_path, {"devices/hostile.yaml": device(hostile, "2020-01", fmt="1-inch")})
    outputs, _ = build_outputs(catalogue)
    for uri in (*FIGURE_PAGES, "devices/hostile.md"):
        body = page(outputs, uri)
        for svg in svgs(body):  # parses: nothing broke out of a text or an attribute
            assert svg.find(".//svg:script", NS) is None and svg.find(".//svg:b", NS) is None
        assert "<script>" not in body.split("</svg>")[0]
    timeline_svg = only_svg(outputs, "figures/timeline.md")
    labels = [m.attrib["aria-label"] for m in markers(timeline_svg)]
    assert any(hostile in label for label in labels)


def test_figures_are_raw_html_blocks_without_blank_lines(small: Catalogue) -> None:
    outputs, _ = build_outputs(small)
    for uri in (*FIGURE_PAGES, "devices/big.md"):
        blocks = re.findall(r"\n\n(<figure\b.*?</figure>)\n\n", page(outputs, uri), re.S)
        assert len(blocks) == 1, uri
        assert "\n\n" not in blocks[0]


def test_output_is_the_same_every_run(tmp_path: Path) -> None:
    first, _ = build_outputs(catalogue_of(tmp_path / "a"))
    second, _ = build_outputs(catalogue_of(tmp_path / "b"))
    assert {k: v for k, v in first.items() if k.startswith("figures/")} == {
        k: v for k, v in second.items() if k.startswith("figures/")
    }


def test_figures_do_not_depend_on_today(small: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = build_outputs(small)

    class Later(dt.date):
        @classmethod
        def today(cls) -> Later:
            return cls(2099, 1, 1)

    monkeypatch.setattr(dt, "date", Later)
    second, _ = build_outputs(small)
    assert first["figures/timeline.md"] == second["figures/timeline.md"]


def test_empty_data_still_makes_the_pages(tmp_path: Path) -> None:
    catalogue = catalogue_of(
        tmp_path, {f"devices/{d}.yaml": None for d in ("big", "half", "derived", "typical", "unsized", "noformat")}
    )
    outputs, _ = build_outputs(catalogue)
    for uri in FIGURE_PAGES:
        for svg in svgs(page(outputs, uri)):
            check_accessible(svg)


@pytest.mark.parametrize(
    ("source", "target", "href"),
    [
        ("figures/timeline.md", "devices/x.md", "../../devices/x/"),
        ("figures/index.md", "devices/x.md", "../devices/x/"),
        ("devices/a.md", "devices/b.md", "../b/"),
        ("devices/a.md", "figures/sensors.md", "../../figures/sensors/"),
        ("figures/launches.md", "figures/sensors.md", "../sensors/"),
        ("index.md", "devices/index.md", "devices/"),
    ],
)
def test_links_in_raw_html_are_served_urls(source: str, target: str, href: str) -> None:
    assert served_href(source, target) == href


# The real data -----------------------------------------------------------------------------------


def test_real_data_every_device_is_in_every_figure(real: Catalogue) -> None:
    outputs, _ = build_outputs(real)
    for uri in ("figures/timeline.md", "figures/launches.md"):
        found = [m.attrib["data-device"] for m in markers(only_svg(outputs, uri))]
        assert sorted(found) == sorted(real.devices), uri  # each exactly once
    sensors_page = page(outputs, "figures/sensors.md")
    drawn = {a.attrib["data-device"] for a in only_svg(outputs, "figures/sensors.md").iter(f"{SVG}a")}
    for device_id in real.devices:
        ms = main_sensor(real, real.devices[device_id])
        assert (device_id in drawn) == (ms.size is not None)
        assert f"(../devices/{device_id}.md)" in sensors_page
        assert svgs(page(outputs, f"devices/{device_id}.md")), device_id  # every device page has its figure


def test_real_data_sensor_geometry_and_links(real: Catalogue) -> None:
    outputs, _ = build_outputs(real)
    for uri, body in outputs.items():
        if not uri.endswith(".md"):
            continue
        for svg in svgs(body.decode()):
            check_accessible(svg)
            if "data-scale" in svg.attrib:
                for rect in sensor_rects(svg):
                    expected = fl(rect, "data-width-mm") * fl(svg, "data-scale")
                    assert fl(rect, "width") == pytest.approx(expected, abs=1e-9)
            # Every link inside a figure reaches a generated page.
            base = uri.removesuffix(".md").removesuffix("index")
            for a in svg.iter(f"{SVG}a"):
                target = Path("/" + base) / a.attrib["href"]
                resolved = Path(*(p for p in target.resolve().parts[1:]))
                assert {f"{resolved}.md", f"{resolved}/index.md"} & set(outputs), (uri, a.attrib["href"])


def test_real_data_text_stays_legible_on_a_phone(real: Catalogue) -> None:
    """On a 360 px screen the content is about 328 px wide; wide figures keep 640 px and scroll."""
    outputs, _ = build_outputs(real)
    css = (REPO / "docs/stylesheets/site.css").read_text(encoding="utf-8")
    assert "min-width: 640px" in css
    for uri in (*FIGURE_PAGES, *CONCEPT_PAGES, "devices/xiaomi-12s-ultra.md"):
        body = page(outputs, uri)
        for svg in svgs(body):
            width = float(svg.attrib["viewBox"].split()[2])
            shown = 640 if 'class="ll-scroll"' in body else 328
            for el in svg.iter(f"{SVG}text"):
                size = float(el.attrib.get("font-size", svg.attrib["font-size"]))
                assert size * min(shown, width) / width >= 9.5, (uri, el.text)


def test_figures_are_in_the_navigation() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for uri in ("figures/index.md", *FIGURE_PAGES, *CONCEPT_PAGES):
        assert uri in config
    assert "stylesheets/site.css" in config


def test_sensor_sizes_module_constants() -> None:
    assert sensors.WIDTH == 360 and sensors.DEVICE_WIDTH <= 360  # laid out for a phone


# In Chromium: both schemes, phone and desktop ----------------------------------------------------

BROWSER_JS = """() => {
  const figures = [];
  for (const svg of document.querySelectorAll('figure.ll-figure svg')) {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const fonts = [...svg.querySelectorAll('text')]
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const fills = {};
    for (const cls of ['ll-text', 'll-muted', 'll-linktext', 'll-dotnum']) {
      const el = svg.querySelector('text.' + cls + ', tspan.' + cls);
      if (el) fills[cls] = getComputedStyle(el).fill;
    }
    const marks = {};  // graphics that carry data: 3:1 against the page (WCAG 1.4.11)
    for (const [sel, prop] of [['.ll-bar', 'fill'], ['.ll-dot', 'stroke'], ['.ll-sensor', 'stroke'],
                               ['.ll-frame', 'stroke'], ['.ll-ray--frame', 'stroke'],
                               ['.ll-ray:not(.ll-ray--frame)', 'stroke'], ['.ll-flange', 'stroke'],
                               ['.ll-body', 'stroke'], ['.ll-adapter', 'stroke'], ['.ll-lens', 'stroke'],
                               ['.ll-ring', 'stroke'], ['.ll-cover', 'stroke'], ['.ll-camera', 'stroke'],
                               ['.ll-removed', 'stroke']]) {
      const el = svg.querySelector(sel);
      if (el) {
        const style = getComputedStyle(el);
        marks[sel] = [style[prop], parseFloat(style[prop === 'fill' ? 'fillOpacity' : 'strokeOpacity'])];
      }
    }
    const box_ = svg.closest('.ll-scroll');
    let recentInView = null;
    if (box_) {
      const years = svg.querySelectorAll('text[text-anchor="middle"].ll-muted');
      const last = years[years.length - 1].getBoundingClientRect(), view = box_.getBoundingClientRect();
      recentInView = last.left >= view.left - 1 && last.right <= view.right + 1;
    }
    figures.push({name: svg.getAttribute('class'), width: svg.closest('figure').getBoundingClientRect().width,
                  minFont: Math.min(...fonts), fills, marks, recentInView});
  }
  return {bg: getComputedStyle(document.body).backgroundColor,
          overflow: document.documentElement.scrollWidth - window.innerWidth, figures};
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def _contrast(fg: str, bg: str, opacity: float = 1.0) -> float:
    fr, fg_, fb, alpha = _rgba(fg)
    alpha *= opacity
    br, bg_, bb, _ = _rgba(bg)
    mixed = [alpha * f + (1 - alpha) * b for f, b in ((fr, br), (fg_, bg_), (fb, bb))]

    def luminance(rgb: list[float] | tuple[float, ...]) -> float:
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(mixed), luminance((br, bg_, bb))), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("figures-site")
    result = subprocess.run(
        [str(REPO / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.slow
def test_figures_in_chromium_follow_the_scheme_and_stay_legible(served_site: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    try:
        chromium = find_chromium()
    except ChromiumMissing as exc:
        pytest.skip(str(exc))
    # In a thread of its own: under pytest-xdist this worker may already hold the browser tests'
    # session browser, whose Playwright loop refuses a second sync_playwright() in the same thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(_figures_in_chromium, served_site, playwright, chromium).result()


def _figures_in_chromium(served_site: str, playwright: Any, chromium: str) -> None:
    pages = (
        "figures/sensors/",
        "figures/timeline/",
        "figures/launches/",
        "devices/xiaomi-12s-ultra/",
        "devices/huawei-p9/",
        "figures/lens-on-sensor/",
        "figures/flange/",
        "figures/camera-module/",
        "",
        "concept/",
        "explainers/leica-m-mount/",
    )  # the last three show the concept's figures
    seen: dict[tuple[str, str, str], str] = {}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for scheme in ("light", "dark"):
                for width in (360, 1280):
                    tab = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
                    for path in pages:
                        tab.goto(served_site + path, wait_until="load")
                        found = tab.evaluate(BROWSER_JS)
                        where = f"{path} {scheme} {width}px"
                        assert found["overflow"] <= 0, f"{where}: the page scrolls sideways"
                        assert found["figures"], where
                        for fig in found["figures"]:
                            assert 0 < fig["width"] <= width, where  # wide ones scroll inside
                            assert fig["minFont"] >= 9.5, f"{where}: text of {fig['minFont']:.1f} px"
                            for cls, fill in fig["fills"].items():
                                assert _contrast(fill, found["bg"]) >= 4.5, f"{where}: {cls} {fill}"
                                seen[(fig["name"], cls, scheme)] = fill
                            for sel, (colour, opacity) in fig["marks"].items():
                                ratio = _contrast(colour, found["bg"], opacity)
                                assert ratio >= 3, f"{where}: {sel} {colour}"
                            if fig["recentInView"] is not None:  # a scrolling box opens at the recent end
                                assert fig["recentInView"], where
                    tab.close()
        finally:
            browser.close()
    for (name, cls, scheme), fill in seen.items():  # the text colours change with the scheme
        if scheme == "light" and (name, cls, "dark") in seen:
            assert seen[(name, cls, "dark")] != fill, (name, cls)
