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

import json
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

MARK = "\x1f"
"""Brackets a citation's placeholder. Data can never hold it: control characters are refused on reading."""


class Fragments:
    """See the module's docstring. ``keep=False`` (a build that is not repeated): nothing is kept."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._parts: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._used: set[Hashable] = set()
        self._citations: dict[Hashable, int] = {}
        self._cited: list[Any] = []
        self.made = 0
        self.reused = 0

    def get(self, key: Hashable, models: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The part under ``key`` if it was made from these very ``models``, else ``make()`` (kept)."""
        if not self.keep:
            self.made += 1
            return make()
        self._used.add(key)
        found = self._parts.get(key)
        # Tuples compare their items by identity first: a model from the ReadCache is the very same object.
        if found is not None and found[0] == models:
            self.reused += 1
            return found[1]
        value = make()
        self._parts[key] = (models, value)
        self.made += 1
        return value

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

    def sweep(self) -> None:
        """After a build: forget the parts it did not use (items gone, pages no longer made), once there are
        half as many of those as of parts used (a sweep is a pass over everything kept)."""
        if len(self._parts) > 1.5 * len(self._used):
            self._parts = {key: value for key, value in self._parts.items() if key in self._used}
        self._used = set()

    def clear(self) -> None:
        self._parts.clear()
        self._used.clear()


def dumps(value: Any) -> str:
    """JSON as every file of the site writes it: sorted keys, UTF-8 text, no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def dumps_with(document: dict[str, Any], **parts: list[str] | dict[str, str]) -> str:
    """``dumps(document)`` with each key of ``parts`` made of parts already dumped: a list of them, or an
    object of them by key (sorted, as ``dumps`` sorts). What a part holds is not dumped again."""
    skeleton = dumps({**document, **dict.fromkeys(parts, _HOLE)})
    holes = sorted((skeleton.index(f"{dumps(key)}:{dumps(_HOLE)}"), key) for key in parts)
    out, at = [], 0
    for start, key in holes:
        items = parts[key]
        if isinstance(items, list):
            body = "[" + ",".join(items) + "]"
        else:
            body = "{" + ",".join(f"{dumps(k)}:{items[k]}" for k in sorted(items)) + "}"
        out += [skeleton[at:start], dumps(key), ":", body]
        at = start + len(f"{dumps(key)}:{dumps(_HOLE)}")
    out.append(skeleton[at:])
    return "".join(out)


_HOLE = "\x1e"
"""Stands for the parts in the skeleton of a document: a control character, which no data can hold."""
