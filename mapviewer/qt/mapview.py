"""The embedded map: a locked-down QWebEnginePage on app://map/, a small bridge object for what the
page may ask of Python, and methods that drive the page without ever reloading it (through its
PageAPI, the one way into the page)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from mapviewer.core.mappage import BASEMAPS, ONLINE_BASEMAPS, fetching_page, page_data
from mapviewer.qt.map_context_menu import MapContextMenu
from mapviewer.qt.page_api import PageAPI
from mapviewer.qt.scheme import profile

if TYPE_CHECKING:  # the core's data modules (numpy) are imported where used: the window's page starts first
    from mapviewer.core.filters import Filter, FilterResult
    from mapviewer.core.workspace import Workspace

QWEBCHANNEL_JS = "app://map/qt/qwebchannel.js"


class Bridge(QObject):
    """All the page can ask of Python. Ids are validated by the receiver, never trusted."""

    passageRequested = Signal(str)
    editRequested = Signal(str)
    citationRequested = Signal(str)
    placedAt = Signal(float, float)
    ready = Signal(str)
    noticeRaised = Signal(str, str)
    figureRequested = Signal(str)
    figuresShown = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None  # whose passages sitePassages answers with (set by MapView)
        self.figure_filter: Callable[[], Filter] | None = None  # the filter siteFigures answers for (the window's)

    @Slot(str, result=str)
    def siteFigures(self, site_id: str) -> str:
        """JSON of a site's Figures section (core.figure_view.site_figures) for the window's filter; "null" for
        an unknown site or before the window offers its filter."""
        site_id = str(site_id)[:200]
        if self.workspace is None or self.figure_filter is None or site_id not in self.workspace.site_by_id:
            return "null"
        from mapviewer.core.figure_view import site_figures

        self.figuresShown.emit(site_id)
        return json.dumps(site_figures(self.workspace, site_id, self.figure_filter()), ensure_ascii=False)

    @Slot(str)
    def openFigure(self, figure_id: str) -> None:
        self.figureRequested.emit(str(figure_id)[:200])

    @Slot(str, str, result=str)
    def sitePassages(self, site_id: str, mention_ids: str) -> str:
        """JSON rows of the passages a popup shows (the page is built without their text): only
        mentions of that site among the ids asked; unknown or malformed ids get nothing."""
        if self.workspace is None or not isinstance(mention_ids, str) or len(mention_ids) > 8_000_000:
            return "[]"
        try:
            ids = json.loads(mention_ids)
        except ValueError:
            return "[]"
        from mapviewer.core.mapdata import site_passages

        return json.dumps(site_passages(self.workspace, str(site_id)[:200], ids), ensure_ascii=False)

    @Slot(str, result=str)
    def siteSource(self, site_id: str) -> str:
        """JSON {coord_source, note} of a site, for its popup's precision line (mapdata.site_source)."""
        if self.workspace is None:
            return "{}"
        from mapviewer.core.mapdata import site_source

        return json.dumps(site_source(self.workspace, str(site_id)[:200]), ensure_ascii=False)

    @Slot(str)
    def copyCitation(self, mention_id: str) -> None:
        self.citationRequested.emit(str(mention_id)[:200])

    @Slot(str)
    def openPassage(self, mention_id: str) -> None:
        self.passageRequested.emit(str(mention_id)[:200])

    @Slot(str)
    def editMention(self, mention_id: str) -> None:
        self.editRequested.emit(str(mention_id)[:200])

    @Slot(float, float)
    def placed(self, lat: float, lng: float) -> None:
        lat, lng = float(lat), float(lng)
        if -90 <= lat <= 90 and -180 <= lng <= 180:  # NaN fails both
            self.placedAt.emit(lat, lng)

    @Slot(str)
    def pageReady(self, state: str) -> None:
        self.ready.emit(state)

    @Slot(str, str)
    def notice(self, kind: str, message: str) -> None:
        self.noticeRaised.emit(str(kind)[:50], str(message)[:500])


def known_basemap(basemap: object) -> str:
    """`basemap` if it is one of BASEMAPS, else the offline one."""
    return basemap if isinstance(basemap, str) and basemap in BASEMAPS else "offline"


def saved_basemap(settings: QSettings) -> str:
    """The basemap the user chose last time (the window's settings), or the offline one."""
    return known_basemap(settings.value("basemap", "offline"))


