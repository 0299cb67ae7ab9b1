"""Optical formats are read by one parser, so the comparison page and the figures order them alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.optics import format_key, nominal_of
from generator.site.build import build_outputs
from tests.helpers import write_data


@pytest.mark.parametrize(
    ("text", "key", "nominal"),
    [
        ("1-inch", "1", 1.0),
        ("Type 1.0", "1", 1.0),
        ('1"', "1", 1.0),
        ("1/1.28-inch", "1/1.28", 1 / 1.28),
        ("1/2.3-inch type", "1/2.3", 1 / 2.3),
        ("Format not published", None, 0.0),
    ],
)
def test_one_reading_of_a_format(text: str, key: str | None, nominal: float) -> None:
    assert format_key(text) == key
    assert nominal_of(text) == pytest.approx(nominal)


def test_formats_are_listed_largest_first_on_the_comparison_page(data_dir: Path) -> None:
    device = (
        "name: {name}\nmaker: acme\nkind: {{value: phone, sources: [src-one]}}\n"
        "announced: {{value: 2022-07-04, sources: [src-one]}}\n"
        "main_camera:\n  format: {{value: '{fmt}', sources: [src-two]}}\n"
    )
    write_data(
        data_dir.parent,
        {
            "devices/small.yaml": device.format(name="Small", fmt="1/1.28-inch"),
            "devices/big.yaml": device.format(name="Big", fmt="Type 1.0"),
        },
    )
    outputs, _ = build_outputs(load_catalogue(data_dir))
    page = outputs["compare/index.md"].decode()
    assert page.index("Type 1.0") < page.index("1/1.28-inch")
