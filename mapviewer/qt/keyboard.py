"""The window for a user without a mouse: View → Go to (a shortcut per main area, core.keyboard.AREAS, and F6 /
Shift+F6 from area to area), one Tab order across the docks in the areas' order, and scroll areas around
panels that follow the focus (keep_focus_visible) instead of being tab stops themselves."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QFocusFrame,
    QLineEdit,
    QMenu,
    QScrollArea,
    QWidget,
)

from mapviewer.core.keyboard import AREAS, NEXT_AREA, PREVIOUS_AREA, step

if TYPE_CHECKING:
    from mapviewer.qt.mainwindow import MainWindow


@dataclass(frozen=True)
class AreaWidgets:
    roots: Callable[[MainWindow], list[QWidget]]
    """The widgets the area is made of (its docks, the map), in Tab order."""
    target: Callable[[MainWindow], QWidget]
    """Where Go to puts the focus."""
    bring_up: Callable[[MainWindow], None]
    """Shows the area (its dock, the right panel's current tab) before the focus goes there."""


def _raise(dock: QDockWidget) -> None:
    dock.show()
    dock.raise_()


def _hits_up(window: MainWindow) -> bool:
    """Whether the search results are the tab up (of the two tabbed with the Sites table)."""
    hits = window.search_dock
    return hits.isVisible() and not hits.visibleRegion().isEmpty()


def _sites_target(window: MainWindow) -> QWidget:
    """The Sites table, or the search results when that tab is the one up."""
    return window.search_dock.hits.view if _hits_up(window) else window.sites


def _bring_up_sites(window: MainWindow) -> None:
    """The Sites table's dock (or the search results, when up); asked again while the focus is in one of them,
    the other one comes up: Ctrl+2 switches between them (their tab bar is no tab stop)."""
    again = area_of(window, QApplication.focusWidget()) == "sites"
    if again:
        _raise(window.sites_dock if _hits_up(window) else window.search_dock)
    elif not _hits_up(window):
        _raise(window.sites_dock)


def _bring_up_panel(window: MainWindow) -> None:
    dock = window.right_dock
    page = dock.tabs.currentWidget()
    widget = page.widget() if isinstance(page, QScrollArea) else None
    if widget is not None and not dock.isVisible():
        dock.show_tab(widget)
    _raise(dock)


def _focus_map(window: MainWindow) -> None:
    window.map.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.map.page_api.focus_map()


def _filters(window: MainWindow) -> list[QWidget]:
    return [window.filters_dock]


def _sites(window: MainWindow) -> list[QWidget]:
    return [window.sites_dock, window.search_dock]


def _map(window: MainWindow) -> list[QWidget]:
    return [window.map]


def _panel(window: MainWindow) -> list[QWidget]:
    return [window.right_dock]


def _timeline(window: MainWindow) -> list[QWidget]:
    return [window.timeline_dock]


def _articles_list(window: MainWindow) -> QWidget:
    return window.filters.articles.view


def _map_view(window: MainWindow) -> QWidget:
    return window.map


def _panel_tabs(window: MainWindow) -> QWidget:
    return window.right_dock.tabs.tabBar()


def _chart(window: MainWindow) -> QWidget:
    return window.timeline.chart


def _nothing(_window: MainWindow) -> None:
    return None


def _raise_filters(window: MainWindow) -> None:
    _raise(window.filters_dock)


def _raise_timeline(window: MainWindow) -> None:
    _raise(window.timeline_dock)


AREA_WIDGETS: dict[str, AreaWidgets] = {
    "filters": AreaWidgets(_filters, _articles_list, _raise_filters),
    "sites": AreaWidgets(_sites, _sites_target, _bring_up_sites),
    "map": AreaWidgets(_map, _map_view, _nothing),
    "panel": AreaWidgets(_panel, _panel_tabs, _bring_up_panel),
    "timeline": AreaWidgets(_timeline, _chart, _raise_timeline),
}
"""Each area of core.keyboard.AREAS as widgets of the window (the same keys, checked by the tests)."""

FOCUSERS: dict[str, Callable[[MainWindow], None]] = {"map": _focus_map}
"""How the focus is put in an area when setFocus on its target is not all (the map's page takes it too)."""


def go_to(window: MainWindow, key: str) -> QWidget:
    """Show area `key` and put the keyboard focus there; the widget that has it."""
    parts = AREA_WIDGETS[key]
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # a focus moved by the keyboard: shown (FocusRing)
    parts.bring_up(window)
    target = parts.target(window)
    focus = FOCUSERS.get(key)
    if focus is not None:
        focus(window)
    else:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return target


def area_of(window: MainWindow, widget: QWidget | None) -> str | None:
    """The area `widget` is in (None: none, e.g. the menu bar)."""
    while widget is not None and widget is not window:
        for area in AREAS:
            if any(widget is root for root in AREA_WIDGETS[area.key].roots(window)):
                return area.key
        widget = widget.parentWidget()
    return None


def shown_areas(window: MainWindow) -> set[str]:
    """The areas the user can see now (a closed dock's area is not stepped to by F6)."""
    return {a.key for a in AREAS if any(root.isVisible() for root in AREA_WIDGETS[a.key].roots(window))}


def step_area(window: MainWindow, back: bool = False) -> str | None:
    """F6 (Shift+F6): the focus to the next (previous) area shown."""
    key = step(area_of(window, QApplication.focusWidget()), shown_areas(window), back)
    if key is not None:
        go_to(window, key)
    return key


def tab_roots(window: MainWindow) -> list[QWidget]:
    """The areas' widgets (docks, the map) in Tab order: AREAS order."""
    return [root for area in AREAS for root in AREA_WIDGETS[area.key].roots(window)]


class _FocusFollower(QObject):
    """Scrolls its scroll area to whichever of its widgets gets the focus (a child of the scroll area: its
    connection ends with it)."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self.scroll = scroll

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.scroll.widget()
        with contextlib.suppress(RuntimeError):  # a widget deleted on the way (its wrapper outlived it)
            if new is not None and content is not None and content.isAncestorOf(new):
                self.scroll.ensureWidgetVisible(new)


def keep_focus_visible(scroll: QScrollArea) -> None:
    """Scroll `scroll` to whichever of its widgets gets the focus, however it got there (Qt does so only when
    the focus moved from inside it: Shift+Tab from the Sites table to the bottom of the filters would not)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FocusFollower(scroll).follow)


