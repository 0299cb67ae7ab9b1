"""Open data: the catalogue as JSON and CSV, every value with its sources, and the page documenting it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.facts import facts_in
from generator.catalogue.fields import field_docs
from generator.catalogue.kinds import KINDS as KIND_REGISTRY
from generator.catalogue.models import Company, Device, Partnership, Sensor
from generator.catalogue.store import Catalogue
from generator.site.build import build_outputs
from generator.site.opendata import LICENCE, csv_header
from generator.site.plan import plan
from generator.site.render import environment, render
from tests.helpers import DEVICE, MINIMAL, REPO, run_cli, write_data

KINDS = [kind.folder for kind in KIND_REGISTRY]
FILES = {
    "data/devices.json",
    "data/companies.json",
    "data/partnerships.json",
    "data/sensors.json",
    "data/sources.json",
    "data/devices.csv",
    "data/index.md",
}
MODELS = {"devices": Device, "companies": Company, "partnerships": Partnership, "sensors": Sensor}
EXTRA = {"id", "url", "data_file"}
Real = tuple[Catalogue, dict[str, bytes]]


@pytest.fixture(scope="module")
def real() -> Real:
    catalogue = load_catalogue(REPO / "data", repo_root=REPO)
    outputs, _ = build_outputs(catalogue)
    return catalogue, outputs


def load(outputs: dict[str, bytes], name: str) -> Any:
    return json.loads(outputs[f"data/{name}"])


def test_the_generator_owns_every_open_data_file(real: Real) -> None:
    _, outputs = real
    assert set(outputs) >= FILES


def test_each_kind_lists_every_entry_with_id_page_and_data_file(real: Real) -> None:
    catalogue, outputs = real
    for kind in KINDS:
        document = load(outputs, f"{kind}.json")
        table = getattr(catalogue, kind)
        assert document["kind"] == kind and document["count"] == len(table)
        assert document["licence"] == LICENCE and document["sources"] == "sources.json"
        records = document[kind]
        assert [r["id"] for r in records] == sorted(table)
        for record in records:
            assert record["url"] == f"../{kind}/{record['id']}/"
            assert f"{kind}/{record['id']}.md" in outputs  # the page the url names exists
            assert record["data_file"] == f"data/{kind}/{record['id']}.yaml"


def test_json_mirrors_the_data_files_every_fact_with_its_sources(real: Real) -> None:
    """Read back through the models, each record is the entry itself: nothing lost, nothing added."""
    catalogue, outputs = real
    for kind, model in MODELS.items():
        for record in load(outputs, f"{kind}.json")[kind]:
            entry = getattr(catalogue, kind)[record["id"]]
            assert model.model_validate({k: v for k, v in record.items() if k not in EXTRA}) == entry.model
    records = load(outputs, "devices.json")["devices"]
    announced = next(r for r in records if r["id"] == "xiaomi-12s-ultra")["announced"]
    assert set(announced) == {"value", "sources", "note", "pre_launch"}
    assert announced["value"] == "2022-07-04" and announced["sources"]


def test_sources_json_has_every_source_and_who_cites_it(real: Real) -> None:
    catalogue, outputs = real
    document = load(outputs, "sources.json")
    records = {r["id"]: r for r in document["sources"]}
    assert set(records) == set(catalogue.sources) and document["count"] == len(catalogue.sources)
    for source_id, source in catalogue.sources.items():
        assert records[source_id]["url"] == str(source.url)
        assert records[source_id]["title"] == source.title
    cited = 0
    for kind in KINDS:
        for entry_id, entry in getattr(catalogue, kind).items():
            for _, fact in facts_in(entry.model):
                for source_id in fact.sources:
                    assert f"{kind}/{entry_id}" in records[source_id]["cited_by"]
                    cited += 1
    assert cited > 100


def test_bytes_are_deterministic(real: Real, tmp_path: Path) -> None:
    catalogue, outputs = real
    again, _ = build_outputs(load_catalogue(REPO / "data", repo_root=REPO))
    for name in FILES - {"data/index.md"}:
        assert again[name] == outputs[name], name
        if name.endswith(".json"):
            text = outputs[name].decode()
            compact = json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            assert text == compact + "\n"


def read_csv(outputs: dict[str, bytes]) -> list[dict[str, str]]:
    text = outputs["data/devices.csv"].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_device_with_sources_beside_each_value(real: Real) -> None:
    catalogue, outputs = real
    rows = read_csv(outputs)
    assert [r["id"] for r in rows] == sorted(catalogue.devices)
    assert list(rows[0]) == csv_header()
    for row in rows:
        device = catalogue.devices[row["id"]].model
        assert row["name"] == device.name and row["maker"] == device.maker
        assert row["announced"] == device.announced.value
        assert row["announced.sources"] == " ".join(device.announced.sources)
        assert row["kind"] == device.kind.value
        fmt = device.main_camera.format
        assert row["main_camera.format"] == (fmt.value if fmt else "")
        assert row["main_camera.format.sources"] == (" ".join(fmt.sources) if fmt else "")
        # Several facts: values and their groups of sources, joined alike and in the same order.
        weights = device.platform.weight_g
        assert row["platform.weight_g"].split(" | ") == ([f"{w.value:g}" for w in weights] or [""])
        groups = [" ".join(w.sources) for w in weights] or [""]
        assert row["platform.weight_g.sources"].split(" | ") == groups
        assert len(row["prices"].split(" | ")) == len(row["prices.sources"].split(" | "))
    cm1 = next(r for r in rows if r["id"] == "panasonic-lumix-dmc-cm1")
    assert cm1["main_camera.size"] == "13.2x8.8"
    assert " | " in cm1["platform.weight_g"]  # the CM1's sources disagree on its weight


def test_every_csv_column_is_documented(real: Real) -> None:
    _, outputs = real
    page = outputs["data/index.md"].decode()
    for column in csv_header():
        assert f"| `{column}` |" in page, column


def test_page_documents_every_field_from_the_models(real: Real) -> None:
    _, outputs = real
    page = outputs["data/index.md"].decode()
    assert page.startswith('---\ntitle: "Open data"') and 'generated_from: "data/"' in page
    for name in ("device", "company", "partnership", "sensor"):
        for doc in field_docs(name):
            assert f"| `{doc.path}` |" in page, (name, doc.path)
    for name, info in Device.model_fields.items():
        assert info.description and info.description.split(",")[0] in page.replace("\\", ""), name
    for name in ("devices.json", "companies.json", "partnerships.json", "sensors.json", "sources.json", "devices.csv"):
        assert f"]({name})" in page
    assert "CC BY 4.0" in page and "https://creativecommons.org/licenses/by/4.0/" in page
    assert "not copyrightable" in page and "project's own" in page


def test_page_renders_for_a_small_catalogue(data_dir: Path) -> None:
    catalogue = load_catalogue(data_dir)
    spec = next(s for s in plan(catalogue) if s.uri == "data/index.md")
    text = render(spec, catalogue, environment())
    assert "| [devices.json](devices.json) | devices | 1 |" in text


def test_generate_writes_the_open_data_and_then_leaves_it_alone(tmp_path: Path) -> None:
    data = write_data(tmp_path, {**MINIMAL, "devices/second.yaml": DEVICE.replace("Example Phone", "Second")})
    docs = tmp_path / "docs"
    first = run_cli("generate", "--data", str(data), "--docs", str(docs))
    assert first.returncode == 0, first.stderr
    for name in FILES:
        assert (docs / name).is_file(), name
    manifest = (docs / ".generated").read_text().split()
    assert {n for n in FILES if not n.endswith(".md")} <= set(manifest)
    devices = json.loads((docs / "data/devices.json").read_text())
    assert [d["id"] for d in devices["devices"]] == ["example-phone", "second"]
    assert devices["devices"][0]["data_file"] == "data/devices/example-phone.yaml"
    before = {name: (docs / name).read_bytes() for name in FILES}
    second = run_cli("generate", "--data", str(data), "--docs", str(docs))
    assert "0 written" in second.stdout
    assert {name: (docs / name).read_bytes() for name in FILES} == before
    # A device removed from the data leaves the files at once.
    (data / "devices/second.yaml").unlink()
    assert run_cli("generate", "--data", str(data), "--docs", str(docs)).returncode == 0
    devices = json.loads((docs / "data/devices.json").read_text())
    assert [d["id"] for d in devices["devices"]] == ["example-phone"]
    assert len(list(csv.reader(io.StringIO((docs / "data/devices.csv").read_text(), newline="")))) == 2
