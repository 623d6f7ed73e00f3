"""Load and validate `sites.geojson`: every problem is named by file, feature and what is wrong,
and the valid features still load so one typo never empties the map."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from mapviewer.core.model import Problem, Site
from mapviewer.core.textnorm import key

KINDS = frozenset(
    ["city", "town", "village", "capital", "airbase", "mountain", "industrial-site", "region", "canal", "mine", "border-zone", "peninsula", "territory", "site"]
)
PRECISIONS = ("exact", "approximate", "region")
_GEOMETRY_TYPES = frozenset(
    ("Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
)


class GazetteerError(ValueError):
    """The file as a whole cannot be used (unreadable, not JSON, not a FeatureCollection)."""


def _positions(coords: Any) -> list[tuple[Any, Any]]:
    """Flatten nested coordinate arrays to positions, whatever the geometry type."""
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [tuple(coords)]  # type: ignore[list-item]
    out: list[tuple[Any, Any]] = []
    if isinstance(coords, (list, tuple)):
        for c in coords:
            out.extend(_positions(c))
    return out


def _rings(geometry: dict) -> list[list]:
    kind = geometry["type"]
    coords = geometry["coordinates"]
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    return []


def _geometry_problem(geometry: Any) -> str | None:
    """Why a GeoJSON geometry is unusable, or None; checked before shapely sees it."""
    return _check_geometry(geometry)[1]


def _check_geometry(geometry: Any) -> tuple[BaseGeometry | None, str | None]:
    """(shapely geometry, None) for a usable GeoJSON geometry, else (None, why not).

    A plain [lon, lat] point that passes the range checks is always valid, so it never goes through
    shapely (None is returned in place of the shape): building one shapely object per point was most
    of the time a 100,000-site gazetteer took to load.
    """
    if not isinstance(geometry, dict) or geometry.get("type") not in _GEOMETRY_TYPES:
        return None, f"geometry type must be one of {', '.join(sorted(_GEOMETRY_TYPES))}"
    coords = geometry.get("coordinates")
    positions = _positions(coords)
    if not positions:
        return None, "geometry has no coordinates"
    for pos in positions:
        if len(pos) < 2 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in pos[:2]):
            return None, f"coordinate {list(pos)} is not a [lon, lat] pair of numbers"
        lon, lat = pos[0], pos[1]
        if not -180 <= lon <= 180 or not -90 <= lat <= 90:
            return None, f"coordinate [{lon}, {lat}] out of range (lon -180..180, lat -90..90)"
    if geometry["type"] == "Point" and isinstance(coords, list) and len(coords) == 2 and isinstance(coords[0], (int, float)):
        return None, None
    for ring in _rings(geometry):
        if len(ring) < 4:
            return None, "polygon ring needs at least 4 positions"
        if list(ring[0][:2]) != list(ring[-1][:2]):
            return None, f"polygon ring is not closed (first {ring[0]} != last {ring[-1]})"
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError) as exc:
        return None, f"geometry not readable: {exc}"
    if not geom.is_valid:
        return None, f"invalid geometry: {explain_validity(geom)}"
    return geom, None


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


_NUMBER = (int, float)


def _plain_point(geometry: Any) -> bool:
    """A Point of two in-range numbers: always valid, so the common case skips the general checks."""
    if type(geometry) is not dict or geometry.get("type") != "Point":
        return False
    coords = geometry.get("coordinates")
    if type(coords) is not list or len(coords) != 2:
        return False
    lon, lat = coords
    return type(lon) in _NUMBER and type(lat) in _NUMBER and -180 <= lon <= 180 and -90 <= lat <= 90


def _pooled(pool: dict[str, str], value: str) -> str:
    return pool.setdefault(value, value)


def _site(index: int, feature: Any, pool: dict[str, str] | None = None) -> tuple[Site | None, str | None]:
    """A Site, or why the feature cannot be one.

    Strings many sites repeat (country, kind, precision, source, admin region) are taken from `pool`,
    so 100,000 sites hold one copy of "Ukraine" rather than tens of thousands.
    """
    pool = {} if pool is None else pool
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, 'not a GeoJSON Feature (needs "type": "Feature")'
    props = feature.get("properties")
    if not isinstance(props, dict):
        return None, "feature has no properties"
    site_id = props.get("id", feature.get("id"))
    if not isinstance(site_id, str) or not site_id.strip():
        return None, 'missing "id"'
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        return None, 'missing "name"'
    geometry = feature.get("geometry")
    plain = _plain_point(geometry)
    geom, problem = (None, None) if plain else _check_geometry(geometry)
    if problem:
        return None, problem
    aliases = _strings(props.get("aliases"))
    if aliases is None:
        return None, '"aliases" must be a list of non-empty strings'
    exclude = _strings(props.get("exclude"))
    if exclude is None:
        return None, '"exclude" must be a list of non-empty strings'
    precision = props.get("precision", "approximate")
    if precision not in PRECISIONS:
        return None, f"precision {precision!r} is not one of {', '.join(PRECISIONS)}"
    point = props.get("point")
    if point is None:
        rep = (geom if geom is not None else shape(geometry)).representative_point() if geometry["type"] != "Point" else None
        point = [rep.x, rep.y] if rep is not None else geometry["coordinates"][:2]
    point_problem = None if plain and "point" not in props else _geometry_problem({"type": "Point", "coordinates": point})
    if point_problem:
        return None, f'"point": {point_problem}'
    kind = str(props.get("kind", "site")).replace(" ", "-")
    geometry["type"] = _pooled(pool, geometry["type"])
    return (
        Site(
            id=site_id.strip(),
            name=name.strip(),
            aliases=aliases,
            kind=_pooled(pool, kind),
            country=_pooled(pool, str(props.get("country", ""))),
            precision=_pooled(pool, precision),
            coord_source=_pooled(pool, str(props.get("coord_source", ""))),
            lon=float(point[0]),
            lat=float(point[1]),
            geometry=geometry,
            admin_region=_pooled(pool, region) if isinstance(region := props.get("admin_region") or None, str) else region,
            exclude=exclude,
            note=props.get("note") or None,
            provenance=_pooled(pool, str(props.get("provenance", "gazetteer"))),
        ),
        None,
    )


def _where(index: int, feature: Any) -> str:
    """How a problem names its feature: its index, and its id when it has one."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    raw_id = props.get("id") if isinstance(props, dict) else None
    return f"feature {index}" + (f" ({raw_id!r})" if isinstance(raw_id, str) else "")


