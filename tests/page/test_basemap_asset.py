"""Tests on the bundled offline basemap assets ``assets/basemap/world.js`` (the light world loaded with
the page) and ``world-detail.js`` (the detailed part basemap.js loads when the view needs it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mapviewer.core import assets

ASSET = Path(__file__).resolve().parents[2] / "assets" / "basemap" / "world.js"
DETAIL = ASSET.with_name("world-detail.js")
PREFIX = "window.MAPVIEWER_BASEMAP = "
DETAIL_PREFIX = "window.MAPVIEWER_BASEMAP_DETAIL = "
MAX_BYTES = 2_000_000
MAX_START_BYTES = 500_000  # parsed and drawn before the map is ready: start-up budget (issue 7)


def _read(path: Path, prefix: str) -> dict[str, Any]:
    """The payload of `window.X = JSON.parse('...');` (a JSON string is parsed faster than a literal)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(prefix) + len(prefix)
    body = text[start:].strip()
    assert body.startswith("JSON.parse('") and body.endswith("');") and "\n" not in body
    literal = body[len("JSON.parse('") : -len("');")]
    assert re.search(r"(?<!\\)(?:\\\\)*'", literal) is None  # no quote ends the string early
    return json.loads(re.sub(r"\\(.)", r"\1", literal))  # the writer escapes only \\ and '


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    """The JSON object assigned by world.js."""
    return _read(ASSET, PREFIX)


@pytest.fixture(scope="module")
def detail() -> dict[str, Any]:
    """The JSON object assigned by world-detail.js."""
    return _read(DETAIL, DETAIL_PREFIX)


@pytest.fixture(scope="module", params=["world", "detail"])
def part(request, payload, detail) -> dict[str, Any]:
    """Each part in turn: both must be a correct map on their own."""
    return payload if request.param == "world" else detail


def _polygons(geom: dict[str, Any]) -> Iterator[list[list[list[float]]]]:
    """Yield the polygons (lists of rings) of a GeoJSON (Multi)Polygon."""
    if geom["type"] == "Polygon":
        yield geom["coordinates"]
    elif geom["type"] == "MultiPolygon":
        yield from geom["coordinates"]
    else:
        raise AssertionError(f"unexpected geometry type {geom['type']}")


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Even-odd ray casting test."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def country_at(payload: dict[str, Any], lon: float, lat: float) -> str | None:
    """Name of the country polygon covering (lon, lat), or None for sea."""
    for feat in payload["countries"]["features"]:
        for poly in _polygons(feat["geometry"]):
            if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, h) for h in poly[1:]):
                return feat["properties"]["name"]
    return None


def test_asset_size_and_wrapper() -> None:
    """Small enough to inline, and a plain global assignment (no modules); the part loaded with the page
    is small (start-up), the detail part is the bigger one."""
    size = ASSET.stat().st_size
    assert 100_000 < size < MAX_START_BYTES, size
    detail_size = DETAIL.stat().st_size
    assert 2 * size < detail_size < MAX_BYTES, detail_size
    for path, prefix in ((ASSET, PREFIX), (DETAIL, DETAIL_PREFIX)):
        text = path.read_text(encoding="utf-8")
        assert prefix in text
        assert "export " not in text and "import " not in text


def test_world_names_its_detail_part_and_the_app_may_serve_it(payload: dict[str, Any]) -> None:
    """world.js says which file basemap.js loads and from which tile zoom; the scheme handler's
    whitelist serves it and the standalone export knows to inline it."""
    info = payload["detail"]
    assert info["file"] == DETAIL.name
    assert isinstance(info["min_zoom"], int) and 2 <= info["min_zoom"] <= 5
    assert assets.resolve("basemap/" + info["file"]) == DETAIL.resolve()
    assert "basemap/world.js" in assets.PAGE_SCRIPTS
    assert "basemap/" + info["file"] not in assets.PAGE_SCRIPTS  # not loaded with the page
    assert assets.LAZY_SCRIPTS["basemap/world.js"] == ("basemap/" + info["file"],)


