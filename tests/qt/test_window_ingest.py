"""Bring your own articles, in the window: Add articles / drop files, progress and cancel, the review
panel's decisions with undo, placing on the map, editing a label from a popup — on the real window,
real QtWebEngine page and real files in a per-test user folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from shiboken6 import isValid
from webwindow import READY_TIMEOUT, dispose, js, js_json, open_window, settings, state

from mapviewer.core.ingest import decisions
from mapviewer.core.workspace import Location, Workspace, user_workspace
from mapviewer.qt.mainwindow import MainWindow

EVAL = Path(__file__).parents[1] / "ingest_eval"
INGEST_TIMEOUT = 60000


def folder_snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()} if root.exists() else {}


def add_and_wait(qtbot, window: MainWindow, files: list[Path]) -> None:
    """Add articles like File → Add articles… does, and wait for the reloaded map."""
    with qtbot.waitSignal(window.map.mapReady, timeout=INGEST_TIMEOUT):
        run = window.add_articles(files)
        assert run is not None
    assert window.ingest_run is None


def item_named(window: MainWindow, name: str) -> decisions.ReviewItem:
    return next(i for i in window.review.model.items if i.name == name)


def test_added_articles_show_on_the_map_and_survive_a_restart(qtbot, tmp_path: Path) -> None:
    files = [EVAL / "tass-vostochny.txt", EVAL / "yonhap-yongbyon.txt", EVAL / "bigasia-sohae.txt"]
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        bundled_sites = len(window.ws.mapped_sites)
        add_and_wait(qtbot, window, files)
        ids = {a.id for a in window.ws.articles}
        assert {"tass-vostochny", "yonhap-yongbyon", "bigasia-sohae"} <= ids
        st = state(qtbot, window)
        assert "vostochny-cosmodrome" in st["visible"] and len(st["visible"]) > bundled_sites
        assert len(window.ws.mapped_sites) > bundled_sites
        assert window.filters.articles.is_checked("tass-vostochny")
        summary = window.ingest_summary()
        assert summary is not None and summary.icon() == QMessageBox.Icon.Information, "no warning for a clean batch"
        assert "3 of 3 files added" in summary.text()
        summary.close()
        assert window.review_dock.isVisible(), "unplaced names were found: the review panel opens"
        assert any(i.needs_review for i in window.review.model.items)
        on_disk = folder_snapshot(user_workspace())
        assert "articles/tass-vostochny.txt" in on_disk and "candidates.json" in on_disk
    # restart: a new window on the same user folder shows the same thing
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        assert "vostochny-cosmodrome" in state(qtbot, window)["visible"]
        assert any(i.name == "Kuryong River" for i in window.review.model.items)


def test_cancel_leaves_the_workspace_as_it_was(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "tass-vostochny.txt"])
        before = folder_snapshot(user_workspace())
        articles = [a.id for a in window.ws.articles]
        with (
            qtbot.waitSignal(window.map.mapReady, timeout=3000, raising=False) as reloaded,
            qtbot.waitCallback(timeout=INGEST_TIMEOUT) as finished,
        ):
            run = window.add_articles([EVAL / "yonhap-yongbyon.txt", EVAL / "bigasia-sohae.txt", EVAL / "reuters-kharkiv.txt"])
            assert run is not None
            run.finished.connect(finished)
            run.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
        assert finished.args == [None]
        assert not reloaded.signal_triggered, "nothing changed, so the map is not rebuilt"
        assert folder_snapshot(user_workspace()) == before
        assert [a.id for a in window.ws.articles] == articles
        assert "unchanged" in window.statusBar().currentMessage()
        assert window.ingest_run is None and not (isValid(run.dialog) and run.dialog.isVisible())


def test_dropping_files_on_the_window_adds_them_and_reports_bad_ones(qtbot, tmp_path: Path) -> None:
    junk = tmp_path / "photo.txt"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(EVAL / "beyondparallel-sinuiju.txt")), QUrl.fromLocalFile(str(junk))])
        pos = QPointF(window.map.mapTo(window, QPoint(200, 200)))
        enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, enter)
        assert enter.isAccepted()
        drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        with qtbot.waitSignal(window.map.mapReady, timeout=INGEST_TIMEOUT):
            QApplication.sendEvent(window, drop)
        assert "beyondparallel-sinuiju" in window.ws.article_by_id
        box = window.ingest_summary()
        assert box is not None and "photo.txt" in box.text() and "1 of 2 files added" in box.text()
        box.close()
        assert "sinuiju" in state(qtbot, window)["visible"]


def test_review_decisions_are_undoable_and_reach_the_map(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "tass-vostochny.txt"])
        assert "tokyo" in state(qtbot, window)["visible"]
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            assert window.decide("reject", item_named(window, "TOKYO").key)
        assert "tokyo" not in state(qtbot, window)["visible"]
        assert "TOKYO" not in {i.name for i in window.review.model.items if i.decision is None}
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            assert window.decide("merge", item_named(window, "Amur Region").key, "vostochny-cosmodrome")
        assert "Amur Region" in window.ws.site_by_id["vostochny-cosmodrome"].aliases
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            assert window.decide("rename", item_named(window, "Far East").key, "Far Eastern Federal District")
        assert window.ws.site_by_id["russian-far-east"].name == "Far Eastern Federal District"
        # Edit → Undo three times: the files are back as they were after the ingest
        for _ in range(3):
            with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
                window.undo_stack.undo()
        assert window.ws.site_by_id["russian-far-east"].name == "Russian Far East"
        assert "tokyo" in state(qtbot, window)["visible"]
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            window.undo_stack.redo()
        assert "tokyo" not in window.ws.site_by_id
        # a decision that cannot apply is a message, not a crash, and changes nothing
        before = folder_snapshot(user_workspace())
        assert not window.decide("rename", item_named(window, "Far East").key, "Vostochny Cosmodrome")
        assert "already names site" in window.warning.text()
        window.warning.close()
        assert folder_snapshot(user_workspace()) == before


def test_corrected_label_of_an_added_article_survives_restart_and_reingest(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "tass-vostochny.txt"])
        mention = next(m for m in window.ws.mentions if m.article_id == "tass-vostochny" and m.site_id == "vostochny-cosmodrome")
        new = "confirmed" if mention.claim.certainty != "confirmed" else "alleged"
        topics = ["diplomacy"] if "diplomacy" not in mention.claim.topics else []
        window.correct_label(mention.id, new, topics)
        # re-adding the same file is recognised and skipped; the correction stays
        with (
            qtbot.waitSignal(window.map.mapReady, timeout=2000, raising=False) as reloaded,
            qtbot.waitCallback(timeout=INGEST_TIMEOUT) as finished,
        ):
            run = window.add_articles([EVAL / "tass-vostochny.txt"])
            assert run is not None
            run.finished.connect(finished)
        assert not reloaded.signal_triggered, "nothing new: the map is not rebuilt"
        assert "already ingested" in window.ingest_summary().text()
        window.ingest_summary().close()
    ws = Workspace.open()
    assert ws.mention_by_id[mention.id].claim.certainty == new
    assert ws.mention_by_id[mention.id].claim.source == "user"
    assert list(ws.mention_by_id[mention.id].claim.topics) == topics
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        assert window.ws.mention_by_id[mention.id].claim.certainty == new


def test_added_articles_go_to_an_open_data_folder(qtbot, tmp_path: Path) -> None:
    """A --data workspace: articles and copied sites land in that folder, the user's app folder stays empty."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "articles").mkdir()
    (data / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    with open_window(qtbot, Workspace.load(Location.folder(data)), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "yonhap-yongbyon.txt"])
        assert (data / "articles" / "yonhap-yongbyon.txt").exists()
        assert "yongbyon-nuclear-scientific-research-center" in state(qtbot, window)["visible"]
    assert not user_workspace().exists()