def parse_sites(data: Any, file: str) -> tuple[list[Site], list[Problem]]:
    """Validate a parsed FeatureCollection; returns the valid sites and one Problem per bad feature."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GazetteerError(f"{file}: not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise GazetteerError(f'{file}: "features" must be a list')
    return _parse_features(features, file)


def _parse_features(features: Iterable[Any], file: str) -> tuple[list[Site], list[Problem]]:
    """The valid sites of a FeatureCollection's features, and one Problem per bad feature."""
    sites: list[Site] = []
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    alias_owner: dict[tuple[str, ...], str] = {}
    pool: dict[str, str] = {}
    for index, feature in enumerate(features):
        site, problem = _site(index, feature, pool)
        if site is None:
            problems.append(Problem(file, _where(index, feature), str(problem)))
            continue
        if site.id in ids:
            problems.append(Problem(file, _where(index, feature), f"duplicate id (already used by feature {ids[site.id]})"))
            continue
        names = (site.name, *site.aliases)
        keys = [key(alias) for alias in names]
        clash = None
        for alias, k in zip(names, keys):
            owner = alias_owner.get(k)
            if owner is not None and owner != site.id:
                clash = f"alias {alias!r} is already claimed by site {owner!r}"
                break
        if clash:
            problems.append(Problem(file, _where(index, feature), clash))
            continue
        for k in keys:
            alias_owner[k] = site.id
        ids[site.id] = index
        sites.append(site)
    known = {s.id for s in sites}
    for site in sites:
        if site.admin_region and site.admin_region not in known:
            problems.append(
                Problem(file, f"feature {ids[site.id]} ({site.id!r})", f"admin_region {site.admin_region!r} is not a site")
            )
    return sites, problems


def load_sites(path: Path) -> tuple[list[Site], list[Problem]]:
    """Read a gazetteer file. Raises GazetteerError only when nothing in it is usable."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read: {exc}") from exc
    streamed = _parse_streamed(raw, str(path))
    if streamed is not None:
        return streamed
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"{path}: line {exc.lineno} column {exc.colno}: bad JSON: {exc.msg}") from exc
    return parse_sites(data, str(path))


class _NotStreamable(Exception):
    """The text is not a plain FeatureCollection object: read it whole, as json.loads does."""


_DECODER = json.JSONDecoder()  # as json.loads decodes: strict strings, NaN and Infinity accepted
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON whitespace, as the json module skips it


def _parse_streamed(raw: str, file: str) -> tuple[list[Site], list[Problem]] | None:
    """parse_sites(json.loads(raw)) decoding one feature at a time, or None when the text is not a
    FeatureCollection object (or not valid JSON): the caller then does exactly that, errors and all.

    Each feature becomes a Site and is dropped before the next is decoded, so the parsed features
    (~150 MB of short-lived dicts, lists and floats at 100,000 sites) never exist all at once: that
    was the process's peak, and the memory it freed stayed scattered in the allocator's arenas.
    Results are only returned when the whole text was read and the top-level object is the one
    json.loads would give (no repeated key, "type" "FeatureCollection"), so they are the same.
    """
    space = _SPACE.match
    top: dict[str, Any] = {}
    result: tuple[list[Site], list[Problem]] | None = None
    try:
        i = space(raw, 0).end()
        if raw[i] != "{":
            return None
        i = space(raw, i + 1).end()
        while True:
            if raw[i] != '"':
                return None
            name, i = json.decoder.scanstring(raw, i + 1)
            i = space(raw, i).end()
            if raw[i] != ":" or name in top:
                return None
            i = space(raw, i + 1).end()
            if name == "features" and raw[i] == "[":
                position = [i + 1]
                result = _parse_features(_array_items(raw, position), file)
                i, value = position[0], None
            else:
                value, i = _DECODER.raw_decode(raw, i)
            top[name] = value
            i = space(raw, i).end()
            if raw[i] == "}":
                break
            if raw[i] != ",":
                return None
            i = space(raw, i + 1).end()
        if space(raw, i + 1).end() != len(raw) or top.get("type") != "FeatureCollection":
            return None
    except (_NotStreamable, json.JSONDecodeError, IndexError):
        return None
    return result


def _array_items(raw: str, position: list[int]) -> Iterator[Any]:
    """Decode the JSON array whose first item may start at position[0]; position[0] ends after its "]"."""
    space = _SPACE.match
    i = space(raw, position[0]).end()
    if raw[i] == "]":
        position[0] = i + 1
        return
    while True:
        item, i = _DECODER.raw_decode(raw, i)
        yield item
        del item
        i = space(raw, i).end()
        if raw[i] == "]":
            position[0] = i + 1
            return
        if raw[i] != ",":
            raise _NotStreamable
        i = space(raw, i + 1).end()
