"""The window's layout from 1280x800 to 1920x1080 (issue 19), measured on the real window offscreen: the map's
share, the one right dock with its tabs, the reader showing the highlighted passage the first time, a Sites
table whose columns fit, per-article counts in the filter and a legend that collapses."""

from __future__ import annotations

import html

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from webwindow import js_json, open_window

from mapviewer.core.filters import Filter
from mapviewer.core.model import CERTAINTIES

pytestmark = pytest.mark.webengine

SIZES = [(1280, 800), (1920, 1080)]


def _deep_mention(ws):
    """A passage far down the longest article: it is off screen unless the reader scrolls to it."""
    article = max(ws.articles, key=lambda a: len(a.text))
    return max((m for m in ws.mentions if m.article_id == article.id), key=lambda m: m.start)


@pytest.mark.parametrize("size", SIZES)
def test_the_map_keeps_55_percent_of_the_width_with_the_reader_open(qtbot, ws, tmp_path, size) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=size) as window:
        assert window.width() == size[0]
        assert not window.right_dock.isVisible(), "the right dock takes no room before it is used"
        assert window.map.width() >= 0.7 * window.width()
        window.open_passage(_deep_mention(ws).id)
        qtbot.wait(300)
        assert window.right_dock.isVisible() and window.right_dock.showing(window.reader)
        assert window.map.width() >= 0.55 * window.width(), (window.map.width(), window.width())
        assert window.reader.browser.width() >= 260, "the reader stays readable"
        assert window.sites.width() >= 240 and window.filters.width() >= 240


def test_article_and_review_are_tabs_of_one_right_dock(qtbot, ws, tmp_path) -> None:
    from PySide6.QtWidgets import QDockWidget

    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        right = [d for d in window.findChildren(QDockWidget) if window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]
        assert right == [window.right_dock]
        window.show_review()
        assert window.right_dock.isVisible() and window.right_dock.showing(window.review)
        assert window.right_dock.windowTitle() == "Review new places"
        window.open_passage(ws.mentions[0].id)
        assert window.right_dock.showing(window.reader) and not window.right_dock.showing(window.review)
        assert window.right_dock.windowTitle() == "Article"


def _marked_rect(browser, surface: str):
    """Where the reader drew the words with a highlight background, found in its document (not asked of the
    reader): the rectangle of that text in viewport coordinates."""
    from PySide6.QtGui import QTextCursor

    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            marked = fmt.isAnchor() and fmt.background().style() != Qt.BrushStyle.NoBrush
            start = fragment.position()
            if marked and doc.toPlainText()[start : start + len(surface)] == surface:  # may span fragments
                cursor = QTextCursor(doc)
                cursor.setPosition(start)
                first = browser.cursorRect(cursor)
                cursor.setPosition(start + len(surface))
                return first.united(browser.cursorRect(cursor))
            it += 1
        block = block.next()
    return None


@pytest.mark.parametrize("size", SIZES)
def test_open_in_article_shows_the_highlighted_passage_the_first_time(qtbot, ws, tmp_path, size) -> None:
    mention = _deep_mention(ws)
    with open_window(qtbot, ws, tmp_path / "ini", size=size) as window:
        window.open_passage(mention.id)  # the dock appears and lays out after this call
        qtbot.wait(400)
        browser = window.reader.browser
        rect = _marked_rect(browser, mention.surface)
        assert rect is not None and rect.height() > 0
        assert browser.verticalScrollBar().value() > 0, "the passage is far down: the reader scrolled"
        assert browser.viewport().rect().contains(rect), (rect, browser.viewport().rect())
        assert window.reader.highlight_visible()


