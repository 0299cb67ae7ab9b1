"""Errors about data files, reported as ``path:line:col: field: message``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One mistake in one data file, with the place an editor should look."""

    path: str
    """The data file, as the user named it (``data/devices/x.yaml``)."""
    line: int
    """1-based line; 0 when the mistake concerns the whole file."""
    column: int
    """1-based column; 0 when unknown."""
    field: str
    """Dotted path of the field (``main_camera.sensor``), or ``""`` for the whole file."""
    message: str

    def __str__(self) -> str:
        # A file name may hold a direction override or other invisible character: shown as an escape,
        # or it would reorder the rest of the terminal line.
        path = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in self.path)
        where = f"{path}:{self.line}:{self.column}" if self.line else path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataErrors(Exception):
    """Every error found in the data, raised once after all files were read."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} error(s) in the data")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def report(self, echo: Callable[[str], object]) -> str:
        """Pass each error to ``echo`` as one ``path:line:col: field: message`` line, in order; return the
        summary the caller ends with (``3 error(s)``). The one way every command and the MkDocs plugin
        report bad data."""
        for error in self.errors:
            echo(str(error))
        return f"{len(self.errors)} error(s)"
