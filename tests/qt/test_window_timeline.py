"""The timeline dock on the real window offscreen: the bundled corpus's events in their bins, a mouse drag that
filters the map, table and counts without reloading the page (one undo step), the undated toggle, the play
control, and the time columns built in a worker with a placeholder meanwhile."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import QPoint, Qt
from webwindow import js, open_window, state
from wsfiles import open_workspace, write_workspace

from mapviewer.core.filters import Filter
from mapviewer.core.model import CERTAINTIES
from mapviewer.core.timeline import month_of
from mapviewer.core.when import first_day, last_day

pytestmark = pytest.mark.webengine


def ready(qtbot, window) -> None:
    if window.timeline.months is None:
        with qtbot.waitSignal(window.timeline.columnsReady, timeout=30000):
            pass


def assert_shows(qtbot, window, ws, flt: Filter) -> None:
    """Page, table, status bar and the filter panel's counts show what the core's filter passes."""
    result = ws.filter(flt)
    assert window.session.filter == flt
    st = state(qtbot, window)
    assert set(st["visible"]) == set(result.site_ids)
    assert st["passages"] == result.passage_count
    assert {row[0] for row in window.sites.model_.rows} == set(result.site_ids)
    assert window.status.text().startswith(f"{len(result.site_ids)} of ")
    assert window.filters.certainty_boxes["historical"].text().endswith(f"({result.certainty_counts['historical']})")


def bar_x(chart, month: int) -> int:
    bins = chart.bins
    i = bins.bin_of(month)
    return round(chart.x_of(bins.start + i * bins.unit + bins.unit / 2))


def test_the_bundled_events_fall_in_their_bins(qtbot, window, ws):
    ready(qtbot, window)
    chart = window.timeline.chart
    window.timeline_dock.show()
    assert window.timeline_dock.isVisible() and chart.isEnabled()
    chart.show_all()  # the first view is where most passages are (test_the_first_view_…): 1979 is outside it
    bins = chart.bins
    yunkom = bins.bin_of(month_of("1979-09"))
    assert "1979" in bins.label(yunkom) or bins.label(yunkom).startswith("197")
    assert bins.counts[yunkom, CERTAINTIES.index("historical")] >= 2  # both Yunkom passages, September 16, 1979
    deployments = [m for m in ws.mentions if "deployment" in m.claim.topics]
    late = bins.totals()[bins.bin_of(month_of("2024-01")) : bins.bin_of(month_of("2025-12")) + 1].sum()
    assert late >= len(deployments)
    # Brush 1979: only the Yunkom mine is on the map; brush 2024-2025: every deployment site is.
    window.timeline.set_window(month_of("1979"), month_of("1979-12"))
    assert_shows(qtbot, window, ws, Filter(since="1979", until="1979"))
    assert set(state(qtbot, window)["visible"]) == {"yunkom-mine"}
    window.timeline.set_window(month_of("2024"), month_of("2025-12"))
    assert {m.site_id for m in deployments} <= set(state(qtbot, window)["visible"])
    # The Korean War is stated in the corpus only in sentences that name no mapped place: no passage in 1950-1953.
    assert ws.filter(Filter(since="1950", until="1953")).passage_count == 0


def test_dragging_the_brush_filters_without_reloading_and_undoes_in_one_step(qtbot, window, ws):
    ready(qtbot, window)
    window.resize(1500, 900)
    window.timeline_dock.show()
    chart = window.timeline.chart
    chart.resize(900, 160)  # room for yearly bars whatever the dock's share of the window
    chart.show_all()
    js(qtbot, window, "window.__marker = 7")
    loads: list[int] = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    steps = window.undo_stack.count()
    y = round(chart.plot_rect().center().y())
    qtbot.mousePress(chart, Qt.MouseButton.LeftButton, pos=QPoint(bar_x(chart, month_of("1960")), y))
    for year in ("1965", "1970", "1975", "1979-12"):
        qtbot.mouseMove(chart, QPoint(bar_x(chart, month_of(year)), y))
        qtbot.wait(60)  # the filter follows the drag (at most every BRUSH_APPLY_MS)
    qtbot.mouseRelease(chart, Qt.MouseButton.LeftButton, pos=QPoint(bar_x(chart, month_of("1979-12")), y))
    flt = window.session.filter  # bars are years, half-years or months as the chart's width allows
    assert flt.timed and flt.since and flt.until
    assert first_day(flt.since) <= first_day("1960-01") and last_day(flt.until) >= last_day("1979-12")
    assert_shows(qtbot, window, ws, flt)
    assert {"hanoi", "yunkom-mine"} <= set(state(qtbot, window)["visible"])  # the late 1960s and 1979
    assert "donbas" not in state(qtbot, window)["visible"]
    assert window.undo_stack.count() == steps + 1, "a drag is one undo step"
    assert js(qtbot, window, "window.__marker") == 7 and loads == []
    window.undo_stack.undo()
    assert_shows(qtbot, window, ws, Filter())
    assert chart.brush is None
    window.undo_stack.redo()
    assert_shows(qtbot, window, ws, flt)
    qtbot.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(bar_x(chart, month_of("1970")), y))
    assert_shows(qtbot, window, ws, Filter())
    assert js(qtbot, window, "window.__marker") == 7 and loads == []


def test_play_steps_through_time_as_one_undo_step(qtbot, window, ws):
    ready(qtbot, window)
    tl = window.timeline
    tl.play_window.setCurrentText("1 year")
    steps = window.undo_stack.count()
    tl.play_button.click()
    assert tl.playing and tl.play_button.text().endswith("Pause")
    seen = [window.session.filter.since]
    while tl.playing and len(seen) < 20:
        tl.step()
        seen.append(window.session.filter.since)
    assert seen[:4] == ["1913", "1966", "1967", "1968"]  # Donbas in 1913, then Hanoi's late 1960s: the empty years are skipped
    assert not tl.playing and tl.play_button.text().endswith("Play"), "play stops after the last window with passages"
    assert "1979" in seen and "2003" in seen and seen[-1] == "2025" and seen.count("2025") == 2
    assert_shows(qtbot, window, ws, window.session.filter)
    tl.stop()
    assert not tl.playing
    assert window.undo_stack.count() == steps + 1
    window.undo_stack.undo()
    assert window.session.filter == Filter()


def test_the_undated_toggle_adds_the_passages_without_time(qtbot, tmp_path):
    root = write_workspace(tmp_path / "ws", entries=[{"id": "war", "file": "war.txt", "title": "War", "date": "2024-07-10"}])
    (root / "articles" / "war.txt").write_text("War\n\nIn March 2025, troops reached Alphaville, officials said.\n", encoding="utf-8")
    ws = open_workspace(root)
    with open_window(qtbot, ws, tmp_path / "settings.ini") as window:
        ready(qtbot, window)
        tl = window.timeline
        assert tl.undated.text() == "Undated (2)"  # the wsfiles story: no date, "last week"
        tl.set_window(month_of("2025"), month_of("2025-12"))
        assert_shows(qtbot, window, ws, Filter(since="2025", until="2025"))
        assert set(state(qtbot, window)["visible"]) == {"alpha"}
        tl.undated.click()
        assert_shows(qtbot, window, ws, Filter(since="2025", until="2025", undated=True))
        assert set(state(qtbot, window)["visible"]) == {"alpha", "beta"}
        assert "undated passages" in window.session.filter.describe()
        # Another state of the data (here a reload of the same folder): the dock builds its columns again.
        window.reload_workspace()
        assert tl.months is None and not tl.chart.isEnabled()
        ready(qtbot, window)
        assert tl.chart.bins is not None and int(tl.chart.bins.undated.sum()) == 2
        assert_shows(qtbot, window, window.ws, Filter(since="2025", until="2025", undated=True))


def test_time_columns_are_built_in_a_worker_with_a_placeholder(qtbot, tmp_path):
    from generate import generate
    from webwindow import dispose, settings

    from mapviewer.qt.mainwindow import MainWindow

    ws = open_workspace(generate(tmp_path / "gen", 3000, 600, 5))
    assert ws.table._time is None
    window = MainWindow(ws, settings(tmp_path / "settings.ini"), restore=False)
    try:
        tl = window.timeline
        # The constructor returned without the columns, and their worker waits for the map: reading the
        # passages' times would hold the interpreter while the map starts. The dock says so; brushing waits.
        assert tl._job is None
        assert tl.months is None and not tl.chart.isEnabled() and not tl.play_button.isEnabled()
        assert tl.chart.message.startswith("Reading when each passage happened")
        progress: list[int] = []
        with qtbot.waitSignal(window.map.mapDrawn, timeout=60000):  # its first frame on screen
            window.show()
        qtbot.waitUntil(lambda: tl._job is not None, timeout=5000)  # started once the map is drawn (just after)
        tl._job.progress.connect(progress.append)
        ready(qtbot, window)  # delivered through the event loop from another thread
        assert tl.months is not None and tl.chart.isEnabled() and tl.chart.bins is not None
        assert ws.table._time is not None and progress == sorted(progress)
        # then the source groups, and the Sites table's Sources column shows them
        qtbot.waitUntil(lambda: window.sites.model_.sources is not None, timeout=30000)
        assert ws.table._sources is not None
        assert int(tl.chart.bins.totals().sum()) >= int(tl.months.placed.sum()) > 0
    finally:
        dispose(window)


def test_the_first_view_is_where_the_dated_passages_are_and_the_rest_a_click_away(qtbot, ws, tmp_path):
    """At 1280 the axis opens on 2023-2025, where 60 of the 65 dated passages are, not on 1913-2025; "+5 earlier"
    at its left end counts the historical passages and a click on it shows all time; 0 comes back. The filter is
    the brush's alone: a window beyond the view widens the axis to show it, and a first key puts it in view."""
    from mapviewer.core.timeline import Months, month_text

    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        ready(qtbot, window)
        chart = window.timeline.chart
        qtbot.waitUntil(lambda: chart.bins is not None)
        months = Months.of(ws.table.time_columns())
        assert chart.view is not None and chart.extent is not None
        assert (month_text(chart.view[0]), month_text(chart.view[1])) == ("2023-01", "2025-12")
        assert chart.view[1] - chart.view[0] < (chart.extent[1] - chart.extent[0]) / 10
        inside = (months.last >= chart.view[0]) & (months.first <= chart.view[1]) & months.placed
        assert inside.sum() >= 0.9 * months.placed.sum()
        assert chart.beyond == (int((months.placed & (months.last < chart.view[0])).sum()), 0) == (5, 0)
        marks = chart.beyond_marks()
        assert [(side, n) for side, n, _ in marks] == [("earlier", 5)]
        rect = marks[0][2]
        assert rect.left() >= chart.plot_rect().left() and rect.right() < chart.plot_rect().center().x()
        assert window.session.filter == Filter(), "the view is no filter"
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        assert chart.view == chart.extent and chart.beyond == (0, 0) and chart.beyond_marks() == []
        assert chart.brush is None and window.session.filter == Filter(), "the click shows all time, it chooses no window"
        chart.setFocus()
        qtbot.keyClick(chart, Qt.Key.Key_0)
        assert (month_text(chart.view[0]), month_text(chart.view[1])) == ("2023-01", "2025-12"), "0: the first view again"
        window.timeline.set_window(month_of("1979"), month_of("1979-12"))
        assert_shows(qtbot, window, ws, Filter(since="1979", until="1979"))
        assert chart.view[0] <= month_of("1979") and chart.view[1] == month_of("2025-12"), "the axis widened to the window"
        window.undo_stack.undo()
        qtbot.keyClick(chart, Qt.Key.Key_0)
        qtbot.keyClick(chart, Qt.Key.Key_Right)  # no window yet: a first key makes one at the start of the axis shown
        assert chart.brush is not None and chart.brush[0] == month_of("2023-01")
        assert window.session.filter.since == "2023"


