"""Start-up does the page and the workspace at once: the page loads before the workspace is open,
waits for its data, and becomes ready once it has it, without loading again."""

from __future__ import annotations

import functools
import json
import re
import threading
import time

import pytest
from generate import generate
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from webwindow import dispose, js, page_ready, settings, state

from mapviewer import paths
from mapviewer.core.mappage import build_page, fetching_page
from mapviewer.core.workspace import Workspace, WorkspaceError
from mapviewer.qt.app import Background, start_window
from mapviewer.qt.mapview import QWEBCHANNEL_JS, MapView

TIMEOUT = 30000


run = functools.partial(js, timeout=TIMEOUT)


LEAFLET_MAP = "Object.values(window).filter(function (x) { return x instanceof L.Map; })[0]"
"""The page's Leaflet map, as script (Folium names it map_<hash>)."""
MAP_WIDTH = LEAFLET_MAP + ".getSize().x"


def shown_view() -> MapView:
    view = MapView()
    view.resize(900, 600)
    view.show()
    return view


def assert_shows(qtbot, view: MapView, ws: Workspace) -> None:
    """The page draws exactly the workspace's mapped sites."""
    shown = json.loads(run(qtbot, view, "mapviewer.state()"))["visible"]
    assert sorted(shown) == sorted(s.id for s in ws.mapped_sites)


def test_a_started_page_draws_its_basemap_waits_for_its_data_and_then_shows_it_without_reloading(qtbot, ws):
    view = MapView()
    loads: list = []
    view.loadStarted.connect(lambda: loads.append(1))
    ready: list = []
    view.mapReady.connect(ready.append)
    view.resize(900, 600)
    view.show()
    try:
        view.start("offline")
        # The page runs, its map and basemap are there, and its data request waits.
        qtbot.waitUntil(lambda: run(qtbot, view, "document.querySelectorAll('.leaflet-tile').length") > 0, timeout=TIMEOUT)
        qtbot.wait(300)
        assert run(qtbot, view, "window.mapviewer && mapviewer.ready ? 1 : 0") == 0
        assert not view.is_ready and ready == []
        key = view._data_key
        assert view._handler.data[key] is None and len(view._handler._waiting[key]) == 1  # asked for, waiting
        url = view.url().toString()

        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws, "offline")
        assert view.url().toString() == url and loads == [1]  # the same page, loaded once
        assert_shows(qtbot, view, ws)
        assert view.js_errors == []
        # map/start.js asked for the data before Leaflet and the map scripts were parsed, not from init.
        timing = json.loads(run(qtbot, view, "JSON.stringify(mapviewer.timing)"))
        assert timing["dataAsked"] is not None and 0 < timing["dataAsked"] < timing["navToInit"]
    finally:
        dispose(view)


def test_a_page_whose_data_cannot_load_says_so_at_once(qtbot):
    view = shown_view()
    try:
        failed: list[str] = []
        view.mapFailed.connect(failed.append)
        loaded: list[bool] = []
        view.loadFinished.connect(loaded.append)
        # A data URL this view's handler was never given: the request fails (not found).
        view.load_html(fetching_page("app://map/data/never-given.json", extra_scripts=(QWEBCHANNEL_JS,)))
        qtbot.waitUntil(lambda: bool(failed), timeout=TIMEOUT)
        assert failed[0].startswith("the map data did not load:")  # the page's notice, not the polls giving up
        qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT)
        qtbot.wait(1000)
        # The page said it cannot get ready: no readiness polls run for it (they would fail it again).
        assert len(failed) == 1 and not view.is_ready and view._ready_polls == 0
        assert any("the map data did not load" in e for e in view.js_errors)
    finally:
        dispose(view)


def test_a_page_replaced_while_its_data_request_waits_does_not_fail_its_successor(qtbot, ws):
    view = shown_view()
    try:
        failed: list[str] = []
        view.mapFailed.connect(failed.append)
        view.start("offline")
        qtbot.waitUntil(lambda: view._handler._waiting.get(view._data_key), timeout=TIMEOUT)  # asking, waiting
        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws, "osm")  # another basemap: the waiting page is replaced
            # Its cancelled fetch may fail, and its notice come late: it is not about the new page.
            view.bridge.notice("data-failed", "?v=1\nFailed to fetch")
        assert view.url().query() == "v=2"
        qtbot.wait(300)
        assert failed == [] and view.is_ready
    finally:
        dispose(view)


