"""Where one chosen span is, with a confidence and a reason."""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.ingest.areas import border_place, country_part_place
from mapviewer.core.ingest.article_geo import as_called, other_anchors, reconsider_city
from mapviewer.core.ingest.candidates import (
    COMMON_WORDS,
    STRONG,
    Toponym,
    cue_after,
    cue_before,
    designation,
    not_a_name,
    opens_sentence,
)
from mapviewer.core.ingest.capitals import capital_of_region_phrase, region_capital
from mapviewer.core.ingest.dateline import is_dateline
from mapviewer.core.ingest.frames import PART_OF_TOWN_AFTER
from mapviewer.core.ingest.geo_index import NameHit, geo_index
from mapviewer.core.ingest.name_shapes import without_arabic_article
from mapviewer.core.ingest.namesakes import BY_HEAD, FAR_NAMESAKE_KM, SUGGESTION_CAP, far_namesake, other_facility
from mapviewer.core.ingest.places.appositions import facility_described_before, facility_in_apposition, facility_in_phrase
from mapviewer.core.ingest.places.context import Context, city_place, far_abroad, reading_place, resolve_city
from mapviewer.core.ingest.places.districts import DISTRICT_PHRASE, district_seat
from mapviewer.core.ingest.places.fallbacks import slip_place
from mapviewer.core.ingest.places.names import FACILITY_NAME, ambiguous_word, has_strong_head, inside_person_name
from mapviewer.core.ingest.places.spans import CitySpan, PhraseSpan, RefSpan, RegionSpan, Span, ToponymSpan
from mapviewer.core.ingest.places.tables import City, Gazetteer, reference_confidence, reference_places
from mapviewer.core.ingest.places.villages import VILLAGE_NEAR_KM, village_cap, village_why, with_villages
from mapviewer.core.ingest.placetypes import Place, great_circle_km, nearest_km
from mapviewer.core.ingest.reference import UNSOURCED
from mapviewer.core.ingest.rivers import water_phrase
from mapviewer.core.ingest.ru_districts import DISTRICT_REF
from mapviewer.core.ingest.scoring import resolve
from mapviewer.core.ingest.villages import VillageRow, villages
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.mentions import facility_head_before
from mapviewer.core.textnorm import fold, key, slug, tokens


