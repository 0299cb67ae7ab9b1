"""A synthetic catalogue of any size, for the benchmark: ``python scripts/synth.py --devices N --out DIR``.

The data is invented (makers, brands, sensors and sources that do not exist) but shaped like the real
data and valid for ``python -m generator check``: every id resolves, every fact cites a source, every
device of a partnership is announced inside the partnership's years. It is varied on purpose: several
makers and brands, partnerships that ended and ones that go on, dates known to the day, the month or
the year, optional fields present or absent, sources that disagree, text with Markdown-like characters.

It is deterministic for a seed, and *prefix-stable*: device ``i`` is the same whatever N is, so the
same device page can be compared at N = 500, 1,000 and 5,000. Companies, partnerships and sensors are
a fixed set (they do not grow with N); devices and their sources do.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from generator.catalogue import dates

try:  # libyaml's emitter is much faster; the output is the same
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

DEFAULT_SEED = 20221102
LAST_YEAR = 2025

# Companies ------------------------------------------------------------------------------------------
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "tor",
    "sa",
    "qu",
    "zel",
    "no",
    "vi",
    "dar",
    "fen",
    "lu",
    "mor",
    "tek",
    "ri",
    "po",
    "xan",
    "ce",
    "bo",
    "ni",
    "gal",
    "ster",
]
_PHONE_MAKERS = 40
_CAMERA_BRANDS = 12
_SENSOR_MAKERS = 4
_SENSORS = 36
_MAKER_WEIGHTS = [1 / (k + 1) ** 0.8 for k in range(_PHONE_MAKERS)]
_FORMATS = [
    ("1-inch", 13.2, 8.8),
    ("1/1.12-inch", 11.4, 8.6),
    ("1/1.28-inch", 9.8, 7.4),
    ("1/1.31-inch", 9.6, 7.2),
    ("1/1.56-inch", 8.2, 6.1),
    ("1/1.7-inch", 7.6, 5.7),
    ("1/2.3-inch", 6.16, 4.62),
    ("1/2.55-inch", 5.6, 4.2),
    ("1/3.2-inch", 4.5, 3.4),
]
_LENS_LINES = [
    "Summilux",
    "Summicron",
    "Elmarit",
    "Vario-Tessar",
    "Planar",
    "Sonnar",
    "Biogon",
    "XCD",
    "Optilux",
    "Aspheric",
    "Noctar",
    "Heliar",
]
_SERIES = ["X", "P", "Mate", "Find", "Edge", "Note", "Zoom", "Pixelis", "Lumen", "Nova", "Aero", "K"]
_VARIANTS = ["", "", "", " Pro", " Pro+", " Ultra", " Lite", " Plus", " Max", " Concept", " SE", " Mini"]
_CHIPS = [
    "Snapdragon 801",
    "Snapdragon 8 Gen 1",
    "Snapdragon 8+ Gen 1",
    "Dimensity 9000",
    "Kirin 990",
    "Exynos 2200",
    "Tensor G3",
    "Helio X20",
    "Apple-free A1",
]
_FEATURES = [
    "Mechanical shutter",
    "Lens control ring",
    "4K video at 30 frames per second",
    "Variable aperture",
    "Optical image stabilisation",
    "Periscope telephoto",
    "8K video",
    "Raw capture",
    "Laser autofocus",
    "Dedicated shutter button",
    "Detachable lens mount",
    "Night mode",
]
_PUBLISHERS = [
    "Example Review",
    "Phone Notes",
    "Camera Weekly",
    "Shutter & Glass",
    "Pocket Lens",
    "Mobile Imaging Journal",
    "Der Handy-Test",
    "Kamera Zeitung",
    "Sumaho Times",
    "Shouji Bao",
]
_LANGUAGES = ["en", "en", "en", "en", "en", "en", "de", "de", "ja", "zh"]
_CURRENCIES = [
    ("CNY", 3999, 7999),
    ("EUR", 499, 1499),
    ("USD", 399, 1599),
    ("JPY", 59800, 199800),
    ("GBP", 399, 1299),
    ("INR", 29999, 129999),
    ("SGD", 699, 2099),
]
_KINDS_OF_PAGE = ["review", "hands-on", "first look", "launch report", "specifications"]
_PLACES = [
    "Shenzhen",
    "Dongguan",
    "Seoul",
    "Tokyo",
    "Osaka",
    "Taipei",
    "Wetzlar",
    "Jena",
    "Gothenburg",
    "Helsinki",
    "San Jose",
    "Bangalore",
]


@dataclass(frozen=True)
class _Company:
    id: str
    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class _Partnership:
    id: str
    brand: str
    maker: str
    started: str
    ended: str | None


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _fact(value: Any, sources: list[str], note: str | None = None, pre_launch: bool = False) -> dict[str, Any]:
    fact: dict[str, Any] = {"value": value, "sources": sources}
    if note:
        fact["note"] = note
    if pre_launch:
        fact["pre_launch"] = True
    return fact


def _date(rng: random.Random, lo: tuple[int, int, int], hi: tuple[int, int, int]) -> str:
    """A date between lo and hi (inclusive), written to the day, the month or (rarely) the year."""
    first, last = dt.date(*lo), dt.date(*hi)
    day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
    precision = rng.random()
    if precision < 0.08:
        return f"{day.year}"
    if precision < 0.35:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _ymd(text: str, end: bool = False) -> tuple[int, int, int]:
    """A partial date's first day, or (``end``) a day late in the period it names."""
    year, month, day = dates.parts(text)
    return year, month or (12 if end else 1), day or (28 if end else 1)


