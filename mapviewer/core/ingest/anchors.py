"""Places located by the sentence itself: "X, a village near Y", "X, 12 km north of Y", "the X
neighbourhood of Y", "the X airfield outside Y".

A reader who meets a village the gazetteer does not know (or knows only by a namesake far away) still
knows where it is when the sentence ties it to a place already placed: near that place, or at the stated
distance and bearing from it. This module reads that tie between two candidates of one sentence and
returns the point it implies, so the candidate is placed there at low confidence (a reviewer checks it)
instead of being left unplaced or put at a namesake hundreds of kilometres away.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from mapviewer.core.lazyre import lazy_compile

ANCHOR_CONFIDENCE = 0.5
"""Below places.LOW_CONFIDENCE: a place located only by the sentence is always listed for review."""
NEAR_KM = 40.0
"""A gazetteer reading further than this from its anchor (or from the stated distance) is a namesake."""

MEASURE_SHARE = 0.5
""" "about 30 km north of Y": the stated distance is rounded and often by road, the bearing one of eight: the place
lies within half the distance of the point it gives (at least 10 km)."""
DIRECTION_SHARE = 1 / 3
""" "X, north of Y" with no distance: X is put this share of the tie's reach off Y on the stated side (20 km for a big
city, 13 km for a town): nearer the places such a phrase names than Y's own point, yet near enough for a suburb."""
BIG_CITY_POPULATION = 250_000
BIG_NEAR_KM = 60.0
""" "near Zaporizhzhia", "west of Kharkiv": near a big city a report puts places up to an hour's drive away."""

_DIRS = {
    "north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0, "south-east": 135.0,
    "south": 180.0, "southwest": 225.0, "south-west": 225.0, "west": 270.0, "northwest": 315.0, "north-west": 315.0,
}
_DIR = r"(?P<{}>north-?east|north-?west|south-?east|south-?west|north|south|east|west)(?:ern)?"
_PAREN = r"(?:\(\s*[\d.,]+\s*\w+\s*\)\s*)?"  # "12 km (7 miles)"
_MEASURE = (
    r"(?P<num>\d[\d,.]*)\s*" + _PAREN + r"(?P<unit>km|kilomet(?:er|re)s?|mi|miles?)\s*" + _PAREN
    + r"(?:" + _DIR.format("dir") + r"\s+of|from|away\s+from|outside|of)"
)
_NEAR = (
    r"(?P<near>near|outside|around|within|inside|close\s+to|not\s+far\s+from|next\s+to|in\s+the\s+vicinity\s+of|(?:on\s+)?the\s+outskirts\s+of"
    r"|on\s+the\s+edge\s+of|on\s+the\s+(?:approaches|outskirts)\s+to|at\s+the\s+gates\s+of|on\s+the\s+doorstep\s+of"
    r"|(?:villages?|towns?|settlements?|hamlets?|neighbou?rhoods?|suburbs?|districts?|quarters?|areas?|camps?)\s+(?:of|in))"
)
_GAP = lazy_compile(
    # what may stand between the located name and its anchor: an apposition, a head word, a measure
    r"^(?:['’]s)?(?:\s+\d{1,3}(?=,))?(?:\s*\([^()]{0,40}\))?(?P<body>[\s,]+[\"“]?(?:[a-z-]+\s+[\"“]?){0,6}?)"
    r"(?:" + _MEASURE + r"|" + _DIR.format("dir2") + r"\s+of|" + _NEAR + r")"
    r"\s+(?:the\s+)?(?:(?:city|town|village|port|settlement|hub|centre|center)\s+of\s+)?$",
    re.IGNORECASE,
)
"""The gap between the end of the located name and the start of its anchor, ending right before the anchor. A site's
number may end the name before the comma ("Site 2, within the Y complex"): the finder's span stops before it."""
_DISTRICT_HEAD = lazy_compile(
    r"(?i)\b(?:district|raion|rayon|county|municipality|hromada|community|gun|kun)$|[-‐‑](?:gun|kun)$"
)
"""A unit a few tens of kilometres across, named after (and run from) its central town."""


def names_a_district(surface: str) -> bool:
    """ "the X district", "X raion": the name of a unit run from its central town."""
    return _DISTRICT_HEAD.search(surface.strip()) is not None


_IN_UNIT = lazy_compile(
    r"^(?:,\s*(?:(?:an?\s+)?(?:small\s+|frontline\s+|front-line\s+)?(?:village|hamlet|settlement|town)\s+|(?:both|all|each)\s+)?"
    r"(?:in\s+)?|\s+(?:in|of)\s+|\s*\(\s*)(?:the\s+)?$",
    re.IGNORECASE,
)
"""What stands between a name and the district it lies in: "X, Y district", "X in the Y district", "X, a village in
the Y district", "X (Y district)", "X and Z, both in the Y district"."""
_IN_TOWN = lazy_compile(r"^,?\s+in\s+(?:the\s+)?(?:(?:city|town|port)\s+of\s+)?$")
""""X in Y", "X, in the city of Y": the name lies in the town the sentence names."""
DISTRICT_KM = 60.0
"""How far from its seat a village of a district may lie: districts (Ukraine's raions since 2020, Russia's raions)
span 50-120 km and are drawn at the town they are named after, seldom at their centre."""
IN_TOWN_KM = 25.0
_IN_PART = lazy_compile(r"^,?\s+in\s+(?:the\s+)?" + _DIR.format("dir") + r"\s+$", re.IGNORECASE)
""" "X in southern Y": the name lies in that part of the town or area Y (a governorate named after its capital, a
city's outskirts)."""
IN_PART_OFFSET_KM = 12.0
"""How far off Y's point, on the named side, "in southern Y" puts a place: within IN_TOWN_KM of a town's part, near
the part of a small governorate run from it ("in southern Quneitra")."""
_NO_ANCHOR_WORDS = lazy_compile(r"\b(?:and|or|but|while|whereas|said|says|told)\b|[;:—–]")
"""A gap with a new clause or a list in it ties nothing: "X and villages near Y" does not locate X."""


