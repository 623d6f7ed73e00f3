"""Per-mention certainty rules added for unseen articles (mapviewer/core/claims.py, issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set);
each expected label follows the labelling conventions of tests/geoparse_eval/README.md: a place that only
locates something else is "context", a capital standing for its government is "context", what the
reporters saw themselves is "confirmed", what nobody vouches for is "alleged", a plain statement is
"reported", a settled past event is "historical".
"""

from __future__ import annotations

from claiming import why
from test_claims_rules import label  # the same helper: the rules' certainty of one occurrence

from mapviewer.core import claims
from mapviewer.core.claims import CAPITAL_USAGE_RULES, CERTAINTY_RULES, USAGE_RULES

# Reference points read from the words right before the name.


def test_a_place_that_locates_a_nearby_village_is_context_but_the_village_is_not():
    s = "Border guards abandoned two villages near Ostrovets after the shelling."
    assert label(s, "Ostrovets") == "context"
    assert why(s, "Ostrovets") == "reference point for a nearby place"
    s = "Troops dug new positions outside the town of Merefa overnight."
    assert label(s, "Merefa") == "context"
    # a bare "near" makes a reference point too (README: "near X" is context) ...
    assert label("Heavy fighting went on near Ostrovets for a third day.", "Ostrovets") == "context"
    # ... but not an opening "Near X," that sets the scene of the sentence's event
    assert label("Near Ostrovets, sappers dug two lines of trenches.", "Ostrovets") == "reported"


def test_a_possessive_country_between_near_and_the_name_still_makes_a_reference():
    assert label("Army Says It Took Hamlet Near Ukraine's Selydove", "Selydove") == "context"


def test_a_road_named_by_where_it_leads_is_context():
    assert label("A convoy was hit on the highway leading to the city of Zolochiv.", "Zolochiv") == "context"
    assert label("Drones watch the two main routes to Balakliia.", "Balakliia") == "context"
    # arriving is not a road: the convoy reached the place
    assert label("The convoy reached Balakliia at dawn.", "Balakliia") == "reported"


def test_a_distance_measured_from_a_place_is_context_however_worded():
    s = "The depot lies 4 km up the valley road from the Kolomak Bridge, hidden in a ravine."
    assert label(s, "Kolomak Bridge") == "context"
    assert why(s, "Kolomak Bridge") in ("distance measured from", "reference point")


def test_a_distance_from_a_place_stays_context_under_a_hedge():
    # (claims._hedged_reference; README: reference points ("near X", "N km from X") = context, whatever the hedge says of
    # the launchers. A hedge still decides over a bare "near X": tests/core/test_claims_locating.py.)
    s = "The launchers may be hidden about 6 miles along the rail line from Dolynka."
    assert label(s, "Dolynka") == "context"


def test_a_border_named_to_locate_a_place_is_context():
    s = "Rivne Hamlet, a farming village on the border with Belarus, was evacuated."
    assert label(s, "the border with Belarus") == "context"
    assert label("Shops reopened in Kesra, a town on Tunisia's western border.", "Tunisia's western border") == "context"
    # the border as the place where something happens is not a reference
    assert label("Engineers built a new fence along the border wall with Latvia.", "border wall with Latvia") == "reported"


def test_a_river_across_which_something_lies_is_context_but_a_bridge_across_it_is_not():
    s = "Searchlights were seen on the far bank across the Oskil River last night."
    assert label(s, "Oskil River") == "context"
    s = "Engineers have begun a pontoon bridge across the Oskil River."
    assert label(s, "Oskil River") == "reported"


def test_each_place_of_a_list_after_located_in_the_villages_of_is_a_locator():
    s = "The warehouses are located in the villages of Mala Rohan, Bezruky and Tsyrkuny."
    assert label(s, "Mala Rohan") == "context"
    assert label(s, "Bezruky") == "context"
    assert label(s, "Tsyrkuny") == "context"


# Capitals standing for their governments.


