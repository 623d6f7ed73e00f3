"""A district or a facility named after a town whose name opens with the Arabic article as the text writes it ("Al
Salif") while the index writes it as spoken ("Aş Şalīf", keeping "Salif" among its alternates): read by the bare name."""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.name_shapes import without_arabic_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.mentions import AliasIndex

SALIF = (15.308, 42.671)  # GeoNames Aş Şalīf, Yemen


def _found(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def test_the_article_is_dropped_only_when_it_opens_a_longer_name() -> None:
    assert without_arabic_article(["al", "salif"]) == ["salif"]
    assert without_arabic_article(["ash", "shati"]) == ["shati"]
    assert without_arabic_article(["salif"]) == []
    assert without_arabic_article(["al"]) == []
    assert without_arabic_article(["kfar", "kila"]) == []


def test_a_district_named_after_a_town_with_the_article_is_drawn_at_the_town() -> None:
    c = next(c for c in _found("Strikes hit four Houthi sites in the Al Salif district of Yemen, local sources said.")
             if c.surface == "Al Salif district")  # fmt: skip
    assert c.place is not None and c.place.country == "YE"
    assert distance_km((c.place.lat, c.place.lon), SALIF) <= 2.0


def test_a_facility_named_after_a_town_with_the_article_is_drawn_at_the_town() -> None:
    c = next(c for c in _found("Strikes hit the Al-Salif shipyard in Yemen, local sources said.") if c.surface == "Al-Salif shipyard")
    assert c.place is not None and c.place.country == "YE"
    assert distance_km((c.place.lat, c.place.lon), SALIF) <= 2.0


def test_a_port_tied_by_its_sentence_is_read_at_its_town_near_that_point() -> None:
    """ "the Al-Salif port northwest of Hodeidah": the tie finds the town the port is named after (by its bare name),
    not only the point 20 km off the city."""
    text = "Fires broke out at the Al-Salif port northwest of Hodeidah city in Yemen overnight."
    c = next(c for c in _found(text) if c.surface == "Al-Salif port")
    assert c.place is not None and distance_km((c.place.lat, c.place.lon), SALIF) <= 2.0
    assert "northwest of" in c.reason
