"""Render page specs to Markdown through Jinja2 templates, numbering each page's references."""

from __future__ import annotations

import functools
import html
import itertools
import json
import operator
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MethodType
from typing import Any
from urllib.parse import urlencode

import jinja2
import jinja2.runtime
from markupsafe import Markup

from generator.catalogue.models import Device, Fact, Source
from generator.catalogue.store import ID_OF, MODEL_OF, Catalogue, Entry
from generator.site import values as formats
from generator.site.fragments import MARK, Fragments
from generator.site.generated import GENERATOR
from generator.site.links import folder_link, source_link
from generator.site.markdown import RawHtml, html_text, link, md_escape
from generator.site.pages import PageSpec
from generator.site.tags import device_tags

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> TemplateEnvironment:
    """A fresh environment that escapes all data; every template (and macro) knows ``fmt``, how values read
    (:mod:`generator.site.values`). Under ``mkdocs serve``, call :meth:`TemplateEnvironment.refresh` before
    each build, so that template edits show."""
    env = TemplateEnvironment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Every {{ value }} is literal text unless a helper made it Markup; macro calls use `| safe`.
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,  # (see refresh)
    )
    env.context_class = _PageContext
    env.globals["fmt"] = formats
    return env


class TemplateEnvironment(jinja2.Environment):
    """Jinja's environment, whose compiled templates are checked against their files once a build."""

    template_files: tuple[tuple[str, int, int], ...] = ()
    """Each template file's path, modification time and size, when the compiled templates were last checked."""

    def refresh(self) -> None:
        """Forget the compiled templates if a template file (in the loader's folders) changed since the last
        check. Jinja's own check (``auto_reload``) asks a file's date at each lookup: three a device page,
        15,000 a build of 5,000 devices."""
        assert isinstance(self.loader, jinja2.FileSystemLoader)
        entries = [entry for folder in self.loader.searchpath for entry in os.scandir(folder)]
        files = tuple(sorted((entry.path, *_date_and_size(entry)) for entry in entries))
        if files != self.template_files:
            if self.cache is not None:
                self.cache.clear()
            self.template_files = files


def _date_and_size(entry: os.DirEntry[str]) -> tuple[int, int]:
    st = entry.stat()
    return st.st_mtime_ns, st.st_size


