"""The whole pipeline as one call: data folder in, generated files (path → bytes) out."""

from __future__ import annotations

import functools
from pathlib import Path

from .catalogue import Catalogue
from .citations import HandWrittenPage
from .render import environment, render
from .site_plan import PageSpec, plan
from .validate import load_catalogue

_environment = functools.cache(environment)
"""One Jinja environment per process: every build (each rebuild of ``mkdocs serve``) reuses its compiled
templates, and Jinja's auto_reload recompiles a template whose file changed, so template edits show."""


def build_outputs(catalogue: Catalogue, hand_written: list[HandWrittenPage] | None = None,
                  ) -> tuple[dict[str, bytes], list[PageSpec]]:
    """Every generated file, keyed by its path relative to docs/.

    ``hand_written`` lists the hand-written pages and the sources they cite (for the sources page).
    """
    env = _environment()
    specs = plan(catalogue, hand_written)
    outputs = {spec.uri: spec.content if spec.content is not None else render(spec, catalogue, env).encode()
               for spec in specs}
    return outputs, specs


def generate(data_dir: Path) -> tuple[Catalogue, dict[str, bytes], list[PageSpec]]:
    catalogue = load_catalogue(data_dir)
    outputs, specs = build_outputs(catalogue)
    return catalogue, outputs, specs
