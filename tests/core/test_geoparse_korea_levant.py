"""Approximate positions in the ways Korean and Levantine reports write a place's frame (issue 13, placement): a
distance quoted from a think tank ("sits 40 kilometers northeast of Pyongyang"), a county named around a placed
site ("Tongchang-ri in Cholsan County", "Cholsan County, ..., where the Sohae station is located"), a Gaza
neighbourhood the article spells two ways, and a street named after a town elsewhere.

Every sentence here was invented for these tests; none is taken from the evaluation articles. "Tomal-ri" is a
made-up village name.
"""

from __future__ import annotations

from placing import approximate, found, near
from placing import one as named

from mapviewer.core.ingest.anchors import APPROXIMATE
from mapviewer.core.ingest.containers import CONTAINER_KM, FACILITY_TOWN_KM, firm
from mapviewer.core.ingest.places import LOW_CONFIDENCE, distance_km

PYONGYANG = (39.019, 125.738)
TONGCHANG_RI = (39.660, 124.705)  # the reference list's row (Sohae Satellite Launching Station)
SHUJAIYYA = (31.501, 34.470)
KHAN_YOUNIS = (31.340, 34.306)
ROSETTA = (31.400, 30.417)


def test_a_distance_and_bearing_inside_a_quotation_still_locate_the_base() -> None:
    c = named('A missile base at Tomal-ri "sits 40 kilometers northeast of Pyongyang," the report says.', "Tomal-ri")
    assert approximate(c, "40 km northeast of Pyongyang")
    assert c.place is not None and c.place.radius_km == 20.0  # half the stated distance
    assert 35 < distance_km((c.place.lat, c.place.lon), PYONGYANG) < 45  # (the gazetteer's Pyongyang, not the bundled site)
    assert c.place.lat > PYONGYANG[0] and c.place.lon > PYONGYANG[1]


def test_a_county_is_drawn_around_the_placed_site_its_sentence_puts_in_it() -> None:
    c = named("The engine test stand at Tongchang-ri in Cholsan County was expanded last year.", "Cholsan County")
    assert approximate(c, "around Tongchang-ri") and near(c, TONGCHANG_RI, 1)
    assert c.place is not None and c.place.radius_km == CONTAINER_KM


def test_a_county_where_a_placed_site_is_located_is_drawn_around_it() -> None:
    text = "New imagery of Cholsan County, North Pyongan Province, where the Sohae station is located, shows fresh roads."
    c = named(text, "Cholsan County")
    assert approximate(c, "around Sohae") and near(c, TONGCHANG_RI, 1)


def test_a_county_beside_a_placed_site_but_not_said_to_hold_it_is_left_unplaced() -> None:
    c = named("Tongchang-ri was busy on Monday, and Cholsan County was quiet.", "Cholsan County")
    assert c.place is None and c.status == "unplaced"


def test_a_neighbourhood_spelt_with_one_vowel_less_is_the_one_the_article_places() -> None:
    text = "Fighting went on in Shejaiya on Monday. Residents of Shejaya said the shelling had stopped by night."
    c = named(text, "Shejaya")
    assert near(c, SHUJAIYYA, 1) and c.status == "low-confidence" and c.confidence < LOW_CONFIDENCE
    assert "Shejaiya" in c.reason


def test_a_street_is_not_at_the_town_its_name_recalls_but_in_the_town_its_sentence_names() -> None:
    c = named("Tanks were seen on Rashid Street in Khan Younis on Friday.", "Rashid Street")
    assert near(c, KHAN_YOUNIS, 2) and not near(c, ROSETTA, 300)
    assert approximate(c, "in Khan Younis")


PAKCHON_PLANT = (39.710, 125.568)  # the reference list's row


def test_a_town_read_only_through_a_far_respelling_is_the_town_a_placed_plant_is_named_after() -> None:
    c = named("Satellite photos from 2018 show trucks in Pakchon, beside the Pakchon Uranium Concentrate Pilot Plant.", "Pakchon")
    assert near(c, PAKCHON_PLANT, 3)  # not Paech'on, 200 km away
    assert c.place is not None
    if c.place.ref.startswith("wof:"):  # the village list's Pakch'on: "Pakchon" is its name exactly, the
        return  # apostrophe of McCune-Reischauer's aspiration dropped (villages.Villages.lookup), 2 km from the plant
    assert approximate(c, "the town Pakchon Uranium Concentrate Pilot Plant is named after")
    assert c.place.radius_km == FACILITY_TOWN_KM


