"""A listed facility whose point lies in another province than the one its own sentence names is not placed there
silently (issue 13): it goes to review, drawn in the county its sentence names when it names one.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.focus import named_regions
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.ingest.provinces import COUNTY_KM
from mapviewer.core.mentions import AliasIndex

LISTED = (38.623, 126.685)  # the reference list's point for the Chihari Missile Base (North Hwanghae)
PHANGYO_COUNTY = (38.736, 126.971)  # Who's On First's label point of Phangyo County, Kangwon


def named(text: str, surface: str) -> list[Candidate]:
    found = find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))
    hits = [c for c in found if c.surface == surface]
    assert hits, [c.surface for c in found]
    return hits


def test_a_facility_its_sentence_puts_in_another_province_goes_to_its_county_for_review() -> None:
    text = ("The Chihari Missile Base is in Phangyo County, Kangwon Province, a defector told reporters. "
            "Work at the Chihari Missile Base resumed in spring.")  # fmt: skip
    for c in named(text, "Chihari Missile Base"):  # both mentions: one place per site in one article
        assert c.place is not None and distance_km((c.place.lat, c.place.lon), PHANGYO_COUNTY) <= 2
        assert c.confidence < 0.7 and c.place.radius_km == COUNTY_KM and "another province" in c.reason


def test_without_a_county_the_listed_point_stays_but_only_for_review() -> None:
    c = named("The Chihari Missile Base is in Kangwon Province, a defector said.", "Chihari Missile Base")[0]
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), LISTED) <= 2
    assert c.confidence < 0.7 and "outside Kangwon Province" in c.reason


def test_a_sentence_naming_the_province_the_point_lies_in_leaves_it_sure() -> None:
    c = named("The Chihari Missile Base is in North Hwanghae Province, a defector said.", "Chihari Missile Base")[0]
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), LISTED) <= 2 and c.confidence >= 0.8


def test_a_province_name_counts_only_as_whole_words() -> None:
    assert named_regions(["Trucks were seen in Chagang Province on Monday."], geo_index()) == {("KP", "01")}
    assert named_regions(["Trucks were seen near Chagangdong station on Monday."], geo_index()) == frozenset()
