"""The timeline's numbers, Qt-free: passages per stretch of time, stacked by certainty, and the time windows a
brush or the play control choose.

Time is counted in months (`year * 12 + month - 1`). A passage is drawn in every bin its stated interval
overlaps (the Korean War's passages in each year from 1950 to 1953), the same rule the time filter uses, so
brushing a stretch shows exactly the passages drawn there; an interval open at one end ("recently": no start;
"in the coming months": no end) is at its known end, for the filter as here (when.closed_ends). One open at
both ends (a relative time in an undated article) passes every window and is not drawn. Passages with no time at all are counted apart (the
"undated" bar). The bins follow the other filters but not the time window itself, so brushing does not empty
the rest of the histogram (as each facet's counts ignore that facet's own selection).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from mapviewer.core.model import CERTAINTIES
from mapviewer.core.when import closed_ends, first_day, iso_parts

UNITS = (1, 3, 6, 12, 24, 60, 120)
"""Bin widths in months, the narrowest that keeps the bins at least a few pixels wide is used."""

_EPOCH = date(1970, 1, 1).toordinal()
_OPEN_START, _OPEN_END = date.min.toordinal(), date.max.toordinal()


def month_of(value: str) -> int:
    """The month index of a partial ISO date's first day ("2025" → January 2025)."""
    day = first_day(value)
    return day.year * 12 + day.month - 1


