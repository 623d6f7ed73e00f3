"""The filter panel turns ticks and typing into a core Filter and shows facet counts; nothing more."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mapviewer.core.filters import NO_TOPIC, Filter, FilterResult
from mapviewer.core.model import CERTAINTIES, TOPICS
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP
from mapviewer.core.workspace import Workspace


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


class FiltersPanel(QWidget):
    filterChanged = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._labels: dict[QCheckBox, str] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search sites and passages…")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.article_boxes = {a.id: self._box(a.title, a.id) for a in ws.articles}
        self.certainty_boxes = {c: self._box(c.capitalize(), c, CERTAINTY_COLOURS[c], CERTAINTY_HELP[c]) for c in CERTAINTIES}
        self.topic_boxes = {t: self._box(label, t) for t, label in {**TOPICS, NO_TOPIC: "No topic"}.items()}

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.search)
        layout.addWidget(self._group("Source articles", self.article_boxes, with_all=True))
        layout.addWidget(self._group("Certainty", self.certainty_boxes, with_all=True))
        layout.addWidget(self._group("Topic", self.topic_boxes, with_all=True))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumWidth(240)

    def _box(self, label: str, key: str, colour: str | None = None, tip: str | None = None) -> QCheckBox:
        box = QCheckBox(label)
        box.setChecked(True)
        box.setObjectName(key)
        if colour:
            box.setIcon(swatch(colour))
        box.setToolTip(tip or label)
        box.toggled.connect(self._emit)
        self._labels[box] = label
        return box

    def _group(self, title: str, boxes: dict[str, QCheckBox], with_all: bool) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        if with_all:
            row = QHBoxLayout()
            for text, state in (("All", True), ("None", False)):
                button = QPushButton(text)
                button.setFlat(True)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.clicked.connect(lambda _c=False, s=state, b=boxes: self.set_all(b, s))
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        for box in boxes.values():
            layout.addWidget(box)
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
            articles=self._selection(self.article_boxes),
            certainties=self._selection(self.certainty_boxes),
            topics=self._selection(self.topic_boxes),
            text=self.search.text(),
        )

    def _emit(self) -> None:
        self.filterChanged.emit(self.current())

    def set_counts(self, result: FilterResult) -> None:
        """Counts beside each choice: what it would show given the other filters."""
        for key, box in self.article_boxes.items():
            box.setText(f"{self._labels[box]}  ({result.article_counts.get(key, 0)})")
        for key, box in self.certainty_boxes.items():
            box.setText(f"{self._labels[box]}  ({result.certainty_counts.get(key, 0)})")
        for key, box in self.topic_boxes.items():
            box.setText(f"{self._labels[box]}  ({result.topic_counts.get(key, 0)})")

    def state(self) -> dict:
        return {
            "unchecked": [b.objectName() for group in (self.article_boxes, self.certainty_boxes, self.topic_boxes) for b in group.values() if not b.isChecked()],
            "search": self.search.text(),
        }

    def restore(self, state: dict) -> None:
        """Re-apply remembered filters, ignoring names this workspace does not have."""
        unchecked = set(state.get("unchecked") or [])
        for group in (self.article_boxes, self.certainty_boxes, self.topic_boxes):
            for key, box in group.items():
                box.blockSignals(True)
                box.setChecked(key not in unchecked)
                box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(str(state.get("search") or ""))
        self.search.blockSignals(False)
