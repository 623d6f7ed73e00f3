"""The search's hits as a list (a tab beside the Sites table): the sites and passages containing the search box's
term, the term highlighted. Activating a site flies to it; activating a passage opens it in the reader. Article
text is untrusted: every piece of it is escaped before it becomes the list's HTML."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from mapviewer.core.filters import FilterResult
from mapviewer.core.search import Hit, search_hits

if TYPE_CHECKING:
    from mapviewer.qt.mainwindow import MainWindow

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
MARK = "#ffe066"
WHERE_CHARS = 56
"""An article title longer than this is cut in the list's small line (in full in the tooltip)."""


def hit_html(hit: Hit, dim: str = "#667085") -> str:
    """The hit as HTML: a small line saying what it is, then its text with the term marked; all text escaped."""
    pieces, pos = [], 0
    for start, end in hit.spans:
        pieces.append(html.escape(hit.text[pos:start]))
        pieces.append(f'<span style="background:{MARK}; color:#1d2430">{html.escape(hit.text[start:end])}</span>')
        pos = end
    pieces.append(html.escape(hit.text[pos:]))
    kind = "Site" if hit.kind == "site" else "Passage"
    where = hit.where if len(hit.where) <= WHERE_CHARS else hit.where[: WHERE_CHARS - 1].rstrip() + "…"
    return f'<div style="color:{dim}; font-size:small">{kind} · {html.escape(where)}</div><div>{"".join(pieces)}</div>'


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's HTML_ROLE (wrapped to the view's width) over the usual item background."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(60, option.rect.width()))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(opt, index)
        painter.save()
        painter.translate(opt.rect.topLeft())
        doc.drawContents(painter, QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        if isinstance(view, QListView):
            opt.rect.setWidth(view.viewport().width())
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class SearchHits(QWidget):
    """The list. `show_hits` fills it; activating a row (click, Enter) emits siteRequested or passageRequested."""

    siteRequested = Signal(str)
    passageRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Type in the search box (Ctrl+F) to list the sites and passages that contain it.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # the term is the user's text, not markup
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HtmlDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap to a new width
        self.view.setAlternatingRowColors(True)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.query = ""
        self.hits: list[Hit] = []

    def show_hits(self, query: str, hits: list[Hit], total: int) -> None:
        self.query, self.hits = query, hits
        self.model.clear()
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        for hit in hits:
            item = QStandardItem()
            item.setData(hit_html(hit, dim), HTML_ROLE)
            item.setData(hit, HIT_ROLE)
            item.setToolTip(f"{hit.where}: {hit.text}")
            item.setEditable(False)
            self.model.appendRow(item)
        term = query.strip()
        if not term:
            self.summary.setText("Type in the search box (Ctrl+F) to list the sites and passages that contain it.")
        elif not total:
            self.summary.setText(f"Nothing shown contains “{term}” (the other filters apply too).")
        else:
            sites = sum(1 for h in hits if h.kind == "site")
            more = f" (the first {len(hits)} of {total} listed)" if total > len(hits) else ""
            self.summary.setText(f"“{term}”: {sites} site(s), {len(hits) - sites} passage(s){more}. Enter or click opens one.")

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            if hit.mention_id is None:
                self.siteRequested.emit(hit.site_id)
            else:
                self.passageRequested.emit(hit.mention_id)


class SearchHitsDock(QDockWidget):
    """The list as a dock tabbed with the Sites table; it comes to the front when a search begins and gives way to
    the table when the search box is cleared."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Search results", window)
        self.window_ = window
        self.setObjectName("dock-search")
        self.hits = SearchHits()
        self.setWidget(self.hits)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self)
        window.tabifyDockWidget(window.sites_dock, self)
        window.sites_dock.raise_()
        self.hits.siteRequested.connect(window.show_site)
        self.hits.passageRequested.connect(window.open_passage)
        window.session.filtered.connect(self.refresh)
        self.refresh(window.session.result)

    def refresh(self, result: FilterResult) -> None:
        window = self.window_
        query = window.session.filter.text
        began = bool(query.strip()) and not self.hits.query.strip()
        ended = not query.strip() and bool(self.hits.query.strip())
        hits, total = search_hits(window.ws, result, query)
        self.hits.show_hits(query, hits, total)
        if began:
            self.show()
            self.raise_()
        elif ended:
            window.sites_dock.raise_()
