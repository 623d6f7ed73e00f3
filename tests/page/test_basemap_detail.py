"""The offline basemap at working zoom (issue 16): towns and villages named by size class, first-level
administrative units with their names, 1:10m coasts, loaded by zoom and area from the app's own scheme
(never the network), and a standalone export that carries only the cells its extent needs."""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from test_basemaps import wait_js
from test_export_browser import CHROMIUM, dump_dom, needs_chromium
from webwindow import js, js_json, pixels

from mapviewer import paths
from mapviewer.core import basemap_tiles
from mapviewer.core.export_html import standalone_html
from mapviewer.core.filters import Filter

SUDZHA = (51.19, 35.27)
AZOV_WATER = (46.0, 36.9)  # the middle of the Sea of Azov
AZOV_SHORE_LAND = (46.95, 36.45)  # inland, north of Berdyansk
AZOV_SOUTH_WATER = (45.7, 36.0)  # north of the Kerch peninsula: water
SEA = (0xDD, 0xE8, 0xEF)
LAND = (0xF2, 0xEE, 0xE6)
MAP = "Object.keys(window).map(function (k) { return window[k]; }).filter(function (v) { return v instanceof L.Map; })[0]"
HIDE_SITES = """document.querySelectorAll('.leaflet-overlay-pane, .leaflet-marker-pane, .leaflet-mv-areas-pane,'
  + ' .leaflet-mv-points-pane, .leaflet-mv-outlines-pane, .leaflet-mv-labels-pane, .leaflet-control-container')
  .forEach(function (p) { p.style.visibility = 'hidden'; }); true"""


DRAWN = """(function () {
  var t = document.querySelectorAll('.leaflet-basemapDetail-pane .leaflet-tile');
  if (!t.length) return false;
  for (var i = 0; i < t.length; i++) if (!t[i].classList.contains('leaflet-tile-loaded')) return false;
  return MapviewerBasemapDetail.placed().length > 0;
})()"""


def go(qtbot, view, lat: float, lon: float, zoom: float) -> list[dict]:
    js(qtbot, view, f"mapviewer.setCenterZoom({lat}, {lon}, {zoom})")
    wait_js(qtbot, view, f"{MAP}.getZoom() === {zoom} && " + DRAWN)
    qtbot.wait(100)
    wait_js(qtbot, view, DRAWN)
    return js_json(qtbot, view, "MapviewerBasemapDetail.placed()")


@pytest.fixture(scope="module")
def requests(shared_view):
    """Every URL the shared view's page asks for from here on (an interceptor on its profile)."""
    from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor

    class Recorder(QWebEngineUrlRequestInterceptor):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        def interceptRequest(self, info) -> None:
            self.urls.append(info.requestUrl().toString())

    rec = Recorder()
    profile = shared_view.page().profile()
    profile.setUrlRequestInterceptor(rec)
    yield rec.urls
    profile.setUrlRequestInterceptor(None)


def test_start_up_loads_nothing_of_it(qtbot, shared_view):
    """The page opens at world zoom: no cell and no index is asked for (start-up does not grow)."""
    assert js(qtbot, shared_view, f"{MAP}.getZoom()") < 5
    assert js_json(qtbot, shared_view, "MapviewerBasemapDetail.requested()") == []
    assert "basemap/detail/" not in js(qtbot, shared_view, "document.documentElement.outerHTML")


def test_sudzha_is_named_at_zoom_10_from_cells_of_the_app_scheme_only(qtbot, shared_view, requests):
    placed = go(qtbot, shared_view, *SUDZHA, 10)
    names = {p["name"] for p in placed if p["kind"] == "place"}
    assert "Sudzha" in names, sorted(names)
    assert {"Korenevo", "Yunakivka"} & names, sorted(names)  # villages around it too
    asked = js_json(qtbot, shared_view, "MapviewerBasemapDetail.requested()")
    assert "index" in asked and all(re.fullmatch(r"index|f/\d+_\d+", k) for k in asked), asked
    assert len([k for k in asked if k.startswith("f/")]) <= 4  # the view's area, not the world
    label = js(qtbot, shared_view, "document.querySelector('.leaflet-basemapLabels-pane canvas').getAttribute('aria-label')")
    assert "Sudzha" in label
    # Offline: nothing but the app's own scheme (and Qt's resources) was asked for.
    assert requests, "the interceptor saw nothing"
    foreign = [u for u in requests if not u.startswith(("app://map/", "qrc:", "data:", "blob:"))]
    assert foreign == []
    cells = [u for u in requests if "/basemap/detail/" in u]
    assert cells and all(u.startswith("app://map/assets/basemap/detail/") for u in cells)


