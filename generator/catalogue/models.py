"""Typed models of the data files.

Pydantic rather than dataclasses: it forbids unknown keys, coerces and range-checks values with one
error per field (which we map back to YAML lines), and the same models generate the JSON Schemas
that editors validate against.

A *fact* is any value the site states about the world. Every fact is a ``Fact``: the value plus the
ids of the sources that support it. Where sources disagree, a field holds several facts.
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

from generator.catalogue import dates

T = TypeVar("T")

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG, max_length=80)]
"""An id: lowercase letters and digits joined by single hyphens (``xiaomi-12s-ultra``)."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

PartialDate = Annotated[
    str,
    BeforeValidator(dates.from_yaml),
    AfterValidator(dates.check),
    Field(json_schema_extra={"pattern": dates.PATTERN.pattern}),
]
"""A date known to the day, the month or only the year: ``2022-11-02``, ``2014-09``, ``2001``."""


def not_bool(value: object) -> object:
    """Pydantic takes ``true`` for 1 where a number is due: a resolution of ``true`` is a mistake."""
    if isinstance(value, bool):
        raise ValueError(f"a number is due here, not {str(value).lower()}")
    return value


NotBool = BeforeValidator(not_bool)


def one_or_many(value: object) -> object:
    """Let an editor write a single fact without list brackets."""
    return [value] if isinstance(value, dict) else value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Fact(Model, Generic[T]):
    """A value and the sources that support it."""

    value: T = Field(description="The value itself, as the sources give it.")
    sources: list[Slug] = Field(default_factory=list, description="Ids from data/sources.yaml.")
    pre_launch: bool = Field(False, description="The only source is a report published before launch.")
    note: ShortText | None = Field(None, description="A qualifier shown beside the value (a market, a variant).")


OneOrMore = BeforeValidator(one_or_many)
"""Lets a field hold one fact, or a list of them where sources disagree or variants differ."""


class Price(Model):
    """A launch price in one currency."""

    amount: Annotated[float, Field(gt=0, lt=1_000_000), NotBool] = Field(description="The price, e.g. 5999.")
    currency: Literal["CNY", "EUR", "USD", "JPY", "SGD", "GBP", "INR"] = Field(description="ISO 4217 currency code.")


class SensorSize(Model):
    """A sensor's active area."""

    width_mm: Annotated[float, Field(gt=0, le=60), NotBool] = Field(description="Width in millimetres.")
    height_mm: Annotated[float, Field(gt=0, le=60), NotBool] = Field(description="Height in millimetres.")


class Dimensions(Model):
    """A body's outer size."""

    height_mm: Annotated[float, Field(gt=0, le=300), NotBool] = Field(description="Height in millimetres.")
    width_mm: Annotated[float, Field(gt=0, le=200), NotBool] = Field(description="Width in millimetres.")
    depth_mm: Annotated[float, Field(gt=0, le=50), NotBool] = Field(description="Depth (thickness) in millimetres.")


class Camera(Model):
    """The main (widest, largest-sensor) camera, the one the site compares."""

    sensor: Fact[ShortText] | None = Field(None, description="Sensor model, e.g. Sony IMX989.")
    sensor_id: Slug | None = Field(None, description="Id of the sensor's file in data/sensors/, if it has one.")
    format: Fact[ShortText] | None = Field(None, description="Optical format, e.g. 1-inch or 1/1.28-inch.")
    size: Annotated[list[Fact[SensorSize]], OneOrMore] = Field(
        default_factory=list, description="Active area in millimetres."
    )
    resolution_mp: Fact[Annotated[float, Field(gt=0, le=500), NotBool]] | None = Field(
        None, description="Resolution in megapixels."
    )
    lens: Fact[ShortText] | None = Field(None, description="Lens name, e.g. Leica Summicron.")
    focal_length_mm: Fact[Annotated[float, Field(gt=0, le=1000), NotBool]] | None = Field(
        None, description="35 mm-equivalent focal length of the main camera."
    )
    aperture: Fact[Annotated[str, StringConstraints(pattern=r"^f/\d+(\.\d+)?(–\d+(\.\d+)?)?$")]] | None = Field(
        None, description="Aperture of the main camera, e.g. f/1.9 (a range as f/1.6–4.0)."
    )


class Platform(Model):
    """The rest of the device: chip, software, screen, battery, body."""

    chipset: Fact[ShortText] | None = Field(None, description="System on a chip, e.g. Snapdragon 8 Gen 1.")
    os: Fact[ShortText] | None = Field(None, description="Operating system at launch, e.g. Android 12.")
    display: Fact[ShortText] | None = Field(None, description="Screen, e.g. 6.73-inch AMOLED, 3200 × 1440.")
    battery_mah: Annotated[list[Fact[Annotated[int, Field(gt=0, lt=50_000), NotBool]]], OneOrMore] = Field(
        default_factory=list, description="Battery capacity in mAh."
    )
    dimensions: Fact[Dimensions] | None = Field(None, description="Height, width and depth of the body.")
    weight_g: Annotated[list[Fact[Annotated[float, Field(gt=0, lt=2_000), NotBool]]], OneOrMore] = Field(
        default_factory=list, description="Weight in grams."
    )


