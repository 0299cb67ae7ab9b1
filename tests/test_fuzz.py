"""Fuzzing: generated data sets, valid and broken, never produce a traceback.

Hypothesis draws whole data sets (sources, companies, partnerships, sensors, devices, with text from every
corner of Unicode and from the hostile catalogue) and then, for most of them, breaks them: values replaced
by other types, keys dropped, files truncated, garbled, renamed, deleted or replaced by random bytes. The
pipeline (load, validate, plan, render) must then either produce pages or raise DataErrors whose every
entry is well formed: an existing file, a line and column inside it, a one-line message. Nothing else.

On the valid data sets: generating twice gives byte-identical output, writing it twice writes nothing the
second time, removing an entity removes exactly its page, and (a few, in a real build) MkDocs builds the
site strictly.
"""

from __future__ import annotations

import json
import os
import re
import string
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import generator.site.build
from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataError, DataErrors
from generator.catalogue.store import Catalogue
from generator.output.write import write_tree
from generator.site.build import build_outputs
from generator.site.plan import SECTIONS
from tests.test_hostile_text import HOSTILE, build_site, copy_site

FUZZ_EXAMPLES = 200
"""Data sets the main property runs on (valid and broken together)."""


@pytest.fixture(scope="module", autouse=True)
def one_template_environment() -> Iterator[None]:
    """Render with one Jinja environment, as configured by ``render.environment``: the pipeline makes a
    fresh one per run (so that ``mkdocs serve`` sees template edits), and compiling the templates again
    for every example would be nine tenths of the time. The pages are the same."""
    shared = generator.site.build.environment()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.site.build, "environment", lambda: shared)
        yield


# Values -----------------------------------------------------------------------------------------

printable = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Cf"))  # Cf: refused (load.py)
CLEAN_TEXT = (
    st.one_of(
        st.text(printable, min_size=1, max_size=24),
        st.text(string.ascii_letters + string.digits + " &'.,()-", min_size=1, max_size=30),
        st.sampled_from([h[:200] for h in HOSTILE]),
    )
    .map(str.strip)
    .filter(bool)
)
WILD_TEXT = st.one_of(CLEAN_TEXT, st.text(max_size=12))  # anything: control characters, blanks, ""
SLUG = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}\Z")
ROLES = ["phone-maker", "camera-brand", "optics", "sensor-maker", "electronics"]
FORMATS = ["1-inch", "1-inch type", "Type 1.0", "1/1.28-inch", '1/2.3"', "1/1.7-inch", "2/3-inch", "medium format"]
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**12),
    st.floats(allow_nan=True),
    WILD_TEXT,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from("abc"), st.integers(), max_size=2),
)
URL_PATH = st.text(string.ascii_letters + string.digits + "-_/?=&%", max_size=12)


@st.composite
def dates(draw: st.DrawFn, after: str | None = None) -> str:
    year = draw(st.integers(int(after[:4]) + 1, 2040) if after else st.integers(1990, 2030))
    precision = draw(st.integers(1, 3))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    return [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][precision - 1]


