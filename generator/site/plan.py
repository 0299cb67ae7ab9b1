"""Which pages the site has, and what each one shows: a pure function of the catalogue."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

from generator.catalogue.facts import cited_by
from generator.catalogue.models import Device, Partnership, Source
from generator.catalogue.optics import nominal_of
from generator.catalogue.relations import Relations
from generator.catalogue.store import Catalogue, Entry, same_entries
from generator.site.explore import COMPARE_FILE, compare_index, compare_values, finder_data, finder_options, script_json
from generator.site.figures import figure_pages
from generator.site.figures.concept.pages import citations as figure_citations
from generator.site.figures.sensors import CONCEPT, device_figure
from generator.site.fragments import Fragments
from generator.site.hand_written import HandWrittenPage
from generator.site.opendata import open_data_pages
from generator.site.pages import PageSpec
from generator.site.tags import TAGS_PAGE, tags_listing

SECTIONS = ("devices", "companies", "partnerships", "sensors", "sources", "compare", "figures")
"""Folders of docs/ that the generator owns: every page in them is generated."""


def plan(
    catalogue: Catalogue, hand_written: list[HandWrittenPage] | None = None, fragments: Fragments | None = None
) -> list[PageSpec]:
    """Every page and file the site has; ``fragments`` keeps what the lists make of each item (see
    :mod:`generator.site.fragments`)."""
    fragments = fragments or Fragments(keep=False)
    hand_written = hand_written or []
    # What the last build made of every device and source: a save changes a device or two of thousands.
    last: _Kept | None = fragments.remembered(("plan",))
    rel = Relations.of(catalogue, (last.catalogue, last.relations) if last else None)
    replaced = _replaced_since(rel, last.relations) if last else None
    groups = _by_format_again(last.groups, replaced) if last is not None and replaced is not None else None
    groups = groups if groups is not None else _by_format(rel)  # the finder's formats and the comparison's sections
    if last is not None and replaced is not None and _same_but_devices(catalogue, last, hand_written):
        sources, cited = last.sources, last.cited
        if any(old.cites != new.cites for old, new in replaced):
            cited = cited_by(catalogue)
            citing = _cited_by(catalogue, hand_written, cited)
        else:
            citing = _cited_by_renamed(last.citing, replaced)
    else:
        sources = sorted(catalogue.sources.values(), key=lambda s: (s.publisher.lower(), s.date or "", s.id))
        cited = cited_by(catalogue)  # (from each entry's own list: Entry.cites)
        citing = _cited_by(catalogue, hand_written, cited)
    fragments.remember(("plan",), _Kept(catalogue, hand_written, rel, groups, sources, cited, citing))
    pages: list[PageSpec] = [
        PageSpec(
            "devices/index.md",
            "devices_index.md.j2",
            None,
            lambda: {
                "devices": rel.timeline,
                "finder_json": script_json("ll-finder-data", finder_data(rel.timeline, fragments)),
                "options": finder_options(catalogue, rel.timeline, [f for f, _ in groups], fragments),
            },
        ),
        PageSpec(
            "companies/index.md",
            "companies_index.md.j2",
            None,
            {"companies": sorted(catalogue.companies.values(), key=lambda e: e.model.name.lower())},
        ),
        PageSpec(
            "partnerships/index.md",
            "partnerships_index.md.j2",
            None,
            {"partnerships": sorted(catalogue.partnerships.values(), key=lambda e: (e.model.started.value, e.id))},
        ),
    ]
    position = {e.id: i for members in rel.by_partnership.values() for i, e in enumerate(members)}
    # A device page's figure shows the concept's sensor beside its own.
    concept = concept_entry.model if (concept_entry := catalogue.devices.get(CONCEPT)) else None
    for i, entry in enumerate(rel.timeline):
        before = rel.timeline[i - 1] if i > 0 else None
        after = rel.timeline[i + 1] if i + 1 < len(rel.timeline) else None
        pid = entry.model.partnership
        partnership = catalogue.partnerships[pid] if pid else None
        siblings = _siblings(rel.by_partnership[pid], position[entry.id]) if pid else []
        total = len(rel.by_partnership[pid]) - 1 if pid else 0
        figure = fragments.get(("sensor-figure", entry.id), (entry.model, concept), device_figure, catalogue, entry)
        # The very spec of last time when it shows the very same things, so the memo knows it at a glance.
        pages.append(
            fragments.get(
                ("device-page", entry.id),
                (entry, before, after, partnership, *siblings, total, figure),
                _device_page,
                entry,
                before,
                after,
                partnership,
                siblings,
                total,
                figure,
            )
        )
    for company in catalogue.companies.values():
        pages.append(
            PageSpec(
                f"companies/{company.id}.md",
                "company.md.j2",
                company.repo_path,
                {
                    "entry": company,
                    "company": company.model,
                    "devices": rel.by_maker[company.id],
                    "partnerships": rel.partnerships_of[company.id],
                },
            )
        )
    for link in catalogue.partnerships.values():
        pages.append(
            PageSpec(
                f"partnerships/{link.id}.md",
                "partnership.md.j2",
                link.repo_path,
                {
                    "entry": link,
                    "partnership": link.model,
                    "devices": rel.by_partnership[link.id],
                    "brand": catalogue.companies[link.model.brand],
                    "maker": catalogue.companies[link.model.maker],
                },
            )
        )
    for sensor in catalogue.sensors.values():
        pages.append(
            PageSpec(
                f"sensors/{sensor.id}.md",
                "sensor.md.j2",
                sensor.repo_path,
                {
                    "entry": sensor,
                    "sensor": sensor.model,
                    "devices": rel.by_sensor[sensor.id],
                },
            )
        )
    if catalogue.sensors:
        pages.append(
            PageSpec(
                "sensors/index.md",
                "sensors_index.md.j2",
                None,
                {"sensors": sorted(catalogue.sensors.values(), key=lambda e: e.model.name)},
            )
        )
    pages.extend(figure_pages(catalogue, rel, fragments))
    pages.append(
        PageSpec(
            "compare/index.md",
            "compare.md.j2",
            None,
            lambda: {
                "devices": rel.timeline,
                "groups": groups,
                "compare_json": script_json("ll-compare-data", compare_index(rel.timeline, fragments)),
                "compare_file": COMPARE_FILE,
            },
        )
    )
    pages.append(
        PageSpec(
            f"compare/{COMPARE_FILE}",
            "",
            None,
            content=functools.partial(compare_values, catalogue, rel.timeline, fragments),
        )
    )
    pages.append(
        PageSpec(
            "sources/index.md",
            "sources.md.j2",
            None,
            {
                "sources": sources,
                "cited_by": citing,
            },
        )
    )
    pages.append(
        PageSpec(TAGS_PAGE, "tags.md.j2", None, lambda: {"tags": tags_listing(catalogue, rel.timeline, fragments)})
    )
    pages.extend(open_data_pages(catalogue, fragments, cited))
    return pages


def _device_page(
    entry: Entry[Device],
    before: Entry[Device] | None,
    after: Entry[Device] | None,
    partnership: Entry[Partnership] | None,
    siblings: list[Entry[Device]],
    sibling_total: int,
    figure: Markup,
) -> PageSpec:
    return PageSpec(
        f"devices/{entry.id}.md",
        "device.md.j2",
        entry.repo_path,
        {
            "entry": entry,
            "device": entry.model,
            "before": before,
            "after": after,
            "partnership": partnership,
            "siblings": siblings,
            "sibling_total": sibling_total,
            "sensor_figure": figure,
        },
    )


MAX_SIBLINGS = 12
"""A device page names at most this many other devices of its partnership (the partnership's page has them
all), so that its size does not grow with the catalogue, nor does the set of pages an edit rewrites."""


def _siblings(members: list[Entry[Device]], i: int) -> list[Entry[Device]]:
    """The partnership's other devices nearest in announcement order to ``members[i]``: all of them when
    there are few, else up to MAX_SIBLINGS / 2 on each side (so a device is named on at most MAX_SIBLINGS
    other device pages of its partnership)."""
    if len(members) - 1 <= MAX_SIBLINGS:
        return members[:i] + members[i + 1 :]
    half = MAX_SIBLINGS // 2
    return members[max(0, i - half) : i] + members[i + 1 : i + 1 + half]


@dataclass(frozen=True)
class _Kept:
    """What the plan keeps of a build for the next (under ``mkdocs serve``), to take again where a save changed
    nothing it was made from: a save changes a device or two of thousands, and each pass over all of them
    reads every device's model (5 to 40 ms a pass at 5,000 devices)."""

    catalogue: Catalogue
    hand_written: list[HandWrittenPage]
    relations: Relations
    groups: list[tuple[str, list[Entry[Device]]]]
    """By format (:func:`_by_format`)."""
    sources: list[Source]
    """In the sources page's order."""
    cited: dict[str, list[tuple[str, str]]]
    """Who cites each source (:func:`~generator.catalogue.facts.cited_by`)."""
    citing: dict[str, tuple[tuple[str, str], ...]]
    """The pages citing each source (:func:`_cited_by`)."""