DeviceKind = Literal["phone", "concept", "camera-phone"]


class Device(Model):
    """A phone (or concept, or phone-like camera) — one file in data/devices/."""

    name: ShortText = Field(description="The name its maker sells it under, e.g. Xiaomi 12S Ultra.")
    maker: Slug = Field(description="Company id (a file in data/companies/).")
    kind: Fact[DeviceKind] = Field(description="phone, concept (shown but never sold) or camera-phone.")
    partnership: Slug | None = Field(None, description="Partnership id, if the device carries a partner's name.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other names readers search for.")
    model_number: Fact[ShortText] | None = Field(None, description="The maker's model number, e.g. 2203121C.")
    announced: Fact[PartialDate] = Field(description="When it was first shown: YYYY-MM-DD, YYYY-MM or YYYY.")
    released: Fact[PartialDate] | None = Field(None, description="When it first went on sale.")
    prices: list[Fact[Price]] = Field(default_factory=list, description="Launch prices (note each market).")
    main_camera: Camera = Field(default_factory=Camera, description="The camera the site compares.")
    other_cameras: list[Fact[ShortText]] = Field(default_factory=list, description="The other cameras, one line each.")
    features: list[Fact[ShortText]] = Field(
        default_factory=list, description="Camera-related features worth a line each."
    )
    platform: Platform = Field(default_factory=Platform, description="Chip, software, screen, battery, body.")
    story: list[Fact[Text]] = Field(default_factory=list, description="Paragraphs, each with its sources.")


class Sensor(Model):
    """An image sensor that several devices share — one file in data/sensors/."""

    name: ShortText = Field(description="The sensor's name, e.g. Sony IMX989.")
    maker: Slug = Field(description="Company id of the sensor's maker.")
    announced: Fact[PartialDate] | None = Field(None, description="When it was announced or first used.")
    format: Fact[ShortText] | None = Field(None, description="Optical format, e.g. 1-inch.")
    size: Annotated[list[Fact[SensorSize]], OneOrMore] = Field(
        default_factory=list, description="Active area in millimetres."
    )
    resolution_mp: Fact[Annotated[float, Field(gt=0, le=500), NotBool]] | None = Field(
        None, description="Resolution in megapixels."
    )
    story: list[Fact[Text]] = Field(default_factory=list, description="Paragraphs, each with its sources.")


CompanyRole = Literal["phone-maker", "camera-brand", "optics", "sensor-maker", "electronics"]


class Company(Model):
    """A company — one file in data/companies/."""

    name: ShortText = Field(description="The name readers know, e.g. Leica.")
    legal_name: Fact[ShortText] | None = Field(None, description="Full registered name, e.g. Leica Camera AG.")
    roles: list[CompanyRole] = Field(
        min_length=1,
        description="What it does here: phone-maker, camera-brand, optics, sensor-maker and/or electronics.",
    )
    founded: Fact[PartialDate] | None = Field(None, description="When it was founded.")
    headquarters: Fact[ShortText] | None = Field(None, description="Where it is based.")
    story: list[Fact[Text]] = Field(default_factory=list, description="Paragraphs, each with its sources.")


class Partnership(Model):
    """A camera brand lending its name to a phone maker — one file in data/partnerships/."""

    brand: Slug = Field(description="Company id of the camera or optics brand.")
    maker: Slug = Field(description="Company id of the phone maker.")
    started: Fact[PartialDate] = Field(description="When it was announced or began.")
    ended: Fact[PartialDate] | None = Field(None, description="Leave out while the partnership goes on.")
    story: list[Fact[Text]] = Field(default_factory=list, description="Paragraphs, each with its sources.")


def _http_only(url: HttpUrl) -> HttpUrl:
    if url.scheme not in ("http", "https"):  # pragma: no cover - HttpUrl already refuses others
        raise ValueError("only http and https links are allowed")
    return url


SeenField = Literal["title", "publisher", "date"]


def _each_once(seen: list[str]) -> list[str]:
    if len(set(seen)) != len(seen):
        raise ValueError("name each of title, publisher and date at most once")
    return seen


class Source(Model):
    """A published page that facts cite."""

    id: Slug = Field(description="The id facts cite in their sources lists.")
    title: ShortText = Field(
        description="The page's title as seen in the page itself, or, when it was not seen "
        "(see seen), a description of the page written for this site."
    )
    seen: Annotated[list[SeenField], AfterValidator(_each_once)] = Field(
        description="Which of title, publisher and date were seen in the page itself (a stored copy of it); "
        "[] when none was: the fields not named were supplied by the site (from the address or "
        "from what the page is cited for). A title not seen is shown in square brackets."
    )
    publisher: ShortText = Field(description="Who published it (the site or outlet).")
    date: PartialDate | None = Field(None, description="Publication date, when the page gives one.")
    url: Annotated[HttpUrl, AfterValidator(_http_only)] = Field(description="The page address (http/https).")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        "en", description="ISO 639-1 code of the page's language."
    )

    @model_validator(mode="after")
    def _seen_date_is_given(self) -> Source:
        if "date" in self.seen and self.date is None:
            raise ValueError("seen names a date, but the source gives none")
        return self

    @property
    def title_seen(self) -> bool:
        """False when the title is a description the site supplied (shown in square brackets)."""
        return "title" in self.seen