def test_the_plant_named_in_another_paragraph_places_its_town_too_and_says_the_article_does() -> None:
    text = "Inspectors last saw the Pakchon Uranium Concentrate Pilot Plant in 1992.\n\nPakchon has been quiet since."
    c = named(text, "Pakchon")
    assert near(c, PAKCHON_PLANT, 1) and c.place is not None and "where its article puts it" in c.place.coord_source


def test_a_town_the_gazetteer_spells_as_written_keeps_its_reading_beside_a_site_named_after_it() -> None:
    c = named("Engineers from Kursk inspected the runway of the Kursk Vostochny Airport last week.", "Kursk")
    assert c.place is not None and c.place.ref.startswith("gn:") and not c.place.coord_source.startswith(APPROXIMATE)


PUNGGYE_RI = (41.278, 129.088)  # the reference list's row


def test_a_portal_named_alone_is_part_of_the_one_site_its_article_places() -> None:
    text = ("New imagery of the Punggye-ri Nuclear Test Site was taken in May.\n\n"
            "Carts stood by the spoil pile at the East Portal on Tuesday.")  # fmt: skip
    c = named(text, "East Portal")
    assert approximate(c, "part of Punggye-ri Nuclear Test Site, the one site its article places") and near(c, PUNGGYE_RI, 1)


def test_a_portal_in_an_article_on_two_sites_far_apart_is_left_unplaced() -> None:
    text = ("Imagery of the Punggye-ri Nuclear Test Site and of the Sohae Satellite Launching Station was taken in May.\n\n"
            "Carts stood by the spoil pile at the East Portal on Tuesday.")  # fmt: skip
    c = named(text, "East Portal")
    assert c.place is None and c.status == "unplaced"


GAZA_CITY = (31.502, 34.467)


def test_a_neighbourhood_named_with_a_placed_towns_possessive_lies_in_that_town() -> None:
    c = named("Shells fell on Khan Younis's al-Amal neighbourhood overnight, residents said.", "al-Amal neighbourhood")
    assert approximate(c, "a part of Kh") and near(c, KHAN_YOUNIS, 2)


SANAA = (15.355, 44.206)


def test_each_item_of_a_list_of_parts_sharing_a_plural_head_lies_in_the_possessive_town() -> None:
    """ "Sanaa's A, B and C districts": the possessive and the plural head are the whole list's."""
    text = "At least three people were killed in Sanaa's al-Qadisiya, Bani Hushaysh and al-Sabeen districts, Houthi media said."
    for surface in ("al-Qadisiya", "Bani Hushaysh", "al-Sabeen districts"):
        c = named(text, surface)
        assert approximate(c, "a part of Sanaa") and near(c, SANAA, 2), surface


def test_a_list_after_a_possessive_without_a_shared_part_head_is_no_part_of_the_town() -> None:
    text = "At least three people were killed in Sanaa's al-Qadisiya, Bani Hushaysh and al-Sabeen, Houthi media said."
    assert all("a part of" not in c.reason for c in found(text))


def test_a_gaza_district_is_not_run_from_a_far_village_abroad_of_a_similar_name() -> None:
    """GeoNames knows a Turkish village once called Zeytun, 740 km away: a district of Gaza City is not drawn there."""
    c = named("Tanks pushed into Gaza City's al-Zeitoun district before dawn on Sunday.", "al-Zeitoun district")
    assert near(c, GAZA_CITY, 25) and c.status == "low-confidence"


KFAR_KILA, BINT_JBEIL = (33.277, 35.552), (33.119, 35.433)


