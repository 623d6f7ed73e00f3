"""A position the article states for a name in brackets right after it is where a reader puts the place (issue 13).

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.ingest.stated import STATED_CONFIDENCE
from mapviewer.core.mentions import AliasIndex


def found(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def named(text: str, surface: str) -> list[Candidate]:
    hits = [c for c in found(text) if c.surface == surface]
    assert hits, [c.surface for c in found(text)]
    return hits


def test_a_name_with_its_decimal_position_in_brackets_is_placed_there_and_so_is_its_repeat() -> None:
    text = ("Imagery of the Sohgot naval base (39.1234, 127.5678) near Wonsan shows a new crane. "
            "A second crane stood at the Sohgot naval base in May.")  # fmt: skip
    hits = named(text, "Sohgot naval base")
    assert len(hits) == 2
    for c in hits:
        assert c.place is not None and distance_km((c.place.lat, c.place.lon), (39.1234, 127.5678)) < 0.1
        assert c.confidence == STATED_CONFIDENCE and "(39.1234, 127.5678)" in c.reason and c.place.provenance == "article text"
    assert hits[0].place is not None and hits[0].place.country == "KP"  # the country of the article's place beside it


def test_degrees_and_minutes_in_brackets_count_too() -> None:
    from mapviewer.core.ingest.stated import _stated

    point = _stated(" (40°12′N 126°30′E) at dawn")
    assert point is not None and distance_km(point, (40.2, 126.5)) < 0.5
    assert _stated(" (Reuters) said") is None and _stated(" (2023, 2024) rose") is None


def test_years_or_counts_in_brackets_are_not_a_position() -> None:
    for text in ("Output at the Sohgot naval base (2023, 2024) doubled.", "Work at the Sohgot naval base (12, 14) stopped."):
        assert all("position its sentence states" not in c.reason for c in found(text))
