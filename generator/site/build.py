"""The whole pipeline as one call: data folder in, generated files (path → bytes) out."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from markupsafe import Markup

from generator.catalogue.store import Catalogue, Entry
from generator.site.fragments import Fragments
from generator.site.hand_written import HandWrittenPage
from generator.site.pages import PageSpec
from generator.site.plan import plan
from generator.site.render import environment, output
from generator.speed.parallel import parallel_map

T = TypeVar("T")

_environment = functools.cache(environment)
"""One Jinja environment per process: every build (each rebuild of ``mkdocs serve``) reuses its compiled
templates, made again when a template file changed (:meth:`~generator.site.render.TemplateEnvironment.refresh`),
so template edits show."""


class RenderMemo:
    """The pages of the previous build, with what each was made from, so that the next build of the same
    process (a rebuild of ``mkdocs serve``) renders again only the pages whose inputs changed.

    A page is taken from the memo when its template is the same and its context holds the same things: the
    same entries with the very same models (a :class:`~generator.catalogue.checking.ReadCache` gives the
    same model object for a file that did not change), equal strings and numbers, and lists and mappings of
    those. Templates also look up companies, partnerships, sensors and sources by id (names, citations)
    and read the optics data (format sizes), so any change to those renders every page again; a device is
    only ever shown through the context (neighbours, siblings, lists). A context made by a function (a
    figure, a list of every device) is always rendered, from the parts kept in :attr:`fragments`.
    Call :meth:`clear` when a template changes.
    """

    def __init__(self) -> None:
        self._pages: dict[str, tuple[str, Any, bytes]] = {}
        self._tables: tuple[Any, ...] = ()
        self.fragments = Fragments()
        self.rendered = 0
        self.reused = 0

    def clear(self) -> None:
        self._pages.clear()
        self._tables = ()
        self.fragments.clear()

    def lookup(self, spec: PageSpec) -> bytes | None:
        kept = self._pages.get(spec.uri)
        if kept is not None and kept[1] is spec.context and kept[0] == spec.template:  # the very same spec
            return kept[2]
        if kept is None or callable(spec.context) or kept[0] != spec.template or not same(kept[1], spec.context):
            return None
        return kept[2]

    def unchanged(self, specs: list[PageSpec]) -> dict[str, bytes]:
        """The pages of ``specs`` kept from the previous build whose inputs are the same (see :meth:`lookup`)."""
        return {spec.uri: found for spec in specs if spec.content is None and (found := self.lookup(spec)) is not None}

    def start(self, catalogue: Catalogue) -> None:
        tables = (catalogue.companies, catalogue.partnerships, catalogue.sensors, catalogue.sources, catalogue.optics)
        # The optics data is a new (empty) model each build when the data has no optics file: compared by
        # value when it is not the very same object.
        if not (
            same(self._tables[:4], tables[:4])
            and len(self._tables) == 5
            and (self._tables[4] is tables[4] or self._tables[4] == tables[4])
        ):
            self._pages.clear()
            self.fragments.clear()
        self._tables = tables
        self.rendered = self.reused = 0
        self.fragments.start()

    def keep(self, specs: list[PageSpec], outputs: dict[str, bytes]) -> None:
        self._pages = {
            spec.uri: (spec.template, spec.context, outputs[spec.uri])
            for spec in specs
            if spec.content is None and not callable(spec.context)
        }
        self.fragments.sweep()


_PLAIN = (str, Markup, int, float, bool, bytes, type(None))


def same(a: Any, b: Any) -> bool:
    """Whether two page inputs are the same for rendering: see :class:`RenderMemo`."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is Entry:
        return bool(a.model is b.model and a.id == b.id and a.path == b.path and a.repo_path == b.repo_path)
    if kind is list or kind is tuple:
        # Most often the very same entries (a maker's thousand devices, but the one saved): checked in C first.
        return len(a) == len(b) and (all(map(operator.is_, a, b)) or all(map(same, a, b)))
    if kind is dict:
        return bool(a.keys() == b.keys() and all(same(value, b[key]) for key, value in a.items()))
    if kind in _PLAIN:
        return bool(a == b)
    return False  # a model or any other object: the same only if it is the very same object


def build_outputs(
    catalogue: Catalogue,
    hand_written: list[HandWrittenPage] | None = None,
    workers: int = 1,
    memo: RenderMemo | None = None,
) -> tuple[dict[str, bytes], list[PageSpec]]:
    """Every generated file, keyed by its path relative to docs/.

    ``hand_written`` lists the hand-written pages and the sources they cite (for the sources page);
    ``workers`` processes share the rendering (see :mod:`generator.speed.parallel`); ``memo`` keeps the pages
    for the next call and gives back those whose inputs did not change (see :class:`RenderMemo`).
    """
    site = plan_site(catalogue, hand_written, memo)
    kept = memo.unchanged(site.specs) if memo is not None else {}
    outputs = make_files(site, catalogue, _as_made, workers, kept)
    if memo is not None:
        memo.keep(site.specs, outputs)
        memo.rendered = sum(spec.content is None and spec.uri not in kept for spec in site.specs)
        memo.reused = len(kept)
    return outputs, site.specs


@dataclass(frozen=True)
class SitePlan:
    """What a build makes (see :func:`plan_site`), before it is made."""

    specs: list[PageSpec]
    fragments: Fragments
    """The parts the pages are joined from (see :mod:`generator.site.fragments`), shared by plan and pages."""


def plan_site(
    catalogue: Catalogue, hand_written: list[HandWrittenPage] | None = None, memo: RenderMemo | None = None
) -> SitePlan:
    """The pages and files of the site (see :func:`build_outputs`), to be made by :func:`make_files`."""
    fragments = memo.fragments if memo is not None else Fragments(keep=False)
    if memo is not None:
        memo.start(catalogue)  # (before the plan, which keeps its parts in the fragments)
    return SitePlan(plan(catalogue, hand_written, fragments), fragments)


def make_files(
    site: SitePlan,
    catalogue: Catalogue,
    then: Callable[[str, bytes], T],
    workers: int = 1,
    kept: dict[str, bytes] | None = None,
) -> dict[str, T]:
    """``then(path, bytes)`` of every file of the plan, keyed by its path: called where the file is made, in
    the worker that rendered it (so that what it does with the bytes is shared among the workers too), and
    here for a file given as it is. ``kept`` are files already made (a memo's), by path."""
    env = _environment()
    env.refresh()
    kept = kept or {}
    # Pages to render and files to make (JSON of every device) are shared among the workers alike.
    to_make = [spec for spec in site.specs if spec.uri not in kept and not isinstance(spec.content, bytes)]
    # Files made by a function (figures, lists of every device, open data) cost the most: first, so that the
    # workers' last shares are light and end together.
    to_make.sort(key=lambda spec: not (callable(spec.context) or callable(spec.content)))
    made = dict(
        zip(
            (spec.uri for spec in to_make),
            parallel_map(lambda spec: then(spec.uri, output(spec, catalogue, env, site.fragments)), to_make, workers),
            strict=True,
        )
    )
    files: dict[str, T] = {}
    for spec in site.specs:
        if isinstance(spec.content, bytes):
            files[spec.uri] = then(spec.uri, spec.content)
        elif spec.uri in kept:
            files[spec.uri] = then(spec.uri, kept[spec.uri])
        else:
            files[spec.uri] = made[spec.uri]
    return files


def _as_made(path: str, content: bytes) -> bytes:
    return content
