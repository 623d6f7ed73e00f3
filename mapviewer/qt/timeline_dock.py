"""The timeline dock: passages over time, stacked by certainty, with a brush that sets the filter's time window.

It draws what core.timeline computes and turns the brush, the "undated" toggle and the play control into
session calls (`Session.set_time_window`), so brushing is an undoable filter change like any other: the map,
the Sites table and the counts follow through the session's `filtered` event, and the page is never
reloaded. The time columns (each passage's time, from the rules in core.when) are built in a worker thread
when the workspace is shown; the dock says so meanwhile and brushing waits for them.
"""

from __future__ import annotations

import contextlib
import threading

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from mapviewer.core.filters import FilterResult, MentionTable
from mapviewer.core.model import CERTAINTIES
from mapviewer.core.session import Session
from mapviewer.core.style import CERTAINTY_COLOURS
from mapviewer.core.timeline import (
    Bins,
    Months,
    focus_view,
    histogram,
    keyed_window,
    month_text,
    next_window,
    outside,
    window_dates,
    window_months,
)
from mapviewer.core.workspace import Workspace

MIN_BAR_PX = 5
"""Narrowest bar: the bins widen (months, quarters, years, decades) until each is at least this wide."""
MIN_SEGMENT_PX = 3
"""Shortest bar segment: a single passage stays visible beside a bin of hundreds."""
PLAY_WINDOWS = {"3 months": 3, "6 months": 6, "1 year": 12, "2 years": 24, "5 years": 60}
PLAY_INTERVAL_MS = 1200
BRUSH_APPLY_MS = 40
"""While dragging, the filter follows the brush at most this often (the latest position wins)."""