@st.composite
def data_sets(draw: st.DrawFn, wild: bool = True) -> dict[str, Any]:
    """A data set as ``{path in data/: value}``, valid but for the text of one in four (ids agree, dates
    fit)."""
    text = draw(st.sampled_from([CLEAN_TEXT, CLEAN_TEXT, CLEAN_TEXT, WILD_TEXT] if wild else [CLEAN_TEXT]))

    def fact(value: Any, source_ids: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {"value": value}
        if source_ids and draw(st.booleans()):
            out["sources"] = draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True))
        if draw(st.integers(0, 4)) == 0:
            out["note"] = draw(text)
        if draw(st.integers(0, 6)) == 0:
            out["pre_launch"] = True
        return out

    files: dict[str, Any] = {}
    sources = [f"s{i}" for i in range(draw(st.integers(1, 4)))]
    files["sources.yaml"] = {
        "sources": [
            {
                "id": sid,
                "title": draw(text),
                "publisher": draw(text),
                "seen": ["title"],
                "url": "https://example.com/" + draw(URL_PATH),
                **({"date": draw(dates())} if draw(st.booleans()) else {}),
                **({"language": draw(st.sampled_from(["de", "ja", "zh"]))} if draw(st.integers(0, 3)) == 0 else {}),
            }
            for sid in sources
        ]
    }
    companies = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    for cid in companies:
        roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True))
        company: dict[str, Any] = {"name": draw(text), "roles": roles}
        if draw(st.booleans()):
            company["founded"] = fact(draw(dates()), sources)
        if draw(st.booleans()):
            company["story"] = [fact(draw(text), sources)]
        files[f"companies/{cid}.yaml"] = company
    partnerships: dict[str, tuple[str, str | None]] = {}
    for i in range(draw(st.integers(0, 2))):
        started = draw(dates())
        ended = draw(st.none() | dates(after=started))
        partnerships[f"p{i}"] = (started, ended)
        files[f"partnerships/p{i}.yaml"] = {
            "brand": draw(st.sampled_from(companies)),
            "maker": draw(st.sampled_from(companies)),
            "started": fact(started, sources),
            **({"ended": fact(ended, sources)} if ended else {}),
            **({"story": [fact(draw(text), sources)]} if draw(st.booleans()) else {}),
        }
    sensors = [f"sensor-{i}" for i in range(draw(st.integers(0, 2)))]
    for sid in sensors:
        files[f"sensors/{sid}.yaml"] = {
            "name": draw(text),
            "maker": draw(st.sampled_from(companies)),
            **({"format": fact(draw(st.sampled_from(FORMATS) | text), sources)} if draw(st.booleans()) else {}),
            **(
                {"size": fact({"width_mm": draw(st.floats(1, 50)), "height_mm": draw(st.floats(1, 40))}, sources)}
                if draw(st.booleans())
                else {}
            ),
        }
    for did in draw(st.lists(SLUG, min_size=1, max_size=5, unique=True)):
        device: dict[str, Any] = {
            "name": draw(text),
            "maker": draw(st.sampled_from(companies)),
            "kind": fact(draw(st.sampled_from(["phone", "concept", "camera-phone"])), sources),
        }
        announced = draw(dates())
        if partnerships and draw(st.booleans()):
            pid = draw(st.sampled_from(sorted(partnerships)))
            started, ended = partnerships[pid]
            device["partnership"] = pid
            announced = ended or started
        device["announced"] = fact(announced, sources)
        if draw(st.booleans()):
            device["aliases"] = draw(st.lists(text, max_size=2))
        if draw(st.booleans()):
            device["prices"] = [
                fact(
                    {
                        "amount": draw(st.floats(1, 99_999)),
                        "currency": draw(st.sampled_from(["CNY", "EUR", "USD", "JPY"])),
                    },
                    sources,
                )
            ]
        camera: dict[str, Any] = {}
        for key, value in [
            ("sensor", text),
            ("format", st.sampled_from(FORMATS) | text),
            ("lens", text),
            ("size", st.fixed_dictionaries({"width_mm": st.floats(1, 50), "height_mm": st.floats(1, 40)})),
            ("resolution_mp", st.floats(1, 200)),
            ("focal_length_mm", st.integers(10, 200)),
            ("aperture", st.sampled_from(["f/1.9", "f/2", "f/1.6–4.0"])),
        ]:
            if draw(st.booleans()):
                camera[key] = fact(draw(value), sources)
        if sensors and draw(st.booleans()):
            camera["sensor_id"] = draw(st.sampled_from(sensors))
        device["main_camera"] = camera
        if draw(st.booleans()):
            device["platform"] = {
                "battery_mah": fact(draw(st.integers(500, 9000)), sources),
                "weight_g": [fact(draw(st.floats(50, 900)), sources)],
            }
        if draw(st.booleans()):
            device["features"] = [fact(draw(text), sources)]
            device["story"] = [fact(draw(text), sources) for _ in range(draw(st.integers(1, 2)))]
        files[f"devices/{did}.yaml"] = device
    return files


# Breaking them ----------------------------------------------------------------------------------


