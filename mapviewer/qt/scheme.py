"""Serve the map page and its whitelisted assets on app://map/ — never file:// and never setHtml
(which silently fails above ~2 MB)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlSchemeHandler

from mapviewer.core import assets


class AppSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pages: dict[str, bytes] = {}

    def set_page(self, path: str, html: str) -> None:
        self.pages[path] = html.encode("utf-8")

    def _reply(self, job: QWebEngineUrlRequestJob, mime: bytes, data: bytes) -> None:
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime, buffer)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        path = url.path()
        if url.host() != "map":
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        if path in self.pages:
            self._reply(job, b"text/html; charset=utf-8", self.pages[path])
            return
        if path == "/qt/qwebchannel.js":
            f = QFile(":/qtwebchannel/qwebchannel.js")
            if f.open(QIODevice.OpenModeFlag.ReadOnly):
                self._reply(job, b"text/javascript", bytes(f.readAll().data()))
                return
        if path.startswith("/assets/"):
            found = assets.resolve(path[len("/assets/") :])
            if found is not None:
                self._reply(job, assets.mime_type(found).encode(), found.read_bytes())
                return
        job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
