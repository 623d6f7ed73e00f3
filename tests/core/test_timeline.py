"""The timeline's bins (core.timeline) on real workspaces: where passages fall, that a brushed bin shows exactly
the passages drawn in it, the play control's steps, brush gestures as one undo step, and the faster time columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from wsfiles import open_workspace, write_workspace

from mapviewer.core.filters import Filter
from mapviewer.core.model import CERTAINTIES
from mapviewer.core.session import Session
from mapviewer.core.timeline import Months, choose_unit, histogram, month_of, next_window, window_dates, window_months
from mapviewer.core.when import days_columns, mention_days

HIST = CERTAINTIES.index("historical")


def _ws(tmp_path: Path):
    """Alphaville in a Korean War sentence, Betaville in 2025, and the undated story of wsfiles (both towns
    "last week" in an article without a date: no time at all)."""
    root = write_workspace(tmp_path / "ws", entries=[{"id": "war", "file": "war.txt", "title": "War", "date": "2024-07-10"}])
    (root / "articles" / "war.txt").write_text(
        "War\n\nDuring the Korean War, North Korean engineers dug tunnels under Alphaville.\n\n"
        "In March 2025, troops reached Betaville, officials said.\n",
        encoding="utf-8",
    )
    return open_workspace(root)


def _year_bins(ws):
    months = Months.of(ws.table.time_columns())
    result = ws.filter(Filter())
    extent = months.extent()
    assert extent is not None
    view = (extent[0] - extent[0] % 12, extent[1] - extent[1] % 12 + 11)
    bins = histogram(months, ws.table.certainty, result.untimed_mask, view, max_bins=(view[1] - view[0] + 1) // 12)  # yearly
    return months, bins


def test_an_interval_is_counted_in_every_bin_it_overlaps_and_undated_apart(tmp_path):
    ws = _ws(tmp_path)
    months, _ = _year_bins(ws)
    bins = histogram(months, ws.table.certainty, np.ones(len(ws.mentions), dtype=bool), (month_of("1948"), month_of("2026")), 79)
    assert bins.unit == 12 and bins.start == month_of("1948")
    per_year = dict(zip(range(1948, 2027), bins.totals().tolist()))
    assert [per_year[y] for y in (1949, 1950, 1951, 1952, 1953, 1954)] == [0, 1, 1, 1, 1, 0]  # 1950-06-25…1953-07-27
    assert per_year[2025] == 1 and per_year[2024] == 0
    assert sum(per_year.values()) == 5
    assert bins.label(bins.bin_of(month_of("1951"))) == "1951"
    assert int(bins.undated.sum()) == 2  # Alphaville and Betaville "last week" in the undated story
    war = next(m for m in ws.mentions if m.site_id == "alpha" and m.article_id == "war")
    assert int(bins.counts[bins.bin_of(month_of("1951")), CERTAINTIES.index(war.claim.certainty)]) == 1


def test_each_brushed_year_shows_exactly_the_passages_drawn_in_it(ws):
    """The bundled corpus: a year's bar holds as many passages as the time filter passes for that year."""
    _months, bins = _year_bins(ws)
    drawn = {bins.label(i): int(n) for i, n in enumerate(bins.totals()) if n}
    assert drawn
    for year, n in drawn.items():
        assert ws.filter(Filter(since=year, until=year)).passage_count == n, year


def test_the_bundled_corpus_falls_where_it_belongs(ws):
    months, bins = _year_bins(ws)
    assert bins.unit == 12
    yunkom = [i for i, m in enumerate(ws.mentions) if m.site_id == "yunkom-mine"]
    assert yunkom and all(window_dates(int(months.first[i]), int(months.last[i])) == ("1979-09", "1979-09") for i in yunkom)
    assert int(bins.counts[bins.bin_of(month_of("1979")), HIST]) == len(yunkom)
    deployment = [i for i, m in enumerate(ws.mentions) if "deployment" in m.claim.topics]
    assert deployment and all(months.first[i] >= 2024 * 12 and months.last[i] <= 2025 * 12 + 11 for i in deployment)
    recent = [i for i, m in enumerate(ws.mentions) if m.site_id == "kusong"]  # "recent satellite data": no start, at the article's date
    assert all(months.first[i] == months.last[i] == month_of(ws.article_by_id[ws.mentions[i].article_id].date) for i in recent)
    assert ws.filter(Filter(since="1913", until="1913")).site_ids == ["donbas"]  # "recently" is not in every early window


def test_bins_widen_to_fit_and_the_histogram_follows_the_mask(ws):
    assert choose_unit(12, 12) == 1 and choose_unit(13, 12) == 3 and choose_unit(113 * 12, 60) == 24 and choose_unit(10**6, 5) == 120
    months = Months.of(ws.table.time_columns())
    lo, hi = months.extent()
    none = histogram(months, ws.table.certainty, np.zeros(len(ws.mentions), dtype=bool), (lo, hi), 50)
    assert none.totals().sum() == 0 and none.undated.sum() == 0
    reported = ws.filter(Filter(certainties=frozenset({"reported"})))
    bins = histogram(months, ws.table.certainty, reported.mention_mask, (lo, hi), 50)
    assert bins.size <= 50 and bins.start <= lo < bins.end and hi < bins.end
    assert set(np.flatnonzero(bins.counts.sum(axis=0))) == {CERTAINTIES.index("reported")}


