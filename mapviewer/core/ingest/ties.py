"""Names located by their neighbours in the article, after the gazetteer has had its say.

A reader who meets a village the gazetteer does not know (or knows only by a namesake far away) still knows
where it is when the sentence ties it to a placed place ("X, a village near Y", "X, 12 km north of Y",
"X, Y district", "X in Y"), when it is listed with placed villages ("the villages of Y, X and Z"), or when it
names a part of a town or site the sentence names ("the X Square, the heart of Y"), or when the text frames it
(frames.py: the district its paragraph speaks of, "the Y village of X", "between Y and Z", "All of them lie around
Y"; containers.py: the county around a site, the town a plant is named after, "Gaza City's X district"). A name
still unplaced is suggested at the province its sentence puts it in ("X-ri in Y County, Z Province"), as a region;
crosschecks.py weighs a reading against the country its sentence names and the article's other spellings. Such names are placed there for review (ANCHOR_CONFIDENCE), marked approximate with the radius the tie allows
(anchors.approximate_note, Place.radius_km: the review list, the popup and exported properties say so), and a name
located once is that place wherever the article repeats it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.ingest.anchors import (
    ANCHOR_CONFIDENCE,
    APPROXIMATE_KM,
    LIST_KM,
    LIST_SPREAD_KM,
    Tie,
    approximate_note,
    names_a_district,
    tie,
    unit_tie,
)
from mapviewer.core.ingest.article_geo import place_of
from mapviewer.core.ingest.containers import (
    PROVINCE_CONFIDENCE,
    container_tie,
    facility_town,
    list_span,
    possessive_part,
    province_suggestion,
)
from mapviewer.core.ingest.crosschecks import outside_named_country, respelt_in_article
from mapviewer.core.ingest.crosschecks import suggestion as _suggestion
from mapviewer.core.ingest.frames import (
    between_tie,
    big_city,
    collective_ties,
    dateline_part,
    district_frame,
    owner_tie,
    town_frame,
)
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.name_shapes import without_arabic_article
from mapviewer.core.ingest.placetypes import Candidate, Place, great_circle_km
from mapviewer.core.ingest.provinces import outside_named_province
from mapviewer.core.ingest.rivers import RIVER_REASON
from mapviewer.core.ingest.stated import stated_positions
from mapviewer.core.ingest.villages import SOURCES as VILLAGE_SOURCES
from mapviewer.core.ingest.villages import VillageRow, village_place, villages
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key, slug

MEASURED_OVER = 0.95
"""A gazetteer reading surer than this (a well-known city) keeps its place even against a distance its sentence states;
below it, a reading farther from the anchor than "X, 17 km from Y" allows is a namesake."""
_MEASURED = lazy_compile(r"^\d+ km ")


def _anchor_of(c: Candidate) -> bool:
    """A placed point another name in its sentence can be located from (not a country, region or area)."""
    p = c.place
    return (p is not None and c.status != "unplaced" and p.kind not in ("region", "country") and p.precision != "region"
            and p.radius_km <= APPROXIMATE_KM)  # fmt: skip


def tie_to_anchors(
    out: list[Candidate], paras: dict[int, tuple[int, str]], known_places: dict[str, Place] | None
) -> list[Candidate]:
    """Names the sentence ties to a placed neighbour ("X, a village near Y", "X, 12 km north of Y", "X, Y
    district", "X in Y"): an unplaced one is placed there for review; a GeoNames reading far from where the
    sentence puts it is a namesake, so the reading near the anchor (or the anchor's point) replaces it, for
    review. Then the same name elsewhere in the article goes where it was located (one place per name in one
    article), and an unplaced item of a list of settlements goes beside its placed neighbours in the list."""
    out = outside_named_province(outside_named_country(stated_positions(out, paras), paras))
    result = list(out)
    for i, c in enumerate(out):
        gazetteer_reading = c.place is not None and c.place.ref.startswith("gn:") and c.confidence < MEASURED_OVER
        if (c.status != "unplaced" and not gazetteer_reading) or c.area or (c.place is not None and c.place.kind == "region"):
            continue  # an area, or a region named after its capital ("the Donetsk region"), is no point to tie
        nxt = next((a for a in out[i + 1 :] if a.paragraph == c.paragraph and a.start >= c.end), None)
        if nxt is None or nxt.sentence != c.sentence or nxt.place is None or nxt.status == "unplaced":
            continue
        para_start, text = paras[c.paragraph]
        anchor = nxt.place
        gap = text[c.end - para_start : nxt.start - para_start]
        t = unit_tie(gap, nxt.surface, anchor.lat, anchor.lon, point=_anchor_of(nxt))
        if t is None and _anchor_of(nxt):
            head = _TIE_HEAD.search(c.surface)
            if head:  # "the Shejaiya neighbourhood of Gaza City": the head word belongs to the tie
                gap = " " + head.group(0) + gap
            t = tie(gap, anchor.lat, anchor.lon, anchor.name, big=big_city(anchor))
        if t is None or (c.confidence >= 0.9 and c.status != "unplaced" and not _MEASURED.match(t.how)):
            continue  # a sure reading gives way only to a stated distance ("in X, 17 km from Y")
        if c.place is not None and great_circle_km(c.place.lat, c.place.lon, t.lat, t.lon) <= t.within_km:
            continue  # the reading already sits where the sentence puts it
        if c.place is not None and names_a_district(c.surface) and same_region(c.place, anchor):
            continue  # "the X district in Y": a district's seat lies in Y's province, not within a town's reach of Y
        result[i] = _tied(c, t, anchor, "sentence", known_places)
    result = _villages_in_their_district(out, result, paras, known_places)
    result = _tie_to_frames(out, result, paras, known_places)
    result = _one_place_per_name(out, respelt_in_article(result))
    listed = _tie_list_items(_far_list_items(result, paras, known_places), paras, known_places)
    parts = _tie_parts_to_their_site(listed, known_places)
    return _suggest_provinces(_suggest_reaches(_one_place_per_name(result, parts)), paras)


def _villages_in_their_district(
    before: list[Candidate], out: list[Candidate], paras: dict[int, tuple[int, str]], known_places: dict[str, Place] | None
) -> list[Candidate]:
    """ "the village of X, Y district": a village-list reading of X (village lists repeat names region by region) lying
    outside the district its sentence puts it in gives way to the village of exactly its name inside that district
    (within DISTRICT_KM of the district's seat), for review; with no such village the reading stays (the district's
    point is no better a guess for a village the list has elsewhere)."""
    result = list(out)
    for i, c in enumerate(before):
        p = c.place
        if out[i] is not c or p is None or c.status == "unplaced" or c.area or c.confidence >= MEASURED_OVER:
            continue
        if p.ref.partition(":")[0] not in _VILLAGE_SCHEMES:
            continue
        nxt = next((a for a in before[i + 1 :] if a.paragraph == c.paragraph and a.start >= c.end), None)
        if nxt is None or nxt.sentence != c.sentence or nxt.place is None or nxt.status == "unplaced":
            continue
        if not names_a_district(nxt.surface):
            continue
        para_start, text = paras[c.paragraph]
        gap = text[c.end - para_start : nxt.start - para_start]
        t = unit_tie(gap, nxt.surface, nxt.place.lat, nxt.place.lon, point=_anchor_of(nxt))
        if t is None or great_circle_km(p.lat, p.lon, t.lat, t.lon) <= t.within_km:
            continue
        words = list(key(c.surface))
        inside = [
            (d, h.row)
            for h in villages().lookup(words)
            if not h.variant and isinstance(h.row, VillageRow)
            for d in (great_circle_km(h.row.lat, h.row.lon, t.lat, t.lon),)
            if d <= t.within_km
        ]  # fmt: skip
        if not inside:
            continue
        _, row = min(inside, key=lambda x: x[0])
        place = village_place(row)
        if known_places is not None:
            place = known_places.setdefault(place.ref, place)
        why = (f"{row.source.name} village (not in GeoNames cities500); the one {t.how} (as its sentence says), not the "
               f"{p.name} at {p.lat:.2f}, {p.lon:.2f}: check it")  # fmt: skip
        result[i] = replace(c, status="low-confidence", confidence=ANCHOR_CONFIDENCE, place=place, reason=why)
    return result


_VILLAGE_SCHEMES = frozenset(source.ref for source in VILLAGE_SOURCES)


def same_region(a: Place, b: Place) -> bool:
    """Both places stand at GeoNames places of one first-level region (GeoNames' admin1 code)."""
    regions = {_admin1(a), _admin1(b)}
    return len(regions) == 1 and None not in regions


def _admin1(place: Place) -> tuple[str, str] | None:
    """The GeoNames first-level region of a place drawn at a GeoNames place ("gn:<id>", maybe with a suffix)."""
    parts = place.ref.split(":")
    if parts[0] != "gn" or len(parts) < 2 or not parts[1].isdigit():
        return None
    row = geo_index().row_named(list(key(place.name)), int(parts[1]))
    return (row.country, row.admin1) if row is not None and row.admin1 else None


def _suggest_provinces(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """ "X-ri in Y County, Z Province": a name still unplaced is suggested at the province its sentence puts it in
    (containers.province_suggestion); it stays unplaced, listed for review with that region."""
    result = list(out)
    for i, c in enumerate(out):
        if c.status != "unplaced" or c.area or not (c.place is None or _suggestion(c)):
            continue
        place = province_suggestion(out, paras, i)
        if place is None:
            continue
        why = f"suggested: {place.coord_source}: a region, check it"
        if c.place is not None:  # a far namesake: the province the sentence names is where the reviewer starts
            if great_circle_km(c.place.lat, c.place.lon, place.lat, place.lon) <= PROVINCE_REACH_KM:
                continue  # the reading may well lie in that province: it stays the suggestion
            why += f"; the gazetteer's {c.place.name} ({c.place.country}, {c.place.lat:.2f}, {c.place.lon:.2f}) lies outside it"
        result[i] = replace(c, place=place, confidence=PROVINCE_CONFIDENCE, reason=why)
    return result


PROVINCE_REACH_KM = 150.0
"""How far from the point of the province its sentence names a place of that province may lie."""


_WATER = lazy_compile(r"(?i)\brivers?\b")
"""A river is a line hundreds of kilometres long: no point of the gazetteer stands for it."""
REACH_CONFIDENCE = 0.3
"""A river suggested at the story's nearest place: listed for review, never a site."""


def _suggest_reaches(out: list[Candidate]) -> list[Candidate]:
    """ "on the banks of the X River", "north of the Y river": a river the gazetteer cannot place is suggested at
    the reach where the story is, the placed place nearest it in the text (its paragraph first). It stays
    unplaced, listed for review with that point: a reader points at the river there, but never as a site."""
    # a capital standing for its government ("Kyiv's campaign") says nothing of where the river is
    anchors = [c for c in out if _anchor_of(c) and not re.search(re.escape(c.surface) + r"['’]s\b", c.sentence)]
    if not anchors:
        return out
    result = list(out)
    for i, c in enumerate(out):
        if c.status != "unplaced" or c.place is not None or not (_WATER.search(c.surface) or c.reason == RIVER_REASON):
            continue
        same = [a for a in anchors if a.paragraph == c.paragraph] or anchors
        anchor = min(same, key=lambda a: abs(a.start - c.start)).place
        assert anchor is not None
        place = Place(
            f"reach:{slug(c.surface) or 'river'}:{anchor.lat:.2f},{anchor.lon:.2f}", c.surface, "water", anchor.country,
            anchor.lat, anchor.lon, "region", "gazetteer", f"the reach near {anchor.name}, the story's place nearest in the text",
        )
        result[i] = replace(c, place=place, confidence=REACH_CONFIDENCE,
                            reason=f"suggested: the reach near {anchor.name}, where the story is: check it")
    return result


def _tied(c: Candidate, t: Tie, anchor: Place, by: str, known_places: dict[str, Place] | None) -> Candidate:
    """`c` placed where its sentence (or its list) puts it: the GeoNames reading there, else that point."""
    place, why = _near_reading(c.surface, t)
    if place is None:
        note = approximate_note(t, by)
        place = Place(
            f"tie:{slug(c.surface) or 'place'}:{anchor.ref}", c.surface, "site", anchor.country, round(t.lat, 5),
            round(t.lon, 5), "approximate", "article text", note, t.within_km,  # drawn with its own radius
        )
        why = f"{note}; not placed by the gazetteer: check it"
    if known_places is not None:
        place = known_places.setdefault(place.ref, place)
    return replace(c, status="low-confidence", confidence=ANCHOR_CONFIDENCE, place=place, reason=why)


def _one_place_per_name(before: list[Candidate], after: list[Candidate]) -> list[Candidate]:
    """A name the article locates once (by its sentence or its list) is that place at its other occurrences
    too, where the gazetteer left it unplaced or gave the namesake the tie replaced."""
    moved: dict[tuple[str, ...], tuple[Candidate, str | None]] = {}
    for b, a in zip(before, after, strict=True):
        if a is not b and a.place is not None:
            moved.setdefault(key(a.surface), (a, b.place.ref if b.place is not None else None))
    if not moved:
        return after
    result = list(after)
    for j, (b, a) in enumerate(zip(before, after, strict=True)):
        found = moved.get(key(a.surface)) if a is b else None
        if found is None:
            continue
        located, replaced_ref = found
        if a.status == "unplaced" or (a.place is not None and a.place.ref == replaced_ref and a.confidence < MEASURED_OVER):
            result[j] = replace(a, status=located.status, confidence=located.confidence, place=located.place,
                                reason=located.reason + "; as where the article locates this name")  # fmt: skip
    return result


_OPEN_SCHEMES = frozenset({"gn", *(source.ref for source in VILLAGE_SOURCES)})


def _open(c: Candidate) -> bool:
    """A candidate the text may still locate: unplaced (perhaps with a far suggestion), or a GeoNames or village-list
    reading below high confidence (village lists repeat names region by region: the text's frame outweighs a
    namesake); never an area, a region, a known site or a place already located by the text."""
    if c.area or (c.place is not None and c.place.kind == "region"):
        return False
    return c.status == "unplaced" or (
        c.place is not None and c.place.ref.partition(":")[0] in _OPEN_SCHEMES and c.confidence < 0.9
    )


def _locate(c: Candidate, t: Tie, anchor: Place, by: str, known_places: dict[str, Place] | None) -> Candidate:
    """`c` where the text puts it, unless its own (placed) reading already lies within the tie's reach."""
    p = c.place
    if p is not None and c.status != "unplaced" and great_circle_km(p.lat, p.lon, t.lat, t.lon) <= t.within_km:
        return c
    return _tied(replace(c, place=None), t, anchor, by, known_places)


def _tie_to_frames(
    before: list[Candidate], out: list[Candidate], paras: dict[int, tuple[int, str]], known_places: dict[str, Place] | None
) -> list[Candidate]:
    """Names the text locates by their frame (frames.py): the district their sentence or paragraph speaks of, "the
    Y village of X", "All of them lie around Y" after a list. An unplaced one, a far suggestion, or a reading
    outside the frame is placed there, approximately, for review; a name its own sentence already located (`out`
    differs from `before`) keeps that place."""
    result = list(out)
    together = collective_ties(out, paras, _anchor_of)
    for i, c in enumerate(out):
        if not _open(c) or c is not before[i]:
            continue
        found = (between_tie(out, paras, i, _anchor_of) or owner_tie(out, paras, i, _anchor_of)
                 or possessive_part(out, paras, i, _anchor_of) or together.get(i)
                 or district_frame(out, paras, i) or town_frame(out, paras, i, _anchor_of)
                 or dateline_part(out, paras, i, _anchor_of)
                 or container_tie(out, paras, i, _anchor_of) or facility_town(out, i, _anchor_of))  # fmt: skip
        if found is None:
            continue
        t, anchor = found
        by = ("sentence" if (anchor.paragraph, anchor.sentence) == (c.paragraph, c.sentence)
              else "paragraph" if anchor.paragraph == c.paragraph else "article")  # fmt: skip
        if anchor.place is not None:
            result[i] = _locate(c, t, anchor.place, by, known_places)
    return result


def _tie_list_items(
    out: list[Candidate], paras: dict[int, tuple[int, str]], known_places: dict[str, Place] | None
) -> list[Candidate]:
    """ "the villages of X, Y and Z": an item the gazetteer does not know is placed beside the list's placed
    small places (for review), when those lie close together; a list of places far apart locates nothing."""
    result = list(out)
    for i, c in enumerate(out):
        if c.status != "unplaced" or c.area or not (c.place is None or _suggestion(c)):
            continue
        siblings = [out[j] for j in _list_chain(out, paras, i) if j != i]
        placed = [s for s in siblings if s.place is not None and s.status != "unplaced" and (_anchor_of(s) or _located(s))
                  and s.place.kind in ("town", "site")]  # fmt: skip
        if not placed:
            continue
        points = [(s.place.lat, s.place.lon) for s in placed if s.place is not None]
        if max((great_circle_km(*a, *b) for a in points for b in points), default=0.0) > LIST_SPREAD_KM:
            continue
        anchor = min(placed, key=lambda s: abs(s.start - c.start)).place
        assert anchor is not None
        # beside a neighbour the text located approximately, the item is as uncertain as that neighbour
        t = Tie(anchor.lat, anchor.lon, max(LIST_KM, anchor.radius_km), f"listed with {anchor.name}")
        if len(points) > 1 and not any(_located(s) for s in placed):  # among the list's places, not by the nearest one
            lat, lon = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
            reach = max(great_circle_km(lat, lon, *p) for p in points) + LIST_KM / 2
            names = " and ".join(dict.fromkeys(s.place.name for s in placed if s.place is not None))
            t = Tie(lat, lon, max(LIST_KM, reach), f"listed with {names}")
        result[i] = _tied(replace(c, place=None), t, anchor, "list", known_places)
    return result




def _located(c: Candidate) -> bool:
    """A candidate placed approximately by the article's text (a tie), not by the gazetteer."""
    return c.place is not None and c.place.ref.startswith("tie:") and c.status != "unplaced"


FAR_LIST_KM = 150.0
"""A list item's gazetteer reading this far from its list's other places (lying together) is a namesake."""


def _far_list_items(
    out: list[Candidate], paras: dict[int, tuple[int, str]], known_places: dict[str, Place] | None
) -> list[Candidate]:
    """ "the villages of X, Y and Z in the Shebekino district": when Y's gazetteer reading lies far from X and Z,
    which lie close together, the reading is a namesake; Y is placed beside them for review (at its own reading
    there when the gazetteer has one, else at the list's nearest place), as an unknown list item is."""
    result = list(out)
    for i, c in enumerate(out):
        p = c.place
        if p is None or c.status == "unplaced" or c.area or not p.ref.startswith("gn:") or c.confidence >= 0.9 or p.kind == "region":
            continue
        mates = [out[j] for j in _list_chain(out, paras, i) if j != i]
        placed = [s for s in mates if _anchor_of(s) and s.place is not None and s.place.kind in ("town", "site", "city")]
        if len(placed) < 2:
            continue
        points = [(s.place.lat, s.place.lon) for s in placed if s.place is not None]
        if max(great_circle_km(*a, *b) for a in points for b in points) > LIST_SPREAD_KM:
            continue  # a list of places far apart says nothing of where one item is
        if min(great_circle_km(p.lat, p.lon, *q) for q in points) <= FAR_LIST_KM:
            continue
        anchor = min(placed, key=lambda s: abs(s.start - c.start)).place
        assert anchor is not None
        result[i] = _tied(c, Tie(anchor.lat, anchor.lon, LIST_KM, f"listed with {anchor.name}"), anchor, "list", known_places)
    return result


_PART_HEAD = lazy_compile(
    r"(?i)\b(?:square|street|avenue|boulevard|portal|tunnel|reactor|test stand|launch pad|pad|plant|factory|workshop|building"
    r"|hall|facility|causeway|dam|dock|pier|wharf|berth|terminal|runway|hangar|bunker|silo|gate)$"
)
_NUMBER_AT_END = lazy_compile(r"(?i)\s+(?:(?:no\.?|number|#)\s*)?(?:\d{1,3}[a-z]?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$")
"""A part's number after its head ("Tunnel No. 3", "Portal 2"): the head is what the part is."""
"""Heads of a part of a town or of a site: such a part lies at the town or site its sentence names."""
PART_SPREAD_KM = 30.0


def _tie_parts_to_their_site(out: list[Candidate], known_places: dict[str, Place] | None) -> list[Candidate]:
    """ "the North Portal of the test site at X", "the Y Square, the centre of Z": an unplaced part of a town or
    a site (by its head word) is placed, for review, at the place its sentence names, when the sentence's
    placed points all lie together (a sentence naming places far apart locates nothing). A part of a site named
    where its sentence names no place ("activity at the West Portal") is that site's when the article's placed
    sites are all that one site."""
    result = list(out)
    for i, c in enumerate(out):
        if c.status != "unplaced" or c.place is not None or c.area or not _PART_HEAD.search(_unnumbered(c.surface)):
            continue
        by = "sentence"
        mates = [a for a in out if a is not c and a.paragraph == c.paragraph and a.sentence == c.sentence and _anchor_of(a)
                 and not _owner_of_forces(a)]
        if not mates and _SITE_PART.search(_unnumbered(c.surface)):  # "the West Portal" in a report on one test site
            by, mates = "article", [a for a in out if _anchor_of(a) and a.place is not None and a.place.kind == "site"]
        points = [(a.place.lat, a.place.lon) for a in mates if a.place is not None]
        if not points or max(great_circle_km(*a, *b) for a in points for b in points) > PART_SPREAD_KM:
            continue
        anchor = min(mates, key=lambda a: abs(a.start - c.start)).place
        assert anchor is not None
        where = "named in its sentence" if by == "sentence" else "the one site its article places"
        t = Tie(anchor.lat, anchor.lon, PART_SPREAD_KM / 2, f"part of {anchor.name}, {where}")
        result[i] = _tied(c, t, anchor, by, known_places)
    return result


_FORCES_AFTER = lazy_compile(r"\s*['’]s\s+(?:[a-z]+\s+)?(?:soldiers|troops|forces|army|military|units|fighters)\b")


def _owner_of_forces(c: Candidate) -> bool:
    """ "Moscow's soldiers advanced along X Street": the capital whose troops act, not the town the street is in."""
    at = c.sentence.find(c.surface)
    return at >= 0 and _FORCES_AFTER.match(c.sentence, at + len(c.surface)) is not None


def _unnumbered(surface: str) -> str:
    """The surface without a part's number at its end ("Tunnel No. 3" -> "Tunnel")."""
    return _NUMBER_AT_END.sub("", surface.strip())


_SITE_PART = lazy_compile(r"(?i)\b(?:portal|tunnel|reactor|test stand|launch pad|pad|bunker|silo|hangar|runway|pier|berth)$")
"""Parts of one site (not of a town): an article that places one site only and names such a part means that site's."""


def _list_chain(out: list[Candidate], paras: dict[int, tuple[int, str]], i: int) -> list[int]:
    """Indices of the candidates forming one list with candidate i (joined by commas, "and", "or")."""
    first, last = list_span(out, paras, i)
    return list(range(first, last + 1))


_TIE_HEAD = lazy_compile(r"(?i)(?<=\s)(?:neighbou?rhood|district|suburb|quarter|camp|area)$")


_LOWER_HEAD = lazy_compile(r"^(?:the\s+)?(?P<name>[A-Z][\w’'-]*(?:[\s-][A-Z][\w’'-]*)?)(?:\s+[a-z]+){1,2}$")
"""A name with a lower-case head after it ("Al-Salif port", "Sinpo oil terminal"): a works named after its town."""


def _near_reading(surface: str, t: Tie) -> tuple[Place | None, str]:
    """The GeoNames place of this name nearest the point the sentence gives, when it lies within the tie's reach; for
    a works named after its town ("the Al-Salif port northwest of Y"), that town (by its bare name when the index
    writes the Arabic article as spoken, name_shapes.without_arabic_article)."""
    words = list(key(surface))
    hits = [h for h in geo_index().lookup(words) if h.words == len(words)] if words else []
    works = _LOWER_HEAD.match(surface.strip())
    if not hits and works is not None:
        town = list(key(works.group("name")))
        for named in (town, without_arabic_article(town)):
            hits = list(geo_index().exact_hits(named))
            if hits:
                break
    if not hits:
        return None, ""
    best = min(hits, key=lambda h: great_circle_km(h.row.lat, h.row.lon, t.lat, t.lon))
    d = great_circle_km(best.row.lat, best.row.lon, t.lat, t.lon)
    if d > t.within_km:
        return None, ""
    place = place_of(best.row)
    return place, f"GeoNames place, pop {best.row.population:,}; the one {t.how} (as its sentence says): check it"
