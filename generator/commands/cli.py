"""Command line: ``python -m generator generate|check``, and the group that holds ``new`` and ``schemas``."""

from __future__ import annotations

from pathlib import Path

import click

from generator.catalogue.checking import load_catalogue
from generator.catalogue.errors import DataErrors
from generator.catalogue.facts import coverage
from generator.catalogue.store import Catalogue
from generator.commands.console import echo_error
from generator.commands.new import new_command
from generator.commands.options import DATA
from generator.commands.schemas import schemas_command
from generator.output.write import Staging
from generator.site.build import make_files, plan_site
from generator.site.hand_written import hand_written_citations, unknown_footnotes
from generator.site.plan import SECTIONS
from generator.speed.memory import collector_paused
from generator.speed.parallel import cores

DOCS = click.option(
    "--docs",
    "docs_dir",
    type=click.Path(path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="The MkDocs docs folder (generated pages go here; hand-written ones are read for citations).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Lens Lineage: turn the cited YAML data into the site's Markdown pages."""


def _load(data_dir: Path) -> Catalogue:
    try:
        return load_catalogue(data_dir, workers=cores())
    except DataErrors as exc:
        raise click.ClickException(f"{exc.report(echo_error)} in the data; nothing was written.") from None


@main.command()
@DATA
@DOCS
def generate(data_dir: Path, docs_dir: Path) -> None:
    """Validate the data, then write the generated pages into the docs folder.

    Only files whose bytes change are written; pages whose data is gone are removed; hand-written
    pages are never touched. When the data is invalid nothing is written.
    """
    with collector_paused():
        catalogue = _load(data_dir)
        hand_written = hand_written_citations(docs_dir) if docs_dir.is_dir() else []
        site = plan_site(catalogue, hand_written)
        try:
            staging = Staging(docs_dir, (spec.uri for spec in site.specs), SECTIONS)
        except (OSError, ValueError) as exc:  # a path outside docs/, docs/ is a file...
            raise _cannot_write(docs_dir, exc) from None
        # Each file is written (under a temporary name) by the worker that made it, while the others are made;
        # all are moved into place once every one is made, or removed if any fails.
        with staging:
            try:
                staged = make_files(site, catalogue, staging.stage, workers=cores())
                report = staging.commit(staged)
            except OSError as exc:  # read-only, full...
                raise _cannot_write(docs_dir, exc) from None
    for rel in report.skipped:
        click.echo(f"Warning: {docs_dir / rel} is hand-written (no generated_from: mark); left as it is.", err=True)
    click.echo(
        f"{len(staged)} files: {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed."
    )


def _cannot_write(docs_dir: Path, exc: OSError | ValueError) -> click.ClickException:
    """Why the pages could not be written, said without a traceback."""
    reason = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) and exc.strerror else str(exc)
    return click.ClickException(f"cannot write the pages into {docs_dir} ({reason}).")


@main.command()
@DATA
@DOCS
def check(data_dir: Path, docs_dir: Path) -> None:
    """Validate the data and report on it, without writing anything.

    Also reports citation coverage (the share of published values that name a source; anything
    below 100% fails, listing each uncited value) and checks that every footnote of the hand-written
    pages cites a known source.
    """
    with collector_paused():
        catalogue = _load(data_dir)
    click.echo(
        f"OK: {len(catalogue.devices)} devices, {len(catalogue.companies)} companies, "
        f"{len(catalogue.partnerships)} partnerships, {len(catalogue.sensors)} sensors, "
        f"{len(catalogue.sources)} sources."
    )
    cov = coverage(catalogue)
    click.echo(f"Citation coverage: {cov.percent:.1f}% ({cov.cited} of {cov.total} published values cite a source).")
    problems = [f"{where}: no source" for where in cov.uncited]
    if docs_dir.is_dir():
        problems += [str(e) for e in unknown_footnotes(docs_dir, catalogue)]
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} value(s) or footnote(s) without a known source.")


main.add_command(schemas_command)
main.add_command(new_command)


def run() -> None:
    main(prog_name="python -m generator")


if __name__ == "__main__":  # pragma: no cover
    run()
