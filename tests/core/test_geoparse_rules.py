"""General geoparsing rules for unseen text, one test per rule, by the issue's error kinds (issue 13):
1 names never detected, 2 wrong place at high confidence, 3 variants missed, 4 one article rewriting
another (tests/core/test_geoparse.py), 5 certainty.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

import pytest

from mapviewer.core.claims import classify
from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.anchors import tie
from mapviewer.core.ingest.places import LOW_CONFIDENCE, distance_km, find_candidates
from mapviewer.core.mentions import AliasIndex


def candidates(text: str) -> dict:
    found = find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))
    return {c.surface: c for c in found}


# ---------------------------------------------------------------- kind 1: names never detected / never placed


def test_a_name_the_gazetteer_lacks_is_placed_near_the_town_its_sentence_names() -> None:
    c = candidates("Engineers lengthened the Zorvakh airfield near Hamhung, the report said.")["Zorvakh airfield"]
    assert c.status == "low-confidence" and c.confidence < LOW_CONFIDENCE  # listed for review, never sure
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (39.92, 127.54)) < 5
    assert "near" in c.reason and "check it" in c.reason


def test_a_stated_distance_and_bearing_place_the_name_there() -> None:
    c = candidates("Troops dug in at Brodivka-Zavod, about 20 km north of Kharkiv, on Monday.")["Brodivka-Zavod"]
    assert c.place is not None
    kharkiv = (49.98, 36.25)
    assert 15 < distance_km((c.place.lat, c.place.lon), kharkiv) < 25
    assert c.place.lat > kharkiv[0] + 0.1  # north of it


def test_a_big_city_name_left_as_a_possible_word_is_still_placed_beside_its_neighbours() -> None:
    found = candidates("Air strikes hit Gaza City overnight. Later, strikes hit Khan Younis as well.")
    c = found["Khan Younis"]
    assert c.place is not None and c.place.country == "PS"
    assert distance_km((c.place.lat, c.place.lon), (31.34, 34.31)) < 5


@pytest.mark.parametrize(
    "text",
    [
        "Much of the town was flattened, officials in Gaza City said.",  # an everyday word some town is called
        "Hamas said its fighters had withdrawn from Gaza City.",  # an organisation
    ],
)
def test_words_and_organisations_do_not_become_places_through_the_small_place_layer(text: str) -> None:
    found = candidates(text)
    assert set(found) <= {"Gaza City"}, found


# ---------------------------------------------------------------- kind 2: wrong place at high confidence


def test_a_weapon_named_after_a_town_is_not_a_place() -> None:
    found = candidates("North Korea tested a Hwasong-18 missile and showed the Pulgasari-2 on parade in Pyongyang.")
    assert "Hwasong" not in found and "Hwasong-18" not in found
    assert "Pyongyang" in found


def test_a_namesake_far_from_where_the_sentence_puts_the_name_gives_way() -> None:
    # GeoNames knows several villages called Pishchane; the sentence says this one is in the Kupiansk district.
    c = candidates("Russian forces shelled Pishchane, a village in the Kupiansk district, the governor said.")["Pishchane"]
    assert c.place is not None and c.confidence < LOW_CONFIDENCE
    assert distance_km((c.place.lat, c.place.lon), (49.71, 37.62)) < 40


# ---------------------------------------------------------------- the tie itself


@pytest.mark.parametrize(
    "gap",
    [", a village near ", " near ", ", about 12 km (7 miles) southeast of ", " neighbourhood of ", ", on the outskirts of "],
)
def test_ties_a_reader_would_read(gap: str) -> None:
    assert tie(gap, 50.0, 36.0, "Y") is not None


@pytest.mark.parametrize(
    "gap",
    [" and villages near ", ", officials said, near ", ", about 1,500 km from ", " was shelled, said people in "],
)
def test_no_tie_across_a_list_a_clause_or_a_remote_measure(gap: str) -> None:
    assert tie(gap, 50.0, 36.0, "Y") is None


# ---------------------------------------------------------------- kind 5: certainty


@pytest.mark.parametrize(
    ("sentence", "name", "certainty"),
    [
        ("Tokyo said the patrol boats had left the strait.", "Tokyo", "context"),  # a capital speaking
        ("Ankara has denied sending the drones.", "Ankara", "context"),
        ("The convoy crossed at dawn, according to Tbilisi.", "Tbilisi", "context"),
        ("Warsaw's officials claimed the depot was empty.", "Warsaw", "context"),
        ("Protesters gathered in Tokyo on Sunday.", "Tokyo", "reported"),  # the city itself
        ("Officials said flights to Ankara could resume.", "Ankara", "speculative"),
    ],
)
def test_a_capital_named_as_the_speaker_is_context(sentence: str, name: str, certainty: str) -> None:
    assert classify(sentence, sentence.index(name)).certainty == certainty


# ---------------------------------------------------------------- kind 1 and 3: heads, cues, longer names


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Residents of Velyka Zorivka fled as the shelling grew.", "Velyka Zorivka"),  # "residents of"
        ("Tanks moved along the Zorvan Corridor at night.", "Zorvan Corridor"),  # head word: corridor
        ("Aid trucks queued at the Halvat crossing for days.", "Halvat crossing"),  # head word: crossing
        ("Raids went on in the Tarvish neighbourhood of Gaza City.", "Tarvish neighbourhood"),
    ],
)
def test_new_heads_and_cues_make_candidates(text: str, surface: str) -> None:
    found = candidates(text)
    assert surface in found, list(found)


def test_a_gazetteer_name_that_is_only_the_start_of_a_longer_name_is_not_placed_as_itself() -> None:
    # "Malaya" is a town in the Philippines, "Nikolaevo" one in Bulgaria; here both are parts of longer names.
    found = candidates("Residents of Malaya Zorivka said shells hit Nikolaevo-Zavod overnight.")
    assert "Malaya" not in found and "Nikolaevo" not in found
    assert found["Malaya Zorivka"].status == "unplaced"


def test_a_neighbourhood_of_a_city_is_placed_at_the_city_for_review() -> None:
    c = candidates("Raids went on in the Tarvish neighbourhood of Gaza City.")["Tarvish neighbourhood"]
    assert c.place is not None and c.confidence < LOW_CONFIDENCE
    assert distance_km((c.place.lat, c.place.lon), (31.50, 34.47)) < 10


@pytest.mark.parametrize(
    ("sentence", "name", "certainty"),
    [
        ("Fighting went on in the Orikhiv direction overnight.", "Orikhiv", "context"),  # a front sector
        ("The new rockets are capable of reaching Sapporo, analysts said.", "Sapporo", "context"),  # a range
        ("Officials in Tambov said the depot fire was out.", "Tambov", "context"),  # where the speaker sits
        ("The governor of Voronezh region said two drones were downed.", "Voronezh", "context"),
        ("Gunmen raided Nahal Tavor on October 7, 2023, witnesses said.", "Nahal Tavor", "historical"),  # a dated event
        ("In October 2023, fighters crossed into Nahal Tavor.", "Nahal Tavor", "historical"),  # a dated opening
        ("The test site at Kilju was blown up on 24 May 2018.", "Kilju", "historical"),
        ("Strikes on Tambov have continued since February 24, 2022.", "Tambov", "reported"),  # "since": ongoing
        ("Work at Kilju resumed under a plan announced in a speech on March 11, 2022.", "Kilju", "reported"),
    ],
)
def test_directions_ranges_speakers_seats_and_dated_events(sentence: str, name: str, certainty: str) -> None:
    assert classify(sentence, sentence.index(name)).certainty == certainty


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("North Korea has moved launchers to Chunsanni, a new site, imagery shows.", True),  # -ni written on
        ("Trucks were seen at Kumyangdong near the North Korean coast.", True),  # -dong written on
        ("The Bellini family opened a cafe in Naples.", False),  # not a Korean passage
        ("Henri met North Korean diplomats on Tuesday.", False),  # too short to read as a Korean name
    ],
)
def test_korean_names_with_the_suffix_written_on(text: str, listed: bool) -> None:
    names = {"Chunsanni", "Kumyangdong", "Bellini", "Henri"}
    assert bool(names & set(candidates(text))) == listed


def test_french_place_cues_and_hedges() -> None:
    found = candidates("Les soldats ont repris Zavodivka-Nova, près de Pokrovsk. Le village pourrait tomber.")
    assert "Zavodivka-Nova" in found and "Le" not in found
    s = "Le village de Zavodivka pourrait tomber bientôt."
    assert classify(s, s.index("Zavodivka")).certainty == "speculative"


def test_october_7_names_a_settled_event() -> None:
    s = "Gunmen stormed Nahal Tavor on October 7 and took hostages."
    assert classify(s, s.index("Nahal Tavor")).certainty == "historical"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A pontoon bridge over the Zorvenka River was hit.", "Zorvenka River"),  # a river is a place on its head word alone
        ("Engineers tested a motor at the Pansong Engine Test Stand last week.", "Pansong Engine Test Stand"),
    ],
)
def test_geographic_head_words_are_listed_without_another_cue(text: str, surface: str) -> None:
    assert surface in candidates(text)
