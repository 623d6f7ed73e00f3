"""The PDF briefing: page 1 is the map filling the page in the chosen orientation — title, filter line,
date and time above it; on it the legend (once), a scale bar, a north arrow, insets where sites crowd and
an overview map when the extent is small; attribution below — then the site table and the citations.

Composed with QPainter on a QPdfWriter (not `printToPdf`, which squeezes the map): the map is the
rendered picture at the page's size, everything else is vector text and shapes (searchable, copyable).
Every printed text is at least 8 pt.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QIODevice, QLineF, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPainterPath, QPdfWriter, QPen, QTextDocument

from mapviewer.core.export_data import ReportContent
from mapviewer.core.export_extent import Box
from mapviewer.core.export_options import PDF_FOOTER_MM, PDF_HEADER_MM, PDF_MARGIN_MM, ExportOptions
from mapviewer.core.style import FLOWS_LEGEND
from mapviewer.qt.export_overlays import MapFrame, draw_north_arrow, draw_scale_bar, run_overlays
from mapviewer.qt.export_picture import Shot, Shots

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
PT = RESOLUTION / 72.0
MM = RESOLUTION / 25.4
INK = QColor("#1d2430")
MUTED = QColor("#475467")
LETTERS = "ABCDEFGH"


def font(points: float, bold: bool = False) -> QFont:
    """The briefing's font at a size in points; ligatures off so copied text reads "fi", not "ﬁ"."""
    f = QFont("DejaVu Sans")
    f.setStyleHint(QFont.StyleHint.SansSerif)
    f.setPixelSize(max(1, math.ceil(points * PT)))  # never below the size asked: 8 pt is 33.3 px at 300 dpi, 34 px, not 33
    f.setBold(bold)
    for tag in ("liga", "clig"):
        f.setFeature(QFont.Tag(tag), 0)
    return f


def _text_doc(body: str, width: float, device: QPdfWriter, size_pt: float = 9.0) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(font(size_pt))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(
        "body { color: #1d2430; } .muted { color: #475467; } th { text-align: left; background: #e9edf2; }"
        " td, th { padding: 3px 5px; } h2 { font-size: 13pt; margin: 0 0 4px 0; } .q { font-style: italic; }"
    )
    doc.setHtml(body)
    doc.setTextWidth(width)
    return doc


