"""The concept's three figures (the lens over the sensor, the side view, the module schematic): their
geometry and numbers follow their cited inputs, and a changed input changes both."""

from __future__ import annotations

import math
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataErrors
from generator.catalogue.facts import coverage, facts_in
from generator.catalogue.models import Fact, SensorSize
from generator.catalogue.store import Catalogue
from generator.site.build import build_outputs
from generator.site.figures.concept import pages as concept_pages
from generator.site.figures.concept.flange import SIDE_SCALE, flange_svg
from generator.site.figures.concept.lens import FRAME_SCALE, lens_svg
from generator.site.figures.concept.module import Part, module_svg
from generator.site.figures.concept.numbers import Area, LensOnSensor, SideView, flange_numbers, lens_numbers
from generator.site.hand_written import FIGURE_REF, place_figures
from tests.helpers import REPO

SVG = "{http://www.w3.org/2000/svg}"


def size(width: float, height: float, source: str = "src-size") -> Fact[SensorSize]:
    return Fact[SensorSize](value=SensorSize(width_mm=width, height_mm=height), sources=[source])


def number(value: float, source: str = "src-lens") -> Fact[float]:
    return Fact[float](value=value, sources=[source])


def lens_inputs(
    sensors: tuple[tuple[float, float], ...] = ((13.2, 8.8), (12.8, 9.6)),
    focal: float = 35,
    f_number: float = 1.4,
    frame: tuple[float, float] = (36, 24),
) -> LensOnSensor:
    return LensOnSensor(
        Area("Full frame", size(*frame)),
        tuple(Area("1-inch type", size(w, h)) for w, h in sensors),
        "Leica Summilux-M 35 mm f/1.4 ASPH",
        number(focal),
        number(f_number),
        "Concept",
    )


def side_inputs(flange: float = 27.8, thickness: float = 9.1, bump: float = 13.5) -> SideView:
    return SideView("Leica M", number(flange), "Xiaomi 12S Ultra", number(thickness), number(bump), "Summilux-M 35 mm")


PARTS = [
    Part("bare-sensor", "A bare sensor", ("a",)),
    Part("cover", "Sapphire glass", ("b",)),
    Part("mount-ring", "The ring", ("c",)),
    Part("main-camera", "The main camera", ("a",)),
    Part("ultra-wide", "Ultra-wide", ("d",)),
    Part("removed", "Periscope: removed", ("a", "b")),
]


