"""The filter panel turns ticks and typing into a core Filter and shows facet counts; nothing more."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPaintEvent, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from mapviewer.core.filters import FACETS, Filter, FilterResult
from mapviewer.core.model import CERTAINTIES, NO_TOPIC, TOPICS
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP
from mapviewer.core.titles import short_title
from mapviewer.core.workspace import Workspace
from mapviewer.qt.keyboard import keep_focus_visible

TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3


def with_count(label: str, count: int | None, width: int, metrics: QFontMetrics) -> str:
    """`label  (count)` in `width` px: the label elided, never the count (a narrow panel must still show it)."""
    suffix = "" if count is None else f"  ({count})"
    return metrics.elidedText(label, Qt.TextElideMode.ElideRight, max(0, width - metrics.horizontalAdvance(suffix))) + suffix


class CountedCheckBox(QCheckBox):
    """A check box whose label elides to the panel's width and keeps its count (the full text in the tooltip),
    so the filters fit a narrow dock without a horizontal scroll bar."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.label = label
        self.count: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink to minimumSizeHint

    def set_count(self, count: int | None) -> None:
        self.count = count
        self.setText(self.label if count is None else f"{self.label}  ({count})")

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 110), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self).width()
        if option.icon is not None and not option.icon.isNull():
            room -= option.iconSize.width() + 4
        option.text = with_count(self.label, self.count, room, self.fontMetrics())
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_CheckBox, option)


LINE_BREAK = "\u2028"
"""A line break an item view's text keeps (U+2028; a newline is drawn as nothing)."""


def two_lines(label: str, count: int | None, width: int, metrics: QFontMetrics) -> str:
    """`label  (count)` in two lines of `width` px: the first as many whole words as fit, the second the rest,
    elided at its end, never the count (which ends the last line)."""
    suffix = "" if count is None else f"  ({count})"
    if metrics.horizontalAdvance(label + suffix) <= width:
        return label + suffix
    words = label.split()
    first = ""
    for i, word in enumerate(words):
        line = f"{first} {word}".strip()
        if metrics.horizontalAdvance(line) > width and first:
            return first + LINE_BREAK + with_count(" ".join(words[i:]), count, width, metrics)
        first = line
    # one word wider than the line: elide it there, the count below
    return metrics.elidedText(label, Qt.TextElideMode.ElideRight, width) + (LINE_BREAK + suffix.strip() if suffix else "")


class CountDelegate(QStyledItemDelegate):
    """Draws an article's title on two lines (the outlet's label in front dropped: core.titles.short_title), the
    second elided, and its passage count (COUNT_ROLE) after it, always visible."""

    LINES = 2

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        count = index.data(COUNT_ROLE)
        room = option.rect.width() - 8 - (option.decorationSize.width() + 4 if option.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator else 0)
        option.text = two_lines(short_title(str(index.data(TITLE_ROLE) or "")), count if isinstance(count, int) else None, room - 16,
                                option.fontMetrics)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), self.LINES * option.fontMetrics.lineSpacing() + 6))


def article_tip(title: str, meta: str, count: int | None = None) -> str:
    """An article row's tooltip (rich text, escaped): the full title, its outlet and date, and its passages."""
    shown = "" if count is None else f"<br>{count} passage{'' if count == 1 else 's'} shown with the other filters"
    return f"<p style='white-space:normal'><b>{html.escape(title)}</b><br>{html.escape(meta)}{shown}</p>"


def swatch(colour: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor("#ffffff"))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pix)


_DISAGREE_TIPS = {
    "disagree": "Sites where the articles give different figures for one subject (e.g. how many engineers went to Kursk)",
    "other": "Sites where no two articles give different figures for one subject",
}


