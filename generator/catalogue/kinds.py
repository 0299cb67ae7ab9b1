"""The kinds of entity the data holds: one registry that loading, the site plan, the schemas, ``new`` and the
open data all read, so that a new kind is added in one place."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from generator.catalogue.models import Company, Device, Optics, Partnership, Sensor, SourceRegister


@dataclass(frozen=True)
class Kind:
    """One kind of entity, kept as one YAML file per entry in a folder of ``data/``."""

    folder: str
    """Its folder in ``data/`` and ``docs/``, its table in the catalogue and its open-data file (``devices``)."""
    name: str
    """One entry, as ``new`` takes it and its schema is named (``device``: ``schemas/device.schema.json``)."""
    model: type[BaseModel]
    """The model each file is validated against."""
    template: str
    """The template of one entry's page."""
    optional: bool = False
    """Whether a data set may leave the folder out (a catalogue without sensor files is still whole)."""


KINDS: tuple[Kind, ...] = (
    Kind("devices", "device", Device, "device.md.j2"),
    Kind("companies", "company", Company, "company.md.j2"),
    Kind("partnerships", "partnership", Partnership, "partnership.md.j2"),
    Kind("sensors", "sensor", Sensor, "sensor.md.j2", optional=True),
)
BY_FOLDER = {kind.folder: kind for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}

SOURCES_FILE = "sources.yaml"
"""The register of sources, beside the folders: ``data/sources.yaml``."""
SOURCES_SCHEMA = "sources"
SOURCES_MODEL = SourceRegister

OPTICS_FILE = "optics.yaml"
"""Optical facts the figures draw and compute with (formats, mounts, lenses, bodies): ``data/optics.yaml``.
Optional: without it no format has a size, and the figures that need it are left out."""
OPTICS_SCHEMA = "optics"
OPTICS_MODEL = Optics
