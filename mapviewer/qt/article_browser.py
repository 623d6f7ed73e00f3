"""The reader's text view for the keyboard: the article is one Tab stop, its place links a roving stop inside it.

A QTextBrowser steps Tab through every link of its text, so a long article held the focus for dozens of presses
before the timeline. Here Tab and Shift+Tab leave the article at once; inside it Left and Right step from place link
to place link (the link chosen is selected, scrolled into view and kept for the next visit), Enter or Space opens it
(anchorClicked, as a click does); Up, Down, Page Up and Page Down scroll as before."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

LINK_KEYS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}
"""Keys that step through the links (no modifier), and which way."""


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser whose links are one roving tab stop (see the module's docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links: list[tuple[int, int, str]] | None = None
        self.current: int | None = None
        """The index (in links()) of the link chosen by the keys, or None."""
        self.textChanged.connect(self._forget)

    def _forget(self) -> None:
        self._links, self.current = None, None

    def links(self) -> list[tuple[int, int, str]]:
        """(start, end, href) of every link of the text, in order."""
        if self._links is None:
            found: list[tuple[int, int, str]] = []
            block = self.document().begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fragment = it.fragment()
                    href = fragment.charFormat().anchorHref() if fragment.charFormat().isAnchor() else ""
                    if href:
                        start, end = fragment.position(), fragment.position() + fragment.length()
                        if found and found[-1][2] == href and found[-1][1] == start:  # one link split in fragments
                            found[-1] = (found[-1][0], end, href)
                        else:
                            found.append((start, end, href))
                    it += 1
                block = block.next()
            self._links = found
        return self._links

    def _first_in_view(self, step: int) -> int | None:
        """The first link in view (the last, stepping back); else the first (last) of all."""
        links = self.links()
        if not links:
            return None
        top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        bottom = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        shown = [i for i, (start, _end, _href) in enumerate(links) if top <= start <= bottom]
        if shown:
            return shown[0] if step > 0 else shown[-1]
        return 0 if step > 0 else len(links) - 1

    def step_link(self, step: int) -> int | None:
        """Choose the next (step 1) or previous (-1) link, stopping at the ends; its index, or None (no links)."""
        links = self.links()
        if not links:
            return None
        if self.current is None or not 0 <= self.current < len(links):
            index = self._first_in_view(step)
        else:
            index = min(max(self.current + step, 0), len(links) - 1)
        assert index is not None
        self.choose(index)
        return index

    def choose(self, index: int) -> None:
        start, end, _href = self.links()[index]
        self.current = index
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def open_current(self) -> bool:
        if self.current is None or not 0 <= self.current < len(self.links()):
            return False
        self.anchorClicked.emit(QUrl(self.links()[self.current][2]))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = LINK_KEYS.get(Qt.Key(event.key())) if event.modifiers() == Qt.KeyboardModifier.NoModifier else None
        if step is not None:
            self.step_link(step)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.open_current():
            pass
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the article (its links are stepped with Left and Right): the window's own focus chain."""
        return QWidget.focusNextPrevChild(self, next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.current is not None and 0 <= self.current < len(self.links()):  # back to the link chosen last time
            self.choose(self.current)
