"""Tests on the bundled offline basemap asset ``assets/basemap/world.js``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ASSET = Path(__file__).resolve().parents[1] / "assets" / "basemap" / "world.js"
PREFIX = "window.MAPVIEWER_BASEMAP = "
MAX_BYTES = 2_000_000


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    """The JSON object assigned by world.js."""
    text = ASSET.read_text(encoding="utf-8")
    start = text.index(PREFIX) + len(PREFIX)
    body = text[start:].strip()
    assert body.endswith(";")
    return json.loads(body[:-1])


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
    """Small enough to inline, and a plain global assignment (no modules)."""
    size = ASSET.stat().st_size
    assert 100_000 < size < MAX_BYTES, size
    text = ASSET.read_text(encoding="utf-8")
    assert PREFIX in text
    assert "export " not in text and "import " not in text


def test_metadata(payload: dict[str, Any]) -> None:
    """Attribution and layer collections are present."""
    assert "Natural Earth (public domain)" in payload["attribution"]
    for key in ("countries", "borders"):
        assert payload[key]["type"] == "FeatureCollection"
        assert payload[key]["features"]
    assert isinstance(payload["labels"], list) and payload["labels"]


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
def test_known_points_on_land(payload: dict[str, Any], lat: float, lon: float, expected: str) -> None:
    """Known cities fall in the right country polygon."""
    assert country_at(payload, lon, lat) == expected


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(40.0, 135.0), (0.0, -30.0), (43.0, 34.0)],  # Sea of Japan, Atlantic, Black Sea
)
def test_sea_points_not_on_land(payload: dict[str, Any], lat: float, lon: float) -> None:
    """Open-sea points are not covered by any country."""
    assert country_at(payload, lon, lat) is None


def test_country_names(payload: dict[str, Any]) -> None:
    """Key countries are present with their common English names."""
    names = {f["properties"]["name"] for f in payload["countries"]["features"]}
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


def test_coordinates_rounded(payload: dict[str, Any]) -> None:
    """Coordinates carry at most three decimals."""
    for feat in payload["countries"]["features"][:40]:
        for poly in _polygons(feat["geometry"]):
            for ring in poly:
                for x, y in ring:
                    assert round(x, 3) == x and round(y, 3) == y


def test_geometries_valid(payload: dict[str, Any]) -> None:
    """All geometries are valid and non-empty according to shapely."""
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import shape

    for key in ("countries", "borders", "lakes"):
        for feat in payload[key]["features"]:
            geom = shape(feat["geometry"])
            assert not geom.is_empty, (key, feat["properties"])
            assert geom.is_valid, (key, feat["properties"], shapely.is_valid_reason(geom))
