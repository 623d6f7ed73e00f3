"""Basemaps in the real window (issue 5): the offline world map draws land and borders with no network;
online layers are switched in place and fall back to the offline map when their tiles fail."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import dominant_colours, map_image, open_window, pixels, share_near, state

from mapviewer.core.mappage import BASEMAPS, ONLINE_BASEMAPS
from mapviewer.core.workspace import Workspace

pytestmark = pytest.mark.webengine

SEA = "#dde8ef"
LAND = "#f2eee6"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.open()


@pytest.fixture
def window(qtbot, ws, tmp_path):
    with open_window(qtbot, ws, tmp_path / "settings.ini") as w:
        yield w


def test_offline_map_draws_sea_land_and_borders(qtbot, window):
    image = map_image(qtbot, window)
    assert pixels(image).std() > 10
    top = dominant_colours(image)[:2]
    assert sum(share for _c, share in top) < 0.95, top  # not one uniform background
    assert share_near(image, SEA) > 0.15, dominant_colours(image)[:5]
    assert share_near(image, LAND) > 0.10, dominant_colours(image)[:5]
    # Borders and coasts: darker lines through the land, neither sea nor land nor white.
    px = pixels(image)
    darker = (px.sum(axis=-1) < 600) & (px.sum(axis=-1) > 300)
    assert darker.mean() > 0.005
    assert state(qtbot, window)["basemapDrawn"] is True


def test_basemap_menu_lists_every_basemap(window):
    assert list(window.basemap_actions) == list(BASEMAPS)
    assert window.basemap_actions["offline"].isChecked()
    labels = [a.text() for a in window.basemap_actions.values()]
    assert all(any(BASEMAPS[k] in label for label in labels) for k in BASEMAPS)
    assert sum(a.isChecked() for a in window.basemap_actions.values()) == 1


def test_choosing_a_basemap_switches_in_place(qtbot, window):
    loads = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    for key in ONLINE_BASEMAPS:
        window.basemap_actions[key].trigger()
        assert window.basemap_actions[key].isChecked()
        assert state(qtbot, window)["basemap"] in (key, "offline")  # "offline" once its tiles failed
        window.basemap_actions["offline"].trigger()
        assert state(qtbot, window)["basemap"] == "offline"
    assert loads == []


def test_failing_tiles_fall_back_to_the_offline_map(qtbot, window):
    """The test machine has no network: OpenStreetMap's tiles fail and the offline map returns."""
    loads = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    started = time.monotonic()
    with qtbot.waitSignal(window.map.basemapFallback, timeout=15000) as sig:
        window.basemap_actions["osm"].trigger()
    assert sig.args == ["osm"]
    assert time.monotonic() - started < 12
    assert state(qtbot, window)["basemap"] == "offline"
    assert window.basemap == "offline"
    assert window.basemap_actions["offline"].isChecked()
    assert "did not load" in window.statusBar().currentMessage()
    assert loads == []
