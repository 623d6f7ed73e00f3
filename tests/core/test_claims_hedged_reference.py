"""Reference points inside hedged sentences, and datelines without a closing dash (mapviewer/core/claims.py,
claims_usage.py; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: reference points ("near X", "N km from X") and datelines are "context"; a
hedge ("may", "could", "appears to", "is believed") is "speculative"; "claimed" is "alleged".
"""

from __future__ import annotations

import pytest
from claiming import label, why

# ---- a reference point under a hedge -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("A covert plant near Dubrava may hold new centrifuges.", "Dubrava"),
        ("The depot, located near the Varta River, appears to store artillery shells.", "Varta River"),
        ("Two tankers were believed to be anchored east of Solnechny as of Tuesday.", "Solnechny"),
        ("Analysts suggest the army is widening the port near Dubrava to berth frigates.", "Dubrava"),
    ],
)
def test_a_reference_point_stays_context_in_a_hedged_sentence(sentence, surface):
    assert label(sentence, surface) == "context"


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Troops may be massing in Dubrava.", "Dubrava"),
        ("The plant at Dubrava appears to hold new centrifuges.", "Dubrava"),
        # a bare "near X" after the hedged activity, and a coast it runs along, are where it happens
        ("Sappers may be laying mines near Dubrava.", "Dubrava"),
        ("Images suggest new excavation near Mount Dubrava.", "Mount Dubrava"),
        ("The navy may have moved ships along the Varta coast.", "Varta"),
    ],
)
def test_the_hedged_place_itself_stays_speculative(sentence, surface):
    assert label(sentence, surface) == "speculative"


def test_a_reference_point_in_an_allegation_is_left_to_the_allegation():
    # (only a hedge gives way to a reference point: an allegation about a bridge near X is the labels' "alleged")
    sentence = "The militia claimed it blew up a bridge near the village of Dubrava."
    assert label(sentence, "Dubrava") == "alleged"
    assert why(sentence, "Dubrava").startswith("claim")


# ---- an all-caps dateline on a line of its own ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [("DUBRAVA", "DUBRAVA"), ("DUBRAVA, Ukraine", "DUBRAVA"), ("NOVA DUBRAVA, Ukraine \u0335", "NOVA DUBRAVA")],
)
def test_an_all_caps_name_alone_on_its_line_is_a_dateline(sentence, surface):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == "dateline on a line of its own"


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Dubrava Rail Depot", "Dubrava Rail Depot"),  # a title-case caption or heading is not a dateline
        ("DUBRAVA SHELLED AGAIN OVERNIGHT", "DUBRAVA"),  # an all-caps headline with its verb
    ],
)
def test_a_caption_or_an_all_caps_headline_is_no_dateline(sentence, surface):
    assert label(sentence, surface) == "reported"


# ---- a dateline closed by its agency in brackets --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("DUBRAVA (AFP): A depot burned overnight after a drone strike, the governor said.", "DUBRAVA"),
        ("Nova Dubrava, Mar 4 (IANS) The army said two drones were downed overnight.", "Nova Dubrava"),
        ("Dubrava, Ukraine (Reuters) The governor said a depot burned.", "Dubrava"),
    ],
)
def test_a_dateline_closed_by_its_agency_is_context(sentence, surface):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == "dateline closed by its agency"


@pytest.mark.parametrize(
    "sentence",
    [
        "DUBRAVA (the depot) burned overnight.",
        "Dubrava (Ukraine) was shelled overnight.",
        "Dubrava (NATO's codename for the depot) burned overnight.",
    ],
)
def test_a_name_with_a_bracket_that_is_no_agency_is_not_a_dateline(sentence):
    assert label(sentence, "Dubrava" if "Dubrava" in sentence else "DUBRAVA") == "reported"


# ---- a place on the approaches to another -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said Ostrivka, a village at the gates of the town of Dubrava, was taken.",
        "Troops took two hamlets, Ostrivka and Lypove, on the approaches to Dubrava.",
        "Shelling hit Ostrivka, right on the approaches to Dubrava, overnight.",
    ],
)
def test_a_place_on_the_approaches_to_another_has_it_as_a_reference_point(sentence):
    assert label(sentence, "Dubrava") == "context"
    assert why(sentence, "Dubrava") == "place on the approaches to another"


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian troops were already on the approaches to Dubrava.",  # a movement, not a place located
        "Fighting raged on the approaches to Dubrava on Monday.",
    ],
)
def test_troops_or_fighting_on_the_approaches_are_at_the_place(sentence):
    assert label(sentence, "Dubrava") == "reported"


def test_a_hedge_about_the_village_leaves_the_place_it_lies_by_context():
    sentence = "Ostrivka, a village at the gates of Dubrava, may have fallen."
    assert label(sentence, "Dubrava") == "context"


# ---- the ends of a crossing between two places ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The army took over the only crossing between Dubrava and Ostrivka.", "Dubrava"),
        ("The army took over the only crossing between Dubrava and Ostrivka.", "Ostrivka"),
        ("Two bridges span the Varta between Dubrava and the border.", "Dubrava"),
        ("Guards closed the checkpoint between Dubrava and Ostrivka on Monday.", "Ostrivka"),
    ],
)
def test_the_places_a_crossing_lies_between_are_context(sentence, surface):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == "end of a crossing between two places"


@pytest.mark.parametrize(
    "sentence",
    [
        "A new ferry route between Dubrava and Ostrivka opened on Monday.",  # a route runs to both places
        "Fighting raged between Dubrava and Ostrivka overnight.",
    ],
)
def test_a_route_or_fighting_between_two_places_is_at_them(sentence):
    assert label(sentence, "Dubrava") == "reported"
    assert label(sentence, "Ostrivka") == "reported"
