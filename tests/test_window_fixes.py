"""Dead ends of the real window (issue 19), each driven on the real window offscreen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtGui import QGuiApplication
from webwindow import dispose, settings

from mapviewer.qt.mainwindow import MainWindow

pytestmark = pytest.mark.webengine


def test_the_first_window_fits_the_screen(qtbot, ws, tmp_path) -> None:
    window = MainWindow(ws, settings(tmp_path / "ini"), restore=True)  # nothing saved yet: the first start
    try:
        window.show()
        free = QGuiApplication.primaryScreen().availableGeometry()
        assert window.width() <= free.width() and window.height() <= free.height()
        assert window.width() >= free.width() * 0.8 or window.width() == 1400
        assert window.frameGeometry().width() <= free.width()
    finally:
        dispose(window)