def test_a_capital_owning_what_only_a_government_has_is_context():
    assert label("Tehran's forces withdrew from the ridge after a week.", "Tehran") == "context"
    assert label("Caracas heeded Havana's call, shipping fuel within days.", "Havana") == "context"
    s = "Ships tied to Beijing's vast state logistics networks docked at the pier."
    assert label(s, "Beijing") == "context"


def test_a_capital_owning_a_part_of_the_city_is_not_context_but_owning_anything_else_is():
    assert label("Snow closed Ankara's main airport on Monday.", "Ankara") == "reported"
    assert label("Kyiv's residents sheltered in the metro.", "Kyiv") == "reported"
    # what a state gives or plans is the government's (README: "Moscow's forces" is metonymy, and so is its support)
    assert label("Analysts doubt Minsk's military support will last.", "Minsk") == "context"
    assert label("Minsk's grain exports rose in spring.", "Minsk") == "context"


# Any capital is its government unless the words around it make it the city (README: capitals standing for
# governments are "context", e.g. "Seoul and Washington").


def test_a_capital_acting_or_acted_on_as_a_state_is_context():
    assert label("Relations with Hanoi cooled after the vote.", "Hanoi") == "context"
    s = "Sanctions aside, Minsk is supplying Caracas with fertiliser."
    assert label(s, "Minsk") == "context"
    assert label(s, "Caracas") == "context"
    assert label("Neither Ankara nor Baku has commented on the convoy.", "Baku") == "context"
    assert label("A counterattack by Tehran would take weeks.", "Tehran") == "context"  # metonymy before the hedge
    assert why("Relations with Hanoi cooled after the vote.", "Hanoi") == "capital as a political actor"


def test_a_capital_named_as_a_place_is_the_city():
    assert label("Shops in Ankara stayed shut on Friday.", "Ankara") == "reported"
    assert label("The envoy arrived in Hanoi on Friday.", "Hanoi") == "reported"
    s = "Direct trains between Minsk and Vilnius resumed on Monday."
    assert label(s, "Minsk") == "reported"
    assert label(s, "Vilnius") == "reported"  # "between Minsk and": the coordinated names share "trains between"
    assert label("Drones struck Kyiv overnight.", "Kyiv") == "reported"
    assert label("Kyiv was hit by drones overnight.", "Kyiv") == "reported"
    assert label("Rescuers reached Ankara, the Turkish capital, by road.", "Ankara") == "reported"
    assert label("Kyiv residents sheltered in the metro overnight.", "Kyiv") == "reported"
    # a capital that modifies another name is part of that name
    assert label("Buses leave the Minsk-Brest highway at dusk.", "Minsk") == "reported"


def test_an_opening_phrase_ending_in_a_place_does_not_make_the_next_capital_a_place():
    s = "Bogged down in a long war in Yemen, Riyadh has sought new allies."
    assert label(s, "Riyadh") == "context"


# A party that "confirmed" something states it (README: `confirmed` is only what the authors saw themselves).


def test_a_partys_confirmation_is_its_statement():
    assert label("The governor confirmed that a drone hit a depot in Yelets.", "Yelets") == "reported"
    assert why("The governor confirmed that a drone hit a depot in Yelets.", "Yelets").startswith("confirmation by a party")
    # the authors' own imagery is still confirmed
    assert label("We reviewed imagery of the Sinpo yard from three dates in May.", "Sinpo") == "confirmed"


# A visit or meeting that is over and told as background is a completed past event (README: historical).


def test_a_completed_visit_or_meeting_is_historical():
    assert label("Grain shipments rose after the minister visited Nampo in March.", "Nampo") == "historical"
    assert label("The deal follows the premier's May 3 visit to Sinuiju.", "Sinuiju") == "historical"
    s = "The two leaders spoke of trade, following their last meeting in Khabarovsk."
    assert label(s, "Khabarovsk") == "historical"


def test_a_visit_in_an_opening_phrase_dates_only_the_places_of_that_phrase():
    s = "Following an official visit to Rajin, the envoy announced new ferries to Vladivostok."
    assert label(s, "Rajin") == "historical"
    assert label(s, "Vladivostok") == "reported"


