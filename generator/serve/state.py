"""What the MkDocs plugin keeps between the rebuilds of ``mkdocs serve --dirty``, so that a save of a data
file renders only the pages whose bytes it changes, and the site served afterwards is the one a fresh
``mkdocs build`` of the same files gives.

A save that changed data files alone, and no page's coming or going, is built in place
(:mod:`generator.serve.patch`). Any other save goes through MkDocs' own dirty rebuild, which skips reading
and building a page whose ``File.is_modified()`` is false and leaves the rest to plugins. Left alone, that
is wrong in these ways, each put right here:

- A skipped page has no Markdown, so no title: the navigation and the footer of the pages that are built
  would lose it. Its title and front matter are restored from the previous build.
- Material's search plugin merges its index as if one page changed per rebuild: here its index is written
  from entries kept page by page (:mod:`generator.serve.search`).
- A hand-written page may show figures drawn from the data (``{ .ll-figure-ref }``): it is built
  again when what the plugin puts in for them changes.
- Nothing removes the files of a page whose data was deleted: the files the previous build wrote and
  this one no longer has are removed from the site folder.

What is kept is rebuilt from scratch (every page built) on the first build, after a failed build, and
when anything but data/ changed: mkdocs.yml, a file in docs/ (hand-written pages, stylesheets), the
theme's overrides or the generator's templates.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.catalogue.checking import ReadCache
from generator.serve.builds import KeptBuilds
from generator.serve.conversions import Conversions
from generator.serve.patch import Site, plugin_of
from generator.serve.pieces import TableCache
from generator.serve.search import SearchEntries
from generator.serve.templates import CompiledTemplates
from generator.site.build import RenderMemo
from generator.site.render import TEMPLATES
from generator.speed.memory import freeze_survivors

log = logging.getLogger("mkdocs.plugins.lens_lineage")

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
class PageState:
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
        self.conversions = Conversions()
        self.builds = KeptBuilds(self.tables)
        self.templates = CompiledTemplates()
        self.search = SearchEntries()
        self.outputs: dict[str, bytes] = {}
        """The generated files of the build under way (set by the plugin's ``on_files``)."""
        self.full = True
        """Whether this build builds every page."""
        self.previous: dict[str, bytes] = {}
        """The generated files the site now holds."""
        self.pages: dict[str, PageState] = {}
        """Every page's title and front matter, as the site now shows them."""
        self.placed: dict[str, str] = {}
        """Each hand-written page that shows figures from the data, as it reads with them put in."""
        self.site: Site | None = None
        """What the last build made, when a data save may be built in place (:mod:`generator.serve.patch`)."""
        self.built_pages: set[str] = set()
        self.in_place = False
        """Whether a data save is being built in place (:mod:`generator.serve.patch`)."""
        self._inputs: tuple[Any, ...] | None = None
        self._dests: set[str] = set()
        self._files: Files | None = None
        self._nav: Navigation | None = None
        self._pending_inputs: tuple[Any, ...] | None = None
        self._nav_setting: Any = None
        self._placed_now: dict[str, str] = {}
        self._frozen = False

    def start(self, *, incremental: bool) -> None:
        self.incremental = incremental
        if incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyWarning())

    def only_data_changed(self, config: MkDocsConfig) -> bool:
        """Whether nothing but data/ changed since the last build that succeeded."""
        return self._inputs is not None and _inputs(config) == self._inputs

    # on_files -----------------------------------------------------------------------------------------

    def begin(self, config: MkDocsConfig) -> None:
        """Before the pages are generated: whether this build builds every page (and renders every page)."""
        self.built_pages = set()
        self.site = None
        self._nav_setting = config.nav
        self._pending_inputs = _inputs(config)
        self.full = not self.incremental or self._pending_inputs != self._inputs
        self.conversions.clear()  # (kept for the saves built in place after this build: see Conversions)
        self.builds.clear()
        if self.full:
            self.memo.clear()
            self.tables.clear()

    def mark_modified(self, files: Files, place_figures: Callable[[str, str], str]) -> None:
        """Decide what this build builds: everything, or the generated files whose bytes changed (and the
        hand-written pages whose figures, drawn from the data by ``place_figures(markdown, uri)``, changed,
        and when pages came or went, every hand-written page)."""
        self._files = files
        for file in self.placed_again(files.documentation_pages(), place_figures):
            if not self.full:
                file.is_modified = _always_modified  # type: ignore[method-assign]
        appeared = set(self.outputs) ^ set(self.previous)
        listed = _nav_paths(self._nav_setting)
        if appeared and not self.full and (listed is None or appeared & listed):
            self.full = True  # a page listed in the navigation came or went: every page shows it
        changed_page = False
        for file in files:
            if isinstance(file, GeneratedFile):
                file.modified = self.full or self.previous.get(file.src_uri) != self.outputs.get(file.src_uri)
                changed_page |= file.modified and file.src_uri.endswith(".md")
            elif self.full:
                file.is_modified = _always_modified  # type: ignore[method-assign]
        if self.incremental and not self.full and changed_page and appeared:
            for file in files.documentation_pages():
                # A hand-written page links to generated ones: when pages come or go, build it again (a
                # link to a page that is gone would not be made).
                if not isinstance(file, GeneratedFile):
                    file.is_modified = _always_modified  # type: ignore[method-assign]

    def placed_again(self, pages: Sequence[File], place_figures: Callable[[str, str], str]) -> list[File]:
        """The hand-written pages (of the site's ``pages``) whose figures from the data (put in by
        ``place_figures``) read otherwise than the site shows them."""
        self._placed_now = {}
        changed = []
        for file in pages:
            if not isinstance(file, GeneratedFile) and file.abs_src_path:
                text = _text(file)
                if FIGURE_REF in text:
                    self._placed_now[file.src_uri] = place_figures(text, file.src_uri)
                    if self._placed_now[file.src_uri] != self.placed.get(file.src_uri):
                        changed.append(file)
        return changed

    # on_nav, on_env -------------------------------------------------------------------------------------

    def navigation(self, nav: Navigation) -> None:
        self._nav = nav

    def restore_skipped_pages(self, files: Files) -> None:
        """Give each page MkDocs skipped its title and front matter from the previous build."""
        if self.full:
            return
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            state = self.pages.get(file.src_uri)
            if state is None:  # cannot happen: a page is skipped only after it was built
                raise RuntimeError(f"{file.src_uri} was skipped but never built; restart mkdocs serve")
            page.markdown = ""
            page.meta = state.meta
            # What Page.title falls back to after the front matter; MkDocs has no public way to set it.
            page._title_from_render = state.title  # noqa: SLF001

    # on_page_context ------------------------------------------------------------------------------------

    def built(self, page: Page) -> None:
        self.built_pages.add(page.file.src_uri)

    # on_post_build ---------------------------------------------------------------------------------------

    def before_search_index(self, config: MkDocsConfig) -> None:
        """Tell the search index the pages of the site, in order: it writes the entries of each."""
        search = plugin_of(config, "SearchPlugin")
        if search is not None and self._files is not None:
            search.search_index.urls = [f.page.url for f in self._files.documentation_pages() if f.page]

    def finish(self, config: MkDocsConfig, env: Any) -> None:
        """Remove the files of deleted pages, and keep this build for the next."""
        files = self._files
        assert files is not None
        pages = [f for f in files.documentation_pages() if f.page is not None]
        dests = {f.abs_dest_path for f in files}
        if self.incremental:
            for stale in sorted(self._dests - dests):
                Path(stale).unlink(missing_ok=True)
                _remove_empty_parents(Path(stale).parent, Path(config.site_dir))
        self._dests = dests
        self.log_built(len(pages), "everything: not only data changed" if self.full else "")
        self.pages = {f.src_uri: PageState(dict(f.page.meta), f.page.title) for f in pages if f.page}
        self.previous = self.outputs
        self._inputs = self._pending_inputs
        self.placed = self._placed_now
        self.tables.end_build()
        self.conversions.end_build()
        if self.incremental and self._nav is not None and env is not None:
            self.site = Site(config, files, self._nav, env)
        if self.incremental and not self._frozen:
            freeze_survivors()
            self._frozen = True

    def patched(self, outputs: dict[str, bytes], site: Site, seconds: float, ahead: float | None = None) -> None:
        """After a data save built in place (in ``seconds``; from reading the data, or after ``ahead`` seconds
        of reading and rendering begun before the build: see :mod:`generator.serve.head_start`): keep it
        for the next."""
        self.outputs = self.previous = outputs
        for uri in self.built_pages:
            file = site.files.get_file_from_path(uri)
            if file is not None and file.page is not None:
                self.pages[uri] = PageState(dict(file.page.meta), file.page.title)
        self.built_pages.update(self.builds.reused)
        self.placed = self._placed_now
        begun = f"; {ahead:.2f} s of reading and rendering begun ahead" if ahead is not None else ""
        self.log_built(len(self.pages), f"only what the data save changed, in {seconds:.2f} s{begun}")
        self.tables.end_build()
        self.conversions.end_build()
        self.builds.end_build()

    def log_built(self, total: int, why: str = "") -> None:
        if self.incremental:
            log.info(f"Pages built: {len(self.built_pages)} of {total}{f' ({why})' if why else ''}")
            log.info(
                f"Markdown pieces: {self.tables.converted} converted, {self.tables.reused} kept; "
                f"figures set aside: {self.tables.figures}; search entries: {self.search.parsed} made, "
                f"{self.search.kept + len(self.builds.reused)} kept; pages' Markdown kept: {self.conversions.kept}, "
                f"their HTML: {len(self.builds.reused)}"
            )

    def failed(self) -> None:
        """After a failed build the site folder may hold some of its pages: build every page next time."""
        self._inputs = None
        self.site = None


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