class _Sources:
    """Collects the source register as devices and companies cite new sources.

    A device cites its maker's line-up page for its year (shared by the maker's phones of that year)
    and, while the budget lasts, a review of its own: the register stays under the loader's 1 MB limit
    for one data file at any N (about 5,000 sources).
    """

    DEVICE_BUDGET = 3_500

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.entries: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.device_reviews = 0

    def add(self, rng: random.Random, sid: str, topic: str) -> str:
        if sid in self.ids:
            return sid
        publisher = rng.choice(_PUBLISHERS)
        source: dict[str, Any] = {
            "id": sid,
            "title": f"{topic}: {rng.choice(_KINDS_OF_PAGE)}",
            "publisher": publisher,
        }
        if rng.random() < 0.6:
            source["date"] = _date(rng, (2000, 1, 1), (LAST_YEAR, 12, 31))
        # Invented pages are "seen" in full (no random draw, so the rest of the catalogue is unchanged).
        source["seen"] = ["title", "publisher", *(["date"] if "date" in source else [])]
        slug = sid.replace("src-", "")
        source["url"] = f"https://{publisher.lower().replace(' ', '').replace('&', 'and')}.example/{slug}"
        language = rng.choice(_LANGUAGES)
        if language != "en":
            source["language"] = language
        self.entries.append(source)
        self.ids.add(sid)
        return sid

    def lineup(self, maker: _Company, year: str) -> str:
        """The maker's line-up page for a year; its own generator keeps devices' draws independent of it."""
        return self.add(
            random.Random(f"{self.seed}:lineup:{maker.id}:{year}"),
            f"src-{maker.id}-{year}",
            f"{maker.name} phones of {year}",
        )

    def review(self, rng: random.Random, device_id: str, name: str) -> str | None:
        if self.device_reviews >= self.DEVICE_BUDGET:
            return None
        self.device_reviews += 1
        return self.add(rng, f"src-{device_id}", name)


