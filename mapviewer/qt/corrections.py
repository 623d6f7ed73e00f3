"""Correcting a passage's claim label: the editor bar above the reader's article text.

A correction is the session's undoable CorrectLabel command (core/session.py), saved atomically as an
override; the window then tells the page about the new label, without reloading it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from mapviewer.core.model import CERTAINTIES, TOPICS, Mention
from mapviewer.core.style import CERTAINTY_COLOURS
from mapviewer.qt.filters_panel import swatch


class ClaimEditor(QWidget):
    """Certainty and topics of the highlighted passage, editable; emits through `submit`."""

    def __init__(self, submit: Callable[[str, str | None, list[str] | None], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.mention: Mention | None = None
        self.label = QLabel("Claim:")
        self.certainty = QComboBox()
        for c in CERTAINTIES:
            self.certainty.addItem(swatch(CERTAINTY_COLOURS[c]), c.capitalize(), c)
        self.certainty.activated.connect(self._certainty_chosen)
        self.topics = QToolButton()
        self.topics.setText("Topics")
        self.topics.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.topic_menu = QMenu(self)
        self.topic_actions = {}
        for t, label in TOPICS.items():
            action = self.topic_menu.addAction(label)
            action.setCheckable(True)
            action.triggered.connect(self._topics_chosen)
            self.topic_actions[t] = action
        self.topics.setMenu(self.topic_menu)
        self.reset = QPushButton("Use rule label")
        self.reset.clicked.connect(lambda: self.mention and self.submit(self.mention.id, None, None))
        self.source = QLabel()
        self.source.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Two rows, so the reader stays narrow (a third of a 1280 px window at most): the certainty and who
        # decided it, then the topics (elided, in full in the tooltip) and the way back to the rule's label.
        self.topics.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.topics.setMinimumWidth(80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, widgets in ((first, (self.label, self.certainty, self.source)), (second, (self.topics, self.reset))):
            for w in widgets:
                row.addWidget(w)
            layout.addLayout(row)
        first.setStretch(2, 1)
        second.setStretch(0, 1)
        self.setEnabled(False)

    def show_mention(self, mention: Mention | None) -> None:
        self.mention = mention
        self.setEnabled(mention is not None)
        if mention is None:
            return
        self.certainty.setCurrentIndex(CERTAINTIES.index(mention.claim.certainty))
        for t, action in self.topic_actions.items():
            action.setChecked(t in mention.claim.topics)
        self.topics.setText(", ".join(TOPICS[t] for t in mention.claim.topics) or "No topic")
        self.topics.setToolTip(f"Topics: {self.topics.text()} (click to change)")
        self.reset.setEnabled(mention.claim.source == "user")
        self.source.setText("corrected by you" if mention.claim.source == "user" else "by rule")
        self.source.setToolTip(mention.claim.evidence)

    def _certainty_chosen(self, index: int) -> None:
        if self.mention is not None:
            self.submit(self.mention.id, CERTAINTIES[index], list(self.mention.claim.topics))

    def _topics_chosen(self) -> None:
        if self.mention is not None:
            chosen = [t for t, a in self.topic_actions.items() if a.isChecked()]
            self.submit(self.mention.id, self.mention.claim.certainty, chosen)