class SourceRegister(Model):
    """data/sources.yaml: every source the site cites."""

    sources: list[Source] = Field(description="Every source, each with a unique id.")


# The optics file (data/optics.yaml) ---------------------------------------------------------------

Millimetres = Annotated[float, Field(gt=0, le=500), NotBool]
FNumber = Annotated[float, Field(gt=0, le=64), NotBool]
FormatKey = Annotated[
    str, StringConstraints(pattern=r"^(?:\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?|[a-z0-9]+(?:-[a-z0-9]+)*)$", max_length=40)
]
"""A format's key: an inch type as written by ``format_key`` (``1``, ``1/2.3``) or a slug (``full-frame``)."""


class OpticalFormat(Model):
    """A sensor or film format and the sizes sources give for it."""

    name: ShortText = Field(description="How the format reads on the page, e.g. 1-inch type.")
    sizes: Annotated[list[Fact[SensorSize]], OneOrMore, Field(min_length=1)] = Field(
        description="Width and height in millimetres; where sources disagree, each with its sources, the "
        "one drawn first."
    )


class Mount(Model):
    """A lens mount."""

    name: ShortText = Field(description="The mount's name, e.g. Leica M.")
    flange_focal_distance_mm: Annotated[list[Fact[Millimetres]], OneOrMore, Field(min_length=1)] = Field(
        description="From the mount's flange to the film or sensor, in millimetres; the one drawn first."
    )
    format: Fact[FormatKey] = Field(description="The frame its lenses are made for: a key of formats.")


class Lens(Model):
    """A lens the figures compute with."""

    name: ShortText = Field(description="The lens's full name, e.g. Leica Summilux-M 35 mm f/1.4 ASPH.")
    mount: Fact[Slug] = Field(description="Its mount: a key of mounts.")
    focal_length_mm: Fact[Millimetres] = Field(description="Focal length in millimetres (not an equivalent).")
    f_number: Fact[FNumber] = Field(description="Largest aperture as an f-number, e.g. 1.4 for f/1.4.")
    shown_on: list[Fact[Slug]] = Field(
        default_factory=list, description="Devices (ids in data/devices/) it was shown on."
    )


class Body(Model):
    """How thick a phone's body is, front to back."""

    thickness_mm: Fact[Annotated[float, Field(gt=0, le=50), NotBool]] = Field(
        description="Thickness of the body in millimetres."
    )
    bump_thickness_mm: Fact[Annotated[float, Field(gt=0, le=50), NotBool]] | None = Field(
        None, description="Thickness across the camera bump in millimetres."
    )
    stands_for: list[Fact[Slug]] = Field(
        default_factory=list, description="Devices whose own thickness is not published, drawn with this body."
    )


ModulePartKind = Literal["bare-sensor", "cover", "mount-ring", "main-camera", "ultra-wide", "removed"]


class ModulePart(Model):
    """One labelled part of a camera module's schematic."""

    part: ModulePartKind = Field(
        description="Where the schematic draws it: bare-sensor, cover, mount-ring, main-camera, ultra-wide or removed."
    )
    label: ShortText = Field(description="What the figure writes for it.")


class CameraModule(Model):
    """The labelled parts of a device's camera module, for a schematic (not to scale)."""

    parts: list[Fact[ModulePart]] = Field(min_length=1, description="The parts, each with its sources.")


class Optics(Model):
    """data/optics.yaml: optical facts the figures draw and compute with."""

    formats: dict[FormatKey, OpticalFormat] = Field(
        default_factory=dict, description="Optical formats by key (1, 1/2.3, full-frame)."
    )
    mounts: dict[Slug, Mount] = Field(default_factory=dict, description="Lens mounts by id.")
    lenses: dict[Slug, Lens] = Field(default_factory=dict, description="Lenses by id.")
    bodies: dict[Slug, Body] = Field(default_factory=dict, description="Phone bodies by device id.")
    camera_modules: dict[Slug, CameraModule] = Field(
        default_factory=dict, description="Schematics of camera modules by device id."
    )


def facts_in(model: BaseModel, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Fact]]:
    """Every Fact inside a model, with its location: the one walk over the facts of any model."""
    found: list[tuple[tuple[str | int, ...], Fact]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        items: list[tuple[str | int | None, object]]
        if isinstance(value, list):
            items = list(enumerate(value))
        elif isinstance(value, dict):  # entries keyed by id (data/optics.yaml)
            items = list(value.items())
        else:
            items = [(None, value)]
        for i, item in items:
            here = (*loc, name) if i is None else (*loc, name, i)
            if isinstance(item, Fact):
                found.append((here, item))
            elif isinstance(item, BaseModel):
                found.extend(facts_in(item, here))
    return found
