"""`mkdocs serve` shows a data edit without a restart, and settles: no endless rebuild loop."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.catalogue.checking import ReadCache, load_catalogue
from generator.catalogue.errors import DataErrors
from generator.site.build import RenderMemo, build_outputs
from scripts.bench import BUILT_IN_PLACE, synthetic_project
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
def serving(project: Path, port: int | None = None, dirty: bool = False) -> Iterator[tuple[str, Path]]:
    """``mkdocs serve`` (``--dirty`` if asked, as `make serve` runs it) on a project copy: yields the base
    URL and the server's log file. A copy's own ``generator/``, if it has one, is the one imported."""
    port = port or free_port()
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    command = [
        str(REPO / ".venv/bin/mkdocs"),
        "serve",
        *(["--dirty"] if dirty else []),
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
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


# Incremental serve on a synthetic catalogue --------------------------------------------------------------
# `make serve` runs `mkdocs serve --dirty`: a data save is built in place, only the pages whose bytes it
# changes, or goes through MkDocs' dirty rebuild (generator/serve/). Each kind of save must still give every
# page, the navigation and the search index a fresh build gives, with exactly one rebuild per save.

LIVERELOAD = re.compile(r"<script>\s*var livereload = function[\s\S]*?</script>")


@pytest.fixture
def synthetic(tmp_path: Path) -> tuple[Path, int]:
    """A synthetic site of 30 devices (scripts/synth.py) with the real plugin, theme and settings, its
    site_url the address it will be served on (so that a fresh build of it gives the same bytes)."""
    root = tmp_path / "site"
    synthetic_project(root, 30, None)
    port = free_port()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^site_url: .*$", f"site_url: http://127.0.0.1:{port}/", config, flags=re.M)
    (root / "mkdocs.yml").write_text(config + "watch:\n- data\n", encoding="utf-8")
    return root, port


REBUILD = "Detected file changes"
"""What the live-reload server logs before each rebuild: MkDocs' "Building documentation..." or a data save
built in place ("Building the pages a data save changed...")."""
IN_PLACE = "Building the pages a data save changed..."


def builds(log: Path) -> int:
    return log.read_text().count(REBUILD)


def last_build(log: Path) -> str:
    return log.read_text().rsplit(REBUILD, 1)[1]


def saved(log: Path, before: int, ready, in_place: bool) -> None:  # type: ignore[no-untyped-def]
    """After one save: the change shows, and it took exactly one rebuild, with no loop after it; built in
    place (only the pages it changed), or by MkDocs' own dirty rebuild."""

    def finished() -> bool:
        # Not "Documentation built in N s": MkDocs logs each distinct message of its build once
        # (DuplicateFilter), so a rebuild as fast as an earlier one logs nothing; the live-reload
        # server logs "Reloading browsers" after every build that succeeded.
        return builds(log) > before and "Reloading browsers" in last_build(log)

    assert wait_for(lambda: finished() and ready(), 120), log.read_text()[-3000:]
    time.sleep(3)  # a loop, if there were one, would start another build here
    assert builds(log) == before + 1, log.read_text()[-3000:]
    assert ready()
    last = last_build(log)
    assert (IN_PLACE in last) == in_place and ("Building documentation..." in last) != in_place, last
    assert "Building in place failed" not in log.read_text(), log.read_text()
    # Only the pages the save changes are built (MkDocs would build all ~170 without the plugin's help).
    built = re.search(r"Pages built: (\d+) of (\d+)", last)
    assert built and 1 <= int(built.group(1)) <= 30 < int(built.group(2)), last
    # The build's seconds, which `make bench` reads, and those of the data read and rendered as soon as the
    # save was noticed (generator/serve/head_start.py).
    seconds = BUILT_IN_PLACE.search(last)
    assert bool(seconds) == in_place, last
    assert not seconds or seconds.group(2), last


def search_docs(base: str) -> list[dict]:  # type: ignore[type-arg]
    text = fetch(f"{base}/search/search_index.json")
    return list(json.loads(text)["docs"]) if text else []


