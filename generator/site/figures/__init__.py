"""Figures drawn from the data at build time, as inline SVG the site ships itself (no script, no CDN).

- Sensors to scale (``figures/sensors.md``), and a small version on each device page;
- the partnership timeline (``figures/timeline.md``);
- the launch history (``figures/launches.md``);
- the concept's idea (:mod:`.concept`): the lens over the sensor, the side view, the module.

Every figure is a pure function of the catalogue: same data, same bytes. Each has a title and a
description, and its page repeats the numbers in a cited table.
"""

from __future__ import annotations

import collections
import functools
import itertools
import operator
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator.catalogue.models import Device
from generator.catalogue.relations import Relations
from generator.catalogue.store import ID_OF, MODEL_OF, Catalogue, Entry
from generator.site.figures import svg
from generator.site.figures.concept.pages import PAGES as CONCEPT_PAGES
from generator.site.figures.concept.pages import figure_pages as concept_figure_pages
from generator.site.figures.launches import launches_svg
from generator.site.figures.sensors import sensors_data, sensors_svg
from generator.site.figures.sizes import SENSOR_ID, MainSensor, format_facts, latest_date, main_sensor
from generator.site.figures.timeline import rows, timeline_svg
from generator.site.fragments import Fragments
from generator.site.links import served_href
from generator.site.pages import PageSpec
from generator.site.values import date as format_date

_ANNOUNCED, _KEY = operator.attrgetter("entry.model.announced.value"), operator.attrgetter("key")
_YEAR = operator.itemgetter(slice(0, 4))
"""A date's year (``value[:4]``)."""

NARROW_HINT = (
    ' <span class="ll-narrow">On a narrow screen the figure opens at its recent end: '
    "scroll sideways for earlier years.</span>"
)
"""Shown only where the wide figures scroll (see docs/stylesheets/site.css)."""

PAGES = {
    **CONCEPT_PAGES,
    "sensors": ("Sensors to scale", "figures/sensors.md"),
    "timeline": ("Partnership timeline", "figures/timeline.md"),
    "launches": ("Launch history", "figures/launches.md"),
}


def _timeline_caption(as_of: str) -> str:
    return (
        "Bars: partnerships, from the date each began to the date it ended. Open-ended bars run to "
        f"{svg.esc(format_date(as_of))}, the latest date in our data, marked by the dashed line. "
        "Circles: device launches, numbered in order of announcement as in the table below; each links "
        "to its device’s page." + NARROW_HINT
    )


def _launches_caption(uri: str) -> str:
    sensors_href = served_href(uri, PAGES["sensors"][1])
    return (
        "Each circle is a device, placed by the date it was announced in the row of its main sensor’s "
        "format, numbered as in the table below and linked to its page. Rows are in order of size, "
        "largest at the top, but not spaced to scale; the “inch” of a format is a name, not a measure "
        f'(for millimetres see <a href="{sensors_href}">Sensors to scale</a>). Circles that would '
        "overlap stack downwards." + NARROW_HINT
    )


_PARTNERSHIP = operator.attrgetter("model.partnership")


def figure_pages(catalogue: Catalogue, relations: Relations, fragments: Fragments | None = None) -> list[PageSpec]:
    """The figures section: an index and one page per figure.

    Each figure is drawn when its page is rendered (see ``PageSpec.context``), so that at thousands of
    devices the three figures are drawn in parallel with the other pages. ``fragments`` keeps each
    device's main sensor (and the markers, which are pure) for the next build.
    """
    timeline = relations.timeline
    numbers = dict(zip(map(ID_OF, timeline), itertools.count(1)))  # (in C: thousands of devices a save)
    kept = fragments or Fragments(keep=False)
    # (Made once a build, by the first of the two figures that asks.)
    sensors = functools.cache(functools.partial(main_sensors, catalogue, timeline, kept))
    concept = concept_figure_pages(catalogue)
    return [
        *concept,
        PageSpec(
            PAGES["sensors"][1],
            "figure_sensors.md.j2",
            None,
            functools.partial(_sensors_context, catalogue, timeline, numbers, sensors, kept),
        ),
        PageSpec(
            PAGES["timeline"][1],
            "figure_timeline.md.j2",
            None,
            functools.partial(_timeline_context, catalogue, timeline, numbers, kept),
        ),
        PageSpec(
            PAGES["launches"][1],
            "figure_launches.md.j2",
            None,
            functools.partial(_launches_context, catalogue, timeline, numbers, sensors, kept),
        ),
        PageSpec(
            "figures/index.md",
            "figure_index.md.j2",
            None,
            {
                "pages": PAGES,
                "device_count": len(timeline),
                "partnership_count": len(catalogue.partnerships),
                "concept_pages": [spec.uri for spec in concept],
            },
        ),
    ]


_LaunchCounts = collections.Counter[tuple[str, str | None]]


def _year_and_format(sensors: list[MainSensor]) -> list[tuple[str, str | None]]:
    """Each sensor's device's year of announcement and its format (``key``), taken in C."""
    return list(zip(map(_YEAR, map(_ANNOUNCED, sensors)), map(_KEY, sensors), strict=True))


