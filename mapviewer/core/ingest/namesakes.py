"""Far namesakes: a small place's only reading lies far from everything the article is about.

A front-line report from the Belgorod region names a dozen villages of a few hundred people. The offline
index lacks most of them, but it often holds a namesake: a Zhuravlyovka in Crimea, an Ustynivka 250 km
away in central Ukraine. A reader would not put the Belgorod village there; nor should ingest, even at a
low confidence that still draws it on the map. When the reading lies outside every first-level region the
article names and farther than FAR_NAMESAKE_KM from every place the article has placed with confidence
(known sites, reference places, unambiguous cities, sure readings), it is listed for review as a
suggestion with the reason, not placed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from mapviewer.core.ingest.placetypes import Candidate, Place, nearest_km
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

FAR_NAMESAKE_KM = 150.0
"""Farther than this from all the article's sure places: more likely a namesake than the place meant."""
FAR_OUTSIDE_REGION_KM = 100.0
"""Nearer for a reading outside the regions the article names in the reading's own country: a story on the Kharkiv
region that names a village means the one there, not a namesake 130 km off in the Poltava region."""
FAR_NAMESAKE_POPULATION = 10_000
"""Villages and small towns: a town of this size is known well beyond its region and is judged as the others are."""
SUGGESTION_CAP = 0.4
"""The confidence a far namesake keeps as a suggestion in the review list (never drawn as a site)."""


def far_namesake(
    place: Place,
    admin1: str | None,
    population: int,
    anchors: Iterable[tuple[float, float]],
    regions: frozenset[tuple[str, str]],
) -> str:
    """Why `place` (a small-place reading: `admin1` its first-level region, `population` its size) is likely a
    namesake of the place the article means, or "" when it is not (or there is nothing to judge it by).

    Judged only when the article has sure places or names regions (whose seats then stand for its places: "our
    village Zhuravlevka" in a story on the Belgorod region is not a Zhuravlivka 580 km away in Ukraine): a
    reading in a region the article names, or at or near one of the article's sure places, is never far."""
    if population >= FAR_NAMESAKE_POPULATION or (admin1 is not None and (place.country, admin1) in regions):
        return ""
    points = list(anchors) or region_seats(regions)
    if not points:
        return ""
    nearest = nearest_km(place.lat, place.lon, points)
    own_country = any(iso == place.country for iso, _ in regions)
    if nearest <= (FAR_OUTSIDE_REGION_KM if own_country and admin1 else FAR_NAMESAKE_KM):
        return ""
    where = "outside the regions the article names, " if regions else ""
    return f"{nearest:.0f} km from the article's other places, {where}likely a namesake: check it"


def region_seats(regions: frozenset[tuple[str, str]]) -> list[tuple[float, float]]:
    """The seats (most populous places) of the first-level regions the article names."""
    from mapviewer.core.ingest.geo_index import geo_index

    seats = geo_index().region_seats
    return [(r.lat, r.lon) for r in (seats.get(region) for region in sorted(regions)) if r is not None]


def with_dropped_repeats(out: list[Candidate], dropped: list[dict[str, Any]]) -> list[Candidate]:
    """`out` with each dropped bare occurrence of a name the article lists elsewhere for review (unplaced, or a
    suggestion) added as that same review item: "the battle for X" names the X the article lists two
    paragraphs on, so the reviewer sees every occurrence (no silent drops). `dropped` holds the candidate
    fields of occurrences no layer could read."""
    listed: dict[tuple[str, ...], Candidate] = {}
    for c in out:
        if c.status in ("unplaced", "low-confidence") and c.site_id is None:
            listed.setdefault(key(c.surface), c)
    taken = {(c.start, c.end) for c in out}
    added = [
        replace(listed[key(b["surface"])], **b)
        for b in dropped
        if key(b["surface"]) in listed and (b["start"], b["end"]) not in taken
    ]
    if not added:
        return out
    return sorted(out + added, key=lambda c: (c.paragraph, c.start))


_FACILITY_HEAD = lazy_compile(
    r"(?i)\b(port|harbou?r|seaport|terminal|air\s?base|airfield|airport|crossing|checkpoint|bridge|shipyard|dockyard"
    r"|station|plant|factory|depot|arsenal|cosmodrome|spaceport|launch site|test site|base)$"
)


def other_facility(phrase: str, place: Place) -> bool:
    """ "Vostochny Port" is not the Vostochny Cosmodrome 900 km away: a phrase whose head names one kind of
    facility is a namesake of a reference facility (kind "site") whose own name has another head."""
    m = _FACILITY_HEAD.search(phrase.strip())
    if m is None or place.kind != "site":
        return False
    head = re.sub(r"\s+", "", m.group(1).lower())
    return head not in re.sub(r"\s+", "", place.name.lower())


BY_HEAD = "named so by the facility word before it"
"""The reason's mark of a reference facility read from "the port of X": the name alone is not that facility's."""


def named_by_head(c: Candidate) -> bool:
    """ "the port of Vostochny" placed at the listed Vostochny Port: "Vostochny" alone is the cosmodrome's name, so
    it is no alias of the port's site (the next article's bare "Vostochny" must not find the port)."""
    return BY_HEAD in c.reason
