"""Publishing: the same pages built by Zensical as by MkDocs, and the GitHub Pages workflow.

Zensical (the Material team's successor engine) reads mkdocs.yml but runs no hooks and no
third-party plugins, so it builds from the pages that ``python -m generator generate`` wrote into
docs/. The README (“Open data, schemas and publishing”) lists what it does differently; the
differences asserted here are that list.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, copy_project

BIN = Path(sys.executable).parent
SITE_URL = "https://example.org/lens-lineage/"

KNOWN_DIFFERENCES = {
    # file only one engine writes: why
    "search/search_index.json": "MkDocs' search plugin index; Zensical has its own search (search.json)",
    "search.json": "Zensical's search index",
    "sitemap.xml.gz": "MkDocs also writes a gzipped sitemap; Zensical writes sitemap.xml only",
}
"""Files (other than theme assets) that only one engine writes. Every HTML page must be in both."""

IGNORED = ("assets/",)
"""Theme bundles: each engine ships its own, under hashed names."""


def files(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(IGNORED)
    }


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd), "SITE_URL": SITE_URL, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A copy of the project: ``generate``, then ``zensical build`` and ``mkdocs build --strict``."""
    zensical = BIN / "zensical"
    assert zensical.is_file(), f"{zensical} is missing: Zensical is a dev dependency, run `make setup`"
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    generated = run([sys.executable, "-m", "generator", "generate"], project)
    assert generated.returncode == 0, generated.stderr
    z = run([str(zensical), "build", "--clean", "--strict"], project)
    output = re.sub(r"\x1b\[[0-9;]*m", "", z.stdout + z.stderr)
    assert z.returncode == 0 and "No issues found" in output, (
        "Zensical could not build the site (see the README's list of what it cannot do; theme overrides "
        "are rendered by MiniJinja there, which has no Python string methods):\n" + output[-4000:]
    )
    m = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(project / "mkdocs-site")], project)
    assert m.returncode == 0, m.stderr
    assert "WARNING" not in m.stderr
    return {"zensical": project / "site", "mkdocs": project / "mkdocs-site"}


@pytest.mark.slow
def test_both_engines_build_the_same_pages(built: dict[str, Path]) -> None:
    zensical, mkdocs = files(built["zensical"]), files(built["mkdocs"])
    pages = {f for f in mkdocs if f.endswith(".html")}
    assert len(pages) > 40
    assert {f for f in zensical if f.endswith(".html")} == pages
    undocumented = (zensical ^ mkdocs) - set(KNOWN_DIFFERENCES)
    assert not undocumented, f"files only one engine writes, not in the README's list: {sorted(undocumented)}"
    for page in ("index.html", "devices/xiaomi-12s-ultra/index.html", "data/index.html", "about/index.html"):
        for site in built.values():
            assert "<h1" in (site / page).read_text(encoding="utf-8"), (site, page)


@pytest.mark.slow
def test_both_serve_the_same_open_data(built: dict[str, Path]) -> None:
    for name in ("devices.json", "companies.json", "partnerships.json", "sensors.json", "sources.json", "devices.csv"):
        ours = (built["zensical"] / "data" / name).read_bytes()
        assert ours == (built["mkdocs"] / "data" / name).read_bytes(), name
        if name.endswith(".json"):
            assert json.loads(ours)["count"] > 0


@pytest.mark.slow
def test_both_take_site_url_from_configuration(built: dict[str, Path]) -> None:
    for site in built.values():
        page = (site / "devices/xiaomi-12s-ultra/index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{SITE_URL}devices/xiaomi-12s-ultra/">' in page, site
        assert f"<loc>{SITE_URL}devices/xiaomi-12s-ultra/</loc>" in (site / "sitemap.xml").read_text()


@pytest.mark.slow
def test_documented_differences_hold(built: dict[str, Path]) -> None:
    """What the README says Zensical does not do: the MkDocs hook's edit links to the data files."""
    mkdocs = (built["mkdocs"] / "devices/xiaomi-12s-ultra/index.html").read_text(encoding="utf-8")
    zensical = (built["zensical"] / "devices/xiaomi-12s-ultra/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/edit/main/data/devices/xiaomi-12s-ultra\.yaml"', mkdocs)
    assert "data/devices/xiaomi-12s-ultra.yaml" not in re.findall(r'href="([^"]*)"', zensical)


# The GitHub Pages workflow --------------------------------------------------------------------------

WORKFLOW = REPO / ".github/workflows/pages.yml"


def steps_of(job: dict) -> list[dict]:  # type: ignore[type-arg]
    return list(job["steps"])


def uses(step: dict, action: str) -> bool:  # type: ignore[type-arg]
    return str(step.get("uses", "")).split("@")[0] == action


def test_workflow_tests_builds_and_deploys_on_pushes_to_main() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = steps_of(build)
    assert uses(steps[0], "actions/checkout")
    python = next(s for s in steps if uses(s, "actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [s.get("run", "") for s in steps]
    assert "make test" in runs and "make build" in runs
    assert runs.index("make test") < runs.index("make build")  # nothing is published untested
    build_step = steps[runs.index("make build")]
    assert "vars.SITE_URL" in build_step["env"]["SITE_URL"]
    upload = next(s for s in steps if uses(s, "actions/upload-pages-artifact"))
    assert steps.index(upload) > runs.index("make build") and upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(uses(s, "actions/deploy-pages") for s in steps_of(deploy))
    assert workflow["permissions"] == {"contents": "read"}  # the build job can write nothing


def test_site_url_comes_from_the_environment() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, ", config, re.M)
