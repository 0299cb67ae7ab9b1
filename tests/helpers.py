"""Helpers the tests share: a small valid data set that tests bend, a copy of the project, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from generator.commands.cli import main

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SOURCES = """\
sources:
  - id: src-one
    title: First source
    seen: [title, publisher, date]
    publisher: Example News
    date: 2022-07-04
    url: https://example.com/one
  - id: src-two
    title: Second source
    seen: []
    publisher: Example Review
    url: https://example.org/two
"""

DEVICE = """\
name: Example Phone
maker: acme
kind: {value: phone, sources: [src-one]}
partnership: optica-acme
announced: {value: 2022-07-04, sources: [src-one]}
main_camera:
  format: {value: 1-inch, sources: [src-two]}
"""

MINIMAL = {
    "sources.yaml": SOURCES,
    "companies/acme.yaml": "name: Acme\nroles: [phone-maker]\n",
    "companies/optica.yaml": "name: Optica\nroles: [camera-brand]\nfounded: {value: 1900, sources: [src-two]}\n",
    "partnerships/optica-acme.yaml": "brand: optica\nmaker: acme\nstarted: {value: 2020-01, sources: [src-one]}\n",
    "devices/example-phone.yaml": DEVICE,
}


def write_data(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write data files (``None`` deletes one) under ``root/data`` and return that folder."""
    data = root / "data"
    for rel, text in files.items():
        path = data / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    for kind in ("devices", "companies", "partnerships"):
        (data / kind).mkdir(parents=True, exist_ok=True)
    return data


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (click's CliRunner) from ``cwd``, as ``python -m generator``.

    An exception the command did not turn into a message is raised here, so a test cannot pass over what a
    user would see as a traceback. ``run_cli_process`` runs a real process where that is the point."""
    previous = os.getcwd()
    os.chdir(cwd or REPO)
    try:
        result = CliRunner().invoke(main, list(args), prog_name="python -m generator")
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["python", "-m", "generator", *args], result.exit_code, result.stdout, result.stderr
    )


def run_cli_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` as a user would, in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [PYTHON, "-m", "generator", *args], cwd=cwd or REPO, env=env, capture_output=True, text=True, timeout=120
    )


PROJECT_SKIPPED = {
    ".git",
    ".venv",
    "site",
    "node_modules",
    ".cache",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "lens_lineage.egg-info",
}
"""Top-level folders of the repository that are not the project (tools' state, the built site)."""


def copy_project(dest: Path) -> Path:
    """The project as a clone has it (no virtualenv, no built site, no caches), copied into ``dest``."""

    def skipped(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == REPO
        return {n for n in names if n == "__pycache__" or (top and n in PROJECT_SKIPPED)}

    shutil.copytree(REPO, dest, dirs_exist_ok=True, ignore=skipped)
    return dest
