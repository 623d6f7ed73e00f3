"""The window's page comes from the shell cache (core/mappage.page_shell): a cached shell altered by anyone
else is never what the window shows. (Kept with the page tests: it needs a real QtWebEngine page.)"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from hostile import plant_in_shells
from webwindow import dispose, js, open_map_view

from mapviewer import paths
from mapviewer.core import mappage


def test_a_script_planted_in_a_cached_page_shell_is_not_in_the_windows_page(qtbot, ws, monkeypatch):
    """The window's page comes from the shell cache: a shell altered by anyone else (its MAC not
    updated) is rendered again, so the planted script is not in the page the window shows."""
    monkeypatch.setattr(mappage, "_SHELLS", {})  # as a new process: the shell is rendered and kept
    dispose(open_map_view(ws, (800, 600)))
    assert plant_in_shells(paths.cache_dir() / "page", resign=False)
    monkeypatch.setattr(mappage, "_SHELLS", {})  # the next start reads the cache
    view = open_map_view(ws, (800, 600))
    try:
        assert js(qtbot, view, "document.documentElement.outerHTML.indexOf('planted-shell-script')") == -1
        assert js(qtbot, view, "document.documentElement.hasAttribute('data-pwned')") is False
        assert js(qtbot, view, "mapviewer.ready") is True
    finally:
        dispose(view)
    assert all(b"planted-shell-script" not in p.read_bytes() for p in (paths.cache_dir() / "page").glob("shell-*.cache"))