@pytest.mark.parametrize("action", ["place"])
def test_place_an_unplaced_name_by_clicking_the_map(qtbot, tmp_path: Path, action: str) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "yonhap-yongbyon.txt"])
        river = item_named(window, "Kuryong River")
        assert window.review.select(river.key)
        qtbot.mouseClick(window.review.buttons[action], Qt.MouseButton.LeftButton)
        assert window.review.placing_bar.isVisible() and not window.review.place_here.isEnabled()
        qtbot.waitUntil(lambda: js(qtbot, window, "!!document.querySelector('.mv-placing')") is True, timeout=5000)
        target = QPoint(window.map.width() // 2 + 40, window.map.height() // 2 - 30)
        with qtbot.waitSignal(window.map.placedAt, timeout=5000) as placed:
            widget = window.map.focusProxy() or window.map
            qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=target)
        lat, lon = placed.args
        assert js_json(qtbot, window, "mapviewer.placingAt()") == pytest.approx([lat, lon])
        assert window.review.place_here.isEnabled()
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            qtbot.mouseClick(window.review.place_here, Qt.MouseButton.LeftButton)
        site = next(s for s in window.ws.sites if s.name == "Kuryong River")
        assert (site.lat, site.lon) == (round(lat, 5), round(lon, 5)) and site.provenance == "user"
        assert site.id in state(qtbot, window)["visible"]
        assert js(qtbot, window, "!!document.querySelector('.mv-placing')") is False
        # the view was kept across the reload, so the new marker is drawn where the user clicked
        point = json.loads(js(qtbot, window, f"mapviewer.markerPoint({json.dumps(site.id)})"))
        assert abs(point[0] - target.x()) <= 2 and abs(point[1] - target.y()) <= 2


