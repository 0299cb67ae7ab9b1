"""Safe Markdown: data text always renders as literal text, never as markup.

Templates output data through Jinja's ``finalize`` hook, which escapes every value that is not
already ``Markup`` (links and citation marks built by the helpers below are).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from markupsafe import Markup

# Characters Python-Markdown (with the tables extension) treats as syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# Syntax that only counts at the start of a block: headings, lists, quotes, rules, admonitions.
_LINE_START = re.compile(r"^(\s*)(?:([#>+!-])|(\d+)([.)])(?=\s|$))")


class RawHtml(Markup):
    """A raw HTML block a page shows as it is, on lines of its own with blank lines around it: a figure, or
    the data a page's script reads. A page tells MkDocs' side of each it was given (see
    :attr:`~generator.site.fragments.Fragments.rows`), which then sets it aside without looking for it."""

    lines: tuple[str, ...] = ()
    """The lines it was joined from, when made by :meth:`joined` (a figure: most of its lines are the same
    objects from one build to the next, and MkDocs' side reads only the new ones)."""

    @classmethod
    def joined(cls, lines: Sequence[str]) -> RawHtml:
        """The block of ``lines`` joined with line ends, keeping them."""
        block = cls("\n".join(lines))
        block.lines = tuple(lines)
        return block


def md_escape(value: object) -> str:
    """Render any value as literal text in Markdown (inline or as a whole paragraph)."""
    if isinstance(value, Markup):
        return str(value)
    text = re.sub(r"\s+", " ", str(value))  # one line: no new blocks, no indented code
    text = html.escape(text, quote=False)
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker, number, dot = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


def html_text(value: str) -> str:
    """Text for a page's front matter: MkDocs and Material put ``title``, ``description`` and ``tags``
    into the HTML (``<title>``, ``<meta content="...">``, the header, tag links) as they are, unescaped."""
    return html.escape(" ".join(value.split()), quote=False).replace('"', "&quot;")


def url_escape(url: str) -> str:
    """A URL safe inside Markdown's ``(...)`` link target."""
    for char, code in (("(", "%28"), (")", "%29"), (" ", "%20"), ("<", "%3C"), (">", "%3E"), ("\\", "%5C")):
        url = url.replace(char, code)
    return url


def link(text: object, target: str) -> Markup:
    return Markup(f"[{md_escape(text)}]({url_escape(target)})")
