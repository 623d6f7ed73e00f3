"""Help → User guide (a real file shipped with the package, shown offline), Help → Keyboard shortcuts (made from
the window's actions) and the reader's Copy citation, on the real window."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QTextBrowser
from webwindow import open_window

from mapviewer.core.citation import format_citation
from mapviewer.qt.help import GUIDE, menu_actions

pytestmark = pytest.mark.webengine


def test_the_guide_is_package_data_and_shows_in_the_window(qtbot, ws, tmp_path) -> None:
    from mapviewer import paths

    assert GUIDE.is_file() and GUIDE.is_relative_to(paths.ASSETS)
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
        window.guide_action.trigger()
        dialog = window.findChild(QDialog, "mapviewer-guide")
        assert dialog is not None and dialog.isVisible()
        text = dialog.findChild(QTextBrowser).toPlainText()
        assert "Reading a passage" in text and "Copy citation" in text and "#" not in text.splitlines()[0]
        dialog.close()


def test_every_menu_item_the_guide_names_exists(qtbot, ws, tmp_path) -> None:
    """The guide cannot name a menu item the window lacks (e.g. after a rename)."""
    named = set(re.findall(r"\*\*((?:File|Edit|View|Help) → [^*]+)\*\*", GUIDE.read_text(encoding="utf-8")))
    assert len(named) >= 5
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        paths = [where for where, _action in menu_actions(window)]
        for name in named:
            assert any(p == name or p.startswith(name) for p in paths), (name, paths)


def test_keyboard_shortcuts_lists_the_actions_shortcuts_as_they_are(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        extra = QAction("Frobnicate the map", window)
        extra.setShortcut(QKeySequence("Ctrl+Alt+F"))
        window.menuBar().actions()[0].menu().addAction(extra)  # added after the menus were built
        window.shortcuts_action.trigger()
        dialog = window.findChild(QDialog, "mapviewer-shortcuts")
        text = dialog.findChild(QTextBrowser).toPlainText()
        with_keys = [(where, a) for where, a in menu_actions(window) if not a.shortcut().isEmpty()]
        assert len(with_keys) >= 8
        for where, action in with_keys:
            assert where in text and action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in text, where
        assert "File → Frobnicate the map" in text
        assert "Edit → Copy citation" in text and "View → Search" in text
        dialog.close()


def test_copy_citation_from_the_reader_puts_the_passage_citation_on_the_clipboard(qtbot, ws, tmp_path) -> None:
    mention = next(m for m in ws.mentions if m.site_id == "kusong")
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        assert not window.reader.cite_action.isEnabled(), "nothing to cite before a passage is open"
        window.open_passage(mention.id)
        assert window.reader.cite_action.isEnabled()
        QGuiApplication.clipboard().clear()
        window.reader.cite_action.trigger()
        text = QGuiApplication.clipboard().text()
        assert text == format_citation(ws.article_by_id[mention.article_id], mention)
        assert ws.article_by_id[mention.article_id].title in text and "paragraph" in text
