"""The parts of pages that each show one item (a table row, a figure's marker, an entry of a JSON file),
kept between the builds of one process, so that a page listing every device is put together again from
what it had, and only the parts of the items that changed are made again.

A part is kept under a key (what it is, on which page, for which item) together with the models it was
made from, and is taken again only while those are the same: the very same objects, as a
:class:`~generator.catalogue.checking.ReadCache` gives for a data file that did not change, or equal ones.
Anything else a part reads (companies, partnerships, sensors and sources by id, the optics data)
is checked by :class:`~generator.site.build.RenderMemo`, which empties the fragments when one changes.

Citation marks inside a part cannot hold their number, which depends on what the page cited before; a
part holds each mark as a placeholder of the citation (see :meth:`Fragments.citation`), and the page
numbers them when it is complete (``generator.site.render``). A JSON file of every item is put together
from the items' JSON (:func:`dumps_with`), the same bytes as dumping it whole.
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.catalogue.store import ID_OF, MODEL_OF, Entry

T = TypeVar("T")


@dataclass(frozen=True)
class _Kept:
    """A list of parts, with the ids, models and extra values of the items they were made for."""

    ids: list[Any]
    models: list[Any]
    extras: list[Any]
    parts: list[Any]


SWEEP_EVERY = 32
"""Builds between two sweeps of the parts no build used (see :meth:`Fragments.sweep`)."""
MARK = "\x1f"
"""Brackets a citation's placeholder. Data can never hold it: control characters are refused on reading."""


class Fragments:
    """See the module's docstring. ``keep=False`` (a build that is not repeated): nothing is kept."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._parts: dict[Hashable, Any] = {}
        self._used: dict[Hashable, int] = {}
        """When (which build) each part was last used."""
        self._build = 0
        self._ids_models: dict[tuple[int, Any, Any], tuple[Sequence[Any], list[Any], list[Any]]] = {}
        """Each list's ids and models, by the list's identity, for this build (see :meth:`ids_and_models`)."""
        self._citations: dict[Hashable, int] = {}
        self._cited: list[Any] = []
        self.rows: dict[str, list[tuple[str, list[str]]]] = {}
        """The tables and lists (of items, and the numbered References) each page put together in this
        build, by page, as ("table", "ul" or "ol", their rows), in page order: what MkDocs' side converts in
        pieces without looking for them; and the raw HTML blocks it was given, as ("raw", [html]), which
        MkDocs' side sets aside."""
        self.texts: dict[str, str] = {}
        """The Markdown of each page rendered in this build, as text (kept only when parts are kept: under
        ``mkdocs serve``), so that MkDocs' side reads it without decoding its bytes again: 2 to 6 ms a list
        page of 5,000 devices."""
        self.made = 0
        self.reused = 0

    def get(self, key: Hashable, models: tuple[Any, ...], make: Callable[..., T], *args: Any) -> T:
        """The part under ``key`` if it was made from these very ``models``, else ``make(*args)`` (kept). (The
        arguments apart: a call per device of thousands, which makes nothing when the part is kept.)"""
        if not self.keep:
            self.made += 1
            return make(*args)
        self._used[key] = self._build
        found = self._parts.get(key)
        # Tuples compare their items by identity first: a model from the ReadCache is the very same object.
        if found is not None and found[0] == models:
            self.reused += 1
            return found[1]
        value = make(*args)
        self._parts[key] = (models, value)
        self.made += 1
        return value

    def shared(self, key: Hashable, make: Callable[[], T]) -> T:
        """The part under ``key``, made once and kept as long as this object lives, in either mode: for a part
        that depends on nothing but what :class:`~generator.site.build.RenderMemo` watches (a reference
        entry: its sources), which many pages of one build show (every page citing the same sources)."""
        if self.keep:
            self._used[key] = self._build
        found = self._parts.get(key, _MISSING)
        if found is _MISSING:
            found = self._parts[key] = make()
            self.made += 1
        else:
            self.reused += 1
        return found

    def parts(
        self,
        key: Hashable,
        ids: list[Any],
        models: list[Any],
        make: Callable[[int], T],
        extras: list[Any] | None = None,
    ) -> list[T]:
        """One part per item (``make(i)`` for the i-th), kept as a list under ``key``: made again only for an
        item that is new, or whose model is another object than when it was made, or whose ``extras`` value
        differs. When the items are the ones of last time, in the same order (a save changes one of
        thousands), they are checked in one pass that compares objects, not per item by key."""
        if not self.keep:
            self.made += len(ids)
            return [make(i) for i in range(len(ids))]
        self._used[key] = self._build
        kept = self._parts.get(key)
        extras = extras if extras is not None else [None] * len(ids)
        if isinstance(kept, _Kept) and kept.ids == ids:
            # Compared without a step of Python per item (thousands of items, every list of every save).
            indexes = range(len(ids))
            changed = list(itertools.compress(indexes, map(operator.is_not, models, kept.models)))
            if extras != kept.extras:
                changed = sorted({*changed, *itertools.compress(indexes, map(operator.ne, extras, kept.extras))})
            parts = kept.parts if not changed else list(kept.parts)
            for i in changed:
                parts[i] = make(i)
        else:
            before: dict[Any, tuple[Any, Any, T]] = (
                dict(zip(kept.ids, zip(kept.models, kept.extras, kept.parts, strict=True), strict=True))
                if isinstance(kept, _Kept)
                else {}
            )
            parts, changed = [], []
            for i, (item, model, extra) in enumerate(zip(ids, models, extras, strict=True)):
                found = before.get(item)
                if found is None or found[0] is not model or found[1] != extra:
                    changed.append(i)
                    parts.append(make(i))
                else:
                    parts.append(found[2])
        self.made += len(changed)
        self.reused += len(ids) - len(changed)
        self._parts[key] = _Kept(ids, models, extras, parts)
        return parts

    def each(self, key: Hashable, entries: Sequence[Entry[Any]], make: Callable[[Entry[Any]], T]) -> list[T]:
        """``make(entry)`` for each entry, kept as :meth:`parts` keeps them."""
        ids, models = self.ids_and_models(entries, ID_OF, MODEL_OF)
        return self.parts(key, ids, models, lambda i: make(entries[i]))

    def ids_and_models(
        self, items: Sequence[Any], id_of: Callable[[Any], Any], model_of: Callable[[Any], Any] | None
    ) -> tuple[list[Any], list[Any]]:
        """``id_of`` and ``model_of`` (None: the item itself) of each item, taken once a build for the same
        list: a save hands the timeline to nine lists of every device, and each pass over 5,000 entries
        scattered in memory costs a millisecond. The lists a build is made from do not change during it."""
        key = (id(items), id_of, model_of)
        found = self._ids_models.get(key)
        if found is not None and found[0] is items:
            return found[1], found[2]
        ids = list(map(id_of, items))
        models = list(map(model_of, items)) if model_of is not None else list(items)
        self._ids_models[key] = (items, ids, models)  # (the list held: its id is not reused meanwhile)
        return ids, models

    def remembered(self, key: Hashable) -> Any:
        """What :meth:`remember` kept under ``key`` (for the next build), or None."""
        self._used[key] = self._build
        return self._parts.get(key)

    def remember(self, key: Hashable, value: Any) -> None:
        if self.keep:
            self._used[key] = self._build
            self._parts[key] = value

    def citation(self, entry: Hashable) -> int:
        """A number for a reference entry (its sources, and the values they back), the same for the same
        entry as long as this object lives: what a page's placeholder holds."""
        found = self._citations.get(entry)
        if found is None:
            found = self._citations[entry] = len(self._cited)
            self._cited.append(entry)
        return found

    def cited(self, number: int) -> Any:
        """The reference entry that :meth:`citation` gave ``number``."""
        return self._cited[number]

    def start(self) -> None:
        """Before a build: count what it makes and reuses (:attr:`made`, :attr:`reused`) from zero."""
        self.made = self.reused = 0
        self.rows = {}
        self.texts = {}
        self._ids_models = {}

    def sweep(self) -> None:
        """After a build: every so many builds, forget the parts no build used since the last time (items gone,
        pages no longer made; a page taken whole from the memo uses none of its parts, so a part is given
        that long)."""
        self._build += 1
        if self._build % SWEEP_EVERY == 0:
            last = self._build - SWEEP_EVERY
            self._used = {key: build for key, build in self._used.items() if build >= last}
            self._parts = {key: value for key, value in self._parts.items() if key in self._used}

    def clear(self) -> None:
        self._parts.clear()
        self._used.clear()


