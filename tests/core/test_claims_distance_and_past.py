"""A distance from the border, "near X" in other words, and an event of last month (mapviewer/core/claims_usage.py
LOCATING_RULES, claims.HISTORICAL_RULES; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: reference points ("near X", "N km from X") and range references are
"context", completed past events ("last year's offensive") are "historical", a hedge ("may") is "speculative".
"""

from __future__ import annotations

import pytest
from claiming import label, why

from mapviewer.core import claims

# ---- how far a place lies from the border ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Dubrava is about 450 km from the border.", "Dubrava"),
        ("Solnechny lies nearly 1,200 kilometres away from the Ukrainian border and was hit for the first time.", "Solnechny"),
        ("Varta Krai is located approximately 900 miles from the border with Ukraine.", "Varta Krai"),
    ],
)
def test_a_place_whose_distance_from_the_border_is_stated_is_a_range_reference(sentence, surface):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == "distance from the border stated"


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("Dubrava, 30 km from the border, was shelled overnight.", "Dubrava", "reported"),  # its own event
        ("Dubrava is 10 km north of Solnechny.", "Dubrava", "reported"),  # located from another place
        ("Dubrava is 3 km from the front line.", "Dubrava", "reported"),  # where the fighting is
        ("Dubrava may be about 450 km from the border.", "Dubrava", "speculative"),  # a hedge still decides
    ],
)
def test_other_distances_leave_the_place_to_its_sentence(sentence, surface, expected):
    assert label(sentence, surface) == expected


# ---- "near X" in other words -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A new radar stands on Kosa Island off Dubrava.",
        "Families who fled the shelling outside Dubrava crossed the river.",
        "The depot sits just outside of Dubrava.",
        "Two houses were hit in villages in the surroundings of the town of Dubrava.",
        "Patrols searched fields in the vicinity of Dubrava for a downed drone.",
    ],
)
def test_off_outside_and_the_surroundings_of_a_place_name_a_reference_point(sentence):
    assert label(sentence, "Dubrava") == "context"
    assert why(sentence, "Dubrava") == "near a place, in other words"


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("The new road is cutting off Dubrava from the coast.", "Dubrava", "reported"),  # a verb, not "near"
        ("Jets were parked outside the Dubrava Airbase hangars.", "Dubrava Airbase", "reported"),  # the site itself
        ("Outside Dubrava, engineers dug trenches.", "Dubrava", "reported"),  # an opening sets the scene
        ("Troops massed outside Dubrava.", "Dubrava", "reported"),  # right after a verb: where the troops are
        ("A plant off Dubrava may hold missiles.", "Dubrava", "speculative"),  # weak: a hedge still decides
    ],
)
def test_other_uses_of_off_and_outside_are_left_to_the_sentence(sentence, surface, expected):
    assert label(sentence, surface) == expected


# ---- an event of last month -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Army engineers finished the pontoon bridge at Dubrava last month.", "Dubrava"),
        ("The tanker unloaded fuel at Solnechny on the 9th of last month.", "Solnechny"),
        ("The front has been quiet since their capture last month of the town of Dubrava.", "Dubrava"),
    ],
)
def test_an_event_of_last_month_in_the_mentions_phrase_is_historical(sentence, surface):
    assert label(sentence, surface) == "historical"
    assert why(sentence, surface).startswith("last month")


@pytest.mark.parametrize(
    "sentence",
    [
        "Last month, the agency reported a new depot at Dubrava.",  # the opening dates the report, not the depot
        "Last month's report said the depot at Dubrava is full.",
        "The depot at Dubrava is full, a report said last month.",  # another phrase
    ],
)
def test_last_month_elsewhere_in_the_sentence_dates_something_else(sentence):
    assert label(sentence, "Dubrava") == "reported"


def test_the_new_rules_are_named_entries_of_their_tables():
    assert "last month" in {rule.name for rule in claims.HISTORICAL_RULES}
    usage = {rule.name for rule in claims.USAGE_RULES}
    assert {"distance from the border stated", "near a place, in other words"} <= usage
