"""The command line as an editor and a maintainer use it: exit codes, messages, what lands on disk."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import DEVICE, MINIMAL, run_cli, run_cli_process, write_data


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_reports_counts_and_coverage(tmp_path: Path, data_dir: Path) -> None:
    result = run_cli("check", "--data", str(data_dir), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "OK: 1 devices, 2 companies, 1 partnerships, 0 sensors, 2 sources.",
        "Citation coverage: 100.0% (5 of 5 published values cite a source).",
    ]


def test_check_fails_below_full_coverage_naming_each_uncited_value(tmp_path: Path) -> None:
    write_data(
        tmp_path,
        {
            **MINIMAL,
            "devices/example-phone.yaml": DEVICE.replace("{value: 1-inch, sources: [src-two]}", "{value: 1-inch}")
            + "prices: [{value: {amount: 5, currency: EUR}}]\n",
        },
    )
    result = run_cli("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert "Citation coverage: 66.7% (4 of 6 published values cite a source)." in result.stdout
    assert result.stderr.splitlines() == [
        "data/devices/example-phone.yaml: prices[0]: no source",
        "data/devices/example-phone.yaml: main_camera.format: no source",
        "Error: 2 value(s) or footnote(s) without a known source.",
    ]


def test_check_refuses_footnotes_that_cite_no_known_source(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        "# Page\n\nA fact.[^src-one] Another.[^nope]\n\n[^src-one]: First source.\n[^nope]: Who knows.\n"
    )
    result = run_cli("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "docs/page.md:6:1: footnote [^nope] names no source in data/sources.yaml: use a source id as the label"
    )


def test_check_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    run_cli("check", "--data", str(data_dir), cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_bad_data_exits_1_with_every_error_and_no_traceback(tmp_path: Path) -> None:
    write_data(
        tmp_path,
        {
            **MINIMAL,
            "devices/example-phone.yaml": DEVICE.replace("maker: acme", "maker: acme\naliasses: [X1]"),
            "companies/acme.yaml": "name: Acme\n",
        },
    )
    result = run_cli_process("check", "--data", "data", cwd=tmp_path)  # a real process: what a user sees
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/companies/acme.yaml:1:1: roles: required field 'roles' is missing",
        "data/devices/example-phone.yaml:3:1: aliasses: unknown field 'aliasses' (did you mean 'aliases'?)",
        "Error: 2 error(s) in the data; nothing was written.",
    ]
    assert "Traceback" not in result.stderr


def test_bad_usage_exits_2() -> None:
    assert run_cli("generate", "--no-such-option").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_missing_data_folder_is_a_data_error(tmp_path: Path) -> None:
    result = run_cli("check", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "nowhere: is not a folder of data files"


def test_every_command_is_documented() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("generate", "check"):
        assert command in result.stdout
        help_text = run_cli(command, "--help").stdout
        assert "--data" in help_text and len(help_text.splitlines()) > 5


def test_generate_writes_pages_then_nothing(tmp_path: Path, data_dir: Path) -> None:
    docs = tmp_path / "docs"
    first = run_cli("generate", "--data", str(data_dir), "--docs", str(docs))
    assert first.returncode == 0, first.stderr
    assert "0 unchanged" in first.stdout
    pages = snapshot(docs)
    assert {
        "devices/example-phone.md",
        "devices/index.md",
        "companies/acme.md",
        "companies/optica.md",
        "partnerships/optica-acme.md",
    } <= set(pages)
    mtimes = {p: (docs / p).stat().st_mtime_ns for p in pages}
    second = run_cli("generate", "--data", str(data_dir), "--docs", str(docs))
    assert "0 written" in second.stdout and "0 removed" in second.stdout
    assert snapshot(docs) == pages
    assert {p: (docs / p).stat().st_mtime_ns for p in pages} == mtimes


def test_generate_removes_pages_whose_data_is_gone_and_keeps_hand_written_ones(tmp_path: Path) -> None:
    data = write_data(tmp_path, {**MINIMAL, "devices/second.yaml": DEVICE.replace("Example Phone", "Second")})
    docs = tmp_path / "docs"
    (docs / "devices").mkdir(parents=True)
    (docs / "devices" / "notes.md").write_text("# Hand-written notes\n")
    (docs / "index.md").write_text("# Home\n")
    run_cli("generate", "--data", str(data), "--docs", str(docs))
    assert (docs / "devices" / "second.md").is_file()
    write_data(tmp_path, {"devices/second.yaml": None})
    result = run_cli("generate", "--data", str(data), "--docs", str(docs))
    assert "1 removed" in result.stdout
    assert not (docs / "devices" / "second.md").exists()
    assert (docs / "devices" / "notes.md").read_text() == "# Hand-written notes\n"
    assert (docs / "index.md").read_text() == "# Home\n"


def test_invalid_data_leaves_docs_untouched(tmp_path: Path, data_dir: Path) -> None:
    docs = tmp_path / "docs"
    run_cli("generate", "--data", str(data_dir), "--docs", str(docs))
    before = snapshot(docs)
    write_data(
        tmp_path, {"devices/example-phone.yaml": DEVICE.replace("2022-07-04", "2022-02-30"), "devices/new.yaml": DEVICE}
    )
    result = run_cli("generate", "--data", str(data_dir), "--docs", str(docs))
    assert result.returncode == 1
    assert snapshot(docs) == before


def test_output_does_not_depend_on_how_the_data_folder_is_named(tmp_path: Path, data_dir: Path) -> None:
    run_cli("generate", "--data", str(data_dir), "--docs", str(tmp_path / "a"))
    run_cli("generate", "--data", "data", "--docs", "b", cwd=tmp_path)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
