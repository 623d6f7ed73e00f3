"""The window's map page carries no passage text (issue 7, memory at 100k sites): a popup asks the host
for the passages it shows over the QWebChannel bridge. In a real QtWebEngine page offscreen: the page
data has no passage text, a popup shows exactly the passages the core gives for the current filter
(fetched when it opens, again after a filter change), hostile text stays inert, and ids the page sends
are checked (unknown, malformed or another site's give nothing). The standalone export still embeds
the passages (it has no bridge)."""

from __future__ import annotations

import functools
import json

import pytest
import webwindow

pytest.importorskip("PySide6.QtWebEngineWidgets")

from hostile import BACKTICK, HOSTILE_NAME, SCRIPT, TEMPLATE, write_hostile_workspace
from PySide6.QtCore import QPoint, Qt
from webwindow import CLOSE_POPUP, dispose, open_map_view

from mapviewer.core.export_html import standalone_html
from mapviewer.core.filters import Filter
from mapviewer.core.mapdata import site_passages
from mapviewer.core.workspace import Workspace
from mapviewer.qt.mapview import MapView

pytestmark = pytest.mark.webengine

SIZE = (1200, 800)
POPUP_ROWS = (
    "JSON.stringify(Array.from(document.querySelectorAll('.leaflet-popup .mv-passage')).map(function (li) {"
    " return [li.querySelector('.mv-open').getAttribute('data-mention'), li.querySelector('.mv-quote').textContent,"
    " li.querySelector('mark').textContent, li.querySelector('.mv-article').textContent]; }))"
)


@pytest.fixture(scope="module")
def hostile_ws(tmp_path_factory) -> Workspace:
    return Workspace.open(write_hostile_workspace(tmp_path_factory.mktemp("hostile") / "ws"))


@pytest.fixture
def view(qtbot, shared_view, ws):
    shared_view.apply_filter(ws.filter(Filter()))
    js(qtbot, shared_view, "mapviewer.fitVisible(); " + CLOSE_POPUP + "; 0")
    return shared_view


js = functools.partial(webwindow.js, timeout=10000)
state = functools.partial(webwindow.state, timeout=10000)


def popup_rows(qtbot, view: MapView) -> list[list[str]]:
    """The open popup's passages as [mention id, quote, highlighted text, article title], once loaded."""
    qtbot.waitUntil(
        lambda: js(qtbot, view, "document.querySelectorAll('.leaflet-popup .mv-popup').length === 1"
                   " && !document.querySelector('.leaflet-popup .mv-loading') ? 1 : 0") == 1,
        timeout=5000,
    )
    return json.loads(js(qtbot, view, POPUP_ROWS))


def expected_rows(ws: Workspace, site_id: str, flt: Filter) -> list[list[str]]:
    rows = []
    for m in ws.mentions_of(site_id, ws.filter(flt)):
        hl = m.sentence[m.start - m.sentence_start : m.end - m.sentence_start]
        rows.append([m.id, m.sentence, hl, ws.article_by_id[m.article_id].title])
    return rows


def served_page(view: MapView) -> str:
    """Everything the window's page gets: its HTML and the data it fetches."""
    handler = view._handler
    return handler.pages[view._page_path].decode("utf-8") + handler.data[view._data_key].decode("utf-8")


def test_the_window_page_carries_no_passage_text_but_the_export_does(view, ws):
    html = served_page(view)
    stub = json.loads(html.split('<script type="application/json" id="mv-data">', 1)[1].split("</script>", 1)[0])
    assert stub == {"fetch": f"app://map{view._data_key}"}  # the page fetches its data
    assert view._data_key.endswith(f"?v={view._generation}")
    data = json.loads(view._handler.data[view._data_key])
    assert data["lazy"] is True
    assert set(data["mentions"]) == {"id", "site", "certainty"}
    assert "articles" not in data
    long_sentences = [m.sentence for m in ws.mentions if len(m.sentence) > 60][:50]
    assert long_sentences
    escaped = [json.dumps(s)[1:-1] for s in long_sentences]  # as they would appear in the page's JSON
    assert not any(s in html or e in html for s, e in zip(long_sentences, escaped))
    exported = standalone_html(ws, Filter())
    assert sum(json.dumps(s, ensure_ascii=False)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")
               .replace("&", "\\u0026") in exported for s in long_sentences) == len(long_sentences)


def test_popup_opened_in_the_page_fetches_exactly_the_filtered_passages(qtbot, view, ws):
    site = "pivnichne"
    full = expected_rows(ws, site, Filter())
    assert len(full) >= 2
    # Opened by the page itself (no passages pushed by Python): the popup asks the bridge.
    assert js(qtbot, view, f"mapviewer.focusSite({json.dumps(site)}) ? 1 : 0") == 1
    assert state(qtbot, view)["popup"] == site
    assert popup_rows(qtbot, view) == full
    # A filter that hides some of its passages, applied while the popup is open: it follows.
    certainties = {ws.mention_by_id[r[0]].claim.certainty for r in full}
    keep = sorted(certainties)[:1] if len(certainties) > 1 else []
    flt = Filter(certainties=frozenset(keep)) if keep else Filter(articles=frozenset({ws.mention_by_id[full[0][0]].article_id}))
    view.apply_filter(ws.filter(flt))
    expected = expected_rows(ws, site, flt)
    assert 0 < len(expected) < len(full) or expected == full
    assert popup_rows(qtbot, view) == expected
    count = js(qtbot, view, "document.querySelector('.leaflet-popup .mv-count').textContent")
    assert count.startswith(f"{len(expected)} passage")
    assert view.js_errors == []


