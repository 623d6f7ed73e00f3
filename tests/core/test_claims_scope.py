"""Cues that say nothing of a mention (mapviewer/core/claims_scope.py, CUE_LIMITS; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: a party's plain statement is "reported", "claimed" (asserting what the outlet
does not vouch for) is "alleged", a reference point ("near X") is "context".
"""

from __future__ import annotations

import pytest
from claiming import label, why

from mapviewer.core import claims
from mapviewer.core.claims_scope import CUE_LIMITS

# ---- a party claiming responsibility for its own act --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Varta brigade claimed responsibility for the raid, saying it had hit a radar at Dubrava.",
        "The militia claims credit for the blast in Dubrava.",
        "The attack on the depot at Dubrava was claimed by the Varta brigade within hours.",
    ],
)
def test_a_party_claiming_its_own_act_states_it(sentence):
    assert label(sentence, "Dubrava") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "The militia claimed it had taken Dubrava.",
        # another "claimed" in the sentence still decides
        "The Varta brigade claimed responsibility for the raid, while local officials claimed it killed four in Dubrava.",
        "Dubrava was claimed as theirs by the rebels.",
    ],
)
def test_a_claim_of_anything_else_stays_an_allegation(sentence):
    assert label(sentence, "Dubrava") == "alleged"
    assert why(sentence, "Dubrava").startswith("claim")


# ---- "alleged" before a noun -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Artillery pounded alleged militia positions around Dubrava on Monday.",
        "Drones hit an alleged weapons store in Dubrava.",
        "Jets struck alleged rebel targets in the Varta Valley, killing nine.",
    ],
)
def test_alleged_before_a_noun_doubts_the_thing_not_the_strike(sentence):
    surface = "Varta Valley" if "Varta" in sentence else "Dubrava"
    assert label(sentence, surface) == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "The alleged strike on Dubrava killed two, the militia said.",  # whether the strike happened is in doubt
        "Officials alleged that troops shelled Dubrava.",
        "Kyiv alleged Russian troops shelled Dubrava.",
        "The militia is alleged to have mined the road at Dubrava.",
    ],
)
def test_an_allegation_of_the_event_stays_alleged(sentence):
    assert label(sentence, "Dubrava") == "alleged"


def test_the_limits_are_named_entries_that_change_only_their_rules():
    assert [limit.name for limit in CUE_LIMITS] == ["responsibility claimed by a party", "“alleged” before a noun"]
    assert all(limit.rules <= {rule.name for rule in claims.CERTAINTY_RULES} for limit in CUE_LIMITS)
    sentence = "Drones hit an alleged weapons store in Dubrava."
    cue = next(claims.CERTAINTY_RULES[0].pattern.finditer(sentence))
    assert not CUE_LIMITS[1].limits("claim", sentence, cue, sentence.index("Dubrava"))
    assert CUE_LIMITS[1].limits("allegation", sentence, cue, sentence.index("Dubrava"))


def test_limited_cues_give_the_same_labels_with_the_prefilter_off():
    sentences = [
        ("The militia claims credit for the blast in Dubrava.", "Dubrava"),
        ("Drones hit an alleged weapons store in Dubrava.", "Dubrava"),
        ("The alleged strike on Dubrava killed two.", "Dubrava"),
    ]
    fast = [claims.classify(s, s.index(n)) for s, n in sentences]
    claims._prefilter(False)
    try:
        slow = [claims.classify(s, s.index(n)) for s, n in sentences]
    finally:
        claims._prefilter(True)
    assert fast == slow
