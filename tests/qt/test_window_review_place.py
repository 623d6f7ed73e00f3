"""Placing a review item by typing, on the real window with its real QtWebEngine page and real files:
a name with the offline gazetteer's suggestions (the site takes the chosen place's name), a position in
degrees, minutes and seconds, a position that is not one; Enter places, Edit → Undo takes it back.
(Clicking the map: tests/qt/test_window_ingest.py::test_place_an_unplaced_name_by_clicking_the_map.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from test_window_ingest import add_and_wait, folder_snapshot, item_named
from webwindow import READY_TIMEOUT, open_window, state

from mapviewer.core.workspace import Workspace, user_workspace

EVAL = Path(__file__).parents[1] / "ingest_eval"


def type_into_place_field(qtbot, window, text: str) -> None:
    """Type as a user does (QTest's key clicks know ASCII only: ° and ′ go as key events with their text)."""
    field = window.review.place_field
    field.setFocus()
    field.clear()
    for c in text:
        if c.isascii():
            qtbot.keyClicks(field, c)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, c))
    qtbot.waitUntil(lambda: not window.review._find_timer.isActive(), timeout=3000)


def labels(window) -> list[str]:
    return [window.review.suggestions.item(i).text() for i in range(window.review.suggestions.count())]


def test_place_by_typing_a_name_or_a_position_and_undo(qtbot, tmp_path: Path) -> None:
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        add_and_wait(qtbot, window, [EVAL / "yonhap-yongbyon.txt"])
        panel = window.review
        river = item_named(window, "Kuryong River")
        assert panel.select(river.key) and panel.place_field.isEnabled()

        # a name: suggestions from the offline gazetteer, with country, region, population and distance
        type_into_place_field(qtbot, window, "Kujang")
        assert panel.suggestions.isVisible() and not panel.find_note.isVisible()
        first = labels(window)[0]
        assert first.startswith("Kujang-ŭp — North Korea, region of ") and "pop. 19,522" in first and " km from " in first
        qtbot.keyClick(panel.place_field, Qt.Key.Key_Down)  # the arrows move through the suggestions from the field
        assert panel.suggestions.currentRow() == 1
        qtbot.keyClick(panel.place_field, Qt.Key.Key_Up)
        assert panel.suggestions.currentRow() == 0
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            qtbot.keyClick(panel.place_field, Qt.Key.Key_Return)
        site = next(s for s in window.ws.sites if s.name == "Kujang-ŭp")
        assert "Kuryong River" in site.aliases and site.country == "KP" and site.provenance == "user"
        assert site.coord_source.startswith("GeoNames ") and site.id in state(qtbot, window)["visible"]
        assert item_named(window, "Kuryong River").decision == "placed" and panel.place_field.text() == ""

        # Edit → Undo: the decision is one undoable step through the session
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            window.undo_stack.undo()
        assert not any(s.name == "Kujang-ŭp" for s in window.ws.sites)
        assert item_named(window, "Kuryong River").decision is None

        # a position in degrees and minutes: the site keeps the article's name
        reactor = item_named(window, "Experimental Light Water Reactor")
        assert panel.select(reactor.key)
        type_into_place_field(qtbot, window, "39°48′N 125°45′E")
        assert labels(window) == ["Place at 39.80000, 125.75000"]
        with qtbot.waitSignal(window.map.mapReady, timeout=READY_TIMEOUT):
            qtbot.keyClick(panel.place_field, Qt.Key.Key_Return)
        site = next(s for s in window.ws.sites if s.name == "Experimental Light Water Reactor")
        assert (site.lat, site.lon) == (39.8, 125.75) and site.coord_source == "placed on the map by the user"

        # not a position: said under the field, and Enter changes nothing
        river = item_named(window, "Kuryong River")
        assert panel.select(river.key)
        type_into_place_field(qtbot, window, "95, 125")
        assert panel.find_note.isVisible() and not panel.suggestions.isVisible()
        assert panel.find_note.text() == "Not a position: latitude 95 is out of range (−90 to 90)"
        before = folder_snapshot(user_workspace())
        qtbot.keyClick(panel.place_field, Qt.Key.Key_Return)
        qtbot.wait(300)
        assert folder_snapshot(user_workspace()) == before
        type_into_place_field(qtbot, window, "Qqxxzz")
        assert "No place called “Qqxxzz” in the offline gazetteer" in panel.find_note.text()
