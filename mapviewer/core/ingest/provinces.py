"""A listed facility checked against the province its own sentence puts it in.

"Location: Chiha-ri, P'an'gyo County, Kangwŏn Province": a reader who finds the listed point of the base in another
province (North Hwanghae) trusts neither blindly. The point is no longer sure: the site goes to review, drawn in the
county its sentence names when it names one (approximately, with the county's reach), else at the listed point with
the doubt said. Every mention of the site in the article follows (one place per site in one article).
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.ingest.focus import named_regions, region_around
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.placetypes import Candidate, Place

DOUBT_CONFIDENCE = 0.6
"""Below LOW_CONFIDENCE: a listed point its article's own location line contradicts is for a reviewer."""
COUNTY_KM = 30.0
"""How far from a county's point a place of it may lie (a North Korean county spans 20-40 km)."""
LOOK_AHEAD = 4
"""How many names after the facility its sentence may still be giving its location (Hangul, county, province)."""


def _province(c: Candidate) -> tuple[str, str] | None:
    """(country, admin1) of the first-level region a placed region candidate is, by its listed name."""
    p = c.place
    if p is None or c.status == "unplaced" or not (p.kind == "region" or p.precision == "region"):
        return None
    found = named_regions([p.name], geo_index())
    return next(iter(found)) if len(found) == 1 else None


def _listed_point(c: Candidate) -> bool:
    p = c.place
    return (p is not None and c.status != "unplaced" and p.ref.startswith("ref:") and p.precision != "region"
            and p.kind not in ("region", "country") and c.confidence >= 0.8)  # fmt: skip


def outside_named_province(out: list[Candidate]) -> list[Candidate]:
    """Listed facilities whose point lies in another province than the one their sentence names: for review, in the
    county the sentence names when there is one."""
    moved: dict[str, tuple[Place | None, str]] = {}
    for i, c in enumerate(out):
        if not _listed_point(c) or c.place is None or c.place.ref in moved:
            continue
        p = c.place
        after = [y for y in out[i + 1 : i + 1 + LOOK_AHEAD] if y.paragraph == c.paragraph and y.sentence == c.sentence]
        named = [(y, r) for y in after if (r := _province(y)) is not None and r[0] == p.country]
        provinces = [(y, r) for y, r in named if not y.place or "county" not in y.place.ref]
        if len({r for _, r in provinces}) != 1:
            continue
        said, region = provinces[0]
        here = region_around(p.lat, p.lon, p.country)
        if here is None or here == region:
            continue
        county = next((y.place for y in after if y.place is not None and "county" in y.place.ref and y.place.country == p.country), None)
        if county is not None:
            place = Place(f"tie:{p.ref}:{county.ref}", p.name, p.kind, p.country, county.lat, county.lon, "approximate",
                          "article text", f"approximate: in {county.name}, as its article's location line says (the listed "
                          f"point, {p.lat:.3f}, {p.lon:.3f}, lies in another province), ±{COUNTY_KM:.0f} km", COUNTY_KM)  # fmt: skip
            why = f"{place.coord_source}: check it"
        else:
            place, why = None, f"the listed point lies outside {said.surface}, where its sentence puts it: check it"
        moved[p.ref] = (place, why)
    if not moved:
        return out
    result = list(out)
    for j, c in enumerate(out):
        if c.place is None or c.place.ref not in moved or c.status == "unplaced":
            continue
        place, why = moved[c.place.ref]
        result[j] = replace(c, status="low-confidence", confidence=min(c.confidence, DOUBT_CONFIDENCE),
                            place=place or c.place, reason=f"{c.reason}; {why}")  # fmt: skip
    return result
