"""The main window: map in the centre, filters, sites and the article reader in docks.

It only wires widgets to the core: filters → Workspace.filter → map/table/counts; page requests →
validated ids → reader or map.
"""

from __future__ import annotations

import contextlib
import html
import json

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QWidget

from mapviewer import __version__
from mapviewer.core.filters import Filter, FilterResult
from mapviewer.core.mappage import BASEMAPS, ONLINE_BASEMAPS
from mapviewer.core.model import CERTAINTIES, TOPICS, Mention
from mapviewer.core.workspace import Workspace
from mapviewer.qt.corrections import CorrectLabel
from mapviewer.qt.filters_panel import FiltersPanel
from mapviewer.qt.mapview import MapView
from mapviewer.qt.reader import ReaderPane
from mapviewer.qt.site_table import SiteTable


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, settings: QSettings | None = None, restore: bool = True) -> None:
        super().__init__()
        self.ws = ws
        self.settings = settings or QSettings("mapviewer", "mapviewer")
        self.setWindowTitle(f"mapviewer — {ws.location.label}")
        self.setMinimumSize(900, 600)
        self.resize(1400, 880)
        self.result: FilterResult | None = None
        self.basemap = str(self.settings.value("basemap", "offline")) if restore else "offline"
        if self.basemap not in BASEMAPS:
            self.basemap = "offline"

        self.map = MapView(self)
        self.setCentralWidget(self.map)
        self.filters = FiltersPanel(ws)
        self.sites = SiteTable(ws)
        self.reader = ReaderPane()
        self.filters_dock = self._dock("Filters", "filters", self.filters, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.sites_dock = self._dock("Sites", "sites", self.sites, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.reader_dock = self._dock("Article", "reader", self.reader, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.filters_dock, self.reader_dock], [330, 380], Qt.Orientation.Horizontal)

        self.undo_stack = QUndoStack(self)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._build_menus()

        self.filters.filterChanged.connect(self.apply_filter)
        self.sites.siteSelected.connect(self.map.focus_site)
        self.map.passageRequested.connect(self.open_passage)
        self.reader.siteRequested.connect(self.map.focus_site)
        self.reader.correctionRequested.connect(self.correct_label)
        self.map.mapReady.connect(self._on_map_ready)
        self.map.mapFailed.connect(lambda why: self.statusBar().showMessage(f"Map error: {why}"))
        self.map.jsError.connect(lambda msg: self.statusBar().showMessage(f"Page script error: {msg}", 10000))
        self.map.basemapFallback.connect(self._on_basemap_fallback)

        if restore:
            self._restore()
        for problem in ws.problems:
            self.statusBar().showMessage(f"{len(ws.problems)} data problem(s): {problem}", 15000)
        self.map.load_workspace(ws, self.basemap)
        self.apply_filter(self.filters.current(), to_page=False)

    # -- layout ---------------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu("&File")
        self.export_action = file.addAction("&Export snapshot…", self.export_snapshot)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        copy = file.addAction("&Copy map image", self.copy_map_image)
        copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
        file.addSeparator()
        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(undo)
        edit.addAction(redo)
        quit_action = file.addAction("&Quit", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)

        view = self.menuBar().addMenu("&View")
        for dock in (self.filters_dock, self.sites_dock, self.reader_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        fit = view.addAction("&Fit visible sites", self.map.fit_visible)
        fit.setShortcut(QKeySequence("Ctrl+0"))
        find = view.addAction("&Search", lambda: (self.filters_dock.show(), self.filters.search.setFocus()))
        find.setShortcut(QKeySequence.StandardKey.Find)
        reset = view.addAction("&Reset filters", self.reset_filters)
        reset.setShortcut(QKeySequence("Ctrl+R"))
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
        help_menu.addAction("&About mapviewer", self.about)

    # -- behaviour ------------------------------------------------------------------------------
    def apply_filter(self, flt: Filter, to_page: bool = True) -> None:
        self.result = self.ws.filter(flt)
        self.filters.set_counts(self.result)
        self.sites.set_result(self.result)
        if to_page and self.map.is_ready:
            self.map.apply_filter(self.result)
        self.status.setText(
            f"{len(self.result.site_ids)} of {len(self.ws.mapped_sites)} sites · {self.result.passage_count} passages shown"
        )

    def reset_filters(self) -> None:
        self.filters.restore({})
        self.apply_filter(self.filters.current())

    def _on_map_ready(self, state: dict) -> None:
        if self.result is not None:
            self.map.apply_filter(self.result)
        self.statusBar().showMessage("Map ready", 3000)

    def open_passage(self, mention_id: str) -> None:
        mention = self.ws.mention_by_id.get(mention_id)
        if mention is None:
            return  # ids from the page are not trusted
        article = self.ws.article_by_id[mention.article_id]
        mentions = [m for m in self.ws.mentions if m.article_id == article.id]
        self.reader.show_article(article, mentions, mention)
        self.reader_dock.show()
        self.reader_dock.raise_()

    def correct_label(self, mention_id: str, certainty: str | None, topics: list[str] | None) -> None:
        """Record a user's correction as an undoable command; it is saved at once."""
        if mention_id not in self.ws.mention_by_id:
            return
        try:
            self.undo_stack.push(CorrectLabel(self.ws, mention_id, certainty, topics, self._label_changed))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "mapviewer", f"The correction was not saved:\n{exc}")

    def _label_changed(self, mention: Mention) -> None:
        topics = [list(TOPICS).index(t) for t in mention.claim.topics]
        self.map.run(
            f"mapviewer.updateMention({json.dumps(mention.id)}, {CERTAINTIES.index(mention.claim.certainty)}, "
            f"{json.dumps(topics)}, {json.dumps(mention.claim.evidence)})"
        )
        self.apply_filter(self.filters.current())
        if self.reader.highlight is not None and self.reader.highlight.id == mention.id:
            self.reader.highlight = mention
            self.reader.editor.show_mention(mention)
        self.statusBar().showMessage(f"Label of the passage in {self.ws.article_label(mention.article_id)} saved", 4000)

    def set_basemap(self, key: str) -> None:
        if key not in BASEMAPS:
            return
        self.basemap = key
        self.basemap_actions[key].setChecked(True)
        self.map.set_basemap(key)
        if key in ONLINE_BASEMAPS:
            self.statusBar().showMessage(f"Basemap: {BASEMAPS[key]} (online; falls back to the offline map if tiles fail)", 6000)

    def _on_basemap_fallback(self, key: str) -> None:
        self.basemap = "offline"
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
            f"<p><b>Articles</b> ({html.escape(self.ws.location.label)}):</p><ul>{sources}</ul>"
            "<p><b>Site coordinates</b>: researched per site; each site's source is in sites.geojson (coord_source).</p>"
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
                self.filters.restore(json.loads(raw))

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("filters", json.dumps(self.filters.state()))
        self.settings.setValue("basemap", self.basemap)
        super().closeEvent(event)