def test_a_visit_under_way_or_to_come_is_not_historical():
    assert label("The envoy is on a trip to Rajin this week.", "Rajin") == "reported"
    assert label("The premier will visit Sinuiju in July.", "Sinuiju") == "reported"


def test_last_and_a_month_is_a_past_event():
    assert label("Troops moved into the Belgorod region last October.", "Belgorod region") == "historical"


# "reportedly" in the mention's own phrase: a report, stated (README: a party's plain statement = reported).


def test_reportedly_in_the_mentions_phrase_is_not_hedged_by_another_phrase():
    s = "Officials are believed to have moved the rockets, and the depot at Kansk reportedly holds the rest."
    assert label(s, "Kansk") == "reported"
    # without it, the belief in the same clause hedges the depot
    s = "Officials are believed to have moved the rockets, and the depot at Kansk holds the rest."
    assert label(s, "Kansk") == "speculative"


def test_reportedly_leaves_a_reference_point_context():
    assert label("Troops reportedly shelled a hamlet southeast of Kansk.", "Kansk") == "context"


# Distances in metres and from a side or bank of a place.


def test_a_distance_in_metres_from_the_bank_of_a_river_is_context():
    s = "Barges were moored 200 meters from the western bank of the Amur River."
    assert label(s, "Amur River") == "context"


def test_a_capital_targeted_by_a_governments_act_is_context():
    assert label("Brussels accused Minsk of steering migrants to the frontier.", "Minsk") == "context"
    assert label("Lawmakers backed a plan to keep up the fight against Tehran.", "Tehran") == "context"
    assert label("The council voted new sanctions on Caracas.", "Caracas") == "context"
    # travelling to a capital is not an act against its government
    assert label("The minister flew to Caracas for talks.", "Caracas") == "reported"


# What the reporters saw on the ground.


def test_places_the_reporters_entered_are_confirmed_but_places_named_before_the_verb_are_not():
    s = (
        "Two hours after a drone struck Vasylkiv, our correspondents drove through Hlevakha and into the "
        "burnt-out centre of Kalynivka."
    )
    assert label(s, "Hlevakha") == "confirmed"
    assert label(s, "Kalynivka") == "confirmed"
    assert label(s, "Vasylkiv") == "reported"


def test_a_quoted_we_is_not_the_reporters():
    s = "“We saw the same rockets hit Vasylkiv last spring,” the commander said."
    assert label(s, "Vasylkiv") != "confirmed"


# Imagery someone else looked at is that party's report.


def test_imagery_attributed_to_another_party_is_reported():
    s = "Commercial satellite images show barges moored at Sinpo, a think-tank analyst said."
    assert label(s, "Sinpo") == "reported"
    s = "The agency reported that after reviewing satellite imagery from a private firm, cranes were seen at Sinpo."
    assert label(s, "Sinpo") == "reported"


def test_the_authors_own_imagery_is_still_confirmed():
    assert label("Satellite imagery reviewed for this report shows barges moored at Sinpo.", "Sinpo") == "confirmed"


# Sources nobody vouches for.


def test_bloggers_and_anonymous_channels_make_an_allegation():
    s = "Paratroopers have taken the hamlet of Sokil, pro-war bloggers have reported."
    assert label(s, "Sokil") == "alleged"
    s = "Several Telegram channels say a fuel depot burned near Dzhankoi."
    assert label(s, "Dzhankoi") == "alleged"
    s = "Unconfirmed reports put the new brigade in Tokmak."
    assert label(s, "Tokmak") == "alleged"


def test_a_partys_own_channel_is_that_party_speaking():
    s = "“Our units cleared the forest west of Kreminna,” the ministry said on its Telegram channel."
    assert label(s, "Kreminna") != "alleged"


# "since YEAR" dates a state that lasts until now, not a settled event.


