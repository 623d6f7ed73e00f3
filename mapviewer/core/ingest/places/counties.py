"""A North Korean name no town of the gazetteer reads, which is a county's name: the county, for review.

Reports on North Korea often name a county by its bare name ("the airbase at Kumgang", "tourists left Kumgang"):
the county's seat town carries the name, but cities500 and the village list lack many seats. The county list
(kp_places.py, Who's On First) is only found under "X County" / "X-gun" on purpose, since a bare name is usually
a town's; so only a name that stays unplaced with no reading at all, in an article about North Korea, is read as
the county of that name: drawn at the county's label point as an area (the county's radius), listed for review.
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.ingest.places.tables import reference_places
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.textnorm import key

COUNTY_CONFIDENCE = 0.5
"""Below places.LOW_CONFIDENCE: a county read from a bare name is always listed for review."""
_HEADS = (("county",), ("gun",), ("city",))
"""The words the county list is keyed under after the name ("Kumgang County", "Kumgang-gun", "Kusong City")."""


def county_by_bare_name(surface: str) -> Place | None:
    """The North Korean county (or county-level city) the bare name `surface` is, when the county list has one."""
    table, _ = reference_places()
    words = key(surface)
    if not words:
        return None
    for head in _HEADS:
        place = table.get((*words, *head))
        if place is not None and place.country == "KP" and place.kind in ("region", "city"):
            return place
    return None


def with_bare_counties(out: list[Candidate], korean: bool) -> list[Candidate]:
    """`out` with each name left unplaced and without any reading, in an article about North Korea (`korean`), read
    as the county of that name where there is one: placed there, approximately, for review."""
    if not korean:
        return out
    result = []
    for c in out:
        county = county_by_bare_name(c.surface) if c.status == "unplaced" and c.place is None and not c.area else None
        if county is not None:
            why = f"{county.coord_source}: the county {county.name} (no town of the name in the gazetteer): check it"
            c = replace(c, status="low-confidence", confidence=COUNTY_CONFIDENCE, place=county, reason=why)
        result.append(c)
    return result
