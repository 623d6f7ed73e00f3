"""Process-wide QtWebEngine setup that must happen before the QApplication exists."""

from __future__ import annotations

import os

SCHEME = b"app"


def prepare(headless: bool = False) -> None:
    """Headless flags (offscreen, no sandbox as root) and the app:// scheme registration."""
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # numpy does element-wise work here, no linear algebra: OpenBLAS's thread pool, made when numpy is
    # imported, would only cost start-up (~12 ms on 2 cores). Before that import, or it has no effect.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--disable-background-networking" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-background-networking").strip()
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    if QWebEngineUrlScheme.schemeByName(SCHEME).name() != SCHEME:
        scheme = QWebEngineUrlScheme(SCHEME)
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
        # FetchApiAllowed: the window's page fetches its data (under app://map/data/); the page's policy
        # (connect-src) admits that one URL and nothing else.
        flag = QWebEngineUrlScheme.Flag
        scheme.setFlags(flag.SecureScheme | flag.CorsEnabled | flag.FetchApiAllowed)
        QWebEngineUrlScheme.registerScheme(scheme)
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must be imported before QApplication)