def _replaced_since(rel: Relations, last: Relations) -> tuple[tuple[Entry[Device], Entry[Device]], ...] | None:
    """The devices replaced in place since ``last``, of which ``rel`` was made (see :meth:`Relations.of`): none
    when these are the very relations of last time; None when these were made anew."""
    return () if rel is last else rel.replaced or None


def _same_but_devices(catalogue: Catalogue, kept: _Kept, hand_written: list[HandWrittenPage]) -> bool:
    """Whether every entry but the devices, the sources, the optics and the hand-written pages' citations are
    those of the last build (the very entries: an unchanged data file gives back its very entry)."""
    last = kept.catalogue
    return (
        hand_written == kept.hand_written
        and (catalogue.optics is last.optics or catalogue.optics == last.optics)
        and same_entries(catalogue.sources, last.sources)
        and all(
            same_entries(catalogue.table(folder), last.table(folder))
            for folder in ("companies", "partnerships", "sensors")
        )
    )


def _by_format(rel: Relations) -> list[tuple[str, list[Entry[Device]]]]:
    """Devices grouped by main-sensor format, the largest format first (1-inch before 1/1.28-inch)."""
    by_format: dict[str, list[Entry[Device]]] = {}
    for entry in rel.timeline:
        by_format.setdefault(_format(entry), []).append(entry)
    return sorted(by_format.items(), key=lambda item: (-nominal_of(item[0]), item[0]))