def place_span(
    s: Span, text: str, ctx: Context, g: Gazetteer, resolved: dict[tuple[str, ...], tuple[Place, float, str]]
) -> tuple[Place, float, str] | None:
    if isinstance(s, RefSpan):
        place = s.place
        head = facility_head_before(text, s.start)
        if head and other_facility(head, place):
            named = facility_by_head(text[s.start : s.end], head)
            if named is not None:  # "the port of Vostochny" is the listed Vostochny Port, not the Cosmodrome
                return named
            ctx.other_facility[s.start] = place.name  # "the port of Vostochny" is not the Vostochny Cosmodrome
            return None
        return (
            place,
            reference_confidence(place),
            "subject reference list"
            + ("" if not place.coord_source.startswith(UNSOURCED) else " (coordinate unsourced: check it)"),
        )
    if isinstance(s, CitySpan):
        k = s.city_key
        if inside_person_name(text, s.start, s.end) or designation(text, s.end):
            return None
        if k not in resolved:
            resolved_as = _described_facility(k, text, s.start, s.end)
            if resolved_as is not None:
                resolved[k] = resolved_as
                return resolved_as
        if ambiguous_word(k, text, s.start, ctx, g) and not is_dateline(text, s.start, s.end):  # a dateline is a place
            return _small_place_reading(k, text, s, ctx, resolved)
        if k not in resolved:
            by_table = resolve_city(k, ctx, g)
            country = by_table[0].country
            is_capital = (country, fold(by_table[0].name)) in g.capitals
            resolved[k] = reconsider_city(k, by_table, ctx.focus, abroad=ctx.abroad(country), capital=is_capital)
            if resolved[k][0].ref != by_table[0].ref or resolved[k][1] <= SUGGESTION_CAP < by_table[1]:
                # a far town read as its namesake here, or only a suggestion: no longer an anchor the article's
                # villages are measured from
                point = (by_table[0].lat, by_table[0].lon)
                ctx.focus.anchors.pop(point, None)
                ctx.placed.pop(point, None)
        return as_called(k, resolved[k], text, s.start, ctx.focus)
    if isinstance(s, ToponymSpan):
        top = s.toponym
        if top.cue == "area" and not top.hits:
            return border_place(top.surface, ctx, g) or country_part_place(top.surface, g)
        tkey = ("\0toponym", *key(top.surface))
        if tkey not in resolved:
            as_facility = _described_facility(key(top.surface), text, top.start, top.end)
            if as_facility is not None:  # "nuclear sites in Bushehr, Isfahan and Natanz": the town stands for the works
                resolved[tkey] = as_facility
                return as_facility
            reading = resolve(with_villages(top, ctx), ctx.share, ctx.ahead.besides(key(top.surface), ctx.placed), ctx.focus)
            if reading is None:
                return None
            first = reading_place(reading)
            conf, why = reading.confidence, reading.why
            if isinstance(reading.row, VillageRow):  # a village the index lacks: never as sure as a sourced town
                conf, why = min(conf, village_cap(reading.row, top.surface, ctx)), village_why(why, reading.row)
            resolved[tkey] = as_called(key(top.surface), (first, conf, why), text, top.start, ctx.focus)
            if resolved[tkey][0].ref == first.ref:  # (a village chosen over this town lies among the article's places)
                ctx.admin1[first.ref] = reading.row.admin1
                ctx.population[first.ref] = reading.row.population
        if _far_part_of_town(resolved[tkey][0], text, top.end, ctx):
            ctx.other_facility[s.start] = resolved[tkey][0].name  # listed, for its sentence to locate it (ties.py)
            return None  # "the X neighbourhood" in a city story is not a town X far away
        return resolved[tkey]
    if isinstance(s, RegionSpan):
        k, word = s.city_key, s.word
        capital = region_capital(g.cities[k], lambda c: c.gid)  # "Donetsk Oblast": the region whose capital is Donetsk
        if k not in resolved:
            resolved[k] = resolve_city(k, ctx, g)
        city, conf, _ = resolved[k] if capital is None else (city_place(capital), 0.6, "")
        return _region_at(city, word, conf)
    if isinstance(s, PhraseSpan):  # units and shared-head items too
        phrase = s.phrase
        seat = capital_of_region_phrase(phrase)
        if seat is not None:  # "Zaporizhia region": the region of Zaporizhzhia, in another romanisation
            return _region_at(city_place(City(seat.gid, seat.name, seat.country, seat.lat, seat.lon, seat.population, True)),
                              phrase.split()[-1], 0.6)  # fmt: skip
        listed = facility_in_phrase(phrase)
        if listed is not None:  # "the Semnan Missile and Space Center": the listed Semnan Space Center
            return listed
        inner = district_seat(phrase, ctx)  # a district: its own town first
        if inner is None and not DISTRICT_PHRASE.search(phrase.strip()):  # "X Y municipality" is not at a town "X"
            inner = _inner_place(phrase, ctx, g, resolved)
        if inner is None:
            inner = _small_town_of_facility(phrase, ctx)  # "the Erez crossing" at the village of Erez beside the story
        if inner is None:
            inner = _slipped_town_of_facility(phrase, ctx)  # "the Singpo shipyard" beside Sinpo: a slip of its name
        if inner is None:
            return border_place(phrase, ctx, g)
        place, conf, inner_why = inner
        if far_abroad(place, ctx):
            return None  # "Seversky Donets Canal" is not at a Brazilian town some name inside it matched
        if water_phrase(phrase) and place.kind != "water":
            return None  # "the Dnipro River" is not the city of Dnipro: listed, its reach suggested (ties.py)
        if _STREET_HEAD.search(phrase.strip()):  # "Rashid Street" in Gaza is not at Rashid (Rosetta): listed for review
            ctx.other_facility[s.start] = place.name
            return None
        if other_facility(phrase, place):
            ctx.other_facility[s.start] = place.name  # "Vostochny Port" is not the Vostochny Cosmodrome: for review
            return None
        if place.precision == "region" and _REGION_HEAD.search(phrase):
            return place, min(conf, 0.8), f"the region {place.name}, named in the phrase"  # "Russia's Belgorod region"
        name = phrase[4:] if phrase.lower().startswith("the ") else phrase
        ref = f"{place.ref}:{slug(name) or 'place'}"
        return (
            replace(
                place,
                ref=ref,
                name=name,
                kind="site",
                precision="approximate",
                coord_source=f"near {place.name}: {place.coord_source}",
            ),
            min(conf, 0.55),
            f"placed at {place.name}, named in the phrase"
            + (f"; {inner_why}" if conf <= SUGGESTION_CAP or place.ref.startswith(DISTRICT_REF) else ""),
        )
    return None


