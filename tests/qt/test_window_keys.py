"""The window without a mouse (issue 19), on the real window offscreen: Tab walks the areas in the documented
order and round, View → Go to's shortcuts and F6 land where they say, the map takes Leaflet's keys and Esc,
the timeline's chart moves the time window by keys, and the focus can be seen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from webwindow import js, open_window, pixels, state

from mapviewer.core.keyboard import AREAS
from mapviewer.qt.help import shortcut_rows
from mapviewer.qt.keyboard import AREA_WIDGETS, area_of

pytestmark = pytest.mark.webengine

ACTIVE_ELEMENT = "document.activeElement ? String(document.activeElement.className || document.activeElement.tagName) : ''"


def _activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, wait: int = 30) -> QWidget:
    QTest.keyClick(_focus(), key, modifier)
    qtbot.wait(wait)
    return _focus()


def _walk(qtbot, window, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, limit: int = 150) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) reaches from the present focus until it comes back to it."""
    start = _focus()
    seen: list[QWidget] = []
    for _ in range(limit):
        in_map = window.map.isAncestorOf(_focus())
        widget = _press(qtbot, key, modifier, wait=80 if in_map else 15)  # the page's own Tab is asynchronous
        if widget is start:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab did not come round in {limit} presses: {[type(w).__name__ for w in seen[-8:]]}")


def _areas(window, widgets: list[QWidget]) -> list[str | None]:
    order: list[str | None] = []
    for widget in widgets:
        area = area_of(window, widget)
        if not order or order[-1] != area:
            order.append(area)
    return order


