"""Turn data files into a Catalogue, collecting every error (with file:line:col) before failing."""

from __future__ import annotations

import difflib
import functools
import itertools
import operator
import os
import posixpath
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.catalogue import dates
from generator.catalogue.errors import DataError, DataErrors
from generator.catalogue.kinds import BY_FOLDER, KINDS, OPTICS_FILE, OPTICS_MODEL, SOURCES_FILE, SOURCES_MODEL
from generator.catalogue.models import SLUG, facts_in
from generator.catalogue.reading import Document, FieldPath, dotted, read_file
from generator.catalogue.store import MODEL_OF, Catalogue, Entry
from generator.catalogue.validation import validate_document, yaml_path
from generator.speed.parallel import as_done

M = TypeVar("M", bound=BaseModel)

OPTICS = "optics"
"""The key of data/optics.yaml among the documents cross-checked (it holds no entries of a kind)."""


_Listed = tuple[list[tuple[str, str]], set[str], list[DataError]]
"""What a folder's listing gives (:func:`_listed`): its files (id, path), the ids its names name, its errors."""


class ReadCache:
    """What reading and validating each data file gave, kept between builds of one process (each rebuild of
    ``mkdocs serve``), so that a save re-reads only the files it changed.

    An entry is reused while the file's size, modification time and inode are those it was read with: an
    editor's save, an atomic rename or a ``touch`` all change one of them. Reading and validating one file
    depends on its bytes alone; the cross-checks between files run on every build. Files are named by
    their paths as text: at 5,000 files a save, ``pathlib``'s objects (made, hashed, compared) cost more
    than the ``stat`` calls.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, type[BaseModel]], tuple[tuple[int, int, int], Any]] = {}
        self._kept_entries: dict[tuple[str, str], tuple[Any, Entry[Any]]] = {}
        self._listings: dict[str, tuple[list[tuple[str, bool]], _Listed]] = {}
        self.checked: _Checked | None = None
        """What the last cross-check that found no error checked the devices against (see :func:`cross_check`)."""
        self.hits = 0
        self.misses = 0

    def read(self, path: str, model: type[M]) -> tuple[Document | None, M | None, list[DataError]]:
        try:
            st = os.stat(path)
            key: tuple[int, int, int] | None = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            key = None
        cached = self._entries.get((path, model))
        if key is not None and cached is not None and cached[0] == key:
            self.hits += 1
            # (The type as text: made at run time, it cost more than the stat, 5,000 times a save.)
            return typing.cast("tuple[Document | None, M | None, list[DataError]]", cached[1])
        self.misses += 1
        doc, errors = _read_alone(Path(path))
        entity = validate_document(doc, model, errors) if doc is not None else None
        result = (doc, entity, errors)
        if key is not None:
            self._entries[path, model] = (key, result)
        return result

    def listed(self, folder: str, names: list[tuple[str, bool]]) -> _Listed:
        """What a folder's listing gives (:func:`_listed`): the very result of last time for the same names (at
        5,000 files, checking each name again cost 25 ms a save)."""
        kept = self._listings.get(folder)
        if kept is None or kept[0] != names:
            kept = self._listings[folder] = (names, _listed(folder, names))
        return kept[1]

    def entry(self, file_id: str, path: str, doc: Document, model: Any, repo_root: Path) -> Entry[Any]:
        """The entry of a file read (:meth:`read`): the very one of the last build while the model is the same,
        so that the pages made of it can tell it is the same at a glance."""
        key = (path, str(repo_root))
        kept = self._kept_entries.get(key)
        if kept is not None and kept[0] is model:
            return kept[1]
        entry = Entry(file_id, doc.path, _relative(path, repo_root), model)
        self._kept_entries[key] = (model, entry)
        return entry

    def keep_only(self, paths: set[str]) -> None:
        """Forget the files that are gone. (A file read again replaces its entry when it is valid.)"""
        for stale in [k for k in self._entries if k[0] not in paths]:
            del self._entries[stale]
        for gone in [k for k in self._kept_entries if k[0] not in paths]:
            del self._kept_entries[gone]


def load_catalogue(
    data_dir: Path, repo_root: Path | None = None, workers: int = 1, cache: ReadCache | None = None
) -> Catalogue:
    """Read, validate and cross-check everything under ``data_dir``; raise DataErrors listing every error.

    ``workers`` processes read and parse the files, when there are many (see :mod:`generator.speed.parallel`);
    ``cache`` keeps what each file gave for the next call (``mkdocs serve``), instead of workers.
    """
    if not data_dir.is_dir():
        raise DataErrors([DataError(_shown(data_dir), 0, 0, "", "is not a folder of data files")])
    repo_root = repo_root or data_dir.resolve().parent
    errors: list[DataError] = []
    catalogue = Catalogue()
    sources_path, optics_path = data_dir / SOURCES_FILE, data_dir / OPTICS_FILE
    # Every file is listed first, then all are read at once: the workers parse the register of sources
    # and the small folders alongside the devices.
    listed: dict[str, tuple[list[tuple[str, str]], set[str], list[DataError]]] = {}
    for kind_info in KINDS:
        if not kind_info.optional or (data_dir / kind_info.folder).exists():
            listing_errors: list[DataError] = []
            listed[kind_info.folder] = (
                *_data_files(data_dir / kind_info.folder, listing_errors, cache),
                listing_errors,
            )
    files: list[tuple[str, type[BaseModel], str | None]] = [
        (str(sources_path), SOURCES_MODEL, None),
        *((path, BY_FOLDER[kind].model, file_id) for kind, (found, _, _) in listed.items() for file_id, path in found),
        *([(str(optics_path), OPTICS_MODEL, None)] if optics_path.exists() else []),
    ]
    read = dict(zip((path for path, _, _ in files), _read_all(files, repo_root, workers, cache), strict=True))
    # Ids that exist but whose file has errors (None: any id may): references to them are not errors too.
    unchecked: dict[str, set[str] | None] = {"sources": None}
    sources_doc, register, read_errors = read[str(sources_path)]
    errors.extend(read_errors)
    if sources_doc is not None:
        catalogue.sources_path = sources_doc.path
        if register is not None:
            unchecked["sources"] = set()
            for i, source in enumerate(register.sources):
                if source.id in catalogue.sources:
                    _error(errors, sources_doc, ("sources", i, "id"), f"duplicate source id {source.id!r}")
                catalogue.sources[source.id] = source
    docs: dict[tuple[str, str], Document] = {}
    for kind, (found, named, listing_errors) in listed.items():
        table: dict[str, Entry[Any]] = catalogue.table(kind)
        errors.extend(listing_errors)
        for file_id, path in found:
            doc, entry, read_errors = read[path]
            errors.extend(read_errors)
            if doc is not None and entry is not None:
                table[file_id] = entry
                docs[kind, file_id] = doc
        unchecked[kind] = named - set(table) if (data_dir / kind).is_dir() else None
    if str(optics_path) in read:
        optics_doc, optics, read_errors = read[str(optics_path)]
        errors.extend(read_errors)
        if optics_doc is not None and optics is not None:
            catalogue.optics, catalogue.optics_path = optics, optics_doc.path
            docs[OPTICS, ""] = optics_doc
    if cache is not None:
        cache.keep_only(set(read))
    errors.extend(cross_check(catalogue, docs, unchecked=unchecked, cache=cache))
    if errors:
        raise DataErrors(errors)
    return catalogue


_Read = tuple[Document | None, Any, list[DataError]]
"""What reading one file gave: its document, its model (an entry's file: its :class:`Entry`) and its errors."""


def _read_all(
    files: list[tuple[str, type[BaseModel], str | None]], repo_root: Path, workers: int, cache: ReadCache | None
) -> list[_Read]:
    """Read and validate each file (path, model, the entry's id if the file is one entry's); an entry's file
    gives its :class:`Entry`. ``workers`` processes parse them, or ``cache`` gives what an unchanged file
    gave last time."""

    def entry(i: int, doc: Document | None, entity: Any) -> Any:
        """An entry's file: its Entry, when it is valid (under ``cache``, the very one of the last build while
        its model is); any other file: its model."""
        path, _, file_id = files[i]
        if file_id is None or doc is None or entity is None:
            return entity
        if cache is not None:
            return cache.entry(file_id, path, doc, entity, repo_root)
        return Entry(file_id, doc.path, _relative(path, repo_root), entity)

    if cache is not None:
        results = [cache.read(path, model) for path, model, _ in files]
        return [(doc, entry(i, doc, entity), errors) for i, (doc, entity, errors) in enumerate(results)]
    # Each share of the files is validated here as soon as the workers have parsed it, while they parse
    # the others; so are the sources each entry cites found (the cross-checks need them).
    validated: dict[int, _Read] = {}
    for i, (doc, read_errors) in as_done(_read_alone, [Path(path) for path, _, _ in files], workers):
        made = entry(i, doc, validate_document(doc, files[i][1], read_errors) if doc is not None else None)
        if isinstance(made, Entry):
            _ = made.cites
        validated[i] = (doc, made, read_errors)
    return [validated[i] for i in range(len(files))]


def _relative(path: str, root: Path) -> str:
    folder = _relative_dir(os.path.dirname(path), str(root))
    name = os.path.basename(path)
    return name if folder == "." else f"{folder}/{name}"


def _shown(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    folder = _relative_dir(str(path.parent), os.getcwd())
    return path.name if folder == "." else posixpath.join(folder, path.name)


@functools.lru_cache(maxsize=64)
def _relative_dir(folder: str, root: str) -> str:
    """``folder`` relative to ``root`` when inside it, else as given; cached, as resolving paths is slow
    and every file of a folder asks the same question."""
    try:
        return Path(folder).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(folder).as_posix()


def _read(path: Path, errors: list[DataError]) -> Document | None:
    if not path.is_file():
        errors.append(DataError(_shown(path), 0, 0, "", "is missing"))
        return None
    return read_file(path, _shown(path), errors)


def _read_alone(path: Path) -> tuple[Document | None, list[DataError]]:
    """:func:`_read` with its own error list, for a worker process."""
    errors: list[DataError] = []
    return _read(path, errors), errors


def _data_files(
    folder: Path, errors: list[DataError], cache: ReadCache | None = None
) -> tuple[list[tuple[str, str]], set[str]]:
    """The ``*.yaml`` files of one kind, sorted, with their ids and paths (as text); names that are not
    slugs are errors. And the ids every ``*.yaml`` file there names (a name not a slug, as a slug).
    ``cache`` gives what the same listing gave last time."""
    if not folder.is_dir():
        errors.append(DataError(_shown(folder), 0, 0, "", "is missing (it holds one .yaml file per entry)"))
        return [], set()
    folder_text = os.fspath(folder)
    with os.scandir(folder) as listing:  # (names sorted as text: what sorting the paths gives, faster)
        names = sorted((entry.name, entry.is_file()) for entry in listing)
    if cache is None:
        found, named, listing_errors = _listed(folder_text, names)
    else:
        found, named, listing_errors = cache.listed(folder_text, names)
    errors.extend(listing_errors)
    return found, named


def _listed(folder_text: str, names: list[tuple[str, bool]]) -> _Listed:
    """:func:`_data_files` of a folder's listing (each name, and whether it is a file)."""
    found: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    named: set[str] = set()
    errors: list[DataError] = []
    for name, is_file in names:
        if name.startswith("."):
            continue
        stem = name[: -len(".yaml")]
        is_slug = bool(re.match(SLUG, stem))
        slug = stem if is_slug else slugify(stem)
        if name.endswith(".yaml"):
            named.add(slug)
        path = os.path.join(folder_text, name)
        if not name.endswith(".yaml") or not is_file:
            errors.append(
                DataError(
                    _shown(Path(path)),
                    0,
                    0,
                    "",
                    "is not a .yaml data file; move it out of the data folder or rename it",
                )
            )
            continue
        if slug in seen:
            errors.append(
                DataError(_shown(Path(path)), 0, 0, "", f"its id {slug!r} collides with {_shown(Path(seen[slug]))}")
            )
            continue
        seen[slug] = path
        if not is_slug:
            errors.append(
                DataError(
                    _shown(Path(path)),
                    0,
                    0,
                    "",
                    f"the file name is the page's id and must be a lowercase slug: rename it to {slug + '.yaml'!r}",
                )
            )
            continue
        found.append((stem, path))
    return found, named, errors


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "untitled"


def _error(errors: list[DataError], doc: Document, loc: FieldPath, message: str) -> None:
    loc = yaml_path(doc.data, loc)
    line, col = doc.where(loc)
    errors.append(DataError(doc.path, line, col, dotted(loc), message))


# Cross-references -------------------------------------------------------------------------------


def cross_check(
    catalogue: Catalogue,
    docs: dict[tuple[str, str], Document],
    unchecked: dict[str, set[str] | None] | None = None,
    cache: ReadCache | None = None,
) -> list[DataError]:
    """Check that every id a file names exists, and that dates agree between files.

    ``unchecked`` names, per kind (``"sources"``, ``"companies"``...), ids whose files exist but have
    errors of their own (None: every id of the kind), so that one mistake is not reported again and
    again as a missing id wherever it is named. ``cache`` keeps what the devices were checked against
    when none had an error: the next call checks only the devices whose model changed, while the ids of
    sources, companies and sensors and the partnerships are the same (reading a few fields of 5,000
    models took 20 ms a save).
    """
    errors: list[DataError] = []
    devices, checked = _devices_to_check(catalogue, cache.checked if cache is not None else None)
    skipped = {id(getattr(catalogue, kind)): ids for kind, ids in (unchecked or {}).items()}

    def need(kind: str, file_id: str, loc: FieldPath, target: str, table: dict[str, Any], what: str) -> None:
        skip = skipped.get(id(table), set())
        if target not in table and skip is not None and target not in skip:
            close = difflib.get_close_matches(target, list(table), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            _error(errors, docs[kind, file_id], loc, f"no {what} has the id {target!r}{hint}")

    sources = catalogue.sources
    for kind in (k.folder for k in KINDS):
        for file_id, entry in (devices if kind == "devices" else catalogue.table(kind)).items():
            if all(source_id in sources for source_id in entry.cites):  # (most entries: nothing to report)
                continue
            for loc, source_id in _cited_sources(entry.model):  # where each citation stands
                if source_id not in sources:
                    need(kind, file_id, loc, source_id, sources, "source in data/sources.yaml")
    if (OPTICS, "") in docs:
        errors.extend(_check_optics(catalogue, docs[OPTICS, ""], need, skipped.get(id(catalogue.devices), set())))
    companies, sensors_by_id, partnerships = catalogue.companies, catalogue.sensors, catalogue.partnerships
    # (Each id looked up here first: thousands of devices a save, nearly all of whose ids exist.)
    for file_id, device in devices.items():
        model = device.model
        if model.maker not in companies:
            need("devices", file_id, ("maker",), model.maker, companies, "company")
        sensor_id = model.main_camera.sensor_id
        if sensor_id is not None and sensor_id not in sensors_by_id:
            need("devices", file_id, ("main_camera", "sensor_id"), sensor_id, sensors_by_id, "sensor")
        pid = model.partnership
        if pid is not None:
            partnership = partnerships.get(pid)
            if partnership is None:
                need("devices", file_id, ("partnership",), pid, partnerships, "partnership")
            else:
                announced = model.announced.value
                p = partnership.model
                if dates.before(announced, p.started.value) or (p.ended and dates.before(p.ended.value, announced)):
                    span = f"{p.started.value} to {p.ended.value if p.ended else 'today'}"
                    _error(
                        errors,
                        docs["devices", file_id],
                        ("announced", "value"),
                        f"{announced} falls outside the partnership {pid!r} ({span})",
                    )
    for file_id, sensor in catalogue.sensors.items():
        need("sensors", file_id, ("maker",), sensor.model.maker, catalogue.companies, "company")
    for file_id, entry in catalogue.partnerships.items():
        p = entry.model
        need("partnerships", file_id, ("brand",), p.brand, catalogue.companies, "company")
        need("partnerships", file_id, ("maker",), p.maker, catalogue.companies, "company")
        if p.ended and dates.before(p.ended.value, p.started.value):
            _error(
                errors,
                docs["partnerships", file_id],
                ("ended", "value"),
                f"the partnership ends ({p.ended.value}) before it starts ({p.started.value})",
            )
    if cache is not None:
        cache.checked = None if errors else checked
    return errors


@dataclass(frozen=True)
class _Checked:
    """The devices of a cross-check that found no error (their ids and models, in order), and what they were
    checked against: the ids of the sources, companies and sensors, and the partnerships."""

    ids: list[str]
    models: list[Any]
    against: tuple[Any, ...]


def _devices_to_check(catalogue: Catalogue, last: _Checked | None) -> tuple[dict[str, Entry[Any]], _Checked]:
    """The devices a cross-check must check: all of them, or, against the same ids and partnerships as
    ``last``, those whose model is not the very one checked then (a file that changed); and what to keep."""
    devices = catalogue.devices
    ids, models = list(devices), list(map(MODEL_OF, devices.values()))
    against = (
        frozenset(catalogue.sources),
        frozenset(catalogue.companies),
        frozenset(catalogue.sensors),
        tuple(catalogue.partnerships.items()),  # (the same entries as last time: compared by identity first)
    )
    now = _Checked(ids, models, against)
    if last is None or last.ids != ids or last.against != against:
        return devices, now
    changed = itertools.compress(ids, map(operator.is_not, models, last.models))  # (in C: 5,000 a save)
    return {file_id: devices[file_id] for file_id in changed}, now


def _cited_sources(model: BaseModel) -> list[tuple[FieldPath, str]]:
    """Every (location, source id) pair cited anywhere inside a model."""
    return [
        ((*loc, "sources", i), source_id) for loc, fact in facts_in(model) for i, source_id in enumerate(fact.sources)
    ]


def _check_optics(catalogue: Catalogue, doc: Document, need: Any, skipped_devices: set[str] | None) -> list[DataError]:
    """data/optics.yaml names sources, formats, mounts and devices that exist; a bump is not thinner than
    its body. ``need`` (of :func:`cross_check`) reports a missing id it names; ``skipped_devices`` are
    devices whose files have errors of their own (None: any); the other errors are returned."""
    errors: list[DataError] = []
    optics = catalogue.optics
    for loc, source_id in _cited_sources(optics):
        need(OPTICS, "", loc, source_id, catalogue.sources, "source in data/sources.yaml")
    for mid, mount in optics.mounts.items():
        need(OPTICS, "", ("mounts", mid, "format", "value"), mount.format.value, optics.formats, "format")
    for lid, lens in optics.lenses.items():
        need(OPTICS, "", ("lenses", lid, "mount", "value"), lens.mount.value, optics.mounts, "mount")
        for i, shown in enumerate(lens.shown_on):
            need(OPTICS, "", ("lenses", lid, "shown_on", i, "value"), shown.value, catalogue.devices, "device")

    def device_key(section: str, device_id: str) -> None:  # an entry keyed by a device id
        if device_id not in catalogue.devices and skipped_devices is not None and device_id not in skipped_devices:
            close = difflib.get_close_matches(device_id, list(catalogue.devices), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            line, col = doc.where((section, device_id), key=True)
            errors.append(
                DataError(doc.path, line, col, f"{section}.{device_id}", f"no device has the id {device_id!r}{hint}")
            )

    for bid, body in optics.bodies.items():
        device_key("bodies", bid)
        for i, other in enumerate(body.stands_for):
            need(OPTICS, "", ("bodies", bid, "stands_for", i, "value"), other.value, catalogue.devices, "device")
        bump = body.bump_thickness_mm
        if bump is not None and bump.value < body.thickness_mm.value:
            _error(
                errors,
                doc,
                ("bodies", bid, "bump_thickness_mm", "value"),
                f"the camera bump ({bump.value} mm) is thinner than the body ({body.thickness_mm.value} mm)",
            )
    for did in optics.camera_modules:
        device_key("camera_modules", did)
    return errors