def _far_part_of_town(place: Place, text: str, end: int, ctx: Context) -> bool:
    """A name the text calls a neighbourhood or quarter read as a town over FAR_NAMESAKE_KM from all the article's sure
    places, outside the regions it names: a neighbourhood lies in a town of the story, not in a far town of its name."""
    if not PART_OF_TOWN_AFTER.match(text, end) or (place.country, ctx.admin1.get(place.ref, "")) in ctx.focus.regions:
        return False
    others = other_anchors(place.lat, place.lon, ctx.focus.anchors)
    return bool(others) and nearest_km(place.lat, place.lon, others) > FAR_NAMESAKE_KM


def _described_facility(k: tuple[str, ...], text: str, start: int, end: int) -> tuple[Place, float, str] | None:
    """ "Natanz, which is Iran's main enrichment facility", "the enrichment site at Natanz": the reference facility
    named after the town, which the words beside the name say it stands for (appositions.py)."""
    return facility_in_apposition(k, text, end) or facility_described_before(k, text, start)


def facility_by_head(name: str, head: str) -> tuple[Place, float, str] | None:
    """ "the port of X", "the ports of Y and X": the reference list's facility called "X Port" (the head word after
    the name), with its confidence and the reason, when the list has one; None otherwise."""
    table, _ = reference_places()
    place = table.get((*key(name), *key(head)))
    if place is None:
        return None
    return place, reference_confidence(place), f"subject reference list ({BY_HEAD}, {head!r})"


def _region_at(city: Place, word: str, conf: float) -> tuple[Place, float, str]:
    """A region ("Kursk Oblast", "Kharkiv region") drawn at the city it is named after."""
    name = f"{city.name} {word.capitalize() if word.lower() == 'oblast' else word}"
    place = Place(f"{city.ref}:{word.lower()}", name, "region", city.country, city.lat, city.lon, "region", "gazetteer",
                  f"{city.coord_source}; region drawn at its namesake city")  # fmt: skip
    return place, min(conf, 0.6), f"{word} named after the city {city.name} (placed at the city)"


def _small_place_reading(
    k: tuple[str, ...], text: str, s: Span, ctx: Context, resolved: dict[tuple[str, ...], tuple[Place, float, str]]
) -> tuple[Place, float, str] | None:
    """A big-city name too weak to place as a city (no cue, no country: maybe a word) still gets the small-place
    layer's reading, which needs a place cue, the place's country or a placed neighbour ("strikes hit Khan
    Younis" in an article about Gaza)."""
    tkey = ("\0toponym", *k)
    if tkey not in resolved:
        hits = geo_index().exact_hits(list(k))
        strength = cue_before(text, s.start) or cue_after(text, s.end)
        if not strength and len(k) == 1 and (not_a_name(text, s.start, s.end) or opens_sentence(text, s.start)):
            return None  # "Much of the town", "Hamas said": a word or an organisation that some town is also called
        top = Toponym(s.start, s.end, text[s.start : s.end], hits, "before" if strength else "", strength)
        own = [(h.row.lat, h.row.lon) for h in hits]
        others = [p for p in ctx.ahead.besides(k, ctx.placed) if all(great_circle_km(*p, *o) > 2.0 for o in own)]  # not its own anchor
        reading = resolve(top, ctx.share, others, ctx.focus) if hits else None
        if reading is None:
            return None
        resolved[tkey] = (reading_place(reading), reading.confidence, reading.why)
        ctx.admin1[resolved[tkey][0].ref] = reading.row.admin1
        ctx.population[resolved[tkey][0].ref] = reading.row.population
    return resolved[tkey]