def test_since_a_year_is_not_historical_but_in_a_year_is():
    assert label("It is the first ferry to sail from Rajin since 2019.", "Rajin") == "reported"
    assert label("The ferry to Rajin was suspended in 2019.", "Rajin") == "historical"


# Every new rule is a named entry of its table.


def test_the_new_rules_are_named_entries_of_their_tables():
    certainty = {r.name for r in CERTAINTY_RULES}
    assert {"unvouched source", "first-hand visit", "own imagery", "unverified"} <= certainty
    assert "past year as a modifier" in {r.name for r in claims.HISTORICAL_RULES}
    usage = {r.name for r in USAGE_RULES}
    assert {
        "reference point for a nearby place",
        "road named by where it leads",
        "distance measured from",
        "river as a reference",
        "border as a reference",
        "origin of a person",
    } <= usage
    capital = {r.name for r in CAPITAL_USAGE_RULES}
    assert {
        "capital owning what a government has",
        "capital as the target of a government's act",
        "capital as a political actor",
    } <= capital
    assert {"confirmation by a party", "reportedly"} <= certainty
    assert "completed visit or meeting" in {r.name for r in claims.HISTORICAL_RULES}


def test_the_new_cues_give_the_same_labels_with_the_prefilter_off():
    sentences = [
        ("Paratroopers have taken the hamlet of Sokil, pro-war bloggers have reported.", "Sokil"),
        ("Two hours after a drone struck Vasylkiv, our correspondents drove through Hlevakha.", "Hlevakha"),
        ("Two hours after a drone struck Vasylkiv, our correspondents drove through Hlevakha.", "Vasylkiv"),
        ("Commercial satellite images show barges moored at Sinpo, a think-tank analyst said.", "Sinpo"),
        ("It is the first ferry to sail from Rajin since 2019.", "Rajin"),
        ("Relations with Hanoi cooled after the vote.", "Hanoi"),
        ("Grain shipments rose after the minister visited Nampo in March.", "Nampo"),
        ("Officials are believed to have moved the rockets, and the depot at Kansk reportedly holds the rest.", "Kansk"),
    ]
    on = [label(s, name) for s, name in sentences]
    claims._prefilter(False)
    try:
        off = [label(s, name) for s, name in sentences]
    finally:
        claims._prefilter(True)
    assert on == off


# Settled past events dated without "in" or "on".


def test_a_dated_wire_photo_caption_makes_its_scene_historical():
    s = "The old customs gate at Sariwon is torn down, 3 March 2019, in this handout photo."
    assert label(s, "Sariwon") == "historical"
    # a caption of a recent day is not a settled past event
    s = "Workers repair the pier at Sariwon, 3 March 2025, in this handout photo."
    assert label(s, "Sariwon") == "reported"


def test_a_past_year_used_as_a_modifier_names_a_settled_event():
    assert label("Delegates recalled the 2019 summit in Hanoi.", "Hanoi") == "historical"
    # a year ahead is a plan, not an event
    assert label("Officials unveiled the 2030 plan for Hwanghae.", "Hwanghae") == "reported"


# "purported" and "supposedly" flag a claim (README: "claimed", "purported", "unverified" = alleged).


def test_purported_and_supposedly_make_an_allegation():
    assert label("A purported strike on the airfield at Saky left two jets burning.", "Saky") == "alleged"
    assert label("The drones were supposedly assembled in Yelabuga.", "Yelabuga") == "alleged"


# Where a person comes from describes the person.


def test_where_a_person_comes_from_is_context_but_people_leaving_a_place_are_not():
    s = "The captured soldier carried papers in the name of a man from Buryatia, police said."
    assert label(s, "Buryatia") == "context"
    s = "Hundreds of residents from Kupiansk fled west on Friday."
    assert label(s, "Kupiansk") == "reported"


# A trailing qualifying phrase hedges only what it says.


