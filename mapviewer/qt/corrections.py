"""Correcting a passage's claim label (an editor bar for the reader) and the undoable commands for
every edit the window makes: labels, review decisions, article details.

Corrections go through Workspace.correct (saved atomically as overrides); the window then refreshes
the filter and tells the page about the new label, without reloading it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QToolButton, QWidget

from mapviewer.core import commit
from mapviewer.core.ingest.decisions import restore, snapshot
from mapviewer.core.model import CERTAINTIES, TOPICS, Mention
from mapviewer.core.style import CERTAINTY_COLOURS
from mapviewer.core.workspace import Workspace
from mapviewer.qt.filters_panel import swatch

WRITE_WAIT = 3.0
"""Seconds the window waits for another mapviewer writing the same folder before giving up (it must not
freeze): the edit is then refused with `busy_text`."""


def busy_text(folder: Path) -> str:
    return f"another mapviewer (a window, or `mapviewer ingest`) is writing to {folder}; nothing was changed — try again when it has finished"


class CorrectLabel(QUndoCommand):
    """Set (or clear, with None) the user's label for one mention; undo restores the previous one."""

    def __init__(self, workspace: Callable[[], Workspace], mention_id: str, certainty: str | None, topics: list[str] | None,
                 on_change: Callable[[Mention], None], on_refused: Callable[[str], None] | None = None) -> None:
        super().__init__(f"Correct label of {mention_id}")
        self.on_refused = on_refused
        self.workspace = workspace  # the window's current one: it is reloaded when articles are added
        ws = workspace()
        self.mention_id = mention_id
        self.new = (certainty, topics)
        previous = ws.overrides.labels.get(mention_id, {})
        self.old = (previous.get("certainty"), previous.get("topics"))
        self.on_change = on_change

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, label: tuple[str | None, list[str] | None]) -> None:
        ws = self.workspace()
        folders = ws.location.folders()
        folder = ws.location.overrides.parent
        try:
            with commit.writing(folder, wait=WRITE_WAIT):
                seen = commit.tokens(folders)
                mention = ws.correct(self.mention_id, *label)
                if ws.commits == seen:  # nothing else changed: the open state is this commit's
                    ws.commits = commit.tokens(folders)
        except KeyError:  # the passage is gone (its article was removed): nothing left to correct
            self.setObsolete(True)
            return
        except OSError as exc:
            self.setObsolete(True)
            if self.on_refused is not None:
                self.on_refused(f"The correction was not saved: {busy_text(folder) if isinstance(exc, commit.Busy) else exc}")
            return
        self.on_change(mention)


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
        self.topics.setMaximumWidth(220)
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.certainty, self.topics, self.reset, self.source):
            layout.addWidget(w)
        layout.addStretch(1)
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


class WorkspaceEdit(QUndoCommand):
    """A review decision or a details edit, undoable: the workspace files before and after it, put back
    whole — but only when the files are still exactly as this edit left them. After a later ingest, or a
    change from the command line, putting old bytes back would erase that work: the step is refused and
    dropped from the history instead."""

    def __init__(self, text: str, root: Path, before: dict[str, bytes | None], after: dict[str, bytes | None],
                 on_change: Callable[[], None], on_refused: Callable[[str], None]) -> None:  # fmt: skip
        super().__init__(text)
        self.root, self.before, self.after = root, before, after
        self.on_change, self.on_refused = on_change, on_refused
        self.first = True

    def _put(self, expected: dict[str, bytes | None], target: dict[str, bytes | None], verb: str) -> None:
        try:
            with commit.writing(self.root, wait=WRITE_WAIT):
                if snapshot(self.root) != expected:
                    self.setObsolete(True)
                    self.on_refused(f"Cannot {verb} “{self.text()}”: the workspace has changed since (articles added or "
                                    "edited elsewhere); it is left as it is.")  # fmt: skip
                    return
                restore(self.root, target)
        except OSError as exc:
            self.setObsolete(True)
            self.on_refused(f"Cannot {verb} “{self.text()}”: {busy_text(self.root) if isinstance(exc, commit.Busy) else exc}")
            return
        self.on_change()

    def redo(self) -> None:
        if self.first:  # the edit itself already wrote these files
            self.first = False
            self.on_change()
        else:
            self._put(self.before, self.after, "redo")

    def undo(self) -> None:
        self._put(self.after, self.before, "undo")
