"""A slip of spelling of a place the article itself names (issue 13, recall): "Kherzon" a few lines after "Kherson"
is that city, listed with low confidence and saying so, in every sentence it stands in; a one-word name after "in"
that is no slip of any place near the story stays out. Every sentence here is invented for these tests."""

from __future__ import annotations

from placing import found

STORY = (
    "Shelling hit Jabalia and Gaza City overnight, medics in Khan Younis said.\n\n"
    "Troops tightened their grip around Jabilia on Tuesday.\n\n"
    "Jabilia has been under fire for ten days."
)


def test_a_slip_of_a_name_the_article_places_is_listed_as_that_place() -> None:
    slips = [c for c in found(STORY) if c.surface == "Jabilia"]
    assert len(slips) == 2  # the bare repeat too, once the name is a candidate in the article
    for c in slips:
        assert c.status == "low-confidence" and c.place is not None and c.place.name.startswith("Jab")
        assert "slip of spelling" in c.reason


def test_a_name_after_in_that_misspells_nothing_near_stays_out() -> None:
    text = "Shelling hit Jabalia and Gaza City overnight, a report published in Haaretz said."
    assert [c.surface for c in found(text) if c.surface == "Haaretz"] == []
