"""Recall on unseen articles (issue 13): place names as running text writes them — after a lower-case Arabic
article, inside a longer named phrase, again after a dateline or a settlement-type word, a country's part after its
possessive, regions written with the article. Every sentence and every unknown name here was invented for these
tests; none comes from the evaluation articles."""

from __future__ import annotations

import pytest
from placing import found, near

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.name_shapes import arabic_article_name, bare_forms
from mapviewer.core.ingest.places import find_candidates
from mapviewer.core.mentions import AliasIndex

KHAN_YOUNIS = (31.34, 34.31)


def surfaces(text: str) -> list[str]:
    return [c.surface for c in found(text)]


# ---------------------------------------------------------------- a lower-case Arabic article


def test_a_name_opened_by_a_lower_case_article_is_found_with_it() -> None:
    text = "Bulldozers razed homes in the neighbourhoods of al-Qarnuba and ash-Shuwaykat last week."
    assert surfaces(text) == ["al-Qarnuba", "ash-Shuwaykat"]
    assert all(c.place is None for c in found(text))  # no gazetteer row: listed for review, never placed


def test_a_side_word_before_the_article_is_part_of_the_name_in_a_list_of_places() -> None:
    assert arabic_article_name("Western a-Qaddura")
    got = surfaces("Tanks reached Deir al-Balah, Nuseirat, Western a-Qaddura and Abasan, residents said.")
    assert "Western a-Qaddura" in got


@pytest.mark.parametrize(
    "text",
    [
        "A statement from al-Qaeda arrived on Monday.",  # an organisation
        "Officials met al-Sharaa on Monday.",  # a person
        "Reporters from al-Jazeera filmed the crowd.",  # a broadcaster
        "Western al-Baker, Tuesday and the coast were named.",  # words in a list with no place
    ],
)
def test_an_organisation_or_person_after_a_lower_case_article_is_no_candidate(text: str) -> None:
    assert surfaces(text) == []


# ---------------------------------------------------------------- a longer phrase keeps its name's evidence


def test_a_phrase_opening_with_a_korean_village_name_is_listed() -> None:
    text = 'The study "The Chomgol-ri Missile Operating Base" was published in Seoul about North Korea.'
    assert "Chomgol-ri Missile Operating Base" in surfaces(text)


@pytest.mark.parametrize(
    "text",
    [
        'The study "The Horizon Missile Operating Base" was published.',  # no name of a place inside
        "North Korea tested the Hwasong-15 in March.",  # a weapon
        "The Kim Il Sung Military University opened in May.",  # a person's name, an institution
    ],
)
def test_a_phrase_without_a_place_name_inside_is_not_listed(text: str) -> None:
    assert [s for s in surfaces(text) if s not in ("North Korea",)] == []


# ---------------------------------------------------------------- a name met once, written again


def test_a_dateline_name_in_capitals_is_found_again_in_running_text() -> None:
    got = surfaces("KIBBUTZ EIN TAVOR, Israel (AP) — Families returned to Ein Tavor on Friday.")
    assert got == ["KIBBUTZ EIN TAVOR", "Ein Tavor"]


def test_a_community_named_after_its_settlement_word_is_found_without_it() -> None:
    got = surfaces("Residents of Moshav Givat Shemen met on Friday. Later Givat Shemen was quiet.")
    assert got == ["Moshav Givat Shemen", "Givat Shemen"]


def test_bare_forms_of_a_name() -> None:
    assert bare_forms("KIBBUTZ EIN TAVOR") == ("Kibbutz Ein Tavor", "Ein Tavor")
    assert bare_forms("Moshav Givat Shemen") == ("Givat Shemen",)
    assert bare_forms("Kibbutz Oz") == ()  # too short a name to find again
    assert bare_forms("Kfar Hittim") == ()  # "Kfar" is part of the name
    assert bare_forms("KHIRBET AL-MAFJAR") == ("Khirbet al-Mafjar",)


def test_the_name_of_a_listed_facility_is_that_facility_again() -> None:
    got = found("Troops withdrew from the Netzarim Corridor. Trucks later crossed Netzarim at dawn.")
    corridor, bare = got
    assert (corridor.surface, bare.surface) == ("Netzarim Corridor", "Netzarim")
    assert bare.place is not None and corridor.place is not None and bare.place.ref == corridor.place.ref


