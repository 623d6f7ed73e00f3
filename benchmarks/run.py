"""Measure mapviewer against plain Folium on generated workspaces, and start-up against a bare page.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--json] [--repeat N] [--baseline-max 10000]

Every measurement runs in a fresh worker process (offscreen QtWebEngine), so peak memory and cold
start are per run; the parent samples the memory of the worker and its QtWebEngine children.
Figures are medians over --repeat runs. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

RESULT_TAG = "MVBENCH-RESULT "
VIEW_SIZE = (1280, 800)
FILTER_CYCLES = 3  # each filter kind is applied this many times per run in ours (once in the baseline)


# ---------------------------------------------------------------------------------------------------
# memory of a process tree (psutil if present, else /proc)


def _children_proc(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        except (OSError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _rss_proc(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _pss_proc(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them); slower to read."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(ln.split()[1]) * 1024 for ln in f if ln.startswith("Pss:")), 0)
    except OSError:
        return _rss_proc(pid)


def tree_pids(pid: int) -> list[int]:
    try:
        import psutil  # type: ignore[import-not-found]

        with contextlib.suppress(psutil.Error):
            return [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]
        return [pid]
    except ImportError:
        return [pid, *_children_proc(pid)]


def tree_memory(pids: list[int], pss: bool) -> int:
    """Sum of RSS (or PSS) over `pids`; psutil when installed, else /proc."""
    try:
        import psutil  # type: ignore[import-not-found]

        total = 0
        for p in pids:
            with contextlib.suppress(psutil.Error):
                proc = psutil.Process(p)
                total += getattr(proc.memory_full_info(), "pss", 0) if pss else proc.memory_info().rss
        return total
    except ImportError:
        return sum((_pss_proc if pss else _rss_proc)(p) for p in pids)


class MemorySampler(threading.Thread):
    """Peak memory of a process tree: RSS sum every 0.1 s, PSS sum (the costly read, ~30 ms) every 1 s."""

    def __init__(self, pid: int, interval: float = 0.1, slow_every: int = 10) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.slow_every = pid, interval, slow_every
        self.peak_rss = self.peak_pss = self.peak_procs = 0
        self.peak_own = self.peak_children = 0  # PSS peaks of the worker alone and of its children alone
        self.at_peak = (0, 0)  # (worker, children) PSS when the sum peaked
        self.stop = threading.Event()

    def run(self) -> None:
        tick, pids = 0, [self.pid]
        while not self.stop.is_set():
            if tick % self.slow_every == 0:
                pids = tree_pids(self.pid)
                self.peak_procs = max(self.peak_procs, len(pids))
                own, children = tree_memory(pids[:1], pss=True), tree_memory(pids[1:], pss=True)
                self.peak_own, self.peak_children = max(self.peak_own, own), max(self.peak_children, children)
                if own + children > self.peak_pss:
                    self.peak_pss, self.at_peak = own + children, (own, children)
            self.peak_rss = max(self.peak_rss, tree_memory(pids, pss=False))
            tick += 1
            self.stop.wait(self.interval)


# ---------------------------------------------------------------------------------------------------
# worker side: runs inside a fresh process


class Timeout(Exception):
    pass


def _qt():
    if os.environ.get("MVBENCH_ASSET_DIRS"):  # --asset-dir: A/B modified page assets without touching the tree
        from mapviewer.core import assets

        assets.ASSET_DIRS.update({k: Path(v) for k, v in json.loads(os.environ["MVBENCH_ASSET_DIRS"]).items()})
    from mapviewer.qt import webenv

    webenv.prepare(headless=True)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["mapviewer-bench"])
    return app


def wait_until(predicate, timeout: float, what: str, step_ms: int = 5) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    while not predicate():
        if time.perf_counter() > deadline:
            raise Timeout(f"timed out after {timeout:.0f} s waiting for {what}")
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()


def js(page, script: str, timeout: float = 60.0):
    """Run script in the page and return its (JSON-decoded when possible) result and the round trip."""
    box: dict = {}
    t0 = time.perf_counter()
    page.runJavaScript(script, 0, lambda r: box.setdefault("r", r))
    wait_until(lambda: "r" in box, timeout, "runJavaScript", step_ms=1)
    rt = time.perf_counter() - t0
    r = box["r"]
    if isinstance(r, str) and r[:1] in "[{":
        with contextlib.suppress(ValueError):
            r = json.loads(r)
    return r, rt


_FIND_MAP = "(window.__mvbMap || (window.__mvbMap = (function(){for (var k in window) { try { if (k.indexOf('map_') === 0 && window[k] instanceof L.Map) return window[k]; } catch (e) {} } return null; })()))"

# Time a statement synchronously (page work) and then until the frame after it has been produced.
_TIMED = """(function(){
  window.__mvbFrame = null;
  var t0 = performance.now();
  %s;
  var t1 = performance.now();
  requestAnimationFrame(function(){ setTimeout(function(){ window.__mvbFrame = performance.now() - t0; }, 0); });
  return JSON.stringify({page: t1 - t0});
})()"""


def timed_in_page(page, statement: str, timeout: float) -> dict:
    r, rt = js(page, _TIMED % statement, timeout)
    out = {"page_ms": r["page"], "roundtrip_ms": rt * 1000}
    box: dict = {}

    def poll():
        v, _ = js(page, "window.__mvbFrame === null ? '' : String(window.__mvbFrame)", timeout)
        if v not in ("", None):
            box["f"] = float(v)
        return "f" in box

    with contextlib.suppress(Timeout):
        wait_until(poll, 5.0, "next frame", step_ms=2)
    out["frame_ms"] = box.get("f")
    return out


def pan_zoom(page, timeout: float) -> dict:
    """Pan and zoom without animation; median page work and time to the next frame."""
    moves = [
        f"{_FIND_MAP}.panBy([300, 160], {{animate: false}})",
        f"{_FIND_MAP}.setZoom({_FIND_MAP}.getZoom() + 1, {{animate: false}})",
        f"{_FIND_MAP}.panBy([-240, -120], {{animate: false}})",
        f"{_FIND_MAP}.setZoom({_FIND_MAP}.getZoom() + 1, {{animate: false}})",
        f"{_FIND_MAP}.panBy([200, -100], {{animate: false}})",
        f"{_FIND_MAP}.setZoom({_FIND_MAP}.getZoom() - 2, {{animate: false}})",
    ]
    pan, zoom = [], []
    for i, mv in enumerate(moves):
        (zoom if "setZoom" in mv else pan).append(timed_in_page(page, mv, timeout))
        del i

    def med(rows, k):
        vals = [r[k] for r in rows if r.get(k) is not None]
        return statistics.median(vals) if vals else None

    return {
        "pan_page_ms": med(pan, "page_ms"),
        "pan_frame_ms": med(pan, "frame_ms"),
        "zoom_page_ms": med(zoom, "page_ms"),
        "zoom_frame_ms": med(zoom, "frame_ms"),
    }


WORKING_VIEW = (48.5, 34.0, 7)
"""Where pan and zoom are timed at working zoom: Ukraine, the densest country of a generated workspace
(generate._COUNTRIES), at zoom 7; the moves (pan_zoom) then go to zoom 8 and 9 and back, all from zoom 6 on,
where the offline detail basemap (assets/map/mv-basemap-detail.js) draws."""
DETAIL_MODES = ("on", "off")
"""--basemap-detail: measured with the detail basemap ("on", as the app ships) and without it ("off": its layers
taken off the map, the world map drawing every tile as before the detail basemap existed), in this order in
one page (the detail layers cannot be put back)."""

# Takes the detail basemap off the map for good: its layers removed (and refused when it adds them again),
# and basemap.js told it covers nothing, so the world map draws every tile itself again.
_DETAIL_OFF = """(function () {
  var map = %s, D = window.MapviewerBasemapDetail;
  if (!map || !D) return JSON.stringify({error: 'no map or no detail basemap script'});
  var T = D.tiles().constructor, N = D.names().constructor, add = map.addLayer, mine = [];
  var isDetail = function (l) { return l instanceof T || l instanceof N; };
  D.covers = function () { return false; };
  map.addLayer = function (l) { return isDetail(l) ? this : add.call(this, l); };
  map.eachLayer(function (l) { if (isDetail(l)) mine.push(l); });
  mine.forEach(function (l) { map.removeLayer(l); });
  map.eachLayer(function (l) { if (l instanceof L.GridLayer) l.redraw(); });
  return JSON.stringify({removed: mine.length});
})()"""

# What the detail basemap does in the current view: its layers on the map, its cells here, names drawn.
_DETAIL_STATE = """(function () {
  var map = %s, D = window.MapviewerBasemapDetail, on = 0;
  if (!map || !D) return JSON.stringify({layers: 0, cells: 0, names: 0, tiles_pending: -1});
  var T = D.tiles().constructor, N = D.names().constructor;
  map.eachLayer(function (l) { if (l instanceof T || l instanceof N) on++; });
  var tiles = document.querySelectorAll('.leaflet-tile'), pending = 0;
  for (var i = 0; i < tiles.length; i++) if (!tiles[i].classList.contains('leaflet-tile-loaded')) pending++;
  return JSON.stringify({layers: on, cells: D.loaded().length, names: on ? D.placed().length : 0, tiles: tiles.length,
                         tiles_pending: pending, zoom: map.getZoom()});
})()"""


def working_zoom(page, modes: list[str], timeout: float) -> dict:
    """Pan and zoom at working zoom (WORKING_VIEW), per detail-basemap mode: the same moves as pan_zoom, from the
    same view, each mode's tiles drawn first; with what the detail basemap drew (its layers, cells, names)."""
    lat, lon, zoom = WORKING_VIEW
    out: dict = {}
    for mode in [m for m in DETAIL_MODES if m in modes]:
        if mode == "off":
            off, _ = js(page, _DETAIL_OFF % _FIND_MAP, timeout)
            if not isinstance(off, dict) or "error" in off:
                raise RuntimeError(f"could not take the detail basemap off: {off}")
        js(page, f"void {_FIND_MAP}.setView([{lat}, {lon}], {zoom}, {{animate: false}})", timeout)  # not the map: no result to convert

        def drawn() -> bool:
            st, _ = js(page, _DETAIL_STATE % _FIND_MAP, timeout)
            return isinstance(st, dict) and st.get("tiles", 0) > 0 and st.get("tiles_pending") == 0

        wait_until(drawn, min(timeout, 60.0), f"the map drawn at zoom {zoom} (detail {mode})", step_ms=20)
        with contextlib.suppress(Timeout):  # the names' canvas and a frame or two
            wait_until(lambda: False, 0.5, "settling")
        before, _ = js(page, _DETAIL_STATE % _FIND_MAP, timeout)
        row = pan_zoom(page, timeout)
        row.update({f"detail_{k}": v for k, v in before.items() if k in ("layers", "cells", "names")})
        out[mode] = row
    return out


