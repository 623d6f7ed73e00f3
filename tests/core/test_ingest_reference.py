"""The ingest reference list (mapviewer/core/ingest/reference.py): every coordinate cites its source.

Three kinds of check, none needing the network:
  - form: every row has a source URL (or is explicitly UNSOURCED, with a note and a confidence low
    enough to be reviewed), a coordinate in range and a precision class;
  - transcription: where the row quotes the source's coordinate, the row's lat/lon is that coordinate;
  - independence: rows agree with sites.geojson, a separately sourced dataset, where both describe
    the same ground (the DMZ line, the Korean Peninsula outline, Pyongyang, Panghyon, Kursk and Donetsk
    oblasts).
"""

from __future__ import annotations

import itertools
import json
import math
import re

import pytest

from mapviewer import paths
from mapviewer.core.ingest import places
from mapviewer.core.ingest.kp_places import KP_PLACES
from mapviewer.core.ingest.reference import PRECISIONS, REFERENCE, UNSOURCED, Ref
from mapviewer.core.textnorm import key

ROWS = {r.name: r for r in REFERENCE}


def _row(name: str) -> Ref:
    return ROWS[name]


# ---------------------------------------------------------------- form


@pytest.mark.parametrize("row", REFERENCE, ids=[r.name for r in REFERENCE])
def test_every_row_is_sourced_or_marked(row: Ref) -> None:
    assert -90 <= row.lat <= 90 and -180 <= row.lon <= 180
    assert row.precision in PRECISIONS
    if row.source == UNSOURCED:
        assert row.note, "an unsourced row says why"
        assert not row.source_title and not row.source_coord
    else:
        assert re.match(r"https://[\w.-]+\.\w+/\S+$", row.source), row.source
        assert row.source_title and row.source_coord
        assert row.source in row.coord_source()


def test_names_and_aliases_are_unique() -> None:
    assert len(ROWS) == len(REFERENCE)
    owner: dict[tuple[str, ...], str] = {}
    for row in REFERENCE:
        for n in {key(x) for x in (row.name, *row.aliases)}:
            assert owner.setdefault(n, row.name) == row.name, f"{n} names both {owner[n]} and {row.name}"


def test_most_rows_are_sourced() -> None:
    unsourced = [r.name for r in REFERENCE if not r.sourced]
    assert len(unsourced) <= 3, unsourced


def test_unsourced_rows_are_placed_for_review() -> None:
    table, _ = places.reference_places()
    rows = {**{r.name: r for r in KP_PLACES}, **ROWS}  # the North Korean list's rows are reference places too
    seen = set()
    for place in table.values():
        row = rows[place.name]
        seen.add(row.name)
        conf = places.reference_confidence(place)
        if row.sourced:
            assert conf >= places.LOW_CONFIDENCE
            assert not place.coord_source.startswith(UNSOURCED)
        else:
            assert conf < places.LOW_CONFIDENCE
            assert place.coord_source.startswith(UNSOURCED)
        assert (place.lat, place.lon, place.precision) == (row.lat, row.lon, row.precision)
    assert set(ROWS) <= seen <= set(rows)


# ---------------------------------------------------------------- transcription


_DMS = re.compile(r"(\d+(?:\.\d+)?)\s*°\s*(?:(\d+(?:\.\d+)?)\s*′\s*)?(?:(\d+(?:\.\d+)?)\s*″\s*)?([NSEWO])")
_PAIR = re.compile(r"(-?\d+\.\d+)°?N?,?\s+(?:geo-lon\s+)?(-?\d+\.\d+)")


def _parse(text: str) -> tuple[float, float] | None:
    """The first coordinate a source string gives: degrees-minutes-seconds or a decimal pair."""
    parts = _DMS.findall(text)
    if len(parts) >= 2:
        vals = []
        for d, m, s, hemi in parts[:2]:
            v = float(d) + float(m or 0) / 60 + float(s or 0) / 3600
            vals.append(-v if hemi in "SW" else v)
        return vals[0], vals[1]
    m = _PAIR.search(text.replace("geo-lat ", ""))
    return (float(m.group(1)), float(m.group(2))) if m else None


def test_parser_reads_the_quoted_forms() -> None:
    assert _parse("39°39′36″N 124°42′18″E") == pytest.approx((39.66, 124.705))
    assert _parse("52° 56′ N, 33° 17′ O") == pytest.approx((52.9333, 33.2833), abs=1e-4)
    assert _parse("geo-lat 51.884, geo-lon 128.333") == (51.884, 128.333)
    assert _parse("42.25559, 130.28308") == (42.25559, 130.28308)
    assert _parse("no coordinate for the village") is None