def link_hosts(ws: Workspace | None) -> frozenset[str]:
    """Hosts a click in the page may open in the system browser: the map's credits and the articles' own
    addresses. Anything else is refused, so a script that fakes a link click cannot send the user anywhere."""
    import xyzservices.providers as xyz  # on the first link click, not at start-up

    hosts = {"leafletjs.com", "www.naturalearthdata.com", "naturalearthdata.com"}
    for _label, name in ONLINE_BASEMAPS.values():
        hosts.update(h.lower() for h in re.findall(r"https?://([^/\"'\s>]+)", str(xyz.query_name(name).html_attribution)))
    if ws is not None:
        hosts.update(QUrl(a.url).host().lower() for a in ws.articles if a.url)
    return frozenset(h for h in hosts if h)


class MapPage(QWebEnginePage):
    """Keeps the page on its own origin: known external links go to the system browser, nothing else loads."""

    jsMessage = Signal(int, str, int, str)

    def __init__(self, prof: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(prof, parent)
        self._hosts: tuple[Workspace | None, frozenset[str]] | None = None

    def allowed_hosts(self) -> frozenset[str]:
        """link_hosts of the workspace its view shows, worked out on the first link click after a change."""
        ws = getattr(self.parent(), "workspace", None)
        if self._hosts is None or self._hosts[0] is not ws:
            self._hosts = (ws, link_hosts(ws))
        return self._hosts[1]

    # PySide6 stubs: the argument is typed QUrl | str, but Qt always passes a QUrl.
    def acceptNavigationRequest(self, url: QUrl, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool) -> bool:  # type: ignore[override]
        if url.scheme() == "app" and url.host() == "map":
            return True
        if (
            url.scheme() in ("http", "https")
            and nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked
            and url.host().lower() in self.allowed_hosts()
        ):
            QDesktopServices.openUrl(url)
        return False

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        return None  # type: ignore[return-value]  # PySide6 stubs: Qt's createWindow may return nullptr (no window)

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str) -> None:
        self.jsMessage.emit(int(level.value), message, line, source)