def test_a_person_named_like_nothing_before_is_not_found_again() -> None:
    assert surfaces("Officials met Dana Levi on Friday. Levi said the talks went well.") == []


# ---------------------------------------------------------------- parts of countries and regions


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Drones reached Lebanon’s north overnight.", "Lebanon’s north"),
        ("Thousands of residents of Syria’s south were evacuated.", "Syria’s south"),
        ("Smugglers crossed the Sinai at night.", "Sinai"),
        ("Gunfire echoed across the southern Negev.", "southern Negev"),
        ("Shells fell on open ground in the Galilee Panhandle.", "Galilee Panhandle"),
    ],
)
def test_a_countrys_part_or_a_region_is_an_area_candidate(text: str, surface: str) -> None:
    assert surface in surfaces(text)


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck Ukraine’s eastern front.",  # an adjective: the front is named
        "Smith’s north on Sunday was quiet.",  # no country
        "Soldiers carried the Negev machine gun.",  # a weapon
        "The plan, Conquest of the Galilee, was old.",  # a plan's title
        "Doctors at Mount Sinai were busy.",  # a hospital
    ],
)
def test_a_weapon_a_title_or_an_adjective_is_no_area(text: str) -> None:
    assert surfaces(text) == []


# ---------------------------------------------------------------- what a place is said to be, or whose a thing is


def test_a_community_adjective_before_a_place_noun_is_no_name() -> None:
    assert "Druze" not in surfaces("Rockets hit Hurfeish, a Druze village near the border with Lebanon.")
    assert "Christian" not in surfaces("Shells landed near a Christian town on Monday.")


def test_a_possessive_before_a_place_noun_says_whose_it_is() -> None:
    assert surfaces("Reporters visited Dana Levi’s neighborhood on Friday.") == []


# ---------------------------------------------------------------- a place name inside another name


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Moscow Times reported the strike on Friday.", "Moscow"),
        ("A professor at New York University studied the images.", "New York"),
        ("The Kharkiv Regional State Administration published the list.", "Kharkiv"),
        ("The images were first printed by the Tokyo newspaper.", "Tokyo"),
        ("A Washington, D.C.-based group released the study.", "Washington"),
        ("Leaders of the Khan Younis Brigade were killed, the army said.", "Khan Younis"),
        ("Officers of the Kursk Police Battalion spoke.", "Kursk"),
    ],
)
def test_a_place_name_modifying_an_institution_is_no_mention(text: str, word: str) -> None:
    assert not any(word in s for s in surfaces(text))


def test_the_place_itself_and_the_government_it_stands_for_are_still_mentions() -> None:
    assert "Kharkiv" in surfaces("Shelling hit Kharkiv on Friday.")
    assert "Moscow" in surfaces("Moscow’s forces pressed on near the river.")


# ---------------------------------------------------------------- names in a title-case headline


def _article(text: str) -> list[str]:
    """The surfaces found in `text`, whose first line is its own headline."""
    return [c.surface for c in find_candidates(make_article("h", text + "\n"), AliasIndex([]))]


def test_a_name_a_distance_is_measured_from_is_a_place_in_a_headline() -> None:
    got = _article("Tunnels Found 5 Km West Of Vorskla Industrial Park\n\nOfficials said the site in Ukraine was old.")
    assert "Vorskla Industrial Park" in got


def test_a_place_the_body_lists_is_listed_in_the_headline_too() -> None:
    got = _article("Army Digs Deep Under The Kolvard Mountains\n\nThe works under the Kolvard mountains near Tabriz go on.")
    assert got[:2] == ["Kolvard Mountains", "Kolvard mountains"]


@pytest.mark.parametrize(
    "text",
    [
        "Army Digs Deep Under The Kolvard Mountains\n\nThe works went on.",  # the body names no such place
        "Tunnels Found 5 Km West Of Tuesday\n\nOfficials said the site was old.",  # a weekday
        "Russian Military Says Captured Village\n\nThe ministry gave no name.",  # capitals name nothing
    ],
)
def test_a_headline_capital_alone_names_nothing(text: str) -> None:
    assert _article(text) == []


# ---------------------------------------------------------------- cues that need the gazetteer's support


@pytest.mark.parametrize(
    "text",
    [
        "Elders spoke for the communities of Tuesday, Apple and Maria.",  # a weekday, a firm, a first name
        "Pilgrims joined the community of Sant Egidio in prayer.",  # a religious community
        "The village, called Grandma by its people, was quiet.",  # a nickname
    ],
)
def test_a_community_or_a_nickname_is_no_place_without_the_gazetteers_support(text: str) -> None:
    assert surfaces(text) == []


