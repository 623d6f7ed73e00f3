"""core.titles: a headline's own words first in a narrow list."""

from __future__ import annotations

import pytest

from mapviewer.core.titles import short_title


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Exclusive: Drones Over the Harbour at Dawn", "Drones Over the Harbour at Dawn"),
        ("ANALYSIS — Why the Pass Matters", "Why the Pass Matters"),
        ("Watch | Breaking: Ferry Stopped at the Strait", "Ferry Stopped at the Strait"),
        ("Special report - Salt Mines Turned Depots", "Salt Mines Turned Depots"),
        ("“Quiet Yards”: Who Builds the Barges?", "“Quiet Yards”: Who Builds the Barges?"),
        ("Reporters Without a Road", "Reporters Without a Road"),
        ("Exclusive:", "Exclusive:"),
        ("Live updates from the valley", "Live updates from the valley"),
    ],
)
def test_short_title_drops_the_outlets_label_only(title, short):
    assert short_title(title) == short
