"""Test setup: headless Qt flags and the app's URL scheme must exist before any QApplication."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))  # generate.py: synthetic workspaces

# QtWebEngine: the app:// scheme must be registered and QtWebEngineWidgets imported before pytest-qt
# creates the QApplication. Idempotent; skipped where PySide6's WebEngine is not installed.
try:
    from mapviewer.qt import webenv

    webenv.prepare(headless=True)
except ImportError:
    pass

import pytest


@pytest.fixture(autouse=True)
def _user_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user folder, so no test reads or writes the real one."""
    path = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("MAPVIEWER_USER_DIR", str(path))
    monkeypatch.delenv("MAPVIEWER_DATA", raising=False)
    return path


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory):
    """The bundled corpus, loaded once per module (a module may define its own `ws`), with an empty
    per-user folder of its own: never the real one's overrides."""
    from mapviewer.core.workspace import Workspace

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MAPVIEWER_USER_DIR", str(tmp_path_factory.mktemp("user")))
        mp.delenv("MAPVIEWER_DATA", raising=False)
        return Workspace.open()


@pytest.fixture(scope="module")
def shared_view(qapp, ws):
    """A MapView (no window) on `ws`, ready, 1200 x 800, shared by a module's tests."""
    from webwindow import dispose, open_map_view

    v = open_map_view(ws, (1200, 800))
    yield v
    dispose(v)


@pytest.fixture
def window(qtbot, ws, tmp_path):
    """A shown main window on `ws` whose map is ready; closed afterwards."""
    from webwindow import open_window

    with open_window(qtbot, ws, tmp_path / "settings.ini") as w:
        yield w