def month_text(month: int) -> str:
    """ "2025-07" for a month index."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


@dataclass(frozen=True)
class Months:
    """Per mention: the first and last month its time covers, and whether it can be placed on the axis
    (it has a time with at least one closed end). Built once per workspace from the time columns."""

    first: np.ndarray
    last: np.ndarray
    placed: np.ndarray
    dated: np.ndarray

    @classmethod
    def of(cls, columns: tuple[np.ndarray, np.ndarray, np.ndarray]) -> Months:
        first_day_, last_day_, dated = columns
        lo, hi = closed_ends(first_day_, last_day_)
        placed = dated & (lo > _OPEN_START) & (hi < _OPEN_END)
        return cls(_months(np.where(placed, lo, _EPOCH)), _months(np.where(placed, hi, _EPOCH)), placed, dated.copy())

    def extent(self) -> tuple[int, int] | None:
        """(first month, last month) over the placed passages, or None when none is."""
        if not self.placed.any():
            return None
        return int(self.first[self.placed].min()), int(self.last[self.placed].max())


FOCUS_SHARE = 0.9
"""The share of the dated passages the timeline's first view holds: the few historical passages (a 1913 treaty,
the Korean War) stay one zoom-out or click away instead of taking most of the axis."""


def focus_view(months: Months, share: float = FOCUS_SHARE, least: int = 24) -> tuple[int, int] | None:
    """The timeline's first view: the shortest stretch of whole years holding `share` of the placed passages (each
    at the middle of its time), at least `least` months; the whole extent when that would not be much narrower
    (two thirds of it or more). None when no passage is placed."""
    extent = months.extent()
    if extent is None:
        return None
    whole = (extent[0] - extent[0] % 12, extent[1] - extent[1] % 12 + 11)
    middle = np.sort((months.first[months.placed] + months.last[months.placed]) // 2)
    k = max(1, int(np.ceil(share * middle.size)))
    widths = middle[k - 1 :] - middle[: middle.size - k + 1]
    i = int(np.argmin(widths))
    lo, hi = int(middle[i]), int(middle[i + k - 1])
    lo, hi = lo - lo % 12, hi - hi % 12 + 11
    while hi - lo + 1 < least and (lo > whole[0] or hi < whole[1]):  # a year more: later while there are passages
        if hi < whole[1]:
            hi += 12
        else:
            lo -= 12
    view = (max(whole[0], lo), min(whole[1], hi))
    return whole if view[1] - view[0] >= (whole[1] - whole[0]) * 2 / 3 else view


def outside(months: Months, mask: np.ndarray, view: tuple[int, int]) -> tuple[int, int]:
    """(earlier, later): the passages of `mask` drawn wholly before `view`, and wholly after it (what the chart's
    edge marks count)."""
    rows = mask & months.placed
    return int((rows & (months.last < view[0])).sum()), int((rows & (months.first > view[1])).sum())


def _months(ordinals: np.ndarray) -> np.ndarray:
    days = (ordinals.astype(np.int64) - _EPOCH).astype("datetime64[D]")
    return days.astype("datetime64[M]").astype(np.int64) + 1970 * 12


def choose_unit(span_months: int, max_bins: int) -> int:
    """The narrowest bin width (UNITS) that shows `span_months` in at most `max_bins` bins."""
    for unit in UNITS:
        if -(-span_months // unit) <= max(1, max_bins):
            return unit
    return UNITS[-1]


@dataclass(frozen=True)
class Bins:
    """Passages per bin and certainty: bin i covers months [start + i*unit, start + (i+1)*unit)."""

    start: int
    unit: int
    counts: np.ndarray
    """(bins, len(CERTAINTIES)) passages whose time overlaps the bin."""
    undated: np.ndarray
    """(len(CERTAINTIES),) passages with no time at all."""

    @property
    def size(self) -> int:
        return int(self.counts.shape[0])

    @property
    def end(self) -> int:
        """The month after the last bin."""
        return self.start + self.size * self.unit

    def bin_of(self, month: int) -> int:
        return (month - self.start) // self.unit

    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    def label(self, i: int) -> str:
        """What bin i covers, as a person says it: "2024", "2020–2024", "2024 Q3", "Jul 2024"."""
        first = self.start + i * self.unit
        year = first // 12
        if self.unit % 12 == 0:
            return str(year) if self.unit == 12 else f"{year}–{year + self.unit // 12 - 1}"
        if self.unit == 3:
            return f"{year} Q{first % 12 // 3 + 1}"
        if self.unit == 6:
            return f"{year} H{first % 12 // 6 + 1}"
        return f"{date(year, first % 12 + 1, 1):%b} {year}"


def histogram(months: Months, certainty: np.ndarray, mask: np.ndarray, view: tuple[int, int], max_bins: int) -> Bins:
    """The passages in `mask` over the months `view` (first, last inclusive), in at most `max_bins` bins of a
    width from UNITS aligned on it (years start in January, five-year bins on years divisible by five).
    One pass over the mentions: each adds one at its first bin and takes one off after its last (a difference
    array), so a passage spanning many bins costs no more than one in a single bin."""
    unit = choose_unit(view[1] - view[0] + 1, max_bins)
    start = view[0] - view[0] % unit
    size = (view[1] - start) // unit + 1
    k = len(CERTAINTIES)
    rows = mask & months.placed & (months.last >= start) & (months.first < start + size * unit)
    lo = np.clip((months.first[rows] - start) // unit, 0, size - 1)
    hi = np.clip((months.last[rows] - start) // unit, 0, size - 1)
    c = certainty[rows].astype(np.int64)
    diff = np.bincount(lo * k + c, minlength=(size + 1) * k) - np.bincount((hi + 1) * k + c, minlength=(size + 1) * k)
    counts = np.cumsum(diff.reshape(size + 1, k), axis=0)[:size]
    undated = np.bincount(certainty[mask & ~months.dated].astype(np.int64), minlength=k)
    return Bins(start, unit, counts, undated)


def window_dates(first: int, last: int) -> tuple[str, str]:
    """The filter's since/until for the months first..last (inclusive): whole years as "2024", else months."""
    if first % 12 == 0 and last % 12 == 11:
        return str(first // 12), str(last // 12)
    return month_text(first), month_text(last)


def window_months(since: str | None, until: str | None) -> tuple[int | None, int | None]:
    """The months a filter's window covers (None: open), the inverse of `window_dates`."""
    lo = month_of(since) if since else None
    if until:
        y, mo, _d = iso_parts(until)
        hi: int | None = y * 12 + (mo or 12) - 1
    else:
        hi = None
    return lo, hi


def next_window(months: Months, mask: np.ndarray, first: int, width: int, step: int, end: int) -> int | None:
    """The play control's next window start after `first` (windows `width` months wide, moved by `step`): the
    first one from `first + step` holding a passage of `mask`, so a briefing skips empty decades; None after
    `end` (the last month)."""
    rows = mask & months.placed
    if not rows.any():
        return None
    lo, hi = months.first[rows], months.last[rows]
    start = first + step
    while start <= end:
        later = lo[hi >= start]
        if not later.size:
            return None
        nearest = int(later.min())
        if nearest < start + width:
            return start
        start += -(-(nearest - width + 1 - start) // step) * step  # the first window reaching that passage
    return None



def _shift(first: int, last: int, by: int) -> tuple[int, int]:
    return first + by, last + by


KEY_MOVES: dict[str, Callable[[int, int, int, int, int], tuple[int, int]]] = {
    "earlier": lambda first, last, lo, _hi, step: _shift(first, last, -max(0, min(step, first - lo))),
    "later": lambda first, last, _lo, hi, step: _shift(first, last, max(0, min(step, hi - last))),
    "shorter": lambda first, last, _lo, _hi, step: (first, max(first, last - step)),
    "longer": lambda first, last, _lo, hi, step: (first, min(hi, last + step)),
}
"""What the timeline's keys do to the time window (first, last, extent's first, extent's last, step): move
it a step earlier or later (Left, Right; it stops at the chart's ends), or move its end a step (Shift+Left,
Shift+Right; it keeps at least one month)."""


def keyed_window(window: tuple[int, int] | None, move: str, extent: tuple[int, int], width: int, step: int) -> tuple[int, int]:
    """The time window (first, last month) after a key `move` (a KEY_MOVES key) by `step` months, within
    `extent` (the chart's months). With no window yet: the first `width` months of the extent ("later",
    "longer") or its last ("earlier", "shorter")."""
    lo, hi = extent
    if window is None:
        first = lo if move in ("later", "longer") else max(lo, hi - width + 1)
        return first, min(hi, first + width - 1)
    return KEY_MOVES[move](window[0], window[1], lo, hi, step)
