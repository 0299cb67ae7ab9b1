"""The real data: valid, fully cited, holding what the story needs, and every kind of page shows its sources.

Nothing here pins today's catalogue: the entities the story tells of are a required subset, and a device
an editor adds (see ``test_an_editor_can_add_a_device``) keeps every test green.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.facts import coverage
from generator.catalogue.kinds import BY_FOLDER
from generator.site.build import build_outputs
from generator.site.hand_written import hand_written_citations, unknown_footnotes
from tests.helpers import PYTHON, REPO, copy_project, run_cli

STORY_DEVICES = [
    "xiaomi-12s",
    "xiaomi-12s-pro",
    "xiaomi-12s-ultra",
    "xiaomi-12s-ultra-concept",
    "xiaomi-13-ultra",
    "xiaomi-14-ultra",
    "xiaomi-15-ultra",
    "panasonic-lumix-dmc-cm1",
    "panasonic-lumix-dmc-cm10",
    "huawei-p9",
    "huawei-p20-pro",
    "huawei-mate-40-pro",
    "huawei-p50-pro",
    "leitz-phone-1",
    "leitz-phone-2",
    "leitz-phone-3",
    "sharp-aquos-r6",
    "sharp-aquos-r7",
    "oneplus-9-pro",
    "oppo-find-x5-pro",
    "vivo-x60-pro",
    "vivo-x80-pro",
    "nokia-808-pureview",
    "nokia-lumia-1020",
    "sony-xperia-1-ii",
    "sony-xperia-pro-i",
]
STORY_PARTNERSHIPS = [
    "leica-huawei",
    "leica-xiaomi",
    "hasselblad-oneplus",
    "hasselblad-oppo",
    "zeiss-vivo",
    "zeiss-nokia",
    "zeiss-sony",
    "leica-panasonic",
    "leica-sharp",
]
STORY_COMPANIES = [
    "xiaomi",
    "leica",
    "huawei",
    "oppo",
    "hasselblad",
    "vivo",
    "zeiss",
    "panasonic",
    "sony",
    "oneplus",
    "nokia",
    "sharp",
]


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return load_catalogue(REPO / "data")


@pytest.fixture(scope="module")
def outputs(catalogue) -> dict[str, str]:  # type: ignore[no-untyped-def]
    files, _ = build_outputs(catalogue, hand_written_citations(REPO / "docs"))
    return {uri: content.decode() for uri, content in files.items() if uri.endswith(".md")}


def test_every_entity_the_story_needs_is_in_the_data(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert set(STORY_DEVICES) <= set(catalogue.devices)
    assert set(STORY_PARTNERSHIPS) <= set(catalogue.partnerships)
    assert set(STORY_COMPANIES) <= set(catalogue.companies)
    assert "sony-imx989" in catalogue.sensors


def test_check_passes_on_the_real_data_with_full_coverage() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert "Citation coverage: 100.0%" in result.stdout


def test_every_value_cites_a_source(catalogue) -> None:  # type: ignore[no-untyped-def]
    cov = coverage(catalogue)
    assert cov.total > 300 and cov.uncited == []


def test_hand_written_footnotes_cite_known_sources(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert unknown_footnotes(REPO / "docs", catalogue) == []
    cited = {page.uri: page.sources for page in hand_written_citations(REPO / "docs")}
    for page in (
        "index.md",
        "concept.md",
        "history/earlier-attempts.md",
        "history/partnership-era.md",
        "history/market-2022.md",
        "explainers/leica-m-mount.md",
        "explainers/sensor-formats.md",
    ):
        assert cited.get(page), f"{page} cites no source"


@pytest.mark.parametrize(
    "page",
    [
        "devices/xiaomi-12s-ultra.md",
        "companies/leica.md",
        "partnerships/leica-huawei.md",
        "sensors/sony-imx989.md",
        "devices/index.md",
        "compare/index.md",
    ],
)
def test_each_kind_of_page_renders_its_sources(outputs: dict[str, str], page: str) -> None:
    text = outputs[page]
    marks = {int(n) for n in re.findall(r"\(#ref-(\d+)\)", text)}
    refs = {int(n) for n in re.findall(r'<span id="ref-(\d+)"></span>\[', text)}
    assert marks and marks == refs == set(range(1, len(refs) + 1))


def test_pre_launch_and_disagreement_are_shown(catalogue, outputs: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert "(sources disagree)" in outputs["devices/panasonic-lumix-dmc-cm1.md"]
    assert "204 g" in outputs["devices/panasonic-lumix-dmc-cm1.md"]
    assert "220 g" in outputs["devices/panasonic-lumix-dmc-cm1.md"]
    pre_launch = [uri for uri, text in outputs.items() if "(pre-launch report)" in text]
    assert "devices/xiaomi-15-ultra.md" in pre_launch


def test_the_comparison_page_lists_every_device(catalogue, outputs: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    compare = outputs["compare/index.md"]
    for device in catalogue.devices:
        assert f"(../devices/{device}.md)" in compare


def test_the_sources_page_lists_every_source_with_its_citing_pages(catalogue, outputs) -> None:  # type: ignore[no-untyped-def]
    page = outputs["sources/index.md"]
    for source_id, source in catalogue.sources.items():
        assert f'<span id="{source_id}"></span>' in page
        assert str(source.url).replace("(", "%28").replace(")", "%29") in page
    assert "[The 12S Ultra Concept](../concept.md)" in page or "(../concept.md)" in page


def test_search_terms_reach_the_pages(outputs: dict[str, str]) -> None:
    assert "DMC-CM1" in outputs["devices/panasonic-lumix-dmc-cm1.md"]
    assert "Elmarit" in outputs["devices/panasonic-lumix-dmc-cm1.md"]
    assert "IMX989" in outputs["devices/xiaomi-12s-ultra.md"]
    assert "Hasselblad" in outputs["partnerships/hasselblad-oppo.md"]


def test_the_data_files_name_their_schema() -> None:
    for path in sorted((REPO / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        # The files beside the folders (sources.yaml, optics.yaml) use the schema of their name.
        kind = path.stem if path.parent.name == "data" else BY_FOLDER[path.parent.name].name
        assert first.endswith(f"{kind}.schema.json"), path
        assert (path.parent / first.split("=", 1)[1]).resolve().parent == (REPO / "schemas").resolve()


def test_docs_has_no_generated_leftovers_committed() -> None:
    # Generated sections are made at build time; a committed copy would go stale silently.
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=REPO, capture_output=True, text=True).stdout
    assert not [line for line in tracked.splitlines() if line.split("/")[1] in ("devices", "companies", "partnerships")]
    assert Path(REPO / "docs").is_dir()


DATA_TESTS = [
    "tests/test_content.py",
    "tests/test_opendata.py",
    "tests/test_schemas.py",
    "tests/test_figures.py",
    "tests/test_golden.py",
    "tests/test_validate.py",
]
"""The tests that read the real data: an editor's new device must leave them green."""


@pytest.mark.slow
def test_an_editor_can_add_a_device(tmp_path: Path) -> None:
    """The README's way to add a device, in a copy of the project: ``new``, ``check``, then the data tests."""
    project = copy_project(tmp_path / "project")
    source = next(iter(load_catalogue(project / "data").sources))
    new = subprocess.run(
        [PYTHON, "-m", "generator", "new", "device", "xiaomi-17-ultra", "--announced", "2025-09", "--source", source],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert new.returncode == 0, new.stderr
    assert (project / "data/devices/xiaomi-17-ultra.yaml").is_file()
    check = subprocess.run(
        [PYTHON, "-m", "generator", "check"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stderr
    tests = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow and not browser", *DATA_TESTS],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout[-4000:]
    assert " passed" in tests.stdout.splitlines()[-1]