def compose_briefing(shots: Shots, content: ReportContent, options: ExportOptions) -> bytes:
    """The whole briefing as PDF bytes (the caller writes them atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(content.title)
    writer.setCreator("mapviewer")
    orientation = QPageLayout.Orientation.Landscape if options.landscape else QPageLayout.Orientation.Portrait
    m = PDF_MARGIN_MM
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[options.paper]), orientation, QMarginsF(m, m, m, m), QPageLayout.Unit.Millimeter))
    page = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
    page.moveTo(0, 0)
    rest = _rest_doc(content, options, page.width(), writer)
    body_h = page.height() - PDF_FOOTER_MM * MM
    if rest is not None:
        rest.setPageSize(QSizeF(page.width(), body_h))
    total = 1 + (max(1, rest.pageCount()) if rest is not None else 0)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("could not start the PDF")
    try:
        _map_page(painter, page, shots, content, options)
        _footer(painter, page, content, 1, total)
        if rest is not None:
            for n in range(total - 1):
                writer.newPage()
                painter.save()
                painter.translate(page.topLeft() - QPointF(0, n * body_h))
                rest.drawContents(painter, QRectF(0, n * body_h, page.width(), body_h))
                painter.restore()
                _footer(painter, page, content, n + 2, total)
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def _footer(painter: QPainter, page: QRectF, content: ReportContent, number: int, total: int) -> None:
    painter.save()
    painter.setFont(font(8))
    painter.setPen(MUTED)
    rect = QRectF(page.left(), page.bottom() - PDF_FOOTER_MM * MM + 1.5 * MM, page.width(), PDF_FOOTER_MM * MM - 1.5 * MM)
    flags = Qt.AlignmentFlag.AlignBottom
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | flags, f"{content.attribution} · {content.exported.split(' · basemap:')[0]}")
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight | flags, f"page {number} of {total}")
    painter.restore()


def _heading(painter: QPainter, page: QRectF, content: ReportContent) -> None:
    painter.save()
    painter.setPen(INK)
    painter.setFont(font(8.5))
    flows = f" · {content.flows} flows" if content.flows else ""
    right = f"{content.date_line}\n{content.site_count} sites · {content.passage_count} passages{flows} in the map"
    right_w = max(painter.fontMetrics().horizontalAdvance(line) for line in right.split("\n")) + 2 * MM
    right_rect = QRectF(page.right() - right_w, page.top(), right_w, PDF_HEADER_MM * MM)
    painter.setPen(MUTED)
    painter.drawText(right_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, right)
    width = page.width() - right_w - 4 * MM
    title_font = font(16, bold=True)
    painter.setFont(title_font)
    painter.setPen(INK)
    title = painter.fontMetrics().elidedText(content.title, Qt.TextElideMode.ElideRight, round(width))
    painter.drawText(QRectF(page.left(), page.top() - 1 * MM, width, 8 * MM), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
    painter.setFont(font(9))
    painter.setPen(MUTED)
    y = page.top() + 7.2 * MM
    for line in (content.subtitle, content.filter_text):
        text = painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, round(page.width() - right_w - 4 * MM))
        painter.drawText(QRectF(page.left(), y, width, 4.5 * MM), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        y += 4.3 * MM
    painter.restore()


def _frame(shot: Shot, target: QRectF, content: ReportContent | None = None, options: ExportOptions | None = None,
           shots: Shots | None = None) -> MapFrame:
    return MapFrame(target, shot.center, shot.zoom, shot.size, PT, shots.ws if shots else None, shot.picture, options)


def _map_page(painter: QPainter, page: QRectF, shots: Shots, content: ReportContent, options: ExportOptions) -> None:
    _heading(painter, page, content)
    top = page.top() + PDF_HEADER_MM * MM
    box = QRectF(page.left(), top, page.width(), page.bottom() - PDF_FOOTER_MM * MM - top)
    main = shots.main
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(box, main.image)
    frame = _frame(main, box, content, options, shots)
    run_overlays(painter, frame)
    pad = 3 * MM
    taken: list[QRectF] = []
    scale = None
    if options.wants("scalebar"):
        scale = draw_scale_bar(painter, frame, QPointF(box.left() + pad, box.bottom() - pad))
        taken.append(scale)
    if options.wants("legend"):

        def corner(w: float, h: float) -> QRectF:
            """Bottom right; else bottom left, beside or above the scale bar, where that hides fewer of the
            picture's sites (a legend grown by the flows' key must not cover a marker)."""
            right = QRectF(box.right() - pad - w, box.bottom() - pad - h, w, h)
            if scale is None:
                return min((right, QRectF(box.left() + pad, box.bottom() - pad - h, w, h)), key=lambda r: _covered(frame, r, MARKER))
            beside = QRectF(scale.right() + pad, box.bottom() - pad - h, w, h)
            above = QRectF(box.left() + pad, scale.top() - pad - h, w, h)
            inside = [r for r in (beside, above) if box.contains(r)]  # one hanging off the map covers no site
            return min((right, *inside), key=lambda r: _covered(frame, r, MARKER))

        taken.append(_legend(painter, corner, content))
    if options.wants("north"):
        taken.append(draw_north_arrow(painter, QPointF(box.right() - pad, box.top() + pad), PT))
    slots = _slots(box, pad)
    for letter, (crowd, shot) in zip(LETTERS, shots.insets):
        _mark_box(painter, frame, crowd.box, letter)
        _place(painter, frame, slots, taken, shot, f"{letter} · {crowd.name}")
    if shots.overview is not None and main.bounds is not None:
        rect = _place(painter, frame, slots, taken, shots.overview, "Overview")
        if rect is not None:
            inner = QRectF(rect.left(), rect.top() + 5 * MM, rect.width(), rect.height() - 5 * MM)
            _mark_box(painter, _frame(shots.overview, inner), main.bounds, "", 1.2)
    if main.zoom < LABELS_FROM_ZOOM:
        _labels(painter, frame, taken)
    painter.setPen(QPen(QColor("#98a2b3"), 0.6 * PT))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box)


LABELS_FROM_ZOOM = 3
"""The page labels its sites from this zoom on; below it (a world map) the briefing prints the labels."""


def _labels(painter: QPainter, frame: MapFrame, taken: list[QRectF]) -> None:
    """Names of the picture's point sites, most mentioned first, right of their markers on a white
    plate, each only where it overlaps no other label, the legend or an inset."""
    if frame.ws is None or frame.picture is None:
        return
    by_site = frame.ws.mentions_by_site(frame.picture)
    sites = [frame.ws.site_by_id[s] for s in frame.picture.site_ids if not frame.ws.site_by_id[s].is_area]
    sites.sort(key=lambda s: (-len(by_site.get(s.id, [])), s.name.casefold()))
    painter.save()
    painter.setFont(font(8, bold=True))
    fm = painter.fontMetrics()
    placed: list[QRectF] = []
    for site in sites:
        at = frame.to_point(site.lat, site.lon)
        name = fm.elidedText(site.name, Qt.TextElideMode.ElideRight, round(40 * MM))
        rect = QRectF(at.x() + 5 * PT, at.y() - 5.5 * PT, fm.horizontalAdvance(name) + 4 * PT, 11 * PT)
        if not frame.target.contains(rect) or any(rect.intersects(r) for r in placed + taken):
            continue
        placed.append(rect)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(rect, 1.5 * PT, 1.5 * PT)
        painter.setPen(INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
    painter.restore()


def _slots(box: QRectF, pad: float) -> list[QPointF]:
    """Corners an inset may take (its top-left): top left, bottom left (above the scale bar), top right."""
    return [
        QPointF(box.left() + pad, box.top() + pad),
        QPointF(box.left() + pad, box.bottom() - pad - 9 * MM),  # bottom-anchored: the inset's bottom
        QPointF(box.right() - pad - 12 * MM, box.top() + pad),  # right-anchored, left of the north arrow
    ]


MARKER = 6 * PT
"""About a marker's radius on the printed page: a plate this near a site's point covers part of its marker."""


def _covered(frame: MapFrame, rect: QRectF, margin: float = 0.0) -> int:
    """How many of the picture's sites a rect would hide (or touch, within `margin` of their point)."""
    if frame.ws is None or frame.picture is None:
        return 0
    count = 0
    near = rect.adjusted(-margin, -margin, margin, margin)
    for sid in frame.picture.site_ids:
        site = frame.ws.site_by_id[sid]
        if not site.is_area and near.contains(frame.to_point(site.lat, site.lon)):
            count += 1
    return count


