"""The map's own context menu and clipboard, in place of the browser's (Back, Reload, View page source):
copy the coordinates under the pointer, copy the citation of the site there, measure from there, centre
there. The page says what is under the pointer (PageAPI.what_is_at); the menu is built here, in Python.
Also "Copy citation" in a popup (Bridge.citationRequested): the passage cited by core/citation.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from mapviewer.core.citation import format_citation
from mapviewer.core.site_citation import site_citation

if TYPE_CHECKING:
    from mapviewer.qt.mapview import MapView


def coordinates_text(lat: float, lng: float) -> str:
    """Coordinates as an analyst pastes them: "lat, lon" in decimal degrees, 5 places (about 1 m)."""
    return f"{lat:.5f}, {lng:.5f}"


class MapContextMenu(QObject):
    """Installed on a MapView: right-click shows this menu (`menu`, the last one built), never the page's."""

    copied = Signal(str)  # what was put on the clipboard, said in the window's status bar

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.menu: QMenu | None = None
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._requested)
        view.bridge.citationRequested.connect(self.copy_passage_citation)

    def _requested(self, pos: QPoint) -> None:
        where = self.view.mapToGlobal(pos)
        self.view.page_api.what_is_at(pos.x(), pos.y(), lambda at: self._show(at, where))

    def _show(self, at: dict, where: QPoint) -> None:
        menu = self.build(at)
        if menu is not None:
            menu.popup(where)

    def build(self, at: dict) -> QMenu | None:
        """The menu for what the page said is at the pointer ({lat, lng, zoom, site, name}); None if it said nothing."""
        try:
            lat, lng, zoom = float(at["lat"]), float(at["lng"]), float(at["zoom"])
        except (KeyError, TypeError, ValueError):
            return None
        if self.menu is not None:
            self.menu.deleteLater()
        menu = self.menu = QMenu(self.view)
        menu.setObjectName("mapContextMenu")
        text = coordinates_text(lat, lng)
        menu.addAction(f"Copy coordinates ({text})", lambda: self._copy(text, f"Copied coordinates {text}"))
        ws = self.view.workspace
        site_id = at.get("site")
        site = ws.site_by_id.get(site_id) if ws is not None and isinstance(site_id, str) else None
        cite = menu.addAction(f"Copy citation of {site.name}" if site else "Copy citation (no site here)")
        cite.setEnabled(site is not None)
        if site is not None:
            cite.triggered.connect(lambda: self.copy_site_citation(site.id))
        menu.addSeparator()
        measure = menu.addAction("Measure from here", lambda: self.view.page_api.start_measure(lat, lng))
        measure.setToolTip("Click more points on the map; Esc ends")
        menu.addAction("Centre here", lambda: self.view.page_api.set_center_zoom(lat, lng, zoom))
        return menu

    def _copy(self, text: str, said: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(said)

    def copy_site_citation(self, site_id: str) -> None:
        """The site's citation (core/site_citation.py) with the passages the map shows, on the clipboard."""
        ws = self.view.workspace
        if ws is None or site_id not in ws.site_by_id:
            return
        result = self.view.result
        mentions = ws.mentions_of(site_id, result)
        self._copy(site_citation(ws, site_id, mentions), f"Copied the citation of {ws.site_by_id[site_id].name} ({len(mentions)} passages)")

    def copy_passage_citation(self, mention_id: str) -> None:
        """A popup's "Copy citation": that passage, cited (core/citation.py), on the clipboard."""
        ws = self.view.workspace
        mention = ws.mention_by_id.get(mention_id) if ws is not None else None
        article = ws.article_by_id.get(mention.article_id) if ws is not None and mention is not None else None
        if mention is None or article is None:
            return
        self._copy(format_citation(article, mention), f"Copied the citation: {article.title}")
