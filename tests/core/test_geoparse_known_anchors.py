"""Placement against the workspace's known sites: a known site that is a big city is "near" in the wide sense a
report uses ("the port of X near Pyongyang" lies an hour's drive away), so a gazetteer reading inside that reach
keeps its own point instead of being moved onto the city."""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.frames import big_city
from mapviewer.core.ingest.places import Candidate, Place, distance_km, find_candidates
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.model import Site


def _site(sid: str, name: str, kind: str, country: str, lat: float, lon: float, precision: str = "exact") -> Site:
    return Site(sid, name, (), kind, country, precision, "test", lon, lat, {"type": "Point", "coordinates": [lon, lat]})


PYONGYANG = _site("pyongyang", "Pyongyang", "capital", "KP", 39.0194, 125.7381)


def _found(text: str, sites: list[Site]) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex(sites))


def _place(sid: str, name: str, kind: str, lat: float, lon: float, precision: str = "exact") -> Place:
    return Place(f"site:{sid}", name, kind, "KP", lat, lon, precision, "workspace", "test")


def test_a_known_site_at_a_big_gazetteer_city_is_a_big_city() -> None:
    assert big_city(_place("pyongyang", "Pyongyang", "capital", 39.0194, 125.7381))
    assert not big_city(_place("pyongyang-far", "Pyongyang", "capital", 41.0, 129.0))  # not where that city is
    assert not big_city(_place("p-region", "Pyongyang", "region", 39.0194, 125.7381, "region"))
    assert not big_city(_place("sohae", "Sohae", "site", 39.66, 124.705))


def test_a_port_named_after_a_town_near_a_known_capital_stays_at_its_town() -> None:
    text = "Satellite photos taken on Monday show new cranes at Nampo Port near Pyongyang, analysts said."
    port = next(c for c in _found(text, [PYONGYANG]) if c.surface == "Nampo Port")
    assert port.place is not None
    assert distance_km((port.place.lat, port.place.lon), (38.74, 125.41)) <= 10.0


def test_an_unknown_village_near_a_known_capital_is_still_placed_beside_it_for_review() -> None:
    text = "Troops were seen drilling at Obrimni, a village near Pyongyang, in early May."
    c = next(c for c in _found(text, [PYONGYANG]) if c.surface == "Obrimni")
    assert c.place is not None and c.status == "low-confidence"
    assert distance_km((c.place.lat, c.place.lon), (PYONGYANG.lat, PYONGYANG.lon)) <= 1.0


def test_a_plural_facility_head_covers_every_name_of_its_list() -> None:
    from mapviewer.core.mentions import facility_head_before

    text = "Cargo went on to the Russian ports of Slavyanka, Posyet and Vostochny by night."
    assert facility_head_before(text, text.index("Vostochny")) == "port"
    assert facility_head_before(text, text.index("Posyet")) == "port"
    singular = "The cargo left the port of Najin and Vostochny saw none of it."
    assert facility_head_before(singular, singular.index("Vostochny")) == ""  # one port: the next name is no port
    assert facility_head_before("Envoys of Moscow and Vostochny", 21) == ""


def test_a_port_listed_after_ports_of_is_not_the_cosmodrome_named_like_it() -> None:
    text = "Ammunition was shipped from Rajin to the Russian ports of Slavyanka and Vostochny in the autumn."
    hits = [c for c in _found(text, []) if c.surface == "Vostochny"]
    assert hits and all(c.place is None or distance_km((c.place.lat, c.place.lon), (51.88, 128.33)) > 500 for c in hits)


def test_a_village_read_across_the_border_from_the_region_its_paragraph_names_is_only_a_suggestion() -> None:
    text = ("Drones struck homes in the Kursk region on Sunday night, the governor wrote. "
            "In the village of Khotin a barn burned down.")  # fmt: skip
    khotin = next(c for c in _found(text, []) if c.surface == "Khotin")
    assert khotin.status == "unplaced" and "outside the Kursk region its paragraph names" in khotin.reason
    home = ("Drones struck homes in the Sumy region on Sunday night, the governor wrote. "
            "In the village of Khotin a barn burned down.")  # fmt: skip
    khotin = next(c for c in _found(home, []) if c.surface == "Khotin")
    assert khotin.status != "unplaced" and khotin.place is not None and khotin.place.country == "UA"


def test_a_region_named_as_a_source_of_fire_frames_nothing() -> None:
    text = "Artillery fired from the Kursk region hit the village of Khotin, officials in Sumy said."
    khotin = next(c for c in _found(text, []) if c.surface == "Khotin")
    assert "outside the Kursk region" not in khotin.reason


