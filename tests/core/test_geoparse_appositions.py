"""A town's name described as a facility (in apposition, or by the words before it) is the reference facility named
after the town.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.ingest.places.appositions import facility_described_before, facility_in_apposition, facility_in_phrase
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.textnorm import key

NATANZ_FACILITY = (33.717, 51.717)  # the reference row (Wikipedia 'Natanz', nuclear facility section)
NATANZ_TOWN = (33.511, 51.916)  # GeoNames, some 30 km from the plant
BUSHEHR_PLANT = (28.830, 50.886)  # the reference row (Wikipedia 'Bushehr Nuclear Power Plant')
SEMNAN_SPACE_CENTER = (35.235, 53.922)  # the reference row (Wikipedia 'Semnan Space Center'), 60 km from the city


def _named(text: str, surface: str) -> list[Candidate]:
    hits = [c for c in find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([])) if c.surface == surface]
    assert hits
    return hits


def _at(c: Candidate, point: tuple[float, float]) -> bool:
    return c.place is not None and distance_km((c.place.lat, c.place.lon), point) < 5


def test_a_town_described_as_a_facility_is_the_facility_and_so_are_its_later_bare_uses() -> None:
    text = ("Drones struck Natanz, which is Iran's main uranium enrichment facility, on Sunday. "
            "Officials in Tehran said Natanz was hit twice.")  # fmt: skip
    hits = _named(text, "Natanz")
    assert len(hits) == 2 and all(_at(c, NATANZ_FACILITY) for c in hits)


def test_a_town_described_as_a_town_stays_the_town() -> None:
    hits = _named("Officials in Tehran said a fire broke out in Natanz, a town in Isfahan province, on Sunday.", "Natanz")
    assert hits and all(_at(c, NATANZ_TOWN) for c in hits)


def test_only_a_lower_case_description_with_one_listed_facility_counts() -> None:
    assert facility_in_apposition(key("Natanz"), "Natanz, the country's main enrichment plant, was hit.", 6) is not None
    assert facility_in_apposition(key("Natanz"), "Natanz, the Natanz Fuel Plant, was hit.", 6) is None  # another name
    assert facility_in_apposition(key("Natanz"), "Natanz, near the mountains, was hit.", 6) is None  # no facility word
    assert facility_in_apposition(key("Kharkiv"), "Kharkiv, the region's main tank plant, was hit.", 7) is None  # none listed


def test_a_town_after_a_facility_description_is_the_facility() -> None:
    hits = _named("Satellite photos showed fresh craters at the enrichment site at Natanz on Monday.", "Natanz")
    assert hits and all(_at(c, NATANZ_FACILITY) for c in hits)


def test_towns_listed_after_a_plural_facility_description_are_the_facilities() -> None:
    text = "Missiles hit nuclear sites in Bushehr and Natanz before dawn. Inspectors said Bushehr was not damaged."
    assert all(_at(c, NATANZ_FACILITY) for c in _named(text, "Natanz"))
    bushehr = _named(text, "Bushehr")
    assert len(bushehr) == 2 and all(_at(c, BUSHEHR_PLANT) for c in bushehr)


def test_a_description_must_share_a_word_with_the_facility() -> None:
    text = "Crews repaired a power plant at Natanz and a water plant at Natanz."
    assert facility_described_before(key("Natanz"), text, text.index("Natanz")) is None  # "power" is none of its words
    text = "A small nuclear plant at Natanz was hit."
    assert facility_described_before(key("Natanz"), text, text.index("Natanz")) is not None
    text = "Fire broke out in a market in Natanz."
    assert facility_described_before(key("Natanz"), text, text.index("Natanz")) is None  # no facility word
    hits = _named("Farmers near the town sold fruit in Natanz on Friday.", "Natanz")
    assert hits and all(_at(c, NATANZ_TOWN) for c in hits)


def test_a_facility_phrase_named_after_a_town_is_the_listed_facility_of_that_town() -> None:
    hits = _named(
        "A rocket lifted off from the Semnan Rocket and Space Center at dawn, state media said.", "Semnan Rocket and Space Center"
    )
    assert hits and all(_at(c, SEMNAN_SPACE_CENTER) for c in hits)


def test_a_phrase_sharing_only_generic_words_with_the_facility_is_not_it() -> None:
    assert facility_in_phrase("the Semnan Trade Center") is None  # "center" says nothing of what it is
    assert facility_in_phrase("Bushehr Port") is None
    assert facility_in_phrase("Kharkiv Space Center") is None  # no listed facility named after Kharkiv with "space"
    assert facility_in_phrase("the Semnan Launch and Space Center") is not None