def _companies(rng: random.Random) -> tuple[list[_Company], list[_Company], list[_Company]]:
    used: set[str] = set()

    def fresh(parts: int) -> str:
        while True:
            name = _word(rng, parts)
            if name.lower() not in used:
                used.add(name.lower())
                return name

    makers = [_Company(n.lower(), n, ("phone-maker",)) for n in (fresh(2) for _ in range(_PHONE_MAKERS))]
    brands = []
    for i in range(_CAMERA_BRANDS):
        name = fresh(2)
        roles = ("camera-brand",) if i % 3 else ("optics", "camera-brand")
        brands.append(_Company(name.lower(), name, roles))
    sensor_makers = []
    for i in range(_SENSOR_MAKERS):
        name = fresh(3)
        roles = ("sensor-maker",) if i % 2 else ("sensor-maker", "electronics")
        sensor_makers.append(_Company(name.lower(), name, roles))
    return makers, brands, sensor_makers


def _company_doc(rng: random.Random, company: _Company, sources: _Sources) -> dict[str, Any]:
    src = sources.add(rng, f"src-company-{company.id}", f"{company.name} company profile")
    doc: dict[str, Any] = {"name": company.name}
    if rng.random() < 0.7:
        doc["legal_name"] = _fact(f"{company.name} {rng.choice(['AG', 'Co., Ltd.', 'Inc.', 'GmbH', 'K.K.'])}", [src])
    doc["roles"] = list(company.roles)
    if rng.random() < 0.8:
        doc["founded"] = _fact(
            _date(rng, (1849, 1, 1), (2012, 12, 31)),
            [src],
            note="as a workshop" if rng.random() < 0.2 else None,
        )
    if rng.random() < 0.6:
        doc["headquarters"] = _fact(rng.choice(_PLACES), [src])
    if rng.random() < 0.5:
        doc["story"] = [
            _fact(
                f"{company.name} is an invented company of the synthetic catalogue; its "
                f"numbers are made up to exercise the generator at scale.",
                [src],
            )
        ]
    return doc


def _partnerships(rng: random.Random, makers: list[_Company], brands: list[_Company]) -> list[_Partnership]:
    out: list[_Partnership] = []
    seen: set[str] = set()
    for i, maker in enumerate(makers):
        # Two thirds of the makers work with one brand; some with a second one after the first ended.
        if i % 3 == 2:
            continue
        start_year = rng.randint(2004, 2019)
        count = 2 if rng.random() < 0.3 else 1
        for k in range(count):
            brand = brands[(i + 5 * k) % len(brands)]
            pid = f"{brand.id}-{maker.id}"
            if pid in seen:
                continue
            seen.add(pid)
            started = _date(rng, (start_year, 1, 1), (start_year, 12, 31))
            ended = None
            if k + 1 < count or rng.random() < 0.25:
                end_year = min(LAST_YEAR, start_year + rng.randint(2, 6))
                ended = _date(rng, (end_year, 1, 1), (end_year, 12, 31))
                start_year = end_year + 1
            out.append(_Partnership(pid, brand.id, maker.id, started, ended))
            if start_year > LAST_YEAR - 1:
                break
    return out


def _sensor_docs(rng: random.Random, sensor_makers: list[_Company], sources: _Sources) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for i in range(_SENSORS):
        maker = sensor_makers[i % len(sensor_makers)]
        code = f"{maker.name[:2].upper()}X{100 + 37 * i}"
        sid = f"{maker.id}-{code.lower()}"
        src = sources.add(rng, f"src-sensor-{sid}", f"{maker.name} {code}")
        fmt, width, height = _FORMATS[i % len(_FORMATS)]
        doc: dict[str, Any] = {"name": f"{maker.name} {code}", "maker": maker.id}
        if rng.random() < 0.8:
            doc["announced"] = _fact(_date(rng, (2008, 1, 1), (2024, 12, 31)), [src])
        doc["format"] = _fact(fmt, [src])
        if rng.random() < 0.7:
            doc["size"] = _fact({"width_mm": width, "height_mm": height}, [src])
        doc["resolution_mp"] = _fact(rng.choice([12, 12.2, 48, 50, 50.3, 64, 108, 200]), [src])
        if rng.random() < 0.4:
            doc["story"] = [_fact(f"The {code} is an invented sensor; several synthetic phones share it.", [src])]
        docs[sid] = doc
    return docs


