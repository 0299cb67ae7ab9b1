"""The built site as a reader gets it: built once per test session, served on 127.0.0.1, read in Chromium.

Each pytest-xdist worker is its own session, so each builds into its own temporary folder and serves
on its own free port; nothing is shared between workers. The site is built with ``site_url`` set to
the server's address, so canonical URLs, the sitemap and robots.txt point at the site under test.

Every page a test opens goes through a browser context that aborts, and records, any request for
another host than the site's own (``Reader.foreign``), and records console errors, uncaught page
errors, failed requests and HTTP errors, which ``Reader.problems()`` lists.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.audit import (  # noqa: E402
    CHROMIUM_ARGS,
    ChromiumMissing,
    build_site,
    find_chromium,
    kind_of,
    representatives,
    reserve_port,
    serve,
    sitemap_paths,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NOT_FOUND = "no/such/page/"  # any missing address: the host answers 404 with the 404 page
# axe violations that are known, owned elsewhere, and reported (as a warning) instead of failing the
# run. Delete an entry as soon as its cause is fixed; the warning says when it is no longer seen.
KNOWN_AXE: dict[str, str] = {}
SEARCH_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  return !!meta && !/Initializing/i.test(meta.textContent);
}"""
# Material's script has run and its components are mounted. overrides/main.html adds the bundle once the
# first paint is shown, which can be after the load event that page.goto waits for. The bundle mounts
# some components as it runs (search) and those of the page when its document$ has a document, which
# DOMContentLoaded gives it (real, or fired again after it). The light/dark toggle is ours
# (overrides/assets/javascripts/ll-palette.js), added just before the bundle, so it has run by then; its
# "switching" mark is on <body> only for a frame after a switch.
MATERIAL_STARTED = """() => {
  if (!window.document$ || document.body.hasAttribute("data-md-color-switching")) return false;
  let has = false;
  window.document$.subscribe(() => { has = true }).unsubscribe();
  return has;
}"""
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Schemes that may load without a request to the network: data and blob URLs, about:blank.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class Site:
    dir: Path
    url: str  # ends in "/"
    paths: list[str]  # sitemap paths, relative to url ("" is the home page)
    kinds: dict[str, str]  # kind -> one representative path
    not_found: str = NOT_FOUND  # an address with no page: the host answers with 404.html

    def file(self, path: str) -> Path:
        return self.dir / path / "index.html" if path == "" or path.endswith("/") else self.dir / path

    def of_kind(self, kind: str) -> list[str]:
        return [p for p in self.paths if kind_of(p) == kind]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sock = reserve_port()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    out = build_site(tmp_path_factory.mktemp("site") / "site", url)
    with serve(out, sock) as served:
        assert served == url
        yield Site(dir=out, url=url, paths=sitemap_paths(out), kinds=representatives(out))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        executable = find_chromium()
    except ChromiumMissing as exc:
        pytest.fail(str(exc))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Reader:
    """A browser context on the site, with everything that went wrong in it written down."""

    site: Site
    context: object
    page: object
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)

    def goto(self, path: str, wait_until: str = "load", status: int = 200):
        """Open a page and wait until Material's script has started (its search, palette, keys work)."""
        url = self.site.url + path
        self.expected_status[url] = status
        response = self.page.goto(url, wait_until=wait_until)
        assert response is not None, url
        assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
        self.page.wait_for_function(MATERIAL_STARTED, timeout=10_000)
        return response

    def load(self, path: str):
        """Open a page (the 404 page for NOT_FOUND) and wait for its search worker, its last request."""
        response = self.goto(path, status=404 if path == NOT_FOUND else 200)
        self.page.wait_for_function(SEARCH_READY, timeout=10_000)
        return response

    def problems(self) -> list[str]:
        return [
            *(f"console: {m}" for m in self.console_errors),
            *(f"request: {m}" for m in self.failed),
            *(f"other host: {m}" for m in self.foreign),
        ]

    def clear(self) -> None:
        self.console_errors.clear()
        self.failed.clear()
        self.foreign.clear()


