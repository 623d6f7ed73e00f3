"""Basemaps in the real window (issue 5): the offline world map draws land and borders with no network;
online layers are switched in place and fall back to the offline map when their tiles fail. Issue 7:
the basemap's detail part is not loaded with the page but right after it, and drawn (in the window,
PNG exports and standalone HTML) wherever the view is zoomed in."""

from __future__ import annotations

import json
import shutil
import time

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import dispose, dominant_colours, js, map_image, near_mask, pixels, share_near, state

from mapviewer import paths
from mapviewer.core import assets
from mapviewer.core.export_html import standalone_html
from mapviewer.core.filters import Filter
from mapviewer.core.mappage import BASEMAPS, ONLINE_BASEMAPS, build_page

pytestmark = pytest.mark.webengine

SEA = "#dde8ef"
LAND = "#f2eee6"
KOREA_WEST_COAST = (124.6, 34.0, 127.0, 36.2)  # W, S, E, N: the south-west coast and its islands
# Every basemap tile drawn (a tile waiting for the detail part is not "loaded" yet).
TILES_DRAWN = """(function () {
  var tiles = document.querySelectorAll('.leaflet-basemap-pane .leaflet-tile, .leaflet-mvlow-pane .leaflet-tile');
  if (!tiles.length) return false;
  for (var i = 0; i < tiles.length; i++) if (!tiles[i].classList.contains('leaflet-tile-loaded')) return false;
  return true;
})()"""


def test_offline_map_draws_sea_land_and_borders(qtbot, window):
    wait_js(qtbot, window, TILES_DRAWN)  # at the first view's zoom (3 in a wide map) tiles wait for the detail part
    image = map_image(qtbot, window)
    assert pixels(image).std() > 10
    top = dominant_colours(image)[:2]
    assert sum(share for _c, share in top) < 0.95, top  # not one uniform background
    assert share_near(image, SEA) > 0.15, dominant_colours(image)[:5]
    assert share_near(image, LAND) > 0.10, dominant_colours(image)[:5]
    # Borders and coasts: darker lines through the land, neither sea nor land nor white.
    px = pixels(image)
    darker = (px.sum(axis=-1) < 600) & (px.sum(axis=-1) > 300)
    assert darker.mean() > 0.005
    assert state(qtbot, window)["basemapDrawn"] is True


def test_basemap_menu_lists_every_basemap(window):
    assert list(window.basemap_actions) == list(BASEMAPS)
    assert window.basemap_actions["offline"].isChecked()
    labels = [a.text() for a in window.basemap_actions.values()]
    assert all(any(BASEMAPS[k] in label for label in labels) for k in BASEMAPS)
    assert sum(a.isChecked() for a in window.basemap_actions.values()) == 1


def test_choosing_a_basemap_switches_in_place(qtbot, window):
    loads = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    for key in ONLINE_BASEMAPS:
        window.basemap_actions[key].trigger()
        assert window.basemap_actions[key].isChecked()
        assert state(qtbot, window)["basemap"] in (key, "offline")  # "offline" once its tiles failed
        window.basemap_actions["offline"].trigger()
        assert state(qtbot, window)["basemap"] == "offline"
    assert loads == []


def test_failing_tiles_fall_back_to_the_offline_map(qtbot, window):
    """The test machine has no network: OpenStreetMap's tiles fail and the offline map returns."""
    loads = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    started = time.monotonic()
    with qtbot.waitSignal(window.map.basemapFallback, timeout=15000) as sig:
        window.basemap_actions["osm"].trigger()
    assert sig.args == ["osm"]
    assert time.monotonic() - started < 12
    assert state(qtbot, window)["basemap"] == "offline"
    assert window.basemap == "offline"
    assert window.basemap_actions["offline"].isChecked()
    assert "did not load" in window.statusBar().currentMessage()
    assert loads == []


# The sites, areas and their labels hidden: only the basemap is compared.
HIDE_OVERLAYS = """document.querySelectorAll('.leaflet-overlay-pane, .leaflet-marker-pane, .leaflet-mv-areas-pane,'
  + ' .leaflet-mv-points-pane, .leaflet-mv-outlines-pane, .leaflet-mv-labels-pane')
  .forEach(function (p) { p.style.visibility = 'hidden'; }); true"""


# ---- issue 7: the detail part --------------------------------------------------------------------


