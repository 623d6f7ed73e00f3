"""What ingest says about a place name: where it was placed (Place) and what became of one mention (Candidate)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where a name was placed and on whose authority."""

    ref: str  # stable identity across articles: "gn:<geonameid>", "ref:<slug>", "site:<id>", "geo:<query>"
    name: str
    kind: str
    country: str  # ISO 3166 alpha-2 ("" for seas)
    lat: float
    lon: float
    precision: str
    provenance: str  # gazetteer | geocoder | user | article text
    coord_source: str
    radius_km: float = 0.0  # a place located only by the article's text: how far from the point it may lie


@dataclass(frozen=True)
class Candidate:
    """One place name in one article passage and what became of it."""

    article_id: str
    paragraph: int
    start: int  # offsets into the article text
    end: int
    surface: str
    sentence: str
    status: str  # known | placed | low-confidence | unplaced
    confidence: float
    place: Place | None = None
    site_id: str | None = None
    certainty: str = "context"
    reason: str = ""
    area: bool = False  # a part of a country, a border or a sea: never located as a point by its neighbours



def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius): the one used by every part of ingest."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def nearest_km(lat: float, lon: float, points: Iterable[tuple[float, float]]) -> float:
    """How far (lat, lon) is from the nearest of `points` (infinite when there are none)."""
    return min((great_circle_km(lat, lon, plat, plon) for plat, plon in points), default=math.inf)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    return great_circle_km(a[0], a[1], b[0], b[1])
