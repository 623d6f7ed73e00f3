"""Start the desktop app: prepare QtWebEngine, open the workspace, show the window.

Start-up does two things at once: the map page loads (its renderer process parses Leaflet and the
basemap and draws the map) while a worker thread imports the core and opens the workspace. Done one
after the other, as before, they took about twice as long as a bare Leaflet page; see benchmarks/.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from mapviewer.core.workspace import Workspace
    from mapviewer.qt.mainwindow import MainWindow

T = TypeVar("T")


def run_app(data: str | Path | None = None) -> int:
    from mapviewer.qt import webenv

    webenv.prepare(headless=False)
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mapviewer")
    app.setOrganizationName("mapviewer")
    from mapviewer.core.workspace import WorkspaceError

    try:
        window = start_window(data)
    except WorkspaceError as exc:
        QMessageBox.critical(None, "mapviewer", f"Cannot open the workspace:\n{exc}")
        return 2
    window.show()
    return app.exec()


def start_window(data: str | Path | None = None, settings: QSettings | None = None, restore: bool = True) -> MainWindow:
    """The main window on workspace `data` (default: $MAPVIEWER_DATA or the bundled corpus), its map
    page loaded while the workspace opens. Needs a QApplication; raises WorkspaceError."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings

    from mapviewer.qt.mapview import MapView, saved_basemap

    settings = settings or QSettings("mapviewer", "mapviewer")
    basemap = saved_basemap(settings) if restore else "offline"
    view = MapView()
    view.start(basemap)

    def open_workspace() -> Workspace:
        from mapviewer.core.workspace import Workspace

        return Workspace.open(data)

    try:
        ws = in_background(open_workspace)
    except BaseException:
        view.deleteLater()
        raise
    view.load_workspace(ws, basemap)  # the page draws the sites while the window is built...
    deadline = time.monotonic() + 0.2
    while view.sending_data() and time.monotonic() < deadline:  # ...once it has them: hand them over first
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 10)
    from mapviewer.qt.mainwindow import MainWindow

    return MainWindow(ws, settings=settings, restore=restore, map_view=view)


def in_background(work: Callable[[], T]) -> T:
    """Run `work` (Qt-free: no widgets, no Qt objects) in a worker thread while this thread runs the Qt
    event loop, and return its result or raise its exception.

    Why: QtWebEngine does its part of a page load on the GUI thread (navigation, the app:// scheme
    handler). Blocked in imports and parsing, that thread would hold the page back; waiting in the
    event loop, it serves the page while the worker runs (the loop releases the GIL)."""
    from PySide6.QtCore import QEventLoop, QMetaObject, Qt

    loop = QEventLoop()
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # handed to the caller below, with its traceback
            box["error"] = exc
        finally:
            QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

    worker = threading.Thread(target=run, name="mapviewer-start", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
