"""The real site, built strictly from the real data, as MkDocs produces it."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import generator.mkdocs_plugin as plugin
from generator.serve.search import without_search_excluded
from tests.helpers import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [str(REPO / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_device_page_shows_spec_values_with_reference_links(site: Path) -> None:
    page = html(site, "devices/panasonic-lumix-dmc-cm1")
    assert re.search(r'<h1 id="[^"]*">Panasonic Lumix DMC-CM1<a class="headerlink"', page)
    for value in ("Leica DC Elmarit", "1-inch", "20 MP", "204 g", "220 g", "Snapdragon 801"):
        assert value in page
    # An entry may list several sources, each with the value it supports when they disagree ("204 g: ...").
    refs = re.findall(r'<li><span id="ref-(\d+)"></span>(?:[^<]*: )?<a href="(https?://[^"]+)"', page)
    assert refs and [int(n) for n, _ in refs] == list(range(1, len(refs) + 1))
    assert "https://petapixel.com/2014/09/15/" in page
    marks = set(re.findall(r'href="#ref-(\d+)"', page))
    assert marks == {n for n, _ in refs}  # every mark has its reference and every reference is cited


def test_generated_pages_edit_their_data_file(site: Path) -> None:
    page = html(site, "devices/xiaomi-12s-ultra")
    assert re.search(r'href="[^"]*/edit/main/data/devices/xiaomi-12s-ultra\.yaml"', page)
    assert "data/devices/xiaomi-12s-ultra.yaml" in page  # and say where they come from


def test_every_generated_page_ends_with_its_note_as_a_paragraph_of_its_own(site: Path) -> None:
    """Not as lazy continuation of the list before it (the sources page's last source held it)."""
    pages = [p for p in site.rglob("index.html") if 'class="generated"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 26
    for page in pages:
        assert '<p><small class="generated">' in page.read_text(encoding="utf-8"), page


def test_meta_description_comes_from_the_data(site: Path) -> None:
    page = html(site, "devices/xiaomi-12s-ultra")
    assert re.search(r'<meta name="description" content="Xiaomi 12S Ultra: phone by Xiaomi[^"]*">', page)


def test_sections_have_index_pages_listing_their_entities(site: Path) -> None:
    devices = html(site, "devices")
    assert devices.count('href="xiaomi-12s-ultra/"') >= 1
    assert 'href="../../partnerships/leica-xiaomi/"' in html(site, "devices/xiaomi-12s-ultra")
    for section in ("companies", "partnerships", "sensors"):
        assert (site / section / "index.html").is_file()


def test_each_tag_on_a_device_page_leads_to_its_heading_on_the_tags_page_listing_the_device(site: Path) -> None:
    tags_page = html(site, "tags")
    # Each tag's heading, and the devices listed under it up to the next heading.
    listed = {
        anchor: set(re.findall(r'<a href="\.\./devices/([^/"]+)/">', section))
        for anchor, section in re.findall(r'<h2 id="(tag:[^"]+)">(.*?)(?=<h2 |</article>)', tags_page, re.S)
    }
    chips = 0
    for device in sorted((site / "devices").iterdir()):
        if not (device / "index.html").is_file():
            continue
        nav = re.search(
            r'<nav class="md-tags" aria-label="Tags"[^>]*>(.*?)</nav>', html(site, f"devices/{device.name}"), re.S
        )
        assert nav, device.name
        for anchor in re.findall(r'<a href="\.\./\.\./tags/#([^"]+)" class="md-tag">', nav.group(1)):
            assert device.name in listed[anchor], (device.name, anchor)
            chips += 1
    assert chips > 2 * 26  # a maker each, and most have a partner or a format
    assert listed["tag:concept"] == {"xiaomi-12s-ultra-concept"}
    assert {"xiaomi-12s-ultra", "panasonic-lumix-dmc-cm1"} <= listed["tag:1-inch"]
    # Every device under a tag is one that carries it: as many entries as chips.
    assert sum(map(len, listed.values())) == chips


def test_hand_written_pages_are_built(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "A phone that took real lenses" in home
    assert 'href="devices/panasonic-lumix-dmc-cm1/"' in home  # the home page links to the CM1's history
    assert (site / "concept" / "index.html").is_file()
    assert (site / "about" / "index.html").is_file()


def test_search_index_contains_the_devices(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for device in ("xiaomi-12s-ultra", "xiaomi-12s-ultra-concept", "panasonic-lumix-dmc-cm1"):
        assert f"devices/{device}/" in locations
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "IMX989" in text and "Elmarit" in text


def test_search_indexes_what_a_page_states_not_the_pages_it_lists(site: Path) -> None:
    """What keeps the index linear in the number of devices (see the README's Benchmark section)."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d for d in docs if d["location"].startswith("tags/")], "the tags page lists pages indexed anyway"
    assert not [d for d in docs if d["location"].endswith(("#related", "#references"))]
    device = " ".join(d["text"] for d in docs if d["location"].startswith("devices/xiaomi-12s-ultra-concept/"))
    assert "IMX989" in device and "Announced before it" not in device and "[1]" not in device
    cm1 = " ".join(d["text"] for d in docs if d["location"] == "devices/panasonic-lumix-dmc-cm1/#specifications")
    assert "204 g 220 g" in cm1, "values of one cell must stay separate words in the index"
    assert "Drawn to one scale" not in cm1 and "Drawn to one scale" in html(site, "devices/panasonic-lumix-dmc-cm1")
    # A page's tags are indexed once, on the page's own entry, not again on each of its sections.
    page = next(d for d in docs if d["location"] == "devices/panasonic-lumix-dmc-cm1/")
    assert "Panasonic" in page["tags"]
    assert not [d for d in docs if d["location"].startswith("devices/panasonic-lumix-dmc-cm1/#") and "tags" in d]
    sources = " ".join(d["text"] for d in docs if d["location"].startswith("sources/"))
    assert "Panasonic Lumix CM1" in sources, "source titles stay searchable"
    assert "Cited by" not in sources
    assert "Cited by" in html(site, "sources"), "the lists are on the page, only not in the index"


def test_no_request_leaves_the_site(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            assert (
                not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag or "alternate" in tag
            ), (path, tag)


def test_generated_pages_carry_one_mark_per_table_cell_and_sentence(site: Path) -> None:
    """Issue 13: a cell (or a sentence) backed by several sources has one mark, leading to one entry
    that lists them all; the entry names every source, and every mark leads to an entry."""
    cells = 0
    for section in ("devices", "companies", "partnerships", "sensors", "compare", "figures"):
        for path in sorted((site / section).rglob("index.html")):
            page = path.read_text(encoding="utf-8")
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S):
                marks = len(re.findall(r'href="#ref-\d+"', cell))
                assert marks <= 1, (path, cell)
                cells += marks
            assert not re.search(r"</sup>\s*<sup class=\"cite\"", page), path
            assert not re.search(r'<sup class="cite"[^>]*>(?:<a [^>]*>[^<]*</a>){2,}</sup>', page), path
            entries = dict(re.findall(r'<li><span id="ref-(\d+)"></span>(.*?)</li>', page, re.S))
            assert set(re.findall(r'href="#ref-(\d+)"', page)) == set(entries), path
            assert all(re.search(r'<a href="https?://', entry) for entry in entries.values()), path
    assert cells > 500
    # The CM1's lens, focal length and aperture share their sources: one mark for the three.
    compare = (site / "compare" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Leica DC Elmarit, 28 mm, f/2\.8–11<sup class=\"cite\"[^>]*><a href=\"#ref-\d+\">", compare)


class _Controls(HTMLParser):
    """Every label's ``for``, every element's id and tag, and the roles on <svg> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.label_for: list[str] = []
        self.tag_of_id: dict[str, str] = {}
        self.svg_roles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.tag_of_id[str(attributes["id"])] = tag
        if tag == "label" and attributes.get("for"):
            self.label_for.append(str(attributes["for"]))
        if tag == "svg" and "role" in attributes:
            self.svg_roles.append(str(attributes["role"]))


def test_no_page_has_the_two_html_errors_vnu_found(site: Path) -> None:
    """The Nu HTML checker's two errors that our pages (not the theme) caused: role="group" on an <svg>
    (the figures with links) and a <label for="__toc"> with no such control (pages kept out of the
    navigation, and a section's index page)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    bad_labels, bad_roles = [], []
    for page in pages:
        parser = _Controls()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site).as_posix()
        bad_labels += [
            f"{rel}: for={target}"
            for target in parser.label_for
            if parser.tag_of_id.get(target) not in ("input", "select", "textarea", "button")
        ]
        bad_roles += [f"{rel}: {role}" for role in parser.svg_roles if role not in ("img", "document", "application")]
    assert not bad_labels
    assert not bad_roles
    # What they were for stays: the linked figures are still named by their title and keep their links.
    timeline = html(site, "figures/timeline")
    svg = re.search(r"<svg [^>]*ll-svg--timeline[^>]*>(.*?)</svg>", timeline, re.S)
    assert svg and 'aria-labelledby="timeline-title"' in svg.group() and "role=" not in svg.group().split(">")[0]
    assert '<a href="../../partnerships/' in svg.group(1)
    device = html(site, "devices/xiaomi-12s-ultra")
    assert 'class="md-nav__title ll-toc-title"' in device and 'aria-label="Table of contents"' in device


def test_search_reads_pages_without_their_skipped_parts_and_indexes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin hands Material's search each page without the elements marked data-search-exclude (which
    it would parse and skip: 5,000-row tables); the index, and every page, are the same as when search
    reads the whole page."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(REPO)

    def built(name: str) -> Path:
        config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / name))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        return tmp_path / name

    trimmed = built("trimmed")
    monkeypatch.setattr(plugin, "without_search_excluded", lambda html: html)
    whole = built("whole")
    files = sorted(
        p.relative_to(whole).as_posix() for p in whole.rglob("*") if p.is_file() and p.suffix in (".html", ".json")
    )
    assert "search/search_index.json" in files and os.path.getsize(whole / "search/search_index.json") > 10_000
    assert [f for f in files if (whole / f).read_bytes() != (trimmed / f).read_bytes()] == []


@pytest.mark.parametrize(
    ("html", "left"),
    [
        (
            "<p>a</p><table data-search-exclude><tr><td><table><tr><td>x</td></tr></table></td></tr></table><p>b</p>",
            "<p>a</p><p>b</p>",
        ),
        ('<p>a<sup class="cite" data-search-exclude><a href="#r">1</a></sup> b</p>', "<p>a b</p>"),
        (
            '<h2 id="related" data-search-exclude>Related</h2><p>c</p><h2 id="next">Next</h2><p>d</p>',
            '<h2 id="related" data-search-exclude>Related</h2><h2 id="next">Next</h2><p>d</p>',
        ),
        ('<h2 id="refs" data-search-exclude>R</h2><ol><li>x</li></ol>', '<h2 id="refs" data-search-exclude>R</h2>'),
        (  # the stretch would leave the <div> open: kept
            '<div><h2 id="r" data-search-exclude>R</h2><p>c</p></div><p>d</p>',
            '<div><h2 id="r" data-search-exclude>R</h2><p>c</p></div><p>d</p>',
        ),
        ('<p>a</p><script type="application/json">{"a": "<b>"}</script><p>b</p>', "<p>a</p><p>b</p>"),
        ('<div data-search-exclude><h3 id="x">X</h3></div>', '<div data-search-exclude><h3 id="x">X</h3></div>'),
        ("<p>a</p><div data-search-exclude><hr><header>no heading</header></div><p>b</p>", "<p>a</p><p>b</p>"),
        ("<div data-search-exclude><p>never closed", "<div data-search-exclude><p>never closed"),
    ],
)
def test_what_search_is_handed(html: str, left: str) -> None:
    assert without_search_excluded(html) == left


def test_every_table_of_every_page_comes_wrapped_with_a_class_so_materials_script_leaves_it(site: Path) -> None:
    """Material's script takes out and puts back every table without a class (Lighthouse: a full layout and
    a late paint on the largest pages); the build writes each one as Material would (tests/test_tables.py)."""
    tables = 0
    for page in site.rglob("*.html"):
        article = page.read_text(encoding="utf-8").partition("<article")[2]
        found = re.findall(r"(<div[^>]*>\s*<div[^>]*>\s*)?<table\b([^>]*)>", article)
        tables += len(found)
        bad = [attrs for wrap, attrs in found if 'class="ll-table"' not in attrs or "md-typeset__table" not in wrap]
        assert not bad, f"{page.relative_to(site)}: tables not wrapped or without their class: {bad}"
    assert tables > 30
