"""Material's stylesheets as the built site uses them: the rules no page can match are left out.

Material's ``main.css`` (137 KB, 22.7 KB gzipped) and ``palette.css`` style every feature the theme has:
admonition and task-list icons as data-URI SVG variables, code highlighting, content tabs, mermaid, blog
posts, right-to-left text, nineteen colour palettes. The site uses a part of it, yet both files block the
first paint, and on a phone every kilobyte of them is downloaded beside Material's script, which Lighthouse
counts before the largest paint (CONTRIBUTING.md, "Compare and find").

After a build, :func:`prune_theme_stylesheets` writes each of them again without

- a rule none of whose selectors can match: a selector needs every class, id, element, attribute name
  and attribute value (``[x=v]``) it names, and one counts as there when it is in a built page (a tag, an
  attribute's name, a word of an attribute's value), in the search index's text (search results show
  it), or as a word anywhere in a script a page loads (Material's bundle adds classes as it runs, some
  as ``"md-" + name``: a word ending in ``-`` or ``_`` counts for every name it begins; the search
  worker's scripts touch no page and are not read). What a functional
  pseudo-class holds (``:not(.x)``, ``:is(...)``) is never needed, so such a rule stays;
- a custom property no kept rule, no other stylesheet of the site, no page and no script mentions
  (the icons of admonition kinds the site never uses).

The pruned file gets a name of its own (the content's hash added to Material's) and every page's
``<link>`` is pointed at it, so a cached copy of another build's cut is never used. ``mkdocs serve`` keeps
the whole stylesheets (a cut takes a build's pages, and a save changes them).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
import tinycss2.ast

THEME_STYLESHEETS = ("main", "palette")
"""Material's stylesheets (``assets/stylesheets/NAME.HASH.min.css``) that are pruned."""
_WORD = re.compile(r"-*[A-Za-z_][\w-]*")
_PROPERTY = re.compile(r"--[\w-]+")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_BLOCKS = ("media", "supports", "container", "layer")
"""At-rules whose body is a list of rules to prune in turn; any other at-rule is kept whole."""


@dataclass(frozen=True)
class Vocabulary:
    """The names that can occur in the built site (see the module's docstring)."""

    names: frozenset[str]
    prefixes: tuple[str, ...]
    """Words of the scripts that end in ``-`` or ``_``: a name that begins with one of them may be made."""
    properties: frozenset[str]
    """Custom properties the pages and scripts mention (set or read)."""

    def has(self, name: str) -> bool:
        return name in self.names or name.lower() in self.names or name.startswith(self.prefixes)


