"""What is drawn over a rendered map in a PNG or PDF export: the scale bar, the north arrow, and the
extension point for other layers (flows, figures): OVERLAY_DRAWERS.

A drawer gets the painter and a MapFrame (where the map image sits on the page or image, and how a
(lat, lon) lands there) and draws in painter coordinates; it runs for the main map of both the PNG and
the PDF, after the map image and before the legend, insets and heading.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from mapviewer.core.export_extent import project, scale_bar
from mapviewer.core.export_options import ExportOptions
from mapviewer.core.filters import FilterResult
from mapviewer.core.workspace import Workspace


@dataclass
class MapFrame:
    """A map picture placed in a painter's coordinates."""

    target: QRectF
    """Where the map image is drawn."""
    center: tuple[float, float]
    zoom: float
    size: tuple[int, int]
    """The map's CSS size (its Web Mercator pixels at `zoom`)."""
    unit: float
    """Painter units per typographic point (fonts and line widths)."""
    ws: Workspace | None = None
    picture: FilterResult | None = None
    options: ExportOptions | None = None

    def to_point(self, lat: float, lon: float) -> QPointF:
        """Where (lat, lon) lands in painter coordinates."""
        cx, cy = project(self.center[0], self.center[1], self.zoom)
        x, y = project(lat, lon, self.zoom)
        k = self.target.width() / self.size[0]
        return QPointF(self.target.center().x() + (x - cx) * k, self.target.center().y() + (y - cy) * k)


OverlayDrawer = Callable[[QPainter, MapFrame], None]
OVERLAY_DRAWERS: list[OverlayDrawer] = []
"""Drawers run over the main map of every PNG and PDF export (e.g. flows); append to add a layer."""


def run_overlays(painter: QPainter, frame: MapFrame) -> None:
    for draw in OVERLAY_DRAWERS:
        painter.save()
        painter.setClipRect(frame.target)
        try:
            draw(painter, frame)
        finally:
            painter.restore()


def _font(points: float, unit: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, math.ceil(points * unit)))  # never below the size asked (8 pt labels stay 8 pt)
    font.setBold(bold)
    return font


def draw_scale_bar(painter: QPainter, frame: MapFrame, at: QPointF) -> QRectF:
    """A round-distance scale bar with its bottom-left at `at`, on a white plate; returns its rect."""
    u = frame.unit
    k = frame.target.width() / frame.size[0]
    length_css, label = scale_bar(frame.center[0], frame.zoom, 140)
    length = length_css * k
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(_font(8, u))
    text_w = painter.fontMetrics().horizontalAdvance(label)
    plate = QRectF(at.x(), at.y() - 20 * u, length + text_w + 14 * u, 20 * u)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(plate, 2 * u, 2 * u)
    x0, y0 = plate.left() + 5 * u, plate.bottom() - 6 * u
    painter.setBrush(QColor("#1d2430"))
    painter.drawRect(QRectF(x0, y0 - 3 * u, length / 2, 3 * u))
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(QPen(QColor("#1d2430"), 0.6 * u))
    painter.drawRect(QRectF(x0 + length / 2, y0 - 3 * u, length / 2, 3 * u))
    painter.setPen(QColor("#1d2430"))
    painter.drawText(QRectF(x0, plate.top() + 1 * u, length, 10 * u), Qt.AlignmentFlag.AlignLeft, "0")
    painter.drawText(QRectF(x0 + length + 3 * u, plate.top(), text_w + 6 * u, plate.height() - 2 * u),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, label)
    painter.restore()
    return plate


def draw_north_arrow(painter: QPainter, top_right: QPointF, unit: float) -> QRectF:
    """An "N" arrow (the map is Web Mercator: north is up everywhere); returns its rect."""
    u = unit
    box = QRectF(top_right.x() - 22 * u, top_right.y(), 22 * u, 30 * u)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(box, 2 * u, 2 * u)
    cx = box.center().x()
    arrow = QPainterPath()
    arrow.moveTo(cx, box.top() + 12 * u)
    arrow.lineTo(cx + 6 * u, box.bottom() - 3 * u)
    arrow.lineTo(cx, box.bottom() - 7 * u)
    arrow.lineTo(cx - 6 * u, box.bottom() - 3 * u)
    arrow.closeSubpath()
    painter.setBrush(QColor("#1d2430"))
    painter.drawPath(arrow)
    painter.setPen(QColor("#1d2430"))
    painter.setFont(_font(8, u, bold=True))
    painter.drawText(QRectF(box.left(), box.top() + 1 * u, box.width(), 11 * u), Qt.AlignmentFlag.AlignHCenter, "N")
    painter.restore()
    return box
