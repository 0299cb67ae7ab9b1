"""References say what was seen: every source records which of its title, publisher and date were
seen in the page itself, and a title the site supplied is shown in square brackets, never as the
page's own."""

from __future__ import annotations

import re
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest

from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataErrors
from generator.catalogue.models import Source
from generator.site.build import build_outputs
from generator.site.hand_written import hand_written_citations
from generator.site.render import source_line, source_title
from tests.helpers import MINIMAL, REPO, SOURCES, write_data

FOOTNOTE_DEFINITION = re.compile(r"^\[\^([a-z0-9-]+)\]: (.*)$", re.MULTILINE)


def messages(tmp_path: Path, sources: str) -> list[str]:
    data = write_data(tmp_path, {**MINIMAL, "sources.yaml": sources})
    with pytest.raises(DataErrors) as info:
        load_catalogue(data)
    return [str(e).replace(str(data), "data") for e in info.value.errors]


def source(**fields: object) -> Source:
    return Source.model_validate(
        {"id": "a-page", "title": "A page", "publisher": "Example", "url": "https://example.com/a", **fields}
    )


# The field is required and checked -----------------------------------------------------------------


def test_a_source_that_does_not_say_what_was_seen_is_refused(tmp_path: Path) -> None:
    text = SOURCES.replace("    seen: []\n", "")
    assert messages(tmp_path, text) == ["data/sources.yaml:8:5: sources[1].seen: required field 'seen' is missing"]


def test_seen_names_only_title_publisher_and_date_each_once(tmp_path: Path) -> None:
    text = SOURCES.replace("seen: []", "seen: [title, title]").replace(
        "seen: [title, publisher, date]", "seen: [headline]"
    )
    found = messages(tmp_path, text)
    assert found[0] == (
        "data/sources.yaml:4:12: sources[0].seen[0]: Input should be 'title', 'publisher' or 'date' (got 'headline')"
    )
    assert found[1] == "data/sources.yaml:10:11: sources[1].seen: name each of title, publisher and date at most once"
    assert len(found) == 2


def test_a_date_cannot_be_seen_when_none_is_given() -> None:
    with pytest.raises(ValueError, match="seen names a date, but the source gives none"):
        source(seen=["date"])
    assert source(seen=["date"], date="2022-11-02").seen == ["date"]


def test_every_real_source_is_marked() -> None:
    catalogue = load_catalogue(REPO / "data")
    assert catalogue.sources
    for entry in catalogue.sources.values():
        assert set(entry.seen) <= {"title", "publisher", "date"}
    text = (REPO / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert text.count("\n  - id: ") == text.count("\n    seen: [") == len(catalogue.sources)
    assert "slug" not in text.split("sources:", 1)[0].lower(), "the header still says titles came from slugs"


# Shown as seen or as supplied ----------------------------------------------------------------------


def test_a_supplied_title_is_bracketed_and_a_seen_one_is_not() -> None:
    assert source_title(source(seen=[])) == "[A page]"
    assert source_title(source(seen=["publisher"])) == "[A page]"
    assert source_title(source(seen=["title"])) == "A page"
    assert source_line(source(seen=[])) == r"[\[A page\]](https://example.com/a) — Example"
    assert (
        source_line(source(seen=["title"], date="2022-11-02"))
        == "[A page](https://example.com/a) — Example, 2 Nov 2022"
    )


def test_the_brackets_show_as_text_inside_the_link() -> None:
    html = markdown.markdown(source_line(source(seen=[])))
    assert '<a href="https://example.com/a">[A page]</a>' in html
    html = markdown.markdown(source_line(source(seen=["title"])))
    assert '<a href="https://example.com/a">A page</a>' in html


@pytest.fixture(scope="module")
def minimal_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = write_data(tmp_path_factory.mktemp("seen"), {**MINIMAL})
    files, _ = build_outputs(load_catalogue(data), [])
    return {uri: content.decode() for uri, content in files.items() if uri.endswith(".md")}


def test_the_sources_page_shows_which_is_which_and_says_why(minimal_outputs: dict[str, str]) -> None:
    page = minimal_outputs["sources/index.md"]
    assert "## Seen and supplied" in page and "square brackets" in page
    assert "[First source](https://example.com/one)" in page
    assert r"[\[Second source\]](https://example.org/two)" in page
    assert "Seen in the page itself: title, publisher and date." in page
    assert "Nothing seen in the page itself: title, publisher and date supplied." in page


def test_a_reference_list_brackets_a_supplied_title(minimal_outputs: dict[str, str]) -> None:
    page = minimal_outputs["devices/example-phone.md"]
    refs = re.findall(r'<span id="ref-\d+"></span>(.*)', page)
    assert any(ref.startswith("[First source](https://example.com/one)") for ref in refs), refs
    assert any(ref.startswith(r"[\[Second source\]](https://example.org/two)") for ref in refs), refs


@pytest.fixture(scope="module")
def real_outputs() -> dict[str, str]:
    catalogue = load_catalogue(REPO / "data")
    files, _ = build_outputs(catalogue, hand_written_citations(REPO / "docs"))
    return {uri: content.decode() for uri, content in files.items() if uri.endswith(".md")}


def test_the_real_sources_page_brackets_exactly_the_supplied_titles(real_outputs: dict[str, str]) -> None:
    catalogue = load_catalogue(REPO / "data")
    page = real_outputs["sources/index.md"]
    seen = [s for s in catalogue.sources.values() if s.title_seen]
    supplied = [s for s in catalogue.sources.values() if not s.title_seen]
    assert seen and supplied
    for entry in catalogue.sources.values():
        line = source_line(entry)
        assert f'<span id="{entry.id}"></span>{line}.' in page
        assert line.startswith(r"[\[") != entry.title_seen, entry.id


def test_hand_written_footnotes_read_as_the_reference_lists_do() -> None:
    catalogue = load_catalogue(REPO / "data")
    pages = [*(REPO / "docs").glob("*.md"), *(REPO / "docs").glob("*/*.md")]
    checked = 0
    for page in pages:
        for label, text in FOOTNOTE_DEFINITION.findall(page.read_text(encoding="utf-8")):
            if label in catalogue.sources:
                assert text == f"{source_line(catalogue.sources[label])}.", f"{page.name}: [^{label}]"
                checked += 1
    assert checked > 100