def test_the_communities_of_a_region_are_read_as_after_in() -> None:
    assert "Bilopillia" in surfaces("Shelling hit the communities of Bilopillia and Sumy in Ukraine.")


# ---------------------------------------------------------------- whose a place is, and what happened near it


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("Troops found a Hamas tunnel near Rafah.", "Hamas tunnel"),
        ("A ship anchored at the North Korean port of Rajin.", "North Korean port"),
        ("Drones hit a Russian air base overnight.", "Russian air base"),
        ("Families fled to a Palestinian refugee camp.", "Palestinian refugee camp"),
    ],
)
def test_a_demonym_or_an_armed_group_before_a_place_noun_is_no_name(text: str, not_found: str) -> None:
    assert not_found not in surfaces(text)


def test_a_name_after_the_description_is_still_found() -> None:
    assert "Rajin" in surfaces("A ship anchored at the North Korean port of Rajin.")
    assert "Korean Peninsula" in surfaces("Tensions rose on the Korean Peninsula.")
    assert "Persian Gulf" in surfaces("Ships crossed the Persian Gulf.")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Fighting near the border went on.", "Fighting"),
        ("Shelling near Kupiansk continued.", "Shelling"),
        ("Explosions near Tabriz were heard.", "Explosions"),
        ("Attack near Vasylivka kills two.", "Attack"),  # a singular event noun, as a headline writes it
        ("Damage near Enerhodar was reported.", "Damage"),
        ("Counterattacks near Lyman stalled.", "Counterattacks"),
    ],
)
def test_what_happened_near_a_place_is_no_place_near_it(text: str, word: str) -> None:
    assert word not in surfaces(text)


def test_a_village_located_near_a_place_is_still_a_candidate() -> None:
    assert "Kozinka" in surfaces("Kozinka near the border was shelled.")


# ---------------------------------------------------------------- named zones and streets


def test_the_demilitarized_zone_is_an_area_candidate_and_a_proposed_one_is_not() -> None:
    assert "demilitarized zone" in surfaces("The base sits 150 km north of the demilitarized zone.")
    assert "DMZ" in surfaces("Troops patrolled the DMZ on Friday.")
    assert surfaces("Talks on a demilitarized zone stalled.") == []


def test_a_street_whose_gazetteer_reading_is_a_town_abroad_is_listed_as_a_street() -> None:
    got = found("Tanks arrived at Fifth Street in Khan Younis on Tuesday.")
    street = next(c for c in got if c.surface == "Fifth Street")
    assert street.place is None or near(street, KHAN_YOUNIS)  # not the town called Fifth Street in another country


def test_a_street_name_with_no_place_cue_is_not_listed() -> None:
    assert "Fifth Street" not in surfaces("Fifth Street was the title of her novel.")


def test_a_measure_glued_to_its_unit_in_a_list_of_places_is_no_name() -> None:
    got = surfaces("Troops took the city of Horlivka, 12km (7 miles) from Pivdenne.")
    assert "12km" not in got and "Horlivka" in got


# ---------------------------------------------------------------- names sharing one head word, names joined by "and"


def test_names_sharing_a_plural_head_are_each_placed_at_their_town() -> None:
    got = surfaces("Families in Gaza sheltered in the Nuseirat and Bureij refugee camps overnight.")
    assert "Nuseirat" in got and "Bureij" in got


def test_a_shared_head_makes_no_place_of_names_no_table_reads_nearby() -> None:
    assert surfaces("Families sheltered in the Tuesday and Apple refugee camps.") == []


def test_a_known_town_and_a_headed_name_are_two_names() -> None:
    got = surfaces("Rockets hit Kiryat Shmona and the Hula Valley on Monday.")
    assert "Kiryat Shmona" in got and "Hula Valley" in got


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("In Avdiivka soldiers said the town was lost.", "Avdiivka"),  # troops there
        ("Fighting near Kursk and Pivnichne troops moved on.", "Pivnichne"),  # two sentences run together
        ("Russia shells Kharkiv daily, officials said.", "Kharkiv"),  # an adverb, not a newspaper
    ],
)
def test_a_place_before_troops_or_an_adverb_is_still_a_place(text: str, word: str) -> None:
    assert word in surfaces(text)
