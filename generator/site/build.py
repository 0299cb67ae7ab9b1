"""The whole pipeline as one call: data folder in, generated files (path → bytes) out."""

from __future__ import annotations

import functools

from generator.catalogue.store import Catalogue
from generator.site.hand_written import HandWrittenPage
from generator.site.plan import PageSpec, plan
from generator.site.render import environment, render
from generator.speed.parallel import parallel_map

_environment = functools.cache(environment)
"""One Jinja environment per process: every build (each rebuild of ``mkdocs serve``) reuses its compiled
templates, and Jinja's auto_reload recompiles a template whose file changed, so template edits show."""


def build_outputs(catalogue: Catalogue, hand_written: list[HandWrittenPage] | None = None, workers: int = 1,
                  ) -> tuple[dict[str, bytes], list[PageSpec]]:
    """Every generated file, keyed by its path relative to docs/.

    ``hand_written`` lists the hand-written pages and the sources they cite (for the sources page);
    ``workers`` processes share the rendering (see :mod:`generator.parallel`).
    """
    env = _environment()
    specs = plan(catalogue, hand_written)
    templated = [spec for spec in specs if spec.content is None]
    rendered = iter(parallel_map(lambda spec: render(spec, catalogue, env).encode(), templated, workers))
    outputs = {spec.uri: spec.content if spec.content is not None else next(rendered) for spec in specs}
    return outputs, specs

