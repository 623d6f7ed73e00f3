"""Where an export looks and what is in its picture, without Qt or a browser.

The map is Web Mercator (Leaflet's EPSG:3857 with 256-pixel tiles), so the picture's bounds, the
ground distance of a pixel and where a site lands on it follow from the centre, zoom and size alone.
That is what lets the legend count the sites INSIDE the picture (not every filtered site), the PDF
draw a true scale bar, and the briefing find where sites crowd (Korea, Donbas) to give them an inset.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from mapviewer.core.filters import FilterResult
from mapviewer.core.model import Site
from mapviewer.core.workspace import Workspace

Box = tuple[float, float, float, float]
"""(west, south, east, north) in degrees."""

EARTH_M = 40075016.686  # the equator's length in metres (Web Mercator's sphere)
MAX_LAT = 85.0511287798


def project(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Leaflet's layer pixel of a point at `zoom`."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    world = 256.0 * 2.0**zoom
    x = world * (lon + 180.0) / 360.0
    s = math.sin(math.radians(lat))
    y = world * (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi))
    return x, y


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """(lat, lon) of a layer pixel at `zoom`."""
    world = 256.0 * 2.0**zoom
    lon = x / world * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / world))))
    return lat, lon


def view_bounds(center: tuple[float, float], zoom: float, size: tuple[int, int]) -> Box:
    """The (W, S, E, N) a map of `size` CSS pixels shows around (lat, lon) `center` at `zoom`."""
    cx, cy = project(center[0], center[1], zoom)
    north, west = unproject(cx - size[0] / 2, cy - size[1] / 2, zoom)
    south, east = unproject(cx + size[0] / 2, cy + size[1] / 2, zoom)
    return west, south, east, north


def metres_per_pixel(lat: float, zoom: float) -> float:
    """Ground metres per CSS pixel at latitude `lat` (the scale bar's measure)."""
    return EARTH_M * math.cos(math.radians(lat)) / (256.0 * 2.0**zoom)


def scale_bar(lat: float, zoom: float, max_px: float) -> tuple[float, str]:
    """The longest round distance (1, 2 or 5 × 10^n m) that fits in `max_px`: its length in CSS pixels and label."""
    per_px = metres_per_pixel(lat, zoom)
    limit = per_px * max_px
    step = 10 ** math.floor(math.log10(limit)) if limit > 0 else 1
    metres = next(m for m in (5 * step, 2 * step, step) if m <= limit)
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    return metres / per_px, label


def site_box(site: Site) -> Box:
    """The extent of a site's shape (a point is a point)."""
    if not site.is_area:
        return site.lon, site.lat, site.lon, site.lat
    xs: list[float] = []
    ys: list[float] = []

    def walk(c: object) -> None:
        if isinstance(c, (list, tuple)) and len(c) >= 2 and all(isinstance(v, (int, float)) for v in c[:2]):
            xs.append(float(c[0]))  # type: ignore[arg-type]
            ys.append(float(c[1]))  # type: ignore[arg-type]
        elif isinstance(c, (list, tuple)):
            for part in c:
                walk(part)

    geom = site.geometry
    for g in geom.get("geometries", [geom]):
        walk(g.get("coordinates"))
    if not xs:
        return site.lon, site.lat, site.lon, site.lat
    return min(xs), min(ys), max(xs), max(ys)


def padded(box: Box, fraction: float = 0.15, minimum: float = 0.3) -> Box:
    """A box grown by `fraction` of its span each side, at least `minimum` degrees across."""
    w, s, e, n = box
    dx = max((e - w) * fraction, (minimum - (e - w)) / 2, 0.0)
    dy = max((n - s) * fraction, (minimum - (n - s)) / 2, 0.0)
    return max(-180.0, w - dx), max(-85.0, s - dy), min(180.0, e + dx), min(85.0, n + dy)


def site_extent(ws: Workspace, site_id: str) -> Box:
    """The export extent of one named site or region: its shape with room around it."""
    site = ws.site_by_id.get(site_id)
    if site is None:
        raise KeyError(site_id)
    return padded(site_box(site), 0.15, 0.6)


def intersects(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


FLOW_BEND = 0.14
"""How far each leg of a flow's arrow bows out, as a share of its length (mv-flows.js: `0.14 + 0.05 * slot`,
the slot counting the earlier-drawn flows with the same two ends, up to 7)."""
FLOW_SAMPLES = 16


def flows_in(paths: Sequence[Sequence[Sequence[float]]], quantities: Sequence[float | None], box: Box) -> int:
    """How many flows a picture of `box` shows: those whose arrow, as the page draws it, crosses the box.

    `paths` and `quantities` are page_evidence's `flows` columns (each path [[lon, lat], …] origin → waypoints →
    destination; an empty path is never drawn). Each leg is the page's quadratic curve in Web Mercator, with the
    page's bend (bigger quantities first; flows sharing both ends fan out), sampled as a polyline."""
    x0, y0 = project(box[3], box[0], 0)
    x1, y1 = project(box[1], box[2], 0)
    rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    order = sorted((i for i, p in enumerate(paths) if len(p) >= 2), key=lambda i: (-(quantities[i] or 0), i))
    sharing: dict[tuple, int] = {}
    count = 0
    for i in order:
        path = paths[i]
        ends = (tuple(path[0]), tuple(path[-1]))
        slot = min(sharing.get(ends, 0), 7)
        sharing[ends] = sharing.get(ends, 0) + 1
        points = [project(lat, lon, 0) for lon, lat in path]
        if any(_curve_crosses(a, b, FLOW_BEND + 0.05 * slot, rect) for a, b in pairwise(points)):
            count += 1
    return count


def _curve_crosses(a: tuple[float, float], b: tuple[float, float], bend: float, rect: Box) -> bool:
    """Whether the page's curve from a to b (control point bowed `bend` of its length) crosses `rect`."""
    (ax, ay), (bx, by) = a, b
    cx, cy = (ax + bx) / 2 - (by - ay) * bend, (ay + by) / 2 + (bx - ax) * bend
    prev = a
    for k in range(1, FLOW_SAMPLES + 1):
        t = k / FLOW_SAMPLES
        u = 1 - t
        point = (u * u * ax + 2 * u * t * cx + t * t * bx, u * u * ay + 2 * u * t * cy + t * t * by)
        if _segment_crosses(prev, point, rect):
            return True
        prev = point
    return False


def _segment_crosses(p: tuple[float, float], q: tuple[float, float], rect: Box) -> bool:
    """Liang–Barsky: whether the segment p–q has a point inside the axis-aligned `rect` (x0, y0, x1, y1)."""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for edge_p, edge_q in ((-dx, p[0] - rect[0]), (dx, rect[2] - p[0]), (-dy, p[1] - rect[1]), (dy, rect[3] - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        r = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def sites_in(ws: Workspace, site_ids: Iterable[str], box: Box) -> list[str]:
    """The sites whose marker (a point) or shape (an area or line) is inside the box."""
    out = []
    for sid in site_ids:
        site = ws.site_by_id[sid]
        if site.is_area:
            if intersects(site_box(site), box):
                out.append(sid)
        elif box[0] <= site.lon <= box[2] and box[1] <= site.lat <= box[3]:
            out.append(sid)
    return out


def restrict(ws: Workspace, result: FilterResult, keep: Iterable[str]) -> FilterResult:
    """The filter result with only the sites in `keep` (and their passages): what is in the picture."""
    table = ws.table
    index = {sid: i for i, sid in enumerate(table.site_ids)}
    site_keep = np.zeros(len(table.site_ids), dtype=bool)
    for sid in keep:
        if sid in index:
            site_keep[index[sid]] = True
    site_mask = result.site_mask & site_keep
    mention_mask = result.mention_mask & site_keep[table.site]
    return replace(
        result,
        mention_mask=mention_mask,
        site_mask=site_mask,
        site_ids=[table.site_ids[i] for i in np.flatnonzero(site_mask)],
        mention_ids=[table.mention_ids[i] for i in np.flatnonzero(mention_mask)],
    )


def in_picture(ws: Workspace, result: FilterResult, box: Box | None) -> FilterResult:
    """The result restricted to a picture's bounds (unchanged without bounds)."""
    if box is None:
        return result
    keep = set(sites_in(ws, result.site_ids, box))
    if len(keep) == len(result.site_ids):
        return result
    return restrict(ws, result, keep)


MIN_SPREAD = 0.2
"""Degrees: sites closer together than this in both directions are one spot, not a crowd to magnify."""


@dataclass(frozen=True)
class Crowd:
    """Sites that crowd one spot of the picture: an inset shows them larger."""

    name: str
    box: Box
    site_ids: tuple[str, ...]


def crowds(
    ws: Workspace,
    site_ids: Sequence[str],
    zoom: float,
    reach_px: float = 24.0,
    least: int = 3,
    limit: int = 2,
) -> list[Crowd]:
    """Groups of at least `least` point sites within `reach_px` CSS pixels of each other at `zoom`
    (single linkage), largest first, at most `limit`; each named after the area that holds it, else
    its sites' country."""
    points = [ws.site_by_id[s] for s in site_ids if not ws.site_by_id[s].is_area]
    xy = [project(p.lat, p.lon, zoom) for p in points]
    groups: list[list[int]] = []
    unseen = set(range(len(points)))
    while unseen:  # connected components of "within reach" (single linkage)
        group, todo = [], [unseen.pop()]
        while todo:
            i = todo.pop()
            group.append(i)
            near = [j for j in unseen if math.dist(xy[i], xy[j]) <= reach_px]
            unseen.difference_update(near)
            todo.extend(near)
        groups.append(sorted(group))
    found = []
    for members in sorted(groups, key=lambda g: (-len(g), g[0])):
        if len(members) < least:
            continue
        sites = [points[i] for i in members]
        if max(s.lon for s in sites) - min(s.lon for s in sites) < MIN_SPREAD and max(s.lat for s in sites) - min(s.lat for s in sites) < MIN_SPREAD:
            continue  # (nearly) one spot: magnifying it separates nothing
        box = padded((min(s.lon for s in sites), min(s.lat for s in sites), max(s.lon for s in sites), max(s.lat for s in sites)), 0.25, 0.4)
        found.append(Crowd(_crowd_name(ws, site_ids, box, sites), box, tuple(s.id for s in sites)))
        if len(found) == limit:
            break
    return found


def _crowd_name(ws: Workspace, site_ids: Sequence[str], box: Box, sites: list[Site]) -> str:
    """The smallest shown area holding the crowd's centre, else the country most of its sites are in."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    holders = []
    for sid in site_ids:
        site = ws.site_by_id[sid]
        if site.is_area and site.geometry_type in ("Polygon", "MultiPolygon"):
            w, s, e, n = site_box(site)
            if w <= cx <= e and s <= cy <= n:
                holders.append(((e - w) * (n - s), site.name))
    if holders:
        return min(holders)[1]
    countries = [s.country for s in sites]
    return max(set(countries), key=countries.count)


def overview_box(box: Box, span: float = 40.0) -> Box:
    """A wide box (about `span` degrees across) centred on a small extent, for the overview inset."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    half = max(span / 2, (box[2] - box[0]) * 2)
    return max(-180.0, cx - half), max(-80.0, cy - half * 0.6), min(180.0, cx + half), min(80.0, cy + half * 0.6)


def is_small(box: Box, span: float = 12.0) -> bool:
    """Whether an extent is small enough that a reader needs an overview to place it."""
    return (box[2] - box[0]) < span and (box[3] - box[1]) < span
