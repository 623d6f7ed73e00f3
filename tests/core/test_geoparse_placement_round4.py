"""Placement, round 4 (issue 13): a facility phrase's head word is never read as the town it stands at.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from placing import found, near

HOMS = (34.73, 36.71)


def test_the_head_word_of_a_facility_is_not_a_town_called_like_it() -> None:
    """GeoNames lists a populated place called "Airport" (in Hawaii): "the Deir Qarsa Military Airport" (a name no
    table has) is not placed there."""
    text = "Jets struck the Deir Qarsa Military Airport at dawn, Syrian media said."
    for c in found(text):
        assert c.place is None or near(c, HOMS, 1000), (c.surface, c.place.lat, c.place.lon, c.reason)
