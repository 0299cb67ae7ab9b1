# ruff: noqa: E501  (a table: one case per row, each error message whole on its line)
"""A catalogue of bad inputs: each is refused with exit 1, every error at its exact file:line:col, at once,
with no traceback, and the docs folder generated before is left byte for byte as it was.

Each case writes a few files over conftest's MINIMAL data set (``None`` deletes one) and lists the exact
lines ``python -m generator generate`` prints on stderr, before its closing "Error: n error(s)" line.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.catalogue.reading import INVISIBLE, invisible
from tests.helpers import DEVICE, MINIMAL, SOURCES, run_cli, write_data

DEV = "data/devices/example-phone.yaml"
ACME = "data/companies/acme.yaml"
PART = "data/partnerships/optica-acme.yaml"
SRC = "data/sources.yaml"
RLO = invisible("\u202e")  # "the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE), which can make ..."
PARTNERSHIP = "brand: optica\nmaker: acme\nstarted: {value: 2020-01, sources: [src-one]}\n"


def dev(old: str, new: str) -> str:
    assert old in DEVICE, old
    return DEVICE.replace(old, new)


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | None]
    expected: list[str]
    """stderr lines, in order, without the final "Error: n error(s) in the data" line."""
    marks: list[object] = field(default_factory=list)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)
)

CASES: list[Case] = [
    # YAML that does not parse -------------------------------------------------------------------
    Case(
        "tab-indent",
        {"companies/acme.yaml": "name: Acme\n\troles: [phone-maker]\n"},
        [f"{ACME}:2:1: not valid YAML: a tab character; YAML indents with spaces, never tabs"],
    ),
    Case(
        "tab-on-the-last-line",
        {"companies/acme.yaml": b"name: Acme\nroles: [phone-maker]\n\t\n"},
        [f"{ACME}:3:1: not valid YAML: a tab character; YAML indents with spaces, never tabs"],
    ),
    Case(
        "unclosed-double-quote",
        {"companies/acme.yaml": 'name: "Acme\nroles: [phone-maker]\n'},
        [f"{ACME}:1:7: not valid YAML: found unexpected end of stream (while scanning a quoted scalar opened here)"],
    ),
    Case(
        "unclosed-single-quote",
        {"devices/example-phone.yaml": dev("name: Example Phone", "name: 'Example Phone")},
        [f"{DEV}:1:7: not valid YAML: found unexpected end of stream (while scanning a quoted scalar opened here)"],
    ),
    Case(
        "unclosed-bracket-at-end",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker\n"},
        [
            f"{ACME}:2:8: not valid YAML: did not find expected ',' or ']' before the end of the file "
            "(while parsing a flow sequence opened here)"
        ],
    ),
    Case(
        "duplicate-key",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\nname: Acme 2\n"},
        [f"{ACME}:3:1: name: duplicate key (first given on line 1)"],
    ),
    Case(
        "duplicate-key-nested",
        {"devices/example-phone.yaml": dev("{value: phone,", "{value: phone, value: concept,")},
        [f"{DEV}:3:22: kind.value: duplicate key (first given on line 3)"],
    ),
    Case(
        "file-is-a-list",
        {"companies/acme.yaml": "- name: Acme\n- roles: [phone-maker]\n"},
        [f"{ACME}:1:1: the file holds a list; it should hold a mapping of fields"],
    ),
    Case(
        "file-is-a-single-value",
        {"companies/acme.yaml": "Acme\n"},
        [f"{ACME}:1:1: the file holds a single value (str); it should hold a mapping of fields"],
    ),
    Case(
        "empty-file",
        {"companies/acme.yaml": ""},
        [f"{ACME}:1:1: the file is empty; it should hold a mapping of fields"],
    ),
    Case(
        "only-comments",
        {"companies/acme.yaml": "# to do\n"},
        [f"{ACME}:1:1: the file is empty; it should hold a mapping of fields"],
    ),
    Case(
        "not-utf8",
        {"companies/acme.yaml": b"name: Acm\xe9\nroles: [phone-maker]\n"},
        [f"{ACME}:1:10: is not UTF-8 text (byte 0xe9)"],
    ),
    Case(
        "utf16",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\n".encode("utf-16")},
        [f"{ACME}:1:1: is a binary file, not YAML text"],
    ),
    Case(
        "binary-file",
        {"companies/acme.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        [f"{ACME}:3:1: is a binary file, not YAML text"],
    ),
    Case(
        "very-large-file",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\n" + "# padding\n" * 120_000},
        [f"{ACME}: is 1,200,032 bytes; a data file may hold at most 1,000,000"],
    ),
    Case(
        "two-documents",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\n---\nname: Other\n"},
        [f"{ACME}:3:1: not valid YAML: expected a single document in the stream: but found another document"],
    ),
    Case(
        "raw-control-character",
        {"companies/acme.yaml": "name: Ac\x07me\nroles: [phone-maker]\n"},
        [f"{ACME}:1:9: not valid YAML: the control character U+0007 is not allowed"],
    ),
    Case(
        "control-character-after-accents",
        {"companies/acme.yaml": "name: Crème brûlée\x7f\nroles: [phone-maker]\n"},
        [f"{ACME}:1:19: not valid YAML: the control character U+007F is not allowed"],
    ),
    # Invisible format characters (Unicode category Cf): refused in every key, id, name, text and comment
    Case(
        "direction-override-in-a-name",
        {"companies/acme.yaml": "name: Acme\u202e3S Ultra\nroles: [phone-maker]\n"},
        [f"{ACME}:1:11: holds {RLO}"],
    ),
    Case(
        "direction-override-as-an-escape",
        {"companies/acme.yaml": 'name: "Acme\\u202E"\nroles: [phone-maker]\n'},
        [f"{ACME}:1:7: name: holds {RLO}"],
    ),
    Case(
        "isolate-in-a-comment",
        {"devices/example-phone.yaml": dev("maker: acme", "maker: acme  # \u2066ok\u2069")},
        [f"{DEV}:2:16: holds {invisible(chr(0x2066))}"],
    ),
    Case(
        "zero-width-space-in-an-id",
        {"devices/example-phone.yaml": dev("maker: acme", "maker: ac\u200bme")},
        [f"{DEV}:2:10: holds {invisible(chr(0x200B))}"],
    ),
    Case(
        "zero-width-joiner-in-a-key",
        {"devices/example-phone.yaml": dev("kind:", "ki\u200dnd:")},
        [f"{DEV}:3:3: holds {invisible(chr(0x200D))}"],
    ),
    Case(
        "byte-order-mark-mid-file",
        {"companies/acme.yaml": "name: Acme\n\ufeffroles: [phone-maker]\n"},
        [f"{ACME}:2:1: holds {invisible(chr(0xFEFF))}"],
    ),
    Case(
        "soft-hyphen-in-a-device-name",
        {"devices/example-phone.yaml": dev("Example Phone", "Exam\u00adple Phone")},
        [f"{DEV}:1:11: holds {invisible(chr(0xAD))}"],
    ),
    Case(
        "right-to-left-mark-in-a-source-title",
        {"sources.yaml": SOURCES.replace("First source", "First \u200fsource")},
        [f"{SRC}:3:18: holds {invisible(chr(0x200F))}"],
    ),
    Case(
        "tag-characters-in-a-note",
        {
            "devices/example-phone.yaml": dev(
                "sources: [src-two]}", 'sources: [src-two], note: "x\U000e0041\U000e0042"}'
            )
        },
        [f"{DEV}:7:55: holds {invisible(chr(0xE0041))}"],
    ),
    Case(
        "invisible-characters-on-two-lines",
        {"companies/acme.yaml": "name: A\u2060cme\u2060\nroles: [phone-\u202amaker]\n"},
        [f"{ACME}:1:8: holds {invisible(chr(0x2060))}", f"{ACME}:2:15: holds {invisible(chr(0x202A))}"],
    ),
    Case(
        "direction-override-in-a-file-name",
        {"companies/ac\u202eme.yaml": "name: Acme\nroles: [phone-maker]\n"},
        [
            "data/companies/ac\\u202eme.yaml: the file name is the page's id and must be a lowercase slug: "
            "rename it to 'ac-me.yaml'"
        ],
    ),
    Case(
        "file-ends-inside-a-brace",
        {"companies/acme.yaml": "{"},
        [f"{ACME}:1:1: not valid YAML: did not find expected node content: the file ends in the middle of a value"],
    ),
    Case(
        "escaped-control-character",
        {"companies/acme.yaml": 'name: "Acme\\0\\x1b[31m"\nroles: [phone-maker]\n'},
        [f"{ACME}:1:7: name: holds the control character U+0000, which no page can show"],
    ),
    # Only a double-quoted string's escapes are searched for these (reading.py): the reader refuses them raw
    Case(
        "escaped-invisible-character",
        {"companies/acme.yaml": 'name: "Acme\\u202e3S"\nroles: [phone-maker]\n'},
        [f"{ACME}:1:7: name: holds {RLO}"],
    ),
    Case(
        "escaped-control-character-in-a-key",
        {"companies/acme.yaml": 'name: Acme\n"ro\\x1bles": [phone-maker]\n'},
        [f"{ACME}:2:1: holds the control character U+001B, which no page can show"],
    ),
    Case(
        "raw-c1-control-character-in-single-quotes",
        {"companies/acme.yaml": "name: 'Acme\x9b'\nroles: [phone-maker]\n"},
        [f"{ACME}:1:12: not valid YAML: the control character U+009B is not allowed"],
    ),
    Case(
        "alias-bomb",
        {"companies/acme.yaml": BOMB + "name: Acme\nroles: [phone-maker]\n"},
        [
            f"{ACME}:1:26: c[3][3][6]: aliases (*name) repeat values more often than the file has characters; "
            "write the values out"
        ],
    ),
    Case(
        "recursive-alias",
        {"companies/acme.yaml": "name: Acme\nroles: &r [phone-maker, *r]\n"},
        [f"{ACME}:2:8: roles[1]: an alias (*name) names a value that holds it"],
    ),
    Case(
        "nested-too-deep",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\nx: " + "[" * 600 + "]" * 600},
        [f"{ACME}:3:54: x" + "[0]" * 50 + ": lists and mappings nest more than 50 levels deep"],
    ),
    Case(
        "python-object-tag",
        {"companies/acme.yaml": "name: !!python/object/apply:os.system [ls]\nroles: [phone-maker]\n"},
        [
            f"{ACME}:1:7: name: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not supported; "
            "write a plain list or mapping"
        ],
    ),
    Case(
        "merge-key",
        {"companies/acme.yaml": "base: &b {name: Acme}\n<<: *b\nroles: [phone-maker]\n"},
        [f"{ACME}:2:1: merge keys (<<) are not supported; write the fields out"],
    ),
    Case(
        "number-as-key",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\n2022: founded\n"},
        [f"{ACME}:3:1: a key must be a word, not '2022'"],
    ),
    # Wrong types and ranges, missing and unknown fields -------------------------------------------
    Case(
        "impossible-date",
        {"devices/example-phone.yaml": dev("2022-07-04", "2022-13-40")},
        [f"{DEV}:5:20: announced.value: '2022-13-40' is not a valid date (month must be in 1..12)"],
    ),
    Case(
        "impossible-quoted-date",
        {"devices/example-phone.yaml": dev("2022-07-04", "'2022-02-30'")},
        [
            f"{DEV}:5:20: announced.value: 2022-02-30 is not a real date (day is out of range for month) "
            "(got '2022-02-30')"
        ],
    ),
    Case(
        "negative-price",
        {"devices/example-phone.yaml": DEVICE + "prices:\n  - {value: {amount: -5, currency: EUR}}\n"},
        [f"{DEV}:9:22: prices[0].value.amount: Input should be greater than 0 (got -5)"],
    ),
    Case(
        "sensor-400mm-wide",
        {"devices/example-phone.yaml": DEVICE + "  size: {value: {width_mm: 400, height_mm: 9}}\n"},
        [f"{DEV}:8:28: main_camera.size.value.width_mm: Input should be less than or equal to 60 (got 400)"],
    ),
    Case(
        "resolution-in-words",
        {"devices/example-phone.yaml": DEVICE + "  resolution_mp: {value: fifty}\n"},
        [
            f"{DEV}:8:26: main_camera.resolution_mp.value: Input should be a valid number, "
            "unable to parse string as a number (got 'fifty')"
        ],
    ),
    Case(
        "resolution-of-true",
        {"devices/example-phone.yaml": DEVICE + "  resolution_mp: {value: true}\n"},
        [f"{DEV}:8:26: main_camera.resolution_mp.value: a number is due here, not true (got True)"],
    ),
    Case(
        "unknown-kind",
        {"devices/example-phone.yaml": dev("value: phone", "value: tablet")},
        [f"{DEV}:3:15: kind.value: Input should be 'phone', 'concept' or 'camera-phone' (got 'tablet')"],
    ),
    Case(
        "name-is-a-list",
        {"companies/acme.yaml": "name: [Acme, ACME]\nroles: [phone-maker]\n"},
        [f"{ACME}:1:7: name: Input should be a valid string"],
    ),
    Case(
        "missing-required-fields",
        {"devices/example-phone.yaml": "maker: acme\nmain_camera: {}\n"},
        [
            f"{DEV}:1:1: announced: required field 'announced' is missing",
            f"{DEV}:1:1: kind: required field 'kind' is missing",
            f"{DEV}:1:1: name: required field 'name' is missing",
        ],
    ),
    Case(
        "unknown-field-near-miss",
        {"devices/example-phone.yaml": DEVICE + "  sensr: {value: Sony IMX989}\n"},
        [f"{DEV}:8:3: main_camera.sensr: unknown field 'sensr' (did you mean 'sensor'?)"],
    ),
    Case(
        "unknown-field-far-off",
        {"companies/acme.yaml": "name: Acme\nroles: [phone-maker]\ncolour: red\n"},
        [
            f"{ACME}:3:1: colour: unknown field 'colour' (allowed here: founded, headquarters, legal_name, name, "
            "roles, story)"
        ],
    ),
    Case(
        "id-not-a-slug",
        {"companies/Big Corp.yaml": "name: Big Corp\nroles: [phone-maker]\n"},
        [
            "data/companies/Big Corp.yaml: the file name is the page's id and must be a lowercase slug: "
            "rename it to 'big-corp.yaml'"
        ],
    ),
    Case(
        "ids-collide-after-slugging",
        {"devices/Example_Phone.yaml": DEVICE},
        [
            "data/devices/Example_Phone.yaml: the file name is the page's id and must be a lowercase slug: "
            "rename it to 'example-phone.yaml'",
            f"{DEV}: its id 'example-phone' collides with data/devices/Example_Phone.yaml",
        ],
    ),
    Case(
        "not-a-yaml-file",
        {"devices/notes.txt": "hello", "devices/other.yml": DEVICE},
        [
            "data/devices/notes.txt: is not a .yaml data file; move it out of the data folder or rename it",
            "data/devices/other.yml: is not a .yaml data file; move it out of the data folder or rename it",
        ],
    ),
    Case("sources-missing", {"sources.yaml": None}, [f"{SRC}: is missing"]),
    Case(
        "duplicate-source-id",
        {"sources.yaml": SOURCES + "  - {id: src-one, title: T, publisher: P, seen: [], url: 'https://x.org'}\n"},
        [f"{SRC}:13:10: sources[2].id: duplicate source id 'src-one'"],
    ),
    # Links and paths ------------------------------------------------------------------------------
    Case(
        "javascript-link",
        {"sources.yaml": SOURCES.replace("https://example.com/one", "javascript:alert(1)")},
        [f"{SRC}:7:10: sources[0].url: URL scheme should be 'http' or 'https' (got 'javascript:alert(1)')"],
    ),
    Case(
        "data-link",
        {"sources.yaml": SOURCES.replace("https://example.org/two", "'data:text/html,<script>alert(1)</script>'")},
        [
            f"{SRC}:12:10: sources[1].url: URL scheme should be 'http' or 'https' "
            "(got 'data:text/html,<script>alert(1)</script>')"
        ],
    ),
    Case(
        "file-link",
        {"sources.yaml": SOURCES.replace("https://example.com/one", "file:///etc/passwd")},
        [f"{SRC}:7:10: sources[0].url: URL scheme should be 'http' or 'https' (got 'file:///etc/passwd')"],
    ),
    Case(
        "partnership-id-escapes",
        {"devices/example-phone.yaml": dev("partnership: optica-acme", "partnership: ../../etc")},
        [f"{DEV}:4:14: partnership: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' (got '../../etc')"],
    ),
    Case(
        "source-id-escapes",
        {
            "sources.yaml": SOURCES.replace("id: src-two", "id: ../x"),
            "devices/example-phone.yaml": dev("[src-two]", "['../x']"),
        },
        [
            f"{DEV}:7:37: main_camera.format.sources[0]: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' "
            "(got '../x')",
            f"{SRC}:8:9: sources[1].id: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' (got '../x')",
        ],
    ),
    Case(
        "sensor-id-escapes",
        {"devices/example-phone.yaml": DEVICE + "  sensor_id: /etc/passwd\n"},
        [
            f"{DEV}:8:14: main_camera.sensor_id: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' "
            "(got '/etc/passwd')"
        ],
    ),
    Case(
        "maker-id-escapes",
        {"devices/example-phone.yaml": dev("maker: acme", "maker: ..")},
        [f"{DEV}:2:8: maker: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' (got '..')"],
    ),
    # Broken references ----------------------------------------------------------------------------
    Case(
        "unknown-source",
        {"devices/example-phone.yaml": dev("[src-two]", "[src-too]")},
        [
            f"{DEV}:7:37: main_camera.format.sources[0]: no source in data/sources.yaml has the id 'src-too' "
            "(did you mean 'src-two'?)"
        ],
    ),
    Case(
        "partnership-unknown-companies",
        {
            "partnerships/optica-acme.yaml": PARTNERSHIP.replace("brand: optica", "brand: leica").replace(
                "maker: acme", "maker: acne"
            )
        },
        [
            f"{PART}:1:8: brand: no company has the id 'leica'",
            f"{PART}:2:8: maker: no company has the id 'acne' (did you mean 'acme'?)",
        ],
    ),
    Case(
        "partnership-ends-before-it-starts",
        {
            "partnerships/optica-acme.yaml": PARTNERSHIP.replace("2020-01", "2023-05")
            + "ended: {value: 2021, sources: [src-one]}\n"
        },
        [
            f"{DEV}:5:20: announced.value: 2022-07-04 falls outside the partnership 'optica-acme' (2023-05 to 2021)",
            f"{PART}:4:16: ended.value: the partnership ends (2021) before it starts (2023-05)",
        ],
    ),
    Case(
        "device-before-its-partnership",
        {"devices/example-phone.yaml": dev("2022-07-04", "2019-12-31")},
        [f"{DEV}:5:20: announced.value: 2019-12-31 falls outside the partnership 'optica-acme' (2020-01 to today)"],
    ),
    Case(
        "device-after-its-partnership",
        {"partnerships/optica-acme.yaml": PARTNERSHIP + "ended: {value: 2022-06, sources: [src-one]}\n"},
        [f"{DEV}:5:20: announced.value: 2022-07-04 falls outside the partnership 'optica-acme' (2020-01 to 2022-06)"],
    ),
    Case(
        "unknown-partnership-and-sensor",
        {
            "devices/example-phone.yaml": dev("partnership: optica-acme", "partnership: optica-acmee")
            + "  sensor_id: imx989\n"
        },
        [
            f"{DEV}:4:14: partnership: no partnership has the id 'optica-acmee' (did you mean 'optica-acme'?)",
            f"{DEV}:8:14: main_camera.sensor_id: no sensor has the id 'imx989'",
        ],
    ),
    # Every error of every file, in one run --------------------------------------------------------
    Case(
        "errors-in-five-files-at-once",
        {
            "companies/acme.yaml": "name: Acme\n\troles: [phone-maker]\n",
            "companies/optica.yaml": "name: Optica\nroles: [camera-brand, lens-maker]\nfounded: {value: 1900, sources: [src-3]}\n",
            "devices/example-phone.yaml": dev("maker: acme", "maker: acme\nsensr: x").replace(
                "2022-07-04", "2022-13-01"
            ),
            "devices/second.yaml": dev("[src-two]", "[src-twoo]"),
            "sources.yaml": SOURCES.replace("https://example.org/two", "javascript:void(0)"),
        },
        [
            f"{ACME}:2:1: not valid YAML: a tab character; YAML indents with spaces, never tabs",
            "data/companies/optica.yaml:2:23: roles[1]: Input should be 'phone-maker', 'camera-brand', 'optics', "
            "'sensor-maker' or 'electronics' (got 'lens-maker')",
            f"{DEV}:6:20: announced.value: '2022-13-01' is not a valid date (month must be in 1..12)",
            f"{SRC}:12:10: sources[1].url: URL scheme should be 'http' or 'https' (got 'javascript:void(0)')",
        ],
    ),
    Case(
        "schema-and-reference-errors-together",
        {
            "companies/optica.yaml": "name: Optica\nroles: [camera-brand]\nfoundd: 1900\n",
            "devices/example-phone.yaml": dev("[src-two]", "[src-too]"),
            "devices/second.yaml": dev("maker: acme", "maker: acne").replace("2022-07-04", "2019"),
            "partnerships/optica-acme.yaml": PARTNERSHIP + "ended: {value: 2019, sources: [src-one]}\n",
        },
        [
            "data/companies/optica.yaml:3:1: foundd: unknown field 'foundd' (did you mean 'founded'?)",
            f"{DEV}:5:20: announced.value: 2022-07-04 falls outside the partnership 'optica-acme' (2020-01 to 2019)",
            f"{DEV}:7:37: main_camera.format.sources[0]: no source in data/sources.yaml has the id 'src-too' "
            "(did you mean 'src-two'?)",
            "data/devices/second.yaml:2:8: maker: no company has the id 'acne' (did you mean 'acme'?)",
            "data/devices/second.yaml:5:20: announced.value: 2019 falls outside the partnership 'optica-acme' "
            "(2020-01 to 2019)",
            f"{PART}:4:16: ended.value: the partnership ends (2019) before it starts (2020-01)",
        ],
    ),
    Case(
        "broken-files-everywhere",
        {
            "companies/acme.yaml": b"\xff\xfe",
            "companies/optica.yaml": "",
            "partnerships/optica-acme.yaml": "- brand: optica\n",
            "devices/example-phone.yaml": "name: [unclosed\n",
            "sources.yaml": "sources:\n  - id: src-one\n    id: src-two\n",
        },
        [
            f"{ACME}:1:1: is not UTF-8 text (byte 0xff)",
            "data/companies/optica.yaml:1:1: the file is empty; it should hold a mapping of fields",
            f"{DEV}:1:7: not valid YAML: did not find expected ',' or ']' before the end of the file "
            "(while parsing a flow sequence opened here)",
            f"{PART}:1:1: the file holds a list; it should hold a mapping of fields",
            f"{SRC}:3:5: sources[0].id: duplicate key (first given on line 2)",
        ],
    ),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages of the minimal data set, generated once; each case starts from a copy."""
    root = tmp_path_factory.mktemp("good")
    write_data(root, MINIMAL)
    result = run_cli("generate", "--data", "data", "--docs", "docs", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "docs"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_bad_input_is_refused_at_its_place(case: Case, tmp_path: Path, generated_docs: Path) -> None:
    shutil.copytree(generated_docs, tmp_path / "docs")
    write_data(tmp_path, {**MINIMAL, **case.files})
    before = snapshot(tmp_path)
    result = run_cli("generate", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *case.expected,
        f"Error: {len(case.expected)} error(s) in the data; nothing was written.",
    ]
    assert snapshot(tmp_path) == before  # not one byte written, in docs/ or anywhere else


def test_every_format_character_is_refused() -> None:
    """The refused set is Unicode's category Cf as this Python knows it, plus format characters newer
    Unicode versions added (unassigned here); nothing visible."""
    everything = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    refused = set(INVISIBLE.findall(everything))
    categories = {unicodedata.category(c) for c in refused}
    assert {c for c in map(chr, range(0x110000)) if unicodedata.category(c) == "Cf"} <= refused
    assert categories <= {"Cf", "Cn"}


def test_a_byte_order_mark_at_the_start_is_no_error(tmp_path: Path) -> None:
    write_data(tmp_path, {**MINIMAL, "companies/acme.yaml": "\ufeffname: Acme\nroles: [phone-maker]\n"})
    result = run_cli("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