class MapView(QWebEngineView):
    """The map widget. `mapReady` fires once Leaflet and the sites are really in the page."""

    _count = 0  # views made in this process (each serves its data under its own name)
    mapReady = Signal(dict)
    mapDrawn = Signal()
    """The page's first frame at a size on screen (after mapReady: a page made ready while its view was hidden
    draws no frame until shown, even when it was laid out at its size then, presize). Work that can wait, waits
    for this."""
    mapFailed = Signal(str)
    passageRequested = Signal(str)
    editRequested = Signal(str)
    placedAt = Signal(float, float)
    jsError = Signal(str)
    basemapFallback = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        prof, self._handler = profile()
        page = MapPage(prof, self)
        self.setPage(page)
        s = page.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.NavigateOnDropEnabled, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        s.setUnknownUrlSchemePolicy(QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes)
        self.page_api = PageAPI(page)  # every call into the page goes through it
        self.bridge = Bridge(self)
        self.channel = QWebChannel(page)
        self.channel.registerObject("bridge", self.bridge)
        page.setWebChannel(self.channel)
        self.bridge.passageRequested.connect(self.passageRequested)
        self.bridge.editRequested.connect(self.editRequested)
        self.bridge.placedAt.connect(self.placedAt)
        self.bridge.noticeRaised.connect(self._on_notice)
        page.jsMessage.connect(self._on_js_message)
        self.loadFinished.connect(self._on_load_finished)
        self.is_ready = False
        self.is_drawn = False  # mapDrawn came for the page now loaded
        self._presize: tuple[int, int] | None = None  # the size told to a hidden page (presize)
        self.js_errors: list[str] = []
        self._ready_polls = 0
        self._generation = 0  # which page load an answer belongs to
        MapView._count += 1
        self._page_path = f"/view{MapView._count}.html"  # this view's page and data, apart from any other view's
        self._data_name = f"/data/view{MapView._count}.json"
        self._data_key = ""  # what the page now loaded fetches: the name and its load's ?v=N
        self._started: str | None = None  # the basemap of a page loaded by start() that awaits its data
        self._load_finished = False
        self._failed = -1  # the generation whose page said its data did not load
        self.workspace: Workspace | None = None
        self.bridge.ready.connect(self._on_page_ready)
        self._result: FilterResult | None = None  # the filter last applied (focus_site sends its passages)
        self.context_menu = MapContextMenu(self)  # right-click: the app's menu, never the browser's

    @property
    def result(self) -> FilterResult | None:
        """The filter last applied to the page, if it is of the workspace shown; None: everything shows."""
        ws, result = self.workspace, self._result
        return result if ws is not None and result is not None and len(result.mention_mask) == len(ws.mentions) else None

    def presize(self, width: int, height: int) -> None:
        """Tell the page, while this view is hidden, the size it will be shown at (PageAPI.presize): it fits
        the map there before the first frame. Sent now, and again once the page is ready if it was not up yet."""
        zoom = self.zoomFactor() or 1.0  # the page's CSS pixels
        size = (round(width / zoom), round(height / zoom))
        self.page_api.presize(*size)
        self._presize = None if self.is_ready else size  # a page not ready yet may not have kept it

    def unready(self) -> None:
        """The page is about to be replaced: from now on it is not ready, and late answers from it are ignored."""
        self.is_ready = False
        self.is_drawn = False
        self._generation += 1

    def start(self, basemap: str = "offline") -> None:
        """Load the page now; its data follows with load_workspace. The window calls this before its
        workspace is open, so the page's scripts, map and basemap get ready meanwhile."""
        basemap = known_basemap(basemap)
        self._handler.drop_data(self._data_key)  # the previous page's data goes with it
        self._data_key = f"{self._data_name}?v={self._generation + 1}"  # load_html's version of the page
        self._handler.set_data(self._data_key, None)  # the page's request for it waits
        html = fetching_page(f"app://map{self._data_key}", extra_scripts=(QWEBCHANNEL_JS,), basemap=basemap)
        self.load_html(html)
        self._started = basemap

    def load_workspace(self, ws: Workspace, basemap: str = "offline") -> None:
        """Show `ws`: one page load per workspace (none if start() already loaded the page for this
        basemap); later changes go through runJavaScript."""
        basemap = known_basemap(basemap)
        if self._started != basemap:
            self.start(basemap)
        self._started = None
        self.workspace = ws
        self.bridge.workspace = ws
        self._result = None
        # Passages stay out of the page: popups fetch them through the bridge (Bridge.sitePassages).
        self._handler.set_data(self._data_key, page_data(ws, embed_passages=False).encode("utf-8"))
        if self._load_finished:
            self._ready_polls = 0
            self._poll_ready()

    def hand_over_data(self, timeout_ms: int = 200) -> None:
        """Wait (in the event loop) until QtWebEngine has taken the data load_workspace gave a page that
        was waiting for it, so the page draws while the caller goes on; at most `timeout_ms`."""
        if not self._handler.sending:
            return
        loop = QEventLoop()
        self._handler.sent.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self._handler.sent.disconnect(loop.quit)

    def load_html(self, html: str, path: str | None = None) -> None:
        """Serve `html` at app://map`path` and load it. Each load is versioned (?v=N) so a late answer
        from the page it replaces can tell itself apart and never marks this one ready."""
        self.unready()
        self._started = None  # a page with its data inside (start() says otherwise)
        self._load_finished = False
        path = path or self._page_path
        self._handler.set_page(path, html)
        self.load(QUrl(f"app://map{path}?v={self._generation}"))

    # -- readiness ---------------------------------------------------------------------------
    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            self.mapFailed.emit("the map page did not load")
            return
        self._load_finished = True
        if self._started is None:  # it has its data; else load_workspace starts asking once it does
            self._ready_polls = 0
            self._poll_ready()

    def _poll_ready(self) -> None:
        """loadFinished(True) is not "map works": ask the page whether Leaflet drew the sites. (The page
        also says so itself over the bridge as soon as it is ready; polling is the fallback.)"""
        generation = self._generation
        if not shiboken6.isValid(self.page()):  # the page was deleted first (closing): nothing to ask
            return
        self.page_api.ready_state(generation, lambda raw: self._check_state(raw, generation, True))

    def _on_page_ready(self, raw: str) -> None:
        if self.page().url().query() == f"v={self._generation}":  # the page now showing is the one last loaded
            self._check_state(raw, self._generation, False)

    def _check_state(self, raw: object, generation: int, polled: bool) -> None:
        # An earlier page's answer, or nothing left to learn: ready, or said its data did not load (its
        # polls stop here).
        if generation != self._generation or self.is_ready or self._failed == generation:
            return
        state = json.loads(raw) if isinstance(raw, str) and raw else None
        if state and state.get("leaflet"):
            self.is_ready = True
            if self._presize is not None and not self.isVisible():  # a presize sent before the page could keep it
                self.page_api.presize(*self._presize)
            self._presize = None  # told once, to the page it was meant for
            self.mapReady.emit(state)
            return
        if not polled:
            return
        self._ready_polls += 1
        if self._ready_polls > 100:
            why = "; ".join(self.js_errors[-3:]) or "Leaflet did not start"
            self.mapFailed.emit(f"the map did not start: {why}")
            return
        QTimer.singleShot(50, self, self._poll_ready)  # with self as context: never after the view is gone

    def _on_js_message(self, level: int, message: str, line: int, source: str) -> None:
        if level >= 2:  # ErrorMessageLevel
            text = f"{message} ({source.rsplit('/', 1)[-1]}:{line})"
            self.js_errors.append(text)
            self.jsError.emit(text)

    def _on_notice(self, kind: str, message: str) -> None:
        if kind == "drawn":
            if message == f"?v={self._generation}" and not self.is_drawn:
                self.is_drawn = True
                self.mapDrawn.emit()
        elif kind == "basemap-fallback" and message in BASEMAPS:
            self.basemapFallback.emit(message)
        elif kind == "data-failed":  # at once, not after the readiness polls give up
            page, _, why = message.partition("\n")
            # Only the page now loaded counts: one being replaced fails its cancelled fetch too.
            if page == f"?v={self._generation}" and not self.is_ready and self._failed != self._generation:
                self._failed = self._generation  # its polls stop: it cannot get ready
                self.mapFailed.emit(f"the map data did not load: {why}")

    # -- driving the page --------------------------------------------------------------------
    def apply_filter(self, result: FilterResult, callback: Callable[[object], None] | None = None) -> None:
        """Show exactly the sites and passages of `result`, in place."""
        from mapviewer.core.mapdata import visibility

        assert self.workspace is not None
        vis = visibility(self.workspace, result)
        self._result = result
        self.page_api.apply_visibility(vis["sites"], vis["mentions"], callback)

    def focus_site(self, site_id: str) -> None:
        ws = self.workspace
        if ws is None or site_id not in ws.site_by_id:
            return
        # The popup opens within this one script, with its passages: no round trip through the bridge.
        from mapviewer.core.mapdata import site_passages

        rows = site_passages(ws, site_id, [m.id for m in ws.mentions_of(site_id, self.result)])
        self.page_api.focus_site(site_id, rows)

    def start_placing(self, label: str, lat: float | None = None, lng: float | None = None) -> None:
        """A draggable pin for `label`; the page reports each new position through `placedAt`."""
        self.page_api.start_placing(label, lat, lng)

    def stop_placing(self) -> None:
        self.page_api.stop_placing()

    def fit_visible(self) -> None:
        self.page_api.fit_visible()

    def measure(self) -> None:
        """Measure a distance from the first click on the map (the context menu measures from a point)."""
        self.page_api.start_measure()

    def event(self, event: QEvent) -> bool:
        """Esc while the page has the focus is the page's (assets/map/mv-keys.js: one thing per press): accepted
        here as an override, so the window's Esc shortcut does not act on the same press as well. The page's own
        widget leaves the override to its parent, this view; no filter on that widget, whose Python wrapper alone
        made ~200 PySide enum types (QtQuick's) on the GUI thread while the map started."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier and getattr(self, "is_ready", False)):
            event.accept()
            return True
        return super().event(event)

    def escape(self) -> None:
        """Esc: close the popup, else end a measurement, else fold spread markers (one per press)."""
        self.page_api.escape()

    def set_basemap(self, basemap: str) -> None:
        if basemap in BASEMAPS:
            self.page_api.set_basemap(basemap)

    def state(self, callback: Callable[[dict], None]) -> None:
        self.page_api.state(callback)