def parse(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg"
    return root


def fl(el: ET.Element, name: str) -> float:
    return float(el.attrib[name])


def rects(root: ET.Element, cls: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if cls in r.attrib.get("class", "").split()]


def check_accessible(root: ET.Element) -> None:
    """Named and described for assistive technology; text legible on a 360 px phone (328 px shown)."""
    assert root.attrib["role"] == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and title.text and desc.text
    assert root.attrib["aria-labelledby"] == title.attrib["id"]
    assert root.attrib["aria-describedby"] == desc.attrib["id"]
    width = float(root.attrib["viewBox"].split()[2])
    assert width == 360
    for text in root.iter(f"{SVG}text"):
        assert float(text.attrib.get("font-size", root.attrib["font-size"])) * 328 / width >= 9.5, text.text


# Figure 1: the lens over the sensor ------------------------------------------------------------------


def test_frame_and_sensor_are_drawn_to_one_scale() -> None:
    root = parse(lens_svg(lens_inputs()))
    check_accessible(root)
    frame = rects(root, "ll-frame")[0]
    sensor, other = rects(root, "ll-sensor")
    assert fl(frame, "width") / fl(sensor, "width") == pytest.approx(36 / 13.2, abs=1e-9)
    assert fl(frame, "height") / fl(sensor, "height") == pytest.approx(24 / 8.8, abs=1e-9)
    assert fl(other, "width") / fl(sensor, "width") == pytest.approx(12.8 / 13.2, abs=1e-9)
    assert "ll-sensor--alt" in other.attrib["class"]  # the second published size is drawn dashed
    for rect in (frame, sensor, other):  # each rectangle says what it stands for
        assert fl(rect, "width") == pytest.approx(fl(rect, "data-width-mm") * FRAME_SCALE, abs=1e-9)


def test_sensor_sits_inside_the_frame() -> None:
    root = parse(lens_svg(lens_inputs()))
    frame = rects(root, "ll-frame")[0]
    for rect in rects(root, "ll-sensor"):
        for start, length in (("x", "width"), ("y", "height")):
            assert fl(frame, start) < fl(rect, start)
            assert fl(rect, start) + fl(rect, length) < fl(frame, start) + fl(frame, length)


def _ray_angle(path: ET.Element) -> float:
    """The angle between the two rays of a path ``M x y L x y M x y L x y``, from its coordinates."""
    x1, y1, x2, y2, x3, y3, x4, y4 = (float(v) for v in re.findall(r"-?[\d.]+", path.attrib["d"]))
    a = math.atan2(x2 - x1, y1 - y2)
    b = math.atan2(x4 - x3, y3 - y4)
    return abs(math.degrees(a - b))


@pytest.mark.parametrize("focal", [35, 50, 21])
def test_angles_match_the_formula_and_the_drawing(focal: float) -> None:
    root = parse(lens_svg(lens_inputs(focal=focal)))
    rays = [
        p for p in root.iter(f"{SVG}path") if "ll-ray" in p.attrib.get("class", "").split() and "data-angle" in p.attrib
    ]
    assert [fl(p, "data-width-mm") for p in rays] == [36, 13.2]
    for ray in rays:
        expected = math.degrees(2 * math.atan(fl(ray, "data-width-mm") / (2 * focal)))
        assert fl(ray, "data-angle") == pytest.approx(expected, abs=0.1)
        assert _ray_angle(ray) == pytest.approx(expected, abs=0.1)  # the rays drawn make that angle
        assert f"{expected:.1f}°" in "".join(root.itertext())


def test_numbers_follow_their_formulas() -> None:
    diagonal, crop, angle, equivalent, dof = lens_numbers(lens_inputs())
    assert diagonal.values == pytest.approx((math.hypot(36, 24), math.hypot(13.2, 8.8), 16.0))
    assert crop.values == pytest.approx((1.0, math.hypot(36, 24) / math.hypot(13.2, 8.8), math.hypot(36, 24) / 16))
    assert angle.values == pytest.approx([math.degrees(2 * math.atan(w / 70)) for w in (36, 13.2, 12.8)])
    assert equivalent.values == pytest.approx([35 * k for k in crop.values])
    assert dof.values == pytest.approx([1.4 * k for k in crop.values])
    # As shown: the values the reader checks by hand.
    assert crop.shown == ["×1.00", "×2.73", "×2.70"]
    assert angle.shown == ["54.4°", "21.4°", "20.7°"]
    assert equivalent.shown == ["35.0 mm", "95.5 mm", "94.6 mm"]
    assert dof.shown == ["f/1.4", "f/3.8", "f/3.8"]
    # How far the two published 1-inch sizes move each value.
    spread, share = angle.moves()
    assert spread == pytest.approx(angle.values[1] - angle.values[2])
    assert share == pytest.approx(spread / angle.values[1])
    assert crop.moves()[1] == pytest.approx(1 - math.hypot(13.2, 8.8) / 16)


@pytest.mark.parametrize("change", [{"sensors": ((12.0, 8.0),)}, {"focal": 50}, {"f_number": 2.0}, {"frame": (24, 16)}])
def test_a_changed_input_changes_drawing_and_numbers(change: dict[str, object]) -> None:
    before, after = lens_inputs(), lens_inputs(**change)  # type: ignore[arg-type]
    assert lens_svg(before) != lens_svg(after)
    old = [d.values for d in lens_numbers(before)]
    new = [d.values for d in lens_numbers(after)]
    assert old != new
    if "sensors" in change:  # every value that depends on the sensor moves
        assert all(o[1] != n[1] for o, n in zip(old, new, strict=True))
        root = parse(lens_svg(after))
        assert fl(rects(root, "ll-frame")[0], "width") / fl(rects(root, "ll-sensor")[0], "width") == pytest.approx(
            36 / 12.0, abs=1e-9
        )


def test_a_sensor_of_another_shape_changes_the_angle_more_than_the_crop() -> None:
    """13.2 x 8.8 and 12.8 x 9.6 have nearly the same diagonal but not the same width."""
    _, crop, angle, _, _ = lens_numbers(lens_inputs())
    assert crop.moves()[1] < 0.01 < angle.moves()[1]


# Figure 2: the side view -------------------------------------------------------------------------------


def _by(root: ET.Element, tag: str, cls: str) -> ET.Element:
    return next(e for e in root.iter(f"{SVG}{tag}") if cls in e.attrib.get("class", "").split())


def test_side_view_depths_are_to_scale() -> None:
    root = parse(flange_svg(side_inputs()))
    check_accessible(root)
    k = SIDE_SCALE
    dims = {p.attrib["data-dimension"]: p for p in root.iter(f"{SVG}path") if "data-dimension" in p.attrib}
    assert {name: fl(p, "data-length-mm") for name, p in dims.items()} == pytest.approx(
        {"flange": 27.8, "bump": 13.5, "body": 9.1}
    )
    flange = _by(root, "line", "ll-flange")
    body = [r for r in root.iter(f"{SVG}path") if "ll-body" in r.attrib.get("class", "")][0]
    bottom = max(float(v) for v in re.findall(r"V(-?[\d.]+)", body.attrib["d"]))
    assert bottom - fl(flange, "y1") == pytest.approx(27.8 * k, abs=1e-9)
    bump = rects(root, "ll-body")[0]
    assert bottom - fl(bump, "y") == pytest.approx(13.5 * k, abs=1e-9)
    adapter = rects(root, "ll-adapter")[0]
    assert fl(adapter, "height") == pytest.approx((27.8 - 13.5) * k, abs=1e-9)
    assert "at least 14.30 mm" in "".join(root.itertext())


def test_side_view_numbers_follow_the_inputs() -> None:
    beyond, ratio = flange_numbers(side_inputs(), [27.95])
    assert beyond.values == pytest.approx((27.8 - 13.5, 27.95 - 13.5))
    assert ratio.values == pytest.approx((27.8 / 9.1, 27.95 / 9.1))
    assert flange_svg(side_inputs(bump=15.0)) != flange_svg(side_inputs())
    assert "at least 12.80 mm" in "".join(parse(flange_svg(side_inputs(bump=15.0))).itertext())


# Figure 3: the schematic -------------------------------------------------------------------------------


def test_schematic_numbers_each_part_and_says_it_is_not_to_scale() -> None:
    root = parse(module_svg("Concept", PARTS))
    check_accessible(root)
    text = "".join(root.itertext())
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "not to scale" in str(desc.text)
    assert "not to scale" in text.lower()
    callouts = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "ll-callout"]
    assert [g.attrib["data-part"] for g in callouts] == [p.part for p in PARTS]
    for n, part in enumerate(PARTS, start=1):
        assert part.label in text
        assert str(n) in "".join(callouts[n - 1].itertext())
    drawn = {e.attrib["data-part"] for e in root.iter() if "data-part" in e.attrib and e.tag != f"{SVG}g"}
    assert drawn == {p.part for p in PARTS}


