"""`mkdocs serve` shows a data edit without a restart, and settles: no endless rebuild loop."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site's sources, so that the test can edit data freely."""
    for name in ("docs", "data", "overrides", "generator"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@contextlib.contextmanager
def serving(project: Path) -> Iterator[tuple[str, Path]]:
    """``mkdocs serve`` on the project copy: yields the base URL and the server's log file."""
    port = free_port()
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    with log.open("w") as out:
        server = subprocess.Popen([str(REPO / ".venv/bin/mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_picks_up_a_data_edit_and_settles(project: Path) -> None:
    with serving(project) as (base, log):
        url = f"{base}/devices/xiaomi-12s-ultra/"
        assert wait_for(lambda: "Xiaomi 12S Ultra" in fetch(url), 120), log.read_text()
        assert "livereload" in fetch(url)  # the page asks the server to reload it on change
        builds_before = log.read_text().count("Building documentation")
        data_file = project / "data/devices/xiaomi-12s-ultra.yaml"
        edited = data_file.read_text().replace("name: Xiaomi 12S Ultra\n", "name: Xiaomi 12S Ultra Edited\n")
        data_file.write_text(edited)
        assert wait_for(lambda: "Xiaomi 12S Ultra Edited" in fetch(url), 30), log.read_text()
        time.sleep(5)  # give a loop, if there were one, time to show itself
        builds_after = log.read_text().count("Building documentation")
        assert 1 <= builds_after - builds_before <= 2, log.read_text()
        assert not re.search(r"ERROR|Traceback", log.read_text()), log.read_text()


def test_serve_reports_bad_data_and_recovers(project: Path) -> None:
    data_file = project / "data/devices/xiaomi-12s-ultra.yaml"
    good = data_file.read_text()
    with serving(project) as (base, log):
        url = f"{base}/devices/xiaomi-12s-ultra/"
        assert wait_for(lambda: "Xiaomi 12S Ultra" in fetch(url), 120), log.read_text()
        data_file.write_text(good.replace("maker: xiaomi", "maker: xiaomi\nsensr: oops"))
        assert wait_for(lambda: "unknown field 'sensr'" in log.read_text(), 30), log.read_text()
        assert "ERROR   -  data/devices/xiaomi-12s-ultra.yaml:4:1: sensr: unknown field" in log.read_text()
        # MkDocs holds the page until the build succeeds again; fixing the file brings it back.
        data_file.write_text(good.replace("name: Xiaomi 12S Ultra\n", "name: Xiaomi 12S Ultra Fixed\n"))
        assert wait_for(lambda: "Xiaomi 12S Ultra Fixed" in fetch(url), 30), log.read_text()
