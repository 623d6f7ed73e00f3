"""Choosing among a name's gazetteer readings, as a reader would: from the sentence and the article.

Weighed for each reading: the article's countries (named, or implied by places already placed), the
distance to the article's other placed places, the place's size, whether the name is its main name,
and whether it matched only through a transliteration key. A small place needs support: a place cue
in the sentence, or the article's country, or a placed place nearby. When two readings far apart stay
close in score, the candidate goes to review with both options named, never placed confidently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mapviewer.core.ingest.candidates import STRONG, WEAK, Toponym
from mapviewer.core.ingest.focus import Focus
from mapviewer.core.ingest.geo_index import GeoRow, NameHit
from mapviewer.core.ingest.placetypes import great_circle_km, nearest_km

NEAR_KM = 300.0
LOCAL_KM = 100.0
"""Within this of a place placed earlier in the same paragraph, a reading gains the more the closer it is."""
CLOSE_WEIGHT = 0.4
"""Within LOCAL_KM of any place the article has placed, a reading gains the more the closer it is: "near" (under
NEAR_KM) alone cannot tell the village 20 km from the fighting from its namesake 200 km away."""
NAMESAKE_CAP = 0.75
"""Below the 0.8 that counts as high confidence, above LOW_CONFIDENCE (0.7): placed, but never as sure."""
CLOSE_MARGIN = 0.2
"""Two readings whose scores differ by less than this (and which lie over 50 km apart) are a real doubt."""


@dataclass(frozen=True)
class Reading:
    """The chosen reading of a candidate, how sure, why, and the runner-up a reviewer should see."""

    row: GeoRow
    confidence: float
    why: str
    alternative: GeoRow | None


def _score(
    h: NameHit, share: Callable[[str], float], placed: Iterable[tuple[float, float]], focus: Focus | None = None
) -> float:
    s = math.log10(max(h.row.population, 1)) / 7.0
    if focus is not None:
        if (h.row.country, h.row.admin1) in focus.regions:
            s += 0.4  # in a region the article names
        if focus.local:
            s += 0.3 * max(0.0, 1.0 - nearest_km(h.row.lat, h.row.lon, focus.local) / LOCAL_KM)  # beside the paragraph's places
    s += 1.5 * share(h.row.country) + (0.3 if share(h.row.country) > 0 else 0.0)
    d = nearest_km(h.row.lat, h.row.lon, placed)
    s += 0.8 if d < NEAR_KM else 0.4 if d < 1000 else 0.0
    s += CLOSE_WEIGHT * max(0.0, 1.0 - d / LOCAL_KM)  # a namesake 20 km from the article's places over one 200 km off
    s -= 0.0 if h.primary else 0.15
    s -= 0.3 if h.variant else 0.0
    return s


def resolve(
    top: Toponym, share: Callable[[str], float], placed: Iterable[tuple[float, float]], focus: Focus | None = None
) -> Reading | None:
    """The likeliest reading, or None when the name has no support at all (no cue, no country, no
    neighbour): then it is more likely a word than a place. `focus` (the regions the article names, the
    places of the paragraph) pulls a name with namesakes toward the one where the article is."""
    placed = list(placed)
    if not top.hits:
        return None
    best_by_gid: dict[int, NameHit] = {}
    for h in top.hits:
        old = best_by_gid.get(h.row.gid)
        if old is None or (old.variant and not h.variant) or (h.primary and not old.primary):
            best_by_gid[h.row.gid] = h
    ranked = sorted(best_by_gid.values(), key=lambda h: -_score(h, share, placed, focus))
    best = ranked[0]
    in_country = share(best.row.country) > 0
    distance = nearest_km(best.row.lat, best.row.lon, placed)
    near = distance < NEAR_KM
    if not (in_country or near or top.cue_strength == STRONG):
        return None
    if best.variant and not (in_country or near):
        return None  # a spelling-variant match with nothing else for it is too weak to list
    if top.cue_strength == "" and not (in_country and near) and best.row.population < 15000:
        return None  # a small foreign place named with no cue: likely a word or a person
    # A small place is only sure when it sits close to the article's other places: a namesake elsewhere in
    # the same country is common ("Krasnyi Yar" names a dozen villages).
    confidence = 0.5 + (0.1 if in_country else 0.0) + (0.1 if distance < 150 else 0.0) + (0.1 if distance < 60 else 0.0)
    confidence += 0.05 if top.cue_strength == STRONG else 0.02 if top.cue_strength == WEAK else 0.0
    confidence -= 0.1 if best.variant else 0.0
    why = f"GeoNames place, pop {best.row.population:,}"
    if best.variant:
        why += "; matched as a spelling variant"
    if in_country:
        why += "; in a country the article names"
    if near:
        why += f"; {distance:.0f} km from the article's nearest other place"
    alternative = None
    # the runner-up that matters is the best reading somewhere else (namesakes 20 km apart are one doubt less)
    second = next((h for h in ranked[1:] if great_circle_km(best.row.lat, best.row.lon, h.row.lat, h.row.lon) > 50), None)
    if second is not None:
        margin = _score(best, share, placed, focus) - _score(second, share, placed, focus)
        if margin < CLOSE_MARGIN:
            alternative = second.row
            confidence = min(confidence, 0.6)
            why += f"; or {second.row.name} ({second.row.country}, {second.row.lat:.2f}, {second.row.lon:.2f}): check both"
        else:
            # a name other places share (in any romanisation) is never placed at high confidence on size and
            # proximity alone: the reviewer sees it (the namesake may be the one meant)
            confidence = min(confidence + min(0.05, margin * 0.1), NAMESAKE_CAP)
            why += f"; namesake {second.row.name} ({second.row.country}) elsewhere"
    return Reading(best.row, round(min(0.85, max(0.05, confidence)), 2), why, alternative)