SAVED_POLICY = "mapviewerFocusPolicy"
"""The dynamic property that keeps a widget's focus policy while its dock is a tab behind another."""


def set_reachable(stops: list[QWidget], reachable: bool) -> None:
    """A dock that is a tab behind another stays "visible" to Qt (moved off screen), so Tab would put the focus
    on widgets no one sees: while it is behind, its tab `stops` take no focus (their policies come back with it)."""
    for w in stops:
        saved = w.property(SAVED_POLICY)
        if reachable and saved is not None:
            w.setFocusPolicy(Qt.FocusPolicy(saved))
            w.setProperty(SAVED_POLICY, None)
        elif not reachable and saved is None and w.focusPolicy() != Qt.FocusPolicy.NoFocus:
            w.setProperty(SAVED_POLICY, w.focusPolicy().value)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def _table_stops(window: MainWindow) -> list[QWidget]:
    return [window.sites]


def _hits_stops(window: MainWindow) -> list[QWidget]:
    return [window.search_dock.hits.view]


TABBED_STOPS: dict[str, Callable[[MainWindow], list[QWidget]]] = {"dock-sites": _table_stops, "dock-search": _hits_stops}
"""The tab stops of the docks tabbed together (by object name): the one behind has none."""


def _tabbed(window: MainWindow) -> list[QDockWidget]:
    return [window.sites_dock, window.search_dock]


def track_tabbed(window: MainWindow) -> None:
    """Docks tabbed together: the one behind takes no focus (set_reachable), from now on."""
    for dock in _tabbed(window):
        stops = TABBED_STOPS[dock.objectName()]
        dock.visibilityChanged.connect(lambda on, stops=stops: set_reachable(stops(window), on))


def set_tab_order(window: MainWindow) -> list[QWidget]:
    """Chain the areas (their docks and the map, each with all its widgets) so Qt's own Tab walks them in AREAS
    order; call again when a panel is rebuilt. (The map's page widget keeps its own place in Qt's chain:
    keep_area_order puts the focus right wherever the chain is wrong.)"""
    for dock in _tabbed(window):  # a rebuilt panel in a dock behind another
        behind = window.isVisible() and dock.isVisible() and dock.visibleRegion().isEmpty()
        set_reachable(TABBED_STOPS[dock.objectName()](window), not behind)
    frame_views(window)
    roots = tab_roots(window)
    for first, second in pairwise(roots):
        QWidget.setTabOrder(first, second)
    return roots


def _search_box(window: MainWindow) -> QWidget:
    return window.filters.search


def _min_sources(window: MainWindow) -> QWidget:
    return window.filters.min_sources


def _play(window: MainWindow) -> QWidget:
    return window.timeline.play_button


