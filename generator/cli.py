"""Command line: ``python -m generator generate|check``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import build_outputs
from .errors import DataErrors
from .site_plan import SECTIONS
from .validate import load_catalogue
from .write import write_tree

DATA = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"),
                    show_default=True, help="Folder of YAML data files.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Lens Lineage: turn the cited YAML data into the site's Markdown pages."""


def _load(data_dir: Path):  # type: ignore[no-untyped-def]
    try:
        return load_catalogue(data_dir)
    except DataErrors as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(exc.errors)} error(s) in the data; nothing was written.") from None


@main.command()
@DATA
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs"), show_default=True,
              help="The MkDocs docs folder to write the generated pages into.")
def generate(data_dir: Path, docs_dir: Path) -> None:
    """Validate the data, then write the generated pages into the docs folder.

    Only files whose bytes change are written; pages whose data is gone are removed; hand-written
    pages are never touched. When the data is invalid nothing is written.
    """
    catalogue = _load(data_dir)
    outputs, _ = build_outputs(catalogue)
    report = write_tree(docs_dir, outputs, SECTIONS)
    for rel in report.skipped:
        click.echo(f"Warning: {docs_dir / rel} is hand-written (no generated_from: mark); left as it is.", err=True)
    click.echo(f"{len(outputs)} files: {len(report.written)} written, {report.unchanged} unchanged, "
               f"{len(report.removed)} removed.")


@main.command()
@DATA
def check(data_dir: Path) -> None:
    """Validate the data and report on it, without writing anything."""
    catalogue = _load(data_dir)
    click.echo(f"OK: {len(catalogue.devices)} devices, {len(catalogue.companies)} companies, "
               f"{len(catalogue.partnerships)} partnerships, {len(catalogue.sources)} sources.")


def run() -> None:
    main(prog_name="python -m generator")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
