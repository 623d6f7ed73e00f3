"""How imagery analyses and reports on North Korean sites are written, read for certainty (mapviewer/core/claims.py,
claims_usage.py; issue 13): sentences run together by a lost space, a thing "believed to be" something, ...

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: a hedge ("may", "could", "appears to", "is believed") is "speculative",
a plain statement is "reported", what the authors saw in their own imagery is "confirmed", reference points and
sources of a statement are "context".
"""

from __future__ import annotations

import pytest
from claiming import label

# ---- two sentences run together by a lost space -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Two trucks, perhaps three, stood by the gate.The report said a crane arrived at the Kresty Dock.", "Kresty Dock"),
        ("Crews worked at the Kresty Dock.The tarps are likely for repairs as the hall appears complete.", "Kresty Dock"),
        ("The hall could be a depot.12 Vans were parked at the Kresty Dock.", "Kresty Dock"),
    ],
)
def test_a_hedge_of_a_sentence_run_into_the_next_does_not_hedge_the_other(sentence, surface):
    assert label(sentence, surface) == "reported"


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # the hedge is in the place's own sentence
        ("The report said a crane arrived.The hall at the Kresty Dock could be a depot.", "Kresty Dock"),
        # an abbreviation is no run-together full stop
        ("A U.S. team said vans may be parked at the Kresty Dock.", "Kresty Dock"),
    ],
)
def test_a_hedge_in_the_places_own_sentence_still_hedges(sentence, surface):
    assert label(sentence, surface) == "speculative"


# ---- a thing "believed to be" something: the belief is about the thing, not the place --------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Imagery shows a tanker believed to be the Orlan moored at the Kresty Dock.",
        "Crates believed to have come by rail were stacked at the Kresty Dock.",
        "Two barges presumed to be dredgers lay at the Kresty Dock.",
    ],
)
def test_a_noun_believed_to_be_something_leaves_the_place_it_was_seen_at_reported(sentence):
    assert label(sentence, "Kresty Dock") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "The tanker is believed to be moored at the Kresty Dock.",
        "The barges were widely believed to have left the Kresty Dock.",
        "Analysts believe the tanker is at the Kresty Dock.",
        "The depot is presumed to be at the Kresty Dock.",
    ],
)
def test_a_belief_stated_of_the_thing_still_hedges(sentence):
    assert label(sentence, "Kresty Dock") == "speculative"


# ---- a site named only to compare another with it ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Analysts drew parallels to the Kresty Missile Base, citing the pads.", "Kresty Missile Base"),
        ("The new hall resembles the one built at the Kresty Shipyard.", "Kresty Shipyard"),
        ("Imagery shows a pad similar to those seen at Kresty.", "Kresty"),
    ],
)
def test_a_site_named_for_comparison_is_context(sentence, surface):
    assert label(sentence, surface) == "context"


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        # a thing similar to another that was put up at the place is there
        ("A hall similar to a hangar was built at Kresty.", "Kresty", "reported"),
        # a completed past event at the compared site keeps its date
        ("The hull resembles the first frigate, launched at Kresty in 2019.", "Kresty", "historical"),
    ],
)
def test_a_thing_built_at_the_place_or_a_dated_event_there_is_not_a_comparison(sentence, surface, expected):
    assert label(sentence, surface) == expected


# ---- imagery reviewed by a named party is that party's review ----------------------------------------------------------------


def test_imagery_reviewed_by_a_named_party_is_its_report():
    sentence = "Satellite imagery reviewed by Harbour Watch indicates a tanker unloaded at the Kresty Dock on May 3."
    assert label(sentence, "Kresty Dock") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "Satellite imagery reviewed for this report shows a tanker at the Kresty Dock.",
        "Satellite imagery collected by a commercial provider on May 3 shows a tanker at the Kresty Dock.",
    ],
)
def test_imagery_reviewed_for_the_report_or_collected_by_a_provider_is_the_authors_own(sentence):
    assert label(sentence, "Kresty Dock") == "confirmed"


# ---- hearsay nobody is named for -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Reports have surfaced that the regime sent new workers to Kresty last winter.",
        "More troops are said to be positioned at Kresty.",
    ],
)
def test_reports_that_surfaced_and_what_is_said_to_be_are_alleged(sentence):
    assert label(sentence, "Kresty") == "alleged"


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor said troops are positioned at Kresty.",
        "Last week, a report emerged that the navy moved two ships to Kresty.",
    ],
)
def test_a_named_speaker_or_a_report_that_emerged_is_reported(sentence):
    assert label(sentence, "Kresty") == "reported"


# ---- what a party did not confirm ----------------------------------------------------------------------------------------------


def test_what_a_party_did_not_confirm_is_alleged():
    assert label("The ministry has not confirmed reports of fighting in Kresty.", "Kresty") == "alleged"


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry acknowledged troops in Kresty but has not confirmed reports of combat.",
        "The ministry did not confirm the casualties, announcing it had downed drones over Kresty.",
    ],
)
def test_a_place_the_party_states_outside_what_it_did_not_confirm_is_reported(sentence):
    assert label(sentence, "Kresty") == "reported"


def test_what_the_outlet_could_not_verify_is_still_alleged_throughout():
    assert label("Troops entered Kresty, but the report could not be independently verified.", "Kresty") == "alleged"


# ---- imagery presented by its date or by the company it was obtained from ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Satellite imagery from March 3, 2024, shows a second hull under construction at the Kresty Dock.",
        "Recent satellite images obtained by Orbita Labs show new trenches at the Kresty Dock.",
        "High-resolution images recently taken by a Zenit satellite show a crane at the Kresty Dock.",
    ],
)
def test_imagery_presented_by_its_date_or_provider_is_the_authors_own(sentence):
    assert label(sentence, "Kresty Dock") == "confirmed"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # imagery someone else told of is their report
        ("Satellite imagery from March 3 shows a crane at the Kresty Dock, an analyst told reporters.", "reported"),
        # photos not presented as the authors' imagery
        ("Photos from the scene show smoke over the Kresty Dock.", "reported"),
    ],
)
def test_imagery_told_by_another_or_photos_from_a_scene_are_not_the_authors_own(sentence, expected):
    assert label(sentence, "Kresty Dock") == expected
