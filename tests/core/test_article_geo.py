"""Disambiguation by the article's geography (issue 13): a namesake among the article's places beats a far
town of the same name; a far town the article gives no reason for, a town read for a name the text calls a
village, and a name two readings fit alike go to review; a hyphenated village name is not the city of its
second word; a district the index lacks is listed, not placed at a town that shares a word with it; a
village tied to its district is found up to a district's reach from the seat; a place named by its name and
its former name ("X, formerly Y") is the place both name.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

import re

import pytest
from placing import found
from placing import one as named

from mapviewer.core.ingest.anchors import DISTRICT_KM, unit_tie
from mapviewer.core.ingest.article_geo import (
    CALLED_VILLAGE_CAP,
    CLOSE_CALL_CAP,
    FAR_CITY_CAP,
    NAMESAKE_CONFIDENCE,
    called_a_village,
    close_call,
    doubted_city_namesake,
    far_city_doubt,
    nearer_namesake,
)
from mapviewer.core.ingest.compounds import compound_start
from mapviewer.core.ingest.focus import Focus
from mapviewer.core.ingest.former_names import RENAMED_CONFIDENCE, shared_place
from mapviewer.core.ingest.geo_index import GeoRow
from mapviewer.core.ingest.places import LOW_CONFIDENCE, Candidate, distance_km
from mapviewer.core.textnorm import tokens

DOLYNA_DONETSK = (48.995, 37.432)  # GeoNames' Dolyna by Sloviansk (pop ~560); the town Dolyna lies in the far west
DOLYNA_TOWN = (48.97, 24.01)
BOHUSLAVKA = (49.474, 37.684)  # GeoNames' Bohuslavka in the Izium district, 42 km from Izium
HIGH = 0.8


def near(c: Candidate, point: tuple[float, float], km: float = 25.0) -> bool:
    return c.place is not None and distance_km((c.place.lat, c.place.lon), point) <= km


# ---------------------------------------------------------------- a namesake beside the story beats a far town


def test_a_village_beside_the_storys_towns_beats_the_far_town_of_the_same_name() -> None:
    c = named(
        "Russian forces shelled Kramatorsk and Sloviansk again on Tuesday. A school was damaged in Dolyna, officials said.",
        "Dolyna",
    )
    assert near(c, DOLYNA_DONETSK)
    assert c.confidence < HIGH and "not the town Dolyna" in c.reason and "check it" in c.reason


def test_the_town_is_kept_where_the_story_is() -> None:
    c = named("Officials in Ivano-Frankivsk and Kalush said a fire broke out in Dolyna on Sunday.", "Dolyna")
    assert near(c, DOLYNA_TOWN)


def _row(gid: int, lat: float, lon: float, population: int, admin1: str = "01", country: str = "UA") -> GeoRow:
    return GeoRow(gid, f"Place{gid}", country, admin1, lat, lon, population)


def test_nearer_namesake_rule() -> None:
    anchors = Focus(anchors={(48.0, 37.0): None})
    town = _row(1, 46.0, 30.0, 30_000)  # about 600 km away
    village = _row(2, 48.1, 37.1, 900)
    pick = nearer_namesake([(town, False), (village, False)], town, anchors)
    assert pick is not None and pick[0] == village
    assert nearer_namesake([(town, False), (village, True)], town, anchors) is None  # a spelling variant only: no
    big = _row(1, 46.0, 30.0, 400_000)
    assert nearer_namesake([(big, False), (village, False)], big, anchors) is None  # a city known far and wide
    near_town = _row(1, 48.5, 37.5, 30_000)
    assert nearer_namesake([(near_town, False), (village, False)], near_town, anchors) is None  # the town is near
    in_region = Focus(anchors={(48.0, 37.0): None}, regions=frozenset({("UA", "01")}))
    assert nearer_namesake([(town, False), (village, False)], town, in_region) is None  # in a region it names
    assert NAMESAKE_CONFIDENCE < HIGH


# ---------------------------------------------------------------- far towns and towns called villages: review


def test_a_foreign_town_far_from_the_story_goes_to_review() -> None:
    c = named("Israeli jets struck Nabatieh and Tyre overnight. Smoke rose over Setif too, residents said.", "Setif")
    assert c.confidence <= FAR_CITY_CAP < LOW_CONFIDENCE
    assert "km from the article's other places" in c.reason and "does not name" in c.reason
    assert c.status == "unplaced" and c.place is not None  # the far reading is offered, never drawn as a site


def test_far_city_doubt_rule() -> None:
    focus = Focus(anchors={(33.3, 35.3): None})
    town = _row(1, 36.2, 5.4, 250_000, country="DZ")
    assert far_city_doubt([(town, False)], town, True, focus)
    assert not far_city_doubt([(town, False)], town, False, focus)  # the article names its country, no namesake
    assert far_city_doubt([(town, False), (_row(2, 40.0, 20.0, 600), True)], town, False, focus)  # namesakes
    metropolis = _row(1, 36.2, 5.4, 3_000_000, country="DZ")
    assert not far_city_doubt([(metropolis, False)], metropolis, True, focus)
    assert not far_city_doubt([(town, False)], town, True, Focus())  # nothing to judge it by


SIVERSK = (48.865, 38.097)  # GeoNames' Siversk (Donetsk region), "Seversk" among its alternate names
SEVERSK_TOMSK = (56.601, 84.886)  # the city of Seversk by Tomsk, over 100,000 people


def test_a_doubted_far_city_gives_way_to_its_namesake_among_the_storys_places() -> None:
    c = named("Ukrainian troops left Seversk on Friday, the governor said, as shelling went on in Lysychansk and Bakhmut.", "Seversk")
    assert near(c, SIVERSK) and c.confidence < HIGH and "not the city Seversk" in c.reason
    c = named("Scientists from Seversk and Tomsk met in Novosibirsk to discuss the reactor.", "Seversk")
    assert near(c, SEVERSK_TOMSK)  # where the story is, the city itself


def test_doubted_city_namesake_rule() -> None:
    focus = Focus(anchors={(48.0, 37.0): None})
    city = _row(1, 56.0, 85.0, 150_000, country="RU")
    village = _row(2, 48.3, 37.4, 9_000)
    pick = doubted_city_namesake([(city, False), (village, False)], city, focus)
    assert pick is not None and pick[0] == village
    assert doubted_city_namesake([(city, False), (village, True)], city, focus) is None  # a spelling guess only: no
    other = _row(3, 47.8, 36.8, 700)
    assert doubted_city_namesake([(city, False), (village, False), (other, False)], city, focus) is None  # two: no
    far = _row(2, 44.0, 30.0, 9_000)
    assert doubted_city_namesake([(city, False), (far, False)], city, focus) is None  # not among the story's places


def test_a_town_read_for_a_name_the_text_calls_a_village_goes_to_review() -> None:
    text = "Ukrainian troops pushed into the Kursk region near Sudzha. Moscow said it had retaken the village of Kotovsk."
    c = named(text, "Kotovsk")
    assert c.confidence <= CALLED_VILLAGE_CAP and "calls it a village" in c.reason


LYMAN_VILLAGE = (49.594, 36.465)  # GeoNames' Lyman by Zmiiv (Kharkiv region, pop ~4,000)
LYMAN_TOWN = (48.99, 37.81)  # the town of Lyman (Donetsk region, pop ~20,000), the big-city table's reading


def test_a_village_beats_the_town_of_its_name_when_the_text_says_village() -> None:
    text = "Russian shells hit Zmiiv and Chuhuiv on Monday. In the village of Lyman, two houses burned."
    c = named(text, "Lyman")
    assert near(c, LYMAN_VILLAGE, 5) and c.confidence < HIGH and "calls it a village" in c.reason


def test_the_town_stays_when_the_text_does_not_say_village_or_the_town_is_where_the_story_is() -> None:
    assert near(named("Russian shells hit Zmiiv and Chuhuiv on Monday. In Lyman, two houses burned.", "Lyman"), LYMAN_TOWN, 5)
    c = named("Russian shells hit Kramatorsk and Sloviansk on Monday. In the village of Lyman, two houses burned.", "Lyman")
    assert near(c, LYMAN_TOWN, 5)


def test_a_village_read_as_a_town_with_nothing_to_judge_by_goes_to_review() -> None:
    c = named("In the village of Lyman, two houses burned.", "Lyman")
    assert c.confidence <= CALLED_VILLAGE_CAP and "calls it a village" in c.reason


@pytest.mark.parametrize(
    ("text", "name", "village"),
    [
        ("they took the village of Alpha", "Alpha", True),
        ("they took the villages of Beta, Gamma and Alpha", "Alpha", True),
        ("drones hit the hamlets Beta and Alpha", "Alpha", True),
        ("shelling of a village in Alpha", "Alpha", False),
        ("they took three villages. Alpha was calm", "Alpha", False),
        ("officials in Alpha said", "Alpha", False),
    ],
)
def test_called_a_village(text: str, name: str, village: bool) -> None:
    assert called_a_village(text, text.rindex(name)) is village


# ---------------------------------------------------------------- two readings weighed alike: both shown


def test_a_name_two_far_apart_towns_fit_alike_is_listed_with_both() -> None:
    c = named("In Russia, officials said the market in Troitsk reopened.", "Troitsk")
    assert c.status != "placed" and c.confidence <= CLOSE_CALL_CAP
    m = re.search(r"or Troitsk \(RU, (?P<lat>[\d.]+), (?P<lon>[\d.]+)\): check both", c.reason)
    assert m is not None and c.place is not None
    assert distance_km((c.place.lat, c.place.lon), (float(m["lat"]), float(m["lon"]))) > 50  # two places, both named


def test_close_call_rule() -> None:
    assert close_call(0.9, "why", (50.0, 30.0), ("B", "UA", 50.1, 30.1)) == (0.9, "why")  # one place listed twice
    conf, why = close_call(0.9, "why", (50.0, 30.0), ("B", "RU", 55.0, 37.0))
    assert conf == CLOSE_CALL_CAP and "or B (RU, 55.00, 37.00): check both" in why


# ---------------------------------------------------------------- hyphenated village names


def test_a_hyphenated_village_name_is_not_the_city_of_its_second_word() -> None:
    cands = found("Drones cut power lines near Belgorod and Shebekino, leaving Verkhne-Podol without electricity.")
    c = next(c for c in cands if "Podol" in c.surface)
    assert c.surface == "Verkhne-Podol"
    assert c.place is None or distance_km((c.place.lat, c.place.lon), (50.47, 30.52)) > 100  # not Kyiv's Podil


def test_two_places_joined_by_a_hyphen_are_each_read() -> None:
    cands = found("Traffic on the road from Sumy was stopped, and the Kharkiv-Belgorod highway was closed.")
    assert not any(c.surface == "Kharkiv-Belgorod" for c in cands)
    text = "the Kharkiv-Belgorod road"
    toks = list(tokens(text))
    i = next(n for n, t in enumerate(toks) if t[0] == "belgorod")
    assert compound_start(text, toks, i, lambda w, at: w == "kharkiv") is None
    assert compound_start(text, toks, i, lambda w, at: False) == text.index("Kharkiv")
    shout = "the US-Belgorod"
    toks = list(tokens(shout))
    assert compound_start(shout, toks, len(toks) - 1, lambda w, at: False) is None  # an acronym


# ---------------------------------------------------------------- districts


def test_a_district_the_index_lacks_is_listed_not_placed_at_a_town_sharing_a_word() -> None:
    cands = found("Shelling damaged homes in the Sumy Zelenyi Hai municipality, officials in Sumy said.")
    c = next(c for c in cands if c.surface.endswith("municipality"))
    assert c.status == "unplaced" and c.place is None and "district" in c.reason


def test_a_village_tied_to_its_district_is_found_beyond_the_seats_outskirts() -> None:
    c = named(
        "Shells fell near Balakliia overnight. Two barns burned in Bohuslavka, Izium district, the governor said.", "Bohuslavka"
    )
    assert near(c, BOHUSLAVKA, 5)  # its own place, 42 km from Izium: not the district's seat
    tie = unit_tie(", ", "Izium district", 49.21, 37.28, point=True)
    assert tie is not None and tie.within_km == DISTRICT_KM >= 50


# ---------------------------------------------------------------- a place named by its name and its former name


PODILSK = (47.75, 29.53)  # formerly Kotovsk; two other Kotovsks lie in Russia


def test_a_town_and_its_former_name_are_placed_at_the_place_both_name() -> None:
    cands = found("Shelling hit Podilsk, formerly Kotovsk, overnight, the regional governor said.")
    by_name = {c.surface: c for c in cands}
    assert {"Podilsk", "Kotovsk"} <= set(by_name)  # the former name is a mention too
    for name in ("Podilsk", "Kotovsk"):
        c = by_name[name]
        assert near(c, PODILSK, 5) and c.status == "placed" and RENAMED_CONFIDENCE <= c.confidence < HIGH


def test_the_former_name_in_brackets_settles_the_reading() -> None:
    c = named("Villagers fled from Podilsk (Kotovsk) on Friday.", "Podilsk")
    assert near(c, PODILSK, 5) and "named both" in c.reason


def test_a_bracketed_region_is_no_former_name() -> None:
    cands = found("Officials in Kupiansk (Kharkiv region) said the market reopened.")
    assert not any("named both" in c.reason for c in cands)


def test_shared_place_rule() -> None:
    row = shared_place("Podilsk", "Kotovsk")
    assert row is not None and distance_km((row.lat, row.lon), PODILSK) < 5
    assert shared_place("Kupiansk", "Kharkiv") is None