def test_load_workspace_on_a_view_started_for_another_basemap_loads_the_right_page(qtbot, ws):
    view = shown_view()
    try:
        view.start("offline")
        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws, "osm")
        assert view.url().query() == "v=2"  # the offline page was replaced by an OpenStreetMap one
        assert '"basemap": "osm"' in view._handler.pages[view._page_path].decode()
        assert view._handler.data[view._data_key]  # and got its data
    finally:
        dispose(view)


def test_the_window_page_may_fetch_its_data_and_nothing_else(qtbot, window):
    policy = js(qtbot, window, "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert "connect-src app://map/data/;" in policy
    for url in ("app://map/index.html", "app://map/assets/leaflet/leaflet.js", "https://example.com/"):
        js(
            qtbot,
            window,
            f"window.__f = 'pending'; fetch({json.dumps(url)}).then(function (r) {{ window.__f = 'read'; }},"
            " function () { window.__f = 'failed'; })",
        )
        qtbot.waitUntil(lambda: js(qtbot, window, "window.__f") != "pending", timeout=3000)
        assert js(qtbot, window, "window.__f") == "failed", url
    assert state(qtbot, window)["ready"] is True


def test_fetching_page_admits_only_an_app_data_url():
    html = fetching_page("app://map/data/view1.json?v=3")
    assert "connect-src app://map/data/;" in html
    assert '<script type="application/json" id="mv-data">{"fetch": "app://map/data/view1.json?v=3"}</script>' in html
    assert "connect-src 'none'" in build_page(Workspace.open())  # exports fetch nothing
    bad_urls = ("https://example.com/data.json", "app://map/data/../x.json", "app://map/data/a.json?v=</script>",
                "app://map/index.html", "app://other/data/x.json", "app://map/data/.json", "")  # fmt: skip
    for bad in bad_urls:
        with pytest.raises(ValueError, match="data URL"):
            fetching_page(bad)


def test_start_window_opens_the_bundled_corpus_with_its_page_loaded_once(qtbot, tmp_path):
    window = start_window(None, settings=settings(tmp_path / "s.ini"), restore=False)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.map.is_ready, timeout=TIMEOUT)
        assert page_ready(window.map)
        ws = window.ws
        assert window.map.workspace is ws and len(ws.articles) == 4
        assert_shows(qtbot, window.map, ws)
        assert window.map.url().query() == "v=1"  # the view's first page load is the one showing
        assert window.map.js_errors == []
    finally:
        dispose(window)


def test_start_window_reports_a_folder_that_is_no_workspace(qtbot, tmp_path):
    (tmp_path / "articles").mkdir()  # no sites.geojson at all
    with pytest.raises(WorkspaceError, match=r"sites\.geojson"):
        start_window(tmp_path, settings=settings(tmp_path / "s.ini"), restore=False)


def test_start_window_opens_a_workspace_whose_gazetteer_is_unusable_and_says_why(qtbot, tmp_path):
    (tmp_path / "sites.geojson").write_text("{ not json", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "note.txt").write_text("A note\n\nNothing happened today.\n", encoding="utf-8")
    window = start_window(tmp_path, settings=settings(tmp_path / "s.ini"), restore=False)
    try:
        assert window.ws.sites == [] and [a.id for a in window.ws.articles] == ["note"]
        assert any("sites.geojson" in str(p) and "no sites were loaded" in str(p) for p in window.ws.problems)
        assert "sites.geojson" in window.statusBar().currentMessage()
    finally:
        dispose(window)


def test_background_work_keeps_the_event_loop_running_and_returns_or_raises(qtbot):
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    main = threading.get_ident()

    def work() -> tuple[int, bool]:
        time.sleep(0.3)
        return 42, threading.get_ident() != main

    try:
        assert Background(work).result() == (42, True)
        assert len(ticks) >= 5  # the loop ran while the work did
    finally:
        timer.stop()

    def fail() -> None:
        Workspace.open("/nonexistent/mapviewer-workspace")

    with pytest.raises(WorkspaceError):
        Background(fail).result()
    early = Background(lambda: "done")
    time.sleep(0.05)
    QCoreApplication.processEvents()  # the worker's wake-up call arrives before anyone waits
    assert early.result() == "done"


