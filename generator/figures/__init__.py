"""Figures drawn from the data at build time, as inline SVG the site ships itself (no script, no CDN).

- Sensors to scale (``figures/sensors.md``), and a small version on each device page;
- the partnership timeline (``figures/timeline.md``);
- the launch history (``figures/launches.md``).

Every figure is a pure function of the catalogue: same data, same bytes. Each has a title and a
description, and its page repeats the numbers in a cited table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..formats import date as format_date
from . import svg
from .formats import FORMAT_SIZES, format_label
from .launches import launches_svg
from .sensors import device_figure, sensors_data, sensors_svg
from .sizes import format_facts, latest_date, main_sensor
from .svg import served_href
from .timeline import rows, timeline_svg

if TYPE_CHECKING:
    from ..catalogue import Catalogue, Entry
    from ..models import Device
    from ..site_plan import PageSpec, Relations

NARROW_HINT = (' <span class="ll-narrow">On a narrow screen the figure opens at its recent end: '
               "scroll sideways for earlier years.</span>")
"""Shown only where the wide figures scroll (see docs/stylesheets/figures.css)."""

PAGES = {
    "sensors": ("Sensors to scale", "figures/sensors.md"),
    "timeline": ("Partnership timeline", "figures/timeline.md"),
    "launches": ("Launch history", "figures/launches.md"),
}


def _timeline_caption(as_of: str) -> str:
    return ("Bars: partnerships, from the date each began to the date it ended. Open-ended bars run to "
            f"{svg.esc(format_date(as_of))}, the latest date in our data, marked by the dashed line. "
            "Circles: device launches, numbered in order of announcement as in the table below; each links "
            "to its device’s page." + NARROW_HINT)


def _launches_caption(uri: str) -> str:
    sensors_href = served_href(uri, PAGES["sensors"][1])
    return ("Each circle is a device, placed by the date it was announced in the row of its main sensor’s "
            "format, numbered as in the table below and linked to its page. Rows are in order of size, "
            "largest at the top, but not spaced to scale; the “inch” of a format is a name, not a measure "
            f'(for millimetres see <a href="{sensors_href}">Sensors to scale</a>). Circles that would '
            "overlap stack downwards." + NARROW_HINT)


def figure_pages(catalogue: Catalogue, relations: Relations) -> list[PageSpec]:
    """The figures section: an index and one page per figure."""
    from ..site_plan import PageSpec

    timeline = relations.timeline
    numbers = {e.id: n for n, e in enumerate(timeline, start=1)}

    def hrefs(page: str) -> dict[str, str]:
        # Device pages are all in one folder, beside its index: one relative path serves them all.
        devices = served_href(page, "devices/index.md")
        return {e.id: f"{devices}{e.id}/" for e in timeline}

    # Sensors to scale.
    uri = PAGES["sensors"][1]
    data = sensors_data(catalogue, timeline)
    sensors_fig = svg.figure("sensors", sensors_svg(data, hrefs(uri)))
    format_table = [(format_label(key), format_facts(catalogue, key)) for key in FORMAT_SIZES]
    pages = [PageSpec(uri, "figure_sensors.md.j2", None, {
        "figure": sensors_fig, "data": data, "numbers": numbers,
        "format_table": [(label, facts) for label, facts in format_table if facts],
    })]

    # Partnership timeline.
    uri = PAGES["timeline"][1]
    names = {pid: catalogue.display_name("partnerships", pid) for pid in catalogue.partnerships}
    table = rows(catalogue, timeline, names)
    as_of = latest_date(catalogue)
    timeline_fig = Markup("")
    if as_of is not None:
        p_hrefs = {pid: served_href(uri, f"partnerships/{pid}.md") for pid in catalogue.partnerships}
        timeline_fig = svg.figure("timeline", timeline_svg(catalogue, table, as_of, hrefs(uri), p_hrefs),
                                  _timeline_caption(as_of), scroll=True,
                                  scroll_label="Partnership timeline (scrolls sideways)")
    pages.append(PageSpec(uri, "figure_timeline.md.j2", None, {
        "figure": timeline_fig, "rows": table, "as_of": as_of, "numbers": numbers, "devices": timeline,
    }))

    # Launch history.
    uri = PAGES["launches"][1]
    sensors = [main_sensor(catalogue, e) for e in timeline]
    launches_fig = Markup("")
    if sensors:
        launches_fig = svg.figure("launches", launches_svg(sensors, numbers, hrefs(uri)),
                                  _launches_caption(uri), scroll=True,
                                  scroll_label="Launch history (scrolls sideways)")
    # Every year from the first launch to the last, those without one too.
    first, last = (int(timeline[i].model.announced.value[:4]) for i in (0, -1)) if timeline else (0, -1)
    years: dict[str, list[int]] = {str(year): [0, 0] for year in range(first, last + 1)}
    for ms in sensors:
        counts = years[ms.entry.model.announced.value[:4]]
        counts[0] += 1
        counts[1] += ms.key == "1"
    pages.append(PageSpec(uri, "figure_launches.md.j2", None, {
        "figure": launches_fig, "sensors": sensors, "numbers": numbers, "years": sorted(years.items()),
    }))

    pages.append(PageSpec("figures/index.md", "figure_index.md.j2", None, {
        "pages": PAGES, "device_count": len(timeline), "partnership_count": len(catalogue.partnerships),
    }))
    return pages


def device_sensor_figure(catalogue: Catalogue, entry: Entry[Device]) -> str:
    """Inline SVG comparing one device's main sensor with the 12S Ultra Concept's and a typical phone's."""
    return device_figure(catalogue, entry)
