"""Links between docs pages: the one home of relative paths, as Markdown links want them and as served URLs.

A Markdown link names the target's source file (``../devices/x.md``) and MkDocs rewrites it; a link inside raw
HTML (an SVG figure) is not rewritten, so it must be the final URL (``../devices/x/``).
"""

from __future__ import annotations

import functools
import posixpath


@functools.lru_cache(maxsize=4096)
def _folder_to_folder(from_dir: str, to_dir: str) -> str:
    return posixpath.relpath(to_dir or ".", from_dir or ".")


@functools.lru_cache(maxsize=1 << 16)  # pure: a list page links to thousands of pages, on every build
def source_link(from_uri: str, to_uri: str) -> str:
    """Link target from one docs page to another, both paths relative to docs/ (``devices/a.md`` →
    ``companies/b.md`` gives ``../companies/b.md``)."""
    to_dir, name = posixpath.split(posixpath.normpath(to_uri))
    up = _folder_to_folder(posixpath.dirname(from_uri), to_dir)
    return name if up == "." else f"{up}/{name}"


def folder_link(from_uri: str, folder: str) -> str:
    """What :func:`source_link` puts before the name of any file of ``folder`` (relative to docs/), from the
    page ``from_uri``: ``../companies/`` from ``devices/a.md``, nothing from within it. A page links to many
    files of a few folders, so it asks once per folder."""
    up = _folder_to_folder(posixpath.dirname(from_uri), posixpath.normpath(folder))
    return "" if up == "." else f"{up}/"


@functools.lru_cache(maxsize=1 << 16)
def served_href(from_uri: str, to_uri: str) -> str:
    """Relative URL between two docs pages as MkDocs serves them (directory URLs: ``a/b.md`` → ``a/b/``).

    Links inside raw HTML are not rewritten by MkDocs, so they must be final URLs.
    """

    def url(uri: str) -> str:
        stem = uri.removesuffix(".md")
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem

    rel = posixpath.relpath(url(to_uri) or ".", url(from_uri) or ".")
    return "./" if rel == "." else rel + "/"
