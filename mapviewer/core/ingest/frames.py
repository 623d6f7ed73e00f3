"""Where the article's text frames a village: the district its paragraph speaks of, "the Y village of X", and
"All of them lie around Y" after a list.

Reports of shelling and front-line advances are written district by district: "In the X district, shells hit
the village of A and the village of B. The village of C came under fire." A reader puts A, B and C in the X
district although only the first sentence names it, and puts a village of the same paragraph there when the
district is named a sentence before ("Drones were downed over the X district. Debris fell in the village of
D") or after it in its own sentence ("the village of E, two days after troops entered the area in the X
district"). Reports name villages by their town or district too ("the Y village of X"), and list villages
they then locate together ("the villages of A, B and C. All of them lie around the town of Y").

This module only reads the text: for a candidate it returns the Tie the text gives and the placed candidate it
is tied to; ties.py decides whether to apply it (an unplaced name, a far suggestion, a reading outside the tie).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mapviewer.core.ingest.anchors import BIG_CITY_POPULATION, DISTRICT_KM, IN_TOWN_KM, NEAR_KM, Tie, list_gap, tie
from mapviewer.core.ingest.article_geo import called_a_village
from mapviewer.core.ingest.capitals import capital_of_region_phrase
from mapviewer.core.ingest.dateline import is_dateline
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.placetypes import Candidate, Place, great_circle_km
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

Paras = dict[int, tuple[int, str]]

_UNIT_HEAD = lazy_compile(r"(?i)\b(?:district|raion|rayon|okrug|county|municipality|hromada)$")
_UNIT_AFTER = lazy_compile(r"(?i)\s+(?:urban\s+|municipal\s+)?(?:district|raion|rayon|okrug|hromada)\b")
_IN_BEFORE = lazy_compile(
    r"\b[Ii]n\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+(?i:region|oblast|province|krai)['’]s\s+(?:the\s+)?)?$"
)
"""A district named after the village locates it only as where things are: "... in the Y district", "... in Z
Oblast's Y district"."""
_CALLED_AFTER = lazy_compile(r",\s+(?:an?\s+)?(?:[a-z-]+\s+){0,2}?(?:village|hamlet|settlement)\b")
"""A name the text calls a village right after it: "X, a small village in ..."."""
_LEADING_UNIT = lazy_compile(r"(?i)^\W*(?:in|within|across)\s+(?:the\s+)?$")
"""What may open a sentence before the district that frames it: "In the X district, shells hit A and B"."""


_LIST_TO_UNIT = lazy_compile(
    r"(?:(?:,\s+(?:[a-z]{1,3}-)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)*,?\s+and\s+(?:[a-z]{1,3}-)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?"
    r"\s+(?:of|in)\s+the\s+$"
)
"""From a list item to the district its list ends on: "A, B and C of the Y district" (said of A, B and C), or from a
name to its own district ("C of the Y district")."""


def _list_of_the_unit(out: list[Candidate], paras: Paras, i: int) -> tuple[Tie, Candidate] | None:
    """ "A, B and C of the Y district": every item of a list that ends on its district lies in that district."""
    c = out[i]
    para_start, text = paras[c.paragraph]
    for j in range(i + 1, len(out)):
        d = out[j]
        if d.paragraph != c.paragraph or d.sentence != c.sentence:
            return None
        name = _district(d, paras)
        if name is not None:
            if _LIST_TO_UNIT.fullmatch(text, c.end - para_start, d.start - para_start) is None:
                return None
            return Tie(_lat(d), _lon(d), DISTRICT_KM, f"in the {_unit(name)}"), d
    return None


def _district(c: Candidate, paras: Paras) -> str | None:
    """The district `c` names, as the text writes it ("Belgorodsky district"), when it is a placed point (the
    district drawn at its seat); else None."""
    p = c.place
    if p is None or c.status == "unplaced" or p.kind == "country" or c.area:
        return None
    para_start, text = paras[c.paragraph]
    if _UNIT_HEAD.search(c.surface):
        return c.surface.strip()
    m = _UNIT_AFTER.match(text, c.end - para_start)
    return c.surface + m.group(0) if m else None