class ColumnsJob(QObject):
    """Builds a table's time columns (and then its source groups, for the sources filter) in a worker thread,
    so a large workspace's first use does not freeze the window; reports progress and the months to draw."""

    progress = Signal(int)
    ready = Signal(object, object)  # the table, its Months
    sources_ready = Signal(object)  # the table, whose independent sources are now worked out
    failed = Signal(str)

    def __init__(self, table: MentionTable) -> None:
        super().__init__()
        self.table = table
        self.worker: threading.Thread | None = None
        """The thread that built the columns (never the GUI thread: tests check it)."""

    def start(self) -> None:
        threading.Thread(target=self._run, name="timeline-columns", daemon=True).start()

    def _run(self) -> None:
        self.worker = threading.current_thread()
        total = max(1, len(self.table.mention_ids))
        try:
            columns = self.table.time_columns(lambda done: self._emit(self.progress, done * 100 // total))
            months = Months.of(columns)
        except Exception as exc:  # a bug must not leave the dock waiting for ever: it says what went wrong
            self._emit(self.failed, f"The passages' times could not be worked out: {exc}")
            return
        self._emit(self.ready, self.table, months)
        try:
            self.table.source_columns()
        except Exception as exc:
            self._emit(self.failed, f"The independent sources could not be worked out: {exc}")
            return
        self._emit(self.sources_ready, self.table)

    @staticmethod
    def _emit(signal: SignalInstance, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window went away meanwhile: nobody is waiting
            signal.emit(*args)


class TimelineChart(QWidget):
    """The histogram and its brush. Months are the unit everywhere; the bins come from core.timeline."""

    brushed = Signal(int, int, bool)  # first month, last month, gesture finished
    cleared = Signal()
    keyMoved = Signal(str)  # a core.timeline.KEY_MOVES key: the panel moves the window

    MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM, UNDATED_W = 40, 74, 18, 22, 34

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: Months | None = None
        self.certainty: np.ndarray | None = None
        self.passages: np.ndarray | None = None
        self.extent: tuple[int, int] | None = None
        self.view: tuple[int, int] | None = None
        self.home: tuple[int, int] | None = None
        """The first view (core.timeline.focus_view: where most dated passages are); 0 comes back to it."""
        self.beyond = (0, 0)
        """Passages shown by the other filters but drawn wholly before, and after, the view (the edge marks)."""
        self.bins: Bins | None = None
        self.brush: tuple[int, int] | None = None
        self.undated_shown = True
        self.message = "Reading when each passage happened…"
        self._drag: tuple[str, int, tuple[int, int] | None] | None = None  # mode, anchor month, brush at press
        self._press_x = 0.0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the keys move the window (keyPressEvent)
        self.setAccessibleName("Timeline chart")
        self.draws_own_focus = True  # its frame (_draw_focus): no ring of the window's round it
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- data -----------------------------------------------------------------------------------
    def set_months(self, months: Months | None, certainty: np.ndarray | None) -> None:
        """Another workspace's months (None: not known yet); the passages to draw come with the next `set_mask`."""
        self.months, self.certainty, self.passages = months, certainty, None
        self.extent = months.extent() if months is not None else None
        if self.extent is not None:  # a little room either side, so the first and last bars are not at the edge
            self.extent = (self.extent[0] - self.extent[0] % 12, self.extent[1] - self.extent[1] % 12 + 11)
        self.home = focus_view(months) if months is not None else None
        self.view = self.home or self.extent
        self._rebin()

    def set_mask(self, mask: np.ndarray | None) -> None:
        self.passages = mask
        self._rebin()

    def set_brush(self, brush: tuple[int, int] | None, undated_shown: bool) -> None:
        self.brush, self.undated_shown = brush, undated_shown
        if brush is not None and self.view is not None and self.extent is not None and not (self.view[0] <= brush[0] and brush[1] <= self.view[1]):
            # a window beyond the view (the play control, a key, a restored filter): the axis widens to show it
            self.view = (max(self.extent[0], min(self.view[0], brush[0])), min(self.extent[1], max(self.view[1], brush[1])))
            self._rebin()
        self.update()

    def plot_rect(self) -> QRectF:
        return QRectF(self.MARGIN_LEFT, self.MARGIN_TOP, max(10, self.width() - self.MARGIN_LEFT - self.MARGIN_RIGHT),
                      max(10, self.height() - self.MARGIN_TOP - self.MARGIN_BOTTOM))

    def _rebin(self) -> None:
        if self.months is None or self.certainty is None or self.passages is None or self.view is None:
            self.bins = None
        else:
            self.bins = histogram(self.months, self.certainty, self.passages, self.view, int(self.plot_rect().width() // MIN_BAR_PX))
        self.beyond = (0, 0) if self.bins is None else outside(self.months, self.passages, (self.bins.start, self.bins.end - 1))  # type: ignore[arg-type]
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rebin()

    # -- geometry -------------------------------------------------------------------------------
    def x_of(self, month: float) -> float:
        assert self.bins is not None
        plot = self.plot_rect()
        return plot.left() + (month - self.bins.start) / max(1, self.bins.end - self.bins.start) * plot.width()

    def month_at(self, x: float) -> int:
        """The first month of the bin under x (clamped to the bins shown)."""
        assert self.bins is not None
        plot = self.plot_rect()
        share = min(max((x - plot.left()) / plot.width(), 0.0), 0.999999)
        month = self.bins.start + int(share * (self.bins.end - self.bins.start))
        return month - (month - self.bins.start) % self.bins.unit

    def window_rect(self, first: int, last: int) -> QRectF:
        """The plot's strip covering months first..last (a window narrower than a bin is drawn as it is)."""
        assert self.bins is not None
        plot = self.plot_rect()
        lo, hi = max(first, self.bins.start), min(last + 1, self.bins.end)
        return QRectF(QPointF(self.x_of(lo), plot.top()), QPointF(self.x_of(max(lo, hi)), plot.bottom()))

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(self.rect(), self.palette().base())
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        p.setFont(font)
        bins = self.bins
        if bins is None or self.extent is None:
            text = self.message if self.months is None else "No passage states a time, and no article has a date"
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
            return
        plot = self.plot_rect()
        totals = bins.totals()
        peak = max(1, int(totals.max()) if totals.size else 1, int(bins.undated.sum()))
        ink = self.palette().text().color()
        faint = QColor(ink)
        faint.setAlpha(60)
        p.setPen(QPen(faint, 1))
        for share in (0.5, 1.0):
            y = plot.bottom() - share * plot.height()
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(ink)
        metrics = p.fontMetrics()
        for value, y in ((peak, plot.top() + metrics.height() / 2 - 1), (peak // 2 if peak > 1 else None, plot.center().y()),
                         (0, plot.bottom() - metrics.height() / 2 + 1)):
            if value is not None:
                p.drawText(QRectF(0, y - metrics.height() / 2, self.MARGIN_LEFT - 6, metrics.height()),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        inside = self._brush_bins()
        colours = [QColor(CERTAINTY_COLOURS[c]) for c in CERTAINTIES]
        width = plot.width() / bins.size
        gap = 1.0 if width >= 4 else 0.0
        for i in range(bins.size):
            if not totals[i]:
                continue
            x = plot.left() + i * width
            y = plot.bottom()
            dim = inside is not None and not inside[0] <= i <= inside[1]
            for k, colour in enumerate(colours):
                n = int(bins.counts[i, k])
                if not n:
                    continue
                h = max(MIN_SEGMENT_PX, n / peak * plot.height())  # one passage among hundreds stays visible
                c = QColor(colour)
                if dim:
                    c.setAlpha(70)
                p.fillRect(QRectF(x, y - h, max(1.0, width - gap), h), c)
                y -= h
        p.setPen(QPen(ink, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        self._draw_ticks(p, plot)
        self._draw_undated(p, plot, peak, colours)
        self._draw_beyond(p)
        if not totals.any() and not bins.undated.any():
            p.setPen(self.palette().placeholderText().color())
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No passage passes the other filters")
        if self.brush is not None:
            strip = self.window_rect(*self.brush)
            p.fillRect(strip, QColor(0, 0, 0, 22))
            p.setPen(QPen(QColor("#202020"), 1.5))
            p.drawLine(strip.topLeft(), strip.bottomLeft())
            p.drawLine(strip.topRight(), strip.bottomRight())
            label = self.brush_text()
            text_w = metrics.horizontalAdvance(label) + 8
            left = min(max(strip.center().x() - text_w / 2, self.MARGIN_LEFT), self.width() - text_w)
            box = QRectF(left, 1, text_w, self.MARGIN_TOP - 2)
            p.fillRect(box, QColor(255, 255, 255, 230))
            p.setPen(QColor("#202020"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        self._draw_focus(p)
        p.end()

    def beyond_marks(self) -> list[tuple[str, int, QRectF]]:
        """The edge marks: ("earlier" | "later", passages, where) for passages the view leaves out at that end."""
        if self.bins is None:
            return []
        plot = self.plot_rect()
        metrics = self.fontMetrics()
        marks = []
        for side, n in zip(("earlier", "later"), self.beyond):
            if n:
                text = self.beyond_text(side, n)
                w, h = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
                x = plot.left() + 2 if side == "earlier" else plot.right() - w - 2
                marks.append((side, n, QRectF(x, plot.top() + 2, w, h)))
        return marks

    @staticmethod
    def beyond_text(side: str, n: int) -> str:
        return f"◀ +{n} earlier" if side == "earlier" else f"+{n} later ▶"

    def _draw_beyond(self, p: QPainter) -> None:
        """"+N earlier" / "+N later" at the plot's ends: passages outside the view, a click away (show_all)."""
        for side, n, rect in self.beyond_marks():
            p.setPen(QPen(self.palette().mid().color(), 1))
            p.setBrush(QColor(255, 255, 255, 235))
            p.drawRoundedRect(rect, 4, 4)
            p.setPen(self.palette().link().color())
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.beyond_text(side, n))
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _draw_focus(self, p: QPainter) -> None:
        """A frame in the palette's highlight colour while the chart has the keyboard focus."""
        if self.hasFocus():
            p.setPen(QPen(self.palette().highlight().color(), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left / Right move the time window a step, with Shift they move its end; Delete or Backspace clears it
        (the step and what a first key makes are the panel's: TimelinePanel.key_move). + and - zoom the axis
        round the window (the wheel's zoom, by keys), 0 shows the first view again (where most dated passages are)."""
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        move = {Qt.Key.Key_Left: "shorter" if shift else "earlier", Qt.Key.Key_Right: "longer" if shift else "later"}.get(Qt.Key(event.key()))
        if move is not None and self.bins is not None:
            self.keyMoved.emit(move)
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus) and self.bins is not None:
            self._zoom_key(1 / 0.75 if event.key() == Qt.Key.Key_Minus else 0.75)
        elif event.key() == Qt.Key.Key_0 and self.bins is not None:
            self.reset_view()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.brush is not None:
            self.brush = None
            self.update()
            self.cleared.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def brush_text(self) -> str:
        if self.brush is None:
            return ""
        since, until = window_dates(*self.brush)
        return since if since == until else f"{since} – {until}"

    def _brush_bins(self) -> tuple[int, int] | None:
        if self.brush is None or self.bins is None:
            return None
        return self.bins.bin_of(self.brush[0]), self.bins.bin_of(self.brush[1])

    def _draw_ticks(self, p: QPainter, plot: QRectF) -> None:
        """Year ticks every 1, 2, 5, 10, 20, 50 or 100 years, as close as the labels allow; months when the
        view is a few years at most."""
        assert self.bins is not None
        metrics = p.fontMetrics()
        first, last = self.bins.start, self.bins.end
        px_per_month = plot.width() / max(1, last - first)
        room = metrics.horizontalAdvance("2025") + 14
        if px_per_month * 3 >= metrics.horizontalAdvance("Jul 2025") + 10 and last - first <= 48:
            step = next(s for s in (1, 3, 6, 12) if s * px_per_month >= metrics.horizontalAdvance("Jul 2025") + 10)
            ticks = [(m, f"{month_text(m)[:4]}" if m % 12 == 0 else ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                                      "Oct", "Nov", "Dec"][m % 12]) for m in range(first, last + 1) if m % step == 0]
        else:
            years = next((s for s in (1, 2, 5, 10, 20, 50, 100) if s * 12 * px_per_month >= room), 200)
            ticks = [(y * 12, str(y)) for y in range(-(-first // 12), last // 12 + 1) if y % years == 0]
        p.setPen(self.palette().text().color())
        for month, text in ticks:
            x = self.x_of(month)
            if x < plot.left() - 0.5 or x > plot.right() + 0.5:
                continue
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            w = metrics.horizontalAdvance(text)
            p.drawText(QRectF(min(max(x - w / 2, plot.left() - 20), plot.right() - w + 8), plot.bottom() + 5, w + 2, metrics.height()),
                       Qt.AlignmentFlag.AlignLeft, text)

    def _draw_undated(self, p: QPainter, plot: QRectF, peak: int, colours: list[QColor]) -> None:
        """The passages with no time, as one bar right of the axis (faded when the window leaves them out)."""
        assert self.bins is not None
        x = plot.right() + (self.MARGIN_RIGHT - self.UNDATED_W) / 2 + 4
        y = plot.bottom()
        dim = self.brush is not None and not self.undated_shown
        for k, colour in enumerate(colours):
            n = int(self.bins.undated[k])
            if not n:
                continue
            h = max(MIN_SEGMENT_PX, n / peak * plot.height())
            c = QColor(colour)
            if dim:
                c.setAlpha(70)
            p.fillRect(QRectF(x, y - h, self.UNDATED_W - 8, h), c)
            y -= h
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(plot.right() + 4, plot.bottom() + 5, self.MARGIN_RIGHT - 4, p.fontMetrics().height()),
                   Qt.AlignmentFlag.AlignHCenter, "undated")

    # -- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.bins is None or event.button() != Qt.MouseButton.LeftButton or not self.isEnabled():
            return
        if any(rect.contains(event.position()) for _side, _n, rect in self.beyond_marks()):
            self.show_all()
            return
        x = event.position().x()
        if x > self.plot_rect().right() + 2:
            return
        month = self.month_at(x)
        self._press_x = x
        mode = "new"
        if self.brush is not None:
            strip = self.window_rect(*self.brush)
            if abs(x - strip.left()) <= 5:
                mode, month = "resize", self.brush[1]
            elif abs(x - strip.right()) <= 5:
                mode, month = "resize", self.brush[0]
            elif strip.left() < x < strip.right():
                mode = "move"
        self._drag = (mode, month, self.brush)
        if mode == "new":
            self.brush = (month, month + self.bins.unit - 1)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._drag is None:
            self._hover(event)
            return
        if self.bins is None:
            return
        mode, anchor, before = self._drag
        month = self.month_at(x)
        unit = self.bins.unit
        if mode == "move" and before is not None:
            shift = month - anchor
            lo, hi = before[0] + shift, before[1] + shift
            if lo < self.bins.start:
                lo, hi = self.bins.start, self.bins.start + (before[1] - before[0])
            if hi >= self.bins.end:
                lo, hi = self.bins.end - 1 - (before[1] - before[0]), self.bins.end - 1
            brush = (lo, hi)
        else:
            lo, hi = min(anchor, month), max(anchor, month)
            brush = (lo - (lo - self.bins.start) % unit, hi - (hi - self.bins.start) % unit + unit - 1)
        if brush != self.brush:
            self.brush = brush
            self.update()
            self.brushed.emit(brush[0], brush[1], False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is None or self.brush is None:
            self._drag = None
            return
        mode, _anchor, before = self._drag
        self._drag = None
        if mode == "move" and abs(event.position().x() - self._press_x) < 3 and before is not None:
            self.brush = before  # a click inside the brush: nothing changes
            self.update()
            return
        self.brushed.emit(self.brush[0], self.brush[1], True)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.brush = None
        self.update()
        self.cleared.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom the axis around the pointer (within the passages' extent); the bins narrow as it zooms in."""
        if self.bins is None or self.view is None or self.extent is None:
            return
        self.zoom(self.month_at(event.position().x()), 0.75 if event.angleDelta().y() > 0 else 1 / 0.75)

    def zoom(self, at: float, factor: float) -> None:
        """The axis narrowed (factor < 1) or widened around month `at`, within the passages' extent."""
        if self.view is None or self.extent is None:
            return
        lo = at - (at - self.view[0]) * factor
        hi = at + (self.view[1] - at) * factor
        lo, hi = max(self.extent[0], int(lo)), min(self.extent[1], int(hi + 0.5))
        if hi - lo >= 6 and (lo, hi) != self.view:
            self.view = (lo, hi)
            self._rebin()

    def _zoom_key(self, factor: float) -> None:
        """+ / -: zoom around the time window (the middle of the axis when there is none)."""
        if self.view is not None:
            self.zoom((self.brush[0] + self.brush[1]) / 2 if self.brush is not None else (self.view[0] + self.view[1]) / 2, factor)
            if self.brush is not None and self.view is not None and self.extent is not None:  # never narrower than the window
                self.view = (max(self.extent[0], min(self.view[0], self.brush[0])), min(self.extent[1], max(self.view[1], self.brush[1])))
                self._rebin()

    def reset_view(self) -> None:
        """The first view (`home`): where most dated passages are."""
        self.view = self.home or self.extent
        self._rebin()

    def show_all(self) -> None:
        """The whole extent: every dated passage on the axis (an edge mark's click)."""
        self.view = self.extent
        self._rebin()

    def _hover(self, event: QMouseEvent) -> None:
        bins = self.bins
        if bins is None:
            return
        x = event.position().x()
        plot = self.plot_rect()
        mark = next(((side, n) for side, n, rect in self.beyond_marks() if rect.contains(event.position())), None)
        if mark is not None:
            side, n = mark
            edge = month_text(bins.start if side == "earlier" else bins.end - 1)[:4]
            QToolTip.showText(event.globalPosition().toPoint(), f"{n} passage{'' if n == 1 else 's'} {'before' if side == 'earlier' else 'after'} "
                              f"{edge}, out of this view: click to show all time (0 comes back here)", self)
            return
        if plot.left() <= x <= plot.right():
            i = bins.bin_of(self.month_at(x))
            row, what = bins.counts[i], bins.label(i)
        elif x > plot.right():
            row, what = bins.undated, "No time stated, undated article"
        else:
            return
        parts = [f"{int(n)} {c}" for c, n in zip(CERTAINTIES, row) if n]
        QToolTip.showText(event.globalPosition().toPoint(), f"{what}: {int(row.sum())} passages" + (f" ({', '.join(parts)})" if parts else ""), self)


class TimelinePanel(QWidget):
    """The dock's content: the chart, the undated toggle, the play control and what the window shows."""

    columnsReady = Signal()
    sourcesReady = Signal()
    """The independent sources of the shown workspace are worked out (the Sites table's column can show them)."""

    def __init__(self, session: Session, parent: QWidget | None = None, start: bool = True) -> None:
        """`start=False`: the passages' times are read only from `begin()` on (the window calls it once its map
        is drawn: the worker would otherwise hold the interpreter while the map starts)."""
        super().__init__(parent)
        self.session = session
        self._started = start
        self.months: Months | None = None
        self.chart = TimelineChart()
        self.play_button = QPushButton("▶ Play")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Step through time: a window of the chosen width slides forward, skipping stretches with no passages")
        self.play_window = QComboBox()
        self.play_window.addItems(list(PLAY_WINDOWS))
        self.play_window.setCurrentText("1 year")
        self.play_window.setToolTip("The width of the window the play control slides")
        self.undated = QCheckBox("Undated")
        self.undated.setToolTip("With a time window: also show the passages that state no time in an undated article")
        self.all_time = QPushButton("All time")
        self.all_time.setToolTip("Clear the time window (double-click the chart does the same)")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setToolTip("Drag across the bars to choose a time window; drag inside it to move it, at an edge to resize it; "
                                "double-click to clear it. The wheel zooms the axis; it opens where most dated passages are, \"+N earlier\" shows "
                                "all time. Hover a bar for its counts. By keys (Ctrl+5 puts the focus on the chart): Left / Right move the "
                                "window, Shift with them its end, + / - zoom, 0 the first view, Delete clears.")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        for w in (self.play_button, self.play_window, self.undated, self.all_time):
            bar.addWidget(w)
        bar.addStretch(1)
        self.summary.setContentsMargins(6, 0, 6, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)
        self._gesture: object | None = None
        self._pending: tuple[int, int] | None = None
        self._throttle = QTimer(self, singleShot=True, interval=BRUSH_APPLY_MS)
        self._throttle.timeout.connect(self._apply_pending)
        self._player = QTimer(self, interval=PLAY_INTERVAL_MS)
        self._player.timeout.connect(self.step)
        self._play_gesture: object | None = None
        self._job: ColumnsJob | None = None
        self.chart.brushed.connect(self._on_brushed)
        self.chart.cleared.connect(self.clear_window)
        self.chart.keyMoved.connect(self.key_move)
        self.all_time.clicked.connect(self.clear_window)
        self.undated.toggled.connect(self._on_undated)
        self.play_button.toggled.connect(self._on_play)
        session.filtered.connect(self._show_result)
        session.workspace_changed.connect(self._on_workspace)
        if start:
            self._load(session.ws)
        else:
            self._set_enabled(False)  # until begin(); the chart's first message says it is reading the times

    def _on_workspace(self, ws: Workspace) -> None:
        if self._started:
            self._load(ws)

    def begin(self) -> None:
        """Start reading the passages' times, if not yet started (see __init__)."""
        if not self._started:
            self._started = True
            self._load(self.session.ws)

    # -- data -----------------------------------------------------------------------------------
    def _load(self, ws: Workspace) -> None:
        """Another workspace: build its time columns in a worker; the chart says so meanwhile."""
        self.stop()
        self.months = None
        self.chart.message = "Reading when each passage happened…"
        self.chart.set_months(None, None)
        self._set_enabled(False)
        job = self._job = ColumnsJob(ws.table)
        job.progress.connect(self._on_progress)
        job.ready.connect(self._on_ready)
        job.sources_ready.connect(self._on_sources_ready)
        job.failed.connect(self._on_failed)
        job.start()

    def _on_progress(self, percent: int) -> None:
        if self.months is None:
            self.chart.message = f"Reading when each passage happened… {percent}%"
            self.chart.update()

    def _on_failed(self, why: str) -> None:
        if self.months is None:  # the times failed (a sources failure leaves the chart as it is)
            self.chart.message = why
            self.chart.update()
        self.session.stop_waiting(why)  # a restored time window or minimum of sources would wait for ever

    def _on_ready(self, table: MentionTable, months: Months) -> None:
        if table is not self.session.ws.table:
            return  # a workspace shown before this one
        self.months = months
        self.chart.set_months(months, table.certainty)
        self._set_enabled(True)
        if not self.session.columns_ready():  # a restored time window waiting for these columns applies now
            self._show_result(self.session.result)
        self.columnsReady.emit()

    def _on_sources_ready(self, table: MentionTable) -> None:
        if table is self.session.ws.table:
            self.session.columns_ready()  # and a restored minimum of sources
            self.sourcesReady.emit()

    def _set_enabled(self, on: bool) -> None:
        for w in (self.chart, self.play_button, self.play_window, self.undated, self.all_time):
            w.setEnabled(on)

    def _show_result(self, result: FilterResult) -> None:
        """The session's filter changed: the bars follow every filter but the window; the brush shows the window."""
        if self.months is None:
            self.summary.setText("")
            return
        flt = self.session.filter
        untimed = result.untimed_mask if result.untimed_mask is not None else result.mention_mask
        self.chart.set_mask(untimed)
        brush: tuple[int, int] | None = None
        if flt.timed and self.chart.extent is not None:
            lo, hi = window_months(flt.since, flt.until)
            brush = (self.chart.extent[0] if lo is None else lo, self.chart.extent[1] if hi is None else hi)
        if not (self.chart._drag is not None and flt.timed):  # the drag itself moves the brush
            self.chart.set_brush(brush, flt.undated)
        undated = int((untimed & ~self.months.dated).sum())
        self.undated.blockSignals(True)
        self.undated.setText(f"Undated ({undated:,})")
        if flt.timed:
            self.undated.setChecked(flt.undated)
        self.undated.blockSignals(False)
        dated = int((untimed & self.months.dated).sum())
        if flt.timed:
            self.summary.setText(f"{self.chart.brush_text() or 'Window'}: {result.passage_count:,} of {int(untimed.sum()):,} passages"
                                 + (" (with the undated)" if flt.undated else ""))
        else:
            self.summary.setText(f"All time · {dated:,} dated, {undated:,} undated passages · drag to choose a window, wheel to zoom")

    # -- brushing -------------------------------------------------------------------------------
    def _on_brushed(self, first: int, last: int, finished: bool) -> None:
        self.stop()
        if self._gesture is None:
            self._gesture = object()
        self._pending = (first, last)
        if finished:
            self._throttle.stop()
            self._apply_pending()
            self._gesture = None
        elif not self._throttle.isActive():
            self._throttle.start()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        first, last = self._pending
        self._pending = None
        self.set_window(first, last, self._gesture)

    def set_window(self, first: int, last: int, gesture: object = None) -> bool:
        """Show months first..last (a filter change through the session; one undo step per gesture)."""
        since, until = window_dates(first, last)
        return self.session.set_time_window(since, until, self.undated.isChecked(), gesture=gesture)

    def key_move(self, move: str) -> bool:
        """A key on the chart (core.timeline.KEY_MOVES): the window moves by the play control's step; with no
        window yet, one of the play control's width appears at an end of the chart as shown (its view). One undo
        step per key."""
        if self.months is None or self.chart.extent is None:
            return False
        self.stop()
        width = PLAY_WINDOWS[self.play_window.currentText()]
        bounds = self.chart.extent if self.chart.brush is not None else self.chart.view or self.chart.extent
        first, last = keyed_window(self.chart.brush, move, bounds, width, self._step())
        return self.set_window(first, last)

    def clear_window(self) -> None:
        self.stop()
        self.session.set_time_window(None, None)

    def _on_undated(self, on: bool) -> None:
        flt = self.session.filter
        if flt.timed:
            self.session.set_time_window(flt.since, flt.until, on)

    # -- play -----------------------------------------------------------------------------------
    def _on_play(self, on: bool) -> None:
        if on:
            self.play()
        else:
            self.stop()

    def play(self) -> None:
        """Start stepping: from the current window's start, else from the first passage."""
        if self.months is None or self.chart.extent is None:
            self.play_button.setChecked(False)
            return
        self._play_gesture = object()
        width = PLAY_WINDOWS[self.play_window.currentText()]
        brush = self.chart.brush
        start = brush[0] - brush[0] % self._step() if brush is not None and brush[0] + width <= self.chart.extent[1] else None
        if start is None:
            first = self.chart.extent[0] - self.chart.extent[0] % self._step()
            start = next_window(self.months, self._mask(), first - self._step(), width, self._step(), self.chart.extent[1])
        if start is None:
            self.stop()
            return
        self.set_window(start, start + width - 1, self._play_gesture)
        self.play_button.blockSignals(True)
        self.play_button.setChecked(True)
        self.play_button.setText("❚❚ Pause")
        self.play_button.blockSignals(False)
        self._player.start()

    def _step(self) -> int:
        """Windows up to a year move by their width (each frame a whole period: "2024", then "2025"); wider ones
        slide a year at a time."""
        return min(12, PLAY_WINDOWS[self.play_window.currentText()])

    def _mask(self) -> np.ndarray:
        result = self.session.result
        return result.untimed_mask if result.untimed_mask is not None else result.mention_mask

    def step(self) -> None:
        """The next window holding passages (the play timer); at the end, stop on the last one."""
        if self.months is None or self.chart.brush is None or self.chart.extent is None:
            self.stop()
            return
        width = PLAY_WINDOWS[self.play_window.currentText()]
        start = next_window(self.months, self._mask(), self.chart.brush[0], width, self._step(), self.chart.extent[1])
        if start is None:
            self.stop()
            return
        self.set_window(start, start + width - 1, self._play_gesture)

    def stop(self) -> None:
        self._player.stop()
        self._play_gesture = None
        if hasattr(self, "play_button"):
            self.play_button.blockSignals(True)
            self.play_button.setChecked(False)
            self.play_button.setText("▶ Play")
            self.play_button.blockSignals(False)

    @property
    def playing(self) -> bool:
        return self._player.isActive()
