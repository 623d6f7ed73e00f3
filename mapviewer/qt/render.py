"""Render the map page to an image, off screen: the one renderer behind PNG and PDF exports from both
the command line and the window, so their output is identical.

A hidden MapView loads the app's own page (same profile, same app:// scheme, same page script), the
filter is applied with the same bitmasks the window uses, the view is set (window centre/zoom, a
bbox, or fit the visible sites) and the image is grabbed only once the page has settled: Leaflet and
the data layer ready, every basemap tile drawn, a few animation frames passed, and two consecutive
grabs identical. Output pixels are `size × scale`: the page lays out at `size` CSS pixels with a
device pixel ratio of `scale` (QtWebEngine zoom), so canvases, labels and the legend stay crisp.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence

from PySide6.QtCore import QEventLoop, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage

from mapviewer.core.filters import FilterResult
from mapviewer.core.mapdata import visibility
from mapviewer.core.mappage import BASEMAPS, build_page
from mapviewer.core.workspace import Workspace
from mapviewer.qt.mapview import MapView

_counter = itertools.count(1)


class RenderError(RuntimeError):
    """The map could not be rendered (page failed, script error, timeout)."""


class MapRenderer(QObject):
    """One off-screen render; emits `finished(QImage)` or `failed(str)` exactly once."""

    finished = Signal(QImage)
    failed = Signal(str)
    progress = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        result: FilterResult,
        size: tuple[int, int],
        scale: float = 1.0,
        basemap: str = "offline",
        bbox: Sequence[float] | None = None,
        view: tuple[float, float, float] | None = None,
        timeout: float = 60.0,
        parent: QObject | None = None,
        picture_legend: bool = False,
        hide: tuple[str, ...] = (),
        overlays: dict | None = None,
    ) -> None:
        super().__init__(parent)
        self.picture_legend = picture_legend
        """Show only the sites inside the picture, so the page's legend counts what is in it."""
        self.hide = hide
        """CSS selectors of page controls left out of the picture (e.g. the legend a PDF draws itself)."""
        self.picture: FilterResult = result
        """What is in the picture (the filtered sites inside its bounds, with picture_legend)."""
        self.bounds: tuple[float, float, float, float] | None = None
        if basemap not in BASEMAPS:
            raise ValueError(f"unknown basemap {basemap!r}")
        self.ws, self.result, self.size, self.scale = ws, result, size, float(scale)
        self.basemap, self.bbox, self.view_state = basemap, bbox, view
        self.timeout = timeout
        self.overlays = overlays  # drawn over the map: the flows passing the filter (figure_view.page_evidence)
        self.flows: int | None = None
        """How many of the overlays' flows the picture shows (None: it draws no flows)."""
        self.state: dict = {}
        self.elapsed = 0.0
        self._done = False
        self._view: MapView | None = None
        self._path = ""
        self._last: QImage | None = None
        self._grabs = 0
        self._polls = 0
        self._t0 = 0.0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def expected_size(self) -> QSize:
        return QSize(round(self.size[0] * self.scale), round(self.size[1] * self.scale))

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> None:
        self._t0 = time.monotonic()
        self._timer.start(int(self.timeout * 1000))
        view = self._view = MapView()
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.workspace = self.ws
        screen = QGuiApplication.primaryScreen()
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
        zoom = self.scale / dpr  # page device pixel ratio = screen dpr × zoom = scale
        view.resize(round(self.size[0] * zoom), round(self.size[1] * zoom))
        view.setZoomFactor(zoom)
        view.mapReady.connect(self._on_ready)
        view.mapFailed.connect(lambda why: self._fail(why))
        view.show()
        self._path = f"/export-{next(_counter)}.html"
        self.progress.emit("Loading the map…")
        view.load_html(build_page(self.ws, basemap=self.basemap), self._path)
        self._zoom = zoom

    def cancel(self) -> None:
        self._fail("cancelled")

    def _cleanup(self) -> None:
        self._timer.stop()
        view, self._view = self._view, None
        if view is not None:
            view._handler.pages.pop(self._path, None)
            view.hide()
            view.deleteLater()

    def _fail(self, why: str) -> None:
        if self._done:
            return
        self._done = True
        errors = self._view.js_errors[-3:] if self._view is not None else []
        self._cleanup()
        if errors and why != "cancelled":
            why += " (page errors: " + "; ".join(errors) + ")"
        self.failed.emit(why)

    def _on_timeout(self) -> None:
        self._fail(f"the map did not finish rendering within {self.timeout:g} s ({self._status or 'page not ready'})")

    _status = ""

    # -- steps -------------------------------------------------------------------------------------
    def _on_ready(self, _state: dict) -> None:
        if self._done or self._view is None:
            return
        view = self._view
        if abs(view.zoomFactor() - self._zoom) > 1e-3:  # some loads reset the zoom: keep ours
            view.setZoomFactor(self._zoom)
        vis = visibility(self.ws, self.result)
        self.progress.emit("Drawing sites and basemap…")
        if self.overlays is not None:
            view.page_api.set_evidence(self.overlays)
        # The filter, the view (window centre/zoom, a bbox, or fit the visible sites) and no zoom buttons.
        view.page_api.prepare_snapshot(vis["sites"], vis["mentions"], self.view_state, self.bbox, self._after_setup)

    def _after_setup(self, state: dict) -> None:
        if self._done:
            return
        self.state = state
        if not self.state.get("leaflet"):
            self._fail("the map page did not accept the export settings")
            return
        if self.state.get("errors"):
            self._fail("script error in the map page: " + "; ".join(map(str, self.state["errors"][-3:])))
            return
        if self.state.get("center") and self.state.get("zoom") is not None:
            from mapviewer.core.export_extent import in_picture, view_bounds

            center = (float(self.state["center"][0]), float(self.state["center"][1]))
            self.bounds = view_bounds(center, float(self.state["zoom"]), self.size)
            if self.picture_legend:
                self.picture = in_picture(self.ws, self.result, self.bounds)
        self._count_flows()
        assert self._view is not None
        if self.hide:
            self._view.page_api.hide_controls(self.hide)
        if self.picture is not self.result:
            vis = visibility(self.ws, self.picture)
            self._view.page_api.apply_visibility(vis["sites"], vis["mentions"], lambda _raw: self._poll_settled())
            return
        self._poll_settled()

    def _count_flows(self) -> None:
        flows = (self.overlays or {}).get("flows")
        if not flows:
            return
        if self.bounds is None:
            self.flows = sum(1 for p in flows["path"] if len(p) >= 2)
            return
        from mapviewer.core.export_extent import flows_in

        self.flows = flows_in(flows["path"], flows["quantity"], self.bounds)

    def _poll_settled(self) -> None:
        if self._done or self._view is None:
            return
        self._view.page_api.settled(self._on_settled)

    def _on_settled(self, raw: str) -> None:
        if self._done:
            return
        self._status = str(raw)
        if raw != "ok":
            QTimer.singleShot(40, self._poll_settled)
            return
        assert self._view is not None
        self._view.page_api.state(self._final_state)

    def _final_state(self, state: dict) -> None:
        """The state as drawn (e.g. an online basemap that fell back to the offline map), then grab."""
        if self._done:
            return
        self.state = state or self.state
        QTimer.singleShot(60, self._grab)

    def _grab(self) -> None:
        """Grab until two consecutive frames agree: the compositor has caught up with the page."""
        if self._done or self._view is None:
            return
        image = self._view.grab().toImage()
        self._grabs += 1
        if (self._last is not None and image == self._last) or self._grabs >= 12:
            self._finish(image)
            return
        self._last = image
        QTimer.singleShot(120, self._grab)

    def _finish(self, image: QImage) -> None:
        if self._done:
            return
        want = self.expected_size
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        if image.size() != want:  # fractional scales round differently in Chromium: make it exact
            image = image.scaled(want, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(1.0)
        self._done = True
        self.elapsed = time.monotonic() - self._t0
        self._cleanup()
        self.finished.emit(image)


def render_image(
    ws: Workspace,
    result: FilterResult,
    size: tuple[int, int],
    scale: float = 1.0,
    basemap: str = "offline",
    bbox: Sequence[float] | None = None,
    view: tuple[float, float, float] | None = None,
    timeout: float = 60.0,
    overlays: dict | None = None,
) -> tuple[QImage, dict]:
    """Render synchronously (runs a local event loop); returns the image and the page's state.
    Raises RenderError. A QApplication must exist (see mapviewer.qt.webenv.prepare)."""
    renderer = MapRenderer(ws, result, size, scale, basemap, bbox, view, timeout, overlays=overlays)
    return run_sync(renderer), renderer.state


def run_sync(renderer: MapRenderer) -> QImage:
    """Run one renderer to its end in a local event loop: its image, or RenderError."""
    loop = QEventLoop()
    out: dict = {}

    def finished(img: QImage) -> None:
        out["image"] = img
        loop.quit()

    def failed(why: str) -> None:
        out["error"] = why
        loop.quit()

    renderer.finished.connect(finished)
    renderer.failed.connect(failed)
    QTimer.singleShot(0, renderer.start)
    loop.exec()
    renderer.deleteLater()
    if "error" in out:
        raise RenderError(out["error"])
    image: QImage = out["image"]
    return image
