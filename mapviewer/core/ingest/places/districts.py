"""Districts and raions: placed at their seat town when the gazetteer knows it."""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.ingest.article_geo import place_of
from mapviewer.core.ingest.candidates import STRONG, Toponym
from mapviewer.core.ingest.geo_index import NameHit, geo_index
from mapviewer.core.ingest.name_shapes import without_arabic_article
from mapviewer.core.ingest.namesakes import far_namesake
from mapviewer.core.ingest.places.context import Context, reading_place
from mapviewer.core.ingest.placetypes import Place, nearest_km
from mapviewer.core.ingest.scoring import resolve
from mapviewer.core.ingest.typos import region_slip
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

DISTRICT_PHRASE = lazy_compile(
    r"(?P<name>(?:[A-Z][\w’'-]*[\s-]+){1,3}?)(?i:districts?|raions?|rayons?|county|municipality|hromada)$"
)
"""The capitalised name right before a district's head word ("... the Glushkovo district")."""


def district_seat(phrase: str, ctx: Context) -> tuple[Place, float, str] | None:
    """ "the Glushkovo district": a district is run from the small town it is named after, which the
    small-place layer knows (the big-city table does not)."""
    m = DISTRICT_PHRASE.search(phrase.strip())
    if m is None:
        return None
    words = list(key(m.group("name")))
    hits = geo_index().exact_hits(words)
    if not hits and len(words) == 1:  # "the Rylsky district" is run from Rylsk, "Khomutovsky" from Khomutovka
        hits = tuple(h for seat in seat_names(words[0]) for h in geo_index().lookup([seat]) if h.words == 1 and not h.variant)
    if not hits and (bare := without_arabic_article(words)):  # "the Al Salif district" is run from Aş Şalīf
        hits = geo_index().exact_hits(bare)
    if not hits and words:
        hits = _respelt_seat(words, ctx)
    if not hits:
        return _misspelt_seat(words[0], ctx) if len(words) == 1 else None
    regions = ctx.focus.regions
    if len(words) == 1 and regions and not any((h.row.country, h.row.admin1) in regions for h in hits):
        hits = _seat_in_region(words[0], regions) or hits  # "the Vasyliv district" of a Zaporizhzhia story: Vasylivka
    reading = resolve(Toponym(0, len(phrase), phrase, hits, "district", STRONG), ctx.share, ctx.placed, ctx.focus)
    if reading is None or (regions and reading.row.country not in {iso for iso, _ in regions}):
        # a district of a story whose regions all lie in other countries is not run from a town abroad ("Korochinsky"
        # is not from Korochi, India), but maybe from a town of those regions it misspells (Korocha)
        return _misspelt_seat(words[0], ctx) if len(words) == 1 else None
    if ctx.abroad(reading.row.country) and far_namesake(
        reading_place(reading), reading.row.admin1, 0, ctx.focus.anchors, regions
    ):
        return None  # "Gaza City's al-Zeitoun district" is not run from a Turkish village once called Zeytun
    return reading_place(reading), reading.confidence, reading.why + "; the district's namesake town"


RESPELT_SEAT_KM = 40.0
"""A district whose seat the index spells otherwise ("Mangyongdae" for Man’gyŏngdae-ri) is read so only this close to
the article's sure places: a respelling matches many names, a city district lies by its city."""


def _respelt_seat(words: list[str], ctx: Context) -> tuple[NameHit, ...]:
    """The one seat the index has under another romanisation of the district's name, in a country of the article and
    beside its sure places; () when none or several."""
    anchors = list(ctx.focus.anchors)
    if not anchors:
        return ()
    hits = {
        h.row.gid: h
        for h in geo_index().lookup(words)
        if h.words == len(words) and h.variant and not ctx.abroad(h.row.country)
        and nearest_km(h.row.lat, h.row.lon, anchors) <= RESPELT_SEAT_KM
    }  # fmt: skip
    return tuple(hits.values()) if len(hits) == 1 else ()


_SEAT_ENDINGS = ("ka", "ske", "o", "e", "a", "sk")
"""A district named with its seat cut short ("the Vasyliv district" for Vasylivka's, "Polohiv" for Polohy's)."""


def _seat_in_region(word: str, regions: frozenset[tuple[str, str]]) -> tuple[NameHit, ...]:
    """The one town of a region the article names that `word` (a district's name the gazetteer reads only outside
    those regions) is its seat's name cut short: `word` plus a common ending; () when none or several."""
    hits = {
        h.row.gid: h
        for end in _SEAT_ENDINGS
        for h in geo_index().lookup([word + end])
        if h.words == 1 and not h.variant and (h.row.country, h.row.admin1) in regions
    }
    return tuple(hits.values()) if len(hits) == 1 else ()


