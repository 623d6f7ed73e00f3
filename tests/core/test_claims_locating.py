"""General locating cues and shared certainties (mapviewer/core/claims_usage.py, claims_usage.SHARED_CERTAINTY; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: reference points ("near X", "N km from X") and sources of a statement are
"context", a region in apposition to the event's place shares the event's certainty, "unverified" is "alleged".
"""

from __future__ import annotations

import pytest
from claiming import label, why

# ---- a bare "near" ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Sappers cleared mines near Novodarivka on Friday.", "Novodarivka"),
        ("Ukraine braces for a push near Novodarivka in the coming week", "Novodarivka"),
        ("A helicopter was downed near the frontline hamlet of Novodarivka.", "Novodarivka"),
        ("Mortar fire was heard close to Novodarivka overnight.", "Novodarivka"),
        # a demonym or a country's possessive among the words between
        ("A rocket killed two farmers near the southern Moldovan town of Novodarivka on Monday.", "Novodarivka"),
        ("Troops dug in near central Moldova's Novodarivka", "Novodarivka"),
    ],
)
def test_a_place_after_a_bare_near_is_a_reference_point(sentence, surface):
    assert label(sentence, surface) == "context"


def test_a_capitalised_word_after_near_that_is_no_demonym_or_possessive_stays_a_name():
    # ("near A and B" names A as the reference; B after "and" is no modifier of it)
    s = "Shelling was reported near Lipova and Novodarivka."
    assert label(s, "Novodarivka") == "reported"


def test_near_sets_the_scene_when_it_opens_the_sentence():
    assert label("Near Novodarivka, engineers laid three rows of dragon's teeth.", "Novodarivka") == "reported"


def test_a_facility_near_which_something_happens_is_the_site_itself():
    s = "A freight train stood near the Novodarivka Rail Bridge for two days."
    assert label(s, "Novodarivka Rail Bridge") == "reported"


def test_only_the_name_right_after_near_is_the_reference_not_the_region_named_after_in():
    s = "Shells fell on the left bank of the Inhulets in Davydiv Brid overnight."
    assert label(s, "Inhulets") == "context"
    assert label(s, "Davydiv Brid") == "reported"


def test_a_hedge_or_a_claim_still_decides_over_a_bare_near():
    assert label("Engineers may be digging trenches near Novodarivka.", "Novodarivka") == "speculative"
    assert label("Separatists claimed they shot down a drone near Novodarivka.", "Novodarivka") == "alleged"


# ---- neighbours, distances in words, borders, origins, councils -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "evidence"),
    [
        ("Zelena Dolyna, which troops took on Monday, adjoins Bilozerka.", "Bilozerka", "neighbour of a place"),
        ("The hamlet lies adjacent to Bilozerka and was emptied.", "Bilozerka", "neighbour of a place"),
        ("Oleshky, opposite the regional capital of Bilozerka, was shelled.", "Bilozerka", "neighbour of a place"),
        ("The depots are all located around the town of Bilozerka.", "Bilozerka", "neighbour of a place"),
        ("The bunker is a few hundred metres from the fortified Bilozerka checkpoint.", "Bilozerka", "distance in words measured from"),
        ("A truck was parked about 300 meters from the end of the 2-km-long Bilozerka Dam.", "Bilozerka Dam", "distance in words measured from"),
        ("Tanks gathered on a ridge bordering the Bilozerka district.", "Bilozerka district", "what a place borders"),
        ("Two fishermen hailing from Bilozerka have gone missing at sea.", "Bilozerka", "where people hail from"),
        ("The Bilozerka village council said three houses burned.", "Bilozerka", "a place's council speaking"),
        ("Crowds filled Victory Square, the old and leafy centre of Bilozerka.", "Bilozerka", "place a part of which is named before"),
        ("Shells hit Pryozerne, a quiet suburb of Bilozerka, on Monday.", "Bilozerka", "place a part of which is named before"),
        ("Mines were laid along the road to the Kyiv-held city of Bilozerka.", "Bilozerka", "road named by where it leads"),
    ],
)
def test_a_place_that_only_locates_another_or_speaks_is_context(sentence, surface, evidence):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == evidence


def test_the_place_that_adjoins_another_is_still_the_event():
    s = "Zelena Dolyna, which troops took on Monday, adjoins Bilozerka."
    assert label(s, "Zelena Dolyna") == "reported"


# ---- shared certainty: a region after "X, in the", another name in brackets -------------------------------------------


def test_a_district_set_off_after_a_place_shares_that_places_certainty():
    s = "Artillery hit Sokil, in the Nemyriv district, at dawn."
    assert label(s, "Nemyriv district") == "reported"
    s = "Machine-gun fire was reported near Sokil, in the Nemyriv district."
    assert label(s, "Sokil") == "context"
    assert label(s, "Nemyriv district") == "context"
    assert why(s, "Nemyriv district").startswith("region in apposition to the place before it")


