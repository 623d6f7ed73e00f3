"""The Export dialog's live preview: a scaled render of what the export will show — page 1 of a PDF
briefing, the PNG with its caption band, the web page's map — redrawn (debounced) as the options
change, with the same renderer and composition as the export itself, only smaller and without insets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy

from mapviewer.core.export_args import ExportArgumentError
from mapviewer.core.export_data import ReportContent, report_content
from mapviewer.core.export_options import render_plan
from mapviewer.core.exporters import EXPORTERS, extent_box
from mapviewer.core.mappage import BASEMAPS
from mapviewer.qt.export_picture import Shot, Shots
from mapviewer.qt.export_shots import PDF_HIDES, PICTURE_HIDES
from mapviewer.qt.render import MapRenderer

if TYPE_CHECKING:
    from mapviewer.qt.export_dialog import ExportDialog
    from mapviewer.qt.mainwindow import MainWindow

PREVIEW_WIDTH = 460
DEBOUNCE_MS = 450

class ExportPreview(QLabel):
    """Shows the latest preview; one render at a time, the newest options win."""

    def __init__(self, window: MainWindow, dialog: ExportDialog) -> None:
        super().__init__()
        self.main, self.dialog = window, dialog
        self.setMinimumSize(PREVIEW_WIDTH, 340)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("QLabel { background: #e4e7ec; color: #475467; }")
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.renderer: MapRenderer | None = None
        self.image: QImage | None = None
        self.content: ReportContent | None = None
        """The text of the latest preview (its counts, the flows it keys)."""
        self.renders = 0
        """How many previews were drawn (tests wait on it)."""
        self._stopped = False

    def schedule(self) -> None:
        if not self._stopped:
            self.timer.start()

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        if self.renderer is not None:
            self.renderer.cancel()

    def refresh(self) -> None:
        if self._stopped:
            return
        try:
            options = self.dialog.options()
        except ExportArgumentError as exc:
            self.setText(str(exc))
            return
        ext = self.dialog.ext
        exporter = EXPORTERS[ext]
        if not exporter.shows_map:
            self.setText(f"{exporter.label}: the filtered sites and their passages as data (no picture).")
            return
        if self.renderer is not None:
            self.renderer.cancel()
        ws, result = self.main.ws, self.main.ws.filter(self.main.session.shown_filter)
        size, _scale = render_plan(options, ".pdf" if ext == ".pdf" else ".png", self.devicePixelRatioF())
        small = max(0.25, min(1.0, PREVIEW_WIDTH / size[0]))
        view = options.view if options.extent_kind == "view" else None
        try:
            bbox = extent_box(ws, options)
        except ExportArgumentError as exc:
            self.setText(str(exc))
            return
        from mapviewer.core.figure_view import page_evidence

        # the flows the export draws (export_dialog.ExportJob); none until the evidence worker has made them (never
        # worked out here, on the GUI thread, for a preview)
        flows = page_evidence(ws, self.main.session.shown_filter) if ws.table.has_evidence else None
        renderer = self.renderer = MapRenderer(ws, result, size, small, options.basemap, bbox, view, 60.0, parent=self,
                                               picture_legend=True, hide=PDF_HIDES if ext == ".pdf" else PICTURE_HIDES,
                                               overlays=flows)
        self.setText("Drawing the preview…")

        def finished(image: QImage) -> None:
            if renderer is not self.renderer:
                return
            self.renderer = None
            self._show(renderer, image, options, ext)

        def failed(why: str) -> None:
            if renderer is self.renderer:
                self.renderer = None
                if why != "cancelled":
                    self.setText(f"No preview: {why}")

        renderer.finished.connect(finished)
        renderer.failed.connect(failed)
        renderer.start()

    def _show(self, renderer: MapRenderer, image: QImage, options, ext: str) -> None:  # type: ignore[no-untyped-def]
        state = renderer.state
        center = state.get("center") or [0.0, 0.0]
        used = state.get("basemap") if state.get("basemap") in BASEMAPS else "offline"
        shot = Shot(image, renderer.size, (float(center[0]), float(center[1])), float(state.get("zoom") or 0),
                    renderer.bounds, renderer.picture, str(used), renderer.flows)
        shots = Shots(shot, ws=self.main.ws)
        content = report_content(self.main.ws, self.main.session.shown_filter, BASEMAPS[str(used)], renderer.picture,
                                 title=options.title, subtitle=options.subtitle, basemap=str(used), flows=renderer.flows)
        self.content = content
        if ext == ".pdf":
            from mapviewer.qt.pdf_briefing import page_image

            picture = page_image(shots, content, options, PREVIEW_WIDTH * 2)
        elif ext == ".png":
            from mapviewer.qt.export_caption import compose_image

            picture = compose_image(shots, content, options)
        else:
            picture = image
        self.image = picture
        self.renders += 1
        pixmap = QPixmap.fromImage(picture)
        self.setPixmap(pixmap.scaled(self.width() - 8, self.height() - 8, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation))