_DISTRICT_AFTER = lazy_compile(r"\s+(?:urban\s+|municipal\s+)?(?:district|raion|rayon|okrug)\b", re.IGNORECASE)


DISTRICT_SEAT_CAP = 0.55
"""A district drawn at its seat town: an approximation a reviewer confirms."""


_DISTRICTS_BEFORE = lazy_compile(r"(?i)\b(?:districts|raions|rayons)\b[^.;!?]*$")
"""A list of districts the sentence announces before a bare adjective: "three districts of the region: X, Y and Z"."""


def seat_of_district_before(surface: str, text: str, start: int, end: int, ctx: Context) -> tuple[Place, float, str] | None:
    """ "the Volokonovsky district", "the Graivoronsky urban district", "three districts — Rylsky, Korenevsky": a
    one-word district adjective the index lacks, followed by its head word or listed after the sentence's
    "districts", drawn as a region at its seat town (Volokonovka, Grayvoron) when that town is not a far namesake
    of the article's places."""
    if " " in surface:
        return None
    if not _DISTRICT_AFTER.match(text, end) and not (seat_names(key(surface)[0]) and _DISTRICTS_BEFORE.search(text, 0, start)):
        return None
    word = key(surface)
    if len(word) != 1:
        return None
    hits = [h for seat in seat_names(word[0]) for h in geo_index().lookup([seat]) if h.words == 1]
    hits = [h for h in hits if not h.variant] or hits  # "Graivoronsky" <- Grayvoron: a respelt seat is still its seat
    reading = (
        resolve(Toponym(0, len(surface), surface, tuple(hits), "district", STRONG), ctx.share, ctx.placed, ctx.focus)
        if hits
        else None
    )
    regions = ctx.focus.regions
    if reading is None or (regions and reading.row.country not in {iso for iso, _ in regions}):
        misspelt = _misspelt_seat(word[0], ctx)  # "Grevoronsky" <- Grayvoron, not a seat abroad
        return None if misspelt is None else (_at_seat(surface, misspelt[0]), misspelt[1], misspelt[2])
    if far_namesake(reading_place(reading), reading.row.admin1, 0, ctx.focus.anchors, regions):
        return None
    town = reading_place(reading)
    why = f"district named after its seat {town.name} (placed at the town): check it"
    return _at_seat(surface, town), min(reading.confidence, DISTRICT_SEAT_CAP), why


def _at_seat(surface: str, town: Place) -> Place:
    return replace(town, ref=f"{town.ref}:district", name=f"{surface} district", kind="region", precision="region",
                   coord_source=f"{town.coord_source}; district drawn at its seat {town.name}")  # fmt: skip


MISSPELT_SEAT_CAP = 0.5
"""A district drawn at a seat its adjective misspells: a guess a reviewer confirms."""


def _misspelt_seat(word: str, ctx: Context) -> tuple[Place, float, str] | None:
    """ "Shobeikinsky District" in a story on the Belgorod region: the one town of a region the article names whose
    name the adjective's stem misspells (Shebekino), for review; None when no region is named or the slip is not
    unique there."""
    r = region_slip(seat_names(word), ctx.focus.regions)
    if r is None:
        return None
    town = place_of(r)
    why = f"district read as named after {r.name} (a misspelt seat in a region the article names; placed at the town): check it"
    return town, MISSPELT_SEAT_CAP, why


_DISTRICT_ADJECTIVE = lazy_compile(r"^(?P<stem>\w{3,}?)s['’]?k(?:yi|iy|ii|yy|y|i|oy|oi|ij|e)$")
"""A district's name as an adjective of its seat: Russian "-sky/-skiy/-skoy", Ukrainian "-skyi/-s'kyi"."""


def seat_names(word: str) -> tuple[str, ...]:
    """The town names a district adjective (folded) can come from: Rylsky <- Rylsk, Khomutovsky <- Khomutovka,
    Korenevsky <- Korenevo, Pokrovskyi <- Pokrovsk, Bakhmutskyi <- Bakhmut, Sudzhansky <- Sudzha; () when the
    word is no such adjective."""
    m = _DISTRICT_ADJECTIVE.match(word)
    if m is None:
        return ()
    stem = m.group("stem")
    names = [stem + "sk", stem + "ka", stem + "o", stem + "e", stem + "a", stem]
    if stem.endswith("n"):  # Sudzhansky <- Sudzha
        names.append(stem[:-1])
    return tuple(dict.fromkeys(names))