def test_a_workspace_slow_to_open_gets_a_notice_that_goes_when_it_is_open(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from mapviewer.qt import app as app_module

    folder = generate(tmp_path / "ws", 3000, 600)  # opens in a few tenths of a second
    monkeypatch.setattr(app_module, "NOTICE_AFTER_MS", 0)
    seen: list[str] = []

    def look() -> None:
        seen.extend(w.text() for w in QApplication.topLevelWidgets() if w.objectName() == "mapviewer-opening" and w.isVisible())

    probe = QTimer()
    probe.timeout.connect(look)
    probe.start(20)
    try:
        window = start_window(folder, settings=settings(tmp_path / "s.ini"), restore=False)
    finally:
        probe.stop()
    try:
        assert seen and seen[0] == f"mapviewer — opening {folder} …"
        look_after: list = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mapviewer-opening" and w.isVisible()]
        assert look_after == []
        assert len(window.ws.sites) > 2000
    finally:
        dispose(window)


def test_reloads_reuse_the_cached_page_shell(qtbot, ws):
    """Each load has its own data URL (?v=N); the shell around it is the same, rendered once."""
    from mapviewer.core import mappage

    view = shown_view()
    try:
        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws)
        shells = dict(mappage._SHELLS)
        files = set((paths.cache_dir() / "page").glob("shell-*.cache"))
        for _ in range(2):
            with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
                view.load_workspace(ws)
        assert shells == mappage._SHELLS and set((paths.cache_dir() / "page").glob("shell-*.cache")) == files
        assert list(view._handler.data).count(view._data_key) == 1
        assert [k for k in view._handler.data if k.startswith(view._data_name)] == [view._data_key]  # old loads' data gone
    finally:
        dispose(view)


def test_two_views_each_get_their_own_data(qtbot, ws, tmp_path):
    other = Workspace.open(generate(tmp_path / "ws", 50, 10))
    a, b = shown_view(), shown_view()
    try:
        for v in (a, b):
            v.start("offline")
        with qtbot.waitSignal(b.mapReady, timeout=TIMEOUT):
            b.load_workspace(other)
        qtbot.wait(300)
        assert not a.is_ready  # b's data did not reach a's waiting page
        with qtbot.waitSignal(a.mapReady, timeout=TIMEOUT):
            a.load_workspace(ws)
        for v, w in ((a, ws), (b, other)):
            assert_shows(qtbot, v, w)
    finally:
        dispose(a)
        dispose(b)


def test_the_first_view_fits_the_map_size_on_screen_until_someone_moves_it(qtbot, ws):
    """The window's page is fitted before the window is laid out; a later size fits again, but never
    once the user (or the host) has moved the map."""
    view = MapView()
    view.resize(320, 240)
    view.show()
    try:
        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws)
        small = json.loads(run(qtbot, view, "mapviewer.state()"))["zoom"]
        view.resize(1400, 900)
        qtbot.waitUntil(lambda: json.loads(run(qtbot, view, "mapviewer.state()"))["zoom"] > small, timeout=TIMEOUT)
        fitted = json.loads(run(qtbot, view, "mapviewer.state()"))["zoom"]
        run(qtbot, view, "document.querySelector('.leaflet-container').dispatchEvent(new MouseEvent('mousedown', {bubbles: true})) ? 1 : 0")
        view.resize(500, 400)
        qtbot.wait(400)
        assert json.loads(run(qtbot, view, "mapviewer.state()"))["zoom"] == fitted  # the user's view stays
    finally:
        dispose(view)


def test_the_start_up_worker_imports_only_the_core_and_the_gui_thread_only_the_qt_part():
    """PySide6 makes its types and enums on first use and that is not thread-safe: a worker touching `Qt`
    while the GUI thread did made start-up fail at random on a busy machine ("type object 'Qt' has no
    attribute 'TextFormat'"). So the worker imports the window's core modules and no PySide6, and what is
    left for the GUI thread to import (the window) brings in no core module the worker did not."""
    import subprocess
    import sys

    script = (
        "import sys; from mapviewer.qt.app import import_window_core; "
        "before = {m for m in sys.modules if m.startswith('PySide6')}; import_window_core(); "
        "after = {m for m in sys.modules if m.startswith('PySide6')}; core = {m for m in sys.modules if m.startswith('mapviewer.core')}; "
        "import mapviewer.qt.mainwindow; "
        "late = sorted(m for m in sys.modules if m.startswith('mapviewer.core') and m not in core); "
        "print(sorted(after - before)); print(late)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    qt_in_worker, core_left_for_gui = out.stdout.splitlines()
    assert qt_in_worker == "[]"
    assert core_left_for_gui == "[]"


def test_a_page_loaded_before_its_view_is_laid_out_waits_for_a_size_to_fit_and_loads_no_working_zoom_basemap(qtbot, ws):
    """The window loads its page before it is shown: with no size, a fit would land on the largest zoom and
    draw everything, and fetch the working-zoom basemap, at a view nobody sees. The first real size fits."""
    view = MapView()  # never shown yet: its page has no size
    try:
        view.start("offline")
        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws)
        hidden = json.loads(run(qtbot, view, "JSON.stringify({z: JSON.parse(mapviewer.state()).zoom, asked: MapviewerBasemapDetail.requested()})"))
        assert hidden["z"] < 3, hidden  # the page's opening view (a fit with no size gives 7, the fit's largest)
        assert hidden["asked"] == [], hidden  # nothing of the working-zoom basemap (zoom 6 and closer)
        view.resize(900, 600)
        view.show()
        qtbot.waitUntil(lambda: json.loads(run(qtbot, view, "mapviewer.state()"))["zoom"] != hidden["z"], timeout=TIMEOUT)
        assert_shows(qtbot, view, ws)
        assert view.js_errors == []
    finally:
        dispose(view)