def test_a_list_of_villages_continued_by_another_is_one_list() -> None:
    from mapviewer.core.ingest.anchors import list_gap

    assert list_gap(", and the villages of ") and list_gap(" and the village of ")
    assert not list_gap(", the villages of ") and not list_gap(" and the region of ")


def test_a_hebrew_name_an_apostrophe_splits_is_read_by_the_gazetteer() -> None:
    text = "Israeli families from the kibbutz Be’eri and the moshav Netiv Ha’asara went home in March."
    got = {c.surface: c for c in _found(text, [])}
    assert distance_km((got["Be’eri"].place.lat, got["Be’eri"].place.lon), (31.42, 34.49)) <= 5.0  # type: ignore[union-attr]
    netiv = got["Netiv Ha’asara"].place
    assert netiv is not None and distance_km((netiv.lat, netiv.lon), (31.57, 34.54)) <= 5.0
    assert "not in the offline gazetteer" not in got["Be’eri"].reason


def test_a_possessive_is_not_glued_onto_a_name() -> None:
    text = "Ukrainian officials said Kharkiv’s metro stations were sheltering families again."
    assert [c.surface for c in _found(text, []) if "Kharkiv" in c.surface] == ["Kharkiv"]


def test_a_city_district_whose_seat_the_index_spells_otherwise_is_read_beside_the_city() -> None:
    text = "Crowds lined the roads of the Manggyongdae district in western Pyongyang for the parade."
    c = next(c for c in _found(text, [PYONGYANG]) if "district" in c.surface)
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (38.99, 125.66)) <= 5.0


def test_a_respelt_district_seat_with_nothing_sure_beside_it_is_not_read() -> None:
    text = "Crowds lined the roads of the Manggyongdae district for the parade."
    c = next(c for c in _found(text, []) if "district" in c.surface)
    assert c.place is None


def test_a_reading_in_another_country_than_its_sentence_states_is_only_a_suggestion() -> None:
    # Kozacha Lopan has a Ukrainian reading only (no Russian namesake in the index or the village layers).
    text = "Ukrainian drones hit an airfield near Kozacha Lopan in Russia overnight, the ministry said."
    c = next(c for c in _found(text, []) if c.surface == "Kozacha Lopan")
    assert c.status == "unplaced" and c.place is not None and c.place.country == "UA"
    assert "its sentence puts it in Russia, the reading lies in another country" in c.reason
    called = "Shells fell on the Russian village of Kozacha Lopan on Tuesday."
    c = next(c for c in _found(called, []) if c.surface == "Kozacha Lopan")
    assert c.status == "unplaced" and "its sentence calls it Russian" in c.reason


def test_a_name_the_sentence_puts_in_russia_reads_the_russian_village_of_that_name() -> None:
    """Marinovka has Ukrainian namesakes too; "in Russia" picks the Russian village layer's row, for review."""
    text = "Ukrainian drones hit an airfield near Marinovka in Russia overnight, the ministry said."
    c = next(c for c in _found(text, []) if c.surface == "Marinovka")
    assert c.place is not None and c.place.country == "RU" and c.place.ref.startswith("rusettlement:")
    assert c.status == "low-confidence"


def test_a_reading_in_the_country_its_sentence_states_is_kept() -> None:
    text = "Russian artillery hit Marinovka in Ukraine overnight, the ministry said."
    c = next(c for c in _found(text, []) if c.surface == "Marinovka")
    assert c.status != "unplaced" and c.place is not None and c.place.country == "UA"
    city = "Russian missiles struck Kupiansk in Ukraine again on Friday."
    assert next(c for c in _found(city, []) if c.surface == "Kupiansk").status != "unplaced"


def test_a_facility_named_after_a_small_town_of_the_region_its_sentence_names_is_at_that_town() -> None:
    text = "Korean-made shells were test-fired at the Kapustin Yar test range in the Astrakhan region last month."
    c = next(c for c in _found(text, []) if c.surface.startswith("Kapustin Yar"))
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (48.58, 45.75)) <= 10.0


def test_a_place_the_stated_country_claims_is_not_a_namesake_abroad() -> None:
    text = "Ukrainian drones hit an airfield outside Dzhankoi in Russia, a Moscow news agency said."
    c = next(c for c in _found(text, []) if c.surface == "Dzhankoi")
    assert c.status != "unplaced" and c.place is not None and c.place.country == "UA"


def test_north_koreas_kangwon_province_is_not_a_province_named_after_changwon() -> None:
    text = "Analysts spotted a launcher at a base in Kangwon Province, North Korea, on Tuesday."
    c = next(c for c in _found(text, []) if c.surface == "Kangwon Province")
    assert c.place is not None and c.place.country == "KP"
    assert distance_km((c.place.lat, c.place.lon), (39.15, 127.44)) <= 5.0


