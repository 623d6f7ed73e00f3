"""A gazetteer reading checked against the rest of its article: the country its sentence puts the name in, and a
name the article places under a spelling one vowel apart.

"the village of Houla in southern Lebanon" is not GeoNames' Houla in Syria (only a suggestion); "Shejaya" in an
article that places "Shejaiya" is that neighbourhood (for review). ties.py runs both around its own ties.
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.ingest.anchors import ANCHOR_CONFIDENCE
from mapviewer.core.ingest.article_geo import place_of
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.namesakes import SUGGESTION_CAP
from mapviewer.core.ingest.placetypes import Candidate, Place, great_circle_km
from mapviewer.core.ingest.suggest import country_names
from mapviewer.core.ingest.villages import VillageRow, village_place, villages
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

_IN_GAP = lazy_compile(r"^,?\s+in\s+(?:the\s+)?$")


def _other_country(named: str, iso: str) -> bool:
    """`named` (a place's country: an ISO code, or a known site's country name) is one country, not `iso`'s."""
    if not named or "/" in named:
        return False  # unknown, or a site shared by two countries
    return named != iso and named != country_names().get(iso)


def outside_named_country(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """ "the village of Houla in southern Lebanon": a gazetteer reading below high confidence in another country than
    the region its sentence puts the name in (Kafr Laha, Syria) is only a suggestion; the reviewer sees both."""
    result = list(out)
    for i, c in enumerate(out[:-1]):
        p, y = c.place, out[i + 1]
        if p is None or c.status == "unplaced" or not p.ref.startswith("gn:") or c.confidence >= 0.9 or y.place is None:
            continue
        region = y.place
        if y.paragraph != c.paragraph or y.sentence != c.sentence or not _other_country(region.country, p.country):
            continue
        if region.precision != "region" and region.kind not in ("region", "country"):
            continue  # a point: "X in Y" with Y a town abroad is the ties' business
        para_start, text = paras[c.paragraph]
        if not _IN_GAP.match(text[c.end - para_start : y.start - para_start]):
            continue
        there = reading_in(c.surface, _iso(region.country), (region.lat, region.lon))
        if there is not None:  # "Qana in southern Lebanon": the Lebanese Qâna, not Qina in Egypt
            why = f"{there.coord_source}: the {there.name} of {y.surface}, as its sentence says (not {p.name}, {p.country}): check it"
            result[i] = replace(c, status="low-confidence", confidence=ANCHOR_CONFIDENCE, place=there, reason=why)
            continue
        why = f"suggested: {c.reason}; its sentence puts it in {y.surface}, the reading lies in another country: check it"
        result[i] = replace(c, status="unplaced", confidence=min(c.confidence, SUGGESTION_CAP), reason=why)
    return result


IN_COUNTRY_KM = 150.0
"""How far from the point of the area its sentence names ("southern Lebanon") the reading there may lie."""


def _iso(named: str) -> str:
    """A country as a place carries it (an ISO code, or a known site's country name) as an ISO code ("" if unknown)."""
    if len(named) == 2 and named.isupper():
        return named
    return next((iso for iso, name in country_names().items() if name == named), "")


def reading_in(surface: str, iso: str, near: tuple[float, float] | None = None) -> Place | None:
    """The gazetteer's reading of `surface` in country `iso` (a GeoNames place, else a Who's On First village of that
    exact name): the one within IN_COUNTRY_KM of `near` (the nearest), or without a point the only one in that country;
    None when there is none (or no single one)."""
    words = list(key(surface))
    if not words or not iso:
        return None
    hits = {h.row.gid: h.row for h in geo_index().lookup(words) if h.words == len(words) and h.row.country == iso}
    if not hits:  # "Houla in southern Lebanon": a village the place index lacks, spelt as the village list has it
        hits = {h.row.gid: h.row for h in villages().lookup(words) if h.row.country == iso and not h.variant}
    if near is not None:
        rows = sorted(hits.values(), key=lambda r: great_circle_km(r.lat, r.lon, *near))
        rows = [r for r in rows[:1] if great_circle_km(r.lat, r.lon, *near) <= IN_COUNTRY_KM]
    else:
        rows = list(hits.values()) if len(hits) == 1 else []
    if not rows:
        return None
    r = rows[0]
    return village_place(r) if isinstance(r, VillageRow) else place_of(r)


RESPELT_MIN_LETTERS = 6
"""A respelling by one vowel is read as the same name only in names this long: "Shejaya" for "Shejaiya", not "Ras"
for "Rais"."""
_VOWELS = frozenset("aeiouy")


def _one_vowel_apart(a: str, b: str) -> bool:
    """`b` is `a` with one vowel more (or the other way round)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) != len(a) + 1 or len(a) < RESPELT_MIN_LETTERS:
        return False
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return b[i] in _VOWELS and a[i:] == b[i + 1 :]


def respelt_in_article(out: list[Candidate]) -> list[Candidate]:
    """ "Shejaya" beside "Shejaiya": a name the gazetteer leaves unplaced that the article spells, elsewhere, with one
    vowel more or less than a name it places is that place (for review: the reading rests on the respelling)."""
    placed = {"".join(key(c.surface)): c for c in out
              if c.status != "unplaced" and c.place is not None and c.place.kind != "country" and c.site_id is None}  # fmt: skip
    result = list(out)
    for i, c in enumerate(out):
        if c.status != "unplaced" or c.area or not (c.place is None or suggestion(c)):
            continue
        word = "".join(key(c.surface))
        other = next((p for w, p in placed.items() if _one_vowel_apart(word, w)), None)
        if other is None or other.place is None:
            continue
        why = f"{other.place.name}, as {other.surface!r}: the article spells it so elsewhere: check it"
        result[i] = replace(c, status="low-confidence", confidence=min(other.confidence, ANCHOR_CONFIDENCE), place=other.place, reason=why)
    return result

def suggestion(c: Candidate) -> bool:
    """An unplaced candidate whose only reading (a far namesake) is offered to the reviewer as a suggestion."""
    return c.status == "unplaced" and c.place is not None and c.place.ref.startswith("gn:") and c.confidence <= SUGGESTION_CAP
