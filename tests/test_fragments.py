"""The parts of pages kept between builds (generator/site/fragments.py): after any edit, the pages put
together from what was kept are the bytes a fresh build gives, citation numbers included."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.catalogue.checking import ReadCache, load_catalogue
from generator.site.build import RenderMemo, build_outputs
from generator.site.fragments import SWEEP_EVERY, Fragments, dumped, dumps_with
from scripts.synth import synth_command


def test_a_document_put_together_from_parts_is_the_document_dumped_whole() -> None:
    document = {"z": 1, "a": {"devices": []}, "k": "é", "licence": {"devices": "x"}}
    parts = [{"b": 2, "a": "<"}, [1, "ü"]]
    by_id = {"y": {"q": 1}, "x": [2]}
    assert dumps_with(document, devices=[dumped(p) for p in parts]) == dumped({**document, "devices": parts})
    assert dumps_with(document, cells={k: dumped(v) for k, v in by_id.items()}, devices=[]) == dumped(
        {**document, "cells": by_id, "devices": []}
    )
    for members in ({}, {"one": [1]}):
        assert dumps_with({}, cells={k: dumped(v) for k, v in members.items()}) == dumped({"cells": members})


def test_a_part_is_made_again_only_for_other_models() -> None:
    fragments = Fragments()
    made: list[str] = []

    def make(text: str):  # type: ignore[no-untyped-def]
        return lambda: made.append(text) or text

    model, other = {"name": "A"}, {"name": "B"}
    assert fragments.get(("row", "a"), (model,), make("first")) == "first"
    assert fragments.get(("row", "a"), (model,), make("second")) == "first"  # the very same model
    assert fragments.get(("row", "a"), ({"name": "A"},), make("third")) == "first"  # an equal one
    assert fragments.get(("row", "a"), (other,), make("fourth")) == "fourth"
    assert made == ["first", "fourth"]
    for _ in range(2 * SWEEP_EVERY):  # a part no build uses is forgotten, in time
        fragments.sweep()
        fragments.get(("row", "b"), (model,), make("b"))
    assert fragments.get(("row", "a"), (other,), make("again")) == "again"
    assert Fragments(keep=False).get(("row", "a"), (model,), make("x")) is not None
    assert Fragments(keep=False).reused == 0


def test_a_lists_ids_and_models_are_taken_once_a_build() -> None:
    fragments = Fragments()
    asked: list[str] = []

    def id_of(item: dict[str, str]) -> str:
        asked.append(item["id"])
        return item["id"]

    items = [{"id": "a"}, {"id": "b"}]
    ids, models = fragments.ids_and_models(items, id_of, None)
    assert (ids, models) == (["a", "b"], items)
    assert fragments.ids_and_models(items, id_of, None) == (ids, models)  # the same list: not asked again
    assert fragments.ids_and_models(list(items), id_of, None) == (ids, models)  # an equal list is asked
    assert asked == ["a", "b", "a", "b"]
    fragments.start()  # the next build asks again: its lists may hold other items
    items[0] = {"id": "c"}
    assert fragments.ids_and_models(items, id_of, None)[0] == ["c", "b"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "data"

    result = CliRunner().invoke(synth_command, ["--devices", "60", "--out", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    return out


def test_after_every_kind_of_edit_the_kept_parts_give_a_fresh_builds_bytes(data: Path) -> None:
    """A rename, sources changed (the page's citation numbers move), a device deleted and one added, a
    date moved (the order of every list moves), and a company renamed (every part is made again)."""
    reads, memo = ReadCache(), RenderMemo()
    devices = sorted((data / "devices").glob("*.yaml"))

    def check(what: str) -> None:
        kept, _ = build_outputs(load_catalogue(data, cache=reads), memo=memo)
        fresh, _ = build_outputs(load_catalogue(data))
        assert kept.keys() == fresh.keys(), what
        differ = [uri for uri in fresh if kept[uri] != fresh[uri]]
        assert not differ, f"{what}: {differ[:5]}"

    check("first build")
    assert memo.fragments.made > 300
    check("nothing changed")
    name = re.search(r"^name: (.+)$", devices[3].read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
    _edit(devices[3], f"name: {name}\n", "name: Renamed Phone 3\n")
    check("a rename")
    assert memo.fragments.reused > 10 * memo.fragments.made, (memo.fragments.made, memo.fragments.reused)

    # The timeline's order is by date, then name: two devices of one day, one renamed to each side of the other.
    def day(path: Path) -> str:
        return re.search(r"announced:\n  value: (\S+)", path.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]

    # (Devices of no partnership, whose dates no partnership bounds; one moved back onto the day before it.)
    loose = sorted((d for d in devices[:20] if "\npartnership: " not in d.read_text(encoding="utf-8")), key=day)
    other, one = loose[0], loose[1]
    _edit(one, f"announced:\n  value: {day(one)}", f"announced:\n  value: {day(other)}")
    check("a date moved onto another device's")
    for name in ("Aaa First Of The Day", "Zzz Last Of The Day", "Zzz Last Of The Day Again"):
        old_name = re.search(r"^name: (.+)$", one.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
        _edit(one, f"name: {old_name}\n", f"name: {name}\n")
        check(f"renamed to {name}")
    formatted = next(d for d in devices[8:] if "  format:\n    value: " in d.read_text(encoding="utf-8"))
    fmt = re.search(r"  format:\n    value: (\S+)", formatted.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    _edit(formatted, f"  format:\n    value: {fmt}", "  format:\n    value: 1/3.2-inch")
    check("a device's format changed")
    partnered = next(d for d in devices[30:] if "\npartnership: " in d.read_text(encoding="utf-8"))
    _edit(partnered, "\npartnership: ", "\nmodel_number_note_: ")
    _edit(partnered, "\nmodel_number_note_: ", "\n# partnership: ")
    check("a device's partnership dropped")
    # A source the device did not cite, added to one of its facts (the register is unchanged).
    text, other_text = devices[12].read_text(encoding="utf-8"), devices[0].read_text(encoding="utf-8")
    new_source = next(sid for sid in re.findall(r"src-[a-z0-9-]+", other_text) if sid not in text)
    _edit(devices[12], "sources: [", f"sources: [{new_source}, ")
    check("a device cites one more source")
    text = devices[10].read_text(encoding="utf-8")
    first = re.search(r"sources: \[([^\]]+)\]", text).group(1)  # type: ignore[union-attr]
    _edit(devices[10], f"sources: [{first}]", "sources: [" + ", ".join(reversed(first.split(", "))) + ", src-new-1]")
    (data / "sources.yaml").write_text(
        (data / "sources.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "sources:\n",
            "sources:\n- id: src-new-1\n  title: A new report\n  publisher: Example News\n  url: https://example.com/new\n"
            "  seen: [title]\n",
            1,
        ),
        encoding="utf-8",
    )
    check("sources of a fact changed, and a new source")
    devices[20].unlink()
    check("a device deleted")
    shutil.copy(devices[5], data / "devices" / "zz-new-phone.yaml")
    _edit(data / "devices" / "zz-new-phone.yaml", "name: ", "name: New ")
    check("a device added")
    alone = next(d for d in devices[25:] if "\npartnership: " not in d.read_text(encoding="utf-8"))
    date = re.search(r"announced:\n  value: (\S+)", alone.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    _edit(alone, f"announced:\n  value: {date}", "announced:\n  value: 2001-01")
    check("a date moved to the start")
    # Years before any other launch, and back: no launch is left in the first years, which the launches'
    # counts per year no longer show.
    _edit(alone, "announced:\n  value: 2001-01", "announced:\n  value: 1990-01")
    check("a date moved to a year of its own")
    _edit(alone, "announced:\n  value: 1990-01", f"announced:\n  value: {date}")
    check("a date moved back from a year of its own")
    company = sorted((data / "companies").glob("*.yaml"))[0]
    _edit(company, "name: ", "name: Renamed ")
    check("a company renamed")
