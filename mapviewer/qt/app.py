"""Start the desktop app: prepare QtWebEngine, open the workspace, show the window.

Start-up does two things at once: the map page loads (its renderer process parses Leaflet and the
basemap and draws the map) while a worker thread imports the core and opens the workspace. Done one
after the other, as before, they took about twice as long as a bare Leaflet page; see benchmarks/.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from mapviewer.status import ExitStatus

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from mapviewer.core.workspace import Workspace
    from mapviewer.qt.mainwindow import MainWindow

T = TypeVar("T")


def run_app(data: str | Path | None = None) -> int:
    from mapviewer.qt import webenv

    webenv.prepare(headless=False)
    hint = xcb_hint(os.environ)
    if hint:  # before the QApplication: Qt aborts the process when its platform plugin cannot load
        print(hint, file=sys.stderr)
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mapviewer")
    app.setOrganizationName("mapviewer")
    try:
        window = start_window(data)
    except Exception as exc:
        from mapviewer.core.workspace import WorkspaceError  # here: start_window imports the core beside the page

        if not isinstance(exc, WorkspaceError):
            raise
        QMessageBox.critical(None, "mapviewer", f"Cannot open the workspace:\n{exc}")
        return ExitStatus.USAGE
    window.show()
    return app.exec()


XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-image", "libxcb-image0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
)
"""Libraries Qt's xcb platform plugin needs that a bare Linux desktop may lack, with their Debian/Ubuntu packages."""


def xcb_hint(env: Mapping[str, str], find_library: Callable[[str], str | None] | None = None) -> str | None:
    """What to install when Qt's xcb plugin will not load (missing libraries), else None. Qt reports that only
    as "Could not load the Qt platform plugin xcb" and aborts, so it is checked before the QApplication."""
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM", "xcb") not in ("", "xcb") or not env.get("DISPLAY"):
        return None
    if find_library is None:
        from ctypes.util import find_library as found_by_ctypes

        find_library = found_by_ctypes
    missing = [package for library, package in XCB_LIBRARIES if find_library(library) is None]
    if not missing:
        return None
    return (
        "mapviewer: Qt's xcb platform plugin needs libraries this system lacks; if the window does not open "
        f"(\"Could not load the Qt platform plugin xcb\"), install them, e.g.:\n  sudo apt install {' '.join(missing)}"
    )


def start_window(data: str | Path | None = None, settings: QSettings | None = None, restore: bool = True) -> MainWindow:
    """The main window on workspace `data` (default: $MAPVIEWER_DATA or the bundled corpus), its map
    page loaded while the workspace opens. Needs a QApplication; raises WorkspaceError."""

    def open_workspace() -> Workspace:
        from mapviewer.core.workspace import Workspace

        return Workspace.open(data)


    opening = Background(open_workspace)  # first: it imports while Qt makes the web profile, below
    from PySide6.QtCore import QSettings

    from mapviewer.qt.mapview import MapView, saved_basemap

    settings = settings or QSettings("mapviewer", "mapviewer")
    basemap = saved_basemap(settings) if restore else "offline"
    view = MapView()
    view.start(basemap)
    dismiss_notice = opening_notice(str(data or os.environ.get("MAPVIEWER_DATA") or "the bundled articles"))
    try:
        ws = opening.result()
    except BaseException:
        view.deleteLater()
        raise
    finally:
        dismiss_notice()
    importing = Background(import_window_core)  # beside the page data's making and hand-over
    view.load_workspace(ws, basemap)
    view.hand_over_data()  # the page draws the sites while the window is built
    importing.result()
    from mapviewer.qt.mainwindow import MainWindow  # here, on the GUI thread: it makes PySide6 types (see Background)

    return MainWindow(ws, settings=settings, restore=restore, map_view=view)


_CORE_IMPORT = re.compile(r"^(?:from|import) (mapviewer\.core[\w.]*)", re.MULTILINE)


def import_window_core() -> None:
    """Import the core modules the window's modules import at their top (pure Python, no Qt: safe in a
    worker thread), so that importing the window on the GUI thread is only its Qt part. Read from the
    sources rather than listed, so a module the window starts to use is not forgotten here."""
    import importlib

    for source in sorted(Path(__file__).parent.glob("*.py")):
        for name in _CORE_IMPORT.findall(source.read_text(encoding="utf-8")):
            importlib.import_module(name)


NOTICE_AFTER_MS = 600
"""A workspace that takes longer than this to open (tens of thousands of sites: seconds) gets a notice,
so a start does not look like nothing happened."""


def opening_notice(where: str) -> Callable[[], None]:
    """A small window saying which workspace is opening, shown NOTICE_AFTER_MS from now; call the
    returned function when it has opened (the notice goes, or never comes)."""
    from PySide6.QtCore import Qt, QTimer
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
    timer = QTimer(notice)
    timer.setSingleShot(True)
    timer.timeout.connect(notice.show)
    timer.start(NOTICE_AFTER_MS)

    def dismiss() -> None:
        timer.stop()
        notice.hide()
        notice.deleteLater()

    return dismiss


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