def _device_doc(
    i: int,
    rng: random.Random,
    makers: list[_Company],
    brands: dict[str, _Company],
    partnerships_of: dict[str, list[_Partnership]],
    sensors: dict[str, dict[str, Any]],
    sources: _Sources,
    taken: set[str],
) -> tuple[str, dict[str, Any]]:
    maker = rng.choices(makers, weights=_MAKER_WEIGHTS[: len(makers)])[0]  # a few makers make most phones
    series = rng.choice(_SERIES)
    generation = rng.randint(1, 30)
    variant = rng.choice(_VARIANTS)
    name = f"{maker.name} {series} {generation}{variant}"
    base = "-".join(name.lower().replace("+", " plus").split())
    device_id, n = base, 2
    while device_id in taken:
        device_id, n = f"{base}-{n}", n + 1
    if n > 2:
        name = f"{name} ({n - 1})"
    taken.add(device_id)

    partnership = None
    options = partnerships_of.get(maker.id, [])
    if options and rng.random() < 0.6:
        partnership = rng.choice(options)
        lo = _ymd(partnership.started, end=True)
        hi = _ymd(partnership.ended) if partnership.ended else (LAST_YEAR, 12, 31)
        if hi < lo:
            hi = lo
        announced = _date(rng, lo, hi)
    else:
        announced = _date(rng, (2000, 1, 1), (LAST_YEAR, 12, 31))
    kind = "concept" if variant == " Concept" else ("camera-phone" if rng.random() < 0.1 else "phone")
    own = [sources.lineup(maker, announced[:4])]
    short = f"{maker.name} {series}{generation}{variant}"  # how a headline names it ("Zelra P24 Pro")
    if rng.random() < 0.8 and (review := sources.review(rng, device_id, short)):
        own.append(review)
    if rng.random() < 0.2 and int(announced[:4]) < LAST_YEAR:  # next year's line-up recalls it
        own.append(sources.lineup(maker, str(int(announced[:4]) + 1)))

    def cite() -> list[str]:
        return rng.sample(own, rng.randint(1, len(own)))

    doc: dict[str, Any] = {"name": name, "maker": maker.id, "kind": _fact(kind, cite())}
    if partnership:
        doc["partnership"] = partnership.id
    if rng.random() < 0.3:
        doc["aliases"] = [f"{series}{generation}{variant.strip()}", f"{maker.name} {series}{generation}"][
            : rng.randint(1, 2)
        ]
    if rng.random() < 0.7:
        doc["model_number"] = _fact(f"{maker.name[:2].upper()}-{rng.randint(1000, 9999)}{rng.choice('ABCGXZ')}", cite())
    doc["announced"] = _fact(
        announced,
        cite(),
        note="at a launch event" if rng.random() < 0.2 else None,
        pre_launch=rng.random() < 0.05,
    )
    if kind != "concept" and rng.random() < 0.75:
        day = dt.date(*_ymd(announced, end=True)) + dt.timedelta(days=rng.randrange(7, 180))
        doc["released"] = _fact(
            day.isoformat()[: len(announced)],
            cite(),
            note=rng.choice([None, None, "China", "Europe", "Japan"]),
        )
    if kind != "concept":
        prices = []
        for currency, lo_price, hi_price in rng.sample(_CURRENCIES, rng.choice([0, 1, 1, 1, 2, 3])):
            prices.append(
                _fact(
                    {
                        "amount": rng.randrange(lo_price, hi_price, 100 if hi_price > 10000 else 10) - 1,
                        "currency": currency,
                    },
                    cite(),
                    note=rng.choice([None, "8 GB + 256 GB", "base model"]),
                )
            )
        if prices:
            doc["prices"] = prices

    camera: dict[str, Any] = {}
    if sensors and rng.random() < 0.45:
        sensor_id = rng.choice(sorted(sensors))
        sensor = sensors[sensor_id]
        camera["sensor"] = _fact(sensor["name"], cite())
        camera["sensor_id"] = sensor_id
        camera["format"] = _fact(sensor["format"]["value"], cite())
    else:
        fmt, width, height = rng.choice(_FORMATS)
        if rng.random() < 0.5:
            camera["sensor"] = _fact(f"Unnamed {fmt} sensor", cite())
        if rng.random() < 0.9:
            camera["format"] = _fact(fmt, cite())
        if rng.random() < 0.4:
            sizes = [_fact({"width_mm": width, "height_mm": height}, cite())]
            if rng.random() < 0.3:  # sources disagree
                sizes.append(
                    _fact(
                        {"width_mm": round(width * 0.97, 2), "height_mm": round(height * 0.97, 2)},
                        cite(),
                        note="as measured",
                    )
                )
            camera["size"] = sizes
    if rng.random() < 0.85:
        camera["resolution_mp"] = _fact(rng.choice([8, 12, 12.2, 20, 48, 50, 50.3, 64, 108, 200]), cite())
    if partnership and rng.random() < 0.8:
        camera["lens"] = _fact(f"{brands[partnership.brand].name} {rng.choice(_LENS_LINES)}", cite())
    elif rng.random() < 0.3:
        camera["lens"] = _fact(f"{rng.choice(_LENS_LINES)} {rng.choice(['I', 'II', 'III'])}", cite())
    if rng.random() < 0.6:
        camera["focal_length_mm"] = _fact(rng.choice([23, 24, 25, 26, 27, 28, 35]), cite())
    if rng.random() < 0.7:
        aperture = rng.choice(["f/1.6", "f/1.8", "f/1.9", "f/2.0", "f/2.8–11", "f/1.4–4.0"])
        camera["aperture"] = _fact(aperture, cite())
    if camera:
        doc["main_camera"] = camera
    if rng.random() < 0.4:
        doc["other_cameras"] = [
            _fact(c, cite())
            for c in rng.sample(
                ["Ultra-wide, 13 mm", "Telephoto, 3x", "Periscope telephoto, 5x", "Depth sensor", "Macro"],
                rng.randint(1, 3),
            )
        ]
    if rng.random() < 0.5:
        doc["features"] = [_fact(f, cite()) for f in rng.sample(_FEATURES, rng.randint(1, 4))]

    platform: dict[str, Any] = {}
    if rng.random() < 0.7:
        platform["chipset"] = _fact(rng.choice(_CHIPS), cite())
    if rng.random() < 0.5:
        platform["os"] = _fact(f"Android {rng.randint(2, 15)}", cite())
    if rng.random() < 0.5:
        platform["display"] = _fact(
            f"{rng.choice(['4.7', '5.5', '6.1', '6.73', '6.8'])}-inch, {rng.choice(['Full HD', 'QHD+', '120 Hz'])}",
            cite(),
        )
    if rng.random() < 0.6:
        platform["battery_mah"] = _fact(rng.randrange(2000, 6000, 50), cite())
    if rng.random() < 0.3:
        platform["dimensions"] = _fact(
            {
                "height_mm": round(rng.uniform(130, 170), 1),
                "width_mm": round(rng.uniform(65, 78), 1),
                "depth_mm": round(rng.uniform(7, 21), 1),
            },
            cite(),
        )
    if rng.random() < 0.6:
        weights = [_fact(rng.randrange(140, 260), cite())]
        if rng.random() < 0.25:  # sources disagree
            weights.append(_fact(weights[0]["value"] + rng.randint(2, 16), cite()))
        platform["weight_g"] = weights
    if platform:
        doc["platform"] = platform
    if rng.random() < 0.6:
        story = [
            _fact(
                f"The {name} is an invented phone: device {i} of the synthetic catalogue, made by {maker.name}.",
                cite(),
            )
        ]
        if rng.random() < 0.3:
            story.append(
                _fact(
                    "Its maker claimed *the* best camera | on 1 sensor_size & <more>; "
                    "the text is here to test escaping.",
                    cite(),
                )
            )
        doc["story"] = story
    return device_id, doc


