"""Shared helpers: a small valid data set, written into a temporary folder, that tests bend."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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
    "companies/optica.yaml": "name: Optica\nroles: [camera-brand]\n"
                             "founded: {value: 1900, sources: [src-two]}\n",
    "partnerships/optica-acme.yaml": "brand: optica\nmaker: acme\n"
                                      "started: {value: 2020-01, sources: [src-one]}\n",
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


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path, MINIMAL)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` as a user would, in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([PYTHON, "-m", "generator", *args], cwd=cwd or REPO, env=env,
                          capture_output=True, text=True, timeout=120)
