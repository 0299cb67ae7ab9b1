"""``python -m generator schemas``: write (or check) the JSON Schemas of the data files."""

from __future__ import annotations

from pathlib import Path

import click

from generator.catalogue.schemas import REFRESH, SCHEMA_DIR, SCHEMAS, all_schemas, stale_schemas
from generator.output.write import atomic_write


def write_schemas(folder: Path) -> list[str]:
    """Write the schemas whose bytes changed; return the names written."""
    written = []
    for name, content in all_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != content:
            atomic_write(path, content)
            path.chmod(0o644)  # a file for the repository, readable by all like any other
            written.append(name)
    return written


@click.command("schemas")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path(SCHEMA_DIR),
    show_default=True,
    help="Folder to write the JSON Schemas into.",
)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 when a schema is missing or out of date."
)
def schemas_command(out_dir: Path, check_only: bool) -> None:
    """Write the JSON Schemas of the data files, generated from generator/models.py.

    Editors with YAML language support read them through the first line of every data file and
    validate and complete as one types. Run this after changing a model; only changed files are
    written.
    """
    if check_only:
        stale = stale_schemas(out_dir)
        for name in stale:
            click.echo(f"{out_dir / name}: out of date", err=True)
        if stale:
            raise click.ClickException(f"{len(stale)} schema(s) out of date; run `{REFRESH}`.")
        click.echo(f"{len(SCHEMAS)} schemas up to date.")
        return
    written = write_schemas(out_dir)
    click.echo(f"{len(SCHEMAS)} schemas: {len(written)} written, {len(SCHEMAS) - len(written)} unchanged.")
