"""The Review and Figures tabs when they have nothing of their own to show (the bundled corpus has no new places,
most sites no figures), on the real window offscreen: each says what would be there and how to get there, and its
way there works."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from webwindow import open_window

from mapviewer.core.ingest.decisions import ReviewItem

pytestmark = pytest.mark.webengine


def _evidence(qtbot, window) -> None:
    if not window.evidence.sent:
        with qtbot.waitSignal(window.evidence.ready, timeout=60000):
            pass


def test_review_without_new_places_says_how_to_get_some_and_its_button_adds_articles(qtbot, ws, tmp_path, monkeypatch) -> None:
    asked: list[str] = []
    import mapviewer.qt.mainwindow as mainwindow

    monkeypatch.setattr(mainwindow.QFileDialog, "getOpenFileNames", lambda *a, **k: (asked.append("files"), ([], ""))[1])
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.show_review()
        review = window.review
        qtbot.waitUntil(lambda: review.empty.isVisible())
        assert not review.table.isVisible() and not review.place_field.isVisible(), "no empty table, no idle buttons"
        assert not any(b.isVisible() for b in review.buttons.values())
        note = review.empty_note.text()
        assert "No new places to review" in note and "File → Add articles…" in note and "Ctrl+O" in note
        QTest.mouseClick(review.add_articles, Qt.MouseButton.LeftButton)
        assert asked == ["files"], "the button opens Add articles' file chooser"


def test_review_with_every_place_decided_says_so_and_how_to_see_them(qtbot, ws, tmp_path) -> None:
    decided = ReviewItem("site:x", "Eastport", "x", "Eastport", 1.0, 2.0, "placed", "accepted", 0.9, "test", ("a",), 1, "", "In Eastport.")
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.show_review()
        review = window.review
        review.set_items([decided])
        qtbot.waitUntil(lambda: review.empty.isVisible())
        assert "Nothing left to decide" in review.empty_note.text() and review.only_open.isVisible()
        review.only_open.setChecked(False)
        qtbot.waitUntil(lambda: review.table.isVisible())
        assert not review.empty.isVisible() and review.proxy.rowCount() == 1


def test_figures_without_a_site_lists_the_sites_that_have_figures_and_a_link_shows_them(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _evidence(qtbot, window)
        panel = window.figures_panel
        window.right_dock.show_tab(panel)
        qtbot.waitUntil(lambda: "kursk-oblast" in panel.browser.toHtml())
        text = panel.browser.toPlainText()
        assert "Figures are the numbers the articles state" in text and "Kursk Oblast" in text and "sources disagree" in text
        assert text.index("Kursk Oblast") < text.index("figures pass the filters") + 200, "the site where sources disagree first"
        panel.browser.anchorClicked.emit(QUrl("site:kursk-oblast"))
        qtbot.waitUntil(lambda: panel.site_id == "kursk-oblast" and panel.view is not None and bool(panel.view["subjects"]))


def test_figures_of_a_site_without_any_lead_to_the_sites_with_figures(qtbot, ws, tmp_path) -> None:
    from mapviewer.core.evidence import figures_passing
    from mapviewer.core.filters import Filter

    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _evidence(qtbot, window)
        bare = next(s for s in ws.mapped_sites if not figures_passing(ws, Filter(), s.id))
        window.show_figures(bare.id)
        panel = window.figures_panel
        window.right_dock.show_tab(panel)
        text = panel.browser.toPlainText()
        assert f"No figures about {bare.name}" == panel.header.text()
        assert "states a figure" in text and "Other sites with figures" in text and "Kursk Oblast" in text
