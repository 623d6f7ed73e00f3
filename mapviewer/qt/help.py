"""Help → User guide (a short guide shipped as package data, assets/help/guide.md, shown offline) and Help →
Keyboard shortcuts (a table made from the window's actions each time it opens, so it lists exactly the
shortcuts the menus have)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMenu, QTextBrowser, QVBoxLayout, QWidget

from mapviewer import paths
from mapviewer.core.keyboard import AREA_KEYS

GUIDE = paths.ASSETS / "help" / "guide.md"


def _plain(text: str) -> str:
    """An action's text without its mnemonic markers ("&&" is a real ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_actions(window: QMainWindow) -> list[tuple[str, QAction]]:
    """Every action of the window's menus with its path, in menu order, e.g. ("File → Add articles…", action)."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):  # the submenu itself, then its items
                found.append((f"{path}{_plain(action.text())}", action))
                walk(submenu, f"{path}{_plain(action.text())} → ")
            elif not action.isSeparator():
                found.append((f"{path}{_plain(action.text())}", action))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, f"{_plain(top.text())} → ")
    return found


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(where, shortcut) for every menu action that has a shortcut, in menu order, e.g. ("File → Add articles…",
    "Ctrl+O"); then the window's other actions with shortcuts (a panel's own), then the keys of an area
    (core.keyboard.AREA_KEYS: the map's N, the article's Left and Right…)."""
    listed = menu_actions(window)
    rows = [(where, _keys(action)) for where, action in listed if _keys(action)]
    in_menus = {action for _where, action in listed}
    rows += [(_plain(a.text()), _keys(a)) for a in window.findChildren(QAction) if a not in in_menus and a.text() and _keys(a)]
    rows += [(f"{k.where}: {k.what}", k.keys) for k in AREA_KEYS]  # keys of an area with no menu item
    return rows


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{html.escape(where)}</td><td><b>{html.escape(keys)}</b></td></tr>" for where, keys in rows)
    return (
        "<h3>Keyboard shortcuts</h3><table cellpadding='4'>" + body + "</table>"
        "<p>In lists and tables the arrow keys move and Enter opens; Tab walks the panels in the order of View → Go to "
        "(filters, Sites, map, right panel, timeline). The user guide's Keyboard section says the rest.</p>"
    )


def _dialog(parent: QWidget, title: str, name: str) -> tuple[QDialog, QTextBrowser]:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    browser = QTextBrowser()
    browser.setOpenExternalLinks(False)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    screen = parent.screen().availableGeometry() if parent.screen() is not None else None
    width, height = 640, 620
    if screen is not None:
        width, height = min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10)
    dialog.resize(width, height)
    return dialog, browser


def show_guide(parent: QWidget) -> QDialog:
    dialog, browser = _dialog(parent, "mapviewer — user guide", "mapviewer-guide")
    try:
        browser.setMarkdown(GUIDE.read_text(encoding="utf-8"))
    except OSError as exc:  # a broken installation: say what is missing, do not fail
        browser.setPlainText(f"The user guide could not be read: {GUIDE}: {exc}")
    dialog.show()
    return dialog


def show_shortcuts(window: QMainWindow) -> QDialog:
    dialog, browser = _dialog(window, "mapviewer — keyboard shortcuts", "mapviewer-shortcuts")
    browser.setHtml(shortcuts_html(shortcut_rows(window)))
    dialog.show()
    return dialog


def add_help_actions(window: QMainWindow, menu: QMenu) -> tuple[QAction, QAction]:
    guide = menu.addAction("&User guide", lambda: show_guide(window))
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    keys = menu.addAction("&Keyboard shortcuts", lambda: show_shortcuts(window))
    keys.setShortcut(QKeySequence("Ctrl+/"))
    menu.addSeparator()
    return guide, keys
