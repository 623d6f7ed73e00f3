"""Waiting for work without freezing the window: a worker thread whose result is awaited in the Qt event loop,
and the notice shown while a workspace opens. Used at start-up (app.py) and when the window opens another
workspace (recent.py)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

T = TypeVar("T")


NOTICE_AFTER_MS = 600
"""A workspace that takes longer than this to open (tens of thousands of sites: seconds) gets a notice,
so a start does not look like nothing happened."""


def opening_notice(where: str, after_ms: int = NOTICE_AFTER_MS) -> Callable[[], None]:
    """A small window saying which workspace is opening, shown `after_ms` from now; call the
    returned function when it has opened (the notice goes, or never comes). The notice is made only
    when it is due: a start that takes less time never builds it (a styled label costs the GUI thread
    several milliseconds while the page waits for it)."""
    from PySide6.QtCore import QTimer

    shown: list[QLabel] = []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: shown.append(_notice(where)))
    timer.start(after_ms)

    def dismiss() -> None:
        timer.stop()
        for notice in shown:
            notice.hide()
            notice.deleteLater()

    return dismiss


def _notice(where: str) -> QLabel:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLabel

    notice = QLabel(f"mapviewer — opening {where} …")
    notice.setObjectName("mapviewer-opening")
    notice.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    notice.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is not markup
    notice.setMargin(18)
    notice.setStyleSheet("QLabel { background: palette(window); border: 1px solid palette(mid); }")
    notice.adjustSize()
    screen = QGuiApplication.primaryScreen()
    if screen is not None:  # centred where the window will come
        notice.move(screen.availableGeometry().center() - notice.rect().center())
    notice.show()
    return notice


class Background(Generic[T]):
    """`work` (no widgets, no Qt objects: core work and imports) in a worker thread, from now on; result() waits for it
    in the Qt event loop and returns its value or raises its exception.

    Why: QtWebEngine does its part of a page load on the GUI thread (navigation, the app:// scheme
    handler). Blocked in imports and parsing, that thread would hold the page back; waiting in the
    event loop, it serves the page while the worker runs (the loop releases the GIL)."""

    def __init__(self, work: Callable[[], T]) -> None:
        from PySide6.QtCore import QEventLoop, QMetaObject, Qt

        self._loop = QEventLoop()
        # Bound here, on the GUI thread: PySide6 makes its types and enums on first use, and that is not
        # thread-safe; the worker touching `Qt` while the GUI thread did made start-up fail at random
        # ("type object 'Qt' has no attribute 'TextFormat'") on a busy machine.
        self._wake = functools.partial(QMetaObject.invokeMethod, self._loop, "quit", Qt.ConnectionType.QueuedConnection)
        self._done = threading.Event()
        self._box: dict[str, object] = {}
        self._thread = threading.Thread(target=self._run, args=(work,), name="mapviewer-start", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._box["result"] = work()
        except BaseException as exc:  # handed to result(), with its traceback
            self._box["error"] = exc
        finally:
            self._done.set()  # before the wake-up: result() never waits for a quit that came early
            self._wake()

    def result(self) -> T:
        if not self._done.is_set():
            self._loop.exec()
        self._thread.join()
        if "error" in self._box:
            raise self._box["error"]  # type: ignore[misc]
        return self._box["result"]  # type: ignore[return-value]