def test_a_hedge_in_a_trailing_participle_phrase_does_not_hedge_the_place_before_it():
    s = "Three trains left Tumangang for Russia last week, probably carrying shells and possibly rockets."
    assert label(s, "Tumangang") == "reported"
    s = "Cargo was unloaded at a depot in Kotelnikovo, allegedly for use at the front."
    assert label(s, "Kotelnikovo") == "reported"


def test_an_attribution_or_inference_at_the_end_still_covers_the_whole_sentence():
    s = "Rockets were stored at a base near Chita, citing unconfirmed reports from local residents."
    assert label(s, "Chita") == "alleged"
    s = "New imagery of Sinpo shows two cranes at the dock, suggesting a launch may be near."
    assert label(s, "Sinpo") == "speculative"
    s = "Kazan was struck by three drones, possibly launched from a barge."
    # the hedge qualifies the launch, and the place named before it was struck: reported
    assert label(s, "Kazan") == "reported"


# More ways a capital or its people state a position.


def test_a_capital_stating_a_position_is_context():
    assert label("Ankara vowed to keep the straits open to grain ships.", "Ankara") == "context"
    assert label("Hanoi has acknowledged the shipments for the first time.", "Hanoi") == "context"
    # a capital doing something physical is not a statement
    assert label("Hanoi flooded after the typhoon.", "Hanoi") == "reported"


def test_sources_and_analysts_in_a_place_are_where_the_speaker_sits():
    s = "Diplomats in Vienna expect the talks to resume next month."
    assert label(s, "Vienna") == "context"
    s = "Sources in Vladivostok told the paper the ferry had sailed."
    assert label(s, "Vladivostok") == "context"


# An evidential verb hedges what follows it, not the evidence named before it.


def test_the_place_in_the_evidence_before_suggests_is_not_hedged():
    s = "Fresh earthworks at Hamhung suggest a new launch pad for Sinpo-class missiles."
    assert label(s, "Hamhung") == "reported"
    s = "The lull in shipping hints at a deal over Nampo."
    assert label(s, "Nampo") == "speculative"


# A region in apposition to a place shares that place's certainty (README: "Verbove, Zaporizhzhia region").


def test_a_region_in_apposition_shares_the_certainty_of_the_place_before_it():
    s = "The depot lies 20 km from Huliaipole, Zaporizhzhia region, and was hit twice."
    assert label(s, "Huliaipole") == "context"
    assert label(s, "Zaporizhzhia region") == "context"
    assert "apposition" in why(s, "Zaporizhzhia region")
    s = "Troops may have entered Robotyne, Zaporizhzhia Oblast, on Monday."
    assert label(s, "Zaporizhzhia Oblast") == "speculative"
    # an institution named after a region is still the institution
    s = "Troops left Robotyne, Zaporizhzhia region police said."
    assert label(s, "Zaporizhzhia region") == "context"


# Settled events dated by a month or season and a year.


def test_a_month_or_season_and_a_past_year_make_the_event_historical():
    assert label("The plant at Chongjin was flooded in August 2016.", "Chongjin") == "historical"
    assert label("Work at Chongjin stopped during the winter of 2017.", "Chongjin") == "historical"
    # a year still running is not settled
    assert label("Work at Chongjin resumed in May 2025.", "Chongjin") == "reported"


# Datelines typed with a double hyphen.


def test_a_dateline_with_a_double_hyphen_is_context():
    s = "HAMHUNG, South Hamgyong Province (AP) -- Cranes stood idle at the yard on Monday."
    assert label(s, "South Hamgyong Province") == "context"


# The authors' own imagery work, in the first person.


def test_we_reviewed_imagery_is_the_authors_own():
    assert label("We reviewed imagery of the Sinpo yard from three dates in May.", "Sinpo") == "confirmed"
    assert label("Our analysis of the Sinpo yard shows a second hall.", "Sinpo") == "confirmed"


def test_a_count_that_looks_like_a_year_is_not_a_date():
    assert label("Officials counted the 2000 containers shipped from Rajin.", "Rajin") == "reported"
    assert label("Its 2010 km range puts Okinawa within reach of the launchers.", "Okinawa") != "historical"
