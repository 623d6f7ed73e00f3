"""Names whose town the place index lacks: a North Korean name no town reads, which is a county's name, is that
county; a facility named after a village beside the story is at that village (both for review).

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, Place, distance_km, find_candidates
from mapviewer.core.ingest.places.counties import COUNTY_CONFIDENCE, county_by_bare_name, with_bare_counties
from mapviewer.core.mentions import AliasIndex

KUMGANG_COUNTY = (38.60, 128.08)  # Who's On First county record 1108747853, its label point


def _found(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def test_a_bare_county_name_in_a_north_korean_story_is_the_county_for_review() -> None:
    hits = [c for c in _found("North Korea flew fighter jets from the airbase at Kumgang, satellite images show.")
            if c.surface == "Kumgang"]  # fmt: skip
    assert hits and all(c.place is not None and distance_km((c.place.lat, c.place.lon), KUMGANG_COUNTY) < 2 for c in hits)
    assert all(c.status == "low-confidence" and c.confidence == COUNTY_CONFIDENCE for c in hits)  # a reviewer confirms
    assert all(c.place is not None and c.place.precision == "region" and c.place.radius_km > 0 for c in hits)


def test_a_bare_county_name_outside_a_north_korean_story_is_not_read_as_the_county() -> None:
    assert not [c for c in _found("Tourists arrived in Kumgang last week, the agency said.") if c.place is not None]


def test_only_a_name_left_without_any_reading_becomes_the_county() -> None:
    town = Place("gn:1", "Kumgang", "town", "KP", 38.7, 128.0, "approximate", "gazetteer", "test")
    placed = Candidate("a", 1, 0, 7, "Kumgang", "Jets left Kumgang.", "placed", 0.8, town)
    unplaced = Candidate("a", 1, 0, 7, "Kumgang", "Jets left Kumgang.", "unplaced", 0.0, None)
    area = Candidate("a", 1, 0, 7, "Kumgang", "Jets left Kumgang.", "unplaced", 0.0, None, area=True)
    out = with_bare_counties([placed, unplaced, area], korean=True)
    assert out[0] is placed and out[2] is area and out[1].place is not None and out[1].place.name == "Kumgang County"
    assert with_bare_counties([unplaced], korean=False) == [unplaced]


def test_a_name_that_is_no_county_has_no_county() -> None:
    assert county_by_bare_name("Kumgang") is not None
    assert county_by_bare_name("Seoul") is None and county_by_bare_name("Kharkiv") is None and county_by_bare_name("") is None


# ---------------------------------------------------------------- a facility named after a village the index lacks

NAMPO = (38.74, 125.41)
CHONGJIN = (41.80, 129.78)


def test_a_facility_named_after_a_village_beside_the_story_is_placed_at_the_village() -> None:
    """ "the Taesong Machine Factory near Nampo": the index has no Taesong, the village list has one beside Nampo; the
    name's second word ("Machine") describes the works, so the first word alone is the village's name."""
    hits = [c for c in _found("North Korea is expanding the Taesong Machine Factory near Nampo, satellite images show.")
            if c.surface == "Taesong Machine Factory"]  # fmt: skip
    assert hits and all(c.place is not None and distance_km((c.place.lat, c.place.lon), NAMPO) < 60 for c in hits)
    assert all(c.status == "low-confidence" and "Taesong" in c.reason for c in hits)  # approximate, for review


def test_a_facility_named_after_a_village_far_from_the_story_is_not_placed_there() -> None:
    far = [c for c in _found("North Korea is expanding the Taesong Machine Factory near Chongjin, satellite images show.")
           if c.surface == "Taesong Machine Factory"]  # fmt: skip
    assert far and all(c.place is None or distance_km((c.place.lat, c.place.lon), CHONGJIN) < 60 for c in far)
    alone = [c for c in _found("Analysts say the Taesong Machine Factory builds engines.") if c.surface.startswith("Taesong")]
    assert all(c.place is None for c in alone)  # nothing sure in the story to judge a village namesake by


# ---------------------------------------------------------------- a village in the country its sentence names

HOULA_LEBANON = (33.21, 35.52)  # the border village (Who's On First); GeoNames' Houla is a Syrian town


def test_a_name_its_sentence_puts_in_a_country_is_the_village_of_that_name_there() -> None:
    """ "Houla in southern Lebanon": the place index's Houla is in Syria; the village list's one Houla in Lebanon is
    the reading, for review."""
    hits = [c for c in _found("Israeli jets struck Houla in southern Lebanon on Tuesday.") if c.surface == "Houla"]
    assert hits and all(c.place is not None and c.place.country == "LB" for c in hits)
    assert all(c.place is not None and distance_km((c.place.lat, c.place.lon), HOULA_LEBANON) < 5 for c in hits)
    syria = [c for c in _found("Shells hit Houla in Syria on Tuesday.") if c.surface == "Houla"]
    assert syria and all(c.place is not None and c.place.country == "SY" for c in syria)  # the index's own reading stands
