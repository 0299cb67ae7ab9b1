"""What a search engine and a link preview read: the head of every page of the built site.

Every page has a title, a meta description (a generated page's comes from its data, so it is its own,
not the site's), a canonical URL on site_url, and Open Graph and Twitter card tags that agree with them.
The 404 page asks not to be indexed and claims no canonical URL.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from scripts.audit import kind_of

pytestmark = pytest.mark.slow

DATA_KINDS = {"device", "company", "partnership", "sensor", "figure"}


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.lang = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta.setdefault(a.get("name") or a["property"], []).append(a.get("content", ""))
        elif tag == "link" and "rel" in a:
            self.links.setdefault(a["rel"], []).append(a.get("href", ""))
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse_head(html: str) -> _Head:
    h = _Head()
    h.feed(html.split("</head>", 1)[0])
    return h


def head(site, path: str) -> _Head:
    return parse_head(site.file(path).read_text(encoding="utf-8"))


def one(h: _Head, name: str, path: str) -> str:
    values = h.meta.get(name, [])
    assert len(values) == 1, f"/{path}: {len(values)} <meta {name}>"
    assert values[0].strip(), f"/{path}: empty <meta {name}>"
    return values[0]


def test_every_page_has_its_description_canonical_url_and_cards(site):
    home_description = one(head(site, ""), "description", "")
    problems: list[str] = []
    for path in site.paths:
        h = head(site, path)
        try:
            assert h.lang == "en", f"/{path}: <html lang={h.lang!r}>"
            assert h.title.strip(), f"/{path}: no <title>"
            description = one(h, "description", path)
            assert 50 <= len(description) <= 300, f"/{path}: description of {len(description)} characters"
            if kind_of(path) in DATA_KINDS:
                assert description != home_description, f"/{path}: the site's description, not its own"
            canonical = h.links.get("canonical", [])
            assert canonical == [site.url + path], f"/{path}: canonical {canonical}"
            assert one(h, "og:url", path) == site.url + path
            assert one(h, "og:title", path) == one(h, "twitter:title", path)
            assert one(h, "og:description", path) == description
            assert one(h, "twitter:description", path) == description
            assert one(h, "og:type", path) == ("website" if path == "" else "article")
            assert one(h, "og:site_name", path) == "Lens Lineage"
            assert one(h, "twitter:card", path) == "summary"
            assert "noindex" not in " ".join(h.meta.get("robots", []))
        except AssertionError as e:
            problems.append(str(e).splitlines()[0])
    assert not problems, "\n".join(problems)


def test_data_pages_have_descriptions_of_their_own(site):
    by_description: dict[str, list[str]] = {}
    for path in site.paths:
        if kind_of(path) in DATA_KINDS:
            by_description.setdefault(one(head(site, path), "description", path), []).append(path)
    shared = {d: p for d, p in by_description.items() if len(p) > 1}
    assert not shared, f"pages sharing a description: {shared}"


def test_not_found_page_is_not_indexed(site):
    h = parse_head((site.dir / "404.html").read_text(encoding="utf-8"))
    assert h.meta.get("robots") == ["noindex"]
    assert "canonical" not in h.links
    assert h.title.startswith("Page not found")