_START_TAG = re.compile(r"""<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")
"""A start tag, whole (a ``>`` inside a quoted value does not end it)."""
_SCRIPT_SRC = re.compile(r"""\s(?:data-)?src=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
"""A script's address: ``src``, or ``data-src`` where the page adds the script later (Material's bundle,
which ``overrides/main.html`` starts after the first paint)."""


def _tag_names(html: str) -> tuple[set[str], set[str]]:
    """The names the start tags of ``html`` hold (their element, attribute names, and the words of attribute
    values: a superset of what a selector can need of them), and the ``src`` (or ``data-src``) of each
    ``<script>``. (Read as words of each distinct tag, not by an HTML parser: at 5,000 devices the site is
    220 MB, 16 s parsed against under 3 s.)"""
    names: set[str] = set()
    scripts: set[str] = set()
    for tag in set(_START_TAG.findall(html)):
        names.update(_WORD.findall(tag[1:]))
        if tag.startswith("<script") and (src := _SCRIPT_SRC.search(tag)):
            scripts.add(next(part for part in src.groups() if part is not None))
    return names, scripts


def vocabulary(site_dir: Path) -> Vocabulary:
    """Every name a selector could need that the built site at ``site_dir`` holds."""
    found: set[str] = set()
    properties: set[str] = set()
    scripts: set[Path] = set()
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        names, sources = _tag_names(html)
        found |= names
        properties.update(_PROPERTY.findall(html))
        scripts.update(_local_file(site_dir, page, src) for src in sources)
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            for text in (doc.get("title", ""), doc.get("text", "")):
                found |= _tag_names(text)[0]
    names = {n.lower() for n in found} | found
    words: set[str] = set()
    for script in sorted(p for p in scripts if p.is_file()):
        words.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    properties.update(w for w in words if w.startswith("--"))
    names |= words
    prefixes = tuple(sorted(w for w in words if len(w) > 3 and w.endswith(("-", "_"))))
    return Vocabulary(frozenset(names), prefixes, frozenset(properties))


def _local_file(site_dir: Path, page: Path, src: str) -> Path:
    """The file a page's ``<script src>`` loads (a root-relative one from ``site_dir``; the 404 page's)."""
    path = src.split("?")[0].split("#")[0]
    return (site_dir / path.lstrip("/")) if path.startswith("/") else (page.parent / path).resolve()


def _selectors(prelude: list[tinycss2.ast.Node]) -> list[list[tinycss2.ast.Node]]:
    selectors: list[list[tinycss2.ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _attribute_needs(block: tinycss2.ast.SquareBracketsBlock) -> list[str]:
    tokens = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if not tokens or tokens[0].type != "ident":
        return []  # a namespace prefix or something unusual: need nothing
    needs = [tokens[0].value]
    # [x=v] and [x~=v] need the word v; ^= $= *= |= match part of a value, so only the name counts.
    exact = len(tokens) >= 3 and tokens[1].type == "literal" and tokens[1].value in ("=", "~=")
    if exact and tokens[2].type in ("ident", "string"):
        needs.append(tokens[2].value)
    return needs


def selector_needs(selector: list[tinycss2.ast.Node]) -> set[str]:
    """The names one selector (no commas) needs: its classes, ids, elements, attribute names and values.
    A pseudo-class or pseudo-element needs nothing, nor does what a functional one holds."""
    needs: set[str] = set()
    for i, token in enumerate(selector):
        before = selector[i - 1] if i else None
        after_colon = before is not None and before.type == "literal" and before.value == ":"
        if token.type == "literal" and token.value == "." and i + 1 < len(selector):
            needs.add(selector[i + 1].value)
        elif token.type == "hash":
            needs.add(token.value)
        elif token.type == "[] block":
            needs.update(_attribute_needs(token))
        elif token.type == "ident" and not after_colon:
            is_class = before is not None and before.type == "literal" and before.value == "."
            if not is_class:
                needs.add(token.value)
    return needs


def _rules(css: str | list[tinycss2.ast.Node]) -> list[tinycss2.ast.Node]:
    if isinstance(css, str):
        return tinycss2.parse_stylesheet(css)
    return tinycss2.parse_rule_list(css)


def _prune_rules(rules: Iterable[tinycss2.ast.Node], vocab: Vocabulary) -> list[tinycss2.ast.Node | str]:
    kept: list[tinycss2.ast.Node | str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(all(vocab.has(n) for n in selector_needs(s)) for s in _selectors(rule.prelude)):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _BLOCKS and rule.content is not None:
            inner = _prune_rules(_rules(rule.content), vocab)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{_serialize(inner)}}}")
        elif rule.type not in ("comment", "whitespace"):  # the source map's comment goes: it no longer fits
            kept.append(rule)
    return kept


def _serialize(rules: Iterable[tinycss2.ast.Node | str]) -> str:
    return "".join(r if isinstance(r, str) else r.serialize() for r in rules)


def _without_properties(css: str, unused: set[str]) -> str:
    """``css`` without the declarations of the custom properties in ``unused`` (a rule left empty goes)."""

    def rules(nodes: list[tinycss2.ast.Node]) -> str:
        out: list[str] = []
        for rule in nodes:
            if rule.type == "qualified-rule":
                declarations = [
                    d.serialize()
                    for d in tinycss2.parse_blocks_contents(rule.content)
                    if d.type not in ("whitespace", "comment") and not (d.type == "declaration" and d.name in unused)
                ]
                if declarations:
                    out.append(f"{tinycss2.serialize(rule.prelude)}{{{';'.join(declarations)}}}")
            elif rule.type == "at-rule" and rule.lower_at_keyword in _BLOCKS and rule.content is not None:
                inner = rules(_rules(rule.content))
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            elif rule.type not in ("comment", "whitespace"):
                out.append(rule.serialize())
        return "".join(out)

    return rules(_rules(css))


def _defined_properties(css: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[\w-]+)\s*:", css))


def prune(sheets: dict[str, str], vocab: Vocabulary, others: Iterable[str] = ()) -> dict[str, str]:
    """Each stylesheet of ``sheets`` (name → CSS) without the rules no page can match and without the
    custom properties nothing reads; ``others`` are the site's other stylesheets (read, never pruned)."""
    kept = {name: _serialize(_prune_rules(_rules(css), vocab)) for name, css in sheets.items()}
    read = set(vocab.properties)
    for css in others:
        read |= set(_PROPERTY.findall(css))
    defined = set().union(*(_defined_properties(css) for css in kept.values()))
    while True:  # a property stays when something kept reads it, which may be another property
        pruned = {name: _without_properties(css, defined - read) for name, css in kept.items()}
        more = read | {p for css in pruned.values() for p in _VAR.findall(css)}
        if more == read:
            return pruned
        read = more


def prune_theme_stylesheets(site_dir: Path) -> dict[str, str]:
    """Prune Material's stylesheets in the built site at ``site_dir`` (see the module's docstring): write
    each under a name of its own and point every page at it. Returns old file name → new file name."""
    folder = site_dir / "assets" / "stylesheets"
    files = {name: next(iter(sorted(folder.glob(f"{name}.*.min.css"))), None) for name in THEME_STYLESHEETS}
    sheets = {name: path.read_text(encoding="utf-8") for name, path in files.items() if path is not None}
    if not sheets:
        return {}
    ours = [p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.css")) if p.parent != folder]
    pruned = prune(sheets, vocabulary(site_dir), ours)
    renamed: dict[str, str] = {}
    for name, css in pruned.items():
        old = files[name]
        assert old is not None
        digest = hashlib.sha256(css.encode()).hexdigest()[:8]
        new = old.with_name(old.name.removesuffix(".min.css") + f".{digest}.min.css")
        new.write_text(css, encoding="utf-8")
        renamed[old.name] = new.name
    _point_pages_at(site_dir, renamed)
    return renamed


def _point_pages_at(site_dir: Path, renamed: dict[str, str]) -> None:
    pattern = re.compile(
        r'(<link rel="stylesheet" href="[^"]*assets/stylesheets/)(' + "|".join(map(re.escape, renamed)) + r')"'
    )
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        new = pattern.sub(lambda m: m.group(1) + renamed[m.group(2)] + '"', html)
        if new != html:
            page.write_text(new, encoding="utf-8")