def test_the_sites_table_fits_at_1280_with_passages_and_claim_visible(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.open_passage(ws.mentions[0].id)
        qtbot.wait(300)
        table, header = window.sites, window.sites.horizontalHeader()
        shown = [c for c in range(5) if not header.isSectionHidden(c)]
        assert {0, 3, 4} <= set(shown)
        assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
        assert table.horizontalScrollBar().maximum() == 0
        assert header.sectionSize(0) >= 70, "names stay readable (elided, in full in the tooltip)"
        model = table.model_
        for row in range(model.rowCount()):
            site = ws.site_by_id[model.site_id(row)]
            tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
            assert site.name in tip and site.country in tip
        row = next(r for r in range(model.rowCount()) if model.site_id(r) == "pyongyang")
        tip = model.data(model.index(row, 4), Qt.ItemDataRole.ToolTipRole)
        labels = {m.claim.certainty for m in ws.mentions if m.site_id == "pyongyang"}
        strongest = next(c for c in CERTAINTIES if c in labels)  # the order confirmed, reported, ... context
        assert labels == {"context", "historical"} and f"strongest claim: {strongest}" in tip, (labels, tip)


def test_the_sites_table_shows_every_column_when_wide(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1920, 1080)) as window:
        window.resizeDocks([window.sites_dock], [640], Qt.Orientation.Horizontal)
        qtbot.wait(200)
        header = window.sites.horizontalHeader()
        assert not any(header.isSectionHidden(c) for c in range(5))
        model = window.sites.model_
        assert model.data(model.index(0, 4)) in ("confirmed", "reported", "alleged", "speculative", "historical", "context")


