"""Helpers for tests that drive the real main window and its QtWebEngine map page offscreen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSettings
from PySide6.QtGui import QColor, QImage

from mapviewer.core.workspace import Workspace
from mapviewer.qt.mainwindow import MainWindow

READY_TIMEOUT = 20000


def settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def dispose(widget) -> None:
    """Close and delete now (the page before the app-owned profile), so tests stay independent."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()


@contextmanager
def open_window(qtbot, ws: Workspace, ini: Path, restore: bool = False, size=(1400, 880)) -> Iterator[MainWindow]:
    """A shown MainWindow whose map is ready and drawn on screen (its background work, started then, may still
    run: wait for what a test needs of it); closed and deleted afterwards."""
    window = MainWindow(ws, settings(ini), restore=restore)
    try:
        window.resize(*size)
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            window.show()
        qtbot.waitUntil(lambda: window.map.is_drawn, timeout=READY_TIMEOUT)
        yield window
    finally:
        dispose(window)


CLOSE_POPUP = "(function (b) { if (b) b.click(); })(document.querySelector('.leaflet-popup-close-button'))"


def js(qtbot, target, script: str, timeout: int = 5000):
    """Evaluate `script` in the page of `target` (a MainWindow or a MapView), after every script queued
    before it, and return the result."""
    with qtbot.waitCallback(timeout=timeout) as cb:
        getattr(target, "map", target).page().runJavaScript(script, 0, cb)
    return cb.args[0] if cb.args else None


def js_json(qtbot, target, script: str, timeout: int = 5000):
    raw = js(qtbot, target, f"JSON.stringify({script})", timeout)
    return json.loads(raw) if isinstance(raw, str) and raw else None


def state(qtbot, target, timeout: int = 5000) -> dict:
    return json.loads(js(qtbot, target, "mapviewer.state()", timeout))


def map_image(qtbot, window: MainWindow, settle_ms: int = 150, blank_wait_ms: int = 3000) -> QImage:
    """The window grabbed (after a few frames: the first one grabs white), cropped to the map. On a loaded
    machine the first frames can take longer: a grab that is all one colour is taken again, for up to
    `blank_wait_ms` (a map that stays blank is still returned blank)."""
    qtbot.wait(settle_ms)
    image = _map_grab(window)
    waited = 0
    while waited < blank_wait_ms and pixels(image).std() == 0:
        qtbot.wait(100)
        waited += 100
        image = _map_grab(window)
    return image


def _map_grab(window: MainWindow) -> QImage:
    image = window.grab().toImage()
    dpr = image.devicePixelRatio() or 1.0
    top_left = window.map.mapTo(window, QPoint(0, 0))
    size = window.map.size()
    return image.copy(
        int(top_left.x() * dpr), int(top_left.y() * dpr), int(size.width() * dpr), int(size.height() * dpr)
    ).convertToFormat(QImage.Format.Format_RGB32)


def pixels(image: QImage) -> np.ndarray:
    """(height, width, 3) RGB array of an image."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    bgra = raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width()]
    return bgra[..., 2::-1].astype(np.int16)


def rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.int16)


def near_mask(px: np.ndarray, colour: str, tolerance: int = 24) -> np.ndarray:
    return np.abs(px - rgb(colour)).max(axis=-1) <= tolerance


def share_near(image: QImage, colour: str, tolerance: int = 10) -> float:
    """Fraction of the image's pixels within `tolerance` (per channel) of `colour`."""
    return float(near_mask(pixels(image), colour, tolerance).mean())


def dominant_colours(image: QImage, quantum: int = 8) -> list[tuple[tuple[int, int, int], float]]:
    """Quantised colours by share of the image, largest first."""
    px = pixels(image).reshape(-1, 3) // quantum
    keys = (px[:, 0].astype(np.int32) << 16) | (px[:, 1].astype(np.int32) << 8) | px[:, 2]
    counts = np.bincount(keys)
    order = np.flatnonzero(counts)[np.argsort(-counts[np.flatnonzero(counts)])]
    return [
        (((k >> 16) * quantum, ((k >> 8) & 255) * quantum, (k & 255) * quantum), float(counts[k] / len(keys)))
        for k in order.tolist()
    ]


def page_ready(view) -> bool:
    """Whether the page says it is ready (`mapviewer.ready`), asked synchronously."""
    from PySide6.QtTest import QTest

    box: list = []
    view.page().runJavaScript("window.mapviewer && mapviewer.ready ? 1 : 0", 0, box.append)
    while not box:
        QTest.qWait(5)
    return box[0] == 1


def open_map_view(ws: Workspace, size: tuple[int, int], bridge=None):
    """A shown MapView (no window around it) whose page is ready; `bridge` replaces the page's bridge
    object, to see exactly what the page asks of Python."""
    import time

    from PySide6.QtTest import QTest

    from mapviewer.qt.mapview import MapView

    view = MapView()
    if bridge is not None:
        view.channel.deregisterObject(view.bridge)
        view.channel.registerObject("bridge", bridge)
    view.resize(*size)
    view.show()
    view.load_workspace(ws)
    deadline = time.monotonic() + 60
    while not page_ready(view):
        assert time.monotonic() < deadline, f"the map page did not get ready: {view.js_errors}"
        QTest.qWait(50)
    return view