def paths_in(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a value (dict keys and list indexes)."""
    found = [here] if here else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths_in(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths_in(v, (*here, i))
    return found


@st.composite
def broken(draw: st.DrawFn, files: dict[str, Any]) -> dict[str, str | bytes]:
    """The data set written out (as YAML or JSON); often with 1 to 4 mistakes in its values and text."""
    files = json.loads(json.dumps(files))
    mistakes = draw(st.sampled_from([0, 0, 0, 1, 2, 3, 4]))
    in_values = draw(st.integers(0, mistakes))
    for _ in range(in_values):  # mistakes in values
        name = draw(st.sampled_from(sorted(files)))
        places = paths_in(files[name])
        if not places:
            continue
        *parents, last = draw(st.sampled_from(places))
        holder = files[name]
        for part in parents:
            holder = holder[part]
        mistake = draw(st.sampled_from(["replace", "drop", "add"]))
        if mistake == "replace":
            holder[last] = draw(JUNK)
        elif mistake == "drop" and isinstance(holder, dict):
            del holder[last]
        elif isinstance(holder, dict):
            holder[draw(st.sampled_from(["sensr", "colour", "nmae", "story", "x"]))] = draw(JUNK)
    texts: dict[str, str | bytes] = {}
    for name, value in files.items():
        if draw(st.booleans()):
            width = draw(st.integers(20, 200))
            texts[name] = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=width)
        else:
            texts[name] = json.dumps(value, ensure_ascii=False, indent=draw(st.sampled_from([None, 1, 2])))
    for _ in range(mistakes - in_values):  # mistakes in files
        name = draw(st.sampled_from(sorted(texts)))
        text = texts[name]
        if not isinstance(text, str):  # already random bytes
            continue
        at = draw(st.integers(0, len(text)))
        mistake = draw(st.sampled_from(["truncate", "insert", "delete", "rename", "bytes", "duplicate", "tab"]))
        if mistake == "truncate":
            texts[name] = text[:at]
        elif mistake == "insert":
            bit = draw(st.text(max_size=6) | st.sampled_from(["\t", ": ", "- ", "{", "'", "&a", "*a"]))
            texts[name] = text[:at] + bit + text[at:]
        elif mistake == "delete":
            del texts[name]
        elif mistake == "rename":
            folder, _, _ = name.rpartition("/")
            new = draw(st.text(string.ascii_letters + string.digits + " _-.é", min_size=1, max_size=10))
            suffix = draw(st.sampled_from(["yaml", "yml", "YAML"]))
            texts[f"{folder}/{new}.{suffix}" if folder else name] = texts.pop(name)
        elif mistake == "bytes":
            texts[name] = draw(st.binary(max_size=40))
        elif mistake == "duplicate":
            texts[name] = text + "\n" + text.split("\n", 1)[0] + "\n"
        else:
            texts[name] = "\t" + text
    return texts


def as_json(files: dict[str, Any]) -> dict[str, str | bytes]:
    return {name: json.dumps(value, ensure_ascii=False) for name, value in files.items()}


def write(root: Path, texts: dict[str, str | bytes]) -> Path:
    data = root / "data"
    for kind in ("devices", "companies", "partnerships"):
        (data / kind).mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():  # a rename onto a name the set already holds
            continue
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return data


# The properties ---------------------------------------------------------------------------------


YAML_LINE_BREAK = re.compile(rb"\r\n|[\r\n]|\xc2\x85|\xe2\x80[\xa8\xa9]")
"""Where YAML (and so an error's line) starts a new line: CR LF, a lone CR or LF, NEL, LS and PS (in
UTF-8). Editors break lines there too (a lone CR was the end of a line on classic Mac OS)."""


def check_error(error: DataError) -> None:
    """An error an editor can act on: a file that exists (or is said to be missing), a place inside it."""
    assert isinstance(error, DataError)
    path = Path(error.path)
    assert path.exists() or "missing" in error.message, error
    assert error.message and "\n" not in error.message and "\n" not in error.field, error
    assert "\n" not in str(error) and "Traceback" not in error.message
    assert error.line >= 0 and error.column >= 0 and (error.line == 0) == (error.column == 0), error
    if error.line and path.is_file():  # inside the file (a line has at least as many bytes as characters)
        lines = YAML_LINE_BREAK.split(path.read_bytes())
        assert error.line <= len(lines), error
        assert error.column <= len(lines[error.line - 1]) + 1, (error, lines[error.line - 1])


def check_outputs(catalogue: Catalogue, outputs: dict[str, bytes], data: Path, twice: bool) -> None:
    for rel, content in outputs.items():
        assert not rel.startswith("/") and ".." not in rel.split("/"), rel
        if rel.endswith(".md"):
            text = content.decode("utf-8")
            assert text.startswith("---\n"), rel
            meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
            assert isinstance(meta, dict) and "generated_from" in meta, rel
    assert {f"devices/{d}.md" for d in catalogue.devices} <= set(outputs)
    if twice:
        again, _ = build_outputs(load_catalogue(data))
        assert again == outputs  # byte-identical


def pipeline(
    texts: dict[str, str | bytes], stats: Counter[str], twice: bool = False
) -> tuple[Catalogue, dict[str, bytes]] | None:
    """Load, validate, plan and render; check what comes out (and, ``twice``, that a second run from the
    files gives the same bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        data = write(Path(tmp), texts)
        try:
            catalogue = load_catalogue(data)
        except DataErrors as exc:
            assert exc.errors
            for error in exc.errors:
                check_error(error)
            stats["invalid"] += 1
            stats["errors"] += len(exc.errors)
            return None
        outputs, _ = build_outputs(catalogue)
        check_outputs(catalogue, outputs, data, twice)
        stats["valid"] += 1
        return catalogue, outputs


# On CI the examples are a fixed, reproducible set (a landing never depends on luck); everywhere else
# each run explores new ones, which is how the U+0085 line-break bug was found.
ON_CI = bool(os.environ.get("CI"))

FUZZ = settings(
    derandomize=ON_CI,
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def test_data_sets_valid_or_broken_give_pages_or_clean_errors(record_property: Any) -> None:
    stats: Counter[str] = Counter()

    @FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        files = data.draw(data_sets(), label="data set")
        texts = data.draw(broken(files), label="files")
        pipeline(texts, stats, twice=stats["valid"] % 4 == 0)

    run()
    print(
        f"\nfuzz: {sum(stats[k] for k in ('valid', 'invalid'))} data sets: {stats['valid']} built, "
        f"{stats['invalid']} refused with {stats['errors']} errors"
    )
    record_property("fuzz", dict(stats))
    assert stats["valid"] >= FUZZ_EXAMPLES // 10 and stats["invalid"] >= FUZZ_EXAMPLES // 10, stats


REMOVE = settings(
    derandomize=ON_CI,
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@REMOVE
@given(st.data())
def test_removing_an_entity_removes_exactly_its_page(data: st.DataObject) -> None:
    files = data.draw(data_sets(), label="data set")
    texts = as_json(files)
    stats: Counter[str] = Counter()
    first = pipeline(texts, stats)
    if first is None:  # text hypothesis chose is not allowed
        return
    catalogue, outputs = first
    referenced = (
        {d.model.maker for d in catalogue.devices.values()}
        | {c for p in catalogue.partnerships.values() for c in (p.model.brand, p.model.maker)}
        | {s.model.maker for s in catalogue.sensors.values()}
        | {d.model.main_camera.sensor_id for d in catalogue.devices.values()}
        | {d.model.partnership for d in catalogue.devices.values()}
    )
    candidates = [
        f"{kind}/{eid}"
        for kind in ("devices", "companies", "partnerships", "sensors")
        for eid in getattr(catalogue, kind)
        if eid not in referenced
    ]
    if not candidates:
        return
    gone = data.draw(st.sampled_from(candidates), label="removed")
    if gone.startswith("devices/") and len(catalogue.devices) == 1:
        return
    second = pipeline({k: v for k, v in texts.items() if k != f"{gone}.yaml"}, stats)
    assert second is not None
    removed, added = set(outputs) - set(second[1]), set(second[1]) - set(outputs)
    expected = {f"{gone}.md"}
    if gone.startswith("sensors/") and len(catalogue.sensors) == 1:
        expected.add("sensors/index.md")  # the sensors section exists only while there are sensors
    assert removed == expected and not added, (removed, added)
    with tempfile.TemporaryDirectory() as tmp:  # and on disk, the page goes and nothing else does
        docs = Path(tmp)
        write_tree(docs, outputs, SECTIONS)
        report = write_tree(docs, second[1], SECTIONS)
        assert report.removed == sorted(expected)
        on_disk = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
        assert on_disk - {".generated"} == set(second[1])


@REMOVE
@given(st.data())
def test_generating_twice_gives_the_same_bytes_and_writes_nothing(data: st.DataObject) -> None:
    files = data.draw(data_sets(), label="data set")
    result = pipeline(as_json(files), Counter(), twice=True)
    if result is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        first = write_tree(docs, result[1], SECTIONS)
        before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
        second = write_tree(docs, result[1], SECTIONS)
        assert len(first.written) == len(result[1]) and not second.written and not second.removed
        assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before


@pytest.mark.slow
@settings(
    derandomize=ON_CI,
    max_examples=3,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_valid_data_sets_build_strictly(data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    files = data.draw(data_sets(wild=False), label="data set")
    texts = as_json(files)
    assume(pipeline(texts, Counter()) is not None)
    project = tmp_path_factory.mktemp("fuzzsite")
    write(project, texts)
    build = build_site(copy_site(project))
    log, _ = build.communicate(timeout=600)
    assert build.returncode == 0 and "WARNING" not in log, log
    assert (project / "site" / "index.html").is_file(), log
