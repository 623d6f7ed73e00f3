"""The one way Python calls into the map page: a typed method per function of the page's public API
(window.mapviewer, assets/map/mapviewer.js; and window.mapviewerStart.presize, start.js), each serialising its arguments with json.dumps here and
nowhere else. No other module runs script in the page (tests/page/test_page_api.py checks).

Why: page calls used to be format strings spread over the window, the map view and the renderer, each
quoting its own arguments and computing the certainty and topic codes again; one typed contract keeps
the quoting safe and the codes in one place (core/pagecodes.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWebEngineCore import QWebEnginePage

from mapviewer.core.model import Claim
from mapviewer.core.pagecodes import certainty_code, topic_codes

Callback = Callable[[object], None]
"""Gets the raw result of the page's function (None or '' when the script threw, or for values runJavaScript
cannot convert, such as arrays: methods that need one ask the page for JSON)."""


def js_call(function: str, *args: Any) -> str:
    """`mapviewer.function(args…)` as script, each argument JSON (valid JavaScript, quoted safely)."""
    if not function.isidentifier():
        raise ValueError(f"not a page function name: {function!r}")
    return f"mapviewer.{function}({', '.join(json.dumps(a) for a in args)})"


def parse_state(raw: object) -> dict:
    """The page's state() answer as a dict; {} when there was none (no page API yet) or it is not JSON."""
    if not isinstance(raw, str) or not raw:
        return {}
    try:
        state = json.loads(raw)
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def _pair(raw: object) -> tuple[float, float] | None:
    """A JSON [a, b] of numbers from the page as a tuple, else None."""
    try:
        value = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return float(value[0]), float(value[1])
    return None


# Whether the export renderer can grab the page: ready, every basemap tile drawn, three frames passed.
_SETTLED = """(function () {
  var mv = window.mapviewer;
  if (!mv || !mv.ready) return 'not ready';
  var tiles = document.querySelectorAll('.leaflet-tile');
  var pending = 0;
  for (var i = 0; i < tiles.length; i++) if (!tiles[i].classList.contains('leaflet-tile-loaded')) pending++;
  if (!tiles.length || pending) return 'tiles pending: ' + pending + ' of ' + tiles.length;
  if (window.__mvFrames === undefined) {
    window.__mvFrames = 0;
    var step = function () { if (++window.__mvFrames < 3) requestAnimationFrame(step); };
    requestAnimationFrame(step);
  }
  return window.__mvFrames >= 3 ? 'ok' : 'waiting for frames';
})()"""

# A snapshot cannot be zoomed: drop the +/- buttons; legend, scale bar and attribution stay.
_HIDE_ZOOM_BUTTONS = (
    "(function () { var z = document.querySelector('.leaflet-control-zoom'); if (z) z.style.display = 'none'; })();"
)