def wait_js(qtbot, window, script: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while not (value := js(qtbot, window, script)):
        assert time.monotonic() < deadline, f"timed out waiting for {script[:80]}"
        qtbot.wait(50)
    return value


def coast_pixels(image) -> int:
    """Land pixels within 3 px of sea pixels: how much coastline the view shows."""
    px = pixels(image)
    land, sea = near_mask(px, LAND, 10), near_mask(px, SEA, 10)
    near_sea = sea.copy()
    for d in range(1, 4):
        near_sea[d:] |= sea[:-d]
        near_sea[:-d] |= sea[d:]
        near_sea[:, d:] |= sea[:, :-d]
        near_sea[:, :-d] |= sea[:, d:]
    return int((land & near_sea).sum())


def test_page_loads_the_detail_part_after_ready_and_draws_the_korean_coast_with_it(qtbot, window, ws):
    assert "world-detail" not in build_page(ws)  # not one of the page's scripts
    wait_js(qtbot, window, "MapviewerBasemap.detailState() === 'loaded'")  # fetched soon after, unasked
    info = json.loads(js(qtbot, window, "JSON.stringify(MapviewerBasemap.detailInfo())"))
    ready_at = js(qtbot, window, "mapviewer.timing.navToInit + mapviewer.timing.init")
    # Soon after the page is ready, unasked (or by the first tiles, when a wide window's first view is at
    # world.js's detail min_zoom 3): never left to the first zoom in.
    assert info["requested"] < ready_at + 1500, (info, ready_at)
    assert js(qtbot, window, "document.querySelectorAll('script[src$=\"basemap/world-detail.js\"]').length") == 1

    js(qtbot, window, "mapviewer.setView({}, {}, {}, {})".format(*KOREA_WEST_COAST))
    js(qtbot, window, HIDE_OVERLAYS)
    assert state(qtbot, window)["zoom"] >= 6
    wait_js(qtbot, window, TILES_DRAWN)
    detailed = map_image(qtbot, window)
    # The same view drawn from world.js alone (the light part loaded with the page), instead of it.
    js(
        qtbot,
        window,
        """(function () {
          var map = Object.keys(window).map(function (k) { return window[k]; })
            .filter(function (v) { return v instanceof L.Map; })[0];
          document.querySelector('.leaflet-basemap-pane').style.display = 'none';
          // and the working-zoom detail drawn over it (mv-basemap-detail.js, issue 16)
          document.querySelectorAll('.leaflet-basemapDetail-pane, .leaflet-basemapLabels-pane')
            .forEach(function (p) { p.style.display = 'none'; });
          var light = Object.assign({}, window.MAPVIEWER_BASEMAP, { detail: null });
          MapviewerBasemap.layer(light, { pane: 'mvlow', map: map });
          return true;
        })()""",
    )
    wait_js(qtbot, window, TILES_DRAWN)
    light = map_image(qtbot, window)
    assert share_near(detailed, LAND) > 0.1 and share_near(detailed, SEA) > 0.1  # coast in view
    assert coast_pixels(detailed) > 2 * coast_pixels(light), (coast_pixels(detailed), coast_pixels(light))


def _render(ws, bbox):
    from mapviewer.qt.render import render_image

    return render_image(ws, ws.filter(Filter()), (700, 500), 1.0, "offline", bbox, None, 60.0)


def test_png_export_zoomed_in_waits_for_the_detail_part(qapp, ws, tmp_path, monkeypatch):
    detailed, st = _render(ws, KOREA_WEST_COAST)
    assert st["zoom"] >= 6 and st["basemapDrawn"] is True
    # Without the detail part (not found) the tiles are drawn from world.js and the export still finishes.
    light_only = tmp_path / "basemap"
    light_only.mkdir()
    shutil.copy(paths.ASSETS / "basemap" / "world.js", light_only / "world.js")
    monkeypatch.setitem(assets.ASSET_DIRS, "basemap", light_only)
    light, _ = _render(ws, KOREA_WEST_COAST)
    assert coast_pixels(detailed) > 2 * coast_pixels(light), (coast_pixels(detailed), coast_pixels(light))


def test_standalone_html_inlines_the_detail_part_and_draws_it(qtbot, ws, tmp_path):
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    html = standalone_html(ws, Filter(), bbox=KOREA_WEST_COAST)
    world = html.index("window.MAPVIEWER_BASEMAP = ")
    assert html.count("window.MAPVIEWER_BASEMAP_DETAIL = ") == 1
    assert world < html.index("window.MAPVIEWER_BASEMAP_DETAIL = ") < html.index("window.MapviewerBasemap = ")
    page = tmp_path / "map.html"
    page.write_text(html, encoding="utf-8")
    view = QWebEngineView()
    try:
        view.resize(700, 500)
        with qtbot.waitSignal(view.loadFinished, timeout=20000):
            view.show()
            view.load(QUrl.fromLocalFile(str(page)))

        def run(script: str):
            box = []
            view.page().runJavaScript(script, 0, box.append)
            qtbot.waitUntil(lambda: bool(box), timeout=5000)
            return box[0]

        deadline = time.monotonic() + 20
        while not run("!!(window.mapviewer && mapviewer.ready) && " + TILES_DRAWN):
            assert time.monotonic() < deadline
            qtbot.wait(50)
        info = run("JSON.stringify(MapviewerBasemap.detailInfo())")
        assert json.loads(info) == {"state": "loaded", "requested": None, "loaded": None}  # on the page: never fetched
        assert json.loads(run("mapviewer.state()"))["zoom"] >= 6
    finally:
        dispose(view)