class _PageContext(jinja2.runtime.Context):
    """Jinja's template context, calling the page's own helpers (``p.fact``, ``p.link``...) directly.

    Jinja's ``Context.call`` first asks a callee whether it wants the context or the environment passed
    (attribute lookups that fail on a method, each raising an exception inside): about a tenth of a device
    page's time (some 40 such calls a page). :class:`Page`'s methods never want either; any other
    callee (a macro, a filter, ``fmt``'s functions) goes Jinja's way.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # names as Jinja's: no keyword can clash
        if type(__obj) is MethodType and type(__obj.__self__) is Page:
            kwargs.pop("_loop_vars", None)  # what Jinja hands a callee inside a loop or block, if it asks
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


# Speed: a page has hundreds of values and links, and most repeat across pages (dates, names, the link
# from any device page to a maker). These pure helpers are memoised; the results are the same strings.
_escape = functools.lru_cache(maxsize=1 << 16, typed=True)(md_escape)
_link = functools.lru_cache(maxsize=1 << 16, typed=True)(link)


def _finalize(value: object) -> str:
    """``md_escape`` for every ``{{ value }}``; plain strings and numbers come from the memo."""
    if type(value) is Markup:  # what a helper made (most values): Markdown already, as md_escape gives it
        return value
    return _escape(value) if type(value) in (str, int, float) else md_escape(value)


Citation = tuple[tuple[str | None, tuple[str, ...]], ...]
"""A reference entry: groups of source ids, each with the value they back when the sources disagree."""
LINKS_AT_MOST = 20
"""More device links than this in one table cell or list item (on the figure pages of a catalogue of
thousands) read as a wall, and cost a save under ``mkdocs serve`` about 70 µs each to convert again: the
cell gives their count instead (see :meth:`Page.devices_or_count`)."""
_PLACEHOLDER = re.compile(f"{MARK}(\\d+){MARK}")


class Page:
    """What a template can ask of the page it renders: facts with citations, links, references, and the
    parts of it that show one item each (:meth:`fragment`)."""

    def __init__(
        self, spec: PageSpec, catalogue: Catalogue, env: jinja2.Environment, fragments: Fragments | None = None
    ) -> None:
        self.spec = spec
        self.catalogue = catalogue
        self.env = env
        self.fragments = fragments or Fragments(keep=False)
        self.cited: list[Citation] = []
        self._numbers: dict[int, int] = {}
        self._recording: list[list[int]] = []
        self.meta: dict[str, Any] = {}
        self._folder_links: dict[str, str] = {}

    def set_meta(self, **meta: Any) -> str:
        """Called at the top of a template to fill the page's front matter (title, description, tags)."""
        self.meta.update(meta)
        return ""

    # Citations -------------------------------------------------------------------------------
    # One mark per table cell and per sentence: a value (or a cell of values) backed by several sources
    # gets one mark, leading to one reference entry that lists all of them. Entries are numbered in page
    # order; the same sources cited again (for the same values) reuse their entry. Inside a part made for
    # another build too (:meth:`each`), a mark is written as a placeholder of its entry, numbered where the
    # part is put (:meth:`numbered`), so that the part holds no number of its own; anywhere else the page
    # numbers it at once.
    def cite(self, *facts: Fact[Any] | Iterable[Fact[Any] | None] | None, kind: str | None = None) -> Markup:
        """One reference mark for every source of the given facts (``None`` is skipped). With ``kind``,
        facts whose sources differ are named in the entry by their value (``204 g: A; 220 g: B``)."""
        if len(facts) == 1 and isinstance(facts[0], Fact):  # one fact (most calls): the same entry, sooner
            return Markup(self._fact_mark(facts[0]))
        flat = [f for item in facts for f in ([item] if isinstance(item, Fact) or item is None else item) if f]
        if not flat:
            return Markup("")
        groups = list(dict.fromkeys(tuple(dict.fromkeys(f.sources)) for f in flat if f.sources))
        if not groups:
            return Markup("")
        entry: Citation
        if kind is not None and len(groups) > 1:
            entry = tuple((formats.FORMATS[kind](f.value), tuple(dict.fromkeys(f.sources))) for f in flat if f.sources)
        else:
            entry = ((None, tuple(dict.fromkeys(s for g in groups for s in g))),)
        return Markup(self._mark_of(entry))

    def _fact_mark(self, fact: Fact[Any]) -> str:
        """The mark of one fact's sources, or nothing when it has none (what most marks are)."""
        sources = fact.sources
        return self._mark_of(((None, tuple(dict.fromkeys(sources))),)) if sources else ""

    def _mark_of(self, entry: Citation) -> str:
        number = self.fragments.citation(entry)
        if self._recording:  # inside a part: counted, and numbered, where the part is put
            self._recording[-1].append(number)
            return f"{MARK}{number}{MARK}"
        n = self._numbers.get(number)
        if n is None:
            self._cite([number])
            n = self._numbers[number]
        return _mark_text(n)

    def _cite(self, numbers: list[int]) -> None:
        """Count citations as cited here, in order; while a part is made (:meth:`each`), they are the part's,
        which count where the part is put."""
        if self._recording:
            self._recording[-1].extend(numbers)
            return
        # (In C, not a step of Python per number: tens of thousands on a list page.)
        page_numbers = self._numbers
        fresh = dict.fromkeys(numbers)
        for number in page_numbers.keys() & fresh.keys():
            del fresh[number]
        page_numbers.update(zip(fresh, itertools.count(len(page_numbers) + 1)))
        self.cited.extend(map(self.fragments.cited, fresh))

    def numbered(self, text: str) -> str:
        """``text`` with each citation's placeholder made its mark, numbered in page order."""
        # (Most pages have none left: the test for none is quicker than the pattern's scan.)
        return _PLACEHOLDER.sub(self._mark, text) if MARK in text else text

    def _mark(self, found: re.Match[str]) -> str:
        return _mark_text(self._numbers[int(found.group(1))])

    # Parts showing one item -------------------------------------------------------------------
    def each(
        self, macro: str, items: Iterable[Any], *args: Any, by_id: Mapping[str, Any] | None = None, name: str = ""
    ) -> Markup:
        """The macro ``macro`` of ``_macros.md.j2`` for each item (an entry, a source, a device's main sensor),
        called with this page, the item, the item's value in ``by_id`` (if given) and ``args``, joined: a
        row per item of a table or list. Each is made again only when its item has another model than when
        it was last made for this page (see :mod:`generator.site.fragments`); its citations count as cited
        here, in order. A page with several lists of the same macro names each (``name``)."""
        items = items if isinstance(items, list) else list(items)
        ids, models = _ids_and_models(items, self.fragments)
        extras = [by_id[i] for i in ids] if by_id is not None else None

        def make(i: int) -> tuple[str, tuple[int, ...]]:
            return self._made(macro, (items[i], *([] if extras is None else [extras[i]]), *args))

        key = (self.spec.uri, macro, name, *args)
        made = self.fragments.parts(key, ids, models, make, extras)
        cites = list(itertools.chain.from_iterable(map(operator.itemgetter(1), made)))
        self._cite(cites)
        if self._recording:  # made inside a part: numbered where that part is put
            return Markup("".join(text for text, _ in made))
        # Each row as this page numbers its citations: kept with the numbers it got, so that a row whose
        # part and numbers are those of last time is not numbered again.
        numbers = tuple(map(self._numbers.__getitem__, cites))
        kept = self.fragments.remembered(("numbered", key))
        if isinstance(kept, _Numbered) and kept.numbers == numbers and kept.parts is made:
            self._tell(kept.rows)
            return Markup(kept.text)
        if isinstance(kept, _Numbered) and kept.numbers == numbers and len(kept.parts) == len(made):
            rows = [
                row if part is was else self.numbered(part[0])
                for part, was, row in zip(made, kept.parts, kept.rows, strict=True)
            ]
        else:
            rows = [self.numbered(text) for text, _ in made]
        text = "".join(rows)
        self.fragments.remember(("numbered", key), _Numbered(made, numbers, rows, text))
        self._tell(rows)
        return Markup(text)

    def _tell(self, rows: list[str]) -> None:
        """Tell MkDocs' side that these rows are a table or a list of items of this page (see
        :attr:`Fragments.rows`), so that it converts them in pieces without looking for them."""
        kind = "table" if rows and rows[0].startswith("|") else "ul" if rows and rows[0].startswith("- ") else None
        if kind is not None:
            self.fragments.rows.setdefault(self.spec.uri, []).append((kind, rows))

    def told(self, items: str) -> Markup:
        """``items`` (a Markdown list, an item a line) as they are, told to MkDocs' side as a list of this page
        (see :meth:`_tell`): under ``make serve`` it is converted on its own, so that a save that changes only
        this list (a device page's "Related", when another device is renamed) leaves the rest of the page
        as it was, and its conversion is kept (:mod:`generator.serve.conversions`)."""
        rows = items.splitlines(keepends=True)
        if rows and all(row.startswith("- ") for row in rows):
            self._tell(rows)
        return Markup(items)

    def tell_raw(self, blocks: Iterable[RawHtml]) -> None:
        """Tell MkDocs' side of the raw HTML blocks this page was given (:class:`RawHtml`), as ("raw", [html])."""
        for block in blocks:
            self.fragments.rows.setdefault(self.spec.uri, []).append(("raw", [block]))

    def _made(self, macro: str, args: tuple[Any, ...]) -> tuple[str, tuple[int, ...]]:
        recording: list[int] = []
        self._recording.append(recording)
        try:
            text = str(getattr(self._macros, macro)(self, *args))
        finally:
            self._recording.pop()
        return text, tuple(recording)

    @functools.cached_property
    def _macros(self) -> Any:
        """The macros of ``_macros.md.j2``, looked up once a page: each lookup checks the file's date."""
        return self.env.get_template("_macros.md.j2").module

    def fact(
        self,
        fact: Fact[Any] | None,
        kind: str = "text",
        href: str | None = None,
        brief: bool = False,
        mark: bool = True,
    ) -> Markup:
        """One value as shown: formatted (a link when ``href`` is given, a docs-relative page path),
        with its note, a pre-launch flag, and (unless ``mark=False``) its citation mark."""
        if fact is None:
            return Markup("")
        value = formats.FORMATS[kind](fact.value)
        text = str(_link(value, self.to(href))) if href else _escape(value)
        if fact.note and not brief:
            text += f" ({_escape(fact.note)})"
        if fact.pre_launch:
            text += ' <span class="pre-launch" title="From a report published before launch">(pre-launch report)</span>'
        # Join as plain strings: str + Markup would HTML-escape the already escaped text a second time.
        return Markup(text + self._fact_mark(fact) if mark else text)

    def facts(
        self, facts: Iterable[Fact[Any]], kind: str = "text", sep: str = "<br> ", brief: bool = False, mark: bool = True
    ) -> Markup:
        """Several values in one table cell: one line each (disagreeing sources side by side), and one mark
        for the cell. The space after ``<br>`` keeps the values apart in the search index, which drops
        tags without a gap."""
        facts = list(facts)
        text = sep.join(str(self.fact(f, kind, brief=brief, mark=False)) for f in facts)
        return Markup(text + (str(self.cite(facts, kind=kind)) if mark and text else ""))

    def join(self, parts: Iterable[Markup], sep: str = ", ") -> Markup:
        """Join the non-empty rendered values of one cell."""
        return Markup(sep.join(str(part) for part in parts if part))

    def reference_list(self) -> Markup:
        """The References list, one numbered line per entry in page order: its sources, each with its
        value when they disagree (each line kept in :attr:`fragments` for the next build)."""
        order = tuple(self._numbers)
        key = ("references", self.spec.uri)
        kept = self.fragments.remembered(key)
        if kept is None or kept[0] != order:  # not the same entries in the same order
            lines = [f'{n}. <span id="ref-{n}"></span>{self._reference(number)}\n' for n, number in enumerate(order, 1)]
            kept = (order, lines, "".join(lines))
            self.fragments.remember(key, kept)
        self.fragments.rows.setdefault(self.spec.uri, []).append(("ol", kept[1]))
        return Markup(kept[2])

    def _reference(self, number: int) -> Markup:
        return self.fragments.shared(("reference", number), functools.partial(self._made_reference, number))

    def _made_reference(self, number: int) -> Markup:
        entry: Citation = self.fragments.cited(number)
        return _reference_entry(
            [(label, [self.source_line(self.catalogue.sources[s]) for s in ids]) for label, ids in entry]
        )

    def source_line(self, source: Source) -> Markup:
        """:func:`source_line`, made once a build for each source: reference entries of many pages name it
        (35,000 lines for 4,500 sources at 5,000 devices)."""
        return self.fragments.shared(("source-line", source.id), functools.partial(source_line, source))

    def seen_note(self, source: Source) -> str:
        """What of a source's title, publisher and date was seen in the page itself, in words."""
        return seen_note(source)

    # Links -----------------------------------------------------------------------------------
    def link(self, section: str, entity_id: str, text: str | None = None) -> Markup:
        name = text or self.name(section, entity_id)
        folder = self._folder_links.get(section)
        if folder is None:  # (once a section: a list page links to thousands of entries of a few sections)
            folder = self._folder_links[section] = folder_link(self.spec.uri, section)
        return _link(name, f"{folder}{entity_id}.md")  # what source_link gives: an id is a slug, no / nor ..

    def links(self, section: str, items: Iterable[Any], sep: str = ", ", numbered: bool = False) -> Markup:
        """Links to many entities of a section, joined by ``sep``: entries, or what holds one (``.entry``), or
        with ``numbered``, (number, entry) pairs, each written ``n. name``."""
        if numbered:
            return Markup(sep.join(f"{n}. {self.link(section, e.id)}" for n, e in items))
        return Markup(sep.join(str(self.link(section, getattr(i, "entry", i).id)) for i in items))

    def devices_or_count(
        self,
        devices: Sequence[Any],
        finder: Mapping[str, str],
        heading: str,
        anchor: str,
        sep: str = ", ",
        numbered: bool = False,
    ) -> Markup:
        """Links to the devices (as :meth:`links`); or, beyond :data:`LINKS_AT_MOST` of them, their count,
        linked to the list of devices with the ``finder``'s filters set, and a link to the heading of this
        page (its text and ``anchor``) under which each of them is listed."""
        if len(devices) <= LINKS_AT_MOST:
            return self.links("devices", devices, sep, numbered)
        count = self.link_uri("devices/index.md", f"{len(devices)} devices", urlencode(finder))
        return Markup(f"{count}, each listed under {_link(heading, '#' + anchor)} below")

    def attr(self, value: object) -> Markup:
        """Text inside raw HTML (an attribute or an element of a form): HTML-escaped, never Markdown."""
        return Markup(html.escape(" ".join(str(value).split()), quote=True))

    def link_uri(self, uri: str, text: str, query: str = "") -> Markup:
        """A link to any page, given by its path relative to docs/ (with a query string, if given)."""
        return _link(text, self.to(uri) + (f"?{query}" if query else ""))

    def device_tags(self, device: Device) -> list[str]:
        return device_tags(self.catalogue, device)

    def name(self, section: str, entity_id: str) -> str:
        return self.catalogue.display_name(section, entity_id)

    def to(self, uri: str) -> str:
        return source_link(self.spec.uri, uri)


