"""A name the big-city table knows once, in a country the article never names, anchors nothing: "Burqin" in a West
Bank story is the Palestinian town beside Jenin, and the one big-table Burqin (a Chinese city) must not pull the
story's other places (Jenin) into review as "far from the article's places"."""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.mentions import AliasIndex


def _found(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def test_a_unique_city_abroad_does_not_anchor_a_story_elsewhere() -> None:
    text = (
        "Israeli forces raided Jenin in the occupied West Bank on Tuesday, the Palestinian health ministry said.\n\n"
        "Among the dead were two brothers from the town of Burqin, relatives said."
    )
    found = {c.surface: c for c in _found(text)}
    burqin, jenin = found["Burqin"], found["Jenin"]
    assert burqin.place is not None and burqin.place.country == "PS"
    assert distance_km((burqin.place.lat, burqin.place.lon), (32.455, 35.261)) <= 5.0
    assert jenin.status == "placed" and jenin.place is not None and jenin.place.country == "PS"


def test_a_unique_city_in_a_named_country_still_places_as_before() -> None:
    text = "Officials in China said floods hit Burqin in Xinjiang on Monday."
    burqin = next(c for c in _found(text) if c.surface == "Burqin")
    assert burqin.place is not None and burqin.place.country == "CN"
