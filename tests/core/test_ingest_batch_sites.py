"""One name, one site, and in a batch the surest reading says where it is (issue 13, kind 4): when an earlier
article of the batch made a site for a name from a weak reading (a village tied near a far place, for review)
and a later article places the same name much more surely elsewhere, the site moves to the surer reading and
keeps the name it was made under; a site from before the batch, or a known one, never moves.

The places and confidences are invented; no evaluation text is used.
"""

from __future__ import annotations

import json
from pathlib import Path

from mapviewer.core.ingest.batch import MOVE_MARGIN, _Sites
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.ingest.store import WorkspaceFiles

TIED = Place("tie:zarechye:ref:x", "Zarechye", "village", "RU", 51.88, 128.33, "approximate", "article text",
             "approximate: near X, ±20 km", 20.0)  # fmt: skip
GAZETTEER = Place("gn:42", "Zarech'ye", "town", "RU", 42.88, 132.34, "approximate", "gazetteer", "GeoNames 42")


def _candidate(place: Place, status: str, confidence: float, article: str = "a") -> Candidate:
    return Candidate(article, 1, 0, 8, "Zarechye", "Ships docked at Zarechye.", status, confidence, place)


def _feature(ws: WorkspaceFiles, site_id: str) -> dict:
    return next(f for f in ws.features if f["properties"]["id"] == site_id)


def test_a_much_surer_reading_later_in_the_batch_moves_the_site_and_keeps_its_name(tmp_path: Path) -> None:
    ws = WorkspaceFiles.open(tmp_path)
    sites = _Sites(ws, [], copy_reference=False)
    first = sites.site_for(_candidate(TIED, "low-confidence", 0.5, "a"))
    second = sites.site_for(_candidate(GAZETTEER, "placed", 0.5 + MOVE_MARGIN + 0.1, "b"))
    assert first is not None and second == first  # one name, one site: both articles' passages stay together
    props = _feature(ws, first)["properties"]
    assert props["point"] == [132.34, 42.88] and _feature(ws, first)["geometry"]["coordinates"] == [132.34, 42.88]
    assert props["name"] == "Zarech'ye" and "Zarechye" in props["aliases"]  # still found as the first article wrote it
    assert props["provenance"] == "gazetteer" and "radius_km" not in props  # the tie's circle went with its reading
    assert len(ws.features) == 1


def test_a_reading_only_a_little_surer_does_not_move_it(tmp_path: Path) -> None:
    ws = WorkspaceFiles.open(tmp_path)
    sites = _Sites(ws, [], copy_reference=False)
    first = sites.site_for(_candidate(TIED, "low-confidence", 0.6, "a"))
    assert sites.site_for(_candidate(GAZETTEER, "placed", 0.6 + MOVE_MARGIN / 2, "b")) is None  # a clash: not placed here
    assert first is not None and _feature(ws, first)["properties"]["point"] == [128.33, 51.88]


def test_a_site_from_before_the_batch_never_moves(tmp_path: Path) -> None:
    earlier = WorkspaceFiles.open(tmp_path)
    sites = _Sites(earlier, [], copy_reference=False)
    made = sites.site_for(_candidate(TIED, "low-confidence", 0.5, "a"))
    (tmp_path / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": earlier.features}))
    later = WorkspaceFiles.open(tmp_path)
    assert later.features and made is not None
    again = _Sites(later, [], copy_reference=False)
    assert again.site_for(_candidate(GAZETTEER, "placed", 0.95, "b")) is None  # a reviewer may have seen it: it stays
    assert _feature(later, made)["properties"]["point"] == [128.33, 51.88]