def _panel_last(window: MainWindow) -> QWidget:
    """The right panel's last stop: the last widget of the tab up that Tab reaches (its tab bar when none)."""
    dock = window.right_dock
    last: QWidget = dock.tabs.tabBar()
    stop: QWidget | None = last
    for _ in range(1000):
        stop = stop.nextInFocusChain() if stop is not None else None
        if stop is None or not dock.isAncestorOf(stop):
            break
        if stop.isVisible() and stop.isEnabled() and stop.focusProxy() is None and stop.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = stop
    return last


EDGE_STOPS: dict[str, tuple[Callable[[MainWindow], QWidget], Callable[[MainWindow], QWidget]]] = {
    "filters": (_search_box, _min_sources),
    "sites": (_sites_target, _sites_target),
    "map": (_map_view, _map_view),
    "panel": (_panel_tabs, _panel_last),
    "timeline": (_play, _chart),
}
"""Each area's first and last tab stop: where Tab and Shift+Tab enter it (keep_area_order)."""


def keep_area_order(window: MainWindow, forward: bool, before: str | None) -> QWidget | None:
    """After Tab (Shift+Tab) moved the focus from area `before` into another: when that is not the next
    (previous) area shown (core.keyboard.step; round from the last to the first), the focus goes to that area's
    first stop (last stop) instead, whatever Qt's own chain had there (the map's page widget keeps a place of
    its own in it). The widget given the focus, or None when Qt's choice stood."""
    now = area_of(window, QApplication.focusWidget())
    if before is None or now == before:
        return None
    expected = step(before, shown_areas(window), back=not forward)
    if expected is None or now == expected:
        return None
    first, last = EDGE_STOPS[expected]
    target = (first if forward else last)(window)
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return target


OWN_FOCUS_LOOK: tuple[type[QWidget], ...] = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractScrollArea)
"""Widgets the style frames in the highlight colour when they have the focus (scroll areas: VIEW_RING)."""


class FocusRing(QFocusFrame):
    """A ring in the highlight colour round the widget with the keyboard focus, while the focus moves by the
    keyboard (Tab, Go to): the style's own focus marks are faint or missing (flat buttons, check boxes,
    tables). Not round the map's page (it draws its own ring) nor round OWN_FOCUS_LOOK widgets."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main = window
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Highlight))
        self.setPalette(palette)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.follow)

    def wanted(self, widget: QWidget | None) -> bool:
        if widget is None or widget.window() is not self.main or isinstance(widget, OWN_FOCUS_LOOK):
            return False
        if self.main.map.isAncestorOf(widget) or getattr(widget, "draws_own_focus", False):
            return False
        return self.main.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)

    def follow(self, _old: QWidget | None = None, new: QWidget | None = None) -> None:
        with contextlib.suppress(RuntimeError):  # a widget deleted on the way
            self.setWidget(new if self.wanted(new) else None)  # type: ignore[arg-type]  # None: no widget (Qt's API)


VIEW_RING = (
    'QAbstractScrollArea[mvFramed="true"] { border: 1px solid palette(mid); padding: 1px; }'
    ' QAbstractScrollArea[mvFramed="true"]:focus { border: 2px solid palette(highlight); padding: 0px; }'
)
"""The frame of a list, table or text view: in the highlight colour, and thicker, while it has the focus (its
contents stay put: the padding gives way). QFocusFrame draws under a scroll area, where nothing shows. Only the
views marked mvFramed: not their headers, which are scroll areas too."""


def _framed_views(window: MainWindow) -> list[QWidget]:
    return [window.filters.articles.view, window.sites, window.search_dock.hits.view, window.review.table,
            window.reader.browser, window.figures_panel.browser]


def frame_views(window: MainWindow) -> None:
    """Give the window's lists, tables and text views VIEW_RING (again after a panel was rebuilt)."""
    for view in _framed_views(window):
        if view.styleSheet() != VIEW_RING:
            view.setProperty("mvFramed", True)
            view.setStyleSheet(VIEW_RING)


def add_go_to_menu(window: MainWindow, menu: QMenu) -> dict[str, QAction]:
    """View → Go to: an action per area (its shortcut, core.keyboard.AREAS) and the next and previous area."""
    go = menu.addMenu("&Go to")
    actions: dict[str, QAction] = {}
    for area in AREAS:
        action = go.addAction(area.title, partial(go_to, window, area.key))
        action.setShortcut(QKeySequence(area.shortcut))
        action.setToolTip(f"The keyboard focus to {area.lands}")
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions[area.key] = action
    go.addSeparator()
    for key, title, keys, back in (("next", "&Next area", NEXT_AREA, False), ("previous", "&Previous area", PREVIOUS_AREA, True)):
        action = go.addAction(title, partial(step_area, window, back))
        action.setShortcut(QKeySequence(keys))
        actions[key] = action
    go.setToolTipsVisible(True)
    return actions
