"""Per-mention certainty rules for cue classes the dev split showed missing (mapviewer/core/claims.py, issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each
expected label follows the labelling conventions of tests/geoparse_eval/README.md: reference points and range
references are "context", "may"/"is believed"-style inference is "speculative", what nobody independent vouches
for is "alleged", the authors' own imagery is "confirmed", a party's plain statement is "reported".
"""

from __future__ import annotations

from claiming import why
from test_claims_rules import label  # the rules' certainty of one occurrence

# Reference points: a name that only says where something else is.


def test_a_facility_or_a_named_place_near_another_place_makes_that_place_a_reference():
    s = "Engineers poured new aprons at an airbase near Dzhankoi this spring."
    assert label(s, "Dzhankoi") == "context"
    assert why(s, "Dzhankoi") == "reference point for a nearby place"
    assert label("Sappers cleared the hamlet of Zelenyi Hai near Bakhmut.", "Bakhmut") == "context"
    assert label("Sappers cleared the hamlet of Zelenyi Hai near Bakhmut.", "Zelenyi Hai") == "reported"
    s = "Drones hit a depot in Novoshakhtinsk, near Rostov, on Tuesday."
    assert label(s, "Rostov") == "context"
    assert label(s, "Novoshakhtinsk") == "reported"


def test_a_bare_near_is_a_reference_point_and_a_weekday_or_a_headline_word_is_no_place_before_it():
    # README: reference points ("near X") are context, the event's own place is elsewhere or unnamed
    assert label("Shelling went on near Huliaipole all night.", "Huliaipole") == "context"
    assert why("Shelling went on near Huliaipole all night.", "Huliaipole") == "near a place"
    # (the weekday is no place that Huliaipole would locate)
    assert why("Rockets fell on Sunday near Huliaipole.", "Huliaipole") == "near a place"
    # in a title-case headline every word is capitalised: "Advance Near" names no place before "near"
    assert why("Marines Advance Near Huliaipole", "Huliaipole") == "near a place"


def test_a_hedge_about_a_place_near_another_leaves_the_other_context():
    # (claims._hedged_reference: the hedge is about the depot; Dzhankoi only says where it is. README: reference points
    # ("near X", "N km from X") = context. A bare "near X" after the hedged activity still takes the hedge.)
    s = "Engineers may be building a depot near Dzhankoi."
    assert label(s, "Dzhankoi") == "context"
    assert label("Engineers may be digging near Dzhankoi.", "Dzhankoi") == "speculative"


def test_the_banks_of_a_river_locate_the_place_before_them():
    s = "Marines took the village of Krynky on the left bank of the Dnipro River."
    assert label(s, "Dnipro River") == "context"
    assert label("Fishermen camp on the shores of Lake Khanka every winter.", "Lake Khanka") == "context"


def test_a_distance_given_in_two_units_still_measures_from_the_place():
    s = "Residents living within 10km (6.2 miles) of the Sumy border were told to leave."
    assert label(s, "Sumy border") == "context"
    s = "The pads sit 40 kilometres (25 miles) north of Kilju."
    assert label(s, "Kilju") == "context"


def test_a_place_named_as_within_range_is_context():
    s = "The new launchers put Haifa within range of the militia for the first time."
    assert label(s, "Haifa") == "context"
    assert why(s, "Haifa") == "target within range"
    s = "Longer rockets bring the port city, Odesa, within striking range of the batteries."
    assert label(s, "Odesa") == "context"
    # the place where the launchers stand is not a range reference
    assert label("The launchers were moved to Dzhankoi within a week.", "Dzhankoi") == "reported"


def test_a_river_crossed_by_a_named_bridge_is_where_the_bridge_stands():
    s = "Crews are raising a rail bridge joining the two states across the Prut River."
    assert label(s, "Prut River") == "reported"
    # a village across the river is still located by it
    assert label("Smoke rose over the hamlets across the Prut River.", "Prut River") == "context"


# Hedges and inferences.


def test_a_hedge_in_a_trailing_phrase_does_not_hedge_the_place_before_it():
    s = "The depot at Millerovo was struck overnight, potentially disrupting supply for weeks."
    assert label(s, "Millerovo") == "reported"
    assert label("Millerovo could potentially be struck again.", "Millerovo") == "speculative"


def test_an_inference_verb_is_speculative():
    assert label("Analysts surmise Kusong hosts a second assembly hall.", "Kusong") == "speculative"
    assert label("The shed at Kusong is presumed to hold fuel trucks.", "Kusong") == "speculative"


def test_a_trailing_inference_hedges_what_it_infers_not_the_place_seen():
    s = "Satellite imagery of Chongjin Port shows four cargo ships, suggesting that deliveries to Vanino resumed."
    assert label(s, "Chongjin Port") == "confirmed"
    assert label(s, "Vanino") == "speculative"
    assert label("Officials are suggesting that Vanino may take the cargo.", "Vanino") == "speculative"


def test_satellite_imagery_of_a_place_shows_it():
    s = "Satellite imagery of the Hamhung yard shows two new hulls."
    assert label(s, "Hamhung") == "confirmed"
    # someone else's imagery, told of, is that party's report
    s = "Satellite imagery of the Hamhung yard shows two new hulls, an analyst said."
    assert label(s, "Hamhung") == "reported"


def test_a_claim_in_a_place_description_does_not_make_the_event_alleged():
    s = (
        "The ministry said its troops entered Pobieda, a village in the Zaporizhzhia region, "
        "one of the regions Moscow claims as its own."
    )
    assert label(s, "Pobieda") == "reported"
    assert label(s, "Zaporizhzhia region") == "reported"
    # a claim about the event itself still makes it alleged, and so does a speaker in the trailing phrase
    assert label("Drones struck Pobieda overnight, the regional governor claimed.", "Pobieda") == "alleged"
    assert label("Drones struck Pobieda overnight, the city's mayor claimed.", "Pobieda") == "alleged"
    assert label("Moscow claims it took Pobieda, a village in the south.", "Pobieda") == "alleged"


# Sources nobody independent vouches for.


def test_an_occupying_powers_installed_official_is_an_unvouched_source():
    s = "Troops are closing in on Stepove, a Moscow-installed official told state television."
    assert label(s, "Stepove") == "alleged"
    assert why(s, "Stepove").startswith("unvouched source")
    s = "According to the Russian-imposed head of the district, Stepove will fall within days."
    assert label(s, "Stepove") == "alleged"
    # an elected official of the place is a party's plain statement
    assert label("Troops are closing in on Stepove, the regional governor said.", "Stepove") == "reported"


# First-hand imagery taken on a trip.


def test_a_trip_to_photograph_a_place_is_the_writers_own_imagery():
    s = "Last week the agency went to Tumen Gate in Yanbian, Jilin Province, and photographed the new pier."
    assert label(s, "Tumen Gate") == "confirmed"
    assert why(s, "Tumen Gate").startswith("visit to photograph")
    assert label(s, "Jilin Province") == "confirmed"  # in apposition to the place visited
    # a place named before the trip is not visited
    s = "Cargo from Rajin piles up, so the crew went to Tumen Gate and filmed the queue."
    assert label(s, "Rajin") == "reported"
    assert label("In May, NHK went to Tumen Gate and filmed the cranes.", "Tumen Gate") == "confirmed"
    # someone else's trip is their account, and so is a source recounting its own
    assert label("Two soldiers went to Tumen Gate and filmed the cranes.", "Tumen Gate") == "reported"
    s = "A trader said he went to Tumen Gate and photographed the cranes."
    assert label(s, "Tumen Gate") == "reported"
