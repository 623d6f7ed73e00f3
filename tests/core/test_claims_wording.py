"""How articles are written, read for certainty (mapviewer/core/claims.py; issue 13): colon and full-stop datelines, a
place that only names a border, how far a reach goes, the adjective "presumed", and a sentence adverb before the main
clause.

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: datelines, reference points and range references are "context", "is
believed"-style inferences are "speculative", a plain statement is "reported".
"""

from __future__ import annotations

import pytest
from claiming import label, why

# ---- a dateline closed by a colon or a full stop -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("AMMAN: Jordan on Monday reopened its northern crossing to lorries.", "AMMAN"),
        ("ODESA: Three grain ships left the port overnight, the navy said.", "ODESA"),
        ("NEW DELHI: Officials opened a second runway at the airport.", "NEW DELHI"),
        ("POLTAVA. Mar 3 (Ukrinform) – Air defence downed four drones over the region.", "POLTAVA"),
        ("POLTAVA.", "POLTAVA"),
    ],
)
def test_an_all_caps_name_closed_by_a_colon_or_a_dated_full_stop_is_a_dateline(sentence, surface):
    assert (label(sentence, surface), why(sentence, surface)) == ("context", "dateline")


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # a title-case name before a colon is a heading or a list, not a dateline
        ("Odesa: three grain ships left the port overnight.", "Odesa"),
        # an all-caps name inside the sentence
        ("Drones struck ODESA: the port was hit twice.", "ODESA"),
        # a name with no colon or date after it
        ("ODESA PORT REOPENS AFTER THE STRIKES", "ODESA"),
    ],
)
def test_a_colon_after_other_names_is_no_dateline(sentence, surface):
    assert why(sentence, surface) != "dateline"


# ---- a place that only names a border ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Residents of four Lachin border villages returned home on Sunday.", "Lachin"),
        ("The army reinforced positions near the Lachin border after the clashes.", "Lachin"),
        ("Of all the Lachin border posts, the northern one handles the most traffic.", "Lachin"),
    ],
)
def test_a_place_that_only_says_which_border_is_context(sentence, surface):
    assert (label(sentence, surface), why(sentence, surface)) == ("context", "place naming a border")


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # a crossing's or a station's own name names the facility
        ("The Lachin border crossing reopened on Sunday.", "Lachin"),
        ("A freight train left the Lachin border station on Sunday.", "Lachin"),
        # the border named with its other side is left to "border as a reference"
        ("Troops dug trenches along the Lachin border with Armenia.", "Lachin"),
        # a border ending a headline is where the event is
        ("Airstrikes hit Lachin border", "Lachin"),
        # the place itself, not as a modifier
        ("Troops crossed into Lachin at dawn.", "Lachin"),
    ],
)
def test_a_border_crossing_a_border_with_another_side_or_a_headline_border_is_not(sentence, surface):
    assert why(sentence, surface) != "place naming a border"


# ---- how far a reach goes ---------------------------------------------------------------------------------------------


def test_a_place_after_as_far_as_is_a_range_reference():
    sentence = "The new rockets can hit targets as far as U.S. bases in Okinawa, the report says."
    assert (label(sentence, "Okinawa"), why(sentence, "Okinawa")) == ("context", "range reference")


def test_a_place_after_located_throughout_is_a_locator():
    sentence = "The brigade keeps launchers located throughout Primorsky Krai."
    assert label(sentence, "Primorsky Krai") == "context"


def test_a_hedge_still_decides_over_as_far_as():
    # the range reference is weak: "claimed" still makes it alleged
    sentence = "The group claimed its drones flew as far as Tatarstan."
    assert label(sentence, "Tatarstan") == "alleged"


def test_the_place_reached_is_still_the_event_without_a_range_word():
    assert label("The convoy drove to Okinawa on Monday.", "Okinawa") == "reported"


# ---- "presumed": the verb hedges, the adjective names ------------------------------------------------------------------


def test_the_adjective_presumed_does_not_hedge_the_place():
    sentence = "The brigade at Kalinovka is part of the army's presumed defensive plan."
    assert label(sentence, "Kalinovka") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "The depot at Kalinovka is presumed to hold artillery shells.",
        "Analysts presumed that the depot at Kalinovka was empty.",
        "Analysts presume the depot at Kalinovka holds shells.",
    ],
)
def test_the_verb_presume_still_hedges(sentence):
    assert label(sentence, "Kalinovka") == "speculative"