def found(docs: list[dict], words: str) -> set[str]:  # type: ignore[type-arg]
    """Pages (locations without the anchor) whose title or text holds ``words``."""
    return {d["location"].split("#")[0] for d in docs if words in d.get("title", "") + d.get("text", "")}


def test_dirty_serve_edit_rename_delete_and_new_file_match_a_fresh_build(synthetic: tuple[Path, int]) -> None:
    root, port = synthetic
    devices = root / "data" / "devices"
    files = sorted(devices.glob("*.yaml"))
    names = {f: re.search(r"^name: (.+)$", f.read_text(encoding="utf-8"), re.M).group(1) for f in files}  # type: ignore[union-attr]
    # Devices whose name is part of no other device's name, so that "the old name is gone" is exact.
    alone = [f for f in files if sum(names[f] in other for other in names.values()) == 1]
    edited = next(f for f in alone if "\n  lens:\n    value: " in f.read_text(encoding="utf-8"))
    renamed, deleted = [f for f in alone if f != edited][5:7]
    with serving(root, port, dirty=True) as (base, log):
        assert wait_for(lambda: "Serving on" in log.read_text(), 300), log.read_text()
        assert "A 'dirty' build" not in log.read_text()  # the plugin keeps navigation right; no warning

        # An edit: the lens of one device, on its page and in the comparison.
        text = edited.read_text(encoding="utf-8")
        lens = re.search(r"  lens:\n    value: (.+)\n", text)
        assert lens
        before = builds(log)
        edited.write_text(text.replace(f"value: {lens.group(1)}\n", "value: Quartzon Edited 50\n", 1))
        page = f"{base}/devices/{edited.stem}/"
        saved(log, before, lambda: "Quartzon Edited 50" in fetch(page), in_place=True)
        assert "Quartzon Edited 50" in fetch(f"{base}/compare/")
        assert found(search_docs(base), "Quartzon Edited 50") == {f"devices/{edited.stem}/"}

        # A rename: the new name everywhere the device shows, the old one nowhere, nothing indexed twice.
        page = f"{base}/devices/{renamed.stem}/"

        def rename(old: str, new: str, kept: str, fresh: str) -> None:
            """Rename the device, see it on its page and in the lists, and the site still a fresh build's;
            ``kept``: what the last build's log says at least two pages kept (see below)."""
            before = builds(log)
            renamed.write_text(renamed.read_text(encoding="utf-8").replace(f"name: {old}\n", f"name: {new}\n", 1))
            heading = f"{new}</h1>"
            saved(log, before, lambda: heading in fetch(page).replace('<a class="headerlink"', "</h1>"), in_place=True)
            counts = re.findall(rf"{kept}: (\d+)", last_build(log))
            assert counts and int(counts[-1]) >= 2, last_build(log)
            for listing in ("devices/", "compare/", "tags/"):
                assert new in fetch(f"{base}/{listing}"), listing
                assert f">{old}<" not in fetch(f"{base}/{listing}"), listing
            # Built in place (only the pages and files the save changed): still a fresh build's bytes.
            assert not differs_from_a_fresh_build(root, base, fresh)
            docs = search_docs(base)
            assert f"devices/{renamed.stem}/" in found(docs, new)
            assert not found(docs, old)
            locations = [d["location"] for d in docs]
            assert len(locations) == len(set(locations))

        # Other devices' pages show it in their "Related" list alone, converted on its own: the rest of their
        # Markdown reads as it did, and its conversion is kept (generator/serve/conversions.py).
        rename(names[renamed], "Zircon Renamed 9", "pages' Markdown kept", "fresh-after-rename")
        # The same device renamed again, as an editor saves one file: the pages it reaches were built in place
        # last time, and those the theme would make the same HTML of are written from it, with their blocks
        # of now (generator/serve/builds.py).
        rename("Zircon Renamed 9", "Zircon Again 10", "their HTML", "fresh-after-second-rename")

        # A deletion: the page is gone, from the lists and from search.
        gone = deleted.stem
        name_gone = names[deleted]
        before = builds(log)
        deleted.unlink()
        saved(
            log,
            before,
            lambda: fetch(f"{base}/devices/{gone}/") == "" and name_gone not in fetch(f"{base}/devices/"),
            in_place=False,
        )
        assert not [d for d in search_docs(base) if d["location"].startswith(f"devices/{gone}/")]
        assert f"devices/{gone}/" not in fetch(f"{base}/compare/")

        # A new file: a page of its own, in the lists and in search.
        before = builds(log)
        new = devices / "zircon-new-1.yaml"
        new.write_text(
            re.sub(r"^name: .+$", "name: Zircon New 1", files[5].read_text(encoding="utf-8"), count=1, flags=re.M),
            encoding="utf-8",
        )
        saved(log, before, lambda: "Zircon New 1" in fetch(f"{base}/devices/zircon-new-1/"), in_place=False)
        assert "Zircon New 1" in fetch(f"{base}/devices/")
        assert "devices/zircon-new-1/" in found(search_docs(base), "Zircon New 1")
        assert not re.search(r"ERROR|Traceback", log.read_text()), log.read_text()
        # After data saves alone, the pages are made from what the caches kept (tables and lists converted
        # in pieces, figures set aside): still a fresh build's bytes.
        kept = re.findall(r"Markdown pieces: (\d+) converted, (\d+) kept; figures set aside: (\d+)", log.read_text())
        assert kept and int(kept[-1][1]) > int(kept[-1][0]) and int(kept[-1][2]) >= 3, kept
        assert not differs_from_a_fresh_build(root, base, "fresh-after-data")

        # A hand-written page: every page is built again (its title is in every page's navigation).
        before = builds(log)
        home = root / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8").replace("(synthetic)", "(synthetic, edited)", 1))
        assert wait_for(lambda: "synthetic, edited" in fetch(f"{base}/"), 120), log.read_text()[-3000:]
        time.sleep(3)
        assert builds(log) == before + 1
        assert "(everything: not only data changed)" in last_build(log)

        # What is served now is what a fresh full build of the same files gives, byte for byte.
        assert not differs_from_a_fresh_build(root, base, "fresh")
        assert fetch(f"{base}/devices/{gone}/") == ""


