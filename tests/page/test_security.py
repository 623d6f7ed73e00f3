"""Hostile data stays inert and the page stays locked on app://map, with a real QtWebEngine page."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from hostile import BACKTICK, HOSTILE_NAME, SCRIPT, TEMPLATE, write_hostile_workspace
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from webwindow import js, js_json, open_window, state

from mapviewer.core.workspace import Workspace

pytestmark = pytest.mark.webengine

@pytest.fixture(scope="module")
def hostile_ws(tmp_path_factory) -> Workspace:
    return Workspace.open(write_hostile_workspace(tmp_path_factory.mktemp("hostile") / "ws"))


@pytest.fixture
def window(qtbot, hostile_ws, tmp_path):
    with open_window(qtbot, hostile_ws, tmp_path / "settings.ini") as w:
        yield w


def title(qtbot, window) -> str:
    return js(qtbot, window, "document.title")


def test_hostile_text_stays_inert_in_the_popup(qtbot, window):
    st = state(qtbot, window)
    assert st["visible"] == ["zlovgrad"]
    window.map.focus_site("zlovgrad")
    assert state(qtbot, window)["popup"] == "zlovgrad"
    qtbot.wait(100)  # an injected onerror would have fired by now
    assert title(qtbot, window) != "pwned"
    text = js(qtbot, window, "document.querySelector('.leaflet-popup .mv-popup').textContent")
    for literal in (HOSTILE_NAME, SCRIPT, TEMPLATE, BACKTICK, "<b>Nowhere</b>", "</script>`${x}`"):
        assert literal in text
    # Nowhere in the page, popup or map label, did the data become markup.
    assert js(qtbot, window, "document.querySelectorAll('img[src=\"x\"], .leaflet-popup script, .leaflet-popup b').length") == 0
    label = js(qtbot, window, "document.querySelector('.mv-label').textContent")
    assert label == HOSTILE_NAME
    assert window.map.js_errors == []
    assert state(qtbot, window)["errors"] == []


def test_hostile_text_is_escaped_in_the_reader(qtbot, window, hostile_ws):
    mention = hostile_ws.mentions[0]
    window.open_passage(mention.id)
    article = hostile_ws.article_by_id["hostile"]
    html = window.reader.render_html(article, hostile_ws.mentions, mention)
    assert "<img" not in html and "<script" not in html and "</script>" not in html
    assert "&lt;/script&gt;&lt;script&gt;" in html
    assert "&lt;img src=x onerror=&quot;document.title=" in html.replace('<a href="site:zlovgrad">', "")
    plain = window.reader.browser.toPlainText()
    assert SCRIPT in plain and TEMPLATE in plain and BACKTICK in plain and HOSTILE_NAME in plain
    assert "hostile.txt" not in window.reader.header.text()
    assert "<b>Hostile data test</b>" in window.reader.header.text()
    assert "&lt;/script&gt;" in window.reader.header.text()


def test_page_cannot_navigate_away_or_open_windows(qtbot, window):
    url = window.map.url().toString()
    assert url.startswith(f"app://map{window.map._page_path}?v=")
    js(qtbot, window, "window.__marker = 1")
    for target in ("https://example.com/", "file:///etc/hostname", "data:text/html,hi", "qrc:///qtwebchannel/qwebchannel.js"):
        js(qtbot, window, f"location.href = {json.dumps(target)}")
        qtbot.wait(150)
        assert window.map.url().toString() == url, target
        assert js(qtbot, window, "window.__marker") == 1, target
    js(
        qtbot,
        window,
        "var a = document.createElement('a'); a.href = 'file:///etc/hostname'; document.body.appendChild(a); a.click()",
    )
    qtbot.wait(150)
    assert window.map.url().toString() == url
    assert js(qtbot, window, "String(window.open('https://example.com/'))") == "null"
    assert js(qtbot, window, "window.__marker") == 1


def test_page_cannot_read_local_files(qtbot, window):
    js(
        qtbot,
        window,
        "window.__fetch = 'pending'; fetch('file:///etc/hostname').then("
        "function (r) { return r.text(); }).then(function (t) { window.__fetch = 'read:' + t; },"
        " function (e) { window.__fetch = 'failed'; })",
    )
    qtbot.waitUntil(lambda: js(qtbot, window, "window.__fetch") != "pending", timeout=3000)
    assert js(qtbot, window, "window.__fetch") == "failed"
    js(
        qtbot,
        window,
        "window.__xhr = 'pending'; var x = new XMLHttpRequest(); x.onload = function () { window.__xhr = 'read'; };"
        " x.onerror = function () { window.__xhr = 'failed'; }; try { x.open('GET', 'file:///etc/hostname'); x.send(); }"
        " catch (e) { window.__xhr = 'failed'; }",
    )
    qtbot.waitUntil(lambda: js(qtbot, window, "window.__xhr") != "pending", timeout=3000)
    assert js(qtbot, window, "window.__xhr") == "failed"
    # The scheme handler serves only the page and whitelisted assets.
    js(
        qtbot,
        window,
        "window.__asset = 'pending'; fetch('app://map/assets/../../etc/hostname').then("
        "function (r) { window.__asset = r.ok ? 'read' : 'failed'; }, function () { window.__asset = 'failed'; })",
    )
    qtbot.waitUntil(lambda: js(qtbot, window, "window.__asset") != "pending", timeout=3000)
    assert js(qtbot, window, "window.__asset") == "failed"


def test_csp_blocks_an_injected_inline_script(qtbot, window):
    js(
        qtbot,
        window,
        "window.__ran = 0; var s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.appendChild(s);",
    )
    js(
        qtbot,
        window,
        "var d = document.createElement('div'); d.innerHTML = '<img src=\"data:,x\" onerror=\"window.__ran = 2\">';"
        " document.body.appendChild(d);",
    )
    qtbot.wait(200)
    assert js(qtbot, window, "window.__ran") == 0
    policy = js_json(qtbot, window, "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert "script-src" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert state(qtbot, window)["ready"] is True


class _Opened(QObject):
    """Receives what the app asks the system browser to open (QDesktopServices' own handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_only_credit_and_article_links_reach_the_system_browser(qtbot, window):
    opened = _Opened()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, opened, "open")
    try:
        click = "var a = document.createElement('a'); a.href = %s; document.body.appendChild(a); a.click()"
        js(qtbot, window, click % json.dumps("https://example.com/phish"))
        js(qtbot, window, click % json.dumps("http://attacker.test/"))
        qtbot.wait(300)
        assert opened.urls == [], "a scripted click on an unknown host opens nothing"
        js(qtbot, window, "document.querySelector('.leaflet-control-attribution a[href^=\"https://leafletjs.com\"]').click()")
        qtbot.waitUntil(lambda: [u.rstrip("/") for u in opened.urls] == ["https://leafletjs.com"], timeout=3000)
    finally:
        for scheme in ("http", "https"):
            QDesktopServices.unsetUrlHandler(scheme)