# ---- a sentence adverb before the main clause -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Unfortunately, a 70-year-old woman was wounded in the village of Bairak.",
        "Overnight, a drone was shot down over Bairak.",
        "Last week, a report emerged that the navy had moved two ships to Bairak.",
        "As of March 3, a new hull sits at the Bairak yard.",
        "In the harbour, a crane stands at the Bairak pier.",
    ],
)
def test_a_clause_after_a_sentence_adverb_is_the_sentence_itself(sentence):
    assert label(sentence, "Bairak") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops withdrew from Kupiansk, a town near Bairak.",
        "Troops withdrew from the hills, a ridge that was mined near Bairak.",
        "Troops withdrew towards the river, a line the army has held near Bairak since May.",
    ],
)
def test_a_trailing_description_still_names_in_passing(sentence):
    assert label(sentence, "Bairak") == "context"


# ---- a hedge in what someone said after the place ----------------------------------------------------------------------


def test_a_hedge_in_what_was_said_does_not_hedge_a_place_named_before_the_speech_verb():
    sentence = "The envoy, who is in Tbilisi this week, told reporters that a deal could be signed soon."
    assert label(sentence, "Tbilisi") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        # the place inside what was said is hedged
        "The envoy told reporters that a deal could be signed in Tbilisi soon.",
        # a hedge of the place's own clause, with no speech verb between
        "A deal could be signed in Tbilisi soon, the envoy said.",
        # "that" with no speech verb before it
        "The envoy is in Tbilisi so that a deal could be signed soon.",
    ],
)
def test_a_hedge_still_covers_the_place_inside_what_was_said_or_in_its_own_clause(sentence):
    assert label(sentence, "Tbilisi") == "speculative"


# ---- a date set off by commas before the phrase -----------------------------------------------------------------------


def _dated(sentence: str, surface: str, date: str) -> str:
    from mapviewer.core.claims import classify
    from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims

    at = sentence.index(surface)
    passage = Passage("x", classify(sentence, at), sentence, at, 0)
    return article_claims([passage], ArticleFacts(date, sentence))[0].certainty


@pytest.mark.parametrize(
    "sentence",
    [
        "In addition, on March 3, the village of Krasne came under fire.",
        "As the agency reported, on Friday, March 3, troops shelled the village of Krasne.",
    ],
)
def test_a_date_set_off_by_commas_before_the_phrase_dates_it(sentence):
    assert _dated(sentence, "Krasne", "2023-08-01") == "historical"
    # the same date a week before the article is news
    assert _dated(sentence, "Krasne", "2023-03-10") == "reported"


def test_a_date_phrase_after_the_place_or_behind_another_phrase_does_not_date_it():
    # the date belongs to a later phrase
    assert _dated("Troops shelled the village of Krasne, and on March 3, the bridge.", "Krasne", "2023-08-01") == "reported"
    # a phrase that holds a date but says more dates what it says, not the place
    sentence = "The report, published on March 3 by the agency, says troops hold the village of Krasne."
    assert _dated(sentence, "Krasne", "2023-08-01") == "reported"


# ---- "Soviet-era" describes, it dates nothing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    ["Zarichne, which the army calls by its Soviet-era name of Krasnyi Lyman, lies on the river.",
     "Bombers landed at the Soviet-built airfield of Kresty on Monday."],
)
def test_a_soviet_era_name_or_a_soviet_built_site_is_no_past_event(sentence):
    surface = "Krasnyi Lyman" if "Lyman" in sentence else "Kresty"
    assert label(sentence, surface) == "reported"


def test_a_soviet_event_is_still_historical():
    assert label("Soviet troops built the bunkers at Kresty.", "Kresty") == "historical"


# ---- a hedge before a later date -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Some analysts suggest that the Kresty depot was among the sites shown to inspectors in 2019.",
        "Kresty is potentially a part of the network that was dug in the 2010s.",
    ],
)
def test_a_hedge_of_the_place_before_a_later_date_decides(sentence):
    assert label(sentence, "Kresty") == "speculative"


@pytest.mark.parametrize(
    "sentence",
    [
        # the date comes first: it dates the whole statement
        "In 2019, the Kresty depot may have held shells.",
        # no hedge: the date dates the event at the place
        "Troops dug tunnels at Kresty in 2019.",
        # the hedge is in another clause
        "Troops dug tunnels at Kresty in 2019; the work could resume.",
    ],
)
def test_a_date_before_the_hedge_or_without_one_is_still_historical(sentence):
    assert label(sentence, "Kresty") == "historical"


# ---- a research centre or a compound outside a place --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    ["Two engineers died in the blast at the research centre outside Semnan.",
     "Inspectors toured the compound near Semnan on Monday."],
)
def test_a_centre_or_compound_near_a_place_makes_the_place_a_reference_point(sentence):
    assert label(sentence, "Semnan") == "context"


def test_a_centre_in_a_place_is_still_the_event():
    assert label("Two engineers died in the blast at the research centre in Semnan.", "Semnan") == "reported"


