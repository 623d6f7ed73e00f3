"""Compose the PDF report from a rendered map image and the export's text content.

Not `QWebEnginePage.printToPdf` (it re-lays out the page to the paper and squeezes the map): page 1
carries the title, the filter, the export date, the map image (aspect kept, as large as fits) and a
vector legend; the following pages carry the table of visible sites with their citations, laid out by
QTextDocument so rows break between pages cleanly. Text stays real text (searchable, copyable).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from mapviewer.core.export_data import ReportContent

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300  # dpi of the PDF's coordinate system (images keep their own pixels)
_INK = QColor("#1d2430")
_MUTED = QColor("#5b6474")


def _pt(points: float) -> float:
    """Points to device units."""
    return points * RESOLUTION / 72.0


def _font(size_pt: float, bold: bool = False) -> QFont:
    """The report font; ligatures off so extracted and copied text reads "fi", not "ﬁ"."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _text_doc(body: str, width: float, painter_device: QPdfWriter, size_pt: float = 9.0) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(painter_device)
    doc.setDefaultFont(_font(size_pt))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(
        "body { color: #1d2430; } .muted { color: #5b6474; } th { text-align: left; background: #eef1f5; }"
        " td, th { padding: 3px 6px; } .dot { font-size: 11pt; }"
    )
    doc.setHtml(body)
    doc.setTextWidth(width)
    return doc