@dataclass(frozen=True)
class Tie:
    """How a name is tied to its anchor: the point it implies and how far from it the name may lie."""

    lat: float
    lon: float
    within_km: float
    how: str


def _destination(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) on the given initial bearing (great circle)."""
    r = km / 6371.0
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def tie(gap: str, anchor_lat: float, anchor_lon: float, anchor_name: str, *, big: bool = False) -> Tie | None:
    """The tie that `gap` (the text from the end of a name to the start of a placed anchor) states, or None. `big`:
    the anchor is a big city (BIG_CITY_POPULATION), near which a report puts places up to BIG_NEAR_KM away."""
    if len(gap) > 90:
        return None
    m = _GAP.match(gap)
    if m is None or _NO_ANCHOR_WORDS.search(m.group("body") or ""):
        return None
    num, unit, direction = m.group("num"), m.group("unit"), m.group("dir") or m.group("dir2")
    km = None
    if num:
        try:
            km = float(num.replace(",", ""))
        except ValueError:
            km = None
        if km is not None and unit and unit.lower().startswith("mi"):
            km *= 1.609
    if km is not None and km > 300:
        return None  # "1,500 kilometres from the border": a measure of remoteness, not a location
    if km is not None and direction:
        lat, lon = _destination(anchor_lat, anchor_lon, km, _DIRS[direction.lower()])
        return Tie(lat, lon, max(10.0, km * MEASURE_SHARE), f"{km:.0f} km {direction.lower()} of {anchor_name}")
    if km is not None:
        return Tie(anchor_lat, anchor_lon, km + 10.0, f"{km:.0f} km from {anchor_name}")
    if direction:  # "X, south of Y": somewhere off Y on that side, most often a few tens of kilometres
        reach = BIG_NEAR_KM if big else NEAR_KM
        lat, lon = _destination(anchor_lat, anchor_lon, reach * DIRECTION_SHARE, _DIRS[direction.lower()])
        return Tie(lat, lon, reach, f"{direction.lower()} of {anchor_name}")
    km = BIG_NEAR_KM if big else NEAR_KM / 2 if m.group("near") else NEAR_KM
    inside = (m.group("near") or "").lower() in ("within", "inside")  # "X, within the Y complex": a part of Y
    return Tie(anchor_lat, anchor_lon, km, f"{'within' if inside else 'near'} {anchor_name}")


def unit_tie(gap: str, anchor_surface: str, anchor_lat: float, anchor_lon: float, *, point: bool) -> Tie | None:
    """ "X, Y district" / "X in the Y district" / "X in Y": X lies within the district named after its
    central town Y (drawn at that town), or in the town Y itself. `anchor_surface` is the anchor as
    written, `point` whether it is placed as a point (a town, not a region); a province or region is too
    large to locate a point by, so it ties nothing."""
    if len(gap) > 40:
        return None
    head = anchor_surface.strip()
    if _IN_UNIT.match(gap) and _DISTRICT_HEAD.search(head):
        return Tie(anchor_lat, anchor_lon, DISTRICT_KM, f"in {head}" if head.lower().startswith("the ") else f"in the {head}")
    if not point or re.search(r"(?i)\b(?:oblast|region|province|krai|governorate|republic|county|district)$", head):
        return None
    if _IN_TOWN.match(gap):
        return Tie(anchor_lat, anchor_lon, IN_TOWN_KM, f"in {head}")
    part = _IN_PART.match(gap)
    if part:  # "X in southern Y": off Y on that side
        side = part.group("dir").lower()
        lat, lon = _destination(anchor_lat, anchor_lon, IN_PART_OFFSET_KM, _DIRS[side])
        return Tie(lat, lon, IN_TOWN_KM, f"in {side}ern {head}")
    return None


APPROXIMATE = "approximate: "
"""How the coordinates of a place located only by the article's text begin (Place.coord_source, the review reason):
the popup, the review list and exported properties all say so."""
APPROXIMATE_KM = 25.0
"""A place located by a tie this tight may anchor others in turn; a wider one (a district, "near" a big city) may not:
approximations are not chained."""


def approximate_note(t: Tie, by: str) -> str:
    """What the coordinates of a place located by its `by` ("sentence", "list", "paragraph") say to the analyst:
    approximate, where the text puts it, and how far from that point the place may lie."""
    return f"{APPROXIMATE}{t.how}, ±{t.within_km:.0f} km (where its {by} puts it, not the place's own point)"




LIST_KM = 25.0
"""How far from its listed neighbour an item of a list of settlements is taken to lie."""
LIST_SPREAD_KM = 60.0
"""A list whose placed items lie further apart than this names places far apart: it locates nothing."""
_LIST_GAP = lazy_compile(
    r"^(?:[-‐‑](?:1st|2nd|3rd|[4-9]th))?(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"
    r"(?:(?<=and\s)(?:also\s+)?(?:the\s+)?(?:villages?|hamlets?|settlements?)\s+of\s+)?$"
)


def list_gap(gap: str) -> bool:
    """`gap` joins two items of one list: ", ", " and ", ", and ", " or " (after the ordinal that numbers a
    village of a common name: "Zarechye-1st, ..."), or a list of villages continued by another ("the villages of
    X and Y, and the villages of Z and W")."""
    return _LIST_GAP.match(gap) is not None