def _mark_text(n: int) -> str:
    """The mark of a page's ``n``-th reference, linked to it in the References list."""
    return f'<sup class="cite" data-search-exclude>[\\[{n}\\]](#ref-{n})</sup>'


@dataclass(frozen=True)
class _Numbered:
    """A list's rows as a page numbered their citations, and what they were numbered from."""

    parts: list[tuple[str, tuple[int, ...]]]
    numbers: tuple[int, ...]
    rows: list[str]
    text: str


_ENTRY_ID, _ENTRY_MODEL = operator.attrgetter("entry.id"), operator.attrgetter("entry.model")


def _ids_and_models(items: list[Any], fragments: Fragments) -> tuple[list[str], list[Any]]:
    """How the items of :meth:`Page.each` are known: entries by id, with their models; what is made from one
    entry alone (a device's main sensor: it has ``.entry``) as that entry; sources by id, as themselves."""
    if not items:
        return [], []
    # (attrgetter: a step of C, not of Python, per item of thousands.)
    if isinstance(items[0], Entry):
        return fragments.ids_and_models(items, ID_OF, MODEL_OF)
    if isinstance(getattr(items[0], "entry", None), Entry):
        return fragments.ids_and_models(items, _ENTRY_ID, _ENTRY_MODEL)
    if isinstance(items[0], Source):
        return fragments.ids_and_models(items, ID_OF, None)
    raise TypeError(f"not an item of a list: {items[0]!r}")


