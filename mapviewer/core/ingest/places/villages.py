"""Readings of a name among the villages the place index lacks (Who's On First, core/ingest/villages.py).

A village reading joins a name's index readings only where the name has a place cue ("the village of X", "near X",
"captured X", or the weaker "in X" / "from X", whose name the finder drops unless some reading of it holds), and
only a village
that lies where the article is: in a region it names, or in a country it names or has placed something in and
within VILLAGE_NEAR_KM of a place it placed. The readings are then weighed together with the index's
by scoring.resolve (the article's countries, named regions, nearby places): a village beats a far namesake,
and two villages of one name that stay close in score go to review with both named. A village is never placed
as surely as a sourced town (VILLAGE_CAP): the reviewer sees it.
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.ingest.candidates import STRONG, WEAK, Toponym, respellings
from mapviewer.core.ingest.geo_index import NameHit
from mapviewer.core.ingest.places.context import Context
from mapviewer.core.ingest.placetypes import nearest_km
from mapviewer.core.ingest.villages import villages
from mapviewer.core.textnorm import key

VILLAGE_NEAR_KM = 60.0
"""A village outside the regions the article names counts only this close to one of its placed places (a front
line's villages lie within a few tens of km of the towns the story names; namesakes repeat every 50-100 km)."""
VILLAGE_CAP = 0.75
"""Placed (above LOW_CONFIDENCE), never as sure as the 0.8 of high confidence: a reviewer sees every village."""
_PLACE_WORDS = frozenset(["village", "kibbutz", "moshav", "hamlet", "settlement"])
"""A place word an article writes beside a village's name ("Krapivna village", "Kibbutz Be'eri")."""


def village_hits(surface: str, ctx: Context) -> tuple[NameHit, ...]:
    """The villages named `surface` (any spelling the transliteration key folds) that lie where the article is."""
    words = [w for w in key(surface) if w not in _PLACE_WORDS] or list(key(surface))
    table = villages()
    hits = table.lookup(words)
    if not hits and len(words) == 1:
        korean = bool(ctx.countries["KP"] or "KP" in ctx.where)
        hits = [h for other in respellings(words[0], korean) for h in table.lookup([other])]
    if not hits:
        return ()
    points = list(ctx.ahead.besides(tuple(words), ctx.placed)) + list(ctx.focus.anchors)
    return tuple(
        replace(h, words=len(words))
        for h in hits
        if (h.row.country, h.row.admin1) in ctx.focus.regions  # a region it names says its country too
        or (not ctx.abroad(h.row.country) and nearest_km(h.row.lat, h.row.lon, points) <= VILLAGE_NEAR_KM)
    )


def with_villages(top: Toponym, ctx: Context) -> Toponym:
    """The toponym with the villages of its name that lie where the article is among its readings, when a place
    cue (strong, or "in"/"from") stands before it; unchanged otherwise. A name with no cue never reads as a village."""
    if top.cue_strength not in (STRONG, WEAK) or top.cue == "area":
        return top
    extra = village_hits(top.surface, ctx)
    return replace(top, hits=top.hits + extra) if extra else top


def village_why(why: str) -> str:
    """scoring's reason, saying the reading is a Who's On First village (it has no population figure)."""
    return why.replace("GeoNames place, pop 0", "Who's On First village (not in GeoNames cities500)", 1)
