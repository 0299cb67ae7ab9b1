"""MkDocs glue: pages fresh from data/ on every build and serve, kept virtual (nothing written to docs/).

Registered as the plugin ``lens-lineage`` (an entry point in ``pyproject.toml``); ``mkdocs.yml`` lists it
after ``search``, so that its ``on_post_build`` sees the search index written.

Keeping pages in memory (``File.generated``) means a build never writes into the watched docs folder,
so ``mkdocs serve`` cannot loop. Pages that ``python -m generator generate`` left on disk are replaced
by the fresh ones; stale ones (their data is gone) are dropped.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataErrors
from generator.catalogue.store import Catalogue
from generator.site.build import build_outputs
from generator.site.generated import is_generated
from generator.site.hand_written import hand_written_citations, place_figures
from generator.site.plan import SECTIONS
from generator.speed.memory import collector_paused

log = logging.getLogger("mkdocs.plugins.lens_lineage")



class LensLineagePlugin(BasePlugin):
    """Renders the pages of data/ into the build; see the module's docstring."""

    def __init__(self) -> None:
        self.generated: set[str] = set()
        """Docs paths of the pages this build generated (see ``on_page_content``)."""
        self.catalogue = Catalogue()
        """This build's data, for the figures hand-written pages show (see ``on_page_markdown``)."""

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        files, self.catalogue = _add_generated_files(files, config, self.generated)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            return markdown
        return place_figures(markdown, page.file.src_uri, self.catalogue)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return _search_hints(html) if page.file.src_uri in self.generated else html

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        _resolve_edit_url(page)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        _drop_repeated_tags(Path(config.site_dir) / "search" / "search_index.json")


def _add_generated_files(files: Files, config: MkDocsConfig, generated_uris: set[str]
                         ) -> tuple[Files, Catalogue]:
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    with collector_paused():
        try:
            catalogue = load_catalogue(root / "data", repo_root=root)
        except DataErrors as exc:
            raise PluginError(f"{exc.report(log.error)} in the data; fix them and save again.") from None
        outputs, specs = build_outputs(catalogue, hand_written_citations(docs_dir))
    for stale in [f for f in files if f.src_uri.split("/")[0] in SECTIONS and f.src_uri not in outputs
                  and f.abs_src_path and is_generated(Path(f.abs_src_path))]:
        files.remove(stale)
    docs_from_root = posixpath.relpath(docs_dir.resolve().as_posix(), root.resolve().as_posix())
    data_file = {spec.uri: spec.data_file for spec in specs}
    generated_uris.clear()
    generated_uris.update(outputs)
    for uri, content in outputs.items():
        if (existing := files.get_file_from_path(uri)) is not None:
            files.remove(existing)
        generated = File.generated(config, uri, content=content)
        source = data_file.get(uri)
        # The "edit" button opens the data file, not the page made from it.
        generated.edit_uri = posixpath.relpath(source, docs_from_root) if source else None
        files.append(generated)
    return files, catalogue


# Search at scale: a page is found for what it states, not for the names of the pages it lists (each of
# those is indexed itself). Material's search skips elements marked data-search-exclude (a marked
# heading drops its whole section); marked here: the "Related" and "References" sections (neighbours'
# names, source titles, the generated note), citation marks, tables of devices (first column "Device"
# or "No."), figures' SVG text, the caption of each device page's sensor figure (the same words on
# every page) and the sources page's lists of citing pages. Without them the index holds each device
# about once, not ten times. (The tags page is left out by its front matter.)
_SEARCH_SKIPPED = re.compile(r'<(h2 id="(?:related|references)"|sup class="cite"|svg\b|span class="cited-by"'
                             r'|figure class="ll-figure ll-figure--device-sensor"'
                             r'|table(?=>\s*<thead>\s*<tr>\s*<th[^>]*>(?:Device|No\.)</th>))')
_LEADING_COMMENT = re.compile(r"\A\s*(<!--.*?-->)\s*", re.S)


def _search_hints(html: str) -> str:
    html = _SEARCH_SKIPPED.sub(r"<\1 data-search-exclude", html)
    # Whitespace before the title would make an empty search entry of its own for every page.
    return _LEADING_COMMENT.sub(r"\1", html, count=1)


def _drop_repeated_tags(index_path: Path) -> None:
    """Material's search index repeats a page's tags on each of its sections (about 100 bytes a device
    page, 0.5 MB at 5,000 devices); keep them on the page's own entry, which is where a tag search lands.
    Runs after the search plugin has written the index (hooks run after plugins); an index of another
    shape is left as it is."""
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        docs = index["docs"]
        page_tags = {doc["location"]: doc.get("tags") for doc in docs if "#" not in doc["location"]}
    except (OSError, ValueError, KeyError, TypeError):
        return
    repeated = [doc for doc in docs if "#" in doc["location"] and "tags" in doc
                and doc["tags"] == page_tags.get(doc["location"].split("#", 1)[0])]
    for doc in repeated:
        del doc["tags"]
    if repeated:  # written as the search plugin writes it
        index_path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def _resolve_edit_url(page: Page) -> None:
    """MkDocs joins edit_uri and "../data/..." without resolving the "..": do it here."""
    if page.edit_url:
        parts = urlsplit(page.edit_url)
        path = posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") else "")
        page.edit_url = urlunsplit(parts._replace(path=path))
