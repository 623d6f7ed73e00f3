"""Recall on unseen articles (issue 13), round 2: names the finder never detected for a reason of form, not of
knowledge (a sentence's full stop read into a country's name, an apostrophe inside a romanised word). Every sentence
and every unknown name here was invented for these tests; none comes from the evaluation articles."""

from __future__ import annotations

import pytest
from placing import found

from mapviewer.core.ingest.candidates import not_a_place_phrase


def _surfaces(text: str) -> list[str]:
    return [c.surface for c in found(text)]


# ---------------------------------------------------------------- a part of a country before a full stop


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Drones struck a depot across northern Iran. Officials said nothing.", "northern Iran"),
        ("The convoy reached a base in western Turkey. Government sources confirmed it.", "western Turkey"),
    ],
)
def test_a_part_of_a_country_ends_at_the_sentence_end(text: str, surface: str) -> None:
    c = [c for c in found(text) if c.surface == surface]
    assert c and c[0].area  # listed as an area, not lost to "Iran. Officials"


def test_the_next_sentences_area_is_still_read_after_a_name_that_ends_one() -> None:
    text = "Shells fell along the border with Syria. Lebanon's south was quiet."
    assert {"border with Syria", "Lebanon's south"} <= set(_surfaces(text))


def test_an_abbreviation_still_joins_its_name() -> None:
    assert "U.S. mainland" in _surfaces("The missile could reach the U.S. mainland, analysts said.")


def test_a_capitalised_word_after_a_country_that_is_no_area_stays_out() -> None:
    assert not any("Ministry" in s for s in _surfaces("Talks in eastern Iran Ministry offices stalled."))


# ---------------------------------------------------------------- an apostrophe inside a romanised word


def test_a_word_with_an_inner_apostrophe_is_not_the_everyday_word_it_starts_with() -> None:
    assert not not_a_place_phrase("Far'a refugee camp")
    assert not not_a_place_phrase("Ba’ra station")
    assert not_a_place_phrase("Far station")  # the everyday word itself still opens no name
    assert not_a_place_phrase("Brigade's Camp")  # a possessive "'s" does not join the word


def test_a_camp_whose_name_holds_an_apostrophe_is_listed() -> None:
    text = "Soldiers raided the Far'ita refugee camp near Tubas on Monday. Later they left the Far’ita refugee camp."
    assert _surfaces(text).count("Far'ita refugee camp") + _surfaces(text).count("Far’ita refugee camp") == 2
