"""Edit → Article details…: correct the title, outlet, date and URL ingest read from a file.

Only the user's own articles are editable (the bundled corpus is read-only); the text never changes.
The dialog validates with the core's rules before it closes, so a bad URL is a message, not a save.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mapviewer.core.ingest.store import EDITABLE, article_details_problem
from mapviewer.core.model import Article

LABELS = {"title": "Title", "outlet": "Outlet", "date": "Date", "url": "Address (URL)"}


class ArticleDetailsDialog(QDialog):
    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article = article
        self.setWindowTitle("Article details")
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, limit in EDITABLE.items():
            edit = QLineEdit(getattr(article, name) or "")
            edit.setMaxLength(limit)
            edit.setClearButtonEnabled(True)
            form.addRow(LABELS[name], edit)
            self.fields[name] = edit
        self.fields["date"].setPlaceholderText("as the article gives it, e.g. 2025-06-17")
        self.fields["url"].setPlaceholderText("https://…")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Article “{article.id}” (the text itself stays as it was ingested)"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str | None]:
        """Only what differs from the article as loaded."""
        out: dict[str, str | None] = {}
        for name, edit in self.fields.items():
            value = edit.text().strip()
            if value != (getattr(self.article, name) or ""):
                out[name] = value
        return out

    def accept(self) -> None:
        problem = article_details_problem(self.changes())
        if problem:
            self.error.setText(problem)
            return
        super().accept()
