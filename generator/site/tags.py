"""Tags: what each device page is tagged with, and the page that lists the devices under each tag.

A device page's tags (its front matter's ``tags``) are shown at its top as links to their heading on the
tags page (``overrides/partials/tags.html``, given them by the MkDocs plugin: :func:`tag_url`), and Material's
search indexes them. The tags page is generated like the lists: under ``mkdocs serve`` a rename converts
again the few rows it changed (Material's tags plugin, which made it before, lists and renders every tagged
page again on every build).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from pymdownx.slugs import slugify  # type: ignore[import-untyped]

from generator.catalogue.models import Device
from generator.catalogue.store import Catalogue, Entry
from generator.site.fragments import Fragments
from generator.site.markdown import html_text

TAGS_PAGE = "tags.md"

_slug = slugify(case="lower")


def device_tags(catalogue: Catalogue, device: Device) -> list[str]:
    """Its maker, its camera partner's brand (when another), its main sensor's format and, for a concept,
    "Concept"; sorted by name, as its page shows them."""
    partnership = catalogue.partnerships[device.partnership].model if device.partnership else None
    tags = {catalogue.display_name("companies", device.maker)}
    if partnership:
        tags.add(catalogue.display_name("companies", partnership.brand))
    if device.main_camera.format:
        tags.add(device.main_camera.format.value)
    if device.kind.value == "concept":
        tags.add("Concept")
    return sorted(tags)


def tag_anchor(name: str) -> str:
    """The id of a tag's heading on the tags page, from the tag as a page's front matter holds it (HTML-escaped
    text, see :func:`~generator.site.markdown.html_text`): the ids Material's tags plugin gave them, but
    for "_", which would read as emphasis in the heading's ``{ #id }``."""
    return "tag:" + _slug(name, "-").replace("_", "-")


def tag_url(name: str) -> str:
    """Where a tag of a page's front matter leads: its heading on the tags page (relative to the site)."""
    return f"tags/#{tag_anchor(name)}"


def tags_listing(
    catalogue: Catalogue, devices: Sequence[Entry[Device]], fragments: Fragments
) -> list[tuple[str, str, list[Entry[Device]]]]:
    """Each tag (sorted by name), its heading's id, and its devices (sorted by name); each device's tags
    are kept in ``fragments``."""
    by_name = sorted(devices, key=operator.attrgetter("model.name"))  # (a key made in C: thousands)
    tagged: dict[str, list[Entry[Device]]] = {}
    tags_of = fragments.each(("tags",), by_name, lambda e: device_tags(catalogue, e.model))
    for entry, tags in zip(by_name, tags_of, strict=True):
        for name in tags:
            tagged.setdefault(name, []).append(entry)
    return [(name, tag_anchor(html_text(name)), tagged[name]) for name in sorted(tagged, key=html_text)]