def dumps(value: Any) -> str:
    """JSON as every file of the site writes it: sorted keys, UTF-8 text, no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def dumped(value: Any) -> bytes:
    """``dumps(value)`` in UTF-8: how a part of a JSON document is kept (see :func:`dumps_with`)."""
    return dumps(value).encode()


def dumps_with(document: dict[str, Any], *, end: bytes = b"", **parts: list[bytes] | dict[str, bytes]) -> bytes:
    """``dumps(document)`` in UTF-8, then ``end``, with each key of ``parts`` made of parts already
    :func:`dumped`: a list of them, or an object of them by key (sorted, as ``dumps`` sorts). What a part
    holds is not dumped again, and the parts are joined as bytes: text joins convert every character when
    one part holds a wider character than the others (megabytes at 5,000 devices, on every save), bytes
    are copied, and only once: into the document, with their commas and keys (each copy of a document of
    megabytes took a few milliseconds, most of them the fresh memory's first touch)."""
    skeleton = dumped({**document, **dict.fromkeys(parts, _HOLE)})
    holes = sorted((skeleton.index(_dumped_member_key(key) + _HOLE_DUMPED), key) for key in parts)
    out: list[bytes] = []
    at = 0
    for start, key in holes:
        items = parts[key]
        out += [skeleton[at:start], _dumped_member_key(key)]
        if isinstance(items, list):
            out.append(b"[")
            out += _between(items, b",")
            out.append(b"]")
        else:
            out.append(b"{")
            out += _members(items)
            out.append(b"}")
        at = start + len(_dumped_member_key(key)) + len(_HOLE_DUMPED)
    out += [skeleton[at:], end]
    return b"".join(out)


def _between(items: list[bytes], separator: bytes) -> list[bytes]:
    """``items`` with ``separator`` between each two (joined with the rest, not on their own)."""
    out = [separator] * (2 * len(items) - 1) if items else []
    out[::2] = items
    return out


def _members(items: dict[str, bytes]) -> list[bytes]:
    """An object's members, by key, each its key, its value and a comma but the last: each value put in the
    list as it is (joining each to its key first copied megabytes), by steps in C (thousands of keys)."""
    keys = sorted(items)
    out = [b","] * (3 * len(keys) - 1) if keys else []
    out[0::3] = map(_dumped_member_key, keys)
    out[1::3] = map(items.__getitem__, keys)
    return out


@functools.lru_cache(maxsize=1 << 16)  # the same ids in every build
def _dumped_member_key(key: str) -> bytes:
    """A member's key as it stands in the document, with its colon."""
    return dumped(key) + b":"


_MISSING = object()

_HOLE = "\x1e"
"""Stands for the parts in the skeleton of a document: a control character, which no data can hold."""
_HOLE_DUMPED = dumped(_HOLE)
