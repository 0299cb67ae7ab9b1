"""The models accept what editors should write and refuse the rest, with messages naming the field."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from pydantic import ValidationError

from generator.catalogue.dates import latest, start
from generator.catalogue.models import Device, Fact, Partnership, Source


def device(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "X",
        "maker": "acme",
        "kind": {"value": "phone", "sources": ["s"]},
        "announced": {"value": "2022-07-04", "sources": ["s"]},
    }
    base.update(changes)
    return base


def errors(data: dict[str, object], model: type = Device) -> list[tuple[tuple[object, ...], str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in info.value.errors()]


def test_a_minimal_device_is_valid() -> None:
    d = Device.model_validate(device())
    assert d.announced.value == "2022-07-04"
    assert d.announced.sources == ["s"]
    assert d.main_camera.sensor is None


@pytest.mark.parametrize("value", ["2022-07-04", "2014-09", "2001"])
def test_dates_may_be_partial(value: str) -> None:
    assert Device.model_validate(device(announced={"value": value})).announced.value == value


def test_yaml_dates_and_years_become_text() -> None:
    assert Device.model_validate(device(announced={"value": dt.date(2022, 7, 4)})).announced.value == "2022-07-04"
    assert Device.model_validate(device(announced={"value": 2001})).announced.value == "2001"


def test_the_latest_of_partial_dates_is_the_latest_to_start_then_the_most_precise() -> None:
    """``latest`` compares partial dates as text: the same as by their first day, then by their precision."""
    rng = random.Random(16)
    years = ["1999", "2000", "2021", "2022"]
    dates = years + [f"{y}-{m:02d}" for y in years for m in (1, 2, 9, 10, 12)]
    dates += [f"{y}-{m:02d}-{d:02d}" for y in years for m in (1, 2, 9, 10, 12) for d in (1, 2, 9, 10, 28)]
    for _ in range(2000):
        values = rng.sample(dates, rng.randint(1, 6))
        assert latest(values) == max(values, key=lambda v: (start(v), len(v))), values
    assert latest(["2022", "2022-01", "2022-01-01"]) == "2022-01-01"
    assert latest(["2022-01-31", "2022-02"]) == "2022-02"
    assert latest([]) is None


@pytest.mark.parametrize("value", ["2022-13-40", "2022-02-30", "July 2022", "22-07-04", "1700"])
def test_impossible_dates_are_refused(value: str) -> None:
    assert errors(device(announced={"value": value})) == [(("announced", "value"), "value_error")]


def test_unknown_keys_are_errors_at_every_level() -> None:
    assert errors(device(sensr=1)) == [(("sensr",), "extra_forbidden")]
    assert errors(device(main_camera={"sensr": {"value": "x"}})) == [(("main_camera", "sensr"), "extra_forbidden")]
    assert errors(device(announced={"value": "2022", "source": ["s"]})) == [
        (("announced", "source"), "extra_forbidden")
    ]


def test_missing_required_fields_are_named() -> None:
    data = device()
    del data["announced"]
    assert errors(data) == [(("announced",), "missing")]


def test_ids_must_be_slugs() -> None:
    assert errors(device(maker="Acme Corp")) == [(("maker",), "string_pattern_mismatch")]


def test_ranges_are_checked() -> None:
    assert errors(device(prices=[{"value": {"amount": -5, "currency": "EUR"}}])) == [
        (("prices", 0, "value", "amount"), "greater_than")
    ]
    assert errors(device(main_camera={"size": {"value": {"width_mm": 400, "height_mm": 8}}})) == [
        (("main_camera", "size", 0, "value", "width_mm"), "less_than_equal")
    ]
    assert errors(device(main_camera={"resolution_mp": {"value": "fifty"}})) == [
        (("main_camera", "resolution_mp", "value"), "float_parsing")
    ]


def test_one_fact_or_a_list_of_disagreeing_facts() -> None:
    one = Device.model_validate(device(platform={"weight_g": {"value": 204, "sources": ["a"]}}))
    two = Device.model_validate(
        device(platform={"weight_g": [{"value": 204, "sources": ["a"]}, {"value": 220, "sources": ["b"]}]})
    )
    assert [f.value for f in one.platform.weight_g] == [204]
    assert [(f.value, f.sources) for f in two.platform.weight_g] == [(204, ["a"]), (220, ["b"])]


def test_facts_default_to_no_source_and_not_pre_launch() -> None:
    fact = Fact[str].model_validate({"value": "x"})
    assert (fact.sources, fact.pre_launch, fact.note) == ([], False, None)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.com/x", "example.com"])
def test_source_links_must_be_http(url: str) -> None:
    data = {"id": "s", "title": "t", "publisher": "p", "seen": [], "url": url}
    assert [loc for loc, _ in errors(data, Source)] == [("url",)]


def test_partnership_needs_a_start() -> None:
    assert errors({"brand": "a", "maker": "b"}, Partnership) == [(("started",), "missing")]
