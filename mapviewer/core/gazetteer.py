"""Load and validate `sites.geojson`: every problem is named by file, feature and what is wrong,
and the valid features still load so one typo never empties the map."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Problem, Site
from mapviewer.core.safefile import DECODER, FileError, bad_json, bad_value, json_text
from mapviewer.core.textnorm import key

KINDS = frozenset(
    [
        # settlements
        "capital", "city", "town", "village", "settlement",
        # areas
        "country", "region", "district", "territory", "border-zone", "area", "peninsula", "island",
        # water and land forms
        "river", "lake", "sea", "bay", "strait", "canal", "coast", "mountain", "valley", "landform",
        # facilities
        "airbase", "airport", "port", "naval-base", "military-site", "industrial-site", "factory", "mine",
        "cosmodrome", "launch-site", "test-site", "nuclear-site", "tunnel", "bridge", "rail-station",
        "border-crossing", "facility", "route",
        # what an ingest writes when it knows no better
        "site",
    ]
)
"""What a site can be. Another value is reported (feature, field, value) and the site shown as a plain
"site", so a typo ("airbse") is noticed instead of silently styled as something else."""
PRECISIONS = ("exact", "approximate", "region")
_GEOMETRY_TYPES = frozenset(
    ("Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
)


class GazetteerError(ValueError):
    """The file as a whole cannot be used (unreadable, not JSON, not a FeatureCollection)."""


def _show(value: Any) -> str:
    """A value as a problem quotes it, cut short (a broken coordinate array can be huge)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: Any) -> bool:
    """A finite int or float: not a bool, not NaN or ±Infinity, not a BadNumber the reader made."""
    return (type(value) is float or type(value) is int) and math.isfinite(value)


def _position_problem(pos: Any, where: str) -> str | None:
    if type(pos) is not list or len(pos) < 2:
        return f"{where} must be a [lon, lat] position, not {_show(pos)}"
    for i, v in enumerate(pos):
        if not _number(v):
            return f"{where}[{i}] is {_show(v)}, not a finite number (coordinate {_show(pos)} is not a [lon, lat] pair of numbers)"
    lon, lat = pos[0], pos[1]
    if not -180 <= lon <= 180 or not -90 <= lat <= 90:
        return f"{where}: coordinate [{lon}, {lat}] out of range (lon -180..180, lat -90..90)"
    return None


def _list_problem(value: Any, where: str, what: str, minimum: int) -> str | None:
    if type(value) is not list:
        return f"{where} must be a list of {what}, not {_show(value)}"
    if len(value) < minimum:
        return f"{where} needs at least {minimum} {what}" if value else f"{where} is empty (geometry has no coordinates)"
    return None


def _line_problem(coords: Any, where: str) -> str | None:
    problem = _list_problem(coords, where, "positions", 2)
    return problem or next((p for i, pos in enumerate(coords) if (p := _position_problem(pos, f"{where}[{i}]"))), None)


def _ring_problem(ring: Any, where: str) -> str | None:
    problem = _list_problem(ring, where, "positions", 4)
    if problem:
        return problem.replace("needs at least 4 positions", "needs at least 4 positions (polygon ring)")
    problem = next((p for i, pos in enumerate(ring) if (p := _position_problem(pos, f"{where}[{i}]"))), None)
    if problem is None and ring[0][:2] != ring[-1][:2]:
        problem = f"{where}: polygon ring is not closed (first {ring[0]} != last {ring[-1]})"
    return problem


def _polygon_problem(coords: Any, where: str) -> str | None:
    problem = _list_problem(coords, where, "rings", 1)
    return problem or next((p for i, ring in enumerate(coords) if (p := _ring_problem(ring, f"{where}[{i}]"))), None)


def _multi(member: Callable[[Any, str], str | None], what: str) -> Callable[[Any, str], str | None]:
    def check(coords: Any, where: str) -> str | None:
        problem = _list_problem(coords, where, what, 1)
        return problem or next((p for i, part in enumerate(coords) if (p := member(part, f"{where}[{i}]"))), None)

    return check


_COORDINATES: dict[str, Callable[[Any, str], str | None]] = {
    "Point": _position_problem,
    "LineString": _line_problem,
    "MultiLineString": _multi(_line_problem, "lines"),
    "Polygon": _polygon_problem,
    "MultiPolygon": _multi(_polygon_problem, "polygons"),
}


