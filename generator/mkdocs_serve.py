"""What the MkDocs plugin keeps between the rebuilds of ``mkdocs serve --dirty``, so that a save of a data
file renders only the pages whose bytes it changes, and the site served afterwards is the one a fresh
``mkdocs build`` of the same files gives.

MkDocs' dirty mode skips reading and building a page whose ``File.is_modified()`` is false, and leaves the
rest to plugins. Left alone, that is wrong in these ways, each put right here:

- A skipped page has no Markdown, so no title: the navigation and the footer of the pages that are built
  would lose it. Its title and front matter are restored from the previous build.
- The tags plugin lists only the pages it read in this build. Skipped pages are handed to it (in page
  order, before it fills its listings), and a page holding a tags listing is built whenever a generated
  page changes.
- Material's search plugin merges its index as if one page changed per rebuild (it drops the previous
  entries of the first page built, by prefix, and keeps every other). Here it writes this build's
  entries only, and the index is merged page by page: entries of built pages replaced, of deleted pages
  dropped, in page order, as a full build writes them.
- A hand-written page may show figures drawn from the data (``{ .ll-figure-ref }``): it is built
  again when what the plugin puts in for them changes.
- Nothing removes the files of a page whose data was deleted: the files the previous build wrote and
  this one no longer has are removed from the site folder.

What is kept is rebuilt from scratch (every page built) on the first build, after a failed build, and
when anything but data/ changed: mkdocs.yml, a file in docs/ (hand-written pages, stylesheets), the
theme's overrides or the generator's templates.
"""

from __future__ import annotations

import json
import logging
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markdown  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor  # noqa: PLC2701 (see _converter)

from generator.catalogue.checking import ReadCache
from generator.site.build import RenderMemo
from generator.site.render import TEMPLATES
from generator.speed.memory import freeze_survivors

log = logging.getLogger("mkdocs.plugins.lens_lineage")

TAGS_LISTING = "<!-- material/tags"
"""How a page asks the tags plugin for a listing of tagged pages."""
FIGURE_REF = ".ll-figure-ref"
"""How a hand-written page asks for a figure drawn from the data (``site.hand_written.place_figures``)."""


