"""The synthetic catalogue (`python scripts/synth.py`) and what one edit rewrites. No timings here:
the figures are `make bench`'s job."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.catalogue.checking import load_catalogue
from generator.output.write import write_tree
from generator.site.build import build_outputs
from generator.site.plan import MAX_SIBLINGS, SECTIONS
from scripts.synth import make, synth_command, write
from tests.helpers import run_cli


def synth(*args: str) -> Result:
    return CliRunner().invoke(synth_command, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synth_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = synth("--devices", "40", "--out", str(tmp_path / name), "--seed", "7")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Wrote 40 devices, ")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert make(40, seed=7) == make(40, seed=7)
    assert make(40, seed=7) != make(40, seed=8)


def test_synth_is_prefix_stable() -> None:
    """Device i is the same whatever N, so one device page can be compared across sizes."""
    small, large = make(30), make(60)
    devices = {rel: doc for rel, doc in small.items() if rel.startswith("devices/")}
    assert len(devices) == 30
    assert all(large[rel] == doc for rel, doc in devices.items())


def test_synth_refuses_to_mix_with_existing_data(tmp_path: Path) -> None:
    assert synth("--devices", "5", "--out", str(tmp_path)).exit_code == 0
    again = synth("--devices", "3", "--out", str(tmp_path))
    assert again.exit_code == 1 and "not empty" in again.output
    assert synth("--devices", "3", "--out", str(tmp_path), "--force").exit_code == 0
    assert len(list((tmp_path / "devices").glob("*.yaml"))) == 3


def test_synth_is_valid_and_varied(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data, make(50))
    result = run_cli("check", "--data", str(data), "--docs", str(tmp_path / "no-docs"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 50 devices, ")

    catalogue = load_catalogue(data)
    devices = [e.model for e in catalogue.devices.values()]
    assert len({d.maker for d in devices}) >= 8
    assert len({d.partnership for d in devices if d.partnership}) >= 5
    assert any(d.partnership is None for d in devices)
    assert len({d.main_camera.format.value for d in devices if d.main_camera.format}) >= 5
    assert len({p.value.currency for d in devices for p in d.prices}) >= 4
    assert any(d.main_camera.sensor_id for d in devices) and any(not d.main_camera.sensor_id for d in devices)
    for optional in ("released", "model_number", "story"):
        present = Counter(bool(getattr(d, optional)) for d in devices)
        assert present[True] and present[False], optional
    assert any(len(d.platform.weight_g) > 1 for d in devices)  # sources that disagree
    assert len({len(d.announced.value) for d in devices}) >= 2  # known to the day, the month or the year
    assert any(d.announced.pre_launch for d in devices) or any(d.announced.note for d in devices)
    assert any(p.model.ended for p in catalogue.partnerships.values())
    assert any(p.model.ended is None for p in catalogue.partnerships.values())
    assert any(s.language != "en" for s in catalogue.sources.values())
    assert any(re.search(r"[*|_<&]", f.value) for d in devices for f in d.story)  # text that must be escaped


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("synth")
    data, docs = root / "data", root / "docs"
    write(data, make(250))
    outputs, _ = build_outputs(load_catalogue(data))
    assert len(write_tree(docs, outputs, SECTIONS).written) == len(outputs)
    return data, docs


def regenerate(data: Path, docs: Path) -> list[str]:
    outputs, _ = build_outputs(load_catalogue(data))
    return write_tree(docs, outputs, SECTIONS).written


def test_a_second_run_writes_nothing(generated: tuple[Path, Path]) -> None:
    assert regenerate(*generated) == []


def test_renaming_one_device_rewrites_only_the_pages_that_show_it(generated: tuple[Path, Path]) -> None:
    data, docs = generated
    catalogue = load_catalogue(data)
    names = [e.model.name for e in catalogue.devices.values()]
    sizes = Counter(e.model.partnership for e in catalogue.devices.values() if e.model.partnership)
    # A device of the largest partnership, whose name is no part of another device's name.
    entry = next(
        e
        for e in sorted(catalogue.devices.values(), key=lambda e: e.id)
        if e.model.partnership == sizes.most_common(1)[0][0]
        and re.fullmatch(r"[A-Za-z0-9 ]+", e.model.name)
        and sum(e.model.name in n for n in names) == 1
    )
    assert sizes[entry.model.partnership] > MAX_SIBLINGS + 3
    device_id, name = entry.id, entry.model.name

    # Before the edit: the files that show the device (its name and a link to it) and those that mention it.
    mentions = re.compile(rf"(?<![a-z0-9-]){re.escape(device_id)}(?![a-z0-9-])")
    before = snapshot(docs)
    must = {rel for rel, b in before.items() if name in b.decode() and mentions.search(b.decode())}
    may = {rel for rel, b in before.items() if name in b.decode() or mentions.search(b.decode())}
    assert f"devices/{device_id}.md" in must and "devices/index.md" in must
    assert f"partnerships/{entry.model.partnership}.md" in must and f"companies/{entry.model.maker}.md" in must

    path = data / "devices" / f"{device_id}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"\nname: {name}\n", f"\nname: {name} Renamed\n", 1), encoding="utf-8")
    try:
        written = set(regenerate(data, docs))
    finally:
        path.write_text(text, encoding="utf-8")
        regenerate(data, docs)
    assert must <= written <= may, (sorted(written - may), sorted(must - written))
    # However big the partnership, the device pages that name it are bounded: its own, the two devices
    # announced beside it, and a window of its partnership's devices.
    device_pages = [rel for rel in written if rel.startswith("devices/") and rel != "devices/index.md"]
    assert len(device_pages) <= 1 + 2 + MAX_SIBLINGS, device_pages


def test_synthetic_yaml_reads_back_as_written(tmp_path: Path) -> None:
    files = make(5)
    write(tmp_path, files)
    for rel, doc in files.items():
        assert yaml.safe_load((tmp_path / rel).read_text(encoding="utf-8")) == doc
