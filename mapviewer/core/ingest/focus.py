"""The article's geographic focus below the country: the regions it names and the places of one paragraph.

A reader who has read "in the Kharkiv region" takes the next village with a common name to be the one in
that region, and a village named beside another in the same paragraph to be the one near it. Regions named
after their capital ("Kharkiv region", "Kursk Oblast", "Jilin Province", "North Hamgyong Province") are
found by their capital in the place index: the first-level division (GeoNames admin1) of that city is the
region the article names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from mapviewer.core.ingest.capitals import REGION_CAPITAL_MIN_POPULATION, region_capital
from mapviewer.core.ingest.geo_index import GeoIndex
from mapviewer.core.ingest.placetypes import great_circle_km
from mapviewer.core.ingest.typos import rows_near
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

_REGION = lazy_compile(
    r"\b(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s+(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Kk]rai|[Gg]overnorate|[Pp]refecture|[Pp]eople[’']s\s+[Rr]epublic)\b"
)
"""A region named after its capital; "the Donetsk People's Republic" names (and claims) the Donetsk oblast."""


def named_regions(texts: Iterable[str], index: GeoIndex, countries: Iterable[str] = ()) -> frozenset[tuple[str, str]]:
    """(country, admin1) of each first-level region the texts name after its capital city, or by a name of the
    reference list's provinces ("North Hwanghae Province"). When a name has capitals in several countries, those of
    `countries` (the article's) are kept, else the most populous."""
    wanted = set(countries)
    found: set[tuple[str, str]] = set()
    seen: set[tuple[str, ...]] = set()
    texts = list(texts)
    provinces = _reference_regions(index)
    written = _written_names(tuple(provinces))
    for text in texts:  # whole names only: "Chagang" is not inside "Chagangdo Street"
        found.update(provinces[m.group(0)] for m in written.finditer(text))
    for text in texts:
        for m in _REGION.finditer(text):
            name = key(m.group("name"))
            after_possessive = name[name.index("s") + 1 :] if "s" in name[1:-1] else ()  # "Russia's Belgorod region"
            for words in (name, name[1:], after_possessive):  # "North Hamgyong Province"; "The Sumy region"
                if not words or words in seen:
                    continue
                seen.add(words)
                region = _capital_region(words, index, wanted)
                if region is not None:
                    found.add(region)
                    break
    return frozenset(found)


@lru_cache(maxsize=4)
def _written_names(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the names as written, longest first, each standing as whole words."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


_GEONAMES_SOURCE = lazy_compile(r"geonames\.org/(?P<gid>\d+)")
_SOURCE_NAME = lazy_compile(r"['‘’](?P<name>[^'‘’]+(?:['‘’][^'‘’]+)?)['‘’]$")
_PROVINCE_NAME = lazy_compile(r"\b(?:Province|Oblast|Krai)$")


@lru_cache(maxsize=2)
def _reference_regions(index: GeoIndex) -> dict[str, tuple[str, str]]:
    """The reference list's provinces drawn at a GeoNames town (their administrative centre: "North Hwanghae
    Province" at Sariwŏn), by name and alias as written: (country, admin1) of that town, the first-level region
    they are. Worked out once per index (cached by the index object itself)."""
    from mapviewer.core.ingest.reference import REFERENCE

    out: dict[str, tuple[str, str]] = {}
    for ref in REFERENCE:
        gid, name = _GEONAMES_SOURCE.search(ref.source), _SOURCE_NAME.search(ref.source_title)
        if ref.kind != "region" or not _PROVINCE_NAME.search(ref.name) or gid is None or name is None:
            continue
        words = list(key(name.group("name")))
        row = index.row_named(words, int(gid.group("gid")))
        if row is not None and row.admin1:
            for written in (ref.name, *ref.aliases):
                out[written] = (row.country, row.admin1)
    for ref in REFERENCE:  # a province drawn at its own representative point: the region of the towns around it
        if ref.kind != "region" or not _PROVINCE_NAME.search(ref.name) or ref.name in out or not ref.country:
            continue
        region = region_around(ref.lat, ref.lon, ref.country)
        if region is not None:
            for written in (ref.name, *ref.aliases):
                out.setdefault(written, region)
    return out


AROUND_KM = 25.0
"""The GeoNames places this close to a province's representative point tell which first-level region it is."""


def region_around(lat: float, lon: float, country: str) -> tuple[str, str] | None:
    """(country, admin1) shared by every place of `country` within AROUND_KM of the point, else None (none, or the
    point lies near a boundary between regions)."""
    near = {r.admin1 for r in rows_near([(lat, lon)]) if r.country == country and r.admin1
            and great_circle_km(lat, lon, r.lat, r.lon) <= AROUND_KM}  # fmt: skip
    return (country, next(iter(near))) if len(near) == 1 else None


def _capital_region(words: tuple[str, ...], index: GeoIndex, wanted: set[str]) -> tuple[str, str] | None:
    found = [h for h in index.lookup(list(words)) if h.words == len(words)]
    hits = [h.row for h in found if not h.variant and h.row.admin1 and h.row.population >= REGION_CAPITAL_MIN_POPULATION]
    if not hits:  # "the Zaporizhia region": its capital in another romanisation (Zaporizhzhya)
        hits = [h.row for h in found if h.variant and h.row.admin1 and h.row.population >= REGION_CAPITAL_MIN_POPULATION]
    if not hits:
        return None
    best = region_capital(hits, lambda r: r.gid) or max(
        [r for r in hits if r.country in wanted] or hits, key=lambda r: r.population
    )
    return best.country, best.admin1


@dataclass
class Focus:
    """Where the article is: the first-level regions it names, the points placed so far in the paragraph
    being read (reset at each paragraph) and its sure points anywhere."""

    regions: frozenset[tuple[str, str]] = frozenset()
    local: list[tuple[float, float]] = field(default_factory=list)
    anchors: dict[tuple[float, float], None] = field(default_factory=dict)
    """The article's sure points so far (known sites, reference places, unambiguous cities, sure readings)."""

    def anchor(self, lat: float, lon: float) -> None:
        self.anchors[(lat, lon)] = None

    def new_paragraph(self, points: Iterable[tuple[float, float]] = ()) -> None:
        self.local = list(points)

    def add(self, lat: float, lon: float) -> None:
        self.local.append((lat, lon))