def test_tiles_over_cells_already_here_are_shown(qtbot, shared_view):
    """Panning and zooming back over cells the page has: every tile is drawn and shown (Leaflet hides
    a tile until it is reported loaded)."""
    go(qtbot, shared_view, *SUDZHA, 10)
    js(qtbot, shared_view, f"{MAP}.panBy([200, 120], {{animate: false}}); true")
    wait_js(qtbot, shared_view, DRAWN, timeout=10)
    js(qtbot, shared_view, f"{MAP}.setZoom(9, {{animate: false}}); true")
    wait_js(qtbot, shared_view, DRAWN, timeout=10)
    js(qtbot, shared_view, f"{MAP}.setZoom(10, {{animate: false}}); true")
    wait_js(qtbot, shared_view, DRAWN, timeout=10)


def test_towns_by_size_class_and_oblast_names_at_zoom_7(qtbot, shared_view):
    placed = go(qtbot, shared_view, 51.5, 36.5, 7)
    places = [p["name"] for p in placed if p["kind"] == "place"]
    admin = [p["name"] for p in placed if p["kind"] == "admin1"]
    assert "Kursk" in places and "Belgorod" in places, places
    assert "Sudzha" not in places  # 6,940 people: a village-sized place is not named at this scale
    assert {"Belgorod Oblast", "Voronezh Oblast", "Oryol Oblast", "Kursk Oblast"} & set(admin), admin
    assert 10 <= len(placed) <= 400


def share_near(qtbot, view, px, at: tuple[float, float], ref: tuple[int, int, int]) -> float:
    """How much of the 31 x 31 px around `at` (lat, lon) in the view's picture `px` is `ref` (a name or a line
    may cross it)."""
    pt = js_json(qtbot, view, f"{MAP}.latLngToContainerPoint([{at[0]}, {at[1]}])")
    x, y = round(pt["x"]), round(pt["y"])
    patch = px[y - 15 : y + 16, x - 15 : x + 16].reshape(-1, 3)
    return float((abs(patch - ref).max(axis=1) <= 6).mean())


def test_sea_of_azov_coast_at_zoom_8(qtbot, shared_view):
    go(qtbot, shared_view, 46.2, 36.5, 8)
    js(qtbot, shared_view, HIDE_SITES)
    qtbot.wait(200)
    image = shared_view.grab().toImage()
    px = pixels(image)

    try:
        assert share_near(qtbot, shared_view, px, AZOV_WATER, SEA) > 0.9
        assert share_near(qtbot, shared_view, px, AZOV_SHORE_LAND, LAND) > 0.6
        assert share_near(qtbot, shared_view, px, AZOV_SOUTH_WATER, SEA) > 0.9
    finally:
        js(qtbot, shared_view, HIDE_SITES.replace("'hidden'", "''"))


def test_korean_peninsula_coast_at_zoom_8(qtbot, shared_view):
    """Issue 16: the peninsula's outline follows the coast at zoom 8 (the world map's cut across it): Korea Bay, the
    Yellow Sea and the East Sea are water, the interior north and south of Pyongyang and by Wonsan is land."""
    go(qtbot, shared_view, 38.9, 126.3, 8)
    js(qtbot, shared_view, HIDE_SITES)
    qtbot.wait(200)
    px = pixels(shared_view.grab().toImage())

    try:
        for water in ((39.3, 124.6), (38.2, 124.3), (39.3, 128.2)):  # Korea Bay, the Yellow Sea, the East Sea off Wonsan
            assert share_near(qtbot, shared_view, px, water, SEA) > 0.9, water
        for land in ((39.6, 126.5), (38.5, 126.9), (38.9, 127.2)):  # South Pyongan's hills, North Hwanghae, inland of Wonsan
            assert share_near(qtbot, shared_view, px, land, LAND) > 0.6, land
    finally:
        js(qtbot, shared_view, HIDE_SITES.replace("'hidden'", "''"))


def test_online_basemap_covers_it(qtbot, shared_view):
    """The detail panes lie below Leaflet's tile pane: an online layer, when shown, is drawn over them."""
    z = json.loads(
        js(
            qtbot,
            shared_view,
            "JSON.stringify(['basemapDetail', 'basemapLabels', 'tilePane'].map(function (n) { return +"
            f"window.getComputedStyle({MAP}.getPane(n)).zIndex; }}))",
        )
    )
    assert z[0] < z[2] and z[1] < z[2], z


# ---- the standalone export ------------------------------------------------------------------------


def _cells(html: str) -> list[str]:
    return re.findall(r"MapviewerBasemapDetail\.add\('([a-z]/\d+_\d+)'", html)


