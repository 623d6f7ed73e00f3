"""The review panel: the new places ingest found, the doubtful ones first, and the reviewer's actions.

It only shows core.ingest.decisions.ReviewItem rows and asks the window to apply a decision; the
window records it as an undoable edit of the workspace files and reloads.

Placing is meant to be quick: type a name and pick one of the offline gazetteer's places (with country,
region, population and distance to the article's other places: core.ingest.suggest), or type a
position (core.ingest.coords reads decimal degrees and degrees-minutes-seconds), and press Enter; or
click the map ("Place on map").
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mapviewer.core.ingest.coords import CoordinateError, looks_like_coordinates, parse_coordinates
from mapviewer.core.ingest.decisions import REVIEW_ORDER, ReviewItem
from mapviewer.core.ingest.suggest import Suggestion, suggest_places

_Index = QModelIndex | QPersistentModelIndex
NOTHING_YET = (
    "<p><b>No new places to review</b></p>"
    "<p>When you add articles of your own (File → Add articles…, Ctrl+O, or drop .txt, .md or saved .html files on "
    "the window), every place they name that the map does not know yet is listed here, with the sentence it came "
    "from: the ones not placed or placed with low confidence first. You accept, reject, rename or merge each, or "
    "place it on the map by a name, a position or a click.</p>"
    "<p>The places of the articles already here are on the map.</p>"
)
ALL_DECIDED = (
    "<p><b>Nothing left to decide</b></p>"
    "<p>Every new place from your articles has a decision. Untick “Only what is not decided yet” to see them (Edit → "
    "Undo reverses a decision), or add more articles (File → Add articles…).</p>"
)
COLUMNS = ("Name", "Site", "Status", "Conf.", "Mentions")
STATUS_TEXT = {"unplaced": "not placed", "low-confidence": "low confidence", "placed": "placed"}


def status_text(item: ReviewItem) -> str:
    """The status column: the decision, else what ingest did, saying when the point is only approximate (located
    by the article's text, ReviewItem.approximate)."""
    text = item.decision or STATUS_TEXT.get(item.status, item.status)
    return f"{text} · approximate" if item.approximate and item.decision is None else text


class ReviewModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[ReviewItem] = []

    def set_items(self, items: list[ReviewItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            values = (item.name, item.place or "—", status_text(item), item.confidence, item.count)
            value = values[col]
            if role == Qt.ItemDataRole.DisplayRole and col == 3:
                return f"{value:.2f}" if item.site_id else "—"
            if role == Qt.ItemDataRole.UserRole and col == 2:  # what needs a look first, then undecided, then decided
                return (0 if item.needs_review else 10 if item.decision is None else 20) + REVIEW_ORDER.get(item.status, 9)
            return value if role == Qt.ItemDataRole.DisplayRole or col != 0 else item.name.lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{item.lat:.4f}, {item.lon:.4f}" if item.lat is not None and item.lon is not None else "not placed"
            if item.approximate:
                where += f" ({item.approximate})"
            return html.escape(f"{item.name}: {where}; {item.provenance or 'no source'}; in {', '.join(item.articles)}")
        if role == Qt.ItemDataRole.FontRole and item.needs_review and col == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _Pending(QSortFilterProxyModel):
    """Hides decided items unless the reviewer asks to see everything."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only_open = True

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ReviewModel)
        return not self.only_open or model.items[row].decision is None


class ReviewPanel(QWidget):
    """Emits what the reviewer wants done; it never edits files itself."""

    decisionRequested = Signal(str, str)  # action (accept | reject | rename | merge | place), item key
    itemSelected = Signal(object)  # ReviewItem
    siteRequested = Signal(str)
    placingConfirmed = Signal(str, float, float)  # item key, lat, lon
    placingCancelled = Signal()
    placeChosen = Signal(str, float, float, object)  # item key, lat, lon, the gazetteer Suggestion or None (typed coordinates)
    addArticlesRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False  # set while the selection is restored after a reload
        self._find_for: str | None = None  # the item the typed name or position is for
        self.placing: tuple[str, str] | None = None  # (item key, name) while placing on the map
        self.model = ReviewModel(self)
        self.proxy = _Pending(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (the arrows move in it)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col < 2 else QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self._focus_selected())

        self.only_open = QCheckBox("Only what is not decided yet")
        self.only_open.setChecked(True)
        self.only_open.toggled.connect(self._set_only_open)
        self.summary = QLabel()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for action, label, tip in (
            ("accept", "Accept", "The place is right: keep it and trust it"),
            ("reject", "Reject", "Not a place (or not worth mapping): remove it; later articles will not add it again"),
            ("rename", "Rename…", "Give the site a better name; the name the article uses still matches"),
            ("merge", "Merge into…", "It is a site the map already has: add this name to that site"),
            ("place", "Place on map", "Click or drag on the map to put it where it belongs"),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, a=action: self._request(a))
            row.addWidget(button)
            self.buttons[action] = button
        row.addStretch(1)

        self.placing_bar = QWidget()
        bar = QHBoxLayout(self.placing_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.placing_label = QLabel()
        self.placing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.placing_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.place_here = QPushButton("Place here")
        self.place_here.clicked.connect(self._confirm_placing)
        self.cancel_placing = QPushButton("Cancel")
        self.cancel_placing.clicked.connect(lambda: self.end_placing())
        bar.addWidget(self.placing_label, 1)
        bar.addWidget(self.place_here)
        bar.addWidget(self.cancel_placing)
        self.placing_bar.hide()
        self.placing = None  # (item key, name)
        self.placing_at: tuple[float, float] | None = None

        # placing by a typed name or position: the window gives the article's placed places (for distances)
        self.near_places: Callable[[ReviewItem], list[tuple[str, float, float]]] | None = None
        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(150)  # suggestions follow typing, not every keystroke
        self._find_timer.timeout.connect(self.update_suggestions)
        self.place_field = QLineEdit()
        self.place_field.setPlaceholderText("Place it: type a name (e.g. Sudzha) or a position (51.19, 35.27 or 51°11′N 35°16′E)")
        self.place_field.setClearButtonEnabled(True)
        self.place_field.textEdited.connect(lambda _t: self._find_timer.start())
        self.place_field.returnPressed.connect(self._place_from_find)
        self.place_field.installEventFilter(self)
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(150)
        self.suggestions.itemActivated.connect(lambda _i: self._place_from_find())
        self.suggestions.hide()
        self.find_note = QLabel()
        self.find_note.setTextFormat(Qt.TextFormat.PlainText)
        self.find_note.setWordWrap(True)
        self.find_note.hide()

        # With nothing to show, a note of what would be here and how to get it, instead of an empty table.
        self.empty = QWidget()
        empty = QVBoxLayout(self.empty)
        empty.setContentsMargins(4, 8, 4, 4)
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.setTextFormat(Qt.TextFormat.RichText)
        self.empty_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.add_articles = QPushButton("Add articles…")
        self.add_articles.setToolTip("File → Add articles… (Ctrl+O): your own .txt, .md or saved .html files")
        self.add_articles.clicked.connect(self.addArticlesRequested)
        empty.addWidget(self.empty_note)
        empty.addWidget(self.add_articles, 0, Qt.AlignmentFlag.AlignLeft)
        empty.addStretch(1)
        self.actions_row = QWidget()
        self.actions_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_open)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.actions_row)
        layout.addWidget(self.place_field)
        layout.addWidget(self.find_note)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.placing_bar)
        self._selection_changed()

    # -- contents --------------------------------------------------------------------------------
    def set_items(self, items: list[ReviewItem]) -> None:
        """New contents (after a reload); the selection is kept without announcing it again."""
        selected = self.selected()
        row = self.table.currentIndex().row()
        self.model.set_items(items)
        self.proxy.invalidate()
        pending = sum(i.needs_review for i in items)
        self.summary.setText(f"{len(items)} new places from your articles · {pending} need a look" if items else "")
        self.summary.setVisible(bool(items))
        self._quiet = True
        try:
            if selected is not None and not self.select(selected.key) and self.proxy.rowCount():
                # decided and hidden: the next one takes its place, ready for the next decision
                self.table.setCurrentIndex(self.proxy.index(min(row, self.proxy.rowCount() - 1), 0))
            self._selection_changed()
        finally:
            self._quiet = False

    def select(self, key: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if self.model.items[self.proxy.mapToSource(index).row()].key == key:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def selected(self) -> ReviewItem | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.proxy.mapToSource(index).row()
        return self.model.items[row] if 0 <= row < len(self.model.items) else None

    def _set_only_open(self, on: bool) -> None:
        self.proxy.only_open = on
        self.proxy.invalidate()
        self._selection_changed()

    def _show_state(self) -> None:
        """The list and its actions when there is something in it; else the note of what would be (NOTHING_YET:
        no place from articles of your own; ALL_DECIDED: each decided and hidden)."""
        note = NOTHING_YET if not self.model.items else ALL_DECIDED if not self.proxy.rowCount() else None
        self.empty.setVisible(note is not None)
        if note is not None:
            self.empty_note.setText(note)
        for widget in (self.table, self.detail, self.actions_row, self.place_field):
            widget.setVisible(note is None)
        self.only_open.setVisible(bool(self.model.items))

    def _selection_changed(self) -> None:
        self._show_state()
        item = self.selected()
        # a name merged into another site is that site's alias now
        own = item is not None and item.site_id is not None and item.decision != "merged"
        enabled = {"accept": own and item is not None and item.decision != "accepted", "reject": item is not None and item.decision != "rejected",
                   "rename": own, "merge": item is not None and item.decision != "merged", "place": own or (item is not None and item.site_id is None)}  # fmt: skip
        for action, button in self.buttons.items():
            button.setEnabled(bool(enabled[action]) and self.placing is None)
        findable = bool(enabled["place"]) and self.placing is None
        if self.place_field.isEnabled() != findable or self._find_for != (item.key if item else None):
            self._find_for = item.key if item else None
            self.place_field.clear()
            self._show_suggestions([], "")
        self.place_field.setEnabled(findable)
        if item is None:
            self.detail.setText("")
            return
        where = f"at {item.lat:.4f}, {item.lon:.4f}" if item.lat is not None and item.lon is not None else "not on the map"
        if item.approximate and item.lat is not None:
            where = f"approximately {where}"  # the reason below says where the text puts it and how far off it may be
        source = f" by {item.provenance}" if item.provenance else ""
        reason = f"\n{item.reason}" if item.reason else ""
        sentence = item.sentence if len(item.sentence) <= 280 else item.sentence[:279] + "…"
        self.detail.setText(f"“{sentence}”\n{item.name}: {where}{source}, in {', '.join(item.articles)}{reason}")
        if not self._quiet:
            self.itemSelected.emit(item)

    def _focus_selected(self) -> None:
        item = self.selected()
        if item is not None and item.site_id:
            self.siteRequested.emit(item.site_id)

    def _request(self, action: str) -> None:
        item = self.selected()
        if item is not None:
            self.decisionRequested.emit(action, item.key)

    # -- placing ---------------------------------------------------------------------------------
    def begin_placing(self, item: ReviewItem) -> None:
        self.placing = (item.key, item.name)
        self.placing_at = (item.lat, item.lon) if item.lat is not None and item.lon is not None else None
        self._show_placing()
        self.placing_bar.show()
        self._selection_changed()

    def set_placing_position(self, lat: float, lon: float) -> None:
        if self.placing is not None:
            self.placing_at = (lat, lon)
            self._show_placing()

    def _show_placing(self) -> None:
        assert self.placing is not None
        where = f"{self.placing_at[0]:.4f}, {self.placing_at[1]:.4f}" if self.placing_at else "click the map"
        self.placing_label.setText(f"Placing “{self.placing[1]}”: {where}")
        self.place_here.setEnabled(self.placing_at is not None)

    def _confirm_placing(self) -> None:
        if self.placing is not None and self.placing_at is not None:
            key = self.placing[0]
            lat, lon = self.placing_at
            self.end_placing(quiet=True)
            self.placingConfirmed.emit(key, lat, lon)

    def end_placing(self, quiet: bool = False) -> None:
        was = self.placing is not None
        self.placing = None
        self.placing_at = None
        self.placing_bar.hide()
        self._selection_changed()
        if was and not quiet:
            self.placingCancelled.emit()

    # -- placing by a typed name or position ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the name field move through the suggestions, so typing, choosing and Enter
        never leave the keyboard."""
        if watched is self.place_field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.suggestions.count():
                row = max(0, min(self.suggestions.count() - 1, self.suggestions.currentRow() + step))
                self.suggestions.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def update_suggestions(self) -> None:
        """What the typed text may mean: one position, an error saying why it is not one, or places."""
        self._find_timer.stop()
        text = self.place_field.text().strip()
        item = self.selected()
        if not text or item is None:
            self._show_suggestions([], "")
            return
        if looks_like_coordinates(text):
            try:
                lat, lon = parse_coordinates(text)
            except CoordinateError as exc:
                self._show_suggestions([], f"Not a position: {exc}")
                return
            self._show_suggestions([(f"Place at {lat:.5f}, {lon:.5f}", (lat, lon, None))], "")
            return
        near = self.near_places(item) if self.near_places is not None else []
        found = suggest_places(text, near)
        note = "" if found else f"No place called “{text}” in the offline gazetteer: type a position or click the map"
        self._show_suggestions([(s.label(), (s.lat, s.lon, s)) for s in found], note)

    def _show_suggestions(self, entries: list[tuple[str, tuple[float, float, Suggestion | None]]], note: str) -> None:
        self.suggestions.clear()
        for label, value in entries:
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, value)
            entry.setToolTip(label)
            self.suggestions.addItem(entry)
        if entries:
            self.suggestions.setCurrentRow(0)
        self.suggestions.setVisible(bool(entries))
        self.find_note.setText(note)
        self.find_note.setVisible(bool(note))

    def _place_from_find(self) -> None:
        """Enter (or a double-click on a suggestion): place the item at the chosen suggestion or position."""
        if self._find_timer.isActive() or not self.suggestions.count():
            self.update_suggestions()  # Enter before the suggestions caught up with the typing
        item = self.selected()
        entry = self.suggestions.currentItem()
        if item is None or entry is None or not self.place_field.isEnabled():
            return
        lat, lon, chosen = entry.data(Qt.ItemDataRole.UserRole)
        self.place_field.clear()
        self._show_suggestions([], "")
        self.placeChosen.emit(item.key, float(lat), float(lon), chosen)
