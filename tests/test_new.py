"""``python -m generator new KIND ID``: a skeleton that passes ``check`` as written, every field explained."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner

from generator.catalogue.fields import field_docs
from generator.catalogue.models import Company, Device, Partnership, Sensor
from generator.catalogue.schemas import modeline
from generator.commands.cli import main
from tests.helpers import MINIMAL, run_cli, write_data


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_data(tmp_path, MINIMAL)
    return tmp_path


def cli(root: Path, *args: str) -> SimpleNamespace:
    """Run a command in this process (fast), in ``root``, as ``python -m generator`` would."""
    here = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, list(args), prog_name="python -m generator")
    finally:
        os.chdir(here)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def new(root: Path, *args: str) -> SimpleNamespace:
    return cli(root, "new", *args)


def check(root: Path) -> None:
    result = cli(root, "check", "--data", "data", "--docs", "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def uncommented(text: str) -> dict[str, object]:
    """The file with every commented-out field restored: the skeleton's shapes must be real YAML."""
    lines = []
    for line in text.splitlines():
        match = re.match(r"^# ( *)([a-z_]+):(.*)$", line)
        lines.append(f"{match[1]}{match[2]}:{match[3]}" if match else line)
    return yaml.safe_load("\n".join(lines))


def test_new_device_passes_check_as_written(root: Path) -> None:
    result = new(root, "device", "acme-x1", "--announced", "2023-05", "--source", "src-one")
    assert result.returncode == 0, result.stderr
    path = root / "data/devices/acme-x1.yaml"
    assert result.stdout.strip().startswith("Wrote data/devices/acme-x1.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline("data/devices/acme-x1.yaml")
    data = yaml.safe_load(text)
    assert data == {
        "name": "Acme X1",
        "maker": "acme",  # the maker is read from the id
        "kind": {"value": "phone", "sources": ["src-one"]},
        "announced": {"value": "2023-05", "sources": ["src-one"]},
    }
    # As a user runs it: a new process, in the project folder.
    assert run_cli("check", "--data", "data", cwd=root).returncode == 0
    assert run_cli("generate", "--data", "data", "--docs", "docs", cwd=root).returncode == 0
    assert (root / "docs/devices/acme-x1.md").is_file()


def test_every_field_is_explained_and_its_shape_is_yaml(root: Path) -> None:
    assert (
        new(
            root,
            "device",
            "acme-x2",
            "--announced",
            "2023",
            "--source",
            "src-one",
            "--kind",
            "concept",
            "--name",
            'Acme X2: #2, "quoted"',
        ).returncode
        == 0
    )
    text = (root / "data/devices/acme-x2.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["name"] == 'Acme X2: #2, "quoted"'
    assert yaml.safe_load(text)["kind"]["value"] == "concept"
    for doc in field_docs("device"):
        # each field has its description on the line above it
        name = doc.path.rsplit(".", 1)[-1]
        pattern = rf"# *(?:# )?{re.escape(doc.description)} \((required|optional); [^\n]*\)\n(?:# *)?{name}:"
        assert re.search(pattern, text), doc.path
    restored = uncommented(text)
    assert set(restored) == set(Device.model_fields)
    assert set(restored["main_camera"]) == {  # type: ignore[arg-type]
        "sensor",
        "sensor_id",
        "format",
        "size",
        "resolution_mp",
        "lens",
        "focal_length_mm",
        "aperture",
    }
    assert "sources" in restored["model_number"]  # type: ignore[operator]
    check(root)  # the comments change nothing


@pytest.mark.parametrize(
    ("args", "path", "model"),
    [
        (("company", "nikon", "--role", "camera-brand", "--role", "optics"), "companies/nikon.yaml", Company),
        (
            (
                "partnership",
                "optica-acme-2",
                "--brand",
                "optica",
                "--maker",
                "acme",
                "--started",
                "2021-06",
                "--source",
                "src-two",
            ),
            "partnerships/optica-acme-2.yaml",
            Partnership,
        ),
        (
            ("partnership", "acme-optica", "--started", "2021", "--source", "src-two"),
            "partnerships/acme-optica.yaml",
            Partnership,
        ),
        (("sensor", "acme-s1", "--name", "Acme S1"), "sensors/acme-s1.yaml", Sensor),
    ],
)
def test_other_kinds_pass_check_as_written(root: Path, args: tuple[str, ...], path: str, model: type) -> None:
    result = new(root, *args)
    assert result.returncode == 0, result.stderr
    text = (root / "data" / path).read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline(f"data/{path}")
    assert set(uncommented(text)) == set(model.model_fields)
    check(root)


def test_partnership_companies_come_from_the_id(root: Path) -> None:
    assert new(root, "partnership", "acme-optica", "--started", "2021", "--source", "src-two").returncode == 0
    data = yaml.safe_load((root / "data/partnerships/acme-optica.yaml").read_text())
    assert (data["brand"], data["maker"]) == ("acme", "optica")


def test_refuses_to_overwrite(root: Path) -> None:
    path = root / "data/devices/example-phone.yaml"
    before = path.read_bytes()
    result = new(root, "device", "example-phone", "--announced", "2023", "--source", "src-one")
    assert result.returncode == 1
    assert "data/devices/example-phone.yaml exists already" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_exit_codes_as_a_user_sees_them(root: Path) -> None:
    bad_kind = run_cli("new", "gadget", "acme-x1", cwd=root)
    assert bad_kind.returncode == 2 and "gadget" in bad_kind.stderr
    bad_id = run_cli("new", "device", "Acme_X1", "--announced", "2023", "--source", "src-one", cwd=root)
    assert bad_id.returncode == 1 and "is not a valid id" in bad_id.stderr
    exists = run_cli("new", "company", "acme", "--role", "optics", cwd=root)
    assert exists.returncode == 1 and "exists already" in exists.stderr
    for result in (bad_kind, bad_id, exists):
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("bad_id", ["Acme-X1", "acme_x1", "acme--x1", "acme-", "acme x1", "../acme", "a" * 81])
def test_an_id_that_is_not_a_slug_exits_1_and_writes_nothing(root: Path, bad_id: str) -> None:
    result = new(root, "device", bad_id, "--announced", "2023", "--source", "src-one", "--maker", "acme")
    assert result.returncode == 1
    assert "is not a valid id" in result.stderr
    assert sorted(p.name for p in (root / "data/devices").iterdir()) == ["example-phone.yaml"]


def test_missing_required_values_are_usage_errors(root: Path) -> None:
    no_date = new(root, "device", "acme-x1", "--source", "src-one")
    assert no_date.returncode == 2 and "--announced is needed" in no_date.stderr
    no_source = new(root, "device", "acme-x1", "--announced", "2023")
    assert no_source.returncode == 2 and "--source is needed" in no_source.stderr
    no_maker = new(root, "device", "zenith-z1", "--announced", "2023", "--source", "src-one")
    assert no_maker.returncode == 2 and "--maker is needed" in no_maker.stderr
    stray = new(root, "company", "nikon", "--role", "optics", "--announced", "2023")
    assert stray.returncode == 2 and "--announced does not apply to a company" in stray.stderr
    assert not (root / "data/devices/acme-x1.yaml").exists()


def test_values_that_would_not_pass_check_are_refused_with_their_place(root: Path) -> None:
    unknown_source = new(root, "device", "acme-x1", "--announced", "2023", "--source", "src-nine")
    assert unknown_source.returncode == 1
    assert re.search(
        r"^data/devices/acme-x1\.yaml:\d+:\d+: kind\.sources\[0\]: no source in "
        r"data/sources\.yaml has the id 'src-nine'",
        unknown_source.stderr,
        re.M,
    )
    bad_date = new(root, "device", "acme-x1", "--announced", "May 2023", "--source", "src-one")
    assert bad_date.returncode == 1 and "announced.value" in bad_date.stderr
    unknown_maker = new(root, "device", "acme-x1", "--announced", "2023", "--source", "src-one", "--maker", "zenith")
    assert unknown_maker.returncode == 1 and "no company has the id 'zenith'" in unknown_maker.stderr
    assert not (root / "data/devices/acme-x1.yaml").exists()
    assert not [p for p in (root / "data/devices").iterdir() if p.name.startswith(".")]  # no temporary left


def test_help_explains_the_command(root: Path) -> None:
    result = new(root, "--help")
    assert result.returncode == 0
    for word in ("device", "company", "partnership", "--announced", "--source", "--role", "overwrit"):
        assert word in result.stdout
