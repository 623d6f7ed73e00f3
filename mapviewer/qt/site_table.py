"""The site table: a model over the visible sites (model/view, not rebuilt widgets) behind a sort proxy."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from mapviewer.core.filters import FilterResult
from mapviewer.core.model import CERTAINTIES
from mapviewer.core.style import CERTAINTY_COLOURS
from mapviewer.core.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Kind", "Country", "Passages", "Strongest claim")


class SiteTableModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows: list[tuple[str, int, str]] = []  # (site id, passages, strongest certainty)

    def set_result(self, result: FilterResult) -> None:
        counts = {}
        best: dict[int, int] = {}
        for row in result.mention_mask.nonzero()[0]:
            site_row = int(self.ws.table.site[row])
            counts[site_row] = counts.get(site_row, 0) + 1
            best[site_row] = min(best.get(site_row, 99), int(self.ws.table.certainty[row]))
        self.beginResetModel()
        self.rows = [(self.ws.table.site_ids[r], counts[r], CERTAINTIES[best[r]]) for r in sorted(counts)]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        site_id, count, certainty = self.rows[index.row()]
        site = self.ws.site_by_id[site_id]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (site.name, site.kind.replace("-", " "), site.country, count, certainty)[col]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (site.name.lower(), site.kind, site.country, count, CERTAINTIES.index(certainty))[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 4:
            return QColor(CERTAINTY_COLOURS[certainty])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{site.name} — {site.coord_source}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SiteTable(QTableView):
    siteSelected = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = SiteTableModel(ws, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model_)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def _on_activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        self.siteSelected.emit(self.model_.rows[source.row()][0])

    def set_result(self, result: FilterResult) -> None:
        self.model_.set_result(result)