class GeneratedFile(File):
    """A generated file (``File.generated``) that MkDocs builds again only when ``modified`` says so."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def _always_modified() -> bool:
    return True


@dataclass
class _PageState:
    """What the navigation, the footer and the tags listing need of a page MkDocs skips."""

    meta: dict[str, Any]
    title: str | None


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be wrong; here it is not (see the module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class ServeState:
    """See the module's docstring."""

    def __init__(self) -> None:
        self.incremental = False
        self.reads = ReadCache()
        self.memo = RenderMemo()
        self.tables = TableCache()
        self.templates = CompiledTemplates()
        self.outputs: dict[str, bytes] = {}
        """The generated files of the build under way (set by the plugin's ``on_files``)."""
        self.full = True
        """Whether this build builds every page."""
        self._previous: dict[str, bytes] = {}
        self._inputs: tuple[Any, ...] | None = None
        self._pages: dict[str, _PageState] = {}
        self._search: dict[str, list[dict[str, Any]]] = {}
        self._dests: set[str] = set()
        self._built: set[str] = set()
        self._files: Files | None = None
        self._pending_inputs: tuple[Any, ...] | None = None
        self._nav: Any = None
        self._placed: dict[str, str] = {}
        self._placed_before: dict[str, str] = {}
        self._frozen = False

    def start(self, *, incremental: bool) -> None:
        self.incremental = incremental
        if incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyWarning())

    # on_files -----------------------------------------------------------------------------------------

    def begin(self, config: MkDocsConfig) -> None:
        """Before the pages are generated: whether this build builds every page (and renders every page)."""
        self._built = set()
        self._nav = config.nav
        self._pending_inputs = _inputs(config)
        self.full = not self.incremental or self._pending_inputs != self._inputs
        if self.full:
            self.memo.clear()
            self.tables.clear()

    def mark_modified(self, files: Files, place_figures: Any) -> None:
        """Decide what this build builds: everything, or the generated files whose bytes changed (and the
        tags listings, when any generated page changed, and the hand-written pages whose figures, drawn
        from the data by ``place_figures(markdown, uri)``, changed)."""
        self._files = files
        self._placed = {}
        for file in files.documentation_pages():
            if not isinstance(file, GeneratedFile) and file.abs_src_path:
                text = _text(file)
                if FIGURE_REF in text:
                    self._placed[file.src_uri] = place_figures(text, file.src_uri)
                    if not self.full and self._placed[file.src_uri] != self._placed_before.get(file.src_uri):
                        file.is_modified = _always_modified  # type: ignore[method-assign]
        appeared = set(self.outputs) ^ set(self._previous)
        listed = _nav_paths(self._nav)
        if appeared and not self.full and (listed is None or appeared & listed):
            self.full = True  # a page listed in the navigation came or went: every page shows it
        changed_page = False
        for file in files:
            if isinstance(file, GeneratedFile):
                file.modified = self.full or self._previous.get(file.src_uri) != self.outputs.get(file.src_uri)
                changed_page |= file.modified and file.src_uri.endswith(".md")
            elif self.full:
                file.is_modified = _always_modified  # type: ignore[method-assign]
        if self.incremental and not self.full and changed_page:
            for file in files.documentation_pages():
                # A hand-written page links to generated ones: when pages come or go, build it again (a
                # link to a page that is gone would not be made); a tags listing lists every page's title.
                if not isinstance(file, GeneratedFile) and (appeared or _holds_tags_listing(file)):
                    file.is_modified = _always_modified  # type: ignore[method-assign]

    # on_env --------------------------------------------------------------------------------------------

    def restore_skipped_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Give each page MkDocs skipped its title and front matter from the previous build, and hand every
        tagged page to the tags plugin in page order."""
        if self.full:
            return
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            state = self._pages.get(file.src_uri)
            if state is None:  # cannot happen: a page is skipped only after it was built
                raise RuntimeError(f"{file.src_uri} was skipped but never built; restart mkdocs serve")
            page.markdown = ""
            page.meta = state.meta
            # What Page.title falls back to after the front matter; MkDocs has no public way to set it.
            page._title_from_render = state.title  # noqa: SLF001
        tags = _plugin(config, "TagsPlugin")
        mappings = getattr(tags, "mappings", None)
        if tags is None or mappings is None or not getattr(tags.config, "enabled", False):
            return
        known = dict(mappings.data)
        mappings.data.clear()
        for file in files.documentation_pages():
            page = file.page
            if page is None or not tags.filter(file):
                continue
            if page.url in known:
                mappings.data[page.url] = known[page.url]
            elif file.src_uri not in self._built:
                mappings.add(page, page.markdown or "")

    # on_page_context ------------------------------------------------------------------------------------

    def built(self, page: Page) -> None:
        self._built.add(page.file.src_uri)

    # on_post_build ---------------------------------------------------------------------------------------

    def before_search_index(self, config: MkDocsConfig) -> None:
        """Let the search plugin write this build's entries alone; :meth:`finish` merges them."""
        search = _plugin(config, "SearchPlugin")
        if search is not None and hasattr(search, "search_index_prev"):
            search.search_index_prev = None

    def finish(self, config: MkDocsConfig, tidy: Any) -> None:
        """Merge the search index, remove the files of deleted pages, and keep this build for the next."""
        files = self._files
        assert files is not None
        pages = [f for f in files.documentation_pages() if f.page is not None]
        self._merge_search_index(Path(config.site_dir) / "search" / "search_index.json", pages, tidy)
        dests = {f.abs_dest_path for f in files}
        if self.incremental:
            for stale in sorted(self._dests - dests):
                Path(stale).unlink(missing_ok=True)
                _remove_empty_parents(Path(stale).parent, Path(config.site_dir))
        self._dests = dests
        if self.incremental:
            log.info(
                f"Pages built: {len(self._built)} of {len(pages)}"
                f"{' (everything: not only data changed)' if self.full else ''}"
            )
            log.info(
                f"Markdown pieces: {self.tables.converted} converted, {self.tables.reused} kept; "
                f"figures set aside: {self.tables.figures}"
            )
        self._pages = {f.src_uri: _PageState(dict(f.page.meta), f.page.title) for f in pages if f.page}
        self._previous = self.outputs
        self._inputs = self._pending_inputs
        self._placed_before = self._placed
        self.tables.end_build()
        if self.incremental and not self._frozen:
            freeze_survivors()
            self._frozen = True

    def failed(self) -> None:
        """After a failed build the site folder may hold some of its pages: build every page next time."""
        self._inputs = None

    def _merge_search_index(self, path: Path, pages: list[File], tidy: Any) -> None:
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
            docs = index["docs"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # no search plugin, or an index of another shape: left as it is
        fresh: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            fresh.setdefault(str(doc["location"]).split("#", 1)[0], []).append(doc)
        merged: dict[str, list[dict[str, Any]]] = {}
        for file in pages:
            assert file.page is not None
            url = file.page.url
            if self.full or file.src_uri in self._built:
                merged[url] = fresh.get(url, [])
            else:
                merged[url] = self._search.get(url, [])
        self._search = merged
        index["docs"] = [doc for entries in merged.values() for doc in entries]
        tidy(index["docs"])
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def _plugin(config: MkDocsConfig, class_name: str) -> Any:
    """The configured plugin of that class (Material's search or tags plugin), if any."""
    for plugin in config.plugins.values():
        if type(plugin).__name__ == class_name:
            return plugin
    return None


def _nav_paths(nav: Any) -> set[str] | None:
    """The docs paths that the ``nav`` setting names (None: it is not set, so it lists every page)."""
    if nav is None:
        return None
    found: set[str] = set()
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _text(file: File) -> str:
    try:
        return Path(str(file.abs_src_path)).read_text(encoding="utf-8")
    except (OSError, ValueError, TypeError):
        return ""


def _holds_tags_listing(file: File) -> bool:
    return TAGS_LISTING in _text(file)


def _inputs(config: MkDocsConfig) -> tuple[Any, ...]:
    """Everything but data/ that pages are made from, as (path, size, mtime): mkdocs.yml, the files of
    docs/ and of the theme's custom folder, and the generator's templates."""
    stamps: list[tuple[str, int, int]] = []
    folders = [Path(config.docs_dir), TEMPLATES]
    custom = config.theme.custom_dir
    if custom:
        folders.append(Path(custom))
    for folder in folders:
        for dirpath, _dirnames, filenames in os.walk(folder):
            for name in filenames:
                full = os.path.join(dirpath, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                stamps.append((full, st.st_size, st.st_mtime_ns))
    config_file = Path(config.config_file_path)
    return (config_file.read_bytes() if config_file.is_file() else b"", tuple(sorted(stamps)))


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between rebuilds: MkDocs makes a new Jinja
    environment for every build, which compiled Material's templates again each time (about half a second
    here). Jinja checks each template's source against the checksum it was compiled from, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_GOES_ON = r"(?![-*+] |\d+\. |#|\||>|```|~~~|<(?:div|figure|table|p|ul|ol|dl|h[1-6]|pre|details|script|style|hr)\b)"
"""A line that goes on with a list item's text (Markdown's lazy continuation): one that starts no list
item, heading, table, quote, fence or block of HTML."""


class TableCache:
    """Large Markdown tables and lists of generated pages, converted to HTML a few rows at a time, each
    piece kept for the next rebuild of ``mkdocs serve``, so that renaming one device does not convert
    again the whole table of every device on the list pages, nor every source on the sources page
    (Python-Markdown's inline patterns are most of a list page's cost: seconds at 5,000 devices); and the
    figures (raw HTML), which are not converted at all.

    Used under ``serve --dirty`` only; ``mkdocs build`` converts pages whole, and the serve tests check that
    both give the same bytes. A block is converted in pieces as it would be whole: Python-Markdown makes
    each row of a table on its own, from the row's text and the column alignments (the header and the
    separator line), and each item of a tight list (no blank line between items; an item may go on over
    lines of its own, as the sources page's do) from its lines; links are made relative to the page as
    MkDocs does (its tree processor), and the ids inside are added to the page's anchors. Pieces end where
    a row's hash says (content-defined), so inserting a row changes one piece, not all after it.

    A figure is a raw HTML block (``<figure>`` … ``</figure>`` with no blank line inside and no
    ``markdown`` attribute), which Python-Markdown passes through as it is, after parsing every tag of it
    twice (MkDocs' anchor finder, then its own block parser): thousands of markers in the list figures.
    Here it is set aside before the conversion and put back as it is.
    """

    MIN_ROWS = 16
    """Blocks with fewer rows are left to the page's own conversion."""
    _BLOCKS = (
        # (kind, block, the line(s) every piece starts with, how many, where each row starts (lists), the
        # converted piece)
        (
            "table",
            re.compile(r"(?:(?<=\n\n)|\A)(\|[^\n]*\|\n\|(?: *:?-+:? *\|)+\n(?:\|[^\n]*(?:\n|\Z))+)(?=\n|\Z)"),
            2,
            None,
            # (The table inside the wrappers of generator/site/tables.py.)
            re.compile(
                r"(<div[^>]*>\n<div[^>]*>\n<table[^>]*>\n<thead>\n.*?\n</thead>\n<tbody>\n)(.*)(\n</tbody>\n</table>\n</div>\n</div>)",
                re.S,
            ),
        ),
        (
            "ul",
            # Items of one line or more: an item's later lines start no block of their own (see _GOES_ON).
            re.compile(rf"(?:(?<=\n\n)|\A)((?:- [^\n]*(?:\n|\Z)(?:{_GOES_ON}[^\n]+(?:\n|\Z))*)+)(?=\n|\Z)"),
            0,
            re.compile(r"^- ", re.M),
            re.compile(r"(<ul>\n)(<li>.*</li>)(\n</ul>)", re.S),
        ),
        (
            "ol",
            re.compile(rf"(?:(?<=\n\n)|\A)((?:\d+\. [^\n]*(?:\n|\Z)(?:{_GOES_ON}[^\n]+(?:\n|\Z))*)+)(?=\n|\Z)"),
            0,
            re.compile(r"^\d+\. ", re.M),
            re.compile(r"(<ol>\n)(<li>.*</li>)(\n</ol>)", re.S),
        ),
    )
    _FIGURE = re.compile(r"(?:(?<=\n\n)|\A)(<figure\b[^\n]*>\n(?:(?!</figure>)[^\n]+\n)*</figure>(?:\n|\Z))(?=\n|\Z)")
    _ID = re.compile(r'\sid="([^"]+)"')

    def __init__(self) -> None:
        self._pieces: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        self._used: set[tuple[str, str, str]] = set()
        self._pending: dict[str, list[tuple[str, bool]]] = {}
        self.converted = 0
        self.reused = 0
        self.figures = 0

    def clear(self) -> None:
        self._pieces.clear()

    def take_out(self, markdown_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's Markdown with each large block replaced by a placeholder (see :meth:`put_back`)."""
        blocks: list[tuple[str, bool]] = []  # (HTML, whether it was raw HTML)
        converter: Any = None

        def set_aside(found: re.Match[str]) -> str:
            if "markdown=" in found.group(1):  # md_in_html converts what it holds
                return found.group(0)
            blocks.append((found.group(1).rstrip("\n"), True))
            self.figures += 1
            return f'<div data-ll-block="{len(blocks) - 1}"></div>\n'

        markdown_text = self._FIGURE.sub(set_aside, markdown_text)
        for kind, pattern, head_lines, row_start, converted in self._BLOCKS:

            def replace(
                found: re.Match[str],
                kind: str = kind,
                head_lines: int = head_lines,
                row_start: re.Pattern[str] | None = row_start,
                converted: re.Pattern[str] = converted,
            ) -> str:
                nonlocal converter
                text = found.group(1).rstrip("\n")
                if row_start is None:
                    lines = text.split("\n")
                    head, rows = "".join(line + "\n" for line in lines[:head_lines]), lines[head_lines:]
                else:
                    starts = [m.start() for m in row_start.finditer(text)] + [len(text)]
                    head, rows = "", [text[a:b].rstrip("\n") for a, b in zip(starts, starts[1:], strict=False)]
                if len(rows) < self.MIN_ROWS:
                    return found.group(0)
                if converter is None:
                    converter = _converter(page, config, files)
                html = self._convert(page.file.src_uri, kind, head, rows, converter, converted)
                if html is None:
                    return found.group(0)
                blocks.append((html, False))
                return f'<div data-ll-block="{len(blocks) - 1}"></div>\n'

            markdown_text = pattern.sub(replace, markdown_text)
        if blocks:
            self._pending[page.file.src_uri] = blocks
        return markdown_text

    def put_back(self, html: str, page: Page) -> str:
        blocks = self._pending.pop(page.file.src_uri, None)
        for i, (block, raw) in enumerate(blocks or []):
            placeholder = f'<div data-ll-block="{i}"></div>'
            # Python-Markdown follows a raw HTML block (the placeholder, a figure) by a blank line, a table
            # or list by a line break.
            if not raw and placeholder + "\n\n" in html:
                html = html.replace(placeholder + "\n\n", block + "\n", 1)
            else:
                html = html.replace(placeholder, block, 1)
            if page.present_anchor_ids is not None:  # as the page's own conversion would have found them
                page.present_anchor_ids |= set(self._ID.findall(block))
        return html

    def end_build(self) -> None:
        """Keep only the pieces this build used."""
        self._pieces = {key: value for key, value in self._pieces.items() if key in self._used}
        self._used = set()
        self._pending.clear()
        self.converted = self.reused = self.figures = 0

    def _convert(
        self, uri: str, kind: str, head: str, rows: list[str], converter: Any, converted: re.Pattern[str]
    ) -> str | None:
        bodies, frame = [], None
        for piece in _pieces(rows):
            key = (uri, kind + "\n" + head, piece)
            found = self._pieces.get(key)
            if found is None:
                converter.reset()
                match = converted.fullmatch(converter.convert(head + piece))
                if match is None:
                    return None
                found = self._pieces[key] = (match.group(1), match.group(2), match.group(3))
                self.converted += 1
            else:
                self.reused += 1
            self._used.add(key)
            frame = frame or (found[0], found[2])
            bodies.append(found[1])
        if frame is None:
            return None
        return frame[0] + "\n".join(bodies) + frame[1]


def _pieces(rows: list[str], most: int = 64) -> list[str]:
    """Rows joined into pieces of up to ``most`` rows, cut after a row whose CRC says so (1 in 16)."""
    pieces, current = [], []
    for row in rows:
        current.append(row)
        if len(current) >= most or zlib.crc32(row.encode("utf-8")) % 16 == 0:
            pieces.append("\n".join(current))
            current = []
    if current:
        pieces.append("\n".join(current))
    return pieces


def _converter(page: Page, config: MkDocsConfig, files: Files) -> Any:
    """A Markdown converter set up as MkDocs sets up the page's own (``Page.render``): the site's
    extensions, and links made relative to this page."""
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    # MkDocs' own link processor, private: there is no public way to convert Markdown as a page would. If
    # MkDocs changes it, the serve tests (served pages equal a fresh build's) fail.
    _RelativePathTreeprocessor(page.file, files, config)._register(md)  # noqa: SLF001
    return md
