"""Working on the map itself (issue 19), in a real QtWebEngine page offscreen: overlapping markers spread
apart on a click and each opens its own site; a label never names another site than the one a click
there opens; uncertain locations are drawn with their radius and say why; the map's own context menu
(never the browser's); measuring a distance; Escape from anywhere; copying a passage's citation;
popups kept clear of the map's controls."""

from __future__ import annotations

import functools
import json
import math
import re

import numpy as np
import pytest
import webwindow

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from webwindow import CLOSE_POPUP, dispose, open_map_view, open_window, pixels

from mapviewer.core.citation import format_citation
from mapviewer.core.filters import Filter
from mapviewer.core.mapdata import payload
from mapviewer.core.style import CERTAINTY_COLOURS
from mapviewer.core.workspace import Workspace
from mapviewer.qt.mapview import MapView

pytestmark = pytest.mark.webengine

js = functools.partial(webwindow.js, timeout=10000)
js_json = functools.partial(webwindow.js_json, timeout=10000)
state = functools.partial(webwindow.state, timeout=10000)

SIZE = (1200, 800)
EARTH_KM = 6371.0088


@pytest.fixture
def view(qtbot, shared_view):
    js(qtbot, shared_view, "mapviewer.stopMeasure(); mapviewer.escape(); mapviewer.escape(); mapviewer.fitVisible(); " + CLOSE_POPUP + "; 0")
    return shared_view


def grab(qtbot, view) -> np.ndarray:
    """The view's pixels now (after a short wait: a grab right after a change can show the frame before)."""
    qtbot.wait(200)
    return pixels(view.grab().toImage())


def frame(qtbot, view) -> None:
    js(qtbot, view, "window.__f = 0; requestAnimationFrame(function () { requestAnimationFrame(function () { window.__f = 1; }); })")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.__f") == 1, timeout=5000)


def click(qtbot, view: MapView, x: float, y: float, button=Qt.MouseButton.LeftButton) -> None:
    target = view.focusProxy()
    assert target is not None
    qtbot.mouseMove(target, QPoint(round(x), round(y)))
    qtbot.mouseClick(target, button, pos=QPoint(round(x), round(y)))


def marker_point(qtbot, view, site_id: str) -> tuple[float, float]:
    x, y = js_json(qtbot, view, f"JSON.parse(mapviewer.markerPoint({json.dumps(site_id)}))")
    return x, y


def settled_point(qtbot, view, site_id: str) -> tuple[float, float]:
    """The marker's point once the map stands still (a popup's auto-pan animates)."""
    last = None
    for _ in range(30):
        point = marker_point(qtbot, view, site_id)
        if point == last:
            return point
        last = point
        qtbot.wait(100)
    return last


def labels(qtbot, view) -> list[list]:
    return js_json(
        qtbot,
        view,
        "Array.from(document.querySelectorAll('.mv-label')).map(function (e) {"
        " var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, e.textContent]; })",
    )


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Independent of the page's: the great-circle distance by the haversine formula."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


# ---- overlapping markers ---------------------------------------------------------------------------


