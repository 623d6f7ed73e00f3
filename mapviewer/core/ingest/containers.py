"""What a placed site says of the names around it: the county it lies in, the town it is named after.

Reports on North Korean and Middle Eastern sites locate a county by the site in it ("the launch station in
Tongchang-ri in Cholsan County", "Cholsan County, North Pyongan Province, where the Sohae station is located")
and name a plant or a base after its town ("the Pyongsan Uranium Concentrate Plant at Pyongsan"). A county the
gazetteer lacks lies around that site; a town the gazetteer knows only by a far respelling ("Pakchon" read as
Paech'ŏn, 190 km away) is the town the site is named after. Like frames.py, this module only reads the text:
it returns the Tie and the placed candidate it rests on; ties.py applies it (approximate, for review).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mapviewer.core.ingest.anchors import DISTRICT_KM, IN_TOWN_KM, NEAR_KM, Tie, list_gap
from mapviewer.core.ingest.article_geo import readings
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key, slug

Paras = dict[int, tuple[int, str]]

CONTAINER_KM = DISTRICT_KM / 2
"""How far from a place in it the centre of a county or district may lie: half a district's span."""
_CONTAINER_HEAD = lazy_compile(r"(?i)\b(?:district|raion|rayon|county|gun|kun)$|[-‐‑](?:gun|kun)$")
_IN_CONTAINER = lazy_compile(r"^\s+in\s+(?:the\s+)?$")
_WHERE_AFTER = lazy_compile(r"^(?:,\s+(?:[A-Z][\w’'-]*\s+){1,3}(?i:province|region|oblast))?,\s+where\s+(?:the\s+)?$")