def test_metadata(part: dict[str, Any]) -> None:
    """Attribution and layer collections are present."""
    assert "Natural Earth (public domain)" in part["attribution"]
    for key in ("countries", "borders", "lakes"):
        assert part[key]["type"] == "FeatureCollection"
        assert part[key]["features"]


def test_labels_come_with_the_page(payload: dict[str, Any]) -> None:
    assert isinstance(payload["labels"], list) and payload["labels"]


def _vertices(feature: dict[str, Any]) -> int:
    return sum(len(ring) for poly in _polygons(feature["geometry"]) for ring in poly)


def test_both_parts_have_every_country_and_the_detail_part_is_finer(payload: dict[str, Any], detail: dict[str, Any]) -> None:
    """Same countries in the same order; the detailed coastlines have many more vertices, most of all
    in the detail boxes (the Korean west coast, Ukraine)."""
    low = {f["properties"]["name"]: f for f in payload["countries"]["features"]}
    fine = {f["properties"]["name"]: f for f in detail["countries"]["features"]}
    assert list(low) == list(fine)
    assert sum(map(_vertices, fine.values())) > 2 * sum(map(_vertices, low.values()))
    for name in ("South Korea", "North Korea", "Ukraine"):
        assert _vertices(fine[name]) > 4 * _vertices(low[name]), name


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (39.03, 125.75, "North Korea"),  # Pyongyang
        (37.57, 126.98, "South Korea"),  # Seoul
        (51.73, 36.19, "Russia"),  # Kursk
        (50.45, 30.52, "Ukraine"),  # Kyiv
        (48.86, 2.35, "France"),  # Paris
    ],
)
def test_known_points_on_land(part: dict[str, Any], lat: float, lon: float, expected: str) -> None:
    """Known cities fall in the right country polygon."""
    assert country_at(part, lon, lat) == expected


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(40.0, 135.0), (0.0, -30.0), (43.0, 34.0)],  # Sea of Japan, Atlantic, Black Sea
)
def test_sea_points_not_on_land(part: dict[str, Any], lat: float, lon: float) -> None:
    """Open-sea points are not covered by any country."""
    assert country_at(part, lon, lat) is None


def test_country_names(payload: dict[str, Any], part: dict[str, Any]) -> None:
    """Key countries are present with their common English names."""
    names = {f["properties"]["name"] for f in part["countries"]["features"]}
    assert {"North Korea", "South Korea", "Ukraine", "Russia"} <= names
    label_names = {lab["name"] for lab in payload["labels"]}
    assert {"North Korea", "Ukraine", "Russia"} <= label_names


def test_labels(payload: dict[str, Any]) -> None:
    """Labels have sane coordinates, and small countries label later than big ones."""
    by_name = {lab["name"]: lab for lab in payload["labels"]}
    for lab in payload["labels"]:
        assert -180 <= lab["lon"] <= 180 and -90 <= lab["lat"] <= 90
        assert 0 <= lab["minzoom"] <= 12
    assert by_name["Russia"]["minzoom"] < by_name["Ukraine"]["minzoom"]
    assert by_name["Ukraine"]["minzoom"] < by_name["Luxembourg"]["minzoom"]
    assert by_name["Russia"]["minzoom"] <= 2
    assert country_at(payload, by_name["Ukraine"]["lon"], by_name["Ukraine"]["lat"]) == "Ukraine"


def test_coordinates_rounded(part: dict[str, Any]) -> None:
    """Coordinates carry at most three decimals."""
    for feat in part["countries"]["features"][:40]:
        for poly in _polygons(feat["geometry"]):
            for ring in poly:
                for x, y in ring:
                    assert round(x, 3) == x and round(y, 3) == y


def test_geometries_valid(part: dict[str, Any]) -> None:
    """All geometries are valid and non-empty according to shapely."""
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import shape

    for key in ("countries", "borders", "lakes"):
        for feat in part[key]["features"]:
            geom = shape(feat["geometry"])
            assert not geom.is_empty, (key, feat["properties"])
            assert geom.is_valid, (key, feat["properties"], shapely.is_valid_reason(geom))