def bbox_problem(bbox: Any, where: str = "bbox") -> str | None:
    """Why a GeoJSON bbox is unusable ([west, south, east, north], or 6 numbers with heights), or None."""
    if type(bbox) is not list or len(bbox) not in (4, 6) or not all(_number(v) for v in bbox):
        return f"{where} must be a list of 4 (or 6) finite numbers, not {_show(bbox)}"
    return None


def _structure_problem(geometry: Any) -> str | None:
    """Why a geometry is not well-formed GeoJSON of a supported type, checked all the way down before
    shapely (which trusts its input's shape) sees it; None when it is."""
    if not isinstance(geometry, dict) or type(geometry.get("type")) is not str or geometry["type"] not in _GEOMETRY_TYPES:
        return f"geometry type must be one of {', '.join(sorted(_GEOMETRY_TYPES))}"
    if "coordinates" not in geometry:
        return "geometry has no coordinates"
    problem = _COORDINATES[geometry["type"]](geometry["coordinates"], "coordinates")
    if problem is None and "bbox" in geometry:
        problem = bbox_problem(geometry["bbox"])
    if problem is None:  # anything else kept with the geometry is written out with it: it must be writable
        other = bad_value({k: v for k, v in geometry.items() if k not in ("type", "coordinates", "bbox")})
        problem = f"member {other.lstrip('.')}" if other else None
    return problem


def _geometry_problem(geometry: Any) -> str | None:
    """Why a GeoJSON geometry is unusable, or None; checked before shapely sees it."""
    return _check_geometry(geometry)[1]


def _check_geometry(geometry: Any) -> tuple[BaseGeometry | None, str | None]:
    """(shapely geometry, None) for a usable GeoJSON geometry, else (None, why not).

    A point that passes the structure and range checks is always valid, so it never goes through
    shapely (None is returned in place of the shape): building one shapely object per point was most
    of the time a 100,000-site gazetteer took to load.
    """
    problem = _structure_problem(geometry)
    if problem:
        return None, problem
    if geometry["type"] == "Point":
        return None, None
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
    if type(geometry) is not dict or len(geometry) != 2 or geometry.get("type") != "Point":
        return False
    coords = geometry.get("coordinates")
    if type(coords) is not list or len(coords) != 2:
        return False
    lon, lat = coords
    return type(lon) in _NUMBER and type(lat) in _NUMBER and -180 <= lon <= 180 and -90 <= lat <= 90


def _pooled(pool: dict[str, str], value: str) -> str:
    return pool.setdefault(value, value)


MAX_RADIUS_KM = 1000.0
"""A site's own radius (radius_km) beyond this says nothing a point could stand for."""

_TEXT_FIELDS = ("kind", "country", "coord_source", "provenance", "admin_region", "note")
"""Optional text properties: another type is reported and the field left out, the site kept."""