def test_a_saved_time_window_is_restored_from_the_worker_and_never_lost(qtbot, tmp_path, monkeypatch):
    """Settings saved with a time window (and other filters, and a minimum of sources): the reopened window does not
    read the passages' times on the GUI thread — the timeline's worker does, once the map is drawn, as on every
    start — shows the other filters meanwhile, then the saved window on the map, the table and the counts, with its
    brush; the window is never dropped from the filter, not even when the window is closed before the times arrive."""
    import json
    import threading

    from webwindow import dispose, settings

    import mapviewer.core.when as when
    from mapviewer.core.workspace import Workspace
    from mapviewer.qt.mainwindow import MainWindow

    ini = tmp_path / "settings.ini"
    saved = Filter(certainties=frozenset({"confirmed", "reported", "speculative"}), since="2024", until="2025", min_sources=2)
    first = Workspace.open()
    with open_window(qtbot, first, ini) as window:
        ready(qtbot, window)
        window.session.set_filter(saved)
        assert_shows(qtbot, window, first, saved)
    assert json.loads(settings(ini).value("filters"))["since"] == "2024"  # closing saved it

    builders: list[threading.Thread] = []
    days_columns = when.days_columns

    def recorded(*args, **kwargs):
        builders.append(threading.current_thread())
        return days_columns(*args, **kwargs)

    monkeypatch.setattr(when, "days_columns", recorded)

    # Closed before the times arrive: the saved window stays saved.
    quick = MainWindow(Workspace.open(), settings(ini), restore=True)
    assert quick.session.filter == saved and quick.session.waiting
    dispose(quick)
    assert Filter.from_state(json.loads(settings(ini).value("filters")), {}).since == "2024"

    ws = Workspace.open()  # a fresh table: no time columns yet
    assert not ws.table.has_time_columns
    window = MainWindow(ws, settings(ini), restore=True)
    try:
        assert not ws.table.has_time_columns and builders == []  # nothing read on this thread while restoring
        assert window.session.filter == saved and window.session.waiting
        meanwhile = ws.filter(Filter(certainties=saved.certainties))  # the other filters, shown meanwhile
        assert {row[0] for row in window.sites.model_.rows} == set(meanwhile.site_ids)
        assert "the time window 2024 – 2025 and at least 2 sources apply once" in window.status.text(), window.status.text()
        filters: list[Filter] = []
        window.session.filtered.connect(lambda _result: filters.append(window.session.filter))
        window.resize(1400, 880)
        with qtbot.waitSignal(window.map.mapReady, timeout=60000):
            window.show()
        ready(qtbot, window)
        qtbot.waitUntil(lambda: not window.session.waiting, timeout=30000)  # the sources follow the times
        # Every passage time read (the passages' by the timeline's worker; the figures' and flows' by the evidence
        # worker, for the flows the window passes) off the GUI thread.
        assert threading.main_thread() not in builders, builders
        job = window.timeline._job
        assert job is not None and job.worker is not None and job.worker in builders and ws.table.has_time_columns
        assert filters and all(f == saved for f in filters)  # the saved filter, whole, at every step
        qtbot.waitUntil(lambda: len(state(qtbot, window)["visible"]) == len(ws.filter(saved).site_ids), timeout=10000)
        assert_shows(qtbot, window, ws, saved)
        assert 0 < len(ws.filter(saved).site_ids) < len(meanwhile.site_ids)  # the window narrowed the map
        assert "once the passages' times are read" not in window.status.text()
        assert window.timeline.chart.brush == (month_of("2024"), month_of("2025-12"))
        assert window.timeline.summary.text().startswith("2024 – 2025: ")
    finally:
        dispose(window)