def test_export_carries_only_the_cells_of_its_extent(ws):
    small = standalone_html(ws, Filter(), bbox=(35.0, 51.0, 35.5, 51.4))
    world = standalone_html(ws, Filter())  # fitted to every site: Paris to Vladivostok
    small_cells, world_cells = _cells(small), _cells(world)
    assert any(c.startswith("f/") for c in small_cells) and len(small_cells) <= 6, small_cells
    assert not any(c.startswith("f/") for c in world_cells), world_cells  # too wide for the fine level
    everything = sum(p.stat().st_size for p in (paths.BASEMAP_ASSETS / "detail").rglob("*.js"))
    assert len(small.encode()) - len(world.encode()) < 0.05 * everything
    assert len(small.encode()) < 3_500_000
    idx = json.loads(re.search(r"MapviewerBasemapDetail\.add\('index',JSON\.parse\('(.*?)'\)\);", small).group(1))
    assert idx["complete"] is False and sorted(k for keys in idx["cells"].values() for k in keys) == sorted(small_cells)


def test_export_cell_scripts_are_the_built_files(ws):
    html = standalone_html(ws, Filter(), bbox=(35.0, 51.0, 35.5, 51.4))
    for key in _cells(html):
        text = (paths.BASEMAP_ASSETS / "detail" / f"{key}.js").read_text(encoding="utf-8")
        assert text.strip() in html
    assert basemap_tiles.index() is not None


@needs_chromium
def test_exported_html_names_sudzha_in_chromium(ws, tmp_path: Path):
    assert CHROMIUM
    page = tmp_path / "sudzha.html"
    page.write_text(standalone_html(ws, Filter(), view=(SUDZHA[0], SUDZHA[1], 10.0)), encoding="utf-8")
    out = dump_dom(page, tmp_path)
    assert 'data-mv-error="' not in out
    m = re.search(r'aria-label="Basemap names: ([^"]*)"', out)
    assert m, "no basemap names on the page"
    assert "Sudzha" in m.group(1).split(", ")


# ---- area sites from real boundaries --------------------------------------------------------------


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _inside(geometry: dict, lon: float, lat: float) -> bool:
    """Even-odd point in (multi)polygon."""
    hit = False
    for polygon in _rings(geometry):
        for ring in polygon:
            for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    hit = not hit
    return hit


def _area_km2(geometry: dict) -> float:
    """Area on the sphere (the shoelace sum of an equal-area cylindrical projection)."""

    r = 6371.0088
    total = 0.0
    for polygon in _rings(geometry):
        for k, ring in enumerate(polygon):
            s = sum(
                math.radians(x2 - x1) * (math.sin(math.radians(y1)) + math.sin(math.radians(y2)))
                for (x1, y1), (x2, y2) in itertools.pairwise(ring)
            )
            total += abs(s) * r * r / 2 * (1 if k == 0 else -1)
    return total


@pytest.fixture(scope="module")
def areas() -> dict[str, dict]:
    data = json.loads(Path(paths.BUNDLED_SITES).read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f for f in data["features"]}


# Official areas: Kursk Oblast 29,997 km², Donetsk Oblast 26,517 km², Gaza Strip 365 km², the
# Siberian Federal District (ten subjects since 2018) 4,361,800 km².
@pytest.mark.parametrize(
    ("site", "km2", "tolerance"),
    [("kursk-oblast", 29_997, 0.05), ("donetsk-oblast", 26_517, 0.05), ("gaza-strip", 365, 0.10), ("siberia", 4_361_800, 0.06)],
)
def test_area_sites_have_their_real_size(areas, site, km2, tolerance):
    feature = areas[site]
    assert "Natural Earth 1:10m" in feature["properties"]["coord_source"]
    assert abs(_area_km2(feature["geometry"]) - km2) / km2 < tolerance, _area_km2(feature["geometry"])


@pytest.mark.parametrize(
    ("site", "inside", "outside"),
    [
        ("korean-peninsula", [(125.75, 39.02), (126.98, 37.57), (129.04, 35.18)], [(124.0, 37.0), (130.0, 39.0), (126.5, 33.4)]),
        ("siberia", [(82.92, 55.03), (104.3, 52.29), (92.87, 56.01)], [(129.73, 62.03), (60.6, 56.84), (113.5, 52.03)]),
        ("donbas", [(37.8, 48.0), (39.3, 48.57)], [(36.25, 50.0), (35.0, 47.8)]),
        ("southern-lebanon", [(35.37, 33.27), (35.48, 33.38)], [(35.5, 33.89), (35.2, 32.8)]),
        ("gaza-strip", [(34.45, 31.5)], [(34.8, 31.25)]),
    ],
)
def test_area_sites_cover_their_places_and_not_the_sea_or_neighbours(areas, site, inside, outside):
    """Pyongyang, Seoul, Busan on the peninsula; the Yellow Sea, the East Sea and Jeju off it.
    Novosibirsk, Irkutsk, Krasnoyarsk in the Siberian district; Yakutsk, Yekaterinburg, Chita not."""
    geometry = areas[site]["geometry"]
    assert all(_inside(geometry, *p) for p in inside)
    assert not any(_inside(geometry, *p) for p in outside)