def test_a_list_item_the_gazetteer_lacks_is_put_among_its_placed_mates_not_beside_the_nearest() -> None:
    c = named("Strikes hit the villages of Kfar Kila, Bint Jbeil and Zawtar Nour on Friday.", "Zawtar Nour")  # a made-up name
    assert approximate(c, "listed with Kfar Kila and Bent Jba") and c.place is not None
    mid = ((KFAR_KILA[0] + BINT_JBEIL[0]) / 2, (KFAR_KILA[1] + BINT_JBEIL[1]) / 2)
    assert near(c, mid, 2) and c.place.radius_km >= distance_km(KFAR_KILA, BINT_JBEIL) / 2


NORTH_PYONGAN = (40.100, 124.400)  # the reference list's row


def test_a_village_in_a_county_the_gazetteer_lacks_is_only_suggested_at_its_province_as_a_region() -> None:
    text = "Analysts found a new depot at Tomal-ri in Kaebong County, North Pyongan Province, last year."  # made-up names
    for surface in ("Tomal-ri", "Kaebong County"):
        c = named(text, surface)
        assert c.status == "unplaced" and c.confidence <= 0.3 and c.reason.startswith("suggested: in North Pyongan Province")
        assert c.place is not None and c.place.precision == "region" and c.place.kind == "region" and near(c, NORTH_PYONGAN, 1)


def test_a_province_named_in_another_clause_suggests_nothing() -> None:
    c = named("A new missile base sits in Tomal-ri and officials said North Pyongan Province is closed.", "Tomal-ri")
    assert c.place is None and c.status == "unplaced"



def test_a_place_the_text_only_approximates_is_no_firm_anchor_for_the_county_or_town_frames() -> None:
    """Approximations are not chained: containers.py rests its frames on places the gazetteer or the reference list
    placed, never on one the article's text located."""
    text = 'A missile base at Tomal-ri "sits 40 kilometers northeast of Pyongyang," the report says.'
    assert not firm(named(text, "Tomal-ri"), lambda c: True)
    assert firm(named("The engine test stand at Tongchang-ri was expanded.", "Tongchang-ri"), lambda c: True)


def test_a_reading_in_another_country_than_the_region_its_sentence_names_is_only_a_suggestion() -> None:
    """GeoNames' only Kafr Laha is in Syria, and no village of the name lies in Lebanon; the sentence puts it in
    southern Lebanon."""
    c = named("Shelling hit the village of Kafr Laha in southern Lebanon on Monday, the army said.", "Kafr Laha")
    assert c.status == "unplaced" and c.confidence <= 0.4 and c.reason.startswith("suggested:")
    assert c.place is not None and c.place.country == "SY" and "southern Lebanon" in c.reason


def test_a_village_of_the_name_in_the_country_its_sentence_names_is_the_reading() -> None:
    """GeoNames reads "Houla" as Kafr Laha, Syria; the village list has the one Houla in Lebanon, where the sentence
    puts it: that village, for review."""
    c = named("Shelling hit the village of Houla in southern Lebanon on Monday, the army said.", "Houla")
    assert c.status == "low-confidence" and c.place is not None and c.place.country == "LB"


def test_a_reading_in_the_country_of_the_region_its_sentence_names_stays_placed() -> None:
    c = named("Shelling hit the village of Kfar Kila in southern Lebanon on Monday, the army said.", "Kfar Kila")
    assert c.status != "unplaced" and c.place is not None and c.place.country == "LB"


def test_a_stated_distance_overrules_a_sure_reading_that_lies_farther_and_its_repeats() -> None:
    """GeoNames' Sil-li lies 57 km from Pyongyang; a sentence that puts it 17 km away means another (kind 2)."""
    text = ("Engineers built a hangar in Sil-li, 17 kilometers from Pyongyang, analysts said.\n\n"
            "Trucks came and went at Sil-li all week.")  # fmt: skip
    for c in [x for x in found(text) if x.surface == "Sil-li"]:
        assert approximate(c, "17 km from Pyongyang") and c.place is not None and c.place.radius_km == 27.0
        assert distance_km((c.place.lat, c.place.lon), (39.495, 125.474)) > 40  # not the far Sil-li


def test_a_sure_reading_is_not_moved_by_a_vaguer_tie_than_a_stated_distance() -> None:
    c = named("North Korea built a hangar in Sil-li, north of Pyongyang, analysts said.", "Sil-li")
    assert c.place is not None and c.place.ref.startswith("gn:") and c.confidence >= 0.9
