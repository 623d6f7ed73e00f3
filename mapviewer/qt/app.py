"""Start the desktop app: prepare QtWebEngine, open the workspace, show the window."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(data: str | Path | None = None) -> int:
    from mapviewer.qt import webenv

    webenv.prepare(headless=False)
    from PySide6.QtWidgets import QApplication, QMessageBox

    from mapviewer.core.workspace import Workspace, WorkspaceError
    from mapviewer.qt.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mapviewer")
    app.setOrganizationName("mapviewer")
    try:
        ws = Workspace.open(data)
    except WorkspaceError as exc:
        QMessageBox.critical(None, "mapviewer", f"Cannot open the workspace:\n{exc}")
        return 2
    window = MainWindow(ws)
    window.show()
    return app.exec()
