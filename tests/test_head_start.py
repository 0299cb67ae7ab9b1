"""A data save read and rendered while MkDocs waits before it builds (generator/serve/head_start.py): the
work is taken by the build that follows it and no other, never runs beside a build, and is begun by a
change in the watched data folder alone."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from generator.catalogue.errors import DataErrors
from generator.mkdocs_plugin import LensLineagePlugin
from generator.serve.head_start import HeadStart


def test_a_build_waits_for_the_work_under_way_and_takes_what_it_gave() -> None:
    head_start: HeadStart[str] = HeadStart()
    done = threading.Event()

    def work() -> str:
        time.sleep(0.3)
        done.set()
        return f"made in {threading.current_thread().name}"

    assert head_start.begin(work)
    with head_start.build() as ahead:
        assert done.is_set()
        assert ahead is not None
        assert ahead.result() == "made in head start"  # (in a thread of its own, not the build's)
        assert ahead.seconds >= 0.3
    with head_start.build() as ahead:  # taken once: the next build does its own work
        assert ahead is None


def test_no_work_begins_during_a_build_or_beside_other_work() -> None:
    head_start: HeadStart[int] = HeadStart()
    calls: list[int] = []
    release = threading.Event()

    def slow() -> int:
        calls.append(1)
        release.wait(5)
        return 1

    with head_start.build() as ahead:
        assert ahead is None
        assert not head_start.begin(slow)  # a save noticed during a build: the server's next build reads it
    assert head_start.begin(slow)
    assert not head_start.begin(slow)
    release.set()
    with head_start.build() as ahead:
        assert ahead is not None and ahead.result() == 1
    assert calls == [1]


def test_what_the_work_raised_is_raised_by_the_build_that_takes_it() -> None:
    head_start: HeadStart[int] = HeadStart()

    def broken() -> int:
        raise DataErrors([])

    assert head_start.begin(broken)
    with head_start.build() as ahead:
        assert ahead is not None
        with pytest.raises(DataErrors):
            ahead.result()
    assert head_start.begin(lambda: 2)  # the lock was given back
    with head_start.build() as ahead:
        assert ahead is not None and ahead.result() == 2


class Begun:
    """Stands in for the plugin's head start: counts the work it is asked to begin."""

    def __init__(self) -> None:
        self.calls = 0

    def begin(self, work: object) -> bool:
        self.calls += 1
        return True


@pytest.mark.parametrize("watched", [True, False])
def test_a_file_saved_in_the_watched_data_folder_begins_the_work(tmp_path: Path, watched: bool) -> None:
    (tmp_path / "docs").mkdir()
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + ("watch:\n- data\n" if watched else ""))
    config = load_config(str(tmp_path / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    plugin = LensLineagePlugin()
    plugin.on_startup(command="serve", dirty=True)
    begun = Begun()
    plugin.head_start = begun  # type: ignore[assignment]
    plugin.on_serve(server, config=config, builder=lambda: None)
    for path in config.watch:  # (as MkDocs does after on_serve)
        server.watch(path)
    emitters = [emitter for emitter in server.observer.emitters if emitter.watch.path == str(data)]
    assert len(emitters) == (1 if watched else 0)  # polled once, for MkDocs and for the plugin
    server.observer.start()
    try:
        (data / "folder").mkdir()  # a folder alone: nothing to read
        time.sleep(1.2)  # (two polls)
        assert begun.calls == 0
        (data / "folder" / "device.yaml").write_text("name: x\n")
        deadline = time.monotonic() + 5
        while watched and not begun.calls and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0 if watched else 1.2)
        assert (begun.calls >= 1) == watched
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
