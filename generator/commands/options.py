"""Options that several commands share."""

from __future__ import annotations

from pathlib import Path

import click

DATA = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Folder of YAML data files.",
)