def make(n_devices: int, seed: int = DEFAULT_SEED) -> dict[str, dict[str, Any]]:
    """The catalogue as ``{relative path: document}``; ``sources.yaml`` holds the source register."""
    rng = random.Random(f"{seed}:world")
    sources = _Sources(seed)
    makers, brands, sensor_makers = _companies(rng)
    partnerships = _partnerships(rng, makers, brands)
    files: dict[str, dict[str, Any]] = {}
    for company in [*makers, *brands, *sensor_makers]:
        files[f"companies/{company.id}.yaml"] = _company_doc(rng, company, sources)
    partnerships_of: dict[str, list[_Partnership]] = {}
    for p in partnerships:
        partnerships_of.setdefault(p.maker, []).append(p)
        src = sources.add(rng, f"src-partnership-{p.id}", f"{p.brand} and {p.maker}")
        doc: dict[str, Any] = {
            "brand": p.brand,
            "maker": p.maker,
            "started": _fact(p.started, [src], note="announced" if rng.random() < 0.5 else None),
        }
        if p.ended:
            doc["ended"] = _fact(p.ended, [src])
        if rng.random() < 0.5:
            doc["story"] = [_fact("An invented partnership: the brand's name on the maker's phones.", [src])]
        files[f"partnerships/{p.id}.yaml"] = doc
    sensors = _sensor_docs(rng, sensor_makers, sources)
    for sid, doc in sensors.items():
        files[f"sensors/{sid}.yaml"] = doc
    brand_by_id = {b.id: b for b in brands}
    taken: set[str] = set()
    for i in range(n_devices):
        # One generator per device: device i is the same at every N (the catalogue is prefix-stable).
        device_id, doc = _device_doc(
            i,
            random.Random(f"{seed}:device:{i}"),
            makers,
            brand_by_id,
            partnerships_of,
            sensors,
            sources,
            taken,
        )
        files[f"devices/{device_id}.yaml"] = doc
    files["sources.yaml"] = {"sources": sources.entries}
    return files


