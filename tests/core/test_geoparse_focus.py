"""Placing names by the article's own geography (issue 13): the district a village is said to lie in, the
list it is named in, the regions and paragraph around it, and the name met again later in the article.

Every sentence here was invented for these tests; none is taken from the evaluation articles. Villages
with invented names ("Zorvanivka") are unknown to the gazetteer; the towns beside them are real.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from placing import found, near, one

from mapviewer.core.ingest.anchors import list_gap, unit_tie
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.ingest.focus import named_regions
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.places import LOW_CONFIDENCE, distance_km
from mapviewer.core.ingest.review import review_rows
from mapviewer.core.workspace import Location, Workspace

GLUSHKOVO = (51.34, 34.64)
SUDZHA = (51.19, 35.27)


# ---------------------------------------------------------------- the district or town a name lies in


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck a bridge in the village of Zorvanivka, Glushkovo district, on Tuesday.",
        "Drones struck a bridge in the village of Zorvanivka in the Glushkovo district on Tuesday.",
        "Drones struck a bridge in the village of Zorvanivka, in the Glushkovo district, on Tuesday.",
    ],
)
def test_a_village_the_sentence_puts_in_a_district_is_placed_at_the_district_town_for_review(text: str) -> None:
    c = one(text, "Zorvanivka")
    assert near(c, GLUSHKOVO) and c.confidence < LOW_CONFIDENCE
    assert "Glushkovo district" in c.reason and "check it" in c.reason


def test_a_district_named_after_a_small_town_is_placed_at_that_town() -> None:
    c = one("An evacuation was ordered across the Glushkovo district.", "Glushkovo district")
    assert near(c, GLUSHKOVO, 5) and c.confidence < LOW_CONFIDENCE


def test_a_village_in_a_named_town_is_placed_there() -> None:
    c = one("Sappers cleared the hamlet of Zorvanivka in Sudzha, in Russia's Kursk region.", "Zorvanivka")
    assert near(c, SUDZHA) and c.confidence < LOW_CONFIDENCE


@pytest.mark.parametrize(
    ("gap", "anchor", "point", "ties"),
    [
        (", ", "Glushkovo district", False, True),
        (" in the ", "Sudzha raion", False, True),
        (", in ", "Sudzha", True, True),
        (" in ", "Sudzha", False, False),  # a region-sized anchor: no point to place by
        (", ", "Kursk region", False, False),  # a province is too large to locate a village
        (" in the ", "Kursk Oblast", True, False),
        (", which officials say lies somewhere in the ", "Glushkovo district", False, False),
    ],
)
def test_which_gaps_tie_a_name_to_its_district_or_town(gap: str, anchor: str, point: bool, ties: bool) -> None:
    assert (unit_tie(gap, anchor, 51.0, 35.0, point=point) is not None) == ties


# ---------------------------------------------------------------- lists of settlements


def test_an_unknown_village_listed_with_a_placed_one_is_placed_beside_it_for_review() -> None:
    c = one("Three bridges stand in the settlements of Sudzha, Zorvanivka and Kremlevka.", "Kremlevka")
    assert near(c, SUDZHA) and c.confidence < LOW_CONFIDENCE
    assert "listed with Sudzha" in c.reason


def test_a_list_of_places_far_apart_locates_nothing() -> None:
    c = one("Missiles fell on the towns of Lviv, Zorvanivka and Kharkiv.", "Zorvanivka")
    assert c.place is None and c.status == "unplaced"


def test_a_border_in_a_list_is_not_placed_at_its_neighbour() -> None:
    cands = found("Trucks crossed between the village of Sudzha and the Ukrainian border.")
    border = [c for c in cands if "border" in c.surface]
    assert border and all(c.place is None for c in border)


@pytest.mark.parametrize(("gap", "joins"), [(", ", True), (" and ", True), (", and ", True), (" or ", True),
                                            (" near ", False), (", said officials in ", False)])  # fmt: skip
def test_list_gaps(gap: str, joins: bool) -> None:
    assert list_gap(gap) == joins


# ---------------------------------------------------------------- one place per name in one article


def test_a_name_introduced_with_a_cue_is_found_again_where_it_stands_bare() -> None:
    cands = found("Troops entered the village of Zorvanivka at dawn.\n\nBy evening Zorvanivka was burning.")
    assert [c.surface for c in cands].count("Zorvanivka") == 2


def test_a_name_located_once_is_there_at_every_occurrence() -> None:
    cands = found(
        "Drones struck the village of Zorvanivka, Glushkovo district, overnight.\n\n"
        "Later, Zorvanivka was hit again, officials said."
    )
    zor = [c for c in cands if c.surface == "Zorvanivka"]
    assert len(zor) == 2 and all(near(c, GLUSHKOVO) for c in zor)
    assert all(c.confidence < LOW_CONFIDENCE for c in zor)


def test_a_name_written_only_bare_is_still_not_a_candidate() -> None:
    # no cue anywhere in the article: an unknown capitalised word stays out
    assert "Zorvanivka" not in [c.surface for c in found("Zorvanivka said the talks would go on.")]


# ---------------------------------------------------------------- regions and paragraphs pull namesakes


def test_the_regions_an_article_names_are_found_by_their_capitals() -> None:
    regions = named_regions(["Shelling hit the Sumy region and Kursk Oblast.", "Jilin Province"], geo_index())
    assert {("UA", "21"), ("RU", "41"), ("CN", "05")} <= regions


def test_a_village_with_namesakes_goes_to_the_one_in_the_region_the_article_names() -> None:
    # GeoNames has a larger Pishchane in the Poltava region and a smaller one in the Sumy region.
    c = one(
        "The Sumy region came under fire again, the governor said.\n\n"
        "Drones hit a school in the village of Pishchane on Sunday.",
        "Pishchane",
    )
    assert c.place is not None and c.place.country == "UA"
    assert distance_km((c.place.lat, c.place.lon), (50.91, 34.80)) < 80  # the Sumy region's, not Poltava's


def test_a_village_with_namesakes_goes_to_the_one_beside_the_paragraphs_other_places() -> None:
    # The most populous Andriivka lies in the Kharkiv region; one lies 22 km from Poltava.
    c = one("Shelling hit Poltava overnight, and later the village of Andriivka.", "Andriivka")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (49.59, 34.55)) < 30


# ---------------------------------------------------------------- heads, parts of sites, list mates


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Freight trains queued at the Zorvan-Pelmar railroad crossing last week.", "Zorvan-Pelmar railroad crossing"),
        ("Trucks waited at the Zorvan border crossing for days.", "Zorvan border crossing"),
        ("A parade filled Kim Il Sung Square in Pyongyang on Sunday.", "Kim Il Sung Square"),  # named after a person
        ("Crews reopened the Zorvan Portal at the test site near Kilju.", "Zorvan Portal"),
    ],
)
def test_place_heads_make_candidates(text: str, surface: str) -> None:
    assert surface in [c.surface for c in found(text)]


def test_a_square_named_after_a_person_is_not_placed_at_a_town_called_like_the_person() -> None:
    c = one("A crowd waited at Kim Il Sung Square, the heart of the capital.", "Kim Il Sung Square")
    assert c.place is None or c.place.country == "KP"


def test_a_part_of_a_town_is_placed_at_the_town_its_sentence_names() -> None:
    c = one("Thousands marched across Kim Il Sung Square, the heart of Pyongyang, on Sunday.", "Kim Il Sung Square")
    assert near(c, (39.03, 125.75)) and c.confidence < LOW_CONFIDENCE


def test_a_part_is_not_placed_when_its_sentence_names_places_far_apart() -> None:
    c = one("Officials from Pyongyang and Moscow toured the Zorvan Test Stand last week.", "Zorvan Test Stand")
    assert c.place is None


def test_a_longer_capitalised_name_is_not_a_place_phrase() -> None:
    assert not any("Road" in c.surface for c in found("Delegates met in Beijing to discuss the Belt and Road Initiative."))


def test_an_unknown_name_listed_between_two_towns_is_a_candidate() -> None:
    assert "Zorvanivka" in [c.surface for c in found("Artillery hit Kupiansk, Zorvanivka and Lyman overnight.")]
    assert "Zorvanivka" in [c.surface for c in found("Artillery hit Kupiansk, Lyman and Zorvanivka overnight.")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Kharkiv and Zelensky said the attack had failed.",  # one town beside a person
        "Drones hit Kupiansk and Lyman, Zelensky said.",  # a speaker after the list
        "Putin and Kim met in Pyongyang with Shoigu.",  # persons; "Kim" is also a town's name
    ],
)
def test_persons_beside_places_are_not_list_mates(text: str) -> None:
    names = [c.surface for c in found(text)]
    assert not {"Zelensky", "Putin", "Shoigu", "Kim"} & set(names), names


# ---------------------------------------------------------------- confidence: facilities near towns, towns far away


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Inspectors said the Isfahan enrichment plant had been hit.", "Isfahan enrichment plant"),
        ("Drones flew toward the Morozovsk air base overnight.", "Morozovsk air base"),
        ("Technicians checked the Kursk nuclear power plant on Friday.", "Kursk nuclear power plant"),
    ],
)
def test_a_facility_described_after_a_town_is_the_facility_placed_near_the_town_for_review(text: str, surface: str) -> None:
    # facilities the reference list does not have: the list's own (the Natanz enrichment site, the Engels air
    # base) are placed at their sourced point instead (tests/core/test_ingest_refnames.py)
    c = one(text, surface)
    assert c.place is not None and not c.place.ref.startswith("ref:")
    assert c.confidence < LOW_CONFIDENCE  # a site near the town, seldom at it


def test_a_demonym_before_a_facility_is_not_a_town() -> None:
    names = [c.surface for c in found("A Russian launch facility and a North Korean missile base were seen.")]
    assert not any("facility" in n or "base" in n for n in names), names


def test_a_small_town_far_from_the_story_in_a_country_it_does_not_name_is_sent_to_review() -> None:
    c = one("Ukrainian troops held Kupiansk and Izium on Monday. Supplies later came from Fairbanks.", "Fairbanks")
    assert c.place is not None and c.place.country == "US" and c.confidence < LOW_CONFIDENCE
    assert "check it" in c.reason


def test_a_far_town_in_a_country_the_article_names_keeps_its_confidence() -> None:
    c = one("Ukrainian troops held Kupiansk and Izium. Supplies came from Fairbanks in the United States.", "Fairbanks")
    assert c.confidence >= LOW_CONFIDENCE


# ---------------------------------------------------------------- borders, from the basemap's country outlines

KP_RU_BORDER = (42.42, 130.64)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Freight cars waited at the North Korea-Russia border for a week.", "North Korea-Russia border"),
        ("North Korean guards were doubled near the border with Russia, officials in Seoul said.", "border with Russia"),
        ("Engineers widened the Russia-North Korea railroad crossing in March.", "Russia-North Korea railroad crossing"),
    ],
)
def test_a_short_border_between_two_countries_is_placed_where_their_outlines_meet(text: str, surface: str) -> None:
    c = one(text, surface)
    assert near(c, KP_RU_BORDER) and c.confidence < LOW_CONFIDENCE
    assert "border" in c.reason and "check it" in c.reason


def test_a_long_border_is_placed_at_its_stretch_nearest_the_story() -> None:
    c = one("Shelling hit Sudzha, close to the Ukrainian border, Russian officials said.", "Ukrainian border")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), SUDZHA) < 60
    assert c.confidence < LOW_CONFIDENCE and c.status == "unplaced"  # a suggestion for the reviewer, not a site


def test_a_long_border_far_from_the_story_is_left_unplaced() -> None:
    c = one("Officials in Moscow spoke of the Chinese border for an hour.", "Chinese border")
    assert c.place is None


def test_countries_without_a_common_border_give_no_place() -> None:
    c = one("Pyongyang said nothing crossed the North Korea-Iran border.", "North Korea-Iran border")
    assert c.place is None


def test_a_full_stop_is_not_part_of_an_area() -> None:
    assert "border with Russia" in [c.surface for c in found("North Korea moved troops near the border with Russia.")]


# ---------------------------------------------------------------- parts of countries, from their outlines


@pytest.mark.parametrize(
    ("text", "surface", "point", "km"),
    [
        ("Heavy fighting went on across eastern Ukraine all week.", "eastern Ukraine", (48.5, 37.5), 150),
        ("Rockets were fired from south Lebanon on Tuesday.", "south Lebanon", (33.25, 35.4), 50),
        ("Drones were launched from the north-west of Iran, officials said.", "north-west of Iran", (37.5, 46.5), 200),
    ],
)
def test_a_part_of_a_country_is_placed_in_that_part_for_review(text: str, surface: str, point: tuple[float, float], km: float) -> None:
    c = one(text, surface)
    assert near(c, point, km) and c.confidence < LOW_CONFIDENCE
    assert c.place is not None and c.place.precision == "region" and c.status == "unplaced"


def test_a_country_too_wide_for_one_part_is_left_unplaced() -> None:
    assert one("Troops were moved to eastern Russia by train.", "eastern Russia").place is None


def test_a_suggested_area_is_listed_for_review_with_its_point_but_is_no_site(tmp_path: Path) -> None:
    article = tmp_path / "front.txt"
    article.write_text(
        "Front report\n\nHeavy fighting went on across eastern Ukraine all week.\n\n"
        "Freight cars waited at the North Korea-Russia border for a week.\n",
        encoding="utf-8",
    )
    root = tmp_path / "ws"
    assert not ingest([article], root, []).failed
    features = json.loads((root / "sites.geojson").read_text(encoding="utf-8"))["features"]
    assert not any("Ukraine" in f["properties"]["name"] for f in features)
    border = next(f for f in features if "border" in f["properties"]["name"])  # a short border is a site, for review
    assert border["properties"]["kind"] == "border-zone" and border["properties"]["confidence"] < LOW_CONFIDENCE
    assert not Workspace.load(Location.folder(root)).problems
    row = next(r for r in review_rows(root) if r["name"] == "eastern Ukraine")
    assert row["status"] == "unplaced" and row["lat"] is not None and row["reason"].startswith("suggested")


# ---------------------------------------------------------------- precision: acronyms, organisations, sentence ends


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("The NIS told lawmakers in Seoul that more troops had left.", "NIS"),  # an agency, not Niš
        ("Hamas fighters left Gaza City overnight.", "Hamas"),  # not the German town Hamm
        ("How the troops crossed is unclear, officials in Seoul said.", "How"),  # not Hove by a spelling key
    ],
)
def test_acronyms_organisations_continents_and_short_words_are_not_towns(text: str, not_found: str) -> None:
    assert not_found not in [c.surface for c in found(text)]


def test_a_continent_is_no_town() -> None:
    asia = [c for c in found("Exports to Asia grew, officials in Seoul said.") if c.surface == "Asia"]
    assert all(c.area and c.place is None for c in asia)  # listed as an area at most, never the town Asia


def test_a_dateline_in_capitals_is_still_the_city() -> None:
    assert "KYIV" in [c.surface for c in found("KYIV, Ukraine — Drones struck the capital overnight.")]


def test_a_phrase_never_runs_across_a_sentence_end() -> None:
    names = [c.surface for c in found("Shelling went on near Kursk. The region stayed tense. Workers left. The Alabuga plant closed.")]
    assert not any(". " in n for n in names), names
    assert "Alabuga plant" in names


def test_a_sentence_opening_preposition_is_no_part_of_a_place_phrase() -> None:
    assert not any(c.surface.startswith("Through") for c in found("Through the tunnel, sappers reached the Zorvan Bridge."))


def test_a_research_centre_named_after_a_town_is_an_institution() -> None:
    assert not any("Center" in c.surface for c in found("Analysts at the Alma Research and Education Center in Israel said so."))


def test_a_phrase_is_not_placed_at_a_town_abroad_that_a_word_inside_it_matched() -> None:
    # a name inside the phrase is also some town far from everything else the article places
    c = one("Ukrainian troops held Kupiansk and Izium. Engineers blew up the Seversky Donets Canal.", "Seversky Donets Canal")
    assert c.place is None or c.place.country == "UA"


# ---------------------------------------------------------------- the region a sentence names


def test_a_namesake_outside_the_region_its_sentence_names_is_only_a_suggestion() -> None:
    # GeoNames' two Lysivkas lie in the Poltava and Zhytomyr regions, Who's On First's villages of the name in the
    # Donetsk, Luhansk, Poltava and Zhytomyr regions: none in the Kherson region the sentence names.
    c = one("In the Kherson region, Russian troops captured the village of Lysivka, Moscow claimed.", "Lysivka")
    assert c.status == "unplaced" and c.place is not None and c.confidence < LOW_CONFIDENCE
    assert "Kherson region" in c.reason and c.reason.startswith("suggested")


def test_the_village_of_the_name_in_the_region_its_sentence_names_wins_over_the_gazetteer_s_namesakes() -> None:
    # The Donetsk region's Lysivka is not in GeoNames cities500; Who's On First has it (core/ingest/villages.py).
    c = one("In the Donetsk region, Russian troops captured the village of Lysivka, Moscow claimed.", "Lysivka")
    assert c.place is not None and c.place.ref == "wof:1327426645" and near(c, (48.23, 37.26), 5)


def test_a_region_named_after_its_capital_is_not_tied_to_a_town_like_a_village() -> None:
    text = "Russia and Ukraine traded claims.\n\nIn the Donetsk region, Russian forces advanced near Myrnohrad, Moscow claimed."
    c = one(text, "Donetsk region")
    assert c.place is not None and c.place.country == "UA" and "located by its sentence" not in c.reason


def test_a_city_with_a_namesake_abroad_goes_to_the_one_beside_the_paragraphs_places() -> None:
    # Russia has a smaller Donetsk too, and the article names Russia more often; the paragraph's Myrnohrad says
    # which Donetsk is meant.
    text = "Russia said Russian troops were ready, and Russia denied the claims from Ukraine.\n\nShelling hit Donetsk and Myrnohrad on Sunday."
    c = one(text, "Donetsk")
    assert c.place is not None and c.place.country == "UA"


def test_a_hromada_after_a_possessive_oblast_is_placed_at_its_own_town() -> None:
    c = one("Shells fell on a farm in Sumy Oblast's Krasnopillia hromada on Tuesday.", "Krasnopillia hromada")
    assert near(c, (50.77, 35.27), 10) and c.confidence < LOW_CONFIDENCE  # Krasnopillia, not the oblast's centre


def test_a_village_written_with_another_ending_is_read_as_the_nearby_one_for_review() -> None:
    c = one("Drones hit Sumy in Ukraine and later the village of Pishchani, officials said.", "Pishchani")
    assert c.place is not None and c.place.name == "Pishchane" and near(c, (50.95, 34.07), 5)
    assert c.confidence < LOW_CONFIDENCE and "another ending" in c.reason


def test_another_ending_far_from_the_story_is_no_reading() -> None:
    c = one("Drones hit Lviv in Ukraine and later the village of Pishchani, officials said.", "Pishchani")
    assert c.place is None and c.status == "unplaced"


@pytest.mark.parametrize(
    ("text", "surface", "town"),
    [
        ("Reporters went to Zorvanivka in Sudzha, Russia, to film the bridge.", "Zorvanivka", SUDZHA),
        ("Fighting raged at Zorvanivka in the Glushkovo district, Russia said.", "Zorvanivka", GLUSHKOVO),
    ],
)
def test_a_name_at_a_place_in_a_named_town_is_a_candidate_placed_there(text: str, surface: str, town: tuple[float, float]) -> None:
    c = one(text, surface)
    assert near(c, town) and c.confidence < LOW_CONFIDENCE


@pytest.mark.parametrize(
    "text", ["He wrote to Putin in Moscow.", "A letter from Putin in Moscow arrived.", "Xi met Putin in Moscow on Tuesday."]
)
def test_a_person_in_a_city_is_not_a_place(text: str) -> None:
    assert "Putin" not in [c.surface for c in found(text)]
