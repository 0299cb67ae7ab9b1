"""Lighthouse benchmark of the built site, and the serving and Lighthouse helpers the browser tests share.

    make audit [ARGS="..."]   or   .venv/bin/python scripts/audit.py [options]
    options: --preset mobile|desktop (repeatable; default both)   --kind device (repeatable)
             --site DIR (a built site)   --no-gzip   --json FILE   --reports DIR   --strict

Builds the site (``mkdocs build --strict``) into a temporary folder with ``site_url`` set to the local
server's address, serves it on 127.0.0.1 the way a static host does (gzip for text, ``404.html`` with
status 404 for a missing path), runs Lighthouse (from ``node_modules``, on Debian's Chromium) in each
preset on the home page and one page of every kind, and prints a table: the four category scores, the
page weight (bytes transferred, and of those JS, CSS and fonts) and LCP, CLS and TBT. Each run has a
fresh Chromium of its own. The page of a kind is its largest (the worst case), except the hand-written
page (concept/) and the index page (devices/).

This is a benchmark, not a test: it exits 0 whatever the scores (``--strict`` makes it fail when a
category of a mobile run is under 100 or a device page weighs 300 KB or more).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import mimetypes
import os
import posixpath
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/audit.py`: its own folder is first on the path
    sys.path.insert(0, str(ROOT))

from scripts.chromium import CHROMIUM_ARGS, ChromiumMissing, find_chromium  # noqa: E402

__all__ = ["CHROMIUM_ARGS", "ChromiumMissing", "find_chromium"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Sections whose pages are made from data/ (figures/ comes from generator/figures when it exists).
SECTIONS = ("devices", "companies", "partnerships", "sensors", "figures")
KIND_OF_SECTION = {
    "devices": "device",
    "companies": "company",
    "partnerships": "partnership",
    "sensors": "sensor",
    "figures": "figure",
}
TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)


# --- building --------------------------------------------------------------------------------------------


def build_site(dest: Path, site_url: str) -> Path:
    """``mkdocs build --strict`` of the repo into ``dest``, canonical URLs on ``site_url``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    cmd = [str(mkdocs) if mkdocs.exists() else "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return dest


# --- serving ---------------------------------------------------------------------------------------------


class _SiteHandler(BaseHTTPRequestHandler):
    """A static host in miniature: files, ``/dir/`` → ``dir/index.html``, ``/dir`` → 301, else 404.html."""

    server: _SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def _serve(self, body: bool) -> None:
        root = self.server.root
        path = unquote(urlsplit(self.path).path)
        clean = posixpath.normpath(path).lstrip("/")
        target = root / clean if clean not in ("", ".") else root
        if ".." in Path(clean).parts:
            target = root / "\0missing"
        if target.is_dir():
            if not path.endswith("/"):
                self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", body, extra={"Location": path + "/"})
                return
            target = target / "index.html"
        status = HTTPStatus.OK
        if not target.is_file():
            status, target = HTTPStatus.NOT_FOUND, root / "404.html"
            if not target.is_file():
                self._send(status, b"Not found", "text/plain; charset=utf-8", body)
                return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        data = target.read_bytes()
        headers: dict[str, str] = {}
        if self.server.gzip and ctype.startswith(TEXT_TYPES) and len(data) > 256:
            headers["Vary"] = "Accept-Encoding"
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = self.server.compressed(target, data)
                headers["Content-Encoding"] = "gzip"
        self._send(status, data, ctype, body, extra=headers)

    def _send(
        self, status: HTTPStatus, data: bytes, ctype: str, body: bool, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(data)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes its connection before a file is sent (a page left, a test's browser
        closed) is not the server's error: a host says nothing of it, and neither does this one."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def __init__(self, sock: socket.socket, root: Path, use_gzip: bool) -> None:
        super().__init__(sock.getsockname(), _SiteHandler, bind_and_activate=False)
        self.socket.close()
        self.socket = sock
        self.root = root.resolve()
        self.gzip = use_gzip
        self._cache: dict[Path, bytes] = {}
        self._lock = threading.Lock()

    def compressed(self, path: Path, data: bytes) -> bytes:
        with self._lock:
            if path not in self._cache:
                self._cache[path] = gzip.compress(data, compresslevel=9, mtime=0)
            return self._cache[path]


def reserve_port() -> socket.socket:
    """A listening socket on a free port of 127.0.0.1 (so the URL is known before the site is built)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock


@contextlib.contextmanager
def serve(root: Path, sock: socket.socket | None = None, use_gzip: bool = True) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 in a background thread; yields the base URL (ending in ``/``)."""
    sock = sock or reserve_port()
    server = _SiteServer(sock, root, use_gzip)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the pages -------------------------------------------------------------------------------------------


def sitemap_paths(site_dir: Path) -> list[str]:
    """Site-relative paths ("", "devices/", "devices/xiaomi-12s-ultra/", ...) listed in sitemap.xml."""
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    locs = [loc.text or "" for loc in tree.getroot().findall("sm:url/sm:loc", ns)]
    base = urlsplit(locs[0]).path if locs else "/"
    # The home page is the shortest path; every other path is relative to it.
    base = min((urlsplit(loc).path for loc in locs), key=len, default=base)
    return [urlsplit(loc).path[len(base) :] for loc in locs]


def kind_of(path: str) -> str:
    """The kind of page at a site-relative path."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "home"
    if parts[0] in SECTIONS:
        return "index" if len(parts) == 1 else KIND_OF_SECTION[parts[0]]
    return "page"


def page_file(site_dir: Path, path: str) -> Path:
    return site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path


def representatives(site_dir: Path) -> dict[str, str]:
    """One page of each kind: the largest page of the kind (the worst case for weight and layout).

    The pages the issue names are used where they exist: the hand-written page is concept/, the index
    page is devices/ (the longest list).
    """
    by_kind: dict[str, list[str]] = {}
    for path in sitemap_paths(site_dir):
        by_kind.setdefault(kind_of(path), []).append(path)
    chosen: dict[str, str] = {}
    preferred = {"page": "concept/", "index": "devices/"}
    for kind, paths in by_kind.items():
        if preferred.get(kind) in paths:
            chosen[kind] = preferred[kind]
        else:
            chosen[kind] = max(sorted(paths), key=lambda p: page_file(site_dir, p).stat().st_size)
    order = ["home", "page", "index", "device", "company", "partnership", "sensor", "figure"]
    return {k: chosen[k] for k in sorted(chosen, key=lambda k: order.index(k) if k in order else 99)}


# --- Lighthouse ------------------------------------------------------------------------------------------


@dataclass
class Audit:
    url: str
    preset: str
    scores: dict[str, int]
    bytes_total: int
    bytes_js: int
    bytes_css: int
    bytes_font: int
    lcp_ms: float
    cls: float
    tbt_ms: float
    failing: dict[str, list[str]]  # category -> audits that lost it points
    report: Path

    @property
    def row(self) -> list[str]:
        s = self.scores
        return [
            *(str(s.get(c, "-")) for c in CATEGORIES),
            _kb(self.bytes_total),
            _kb(self.bytes_js),
            _kb(self.bytes_css),
            _kb(self.bytes_font),
            f"{self.lcp_ms / 1000:.2f} s",
            f"{self.cls:.3f}",
            f"{self.tbt_ms:.0f} ms",
        ]


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


# Runs Lighthouse on a list of jobs in one Node process (Node's start and Lighthouse's loading are
# paid once), each job in a Chromium of its own, as the Lighthouse CLI does: a browser that had
# loaded the site before keeps its connections open, and Lighthouse's simulated throttling then sees
# fewer connections and a slower page. stdin: {"chrome", "flags", "jobs": [{"url", "preset", "out"}],
# "quick"}; "quick" skips the audits that navigate again or take screenshots (bf-cache,
# screenshots), which score nothing.
_BATCH_JS = r"""
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const input = JSON.parse(fs.readFileSync(0, "utf8"));

async function run(job) {
  const chrome = await chromeLauncher.launch({chromePath: input.chrome, chromeFlags: input.flags});
  try {
    const flags = {
      port: chrome.port, output: "json", logLevel: "error", maxWaitForLoad: 60000,
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    };
    if (input.quick) {
      flags.skipAudits = ["bf-cache", "screenshot-thumbnails", "final-screenshot"];
      flags.disableFullPageScreenshot = true;
    }
    return await lighthouse(job.url, flags, job.preset === "desktop" ? desktopConfig : undefined);
  } finally {
    await chrome.kill();
  }
}

for (const job of input.jobs) {
  // Headless Chromium on a busy machine now and then reports that the page painted nothing
  // (NO_FCP), which leaves the metrics empty: such a run is tried again, twice at most.
  let result;
  for (let attempt = 1; attempt <= 3; attempt++) {
    result = await run(job);
    const failed = result.lhr.runtimeError || ["first-contentful-paint", "largest-contentful-paint",
      "total-blocking-time"].some(id => result.lhr.audits[id].numericValue === undefined);
    if (!failed) break;
    console.error(`lighthouse ${job.preset} ${job.url}: no metrics (${
      result.lhr.runtimeError?.code || "NO_FCP"}), attempt ${attempt}`);
  }
  fs.writeFileSync(job.out, result.report);
  console.error(`lighthouse ${job.preset} ${job.url}`);
}
"""


def lighthouse_batch(
    jobs: list[tuple[str, str, Path]], quick: bool = False, timeout: float = 900, progress: bool = False
) -> list[Audit]:
    """Lighthouse on each (url, preset "mobile" | "desktop", report path); their summaries, in order."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE.parent.parent} is missing: run `npm ci` (make node)")
    for _, preset, _ in jobs:
        if preset not in ("mobile", "desktop"):
            raise ValueError(f"unknown preset {preset!r}")
    stdin = json.dumps(
        {
            "chrome": find_chromium(),
            "flags": ["--headless=new", *CHROMIUM_ARGS],
            "quick": quick,
            "jobs": [{"url": u, "preset": p, "out": str(o)} for u, p, o in jobs],
        }
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", _BATCH_JS],
        input=stdin,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=None if progress else subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed:\n{result.stdout or ''}\n{result.stderr or ''}")
    return [summarise(json.loads(out.read_text()), preset, out) for _, preset, out in jobs]


def lighthouse(url: str, preset: str, out: Path, quick: bool = False) -> Audit:
    """Lighthouse (``preset`` "mobile" or "desktop") on one ``url``; the JSON report goes to ``out``."""
    return lighthouse_batch([(url, preset, out)], quick=quick)[0]


def summarise(report: dict, preset: str, path: Path) -> Audit:
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError']}")
    cats = report["categories"]
    audits = report["audits"]
    scores = {c: round((cats[c]["score"] or 0) * 100) for c in CATEGORIES if c in cats}
    failing: dict[str, list[str]] = {}
    for c in CATEGORIES:
        for ref in cats.get(c, {}).get("auditRefs", []):
            a = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < 1:
                failing.setdefault(c, []).append(f"{ref['id']} ({a['score']:.2f})")
    by_type: dict[str, int] = {}
    for item in audits["network-requests"]["details"]["items"]:
        kind = item.get("resourceType") or "Other"
        by_type[kind] = by_type.get(kind, 0) + int(item.get("transferSize") or 0)
    return Audit(
        url=report["finalDisplayedUrl"],
        preset=preset,
        scores=scores,
        bytes_total=int(audits["total-byte-weight"]["numericValue"]),
        bytes_js=by_type.get("Script", 0),
        bytes_css=by_type.get("Stylesheet", 0),
        bytes_font=by_type.get("Font", 0),
        lcp_ms=float(audits["largest-contentful-paint"].get("numericValue", "nan")),
        cls=float(audits["cumulative-layout-shift"].get("numericValue", "nan")),
        tbt_ms=float(audits["total-blocking-time"].get("numericValue", "nan")),
        failing=failing,
        report=path,
    )


def table(rows: list[tuple[str, str, Audit]]) -> str:
    head = [
        "preset",
        "page",
        "kind",
        "perf",
        "a11y",
        "best pr.",
        "SEO",
        "bytes",
        "JS",
        "CSS",
        "fonts",
        "LCP",
        "CLS",
        "TBT",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind, path, audit in rows:
        lines.append("| " + " | ".join([audit.preset, "/" + path, kind, *audit.row]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--preset",
        action="append",
        choices=["mobile", "desktop"],
        help="Lighthouse preset (repeatable; default: mobile and desktop)",
    )
    parser.add_argument(
        "--kind",
        action="append",
        help="only this kind of page (repeatable: home, page, index, device, company, partnership, sensor, figure)",
    )
    parser.add_argument(
        "--path",
        action="append",
        help="audit this page, a path relative to the site (repeatable: compare/, devices/); "
        "instead of one page of each kind",
    )
    parser.add_argument("--site", type=Path, help="serve this built site instead of building one")
    parser.add_argument("--no-gzip", action="store_true", help="serve without compression")
    parser.add_argument("--json", type=Path, help="write the summary as JSON here")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 unless every mobile score is 100 and a device page is under 300 KB",
    )
    args = parser.parse_args(argv)
    presets = args.preset or ["mobile", "desktop"]

    work = Path(tempfile.mkdtemp(prefix="lens-lineage-audit-"))
    reports = args.reports or work / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    try:
        sock = reserve_port()
        base = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        site = args.site or build_site(work / "site", base)
        if args.path:
            pages = {path.strip("/").replace("/", "-") or "home": path.lstrip("/") for path in args.path}
        else:
            pages = {k: p for k, p in representatives(site).items() if not args.kind or k in args.kind}
        if not pages:
            parser.error(f"no page of kind {args.kind}")
        with serve(site, sock, use_gzip=not args.no_gzip) as url:
            jobs = [
                (url + path, preset, reports / f"{preset}-{kind}.json")
                for preset in presets
                for kind, path in pages.items()
            ]
            print(f"Lighthouse: {len(jobs)} runs on {url}", file=sys.stderr, flush=True)
            audits = lighthouse_batch(jobs, progress=True)
        kinds = [(kind, path) for _ in presets for kind, path in pages.items()]
        rows = [(kind, path, audit) for (kind, path), audit in zip(kinds, audits, strict=True)]
        print(table(rows))
        lost = [
            f"{a.preset} /{p}: {', '.join(f'{c}: {v}' for c, v in a.failing.items())}" for _, p, a in rows if a.failing
        ]
        if lost:
            print("\nAudits that cost points:\n" + "\n".join(f"- {line}" for line in lost))
        if args.json:
            args.json.write_text(
                json.dumps(
                    [
                        {
                            "kind": k,
                            "path": p,
                            "preset": a.preset,
                            "scores": a.scores,
                            "bytes": a.bytes_total,
                            "js": a.bytes_js,
                            "css": a.bytes_css,
                            "fonts": a.bytes_font,
                            "lcp_ms": a.lcp_ms,
                            "cls": a.cls,
                            "tbt_ms": a.tbt_ms,
                            "failing": a.failing,
                        }
                        for k, p, a in rows
                    ],
                    indent=2,
                )
            )
        if args.strict:
            bad = [a for _, _, a in rows if a.preset == "mobile" and min(a.scores.values()) < 100]
            bad += [a for k, _, a in rows if k == "device" and a.bytes_total >= 300 * 1024]
            return 1 if bad else 0
        return 0
    finally:
        if not args.reports:
            shutil.rmtree(work, ignore_errors=True)
        elif not args.site:
            shutil.rmtree(work / "site", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
