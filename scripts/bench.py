"""Benchmark: the generator and the MkDocs build on synthetic catalogues of growing size.

    .venv/bin/python scripts/bench.py                     # N = 500, 1,000, 5,000 (several minutes)
    .venv/bin/python scripts/bench.py --sizes 200 --no-serve --markdown /tmp/bench.md

For each N it makes a catalogue with ``python scripts/synth.py``, then measures

- ``python -m generator generate`` on an empty folder: wall and CPU time, peak memory (the child's
  ``ru_maxrss`` from ``wait4``), and how the in-memory work splits into load / plan / render;
- a second ``generate`` with nothing changed (files written must be 0);
- ``generate`` after renaming one device (files written must be that device's page and the pages
  that show it; the list is printed and checked against the pages that named the device before);
- ``mkdocs build`` of a synthetic project: the real hook, theme, overrides, plugins and Markdown
  settings, but a minimal ``docs/`` (an index, with the site's styles and scripts) since the hand-written
  pages link to real devices, and ``nav`` reduced to the pages that exist. It reports the build's time and memory,
  the HTML size of one device page (the same device at every N) and the search index size.

and on a copy of the real site, the time from saving a data file to ``mkdocs serve`` serving the
new HTML. Figures are printed as a table (Markdown); nothing is asserted on timings.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = str(REPO / ".venv/bin/python") if (REPO / ".venv/bin/python").exists() else sys.executable
MKDOCS = str(REPO / ".venv/bin/mkdocs") if (REPO / ".venv/bin/mkdocs").exists() else "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
SUMMARY = re.compile(r"(\d+) files: (\d+) written, (\d+) unchanged, (\d+) removed")


# Measuring a child process ---------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    max_rss_mb: float
    stdout: str
    stderr: str
    returncode: int
    system: float = 0.0
    """The kernel's share of ``cpu``: here mostly creating files (see the README on this machine's disk)."""


def run(cmd: list[str], cwd: Path | None = None, check: bool = True) -> Run:
    """Run a command, with the wall time, the CPU time and the peak RSS of that one child (``wait4``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Run(
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            out.read(),
            err.read(),
            proc.returncode,
            usage.ru_stime,
        )
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result


def generator_cli(*args: str) -> Run:
    return run([PYTHON, "-m", "generator", *args], cwd=REPO)


def child(mode: str, *args: str) -> dict[str, Any]:
    """This script's in-process helpers (see ``_child``), run in a fresh interpreter."""
    result = run([PYTHON, str(Path(__file__).resolve()), "--child", mode, *args], cwd=REPO)
    return dict(json.loads(result.stdout.splitlines()[-1]), wall=result.wall, max_rss_mb=result.max_rss_mb)


def _child(mode: str, args: list[str]) -> None:
    sys.path.insert(0, str(REPO))
    from generator.catalogue.checking import load_catalogue
    from generator.output.write import write_tree
    from generator.site.build import build_outputs
    from generator.site.plan import SECTIONS, plan
    from generator.site.render import environment, output

    data, docs = Path(args[0]), Path(args[1])
    if mode == "stages":  # the in-memory work, as the MkDocs hook does it (one process), split by stage
        gc.disable()  # as collector_paused() does in the hook
        t0 = time.perf_counter()
        catalogue = load_catalogue(data)
        t1 = time.perf_counter()
        specs = plan(catalogue)
        t2 = time.perf_counter()
        env = environment()
        outputs = {s.uri: output(s, catalogue, env) for s in specs}  # pages rendered, files of every device made
        t3 = time.perf_counter()
        print(
            json.dumps(
                {
                    "load": t1 - t0,
                    "plan": t2 - t1,
                    "render": t3 - t2,
                    "files": len(outputs),
                    "pages": sum(1 for u in outputs if u.endswith(".md")),
                }
            )
        )
    elif mode == "write":  # what `generate` does, reporting which files it wrote
        catalogue = load_catalogue(data)
        outputs, _ = build_outputs(catalogue)
        report = write_tree(docs, outputs, SECTIONS)
        print(json.dumps({"written": report.written, "removed": report.removed, "unchanged": report.unchanged}))
    elif mode == "floor":  # the least any generator could do: parse every data file, write every output
        import yaml

        from generator.output.write import atomic_write

        outputs, _ = build_outputs(load_catalogue(data))  # not timed: only the bytes are needed
        gc.disable()
        t0 = time.perf_counter()
        for path in sorted(data.rglob("*.yaml")):
            with path.open("rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
        t1 = time.perf_counter()
        for rel, content in sorted(outputs.items()):
            atomic_write(docs / rel, content)
        t2 = time.perf_counter()
        print(json.dumps({"parse": t1 - t0, "write": t2 - t1, "floor": t2 - t0, "files": len(outputs)}))
    else:
        raise SystemExit(f"unknown child mode {mode}")


# The synthetic project ---------------------------------------------------------------------------------


def synthetic_project(root: Path, n: int, seed: int | None) -> Run:
    """``root/data`` from synth, ``root/docs`` minimal, ``root/mkdocs.yml`` derived from the real one."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    made = run(
        [
            PYTHON,
            str(REPO / "scripts" / "synth.py"),
            "--devices",
            str(n),
            "--out",
            str(root / "data"),
            *(["--seed", str(seed)] if seed is not None else []),
        ],
        cwd=REPO,
    )
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# Lens Lineage (synthetic)\n\nA benchmark site of invented devices: see [the devices](devices/index.md).\n",
        encoding="utf-8",
    )
    real_docs = REPO / "docs"
    for path in real_docs.rglob("*"):  # styles, scripts and images
        rel = path.relative_to(real_docs)
        if path.is_file() and path.suffix != ".md" and rel.parts[0] not in _SECTIONS:
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / rel)
    (root / "mkdocs.yml").write_text(_mkdocs_config(docs), encoding="utf-8")
    return made


_SECTIONS = ("devices", "companies", "partnerships", "sensors", "sources", "compare", "figures", "data")


def _mkdocs_config(docs: Path) -> str:
    """The real mkdocs.yml with absolute paths to the real hook and overrides, and nav reduced to
    pages the synthetic site has (hand-written pages that are not in the minimal docs are dropped)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    sys.path.insert(0, str(REPO))
    from generator.site.generated import is_generated

    with open(REPO / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())  # resolves !ENV as MkDocs does

    def keep(path: str) -> bool:
        real = REPO / "docs" / path
        return (docs / path).exists() or not real.exists() or is_generated(real)

    def prune(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, str):
                if keep(item):
                    out.append(item)
            elif isinstance(item, dict):
                ((title, value),) = item.items()
                if isinstance(value, list):
                    value = prune(value)
                    if value:
                        out.append({title: value})
                elif keep(value):
                    out.append({title: value})
        return out

    config["nav"] = prune(config.get("nav", []))
    config["hooks"] = [str((REPO / h).resolve()) for h in config.get("hooks", [])]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((REPO / theme["custom_dir"]).resolve())
    config.pop("watch", None)
    config["site_url"] = "http://127.0.0.1:8000/"
    return str(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))


# One-device edit ------------------------------------------------------------------------------------------


def pick_device(data: Path, pool: int, seed: int | None) -> tuple[str, str]:
    """A device among the first ``pool`` that synth makes (so the same one at every N), with a partnership
    and a sensor page, whose name is no part of another device's name (so "pages showing it" is exact)."""
    import yaml

    sys.path.insert(0, str(REPO))
    from scripts.synth import DEFAULT_SEED, make

    made = [
        (rel.removeprefix("devices/").removesuffix(".yaml"), doc)
        for rel, doc in make(pool, DEFAULT_SEED if seed is None else seed).items()
        if rel.startswith("devices/")
    ]
    names = [yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (data / "devices").glob("*.yaml")]
    for device_id, doc in made[pool // 2 :] + made[: pool // 2]:
        name = doc["name"]
        if (
            doc.get("partnership")
            and doc.get("main_camera", {}).get("sensor_id")
            and re.fullmatch(r"[A-Za-z0-9 ]+", name)
            and sum(name in other for other in names) == 1
        ):
            return device_id, name
    raise SystemExit("no device fits")


def rename(data: Path, device_id: str, old: str, new: str) -> None:
    path = data / "devices" / f"{device_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"\nname: {old}\n" in text, path
    path.write_text(text.replace(f"\nname: {old}\n", f"\nname: {new}\n", 1), encoding="utf-8")


def showing(folder: Path, device_id: str, name: str) -> tuple[set[str], set[str]]:
    """Files of ``folder`` that show the device (its name beside its id or a link to it: these must change
    when it is renamed), and those that mention its name or its id at all (these may change)."""
    id_pattern = re.compile(rf"(?<![a-z0-9-]){re.escape(device_id)}(?![a-z0-9-])")
    must, may = set(), set()
    for path in folder.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            text = path.read_text(encoding="utf-8", errors="replace")
            rel = path.relative_to(folder).as_posix()
            named, linked = name in text, bool(id_pattern.search(text))
            if named and linked:
                must.add(rel)
            if named or linked:
                may.add(rel)
    return must, may


# Serve latency ------------------------------------------------------------------------------------------


def real_site_copy(work: Path) -> tuple[Path, Path]:
    """A copy of the real site to serve and edit, and the device file the edits change."""
    project = work / "serve"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in ("docs", "data", "overrides", "generator"):  # generator/: mkdocs.yml watches its templates
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__", ".generated"))
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return project, sorted((project / "data/devices").glob("*.yaml"))[0]


def synthetic_site_copy(work: Path, n: int, device_id: str) -> tuple[Path, Path]:
    """The synthetic project of N devices (see ``synthetic_project``) copied to serve, watching data/."""
    project = work / f"serve-{n}"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(work / f"n{n}" / "data", project / "data")
    shutil.copytree(work / f"n{n}" / "docs", project / "docs")
    config = (work / f"n{n}" / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "watch:\n- data\n", encoding="utf-8")
    return project, project / "data" / "devices" / f"{device_id}.yaml"


POLLING = 0.5
"""How often MkDocs' live-reload server looks for changed files (LiveReloadServer's polling_interval)."""
BUILD_DELAY = 0.1
"""How long MkDocs' live-reload server waits, once a poll noticed a change, before it builds (its build_delay)."""
LIVERELOAD = re.compile(r"livereload\((\d+(?:\.\d+)?), (\d+)\);")
"""The call MkDocs' live-reload script ends with in every page it serves: the site's epoch, the page's id."""


@dataclass
class Served:
    """The saves timed on one site under ``mkdocs serve`` (see :func:`serve_latency`)."""

    latencies: list[float]
    """Seconds from each save to the browser showing it."""
    in_place: int
    """How many of the saves were built in place."""
    builds: list[float]
    """Seconds each save built in place took, as the server's log says (from the build's start to the last
    page written: without the wait for MkDocs' poll, its 0.1 s delay and the browser's reload)."""
    ahead: list[float] = field(default_factory=list)
    """Seconds of each of those saves' reading and rendering begun before the build, while MkDocs waited
    its 0.1 s (0 when none was)."""

    def work(self) -> list[float]:
        """Each save's seconds of work: begun ahead and built."""
        return [b + a for b, a in zip(self.builds, self.ahead, strict=True)]


BUILT_IN_PLACE = re.compile(
    r"only what the data save changed, in (\d+\.\d+) s(?:; (\d+\.\d+) s of reading and rendering begun ahead)?\)"
)
"""The server's log line of a save built in place: the build's seconds, and those of the work begun
before it (generator/serve/head_start.py), if any."""


def serve_latency(project: Path, device: Path, edits: int = 5, label: str = "") -> Served:
    """Seconds from saving a data file to a browser showing the device's page with ``mkdocs serve`` (as ``make
    serve`` runs it: ``--dirty``): the page's live-reload script asks the server for a newer epoch (a
    request the server holds until a rebuild has finished), and the browser then loads the page again. Also
    how many of the saves were built in place (only the pages the data save changed).

    MkDocs notices a save at its next poll (every ``POLLING`` s, on a fixed schedule: see
    generator/serve/watching.py), so the wait depends on when in that interval the save falls: up to
    ``POLLING`` s, which is most of a save's time on a small site. The saves after the first are made at
    evenly spaced points of the interval, as an editor's fall on average: the poll that noticed a save built
    in place is found from the server's log (the build's seconds, and those begun ahead or MkDocs' delay
    before them, counted back from when the browser was told), and the next save is made a whole number of
    intervals after it, plus its point. Without that, a fixed pause made every save of a site fall at about
    the same point, which one site's build time and another's polls (each of which took longer at size)
    decided: in one run the real site waited 0.25 to 0.34 s a save, the 5,000-device site 0.63 to 0.70 s in
    three saves of five. The first save falls where it falls, 2 s after the server started."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    found = re.search(r"^name: (.+)$", device.read_text(encoding="utf-8"), re.M)
    assert found
    name = found.group(1)
    url = f"http://127.0.0.1:{port}/devices/{device.stem}/"
    log_path = project / "serve.log"
    log = log_path.open("w")
    settle()
    server = subprocess.Popen(
        [MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    latencies = []
    try:
        deadline = time.monotonic() + 1800
        while name not in page() or "Serving on" not in log_path.read_text():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("mkdocs serve did not start:\n" + log_path.read_text())
            time.sleep(0.5)
        time.sleep(2)
        original = device.read_text(encoding="utf-8")
        for i in range(edits):
            marker = f"{name} edit{i}"
            shown = LIVERELOAD.search(page())
            assert shown, "the served page has no live-reload script"
            epoch, request = shown.groups()
            start = time.perf_counter()
            device.write_text(original.replace(f"name: {name}\n", f"name: {marker}\n", 1), encoding="utf-8")
            while True:  # as the page's script does: wait for a newer epoch, then load the page again
                poll = f"http://127.0.0.1:{port}/livereload/{epoch}/{request}"
                with urllib.request.urlopen(poll, timeout=120) as response:
                    newer = response.read().decode().strip()
                told = time.perf_counter()
                if float(newer) > float(epoch):
                    if f"{marker}<" in page():
                        break
                    epoch = newer
                if time.perf_counter() - start > 600:
                    raise SystemExit("the edit never showed:\n" + log_path.read_text())
            latencies.append(time.perf_counter() - start)
            print(f"[serve {label}] edit {i}: {latencies[-1]:.2f} s", file=sys.stderr)
            # The next save's point in the poll (see the docstring): the last of the four is the one just after
            # a poll, so that they are spaced over the interval.
            point = POLLING * (1 - (i + 0.5) / (edits - 1)) if edits > 1 else 0.0
            built = BUILT_IN_PLACE.findall(log_path.read_text())
            if len(built) == i + 1 and point > 0:
                seconds, ahead = float(built[-1][0]), float(built[-1][1] or 0)
                noticed = told - seconds - max(ahead, BUILD_DELAY)
                intervals = -(-(time.perf_counter() + 1.5 - noticed) // POLLING)  # (rounded up)
                time.sleep(max(0.0, noticed + intervals * POLLING + point - time.perf_counter()))
            else:  # (not built in place: where the poll was is not known)
                time.sleep(1.5 + POLLING * (i + 1) / edits)
        device.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    served = log_path.read_text()
    in_place = served.count("Building the pages a data save changed...")
    found = BUILT_IN_PLACE.findall(served)
    return Served(latencies, in_place, [float(b) for b, _ in found], [float(a or 0) for _, a in found])


# The benchmark -------------------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    counts: str = ""
    synth: float = 0.0
    gen: Run | None = None
    stages: dict[str, Any] = field(default_factory=dict)
    rerun_written: int = -1
    edit_written: list[str] = field(default_factory=list)
    edit_expected: set[str] = field(default_factory=set)
    edit_must: set[str] = field(default_factory=set)
    edit_device: str = ""
    build: Run | None = None
    device_html: int = 0
    search_index: int = 0
    search_index_gz: int = 0
    site_pages: int = 0
    floor: dict[str, Any] = field(default_factory=dict)


SETTLE_S = 15
"""Pause after flushing the disk, before each timed run. On this machine creating files right after
thousands were written costs up to twice the kernel time it costs a few seconds later; the pause keeps
one step's (or run's) writes from being billed to the next."""


def settle() -> None:
    os.sync()
    time.sleep(SETTLE_S)


def bench_one(n: int, work: Path, made: Run, mkdocs: bool, device_pool: int, seed: int | None) -> Result:
    root = work / f"n{n}"
    res = Result(n)
    res.synth, res.counts = made.wall, made.stdout.strip()
    data, gen = root / "data", root / "generated"
    print(f"[N={n}] {res.counts}", file=sys.stderr)

    # Cold runs, each into an empty folder after the disk has settled (see SETTLE_S); the median of
    # three. Their folders stay until the end: for 1 to 5 minutes after files are deleted, ext4 skips
    # their inodes when it allocates new ones (recently_deleted() in its allocator), and creating the
    # next thousands of files cost up to 4 times the kernel time.
    cold = []
    for attempt in range(3):
        settle()
        cold.append(generator_cli("generate", "--data", str(data), "--docs", str(root / f"cold-{attempt}")))
    res.gen = sorted(cold, key=lambda r: r.wall)[1]
    print(
        f"[N={n}] generate: {res.gen.stdout.strip()} in {res.gen.wall:.2f} s "
        f"({', '.join(f'{r.wall:.2f}' for r in cold)})",
        file=sys.stderr,
    )
    settle()
    res.floor = child("floor", str(data), str(root / "floor"))
    print(f"[N={n}] floor: parse {res.floor['parse']:.2f} s + write {res.floor['write']:.2f} s", file=sys.stderr)
    generator_cli("generate", "--data", str(data), "--docs", str(gen))
    again = generator_cli("generate", "--data", str(data), "--docs", str(gen))
    match = SUMMARY.search(again.stdout)
    res.rerun_written = int(match.group(2)) if match else -1
    res.stages = child("stages", str(data), str(gen))

    device_id, name = pick_device(data, device_pool, seed)
    res.edit_device = device_id
    res.edit_must, res.edit_expected = showing(gen, device_id, name)
    res.edit_expected.add(f"devices/{device_id}.md")
    rename(data, device_id, name, f"{name} Edited")
    res.edit_written = child("write", str(data), str(gen))["written"]
    rename(data, device_id, f"{name} Edited", name)
    child("write", str(data), str(gen))  # back as it was, for the build

    if mkdocs:
        site = root / "site"
        settle()
        res.build = run([MKDOCS, "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)], cwd=root)
        print(f"[N={n}] mkdocs build in {res.build.wall:.1f} s", file=sys.stderr)
        page = site / "devices" / device_id / "index.html"
        res.device_html = page.stat().st_size if page.exists() else 0
        index = site / "search" / "search_index.json"
        res.search_index = index.stat().st_size if index.exists() else 0
        res.search_index_gz = len(gzip.compress(index.read_bytes())) if index.exists() else 0
        res.site_pages = sum(1 for _ in site.rglob("index.html"))
    return res


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; load average {load:.1f} at the start"
    )


def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def in_memory(r: Result) -> float:
    return float(sum(r.stages[k] for k in ("load", "plan", "render")))


def table(results: list[Result], serve: dict[str, Served], env: str) -> str:
    cols = [f"N = {r.n:,}" for r in results]
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cells: list[str]) -> None:
        rows.append((label, cells))

    row("Synthetic data", [r.counts.replace("Wrote ", "").split(" to ")[0] for r in results])
    row("Generator wall time (`generate`, cold, median of 3)", [fmt_s(r.gen.wall) for r in results if r.gen])
    row(
        "… per generated file",
        [f"{r.gen.wall / max(1, r.stages['files']) * 1000:.2f} ms" for r in results if r.gen],
    )
    row("… CPU time: user + system (system)", [f"{fmt_s(r.gen.cpu)} ({fmt_s(r.gen.system)})" for r in results if r.gen])
    row(
        "… in memory, in one process (as in `mkdocs serve`): load / plan / render",
        [f"{r.stages['load']:.2f} / {r.stages['plan']:.2f} / {r.stages['render']:.2f} s" for r in results],
    )
    row(
        "Floor: parse every data file (PyYAML's C loader) and write every output atomically, one process",
        [
            f"{r.floor['parse']:.2f} + {r.floor['write']:.2f} = {fmt_s(r.floor['floor'])}" if r.floor else "–"
            for r in results
        ],
    )
    row(
        "`generate` ÷ floor (goal at 5,000: ≤ 2)",
        [f"{r.gen.wall / r.floor['floor']:.2f}" if r.floor and r.gen else "–" for r in results],
    )
    row("Generator peak memory (RSS)", [f"{r.gen.max_rss_mb:.0f} MB" for r in results if r.gen])
    row("Files written by a second run, nothing changed", [str(r.rerun_written) for r in results])
    row(
        "Files written after renaming one device",
        [
            f"{len(r.edit_written)} ({'exactly the pages showing it' if exact else 'MISMATCH'})"
            for r in results
            for exact in [r.edit_must <= set(r.edit_written) <= r.edit_expected]
        ],
    )
    if any(r.build for r in results):
        row("`mkdocs build` wall time", [fmt_s(r.build.wall) if r.build else "–" for r in results])
        row(
            "… CPU time: user + system (system)",
            [f"{fmt_s(r.build.cpu)} ({fmt_s(r.build.system)})" if r.build else "–" for r in results],
        )
        row(
            "`mkdocs build` peak memory (RSS)",
            [f"{r.build.max_rss_mb:.0f} MB" if r.build else "–" for r in results],
        )
        row(
            "Generator ÷ `mkdocs build`: wall (CPU)",
            [
                f"{r.gen.wall / r.build.wall:.1%} ({r.gen.cpu / r.build.cpu:.1%})" if r.build and r.gen else "–"
                for r in results
            ],
        )
        row(
            "… the hook's in-memory work (load, plan, render in one process) ÷ `mkdocs build` wall",
            [f"{in_memory(r) / r.build.wall:.1%}" if r.build else "–" for r in results],
        )
        row("HTML pages built", [f"{r.site_pages:,}" if r.build else "–" for r in results])
        row("HTML of one device page", [f"{r.device_html / 1000:.1f} kB" if r.build else "–" for r in results])
        row(
            "Search index (`search_index.json`)",
            [
                f"{r.search_index / 1e6:.2f} MB ({r.search_index_gz / 1e6:.2f} MB gzipped)" if r.build else "–"
                for r in results
            ],
        )
    lines = ["| | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    notes = []
    first, last = results[0], results[-1]
    if len(results) > 1 and first.gen and last.gen:
        notes.append(
            f"Growth: t({last.n:,}) ÷ t({first.n:,}) = {last.gen.wall / first.gen.wall:.1f} for "
            f"{last.n / first.n:.0f}× the devices (in-memory work: "
            f"{in_memory(last) / in_memory(first):.1f})."
        )
    if serve:
        real = serve.get("real")
        parts = []
        for label, served in serve.items():
            median = statistics.median(served.latencies)
            build = statistics.median(served.builds) if served.builds else float("nan")
            ahead = statistics.median(served.ahead) if served.ahead else float("nan")
            ratio = ""
            if real and label != "real":
                ratio = f", {median / statistics.median(real.latencies):.2f}× the real site's"
                if real.builds:
                    work = statistics.median(served.work()) / statistics.median(real.work())
                    ratio += f" (its work alone, begun ahead and built: {work:.1f}×)"
            where = "the real site" if label == "real" else f"N = {int(label):,}"
            parts.append(
                f"{where}: median {median:.2f} s, worst {max(served.latencies):.2f} s over "
                f"{len(served.latencies)} edits ({served.in_place} built in place, in a median "
                f"{build:.2f} s after {ahead:.2f} s begun ahead){ratio}"
            )
        notes.append(
            "`make serve` (`mkdocs serve --dirty`), a device renamed in its data file → a browser on the "
            "device's page shows the new name (live reload, as the page's script does it): "
            + "; ".join(parts)
            + ". Goals: N = 500 ≤ 1.5×, N = 5,000 ≤ 2× the real site's (each figure holds MkDocs' 0.5 s "
            "file polling and 0.1 s build delay)."
        )
    end_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    notes.append(f"Machine: {env}, {end_load:.1f} at the end.")
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,1000,5000", help="Comma-separated numbers of devices.")
    parser.add_argument(
        "--mkdocs-sizes", default=None, help="Sizes to run `mkdocs build` for (default: all of --sizes)."
    )
    parser.add_argument("--seed", type=int, default=None, help="Seed for synth (default: its own).")
    parser.add_argument("--work", type=Path, default=None, help="Working folder (default: a temporary one).")
    parser.add_argument("--no-serve", action="store_true", help="Skip the `mkdocs serve` latency.")
    parser.add_argument(
        "--serve-sizes",
        default="500,5000",
        help="Synthetic sizes to time `mkdocs serve` on, beside the real site (those of --sizes).",
    )
    parser.add_argument("--markdown", type=Path, default=None, help="Also write the table to this file.")
    parser.add_argument("--keep", action="store_true", help="Keep the working folder.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1:])
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    mkdocs_sizes = {int(s) for s in args.mkdocs_sizes.split(",") if s} if args.mkdocs_sizes is not None else set(sizes)
    serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s}
    env = machine()
    work = args.work or Path(tempfile.mkdtemp(prefix="lens-lineage-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        # All the synthetic data first: writing it is not part of what is measured.
        made = {n: synthetic_project(work / f"n{n}", n, args.seed) for n in sizes}
        results = [bench_one(n, work, made[n], n in mkdocs_sizes, min(sizes), args.seed) for n in sizes]
        serve: dict[str, Served] = {}
        if not args.no_serve:
            # Side by side in one run: the real site, then each synthetic size (the same device at every N).
            serve["real"] = serve_latency(*real_site_copy(work), label="real site")
            for r in results:
                if r.n in serve_sizes:
                    serve[str(r.n)] = serve_latency(*synthetic_site_copy(work, r.n, r.edit_device), label=f"N={r.n}")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    for r in results:
        extra = sorted(set(r.edit_written) - r.edit_expected)
        missing = sorted(r.edit_must - set(r.edit_written))
        print(
            f"N = {r.n:,}: renaming devices/{r.edit_device} wrote {len(r.edit_written)} files: "
            f"{', '.join(r.edit_written)}"
            + (f"; NOT showing the device: {extra}" if extra else "")
            + (f"; showing it but NOT rewritten: {missing}" if missing else "")
        )
    print()
    text = table(results, serve, env)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