def container_tie(out: list[Candidate], paras: Paras, i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "the launch site in Tongchang-ri in Cholsan County", "Cholsan County, North Pyongan Province, where the
    Sohae station is located": a county or district the gazetteer lacks lies around the placed place its sentence
    puts in it; drawn there, within half a district's span."""
    c = out[i]
    if not _CONTAINER_HEAD.search(c.surface.strip()) or c.place is not None:
        return None
    para_start, text = paras[c.paragraph]

    def mate(y: Candidate) -> bool:
        return y.paragraph == c.paragraph and y.sentence == c.sentence and firm(y, anchor_ok)

    if i > 0 and mate(y := out[i - 1]) and _IN_CONTAINER.match(text[y.end - para_start : c.start - para_start]):
        return _around(y), y
    for y in out[i + 1 : i + 3]:
        if mate(y) and _WHERE_AFTER.match(text[c.end - para_start : y.start - para_start]):
            return _around(y), y
    return None


def firm(y: Candidate, anchor_ok: Callable[[Candidate], bool]) -> bool:
    """A placed point these frames may rest on: not itself located approximately by the text (never chained)."""
    return anchor_ok(y) and y.place is not None and y.place.provenance != "article text"


def _around(y: Candidate) -> Tie:
    assert y.place is not None
    return Tie(y.place.lat, y.place.lon, CONTAINER_KM, f"around {y.place.name}, which its sentence puts in it")


FACILITY_TOWN_KM = NEAR_KM / 2
"""How far from a plant or base named after it its town may lie."""
_NAMED_FACILITY = lazy_compile(
    r"(?i)\b(?:plant|factory|complex|facility|base|air\s?base|airfield|airport|port|station|site|mine|depot|arsenal|crossing)$"
)


def facility_town(out: list[Candidate], i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "the Pyongsan Uranium Concentrate Plant at Pyongsan": a name the article gives a placed plant or base to,
    unplaced or read only through a respelling (its exact name unknown to the gazetteer), is the town the site is
    named after: near the site. A town the gazetteer knows by its own spelling keeps its reading (the Kursk
    nuclear plant lies 40 km from Kursk)."""
    c = out[i]
    words = key(c.surface)
    if not words or (c.place is not None and c.place.ref.startswith("gn:") and not _respelt(words, c.place.ref)):
        return None
    n = len(words)
    for y in out:
        p = y.place
        if y is c or p is None or not firm(y, anchor_ok) or p.precision == "region" or not _NAMED_FACILITY.search(y.surface.strip()):
            continue
        named = key(y.surface.removeprefix("the ").removeprefix("The "))
        if len(named) > n + 1 and named[:n] == words:
            return Tie(p.lat, p.lon, FACILITY_TOWN_KM, f"the town {p.name} is named after"), y
    return None


def _respelt(words: tuple[str, ...], ref: str) -> bool:
    """The GeoNames reading `ref` matches `words` only through the transliteration key (a respelling)."""
    return any(f"gn:{row.gid}" == ref and variant for row, variant in readings(words))


_PART_OF_TOWN = lazy_compile(r"(?i)\b(?:district|neighbou?rhood|quarter|suburb|camp|area)$")
_POSSESSIVE_GAP = lazy_compile(r"^['’]s\s+(?:the\s+)?(?:(?:al|el|ad|ash|as|az|an|ar|at)[-‐‑])?$", re.IGNORECASE)


def possessive_part(out: list[Candidate], paras: Paras, i: int, anchor_ok: Callable[[Candidate], bool]) -> tuple[Tie, Candidate] | None:
    """ "Gaza City's al-Zeitoun district", "Khan Younis's Amal neighbourhood": a district or neighbourhood named with
    the possessive of the placed town just before it lies in that town; so does each item of a list of them sharing
    a plural head ("Sanaa's al-Thawra, Bani Matar and al-Safiah districts")."""
    c = out[i]
    para_start, text = paras[c.paragraph]
    first, last = list_span(out, paras, i)
    own_head = first == i and _PART_OF_TOWN.search(c.surface.strip())  # right after the possessive, with its own head
    shared_head = first < last and _PARTS_OF_TOWN.search(out[last].surface.strip())
    if first == 0 or not (own_head or shared_head):
        return None
    y = out[first - 1]
    if y.paragraph != c.paragraph or y.sentence != c.sentence or not firm(y, anchor_ok) or y.place is None:
        return None
    if not _POSSESSIVE_GAP.match(text[y.end - para_start : out[first].start - para_start]):
        return None
    return Tie(y.place.lat, y.place.lon, IN_TOWN_KM, f"a part of {y.place.name}, as its sentence says"), y


_PARTS_OF_TOWN = lazy_compile(r"(?i)\b(?:districts|neighbou?rhoods|quarters|suburbs|camps|areas)$")
"""The plural head a list of parts of one town shares ("the A, B and C districts")."""


def list_span(out: list[Candidate], paras: Paras, i: int) -> tuple[int, int]:
    """The first and last index of the list of one sentence that candidate i is an item of (joined by commas, "and",
    "or"; i, i when none)."""
    c = out[i]
    para_start, text = paras[c.paragraph]

    def joined(a: Candidate, b: Candidate) -> bool:
        return (a.paragraph == b.paragraph == c.paragraph and a.sentence == b.sentence == c.sentence and a.end <= b.start
                and list_gap(text[a.end - para_start : b.start - para_start]))  # fmt: skip

    first, last = i, i
    while first > 0 and joined(out[first - 1], out[first]):
        first -= 1
    while last + 1 < len(out) and joined(out[last], out[last + 1]):
        last += 1
    return first, last


PROVINCE_CONFIDENCE = 0.3
"""A name suggested at the province its sentence puts it in: listed for review, never a site."""
_PROVINCE_HEAD = lazy_compile(r"(?i)\b(?:province|oblast|region|governorate|krai)$|[-‐‑]do$")
_FIRST_HOP = lazy_compile(r"^(?:,\s+|\s+(?:[\w’'-]+\s+){0,9}?in\s+(?:the\s+)?)$")
_NEXT_HOP = lazy_compile(r"^(?:,\s+|\s+in\s+(?:the\s+)?)$")
_NO_HOP = lazy_compile(r"[.;:!?—–]|\b(?:and|or|but|while|said|says)\b")


def province_suggestion(out: list[Candidate], paras: Paras, i: int) -> Place | None:
    """ "Sangnam-ni ... in Hochon County, South Hamgyong Province", "Yusang-ri in South Pyongan Province": a name no
    gazetteer or frame places, which its sentence puts in a placed province (through a county the gazetteer lacks),
    is suggested at the province, drawn as the region it is: where a reviewer starts, never the name's own point."""
    c = out[i]
    para_start, text = paras[c.paragraph]
    prev = c
    for j in range(i + 1, min(i + 3, len(out))):
        y = out[j]
        if y.paragraph != c.paragraph or y.sentence != c.sentence:
            return None
        gap = text[prev.end - para_start : y.start - para_start]
        hop = _FIRST_HOP if prev is c else _NEXT_HOP
        if len(gap) > 90 or _NO_HOP.search(gap) or not hop.match(gap):
            return None
        p = y.place
        if p is not None and y.status != "unplaced" and p.precision == "region" and _PROVINCE_HEAD.search(y.surface.strip()):
            return Place(f"within:{slug(c.surface) or 'place'}:{p.ref}", c.surface, "region", p.country, p.lat, p.lon, "region",
                         "article text", f"in {y.surface.strip()}, as its sentence says (the province's point, not the place's own)")  # fmt: skip
        if p is not None or not _CONTAINER_HEAD.search(y.surface.strip()):
            return None  # only a county the gazetteer lacks may stand between the name and its province
        prev = y
    return None