def test_edit_label_link_in_a_popup_opens_the_editor(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        window.map.focus_site("kursk-oblast")
        qtbot.waitUntil(lambda: js(qtbot, window, "!!document.querySelector('.leaflet-popup .mv-edit')") is True, timeout=5000)
        js(qtbot, window, "document.querySelector('.leaflet-popup .mv-edit').click()")
        qtbot.waitUntil(lambda: window.reader.highlight is not None, timeout=5000)
        assert window.reader.highlight.site_id == "kursk-oblast"
        assert window.reader.editor.isEnabled() and window.reader.editor.certainty.hasFocus()


def test_window_starts_without_a_user_folder_and_review_says_how_to_add(qtbot, tmp_path: Path) -> None:
    window = MainWindow(Workspace.open(), settings(tmp_path / "ini"), restore=False)
    try:
        assert window.review.model.items == []
        assert "Add articles" in window.review.empty_note.text() and window.review.empty.isVisibleTo(window.review)
        assert window.add_action.shortcut().toString()
        assert window.add_articles([tmp_path / "missing.txt"]) is None
        assert "Nothing to add" in window.statusBar().currentMessage()
    finally:
        dispose(window)


def test_article_details_edited_in_the_window_with_undo(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "tass-vostochny.txt"])
        window.open_passage(next(m.id for m in window.ws.mentions if m.article_id == "nis-kursk-deployment"))
        assert not window.details_action.isEnabled(), "bundled articles are read-only"
        assert window.edit_article_details() is None
        mention = next(m for m in window.ws.mentions if m.article_id == "tass-vostochny")
        original = window.ws.article_by_id["tass-vostochny"]
        assert original.url and original.title, "read from the file's own header"
        window.open_passage(mention.id)
        assert window.details_action.isEnabled()
        dialog = window.edit_article_details()
        assert dialog is not None and dialog.isVisible()
        dialog.fields["url"].setText("file:///etc/passwd")
        dialog.accept()
        assert dialog.isVisible() and "http" in dialog.error.text(), "a bad URL keeps the dialog open"
        dialog.fields["url"].setText("https://tass.com/politics/1674165")
        dialog.fields["title"].setText("Kim <b>visits</b> Vostochny")
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            dialog.accept()
        assert window.ws.article_by_id["tass-vostochny"].title == "Kim <b>visits</b> Vostochny"
        assert "Kim &lt;b&gt;visits&lt;/b&gt; Vostochny" in window.reader.header.text(), "shown as text, not markup"
        assert window.filters.articles.items["tass-vostochny"].text().startswith("Kim <b>visits</b> Vostochny")
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            window.undo_stack.undo()
        restored = window.ws.article_by_id["tass-vostochny"]
        assert (restored.title, restored.url) == (original.title, original.url)


def test_cancelling_a_single_file_while_it_is_read_adds_nothing(qtbot, tmp_path: Path) -> None:
    """Cancel pressed while the last (only) file is being read: the batch must not commit it."""
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        with qtbot.waitCallback(timeout=INGEST_TIMEOUT) as finished:
            run = window.add_articles([EVAL / "bigasia-sohae.txt"])
            assert run is not None
            run.finished.connect(finished)
            assert not window.review.isEnabled() and not window.edit_menu.isEnabled(), "nothing else writes meanwhile"
            run.dialog.findChild(QPushButton).click()
            assert run.dialog.isVisible() or not run.worker.isRunning(), "the dialog stays up until the worker stops"
        assert finished.args == [None]
        assert "bigasia-sohae" not in window.ws.article_by_id
        assert not (user_workspace() / "articles" / "bigasia-sohae.txt").exists()
        assert window.review.isEnabled() and window.edit_menu.isEnabled()


def test_undo_never_erases_articles_added_after_the_decision(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "tass-vostochny.txt"])
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            assert window.decide("reject", item_named(window, "TOKYO").key)
        add_and_wait(qtbot, window, [EVAL / "yonhap-yongbyon.txt"])
        window.ingest_summary().close()
        before = folder_snapshot(user_workspace())
        window.undo_stack.undo()
        assert folder_snapshot(user_workspace()) == before, "refused: the later ingest is kept"
        assert "has changed since" in window.warning.text()
        window.warning.close()
        assert "yonhap-yongbyon" in window.ws.article_by_id and "tokyo" not in window.ws.site_by_id


def test_closing_the_window_while_articles_are_read_is_safe(qtbot, tmp_path: Path) -> None:
    window = MainWindow(Workspace.open(), settings(tmp_path / "ini"), restore=False)
    try:
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            window.show()
        run = window.add_articles([EVAL / "tass-vostochny.txt", EVAL / "yonhap-yongbyon.txt"])
        assert run is not None
        window.close()
        assert not run.worker.isRunning(), "the worker stopped before the window went"
    finally:
        dispose(window)
    assert not (user_workspace() / "articles").exists()


def test_dropped_folders_give_their_article_files(tmp_path: Path) -> None:
    from mapviewer.qt.ingest_dialog import article_files

    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "c.HTML", "d.png", "sub/e.md"):
        (folder / name).write_text("x", encoding="utf-8")
    loose = tmp_path / "notes.rtf"
    loose.write_text("x", encoding="utf-8")
    got = article_files([folder, folder / "b.txt", loose, tmp_path / "missing.txt"])
    assert got == [folder / "b.txt", folder / "c.HTML", folder / "sub" / "e.md", loose]
