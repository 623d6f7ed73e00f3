"""Slips of spelling: "Zaporizhziha", "Kramatorks", "Myrnohad". A reader who meets a name the gazetteer lacks
beside places the article has placed looks for a place of nearly that name nearby and finds it; so does ingest.

Only places within NEAR_KM of the article's placed points are looked at (a few hundred rows, from a coarse grid
over the index, grid.py), and only a name one edit away (two for long names) from a place's main name
in the spelling-blind key (variants.py) counts, so that "Ivanivka"/"Ivanovka" style romanisations are not edits
at all. One such place alone is a reading, for review; two or more are a guess either way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import lru_cache

from mapviewer.core.ingest.geo_index import GeoRow, geo_index
from mapviewer.core.ingest.grid import CELL_DEG, cell_of, grid
from mapviewer.core.ingest.placetypes import great_circle_km
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.textnorm import key

NEAR_KM = 60.0
"""How far from the article's placed points a place of nearly the name is looked for."""
_KM_PER_DEGREE = 111.19
"""Kilometres in a degree of latitude (and of longitude at the equator)."""
MIN_LETTERS = 6
"""Shorter names are one edit away from too many others."""


def rows_near(points: list[tuple[float, float]]) -> list[GeoRow]:
    """The index's places within NEAR_KM of one of `points` (from the grid cells around them)."""
    index = geo_index()
    cells = grid()
    seen: set[int] = set()
    out = []
    for lat, lon in dict.fromkeys(points):
        ci, cj = cell_of(lat, lon)
        # enough cells each way to reach NEAR_KM: a cell of latitude is 55.6 km, one of longitude less away from the
        # equator (capped near the poles)
        rows = math.ceil(NEAR_KM / (_KM_PER_DEGREE * CELL_DEG))
        columns = min(math.ceil(NEAR_KM / (_KM_PER_DEGREE * CELL_DEG * max(math.cos(math.radians(lat)), 0.05))), 360)
        for di in range(-rows, rows + 1):
            for dj in range(-columns, columns + 1):
                for place in cells.cell(ci + di, cj + dj):
                    if place in seen:
                        continue
                    row = index.row(place)
                    if great_circle_km(row.lat, row.lon, lat, lon) <= NEAR_KM:
                        seen.add(place)
                        out.append(row)
    return out


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    return variant_key(key(name))


def edits(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of `a` and `b` (insertions, deletions, substitutions and swaps of
    neighbours), or limit + 1 when it is over `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


def slip_reading(surface: str, points: Iterable[tuple[float, float]], abroad: Callable[[str], bool]) -> GeoRow | None:
    """The one place near `points` (in a country that is not `abroad`) whose main name `surface` misspells, or None."""
    words = key(surface)
    q = variant_key(words)
    if len(q) < MIN_LETTERS or not words:
        return None
    pts = list(points)
    if not pts:
        return None
    limit = 1 if len(q) < 10 else 2
    found: dict[int, GeoRow] = {}
    for row in rows_near(pts):
        k = _name_key(row.name)
        if k and k != q and not abroad(row.country) and edits(q, k, limit) <= limit:
            found[row.gid] = row
    return next(iter(found.values())) if len(found) == 1 else None


REGION_SLIP_LETTERS = 7
"""A district's seat read by a slip within the regions the article names: shorter stems match too many towns."""


@lru_cache(maxsize=1)
def _by_region() -> dict[tuple[str, str], list[int]]:
    """Index rows by their first-level region (country, admin1 code)."""
    index = geo_index()
    t = index._t
    out: dict[tuple[str, str], list[int]] = {}
    for place, (c, r) in enumerate(zip(t.arrays["country"], t.arrays["admin1"])):
        out.setdefault((t.countries[c], t.admin1[r]), []).append(place)
    return out


def region_slip(names: Iterable[str], regions: Iterable[tuple[str, str]]) -> GeoRow | None:
    """The one place in `regions` (first-level regions the article names) whose main name begins with the same
    letter and is up to two edits (one for a name of seven letters) from one of `names` (folded seat names of a
    district adjective: "Shobeikinsky" -> shobeikino ~ Shebekino, "Grevoronsky" -> grevoron ~ Grayvoron), or None
    when there is none or more than one. A named region holds a few hundred places, so two edits stay rare there
    where they would not be across the whole index."""
    keys = {q for q in (variant_key((n,)) for n in names) if len(q) >= REGION_SLIP_LETTERS}
    if not keys:
        return None
    index = geo_index()
    found: dict[int, GeoRow] = {}
    for region in regions:
        for place in _by_region().get(region, ()):
            row = index.row(place)
            k = _name_key(row.name)
            if k and any(k[0] == q[0] and edits(q, k, _region_limit(q)) <= _region_limit(q) for q in keys):
                found[row.gid] = row
    return next(iter(found.values())) if len(found) == 1 else None


def _region_limit(q: str) -> int:
    return 1 if len(q) <= REGION_SLIP_LETTERS else 2