def _reference_entry(parts: list[tuple[str | None, list[Markup]]]) -> Markup:
    """A reference entry from its groups of sources (each as its :func:`source_line`)."""
    lines = []
    for label, sources in parts:
        text = "; ".join(map(str, sources))
        lines.append(f"{_escape(label)}: {text}" if label is not None else text)
    return Markup(" · ".join(lines))


def source_line(source: Source) -> Markup:
    """A source as a reference list shows it: its title (bracketed when supplied) linked, then publisher,
    date and language. Hand-written pages' footnotes use the same text (tests/test_sources_seen.py)."""
    date = f", {formats.date(source.date)}" if source.date else ""
    lang = f" (in {LANGUAGES.get(source.language, source.language)})" if source.language != "en" else ""
    return Markup(f"{link(source_title(source), str(source.url))} — {md_escape(source.publisher + date + lang)}")


def source_title(source: Source) -> str:
    """A source's title as shown: as seen, or (supplied by the site) as a description in square brackets."""
    return source.title if source.title_seen else f"[{source.title}]"


def seen_note(source: Source) -> str:
    """``Seen in the page itself: title and date; publisher supplied.`` (or nothing seen)."""

    def words(names: Sequence[str]) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    seen = [name for name in ("title", "publisher", "date") if name in source.seen]
    supplied = [name for name in ("title", "publisher", "date") if name not in source.seen]
    if not seen:
        return "Nothing seen in the page itself: title, publisher and date supplied."
    return f"Seen in the page itself: {words(seen)}" + (f"; {words(supplied)} supplied." if supplied else ".")