class PageAPI:
    """Calls into one QWebEnginePage's map. Calls run in the page in the order made; a callback gets
    the function's result. Owned by MapView (`MapView.page_api`)."""

    def __init__(self, page: QWebEnginePage) -> None:
        self._page = page

    def _run(self, script: str, callback: Callback | None = None) -> None:
        if callback is None:
            self._page.runJavaScript(script, 0)
        else:
            self._page.runJavaScript(script, 0, callback)

    def _call(self, function: str, *args: Any, callback: Callback | None = None) -> None:
        self._run(js_call(function, *args), callback)

    # -- what is shown -----------------------------------------------------------------------------
    def apply_visibility(self, sites: str, mentions: str, callback: Callback | None = None) -> None:
        """Show the sites and passages whose bits are set (mapdata.visibility's base64 masks); the
        callback gets the page's counts as JSON {visible, passages}."""
        self._call("applyVisibility", sites, mentions, callback=callback)

    def update_mention(self, mention_id: str, claim: Claim) -> None:
        """A passage's corrected label (its codes written by core/pagecodes); apply the filter after it."""
        self._call("updateMention", mention_id, certainty_code(claim.certainty), topic_codes(claim.topics), claim.evidence)

    def set_evidence(self, evidence: dict) -> None:
        """The figures' and flows' layer (core/figure_view.py page_evidence): badges where sources disagree,
        the flows to draw, and for a page without a host each site's Figures section."""
        self._call("setEvidence", evidence)

    def apply_flow_visibility(self, flows: str, callback: Callback | None = None) -> None:
        """Show the flows whose bits are set (figure_view.flow_bits); the callback gets JSON {flows}."""
        self._call("applyFlowVisibility", flows, callback=callback)

    def open_flow(self, flow_id: str, callback: Callback | None = None) -> None:
        """Open a shown flow's popup (the callback gets whether it did)."""
        self._call("openFlow", flow_id, callback=callback)

    def set_basemap(self, basemap: str) -> None:
        """'offline' or an online layer id (mappage.ONLINE_BASEMAPS)."""
        self._call("setBasemap", basemap)

    # -- the view ----------------------------------------------------------------------------------
    def focus_site(self, site_id: str, passages: Sequence[dict] | None = None) -> None:
        """Fly to the site and open its popup; `passages` are its popup rows (mapdata.site_passages),
        for a page built without them."""
        self._call("focusSite", site_id, list(passages) if passages is not None else None)

    def fit_visible(self, padding: float | None = None, avoid_legend: bool = False) -> None:
        """Fit the view to the shown sites (`padding` px, 30 by default), optionally not under the legend."""
        self._call("fitVisible", padding, avoid_legend)

    def set_view(self, west: float, south: float, east: float, north: float) -> None:
        """Fit a bounding box."""
        self._call("setView", float(west), float(south), float(east), float(north))

    def set_center_zoom(self, lat: float, lng: float, zoom: float) -> None:
        """Restore an exact view."""
        self._call("setCenterZoom", float(lat), float(lng), float(zoom))

    def marker_point(self, site_id: str, callback: Callable[[tuple[float, float] | None], None]) -> None:
        """The container pixel of the site's marker, or None (unknown site)."""
        self._call("markerPoint", site_id, callback=lambda raw: callback(_pair(raw)))

    # -- placing a site ----------------------------------------------------------------------------
    def start_placing(self, label: str, lat: float | None = None, lng: float | None = None) -> None:
        """A draggable pin for `label` (at the map's centre without a position); the page reports each
        new position over the bridge (Bridge.placed)."""
        self._call("startPlacing", label, lat, lng)

    def stop_placing(self) -> None:
        """Remove the pin; harmless before the page has its API (a page being replaced)."""
        self._run("window.mapviewer && mapviewer.stopPlacing && mapviewer.stopPlacing()")

    def placing_at(self, callback: Callable[[tuple[float, float] | None], None]) -> None:
        """The pin's (lat, lng), or None when there is none."""
        # As JSON: an array does not come through runJavaScript's conversion intact.
        self._run(f"JSON.stringify({js_call('placingAt')})", lambda raw: callback(_pair(raw)))

    # -- the map's own tools (context menu, measuring, Escape) -------------------------------------
    def escape(self, callback: Callable[[str], None] | None = None) -> None:
        """Undo one thing on the map per call: the open popup, else a measurement, else a spread group; the
        callback gets what was done ('popup', 'measure', 'spread' or ''). The window's Esc while the focus is
        elsewhere (the page's own Esc does the same: assets/map/mv-keys.js)."""
        script = "window.mapviewer && mapviewer.escape ? mapviewer.escape() : ''"
        self._run(script, None if callback is None else lambda raw: callback(raw if isinstance(raw, str) else ""))

    def focus_map(self) -> None:
        """The keyboard focus to the map's own element (Leaflet's keys work at once), shown by a ring."""
        self._run("window.mapviewer && mapviewer.focusMap && mapviewer.focusMap()")

    def what_is_at(self, x: float, y: float, callback: Callable[[dict], None]) -> None:
        """At a pixel of the view: {lat, lng, zoom, site, name} (site: the point site whose marker is
        there, or None); {} before the page has its data."""
        self._run(f"window.mapviewer && mapviewer.ready ? {js_call('whatIsAt', float(x), float(y))} : ''", lambda raw: callback(parse_state(raw)))

    def start_measure(self, lat: float | None = None, lng: float | None = None) -> None:
        """Measure a distance from (lat, lng), or from the first click on the map."""
        self._call("startMeasure", None if lat is None else float(lat), None if lng is None else float(lng))

    def stop_measure(self) -> None:
        self._run("window.mapviewer && mapviewer.stopMeasure && mapviewer.stopMeasure()")

    def measure_state(self, callback: Callable[[dict], None]) -> None:
        """{active, points: [[lat, lng]…], km} of the measurement now."""
        self._call("measureState", callback=lambda raw: callback(parse_state(raw)))

    # -- reading the page --------------------------------------------------------------------------
    def state(self, callback: Callable[[dict], None]) -> None:
        """The page's state (readiness, counts, visible ids, basemap, view, popup, errors); {} before
        the page has its API."""
        self._run("window.mapviewer ? mapviewer.state() : ''", lambda raw: callback(parse_state(raw)))

    def presize(self, width: int, height: int) -> None:
        """The size the map will be shown at, told while its view is hidden (Chromium gives a hidden view no
        size): the page lays the map out and fits it there before it is shown (assets/map/mv-view.js presize).
        Kept by the page's first script, so it holds even before the map is made."""
        self._run(f"window.mapviewerStart && mapviewerStart.presize({int(width)}, {int(height)})")

    def ready_state(self, load: int, callback: Callback) -> None:
        """The raw state() of the page loaded as `?v=load` once it says it is ready; '' from any other
        page (an earlier load still answering) or before."""
        query = json.dumps(f"?v={int(load)}")
        self._run(f"location.search === {query} && window.mapviewer && mapviewer.ready ? mapviewer.state() : ''", callback)

    # -- the export renderer -----------------------------------------------------------------------
    def prepare_snapshot(
        self,
        sites: str,
        mentions: str,
        view: tuple[float, float, float] | None,
        bbox: Sequence[float] | None,
        callback: Callable[[dict], None],
    ) -> None:
        """In one script, so a failure anywhere leaves no state: the filter, the view (centre and zoom;
        else a bounding box; else fit the shown sites clear of the legend), no zoom buttons; then the
        callback gets the state ({} if the script failed)."""
        parts = [js_call("applyVisibility", sites, mentions) + ";"]
        if view is not None:
            parts.append(js_call("setCenterZoom", *(float(v) for v in view)) + ";")
        elif bbox is not None:
            parts.append(js_call("setView", *(float(v) for v in bbox)) + ";")
        else:
            parts.append(js_call("fitVisible", 30, True) + ";")
        parts.append(_HIDE_ZOOM_BUTTONS)
        parts.append(js_call("state"))
        self._run("\n".join(parts), lambda raw: callback(parse_state(raw)))

    def hide_controls(self, selectors: Sequence[str]) -> None:
        """Leave the page's controls matching these CSS selectors out of the picture (a briefing draws
        its own legend, scale and attribution once)."""
        self._run(f"{json.dumps(list(selectors))}.forEach(function (s) {{"
                  " document.querySelectorAll(s).forEach(function (e) { e.style.display = 'none'; }); });")

    def settled(self, callback: Callable[[str], None]) -> None:
        """'ok' once the page is ready, every basemap tile drawn and three animation frames have passed;
        else what it is waiting for."""
        self._run(_SETTLED, lambda raw: callback(str(raw)))