def open_reader(browser, site: Site, viewport: str = "desktop", scheme: str = "light") -> Reader:
    phone = viewport == "phone"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], color_scheme=scheme, is_mobile=phone, has_touch=phone, service_workers="block"
    )
    origin = urlsplit(site.url).netloc
    reader = Reader(site=site, context=context, page=None)

    def route(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES) or urlsplit(url).netloc == origin:
            route.continue_()
        else:
            reader.foreign.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    reader.page = page

    def on_console(message) -> None:
        if message.type == "error":
            source = (message.location or {}).get("url", "")
            # A page opened expecting status 404 (the 404 page): Chromium logs the status as an error.
            if reader.expected_status.get(source) == 404 and "404" in message.text:
                return
            reader.console_errors.append(f"{page.url}: {message.text} ({source})")

    def on_response(response) -> None:
        expected = reader.expected_status.get(response.url, 200)
        if response.status >= 400 and response.status != expected:
            reader.failed.append(f"{response.url}: HTTP {response.status} (on {page.url})")

    def on_failed(request) -> None:
        # ERR_ABORTED: the page went away mid-request (a test navigating on), or an HTTP error that
        # on_response has already recorded.
        if urlsplit(request.url).netloc == origin and "ERR_ABORTED" not in (request.failure or ""):
            reader.failed.append(f"{request.url}: {request.failure} (on {page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: reader.console_errors.append(f"{page.url}: uncaught {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    return reader


@pytest.fixture
def reader(browser, site: Site) -> Iterator[Reader]:
    r = open_reader(browser, site)
    yield r
    r.context.close()


@pytest.fixture
def open_page(browser, site: Site) -> Iterator:
    """open_page(viewport="desktop" | "phone", scheme="light" | "dark") -> Reader; closed after the test."""
    opened: list[Reader] = []

    def make(viewport: str = "desktop", scheme: str = "light") -> Reader:
        r = open_reader(browser, site, viewport, scheme)
        opened.append(r)
        return r

    yield make
    for r in opened:
        r.context.close()


@dataclass
class Axe:
    """axe-core run in a page; ``known`` collects the KNOWN_AXE rules it met (and did not report)."""

    known: set[str] = field(default_factory=set)

    def __call__(self, reader: Reader, context: str = "document") -> list[str]:
        """The violations on the page as it is now, one line per rule and element."""
        page = reader.page
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE))
        # All of axe's rules, and target-size (WCAG 2.2, off by default in axe, on in Lighthouse).
        result = page.evaluate(
            f"async () => (await axe.run({context}, {{resultTypes: ['violations'],"
            " rules: {'target-size': {enabled: true}}})).violations"
        )
        lines = []
        for violation in result:
            if violation["id"] in KNOWN_AXE:
                self.known.add(violation["id"])
                continue
            for node in violation["nodes"]:
                summary = (node.get("failureSummary") or "").strip().splitlines()[-1:] or [""]
                lines.append(
                    f"{page.url}: {violation['id']} ({violation['impact']}): "
                    f"{json.dumps(node['target'])} {summary[0].strip()}"
                )
        return lines

    def warn_known(self) -> None:
        for rule, why in KNOWN_AXE.items():
            if rule in self.known:
                warnings.warn(f"axe: known violation {rule!r} still present: {why}", stacklevel=2)
            else:
                warnings.warn(f"axe: {rule!r} is no longer seen: delete it from KNOWN_AXE in {__file__}", stacklevel=2)


@pytest.fixture(scope="session")
def axe() -> Axe:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make node)")
    return Axe()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Lighthouse's performance scores (recorded, not asserted) from test_lighthouse.py, xdist or not."""
    rows = []
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        if report.when != "call":
            continue
        rows += [value for name, value in report.user_properties if name == "lighthouse"]
    if rows:
        terminalreporter.section("Lighthouse (desktop preset) - performance is recorded, not asserted")
        for row in sorted(rows):
            terminalreporter.write_line(row)