def _by_format_again(
    groups: list[tuple[str, list[Entry[Device]]]], replaced: tuple[tuple[Entry[Device], Entry[Device]], ...]
) -> list[tuple[str, list[Entry[Device]]]] | None:
    """The last build's groups with the devices replaced in their places, as :func:`_by_format` groups them;
    None when one of them changed its format."""
    if not replaced:
        return groups
    if any(_format(old) != _format(new) for old, new in replaced):
        return None
    lists = dict(groups)
    for old, new in replaced:
        members = lists[_format(new)] = list(lists[_format(new)])
        members[members.index(old)] = new
    return list(lists.items())


def _format(entry: Entry[Device]) -> str:
    fmt = entry.model.main_camera.format
    return fmt.value if fmt else "Format not published"


def _cited_by(
    catalogue: Catalogue, hand_written: list[HandWrittenPage], entries_citing: dict[str, list[tuple[str, str]]]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each source id, the pages (uri, title) that cite it, in a stable order."""
    cited: dict[str, dict[str, str]] = {sid: {} for sid in catalogue.sources}
    for page in hand_written:
        for sid in page.sources:
            if sid in cited:
                cited[sid][page.uri] = page.title
    citing_pages: dict[tuple[str, str], tuple[str, str]] = {}  # (each entry cites several sources: made once)
    for sid, entries in entries_citing.items():
        citing = cited.setdefault(sid, {})
        for entry in entries:
            uri_title = citing_pages.get(entry)
            if uri_title is None:
                uri_title = citing_pages[entry] = (f"{entry[0]}/{entry[1]}.md", catalogue.display_name(*entry))
            citing[uri_title[0]] = uri_title[1]
    for uri, title, sources in figure_citations(catalogue):  # data/optics.yaml, cited by its figures
        for sid in sources:
            cited.setdefault(sid, {})[uri] = title
    return {sid: tuple(sorted(citing.items())) for sid, citing in cited.items()}


def _cited_by_renamed(
    citing: dict[str, tuple[tuple[str, str], ...]], replaced: tuple[tuple[Entry[Device], Entry[Device]], ...]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """:func:`_cited_by` of the last build with the devices replaced since (citing the same sources as before)
    under their names now: the citing pages of the sources they cite listed again."""
    if all(old.model.name == new.model.name for old, new in replaced):
        return citing
    citing = dict(citing)
    for _, new in replaced:
        page = f"devices/{new.id}.md"
        for sid in new.cites:
            pages = dict(citing[sid])
            pages[page] = str(new.model.name)  # (Catalogue.display_name of a device)
            citing[sid] = tuple(sorted(pages.items()))
    return citing
