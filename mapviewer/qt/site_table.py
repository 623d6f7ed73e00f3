"""The site table: a model over the visible sites (model/view, not rebuilt widgets) behind a sort proxy."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from mapviewer.core.filters import FilterResult
from mapviewer.core.model import CERTAINTIES
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP
from mapviewer.core.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Kind", "Country", "Passages", "Claim", "Sources")
HEADER_TIPS = (
    "The site's name (hover a row for its kind, country and where its coordinates come from)",
    "What kind of place it is",
    "The country it is in",
    "Passages: how many of the shown passages name the site",
    "Strongest claim among the shown passages (the marker's colour)",
    "Independent sources naming the site among the shown passages (distinct outlets; a reproduced or relayed article counts with its source)",
)
NAME_MIN, KIND_WIDTH, COUNTRY_WIDTH, SOURCES_WIDTH = 110, 92, 84, 64
"""The least width of the Name column, and the widths Kind and Country get when the table has room for them:
in a narrow table (a 1280 px window) they give way, so Name, Passages and Claim fit without a horizontal scroll."""


class SiteTableModel(QAbstractTableModel):
    """Rows are site indexes (numpy); counts, strongest claims and sorting are array operations, so a
    filter change at 100,000 sites costs milliseconds and the view asks only for the rows it shows."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.sites = [ws.site_by_id[i] for i in ws.table.site_ids]
        n = len(self.sites)
        self.order = np.zeros(0, dtype=np.int64)  # shown site indexes, in display order
        self.counts = np.zeros(n, dtype=np.int64)
        self.best = np.full(n, len(CERTAINTIES), dtype=np.int64)
        self.sources: np.ndarray | None = None  # per site, independent sources among the shown passages (None: not known yet)
        self._rank: dict[int, np.ndarray] = {}  # per text column: each site's position in sorted order
        self._sort = (3, Qt.SortOrder.DescendingOrder)
        self.compact_claim = False  # the Claim column as its colour alone (a narrow table); the word in the tooltip

    def set_compact_claim(self, compact: bool) -> None:
        """Compact: Claim shows its colour alone and Passages is headed "#" (both in full in the tooltips)."""
        if compact != self.compact_claim:
            self.compact_claim = compact
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 3, 4)
            if self.order.size:
                self.dataChanged.emit(self.index(0, 4), self.index(len(self.order) - 1, 4))

    def _text_rank(self, column: int) -> np.ndarray:
        if column not in self._rank:
            keys = [(s.name.lower(), s.kind, s.country)[column] for s in self.sites]
            rank = np.empty(len(keys), dtype=np.int64)
            rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
            self._rank[column] = rank
        return self._rank[column]

    def set_result(self, result: FilterResult) -> None:
        rows = result.mention_mask.nonzero()[0]
        site = self.ws.table.site[rows].astype(np.int64)
        self.counts = np.bincount(site, minlength=len(self.sites))
        self.best = np.full(len(self.sites), len(CERTAINTIES), dtype=np.int64)
        np.minimum.at(self.best, site, self.ws.table.certainty[rows].astype(np.int64))
        self.sources = self.ws.table.source_counts_if_ready(result.mention_mask)
        self.beginResetModel()
        self.order = self._sorted(np.flatnonzero(self.counts), *self._sort)
        self.endResetModel()

    def _sorted(self, shown: np.ndarray, column: int, order: Qt.SortOrder) -> np.ndarray:
        if column == 3:
            key = self.counts[shown]
        elif column == 4:
            key = self.best[shown]
        elif column == 5:
            key = self.sources[shown] if self.sources is not None else np.zeros(len(shown), dtype=np.int64)
        else:
            key = self._text_rank(column)[shown]
        alphabetical = np.argsort(self._text_rank(0)[shown], kind="stable")  # ties keep name order
        key = key[alphabetical]
        return shown[alphabetical][np.argsort(-key if order == Qt.SortOrder.DescendingOrder else key, kind="stable")]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.order = self._sorted(self.order, column, order)
        self.layoutChanged.emit()

    @property
    def rows(self) -> list[tuple[str, int, str]]:
        """(site id, passages, strongest certainty) per shown row, in display order."""
        return [(self.sites[i].id, int(self.counts[i]), CERTAINTIES[self.best[i]]) for i in self.order]

    def site_id(self, row: int) -> str:
        return self.sites[int(self.order[row])].id

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "#" if self.compact_claim and section == 3 else COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        i = int(self.order[index.row()])
        site = self.sites[i]
        certainty = CERTAINTIES[self.best[i]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            claim = "" if self.compact_claim else certainty
            sources = int(self.sources[i]) if self.sources is not None else ""
            return (site.name, site.kind.replace("-", " "), site.country, int(self.counts[i]), claim, sources)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 4:
            return QColor(CERTAINTY_COLOURS[certainty])
        if role == Qt.ItemDataRole.ToolTipRole:  # the full text of what a narrow column elides or hides
            where = ", ".join(x for x in (site.kind.replace("-", " "), site.country) if x)
            return (
                f"{site.name} ({where})\n{int(self.counts[i])} passage(s) shown; strongest claim: {certainty}"
                f" — {CERTAINTY_HELP[certainty]}\nCoordinates: {site.coord_source}"
                + (f"\nNamed by {int(self.sources[i])} independent source(s)" if self.sources is not None else "")
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SiteTable(QTableView):
    siteSelected = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = SiteTableModel(ws, self)
        self.setModel(self.model_)
        self.setSortingEnabled(True)
        self.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab goes on to the map (the arrows move between rows)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, KIND_WIDTH), (2, COUNTRY_WIDTH), (5, SOURCES_WIDTH)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(36)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns fit instead
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Name keeps NAME_MIN px beside the always-shown Passages and Claim: Claim shows its word only where
        that fits (else its colour, the word in the tooltip), then Country, then Kind are shown as room allows."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        words = metrics.horizontalAdvance("speculative") + self.iconSize().width() + 24
        passages = metrics.horizontalAdvance(COLUMNS[3]) + 36  # its title and the sort arrow
        room = self.viewport().width() - NAME_MIN - passages - max(words, header.sectionSizeHint(4))
        self.model_.set_compact_claim(room < 0)
        if room < 0:
            room += passages + words - header.sectionSizeHint(3) - header.sectionSizeHint(4)
        for column, width in ((5, SOURCES_WIDTH), (2, COUNTRY_WIDTH), (1, KIND_WIDTH)):
            show = room >= width
            if header.isSectionHidden(column) == show:
                header.setSectionHidden(column, not show)
            if show:
                room -= width

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A row reached by keyboard (arrows, Page Up/Down, Home/End) is chosen like a clicked one: the map flies
        to it. Only keys: a row the table selects by itself (a filter change) does not move the map."""
        before = self.currentIndex().row()
        super().keyPressEvent(event)
        current = self.currentIndex()
        if current.isValid() and current.row() != before:
            self._on_activated(current)

    def _on_activated(self, index: QModelIndex) -> None:
        self.siteSelected.emit(self.model_.site_id(index.row()))

    def set_result(self, result: FilterResult) -> None:
        self.model_.set_result(result)