def _place(painter: QPainter, frame: MapFrame, slots: list[QPointF], taken: list[QRectF], shot: Shot, caption: str) -> QRectF | None:
    """Draw an inset in the free corner that hides the fewest sites; None when no corner is free."""
    w = shot.size[0] / 96 * 25.4 * MM
    h = shot.size[1] / 96 * 25.4 * MM + 5 * MM
    best = None
    for i, at in enumerate(slots):
        if i == 1:
            rect = QRectF(at.x(), at.y() - h, w, h)
        elif i == 2:
            rect = QRectF(at.x() - w, at.y(), w, h)
        else:
            rect = QRectF(at.x(), at.y(), w, h)
        if not frame.target.contains(rect) or any(rect.intersects(t) for t in taken):
            continue
        score = _covered(frame, rect)
        if best is None or score < best[0]:
            best = (score, rect)
    if best is None:
        return None
    rect = best[1]
    taken.append(rect)
    painter.save()
    painter.setPen(QPen(QColor("#1d2430"), 0.8 * PT))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(rect)
    painter.setFont(font(8.5, bold=True))
    painter.setPen(INK)
    painter.drawText(QRectF(rect.left() + 1.5 * MM, rect.top(), rect.width() - 3 * MM, 5 * MM),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption)
    painter.drawImage(QRectF(rect.left(), rect.top() + 5 * MM, rect.width(), rect.height() - 5 * MM), shot.image)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()
    return rect


def _mark_box(painter: QPainter, frame: MapFrame, box: Box, letter: str, width_pt: float = 1.0) -> None:
    """The outline of an inset's (or the main map's) extent on a map, with its letter."""
    w, s, e, n = box
    a, b = frame.to_point(n, w), frame.to_point(s, e)
    rect = QRectF(a, b).normalized().intersected(frame.target)
    if rect.isEmpty():
        return
    painter.save()
    painter.setPen(QPen(QColor("#c0392b"), width_pt * PT))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    if letter:
        painter.setFont(font(8.5, bold=True))
        painter.setPen(QColor("#c0392b"))
        painter.drawText(QPointF(rect.left(), rect.top() - 1 * PT), letter)
    painter.restore()


