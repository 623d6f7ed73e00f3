"""Where a border between two countries is: the shared edge of their outlines in the offline basemap.

"The North Korea-Russia border", "the border with Lebanon", "the Ukrainian border" (in a story about Russia)
name a line a reader can point at: a short border (North Korea and Russia share 17 km) is a point; on a long
one the reader takes the stretch near the story's other places. The outlines are the basemap's Natural Earth
countries (assets/basemap/world.js, simplified), whose shared edges have the same vertices in both countries:
those common vertices are the border. Read only when an article names a border.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mapviewer import paths
from mapviewer.core.ingest.placetypes import distance_km

WORLD = paths.BASEMAP_ASSETS / "world.js"
SHORT_KM = 60.0
"""A border whose common vertices all lie within this of each other is placed as one point."""
NEAR_STORY_KM = 250.0
"""On a long border, the stretch nearest the story's places is taken when one lies within this of it."""


@dataclass(frozen=True)
class BorderPoint:
    lat: float
    lon: float
    short: bool  # the whole border is within SHORT_KM: the point stands for all of it
    how: str


def _read_basemap(path: Path) -> dict:
    """The JSON document inside the basemap script: `window.X = JSON.parse('...');` (tools/build_basemap.py
    escapes backslashes and single quotes)."""
    text = path.read_text(encoding="utf-8")
    start = text.index("JSON.parse('") + len("JSON.parse('")
    end = text.index("');", start)
    literal = text[start:end]
    out, i = [], 0
    while i < len(literal):  # undo the two escapes, one pass
        ch = literal[i]
        if ch == "\\" and i + 1 < len(literal) and literal[i + 1] in "\\'":
            out.append(literal[i + 1])
            i += 2
        else:
            out.append(ch)
            i += 1
    return json.loads("".join(out))


@lru_cache(maxsize=1)
def _outlines() -> dict[str, frozenset[tuple[float, float]]]:
    """ISO alpha-3 -> the (lat, lon) vertices of the country's outline; {} when the basemap cannot be read."""
    try:
        doc = _read_basemap(WORLD)
    except (OSError, ValueError):
        return {}
    out: dict[str, frozenset[tuple[float, float]]] = {}
    for f in doc.get("countries", {}).get("features", []):
        iso3 = (f.get("properties") or {}).get("iso_a3")
        geom = f.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        if iso3:
            out[iso3] = frozenset((round(y, 2), round(x, 2)) for p in polys for ring in p for x, y in ring)
    return out


def shared_border(iso3_a: str, iso3_b: str) -> list[tuple[float, float]]:
    """The (lat, lon) vertices two countries' outlines share: their land border, [] when they have none."""
    outlines = _outlines()
    return sorted(outlines.get(iso3_a, frozenset()) & outlines.get(iso3_b, frozenset()))


def border_point(iso3_a: str, iso3_b: str, story: Iterable[tuple[float, float]] = ()) -> BorderPoint | None:
    """Where a reader puts "the border" of the two countries: the middle of a short border; on a long one the
    stretch nearest the story's places (when one is near), else None (a long border has no one point)."""
    points = shared_border(iso3_a, iso3_b)
    if not points:
        return None
    extent = max(distance_km(a, b) for a in points for b in points)
    if extent <= SHORT_KM:
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        return BorderPoint(lat, lon, True, "the countries' short shared border")
    story = list(story)
    best = min(((min((distance_km(p, s) for s in story), default=math.inf), p) for p in points), default=None)
    if best is None or best[0] > NEAR_STORY_KM:
        return None
    return BorderPoint(best[1][0], best[1][1], False, f"the stretch of the border {best[0]:.0f} km from the story's places")


_BEARINGS = {
    "north": (1.0, 0.0), "south": (-1.0, 0.0), "east": (0.0, 1.0), "west": (0.0, -1.0),
    "northeast": (0.71, 0.71), "northwest": (0.71, -0.71), "southeast": (-0.71, 0.71), "southwest": (-0.71, -0.71),
}
PART_SHARE = 1 / 3
""""Eastern X" is the third of X's outline furthest east."""
MAX_PART_SPAN_DEG = 60.0
"""A country wider than this (Russia across the antimeridian, say) has no one 'eastern part' to draw."""


def country_part(iso3: str, direction: str) -> tuple[float, float] | None:
    """(lat, lon) of "the eastern/north-west/southern ... part" of a country: the middle of the outline's
    vertices in the third of the country furthest that way; "central" is the middle of the outline. None when
    the country is unknown, or too wide to have one such part."""
    points = _outlines().get(iso3)
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > MAX_PART_SPAN_DEG:
        return None
    d = direction.lower().replace("-", "").removesuffix("ern")
    if d == "centr" or d == "central":
        return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    bearing = _BEARINGS.get(d)
    if bearing is None:
        return None
    scale = math.cos(math.radians(sum(lats) / len(lats)))  # degrees of longitude are shorter than of latitude

    def reach(p: tuple[float, float]) -> float:
        return bearing[0] * p[0] + bearing[1] * p[1] * scale

    lo, hi = min(map(reach, points)), max(map(reach, points))
    part = [p for p in points if reach(p) >= hi - (hi - lo) * PART_SHARE]
    return sum(p[0] for p in part) / len(part), sum(p[1] for p in part) / len(part)
