"""Noticing commits made by other processes (`mapviewer ingest`, another window) to the open workspace.

Why the commit file: every commit replaces each folder's `.mapviewer-commit.json` (core.commit) by one
rename, after its files are in place, so a change of it means "a whole new state is there". A folder
never committed to yet is watched itself, for its commit file to appear. Changes come in bursts (temp
files, renames), so the callback runs once, `delay_ms` after the last one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from mapviewer.core.commit import COMMIT_NAME


class CommitWatcher(QObject):
    def __init__(self, on_change: Callable[[], None], parent: QObject | None = None, delay_ms: int = 300) -> None:
        super().__init__(parent)
        self.folders: list[Path] = []
        self.fs = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(on_change)
        self.fs.fileChanged.connect(self._poke)
        self.fs.directoryChanged.connect(self._poke)

    def watch(self, folders: Sequence[Path], again: bool = False) -> None:
        """Watch these folders' commit files; `again`: anew, as a replaced file is a new one to watch."""
        self.folders = list(folders)
        wanted = []
        for folder in self.folders:
            if (folder / COMMIT_NAME).is_file():
                wanted.append(folder / COMMIT_NAME)
            else:  # not committed to yet (or not even created): wait for the commit file, or the folder
                wanted.append(next((p for p in (folder, folder.parent) if p.is_dir()), folder))
        paths = list(dict.fromkeys(str(p) for p in wanted if p.exists()))
        old = self.fs.files() + self.fs.directories()
        if again or sorted(old) != sorted(paths):
            if old:
                self.fs.removePaths(old)
            if paths:
                self.fs.addPaths(paths)

    def _poke(self, _path: str) -> None:
        self.timer.start()
        self.watch(self.folders, again=True)  # re-arm: the file that changed was replaced by a rename
