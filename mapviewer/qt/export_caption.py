"""The PNG export: the rendered map, the overlay drawers over it, and with a title a caption band
below it (title, subtitle, filter line, date and time, attribution), so a picture pasted into a slide
says what it shows, as of when and from what."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from mapviewer.core.export_data import ReportContent
from mapviewer.core.export_options import CAPTION_CSS, ExportOptions, captioned
from mapviewer.qt.export_overlays import MapFrame, run_overlays
from mapviewer.qt.export_picture import Shots
from mapviewer.qt.pdf import image_png_bytes


def _font(px: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


def compose_image(shots: Shots, content: ReportContent, options: ExportOptions) -> QImage:
    """The picture as written: the map, overlays, and the caption band when titled."""
    main = shots.main
    k = main.image.width() / main.size[0]  # image pixels per CSS pixel
    band = round(CAPTION_CSS * k) if captioned(options) else 0
    out = QImage(main.image.width(), main.image.height() + band, QImage.Format.Format_RGB32)
    out.fill(QColor("#ffffff"))
    painter = QPainter(out)
    try:
        painter.drawImage(0, 0, main.image)
        frame = MapFrame(QRectF(0, 0, main.image.width(), main.image.height()), main.center, main.zoom, main.size,
                         k * 96 / 72, shots.ws, main.picture, options)
        run_overlays(painter, frame)
        if band:
            _caption(painter, QRectF(0, main.image.height(), out.width(), band), content, k)
    finally:
        painter.end()
    return out


def _caption(painter: QPainter, rect: QRectF, content: ReportContent, k: float) -> None:
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QColor("#d0d5dd"))
    painter.drawLine(rect.topLeft(), rect.topRight())
    pad = 12 * k
    inner = rect.adjusted(pad, 8 * k, -pad, -6 * k)
    painter.setPen(QColor("#475467"))
    painter.setFont(_font(12 * k))
    right = f"{content.date_line}\n{content.attribution}"
    fm = painter.fontMetrics()
    right_w: float = max(fm.horizontalAdvance(line) for line in right.split("\n"))
    right_w = min(right_w, inner.width() * 0.45)
    painter.drawText(QRectF(inner.right() - right_w, inner.top(), right_w, inner.height()),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, right)
    left_w = inner.width() - right_w - pad
    painter.setPen(QColor("#1d2430"))
    painter.setFont(_font(20 * k, bold=True))
    title = painter.fontMetrics().elidedText(content.title, Qt.TextElideMode.ElideRight, round(left_w))
    painter.drawText(QRectF(inner.left(), inner.top(), left_w, 26 * k), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.setPen(QColor("#475467"))
    painter.setFont(_font(12 * k))
    fm = painter.fontMetrics()
    line = f"{content.subtitle} · {content.filter_text}"
    painter.drawText(QRectF(inner.left(), inner.top() + 30 * k, left_w, 18 * k), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     fm.elidedText(line, Qt.TextElideMode.ElideRight, round(left_w)))


def compose_png(shots: Shots, content: ReportContent, options: ExportOptions) -> bytes:
    return image_png_bytes(compose_image(shots, content, options))