def test_the_window_page_carries_its_stylesheets_inline_so_it_never_waits_for_the_gui_thread_for_them(qtbot, ws):
    """Each stylesheet link was a request the GUI thread answers (app://) while it builds the window, and the
    page's start waited for them. They are in the page itself now, Leaflet's images as data: URIs."""
    view = shown_view()
    try:
        with qtbot.waitSignal(view.mapReady, timeout=TIMEOUT):
            view.load_workspace(ws)
        html = view._handler.pages[view._page_path].decode("utf-8")
        assert not re.search(r"<link[^>]+stylesheet", html, re.I)
        assert html.count("<style>") >= 4
        styles = json.loads(run(qtbot, view, """JSON.stringify({
            font: getComputedStyle(document.querySelector('.leaflet-container')).fontSize,
            pane: getComputedStyle(document.querySelector('.leaflet-pane')).position,
            layers: getComputedStyle(document.querySelector('.leaflet-control-layers-toggle') || document.body).backgroundImage})"""))
        assert styles["font"] == "13px"  # map/mapviewer.css over Folium's 1rem
        assert styles["pane"] == "absolute"  # leaflet/leaflet.css
        assert view.js_errors == []
    finally:
        dispose(view)


def test_the_windows_background_work_waits_for_the_maps_first_frame_on_screen(qtbot, tmp_path):
    """Figures and flows, the passages' times and the independent sources are worked out in threads that share
    the GIL with the GUI thread: they start once the map has drawn a frame at its size on screen, not when its
    page got ready (before the window was even shown)."""
    window = start_window(None, settings=settings(tmp_path / "s.ini"), restore=False)
    try:
        qtbot.waitUntil(lambda: window.map.is_ready, timeout=TIMEOUT)  # ready with no size: nothing drawn yet
        qtbot.wait(200)
        assert not window.map.is_drawn
        assert not window.timeline._started and window.evidence.workspace is None
        with qtbot.waitSignal(window.map.mapDrawn, timeout=TIMEOUT):
            window.show()
        assert not window.timeline._started and window.evidence.workspace is None  # not with the frames right after
        qtbot.waitUntil(lambda: window.timeline._started and window.evidence.workspace is window.ws, timeout=TIMEOUT)
        assert run(qtbot, window.map, "mapviewer.drawn ? 1 : 0") == 1
        assert_shows(qtbot, window.map, window.ws)
    finally:
        dispose(window)