def test_rows_use_the_coordinate_their_source_gives() -> None:
    checked = 0
    for row in REFERENCE:
        if not row.sourced:
            continue
        quoted = _parse(row.source_coord)
        if quoted is None:
            continue
        checked += 1
        d = places.distance_km((row.lat, row.lon), quoted)
        assert d < 1.0, f"{row.name}: row {row.lat}, {row.lon} is {d:.1f} km from the quoted {row.source_coord}"
    assert checked >= 40


# ---------------------------------------------------------------- independence: sites.geojson


@pytest.fixture(scope="module")
def sites() -> dict[str, dict]:
    data = json.loads(paths.BUNDLED_SITES.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f for f in data["features"]}


def _xy(lat: float, lon: float, lat0: float) -> tuple[float, float]:
    return math.radians(lon) * 6371.0 * math.cos(math.radians(lat0)), math.radians(lat) * 6371.0


def _to_line_km(lat: float, lon: float, line: list[list[float]]) -> float:
    """Distance from a point to a polyline of [lon, lat] vertices (local flat projection, fine below ~100 km)."""
    px, py = _xy(lat, lon, lat)
    best = math.inf
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(line):
        ax, ay = _xy(lat1, lon1, lat)
        bx, by = _xy(lat2, lon2, lat)
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


def _inside(lat: float, lon: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _point(sites: dict, site_id: str) -> tuple[float, float]:
    lon, lat = sites[site_id]["geometry"]["coordinates"]
    return lat, lon


def test_panmunjom_lies_on_the_dmz_line(sites: dict) -> None:
    line = sites["dmz"]["geometry"]["coordinates"]
    row = _row("Panmunjom")
    # the JSA straddles the Military Demarcation Line; the Natural Earth 1:10m line in sites.geojson is
    # generalised by a few km along this stretch (it runs ~4 km north of the JSA)
    assert _to_line_km(row.lat, row.lon, line) < 6.0


def test_dprk_points_lie_in_the_korean_peninsula(sites: dict) -> None:
    ring = sites["korean-peninsula"]["geometry"]["coordinates"][0]
    for row in REFERENCE:
        if row.country != "KP" or row.kind == "border-zone":
            continue
        # the outline has 55 vertices: coastal and border points (Sinpo, Sinuiju for North Pyongan) can fall
        # a few km outside it; the check catches swapped or mistyped coordinates, not metres
        ok = _inside(row.lat, row.lon, ring) or _to_line_km(row.lat, row.lon, ring) < 15.0
        assert ok, f"{row.name} at {row.lat}, {row.lon} is outside the Korean Peninsula outline"


def test_tumen_mouth_and_khasan_meet_the_peninsula_outline(sites: dict) -> None:
    ring = sites["korean-peninsula"]["geometry"]["coordinates"][0]
    tumen = _row("Tumen River")
    assert _to_line_km(tumen.lat, tumen.lon, ring) < 2.0  # the outline's NE corner is the river mouth
    for name in ("Khasan", "Tumangang"):
        row = _row(name)
        assert _to_line_km(row.lat, row.lon, ring) < 5.0, name  # the border town pair on the river


def test_pyongyang_area_sites_agree_with_pyongyang(sites: dict) -> None:
    pyongyang = _point(sites, "pyongyang")
    sunan = _row("Sunan International Airport")
    assert 18 <= places.distance_km(pyongyang, (sunan.lat, sunan.lon)) <= 30  # "24 km from the centre"
    kangson = _row("Kangson enrichment site")
    assert places.distance_km(pyongyang, (kangson.lat, kangson.lon)) <= 20  # "just outside Pyongyang"


def test_yongbyon_is_about_45_km_east_of_panghyon(sites: dict) -> None:
    # ISIS (2016): the Panghyon Aircraft Plant is "some 45 kilometers west of the Yongbyon nuclear site"
    panghyon = _point(sites, "panghyon-airbase")
    yongbyon = _row("Yongbyon Nuclear Scientific Research Center")
    d = places.distance_km(panghyon, (yongbyon.lat, yongbyon.lon))
    assert 38 <= d <= 55, d
    assert yongbyon.lon > panghyon[1]


@pytest.mark.parametrize(
    ("name", "polygon_id", "max_km"),
    [
        ("Belgorod Oblast", "kursk-oblast", 150),
        ("Bryansk Oblast", "kursk-oblast", 200),
        ("Kharkiv Oblast", "donetsk-oblast", 150),
        ("Luhansk Oblast", "donetsk-oblast", 150),
        ("Dnipropetrovsk Oblast", "donetsk-oblast", 150),
        ("Zaporizhzhia Oblast", "donetsk-oblast", 150),
    ],
)
def test_neighbouring_regions_sit_next_to_their_neighbour(sites: dict, name: str, polygon_id: str, max_km: float) -> None:
    ring = sites[polygon_id]["geometry"]["coordinates"][0]
    row = _row(name)
    assert not _inside(row.lat, row.lon, ring), f"{name} is drawn inside {polygon_id}"
    assert _to_line_km(row.lat, row.lon, ring) <= max_km
