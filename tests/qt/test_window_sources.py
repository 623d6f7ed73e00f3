"""Who else says so, in the window (issue 17): the minimum of independent sources is a filter in the panel
(undoable, no page reload), the Sites table has a Sources column, and a filter change in the panel keeps the
timeline's time window. The bundled corpus: its four articles are four independent sources (The New York
Sun; the NIS article relays Yonhap; two articles without an outlet count one each), and only Pyongyang,
Moscow, Seoul and Kursk Oblast are named by more than one of them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from webwindow import state

pytest.importorskip("PySide6.QtWebEngineWidgets")

pytestmark = pytest.mark.webengine

NAMED_BY_TWO_OR_MORE = {"pyongyang", "moscow", "seoul", "kursk-oblast"}


def test_minimum_of_sources_filters_the_map_and_undoes(qtbot, window):
    loads: list[int] = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    everything = set(state(qtbot, window)["visible"])
    assert everything > NAMED_BY_TWO_OR_MORE
    window.filters.min_sources.setValue(2)
    assert window.session.filter.min_sources == 2
    qtbot.waitUntil(lambda: set(state(qtbot, window)["visible"]) == NAMED_BY_TWO_OR_MORE, timeout=5000)
    assert {row[0] for row in window.sites.model_.rows} == NAMED_BY_TWO_OR_MORE
    window.undo_stack.undo()
    assert window.filters.min_sources.value() == 1 and window.session.filter.min_sources == 0
    qtbot.waitUntil(lambda: set(state(qtbot, window)["visible"]) == everything, timeout=5000)
    assert loads == []


def test_sites_table_counts_the_independent_sources(qtbot, window):
    model = window.sites.model_
    qtbot.waitUntil(lambda: model.sources is not None, timeout=30000)  # worked out once the map is drawn
    row = next(r for r in range(model.rowCount()) if model.site_id(r) == "moscow")
    assert model.data(model.index(row, 5)) == 4
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Sources"
    assert "Named by 4 independent source(s)" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    # A narrow dock keeps Name, Passages and Claim; widened, the table shows the Sources column.
    window.resize(1920, 1080)
    window.resizeDocks([window.sites_dock], [560], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not window.sites.horizontalHeader().isSectionHidden(5), timeout=3000)


def test_a_panel_change_keeps_the_time_window(qtbot, window):
    assert window.session.set_time_window("2024", "2025")
    window.filters.certainty_boxes["context"].setChecked(False)
    flt = window.session.filter
    assert flt.since == "2024" and flt.until == "2025"
    assert flt.certainties is not None and "context" not in flt.certainties