def test_the_window_page_is_laid_out_and_fitted_before_the_window_shows(qtbot, tmp_path):
    """A view made hidden keeps Qt's default 640x480 until it is shown, and Chromium gave the page that size
    first: the map was fitted and drawn there, then again at its real size (made at 0x0 now, it waits). And a
    hidden view has no size for Chromium at all: the page fitted the map only once shown, ~60 ms before its
    first frame. The window tells the page its size while hidden (presize): shown, the map neither moves nor
    zooms, and it follows the window's size from then on."""
    window = start_window(None, settings=settings(tmp_path / "s.ini"), restore=False)
    try:
        qtbot.waitUntil(lambda: window.map.is_ready, timeout=TIMEOUT)
        run(qtbot, window.map, """(function () {
            var map = """ + LEAFLET_MAP + """;
            var tiles = document.querySelectorAll('.leaflet-basemap-pane .leaflet-tile, .leaflet-pane .leaflet-tile');
            window.__seen = {sizes: [], moves: [], before: [map.getSize().x, map.getSize().y, map.getZoom()],
                tiles: tiles.length, loaded: document.querySelectorAll('.leaflet-tile-loaded').length,
                points: (mapviewer.lastDraw || {}).drawn || 0, hidden: document.visibilityState};
            addEventListener('resize', function () { __seen.sizes.push([innerWidth, innerHeight]); });
            map.on('zoomend viewreset', function (e) { __seen.moves.push(e.type); });
            return 1; })()""")
        with qtbot.waitSignal(window.map.mapDrawn, timeout=TIMEOUT):
            window.show()
        qtbot.wait(300)
        seen = json.loads(run(qtbot, window.map, "JSON.stringify(__seen)"))
        size = [window.map.width(), window.map.height()]
        assert seen["hidden"] == "hidden" and seen["before"][:2] == size, seen  # laid out at its size while hidden
        assert seen["tiles"] > 0 and seen["loaded"] == seen["tiles"], seen  # its basemap drawn then (flushFrames)
        assert seen["points"] > 0, seen  # and its points
        assert seen["sizes"] == [size], seen  # no 640x480 first
        assert seen["moves"] == [], seen  # nothing to refit once shown: the fit was made while hidden
        assert json.loads(run(qtbot, window.map, "mapviewer.state()"))["zoom"] == seen["before"][2]
        container = json.loads(run(qtbot, window.map, """JSON.stringify((function () {
            var c = """ + LEAFLET_MAP + """.getContainer();
            return [c.style.width, c.style.height]; })())"""))
        assert container == ["", ""]  # the page's own size from now on
        assert_shows(qtbot, window.map, window.ws)
        window.resize(window.width() + 200, window.height())
        qtbot.waitUntil(lambda: run(qtbot, window.map, MAP_WIDTH) == window.map.width(), timeout=TIMEOUT)
        assert window.map.js_errors == []
    finally:
        dispose(window)


def test_a_window_restored_maximized_is_not_presized_at_its_normal_size(qtbot, tmp_path):
    """Hidden, a window restored maximized has its normal size; the maximized one comes once shown. Laid out
    and drawn at the normal size, the page would be refitted after show anyway: it is not presized."""
    ini = settings(tmp_path / "s.ini")
    first = start_window(None, settings=ini, restore=False)
    try:
        with qtbot.waitSignal(first.map.mapDrawn, timeout=TIMEOUT):
            first.showMaximized()
        qtbot.waitUntil(first.isMaximized, timeout=TIMEOUT)
    finally:
        first.close()
        dispose(first)
    window = start_window(None, settings=ini, restore=True)
    try:
        assert window.windowState() & Qt.WindowState.WindowMaximized
        qtbot.waitUntil(lambda: window.map.is_ready, timeout=TIMEOUT)
        assert run(qtbot, window.map, "JSON.stringify(mapviewerStart.size)") == "null"
        with qtbot.waitSignal(window.map.mapDrawn, timeout=TIMEOUT):
            window.show()
        qtbot.waitUntil(lambda: run(qtbot, window.map, MAP_WIDTH) == window.map.width(), timeout=TIMEOUT)
        assert_shows(qtbot, window.map, window.ws)
    finally:
        dispose(window)


def test_a_window_never_shown_still_starts_its_background_work(qtbot, tmp_path):
    from mapviewer.qt.mainwindow import DRAWN_WAIT_MS

    window = start_window(None, settings=settings(tmp_path / "s.ini"), restore=False)
    try:
        qtbot.waitUntil(lambda: window.map.is_ready, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: window.timeline._started, timeout=DRAWN_WAIT_MS + TIMEOUT)
        assert not window.map.is_drawn and window.evidence.workspace is window.ws
    finally:
        dispose(window)


def test_the_opening_notice_is_made_only_when_it_is_due(qtbot):
    """A start quicker than the notice never builds it (a styled label costs the GUI thread while the page
    waits); a slow one gets it, and dismissing takes it away."""
    from PySide6.QtWidgets import QApplication

    from mapviewer.qt.background import opening_notice

    def notices() -> list:
        return [w for w in QApplication.allWidgets() if w.objectName() == "mapviewer-opening"]

    assert notices() == []
    dismiss = opening_notice("somewhere", after_ms=60000)
    qtbot.wait(50)
    assert notices() == []
    dismiss()
    dismiss = opening_notice("somewhere else", after_ms=0)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in notices()), timeout=5000)
    assert [w.text() for w in notices()] == ["mapviewer — opening somewhere else …"]
    dismiss()
    qtbot.waitUntil(lambda: notices() == [], timeout=5000)