def test_each_article_shows_its_passage_count_following_the_other_filters(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.session.set_filter(Filter(certainties=frozenset({"reported"})))
        view = window.filters.articles.view
        delegate = view.itemDelegate()
        for row in range(view.model().rowCount()):
            index = view.model().index(row, 0)
            article_id = index.data(Qt.ItemDataRole.UserRole)
            expected = sum(1 for m in ws.mentions if m.article_id == article_id and m.claim.certainty == "reported")
            option = QStyleOptionViewItem()
            option.rect = view.visualRect(index)
            delegate.initStyleOption(option, index)
            assert option.text.endswith(f"({expected})"), option.text  # drawn, however narrow the list
            lines = option.text.split("\u2028")
            assert len(lines) <= 2 and all(view.fontMetrics().horizontalAdvance(line) <= option.rect.width() for line in lines)
            assert f"{expected} passage" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_article_titles_are_readable_in_the_filter_at_1280(qtbot, ws, tmp_path) -> None:
    """Two lines per title, the outlet's "Exclusive:" dropped, the whole title, outlet and date in the tooltip."""
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        view = window.filters.articles.view
        delegate = view.itemDelegate()
        for row in range(view.model().rowCount()):
            index = view.model().index(row, 0)
            article = ws.article_by_id[index.data(Qt.ItemDataRole.UserRole)]
            option = QStyleOptionViewItem()
            option.rect = view.visualRect(index)
            delegate.initStyleOption(option, index)
            assert option.rect.height() >= 2 * view.fontMetrics().lineSpacing(), "a row has room for two lines"
            first = option.text.split("\u2028")[0]
            assert "…" not in first and len(first.split()) >= 2, option.text  # whole words, not "Exclusive: Russ…"
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert html.escape(article.title) in tip and (article.date or "no date") in tip
            if article.title.startswith("Exclusive:"):
                assert first.startswith("Russia"), option.text
                assert article.outlet and html.escape(article.outlet) in tip
        shown = view.viewport().height()
        assert shown >= view.model().rowCount() * view.visualRect(view.model().index(0, 0)).height(), "every article in view"


@pytest.mark.parametrize("size", SIZES)
def test_a_popup_covers_a_bounded_share_of_the_map_with_the_reader_open(qtbot, ws, tmp_path, size) -> None:
    """The site with the most passages, its popup opened with the reader beside the map: at most about a third
    of the map's area, scrolling inside, clear of the zoom buttons, the Flows box and the legend."""
    site = max(ws.mapped_sites, key=lambda s: len(ws.mentions_of(s.id)))
    rects = ("(function () { function r(s) { var e = document.querySelector(s); if (!e || !e.offsetWidth) return null;"
             " var b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }"
             " var c = document.querySelector('.leaflet-popup-content');"
             " return {map: r('.leaflet-container'), popup: r('.leaflet-popup-content-wrapper'), zoom: r('.leaflet-control-zoom'),"
             " legend: r('.leaflet-bottom.leaflet-right .leaflet-control'), flows: r('.leaflet-top.leaflet-right .leaflet-control'), scrolls: c ? c.scrollHeight > c.clientHeight + 2 : null}; })()")
    with open_window(qtbot, ws, tmp_path / "ini", size=size) as window:
        window.open_passage(ws.mentions_of(site.id)[0].id)
        qtbot.waitUntil(lambda: window.right_dock.isVisible())
        qtbot.wait(400)
        window.map.focus_site(site.id)
        qtbot.waitUntil(lambda: (js_json(qtbot, window, rects) or {}).get("popup") is not None, timeout=5000)
        qtbot.wait(900)  # the fly and the auto-pan are over
        got = js_json(qtbot, window, rects)
        mx0, my0, mx1, my1 = got["map"]
        px0, py0, px1, py1 = got["popup"]
        share = (px1 - px0) * (py1 - py0) / ((mx1 - mx0) * (my1 - my0))
        assert share <= 0.36, (share, got)
        assert px1 - px0 <= 0.5 * (mx1 - mx0) + 1 and py1 - py0 <= 0.56 * (my1 - my0), got
        assert got["scrolls"], "the passages scroll inside the popup"
        assert mx0 <= px0 and px1 <= mx1 and my0 <= py0 and py1 <= my1, "inside the map"
        for control in ("zoom", "legend", "flows"):
            c = got[control]
            if c is not None:
                apart = px1 <= c[0] or c[2] <= px0 or py1 <= c[1] or c[3] <= py0
                assert apart, (control, got)


def test_the_legend_collapses_and_stays_collapsed_while_filtering(qtbot, ws, tmp_path) -> None:
    rows = "Array.from(document.querySelectorAll('.mv-legend-row')).map(function (r) { return r.offsetHeight; })"
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        assert all(h > 0 for h in js_json(qtbot, window, rows))
        height = js_json(qtbot, window, "document.querySelector('.mv-legend').offsetHeight")
        js_json(qtbot, window, "(document.querySelector('.mv-legend-toggle').click(), 1)")
        assert all(h == 0 for h in js_json(qtbot, window, rows))
        collapsed = js_json(qtbot, window, "document.querySelector('.mv-legend').offsetHeight")
        assert collapsed < height / 3
        window.session.set_filter(Filter(certainties=frozenset({"reported"})))
        qtbot.wait(200)
        assert js_json(qtbot, window, "document.querySelector('.mv-legend').offsetHeight") == collapsed
        counts = js_json(qtbot, window, "Array.from(document.querySelectorAll('.mv-legend-count')).map(function (c) { return c.textContent; })")
        assert counts[0] == "0", "the counts still follow the filter under the collapsed legend"
        js_json(qtbot, window, "(document.querySelector('.mv-legend-title').click(), 1)")
        assert all(h > 0 for h in js_json(qtbot, window, rows))



def test_the_dock_widened_for_review_narrows_again_for_the_article(qtbot, ws, tmp_path) -> None:
    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.open_passage(ws.mentions[0].id)
        qtbot.wait(200)
        reading = window.right_dock.width()
        window.show_review()
        qtbot.wait(200)
        assert window.right_dock.width() >= window.review.minimumSizeHint().width(), "the review list is not cut"
        window.open_passage(ws.mentions[1].id)
        qtbot.wait(200)
        assert abs(window.right_dock.width() - reading) <= 4
        assert window.map.width() >= 0.55 * window.width()


def test_the_right_dock_shown_from_the_view_menu_takes_its_reading_width(qtbot, ws, tmp_path) -> None:
    from mapviewer.qt.right_dock import dock_widths

    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        window.right_dock.toggleViewAction().trigger()
        qtbot.wait(300)
        assert window.right_dock.isVisible()
        assert abs(window.right_dock.width() - dock_widths(1280)[1]) <= 12
        assert window.map.width() >= 0.55 * window.width()
