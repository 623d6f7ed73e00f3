"""One page contract (issue 14): mapviewer/qt/page_api.py is the only code that calls into the map
page; its typed methods reach the real page with their arguments intact; the certainty and topic codes
are defined once in Python (core/pagecodes.py) and the page's scripts name none of them."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import CLOSE_POPUP, js

import mapviewer
from mapviewer.core import assets
from mapviewer.core.filters import Filter
from mapviewer.core.mapdata import payload
from mapviewer.core.model import CERTAINTIES, TOPICS, Claim
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP

PACKAGE = Path(mapviewer.__file__).resolve().parent
PAGE_API = PACKAGE / "qt" / "page_api.py"
PAGE_FUNCTION = re.compile(r"\bmapviewer\.([A-Za-z_]\w*)\s*\(")
# The page's own bootstrap (written into the page's HTML, run by the page itself) starts it.
BOOTSTRAP = {("core/pageshell.py", "init")}


def page_calls(source: str, name: str) -> list[str]:
    """Where `source` calls into a page: runJavaScript anywhere, a PageAPI's private parts (its raw
    script runner), or a string (not a docstring) holding a call of the page's API, `mapviewer.NAME(`,
    also as a piece of an f-string."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "runJavaScript":
            found.append(f"{name}:{node.lineno}: runJavaScript")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and _names_page_api(node.value):
            found.append(f"{name}:{node.lineno}: page_api.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for function in PAGE_FUNCTION.findall(node.value):
                if (name, function) not in BOOTSTRAP:
                    found.append(f"{name}:{node.lineno}: mapviewer.{function}(")
    return found


def _names_page_api(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "page_api") or (isinstance(node, ast.Name) and node.id == "page_api")


def test_only_the_page_api_calls_into_the_page():
    stray = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != PAGE_API:
            stray += page_calls(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    assert stray == [], "page calls outside mapviewer/qt/page_api.py (add a typed PageAPI method): " + "; ".join(stray)


def test_the_check_finds_page_calls():
    """The check above would see the calls it forbids: those of the page API itself, and the kinds of
    call the window and the renderer used to assemble."""
    assert len(page_calls(PAGE_API.read_text(encoding="utf-8"), "qt/page_api.py")) >= 3
    old = '''
def f(self, view, mention, script):
    """Calls mapviewer.state() (a docstring: not a call)."""
    self.map.run(f"mapviewer.setCenterZoom({view[0]}, {view[1]}, {view[2]})")
    self.map.run("mapviewer.fitVisible()")
    self.page().runJavaScript(script, 0)
    self.map.page_api._run(script)
'''
    assert sorted(c.split(": ", 1)[1] for c in page_calls(old, "x.py")) == [
        "mapviewer.fitVisible(",
        "mapviewer.setCenterZoom(",
        "page_api._run",
        "runJavaScript",
    ]


def _string_literals(js_source: str) -> set[str]:
    return set(re.findall(r"'((?:[^'\\\n]|\\.)*)'", js_source)) | set(re.findall(r'"((?:[^"\\\n]|\\.)*)"', js_source))


def test_page_scripts_name_no_certainty_topic_or_colour():
    """The page reads what the codes mean from its data; its own scripts hard-code none of them."""
    names = {*CERTAINTIES, *TOPICS}  # (NO_TOPIC, "none", is a filter choice the page never sees)
    colours = {c.lower() for c in CERTAINTY_COLOURS.values()}
    scripts = [n for n in assets.PAGE_SCRIPTS if n.startswith("map/")]
    assert len(scripts) >= 10  # start.js and the map page's parts
    for name in scripts:
        source = assets.resolve(name).read_text(encoding="utf-8")
        assert not (_string_literals(source) & names), (name, _string_literals(source) & names)
        assert not any(c in source.lower() for c in colours), name
    assert _string_literals("x = 'confirmed'; y = \"weapons\"") & names == {"confirmed", "weapons"}


def test_the_page_data_carries_what_the_codes_mean(ws):
    data = payload(ws)
    assert data["certainties"] == [
        {"id": c, "label": c.capitalize(), "colour": CERTAINTY_COLOURS[c], "help": CERTAINTY_HELP[c]} for c in CERTAINTIES
    ]
    assert data["topics"] == [{"id": t, "label": label} for t, label in TOPICS.items()]
    assert data["mentions"]["certainty"] == [CERTAINTIES.index(m.claim.certainty) for m in ws.mentions]
    assert data["mentions"]["topics"] == [[list(TOPICS).index(t) for t in m.claim.topics] for m in ws.mentions]


@pytest.mark.webengine
def test_page_scripts_are_real_files_in_load_order_and_only_mapviewer_is_public(qtbot, shared_view):
    for name in assets.PAGE_SCRIPTS:
        assert assets.resolve(name) is not None, name
    assert assets.PAGE_SCRIPTS[-1] == "map/mapviewer.js"
    assert js(qtbot, shared_view, "typeof window.mvInternal") == "undefined"
    api = json.loads(
        js(
            qtbot,
            shared_view,
            "JSON.stringify(Object.keys(mapviewer).filter(function (k) { return typeof mapviewer[k] === 'function'; }).sort())",
        )
    )
    assert api == sorted(["init", "applyVisibility", "focusSite", "fitVisible", "setBasemap", "setView", "setCenterZoom", "markerPoint",
                          "state", "updateMention", "startPlacing", "stopPlacing", "placingAt", "escape", "whatIsAt",
                          "startMeasure", "stopMeasure", "measureState", "setEvidence", "applyFlowVisibility", "openFlow", "focusMap"])  # fmt: skip


# ---- the typed methods, on a real page -------------------------------------------------------------------


def call(qtbot, method, *args):
    """Call a PageAPI method that answers through a callback; its answer."""
    with qtbot.waitCallback(timeout=5000) as cb:
        method(*args, cb)
    return cb.args[0]


@pytest.fixture
def view(qtbot, shared_view):
    api = shared_view.page_api
    api.stop_placing()
    api.fit_visible()
    js(qtbot, shared_view, CLOSE_POPUP)
    return shared_view


@pytest.mark.webengine
def test_arguments_reach_the_page_exactly(qtbot, view):
    label = 'O\'Brien "Zavod" \\ </script><b>x</b> \u2028 line — 🚀'
    view.page_api.start_placing(label, 50.5, 30.25)
    assert js(qtbot, view, "document.querySelector('.mv-place-tip').textContent") == "Drag or click the map to place " + label
    assert call(qtbot, view.page_api.placing_at) == pytest.approx((50.5, 30.25))
    view.page_api.stop_placing()
    assert call(qtbot, view.page_api.placing_at) is None


@pytest.mark.webengine
def test_view_methods_move_the_map(qtbot, view, ws):
    api = view.page_api
    api.set_center_zoom(45, 60, 3)
    st = call(qtbot, api.state)
    assert st["center"] == pytest.approx([45, 60], abs=1e-6) and st["zoom"] == 3
    api.set_view(124.6, 34.0, 127.0, 36.2)
    st = call(qtbot, api.state)
    assert 34.0 < st["center"][0] < 36.2 and 124.6 < st["center"][1] < 127.0 and st["zoom"] >= 6
    site = next(s for s in ws.mapped_sites if not s.is_area)
    api.focus_site(site.id)
    st = call(qtbot, api.state)
    assert st["popup"] == site.id
    x, y = call(qtbot, api.marker_point, site.id)
    assert 0 <= x <= view.width() and 0 <= y <= view.height()
    assert call(qtbot, api.marker_point, "no-such-site") is None


@pytest.mark.webengine
def test_update_mention_recolours_the_site_through_the_shared_codes(qtbot, view, ws):
    """A corrected label reaches the page as codes the page reads back as the same certainty: the legend
    counts the site under its new certainty and the popup's badge names it in its colour."""
    site, mention = next(
        (s, ms[0])
        for s in ws.mapped_sites
        if not s.is_area and len(ms := ws.mentions_of(s.id)) == 1 and ms[0].claim.certainty != "alleged"
    )
    legend = "JSON.stringify([].map.call(document.querySelectorAll('.mv-legend-row[data-certainty]'), function (r) { return [r.getAttribute('data-certainty'), Number(r.querySelector('.mv-legend-count').textContent)]; }))"
    before = dict(json.loads(js(qtbot, view, legend)))
    try:
        view.page_api.update_mention(mention.id, Claim("alleged", ("weapons",), "a test"))
        view.apply_filter(ws.filter(Filter()))
        after = dict(json.loads(js(qtbot, view, legend)))
        assert after["alleged"] == before["alleged"] + 1
        assert after[mention.claim.certainty] == before[mention.claim.certainty] - 1
        view.focus_site(site.id)
        badge = json.loads(
            js(
                qtbot,
                view,
                "JSON.stringify((function (b) { return [b.textContent, getComputedStyle(b).backgroundColor]; })(document.querySelector('.leaflet-popup .mv-certainty')))",
            )
        )
        r, g, b = (int(CERTAINTY_COLOURS["alleged"][i : i + 2], 16) for i in (1, 3, 5))
        assert badge == ["Alleged", f"rgb({r}, {g}, {b})"]
    finally:
        view.page_api.update_mention(mention.id, mention.claim)
        view.apply_filter(ws.filter(Filter()))
    assert dict(json.loads(js(qtbot, view, legend))) == before