LANGUAGES = {"de": "German", "it": "Italian", "fr": "French", "ja": "Japanese", "zh": "Chinese", "nl": "Dutch"}


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter; values are JSON, which YAML reads as-is, so no data can break out of it.
    Text is HTML-escaped: MkDocs' templates treat a page's meta values as HTML."""
    lines = [f"{key}: {json.dumps(_meta_text(value), ensure_ascii=False)}" for key, value in meta.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _meta_text(value: Any) -> Any:
    if isinstance(value, str):
        return html_text(value)
    if isinstance(value, list | tuple):
        return [_meta_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _meta_text(v) for k, v in value.items()}
    return value


def render(spec: PageSpec, catalogue: Catalogue, env: jinja2.Environment, fragments: Fragments | None = None) -> str:
    page = Page(spec, catalogue, env, fragments)
    context = spec.context() if callable(spec.context) else spec.context
    body = page.numbered(env.get_template(spec.template).render(p=page, catalogue=catalogue, **context))
    page.tell_raw(value for value in context.values() if isinstance(value, RawHtml))
    source = spec.data_file or "data/"
    meta = {**page.meta, "generated_from": source}
    header = f"<!-- Generated by `{GENERATOR}` from {source}: edit that, not this file. -->\n"
    text = front_matter(meta) + header + body
    if fragments is not None and fragments.keep:
        fragments.texts[spec.uri] = text
    return text


def output(spec: PageSpec, catalogue: Catalogue, env: jinja2.Environment, fragments: Fragments | None = None) -> bytes:
    """The bytes of one generated file: its content as given or made by its function, else its page rendered."""
    if spec.content is None:
        return render(spec, catalogue, env, fragments).encode()
    return spec.content() if callable(spec.content) else spec.content