# ---- the authors' imagery of a place, with other verbs ----------------------------------------------------------------


@pytest.mark.parametrize("verb", ["indicates", "reveals", "shows"])
def test_satellite_imagery_of_a_place_that_indicates_or_reveals_is_own_imagery(verb):
    sentence = f"Satellite imagery of the Kresty yard {verb} a second hull under construction."
    assert label(sentence, "Kresty") == "confirmed"


def test_imagery_someone_else_reviewed_is_still_their_report():
    sentence = "Satellite imagery of the Kresty yard reveals a second hull, an analyst told the agency."
    assert label(sentence, "Kresty") == "reported"


# ---- a hedge in what the evidence at a place points to --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "More railcars at the Kresty terminal suggest preparations that would resume exports.",
        "Fresh spoil at the Kresty portal indicates the tunnel could be reopened soon.",
    ],
)
def test_a_hedge_in_what_the_evidence_at_a_place_points_to_does_not_hedge_the_place(sentence):
    assert label(sentence, "Kresty") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        # the place is inside the inference
        "The railcars suggest that exports could resume through Kresty.",
        # no inference verb between the place and the hedge
        "Exports through Kresty could resume soon.",
    ],
)
def test_a_place_inside_the_inference_or_its_own_hedged_clause_is_speculative(sentence):
    assert label(sentence, "Kresty") == "speculative"


# ---- "maybe", "probably", "apparently" hedge as "perhaps" does ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Maybe the convoy will reach Kresty by nightfall.",
        "The convoy probably reached Kresty overnight.",
        "The convoy apparently reached Kresty overnight.",
    ],
)
def test_maybe_probably_and_apparently_hedge(sentence):
    assert label(sentence, "Kresty") == "speculative"


def test_the_month_may_and_a_hedge_in_another_clause_still_do_not():
    assert label("The convoy reached Kresty in May; maybe more will follow.", "Kresty") == "reported"


# ---- people of a place speaking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Some in Kresty put forward the theory that the tunnel was older.",
        "Villagers in Kresty told the agency they heard digging at night.",
        "Some Ukrainians in Kresty said they believe the bridge may be rebuilt.",
    ],
)
def test_the_place_of_people_who_speak_is_the_source_of_a_statement(sentence):
    assert (label(sentence, "Kresty"), why(sentence, "Kresty")) == ("context", "people of a place speaking")


@pytest.mark.parametrize(
    "sentence",
    [
        # the people do something there: the place is the event's
        "Villagers in Kresty fled the shelling on Monday.",
        # what was said is about the place
        "The agency said villagers fled Kresty on Monday.",
    ],
)
def test_people_of_a_place_who_do_not_speak_leave_it_the_event(sentence):
    assert why(sentence, "Kresty") != "people of a place speaking"


# ---- ", located in Y" after the event's place is in apposition to it -----------------------------------------------------


def test_a_region_set_off_as_where_the_event_place_is_located_shares_its_certainty():
    sentence = "Two people died in a strike on the town of Kresty, located in northern Moldavia, officials said."
    assert label(sentence, "northern Moldavia") == "reported"
    sentence = "The depot, located in northern Moldavia, may have been hit again."
    assert label(sentence, "northern Moldavia") == "speculative"


def test_where_a_site_is_located_without_the_comma_is_still_a_locator():
    sentence = "The depot is located in northern Moldavia."
    assert label(sentence, "northern Moldavia") == "context"


# ---- "the nearby town of X": an adjective, not a reference point ---------------------------------------------------------


def test_the_nearby_town_of_a_place_is_a_place_of_the_event():
    sentence = "Thousands were evacuated from Kresty and the nearby town of Lozova on Monday."
    assert label(sentence, "Lozova") == "reported"


@pytest.mark.parametrize(
    "sentence",
    ["Mortar fire was heard nearby Lozova overnight.", "Mortar fire was heard near the town of Lozova overnight."],
)
def test_nearby_and_near_before_the_place_still_make_it_a_reference_point(sentence):
    assert label(sentence, "Lozova") == "context"


# ---- "en route to X": a destination, not a road's name -------------------------------------------------------------------


def test_a_place_things_were_heading_for_is_no_road_name():
    sentence = "Twelve drones were shot down en route to the Kresty airfield overnight."
    assert label(sentence, "Kresty") == "reported"


def test_a_road_named_by_where_it_leads_is_still_one():
    sentence = "Troops mined the main road to Kresty overnight."
    assert label(sentence, "Kresty") == "context"


# ---- a date that closes a list dates every bare item of it ----------------------------------------------------------------


def test_a_date_closing_a_list_dates_its_bare_items():
    sentence = "It is the fourth base found after Kresty, Lozova, and Balakliia since last November."
    assert label(sentence, "Lozova") == "historical"
    assert label(sentence, "Balakliia") == "historical"


