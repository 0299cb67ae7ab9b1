"""Every internal link and anchor of the built site resolves, read from the HTML files themselves.

Each href and src of every HTML page (the 404 page too) that stays on the site must name a file of the
built site (a folder means its index.html), and a #fragment must name an id (or a name) in that page.
Links to other sites are not followed (this machine has no outside network); the tests in
test_pages.py show that no page *loads* anything from them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.slow

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if attr in a and not (tag == "a" and attr == "href" and a[attr] == ""):
                self.links.append((f"{tag}.{attr}", a[attr]))
        if "srcset" in a:
            for candidate in a["srcset"].split(","):
                if candidate.strip():
                    self.links.append((f"{tag}.srcset", candidate.split()[0]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def page_url(site, file: Path) -> str:
    rel = file.relative_to(site.dir).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return site.url + rel


def target_file(site, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)[len(urlsplit(site.url).path) :]
    candidate = site.dir / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_and_anchor_resolves(site):
    pages = sorted(site.dir.rglob("*.html"))
    assert len(pages) > len(site.paths) - 1
    parsed: dict[Path, _Page] = {}

    def parsed_page(file: Path) -> _Page:
        if file not in parsed:
            parsed[file] = parse(file)
        return parsed[file]

    broken: list[str] = []
    checked = 0
    origin = urlsplit(site.url).netloc
    for file in pages:
        page = parsed_page(file)
        # The 404 page is served at any address: its links are absolute, from the site's root.
        base = site.url if file.name == "404.html" and file.parent == site.dir else page_url(site, file)
        for where, link in page.links:
            if link.startswith(SKIP_SCHEMES):
                continue
            url = urljoin(base, link)
            parts = urlsplit(url)
            if parts.netloc != origin:
                continue  # another site
            checked += 1
            target = target_file(site, url)
            if target is None:
                broken.append(f"{file.relative_to(site.dir)}: {where}={link!r}: no such file")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed_page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{file.relative_to(site.dir)}: {where}={link!r}: no #{parts.fragment} there")
    assert checked > 100 * len(site.paths) // 10, f"only {checked} links checked"
    assert not broken, f"{len(broken)} broken of {checked}:\n" + "\n".join(broken)


def test_sitemap_and_robots(site):
    html_pages = {
        page_url(site, f)[len(site.url) :]
        for f in site.dir.rglob("index.html")
        if not f.relative_to(site.dir).as_posix().startswith(("assets/", "search/"))
    }
    assert set(site.paths) == html_pages, "the sitemap lists exactly the site's pages"
    for path in site.paths:
        assert target_file(site, site.url + path) is not None
    robots = (site.dir / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {site.url}sitemap.xml" in robots.splitlines()
    assert "Disallow: /\n" not in robots
