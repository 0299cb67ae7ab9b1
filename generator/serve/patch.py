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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page, _populate_page  # noqa: PLC2701 (see the module's docstring)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date, write_file


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


def build_in_place(site: Site, pages: list[Page], files: list[File]) -> bool:
    """Read and build ``pages`` again and write ``files``; False (having written nothing) when a page the
    navigation shows got another title, which every page shows: that needs a whole build."""
    config, nav = site.config, site.nav
    before = {page.file.src_uri: page.title for page in pages}
    for page in pages:
        _populate_page(page, config, site.files)
    if any(page in nav.pages and page.title != before[page.file.src_uri] for page in pages):
        return False
    doc_files = site.files.documentation_pages()
    for page in pages:
        _build_page(page, config, doc_files, nav, site.env)
    for file in files:
        file.copy_file()
    anchors = config.validation.links.anchors
    for page in pages:
        page.validate_anchor_links(files=site.files, log_level=anchors)
    search = plugin_of(config, "SearchPlugin")
    if search is not None and search.config.enabled:
        search.search_index.urls = [file.page.url for file in doc_files if file.page]
        path = Path(config.site_dir) / "search" / "search_index.json"
        write_file(search.search_index.generate_search_index(None).encode("utf-8"), str(path))
    return True


def plugin_of(config: MkDocsConfig, class_name: str) -> Any:
    """The configured plugin of that class (Material's search plugin), if any."""
    for plugin in config.plugins.values():
        if type(plugin).__name__ == class_name:
            return plugin
    return None