def test_area_popup_fetches_its_passages_and_follows_the_filter(qtbot, view, ws):
    site = "kursk-oblast"  # a region drawn as an area (its popup is Leaflet's, bound to the shape)
    assert ws.site_by_id[site].is_area and len(expected_rows(ws, site, Filter())) >= 2
    assert js(qtbot, view, f"mapviewer.focusSite({json.dumps(site)}) ? 1 : 0") == 1
    assert popup_rows(qtbot, view) == expected_rows(ws, site, Filter())
    first = ws.mentions_of(site)[0]
    flt = Filter(articles=frozenset({first.article_id}))
    view.apply_filter(ws.filter(flt))
    assert popup_rows(qtbot, view) == expected_rows(ws, site, flt)
    assert view.js_errors == []


def test_popup_opened_by_a_mouse_click_fetches_its_passages(qtbot, view, ws):
    site = "washington"  # alone on its side of the world at the initial view
    x, y = json.loads(js(qtbot, view, f"mapviewer.markerPoint({json.dumps(site)})"))
    target = view.focusProxy()
    qtbot.mouseMove(target, QPoint(round(x), round(y)))
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    qtbot.waitUntil(lambda: state(qtbot, view)["popup"] == site, timeout=3000)
    assert popup_rows(qtbot, view) == expected_rows(ws, site, Filter())
    assert view.js_errors == []


def test_focus_site_from_the_host_opens_the_popup_with_its_passages_at_once(qtbot, view, ws):
    flt = Filter(certainties=frozenset({"confirmed", "reported"}))
    view.apply_filter(ws.filter(flt))
    site = next(s for s in ("avdiivka", "pivnichne", "kusong") if expected_rows(ws, s, flt))
    view.focus_site(site)
    # In the very next script: the passages came with the call, no round trip through the bridge.
    assert json.loads(js(qtbot, view, POPUP_ROWS)) == expected_rows(ws, site, flt)


def test_the_bridge_answers_only_with_that_sites_known_passages(view, ws):
    bridge = view.bridge
    site = "pivnichne"
    own = [m.id for m in ws.mentions_of(site)]
    other = next(m.id for m in ws.mentions if m.site_id != site)
    rows = json.loads(bridge.sitePassages(site, json.dumps([*own, other, "no-such-mention", 5, None, ["x"], {"id": own[0]}])))
    assert [r["id"] for r in rows] == own  # the other site's and the invalid ids give nothing
    assert rows == site_passages(ws, site, own)
    for site_id, ids in (
        ("no-such-site", json.dumps(own)),
        (site, "not json"),
        (site, json.dumps({"ids": own})),
        (site, json.dumps("x")),
        (site, "null"),
        (site, json.dumps([other])),
        ("", json.dumps(own)),
    ):
        assert bridge.sitePassages(site_id, ids) == "[]", (site_id, ids)


def test_hostile_text_fetched_into_the_popup_stays_inert(qtbot, hostile_ws):
    v = open_map_view(hostile_ws, SIZE)
    try:
        assert "engineers were seen" not in served_page(v).lower()  # the passage text is not in the page
        assert js(qtbot, v, "mapviewer.focusSite('zlovgrad') ? 1 : 0") == 1
        rows = popup_rows(qtbot, v)
        assert len(rows) == len(hostile_ws.mentions)
        qtbot.wait(100)  # an injected onerror would have fired by now
        assert js(qtbot, v, "document.title") != "pwned"
        text = js(qtbot, v, "document.querySelector('.leaflet-popup .mv-popup').textContent")
        for literal in (HOSTILE_NAME, SCRIPT, TEMPLATE, BACKTICK, "</script>`${x}`"):
            assert literal in text
        assert js(qtbot, v, "document.querySelectorAll('img[src=\"x\"], .leaflet-popup script, .leaflet-popup b').length") == 0
        # The page's own channel object, asked with ids that are not this site's passages, gets nothing.
        js(
            qtbot,
            v,
            "window.__answers = []; new QWebChannel(qt.webChannelTransport, function (ch) {"
            " var b = ch.objects.bridge;"
            " b.sitePassages('zlovgrad', '[\"no-such\", 1, null]', function (r) { window.__answers.push(r); });"
            " b.sitePassages('no-such-site', '[]', function (r) { window.__answers.push(r); });"
            " b.sitePassages('zlovgrad', '{', function (r) { window.__answers.push(r); }); }); 0",
        )
        qtbot.waitUntil(lambda: js(qtbot, v, "window.__answers.length") == 3, timeout=5000)
        assert json.loads(js(qtbot, v, "JSON.stringify(window.__answers)")) == ["[]", "[]", "[]"]
        assert js(qtbot, v, "document.title") != "pwned"
        assert v.js_errors == []
    finally:
        dispose(v)
