"""A village whose only gazetteer reading lies far outside the regions its article names is a suggestion, not a
site, even when the article has placed nothing else yet: the named regions' seats stand for its places (issue 13).

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.namesakes import FAR_NAMESAKE_KM, FAR_OUTSIDE_REGION_KM, far_namesake
from mapviewer.core.ingest.places import Candidate, find_candidates
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.mentions import AliasIndex, names_an_institution

HEADLINE = "Governor reports drone attacks in the Belgorod region"


def found(body: str, headline: str = HEADLINE) -> list[Candidate]:
    return find_candidates(make_article("a", headline + "\n\n" + body + "\n"), AliasIndex([]))


def test_far_namesake_measures_from_the_named_regions_seats_when_nothing_is_placed() -> None:
    bryansk_village = Place("gn:1", "Gordeyevka", "town", "RU", 52.96, 31.97, "approximate", "gazetteer", "test")
    belgorod = ("RU", "09")
    assert far_namesake(bryansk_village, "10", 3000, [], frozenset({belgorod}))  # ~400 km from Belgorod
    assert not far_namesake(bryansk_village, "10", 3000, [], frozenset())  # nothing to judge it by
    assert not far_namesake(bryansk_village, "10", 3000, [], frozenset({("RU", "10")}))  # in the named region


def test_a_village_read_only_far_outside_the_named_region_is_a_suggestion() -> None:
    body = "Our village Gordeevka came under fire again on Friday, the governor wrote. A drone set fire to a barn in Gordeevka."
    hits = [c for c in found(body) if c.surface == "Gordeevka"]
    assert len(hits) == 2
    for c in hits:
        assert c.status == "unplaced" and c.site_id is None and c.confidence <= 0.4
        assert "outside the regions the article names" in c.reason


def test_a_village_of_the_named_region_stays_placed() -> None:
    body = "Our village Kozinka came under fire again on Friday, the governor wrote."
    (c,) = [c for c in found(body) if c.surface == "Kozinka"]
    assert c.status == "placed" and c.place is not None and c.place.country == "RU"


def test_a_village_read_outside_the_named_region_of_its_own_country_is_judged_nearer() -> None:
    """A Kharkiv-region story's village read only as a Poltava-region namesake 140 km from Kharkiv (nearer than
    FAR_NAMESAKE_KM, farther than FAR_OUTSIDE_REGION_KM) is a suggestion, not a site. (Udovychenky: GeoNames' one
    village of the name is in the Poltava region, and Who's On First's village list has none.)"""
    body = (
        "Two people were hurt in Kharkiv overnight, Ukrainian officials said. A barn burned down in Udovychenky, the governor added."
    )
    (c,) = [c for c in found(body, "Governor reports shelling across the Kharkiv region") if c.surface == "Udovychenky"]
    assert c.status == "unplaced" and c.site_id is None and "outside the regions the article names" in c.reason
    assert FAR_OUTSIDE_REGION_KM < FAR_NAMESAKE_KM


def test_a_university_named_after_a_state_anchors_nothing() -> None:
    assert names_an_institution("researchers at Oregon State University said", len("researchers at Oregon"))
    assert names_an_institution("Kharkiv National University", len("Kharkiv"))
    assert not names_an_institution("Oregon State officials said", len("Oregon"))