def test_a_restored_time_window_whose_times_cannot_be_read_stops_waiting_and_says_why(qtbot, tmp_path, monkeypatch):
    """A failing worker must not leave the window promising a time window for ever: the map shows the other
    filters, the status bar says why, and the timeline says what went wrong."""
    import json

    from webwindow import dispose, settings

    from mapviewer.core.filters import MentionTable
    from mapviewer.core.workspace import Workspace
    from mapviewer.qt.mainwindow import MainWindow

    ini = tmp_path / "settings.ini"
    saved = Filter(certainties=frozenset({"reported", "speculative"}), since="2024", until="2025")
    with open_window(qtbot, Workspace.open(), ini) as window:
        ready(qtbot, window)
        window.session.set_filter(saved)
    assert json.loads(settings(ini).value("filters"))["since"] == "2024"

    def broken(self, *args, **kwargs):
        raise ValueError("a broken time rule")

    monkeypatch.setattr(MentionTable, "time_columns", broken)
    ws = Workspace.open()
    window = MainWindow(ws, settings(ini), restore=True)
    try:
        assert window.session.waiting
        window.resize(1400, 880)
        with qtbot.waitSignal(window.map.mapReady, timeout=60000):
            window.show()
        qtbot.waitUntil(lambda: not window.session.waiting, timeout=30000)
        assert window.session.filter == Filter(certainties=saved.certainties)
        assert_shows(qtbot, window, ws, Filter(certainties=saved.certainties))
        assert "a broken time rule" in window.timeline.chart.message
        assert "could not be worked out" in window.statusBar().currentMessage() + window.status.text()
        # the figures' and flows' worker reads times too: it says so instead of dying silently
        qtbot.waitUntil(lambda: "Figures and flows could not be worked out" in window.statusBar().currentMessage(), timeout=30000)
    finally:
        dispose(window)
