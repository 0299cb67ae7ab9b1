"""What the commands print for a person at a terminal."""

from __future__ import annotations

import click


def echo_error(line: str) -> None:
    """One line on standard error (an error in the data, a warning)."""
    click.echo(line, err=True)
