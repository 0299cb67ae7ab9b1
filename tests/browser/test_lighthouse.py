"""Lighthouse (from node_modules, on Debian's Chromium, desktop preset) on the home page and one page of
each kind: accessibility, best practices and SEO score 100. Performance is recorded, not asserted
(it depends on the machine's load): the terminal summary lists it, and `make audit` benchmarks the
mobile and desktop presets properly.

One test runs them all, in one Lighthouse process against one Chromium, which is what keeps it fast.
"""

from __future__ import annotations

import pytest

from scripts.audit import lighthouse_batch

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REQUIRED = {"home", "index", "device", "company", "partnership", "sensor"}


def test_lighthouse_scores_100_on_every_kind_of_page(site, tmp_path, record_property):
    assert set(site.kinds) >= REQUIRED, f"missing kinds: {REQUIRED - set(site.kinds)}"
    kinds = list(site.kinds.items())
    jobs = [(site.url + path, "desktop", tmp_path / f"{kind}.json") for kind, path in kinds]
    audits = lighthouse_batch(jobs, quick=True)
    failures = []
    for (kind, path), audit in zip(kinds, audits, strict=True):
        record_property("lighthouse", f"{kind:12} /{path:45} performance {audit.scores['performance']:3}  "
                        f"LCP {audit.lcp_ms / 1000:.2f} s  CLS {audit.cls:.3f}  TBT {audit.tbt_ms:.0f} ms  "
                        f"{audit.bytes_total / 1024:.0f} KB")
        lost = {c: audit.failing.get(c) for c in ("accessibility", "best-practices", "seo")
                if audit.scores[c] < 100}
        if lost:
            failures.append(f"/{path} ({kind}): {audit.scores}; lost on {lost}")
    assert not failures, "\n".join(failures)