def test_overlapping_markers_spread_with_leader_lines_and_each_opens_its_own_site(qtbot, view, ws):
    """Toretsk is 2.5 km from Pivnichne, Panghyon air base 5 km from Kusong: one marker each at zoom 7."""
    for pair in (("pivnichne", "toretsk"), ("kusong", "panghyon-airbase")):
        a, b = (ws.site_by_id[s] for s in pair)
        js(qtbot, view, f"mapviewer.setCenterZoom({a.lat}, {a.lon}, 7)")
        frame(qtbot, view)
        (ax, ay), (bx, by) = true = marker_point(qtbot, view, a.id), marker_point(qtbot, view, b.id)
        true_at = dict(zip(pair, true))
        assert math.hypot(ax - bx, ay - by) <= 12, "the two markers overlap at this zoom"
        click(qtbot, view, ax, ay)
        qtbot.waitUntil(lambda pair=pair: set(state(qtbot, view)["spread"]) == set(pair), timeout=3000)
        assert state(qtbot, view)["popup"] is None, "a click on a pile spreads it, it opens no one site"
        frame(qtbot, view)
        legs = {s: marker_point(qtbot, view, s) for s in pair}
        (px, py), (qx, qy) = legs.values()
        assert math.hypot(px - qx, py - qy) >= 40, legs
        image = grab(qtbot, view)
        for site_id, (x, y) in legs.items():
            tx, ty = true_at[site_id]
            assert math.hypot(x - tx, y - ty) >= 20, "spread away from its true point"
            # the leader line: dark pixels on the segment between its true point and the spread marker
            mid = ((x + tx) / 2, (y + ty) / 2)
            dark = [image[round(mid[1]) + dy, round(mid[0]) + dx].sum() < 3 * 150 for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            assert any(dark), (site_id, mid)
            # its own label, beside it (right, or left where the right is taken)
            name = ws.site_by_id[site_id].name
            box = next((b for b in labels(qtbot, view) if b[4] == name), None)
            assert box is not None, (name, labels(qtbot, view))
            assert (x < box[0] <= x + 20 or x - 20 <= box[2] < x) and box[1] <= y <= box[3], (name, box, (x, y))
        for site_id in legs:
            x, y = settled_point(qtbot, view, site_id)  # (the last popup's auto-pan moved the map)
            click(qtbot, view, x, y)
            qtbot.waitUntil(lambda site_id=site_id: state(qtbot, view)["popup"] == site_id, timeout=3000)
            assert set(state(qtbot, view)["spread"]) == set(pair), "the group stays spread while its popups open"
            js(qtbot, view, CLOSE_POPUP)
        # a click on the empty map folds the group
        js(qtbot, view, "mapviewer.setCenterZoom(-40, -120, 4)")
        click(qtbot, view, 300, 300)
        qtbot.waitUntil(lambda: state(qtbot, view)["spread"] == [], timeout=3000)
    assert view.js_errors == []


@pytest.fixture(scope="module")
def stacked(tmp_path_factory) -> Workspace:
    """Three sites at exactly one point (A named most) and one alone."""
    root = tmp_path_factory.mktemp("stacked")
    (root / "articles").mkdir()
    feats = []
    for sid, name, lon, lat in (
        ("alpha", "Alphaville", 30.0, 50.0),
        ("beta", "Betatown", 30.0, 50.0),
        ("gamma", "Gammagrad", 30.0, 50.0),
        ("delta", "Deltaport", 34.0, 52.0),
    ):
        feats.append(
            {
                "type": "Feature",
                "properties": {"id": sid, "name": name, "aliases": [], "kind": "city", "country": "Testland",
                               "precision": "exact", "coord_source": "test fixture", "point": [lon, lat]},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )  # fmt: skip
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    (root / "articles" / "report.txt").write_text(
        "Report\n\nTroops moved through Alphaville on Monday.\n\nAlphaville and Betatown were shelled.\n\n"
        "Gammagrad, Alphaville and Deltaport were named too.\n",
        encoding="utf-8",
    )
    ws = Workspace.open(root)
    assert {s.id for s in ws.mapped_sites} == {"alpha", "beta", "gamma", "delta"}
    return ws


def test_a_pile_of_markers_at_one_point_shows_the_one_its_label_names_and_spreads_on_click(qtbot, stacked):
    v = open_map_view(stacked, SIZE)
    try:
        js(qtbot, v, "mapviewer.setCenterZoom(50, 30, 6)")
        frame(qtbot, v)
        x, y = marker_point(qtbot, v, "alpha")
        names = [b[4] for b in labels(qtbot, v)]
        assert "Alphaville" in names and "Betatown" not in names and "Gammagrad" not in names
        # its label says two more sites lie under it
        more = js(qtbot, v, "Array.from(document.querySelectorAll('.mv-label')).filter(function (e) { return e.textContent === 'Alphaville'; })[0].getAttribute('data-more')")
        assert more == "+2"
        # The marker on top, which a click would hit, is the labelled one (the most mentioned).
        at = js_json(qtbot, v, f"JSON.parse(mapviewer.whatIsAt({x}, {y}))")
        assert at["site"] == "alpha"
        click(qtbot, v, x, y)
        qtbot.waitUntil(lambda: len(state(qtbot, v)["spread"]) == 3, timeout=3000)
        assert state(qtbot, v)["spread"][0] == "alpha"
        frame(qtbot, v)
        names = {b[4] for b in labels(qtbot, v)}
        assert {"Alphaville", "Betatown", "Gammagrad"} <= names
        assert js(qtbot, v, "document.querySelectorAll('.mv-label[data-more]').length") == 0, "spread: nothing under another"
        legs = {s: marker_point(qtbot, v, s) for s in ("alpha", "beta", "gamma")}
        assert len({(round(px), round(py)) for px, py in legs.values()}) == 3
        for site_id in legs:
            px, py = settled_point(qtbot, v, site_id)  # (the last popup's auto-pan moved the map)
            click(qtbot, v, px, py)
            qtbot.waitUntil(lambda site_id=site_id: state(qtbot, v)["popup"] == site_id, timeout=3000)
        # Escape: closes the popup first, then folds the group.
        assert js(qtbot, v, "mapviewer.escape()") == "popup"
        assert js(qtbot, v, "mapviewer.escape()") == "spread"
        assert state(qtbot, v)["spread"] == []
        assert v.js_errors == []
    finally:
        dispose(v)


def test_no_label_covers_another_marker(qtbot, view, ws):
    """A label over another site's marker (Pyongyang's over Wonsan's) would make a click on it open
    that other site: wherever a label is, the page finds no other site under it."""
    by_name = {s.name: s.id for s in ws.mapped_sites}
    checked = 0
    for lat, lng, zoom in ((None, None, None), (39.5, 126.5, 5), (39.5, 126.5, 6), (48.2, 37.9, 6), (48.2, 37.9, 8), (50, 60, 3)):
        if lat is None:
            js(qtbot, view, "mapviewer.fitVisible()")
        else:
            js(qtbot, view, f"mapviewer.setCenterZoom({lat}, {lng}, {zoom})")
        frame(qtbot, view)
        for left, top, right, bottom, name in labels(qtbot, view):
            for fx in (0.1, 0.3, 0.5, 0.7, 0.9):
                for fy in (0.2, 0.5, 0.8):
                    px, py = left + (right - left) * fx, top + (bottom - top) * fy
                    if not (0 <= px < SIZE[0] and 0 <= py < SIZE[1]):
                        continue
                    at = js_json(qtbot, view, f"JSON.parse(mapviewer.whatIsAt({px}, {py}))")
                    own = by_name[name]
                    if at["site"] not in (None, own):  # only a marker of its own pile (a click spreads it, own with it)
                        (ox, oy), (sx, sy) = marker_point(qtbot, view, own), marker_point(qtbot, view, at["site"])
                        assert math.hypot(ox - sx, oy - sy) <= 12, (name, (lat, lng, zoom), at)
                    checked += 1
    assert checked > 100


# ---- uncertainty ------------------------------------------------------------------------------------


def test_the_page_data_says_what_each_precision_means(ws):
    data = payload(ws)
    table = {p["id"]: p for p in data["precisions"]}
    assert table["exact"]["radius_km"] == 0 and table["approximate"]["radius_km"] > 0 and table["region"]["radius_km"] > 0
    # embedded (an export, no bridge to ask): every site's coordinate source; the window's page asks for it
    assert data["sites"]["coord_source"] == [s.coord_source for s in ws.mapped_sites]
    assert "coord_source" not in payload(ws, passages=False)["sites"]


def ring_share(image: np.ndarray, centre: tuple[float, float], r: float, colour: str, tolerance: int = 70) -> float:
    want = webwindow.rgb(colour)
    hits = total = 0
    for k in range(180):
        a = 2 * math.pi * k / 180
        x, y = round(centre[0] + r * math.cos(a)), round(centre[1] + r * math.sin(a))
        if 0 <= x < image.shape[1] and 0 <= y < image.shape[0]:
            total += 1
            near = np.abs(image[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2] - want).max(axis=-1) <= tolerance
            hits += bool(near.any())
    return hits / max(total, 1)


def test_an_approximate_site_is_drawn_with_its_radius_and_an_exact_one_is_not(qtbot, view, ws):
    result = ws.filter(Filter())
    radius_km = {p["id"]: p["radius_km"] for p in payload(ws, passages=False)["precisions"]}
    for site_id, expect_circle in (("wonsan", True), ("jangjin", True), ("pyongyang", False)):
        site = ws.site_by_id[site_id]
        js(qtbot, view, f"mapviewer.setCenterZoom({site.lat}, {site.lon}, 9)")
        frame(qtbot, view)
        x, y = marker_point(qtbot, view, site_id)
        km = radius_km[site.precision] or 15
        px = km * 1000 / (156543.03392 * math.cos(math.radians(site.lat)) / 2**9)
        colour = CERTAINTY_COLOURS[min((m.claim.certainty for m in ws.mentions_of(site_id, result)), key=list(CERTAINTY_COLOURS).index)]
        image = grab(qtbot, view)
        on = ring_share(image, (x, y), px, colour)
        off = max(ring_share(image, (x, y), px * 0.7, colour), ring_share(image, (x, y), px * 1.3, colour))
        if expect_circle:
            assert on >= 0.4 and off <= 0.15, (site_id, on, off, px)
        else:
            assert on <= 0.1, (site_id, on)
    assert view.js_errors == []


def precision_text(qtbot, view) -> tuple[str, str]:
    head = js(qtbot, view, "document.querySelector('.leaflet-popup .mv-precision-head').textContent")
    why = js(qtbot, view, "document.querySelector('.leaflet-popup .mv-precision-why').textContent")
    return head, why


def test_popups_say_how_precise_a_location_is_and_why(qtbot, view, ws):
    for site_id, words in (("wonsan", "within about 15 km"), ("pyongyang", "Location exact"), ("mt-chonma", "Location approximate — somewhere in the dashed area")):
        view.focus_site(site_id)
        assert state(qtbot, view)["popup"] == site_id
        source = ws.site_by_id[site_id].coord_source
        qtbot.waitUntil(lambda source=source: precision_text(qtbot, view)[1] == "Coordinates: " + source, timeout=3000)
        head, _ = precision_text(qtbot, view)
        assert words in head, (site_id, head)
        js(qtbot, view, CLOSE_POPUP)
    chonma = ws.site_by_id["mt-chonma"]
    assert chonma.is_area and "NOT located" in chonma.coord_source, "Mt. Chonma is drawn as the area it may be in"
    assert (chonma.lat, chonma.lon) != (ws.site_by_id["kusong"].lat, ws.site_by_id["kusong"].lon)


# ---- measuring ---------------------------------------------------------------------------------------


def measure_state(qtbot, view) -> dict:
    return json.loads(js(qtbot, view, "mapviewer.measureState()"))


def test_measuring_gives_the_great_circle_distance_of_the_clicked_points(qtbot, view, ws):
    js(qtbot, view, "mapviewer.setCenterZoom(38.3, 126.4, 7)")
    frame(qtbot, view)
    view.measure()
    assert measure_state(qtbot, view)["active"] is True
    spots = [marker_point(qtbot, view, s) for s in ("pyongyang", "seoul")]
    spots.append((spots[1][0] + 150, spots[1][1] - 40))
    for i, (x, y) in enumerate(spots):
        click(qtbot, view, x, y)
        qtbot.waitUntil(lambda i=i: len(measure_state(qtbot, view)["points"]) == i + 1, timeout=3000)
        qtbot.wait(400)  # past a double click's interval: the next click is a click of its own
    st = measure_state(qtbot, view)
    assert len(st["points"]) == 3 and state(qtbot, view)["popup"] is None, "clicks measure, they open no popup"
    expected = sum(haversine_km(st["points"][i], st["points"][i + 1]) for i in range(2))
    assert st["km"] == pytest.approx(expected, rel=1e-6)
    first = haversine_km(st["points"][0], st["points"][1])
    assert 190 <= first <= 200, "Pyongyang to Seoul is about 195 km"
    assert re.search(r"\d km", st["label"]), st["label"]
    assert js(qtbot, view, "mapviewer.escape()") == "measure"
    assert measure_state(qtbot, view)["active"] is False
    assert js(qtbot, view, "document.querySelectorAll('.mv-measure-tip').length") == 0


def test_the_page_itself_ends_a_measurement_on_escape(qtbot, view):
    js(qtbot, view, "mapviewer.startMeasure(50, 30)")
    view.setFocus()
    qtbot.keyClick(view.focusProxy(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: measure_state(qtbot, view)["active"] is False, timeout=3000)


# ---- the window: context menu, Escape, citations, popups clear of the controls -------------------------------


def open_menu(qtbot, window, x: float, y: float):
    window.map.context_menu.menu = None
    click(qtbot, window.map, x, y, Qt.MouseButton.RightButton)
    qtbot.waitUntil(lambda: window.map.context_menu.menu is not None and window.map.context_menu.menu.isVisible(), timeout=5000)
    menu = window.map.context_menu.menu
    return menu, {a.text().split(" (")[0] if a.text().startswith("Copy coordinates") else a.text(): a for a in menu.actions() if a.text()}


def test_right_click_shows_the_apps_menu_and_its_actions_work(qtbot, window, ws):
    assert window.map.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    site = ws.site_by_id["pyongyang"]
    js(qtbot, window, f"mapviewer.setCenterZoom({site.lat}, {site.lon}, 8)")
    frame(qtbot, window)
    x, y = marker_point(qtbot, window, "pyongyang")
    menu, actions = open_menu(qtbot, window, x + 2, y + 1)
    assert list(actions) == ["Copy coordinates", "Copy citation of Pyongyang", "Measure from here", "Centre here"]
    assert QApplication.activePopupWidget() in (None, menu), "no other (browser) menu"
    clipboard = QGuiApplication.clipboard()
    actions["Copy coordinates"].trigger()
    lat, lng = (float(v) for v in clipboard.text().split(", "))
    assert abs(lat - site.lat) < 0.02 and abs(lng - site.lon) < 0.02
    actions["Copy citation of Pyongyang"].trigger()
    text = clipboard.text()
    shown = ws.mentions_of("pyongyang", window.result)
    assert text.startswith(f"Pyongyang ({site.kind}, North Korea): {site.lat:.5f}, {site.lon:.5f}")
    assert site.coord_source in text.splitlines()[0]
    for m in shown:
        assert format_citation(ws.article_by_id[m.article_id], m) in text
    menu.close()
    # Centre here: the map centres on the spot clicked
    menu, actions = open_menu(qtbot, window, 200, 150)
    at = js_json(qtbot, window, "JSON.parse(mapviewer.whatIsAt(200, 150))")
    assert actions["Copy citation (no site here)"].isEnabled() is False
    actions["Centre here"].trigger()
    qtbot.waitUntil(lambda: state(qtbot, window)["center"] == pytest.approx([at["lat"], at["lng"]], abs=0.01), timeout=3000)
    menu.close()
    # Measure from here: a measurement starts at the spot
    frame(qtbot, window)
    x, y = marker_point(qtbot, window, "pyongyang")
    menu, actions = open_menu(qtbot, window, x, y)
    actions["Measure from here"].trigger()
    qtbot.waitUntil(lambda: len(measure_state(qtbot, window)["points"]) == 1, timeout=3000)
    start = measure_state(qtbot, window)["points"][0]
    assert abs(start[0] - site.lat) < 0.02 and abs(start[1] - site.lon) < 0.02
    menu.close()
    window.escape_action.trigger()
    qtbot.waitUntil(lambda: measure_state(qtbot, window)["active"] is False, timeout=3000)
    assert window.map.js_errors == []


def test_escape_closes_the_popup_while_the_site_table_has_focus(qtbot, window):
    window.sites.setFocus()
    window.map.focus_site("pyongyang")
    assert state(qtbot, window)["popup"] == "pyongyang"
    window.activateWindow()
    window.sites.setFocus()
    qtbot.keyClick(window.sites, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: state(qtbot, window)["popup"] is None, timeout=3000)
    assert window.escape_action.shortcut().toString() == "Esc"
    assert window.measure_action.shortcut().toString() == "Ctrl+M"


def test_copy_citation_in_a_popup_puts_the_passage_citation_on_the_clipboard(qtbot, window, ws):
    window.map.focus_site("pivnichne")
    qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelectorAll('.leaflet-popup .mv-copy').length") >= 1, timeout=3000)
    mention_id = js(qtbot, window, "document.querySelector('.leaflet-popup .mv-copy').getAttribute('data-mention')")
    QGuiApplication.clipboard().setText("")
    js(qtbot, window, "document.querySelector('.leaflet-popup .mv-copy').click()")
    mention = ws.mention_by_id[mention_id]
    expected = format_citation(ws.article_by_id[mention.article_id], mention)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected, timeout=3000)
    assert mention.site_id == "pivnichne"


def rect_of(qtbot, window, selector: str):
    return js_json(qtbot, window, f"(function (r) {{ return [r.left, r.top, r.right, r.bottom]; }})(document.querySelector({json.dumps(selector)}).getBoundingClientRect())")


def overlaps(a, b) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_popups_open_inside_the_map_clear_of_the_zoom_buttons_and_the_legend(qtbot, ws, tmp_path, size):
    with open_window(qtbot, ws, tmp_path / "ini", size=size) as window:
        w, h = window.map.width(), window.map.height()
        legend = rect_of(qtbot, window, ".mv-legend")
        for site_id, target in (("pyongyang", (80, 60)), ("pyongyang", (legend[0] - 40, h - 30)), ("seoul", (w - 30, legend[1] - 30))):
            site = ws.site_by_id[site_id]
            js(qtbot, window, f"mapviewer.setCenterZoom({site.lat}, {site.lon}, 6)")
            frame(qtbot, window)
            x, y = marker_point(qtbot, window, site_id)
            # move the map so the marker sits at `target` (the folium map object is the page's global map_…)
            js(qtbot, window, f"(function () {{ var m = window[Object.keys(window).filter(function (k) {{ return /^map_[0-9a-f]+$/.test(k); }})[0]]; m.panBy([{x - target[0]}, {y - target[1]}], {{ animate: false }}); }})()")
            frame(qtbot, window)
            x, y = marker_point(qtbot, window, site_id)
            click(qtbot, window.map, x, y)
            qtbot.waitUntil(lambda site_id=site_id: state(qtbot, window)["popup"] == site_id, timeout=3000)
            qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelectorAll('.leaflet-popup .mv-passage').length") > 0, timeout=3000)
            last = None
            for _ in range(20):  # the auto-pan's animation, until the popup stays put
                qtbot.wait(150)
                popup = rect_of(qtbot, window, ".leaflet-popup-content-wrapper")
                if popup == last:
                    break
                last = popup
            assert popup[0] >= 0 and popup[1] >= 0 and popup[2] <= w and popup[3] <= h, (site_id, target, popup, (w, h))
            assert not overlaps(popup, rect_of(qtbot, window, ".leaflet-control-zoom")), (site_id, target, popup)
            assert not overlaps(popup, rect_of(qtbot, window, ".mv-legend")), (site_id, target, popup)
            js(qtbot, window, CLOSE_POPUP)


def _settled_rect(qtbot, window, selector: str):
    last = None
    for _ in range(20):  # the auto-pan's animation, until it stays put
        qtbot.wait(150)
        rect = rect_of(qtbot, window, selector)
        if rect == last:
            break
        last = rect
    return rect


def test_an_open_popup_stays_clear_of_the_legend_when_the_map_narrows(qtbot, ws, tmp_path):
    """The reader opening beside the map (Open in article) narrows it: the popup, fitted to the wider map,
    was left under the legend (issue 19's screenshots at 1280 px)."""
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.focus_site("pyongyang")
        qtbot.waitUntil(lambda: state(qtbot, window)["popup"] == "pyongyang", timeout=3000)
        qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelectorAll('.leaflet-popup .mv-passage').length") > 0, timeout=3000)
        wide = window.map.width()
        _settled_rect(qtbot, window, ".leaflet-popup-content-wrapper")
        window.open_passage(next(m.id for m in ws.mentions if m.site_id == "pyongyang"))
        qtbot.waitUntil(lambda: window.map.width() < wide - 200)
        popup = _settled_rect(qtbot, window, ".leaflet-popup-content-wrapper")
        w, h = window.map.width(), window.map.height()
        assert state(qtbot, window)["popup"] == "pyongyang", "the popup stays open"
        assert popup[0] >= 0 and popup[1] >= 0 and popup[2] <= w and popup[3] <= h, (popup, (w, h))
        assert not overlaps(popup, rect_of(qtbot, window, ".mv-legend")), popup
        assert not overlaps(popup, rect_of(qtbot, window, ".leaflet-control-zoom")), popup


def test_the_measure_label_stays_inside_the_map_near_its_right_edge(qtbot, view):
    js(qtbot, view, "mapviewer.setCenterZoom(40, 127, 6)")
    frame(qtbot, view)
    js(qtbot, view, "mapviewer.startMeasure(40, 120)")
    target = view.focusProxy()
    qtbot.mouseMove(target, QPoint(view.width() - 15, view.height() // 2))
    qtbot.waitUntil(lambda: js(qtbot, view, "document.querySelectorAll('.mv-measure-tip').length") == 1, timeout=3000)
    frame(qtbot, view)
    tip = rect_of(qtbot, view, ".mv-measure-tip")
    assert tip[0] >= 0 and tip[2] <= view.width(), (tip, view.width())
    assert js(qtbot, view, "mapviewer.escape()") == "measure"


LABEL_BOX = (
    "(function (name) { var e = Array.from(document.querySelectorAll('.mv-label')).filter(function (n) {"
    " return n.textContent === name; })[0]; if (!e) return null; var r = e.getBoundingClientRect(),"
    " c = document.querySelector('.leaflet-container').getBoundingClientRect();"
    " return JSON.stringify([r.left - c.left, r.right - c.left, c.width]); })"
)


def test_a_name_that_would_run_off_the_maps_right_edge_goes_on_its_markers_left(qtbot, view, ws):
    """Cut names looked sloppy in insets and narrow views: a label that would cross the right edge is drawn on the
    marker's left when that side is free."""
    site = ws.site_by_id["vladivostok"]
    js(qtbot, view, f"mapviewer.setCenterZoom({site.lat}, {site.lon}, 5); 0")
    frame(qtbot, view)
    width = js(qtbot, view, "document.querySelector('.leaflet-container').getBoundingClientRect().width")
    # move the map so that the marker sits 25 px from the right edge
    js(qtbot, view, f"(function () {{ var p = JSON.parse(mapviewer.markerPoint('vladivostok'));"
                    f" var m = Object.values(window).filter(function (x) {{ return x instanceof L.Map; }})[0];"
                    f" m.panBy([p[0] - ({width} - 25), 0], {{animate: false}}); return 0; }})()")
    frame(qtbot, view)
    qtbot.waitUntil(lambda: js(qtbot, view, LABEL_BOX + "('Vladivostok')") is not None, timeout=5000)
    marker_x = json.loads(js(qtbot, view, "mapviewer.markerPoint('vladivostok')"))[0]
    left, right, container = json.loads(js(qtbot, view, LABEL_BOX + "('Vladivostok')"))
    assert container - 40 < marker_x < container, marker_x
    assert right <= marker_x and left >= 0, (left, right, marker_x)  # the whole name, inside, left of its marker
    js(qtbot, view, f"mapviewer.setCenterZoom({site.lat}, {site.lon}, 5); 0")  # room on the right again
    frame(qtbot, view)
    left, right, _ = json.loads(js(qtbot, view, LABEL_BOX + "('Vladivostok')"))
    assert left > json.loads(js(qtbot, view, "mapviewer.markerPoint('vladivostok')"))[0]


def test_a_name_with_no_room_on_either_side_ends_in_an_ellipsis_at_the_edge(qtbot, ws):
    site = ws.site_by_id["jangjin"]
    small = open_map_view(ws, (260, 220))  # an inset's size: the long name fits on neither side of its marker
    try:
        js(qtbot, small, f"mapviewer.setCenterZoom({site.lat}, {site.lon}, 5); 0")
        frame(qtbot, small)
        qtbot.waitUntil(lambda: js(qtbot, small, LABEL_BOX + f"({json.dumps(site.name)})") is not None, timeout=5000)
        left, right, container = json.loads(js(qtbot, small, LABEL_BOX + f"({json.dumps(site.name)})"))
        assert right <= container and left >= 0, (left, right, container)
        cut = json.loads(js(qtbot, small, "JSON.stringify(Array.from(document.querySelectorAll('.mv-label.mv-cut')).map("
                                          "function (e) { return [e.textContent, e.scrollWidth > e.clientWidth]; }))"))
        assert [site.name, True] in cut, cut  # its text is whole, drawn cut with an ellipsis
    finally:
        dispose(small)