def _inner_place(phrase: str, ctx: Context, g: Gazetteer, resolved: dict) -> tuple[Place, float, str] | None:
    """The reference row or big-city name inside `phrase`, read left to right. The head word of a facility phrase
    says what the place is, not where ("the X Military Airport" is not at a town called Airport), so it is left out."""
    toks = list(tokens(phrase))
    named = toks[:-1] if len(toks) > 1 and has_strong_head(phrase) else toks  # the words a town may be read from
    ref_table, _ = reference_places()
    for i in range(len(toks)):
        for size in range(len(toks) - i, 0, -1):
            k = tuple(t[0] for t in toks[i : i + size])
            if k in ref_table:
                return ref_table[k], 0.8, "reference"
        hit = g.longest_city(named, i) if i < len(named) else None
        if hit and hit[1] == 1 and hit[0][0] in COMMON_WORDS:
            continue  # "Kim Il Sung Square": a person's name, not the town Kim
        if hit and phrase[toks[i][1]].isupper():
            k = hit[0]
            if k not in resolved:
                resolved[k] = resolve_city(k, ctx, g)
            return resolved[k]
    return None


def _small_town_of_facility(phrase: str, ctx: Context) -> tuple[Place, float, str] | None:
    """ "the Erez crossing", "the Mozdok airbase": a facility named after a village or small town the big-city
    table lacks is placed at that place (for review, as any phrase is), when the place is beside the article's
    sure places or in a region it names, never at a far namesake."""
    if not has_strong_head(phrase):
        return None
    m = FACILITY_NAME.match(phrase.strip())
    if m is None:
        return None
    words = list(key(m.group("name")))
    hits = geo_index().exact_hits(words) or geo_index().exact_hits(without_arabic_article(words))  # "the Al-Salif port": at Aş Şalīf
    if not hits:
        hits = _village_of_facility(m.group("name"), ctx)
    if not hits:
        return None
    if not ctx.focus.anchors:  # nothing sure to judge a namesake by: only a place with no namesake in the article's
        # countries, or the one place of the name in a region the article names ("the X test range in the Y region")
        mine = {h.row.gid: h for h in hits if ctx.countries[h.row.country]}
        if len(mine) != 1:
            mine = {h.row.gid: h for h in hits if (h.row.country, h.row.admin1) in ctx.focus.regions}
        if len(mine) != 1:
            return None
        hits = tuple(mine.values())
    reading = resolve(Toponym(0, len(phrase), phrase, hits, "before", STRONG), ctx.share, ctx.placed, ctx.focus)
    if reading is None:
        return None
    town = reading_place(reading)
    if far_namesake(town, reading.row.admin1, 0, ctx.focus.anchors, ctx.focus.regions):
        return None
    return town, reading.confidence, reading.why


def _village_of_facility(name: str, ctx: Context) -> tuple[NameHit, ...]:
    """ "the Taesong Machine Factory", "the Taechon Northwest Airfield" beside the article's sure places: the villages
    (Who's On First, which the place index lacks) called by the name, or by its first word when the second describes
    the works ("Machine", "Northwest"), that lie within VILLAGE_NEAR_KM of those places; () when none."""
    anchors = list(ctx.focus.anchors)
    if not anchors:
        return ()
    parts = name.replace("-", " ").split()
    for words in (key(name), key(parts[0]) if len(parts) == 2 else ()):
        near = tuple(h for h in villages().lookup(words) if nearest_km(h.row.lat, h.row.lon, anchors) <= VILLAGE_NEAR_KM)
        if words and near:
            return tuple(replace(h, words=len(words)) for h in near)
    return ()


SLIP_FACILITY_CONFIDENCE = 0.5
"""A facility placed at the town its name misspells: approximate, for review."""


def _slipped_town_of_facility(phrase: str, ctx: Context) -> tuple[Place, float, str] | None:
    """ "the Singpo shipyard" in a story that places Mayang-do beside Sinpo: a facility named after a town in a slip
    of spelling (typos.py: one edit from the one place of nearly that name near the article's places) is placed at
    that town, for review, as a facility named after a town spelt right is."""
    if not has_strong_head(phrase):
        return None
    m = FACILITY_NAME.match(phrase.strip())
    if m is None:
        return None
    town = slip_place(m.group("name"), ctx)
    if town is None:
        return None
    return town, SLIP_FACILITY_CONFIDENCE, f"{m.group('name')} read as {town.name}, a place of nearly that name beside the article's places"


_STREET_HEAD = lazy_compile(r"(?i)\b(?:street|avenue|boulevard)$")
"""A street lies in the town its sentence names, not at the town its name recalls (ties.py places it there)."""


_REGION_HEAD = lazy_compile(r"(?i)\b(?:oblast|region|province|krai|governorate|prefecture)$")
"""A phrase ending in a region word names the region itself, not a site inside it."""