# A build prunes Material's stylesheets into files of their own and links them (generator/output/
# stylesheets.py); serve keeps the whole ones. The comparison leaves that difference out.
PRUNED_CSS = re.compile(rb"(main|palette)\.([0-9a-f]{8})\.[0-9a-f]{8}\.min\.css")


def differs_from_a_fresh_build(root: Path, base: str, name: str) -> list[str]:
    """The files that ``mkdocs build`` of the project into ``root/name`` makes otherwise than served
    (Material's stylesheets aside, which only a build prunes)."""
    fresh = root / name
    result = subprocess.run(
        [str(REPO / ".venv/bin/mkdocs"), "build", "--site-dir", str(fresh)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    differ = []
    for path in sorted(p for p in fresh.rglob("*") if p.is_file() and p.name != "sitemap.xml.gz"):
        rel = path.relative_to(fresh).as_posix()
        if PRUNED_CSS.fullmatch(path.name.encode()):
            continue
        url = f"{base}/{rel.removesuffix('index.html')}"
        with urllib.request.urlopen(url, timeout=10) as response:
            served = response.read()
        if rel.endswith(".html"):
            served = LIVERELOAD.sub("", served.decode("utf-8")).encode("utf-8")
        built = path.read_bytes()
        if rel.endswith(".html"):
            built = PRUNED_CSS.sub(rb"\1.\2.min.css", built)
        if served != built:
            differ.append(rel)
    return differ


def test_a_rename_renders_only_the_pages_showing_the_device_and_the_same_bytes(tmp_path: Path) -> None:
    """The generator's side of a serve rebuild: files read once (ReadCache), pages rendered again only
    when their inputs changed (RenderMemo), and the bytes those give are a fresh build's."""
    subprocess.run(
        [
            str(REPO / ".venv/bin/python"),
            str(REPO / "scripts/synth.py"),
            "--devices",
            "40",
            "--out",
            str(tmp_path / "data"),
        ],
        check=True,
        capture_output=True,
    )
    reads, memo = ReadCache(), RenderMemo()
    first, _ = build_outputs(load_catalogue(tmp_path / "data", cache=reads), memo=memo)
    again, _ = build_outputs(load_catalogue(tmp_path / "data", cache=reads), memo=memo)
    assert again == first and memo.rendered <= 8 and memo.reused > 100  # figures are always drawn
    device = sorted((tmp_path / "data/devices").glob("*.yaml"))[7]
    text = device.read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", text, re.M).group(1)  # type: ignore[union-attr]
    device.write_text(text.replace(f"name: {name}\n", "name: Renamed Device 1\n", 1), encoding="utf-8")
    renamed, _ = build_outputs(load_catalogue(tmp_path / "data", cache=reads), memo=memo)
    assert reads.misses == len(list((tmp_path / "data").rglob("*.yaml"))) + 1  # only the saved file again
    assert memo.rendered <= 20 < memo.reused
    assert renamed == build_outputs(load_catalogue(tmp_path / "data"))[0]


def test_files_that_come_and_go_are_seen_by_a_load_that_keeps_what_it_read(tmp_path: Path) -> None:
    """A serve rebuild keeps each folder's listing and what the devices were cross-checked against: a file
    added, badly named or removed, and a reference broken by a file that changed or by one that is gone, are
    seen as a fresh load sees them."""
    subprocess.run(
        [str(REPO / ".venv/bin/python"), str(REPO / "scripts/synth.py"), "--devices", "30", "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    devices = tmp_path / "devices"
    reads = ReadCache()

    def both() -> tuple[Any, Any]:
        outcomes = []
        for cache in (reads, None):
            try:
                outcomes.append(sorted(load_catalogue(tmp_path, cache=cache).devices))
            except DataErrors as exc:
                outcomes.append([str(error) for error in exc.errors])
        return outcomes[0], outcomes[1]

    kept, fresh = both()
    assert kept == fresh and len(kept) == 30
    first = sorted(devices.glob("*.yaml"))[0]
    (devices / "a-new-device.yaml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    kept, fresh = both()
    assert kept == fresh and "a-new-device" in kept
    (devices / "Bad Name.yaml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    kept, fresh = both()
    assert kept == fresh and any("Bad Name.yaml" in error and "lowercase slug" in error for error in kept)
    (devices / "Bad Name.yaml").unlink()
    (devices / "a-new-device.yaml").unlink()
    kept, fresh = both()
    assert kept == fresh and len(kept) == 30 and "a-new-device" not in kept

    # The cross-checks, which check again only the devices that changed while what they name is the same:
    # a changed device naming no company; an unchanged device whose partnership no longer spans its
    # launch; unchanged devices whose maker's file is gone. Each time what a fresh read reports.
    text = first.read_text(encoding="utf-8")
    maker = re.search(r"^maker: (.+)$", text, re.M).group(1)  # type: ignore[union-attr]
    first.write_text(text.replace(f"maker: {maker}\n", "maker: no-such-company\n"), encoding="utf-8")
    kept, fresh = both()
    assert kept == fresh and any("no company has the id 'no-such-company'" in error for error in kept), kept
    first.write_text(text, encoding="utf-8")
    assert both() == (sorted(p.stem for p in devices.glob("*.yaml")),) * 2
    with_partner = next(p for p in sorted(devices.glob("*.yaml")) if "\npartnership: " in p.read_text(encoding="utf-8"))
    pid = re.search(r"^partnership: (.+)$", with_partner.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
    partnership = tmp_path / "partnerships" / f"{pid}.yaml"
    terms = partnership.read_text(encoding="utf-8")
    partnership.write_text(re.sub(r"(started:\n  value: )'?[0-9-]+'?", r"\g<1>'2030-01-01'", terms), encoding="utf-8")
    kept, fresh = both()
    assert kept == fresh and any(f"falls outside the partnership '{pid}'" in error for error in kept), kept
    partnership.write_text(terms, encoding="utf-8")
    company = tmp_path / "companies" / f"{maker}.yaml"
    profile = company.read_text(encoding="utf-8")
    company.unlink()
    kept, fresh = both()
    assert kept == fresh and any(f"no company has the id '{maker}'" in error for error in kept), kept
    company.write_text(profile, encoding="utf-8")
    kept, fresh = both()
    assert kept == fresh and len(kept) == 30
