"""A place located only by an article's text carries its own radius (issue 13: "approximate: in the X district,
±60 km"): the page draws and names that radius, not its precision class's, in a real QtWebEngine page offscreen."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
import webwindow

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import dispose, open_map_view

from mapviewer.core.mapdata import payload
from mapviewer.core.workspace import Workspace

pytestmark = pytest.mark.webengine

js = functools.partial(webwindow.js, timeout=10000)
state = functools.partial(webwindow.state, timeout=10000)

NOTE = "approximate: in the Eastvale <b>district</b>, ±60 km (where its sentence puts it, not the place's own point)"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    (root / "articles").mkdir(parents=True)
    feats = [
        {"type": "Feature",
         "properties": {"id": sid, "name": name, "aliases": [], "kind": kind, "country": "Testland", "precision": precision,
                        "coord_source": source, "point": [30.0, 50.0], **extra},
         "geometry": {"type": "Point", "coordinates": [30.0, 50.0]}}
        for sid, name, kind, precision, source, extra in (
            ("hamlet", "Little Hamlet", "site", "approximate", NOTE, {"radius_km": 60}),
            ("town", "Eastvale", "town", "approximate", "test fixture", {}),
        )
    ]  # fmt: skip
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    (root / "articles" / "report.txt").write_text(
        "Report\n\nShells hit Little Hamlet, a village in the Eastvale district, on Monday.\n", encoding="utf-8"
    )
    return Workspace.open(root)


def test_the_sites_own_radius_is_in_the_page_data(ws: Workspace) -> None:
    data = payload(ws, passages=False)
    row = [s.id for s in ws.mapped_sites].index("hamlet")
    assert data["sites"]["radius"] == {str(row): 60.0}  # the town has none of its own: its class's radius applies


def test_the_popup_names_the_sites_own_radius_and_its_approximation_escaped(qtbot, ws: Workspace) -> None:
    view = open_map_view(ws, (900, 700))
    try:
        view.focus_site("hamlet")
        assert state(qtbot, view)["popup"] == "hamlet"
        why = "document.querySelector('.leaflet-popup .mv-precision-why').textContent"
        qtbot.waitUntil(lambda: js(qtbot, view, why) == "Coordinates: " + NOTE, timeout=5000)
        head = js(qtbot, view, "document.querySelector('.leaflet-popup .mv-precision-head').textContent")
        assert "within about 60 km" in head
        assert js(qtbot, view, "document.querySelectorAll('.leaflet-popup .mv-precision-why b').length") == 0  # text, not markup
        assert view.js_errors == []
    finally:
        dispose(view)
