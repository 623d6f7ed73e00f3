"""File → Open workspace… and Open recent on the real window: another folder is shown in the same window through
the start-up's loading path; the recent list keeps 8, newest first, and drops folders that are gone, saying so."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import open_window, settings, state
from wsfiles import write_workspace

from mapviewer.qt.recent import MAX_RECENT, SETTINGS_KEY, RecentWorkspaces

pytestmark = pytest.mark.webengine


def test_open_workspace_shows_the_folder_in_the_window_and_remembers_it(qtbot, ws, tmp_path) -> None:
    folder = write_workspace(tmp_path / "mine")
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.open_passage(ws.mentions[0].id)
        window.session.set_filter(window.session.filter.__class__(text="Pyongyang"))
        assert window.undo_stack.can_undo()
        with qtbot.waitSignal(window.map.mapReady, timeout=20000):
            assert window.workspaces.open(folder)
        assert window.ws.location.sites == folder / "sites.geojson"
        assert str(folder) in window.windowTitle()
        assert {s.id for s in window.ws.mapped_sites} == {"alpha", "beta"}
        assert window.sites.model_.rowCount() == 0, "the search text still applies (no site of this folder matches)"
        assert not window.undo_stack.can_undo(), "the previous workspace's history is gone with it"
        assert window.reader.article is None, "the reader no longer shows an article of the other workspace"
        window.reset_filters()
        qtbot.waitUntil(lambda: sorted(state(qtbot, window)["visible"]) == ["alpha", "beta"], timeout=5000)
        assert window.workspaces.recent.paths()[0] == str(folder.resolve())
        actions = [a.text() for a in window.workspaces.recent_menu.actions()]
        assert actions == [f"&1 {folder.resolve()}"]
        # and back to the bundled articles
        with qtbot.waitSignal(window.map.mapReady, timeout=20000):
            assert window.workspaces.bundled_action.trigger() is None
        assert window.ws.location.extra is not None and len(window.ws.articles) == len(ws.articles)


def test_a_folder_that_is_not_a_workspace_is_refused_and_the_window_keeps_its_own(qtbot, ws, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        problems: list[str] = []
        window.session.problem.connect(problems.append)
        assert not window.workspaces.open(empty)
        assert window.ws is ws
        assert problems and str(empty) in problems[0] and "sites.geojson" in problems[0]
        assert window.workspaces.recent.paths() == []


def test_the_recent_list_keeps_8_newest_first_and_prunes_missing_folders_with_a_message(qtbot, ws, tmp_path) -> None:
    folders = [write_workspace(tmp_path / f"ws{i}") for i in range(10)]
    store = settings(tmp_path / "ini")
    recent = RecentWorkspaces(store)
    for f in folders:
        recent.add(f)
    recent.add(folders[3])  # again: moves to the front, not twice
    paths = recent.paths()
    assert len(paths) == MAX_RECENT and paths[0] == str(folders[3].resolve())
    assert paths == [str(folders[i].resolve()) for i in (3, 9, 8, 7, 6, 5, 4, 2)]
    store.sync()
    shutil.rmtree(folders[9])
    shutil.rmtree(folders[8])
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        menu = window.workspaces.recent_menu
        menu.aboutToShow.emit()
        listed = [a.toolTip() for a in menu.actions()]
        assert str(folders[9].resolve()) not in listed and str(folders[8].resolve()) not in listed
        assert len(listed) == MAX_RECENT - 2
        message = window.statusBar().currentMessage()
        assert "no longer there" in message and str(folders[9].resolve()) in message
        assert window.settings.value(SETTINGS_KEY) == listed
        # a folder that goes away after the menu was built: choosing it says why and drops it
        shutil.rmtree(folders[7])
        problems: list[str] = []
        window.session.problem.connect(problems.append)
        menu.actions()[listed.index(str(folders[7].resolve()))].trigger()
        assert problems and "does not exist" in problems[0]
        assert str(folders[7].resolve()) not in window.workspaces.recent.paths()