def _sentence_start(c: Candidate, paras: Paras) -> int:
    """Where `c`'s sentence starts in its paragraph's text (-1 when it cannot be found)."""
    para_start, text = paras[c.paragraph]
    at = c.start - para_start
    s = text.find(c.sentence)
    while s >= 0 and s + len(c.sentence) < at:
        s = text.find(c.sentence, s + 1)
    return s if 0 <= s <= at else -1


def district_frame(out: list[Candidate], paras: Paras, i: int) -> tuple[Tie, Candidate] | None:
    """The district that frames candidate i, with its tie: the nearest district named before it in its own
    sentence; else, for a name the text calls a village, the one district named after it in its sentence, or the
    last district named before it in its paragraph (when the paragraph names no other district between)."""
    c = out[i]
    para_start, text = paras[c.paragraph]
    before = [(j, d) for j in range(i - 1, -1, -1) if out[j].paragraph == c.paragraph
              and (d := _district(out[j], paras)) is not None]  # fmt: skip
    same = [(j, d) for j, d in before if out[j].sentence == c.sentence]
    if same:
        j, name = same[0]
        s_start = _sentence_start(c, paras)
        opener = s_start >= 0 and _LEADING_UNIT.match(text[s_start : out[j].start - para_start]) is not None
        if not opener and not called_a_village(text, c.start - para_start):
            return None
        if any(_elsewhere(out[k], out[j]) for k in range(j + 1, i)):
            return None
        return Tie(_lat(out[j]), _lon(out[j]), DISTRICT_KM, f"in the {_unit(name)}"), out[j]
    listed = _list_of_the_unit(out, paras, i)
    if listed is not None:
        return listed
    if not called_a_village(text, c.start - para_start) and not _CALLED_AFTER.match(text, c.end - para_start):
        return None
    after = [(j, d) for j in range(i + 1, len(out)) if out[j].paragraph == c.paragraph and out[j].sentence == c.sentence
             and (d := _district(out[j], paras)) is not None]  # fmt: skip
    refs = {_ref(out[j]) for j, _ in after}
    if len(refs) == 1 and _IN_BEFORE.search(text[: out[after[0][0]].start - para_start]):
        # "the village of X, two days after troops entered the area in the Y district" (not "X, then the Y district")
        j, name = after[0]
        return Tie(_lat(out[j]), _lon(out[j]), DISTRICT_KM, f"in the {_unit(name)}"), out[j]
    if after or not before:
        return None
    j, name = before[0]
    if any(_ref(out[k]) != _ref(out[j]) for k, _ in before[1:] if out[k].sentence == out[j].sentence):
        return None  # the sentence that names it names another district too
    if any(_elsewhere(out[k], out[j]) for k in range(j + 1, i)):
        return None  # "... Meanwhile in the Donetsk region, the village of X": the paragraph has moved on
    return Tie(_lat(out[j]), _lon(out[j]), DISTRICT_KM, f"in the {_unit(name)}, named before it in its paragraph"), out[j]


_TOWN_OPENER = lazy_compile(r"^\W*In\s+the\s+(?:town|city|settlement|urban-type\s+settlement)\s+of\s+$")
""" "In the town of Y, ...": a sentence that opens with the town it reports from."""