def test_another_name_in_brackets_shares_the_certainty_of_the_name_before_it():
    s = "A barge was moored 300 meters from the Tumen Road Bridge (Khasan Crossing)."
    assert label(s, "Khasan Crossing") == "context"
    assert why(s, "Khasan Crossing").startswith("another name in brackets")
    s = "Troops crossed the Tumen Road Bridge (Khasan Crossing) at dawn."
    assert label(s, "Khasan Crossing") == "reported"


# ---- alleged: what the outlet could not check; "claimed … lives" is no claim -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Reuters could not independently verify the report of strikes on Oleshky.",
        "The strike on Oleshky could not be independently verified.",
        "Journalists were unable to confirm that a depot in Oleshky burned.",
        "The ministry said without providing evidence that troops shelled Oleshky.",
    ],
)
def test_what_the_outlet_could_not_check_is_alleged(sentence):
    assert label(sentence, "Oleshky") == "alleged"


def test_a_war_that_claimed_lives_asserts_nothing():
    assert label("The floods claimed more than 40 lives in Oleshky.", "Oleshky") == "reported"
    assert label("The shelling claimed the lives of two medics in Oleshky.", "Oleshky") == "reported"
    assert label("Separatists claimed the capture of Oleshky.", "Oleshky") == "alleged"


# ---- speculative: a condition, a suspicion; the seat of a speaker -----------------------------------------------------


def test_a_sentence_opening_on_a_condition_is_speculative():
    assert label("“If the dam goes, they will flood Oleshky,” the engineer said.", "Oleshky") == "speculative"
    assert label("If talks fail, shelling of Oleshky will resume.", "Oleshky") == "speculative"
    # (an "if" later in the sentence is a reported question or a condition on something else)
    assert label("Troops shelled Oleshky, and officials asked if the dam held.", "Oleshky") == "reported"


def test_a_place_suspected_to_be_a_site_is_speculative_but_the_adjective_is_not():
    assert label("The hangar at Sunan is suspected to be a drone workshop.", "Sunan") == "speculative"
    assert label("Analysts suspect that the hangar at Sunan builds drones.", "Sunan") == "speculative"
    assert label("Trucks left the suspected drone workshop at Sunan.", "Sunan") == "reported"


def test_the_seat_of_a_speaker_is_context_even_when_the_speaker_is_unvouched():
    s = "A Moscow-installed official in occupied parts of Kherson said a ferry sank."
    assert label(s, "Kherson") == "context"
    assert label("Officials in Oleshky said the dam could fail.", "Oleshky") == "context"


# ---- a part of a month before its year still dates the statement --------------------------------------------------------


@pytest.mark.parametrize("part", ["mid-", "early ", "late "])
def test_a_month_with_its_part_and_year_dates_a_settled_past_event(part):
    from mapviewer.core import when
    from mapviewer.core.claims import classify
    from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims

    s = f"Marines took Korsunka in {part}October 2023 after a week of fighting."
    (found,) = [f for f in when.expressions(s, "2024-07-01") if f.when.rule == "month and year"]
    assert (found.when.start, found.when.end) == ("2023-10", "2023-10")
    at = s.index("Korsunka")
    (claim,) = article_claims([Passage("p", classify(s, at), s, at, 0)], ArticleFacts("2024-07-01", s))
    assert claim.certainty == "historical"


def test_the_subject_set_off_by_an_appositive_is_dated_by_its_predicate():
    from mapviewer.core.claims import classify
    from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims

    def dated(s: str) -> str:
        at = s.index("Korsunka")
        (claim,) = article_claims([Passage("p", classify(s, at), s, at, 0)], ArticleFacts("2024-07-01", s))
        return claim.certainty

    assert dated("The hamlet of Korsunka, across the river from Oleshky, was taken in March 2023 by marines.") == "historical"
    # (a date in the appositive dates the other place only, and a present predicate is news)
    assert dated("The hamlet of Korsunka, taken in March 2023 from the marines, is now empty.") == "reported"


def test_a_date_in_a_trailing_description_of_a_place_leaves_it_named_in_passing():
    s = "Shelling went on in Oleshky for weeks, a town on the left bank that troops took in 2022."
    assert label(s, "Oleshky") == "reported"
    s = "Shelling went on in Oleshky for weeks, a town in southern Ukraine that troops took in 2021."
    assert label(s, "southern Ukraine") == "context"


def test_the_term_of_a_comparison_is_context() -> None:
    s = "The new hall is reportedly larger than Natanz and sits far deeper underground."
    assert label(s, "Natanz") == "context" and "comparison with another site" in why(s, "Natanz")
    t = "Engineers dug the tunnels deeper than at the Fordow plant, officials said."
    assert label(t, "Fordow") == "context"
    assert label("Drones struck Natanz on Monday, officials said.", "Natanz") != "context"
