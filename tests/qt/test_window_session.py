"""The window wired to the application session, on the real window and page: a filter ticked in the panel
is an undoable step whose undo the panel and the page both show, and filters are remembered per facet."""

from __future__ import annotations

import shutil
from pathlib import Path

from webwindow import dispose, open_window, settings, state

from mapviewer import paths
from mapviewer.core.workspace import Location, Workspace
from mapviewer.qt.mainwindow import MainWindow


def test_unticking_a_certainty_is_undone_in_the_panel_and_on_the_page(qtbot, ws, tmp_path: Path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        everything = sorted(state(qtbot, window)["visible"])
        box = window.filters.certainty_boxes["reported"]
        box.setChecked(False)  # as a click does
        assert window.session.filter.certainties is not None and "reported" not in window.session.filter.certainties
        qtbot.waitUntil(lambda: len(state(qtbot, window)["visible"]) < len(everything), timeout=5000)
        assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo Filter"
        window.undo_action.trigger()
        assert box.isChecked(), "the panel shows the filter the undo restored"
        qtbot.waitUntil(lambda: sorted(state(qtbot, window)["visible"]) == everything, timeout=5000)
        assert window.redo_action.isEnabled()


def test_an_article_named_like_a_topic_leaves_the_topic_ticked_after_a_restart(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(paths.BUNDLED_SITES, folder / "sites.geojson")
    shutil.copy(paths.BUNDLED_ARTICLES / "nis-kursk-deployment.txt", folder / "articles" / "combat.txt")
    shutil.copy(paths.BUNDLED_ARTICLES / "ghost-factories.txt", folder / "articles" / "ghost-factories.txt")
    ini = tmp_path / "ini"
    ws = Workspace.load(Location.folder(folder))
    assert {a.id for a in ws.articles} == {"combat", "ghost-factories"}
    with open_window(qtbot, ws, ini, restore=True) as window:
        window.filters.articles.set_checked("combat", False)
        assert window.session.filter.articles == frozenset({"ghost-factories"})
        window.close()  # remembers the filter
    window = MainWindow(Workspace.load(Location.folder(folder)), settings(ini), restore=True)
    try:
        assert not window.filters.articles.is_checked("combat")
        assert window.filters.topic_boxes["combat"].isChecked(), "the Combat topic was not unticked"
        assert window.session.filter.topics is None
    finally:
        dispose(window)
