"""A popup says how many independent sources name the site among the passages it shows (issue 17), and
follows the filter. In a real QtWebEngine page offscreen, on the bundled corpus: Moscow is named by all
four articles, which are four independent sources (The New York Sun; the NIS article relays Yonhap; the
other two have no outlet and count one each)."""

from __future__ import annotations

import functools

import pytest
import webwindow

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import CLOSE_POPUP

from mapviewer.core.filters import Filter
from mapviewer.core.mapdata import payload

pytestmark = pytest.mark.webengine

js = functools.partial(webwindow.js, timeout=10000)
SOURCES_LINE = "(function () { var n = document.querySelector('.leaflet-popup .mv-sources'); return n ? n.textContent : ''; })()"


def sources_line(qtbot, view) -> str:
    qtbot.waitUntil(lambda: js(qtbot, view, SOURCES_LINE) != "", timeout=5000)
    return js(qtbot, view, SOURCES_LINE)


@pytest.fixture
def view(qtbot, shared_view, ws):
    shared_view.apply_filter(ws.filter(Filter()))
    js(qtbot, shared_view, CLOSE_POPUP + "; 0")
    return shared_view


def test_popup_names_the_independent_sources_of_the_passages_it_shows(qtbot, view, ws):
    assert js(qtbot, view, "mapviewer.focusSite('moscow') ? 1 : 0") == 1
    line = sources_line(qtbot, view)
    assert line.startswith("Named by 4 independent sources (")
    assert "The New York Sun" in line and "Yonhap" in line
    view.apply_filter(ws.filter(Filter(articles=frozenset({"nysun-tunnel-engineers"}))))
    qtbot.waitUntil(lambda: js(qtbot, view, SOURCES_LINE) == "Named by 1 independent source (The New York Sun)", timeout=5000)
    assert view.js_errors == []


def test_exported_page_data_carries_each_articles_source(ws):
    articles = {a["id"]: a for a in payload(ws, passages=True)["articles"]}
    assert articles["nysun-tunnel-engineers"]["source"] == "The New York Sun"
    assert articles["nis-kursk-deployment"]["source"] == "Yonhap"  # it relays Yonhap: one source with it
    assert articles["ghost-factories"]["source"] != articles["alabuga-drone-workers"]["source"]