def compose_pdf(image: QImage, content: ReportContent, paper: str = "a4", landscape: bool = True) -> bytes:
    """The whole report as PDF bytes (written by the caller, atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(content.title)
    writer.setCreator("mapviewer")
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), orientation, QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("could not start the PDF")
    try:
        page = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
        page.moveTo(0, 0)
        _first_page(painter, writer, page, image, content)
        _table_pages(painter, writer, page, content)
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def _draw_doc(painter: QPainter, doc: QTextDocument, at: QPointF) -> float:
    painter.save()
    painter.translate(at)
    doc.drawContents(painter)
    painter.restore()
    return doc.size().height()


def _footer(painter: QPainter, page: QRectF, content: ReportContent, number: int) -> None:
    painter.save()
    painter.setFont(_font(7.5))
    painter.setPen(_MUTED)
    rect = QRectF(page.left(), page.bottom() - _pt(10), page.width(), _pt(10))
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, content.exported)
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"page {number}")
    painter.restore()


def _first_page(painter: QPainter, writer: QPdfWriter, page: QRectF, image: QImage, content: ReportContent) -> None:
    head = (
        f"<div style='font-size:17pt; font-weight:bold'>{html.escape(content.title)}</div>"
        f"<div class='muted' style='font-size:9.5pt'>{html.escape(content.subtitle)}</div>"
        f"<div style='font-size:9.5pt; margin-top:3px'>{html.escape(content.filter_text)}</div>"
    )
    y = _draw_doc(painter, _text_doc(head, page.width(), writer), page.topLeft()) + _pt(6)

    footer_h = _pt(12)
    legend_h = _legend(painter, writer, QPointF(page.left(), 0), page.width(), content, measure=True) + _pt(8)
    box = QRectF(page.left(), y, page.width(), page.bottom() - y - legend_h - footer_h)
    left, width = page.left(), page.width()
    if not image.isNull() and box.height() > 0:
        aspect = image.width() / image.height()
        w = min(box.width(), box.height() * aspect)
        h = w / aspect
        target = QRectF(box.left() + (box.width() - w) / 2, box.top(), w, h)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
        painter.setPen(QPen(QColor("#b8c0cc"), _pt(0.5)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target)
        y = target.bottom() + _pt(8)
        if w > page.width() * 0.6:
            left, width = target.left(), w
    _legend(painter, writer, QPointF(left, y), width, content)
    _footer(painter, page, content, 1)


def _legend(painter: QPainter, writer: QPdfWriter, at: QPointF, width: float, content: ReportContent, measure: bool = False) -> float:
    """The certainty legend as vector swatches, wrapped to `width`; returns its height."""
    painter.save()
    painter.setFont(_font(8.5, bold=True))
    title = "Strongest claim at the site:"
    title_w = painter.fontMetrics().horizontalAdvance(title) + _pt(8)
    painter.setFont(_font(8.5))
    metrics = painter.fontMetrics()
    r, line = _pt(3.6), _pt(13)
    items = []
    for entry in content.legend:
        label = f"{entry.label} ({entry.count})"
        items.append((entry, label, 2 * r + _pt(3) + metrics.horizontalAdvance(label) + _pt(10)))
    x, y = at.x() + title_w, at.y()
    placed = []
    for entry, label, w in items:
        if x + w > at.x() + width and x > at.x() + title_w:
            x, y = at.x() + title_w, y + line
        placed.append((entry, label, x, y))
        x += w
    note = _text_doc(
        "<span class='muted' style='font-size:8pt'>Dashed outlines: areas and lines (regions, zones, canals). "
        f"Marker size: number of passages. Basemap: {html.escape(content.basemap)}.</span>",
        width,
        writer,
    )
    height = (y - at.y()) + line + note.size().height()
    if not measure:
        painter.setFont(_font(8.5, bold=True))
        painter.setPen(_INK)
        painter.drawText(QPointF(at.x(), at.y() + _pt(8)), title)
        painter.setFont(_font(8.5))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for entry, label, ex, ey in placed:
            colour = QColor(entry.colour)
            if entry.count == 0:
                colour.setAlphaF(0.35)
            painter.setPen(QPen(QColor("#ffffff"), _pt(0.8)))
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(ex + r, ey + _pt(5)), r, r)
            painter.setPen(_INK if entry.count else _MUTED)
            painter.drawText(QPointF(ex + 2 * r + _pt(3), ey + _pt(8)), label)
        _draw_doc(painter, note, QPointF(at.x(), y + line))
    painter.restore()
    return height


def _table_html(content: ReportContent) -> str:
    rows = []
    for i, s in enumerate(content.sites, 1):
        cites = "<br>".join(html.escape(c) for c in s.citations) or "<span class='muted'>–</span>"
        shade = ' style="background:#f7f8fa"' if i % 2 == 0 else ""
        rows.append(
            f"<tr{shade}>"
            f"<td class='muted'>{i}</td>"
            f"<td><b>{html.escape(s.name)}</b><br><span class='muted'>{html.escape(s.kind)} · {html.escape(s.country)}</span></td>"
            f"<td><span class='dot' style='color:{s.colour}'>●</span> {html.escape(s.certainty.capitalize())}</td>"
            f"<td>{cites}</td></tr>"
        )
    if not rows:
        rows.append("<tr><td colspan='4' class='muted'>No site passes the filter.</td></tr>")
    return (
        f"<div style='font-size:13pt; font-weight:bold'>Visible sites ({content.site_count}) and their passages ({content.passage_count})</div>"
        f"<div class='muted' style='margin-bottom:6px'>{html.escape(content.filter_text)}</div>"
        "<table width='100%' cellspacing='0' cellpadding='3' border='0'>"
        "<thead><tr><th width='4%'>#</th><th width='30%'>Site</th><th width='14%'>Strongest claim</th>"
        "<th width='52%'>Cited in (article, paragraph)</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )


def _table_pages(painter: QPainter, writer: QPdfWriter, page: QRectF, content: ReportContent) -> None:
    footer_h = _pt(14)
    doc = _text_doc(_table_html(content), page.width(), writer, 8.5)
    body_h = page.height() - footer_h
    doc.setPageSize(QSizeF(page.width(), body_h))
    pages = max(1, doc.pageCount())
    for n in range(pages):
        writer.newPage()
        painter.save()
        painter.translate(page.topLeft() - QPointF(0, n * body_h))
        doc.drawContents(painter, QRectF(0, n * body_h, page.width(), body_h))
        painter.restore()
        _footer(painter, page, content, n + 2)


def image_png_bytes(image: QImage) -> bytes:
    """PNG encoding of a QImage (for the atomic writer)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # PySide6 stubs: save(QIODevice, format) exists
        raise OSError("could not encode the PNG image")
    buffer.close()
    return bytes(data.data())


class QtMapImage:
    """A rendered map for the rendered export formats (mapviewer.core.exporters.MapImage)."""

    def __init__(self, image: QImage) -> None:
        self.image = image

    def png(self) -> bytes:
        return image_png_bytes(self.image)

    def pdf(self, content: ReportContent, paper: str, landscape: bool) -> bytes:
        return compose_pdf(self.image, content, paper, landscape=landscape)
