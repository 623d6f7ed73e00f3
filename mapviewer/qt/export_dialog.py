"""File → Export… (Ctrl+E): one dialog for every export — format, title and subtitle, extent (current
view, all filtered sites, a named site or region, a bounding box), page or pixel preset and DPI, what to
include — with a live preview; then a file name, and the export runs with a progress dialog.

The dialog only fills an ExportOptions (mapviewer.core.export_options), the same object the command line
fills; ExportJob makes the file with the same renderer and writers as `mapviewer export`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mapviewer.core.export_args import ExportArgumentError, parse_bbox
from mapviewer.core.export_options import INCLUDES, PRESETS, ExportOptions, check_title, with_preset
from mapviewer.core.exporters import EXPORTERS, ExportFailed, check_writable, exporter_for, known_suffix
from mapviewer.core.filters import Filter
from mapviewer.core.mappage import BASEMAPS

if TYPE_CHECKING:
    from mapviewer.qt.export_shots import RenderedMap
    from mapviewer.qt.mainwindow import MainWindow
    from mapviewer.qt.render import MapRenderer

_FILTERS = {ext: e.file_filter for ext, e in EXPORTERS.items()}
_jobs: set[ExportJob] = set()  # keep running exports alive
WINDOW_SIZE = "window"
"""The pixel preset "as the map in the window" (the dialog's default for PNG)."""


def window_options(window: MainWindow, state: dict) -> ExportOptions:
    """What the window shows: its basemap, centre and zoom, at the map view's size and screen scale."""
    basemap = state.get("basemap") if state.get("basemap") in BASEMAPS else window.basemap
    view = None
    if state.get("center") and state.get("zoom") is not None:
        view = (float(state["center"][0]), float(state["center"][1]), float(state["zoom"]))
    mapview = window.map
    return ExportOptions(
        basemap=basemap if basemap in BASEMAPS else "offline",
        view=view,
        extent="view" if view is not None else "sites",
        size=(max(200, mapview.width()), max(150, mapview.height())),
        scale=mapview.devicePixelRatioF(),
        paper=default_paper(),
    )


class ExportJob(QObject):
    """One export from a window; emits `done(path)` or `failed(message)` exactly once. Without options it
    exports what the window shows (its view, at its size)."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, window: MainWindow, path: Path, options: ExportOptions | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.path = Path(path)
        self.exporter = exporter_for(self.path)
        self.options = options
        self.flt: Filter = window.session.shown_filter  # what the map shows (a restored time window may still wait)
        self.result = window.ws.filter(self.flt)
        self.renderer: MapRenderer | None = None
        self.progress: QProgressDialog | None = None
        self._finished = False
        self._cancelled = False

    def start(self, show_progress: bool = True) -> None:
        _jobs.add(self)
        try:
            check_writable(self.path)
        except ExportFailed as exc:
            self._fail(str(exc))
            return
        if show_progress and self.exporter.renders:
            self.progress = QProgressDialog("Rendering the map…", "Cancel", 0, 0, self.window)
            self.progress.setWindowTitle("Export")
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.canceled.connect(self.cancel)
        if self.options is not None:
            QTimer.singleShot(0, self._run)
        elif self.window.map.is_ready:
            self.window.map.state(self._with_state)
        else:
            self._with_state({})

    def cancel(self) -> None:
        self._cancelled = True
        if self.renderer is not None:
            self.renderer.cancel()
        else:
            self._fail("cancelled")

    def _with_state(self, state: dict) -> None:
        if self._finished:
            return
        self.options = window_options(self.window, state)
        QTimer.singleShot(0, self._run)  # not inside the page's callback: rendering runs its own event loop

    def _run(self) -> None:
        if self._finished or self.options is None:
            return
        image = None
        if self.exporter.renders:
            from mapviewer.core.figure_view import page_evidence
            from mapviewer.qt.export_shots import render_export

            def started(renderer: MapRenderer) -> None:
                self.renderer = renderer
                if self._cancelled:
                    renderer.cancel()

            say = self.progress.setLabelText if self.progress is not None else None
            try:
                flows = page_evidence(self.window.ws, self.flt)  # the flows passing the filter, drawn over the map
                image, self.options = render_export(self.window.ws, self.result, self.options, self.exporter,
                                                    progress=say, started=started, overlays=flows)
            except ExportFailed as exc:
                self._fail("cancelled" if self._cancelled else f"The map could not be rendered: {exc}")
                return
            finally:
                self.renderer = None
            if self.progress is not None:
                self.progress.setLabelText("Writing the file…")
        self._write(image)

    def _write(self, image: RenderedMap | None = None) -> None:
        assert self.options is not None
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


def _settings(window: MainWindow) -> QSettings:
    return getattr(window, "settings", None) or QSettings("mapviewer", "mapviewer")


def ask_path(window: MainWindow, ext: str | None = None) -> Path | None:
    """The file to write; `ext` (the dialog's format) is proposed, else the last one used."""
    settings = _settings(window)
    last_dir = str(settings.value("export/dir", "") or _default_folder())
    last_ext = ext or str(settings.value("export/ext", ".png") or ".png")
    if last_ext not in EXPORTERS:
        last_ext = ".png"
    filters = ";;".join(_FILTERS.values())
    name, chosen = QFileDialog.getSaveFileName(
        window, "Export", str(Path(last_dir) / f"mapviewer-map{last_ext}"), filters, _FILTERS[last_ext]
    )
    if not name:
        return None
    path = Path(name)
    if not known_suffix(path):  # no extension typed: take the chosen filter's
        picked = next((e for e, f in _FILTERS.items() if f == chosen), last_ext)
        path = path.with_name(path.name + picked)
    settings.setValue("export/dir", str(path.parent))
    settings.setValue("export/ext", path.suffix.lower() if path.suffix.lower() in EXPORTERS else last_ext)
    return path


class ExportDialog(QDialog):
    """The options form and its live preview; `options()` is what an export with them would use."""

    def __init__(self, window: MainWindow, state: dict) -> None:
        super().__init__(window)
        self.main = window
        self.setWindowTitle("Export")
        self.base = window_options(window, state)
        settings = _settings(window)
        form = QFormLayout()
        self.format = QComboBox()
        for ext, e in EXPORTERS.items():
            self.format.addItem(f"{e.label} ({ext})", ext)
        last_ext = str(settings.value("export/ext", ".pdf") or ".pdf")
        self.format.setCurrentIndex(max(0, self.format.findData(last_ext if last_ext in EXPORTERS else ".pdf")))
        form.addRow("Format", self.format)
        self.title = QLineEdit(str(settings.value("export/title", "") or ""))
        self.title.setPlaceholderText("Places named in the articles")
        form.addRow("Title", self.title)
        self.subtitle = QLineEdit(str(settings.value("export/subtitle", "") or ""))
        self.subtitle.setPlaceholderText("(counts and workspace)")
        form.addRow("Subtitle", self.subtitle)
        self.extent = QComboBox()
        for label, key in (("Current view", "view"), ("All filtered sites", "sites"), ("A site or region", "site"), ("A bounding box", "bbox")):
            self.extent.addItem(label, key)
        self.site = QComboBox()
        for s in sorted(window.ws.mapped_sites, key=lambda s: s.name.casefold()):
            self.site.addItem(s.name, s.id)
        self.bbox = QLineEdit()
        self.bbox.setPlaceholderText("W,S,E,N in degrees, e.g. 36,46,40,49")
        extent_row = QHBoxLayout()
        extent_row.addWidget(self.extent)
        extent_row.addWidget(self.site, 1)
        extent_row.addWidget(self.bbox, 1)
        form.addRow("Extent", extent_row)
        self.preset = QComboBox()
        self.preset.addItem("As the map in the window", WINDOW_SIZE)
        for key, p in PRESETS.items():
            self.preset.addItem(p.label, key)
        self.preset.setCurrentIndex(self.preset.findData("letter" if default_paper() == "letter" else "a4"))
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 600)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(200)
        self.dpi.setSuffix(" dpi")
        size_row = QHBoxLayout()
        size_row.addWidget(self.preset, 1)
        size_row.addWidget(self.dpi)
        form.addRow("Page / size", size_row)
        self.includes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, label) in enumerate(INCLUDES.items()):
            box = self.includes[key] = QCheckBox(label)
            box.setChecked(True)
            grid.addWidget(box, i // 2, i % 2)
        holder = QWidget()
        holder.setLayout(grid)
        form.addRow("Include", holder)
        from mapviewer.qt.export_preview import ExportPreview

        self.preview = ExportPreview(window, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(buttons)
        layout.addLayout(left)
        layout.addWidget(self.preview, 1)
        for signal in (self.format.currentIndexChanged, self.extent.currentIndexChanged, self.site.currentIndexChanged,
                       self.preset.currentIndexChanged, self.dpi.valueChanged, self.title.textChanged,
                       self.subtitle.textChanged, self.bbox.textChanged):
            signal.connect(self._changed)
        for box in self.includes.values():
            box.toggled.connect(self._changed)
        self._changed()

    @property
    def ext(self) -> str:
        return str(self.format.currentData())

    def _changed(self) -> None:
        kind = self.extent.currentData()
        self.site.setVisible(kind == "site")
        self.bbox.setVisible(kind == "bbox")
        renders = EXPORTERS[self.ext].renders
        self.preset.setEnabled(renders)
        self.dpi.setEnabled(renders and (self.ext == ".pdf" or bool(PRESETS.get(self.preset.currentData(), None) and PRESETS[self.preset.currentData()].paper)))
        for box in self.includes.values():
            box.setEnabled(self.ext == ".pdf")
        self.preview.schedule()

    def options(self) -> ExportOptions:
        """The options as set; ExportArgumentError names a bad field."""
        kind = str(self.extent.currentData())
        options = replace(
            self.base,
            title=check_title(self.title.text(), "the title"),
            subtitle=check_title(self.subtitle.text(), "the subtitle"),
            extent=kind,
            view=self.base.view if kind == "view" else None,
            bbox=parse_bbox(self.bbox.text()) if kind == "bbox" else None,
            site=str(self.site.currentData() or "") if kind == "site" else "",
            dpi=self.dpi.value(),
            include=frozenset(k for k, b in self.includes.items() if b.isChecked()),
        )
        if kind == "bbox" and options.bbox is None:
            raise ExportArgumentError("give the bounding box as W,S,E,N")
        preset = str(self.preset.currentData())
        if self.ext == ".pdf" and preset in PRESETS and not PRESETS[preset].paper:
            preset = "letter" if default_paper() == "letter" else "a4"  # a PDF is a page
        if self.ext == ".pdf" and preset == WINDOW_SIZE:
            preset = "letter" if default_paper() == "letter" else "a4"
        if preset in PRESETS:
            options = replace(with_preset(options, preset), scale=None)
        return options

    def accept(self) -> None:
        try:
            self.options()
        except ExportArgumentError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return
        settings = _settings(self.main)
        settings.setValue("export/title", self.title.text())
        settings.setValue("export/subtitle", self.subtitle.text())
        super().accept()

    def done(self, result: int) -> None:  # type: ignore[override]
        self.preview.stop()
        super().done(result)


def export_snapshot(window: MainWindow) -> ExportJob | None:
    """The menu action: the dialog with the window's view, then the file, then export and report."""
    if window.map.is_ready:
        # The dialog (and its render loop) opens after the page's callback has returned, not inside it.
        window.map.state(lambda state: QTimer.singleShot(0, lambda: _open_dialog(window, state)))
        return None
    return _open_dialog(window, {})


def _open_dialog(window: MainWindow, state: dict) -> ExportJob | None:
    dialog = ExportDialog(window, state)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        dialog.deleteLater()
        return None
    options, ext = dialog.options(), dialog.ext
    dialog.deleteLater()
    path = ask_path(window, ext)
    if path is None:
        return None
    return run_job(window, path, options)


def run_job(window: MainWindow, path: Path, options: ExportOptions | None) -> ExportJob | None:
    """Export to `path` with a progress dialog; report in the status bar or a message box."""
    try:
        job = ExportJob(window, path, options)
    except ExportArgumentError as exc:
        QMessageBox.warning(window, "Export", str(exc))
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
        QMessageBox.critical(window, "Export", f"Could not export {path.name}.\n\n{message}\n\nNothing was written.")

    job.done.connect(done)
    job.failed.connect(failed)
    job.start()
    return job