def test_schematic_labels_are_escaped() -> None:
    root = parse(module_svg("A & B <x>", [Part("cover", 'Glass "<b>" & co', ())]))
    assert 'Glass "<b>" & co' in "".join(root.itertext())


def test_compact_version_keeps_the_frame_and_the_numbers() -> None:
    full, compact = parse(lens_svg(lens_inputs())), parse(lens_svg(lens_inputs(), compact=True))
    check_accessible(compact)
    assert compact.attrib["aria-labelledby"] != full.attrib["aria-labelledby"]  # both may share a page
    assert len(rects(compact, "ll-frame")) == 1 and len(rects(compact, "ll-sensor")) == 2
    assert not [p for p in compact.iter(f"{SVG}path") if "data-angle" in p.attrib]
    assert "95.5 mm" in "".join(compact.itertext())


def test_how_far_a_value_moves_reads_in_its_unit() -> None:
    diagonal, crop, angle, _, dof = lens_numbers(lens_inputs())
    assert angle.moves_text() == "0.63° (3.0%)"
    assert diagonal.moves_text() == "0.14 mm (0.8%)"
    assert crop.moves_text() == "0.02 (0.8%)" and dof.moves_text() == "0.03 (0.8%)"


# From the data: data/optics.yaml checked, its figures built and placed -------------------------------


