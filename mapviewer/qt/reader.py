"""The article reader: the full text with every site name a link back to the map and the chosen
passage highlighted. Text is escaped here, the one place article text becomes reader HTML."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from mapviewer.core.citation import format_citation
from mapviewer.core.model import Article, Mention
from mapviewer.qt.article_browser import ArticleBrowser
from mapviewer.qt.corrections import ClaimEditor

EMPTY_TEXT = "Click “Open in article” in a map popup to read the passage in its article."
HIGHLIGHT_ANCHOR = "mv-highlight"
FOLLOW_MS = 1500
"""How long after an article is shown its highlight is scrolled back into view whenever the reader's size
changes (the dock appearing, widening, the window laying out): the first scroll happens before the layout
settles, and a later resize would leave the passage off screen."""


CHANGED_TEXT = ("Text changed since it was added: it no longer matches its recorded sha256, so the passages marked "
                "on it may be out of place")
"""What the reader says over an article whose text differs from the one recorded (the CLI's "[text changed since added]")."""


class ReaderPane(QWidget):
    siteRequested = Signal(str)
    correctionRequested = Signal(str, object, object)
    citationCopied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(EMPTY_TEXT)
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setOpenExternalLinks(False)
        self.header.linkActivated.connect(self._open_external)
        self.header.installEventFilter(self)  # Enter on the header opens its link (eventFilter)
        self._header_links(False)
        self.browser = ArticleBrowser()  # the article one Tab stop, Left / Right step through its place links
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.setMinimumWidth(280)
        self.browser.viewport().installEventFilter(self)
        self.browser.verticalScrollBar().actionTriggered.connect(lambda _a: self._stop_following())
        self.cite_action = QAction("Copy &citation", self)  # also in the window's Edit menu
        self.cite_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.cite_action.setToolTip("Copy the highlighted passage as a citation: quote, article, outlet, date, paragraph, URL")
        self.cite_action.triggered.connect(self.copy_citation)
        self.cite_action.setEnabled(False)
        cite = QToolButton()
        cite.setDefaultAction(self.cite_action)
        cite.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.editor = ClaimEditor(lambda mid, c, t: self.correctionRequested.emit(mid, c, t))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(cite, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        layout.addWidget(self.browser, 1)
        self.article: Article | None = None
        self.highlight: Mention | None = None
        self._follow = QTimer(self, singleShot=True, interval=FOLLOW_MS)  # running: keep the highlight in view

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "site":
            self.siteRequested.emit(url.path() or url.toString()[len("site:") :])
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _header_links(self, linked: bool) -> None:
        """The header's "original" link a tab stop (Enter opens it) while there is one; no empty stop otherwise."""
        mouse = Qt.TextInteractionFlag.LinksAccessibleByMouse
        self.header.setTextInteractionFlags(mouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard if linked else mouse)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus if linked else Qt.FocusPolicy.NoFocus)

    def _open_external(self, link: str) -> None:
        url = QUrl(link)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def clear(self) -> None:
        """No article (another workspace was opened)."""
        self.article = self.highlight = None
        self.header.setText(EMPTY_TEXT)
        self._header_links(False)
        self.browser.clear()
        self.editor.show_mention(None)
        self.cite_action.setEnabled(False)

    def show_article(self, article: Article, mentions: list[Mention], highlight: Mention | None = None) -> None:
        """Render the article; `mentions` become links, `highlight` is marked and scrolled to."""
        self.article = article
        self.highlight = highlight
        meta = " · ".join(html.escape(x) for x in (article.outlet, article.date) if x) or "outlet and date not stated in the text"
        link = f' · <a href="{html.escape(article.url, quote=True)}">source</a>' if article.url else ""
        changed = (f'<br><span style="color:#b42318">{CHANGED_TEXT}</span>' if article.text_changed else "")
        self.header.setText(f"<b>{html.escape(article.title)}</b><br><span>{meta}{link}</span>{changed}")
        self._header_links(bool(link))
        self.browser.setHtml(self.render_html(article, mentions, highlight))
        self.editor.show_mention(highlight)
        self.cite_action.setEnabled(highlight is not None)
        if highlight is not None:
            self.scroll_to_highlight()
            self._follow.start()  # and again whenever the layout changes the reader's size, for a moment
            QTimer.singleShot(0, self, self.scroll_to_highlight)  # after the layout pass this show started

    # -- keeping the highlighted passage in view ---------------------------------------------------
    def highlight_rect(self) -> QRect | None:
        """Where the highlighted words are, in the browser viewport's coordinates (None: no highlight)."""
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if HIGHLIGHT_ANCHOR in fragment.charFormat().anchorNames():
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    start = self.browser.cursorRect(cursor)
                    cursor.setPosition(fragment.position() + max(1, len(self.highlight.surface) if self.highlight else 1))
                    end = self.browser.cursorRect(cursor)
                    return start.united(end)
                it += 1
            block = block.next()
        return None

    def highlight_visible(self) -> bool:
        rect = self.highlight_rect()
        return rect is not None and self.browser.viewport().rect().contains(rect)

    def scroll_to_highlight(self) -> None:
        """Show the highlighted passage: its paragraph from the top when the highlight then shows, else the
        highlight a third down the view (a long paragraph)."""
        if self.highlight is None:
            return
        self.browser.scrollToAnchor(f"p{self.highlight.paragraph}")
        rect = self.highlight_rect()
        viewport = self.browser.viewport().rect()
        if rect is not None and not viewport.contains(rect):
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - viewport.height() // 3)

    def _stop_following(self) -> None:
        self._follow.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.header and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.article and self.article.url):
            self._open_external(self.article.url)  # the label's own keyboard link needs a link chosen first: not to rely on
            return True
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize and self._follow.isActive():
            QTimer.singleShot(0, self, self.scroll_to_highlight)
        elif watched is self.browser.viewport() and event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            offset = self.browser.horizontalScrollBar().value(), self.browser.verticalScrollBar().value()
            menu = self.browser.createStandardContextMenu(event.pos() + QPoint(*offset))  # document coordinates
            menu.addSeparator()
            menu.addAction(self.cite_action)
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        elif watched is self.browser.viewport() and event.type() == QEvent.Type.Wheel:
            self._stop_following()  # the user scrolls: leave the view where they put it
        return super().eventFilter(watched, event)

    # -- citing ------------------------------------------------------------------------------------
    def citation(self) -> str | None:
        """The highlighted passage's citation (core.citation.format_citation), or None."""
        if self.article is None or self.highlight is None:
            return None
        return format_citation(self.article, self.highlight)

    def copy_citation(self) -> None:
        text = self.citation()
        if text is not None:
            QGuiApplication.clipboard().setText(text)
            self.citationCopied.emit(text)

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
                marked = highlight is not None and m.id == highlight.id
                style = f' style="background:{mark_bg}"' if marked else ""
                if marked:
                    pieces.append(f'<a name="{HIGHLIGHT_ANCHOR}"></a>')
                pieces.append(f'<a href="site:{html.escape(m.site_id, quote=True)}"{style}>{words}</a>')
                pos = m.end
            pieces.append(html.escape(article.text[pos : p.end]))
            body = "".join(pieces)
            tag = "h3" if p.kind == "heading" else "p"
            bg = f' style="background:{para_bg}"' if highlight is not None and p.index == highlight.paragraph else ""
            out.append(f'<{tag}{bg}><a name="p{p.index}"></a>{body}</{tag}>')
        return "<html><body>" + "\n".join(out) + "</body></html>"