class ArticleList(QWidget):
    """The source articles as a checkable list view over a model (thousands of articles stay cheap),
    with a box to find articles by title once there are more than a screenful."""

    toggled = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.items: dict[str, QStandardItem] = {}
        for a in ws.articles:
            item = QStandardItem(a.title)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            item.setData(a.id, Qt.ItemDataRole.UserRole)
            item.setData(a.title, TITLE_ROLE)
            item.setData(" · ".join(x for x in (a.outlet or "outlet not stated", a.date or "no date") if x), META_ROLE)
            item.setToolTip(article_tip(a.title, item.data(META_ROLE)))
            self.model.appendRow(item)
            self.items[a.id] = item
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(TITLE_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(f"Find among {len(self.items)} articles…")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.find_box.setVisible(len(self.items) > 12)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setItemDelegate(CountDelegate(self.view))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = max(1, min(len(self.items), 8))
        self.view.setFixedHeight(rows * (CountDelegate.LINES * self.view.fontMetrics().lineSpacing() + 6) + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_box)
        layout.addWidget(self.view)
        self.model.itemChanged.connect(lambda _item: self.toggled.emit())

    def is_checked(self, article_id: str) -> bool:
        return self.items[article_id].checkState() == Qt.CheckState.Checked

    def set_checked(self, article_id: str, on: bool) -> None:
        """One article, as a click on its box does (emits `toggled`)."""
        self.items[article_id].setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_all(self, on: bool, quiet: bool = False) -> None:
        """Every article shown by the find box (all when it is empty); one `toggled` at the end."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.model.blockSignals(True)
        for r in range(self.proxy.rowCount()):
            self.model.itemFromIndex(self.proxy.mapToSource(self.proxy.index(r, 0))).setCheckState(state)
        self.model.blockSignals(False)
        self._repaint()
        if not quiet:
            self.toggled.emit()

    def show_selection(self, chosen: frozenset[str] | None) -> None:
        """Tick exactly `chosen` (None: all), without emitting `toggled`."""
        changed = False
        self.model.blockSignals(True)
        for key, item in self.items.items():
            state = Qt.CheckState.Checked if chosen is None or key in chosen else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)
                changed = True
        self.model.blockSignals(False)
        if changed:
            self._repaint()

    def checked(self) -> frozenset[str] | None:
        chosen = frozenset(k for k, item in self.items.items() if item.checkState() == Qt.CheckState.Checked)
        return None if len(chosen) == len(self.items) else chosen

    def set_counts(self, counts: dict[str, int]) -> None:
        """Each article's passages given the other filters, drawn after its (elided) title and in its tooltip."""
        self.model.blockSignals(True)
        for key, item in self.items.items():
            count = counts.get(key, 0)
            title = item.data(TITLE_ROLE)
            item.setText(f"{title}  ({count})")
            item.setData(count, COUNT_ROLE)
            item.setToolTip(article_tip(title, item.data(META_ROLE), count))
        self.model.blockSignals(False)
        self._repaint()

    def _repaint(self) -> None:
        """After edits made with the model's signals blocked (one repaint instead of one per article;
        emitting dataChanged instead would re-enter through itemChanged)."""
        self.view.viewport().update()


class FiltersPanel(QWidget):
    filterChanged = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search sites and passages…")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.articles = ArticleList(ws)
        self.articles.toggled.connect(self._emit)
        self.certainty_boxes = {c: self._box(c.capitalize(), c, CERTAINTY_COLOURS[c], CERTAINTY_HELP[c]) for c in CERTAINTIES}
        self.topic_boxes = {t: self._box(label, t) for t, label in {**TOPICS, NO_TOPIC: "No topic"}.items()}
        disagree = next(f for f in FACETS if f.key == "disagree")
        self.disagree_boxes = {v: self._box(label.capitalize(), v, tip=_DISAGREE_TIPS[v]) for v, label in disagree.names.items()}

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.search)
        layout.addWidget(self._group("Source articles", self.articles, lambda on: self.articles.set_all(on)))
        layout.addWidget(self._group("Certainty", self.certainty_boxes, lambda on: self.set_all(self.certainty_boxes, on)))
        layout.addWidget(self._group("Topic", self.topic_boxes, lambda on: self.set_all(self.topic_boxes, on)))
        layout.addWidget(self._group("Figures", self.disagree_boxes, lambda on: self.set_all(self.disagree_boxes, on)))
        layout.addWidget(self._sources_group())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no tab stop of its own: its widgets are
        keep_focus_visible(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumWidth(240)

    def _sources_group(self) -> QGroupBox:
        """Corroboration: only sites named by at least N independent sources (core.sources) among the shown passages."""
        self.min_sources = QSpinBox()
        self.min_sources.setObjectName("min-sources")
        self.min_sources.setRange(1, 99)
        self.min_sources.setPrefix("at least ")
        self.min_sources.setSuffix(" source(s)")
        self.min_sources.setToolTip(
            "Show only sites named by at least this many independent sources among the shown passages: distinct "
            "outlets; an article that reproduces or relays another counts with it"
        )
        self.min_sources.valueChanged.connect(lambda _v: self._emit())
        group = QGroupBox("Independent sources")
        QVBoxLayout(group).addWidget(self.min_sources)
        return group

    def _box(self, label: str, key: str, colour: str | None = None, tip: str | None = None) -> QCheckBox:
        box = CountedCheckBox(label)
        box.setChecked(True)
        box.setObjectName(key)
        if colour:
            box.setIcon(swatch(colour))
        box.setToolTip(tip or label)
        box.toggled.connect(self._emit)
        return box

    def _group(self, title: str, content: dict[str, QCheckBox] | QWidget, set_all: Callable[[bool], None]) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        row = QHBoxLayout()
        for text, state in (("All", True), ("None", False)):
            button = QPushButton(text)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, s=state: set_all(s))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        for widget in content.values() if isinstance(content, dict) else [content]:
            layout.addWidget(widget)
        return group

    def set_all(self, boxes: dict[str, QCheckBox], state: bool) -> None:
        for box in boxes.values():
            box.blockSignals(True)
            box.setChecked(state)
            box.blockSignals(False)
        self._emit()

    @staticmethod
    def _selection(boxes: dict[str, QCheckBox]) -> frozenset[str] | None:
        chosen = frozenset(k for k, b in boxes.items() if b.isChecked())
        return None if len(chosen) == len(boxes) else chosen

    def current(self) -> Filter:
        return Filter(
            articles=self.articles.checked(),
            certainties=self._selection(self.certainty_boxes),
            topics=self._selection(self.topic_boxes),
            text=self.search.text(),
            disagree=self._selection(self.disagree_boxes),
            min_sources=self.min_sources.value() if self.min_sources.value() > 1 else 0,
        )

    def _emit(self) -> None:
        self.filterChanged.emit(self.current())

    def set_counts(self, result: FilterResult) -> None:
        """Counts beside each choice: what it would show given the other filters."""
        self.articles.set_counts(result.article_counts)
        for boxes, counts in ((self.certainty_boxes, result.certainty_counts), (self.topic_boxes, result.topic_counts)):
            for key, box in boxes.items():
                if isinstance(box, CountedCheckBox):
                    box.set_count(counts.get(key, 0))
        disagree = result.counts.get("disagree", {})  # none until the figures are read (core.filters.disagree_counts)
        for key, box in self.disagree_boxes.items():
            if isinstance(box, CountedCheckBox):
                box.set_count(disagree.get(key))

    def show_filter(self, flt: Filter) -> None:
        """Show the session's filter (after an undo, a reload, restored settings) without announcing a change;
        boxes already showing it are left alone, so the search box keeps its cursor while the user types."""
        self.articles.show_selection(flt.articles)
        for boxes, chosen in ((self.certainty_boxes, flt.certainties), (self.topic_boxes, flt.topics), (self.disagree_boxes, flt.disagree)):
            for key, box in boxes.items():
                on = chosen is None or key in chosen
                if box.isChecked() != on:
                    box.blockSignals(True)
                    box.setChecked(on)
                    box.blockSignals(False)
        if self.search.text() != flt.text:
            self.search.blockSignals(True)
            self.search.setText(flt.text)
            self.search.blockSignals(False)
        if self.min_sources.value() != max(1, flt.min_sources):
            self.min_sources.blockSignals(True)
            self.min_sources.setValue(max(1, flt.min_sources))
            self.min_sources.blockSignals(False)
