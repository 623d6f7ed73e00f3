"""Positions an article states for a name: "the Pipa-got naval base (38.5912, 124.9837)", "Sohae (39°39′N 124°42′E)".

Analysts' reports give the coordinates of what they describe in brackets right after its name. A reader takes the
place to be there, whatever a gazetteer says of a namesake; so does ingest, for a name the gazetteer left unplaced
or read below high confidence. The point is the text's own (provenance "article text"), placed below high confidence
(STATED_CONFIDENCE: a bracketed pair could be of something else the sentence names), and the same name elsewhere
in the article goes there too (ties.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.ingest.coords import CoordinateError, looks_like_coordinates, parse_coordinates
from mapviewer.core.ingest.placetypes import Candidate, Place, great_circle_km
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key, slug

STATED_CONFIDENCE = 0.75
"""Placed (above LOW_CONFIDENCE) but never as sure as a sourced gazetteer point."""
STATED_KM = 1.0
"""How far from a stated point the place may lie (four decimals are metres; a rounded pair, a kilometre or so)."""
COUNTRY_KM = 300.0
"""The country of the article's nearest placed place this close is the stated point's country."""
_BRACKET = lazy_compile(r"^\s*\((?P<pos>[^()]{7,60})\)")


def _stated(text: str) -> tuple[float, float] | None:
    m = _BRACKET.match(text)
    if m is None or not looks_like_coordinates(m.group("pos")) or not re.search(r"\d[.°]\d*", m.group("pos")):
        return None
    try:
        lat, lon = parse_coordinates(m.group("pos"))
    except CoordinateError:
        return None
    return (lat, lon) if abs(lat) <= 90 and abs(lon) <= 180 else None


def states_position(text: str, end: int) -> bool:
    """A bracketed position right after `end` ("Sohae (39.66, 124.70)"): the text itself locates the name before it,
    so the name is a place a reader looks for, whatever its shape or the gazetteer says."""
    return text[end : end + 3].lstrip(" ").startswith("(") and _stated(text[end : end + 64]) is not None


def _country(lat: float, lon: float, out: list[Candidate]) -> str:
    placed = [c.place for c in out if c.place is not None and c.status != "unplaced" and c.place.country]
    near = min(placed, key=lambda p: great_circle_km(lat, lon, p.lat, p.lon), default=None)
    return near.country if near is not None and great_circle_km(lat, lon, near.lat, near.lon) <= COUNTRY_KM else ""


def stated_positions(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """Names followed by the position the text states for them, placed there (see the module's docstring)."""
    result = list(out)
    for i, c in enumerate(out):
        if _sure(c) or c.area or result[i] is not c:
            continue
        para_start, text = paras[c.paragraph]
        point = _stated(text[c.end - para_start : c.end - para_start + 64])
        if point is None:
            continue
        lat, lon = point
        shown = text[c.end - para_start :].split(")", 1)[0].strip(" (")
        place = Place(f"text:{slug(c.surface) or 'place'}:{lat:.4f},{lon:.4f}", c.surface, "site", _country(lat, lon, out),
                      round(lat, 6), round(lon, 6), "exact", "article text", f"stated in the article: ({shown})", STATED_KM)  # fmt: skip
        why = f"the position its sentence states, ({shown}); not placed by the gazetteer: check it"
        for j, other in enumerate(out):  # the name is that place wherever the article repeats it
            if j == i or (key(other.surface) == key(c.surface) and not _sure(other) and not other.area and result[j] is other):
                result[j] = replace(other, status="placed", confidence=STATED_CONFIDENCE, place=place, reason=why)
    return result


def _sure(c: Candidate) -> bool:
    return c.status == "known" or (c.place is not None and c.status != "unplaced" and c.confidence >= 0.8)
