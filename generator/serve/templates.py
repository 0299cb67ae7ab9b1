"""The theme's compiled templates, kept between the rebuilds of ``mkdocs serve``."""

from __future__ import annotations

import jinja2
import jinja2.bccache


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
