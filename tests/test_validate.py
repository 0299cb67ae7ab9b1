"""Every data error is reported at once, as path:line:col: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataErrors
from tests.helpers import DEVICE, MINIMAL, write_data


def messages(tmp_path: Path, changes: dict[str, str | bytes | None]) -> list[str]:
    data = write_data(tmp_path, {**MINIMAL, **changes})
    with pytest.raises(DataErrors) as info:
        load_catalogue(data)
    return [str(e).replace(str(data), "data") for e in info.value.errors]


def test_the_minimal_data_loads(data_dir: Path) -> None:
    catalogue = load_catalogue(data_dir)
    assert list(catalogue.devices) == ["example-phone"]
    entry = catalogue.devices["example-phone"]
    assert entry.repo_path == "data/devices/example-phone.yaml"
    assert entry.model.maker == "acme"
    assert set(catalogue.sources) == {"src-one", "src-two"}


def test_unknown_field_with_a_hint(tmp_path: Path) -> None:
    text = DEVICE.replace("  format:", "  sensr: {value: IMX989}\n  format:")
    assert messages(tmp_path, {"devices/example-phone.yaml": text}) == [
        "data/devices/example-phone.yaml:7:3: main_camera.sensr: unknown field 'sensr' (did you mean 'sensor'?)"
    ]


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    text = DEVICE + "platform:\n  battery_mah: {value: lots}\n"
    assert messages(tmp_path, {"devices/example-phone.yaml": text}) == [
        "data/devices/example-phone.yaml:9:24: platform.battery_mah.value: Input should be a valid integer, "
        "unable to parse string as an integer (got 'lots')"
    ]


def test_missing_field_points_at_its_parent(tmp_path: Path) -> None:
    text = DEVICE.replace("announced: {value: 2022-07-04, sources: [src-one]}\n", "")
    assert messages(tmp_path, {"devices/example-phone.yaml": text}) == [
        "data/devices/example-phone.yaml:1:1: announced: required field 'announced' is missing"
    ]


def test_impossible_date(tmp_path: Path) -> None:
    text = DEVICE.replace("2022-07-04", "2022-13-40")
    assert messages(tmp_path, {"devices/example-phone.yaml": text}) == [
        "data/devices/example-phone.yaml:5:20: announced.value: '2022-13-40' is not a valid date "
        "(month must be in 1..12)"
    ]


def test_all_errors_of_all_files_at_once(tmp_path: Path) -> None:
    found = messages(
        tmp_path,
        {
            "devices/example-phone.yaml": DEVICE.replace("maker: acme", "maker: acme\ncolour: red"),
            "companies/acme.yaml": "name: Acme\nroles: [phone-maker]\nfounded: {value: soon}\n",
            "partnerships/optica-acme.yaml": "brand: optica\nmaker: acme\n",
        },
    )
    assert found == [
        "data/companies/acme.yaml:3:18: founded.value: a date is written YYYY-MM-DD, YYYY-MM or YYYY (got 'soon')",
        "data/devices/example-phone.yaml:3:1: colour: unknown field 'colour' (allowed here: aliases, announced, "
        "features, kind, main_camera, maker, model_number, name, other_cameras, partnership, platform, prices, "
        "released, story)",
        "data/partnerships/optica-acme.yaml:1:1: started: required field 'started' is missing",
    ]


def test_broken_references(tmp_path: Path) -> None:
    found = messages(
        tmp_path,
        {
            "devices/example-phone.yaml": DEVICE.replace("maker: acme", "maker: acne").replace(
                "sources: [src-two]", "sources: [src-too]"
            ),
            "partnerships/optica-acme.yaml": "brand: optika\nmaker: acme\n"
            "started: {value: 2020-01, sources: [src-one]}\n",
        },
    )
    assert found == [
        "data/devices/example-phone.yaml:2:8: maker: no company has the id 'acne' (did you mean 'acme'?)",
        "data/devices/example-phone.yaml:7:37: main_camera.format.sources[0]: no source in data/sources.yaml "
        "has the id 'src-too' (did you mean 'src-two'?)",
        "data/partnerships/optica-acme.yaml:1:8: brand: no company has the id 'optika' (did you mean 'optica'?)",
    ]


def test_dates_across_files(tmp_path: Path) -> None:
    found = messages(
        tmp_path,
        {
            "devices/example-phone.yaml": DEVICE.replace("2022-07-04", "2019-05-01"),
            "partnerships/optica-acme.yaml": "brand: optica\nmaker: acme\n"
            "started: {value: 2020-01, sources: [src-one]}\n"
            "ended: {value: 2019, sources: [src-one]}\n",
        },
    )
    assert found == [
        "data/devices/example-phone.yaml:5:20: announced.value: 2019-05-01 falls outside the partnership "
        "'optica-acme' (2020-01 to 2019)",
        "data/partnerships/optica-acme.yaml:4:16: ended.value: the partnership ends (2019) before it starts (2020-01)",
    ]


def test_yaml_that_does_not_parse(tmp_path: Path) -> None:
    assert messages(tmp_path, {"companies/acme.yaml": "name: Acme\n\troles: [phone-maker]\n"}) == [
        "data/companies/acme.yaml:2:1: not valid YAML: a tab character; YAML indents with spaces, never tabs"
    ]


def test_duplicate_keys(tmp_path: Path) -> None:
    assert messages(tmp_path, {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\nname: Acme 2\n"}) == [
        "data/companies/acme.yaml:3:1: name: duplicate key (first given on line 1)"
    ]


def test_file_names_are_ids(tmp_path: Path) -> None:
    found = messages(
        tmp_path, {"companies/Big Corp.yaml": "name: Big\nroles: [phone-maker]\n", "companies/notes.txt": "hello"}
    )
    assert found == [
        "data/companies/Big Corp.yaml: the file name is the page's id and must be a lowercase slug: "
        "rename it to 'big-corp.yaml'",
        "data/companies/notes.txt: is not a .yaml data file; move it out of the data folder or rename it",
    ]


def test_duplicate_source_ids(tmp_path: Path) -> None:
    doubled = MINIMAL["sources.yaml"] + "  - {id: src-one, title: t, publisher: p, seen: [], url: 'https://x.org'}\n"
    assert messages(tmp_path, {"sources.yaml": doubled}) == [
        "data/sources.yaml:13:10: sources[2].id: duplicate source id 'src-one'"
    ]


def test_line_separators_yaml_counts_but_editors_do_not(tmp_path: Path) -> None:
    # Found by the fuzz test: U+0085 made YAML's line numbers disagree with an editor's.
    text = DEVICE.replace("name: Example Phone", "name: Example\x85Phone")
    assert messages(tmp_path, {"devices/example-phone.yaml": text}) == [
        "data/devices/example-phone.yaml:1:14: holds the line-separator character U+0085; "
        "use a plain line break or a space"
    ]
