"""Dead ends of the real window (issue 19), each driven on the real window offscreen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from webwindow import dispose, settings

from mapviewer.qt.mainwindow import MainWindow

pytestmark = pytest.mark.webengine


def test_the_first_window_fits_the_screen(qtbot, ws, tmp_path) -> None:
    window = MainWindow(ws, settings(tmp_path / "ini"), restore=True)  # nothing saved yet: the first start
    try:
        window.show()
        free = QGuiApplication.primaryScreen().availableGeometry()
        assert window.width() <= free.width() and window.height() <= free.height()
        assert window.width() >= free.width() * 0.8 or window.width() == 1400
        assert window.frameGeometry().width() <= free.width()
    finally:
        dispose(window)


NAME = "Russia's <b>base</b> & co"


def _review_item(name: str):
    from mapviewer.core.ingest.decisions import ReviewItem

    return ReviewItem(key="name:x", name=name, site_id=None, place=None, lat=None, lon=None, status="unplaced",
                      decision=None, confidence=0.0, provenance=None, articles=(), count=1, reason="", sentence="")


@pytest.mark.parametrize("action", ["merge", "rename"])
def test_review_dialogs_show_a_name_as_written(qtbot, ws, tmp_path, action) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    window = MainWindow(ws, settings(tmp_path / "ini"), restore=False)
    seen: list[tuple[str, object, str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        label = next(c for c in dialog.findChildren(QLabel) if c.text())
        seen.append((label.text(), label.textFormat(), dialog.windowTitle()))
        dialog.reject()

    try:
        window.review.set_items([_review_item(NAME)])
        QTimer.singleShot(200, answer)
        window.review_action(action, "name:x")
        assert seen, "the dialog was shown"
        text, fmt, _title = seen[0]
        assert NAME in text and "&#x27;" not in text and "&lt;" not in text
        assert fmt == Qt.TextFormat.PlainText
    finally:
        dispose(window)


def test_arrow_keys_in_the_sites_table_fly_to_the_site(qtbot, ws, tmp_path) -> None:
    from PySide6.QtTest import QTest
    from webwindow import open_window, state

    with open_window(qtbot, ws, tmp_path / "ini") as window:
        table = window.sites
        table.setFocus()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model_.index(0, 0)).center())
        first = table.model_.site_id(0)
        assert window.session.selection.site_id == first
        QTest.keyClick(table, Qt.Key.Key_Down)
        second = table.model_.site_id(1)
        assert second != first
        assert window.session.selection.site_id == second, "the arrow key chose the next row"
        qtbot.waitUntil(lambda: state(qtbot, window)["popup"] == second, timeout=5000)
        QTest.keyClick(table, Qt.Key.Key_Up)
        assert window.session.selection.site_id == first
        qtbot.waitUntil(lambda: state(qtbot, window)["popup"] == first, timeout=5000)


def test_the_title_and_about_follow_the_workspace_when_articles_are_added(qtbot, tmp_path) -> None:
    import shutil

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from mapviewer import paths
    from mapviewer.core.workspace import Workspace, user_workspace

    window = MainWindow(Workspace.open(), settings(tmp_path / "ini"), restore=False)
    try:
        assert window.windowTitle() == "mapviewer — bundled corpus"
        articles = user_workspace() / "articles"
        articles.mkdir(parents=True)
        shutil.copy(paths.BUNDLED_ARTICLES / "nis-kursk-deployment.txt", articles / "my-first.txt")
        shutil.copy(paths.BUNDLED_ARTICLES / "ghost-factories.txt", articles / "my-second.txt")
        window.reload_workspace()  # as the commit watcher does after an ingest
        assert {"my-first", "my-second"} <= {a.id for a in window.ws.articles}
        assert window.windowTitle() == "mapviewer — bundled corpus + 2 of your articles"
        about: list[str] = []

        def read_about() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            about.append(box.text())
            box.accept()

        QTimer.singleShot(200, read_about)
        window.about()
        assert about and "(bundled corpus + 2 of your articles)" in about[0]
        (articles / "my-second.txt").unlink()
        window.reload_workspace()
        assert window.windowTitle() == "mapviewer — bundled corpus + 1 of your articles"
    finally:
        dispose(window)


def test_a_reader_link_to_a_hidden_site_widens_the_filter_and_flies_there(qtbot, ws, tmp_path) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QUrl
    from webwindow import open_window, state

    from mapviewer.core.filters import Filter
    from mapviewer.core.model import CERTAINTIES

    site = "pivnichne"
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        shown = Filter(certainties=frozenset(m.claim.certainty for m in ws.mentions_of(site)))  # kept: it does not hide the site
        assert shown.certainties and shown.certainties != frozenset(CERTAINTIES)
        hidden = replace(shown, text="no passage says this")
        window.session.set_filter(hidden)
        qtbot.waitUntil(lambda: site not in state(qtbot, window)["visible"], timeout=5000)
        window.reader._on_anchor(QUrl(f"site:{site}"))  # the link in the reader, as a click sends it
        assert window.session.filter == shown, "only the search was lifted"
        assert site in window.result.site_ids
        assert window.filters.current() == shown, "the panel shows the wider filter"
        assert "hidden by the filters" in window.statusBar().currentMessage()
        assert "search" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: state(qtbot, window)["popup"] == site, timeout=5000)
        assert site in state(qtbot, window)["visible"]
        window.undo_action.trigger()
        assert window.session.filter == hidden, "one undoable step"
