"""The window's right side: the article reader and the review list as tabs of one dock, hidden until first used,
and the dock widths that keep the map the largest part of the window from 1280 px to 4K.

Why one dock: two docks stacked on the right halved the reader's height, and an empty reader took a third of
a laptop screen from the start. Tabs keep each at full height; the dock appears only when something is opened."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

from mapviewer.qt.keyboard import keep_focus_visible

MAP_SHARE = 0.55
"""The map's least share of the window's width with both sides open (issue 19: at 1280 px too)."""
LEFT_SHARE, RIGHT_SHARE = 0.195, 0.235
LEFT_RANGE, RIGHT_RANGE = (250, 460), (300, 680)
SEPARATORS = 12
"""Room the dock separators and frames take (two of them, a few px each, with some slack)."""


def _clamp(value: float, bounds: tuple[int, int]) -> int:
    return int(max(bounds[0], min(bounds[1], value)))


def dock_widths(window_width: int) -> tuple[int, int]:
    """(left, right) dock widths for a window `window_width` px wide: a share of it within readable bounds, and
    never so much that the map gets less than MAP_SHARE of the width (where the bounds allow)."""
    left = _clamp(window_width * LEFT_SHARE, LEFT_RANGE)
    right = _clamp(window_width * RIGHT_SHARE, RIGHT_RANGE)
    spare = int(window_width * (1 - MAP_SHARE)) - SEPARATORS
    if left + right > spare:  # a narrow window: both give way, the reader keeps its least width
        right = max(RIGHT_RANGE[0], spare - left)
        left = max(LEFT_RANGE[0] - 10, spare - right)
    return left, right


class RightDock(QDockWidget):
    """One dock on the right with a tab per panel (Article, Review new places). `show_tab` brings a panel up: the
    first time the dock is shown it is sized by dock_widths, so the map keeps its share."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__("Article", window)
        self.setObjectName("dock-right")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._page_shown)
        self.pages: dict[QWidget, QScrollArea] = {}
        self.narrow = 0  # the width before a wider tab widened the dock (0: not widened)
        self.setWidget(self.tabs)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.toggleViewAction().setText("Article and &review panel")
        self.hide()
        self.sized = False
        self.visibilityChanged.connect(self._first_shown)  # also when shown from the View menu

    def _first_shown(self, visible: bool) -> None:
        if visible and not self.sized and not self.isFloating():
            self.fit()
            QTimer.singleShot(0, self, self.fit)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """`widget` as a tab, in a scroll area: a panel wider than the dock scrolls instead of widening the dock
        for every tab (a tab widget is as wide as its widest page)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no tab stop of its own: the panel's widgets are
        keep_focus_visible(scroll)
        self.tabs.addTab(scroll, title)
        self.pages[widget] = scroll

    def _page_shown(self, index: int) -> None:
        """A tab brought up: the dock takes the title, and widens (up to half the window) if its panel needs it."""
        self.setWindowTitle(self.tabs.tabText(index).replace("&", ""))
        page = self.tabs.widget(index)
        content = page.widget() if isinstance(page, QScrollArea) else None
        window = self.parentWidget()
        if not isinstance(page, QScrollArea) or content is None or not isinstance(window, QMainWindow) or not self.isVisible() or self.isFloating():
            return
        need = content.minimumSizeHint().width() + (self.width() - page.viewport().width())
        if need > self.width():
            self.narrow = self.narrow or self.width()
            window.resizeDocks([self], [min(need, window.width() // 2)], Qt.Orientation.Horizontal)
        elif self.narrow and need <= self.narrow:  # back to the width it had before a wider tab
            window.resizeDocks([self], [self.narrow], Qt.Orientation.Horizontal)
            self.narrow = 0

    def showing(self, widget: QWidget) -> bool:
        """Whether `widget` is the tab the user sees (the dock shown, that tab current)."""
        return self.isVisible() and self.tabs.currentWidget() is self.pages.get(widget)

    def show_tab(self, widget: QWidget) -> None:
        if not self.isVisible():
            self.show()
            if not self.sized and not self.isFloating():
                self.fit()
                QTimer.singleShot(0, self, self.fit)  # once the layout has the dock: it takes its size from that pass
        self.tabs.setCurrentWidget(self.pages[widget])
        self._page_shown(self.tabs.currentIndex())  # also when it was current already (the dock was hidden)
        self.raise_()

    def fit(self) -> None:
        """Size this dock (and the left docks) as dock_widths says for the window's present width."""
        window = self.parentWidget()
        if not isinstance(window, QMainWindow):
            return
        self.sized = True
        left_docks = [d for d in window.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()
                      and window.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea]
        left, right = dock_widths(window.width())
        docks: list[QDockWidget] = [self]
        widths = [right]
        if left_docks:
            docks.append(left_docks[0])
            widths.append(left)
        window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
