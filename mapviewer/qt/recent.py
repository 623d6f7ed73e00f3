"""File → Open workspace…, Open recent and the bundled articles: another workspace in the open window.

It opens the folder the way start-up does (core Workspace.load in a worker thread while the window keeps
painting, a notice when it takes a while) and shows it through the session (Session.set_workspace), so the
panels, the page and the file watcher follow as after any reload. The recent list lives in QSettings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from mapviewer.core.workspace import Location, Workspace, WorkspaceError

if TYPE_CHECKING:
    from mapviewer.qt.mainwindow import MainWindow

MAX_RECENT = 8
SETTINGS_KEY = "recentWorkspaces"


class RecentWorkspaces:
    """The last MAX_RECENT workspace folders opened, newest first, kept in `settings`."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[str]:
        raw = self.settings.value(SETTINGS_KEY)
        items = raw if isinstance(raw, list) else [raw] if isinstance(raw, str) and raw else []
        return [p for p in items if isinstance(p, str) and p][:MAX_RECENT]

    def _save(self, paths: list[str]) -> None:
        self.settings.setValue(SETTINGS_KEY, paths[:MAX_RECENT])

    def add(self, folder: Path) -> None:
        path = str(Path(folder).expanduser().resolve())
        self._save([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: str) -> None:
        self._save([p for p in self.paths() if p != path])

    def prune(self) -> list[str]:
        """Drop the folders that are gone (moved, deleted, an unplugged drive); returns them."""
        kept: list[str] = []
        gone: list[str] = []
        for p in self.paths():
            (kept if Path(p).is_dir() else gone).append(p)
        if gone:
            self._save(kept)
        return gone


def load_workspace(location: Location) -> Workspace:
    """Read a workspace in a worker thread while the event loop runs (the window keeps painting), with the
    start-up's notice when it takes a while; raises WorkspaceError."""
    from mapviewer.qt.background import Background, opening_notice

    dismiss = opening_notice(location.label)
    try:
        return Background(lambda: Workspace.load(location)).result()
    finally:
        dismiss()


class WorkspaceMenu:
    """The File menu's Open workspace…, Open recent ▸ and Open the bundled articles, for `window`."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        self.window = window
        self.recent = RecentWorkspaces(window.settings)
        self.open_action = menu.addAction("Open &workspace…", self.choose)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setToolTip("Open a workspace folder (sites.geojson and articles/) in this window")
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self.refresh)
        self.bundled_action = menu.addAction("Open the &bundled articles", lambda: self.open(None))
        menu.addSeparator()
        if window.ws.location.extra is None:  # a folder workspace at start: it is the most recent
            self.recent.add(window.ws.location.sites.parent)
        # filled (and pruned, with a message) each time it opens

    def refresh(self) -> None:
        """Rebuild Open recent; folders that are gone are removed, and the status bar says which."""
        gone = self.recent.prune()
        if gone:
            names = ", ".join(gone)
            self.window.statusBar().showMessage(f"Removed from recent workspaces (no longer there): {names}", 10000)
        self.recent_menu.clear()
        for i, path in enumerate(self.recent.paths(), 1):
            action = self.recent_menu.addAction(f"&{i} {path}" if i < 10 else path)
            action.setToolTip(path)
            action.triggered.connect(self._opener(path))
        if not self.recent.paths():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def _opener(self, path: str) -> Callable[[], object]:
        return lambda: self.open(Path(path))

    def choose(self) -> None:
        start = str(self.window.ws.location.sites.parent if self.window.ws.location.extra is None else Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, "Open workspace folder", start)
        if folder:
            self.open(Path(folder))

    def open(self, folder: Path | None) -> bool:
        """Show the workspace in `folder` (None: the bundled articles) in this window: the undo history is of the
        previous one and is cleared; the filters are kept as far as they apply. False (and a message) if it cannot
        be opened; a recent folder that is gone leaves the list."""
        window = self.window
        if window.ingest_run is not None:
            window.statusBar().showMessage("Still adding articles to this workspace; open another when they are done", 6000)
            return False
        try:
            location = Location.bundled() if folder is None else Location.folder(folder)
            ws = load_workspace(location)
        except WorkspaceError as exc:
            if folder is not None and not folder.is_dir():
                self.recent.remove(str(folder.expanduser().resolve()))
                self.refresh()
            window.session.problem.emit(f"Cannot open the workspace {folder or 'of the bundled articles'}:\n{exc}")
            return False
        if folder is not None:
            self.recent.add(folder)
            self.refresh()
        window.session.commands.clear()
        window.set_workspace(ws)
        if window.reader.article is not None and window.reader.article.id not in ws.article_by_id:
            window.reader.clear()
        window.statusBar().showMessage(f"Opened {location.label}", 5000)
        return True