def test_tab_walks_the_areas_in_order_and_round(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.open_passage(ws.mentions[0].id)  # the right panel open: every area is there
        qtbot.wait(200)
        _activate(qtbot, window)
        window.filters.search.setFocus()
        walked = _walk(qtbot, window, Qt.Key.Key_Tab)
        assert _areas(window, walked) == ["filters", "sites", "map", "panel", "timeline"], "and round to the search box"
        filters = window.filters
        for part in (filters.articles.view, *filters.certainty_boxes.values(), *filters.topic_boxes.values(), filters.min_sources,
                     window.sites, window.right_dock.tabs.tabBar(), window.reader.browser, window.timeline.play_button,
                     window.timeline.chart):
            assert part in walked, part
        assert window.search_dock.hits.view not in walked, "the search results are a tab behind the Sites table"
        assert walked.index(filters.min_sources) < walked.index(window.sites) < walked.index(window.timeline.chart)
        back = _walk(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert _areas(window, back) == ["timeline", "panel", "map", "sites", "filters"]
        assert back[0] is window.timeline.chart, "Shift+Tab from the search box goes round to the timeline's chart"
        assert window.reader.browser in back and back.index(window.reader.browser) < back.index(window.right_dock.tabs.tabBar()), \
            "Shift+Tab from the timeline enters the reader at its end"


def test_tab_reaches_the_search_results_when_their_tab_is_up(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        window.filters.search.setFocus()
        QTest.keyClicks(window.filters.search, "tunnel")
        qtbot.waitUntil(lambda: window.session.filter.text == "tunnel")
        qtbot.waitUntil(lambda: not window.search_dock.visibleRegion().isEmpty())
        window.filters.min_sources.setFocus()
        assert _press(qtbot, Qt.Key.Key_Tab) is window.search_dock.hits.view
        assert window.sites.focusPolicy() == Qt.FocusPolicy.NoFocus, "the table behind takes no focus"
        QTest.keyClick(_focus(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # in the results already: the other tab
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sites)
        assert not window.sites_dock.visibleRegion().isEmpty() and window.search_dock.visibleRegion().isEmpty()
        window.filters.min_sources.setFocus()
        assert _press(qtbot, Qt.Key.Key_Tab) is window.sites
        assert window.search_dock.hits.view.focusPolicy() == Qt.FocusPolicy.NoFocus
        QTest.keyClick(_focus(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # and back to the results
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_dock.hits.view)
        window.filters.search.setFocus()
        QTest.keyClick(_focus(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # from elsewhere: the tab that is up
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_dock.hits.view)


def test_each_go_to_shortcut_lands_where_it_says(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        qtbot.waitUntil(window.timeline.chart.isEnabled, timeout=30000)  # its columns are read after the map is drawn
        window.timeline_dock.hide()
        assert not window.right_dock.isVisible()
        window.filters.search.setFocus()
        expected = {
            "filters": lambda: window.filters.articles.view,
            "sites": lambda: window.sites,
            "panel": lambda: window.right_dock.tabs.tabBar(),
            "timeline": lambda: window.timeline.chart,
        }
        rows = dict(shortcut_rows(window))
        for area in AREAS:
            assert set(AREA_WIDGETS) == {a.key for a in AREAS}
            assert rows[f"View → Go to → {area.title.replace('&', '')}"] == area.shortcut, "Help → Keyboard shortcuts lists it"
            number = int(area.shortcut[-1])
            QTest.keyClick(_focus(), Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
            if area.key == "map":
                qtbot.waitUntil(lambda: window.map.isAncestorOf(QApplication.focusWidget()))
                qtbot.waitUntil(lambda: "leaflet-container" in js(qtbot, window, ACTIVE_ELEMENT))
            else:
                qtbot.waitUntil(lambda k=area.key: QApplication.focusWidget() is expected[k]())
            assert area_of(window, _focus()) == area.key
        assert window.right_dock.isVisible() and window.right_dock.showing(window.reader), "Ctrl+4 opened the right panel"
        assert window.timeline_dock.isVisible(), "Ctrl+5 opened the closed timeline"
        order = []
        for _ in range(len(AREAS)):
            QTest.keyClick(_focus(), Qt.Key.Key_F6)
            qtbot.waitUntil(lambda: area_of(window, QApplication.focusWidget()) not in order[-1:])
            order.append(area_of(window, _focus()))
        assert order == ["filters", "sites", "map", "panel", "timeline"], "F6 from the timeline: round to the filters"
        QTest.keyClick(_focus(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: area_of(window, QApplication.focusWidget()) == "panel")


def test_the_map_takes_leaflets_keys_and_esc_closes_its_popup(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        window.sites.setFocus()
        QTest.keyClick(window.sites, Qt.Key.Key_Down)  # a site chosen by key: the map flies there, its popup opens
        qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelectorAll('.leaflet-popup').length") == 1, timeout=5000)
        QTest.keyClick(_focus(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "leaflet-container" in js(qtbot, window, ACTIVE_ELEMENT))
        outline = "getComputedStyle(document.querySelector('.leaflet-container')).outlineStyle"
        assert js(qtbot, window, outline) == "solid", "the map shows that it has the keyboard"
        QTest.keyClick(_focus(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelectorAll('.leaflet-popup').length") == 0)
        qtbot.wait(400)  # the fly to the site is over
        before = state(qtbot, window)
        QTest.keyClick(_focus(), Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: state(qtbot, window)["center"][1] > before["center"][1] + 1e-6)
        QTest.keyClick(_focus(), Qt.Key.Key_Equal)  # Leaflet's zoom in ('=' and '+')
        qtbot.waitUntil(lambda: state(qtbot, window)["zoom"] > before["zoom"])
        js(qtbot, window, "document.dispatchEvent(new MouseEvent('mousedown'))")
        assert js(qtbot, window, outline) != "solid", "a mouse press takes the ring away"


def test_the_timeline_chart_moves_the_window_by_keys_and_shows_its_focus(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        timeline = window.timeline
        qtbot.waitUntil(lambda: timeline.months is not None, timeout=20000)
        _activate(qtbot, window)
        window.filters.search.setFocus()
        qtbot.wait(30)
        frame = timeline.chart.palette().highlight().color()
        edge = pixels(timeline.chart.grab().toImage())[timeline.chart.height() // 2, 1]
        QTest.keyClick(_focus(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is timeline.chart)
        framed = pixels(timeline.chart.grab().toImage())[timeline.chart.height() // 2, 1]
        assert tuple(framed) == (frame.red(), frame.green(), frame.blue()) and tuple(edge) != tuple(framed)
        QTest.keyClick(timeline.chart, Qt.Key.Key_Right)
        first = window.session.filter
        assert first.since is not None and first.until is not None and timeline.chart.brush is not None
        lo, hi = timeline.chart.brush
        assert hi - lo == 11, "a first key makes a window as wide as the play control's choice (1 year)"
        QTest.keyClick(timeline.chart, Qt.Key.Key_Right)
        assert timeline.chart.brush == (lo + 12, hi + 12)
        QTest.keyClick(timeline.chart, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        assert timeline.chart.brush == (lo + 12, hi + 24)
        whole = timeline.chart.view
        QTest.keyClick(timeline.chart, Qt.Key.Key_Plus)
        QTest.keyClick(timeline.chart, Qt.Key.Key_Plus)
        view = timeline.chart.view
        assert view is not None and whole is not None and view[1] - view[0] < whole[1] - whole[0], "+ zooms the axis in"
        assert view[0] <= lo + 12 and hi + 24 <= view[1], "round the window: it stays in view"
        QTest.keyClick(timeline.chart, Qt.Key.Key_Minus)
        assert timeline.chart.view[1] - timeline.chart.view[0] > view[1] - view[0]
        QTest.keyClick(timeline.chart, Qt.Key.Key_0)
        assert timeline.chart.view == whole
        QTest.keyClick(timeline.chart, Qt.Key.Key_Delete)
        assert window.session.filter.since is None and timeline.chart.brush is None
        window.undo_stack.undo()
        assert timeline.chart.brush == (lo + 12, hi + 24), "each key is one undo step"


def test_the_keyboard_focus_is_visible_and_a_mouse_focus_draws_no_ring(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        window.filters.search.setFocus()
        ring = window.focus_ring
        first = _press(qtbot, Qt.Key.Key_Tab)
        assert isinstance(first, QPushButton) and first.isFlat(), "the articles' All: a flat button, no focus mark of its own"
        assert ring.isVisible() and ring.widget() is first
        box = window.filters.certainty_boxes["confirmed"]
        for _ in range(10):
            if _press(qtbot, Qt.Key.Key_Tab) is box:
                break
        assert _focus() is box and ring.isVisible() and ring.widget() is box
        highlight = window.palette().highlight().color()
        shot = pixels(window.grab().toImage())
        top_left = ring.mapTo(window, ring.rect().topLeft())
        edge = shot[top_left.y() + ring.height() // 2, top_left.x() : top_left.x() + 3]
        assert any(tuple(px) == (highlight.red(), highlight.green(), highlight.blue()) for px in edge), edge
        QTest.keyClick(_focus(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sites)
        framed = pixels(window.sites.grab().toImage())[window.sites.height() // 2, 0]
        assert tuple(framed) == (highlight.red(), highlight.green(), highlight.blue()), "the table's frame shows the focus"
        assert not ring.isVisible(), "a view shows the focus by its frame, not by a ring"
        window.filters.search.setFocus()
        qtbot.wait(20)
        unframed = pixels(window.sites.grab().toImage())[window.sites.height() // 2, 0]
        assert tuple(unframed) != tuple(framed)
        QTest.mouseClick(window.filters.certainty_boxes["alleged"], Qt.MouseButton.LeftButton)
        assert _focus() is window.filters.certainty_boxes["alleged"]
        assert not ring.isVisible(), "a click is no keyboard focus: no ring"


def test_open_in_article_by_keyboard_from_a_popup(qtbot, ws, tmp_path) -> None:
    """Sites table → arrow to a site (its popup opens) → Ctrl+3 → Tab to the popup's "Open in article" → Enter:
    the reader shows that passage."""
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        window.sites.setFocus()
        QTest.keyClick(window.sites, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelectorAll('.leaflet-popup .mv-open').length") > 0, timeout=5000)
        QTest.keyClick(_focus(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "leaflet-container" in js(qtbot, window, ACTIVE_ELEMENT))
        for _ in range(30):
            QTest.keyClick(_focus(), Qt.Key.Key_Tab)
            qtbot.wait(60)
            if "mv-open" in js(qtbot, window, ACTIVE_ELEMENT):
                break
        assert "mv-open" in js(qtbot, window, ACTIVE_ELEMENT), "Tab reaches the popup's links"
        mention_id = js(qtbot, window, "document.activeElement.getAttribute('data-mention')")
        got: list[str] = []
        window.map.passageRequested.connect(got.append)
        QTest.keyClick(_focus(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: got == [mention_id], timeout=5000)
        qtbot.waitUntil(lambda: window.reader.highlight is not None and window.reader.highlight.id == mention_id, timeout=5000)
        assert window.right_dock.showing(window.reader), (window.right_dock.isVisible(), window.right_dock.windowTitle())


POPUP_SITE = "(function () { var s = JSON.parse(mapviewer.state()); return s.popup || ''; })()"
ANNOUNCED = "(document.querySelector('.mv-announce') || {}).textContent || ''"


def _on_map(qtbot, window) -> None:
    QTest.keyClick(_focus(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "leaflet-container" in js(qtbot, window, ACTIVE_ELEMENT))


def test_n_steps_through_the_sites_shown_opening_and_announcing_each(qtbot, ws, tmp_path) -> None:
    from mapviewer.core.filters import Filter

    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        _on_map(qtbot, window)
        result = ws.filter(Filter())
        counts = {s: sum(1 for m in ws.mentions if m.site_id == s) for s in result.site_ids}
        order = sorted(result.site_ids, key=lambda s: (-counts[s], ws.site_by_id[s].name))
        QTest.keyClick(_focus(), Qt.Key.Key_N)
        qtbot.waitUntil(lambda: js(qtbot, window, POPUP_SITE) == order[0])
        said = js(qtbot, window, ANNOUNCED)
        assert said.startswith(f"1 of {len(order)}: {ws.site_by_id[order[0]].name} · {counts[order[0]]} passages"), said
        assert js(qtbot, window, "document.querySelector('.mv-announce').getAttribute('role')") == "status", "read out"
        QTest.keyClick(_focus(), Qt.Key.Key_N)
        qtbot.waitUntil(lambda: js(qtbot, window, POPUP_SITE) == order[1])
        assert "leaflet-container" in js(qtbot, window, ACTIVE_ELEMENT), "the focus stays on the map: N again goes on"
        QTest.keyClick(_focus(), Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: js(qtbot, window, POPUP_SITE) == order[0])
        QTest.keyClick(_focus(), Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: js(qtbot, window, POPUP_SITE) == order[-1])  # round from the first to the last
        assert js(qtbot, window, ANNOUNCED).startswith(f"{len(order)} of {len(order)}: ")
        window.session.set_filter(Filter(certainties=frozenset({"speculative"})))
        shown = ws.filter(Filter(certainties=frozenset({"speculative"}))).site_ids
        assert 1 < len(shown) < len(order)
        qtbot.wait(200)
        _on_map(qtbot, window)
        QTest.keyClick(_focus(), Qt.Key.Key_N)
        qtbot.waitUntil(lambda: js(qtbot, window, POPUP_SITE) in shown)
        assert f" of {len(shown)}: " in js(qtbot, window, ANNOUNCED), "only the sites the filters show"
        rows = dict(shortcut_rows(window))
        assert any(keys == "N, Shift+N" and where.startswith("Map: ") for where, keys in rows.items()), "Help lists the keys"


def test_esc_does_one_thing_per_press_the_popup_first_wherever_the_focus_is(qtbot, ws, tmp_path) -> None:
    """A popup open while measuring: one Esc on the map closes the popup only, the next ends the measurement. With the
    focus on the map the page does it and the window's Esc shortcut stands aside; elsewhere the shortcut does it."""
    measuring = "JSON.parse(mapviewer.measureState()).active"
    popups = "document.querySelectorAll('.leaflet-popup').length"
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        by_window: list[str] = []
        window.map.page_api.escape = (lambda real: lambda callback=None: real(lambda what: (by_window.append(what), callback and callback(what))))(
            window.map.page_api.escape)
        js(qtbot, window, "window.__escapes = 0; document.addEventListener('keydown', function (e) { if (e.key === 'Escape') window.__escapes++; }, true);")
        window.map.focus_site("pyongyang")
        qtbot.waitUntil(lambda: js(qtbot, window, popups) == 1, timeout=5000)
        window.map.page_api.start_measure(39.0, 125.7)
        qtbot.waitUntil(lambda: js(qtbot, window, measuring) is True)
        _on_map(qtbot, window)
        QTest.keyClick(_focus(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: js(qtbot, window, popups) == 0)
        qtbot.wait(150)
        assert js(qtbot, window, measuring) is True, "the popup first: the measurement stays"
        assert js(qtbot, window, "window.__escapes") == 1 and by_window == [], "the page's Esc, the window's not as well"
        QTest.keyClick(_focus(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: js(qtbot, window, measuring) is False)
        assert by_window == []
        window.map.focus_site("pyongyang")  # from the Sites table: the window's shortcut, one press, the popup
        qtbot.waitUntil(lambda: js(qtbot, window, popups) == 1, timeout=5000)
        window.map.page_api.start_measure(39.0, 125.7)
        window.sites.setFocus()
        QTest.keyClick(window.sites, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: by_window == ["popup"])
        assert js(qtbot, window, popups) == 0 and js(qtbot, window, measuring) is True
        assert js(qtbot, window, "window.__escapes") == 2, "the page saw no key of it"


def test_the_article_is_one_tab_stop_with_its_place_links_on_left_and_right(qtbot, ws, tmp_path) -> None:
    article = max(ws.articles, key=lambda a: sum(1 for m in ws.mentions if m.article_id == a.id))
    mention = next(m for m in ws.mentions if m.article_id == article.id)
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        qtbot.waitUntil(window.timeline.play_button.isEnabled, timeout=30000)  # the area Tab goes to next: read by then
        window.open_passage(mention.id)
        qtbot.waitUntil(lambda: window.right_dock.showing(window.reader))
        browser = window.reader.browser
        links = browser.links()
        assert len(links) >= 20 and all(href.startswith("site:") for _s, _e, href in links)
        window.reader.editor.setFocus()
        for _ in range(6):
            if _press(qtbot, Qt.Key.Key_Tab) is browser:
                break
        assert _focus() is browser
        assert area_of(window, _press(qtbot, Qt.Key.Key_Tab)) == "timeline", "one Tab leaves the article, however many links"
        assert _press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier) is browser, "and Shift+Tab comes back"
        QTest.keyClick(browser, Qt.Key.Key_Right)
        first = browser.current
        cursor = browser.textCursor()
        assert first is not None and (cursor.selectionStart(), cursor.selectionEnd()) == links[first][:2] and cursor.selectedText()
        assert browser.viewport().rect().intersects(browser.cursorRect(cursor)), "the first link in view: where the reader is"
        QTest.keyClick(browser, Qt.Key.Key_Right)
        assert browser.current == first + 1
        QTest.keyClick(browser, Qt.Key.Key_Left)
        assert browser.current == first
        asked: list[str] = []
        window.reader.siteRequested.connect(asked.append)
        QTest.keyClick(browser, Qt.Key.Key_Return)
        assert asked == [links[first][2][len("site:") :]], "Enter shows the place on the map"
        qtbot.waitUntil(lambda: js(qtbot, window, POPUP_SITE) == asked[0], timeout=5000)
        top = browser.verticalScrollBar().value()
        QTest.keyClick(browser, Qt.Key.Key_Down)
        assert browser.verticalScrollBar().value() >= top, "Up and Down still scroll"


def test_the_reader_headers_link_is_reached_by_tab_and_opened_by_enter(qtbot, ws, tmp_path, monkeypatch) -> None:
    from dataclasses import replace

    import mapviewer.qt.reader as reader_module

    opened: list[str] = []
    monkeypatch.setattr(reader_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    article = replace(ws.articles[0], url="https://example.org/story")
    mentions = [m for m in ws.mentions if m.article_id == article.id]
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        _activate(qtbot, window)
        window.right_dock.show_tab(window.reader)
        window.reader.show_article(article, mentions, mentions[0])
        header = window.reader.header
        window.right_dock.tabs.tabBar().setFocus()
        assert _press(qtbot, Qt.Key.Key_Tab) is header, "the header's link is the reader's first stop"
        QTest.keyClick(header, Qt.Key.Key_Return)
        assert opened == ["https://example.org/story"]
        window.reader.show_article(replace(article, url=None), mentions, mentions[0])
        assert header.focusPolicy() == Qt.FocusPolicy.NoFocus, "no link: no empty stop"