def export_png(view) -> dict:
    from PySide6.QtCore import QBuffer, QIODevice

    t0 = time.perf_counter()
    pixmap = view.grab()
    t1 = time.perf_counter()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buf, "PNG")
    t2 = time.perf_counter()
    img = pixmap.toImage()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 37) for y in range(0, img.height(), 37)}
    return {"grab_ms": (t1 - t0) * 1000, "export_png_ms": (t2 - t0) * 1000, "png_bytes": buf.size(), "png_colours": len(colours)}


def bench_filters(ws) -> list[tuple[str, object]]:
    """The filter changes to time, in order; the last one returns to "everything shown"."""
    from mapviewer.core.filters import Filter

    ids = [a.id for a in ws.articles]
    return [
        ("article", Filter(articles=frozenset(ids[:1]))),
        ("articles-half", Filter(articles=frozenset(ids[: len(ids) // 2]))),
        ("certainty", Filter(certainties=frozenset({"confirmed", "reported"}))),
        ("topic", Filter(topics=frozenset({"combat", "weapons"}))),
        ("search", Filter(text="tunnels")),
        ("time", Filter(since="2024", until="2024")),
        ("sources", Filter(min_sources=2)),
        ("all", Filter()),
    ]


def _time_core() -> dict:
    """Wrap the names Workspace.load calls (bench_load's outer stages) so one load also gives its
    breakdown, keyed by name (no app edits)."""
    import importlib

    from bench_load import STAGES, time_calls

    totals: dict[str, float] = {}
    for module, name, label in STAGES:
        if not label.startswith(" "):
            time_calls(importlib.import_module(module), name, totals, name)
    return totals


def open_workspace(data: str | None):
    import mapviewer.core.workspace as wsm

    totals = _time_core()
    t0 = time.perf_counter()
    ws = wsm.Workspace.open(data)
    load = time.perf_counter() - t0
    counts = {
        "sites": len(ws.sites),
        "mapped_sites": len(ws.mapped_sites),
        "articles": len(ws.articles),
        "mentions": len(ws.mentions),
    }
    core = {f"core_{k}_s": round(v, 4) for k, v in totals.items()}
    return ws, {"load_s": load, **core, **counts, "problems": len(ws.problems)}


def worker_first_open(args) -> dict:
    """The workspace opened with no snapshot to read (a user's first open of it): it is read, labelled
    and kept; the other workers then open it from the snapshot, as every later start does."""
    from mapviewer.core import workspace_cache
    from mapviewer.core.workspace import Location

    workspace_cache.cache_file(Location.resolve(args.data)).unlink(missing_ok=True)
    _, out = open_workspace(args.data)
    return out


def worker_ours(args) -> dict:
    _qt()
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401

    import mapviewer.qt.mapview as mapview
    from mapviewer.core.mapdata import visibility

    ws, out = open_workspace(args.data)
    built: dict = {}
    real_build = mapview.page_data

    def page_data(*a, **k):  # the map build: the page's data (its shell is cached)
        t0 = time.perf_counter()
        text = real_build(*a, **k)
        built.update(build_s=time.perf_counter() - t0, html_mb=len(text.encode("utf-8")) / 1e6)
        return text

    mapview.page_data = page_data
    view = mapview.MapView()
    view.resize(*VIEW_SIZE)
    view.show()
    states: list[dict] = []
    failures: list[str] = []
    view.mapReady.connect(states.append)
    view.mapFailed.connect(failures.append)
    t0 = time.perf_counter()
    view.load_workspace(ws)
    wait_until(lambda: states or failures, args.timeout, "mapReady")
    if failures:
        raise RuntimeError(f"map failed: {failures[0]}; js errors: {view.js_errors[:3]}")
    ready = time.perf_counter() - t0
    out.update(built, ready_s=ready, page_load_s=ready - built["build_s"], shown_sites=len(states[0].get("visible", [])))
    out["open_to_ready_s"] = out["load_s"] + ready
    page = view.page()
    js(page, "window.__mvbToken = 'same-page'", args.timeout)
    with contextlib.suppress(Timeout):  # let a frame or two through before timing
        wait_until(lambda: False, 0.3, "settling")

    rows: dict[str, list[dict]] = {}
    for _ in range(FILTER_CYCLES):
        for kind, flt in bench_filters(ws):
            t0 = time.perf_counter()
            result = ws.filter(flt)
            t1 = time.perf_counter()
            vis = visibility(ws, result)
            t2 = time.perf_counter()
            call = f"mapviewer.applyVisibility({json.dumps(vis['sites'])}, {json.dumps(vis['mentions'])})"
            r = timed_in_page(page, call, args.timeout)
            r.update(core_ms=(t1 - t0) * 1000, encode_ms=(t2 - t1) * 1000, visible=int(result.site_mask[ws.mapped_rows].sum()))
            r["total_ms"] = r["core_ms"] + r["encode_ms"] + r["roundtrip_ms"]
            rows.setdefault(kind, []).append(r)
    token, _ = js(page, "window.__mvbToken || ''", args.timeout)
    out["filters"] = {k: _median_rows(v) for k, v in rows.items()}
    out["page_reloaded"] = token != "same-page"
    out.update(pan_zoom(page, args.timeout))
    modes = [m for m in (args.basemap_detail or "").split(",") if m]
    if modes:
        out["working_zoom"] = working_zoom(page, modes, args.timeout)
    out.update(export_png(view))
    st, _ = js(page, "mapviewer.state()", args.timeout)
    out["js_errors"] = (st.get("errors") if isinstance(st, dict) else []) + view.js_errors
    view.close()
    view.deleteLater()
    return out


def _median_rows(rows: list[dict]) -> dict:
    keys = {k for r in rows for k in r}
    out = {}
    for k in sorted(keys):
        vals = [r[k] for r in rows if r.get(k) is not None]
        out[k] = statistics.median(vals) if vals else None
    return out


# ---- the plain-Folium baseline ------------------------------------------------------------------


def _baseline_html(ws, result, asset_base: str = "app://map/assets/") -> tuple[str, str]:
    """One folium.CircleMarker with a folium.Popup per shown site, offline Leaflet and jQuery."""
    import html as h

    import folium

    from mapviewer.core.model import CERTAINTIES
    from mapviewer.core.style import CERTAINTY_COLOURS

    m = folium.Map(location=[30, 60], zoom_start=2, tiles=None, fade_animation=False)
    m.default_js = [("leaflet", asset_base + "leaflet/leaflet.js"), ("jquery", asset_base + "jquery/jquery.min.js")]
    m.default_css = [("leaflet_css", asset_base + "leaflet/leaflet.css")]
    by_site: dict[str, list] = {}
    for i, mention in enumerate(ws.mentions):
        if result.mention_mask[i]:
            by_site.setdefault(mention.site_id, []).append(mention)
    for site in ws.mapped_sites:
        mentions = by_site.get(site.id)
        if not mentions:
            continue
        best = min(CERTAINTIES.index(x.claim.certainty) for x in mentions)
        items = []
        for x in mentions:
            a, b = x.start - x.sentence_start, x.end - x.sentence_start
            s = x.sentence
            quote = f"{h.escape(s[:a])}<mark>{h.escape(s[a:b])}</mark>{h.escape(s[b:])}"
            items.append(
                f"<li><blockquote>{quote}</blockquote><div>{h.escape(ws.article_label(x.article_id))} · {x.claim.certainty}</div></li>"
            )
        popup = (
            f"<b>{h.escape(site.name)}</b><div>{h.escape(site.kind)} · {h.escape(site.country)}</div><ol>{''.join(items)}</ol>"
        )
        folium.CircleMarker(
            location=[site.lat, site.lon],
            radius=min(14, 5 + len(mentions) ** 0.5 * 1.6),
            color="#ffffff",
            weight=1.5,
            fill=True,
            fill_color=CERTAINTY_COLOURS[CERTAINTIES[best]],
            fill_opacity=0.95,
            popup=folium.Popup(popup, max_width=420),
        ).add_to(m)
    return m.get_root().render(), m.get_name()


def worker_baseline(args) -> dict:
    _qt()
    import xstatic.pkg.jquery as xjquery
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWebEngineWidgets import QWebEngineView

    import mapviewer.qt.scheme as scheme
    from mapviewer.core import assets
    from mapviewer.core.filters import Filter

    assets.ASSET_DIRS["jquery"] = Path(xjquery.BASE_DIR)  # this process only: folium popups need jQuery
    ws, out = open_workspace(args.data)
    prof, handler = scheme.profile()
    view = QWebEngineView()
    page = QWebEnginePage(prof, view)
    view.setPage(page)
    view.resize(*VIEW_SIZE)
    view.show()
    errors: list[str] = []
    page.javaScriptConsoleMessage = lambda level, msg, line, src: errors.append(msg) if int(level.value) >= 2 else None
    loads: list[bool] = []
    view.loadFinished.connect(loads.append)
    counter = [0]

    def show(result) -> dict:
        t0 = time.perf_counter()
        html, name = _baseline_html(ws, result)
        t1 = time.perf_counter()
        counter[0] += 1
        path = f"/baseline-{counter[0]}.html"
        handler.pages.clear()
        handler.set_page(path, html)
        loads.clear()
        view.load(QUrl("app://map" + path))
        wait_until(lambda: loads, args.timeout, "baseline loadFinished")
        if not loads[0]:
            raise RuntimeError("baseline page did not load")
        count_js = _marker_count_js(name)
        box: dict = {}

        def ready():
            v, _ = js(page, count_js, args.timeout)
            if v not in ("", None):
                box["n"] = int(v)
            return "n" in box

        wait_until(ready, args.timeout, "baseline map", step_ms=50)
        t2 = time.perf_counter()
        return {
            "build_s": t1 - t0,
            "page_load_s": t2 - t1,
            "ready_s": t2 - t0,
            "html_mb": len(html.encode()) / 1e6,
            "shown_sites": box["n"],
        }

    everything = ws.filter(Filter())
    first = show(everything)
    out.update(first)
    out["open_to_ready_s"] = out["load_s"] + first["ready_s"]
    rows = {}
    for kind, flt in bench_filters(ws):
        t0 = time.perf_counter()
        result = ws.filter(flt)
        core = (time.perf_counter() - t0) * 1000
        r = show(result)
        rows[kind] = {
            "core_ms": core,
            "total_ms": core + r["ready_s"] * 1000,
            "rebuild_ms": r["build_s"] * 1000,
            "reload_ms": r["page_load_s"] * 1000,
            "visible": r["shown_sites"],
        }
    out["filters"] = rows
    out["page_reloaded"] = True
    out.update(pan_zoom(page, args.timeout))
    out.update(export_png(view))
    out["js_errors"] = errors[:5]
    view.close()
    view.deleteLater()
    return out


# ---- start-up ------------------------------------------------------------------------------------

_BARE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="app://map/assets/leaflet/leaflet.css">
<script src="app://map/assets/leaflet/leaflet.js"></script>
<style>html,body,#map{margin:0;height:100%;width:100%}</style></head>
<body><div id="map"></div><script>window.bareMap = L.map('map', {fadeAnimation: false}).setView([30, 60], 2);</script></body></html>"""


def _marker_count_js(name: str) -> str:
    """Page script answering how many circle markers the Folium map `name` holds ('' before it exists)."""
    return (
        f"(typeof L !== 'undefined' && window.{name}) ? (function(){{var n=0; {name}.eachLayer(function(l)"
        "{ if (l instanceof L.CircleMarker) n++; }); return String(n);})() : ''"
    )


_ON_SCREEN_JS = (
    "(function () { var m = Object.values(window).filter(function (x) { return typeof L !== 'undefined' && x instanceof L.Map; })[0];"
    " if (!m) return ''; var s = m.getSize(); if (!(s.x > 0 && s.y > 0)) return '';"
    " if (!window.__mvbFrames) { window.__mvbFrames = 1; requestAnimationFrame(function () {"
    " requestAnimationFrame(function () { window.__mvbFrames = 2; }); }); }"
    " return window.__mvbFrames === 2 ? 'ok' : ''; })()"
)
"""'ok' once a Leaflet map has its size on screen and two frames have been drawn since (the same on every side):
a page made ready before its view was laid out (the app's, by design) redraws at its real size first."""


def _view_showing(path: str, html: str):
    """A shown QWebEngineView on the app's profile (same app:// scheme handler) loading `html`, served at `path`."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWebEngineWidgets import QWebEngineView

    import mapviewer.qt.scheme as scheme

    prof, handler = scheme.profile()
    view = QWebEngineView()
    view.setPage(QWebEnginePage(prof, view))
    view.resize(*VIEW_SIZE)
    handler.set_page(path, html)
    view.show()
    view.load(QUrl("app://map" + path))
    return view


def _startup_folium(args) -> dict:
    """What a user would build instead of mapviewer: a plain Folium map of the same sites (one CircleMarker
    with a Popup quoting its passages per site, offline Leaflet) in a QWebEngineView, from the same workspace.
    Ready when every marker is on the map."""
    import xstatic.pkg.jquery as xjquery

    from mapviewer.core import assets
    from mapviewer.core.filters import Filter

    assets.ASSET_DIRS["jquery"] = Path(xjquery.BASE_DIR)  # folium popups need jQuery
    ws, _ = open_workspace(args.data)
    html, name = _baseline_html(ws, ws.filter(Filter()))
    view = _view_showing("/folium.html", html)
    expected = len({m.site_id for m in ws.mentions} & {s.id for s in ws.mapped_sites})
    count_js = _marker_count_js(name)
    box: dict = {}

    def ready() -> bool:
        v, _ = js(view.page(), count_js, args.timeout)
        box["n"] = int(v) if v not in ("", None) else 0
        return box["n"] >= expected

    wait_until(ready, args.timeout, "plain Folium markers", step_ms=5)
    return {"view": view, "shown_sites": box["n"]}


def worker_startup(args) -> dict:
    t_start = time.perf_counter()
    app = _qt()
    t_app = time.perf_counter()
    out: dict = {"qapp_s": t_app - t_start}
    if args.worker == "startup-folium":
        out.update(_startup_folium(args))
        view = out.pop("view")
    elif args.worker == "startup-bare":
        view = _view_showing("/bare.html", _BARE)
        done: list = []
        view.loadFinished.connect(done.append)
        wait_until(lambda: done, args.timeout, "bare loadFinished", step_ms=2)
        box: dict = {}

        def ready():
            v, _ = js(view.page(), "(typeof L !== 'undefined' && window.bareMap) ? 'ok' : ''", args.timeout)
            box["ok"] = v == "ok"
            return box["ok"]

        wait_until(ready, args.timeout, "bare Leaflet", step_ms=50)
    else:
        from PySide6.QtCore import QSettings

        from mapviewer.qt.app import start_window  # what `mapviewer` runs: page and workspace at once

        t0 = time.perf_counter()
        settings = QSettings(str(Path(tempfile.gettempdir()) / f"mvbench-{os.getpid()}.ini"), QSettings.Format.IniFormat)
        ready: list = []
        window = start_window(args.data, settings=settings, restore=False)
        out["load_s"] = time.perf_counter() - t0  # workspace open (with the page loading beside it) + window
        window.map.mapReady.connect(ready.append)
        window.show()
        out["window_s"] = time.perf_counter() - t0
        wait_until(lambda: ready or window.map.is_ready, args.timeout, "mapReady", step_ms=2)
        view = window
    out["to_ready_s"] = time.perf_counter() - t_app  # from the QApplication existing to a working map
    out["ready_wall"] = time.time()
    page = view.map.page() if args.worker == "startup-app" else view.page()
    wait_until(lambda: js(page, _ON_SCREEN_JS, args.timeout)[0] == "ok", args.timeout, "map drawn on screen", step_ms=2)
    out["drawn_wall"] = time.time()
    view.close()
    del app
    return out


def worker_main(args) -> int:
    fn = {"ours": worker_ours, "baseline": worker_baseline, "first-open": worker_first_open}.get(args.worker, worker_startup)
    try:
        result = fn(args)
    except Exception as exc:  # reported to the parent, which prints it
        result = {"error": f"{type(exc).__name__}: {exc}"}
    pids = tree_pids(os.getpid())  # short runs (start-up) can end between two PSS samples of the parent
    result.update(end_rss_mb=tree_memory(pids, pss=False) / 2**20, end_pss_mb=tree_memory(pids, pss=True) / 2**20)
    print(RESULT_TAG + json.dumps(result), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip QtWebEngine teardown: it is not what is measured


# ---------------------------------------------------------------------------------------------------
# parent side


def run_worker(kind: str, data: str | None, timeout: float, env: dict, extra: list[str] | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--timeout", str(timeout), *(extra or [])]
    if data:
        cmd += ["--data", data]
    spawn = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the worker's own session: it and its QtWebEngine children
        proc.communicate()
        return {"error": f"worker {kind} killed after {timeout + 30:.0f} s"}
    finally:
        sampler.stop.set()
        sampler.join()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # leftover QtWebEngine helpers after os._exit
    line = next((ln for ln in stdout.splitlines() if ln.startswith(RESULT_TAG)), None)
    if line is None:
        return {"error": f"worker {kind} exited {proc.returncode} without a result: {stderr.strip()[-600:]}"}
    result = json.loads(line[len(RESULT_TAG) :])
    result.update(
        peak_rss_mb=max(sampler.peak_rss / 2**20, result.pop("end_rss_mb", 0)),
        peak_pss_mb=max(sampler.peak_pss / 2**20, result.pop("end_pss_mb", 0)),
        processes=sampler.peak_procs,
        peak_pss_python_mb=sampler.peak_own / 2**20,
        peak_pss_browser_mb=sampler.peak_children / 2**20,
        at_peak_python_mb=sampler.at_peak[0] / 2**20,
        at_peak_browser_mb=sampler.at_peak[1] / 2**20,
    )
    if "ready_wall" in result:
        result["spawn_to_ready_s"] = result.pop("ready_wall") - spawn
    if "drawn_wall" in result:
        result["spawn_to_drawn_s"] = result.pop("drawn_wall") - spawn
    return result


def median_results(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"error": runs[0].get("error") if runs else "no runs"}
    out: dict = {"runs": len(ok)}
    for k in ("peak_pss_mb", "ready_s", "to_ready_s", "spawn_to_ready_s", "spawn_to_drawn_s"):  # targets: the spread counts too
        values = [r[k] for r in ok if isinstance(r.get(k), (int, float))]
        if len(values) > 1:
            out[f"{k}_range"] = [min(values), max(values)]
    for k, v in ok[0].items():
        if isinstance(v, bool) or k == "js_errors":
            out[k] = v if k != "js_errors" else sorted({e for r in ok for e in r.get(k, [])})[:5]
        elif isinstance(v, (int, float)):
            out[k] = statistics.median(r[k] for r in ok if isinstance(r.get(k), (int, float)))
        elif isinstance(v, dict):
            out[k] = {kind: median_results([r[k][kind] for r in ok if kind in r.get(k, {})]) for kind in v}
            for kind in out[k]:
                out[k][kind].pop("runs", None)
    return out


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    mem = 0
    with contextlib.suppress(OSError), open("/proc/meminfo") as f:
        mem = int(next(ln for ln in f if ln.startswith("MemTotal")).split()[1]) // 1024
    import PySide6

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": mem,
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "platform": platform.platform(),
        "qpa": "offscreen (software rendering)",
    }


RATIO_KEYS = [
    "open_to_ready_s",
    "ready_s",
    "build_s",
    "page_load_s",
    "html_mb",
    "peak_pss_mb",
    "peak_rss_mb",
    "filter_total_ms",
    "pan_frame_ms",
    "zoom_frame_ms",
    "export_png_ms",
]


def _flat(r: dict) -> dict:
    f = dict(r)
    if r.get("at_peak_python_mb") is not None and r.get("at_peak_browser_mb") is not None:
        f["at_peak_split"] = f"{r['at_peak_python_mb']:,.0f} / {r['at_peak_browser_mb']:,.0f} MB"
    filters = r.get("filters") or {}
    totals = [v.get("total_ms") for v in filters.values() if isinstance(v, dict) and v.get("total_ms") is not None]
    if totals:
        f["filter_total_ms"] = max(totals)
    for key in ("page_ms", "frame_ms"):
        vals = [v.get(key) for v in filters.values() if isinstance(v, dict) and v.get(key) is not None]
        if vals:
            f[f"filter_{key}_max"] = max(vals)
    for mode, row in (r.get("working_zoom") or {}).items():
        if isinstance(row, dict):
            f.update({f"wz_{mode}_{k}": v for k, v in row.items()})
            f[f"wz_{mode}_page_split"] = f"{_fmt(row.get('pan_page_ms'))} / {_fmt(row.get('zoom_page_ms'))} ms"
            f[f"wz_{mode}_detail_split"] = " / ".join(_fmt(row.get(f"detail_{k}")) for k in ("layers", "cells", "names"))
    return f


def _fmt(v, unit="") -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.3f}{unit}" if abs(v) < 10 else f"{v:,.1f}{unit}" if abs(v) < 1000 else f"{v:,.0f}{unit}"
    return f"{v}{unit}"


FIRST_OPEN_ROWS = [
    ("workspace open, first time", "load_s", "s"),
    ("  of which mention finding", "core_find_mentions_s", "s"),
    ("  of which claim rules", "core_classify_s", "s"),
    ("  of which gazetteer", "core_load_sites_s", "s"),
    ("  of which articles", "core_load_articles_s", "s"),
    ("  of which input digests", "core_inputs_digest_s", "s"),
    ("  of which snapshot write", "core_write_s", "s"),
    ("  of which filter table", "core_MentionTable_s", "s"),
]

ROWS = [
    ("workspace open (from snapshot)", "load_s", "s"),
    ("  of which input digest", "core_inputs_digest_s", "s"),
    ("  of which snapshot read", "core_read_s", "s"),
    ("  of which filter table", "core_MentionTable_s", "s"),
    ("sites on map", "shown_sites", ""),
    ("mentions", "mentions", ""),
    ("map build (page data; Folium: page)", "build_s", "s"),
    ("page data (Folium: page HTML)", "html_mb", " MB"),
    ("page load → mapReady", "page_load_s", "s"),
    ("build + load → ready", "ready_s", "s"),
    ("open → ready (load+ready)", "open_to_ready_s", "s"),
    ("filter: worst total latency", "filter_total_ms", " ms"),
    ("filter: worst page work", "filter_page_ms_max", " ms"),
    ("filter: worst to next frame", "filter_frame_ms_max", " ms"),
    ("pan: page work", "pan_page_ms", " ms"),
    ("pan: to next frame", "pan_frame_ms", " ms"),
    ("zoom: page work", "zoom_page_ms", " ms"),
    ("zoom: to next frame", "zoom_frame_ms", " ms"),
    *(
        row
        for mode in DETAIL_MODES
        for row in (
            (f"pan at zoom 7-9, detail {mode}", f"wz_{mode}_pan_frame_ms", " ms"),
            (f"zoom at 7-9, detail {mode}", f"wz_{mode}_zoom_frame_ms", " ms"),
            ("  page work: pan / zoom", f"wz_{mode}_page_split", ""),
            ("  detail layers/cells/names", f"wz_{mode}_detail_split", ""),
        )
    ),
    ("export PNG (grab+encode)", "export_png_ms", " ms"),
    ("peak memory, PSS sum", "peak_pss_mb", " MB"),
    ("  of which Python / browser then", "at_peak_split", ""),
    ("peak memory, RSS sum", "peak_rss_mb", " MB"),
]


def print_report(report: dict) -> None:
    m = report["machine"]
    print(
        f"\nmachine: {m['cpu']}, {m['cores']} cores, {m['memory_mb'] // 1024} GB, {m['qpa']}; Python {m['python']}, PySide6 {m['pyside6']}"
    )
    print(f"medians of {report['config']['repeat']} run(s) per figure; each run is a fresh process\n")
    for size, entry in report["sizes"].items():
        ours, base = _flat(entry.get("ours", {})), _flat(entry.get("baseline", {}))
        print(f"== {int(size):,} sites, {entry['articles']:,} articles (generated {entry['generate_s']:.1f} s) ==")
        if "error" in ours:
            print(f"  ours: ERROR {ours['error']}")
        if entry.get("baseline_skipped"):
            print(f"  baseline skipped: {entry['baseline_skipped']}")
        elif "error" in base:
            print(f"  baseline: ERROR {base['error']}")
        first = entry.get("first_open") or {}
        if "error" in first:
            print(f"  first open: ERROR {first['error']}")
        for label, key, unit in FIRST_OPEN_ROWS:
            if first.get(key) is not None:
                print(f"  {label:32} {_fmt(first[key], unit):>12}")
        if first.get("load_s") is not None and ours.get("ready_s") is not None:
            print(f"  {'first open → ready':32} {_fmt(first['load_s'] + ours['ready_s'], 's'):>12}")
        launch = entry.get("launch") or {}
        if "error" in launch:
            print(f"  app start: ERROR {launch['error']}")
        elif launch.get("spawn_to_ready_s") is not None:
            print(f"  {'app start → map drawn (window)':32} {_fmt(launch['spawn_to_ready_s'], 's'):>12}   (process spawn → mapReady, later starts)")
        print(f"  {'':32} {'ours':>12} {'folium':>12} {'folium/ours':>12}")
        for label, key, unit in ROWS:
            o, b = ours.get(key), base.get(key)
            if o is None and b is None:
                continue
            ratio = entry.get("ratios", {}).get(key)
            print(f"  {label:32} {_fmt(o, unit):>12} {_fmt(b, unit):>12} {_fmt(ratio, '×') if ratio else '':>12}")
        filters = entry.get("ours", {}).get("filters") or {}
        if filters:
            print(
                "  ours per filter change (ms): kind: visible sites | core | encode | page work | next frame | round trip | total"
            )
            for kind, f in filters.items():
                print(
                    f"    {kind:14} {_fmt(f.get('visible')):>8} | {_fmt(f.get('core_ms'))} | {_fmt(f.get('encode_ms'))} | "
                    f"{_fmt(f.get('page_ms'))} | {_fmt(f.get('frame_ms'))} | {_fmt(f.get('roundtrip_ms'))} | {_fmt(f.get('total_ms'))}"
                )
        bf = entry.get("baseline", {}).get("filters") or {}
        if bf:
            print("  folium per filter change (ms): kind: visible sites | rebuild | reload | total")
            for kind, f in bf.items():
                print(
                    f"    {kind:14} {_fmt(f.get('visible')):>8} | {_fmt(f.get('rebuild_ms'))} | {_fmt(f.get('reload_ms'))} | {_fmt(f.get('total_ms'))}"
                )
        if ours.get("page_reloaded"):
            print("  WARNING: ours reloaded the page during filter changes")
        if ours.get("js_errors") or base.get("js_errors"):
            print(f"  page errors: ours {ours.get('js_errors')}, folium {base.get('js_errors')}")
        print()
    s = report.get("startup")
    if s:
        print("== start-up: the app on the bundled corpus vs a plain Folium map of the same sites vs an empty Leaflet page ==")
        print(f"  {'':32} {'app':>10} {'folium':>10} {'bare':>10}   app/folium   app/bare")
        for label, key in (
            ("QApplication → map ready", "to_ready_s"),
            ("process spawn → map ready", "spawn_to_ready_s"),
            ("process spawn → drawn on screen", "spawn_to_drawn_s"),
            ("peak memory, PSS sum (MB)", "peak_pss_mb"),
            ("peak memory, RSS sum (MB)", "peak_rss_mb"),
        ):
            cells = [_fmt(s.get(side, {}).get(key)) for side in ("app", "folium", "bare")]
            ratios = [s.get("ratios", {}).get(f"app_vs_{o}_by_key", {}).get(key) for o in ("folium", "bare")]
            paired = [s.get("paired_ratios", {}).get(f"app_vs_{o}", {}).get(key) for o in ("folium", "bare")]
            print(
                f"  {label:32} {cells[0]:>10} {cells[1]:>10} {cells[2]:>10}   "
                + "   ".join(f"{_fmt(r, '×')} (run by run {_fmt(q, '×')})" for r, q in zip(ratios, paired))
            )
        print(f"  startup.ratios.app_vs_folium = {_fmt(s.get('ratios', {}).get('app_vs_folium'), '×')} (target ≤ 1.0)")
        errors = [s.get(side, {}).get("error") for side in ("app", "folium", "bare")]
        if any(errors):
            print(f"  errors: {errors}")
        print()


STARTUP_SIDES = ("bare", "folium", "app")
STARTUP_KEYS = ("to_ready_s", "spawn_to_ready_s", "spawn_to_drawn_s", "peak_pss_mb", "peak_rss_mb")
HEADLINE_KEY = "spawn_to_drawn_s"
"""The start-up target's figure: process spawn → the map drawn at its size on screen (spawn_to_ready_s, the
page's own "ready", is kept for comparison with figures before 3 Dec 2026: the app's page says ready before
its window is shown and laid out)."""


def run_startup(args, env: dict, log) -> dict:
    """Fresh processes, alternating bare → folium → app each round: the app against a plain Folium map of
    the same sites (the target: ratios.app_vs_folium <= 1.0, spawn → map drawn) and, as a reference, against
    a bare QWebEngineView with an empty Leaflet page."""
    runs: dict[str, list[dict]] = {side: [] for side in STARTUP_SIDES}
    # A user's second start finds the modules compiled (pip compiles installed packages; Python writes
    # the rest on the first run): let the workers write bytecode, and discard one warm-up run per side.
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for side in STARTUP_SIDES:
        log(f"[start-up] {side} warm-up run …")
        run_worker(f"startup-{side}", None, min(args.timeout, 120), env)
    for i in range(args.repeat):
        for side in STARTUP_SIDES:
            log(f"[start-up] {side} run {i + 1}/{args.repeat} …")
            runs[side].append(run_worker(f"startup-{side}", None, min(args.timeout, 120), env))
    s: dict = {side: median_results(v) for side, v in runs.items()}
    s["ratios"], s["paired_ratios"] = {}, {}
    for other in ("folium", "bare"):
        name = f"app_vs_{other}"
        app, base = s["app"], s[other]
        # The headline figure: spawn → map drawn on screen, ratio of the medians.
        if isinstance(app.get(HEADLINE_KEY), (int, float)) and base.get(HEADLINE_KEY):
            s["ratios"][name] = app[HEADLINE_KEY] / base[HEADLINE_KEY]
        s["ratios"][f"{name}_by_key"] = {
            k: app[k] / base[k] for k in STARTUP_KEYS if isinstance(app.get(k), (int, float)) and isinstance(base.get(k), (int, float)) and base[k]
        }
        # Each app run follows its other runs of the round: the median of the pairs' ratios is steadier than the
        # ratio of the medians when the machine's speed drifts during the runs (a shared VM).
        pairs = [(a, b) for a, b in zip(runs["app"], runs[other], strict=True) if "error" not in a and "error" not in b]
        s["paired_ratios"][name] = {
            k: statistics.median(a[k] / b[k] for a, b in pairs) for k in STARTUP_KEYS if pairs and all(b.get(k) for _, b in pairs)
        }
    return s


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="mapviewer benchmarks (see benchmarks/README.md)")
    p.add_argument("--sizes", default="1000,10000", help="site counts, comma-separated (default 1000,10000)")
    p.add_argument("--articles-per-site", type=float, default=0.2, help="articles = sites × this (default 0.2: 100k → 20k)")
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are reported (default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument(
        "--baseline-max",
        type=int,
        default=10000,
        help="skip the plain-Folium baseline above this many sites (default 10000: at 100k it takes minutes per reload)",
    )
    p.add_argument("--no-startup", action="store_true", help="skip the start-up comparison")
    p.add_argument("--startup-only", action="store_true", help="only the start-up comparison (no generated workspaces)")
    p.add_argument(
        "--launch", action="store_true", help="also time the app's start on each generated workspace (spawn → map drawn in the window)"
    )
    p.add_argument("--only", choices=["ours", "baseline"], help="run one side only")
    p.add_argument(
        "--basemap-detail",
        default="on,off",
        metavar="MODES",
        help="ours: also time pan and zoom at working zoom (7-9, over Ukraine) with the offline detail basemap (on), "
        "without it (off), or both (on,off, the default); '' to skip",
    )
    p.add_argument("--timeout", type=float, default=600, help="per worker process, seconds (default 600)")
    p.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mapviewer-bench", help="generated workspaces (cached)"
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--asset-dir",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="serve app://map/assets/NAME/ from DIR, e.g. map=/tmp/patched to A/B a modified mapviewer.js (repeatable)",
    )
    p.add_argument("--report", type=Path, help="print the table for a JSON report saved earlier with --json, and exit")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--data", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        return worker_main(args)
    if args.report:
        print_report(json.loads(args.report.read_text()))
        return 0
    unknown = [m for m in args.basemap_detail.split(",") if m and m not in DETAIL_MODES]
    if unknown:
        p.error(f"--basemap-detail: unknown mode {unknown[0]!r} (choose from {', '.join(DETAIL_MODES)})")

    import generate

    sizes = [] if args.startup_only else [int(s) for s in args.sizes.split(",") if s.strip()]
    home = args.workdir / "home"
    env = {
        **os.environ,
        "MAPVIEWER_USER_DIR": str(home / "user"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("MAPVIEWER_DATA", None)
    asset_dirs = {}
    for item in args.asset_dir:
        name, _, folder = item.partition("=")
        if not name or not Path(folder).is_dir():
            p.error(f"--asset-dir {item!r}: expected NAME=DIR with an existing DIR")
        asset_dirs[name] = str(Path(folder).resolve())
    if asset_dirs:
        env["MVBENCH_ASSET_DIRS"] = json.dumps(asset_dirs)
    report: dict = {
        "machine": machine(),
        "config": {
            "sizes": sizes,
            "repeat": args.repeat,
            "baseline_max": args.baseline_max,
            "asset_dirs": asset_dirs,
            "seed": args.seed,
            "view": list(VIEW_SIZE),
            "filter_cycles": FILTER_CYCLES,
            "basemap_detail": args.basemap_detail,
            "working_view": list(WORKING_VIEW),
        },
        "sizes": {},
    }

    def log(*a) -> None:
        print(*a, file=sys.stderr, flush=True)

    for n in sizes:
        m = max(20, round(n * args.articles_per_site))
        t0 = time.perf_counter()
        folder = generate.ensure(args.workdir, n, m, args.seed)
        entry: dict = {"articles": m, "workspace": str(folder), "generate_s": time.perf_counter() - t0}
        sides = ["ours", "baseline"] if not args.only else [args.only]
        if "baseline" in sides and n > args.baseline_max:
            sides.remove("baseline")
            entry["baseline_skipped"] = (
                f"{n:,} sites > --baseline-max {args.baseline_max:,}: plain folium takes ~1.6 ms per marker + popup "
                "(16 s per rebuild at 10,000) and rebuilds and reloads the page on every filter change (minutes per run)"
            )
        first = []
        for i in range(args.repeat):
            log(f"[{n:,} sites] first open (no snapshot) {i + 1}/{args.repeat} …")
            first.append(run_worker("first-open", str(folder), args.timeout, env))
        entry["first_open"] = median_results(first)
        runs: dict[str, list] = {s: [] for s in sides}
        for i in range(args.repeat):
            for side in sides:
                log(f"[{n:,} sites] {side} run {i + 1}/{args.repeat} …")
                extra = ["--basemap-detail", args.basemap_detail] if side == "ours" else []
                r = run_worker(side, str(folder), args.timeout, env, extra)
                if "error" in r:
                    log(f"  error: {r['error']}")
                runs[side].append(r)
        for side in sides:
            entry[side] = median_results(runs[side])
        if args.launch:  # what the user waits for on a later start: the snapshot exists by now
            launches = []
            for i in range(args.repeat):
                log(f"[{n:,} sites] app start on it {i + 1}/{args.repeat} …")
                launches.append(run_worker("startup-app", str(folder), args.timeout, env))
            entry["launch"] = median_results(launches)
        if "baseline" in entry and "ours" in entry:
            o, b = _flat(entry["ours"]), _flat(entry["baseline"])
            entry["ratios"] = {
                k: b[k] / o[k]
                for k in RATIO_KEYS
                if isinstance(o.get(k), (int, float)) and isinstance(b.get(k), (int, float)) and o[k]
            }
        report["sizes"][str(n)] = entry
    if not args.no_startup:
        report["startup"] = run_startup(args, env, log)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
