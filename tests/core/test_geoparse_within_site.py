"""A site the gazetteer lacks, tied by its sentence to the complex it lies within ("known as X 2, within the Y
complex"): placed at that complex for review (anchors.tie), and so are its later mentions (one place per name)."""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.anchors import NEAR_KM, tie
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.mentions import AliasIndex

PARCHIN = (35.527, 51.778)  # the reference list's Parchin (Wikipedia)


def _found(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def test_within_and_inside_tie_a_name_to_the_place_after_them() -> None:
    for gap in (", within the ", ", inside the ", " 2, within the ", " within "):
        t = tie(gap, 35.5, 51.7, "Y")
        assert t is not None and (t.lat, t.lon) == (35.5, 51.7) and t.within_km == NEAR_KM / 2, gap
        assert t.how == "within Y"
    assert tie(" 2 and the ", 35.5, 51.7, "Y") is None  # a number not closing the name before a comma ties nothing
    assert tie(" 2, and within the ", 35.5, 51.7, "Y") is None  # a new clause


def test_a_numbered_site_within_a_listed_complex_is_placed_there_with_its_repeats() -> None:
    text = (
        "New imagery shows Iran rebuilding a test hall, known as Zarvandeh 2, within the Parchin military complex "
        "east of Tehran.\n\nA new road was also seen near Zarvandeh 1."
    )
    found = [c for c in _found(text) if c.surface.startswith("Zarvandeh")]
    assert len(found) == 2
    for c in found:
        assert c.status == "low-confidence" and c.place is not None
        assert distance_km((c.place.lat, c.place.lon), PARCHIN) <= 2.0
        assert "within Parchin" in c.reason