@pytest.fixture(scope="module")
def real() -> Catalogue:
    return load_catalogue(REPO / "data", repo_root=REPO)


@pytest.fixture(scope="module")
def outputs(real: Catalogue) -> dict[str, str]:
    built, _ = build_outputs(real)
    return {uri: body.decode() for uri, body in built.items() if uri.endswith(".md")}


def svgs_of(markdown: str) -> list[ET.Element]:
    return [parse(m) for m in re.findall(r"<svg\b.*?</svg>", markdown, re.S)]


def test_the_real_inputs_come_from_the_data(real: Catalogue) -> None:
    ins = concept_pages.inputs(real)
    assert ins.lens is not None and ins.side is not None and ins.parts
    optics = real.optics
    assert ins.lens.frame.size == optics.formats["full-frame"].sizes[0]
    assert [a.size for a in ins.lens.sensors] == optics.formats["1"].sizes  # both published sizes
    assert ins.lens.focal_length == optics.lenses["summilux-m-35"].focal_length_mm
    assert ins.side.flange == optics.mounts["leica-m"].flange_focal_distance_mm[0]
    assert ins.side.thickness == optics.bodies["xiaomi-12s-ultra"].thickness_mm
    for fact in (ins.lens.focal_length, ins.lens.f_number, ins.side.flange, ins.side.bump, *ins.parts):
        assert fact.sources and all(s in real.sources for s in fact.sources)


def test_the_figure_pages_show_the_numbers_with_their_sources(outputs: dict[str, str]) -> None:
    lens = outputs["figures/lens-on-sensor.md"]
    for shown in (
        "×2.73",
        "×2.70",
        "54.4°",
        "21.4°",
        "20.7°",
        "95.5 mm",
        "94.6 mm",
        "f/3.8",
        "focal length × crop factor",
        "2 × arctan(width ÷ (2 × focal length))",
    ):
        assert shown in lens, shown
    assert "| Its focal length | 35 mm<sup" in lens and "| Its largest aperture | f/1.4<sup" in lens
    side = outputs["figures/flange.md"]
    assert "| 14.30 mm | 14.45 mm |" in side and "27.95 mm" in side
    module = outputs["figures/camera-module.md"]
    assert "not to scale" in module and module.count('<g class="ll-callout"') == 6
    for uri in concept_pages.PAGES.values():
        page = outputs[uri[1]]
        assert len(svgs_of(page)) == 1 and "## References" in page
        assert f"({uri[1].removeprefix('figures/')})" in outputs["figures/index.md"]


def test_hand_written_pages_show_the_figures(real: Catalogue) -> None:
    expected = {
        "index.md": ["lens-on-sensor-compact"],
        "concept.md": ["camera-module", "flange", "lens-on-sensor"],
        "explainers/leica-m-mount.md": ["flange", "lens-on-sensor"],
    }
    for uri, names in expected.items():
        text = (REPO / "docs" / uri).read_text(encoding="utf-8")
        placed = place_figures(text, uri, real)
        assert FIGURE_REF.search(placed) is None, uri  # every reference became a figure
        assert re.findall(r'<figure class="ll-figure ll-figure--([a-z-]+)"', placed) == names, uri
        for svg in svgs_of(placed):
            assert svg.attrib["data-search-exclude"] == ""
        # The caption links to the figure's own page as it is served (raw HTML: MkDocs rewrites no link).
        up = "" if uri == "index.md" else "../" * (uri.count("/") + 1)
        assert f'href="{up}figures/{names[-1].removesuffix("-compact")}/"' in placed, uri


def test_a_figure_reference_without_its_data_stays_a_link(real: Catalogue) -> None:
    text = (
        "Intro.\n\n[Figure: the lens](figures/lens-on-sensor.md){ .ll-figure-ref }\n\n"
        "[Nope](figures/nope.md){ .ll-figure-ref }\n"
    )
    assert place_figures(text, "page.md", Catalogue()) == text  # no data/optics.yaml: links stay links
    placed = place_figures(text, "page.md", real)
    assert "ll-figure--lens-on-sensor" in placed and "[Nope](figures/nope.md){ .ll-figure-ref }" in placed


