"""The window's main areas as the keyboard knows them: the order Tab walks them in, the shortcut that puts
the focus in each (View → Go to) and F6 / Shift+F6, which step from area to area. Qt-free: the window maps
each area's key to its widgets (qt/keyboard.py); this says which areas there are, in what order, and which
one a step lands on."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    """The menu text (with its mnemonic)."""
    shortcut: str
    lands: str
    """Where the focus lands, as the menu's tooltip and the user guide say it."""


AREAS: tuple[Area, ...] = (
    Area("filters", "&Filters", "Ctrl+1", "the filter panel's list of source articles (Space ticks one; Ctrl+F is its search box)"),
    Area("sites", "&Sites table", "Ctrl+2", "the Sites table (or the search results, when that tab is up; again, it switches between them): the arrow keys fly the map to a site"),
    Area("map", "&Map", "Ctrl+3", "the map: the arrow keys pan, + and - zoom, N and Shift+N step through the sites shown, Tab reaches its buttons and an open popup, Esc closes the popup"),
    Area("panel", "&Article, review and figures", "Ctrl+4", "the tabs of the right panel (Article, Review new places, Figures): Left and Right switch tabs, Tab goes in"),
    Area("timeline", "&Timeline", "Ctrl+5", "the timeline's chart: Left and Right move the time window, Shift with them moves its end, Delete clears it"),
)
"""In Tab order: the filter panel, the Sites table, the map, the right panel, the timeline (then the filters again)."""

NEXT_AREA, PREVIOUS_AREA = "F6", "Shift+F6"


@dataclass(frozen=True)
class AreaKey:
    where: str
    keys: str
    what: str


AREA_KEYS: tuple[AreaKey, ...] = (
    AreaKey("Map", "N, Shift+N", "the next / previous site shown (most passages first): the map goes there, opens its popup and says which"),
    AreaKey("Map", "Arrows, +, -", "pan, zoom in, zoom out"),
    AreaKey("Map", "Tab", "its buttons, the Flows box, the legend and an open popup's links"),
    AreaKey("Article", "Left, Right", "the previous / next place link of the article (Tab leaves the article); Enter or Space shows the place on the map"),
    AreaKey("Timeline chart", "Left, Right", "move the time window (a first press makes one); with Shift, move its end; Delete clears it"),
    AreaKey("Timeline chart", "+, -, 0", "zoom the axis in, out, back to the first view"),
)
"""Keys that work inside an area (no menu has them: the page's, a panel's own); Help → Keyboard shortcuts lists them
after the menus' shortcuts."""

AREA_BY_KEY = {a.key: a for a in AREAS}


def step(current: str | None, shown: Collection[str], back: bool = False) -> str | None:
    """The area after `current` (before it, `back`) among those `shown`, in AREAS order and round; from no
    area (or one not shown) the first shown (the last, `back`). None when no area is shown."""
    order = [a.key for a in AREAS if a.key in shown]
    if not order:
        return None
    if back:
        order.reverse()
    if current not in AREA_BY_KEY:
        return order[0]
    keys = [a.key for a in AREAS]
    if back:
        keys.reverse()
    start = keys.index(current)
    for key in keys[start + 1 :] + keys[: start + 1]:
        if key in shown and key != current:
            return key
    return current if current in shown else order[0]
