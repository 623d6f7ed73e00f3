"""Start the desktop app: prepare QtWebEngine, open the workspace, show the window.

Start-up does two things at once: the map page loads (its renderer process parses Leaflet and the
basemap and draws the map) while a worker thread imports the core and opens the workspace. Done one
after the other, as before, they took about twice as long as a bare Leaflet page; see benchmarks/.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mapviewer.qt.background import NOTICE_AFTER_MS, Background, opening_notice
from mapviewer.status import ExitStatus

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from mapviewer.core.workspace import Workspace
    from mapviewer.qt.mainwindow import MainWindow



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
    # Made hidden and top-level, a view keeps the 640x480 Qt gives it until it is shown: Chromium would
    # draw the map at that size first and again at its real size in the window. At 0x0 the page waits
    # (it draws nothing at no size) and draws once, at the size the window lays out.
    view.resize(0, 0)
    view.start(basemap)
    dismiss_notice = opening_notice(str(data or os.environ.get("MAPVIEWER_DATA") or "the bundled articles"), NOTICE_AFTER_MS)
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

    window = MainWindow(ws, settings=settings, restore=restore, map_view=view)
    window.presize_map()
    return window


_CORE_IMPORT = re.compile(r"^(?:from|import) (mapviewer\.core[\w.]*)", re.MULTILINE)


def import_window_core() -> None:
    """Import the core modules the window's modules import at their top (pure Python, no Qt: safe in a
    worker thread), so that importing the window on the GUI thread is only its Qt part. Read from the
    sources rather than listed, so a module the window starts to use is not forgotten here."""
    import importlib

    for source in sorted(Path(__file__).parent.glob("*.py")):
        for name in _CORE_IMPORT.findall(source.read_text(encoding="utf-8")):
            importlib.import_module(name)
