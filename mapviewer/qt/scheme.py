"""Serve the map page and its whitelisted assets on app://map/ — never file:// and never setHtml
(which silently fails above ~2 MB) — from the one web profile every map view shares."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineUrlRequestJob, QWebEngineUrlSchemeHandler
from PySide6.QtWidgets import QApplication

from mapviewer import __version__, paths
from mapviewer.core import assets


class AppSchemeHandler(QWebEngineUrlSchemeHandler):
    sent = Signal()  # QtWebEngine has taken all the data given to waiting requests

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pages: dict[str, bytes] = {}
        self.data: dict[str, bytes | None] = {}  # by path and query: each load has its own
        self._waiting: dict[str, list[QWebEngineUrlRequestJob]] = {}
        self.sending = 0  # answers to waiting requests that QtWebEngine has not finished reading

    def set_page(self, path: str, html: str) -> None:
        self.pages[path] = html.encode("utf-8")

    def set_data(self, key: str, data: bytes | None) -> None:
        """Serve `data` (JSON) at `key` (path?query). None: not known yet; requests wait until it is given.

        Why wait: the window's page asks for its data while the workspace is still opening, and a
        request answered later costs nothing, where failing it would make the page retry."""
        self.data[key] = data
        if data is None:
            return
        for job in self._waiting.pop(key, []):
            if shiboken6.isValid(job):  # not cancelled meanwhile (the page was replaced or closed)
                self._reply(job, b"application/json", data)
                self.sending += 1
                job.destroyed.connect(self._sent)

    def drop_data(self, key: str) -> None:
        """Forget `key`'s data and any request still waiting for it (its page is being replaced)."""
        self.data.pop(key, None)
        self._waiting.pop(key, None)

    def _sent(self) -> None:
        self.sending -= 1
        if not self.sending:
            self.sent.emit()

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
        key = f"{path}?{url.query()}" if url.hasQuery() else path
        if key in self.data:
            data = self.data[key]
            if data is None:
                self._waiting.setdefault(key, []).append(job)
            else:
                self._reply(job, b"application/json", data)
            return
        if path == "/qt/qwebchannel.js":
            f = QFile(":/qtwebchannel/qwebchannel.js")
            if f.open(QIODevice.OpenModeFlag.ReadOnly):
                self._reply(job, b"text/javascript", bytes(f.readAll().data()))
                return
        if path.startswith("/assets/"):
            name = path[len("/assets/") :]
            content = assets.read(name)
            if content is not None:
                self._reply(job, assets.mime_type(name).encode(), content)
                return
        job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)


_profile: QWebEngineProfile | None = None
_handler: AppSchemeHandler | None = None


def profile() -> tuple[QWebEngineProfile, AppSchemeHandler]:
    """One profile per process, owned by the application so it outlives every view (teardown order)."""
    global _profile, _handler
    if _profile is None:
        app = QApplication.instance()
        _profile = QWebEngineProfile("mapviewer", app)
        cache = paths.cache_dir() / "web"
        _profile.setCachePath(str(cache / "cache"))
        _profile.setPersistentStoragePath(str(cache / "storage"))
        _profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.DiskHttpCache)
        _profile.setHttpCacheMaximumSize(512 * 1024 * 1024)
        _profile.setHttpUserAgent(f"mapviewer/{__version__} (desktop map viewer; QtWebEngine)")
        _handler = AppSchemeHandler(app)
        _profile.installUrlSchemeHandler(b"app", _handler)
    assert _handler is not None
    return _profile, _handler
