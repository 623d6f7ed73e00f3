"""The article reader: the full text with every site name a link back to the map and the chosen
passage highlighted. Text is escaped here, the one place article text becomes reader HTML."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from mapviewer.core.model import Article, Mention
from mapviewer.qt.corrections import ClaimEditor


class ReaderPane(QWidget):
    siteRequested = Signal(str)
    correctionRequested = Signal(str, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("Click “Open in article” in a map popup to read the passage in its article.")
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setOpenExternalLinks(False)
        self.header.linkActivated.connect(self._open_external)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.editor = ClaimEditor(lambda mid, c, t: self.correctionRequested.emit(mid, c, t))
        layout.addWidget(self.header)
        layout.addWidget(self.editor)
        layout.addWidget(self.browser, 1)
        self.article: Article | None = None
        self.highlight: Mention | None = None

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "site":
            self.siteRequested.emit(url.path() or url.toString()[len("site:") :])
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _open_external(self, link: str) -> None:
        url = QUrl(link)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def show_article(self, article: Article, mentions: list[Mention], highlight: Mention | None = None) -> None:
        """Render the article; `mentions` become links, `highlight` is marked and scrolled to."""
        self.article = article
        self.highlight = highlight
        meta = " · ".join(html.escape(x) for x in (article.outlet, article.date) if x) or "outlet and date not stated in the text"
        link = f' · <a href="{html.escape(article.url, quote=True)}">original</a>' if article.url else ""
        self.header.setText(f"<b>{html.escape(article.title)}</b><br><span>{meta}{link}</span>")
        self.browser.setHtml(self.render_html(article, mentions, highlight))
        self.editor.show_mention(highlight)
        if highlight is not None:  # after the new layout settles, or the scroll position is off
            anchor = f"p{highlight.paragraph}"
            QTimer.singleShot(0, lambda: self.browser.scrollToAnchor(anchor))

    def render_html(self, article: Article, mentions: list[Mention], highlight: Mention | None) -> str:
        by_paragraph: dict[int, list[Mention]] = {}
        for m in mentions:
            by_paragraph.setdefault(m.paragraph, []).append(m)
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        mark_bg, para_bg, dim = ("#6b5a00", "#2d3340", "#888") if dark else ("#ffe066", "#fff8d6", "#999")
        out = []
        for p in article.paragraphs:
            if not p.is_passage:
                if p.kind != "title":
                    out.append(f'<p style="color:{dim}; font-size:small">{html.escape(p.text)}</p>')
                continue
            pieces = []
            pos = p.start
            for m in sorted(by_paragraph.get(p.index, []), key=lambda m: m.start):
                if m.start < pos:
                    continue
                pieces.append(html.escape(article.text[pos : m.start]))
                words = html.escape(article.text[m.start : m.end])
                style = f' style="background:{mark_bg}"' if highlight is not None and m.id == highlight.id else ""
                pieces.append(f'<a href="site:{html.escape(m.site_id, quote=True)}"{style}>{words}</a>')
                pos = m.end
            pieces.append(html.escape(article.text[pos : p.end]))
            body = "".join(pieces)
            tag = "h3" if p.kind == "heading" else "p"
            bg = f' style="background:{para_bg}"' if highlight is not None and p.index == highlight.paragraph else ""
            out.append(f'<{tag}{bg}><a name="p{p.index}"></a>{body}</{tag}>')
        return "<html><body>" + "\n".join(out) + "</body></html>"
