"""Hostile text in the data renders as literal text, escaped, in every page and figure it reaches.

Two real sites are built with ``mkdocs build --strict``: one whose data holds hostile strings (HTML, scripts,
Markdown link and image syntax, Jinja, front-matter fences, table pipes, very long unbroken strings...) in
every free-text field, and a twin whose data holds, in the same places, a plain word string of the same
shape. Then, page by page:

- the two pages have the same elements and attributes, in the same numbers: nothing was injected;
- each hostile string appears as literal text exactly as often as its twin does: it reaches every place
  the plain string reaches, and shows there as the text it is;
- no script, event handler, ``javascript:``/``data:`` link or image comes from the data; ``<title>`` and
  the meta description hold the text, escaped.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow

HOSTILE = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(2)></iframe>",
    "[click](javascript:alert(3))",
    "![img](https://evil.example/x.png)",
    "<https://evil.example/autolink>",
    "[1]: https://evil.example/reference",
    "{{ 7*7 }} {{ config.site_name }}",
    "{% if true %}jinja{% endif %} {# comment #}",
    "---\ntitle: pwned\n---",
    "| a | b |\n|---|---|\n| c | d |",
    '!!! warning "admonition"',
    "<!-- unclosed comment",
    "&lt;b&gt; &amp;amp; &#x3C;i&#x3E;",
    "# heading",
    "- list item",
    "1. numbered item",
    "> quoted",
    "**bold** _em_ `code` ~~strike~~",
    '{: .cls onclick="alert(4)" }',
    "[^1] footnote",
    "</td></tr></table></div></article>",
    "```\nfenced code\n```",
    "    indented code",
    "\\ backslashes \\",
    "<style>body{display:none}</style>",
    "*[HTML]: abbreviation",
    '<div markdown="1">*md in html*</div>',
    "javascript:void(0)//bare",
    "=== setext\n===",
    "w" * 200,
    "u" * 2000,  # a paragraph of one unbroken word (story text holds up to 2,000 characters)
]
"""Every string goes into every free-text field it fits (names and short text hold 200 characters)."""


def shown(text: str) -> str:
    """How a string reads on the page: on one line (pages show data text without its line breaks)."""
    return " ".join(text.split())


def twin(i: int, text: str) -> str:
    """A plain string with the hostile one's words and lengths (so that layout and wrapping match)."""
    letters = iter(f"q{i:02d}" + "z" * len(text))
    return "".join(" " if c == " " else next(letters) for c in shown(text))


BENIGN = [twin(i, h) for i, h in enumerate(HOSTILE)]


# The data ---------------------------------------------------------------------------------------


def q(text: str, limit: int = 200) -> str:
    return json.dumps(text[:limit])


def fact(text: str, source: str, limit: int = 200) -> str:
    return f"{{value: {q(text, limit)}, sources: [{source}], note: {q(text)}}}"


