"""A town's name described in apposition as a facility is the reference facility named after the town.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.ingest.places.appositions import facility_in_apposition
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.textnorm import key

NATANZ_FACILITY = (33.717, 51.717)  # the reference row (Wikipedia 'Natanz', nuclear facility section)
NATANZ_TOWN = (33.511, 51.916)  # GeoNames, some 30 km from the plant


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
