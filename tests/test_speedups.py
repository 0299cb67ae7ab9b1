"""The speed-ups change nothing but speed: work shared among processes gives the same pages and the same
errors as one process, and the paused collector comes back. No timings here: `make bench` measures."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import jinja2
import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataErrors
from generator.output.write import write_tree
from generator.site.build import build_outputs
from generator.site.render import environment
from generator.speed.memory import collector_paused
from generator.speed.parallel import MIN_ITEMS, parallel_map
from scripts.synth import make, write
from tests.helpers import REPO


def test_templates_are_checked_against_their_files_once_a_build(tmp_path: Path) -> None:
    """Jinja does not ask a template file's date at each lookup; a build's ``refresh`` does, once."""
    template = tmp_path / "page.md.j2"
    template.write_text("one", encoding="utf-8")
    env = environment()
    assert not env.auto_reload
    env.loader = jinja2.FileSystemLoader(tmp_path)
    env.refresh()
    assert env.get_template("page.md.j2").render() == "one"
    template.write_text("two, and longer", encoding="utf-8")
    assert env.get_template("page.md.j2").render() == "one"  # compiled once, not looked at again
    env.refresh()
    assert env.get_template("page.md.j2").render() == "two, and longer"
    (tmp_path / "other.md.j2").write_text("{% import 'page.md.j2' as p %}", encoding="utf-8")
    env.refresh()
    assert env.get_template("page.md.j2").render() == "two, and longer"


def test_parallel_map_keeps_the_order_and_runs_elsewhere() -> None:
    items = list(range(MIN_ITEMS * 2 + 7))
    assert parallel_map(lambda x: x * x, items, workers=2) == [x * x for x in items]
    assert os.getpid() not in set(parallel_map(lambda _: os.getpid(), items, workers=2))


def test_parallel_map_raises_what_a_worker_raised() -> None:
    def fail_at_500(x: int) -> int:
        if x == 500:
            raise ValueError("item 500 is bad")
        return x

    with pytest.raises(ValueError, match="item 500 is bad"):
        parallel_map(fail_at_500, list(range(MIN_ITEMS * 2)), workers=2)


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    def die_at_500(x: int) -> int:
        if x == 500:
            os._exit(9)  # as if killed for memory
        return x

    with pytest.raises(BrokenProcessPool):
        parallel_map(die_at_500, list(range(MIN_ITEMS * 2)), workers=2)


def test_small_jobs_and_one_worker_stay_in_this_process() -> None:
    assert set(parallel_map(lambda _: os.getpid(), list(range(MIN_ITEMS - 1)), workers=2)) == {os.getpid()}
    assert set(parallel_map(lambda _: os.getpid(), list(range(MIN_ITEMS * 2)), workers=1)) == {os.getpid()}


@pytest.fixture(scope="module")
def large_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough devices for the workers to start (a folder of MIN_ITEMS files or more)."""
    data = tmp_path_factory.mktemp("large") / "data"
    write(data, make(MIN_ITEMS + 30))
    return data


def test_workers_load_and_render_what_one_process_does(large_data: Path) -> None:
    alone, shared = load_catalogue(large_data, workers=1), load_catalogue(large_data, workers=2)
    assert list(alone.devices) == list(shared.devices)
    assert all(alone.devices[i].model == shared.devices[i].model for i in alone.devices)
    outputs, _ = build_outputs(alone, workers=1)
    assert build_outputs(shared, workers=2)[0] == outputs
    assert len(outputs) > MIN_ITEMS


def test_errors_found_by_workers_name_the_same_file_line_and_field(large_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(large_data, data)
    first, last = sorted((data / "devices").glob("*.yaml"))[::MIN_ITEMS]
    first.write_text(first.read_text().replace("name:", "name: A\nname:", 1))  # a duplicate key
    last.write_text(last.read_text().replace("maker: ", "maker: no-such-", 1))  # found by the cross-checks
    reports = []
    for workers in (1, 2):
        with pytest.raises(DataErrors) as caught:
            load_catalogue(data, workers=workers)
        reports.append([str(e) for e in caught.value.errors])
    assert reports[0] == reports[1]
    assert len(reports[0]) == 2
    assert reports[0][0].startswith(f"{first.name}:") or f"/{first.name}:" in reports[0][0]
    assert ": name: duplicate key (first given on line " in reports[0][0]
    assert f"{last.name}:" in reports[0][1] and ": maker: no company has the id 'no-such-" in reports[0][1]


def test_the_collector_comes_back_after_a_build_and_after_a_failure() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a failed build")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "left as the caller had it"
    finally:
        gc.enable()


def test_python_m_generator_leaves_what_it_made_to_the_exit(tmp_path: Path) -> None:
    """A command is one short process: no collector pass over what it made, nor the exit's (see __main__.py)."""
    probe = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 1000, file=sys.stderr))\n"
        "sys.argv = ['generator', 'check', '--data', sys.argv[1], '--docs', sys.argv[2]]\n"
        "runpy.run_module('generator', run_name='__main__')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(REPO / "data"), str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "False True"


def _collector_back_within(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.05)
    return gc.isenabled()


def test_the_collector_can_come_back_a_while_after_a_build() -> None:
    """Under ``mkdocs serve`` the pass a save's cycles need runs after the browser reloads, not before."""
    with collector_paused(resume_after=0.2):
        assert not gc.isenabled()
    assert not gc.isenabled(), "not yet"
    assert _collector_back_within(10)


def test_a_build_that_starts_before_the_collector_is_back_keeps_it_off_to_its_end() -> None:
    """A save built while the last one's collector pass is still to come: that return is called off (it would
    turn the collector on in the middle of this build), and the collector comes back after this one."""
    with collector_paused(resume_after=0.2):
        pass
    assert not gc.isenabled()
    with collector_paused(resume_after=0.2):
        time.sleep(0.5)  # where the first build's return would fall
        assert not gc.isenabled()
    assert not gc.isenabled(), "not yet"
    assert _collector_back_within(10)


def test_a_folder_that_links_out_of_docs_is_refused(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    elsewhere.mkdir()
    (docs / "devices").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_tree(docs, {"devices/x.md": b"---\ngenerated_from: x\n---\n", "companies/y.md": b"y"}, ("devices",))
    assert not any(elsewhere.iterdir()) and not (docs / "companies").exists()
    (docs / "link.md").symlink_to(elsewhere / "page.md")  # a file link is replaced, not followed
    write_tree(docs, {"link.md": b"new"}, ())
    assert (docs / "link.md").read_bytes() == b"new" and not (elsewhere / "page.md").exists()


_HELD_AFTER_A_FREE = """
import sys
from generator.speed.memory import keep_freed_memory
if sys.argv[1] == "kept" and not keep_freed_memory():
    print("unsupported")
    raise SystemExit
pages = lambda: int(open("/proc/self/statm").read().split()[1])
block = bytes(bytearray(64 << 20))
before = pages()
del block
print((before - pages()) * 4096 >> 20)
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the process's memory in /proc")
def test_memory_a_large_object_frees_stays_for_the_next_ones() -> None:
    def given_back(mode: str) -> str:
        run = subprocess.run([sys.executable, "-c", _HELD_AFTER_A_FREE, mode], capture_output=True, text=True, cwd=REPO)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    kept = given_back("kept")
    if kept == "unsupported":
        pytest.skip("this C library has no mallopt (not glibc)")
    assert int(given_back("default")) >= 60  # MB handed back to the system as the object is freed
    assert int(kept) <= 4  # kept for the next objects: no fresh pages to map and zero
