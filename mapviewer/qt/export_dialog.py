"""File → Export snapshot… (Ctrl+E): ask for a file, pick the format from its extension, export what the
window shows — its filter, basemap, centre and zoom, at the map view's size — with the same renderer
and writers as `mapviewer export`, a progress dialog while rendering and a clear message on failure.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from mapviewer.core.export_args import ExportArgumentError
from mapviewer.core.exporters import (
    EXPORTERS,
    ExportFailed,
    ExportOptions,
    check_writable,
    exporter_for,
    known_suffix,
)
from mapviewer.core.filters import Filter
from mapviewer.core.mappage import BASEMAPS
from mapviewer.qt.pdf import QtMapImage
from mapviewer.qt.render import MapRenderer

if TYPE_CHECKING:
    from mapviewer.qt.mainwindow import MainWindow

_FILTERS = {ext: e.file_filter for ext, e in EXPORTERS.items()}
_jobs: set[ExportJob] = set()  # keep running exports alive


class ExportJob(QObject):
    """One export from a window; emits `done(path)` or `failed(message)` exactly once."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, window: MainWindow, path: Path, paper: str = "a4", landscape: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.path = Path(path)
        self.exporter = exporter_for(self.path)
        self.options = ExportOptions(paper=paper, landscape=landscape)
        self.flt: Filter = window.session.filter
        self.result = window.ws.filter(self.flt)
        self.renderer: MapRenderer | None = None
        self.progress: QProgressDialog | None = None
        self._finished = False

    def start(self, show_progress: bool = True) -> None:
        _jobs.add(self)
        try:
            check_writable(self.path)
        except ExportFailed as exc:
            self._fail(str(exc))
            return
        if not self.exporter.shows_map:  # the data alone: the view does not matter
            self._write()
            return
        if show_progress and self.exporter.renders:
            self.progress = QProgressDialog("Rendering the map…", "Cancel", 0, 0, self.window)
            self.progress.setWindowTitle("Export snapshot")
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.canceled.connect(self.cancel)
        if self.window.map.is_ready:
            self.window.map.state(self._with_state)
        else:
            self._with_state({})

    def cancel(self) -> None:
        if self.renderer is not None:
            self.renderer.cancel()
        else:
            self._fail("cancelled")

    def _with_state(self, state: dict) -> None:
        if self._finished:
            return
        basemap = state.get("basemap") if state.get("basemap") in BASEMAPS else self.window.basemap
        view = None
        if state.get("center") and state.get("zoom") is not None:
            view = (float(state["center"][0]), float(state["center"][1]), float(state["zoom"]))
        self.options = replace(self.options, basemap=basemap if basemap in BASEMAPS else "offline", view=view)
        if not self.exporter.renders:
            self._write()
            return
        mapview = self.window.map
        size = (max(200, mapview.width()), max(150, mapview.height()))
        scale = self.exporter.render_scale(device=mapview.devicePixelRatioF())
        from mapviewer.core.figure_view import page_evidence

        flows = page_evidence(self.window.ws, self.flt)  # the flows passing the filter, drawn over the map
        self.renderer = MapRenderer(self.window.ws, self.result, size, scale, self.options.basemap, None, view, parent=self, overlays=flows)
        self.renderer.finished.connect(self._rendered)
        self.renderer.failed.connect(lambda why: self._fail(why if why == "cancelled" else f"The map could not be rendered: {why}"))
        if self.progress is not None:
            self.renderer.progress.connect(self.progress.setLabelText)
        self.renderer.start()

    def _rendered(self, image: QImage) -> None:
        if self.progress is not None:
            self.progress.setLabelText("Writing the file…")
        self._write(QtMapImage(image))

    def _write(self, image: QtMapImage | None = None) -> None:
        try:
            self.window.session.export(self.path, self.exporter, self.flt, self.result, self.options, image)
        except ExportFailed as exc:
            self._fail(str(exc))
            return
        self._end()
        self.done.emit(str(self.path))

    def _fail(self, message: str) -> None:
        if self._finished:
            return
        self._end()
        self.failed.emit(message)

    def _end(self) -> None:
        self._finished = True
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        _jobs.discard(self)


def default_paper() -> str:
    """Letter where it is the norm (the locale's measurement system is US), else A4."""
    return "letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def _default_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or os.path.expanduser("~")


def ask_path(window: MainWindow) -> Path | None:
    settings = getattr(window, "settings", None) or QSettings("mapviewer", "mapviewer")
    last_dir = str(settings.value("export/dir", "") or _default_folder())
    last_ext = str(settings.value("export/ext", ".png") or ".png")
    if last_ext not in EXPORTERS:
        last_ext = ".png"
    filters = ";;".join(_FILTERS.values())
    name, chosen = QFileDialog.getSaveFileName(
        window, "Export snapshot", str(Path(last_dir) / f"mapviewer-map{last_ext}"), filters, _FILTERS[last_ext]
    )
    if not name:
        return None
    path = Path(name)
    if not known_suffix(path):  # no extension typed: take the chosen filter's
        ext = next((e for e, f in _FILTERS.items() if f == chosen), ".png")
        path = path.with_name(path.name + ext)
    settings.setValue("export/dir", str(path.parent))
    settings.setValue("export/ext", path.suffix.lower() if path.suffix.lower() in EXPORTERS else last_ext)
    return path


def export_snapshot(window: MainWindow) -> ExportJob | None:
    """The menu action: ask, export, report in the status bar or a message box."""
    path = ask_path(window)
    if path is None:
        return None
    try:
        job = ExportJob(window, path, paper=default_paper())
    except ExportArgumentError as exc:
        QMessageBox.warning(window, "Export snapshot", str(exc))
        return None
    window.statusBar().showMessage(f"Exporting {path.name}…")
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def done(p: str) -> None:
        QApplication.restoreOverrideCursor()
        window.statusBar().showMessage(f"Exported {p}", 10000)

    def failed(message: str) -> None:
        QApplication.restoreOverrideCursor()
        if message == "cancelled":
            window.statusBar().showMessage("Export cancelled", 5000)
            return
        window.statusBar().showMessage("Export failed", 10000)
        QMessageBox.critical(window, "Export snapshot", f"Could not export {path.name}.\n\n{message}\n\nNothing was written.")

    job.done.connect(done)
    job.failed.connect(failed)
    job.start()
    return job