def test_a_town_its_sentence_puts_in_southern_lebanon_is_read_there_not_abroad() -> None:
    text = "Israeli artillery shelled the outskirts of Qana in southern Lebanon before dawn."
    c = next(c for c in _found(text, []) if c.surface == "Qana")
    assert c.place is not None and c.place.country == "LB" and c.status == "low-confidence"
    assert distance_km((c.place.lat, c.place.lon), (33.21, 35.30)) <= 5.0 and "not Qina" in c.reason


def test_a_town_its_sentence_puts_in_a_country_is_read_in_that_country() -> None:
    text = "Israeli jets struck targets near Qana in Lebanon late on Friday."
    c = next(c for c in _found(text, []) if c.surface == "Qana")
    assert c.place is not None and c.place.country == "LB"


def test_a_reference_province_is_a_region_the_article_names() -> None:
    from mapviewer.core.ingest.focus import named_regions
    from mapviewer.core.ingest.geo_index import geo_index

    assert named_regions(["Work resumed at a mine in North Hwanghae Province."], geo_index()) == frozenset({("KP", "07")})


def test_a_respelt_reading_outside_the_province_its_sentence_names_loses_to_the_town_inside_it() -> None:
    # GeoNames lacks Pyongsan; its respelling Kwail-ŭp lies in another province. Who's On First has the town in North
    # Hwanghae: it is the reading, and the respelt one is named beside it for review, never placed silently.
    text = "Trucks were seen at the ore mill at Pyongsan in North Hwanghae Province, analysts said."
    c = next(c for c in _found(text, []) if c.surface == "Pyongsan")
    assert c.status == "low-confidence" and c.place is not None
    assert distance_km((c.place.lat, c.place.lon), (38.34, 126.39)) <= 10.0 and "Kwail" in c.reason


def test_a_far_namesake_of_a_village_its_sentence_puts_in_a_province_is_suggested_at_that_province() -> None:
    # Troshkovo: a village near Moscow, none in Belgorod region (Nikolskoye, used here before, now has three there)
    text = "Mortar fire damaged a school in Troshkovo in the Belgorod region on Tuesday."
    c = next(c for c in _found(text, []) if c.surface == "Troshkovo")
    assert c.status == "unplaced" and c.place is not None and c.place.kind == "region"
    assert distance_km((c.place.lat, c.place.lon), (50.6, 36.6)) <= 100.0 and "lies outside it" in c.reason


def test_bint_opens_a_levantine_name_so_its_second_word_is_not_read_as_a_town() -> None:
    text = "Israeli drones struck a house in Bint Jbail in southern Lebanon on Sunday."
    got = [c for c in _found(text, []) if "Jbail" in c.surface]
    assert [c.surface for c in got] == ["Bint Jbail"]
    assert got[0].place is None or distance_km((got[0].place.lat, got[0].place.lon), (33.12, 35.43)) <= 25.0


def test_fordow_is_the_enrichment_plant_north_east_of_qom_not_the_village_south_of_it() -> None:
    text = "Bunker-busting bombs were dropped on Fordow, the enrichment plant dug into a mountain near Qom."
    c = next(c for c in _found(text, []) if c.surface == "Fordow")
    assert c.place is not None and c.place.country == "IR" and c.confidence >= 0.8
    assert distance_km((c.place.lat, c.place.lon), (34.885, 50.996)) <= 5.0


def test_a_direction_without_a_distance_puts_the_point_off_the_anchor_on_that_side() -> None:
    from mapviewer.core.ingest.anchors import BIG_NEAR_KM, DIRECTION_SHARE, NEAR_KM, tie

    t = tie(", a village south of ", 50.0, 36.0, "Y")
    assert t is not None and t.lat < 50.0 and abs(t.lon - 36.0) < 1e-6 and t.within_km == NEAR_KM
    assert abs(distance_km((t.lat, t.lon), (50.0, 36.0)) - NEAR_KM * DIRECTION_SHARE) < 0.5
    big = tie(", east of ", 50.0, 36.0, "Y", big=True)
    assert big is not None and big.lon > 36.0 and abs(distance_km((big.lat, big.lon), (50.0, 36.0)) - BIG_NEAR_KM * DIRECTION_SHARE) < 0.5
    near = tie(", a village near ", 50.0, 36.0, "Y")
    assert near is not None and (near.lat, near.lon) == (50.0, 36.0)  # "near" names no side


def test_a_country_owning_the_region_after_it_does_not_state_where_the_place_before_it_is() -> None:
    text = "North Korean soldiers from Kusong in Russia's Kursk region were captured, Kyiv said."
    c = next(c for c in _found(text, []) if c.surface == "Kusong")
    assert c.status != "unplaced" and c.place is not None and c.place.country == "KP"
