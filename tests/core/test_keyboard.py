"""The window's keyboard areas (core.keyboard: their order, F6's steps) and the timeline's keys (core.timeline.keyed_window)."""

from __future__ import annotations

import re

import pytest

from mapviewer import paths
from mapviewer.core.keyboard import AREAS, NEXT_AREA, PREVIOUS_AREA, step
from mapviewer.core.timeline import KEY_MOVES, keyed_window

ALL = {a.key for a in AREAS}


def test_areas_are_in_the_tab_order_with_distinct_shortcuts() -> None:
    assert [a.key for a in AREAS] == ["filters", "sites", "map", "panel", "timeline"]
    shortcuts = [a.shortcut for a in AREAS] + [NEXT_AREA, PREVIOUS_AREA]
    assert len(set(shortcuts)) == len(shortcuts)


def test_f6_steps_round_the_shown_areas() -> None:
    assert step("filters", ALL) == "sites"
    assert step("timeline", ALL) == "filters", "round from the last to the first"
    assert step("filters", ALL, back=True) == "timeline"
    assert step("map", ALL - {"panel"}) == "timeline", "a closed dock is stepped over"
    assert step("map", ALL - {"panel"}, back=True) == "sites"
    assert step(None, ALL) == "filters" and step(None, ALL, back=True) == "timeline"
    assert step("panel", {"map", "sites"}) == "sites", "from an area that was closed: the next one shown"
    assert step("map", {"map"}) == "map"
    assert step("map", set()) is None


def test_the_user_guide_says_every_area_shortcut() -> None:
    """The guide's Keyboard section stays true: each Go to shortcut, F6 and the timeline's keys are in it."""
    guide = (paths.ASSETS / "help" / "guide.md").read_text(encoding="utf-8")
    keyboard = guide[guide.index("## Keyboard") :]
    for area in AREAS:
        assert re.search(rf"\*\*{re.escape(area.shortcut)}\*\*", keyboard), area
    for keys in (NEXT_AREA, PREVIOUS_AREA, "Shift+Left", "Delete", "Esc"):
        assert f"**{keys}**" in keyboard, keys


EXTENT = (2000 * 12, 2025 * 12 + 11)


def test_a_first_key_makes_a_window_at_an_end_of_the_chart() -> None:
    assert keyed_window(None, "later", EXTENT, 12, 12) == (2000 * 12, 2000 * 12 + 11)
    assert keyed_window(None, "earlier", EXTENT, 12, 12) == (2025 * 12, 2025 * 12 + 11)
    assert keyed_window(None, "later", (100, 104), 12, 12) == (100, 104), "never wider than the chart"


def test_keys_move_the_window_and_its_end_within_the_chart() -> None:
    year = (2010 * 12, 2010 * 12 + 11)
    assert keyed_window(year, "later", EXTENT, 12, 12) == (2011 * 12, 2011 * 12 + 11)
    assert keyed_window(year, "earlier", EXTENT, 12, 12) == (2009 * 12, 2009 * 12 + 11)
    assert keyed_window(year, "longer", EXTENT, 12, 12) == (2010 * 12, 2011 * 12 + 11)
    assert keyed_window(year, "shorter", EXTENT, 12, 3) == (2010 * 12, 2010 * 12 + 8)
    assert keyed_window((2010 * 12, 2010 * 12 + 1), "shorter", EXTENT, 12, 12) == (2010 * 12, 2010 * 12), "one month at least"
    first = (EXTENT[0], EXTENT[0] + 11)
    assert keyed_window(first, "earlier", EXTENT, 12, 12) == first, "stops at the chart's start"
    last = (EXTENT[1] - 5, EXTENT[1])
    assert keyed_window(last, "later", EXTENT, 12, 12) == last and keyed_window(last, "longer", EXTENT, 12, 12) == last
    assert keyed_window((EXTENT[1] - 20, EXTENT[1] - 9), "later", EXTENT, 12, 12) == (EXTENT[1] - 11, EXTENT[1]), "a part step to the end"


def test_every_move_is_known() -> None:
    assert set(KEY_MOVES) == {"earlier", "later", "shorter", "longer"}
    with pytest.raises(KeyError):
        keyed_window((1, 2), "sideways", EXTENT, 12, 12)
