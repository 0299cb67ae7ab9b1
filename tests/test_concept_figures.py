"""The concept's three figures (the lens over the sensor, the side view, the module schematic): their
geometry and numbers follow their cited inputs, and a changed input changes both."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from generator.catalogue.models import Fact, SensorSize
from generator.site.figures import concept as c

SVG = "{http://www.w3.org/2000/svg}"


def size(width: float, height: float, source: str = "src-size") -> Fact[SensorSize]:
    return Fact[SensorSize](value=SensorSize(width_mm=width, height_mm=height), sources=[source])


def number(value: float, source: str = "src-lens") -> Fact[float]:
    return Fact[float](value=value, sources=[source])


def lens_inputs(sensors: tuple[tuple[float, float], ...] = ((13.2, 8.8), (12.8, 9.6)), focal: float = 35,
                f_number: float = 1.4, frame: tuple[float, float] = (36, 24)) -> c.LensOnSensor:
    return c.LensOnSensor(c.Area("Full frame", size(*frame)),
                          tuple(c.Area("1-inch type", size(w, h)) for w, h in sensors),
                          "Leica Summilux-M 35 mm f/1.4 ASPH", number(focal), number(f_number), "Concept")


def side_inputs(flange: float = 27.8, thickness: float = 9.1, bump: float = 13.5) -> c.SideView:
    return c.SideView("Leica M", number(flange), "Xiaomi 12S Ultra", number(thickness), number(bump),
                      "Summilux-M 35 mm")


PARTS = [c.Part("bare-sensor", "A bare sensor", ("a",)), c.Part("cover", "Sapphire glass", ("b",)),
         c.Part("mount-ring", "The ring", ("c",)), c.Part("main-camera", "The main camera", ("a",)),
         c.Part("ultra-wide", "Ultra-wide", ("d",)), c.Part("removed", "Periscope: removed", ("a", "b"))]


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
    root = parse(c.lens_svg(lens_inputs()))
    check_accessible(root)
    frame = rects(root, "ll-frame")[0]
    sensor, other = rects(root, "ll-sensor")
    assert fl(frame, "width") / fl(sensor, "width") == pytest.approx(36 / 13.2, abs=1e-9)
    assert fl(frame, "height") / fl(sensor, "height") == pytest.approx(24 / 8.8, abs=1e-9)
    assert fl(other, "width") / fl(sensor, "width") == pytest.approx(12.8 / 13.2, abs=1e-9)
    assert "ll-sensor--alt" in other.attrib["class"]  # the second published size is drawn dashed
    for rect in (frame, sensor, other):  # each rectangle says what it stands for
        assert fl(rect, "width") == pytest.approx(fl(rect, "data-width-mm") * c.FRAME_SCALE, abs=1e-9)


def test_sensor_sits_inside_the_frame() -> None:
    root = parse(c.lens_svg(lens_inputs()))
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
    root = parse(c.lens_svg(lens_inputs(focal=focal)))
    rays = [p for p in root.iter(f"{SVG}path") if "ll-ray" in p.attrib.get("class", "").split()
            and "data-angle" in p.attrib]
    assert [fl(p, "data-width-mm") for p in rays] == [36, 13.2]
    for ray in rays:
        expected = math.degrees(2 * math.atan(fl(ray, "data-width-mm") / (2 * focal)))
        assert fl(ray, "data-angle") == pytest.approx(expected, abs=0.1)
        assert _ray_angle(ray) == pytest.approx(expected, abs=0.1)  # the rays drawn make that angle
        assert f"{expected:.1f}°" in "".join(root.itertext())


def test_numbers_follow_their_formulas() -> None:
    diagonal, crop, angle, equivalent, dof = c.lens_numbers(lens_inputs())
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


@pytest.mark.parametrize("change", [{"sensors": ((12.0, 8.0),)}, {"focal": 50}, {"f_number": 2.0},
                                    {"frame": (24, 16)}])
def test_a_changed_input_changes_drawing_and_numbers(change: dict[str, object]) -> None:
    before, after = lens_inputs(), lens_inputs(**change)  # type: ignore[arg-type]
    assert c.lens_svg(before) != c.lens_svg(after)
    old = [d.values for d in c.lens_numbers(before)]
    new = [d.values for d in c.lens_numbers(after)]
    assert old != new
    if "sensors" in change:  # every value that depends on the sensor moves
        assert all(o[1] != n[1] for o, n in zip(old, new, strict=True))
        root = parse(c.lens_svg(after))
        assert fl(rects(root, "ll-frame")[0], "width") / fl(rects(root, "ll-sensor")[0], "width") == \
            pytest.approx(36 / 12.0, abs=1e-9)


def test_a_sensor_of_another_shape_changes_the_angle_more_than_the_crop() -> None:
    """13.2 x 8.8 and 12.8 x 9.6 have nearly the same diagonal but not the same width."""
    _, crop, angle, _, _ = c.lens_numbers(lens_inputs())
    assert crop.moves()[1] < 0.01 < angle.moves()[1]


# Figure 2: the side view -------------------------------------------------------------------------------

def _by(root: ET.Element, tag: str, cls: str) -> ET.Element:
    return next(e for e in root.iter(f"{SVG}{tag}") if cls in e.attrib.get("class", "").split())


def test_side_view_depths_are_to_scale() -> None:
    root = parse(c.flange_svg(side_inputs()))
    check_accessible(root)
    k = c.SIDE_SCALE
    dims = {p.attrib["data-dimension"]: p for p in root.iter(f"{SVG}path") if "data-dimension" in p.attrib}
    assert {name: fl(p, "data-length-mm") for name, p in dims.items()} == pytest.approx(
        {"flange": 27.8, "bump": 13.5, "body": 9.1})
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
    beyond, ratio = c.flange_numbers(side_inputs(), [27.95])
    assert beyond.values == pytest.approx((27.8 - 13.5, 27.95 - 13.5))
    assert ratio.values == pytest.approx((27.8 / 9.1, 27.95 / 9.1))
    assert c.flange_svg(side_inputs(bump=15.0)) != c.flange_svg(side_inputs())
    assert "at least 12.80 mm" in "".join(parse(c.flange_svg(side_inputs(bump=15.0))).itertext())


# Figure 3: the schematic -------------------------------------------------------------------------------

def test_schematic_numbers_each_part_and_says_it_is_not_to_scale() -> None:
    root = parse(c.module_svg("Concept", PARTS))
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
    root = parse(c.module_svg("A & B <x>", [c.Part("cover", 'Glass "<b>" & co', ())]))
    assert 'Glass "<b>" & co' in "".join(root.itertext())


def test_compact_version_keeps_the_frame_and_the_numbers() -> None:
    full, compact = parse(c.lens_svg(lens_inputs())), parse(c.lens_svg(lens_inputs(), compact=True))
    check_accessible(compact)
    assert compact.attrib["aria-labelledby"] != full.attrib["aria-labelledby"]  # both may share a page
    assert len(rects(compact, "ll-frame")) == 1 and len(rects(compact, "ll-sensor")) == 2
    assert not [p for p in compact.iter(f"{SVG}path") if "data-angle" in p.attrib]
    assert "95.5 mm" in "".join(compact.itertext())


def test_how_far_a_value_moves_reads_in_its_unit() -> None:
    diagonal, crop, angle, _, dof = c.lens_numbers(lens_inputs())
    assert angle.moves_text() == "0.63° (3.0%)"
    assert diagonal.moves_text() == "0.14 mm (0.8%)"
    assert crop.moves_text() == "0.02 (0.8%)" and dof.moves_text() == "0.03 (0.8%)"
