"""A few helpers to write inline SVG by hand: escaped text, compact numbers, the figure wrapper.

Figures are raw HTML blocks inside Markdown: Python-Markdown passes a block through untouched when it
starts with a block-level tag and holds no blank line, so every figure is written one element a line.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Sequence

from generator.catalogue.models import SensorSize
from generator.site.markdown import RawHtml

CHAR_WIDTH = 0.56
"""Average advance of a character of the site's sans-serif font, in ems (for fitting and wrapping text)."""


def esc(value: object) -> str:
    """Text or attribute value, XML-escaped (``<``, ``&``, both quotes)."""
    return html.escape(" ".join(str(value).split()), quote=True)


@functools.lru_cache(maxsize=1 << 12)  # the same sentences build after build: a row of a figure each
def _esc_part(part: str) -> str:
    return esc(part)


def _esc_parts(parts: Sequence[str]) -> str:
    """``esc(" ".join(parts))``, each part escaped once for every build: the descriptions of the list figures
    name every device (hundreds of kilobytes), which a save changes in one part. (Whitespace is made single
    spaces within a part and between parts alike; a part with no text adds no space.)"""
    return " ".join(filter(None, map(_esc_part, parts)))


def num(value: float) -> str:
    """A coordinate: at most four decimals, no trailing zeros (``105.6``, ``12``)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (CHAR_WIDTH + (0.04 if bold else 0))


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to an estimated width; a word longer than the width gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def attrs(**values: object) -> str:
    """``x=1, class_="a", aria_label="b"`` → ``x="1" class="a" aria-label="b"`` (None values left out)."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        out.append(f'{name}="{num(value) if isinstance(value, float) else esc(value)}"')
    return " ".join(out)


def el(tag: str, content: str | None = None, **attributes: object) -> str:
    """One element: ``el("line", x1=0.0, class_="ll-axis")`` → ``<line x1="0" class="ll-axis"/>``.

    ``content`` is markup, already escaped.
    """
    head = f"{tag} {attrs(**attributes)}".rstrip()
    return f"<{head}/>" if content is None else f"<{head}>{content}</{tag}>"


def text(
    x: float,
    y: float,
    content: str,
    size: float,
    cls: str = "ll-text",
    anchor: str = "start",
    bold: bool = False,
    **extra: object,
) -> str:
    attributes = attrs(
        x=float(x),
        y=float(y),
        class_=cls,
        font_size=float(size),
        text_anchor=None if anchor == "start" else anchor,
        font_weight="bold" if bold else None,
        **extra,
    )
    return f"<text {attributes}>{esc(content)}</text>"


class Lines(str):
    """Text joined from lines with line ends, keeping them (see :meth:`RawHtml.joined`)."""

    lines: tuple[str, ...] = ()

    @classmethod
    def joined(cls, lines: Sequence[str]) -> Lines:
        text = cls("\n".join(lines))
        text.lines = tuple(lines)
        return text


def svg(
    name: str,
    width: float,
    height: float,
    title: str,
    desc: str | Sequence[str],
    body: Iterable[str],
    interactive: bool = False,
    **extra: object,
) -> Lines:
    """The ``<svg>`` element: scales to its container, titled and described for screen readers. ``desc``: the
    description, or its parts (sentences), which it joins with spaces.

    A figure without links is a single ``img``. One holding links keeps the ``<svg>`` element's own role
    (graphics-document; Chromium's tree shows it as ``SvgRoot``), still named by its title, with its links
    reachable inside it: ``role="group"`` did the same but is not allowed on ``<svg>`` in HTML (vnu).
    """
    title_id, desc_id = f"{name}-title", f"{name}-desc"
    head = attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {num(width)} {num(height)}",
        class_=f"ll-svg ll-svg--{name}",
        role=None if interactive else "img",
        aria_labelledby=title_id,
        aria_describedby=desc_id,
        font_family="sans-serif",
        font_size="13",
        fill="currentColor",
        **extra,
    )
    # Search indexes a page's own words, not a figure's labels (the table beneath repeats the numbers).
    lines = [
        f'<svg {head} data-search-exclude="">',
        f'<title id="{title_id}">{esc(title)}</title>',
        f'<desc id="{desc_id}">{esc(desc) if isinstance(desc, str) else _esc_parts(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return Lines.joined(lines)


def figure(
    name: str,
    svg_markup: str,
    caption_html: str = "",
    scroll: bool = False,
    scroll_label: str = "",
    searchable: bool = True,
) -> RawHtml:
    """The raw HTML block: a ``<figure>`` with the SVG (in a scrolling box for wide figures) and a caption.

    Blank lines around it come from the template; there are none inside. A figure that is not
    ``searchable`` (its caption is the same on every page it is on) is left out of the search index.
    """
    inner = list(svg_markup.lines) if isinstance(svg_markup, Lines) else [svg_markup]
    if scroll:
        # Wide figures keep a legible minimum width and scroll sideways on narrow screens; the box is
        # focusable so the keyboard can scroll it too.
        scrolling = f'<div class="ll-scroll" tabindex="0" role="region" aria-label="{esc(scroll_label)}">'
        inner = [scrolling, *inner, "</div>"]
    caption = [f"<figcaption>{caption_html}</figcaption>"] if caption_html else []
    skip = "" if searchable else ' data-search-exclude=""'
    lines = [f'<figure class="ll-figure ll-figure--{name}" id="figure-{name}"{skip}>', *inner, *caption, "</figure>"]
    assert all(map(_no_blank_line, lines)), "a blank line would end the raw HTML block"
    return RawHtml.joined(lines)


@functools.lru_cache(maxsize=1 << 12)  # a figure's lines: most are the same objects build after build
def _no_blank_line(line: str) -> bool:
    """Whether ``line``, joined to others with line ends, makes no blank line."""
    return bool(line) and "\n\n" not in line and line[0] != "\n" and line[-1] != "\n"


def size_rect(x: float, y: float, size: SensorSize, scale: float, cls: str, label: str) -> str:
    """A sensor or frame drawn to scale, its millimetres and name kept as data attributes (tests read them)."""
    return el(
        "rect",
        x=x,
        y=y,
        width=size.width_mm * scale,
        height=size.height_mm * scale,
        class_=cls,
        fill_opacity="0.2",
        stroke="currentColor",
        data_width_mm=size.width_mm,
        data_height_mm=size.height_mm,
        data_label=label,
    )