def _launches_per_year(sensors: list[MainSensor], fragments: Fragments) -> _LaunchCounts:
    """How many devices were announced in each year with each main-sensor format (``key``), by (year, key).

    Counted again only where the list holds another sensor than last build's (a save changes one of
    thousands; a kept sensor is the very same object): counting 5,000 took 11 ms a save, their dates
    scattered in memory. Found in one pass of C, the changed places are few unless a device moved in the
    timeline."""
    last = fragments.remembered("launches-per-year")
    if last is not None and len(last[0]) == len(sensors):
        kept, pairs, counts = last
        changed = list(itertools.compress(range(len(sensors)), map(operator.is_not, sensors, kept)))
        if changed:
            pairs, counts = list(pairs), collections.Counter(counts)  # (last build's left whole)
            for i, pair in zip(changed, _year_and_format([sensors[i] for i in changed]), strict=True):
                counts[pairs[i]] -= 1
                pairs[i] = pair
                counts[pair] += 1
            counts = +counts  # (a year and format with no launch left: gone)
    else:
        pairs = _year_and_format(sensors)
        counts = collections.Counter(pairs)
    fragments.remember("launches-per-year", (sensors, pairs, counts))
    return counts


def _device_pages(page: str) -> str:
    """The device pages' folder, relative to ``page``: a device's page is this, its id and a slash (they are
    all in one folder, beside its index)."""
    return served_href(page, "devices/index.md")


def main_sensors(catalogue: Catalogue, timeline: list[Entry[Device]], fragments: Fragments) -> list[MainSensor]:
    """Each device's main sensor, in timeline order."""
    return fragments.each("main-sensors", timeline, functools.partial(main_sensor, catalogue))


def _markers(
    fragments: Fragments, uri: str, ids: list[str], models: list[Any], make: Callable[[int], tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """What a figure's marker shows of each device (its number first), kept as :meth:`Fragments.parts` keeps
    parts: at thousands of devices, taking them again is one pass, where making them is a loop of Python.
    The number is the device's place in the timeline, so a device that moved gets its marker made again."""
    return fragments.parts(("markers", uri), ids, models, make, extras=list(range(1, len(ids) + 1)))


def _sensors_context(
    catalogue: Catalogue,
    timeline: list[Entry[Device]],
    numbers: dict[str, int],
    sensors: Callable[[], list[MainSensor]],
    fragments: Fragments,
) -> dict[str, Any]:
    """Sensors to scale."""
    uri = PAGES["sensors"][1]
    data = sensors_data(catalogue, sensors())
    format_table = [(f.name, format_facts(catalogue, key)) for key, f in catalogue.optics.formats.items()]
    devices = _device_pages(uri)
    kept_links = fragments.each(("links", uri), timeline, lambda e: (f"{devices}{e.id}/", e.id, e.model.name))
    links = dict(zip(map(ID_OF, timeline), kept_links, strict=True))
    return {
        "figure": svg.figure("sensors", sensors_svg(data, links)),
        "data": data,
        "numbers": numbers,
        "format_table": [(label, facts) for label, facts in format_table if facts],
    }


def _timeline_context(
    catalogue: Catalogue, timeline: list[Entry[Device]], numbers: dict[str, int], fragments: Fragments
) -> dict[str, Any]:
    """Partnership timeline."""
    uri = PAGES["timeline"][1]
    names = {pid: catalogue.display_name("partnerships", pid) for pid in catalogue.partnerships}
    partnerships = fragments.each("partnership", timeline, _PARTNERSHIP)
    table = rows(catalogue, timeline, names, partnerships)
    as_of = latest_date(catalogue, fragments)
    figure = Markup("")
    if as_of is not None:
        p_hrefs = {pid: served_href(uri, f"partnerships/{pid}.md") for pid in catalogue.partnerships}
        devices = _device_pages(uri)

        def launch(i: int) -> tuple[Any, ...]:
            e = timeline[i]
            return (numbers[e.id], e.id, e.model.name, e.model.announced.value, f"{devices}{e.id}/")

        launches = _markers(fragments, uri, list(map(ID_OF, timeline)), list(map(MODEL_OF, timeline)), launch)
        figure = svg.figure(
            "timeline",
            timeline_svg(catalogue, table, as_of, launches, p_hrefs),
            _timeline_caption(as_of),
            scroll=True,
            scroll_label="Partnership timeline (scrolls sideways)",
        )
    return {"figure": figure, "rows": table, "as_of": as_of, "numbers": numbers, "devices": timeline}


def _launches_context(
    catalogue: Catalogue,
    timeline: list[Entry[Device]],
    numbers: dict[str, int],
    main_sensors: Callable[[], list[MainSensor]],
    fragments: Fragments,
) -> dict[str, Any]:
    """Launch history."""
    uri = PAGES["launches"][1]
    sensors = main_sensors()
    figure = Markup("")
    if sensors:
        devices = _device_pages(uri)

        def launch(i: int) -> tuple[Any, ...]:
            ms = sensors[i]
            e = ms.entry
            return (numbers[e.id], e.id, e.model.name, e.model.announced.value, f"{devices}{e.id}/", ms.format_label)

        launches = _markers(fragments, uri, list(map(SENSOR_ID, sensors)), sensors, launch)
        figure = svg.figure(
            "launches",
            launches_svg(sensors, launches),
            _launches_caption(uri),
            scroll=True,
            scroll_label="Launch history (scrolls sideways)",
        )
    # Every year from the first launch to the last, those without one too.
    first, last = (int(timeline[i].model.announced.value[:4]) for i in (0, -1)) if timeline else (0, -1)
    years: dict[str, list[int]] = {str(year): [0, 0] for year in range(first, last + 1)}
    for (year, key), count in _launches_per_year(sensors, fragments).items():
        counts = years[year]
        counts[0] += count
        counts[1] += count if key == "1" else 0
    return {"figure": figure, "sensors": sensors, "numbers": numbers, "years": sorted(years.items())}