def _legend(painter: QPainter, corner: Callable[[float, float], QRectF], content: ReportContent) -> QRectF:
    """The certainty legend with the counts of the sites in the picture, on a white plate; when the picture
    shows flows, their key in a second column (an arrow, what arrows mean, how many are in the picture): the
    page's Flows box, which says it on screen, is left out of a briefing. Two columns, not one taller plate:
    the plate keeps clear of the sites in the map's corner. `corner` places a plate of a width and height."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    title = "Strongest claim at the site"
    notes = ("Dashed outline: area or line", "Marker size: number of passages")
    flows_title, flows_notes = FLOWS_LEGEND
    flows = content.flows or 0
    painter.setFont(font(8.5, bold=True))
    bold = painter.fontMetrics()
    width: float = bold.horizontalAdvance(title)
    painter.setFont(font(8.5))
    fm = painter.fontMetrics()
    swatch = 12 * PT
    count_w = fm.horizontalAdvance("0000")
    rows = [(e, e.label, str(e.count)) for e in content.legend]
    width = max([width] + [fm.horizontalAdvance(label) + swatch + count_w for _, label, _ in rows]
                + [fm.horizontalAdvance(n) for n in notes])
    line = 12.5 * PT
    pad = 5 * PT
    column = 0.0
    if flows:
        column = max([bold.horizontalAdvance(flows_title) + 2 * swatch + count_w] + [fm.horizontalAdvance(n) for n in flows_notes])
    gutter = 3 * pad if flows else 0.0
    lines = max(1 + len(rows) + len(notes), 1 + len(flows_notes) if flows else 0)
    height = pad * 2 + line * lines
    rect = corner(width + column + gutter + 2 * pad, height)
    painter.setPen(QPen(QColor("#98a2b3"), 0.5 * PT))
    painter.setBrush(QColor(255, 255, 255, 240))
    painter.drawRoundedRect(rect, 2 * PT, 2 * PT)
    x, y = rect.left() + pad, rect.top() + pad
    painter.setPen(INK)
    painter.setFont(font(8.5, bold=True))
    painter.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, title)
    painter.setFont(font(8.5))
    for entry, label, count in rows:
        y += line
        colour = QColor(entry.colour)
        if entry.count == 0:
            colour.setAlphaF(0.3)
        painter.setPen(QPen(QColor("#ffffff"), 0.8 * PT))
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(x + 4 * PT, y + line / 2), 3.8 * PT, 3.8 * PT)
        painter.setPen(INK if entry.count else MUTED)
        painter.drawText(QRectF(x + swatch, y, width - swatch, line), Qt.AlignmentFlag.AlignVCenter, label)
        painter.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)
    painter.setPen(MUTED)
    for note in notes:
        y += line
        painter.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, note)
    if flows:
        x += width + gutter
        y = rect.top() + pad
        painter.setPen(QPen(QColor("#d0d5dd"), 0.5 * PT))
        painter.drawLine(QPointF(x - gutter / 2, rect.top() + pad), QPointF(x - gutter / 2, rect.bottom() - pad))
        _flow_swatch(painter, QRectF(x, y, 2 * swatch - 4 * PT, line))
        painter.setPen(INK)
        painter.setFont(font(8.5, bold=True))
        painter.drawText(QRectF(x + 2 * swatch, y, column - 2 * swatch, line), Qt.AlignmentFlag.AlignVCenter, flows_title)
        painter.drawText(QRectF(x, y, column, line), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, str(flows))
        painter.setFont(font(8.5))
        painter.setPen(MUTED)
        for note in flows_notes:
            y += line
            painter.drawText(QRectF(x, y, column, line), Qt.AlignmentFlag.AlignVCenter, note)
    painter.restore()
    return rect


def _flow_swatch(painter: QPainter, rect: QRectF) -> None:
    """A small curved arrow, as the map draws a flow (in the legend's ink: the colour is the certainty's)."""
    painter.save()
    a = QPointF(rect.left() + 1 * PT, rect.center().y() + 2.5 * PT)
    b = QPointF(rect.right() - 1 * PT, rect.center().y() + 1 * PT)
    bend = QPointF((a.x() + b.x()) / 2, rect.top() - 1 * PT)
    path = QPainterPath(a)
    path.quadTo(bend, b)
    painter.setPen(QPen(INK, 1.6 * PT, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    tangent = QLineF(bend, b).unitVector()
    ux, uy = tangent.dx(), tangent.dy()
    head = 5 * PT
    tip = b
    arrow = QPainterPath(tip)
    arrow.lineTo(tip.x() - ux * head - uy * head * 0.55, tip.y() - uy * head + ux * head * 0.55)
    arrow.lineTo(tip.x() - ux * head + uy * head * 0.55, tip.y() - uy * head - ux * head * 0.55)
    arrow.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawPath(arrow)
    painter.restore()


def _rest_doc(content: ReportContent, options: ExportOptions, width: float, device: QPdfWriter) -> QTextDocument | None:
    """The pages after the map: the site table, then the citations (each part when included)."""
    parts = []
    if options.wants("table"):
        parts.append(_table_html(content))
    if options.wants("citations"):
        parts.append(_citations_html(content))
    if not parts:
        return None
    return _text_doc("<br>".join(parts), width, device, 8.5)


def _table_html(content: ReportContent) -> str:
    rows = []
    for s in content.sites:
        cites = "<br>".join(html.escape(c) for c in s.citations) or "<span class='muted'>–</span>"
        shade = ' style="background:#f4f6f8"' if s.number % 2 == 0 else ""
        rows.append(
            f"<tr{shade}><td class='muted'>{s.number}</td>"
            f"<td><b>{html.escape(s.name)}</b><br><span class='muted'>{html.escape(s.kind)} · {html.escape(s.country)}</span></td>"
            f"<td><span style='color:{s.colour}; font-size:11pt'>●</span> {html.escape(s.certainty.capitalize())}</td>"
            f"<td>{cites}</td></tr>"
        )
    if not rows:
        rows.append("<tr><td colspan='4' class='muted'>No site is in the map.</td></tr>")
    return (
        f"<h2>Sites in the map ({content.site_count}) and their passages ({content.passage_count})</h2>"
        f"<div class='muted' style='margin-bottom:5px'>{html.escape(content.filter_text)}</div>"
        "<table width='100%' cellspacing='0' cellpadding='3' border='0'>"
        "<thead><tr><th width='4%'>#</th><th width='30%'>Site</th><th width='14%'>Strongest claim</th>"
        "<th width='52%'>Cited in (article, paragraph)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _citations_html(content: ReportContent) -> str:
    """The quoted sentences per site, each with its paragraph (from 1) and certainty, pointing to a
    numbered source list (article title, outlet, date, URL, text sha256) printed once after them."""
    sources: dict[tuple[str, str, str, str, str], int] = {}
    items = []
    current = None
    for c in content.citations:
        key = (c.article_title, c.outlet, c.date, c.url, c.sha256)
        number = sources.setdefault(key, len(sources) + 1)
        if c.site != current:
            current = c.site
            items.append(f"<p style='margin:7px 0 2px 0'><b>{html.escape(c.site)}</b></p>")
        items.append(
            "<p style='margin:0 0 3px 12px'>"
            f"<span class='q'>“{html.escape(c.sentence)}”</span> "
            f"<span class='muted'>— [{number}] {html.escape(c.paragraph)} · {html.escape(c.certainty)}</span></p>"
        )
    if not items:
        items.append("<p class='muted'>No passage is cited.</p>")
    listed = []
    for (title, outlet, date, url, sha), number in sources.items():
        parts = [f"<b>{html.escape(title)}</b>", *(html.escape(x) for x in (outlet, date) if x)]
        line = f"[{number}] " + " · ".join(parts)
        if url:
            line += f"<br><span class='muted'>{html.escape(url)}</span>"
        if sha:
            line += f"<br><span class='muted'>text sha256 {html.escape(sha)}</span>"
        listed.append(f"<p style='margin:0 0 5px 0'>{line}</p>")
    return (
        f"<h2 style='page-break-before: always'>Citations ({len(content.citations)} quoted sentences; paragraphs counted from 1)</h2>"
        + "".join(items)
        + "<h2 style='margin-top:12px'>Sources</h2>" + "".join(listed)
    )


def page_image(shots: Shots, content: ReportContent, options: ExportOptions, width_px: int) -> QImage:
    """Page 1 as a picture `width_px` wide (the Export dialog's preview): the same drawing as the PDF's."""
    w_mm, h_mm = options.page_mm()
    image = QImage(width_px, round(width_px * h_mm / w_mm), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(width_px / (w_mm * MM), width_px / (w_mm * MM))
        painter.translate(PDF_MARGIN_MM * MM, PDF_MARGIN_MM * MM)
        page = QRectF(0, 0, (w_mm - 2 * PDF_MARGIN_MM) * MM, (h_mm - 2 * PDF_MARGIN_MM) * MM)
        _map_page(painter, page, shots, content, options)
        _footer(painter, page, content, 1, 1)
    finally:
        painter.end()
    return image
