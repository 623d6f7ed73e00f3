"""Reference sites reached the way articles write them (core/ingest/refnames.py): another romanisation of a
listed name, another head word after its core ("Sunchon air base" for "Sunchon Airbase"), and never a
common word or a town that merely shares the core. Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.ingest.refnames import RefVariants, after_article, head_at, split_head
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.textnorm import key


def candidates(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def placed(text: str, surface: str) -> Candidate:
    return next(c for c in candidates(text) if c.surface == surface)


# ---------------------------------------------------------------- the tables, on a made-up list

TABLE = {key(n): p for n, p in [
    ("Alpha Missile Base", "alpha-base"), ("Bravo Airbase", "bravo-air"), ("Bravo", "bravo-town"),
    ("Chiha-ri", "chiha"), ("Delta Testing Ground", "delta-1"), ("Delta Test Site", "delta-2"),
]}  # fmt: skip


def test_a_name_splits_into_core_and_head_class() -> None:
    assert split_head(key("Chihari Missile Base")) == (("chihari",), "missile")
    assert split_head(key("Sunchon Airbase")) == (("sunchon",), "air")
    assert split_head(key("Kerem Shalom Crossing")) == (("kerem", "shalom"), "crossing")
    assert split_head(key("Lake Yonpung")) is None and split_head(key("Airbase")) is None
    assert split_head(key("Alpha Base")) is None  # a bare "Base" is no class: the whole name is kept
    assert head_at(["the", "air", "base", "was"], 1) == (2, "air")
    assert head_at(["base"], 0) == (1, "*")


def _match(text: str, bare: bool = False) -> tuple[str, int, str] | None:
    found = RefVariants(TABLE).match(list(key(text)), 0, lambda run: bare)
    return None if found is None else (found.place, found.size, found.how)


def test_other_spellings_of_names_of_two_words_or_more_meet() -> None:
    assert _match("Chihari") is None  # one word in another spelling: too often another word
    assert _match("Chiha-ni") == ("chiha", 2, "variant")
    assert _match("Alpha missile base") == ("alpha-base", 3, "variant")


def test_a_core_needs_a_head_of_its_class_or_a_bare_ok() -> None:
    assert _match("Alpha base was hit") == ("alpha-base", 2, "head")  # a generic head fits any class
    assert _match("Alpha airfield") is None  # an air head is not a missile base
    assert _match("Bravo air base")[:2] == ("bravo-air", 3)  # type: ignore[index]  # (also its key: "bravoairbase")
    assert _match("Bravo airfield") == ("bravo-air", 2, "head")
    assert _match("Bravo", bare=True) is None  # the row "Bravo" (found exactly by places.finding.names_in_passage), not "Bravo Airbase"
    assert _match("Alpha said") is None
    assert _match("Alpha said", bare=True) == ("alpha-base", 1, "core")
    assert _match("Delta site") is None  # two rows share the core and the generic head fits both: nothing chosen


def test_a_name_opening_with_an_arabic_article_is_found_from_the_article() -> None:
    table = {key("Al-Bravo"): "bravo", key("Al-Bravo Camp"): "bravo-camp", key("Echo"): "echo"}
    first = {"al": 3, "echo": 1}
    assert after_article(table, first, ["in", "al", "bravo", "camp", "today"], 2) == (3, "bravo-camp")  # longest first
    assert after_article(table, first, ["in", "al", "bravo", "today"], 2) == (2, "bravo")
    assert after_article(table, first, ["in", "al", "charlie"], 2) is None  # no listed name after the article
    assert after_article(table, first, ["bravo", "echo"], 1) is None and after_article(table, first, ["bravo"], 0) is None


# ---------------------------------------------------------------- the shipped rows in invented sentences


def test_a_reference_air_base_beats_a_far_namesake_town() -> None:
    # "Sunchon" is also Suncheon in South Korea (GeoNames' main spelling), 500 km away; the head says air base
    c = placed("Jets were parked at the Sunchon air base on Friday.", "Sunchon air base")
    assert c.place is not None and c.place.ref == "ref:sunchon-airbase" and c.place.kind == "airbase"
    assert distance_km((c.place.lat, c.place.lon), (39.412594, 125.89031)) < 0.1
    assert distance_km((c.place.lat, c.place.lon), (34.95, 127.488)) > 400


def test_the_head_word_decides_between_a_town_and_its_air_base() -> None:
    found = candidates("Engels is a city on the Volga. Drones struck the Engels air base overnight.")
    town, base = (next(c for c in found if c.surface == s) for s in ("Engels", "Engels air base"))
    assert town.place is not None and town.place.ref.startswith("gn:")
    assert base.place is not None and base.place.ref == "ref:engels-2" and base.confidence >= 0.85
    assert 5 < distance_km((town.place.lat, town.place.lon), (base.place.lat, base.place.lon)) < 12


@pytest.mark.parametrize(
    ("text", "surface", "ref"),
    [
        ("Analysts said the Chiha-ri missile base near the DMZ was busy.", "Chiha-ri missile base", "ref:chihari-missile-base"),
        ("Trucks were seen at Sangum-ni last week.", "Sangum-ni", "ref:sangum-ri"),
        ("The Kittaeryong base had new shelters.", "Kittaeryong base", "ref:kittaeryong-missile-base"),
        ("Aid lorries waited at the Kerem Shalom crossing.", "Kerem Shalom crossing", "ref:kerem-shalom-crossing"),
        ("Bombers left the Olenya air base at dawn.", "Olenya air base", "ref:olenya"),
        ("Inspectors returned to the Natanz enrichment site.", "Natanz enrichment site", "ref:natanz-nuclear-facility"),
    ],
)
def test_variants_and_heads_reach_the_reference_row(text: str, surface: str, ref: str) -> None:
    c = placed(text, surface)
    assert c.place is not None and c.place.ref == ref and c.status == "placed"


def test_a_core_alone_stays_the_town_of_that_name() -> None:
    for text, surface in [("The town of Natanz is quiet.", "Natanz"), ("Troops were seen in Kwail on Monday.", "Kwail")]:
        c = placed(text, surface)
        assert c.place is not None and c.place.ref.startswith("gn:"), (surface, c.place)


@pytest.mark.parametrize(
    "text",
    [
        "Olena Zelenska visited a school on Monday.",  # a spelling of "Olenya" by its key: a first name
        "The Base said the Site would reopen.",
        "Officials from the Crossing Authority met on Tuesday.",
    ],
)
def test_common_words_and_names_do_not_reach_reference_rows(text: str) -> None:
    assert not [c for c in candidates(text) if c.place is not None and c.place.ref.startswith("ref:")]


def test_a_phrase_joining_two_known_names_with_and_is_two_names() -> None:
    found = {c.surface: c for c in candidates("Tanks entered Shujayya and the Rimal district of Gaza City.")}
    assert "Shujayya and the Rimal district" not in found
    assert found["Shujayya"].place is not None and found["Shujayya"].place.ref == "ref:shuja-iyya"
    assert found["Rimal"].place is not None and found["Rimal"].place.ref == "ref:rimal"


def test_a_village_sharing_an_air_base_name_stays_the_village() -> None:
    found = candidates("Drones hit Shaykovka and the Ukrainka air base; the village of Ukrainka near Kyiv was quiet.")
    refs = [(c.surface, c.place.ref if c.place else None) for c in found]
    assert ("Shaykovka", "ref:shaykovka-air-base") in refs and ("Ukrainka air base", "ref:ukrainka-air-base") in refs
    village = next(c for c in found if c.surface == "Ukrainka")
    assert village.place is None or not village.place.ref.startswith("ref:")


def test_a_gaza_neighbourhood_beats_far_spelling_namesakes() -> None:
    # GeoNames reaches "Zeitoun" only through its spelling key: Żejtun (Malta), a village in Turkey
    c = placed("Shelling hit Zeitoun, south of the old city, on Monday.", "Zeitoun")
    assert c.place is not None and c.place.ref == "ref:zeitoun" and c.place.country == "PS"


def test_a_crossing_named_after_a_kibbutz_leaves_the_kibbutz_its_name() -> None:
    found = {c.surface: c for c in candidates("Patients waited at the Erez crossing; the kibbutz of Erez was shelled.")}
    assert found["Erez crossing"].place is not None and found["Erez crossing"].place.ref == "ref:erez-crossing"
    assert found["Erez"].place is not None and not found["Erez"].place.ref.startswith("ref:")


def test_a_lowercase_arabic_article_before_a_listed_name_is_part_of_it() -> None:
    c = placed("Families pitched tents in al-Mawasi, near the shore, after the order.", "al-Mawasi")
    assert c.place is not None and c.place.ref == "ref:al-mawasi" and c.status == "placed"
    found = candidates("A spokesman for the al-Nasr Brigades spoke to reporters on Monday.")
    assert not [c for c in found if c.place is not None and c.place.ref.startswith("ref:")]  # no listed name after "al-"


@pytest.mark.parametrize(
    ("text", "facility", "ref", "town"),
    [
        (
            "Fuel reached the Bushehr Nuclear Power Plant; the port of Bushehr was calm.",
            "Bushehr Nuclear Power Plant",
            "ref:bushehr-nuclear-power-plant",
            "Bushehr",
        ),
        ("Drones struck Saky air base at night, and the town of Saky lost power.", "Saky air base", "ref:saky-air-base", "Saky"),
    ],
)
def test_a_facility_row_leaves_the_town_it_is_named_after_its_name(text: str, facility: str, ref: str, town: str) -> None:
    found = {c.surface: c for c in candidates(text)}
    assert found[facility].place is not None and found[facility].place.ref == ref
    assert found[town].place is not None and found[town].place.ref.startswith("gn:")
    assert distance_km((found[facility].place.lat, found[facility].place.lon), (found[town].place.lat, found[town].place.lon)) > 3


def test_a_community_missing_from_cities500_is_placed_from_the_reference_list() -> None:
    found = {c.surface: c for c in candidates("Sirens sounded in Nahal Oz and in Betzet, near the Lebanese border.")}
    for surface, ref in (("Nahal Oz", "ref:nahal-oz"), ("Betzet", "ref:betzet")):
        assert found[surface].place is not None and found[surface].place.ref == ref and found[surface].place.country == "IL"


def test_an_air_base_known_by_its_village_name_is_reached_by_that_name_and_head() -> None:
    found = {c.surface: c for c in candidates("Jets left the Khalino airbase; the Kursk-Khalino runway was hit again.")}
    for surface in ("Khalino airbase", "Kursk-Khalino"):
        assert found[surface].place is not None and found[surface].place.ref == "ref:kursk-vostochny-airport"


def test_a_listed_air_base_is_placed_from_its_row_not_drawn_to_its_village() -> None:
    # without the row, "Savasleyka airbase" went to review at the village of Savasleyka (test_geoparse_general)
    c = placed("Bombers were moved to Savasleyka airbase, Russian media said.", "Savasleyka airbase")
    assert c.place is not None and c.place.ref == "ref:savasleyka-air-base" and c.status == "placed"
    assert 1 < distance_km((c.place.lat, c.place.lon), (55.46, 42.32)) < 5


def test_gaza_envelope_communities_missing_from_cities500_are_placed_from_their_rows_not_at_a_far_namesake() -> None:
    # GeoNames reads "Sufa" as Suva, Fiji (an alternate name): the community's row wins
    found = {c.surface: c for c in candidates("Sirens sounded in Sufa, Holit and Kissufim on Saturday morning, the army said.")}
    for surface, ref in (("Sufa", "ref:sufa"), ("Holit", "ref:holit"), ("Kissufim", "ref:kissufim")):
        p = found[surface].place
        assert p is not None and p.ref == ref and p.country == "IL"
        assert distance_km((p.lat, p.lon), (31.42, 34.37)) < 30  # beside the Gaza Strip


def test_the_main_lebanon_syria_crossing_is_placed_from_its_row() -> None:
    found = {c.surface: c for c in candidates("Trucks queued for hours at the Masnaa crossing after the strike, drivers said.")}
    p = found["Masnaa crossing"].place
    assert p is not None and p.ref == "ref:masnaa-border-crossing" and distance_km((p.lat, p.lon), (33.703, 35.924)) < 1


def test_tumangang_is_reached_by_its_russian_derived_spelling() -> None:
    found = {c.surface: c for c in candidates("Freight wagons waited at the Tumangan railway station before crossing to Khasan.")}
    c = next(c for s, c in found.items() if "Tumangan" in s)
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), (42.4217, 130.6026)) < 2