def _site(index: int, feature: Any, pool: dict[str, str] | None = None, warnings: list[str] | None = None) -> tuple[Site | None, str | None]:
    """A Site, or why the feature cannot be one. What is wrong with an optional field that can be
    left out is added to `warnings` instead, and the site kept without it.

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
        return None, 'missing "id"' if site_id is None else f'"id" must be a non-empty string, not {_show(site_id)}'
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        return None, 'missing "name"' if name is None else f'"name" must be a non-empty string, not {_show(name)}'
    if "bbox" in feature and (problem := bbox_problem(feature["bbox"], '"bbox"')) and warnings is not None:
        warnings.append(f"{problem}; left out (a feature's bbox is not used)")  # the site itself is fine
    geometry: Any = feature.get("geometry")  # a dict once _plain_point or _check_geometry passed it
    plain = _plain_point(geometry)
    geom, problem = (None, None) if plain else _check_geometry(geometry)
    if problem:
        return None, f'"geometry": {problem}'
    aliases = _strings(props.get("aliases"))
    if aliases is None:
        return None, '"aliases" must be a list of non-empty strings'
    exclude = _strings(props.get("exclude"))
    if exclude is None:
        return None, '"exclude" must be a list of non-empty strings'
    scope = _strings(props.get("scope"))
    if scope is None:
        return None, '"scope" must be a list of article ids (non-empty strings)'
    precision = props.get("precision", "approximate")
    if precision not in PRECISIONS:
        return None, f"precision {_show(precision)} is not one of {', '.join(PRECISIONS)}"
    point = props.get("point")
    if point is None:
        rep = (geom if geom is not None else shape(geometry)).representative_point() if geometry["type"] != "Point" else None
        point = [rep.x, rep.y] if rep is not None else geometry["coordinates"][:2]
    point_problem = None if plain and "point" not in props else _geometry_problem({"type": "Point", "coordinates": point})
    if point_problem:
        return None, f'"point": {point_problem}'
    get = props.get
    text = [get(f) for f in _TEXT_FIELDS]  # a list, not a dict: this runs for every one of 100,000 sites
    for i, value in enumerate(text):
        if value is not None and type(value) is not str:
            if warnings is not None:
                warnings.append(f'"{_TEXT_FIELDS[i]}" must be a string, not {_show(value)}; left out')
            text[i] = None
    kind_text, country, coord_source, provenance, region, note = text
    kind = (kind_text if kind_text is not None else "site").strip().lower().replace(" ", "-")
    if kind not in KINDS:
        if warnings is not None:
            warnings.append(f'"kind" {_show(kind_text)} is not a known kind of site (one of {", ".join(sorted(KINDS))}); shown as "site"')
        kind = "site"
    geometry["type"] = _pooled(pool, geometry["type"])
    region = region or None
    radius = props.get("radius_km", 0.0)
    if type(radius) not in _NUMBER or not 0 <= radius <= MAX_RADIUS_KM:
        if warnings is not None:
            warnings.append(f'"radius_km" must be a number of km from 0 to {MAX_RADIUS_KM:g}, not {_show(radius)}; left out')
        radius = 0.0
    return (
        Site(
            id=site_id.strip(),
            name=name.strip(),
            aliases=aliases,
            kind=_pooled(pool, kind),
            country=_pooled(pool, country or ""),
            precision=_pooled(pool, precision),
            coord_source=_pooled(pool, coord_source or ""),
            lon=float(point[0]),
            lat=float(point[1]),
            geometry=geometry,
            admin_region=_pooled(pool, region) if region is not None else None,
            exclude=exclude,
            note=note or None,
            provenance=_pooled(pool, provenance if provenance is not None else "gazetteer"),
            radius_km=float(radius),
            scope=scope,
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
    warnings: list[str] = []
    for index, feature in enumerate(features):
        site, problem = _site(index, feature, pool, warnings)
        if warnings:
            problems.extend(Problem(file, _where(index, feature), w) for w in warnings)
            warnings.clear()
        if site is None:
            problems.append(Problem(file, _where(index, feature), str(problem)))
            continue
        if site.id in ids:
            problems.append(Problem(file, _where(index, feature), f"duplicate id (already used by feature {ids[site.id]})"))
            continue
        names = () if site.scope else (site.name, *site.aliases)  # a scoped site's names are its articles' own
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
        raw = json_text(path)
    except FileError as exc:
        raise GazetteerError(f"{path}: {exc}") from exc
    streamed = _parse_streamed(raw, str(path))
    if streamed is not None:
        return streamed
    try:
        data = DECODER.decode(raw)
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"{path}: {bad_json(exc)}") from exc
    return parse_sites(data, str(path))


class _NotStreamable(Exception):
    """The text is not a plain FeatureCollection object: read it whole, as json.loads does."""


_DECODER = DECODER  # as load_sites decodes the whole text
_SPACE = lazy_compile(r"[ \t\n\r]*")  # JSON whitespace, as the json module skips it


def _parse_streamed(raw: str, file: str) -> tuple[list[Site], list[Problem]] | None:
    """parse_sites(json.loads(raw)) decoding one feature at a time, or None when the text is not a
    FeatureCollection object (or not valid JSON): the caller then does exactly that, errors and all.

    Each feature becomes a Site and is dropped before the next is decoded, so the parsed features
    (~150 MB of short-lived dicts, lists and floats at 100,000 sites) never exist all at once: that
    was the process's peak, and the memory it freed stayed scattered in the allocator's arenas.
    Results are only returned when the whole text was read and the top-level object is the one
    json.loads would give (no repeated key, "type" "FeatureCollection"), so they are the same.
    """
    space: Callable[[str, int], re.Match[str]] = _SPACE.match  # type: ignore[assignment]  # matches "": never None
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
            name, i = json.decoder.scanstring(raw, i + 1)  # type: ignore[attr-defined]  # missing from typeshed
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
    space: Callable[[str, int], re.Match[str]] = _SPACE.match  # type: ignore[assignment]  # matches "": never None
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