def town_frame(out: list[Candidate], paras: Paras, i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "In the town of Y, a drone fell on a garden. Mortar rounds hit the village of X": a village named after a
    sentence of its paragraph that opens with the (small) town it reports from lies near that town, when no
    district or far place is named between them."""
    c = out[i]
    para_start, text = paras[c.paragraph]
    if not called_a_village(text, c.start - para_start) and not _CALLED_AFTER.match(text, c.end - para_start):
        return None
    for j in range(i - 1, -1, -1):
        y = out[j]
        if y.paragraph != c.paragraph or _district(y, paras) is not None:
            return None
        if y.place is None or y.status == "unplaced" or not anchor_ok(y) or big_city(y.place):
            continue
        s_start = _sentence_start(y, paras)
        if s_start < 0 or not _TOWN_OPENER.match(text[s_start : y.start - para_start]):
            continue
        if any(_elsewhere(out[k], y, NEAR_KM) for k in range(j + 1, i)):
            return None
        return Tie(y.place.lat, y.place.lon, NEAR_KM, f"near {y.place.name}, the town its paragraph reports from"), y
    return None


def big_city(place: Place) -> bool:
    """A GeoNames city of BIG_CITY_POPULATION or more (the reports that open with it speak of its whole region), or a
    known site that is one ("near Pyongyang" where the workspace maps Pyongyang: the GeoNames city of its name at its
    point)."""
    head, _, gid = place.ref.partition(":")
    words = list(key(place.name))
    if not words or place.kind in ("region", "country") or place.precision == "region":
        return False
    if head == "gn" and gid.isdigit():
        return any(h.row.gid == int(gid) and h.row.population >= BIG_CITY_POPULATION for h in geo_index().lookup(words))
    return head == "site" and any(
        h.words == len(words) and h.row.population >= BIG_CITY_POPULATION
        and great_circle_km(h.row.lat, h.row.lon, place.lat, place.lon) <= _SAME_CITY_KM
        for h in geo_index().lookup(words)
    )  # fmt: skip


_SAME_CITY_KM = 15.0
"""A known site this close to the GeoNames city of its name is that city."""


REGION_REACH_KM = 150.0
"""How far from a district the point of the province it lies in may be."""


def _elsewhere(c: Candidate, district: Candidate, reach_km: float = DISTRICT_KM) -> bool:
    """`c` is placed (by the gazetteer, a region or a tie) farther from `district` than a village of it can lie."""
    p, d = c.place, district.place
    if p is None or d is None or c.status == "unplaced" or p.kind == "country":
        return False
    # a province is drawn at its capital or centre, which may lie a hundred kilometres from a district of it
    reach = REGION_REACH_KM if p.precision == "region" and not _UNIT_HEAD.search(c.surface) else reach_km
    return great_circle_km(p.lat, p.lon, d.lat, d.lon) > reach


def _unit(name: str) -> str:
    return name if _UNIT_HEAD.search(name) else f"{name} district"


def _lat(c: Candidate) -> float:
    assert c.place is not None
    return c.place.lat


def _lon(c: Candidate) -> float:
    assert c.place is not None
    return c.place.lon


def _ref(c: Candidate) -> str:
    assert c.place is not None
    return c.place.ref


_OWNER_GAP = lazy_compile(r"^\s+(?P<head>village|hamlet|settlement|town)\s+of\s+$", re.IGNORECASE)
_THE_BEFORE = lazy_compile(r"(?i)\bthe\s+$")


def owner_tie(out: list[Candidate], paras: Paras, i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "the Y village of X": X is a village of the town or district Y (a placed point just before it); not when
    Y is also the name of a province ("the Kharkiv village of X" means the Kharkiv region)."""
    c = out[i]
    if i == 0:
        return None
    y = out[i - 1]
    if y.paragraph != c.paragraph or y.sentence != c.sentence or not anchor_ok(y) or y.place is None:
        return None
    para_start, text = paras[c.paragraph]
    m = _OWNER_GAP.match(text[y.end - para_start : c.start - para_start])
    if m is None or not _THE_BEFORE.search(text[max(0, y.start - para_start - 8) : y.start - para_start]):
        return None
    if capital_of_region_phrase(f"{y.surface} region") is not None:
        return None
    unit = _district(y, paras)
    km = DISTRICT_KM if unit else NEAR_KM
    return Tie(y.place.lat, y.place.lon, km, f"a {m.group('head').lower()} of {unit or y.surface}"), y


_COLLECTIVE = lazy_compile(
    r"(?i)^\W*(?:all\s+of\s+them|all\s+(?:of\s+)?(?:these|the|those)\s+(?:\w+\s+)?(?:villages|settlements|hamlets|towns)"
    r"|(?:these|the|those)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:villages|settlements|hamlets|towns)"
    r"|they|both(?:\s+of\s+them)?)"
    r"\s+(?:all\s+)?(?:are|were|lie|lay|sit|is)\s+(?:all\s+)?(?:(?:located|situated)\s+)?"
)
"""What opens a sentence that goes on to locate the list before it as a whole: "All of them lie around Y", "The three
villages are located near Y" (a pronoun or a count of the list, then where it lies)."""


def collective_ties(out: list[Candidate], paras: Paras, anchor_ok: Callable[[Candidate], bool]) -> dict[int, tuple[Tie, Candidate]]:
    """ "…the villages of A, B and C. All of them are located around the town of Y": the items of a list (two or
    more names joined by commas and "and") that ends its sentence, located by the next sentence of the paragraph
    as a whole, tied to the placed anchor that sentence names."""
    found: dict[int, tuple[Tie, Candidate]] = {}
    for k, y in enumerate(out):
        if not anchor_ok(y) or y.place is None:
            continue
        para_start, text = paras[y.paragraph]
        s_start = _sentence_start(y, paras)
        if s_start < 0:
            continue
        head = _COLLECTIVE.match(text[s_start : y.start - para_start])
        if head is None:
            continue
        t = tie(" " + text[s_start + head.end() : y.start - para_start], y.place.lat, y.place.lon, y.place.name)
        if t is None:
            continue
        prev = [j for j in range(k - 1, -1, -1) if out[j].paragraph == y.paragraph and out[j].sentence != y.sentence]
        if not prev:
            continue
        last = prev[0]
        items = [last]
        while items[-1] > 0:
            a, b = out[items[-1] - 1], out[items[-1]]
            if a.paragraph != b.paragraph or a.sentence != b.sentence or not list_gap(text[a.end - para_start : b.start - para_start]):
                break
            items.append(items[-1] - 1)
        rest = text[out[last].end - para_start : s_start]
        if len(items) < 2 or not re.fullmatch(r"[\s.;:!?\"”’)]*", rest):
            continue  # no list, or the list does not end its sentence
        for j in items:
            found.setdefault(j, (t, y))
    return found


BETWEEN_SPAN_KM = 120.0
"""Two places further apart than this bound nothing a reader could point at: "between Kyiv and Kharkiv"."""
_BETWEEN_GAP = lazy_compile(
    r"^(?:['’]s)?[\s,]+(?:[a-z-]+\s+){0,5}?between\s+(?:the\s+)?(?:(?:towns?|cities|villages?|settlements?)\s+of\s+)?$",
    re.IGNORECASE,
)
_AND_GAP = lazy_compile(r"^\s+and\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.IGNORECASE)


def between_tie(out: list[Candidate], paras: Paras, i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "X, a village between Y and Z": X lies about halfway from Y to Z (two placed points of its sentence, close
    enough together to bound a place), within half their distance of the midpoint."""
    c = out[i]
    if i + 2 >= len(out):
        return None
    y, z = out[i + 1], out[i + 2]
    if any(a.paragraph != c.paragraph or a.sentence != c.sentence or not anchor_ok(a) or a.place is None for a in (y, z)):
        return None
    para_start, text = paras[c.paragraph]
    gap = text[c.end - para_start : y.start - para_start]
    if len(gap) > 60 or not _BETWEEN_GAP.match(gap) or not _AND_GAP.match(text[y.end - para_start : z.start - para_start]):
        return None
    assert y.place is not None and z.place is not None
    span = great_circle_km(y.place.lat, y.place.lon, z.place.lat, z.place.lon)
    if span > BETWEEN_SPAN_KM:
        return None
    lat, lon = (y.place.lat + z.place.lat) / 2, (y.place.lon + z.place.lon) / 2
    return Tie(lat, lon, max(10.0, span / 2), f"between {y.place.name} and {z.place.name}"), y



PART_OF_TOWN_AFTER = lazy_compile(r"(?i)\s+(?:neighbou?rhood|quarter)\b")
"""A head word after a name that makes it a part of a town ("the X neighbourhood", "the X quarter")."""
PART_OF_TOWN_HEAD = lazy_compile(r"(?i)\s(?:neighbou?rhood|quarter)$")
"""The same head word inside the name's own span ("the X neighbourhood" found whole)."""


def dateline_part(out: list[Candidate], paras: Paras, i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "KHARKIV — In the X neighbourhood, ...": a neighbourhood or quarter named in the paragraph a dateline opens,
    with no other place between them, lies in the dateline's town (within IN_TOWN_KM)."""
    c = out[i]
    para_start, text = paras[c.paragraph]
    if not (PART_OF_TOWN_AFTER.match(text, c.end - para_start) or PART_OF_TOWN_HEAD.search(c.surface)) or i == 0:
        return None
    y = out[i - 1]
    if y.paragraph != c.paragraph or y.place is None or y.status == "unplaced" or not anchor_ok(y):
        return None
    if not is_dateline(text, y.start - para_start, y.end - para_start):
        return None
    return Tie(y.place.lat, y.place.lon, IN_TOWN_KM, f"in {y.place.name}, the town its dateline names"), y
