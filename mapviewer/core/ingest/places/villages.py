"""Readings of a name among the villages the place index lacks (the village layers of core/ingest/villages.py).

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
from mapviewer.core.ingest.geo_index import GeoRow, NameHit
from mapviewer.core.ingest.places.context import Context
from mapviewer.core.ingest.placetypes import nearest_km
from mapviewer.core.ingest.villages import VillageRow, villages
from mapviewer.core.textnorm import key

VILLAGE_NEAR_KM = 60.0
"""A village outside the regions the article names counts only this close to one of its placed places (a front
line's villages lie within a few tens of km of the towns the story names; namesakes repeat every 50-100 km)."""
VILLAGE_CAP = 0.75
"""Placed (above LOW_CONFIDENCE), never as sure as the 0.8 of high confidence: a reviewer sees every village."""
ONLY_VILLAGE_CAP = 0.6
"""The only village of its name in the article's country, with nothing of the article near it: a reviewer's call."""
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
        if not hits and "g" in words[0] and (ctx.countries["UA"] or "UA" in ctx.where):
            # "Vodolagy" is the Ukrainian village Vodolahy: exactly that name, a village of Ukraine
            hits = [h for h in table.lookup([ukrainian_h(words[0])]) if h.row.country == "UA" and not h.variant]
    if not hits and len(words) > 1 and (ukrainian := ukrainian_form(words)) != words:
        hits = table.lookup(ukrainian)  # "Belaya Gora" is the Ukrainian village Bila Hora
    if not hits:
        return ()
    points = _points(words, ctx)
    return tuple(replace(h, words=len(words)) for h in hits if _where_the_story_is(h.row, points, ctx))


_RU_UA_WORDS = {
    "belaya": "bila", "beloye": "bile", "belyi": "bilyi", "belyy": "bilyi", "bely": "bilyi",
    "krasnaya": "krasna", "krasnoye": "krasne", "krasnyi": "krasnyi", "krasnyy": "krasnyi", "krasny": "krasnyi",
    "novaya": "nova", "novoye": "nove", "novyi": "novyi", "novyy": "novyi", "novy": "novyi",
    "staraya": "stara", "staroye": "stare", "staryi": "staryi", "staryy": "staryi", "stary": "staryi",
    "zelenaya": "zelena", "chernaya": "chorna", "malaya": "mala", "bolshaya": "velyka", "bolshoye": "velyke",
    "gora": "hora", "gorka": "hirka", "dolina": "dolyna", "polyana": "poliana",
}  # fmt: skip
"""The words of a Ukrainian village's name as Russian-language reports write them ("Belaya Gora", "Novaya Poltavka"):
the adjective's Russian ending and vowel, "g" for Ukrainian "h", Bolshaya for Velyka. The transliteration key
(variants.py) folds spellings of one word, not these."""


def ukrainian_form(words: list[str]) -> list[str]:
    """`words` (folded) with each Russian form of a common village-name word in its Ukrainian form."""
    return [_RU_UA_WORDS.get(w, w) for w in words]


def ukrainian_h(word: str) -> str:
    """A folded word with the "g" by which Russian-language reports write the Ukrainian "г" written "h" (KMU 2010), as
    Who's On First's romanised Ukrainian names have it: "vodolagy" -> "vodolahy" (the transliteration key keeps g and h
    apart: they are two letters in most languages)."""
    return word.replace("g", "h")


def _points(words: list[str], ctx: Context) -> list[tuple[float, float]]:
    return list(ctx.ahead.besides(tuple(words), ctx.placed)) + list(ctx.focus.anchors)


def _where_the_story_is(row: GeoRow, points: list[tuple[float, float]], ctx: Context) -> bool:
    return (row.country, row.admin1) in ctx.focus.regions or (  # a region it names says its country too
        not ctx.abroad(row.country) and nearest_km(row.lat, row.lon, points) <= VILLAGE_NEAR_KM
    )


def village_cap(row: GeoRow, surface: str, ctx: Context) -> float:
    """How sure a village reading may be: VILLAGE_CAP where the story is, ONLY_VILLAGE_CAP for the only village of
    the name in the article's country read with nothing near it (only_village)."""
    words = [w for w in key(surface) if w not in _PLACE_WORDS] or list(key(surface))
    return VILLAGE_CAP if _where_the_story_is(row, _points(words, ctx), ctx) else ONLY_VILLAGE_CAP


def with_villages(top: Toponym, ctx: Context) -> Toponym:
    """The toponym with the villages of its name that lie where the article is among its readings, when a place
    cue (strong, or "in"/"from") stands before it; unchanged otherwise. A name with no cue never reads as a village."""
    if top.cue == "area":
        return top
    if top.cue_strength not in (STRONG, WEAK):
        return _in_named_region(top, ctx)
    extra = village_hits(top.surface, ctx)
    if not extra and not top.hits and top.cue_strength == STRONG:
        extra = only_village(top.surface, ctx)
    return replace(top, hits=top.hits + extra) if extra else top


def _in_named_region(top: Toponym, ctx: Context) -> Toponym:
    """A name with no cue whose index readings all lie outside the regions the article names ("shelling hit X, Y
    and Z" under "the Zaporizhzhia region"), or inside them but none within VILLAGE_NEAR_KM of the article's places:
    the villages of the name inside those regions (in the second case, those near its places) join its readings, as
    a cued name's would. Village lists repeat names region by region; the region the article names says which."""
    regions = ctx.focus.regions
    if not top.hits or not regions:
        return top
    words = [w for w in key(top.surface) if w not in _PLACE_WORDS] or list(key(top.surface))
    inside = [h for h in top.hits if (h.row.country, h.row.admin1) in regions]
    points = _points(words, ctx) if inside else []
    if inside and not points:
        return top
    # none inside those regions, or none there as near the article's places as a village of the name ("Gornal, Guevo
    # and Oleshnya" by the border is not the Oleshnya 55 km off in the Sumy region, when the Kursk region's lies beside
    # Gornal): the villages of the name inside them (then only those near its places) join its readings
    best = min((nearest_km(h.row.lat, h.row.lon, points) for h in inside), default=0.0)
    extra = tuple(replace(h, words=len(words)) for h in villages().lookup(words)
                  if not h.variant and (h.row.country, h.row.admin1) in regions
                  and (not inside or _nearer(nearest_km(h.row.lat, h.row.lon, points), best)))  # fmt: skip
    return replace(top, hits=top.hits + extra) if extra else top


NEARER_GAIN = 3.0
"""A village must lie this many times nearer the article's places than the name's nearest index reading in the regions
it names to join the readings of a name with no cue (scoring.resolve then weighs them all)."""


def _nearer(village_km: float, reading_km: float) -> bool:
    return village_km <= VILLAGE_NEAR_KM and village_km * NEARER_GAIN <= reading_km


def village_why(why: str, row: VillageRow) -> str:
    """scoring's reason, saying which source the village reading comes from (it has no population figure)."""
    return why.replace("GeoNames place, pop 0", f"{row.source.name} village (not in GeoNames cities500)", 1)


def only_village(surface: str, ctx: Context) -> tuple[NameHit, ...]:
    """The one village called `surface` (exactly, not by a respelling) in the article's main country, when no other
    country the article names has one of the name: a place-cued name nothing else reads ("the village of Sino-ri"
    in a story naming no Korean place near it). It is placed at most at ONLY_VILLAGE_CAP (below LOW_CONFIDENCE:
    listed for review with its point), and far from the article's sure places it is only a suggestion."""
    if not ctx.countries:
        return ()
    main = max(ctx.countries, key=lambda iso: ctx.countries[iso])
    words = [w for w in key(surface) if w not in _PLACE_WORDS] or list(key(surface))
    hits = [h for h in villages().lookup(words) if not h.variant]
    mine = [h for h in hits if h.row.country == main]
    if len(mine) != 1 or any(h.row.country != main and not ctx.abroad(h.row.country) for h in hits):
        return ()
    return (replace(mine[0], words=len(words)),)
