"""A reference point described before it is named, a person's affiliation, a resident of a place, and an attack told as
repeated (mapviewer/core/claims.py USAGE_RULES and HISTORICAL_RULES, claims_usage.LOCATING_RULES; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: reference points ("N km from X") and sources of a statement are "context",
completed past events are "historical".
"""

from __future__ import annotations

import pytest
from claiming import label, why

# ---- a reference point described, then named after a comma -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Dubrava is a small town some 40 kilometres northwest of the regional centre, Solnechny, on the river.", "Solnechny"),
        ("The pad lies about 120 km east of the country's capital, Varta, in a desert valley.", "Varta"),
        ("Drones struck a depot 15 miles south of the provincial seat, Kalinovo.", "Kalinovo"),
    ],
)
def test_a_reference_point_named_after_its_description_is_context(sentence, surface):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == "reference point"


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        # the event's own place, set off after a reference point that is not described
        ("Drones struck a depot 15 miles south of Kalinovo, Dubrava, overnight.", "Dubrava", "reported"),
        # a capital named as the place of the event
        ("Shelling hit the capital, Varta, on Monday.", "Varta", "reported"),
    ],
)
def test_a_name_after_another_phrase_is_left_to_its_sentence(sentence, surface, expected):
    assert label(sentence, surface) == expected


# ---- attacks told as repeated and done ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The air force has repeatedly struck the Kalinovo depot over the winter.", "Kalinovo"),
        ("Drones have repeatedly attacked refineries in Solnechny.", "Solnechny"),
        ("Rebels repeatedly shelled Dubrava and its bridges before the truce.", "Dubrava"),
    ],
)
def test_attacks_told_as_repeated_and_done_are_historical(sentence, surface):
    assert label(sentence, surface) == "historical"
    assert why(sentence, surface).startswith("repeated past attacks:")


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The army repeatedly speaks of operations against militants in Dubrava.", "Dubrava"),  # the present
        ("The army has repeatedly struck the camp, located west of Kalinovo, this month.", "Kalinovo"),  # another phrase
    ],
)
def test_repeated_without_a_past_verb_in_the_mentions_phrase_dates_nothing(sentence, surface):
    assert label(sentence, surface) != "historical"


# ---- where a person named as a source works, and a resident named by a place ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "rule"),
    [
        ("Anna Petrova, a member of the fire brigade at Dubrava, said the blast woke her.", "Dubrava", "where a person named as a source works"),
        ("The detained include Ivan Orlov, chief engineer at the Kalinovo Shipyard; and two of his deputies.", "Kalinovo Shipyard",
         "where a person named as a source works"),
        ("Three people died in the raid, according to officials at Solnechny General Hospital.", "Solnechny General Hospital",
         "where a person named as a source works"),
        ("Oleg, 52, a Dubrava resident who fled last week, said the shelling never stopped.", "Dubrava", "resident named by a place"),
        ("“We want to go home,” Varta resident Maria told reporters.", "Varta", "resident named by a place"),
        ("A group representing evacuated Kalinovo families called for an offensive.", "Kalinovo", "resident named by a place"),
    ],
)
def test_a_place_that_only_says_who_a_source_is_is_context(sentence, surface, rule):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == rule


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Two workers at the Kalinovo plant were hurt when a drone hit the roof.", "Kalinovo"),  # the plant's own event
        ("New homes were built in the hills for Dubrava residents.", "Dubrava"),  # the residents' place is the subject
        ("Shelling hit Varta, residents said.", "Varta"),
    ],
)
def test_a_place_of_the_event_is_not_made_a_source(sentence, surface):
    assert label(sentence, surface) == "reported"


def test_a_hedge_still_decides_over_a_sources_workplace():
    s = "Troops may have entered the town, according to officials at Dubrava Hospital."
    assert label(s, "Dubrava Hospital") == "speculative"


# ---- outskirts an attack hits -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Artillery shelled the outskirts of Dubrava twice this morning.", "Dubrava"),
        ("The army fired four mortar rounds against the outskirts of the settlement of Kalinovo.", "Kalinovo"),
        ("Drones targeted the eastern outskirts of Solnechny overnight.", "Solnechny"),
    ],
)
def test_outskirts_an_attack_hits_are_the_events_place(sentence, surface):
    assert label(sentence, surface) == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "The fighters came from the village of Kalinovo on the outskirts of Dubrava.",
        "A new housing complex on the outskirts of Dubrava was finished in spring.",
    ],
)
def test_outskirts_that_locate_another_place_stay_a_reference_point(sentence):
    assert label(sentence, "Dubrava") == "context"
    assert why(sentence, "Dubrava") == "reference point"


# ---- a title-case dateline before a colon ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Dubrava: Regular bus service between the two countries resumed on Monday, a customs spokeswoman said.",
        "Nova Varta: At least twelve people have been killed in a strike on a market, according to local reports.",
    ],
)
def test_a_title_case_name_before_a_colon_opening_a_sentence_is_a_dateline(sentence):
    assert label(sentence, sentence.split(":")[0]) == "context"
    assert why(sentence, sentence.split(":")[0]) == "dateline"


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Dubrava Shipyard: No Signs of Launch Preparations", "Dubrava Shipyard"),  # a headline, no sentence
        ("Solnechny Region: Russian troops shelled five communities overnight with artillery.", "Solnechny Region"),
        ("Dubrava: Three killed.", "Dubrava"),  # too short to be a story's sentence
    ],
)
def test_a_headline_or_a_regions_list_entry_before_a_colon_is_no_dateline(sentence, surface):
    assert why(sentence, surface) != "dateline"


# ---- "located in" right after the thing it places -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("The target was a drone factory located in the Dubrava industrial zone, officials said.", "Dubrava", "reported"),
        ("Workers may be sent to a plant located in Kalinovo.", "Kalinovo", "speculative"),
        ("The plant is likely to be located in Solnechny.", "Solnechny", "speculative"),
    ],
)
def test_located_in_right_after_the_thing_it_places_leaves_the_place_to_its_sentence(sentence, surface, expected):
    assert label(sentence, surface) == expected


@pytest.mark.parametrize(
    "sentence",
    ["It is located in Dubrava County in the north of the country.", "Both depots are located in the Dubrava district."],
)
def test_a_site_said_to_be_located_in_a_place_is_still_a_locator(sentence):
    assert label(sentence, "Dubrava") == "context"
    assert why(sentence, "Dubrava").startswith("locator:")


def test_people_located_at_a_facility_are_at_the_events_place():
    s = "A drone hit the building where the officers were located at the Kalinovo airfield."
    assert label(s, "Kalinovo") == "reported"


# ---- a site named to compare another with it ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The new hall is somewhat similar to one at Varta's Dubrava Space Center.",
        "The silo seems analogous to the one at a missile base in Dubrava, the consultancy said.",
        "The new pad may be larger than the one at Dubrava.",
    ],
)
def test_a_site_named_to_compare_another_with_it_is_context_even_under_a_hedge(sentence):
    assert label(sentence, "Dubrava") == "context"
    assert why(sentence, "Dubrava") == "comparison with another site"


def test_a_hedge_about_the_place_itself_still_decides():
    s = "Troops may have reached Dubrava by Monday."
    assert label(s, "Dubrava") == "speculative"
