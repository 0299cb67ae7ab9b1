"""Publishing works on a machine that is not this one: a GitHub runner is not root, and its Chromium may
live anywhere. Chromium is found by CHROME_PATH or on PATH; the workflow is valid for GitHub."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.chromium import ChromiumMissing, find_chromium
from tests.helpers import REPO

MAKE = shutil.which("make") or "make"


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_chrome_path_wins(tmp_path: Path) -> None:
    chosen = executable(tmp_path / "opt/chrome/chrome")
    executable(tmp_path / "bin/chromium")
    assert find_chromium({"CHROME_PATH": str(chosen), "PATH": str(tmp_path / "bin")}) == str(chosen)


def test_a_chrome_path_that_is_not_a_program_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    executable(tmp_path / "bin/chromium")
    with pytest.raises(ChromiumMissing, match="CHROME_PATH is '/no/such/chrome', which is not an executable"):
        find_chromium({"CHROME_PATH": "/no/such/chrome", "PATH": str(tmp_path / "bin")})


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome"])
def test_each_usual_name_is_found_on_path(tmp_path: Path, name: str) -> None:
    found = executable(tmp_path / "bin" / name)
    assert find_chromium({"PATH": f"{tmp_path / 'empty'}{os.pathsep}{tmp_path / 'bin'}"}) == str(found)


def test_no_chromium_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ChromiumMissing) as raised:
        find_chromium({"PATH": str(tmp_path)})
    assert "make browser" in str(raised.value) and "CHROME_PATH" in str(raised.value)


def make_browser(tmp_path: Path, *, uid: int, sudo: bool) -> subprocess.CompletedProcess[str]:
    """`make browser` with no Chromium, a fake apt-get and id, and sudo present or not, as user ``uid``."""
    bin_dir = tmp_path / "bin"
    log = tmp_path / "calls"
    for tool in ("apt-get", "npm"):
        (bin_dir / tool).parent.mkdir(parents=True, exist_ok=True)
        (bin_dir / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> {log}\n')
        (bin_dir / tool).chmod(0o755)
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (bin_dir / "id").chmod(0o755)
    if sudo:
        (bin_dir / "sudo").write_text(f'#!/bin/sh\necho "sudo $*" >> {log}\nexec "$@"\n')
        (bin_dir / "sudo").chmod(0o755)
    (bin_dir / "env").symlink_to(shutil.which("env") or "/usr/bin/env")
    # Only the fakes on PATH: this machine's own Chromium must not be found.
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    return subprocess.run(
        [MAKE, "-s", "-C", str(REPO), "browser"], env=env, capture_output=True, text=True, check=False
    )


def calls(tmp_path: Path) -> list[str]:
    log = tmp_path / "calls"
    return log.read_text().splitlines() if log.exists() else []


def test_make_browser_as_root_runs_apt_get_itself(tmp_path: Path) -> None:
    result = make_browser(tmp_path, uid=0, sudo=False)
    assert result.returncode == 0, result.stderr
    assert any(c.startswith("apt-get install") and "chromium" in c for c in calls(tmp_path))
    assert not any(c.startswith("sudo") for c in calls(tmp_path))


def test_make_browser_as_a_user_goes_through_sudo(tmp_path: Path) -> None:
    result = make_browser(tmp_path, uid=1001, sudo=True)
    assert result.returncode == 0, result.stderr
    assert any(c.startswith("sudo ") and "apt-get install" in c and "chromium" in c for c in calls(tmp_path))
    assert "sudo apt-get update -qq" in calls(tmp_path)


def test_make_browser_without_root_or_sudo_says_so(tmp_path: Path) -> None:
    result = make_browser(tmp_path, uid=1001, sudo=False)
    assert result.returncode != 0
    assert "not root and sudo is not available" in result.stderr and "CHROME_PATH" in result.stderr
    assert calls(tmp_path) == []


def test_make_browser_installs_nothing_when_chrome_path_is_set(tmp_path: Path) -> None:
    chrome = executable(tmp_path / "opt/chrome")
    bin_dir = tmp_path / "bin"
    make_browser(tmp_path, uid=1001, sudo=False)  # writes the fakes
    (tmp_path / "calls").unlink(missing_ok=True)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "CHROME_PATH": str(chrome)}
    result = subprocess.run(
        [MAKE, "-s", "-C", str(REPO), "browser"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert not any("chromium" in c for c in calls(tmp_path))


WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_is_valid_against_githubs_schema(workflow: Path) -> None:
    """GitHub's published workflow schema, as check-jsonschema ships it (no network needed)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_as_a_runner_can() -> None:
    """No step assumes root, and the tests get Chromium from the runner, named by CHROME_PATH."""
    text = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["build"]["steps"]
    chrome = next(s for s in steps if str(s.get("uses", "")).startswith("browser-actions/setup-chrome@"))
    test = next(s for s in steps if s.get("run") == "make test")
    assert steps.index(chrome) < steps.index(test)
    assert test["env"]["CHROME_PATH"] == "${{ steps." + chrome["id"] + ".outputs.chrome-path }}"
    assert not [s for s in steps if "apt-get" in str(s.get("run", "")) and "sudo" not in str(s.get("run", ""))]