def write_site_data(data: Path, strings: list[str]) -> None:
    for kind in ("devices", "companies", "partnerships", "sensors"):
        (data / kind).mkdir(parents=True)
    (data / "sources.yaml").write_text(
        "sources:\n"
        + "".join(
            f"  - {{id: s{i}, title: {q(s)}, publisher: {q(s)}, seen: [title], url: 'https://example.com/{i}?q=<x>&y=\"'}}\n"
            for i, s in enumerate(strings)
        ),
        encoding="utf-8",
    )

    def story(*indexes: int) -> str:
        return "[" + ", ".join(fact(strings[i], f"s{i}", 2000) for i in indexes) + "]"

    n = len(strings)
    companies = {
        "acme": f"name: {q('Acme ' + strings[0])}\nroles: [phone-maker]\n"
        f"legal_name: {fact(strings[1], 's1')}\nheadquarters: {fact(strings[2], 's2')}\n"
        f"founded: {{value: 1950, sources: [s3]}}\n"
        f"story: {story(*range(n))}\n",
        "optica": f"name: {q('Optica ' + strings[3])}\nroles: [camera-brand]\nstory: {story(4, 5)}\n",
        "sensorco": f"name: {q(strings[6])}\nroles: [sensor-maker]\n",
    }
    for cid, text in companies.items():
        (data / "companies" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    (data / "partnerships" / "optica-acme.yaml").write_text(
        f"brand: optica\nmaker: acme\nstarted: {{value: 2009, sources: [s7]}}\nstory: {story(*range(n))}\n",
        encoding="utf-8",
    )
    (data / "sensors" / "imx.yaml").write_text(
        f"name: {q(strings[8])}\nmaker: sensorco\nformat: {fact(strings[9], 's9')}\n"
        f"size: {{value: {{width_mm: 13.2, height_mm: 8.8}}, sources: [s9]}}\nstory: {story(*range(n))}\n",
        encoding="utf-8",
    )
    for i, s in enumerate(strings):
        src = f"s{i}"
        (data / "devices" / f"d{i:02d}.yaml").write_text(
            f"""\
name: {q(s)}
maker: acme
kind: {{value: phone, sources: [{src}], note: {q(s)}}}
partnership: optica-acme
aliases: [{q(s)}, {q(s)}]
model_number: {fact(s, src)}
announced: {{value: {2010 + i // 12}-{i % 12 + 1:02d}, sources: [{src}]}}
prices: [{{value: {{amount: {100 + i}, currency: EUR}}, sources: [{src}], note: {q(s)}}}]
main_camera:
  sensor: {fact(s, src)}
  sensor_id: imx
  format: {fact(s, src)}
  lens: {fact(s, src)}
  size: {{value: {{width_mm: {5 + i / 10}, height_mm: 4}}, sources: [{src}], note: {q(s)}}}
other_cameras: [{fact(s, src)}]
features: [{fact(s, src)}]
platform:
  chipset: {fact(s, src)}
  os: {fact(s, src)}
  display: {fact(s, src)}
story: [{fact(s, src, 2000)}, {{value: {q(s, 2000)}}}]
""",
            encoding="utf-8",
        )


def copy_site(root: Path) -> Path:
    """A copy of the site's sources beside ``root/data``: the generator, theme overrides and config, with a
    home page only (the real hand-written pages link to the real data's pages, which are not here)."""
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    if (REPO / "overrides").is_dir():
        shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs" / "stylesheets", root / "docs" / "stylesheets")
    shutil.copytree(REPO / "docs" / "javascripts", root / "docs" / "javascripts")
    (root / "docs" / "index.md").write_text("# Home\n\nA site built from test data.\n")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^nav:\n.*?(?=^\S)", "", config)  # the navigation names hand-written pages
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def build_site(project: Path) -> subprocess.Popen[str]:
    """``mkdocs build --strict`` of a copy made by :func:`copy_site`, into ``project/site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    command = [str(REPO / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(project / "site")]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def build_both(root: Path) -> tuple[Path, Path]:
    """The hostile site and its plain twin, built side by side under ``root``."""
    assert all(a == b or a not in b for a in HOSTILE for b in HOSTILE), "no string may hold another"
    builds = []
    for name, strings in (("hostile", HOSTILE), ("benign", BENIGN)):
        project = root / name
        write_site_data(project / "data", strings)
        builds.append((project, build_site(copy_site(project))))
    for _, build in builds:
        log, _ = build.communicate(timeout=600)
        assert build.returncode == 0, log
        assert "WARNING" not in log, log
    return builds[0][0] / "site", builds[1][0] / "site"


@pytest.fixture(scope="module")
def sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Both sites, built once per test run: with pytest-xdist, the first worker builds them in the run's
    shared temporary folder and the others wait for it, then read the same files."""
    if not hasattr(request.config, "workerinput"):
        return build_both(tmp_path_factory.mktemp("sites"))
    shared = tmp_path_factory.getbasetemp().parent / "hostile-text-sites"
    shared.mkdir(exist_ok=True)
    with (shared / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            build_both(shared)
            (shared / "built").write_text("")
    return shared / "hostile" / "site", shared / "benign" / "site"


# Reading the HTML -------------------------------------------------------------------------------

VOID = {"meta", "link", "img", "br", "hr", "input", "source", "path", "rect", "line", "circle", "use"}
"""Elements without an end tag (or, in SVG, usually written without one)."""


class Parsed(HTMLParser):
    """Elements, attributes and text of one page, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.texts: list[str] = []
        """Every text node, entities decoded: a string rendered as text is whole inside one of them."""
        self.scripts: list[str] = []
        self.json: list[tuple[str, str]] = []
        """The text of every ``<script type="application/json">`` (data for the page's own script)."""
        self.title = ""
        self._json_open: str | None = None
        self.metas: dict[str, str] = {}
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[tag, tuple(sorted(name for name, _ in attrs))] += 1
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        values = dict(attrs)
        if tag == "meta" and (key := values.get("name") or values.get("property")):
            self.metas[key] = values.get("content") or ""
        if tag not in VOID:
            self._stack.append(tag)
        json_script = tag == "script" and values.get("type") == "application/json"
        self._json_open = (values.get("id") or "") if json_script else None

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._json_open is not None and self._stack and self._stack[-1] == "script":
            self.json.append((self._json_open, data))  # data, not text (test_embedded_json_holds_...)
            return
        self.texts.append(data)
        if self._stack and self._stack[-1] == "script":
            self.scripts.append(data)
        if self._stack and self._stack[-1] == "title" and "svg" not in self._stack:
            self.title += data

    def count(self, text: str) -> int:
        return sum(node.count(text) for node in self.texts)


@functools.cache
def parse(path: Path) -> Parsed:
    page = Parsed()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# The tests --------------------------------------------------------------------------------------


def test_every_page_has_its_twins_elements_and_attributes(sites: tuple[Path, Path]) -> None:
    hostile, benign = sites
    assert pages(hostile) == pages(benign)
    assert len(pages(hostile)) > len(HOSTILE)
    for rel in pages(hostile):
        extra = parse(hostile / rel).elements - parse(benign / rel).elements
        missing = parse(benign / rel).elements - parse(hostile / rel).elements
        assert not extra and not missing, (rel, dict(extra), dict(missing))


def test_every_string_shows_as_literal_text_wherever_its_twin_does(sites: tuple[Path, Path]) -> None:
    hostile, benign = sites
    reached: Counter[str] = Counter()
    for rel in pages(hostile):
        h, b = parse(hostile / rel), parse(benign / rel)
        for text, plain in zip(HOSTILE, BENIGN, strict=True):
            assert h.count(shown(text)) == b.count(plain), (rel, text)
            reached[text] += b.count(plain)
    # each string reached its device's page, heading included, and many other places (a string longer
    # than a name can be only in the stories: a device's, its maker's, its partnership's, its sensor's)
    assert all(reached[text] >= (4 if len(text) > 200 else 10) for text in HOSTILE), reached


def test_devices_title_and_meta_description_hold_the_escaped_text(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    for i, text in enumerate(HOSTILE):
        page = parse(hostile / f"devices/d{i:02d}/index.html")
        name = shown(text)[:200]
        assert page.title == f"{name} - Lens Lineage"
        assert page.metas["description"].startswith(f"{name}: phone by Acme {shown(HOSTILE[0])} with Optica ")
        assert sum(node.count(name) for node in page.texts) >= 10


def test_no_script_handler_link_or_image_comes_from_the_data(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    for rel in pages(hostile):
        page = parse(hostile / rel)
        assert not [s for s in page.scripts if "alert" in s], rel
        for tag, name, value in page.attributes:
            assert not name.startswith("on"), (rel, tag, name)
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (rel, tag, value)
                assert "evil.example" not in value, (rel, tag, value)
        assert ("iframe", ()) not in page.elements and not any(t == "iframe" for t, _ in page.elements), rel
        assert not any(t == "style" for t, _ in page.elements), rel  # Material inlines no <style>


def test_sources_keep_their_address_and_text(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    page = parse(hostile / "devices/d00/index.html")
    hrefs = {value for tag, name, value in page.attributes if tag == "a" and name == "href"}
    assert "https://example.com/0?q=%3Cx%3E&y=%22" in hrefs
    assert page.count(shown(HOSTILE[0])) >= 10


def test_search_index_and_tags_hold_only_escaped_text(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    index = json.loads((hostile / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for value in (doc["title"], doc["text"], *doc.get("tags", [])):
            assert not re.search(r"<(script|img|svg|iframe|style)\b", value, re.I), doc["location"]


def test_figures_show_the_names_as_text(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    figures = [rel for rel in pages(hostile) if rel.startswith("figures/")]
    if not figures:
        pytest.skip("no figure pages in this build")
    svg_texts = "".join("".join(parse(hostile / rel).texts) for rel in figures)
    assert shown(HOSTILE[0]) in svg_texts and shown(HOSTILE[1]) in svg_texts


def test_open_graph_and_twitter_cards_hold_the_text(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    for i, text in enumerate(HOSTILE):
        page = parse(hostile / f"devices/d{i:02d}/index.html")
        for key in ("og:title", "twitter:title"):
            assert page.metas[key] == shown(text)[:200], (i, key)
        assert page.metas["og:description"] == page.metas["description"]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_embedded_json_holds_the_strings_as_data(sites: tuple[Path, Path]) -> None:
    """The data /compare/ and /devices/ embed for their scripts: one element each, that the HTML parser
    ends where the generator ended it (no string closed it early), holding JSON that reads back to the
    same strings as the twin's, with no "<" or ">" left for an HTML parser to see."""
    hostile, benign = sites
    for rel, element in (("compare/index.html", "ll-compare-data"), ("devices/index.html", "ll-finder-data")):
        h, b = parse(hostile / rel), parse(benign / rel)
        ours = [text for name, text in h.json if name == element]
        theirs = [text for name, text in b.json if name == element]
        assert len(ours) == len(theirs) == 1, rel
        raw = ours[0]
        assert "<" not in raw and ">" not in raw and "&" not in raw, rel
        found, twins = _strings(json.loads(raw)), _strings(json.loads(theirs[0]))
        for text, plain in zip(HOSTILE, BENIGN, strict=True):
            want = shown(text)[:200]
            assert sum(s.count(want) for s in found) == sum(s.count(shown(plain)[:200]) for s in twins), (rel, text)
        assert sum(s.count(shown(HOSTILE[0])) for s in found) >= 1, rel


def test_the_comparisons_values_file_holds_the_strings_as_data(sites: tuple[Path, Path]) -> None:
    """compare/devices.json, which /compare/'s script fetches, reads back to the same strings as the twin's:
    each hostile text as often as its benign twin, the script then shows them with textContent."""
    hostile, benign = sites
    found = _strings(json.loads((hostile / "compare/devices.json").read_text(encoding="utf-8")))
    twins = _strings(json.loads((benign / "compare/devices.json").read_text(encoding="utf-8")))
    for text, plain in zip(HOSTILE, BENIGN, strict=True):
        assert sum(s.count(shown(text)[:200]) for s in found) == sum(s.count(shown(plain)[:200]) for s in twins), text
    assert sum(s.count(shown(HOSTILE[0])) for s in found) >= 1