def test_a_changed_input_in_the_data_changes_figure_and_numbers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    optics = data / "optics.yaml"
    text = optics.read_text(encoding="utf-8")
    optics.write_text(
        text.replace("{width_mm: 13.2, height_mm: 8.8}", "{width_mm: 12.0, height_mm: 8.0}").replace(
            "focal_length_mm: {value: 35,", "focal_length_mm: {value: 50,"
        ),
        encoding="utf-8",
    )
    changed, _ = build_outputs(load_catalogue(data, repo_root=tmp_path))
    page = changed["figures/lens-on-sensor.md"].decode()
    assert "×3.00" in page and "95.5 mm" not in page  # 36 / 12 with the same 3:2 shape
    assert f"{math.degrees(2 * math.atan(12 / 100)):.1f}°" in page  # the 50 mm lens on a 12 mm width
    root = svgs_of(page)[0]
    assert fl(rects(root, "ll-frame")[0], "width") / fl(rects(root, "ll-sensor")[0], "width") == pytest.approx(
        3.0, abs=1e-9
    )


def errors_of(tmp_path: Path, old: str, new: str) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    optics = data / "optics.yaml"
    text = optics.read_text(encoding="utf-8")
    assert old in text
    optics.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_catalogue(data, repo_root=tmp_path)
    return [str(e).replace(str(data), "data") for e in info.value.errors]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "sources: [phoneworld-13-ultra-renders]}",
            "sources: [phoneworld-13-ultra]}",
            "bodies.xiaomi-12s-ultra.thickness_mm.sources[0]: no source in data/sources.yaml has the id "
            "'phoneworld-13-ultra' (did you mean 'phoneworld-13-ultra-renders'?)",
        ),
        (
            "mount: {value: leica-m,",
            "mount: {value: leica-l,",
            "lenses.summilux-m-35.mount.value: no mount has the id 'leica-l' (did you mean 'leica-m'?)",
        ),
        (
            "format: {value: full-frame,",
            "format: {value: full-fram,",
            "mounts.leica-m.format.value: no format has the id 'full-fram' (did you mean 'full-frame'?)",
        ),
        (
            "  xiaomi-12s-ultra:\n    thickness_mm",
            "  xiaomi-12s-ultr:\n    thickness_mm",
            "bodies.xiaomi-12s-ultr: no device has the id 'xiaomi-12s-ultr'",
        ),
        (
            "bump_thickness_mm: {value: 13.5,",
            "bump_thickness_mm: {value: 8.5,",
            "bodies.xiaomi-12s-ultra.bump_thickness_mm.value: the camera bump (8.5 mm) is thinner than the body",
        ),
        (
            "part: removed,",
            "part: gone,",
            "camera_modules.xiaomi-12s-ultra-concept.parts[5].value.part: Input should be",
        ),
        (
            "    f_number: {value: 1.4,",
            "    f_numbr: {value: 1.4,",
            "unknown field 'f_numbr' (did you mean 'f_number'?)",
        ),
    ],
)
def test_mistakes_in_the_optics_file_name_their_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    found = errors_of(tmp_path, old, new)
    assert any(expected in e for e in found), found
    text = (REPO / "data/optics.yaml").read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    assert any(e.startswith(f"data/optics.yaml:{line}:") and expected in e for e in found), (line, found)


def test_the_optics_facts_count_in_coverage_and_cite_their_figure_pages(
    real: Catalogue, outputs: dict[str, str]
) -> None:
    total = coverage(real)
    optics_facts = len(facts_in(real.optics))
    assert optics_facts >= 20 and total.percent == 100.0
    sources = outputs["sources/index.md"]
    entry = sources[sources.index('<span id="leica-summilux-m-28-manual">') :]
    entry = entry[: entry.index("\n- ")]  # its line and the line of the pages that cite it
    assert "(../figures/lens-on-sensor.md)" in entry
