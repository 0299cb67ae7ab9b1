"""Lighthouse (from node_modules, on Debian's Chromium, desktop preset) on the home page and one page of
each kind: accessibility, best practices and SEO score 100. Performance is recorded, not asserted
(it depends on the machine's load): it is kept in pytest's cache (`pytest --cache-show
'lens-lineage/*'`), listed in the terminal summary when tests/browser is run on its own, and given as
one warning line in any run (the only output pytest-xdist carries back from its workers); `make audit`
benchmarks the mobile and desktop presets properly.

One test runs them all, in one Lighthouse process against one Chromium, which is what keeps it fast.
"""

from __future__ import annotations

import warnings

import pytest

from scripts.audit import lighthouse_batch

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REQUIRED = {"home", "index", "device", "company", "partnership", "sensor"}


def test_lighthouse_scores_100_on_every_kind_of_page(site, tmp_path, record_property, request):
    assert set(site.kinds) >= REQUIRED, f"missing kinds: {REQUIRED - set(site.kinds)}"
    kinds = list(site.kinds.items())
    jobs = [(site.url + path, "desktop", tmp_path / f"{kind}.json") for kind, path in kinds]
    audits = lighthouse_batch(jobs, quick=True)
    failures = []
    for (kind, path), audit in zip(kinds, audits, strict=True):
        record_property(
            "lighthouse",
            f"{kind:12} /{path:45} performance {audit.scores['performance']:3}  "
            f"LCP {audit.lcp_ms / 1000:.2f} s  CLS {audit.cls:.3f}  TBT {audit.tbt_ms:.0f} ms  "
            f"{audit.bytes_total / 1024:.0f} KB",
        )
        lost = {c: audit.failing.get(c) for c in ("accessibility", "best-practices", "seo") if audit.scores[c] < 100}
        if lost:
            failures.append(f"/{path} ({kind}): {audit.scores}; lost on {lost}")
    performance = {kind: audit.scores["performance"] for (kind, _), audit in zip(kinds, audits, strict=True)}
    request.config.cache.set(
        "lens-lineage/lighthouse-desktop",
        {
            kind: {
                "path": path,
                **audit.scores,
                "lcp_ms": audit.lcp_ms,
                "cls": audit.cls,
                "tbt_ms": audit.tbt_ms,
                "bytes": audit.bytes_total,
            }
            for (kind, path), audit in zip(kinds, audits, strict=True)
        },
    )
    warnings.warn(
        "Lighthouse (desktop) performance, recorded: " + ", ".join(f"{k} {v}" for k, v in performance.items()),
        stacklevel=1,
    )
    assert not failures, "\n".join(failures)
