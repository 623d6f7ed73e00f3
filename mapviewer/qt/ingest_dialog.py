"""File → Add articles… and drag and drop: ingest in a worker thread behind a cancellable progress dialog.

Why a thread: finding and placing places takes seconds per batch (the gazetteer alone), and the
window must keep painting. Cancel raises inside the worker's progress callback, which the batch
ingest treats like Ctrl-C: nothing has been written before its final commit, so the workspace is
left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget

from mapviewer.core.article_formats import SUFFIXES, file_filter
from mapviewer.core.session import ingest_target
from mapviewer.core.workspace import Location

if TYPE_CHECKING:
    from mapviewer.core.ingest.batch import Report

FILE_FILTER = file_filter()


class Cancelled(Exception):
    """Raised in the worker when the user pressed Cancel; the batch commits nothing."""


class IngestWorker(QThread):
    progressed = Signal(int, int, str)
    waiting = Signal()  # another mapviewer is writing to the workspace: this batch waits (cancellable)
    done = Signal(object)  # Report
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, files: Sequence[Path], root: Path, merged: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files = [Path(f) for f in files]
        self.root = root
        self.merged = merged
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, i: int, total: int, path: Path) -> None:
        if self._cancel:  # also at i == total: that call comes before the commit, which is still undone
            raise Cancelled
        self.progressed.emit(i, total, path.name)

    def _waiting(self) -> None:
        if self._cancel:
            raise Cancelled
        self.waiting.emit()

    def run(self) -> None:
        try:
            from mapviewer.core.ingest.batch import ingest_into  # finding places: imported when first used

            report = ingest_into(self.files, self.root, merged=self.merged, progress=self._progress, waiting=self._waiting)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc))
        else:
            self.done.emit(report)


class IngestRun(QObject):
    """One batch: the worker, its progress dialog and the summary at the end."""

    finished = Signal(object)  # Report, or None when cancelled or failed

    def __init__(self, parent: QWidget, files: Sequence[Path], location: Location) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        root, merged = ingest_target(location)
        self.root = root
        self.report: Report | None = None
        self.summary: QMessageBox | None = None
        self.worker = IngestWorker(files, root, merged, self)
        self.dialog = QProgressDialog("", "Cancel", 0, len(files) + 1, parent)
        label = QLabel("Reading articles…")
        label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        self.dialog.setLabel(label)
        self.dialog.setWindowTitle("Add articles")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.worker.progressed.connect(self._on_progress)
        self.worker.waiting.connect(self._on_waiting)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        self.dialog.setValue(0)
        self.worker.start()

    def _cancel(self) -> None:
        """Cancel hides a QProgressDialog at once; keep it up (and the window blocked) until the worker
        has really stopped, so nothing can change the workspace underneath it."""
        self.worker.cancel()
        if self.worker.isRunning():
            self.dialog.setLabelText("Cancelling… the workspace is left as it was")
            self.dialog.setCancelButton(None)
            self.dialog.show()

    def _on_progress(self, i: int, total: int, name: str) -> None:
        if self.worker._cancel:
            return
        self.dialog.setValue(i)
        self.dialog.setLabelText(f"Finding places in {name} ({i + 1} of {total})…" if i < total else "Saving…")

    def _on_waiting(self) -> None:
        if not self.worker._cancel:
            self.dialog.setLabelText(f"Waiting for another mapviewer writing to {self.root}… (Cancel stops waiting)")
            self.dialog.show()

    def _close(self) -> None:
        self.worker.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.worker.deleteLater()

    def stop(self) -> None:
        """The window is closing: cancel and wait, so no thread outlives it (nothing is committed)."""
        self.worker.cancel()
        self.worker.wait()

    def _on_done(self, report: Report) -> None:
        self._close()
        self.report = report
        self.finished.emit(report)
        self._show_summary(report)

    def _on_failed(self, message: str) -> None:
        self._close()
        self.finished.emit(None)
        self._message(QMessageBox.Icon.Warning, "Nothing was added", f"The articles could not be added to {self.root}:\n{message}")

    def _on_cancelled(self) -> None:
        self._close()
        self.finished.emit(None)

    def _show_summary(self, report: Report) -> None:
        ok = [f for f in report.files if not f.error]
        lines = [f"{len(ok)} of {len(report.files)} files added; {report.new_sites} new sites."]
        for f in report.files:
            if f.error:
                lines.append(f"✗ {f.path.name}: {f.error}")
            else:
                notes = f" ({'; '.join(f.notes)})" if f.notes else ""
                lines.append(f"✓ {f.path.name}: {f.placed} places on the map, {f.review} to review{notes}")
        icon = QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information
        self._message(icon, "Articles added" if ok else "No article added", "\n".join(lines))

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """Window-modal but not blocking (open(), not exec()): the map keeps updating behind it."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and errors are not markup
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary = box
        box.open()


def article_files(paths: Sequence[str | Path]) -> list[Path]:
    """The dropped or chosen files, and the article files inside dropped folders (recursively, sorted).

    A file given by name is passed on whatever its type, so an unreadable one gets a per-file error in
    the summary rather than silence; inside folders only article types are taken.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
    return list(dict.fromkeys(out))


def start_ingest(parent: QWidget, files: Sequence[Path], location: Location, on_finished: Callable[[Report | None], None]) -> IngestRun:
    run = IngestRun(parent, files, location)
    run.finished.connect(on_finished)
    run.start()
    return run
