"""The mark that tells a generated page from a hand-written one.

Every page the site plan renders starts with front matter holding ``generated_from:`` (its data file);
a page without it is hand-written, and neither ``generate`` nor the MkDocs plugin ever touches it.
"""

from __future__ import annotations

from pathlib import Path

GENERATOR = "python -m generator generate"
"""The command named in each generated page's header comment."""
MARK = b"\ngenerated_from: "
"""Front-matter key that every generated Markdown page carries."""


def is_generated(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return has_mark(head)


def has_mark(text: bytes) -> bool:
    """Whether a page's text starts with front matter holding the ``generated_from:`` mark."""
    head = text[:4096]
    return head.startswith(b"---\n") and MARK in head.split(b"\n---\n", 1)[0] + b"\n"