def test_window_dates_round_trip():
    assert window_dates(month_of("2024"), month_of("2025-12")) == ("2024", "2025")
    assert window_dates(month_of("2024-03"), month_of("2024-05")) == ("2024-03", "2024-05")
    assert window_months("2024", "2025") == (month_of("2024-01"), month_of("2025-12"))
    assert window_months("2024-03-15", None) == (month_of("2024-03"), None)
    assert window_months(None, "2024-02-10") == (None, month_of("2024-02"))


def test_play_skips_empty_stretches_and_ends(tmp_path):
    ws = _ws(tmp_path)
    months = Months.of(ws.table.time_columns())
    everything = np.ones(len(ws.mentions), dtype=bool)
    end = month_of("2025-12")
    start = next_window(months, everything, month_of("1949"), 12, 12, end)
    assert start == month_of("1950")
    assert next_window(months, everything, month_of("1953"), 12, 12, end) == month_of("2025")  # 1954–2024 is empty
    assert next_window(months, everything, month_of("2025"), 12, 12, end) is None
    assert next_window(months, everything, month_of("1949-10"), 3, 3, end) == month_of("1950-04")  # the quarter holding 1950-06
    alpha_only = np.array([m.site_id == "alpha" for m in ws.mentions])
    assert next_window(months, alpha_only, month_of("1953"), 12, 12, end) is None


def test_a_brush_gesture_is_one_undo_step(tmp_path):
    ws = _ws(tmp_path)
    session = Session(ws)
    session.set_filter(Filter(certainties=frozenset(CERTAINTIES) - {"context"}))
    before = session.filter
    drag = object()
    for since, until in (("1950", "1950"), ("1950", "1952"), ("1951", "1953")):
        assert session.set_time_window(since, until, gesture=drag)
    assert (session.filter.since, session.filter.until) == ("1951", "1953")
    assert session.result.site_ids == ["alpha"]
    session.set_time_window("2025", "2025", gesture=object())  # another gesture: another step
    session.commands.undo()
    assert (session.filter.since, session.filter.until) == ("1951", "1953")
    session.commands.undo()
    assert session.filter == before
    session.commands.redo()
    assert (session.filter.since, session.filter.until) == ("1951", "1953")


def test_time_columns_are_the_per_mention_rules(ws, tmp_path):
    """The per-sentence column builder gives what the rules give mention by mention (bundled corpus and a
    generated 1,000-site workspace), and reports its progress."""
    from generate import generate

    gen = open_workspace(generate(tmp_path / "gen", 1000, 200, 3))
    for w in (ws, gen):
        dates = {a.id: a.date for a in w.articles}
        seen: list[int] = []
        first, last, dated = days_columns(w.mentions, dates, seen.append)
        expected = [mention_days(m.sentence, m.lead, dates[m.article_id]) for m in w.mentions]
        assert list(zip(first, last, dated)) == expected
        assert seen[0] == 0 and seen == sorted(seen) and len(seen) == -(-len(w.mentions) // 4096)
    assert date.fromordinal(min(first)).year >= 1800


def test_untimed_mask_is_every_filter_but_the_window(ws):
    flt = Filter(certainties=frozenset({"reported", "historical"}), since="2024", until="2024")
    result = ws.filter(flt)
    assert np.array_equal(result.untimed_mask, ws.filter(Filter(certainties=flt.certainties)).mention_mask)
    assert result.passage_count < int(result.untimed_mask.sum())
    untimed = ws.filter(Filter(topics=frozenset({"deployment"})))
    assert untimed.untimed_mask is untimed.mention_mask


def _months(spans: list[tuple[str, str]]) -> Months:
    first = np.array([month_of(a) for a, _ in spans], dtype=np.int64)
    last = np.array([month_of(b) for _, b in spans], dtype=np.int64)
    placed = np.ones(len(spans), dtype=bool)
    return Months(first, last, placed, placed.copy())


def test_the_first_view_is_where_most_passages_are_and_the_outliers_are_counted_outside():
    from mapviewer.core.timeline import focus_view, month_text, outside

    recent = [(f"2024-{m:02d}", f"2024-{m:02d}") for m in range(1, 13)] * 2 + [("2025-03", "2025-05")] * 6
    months = _months([("1905-06", "1905-06"), ("1950-06", "1953-07"), *recent])
    view = focus_view(months)
    assert view is not None and (month_text(view[0]), month_text(view[1])) == ("2024-01", "2025-12"), "whole years round 90%"
    everything = np.ones(months.first.size, dtype=bool)
    assert outside(months, everything, view) == (2, 0)
    assert outside(months, everything, (month_of("1950"), month_of("2025-12"))) == (1, 0), "the war overlaps: drawn"
    assert outside(months, everything, (month_of("1900"), month_of("2024-06"))) == (0, 18)
    fewer = everything.copy()
    fewer[0] = False
    assert outside(months, fewer, view) == (1, 0), "only what the other filters show"


def test_the_first_view_is_the_whole_extent_when_the_passages_spread_over_it():
    from mapviewer.core.timeline import focus_view

    even = _months([(f"{y}-01", f"{y}-01") for y in range(1990, 2026)])
    extent = even.extent()
    assert extent is not None and focus_view(even) == (extent[0], extent[1] + 11)
    one = _months([("2025-07", "2025-07")])
    view = focus_view(one)
    assert view == (month_of("2025-01"), month_of("2025-12")), "never beyond the passages' years"
    assert focus_view(Months(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool), np.zeros(0, bool))) is None