def dump(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=120)


def write(out: Path, files: dict[str, dict[str, Any]]) -> None:
    for rel, document in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "# Synthetic data made by `python -m generator synth`; the facts are invented.\n" + dump(document),
            encoding="utf-8",
        )


@click.command("synth")
@click.option("--devices", "n_devices", type=click.IntRange(min=0), required=True, help="How many devices to make.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write the data into (like data/); must be empty or missing unless --force.",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Same seed, same files.")
@click.option("--force", is_flag=True, help="Replace the data already in --out (its kind folders and sources.yaml).")
def synth_command(n_devices: int, out: Path, seed: int, force: bool) -> None:
    """Write a synthetic, valid catalogue of N devices (for benchmarks; the facts are invented).

    Companies, partnerships and sensors are a fixed set; devices and their sources grow with N.
    Device i is the same for every N with the same seed.
    """
    if out.exists() and any(out.iterdir()):
        if not force:
            raise click.ClickException(f"{out} is not empty; pass --force to replace its data.")
        for kind in ("devices", "companies", "partnerships", "sensors"):
            shutil.rmtree(out / kind, ignore_errors=True)
        (out / "sources.yaml").unlink(missing_ok=True)
    files = make(n_devices, seed)
    write(out, files)
    counts = {
        kind: sum(1 for rel in files if rel.startswith(kind + "/"))
        for kind in ("devices", "companies", "partnerships", "sensors")
    }
    click.echo(
        f"Wrote {counts['devices']} devices, {counts['companies']} companies, {counts['partnerships']} "
        f"partnerships, {counts['sensors']} sensors and {len(files['sources.yaml']['sources'])} sources "
        f"to {out}."
    )


if __name__ == "__main__":
    synth_command()
