"""A save that changed data files alone, built in place in the site the last build made.

MkDocs' own rebuild (even ``--dirty``) makes every file and page object of the site again, lays out the
navigation, renders the sitemap and every page's tags, and walks every page twice: at 5,000 devices over a
second before the first changed page is built. When a save changed only data files and no page came or
went, the navigation, the sitemap and the links between pages are what they were, and none of that is
needed: the pages whose Markdown changed are read and built again with the last build's files,
navigation and theme, through MkDocs' own page functions (so every plugin's page events run as in a
build), the other generated files that changed are written, and the search index is written from the
entries kept page by page
(:mod:`generator.serve.search`). What it writes is what a whole build writes: ``tests/test_serve.py``
compares the served site with a fresh build after each kind of save.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.utils
from mkdocs.commands.build import _build_page, _populate_page  # noqa: PLC2701 (see the module's docstring)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from generator.serve.builds import KeptBuilds


@dataclass
class Site:
    """What the last build made, that a data save is built into."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    date: str = field(default_factory=get_build_date)
    """The day the build is dated (the sitemap's): a build on another day is a whole one."""

    def current(self) -> bool:
        return self.date == get_build_date()

    @functools.cached_property
    def doc_files(self) -> Sequence[File]:
        """The site's pages: the same files while saves are built in place (none comes or goes), so listed
        once, not twice a save (5,000 files asked whether they are included)."""
        return self.files.documentation_pages()

    @functools.cached_property
    def urls(self) -> list[str]:
        """The address of every page, in order (what the search index is written in)."""
        return [file.page.url for file in self.doc_files if file.page]


def build_in_place(
    site: Site, pages: list[Page], files: list[File], finish: Callable[[bytes, str], bytes], builds: KeptBuilds
) -> bool:
    """Read and build ``pages`` again and write ``files``; False (having written nothing) when a page the
    navigation shows got another title, which every page shows: that needs a whole build. ``finish(html,
    path)`` gives the bytes of a page MkDocs writes to ``path`` (the blocks put back: see
    :meth:`~generator.serve.pieces.TableCache.written`). A page the theme would make the same HTML of as
    last time is written from that (``builds``: see :mod:`generator.serve.builds`)."""
    config, nav = site.config, site.nav
    before = {page.file.src_uri: page.title for page in pages}
    for page in pages:
        _populate_page(page, config, site.files)
    if any(page in nav.pages and page.title != before[page.file.src_uri] for page in pages):
        return False
    doc_files = site.doc_files
    with _pages_written_over(finish, builds.written):
        for page in pages:
            made_from = builds.made_from(page)
            html = builds.html(page, made_from)
            if html is not None:
                mkdocs.utils.write_file(html, page.file.abs_dest_path)
                continue
            _build_page(page, config, doc_files, nav, site.env)
            builds.keep(page, made_from)
    for file in files:
        if file.generated_by is not None:  # (its bytes are in memory: File.generated)
            written_over(file.content_bytes, file.abs_dest_path)
        else:
            file.copy_file()
    anchors = config.validation.links.anchors
    for page in pages:
        page.validate_anchor_links(files=site.files, log_level=anchors)
    search = plugin_of(config, "SearchPlugin")
    if search is not None and search.config.enabled:
        search.search_index.urls = site.urls
        path = Path(config.site_dir) / "search" / "search_index.json"
        written_over(search.search_index.generate_search_index(None).encode("utf-8"), str(path))
    return True


def written_over(content: bytes, output_path: str) -> None:
    """Write ``content`` to ``output_path`` as MkDocs' ``write_file`` does, over the blocks of the file there, and cut
    what is left of it. Truncating first, as ``open(path, "wb")`` does, has the file system free every block
    of the old file and find new ones: 3 to 4 ms for a file of 5 MB on this machine's disk, against half a
    millisecond written over; a save at 5,000 devices writes a dozen such files (list pages, open data,
    the search index)."""
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    with open(os.open(output_path, os.O_WRONLY | os.O_CREAT, 0o666), "wb") as out:
        out.write(content)
        out.truncate()


@contextmanager
def _pages_written_over(finish: Callable[[bytes, str], bytes], seen: Callable[[bytes, str], None]) -> Iterator[None]:
    """MkDocs' page builder, writing ``finish(html, path)`` with :func:`written_over` (it calls
    ``mkdocs.utils.write_file``); ``seen(html, path)`` is told what MkDocs wrote."""
    mkdocs_write = mkdocs.utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        seen(content, output_path)
        written_over(finish(content, output_path), output_path)

    mkdocs.utils.write_file = write_file
    try:
        yield
    finally:
        mkdocs.utils.write_file = mkdocs_write


def plugin_of(config: MkDocsConfig, class_name: str) -> Any:
    """The configured plugin of that class (Material's search plugin), if any."""
    for plugin in config.plugins.values():
        if type(plugin).__name__ == class_name:
            return plugin
    return None
