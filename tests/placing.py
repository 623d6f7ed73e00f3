"""Helpers for ingest's placement tests (tests/core/test_geoparse_*.py): candidates found in an invented text."""

from __future__ import annotations

from pathlib import Path

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.anchors import APPROXIMATE
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.ingest.places import LOW_CONFIDENCE, Candidate, distance_km, find_candidates
from mapviewer.core.mentions import AliasIndex


def found(text: str) -> list[Candidate]:
    """Every candidate ingest finds in `text` (one article, under a headline)."""
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def one(text: str, surface: str) -> Candidate:
    """The first candidate written `surface`; the test fails naming what was found instead."""
    hits = [c for c in found(text) if c.surface == surface]
    assert hits, [c.surface for c in found(text)]
    return hits[0]


def near(c: Candidate, point: tuple[float, float], km: float = 25.0) -> bool:
    """Whether `c` is placed within `km` of `point` (lat, lon)."""
    return c.place is not None and distance_km((c.place.lat, c.place.lon), point) <= km


def approximate(c: Candidate, how: str) -> bool:
    """Placed where the article's text puts it, for review only: marked approximate (`how` says from what) in its
    coordinate source and its reason, with its radius, and located by the article text, not a gazetteer."""
    p = c.place
    return (
        p is not None
        and c.status == "low-confidence"
        and c.confidence < LOW_CONFIDENCE
        and p.coord_source.startswith(APPROXIMATE + how)
        and f"±{p.radius_km:.0f} km" in p.coord_source
        and c.reason.startswith(APPROXIMATE + how)
        and p.provenance == "article text"
    )


def ingest_texts(folder: Path, *texts: str) -> Path:
    """Ingest `texts` as one batch of articles a.txt, b.txt, … (in that order) into a new workspace under `folder`;
    its root. Batch tests check what one article's reading does to the next one's."""
    paths = []
    for name, text in zip("abcdefgh", texts, strict=False):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    root = folder / "ws"
    assert not ingest(paths, root, []).failed
    return root