def test_an_item_with_its_own_words_or_a_list_without_a_date_is_not():
    sentence = "Troops hold Kresty, Lozova is shelled daily, and Balakliia fell last November."
    assert label(sentence, "Lozova") == "reported"
    sentence = "It is the fourth base found near Kresty, Lozova, and Balakliia."
    assert label(sentence, "Lozova") != "historical"


# ---- a coast as a reference -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The Kresty yard, on the Sea of Azov coast, launched a new corvette.", "Sea of Azov"),
        ("Two tankers sank off the coast of Crimea last night.", "Crimea"),
        ("Radar sites along the Baltic coast were moved inland.", "Baltic"),
    ],
)
def test_a_coast_that_locates_something_is_a_reference(sentence, surface):
    assert label(sentence, surface) == "context"


def test_a_coast_reference_is_weak_and_a_place_on_it_is_not_one():
    assert label("The navy may have moved ships along the Baltic coast.", "Baltic") == "speculative"
    assert label("The Kresty yard, on the Sea of Azov coast, launched a new corvette.", "Kresty") == "reported"


# ---- a part named after "including" shares the certainty of the place before it -------------------------------------------


def test_a_part_named_after_including_shares_the_certainty_of_the_place_before():
    sentence = "From the ridge you can see the northern outskirts of Kresty, including the Lozova district."
    assert label(sentence, "Lozova district") == "context"
    assert why(sentence, "Lozova district").startswith("part of the place before it")
    sentence = "Separatists claimed they hold Kresty, including the Lozova district."
    assert label(sentence, "Lozova district") == "alleged"


def test_including_after_no_place_leaves_the_mention_its_own_label():
    sentence = "Drones hit five regions, including the Lozova district, the ministry said."
    assert not why(sentence, "Lozova district").startswith("part of the place before it")


# ---- "…, when …" after a past year tells what happened that year ----------------------------------------------------------


def test_a_when_clause_after_a_past_year_is_a_past_event():
    sentence = "The front has barely moved since 2015, when rebels seized the Kresty region, including the town of Lozova."
    assert label(sentence, "Kresty region") == "historical"
    assert label(sentence, "Lozova") == "historical"


@pytest.mark.parametrize(
    "sentence",
    [
        # the year is this year's news, not a past year
        "The front has barely moved since March, when rebels seized the Kresty region.",
        # no year before the clause
        "The front barely moved, when rebels seized the Kresty region.",
    ],
)
def test_a_when_clause_without_a_past_year_is_not(sentence):
    assert label(sentence, "Kresty region") == "reported"


# ---- a reference point stays one in a past event ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The camp was set up by the United Nations in 1948 close to the city of Kresty.",
        "The worst came in 2011, when a blast at a missile base near Kresty killed a general.",
    ],
)
def test_a_reference_point_in_a_past_event_is_context(sentence):
    assert label(sentence, "Kresty") == "context"


def test_the_place_of_the_past_event_itself_is_still_historical():
    assert label("The worst came in 2011, when a blast at the Kresty base killed a general.", "Kresty") == "historical"
    assert label("The camp at Kresty was set up by the United Nations in 1948.", "Kresty") == "historical"


# ---- a month alone dates the statement when nothing stands between -------------------------------------------------------


def test_a_month_alone_a_season_before_the_article_dates_a_past_event():
    assert _dated("The Kresty airfield was hit by drones in December.", "Kresty", "2024-04-05") == "historical"
    # a month ago is news
    assert _dated("The Kresty airfield was hit by drones in March.", "Kresty", "2024-04-05") == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        # the month dates something else, in a clause of its own
        "Troops launched an attack in Kresty to hold ground seized in a raid in August.",
        "Troops hold Kresty, which the rebels took in August.",
        # what is to come
        "Talks on the Kresty airfield are planned in December.",
        # an opening that sets the scene with a month dates the meeting, not what is said of the place
        "During a meeting in August, the minister praised the recapture of Kresty.",
    ],
)
def test_a_month_that_dates_something_else_or_the_future_does_not(sentence):
    assert _dated(sentence, "Kresty", "2025-01-11") == "reported"


# ---- what is located at a facility is there ------------------------------------------------------------------------------


def test_a_facility_things_are_located_at_is_the_site_itself():
    sentence = "Tarpaulins hide the cargo located at the Kresty railway facility."
    assert label(sentence, "Kresty railway facility") == "reported"


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The depot is located in Kresty district.", "Kresty district"),
        ("The depot is located near the Kresty railway facility.", "Kresty railway facility"),
    ],
)
def test_a_district_or_a_facility_near_which_a_site_lies_is_still_a_locator(sentence, surface):
    assert label(sentence, surface) == "context"
