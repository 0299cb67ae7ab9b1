"""Theme partials copied into overrides/ stay in step with the installed Material.

Each copy names the file it came from and that file's SHA-256 (``Copied from: partials/x.html sha256=…``).
When an upgrade of Material changes the original, this fails: merge the theme's change into the copy, then
record the new hash.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from tests.helpers import REPO

THEME = Path(material.__file__).parent / "templates"
COPIES = sorted((REPO / "overrides" / "partials").glob("*.html"))
MARK = re.compile(r"Copied from: (?P<path>\S+) sha256=(?P<digest>[0-9a-f]{64})")


def test_there_are_copies_to_check() -> None:
    assert COPIES


@pytest.mark.parametrize("copy", COPIES, ids=[c.name for c in COPIES])
def test_a_copied_partial_matches_the_installed_original(copy: Path) -> None:
    mark = MARK.search(copy.read_text(encoding="utf-8"))
    assert mark, f"{copy.name} does not say which theme file it copies (`Copied from: partials/… sha256=…`)"
    original = THEME / mark["path"]
    assert original.is_file(), f"the installed Material has no {mark['path']}: {copy.name} copies a file it dropped"
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert digest == mark["digest"], (
        f"Material's {mark['path']} changed since {copy.name} was copied from it: merge its changes into the "
        f"copy, then record sha256={digest}"
    )
