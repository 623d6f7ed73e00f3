"""Placing names by their head words and their neighbours (issue 13): "Iqlim al-X" is a Lebanese district, not the
place X names; Mayang Island (Mayang-do) is the island of the Sinpo submarine base; a facility named after a town in
a slip of spelling ("the Singpo shipyard") is placed at that town, for review.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from placing import found
from placing import one as named

from mapviewer.core.ingest.places import distance_km

GAZA_TUFFAH = (31.516, 34.469)
MAYANG_ISLAND = (40.0, 128.2)
SINPO = (40.04, 128.19)


def test_an_iqlim_is_a_district_of_its_own_not_the_place_its_second_word_names() -> None:
    text = "Residents of Iqlim al-Tuffah reported drones overhead on Tuesday, local media said."
    assert not any(c.surface in ("Tuffah", "al-Tuffah") for c in found(text))
    c = named(text, "Iqlim al-Tuffah")
    assert c.place is None or distance_km((c.place.lat, c.place.lon), GAZA_TUFFAH) > 100


def test_iqlim_al_kharroub_is_one_name() -> None:
    surfaces = [c.surface for c in found("Families fled to Iqlim al-Kharroub, south of Beirut, last week.")]
    assert "Iqlim al-Kharroub" in surfaces


def test_mayang_island_is_placed_at_the_island_off_sinpo() -> None:
    for text, surface in (("New piers were seen on Mayang Island this spring.", "Mayang Island"),
                          ("A submarine left the Mayang-do base on Monday.", "Mayang-do base")):  # fmt: skip
        c = named(text, surface)
        assert c.place is not None and distance_km((c.place.lat, c.place.lon), MAYANG_ISLAND) <= 5


def test_a_facility_named_after_a_town_in_a_slip_of_spelling_is_placed_at_that_town_for_review() -> None:
    text = "Mayang Island shelters the fleet. A second hull is on the slipway at the Singpo shipyard, analysts said."
    c = named(text, "Singpo shipyard")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), SINPO) <= 5
    assert c.confidence < 0.7 and "Sinp" in c.reason


def test_no_slip_reading_without_the_article_placing_anything_nearby() -> None:
    c = named("A second hull is on the slipway at the Singpo shipyard, analysts said.", "Singpo shipyard")
    assert c.place is None


def test_in_a_part_of_a_town_ties_a_village_off_the_town_on_that_side() -> None:
    from mapviewer.core.ingest.anchors import IN_TOWN_KM, unit_tie

    t = unit_tie(" in southern ", "Quneitra", 33.126, 35.825, point=True)
    assert t is not None and t.lat < 33.126 - 0.05 and abs(t.lon - 35.825) < 0.01 and t.within_km == IN_TOWN_KM
    assert "southern Quneitra" in t.how
    assert unit_tie(" in southern ", "Kursk region", 51.7, 36.2, point=True) is None  # a region locates no point
    assert unit_tie(" in southern ", "Quneitra", 33.126, 35.825, point=False) is None


def test_a_village_in_the_named_part_of_a_small_town_is_placed_there_for_review() -> None:
    text = ("Soldiers searched homes in the village of Kherbet Zahra in southern Quneitra on Thursday, "
            "the Syrian agency said.")  # fmt: skip
    c = named(text, "Kherbet Zahra")  # an invented village: only its sentence locates it
    quneitra = (33.126, 35.825)
    assert c.place is not None and 5 <= distance_km((c.place.lat, c.place.lon), quneitra) <= 20
    assert c.place.lat < quneitra[0] and c.confidence < 0.7 and "southern Quneitra" in c.reason


WEST_BEKAA = (33.626, 35.784)  # Joub Jannine, capital of the Western Beqaa District
BEQAA_VALLEY = (34.009, 36.145)


def test_the_western_beqaa_is_the_western_beqaa_district_not_the_valley_centre() -> None:
    c = named("Jets struck two towns in the western Bekaa Valley before dawn, residents said.", "western Bekaa Valley")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), WEST_BEKAA) <= 5
    c = named("Jets struck the Bekaa Valley before dawn, residents said.", "Bekaa Valley")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), BEQAA_VALLEY) <= 5


def test_listed_regions_of_the_israel_lebanon_syria_front_are_placed_as_regions() -> None:
    text = "Sirens sounded across the Galilee Panhandle and the Golan Heights on Sunday evening."
    panhandle, golan = named(text, "Galilee Panhandle"), named(text, "Golan Heights")
    assert panhandle.place is not None and distance_km((panhandle.place.lat, panhandle.place.lon), (33.21, 35.57)) <= 5
    assert golan.place is not None and golan.place.precision == "region" and golan.place.country == "SY"


def test_a_surname_golan_is_not_the_golan_heights() -> None:
    assert not any(c.surface == "Golan" and c.place is not None for c in found("Yair Golan told reporters on Monday that talks would resume."))


def test_north_pyongyang_is_the_slip_for_north_pyongan_province_not_the_capital() -> None:
    c = named("New hangars were seen at an airfield in North Pyongyang last month.", "North Pyongyang")
    assert c.place is not None and c.place.precision == "region" and distance_km((c.place.lat, c.place.lon), (39.02, 125.74)) > 80


def test_a_listed_province_with_its_own_point_is_a_region_the_article_names() -> None:
    from mapviewer.core.ingest.focus import named_regions
    from mapviewer.core.ingest.geo_index import geo_index

    assert ("KP", "11") in named_regions(["Trucks were seen near a hillside in North Pyongan Province."], geo_index())
    assert ("KP", "09") in named_regions(["A launcher was moved within Kangwon Province overnight."], geo_index())


def test_a_village_of_a_common_korean_name_is_read_in_the_province_the_article_names() -> None:
    text = ("Satellite images of Kumchang-ri show new tunnel entrances.\n\n"
            "The site lies in a mountain valley of North Pyongan Province, analysts said.")  # fmt: skip
    c = named(text, "Kumchang-ri")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (40.12, 125.13)) <= 5  # WOF Kumch'ang-ni, North Pyongan
    assert c.confidence < 0.8


def test_a_lower_case_north_of_a_city_is_the_city_not_a_province_of_a_similar_name() -> None:
    c = named("A new tower block went up in north Pyongyang this year, state media said.", "Pyongyang")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (39.02, 125.74)) <= 10
