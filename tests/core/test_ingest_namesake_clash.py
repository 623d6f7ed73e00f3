"""A placed name whose place's name another site of the batch holds is listed for review, never dropped (issue 13,
recall): two towns share one name ("Zarechye" in two regions), an earlier article of the batch made a site for one,
and a later article places the other one; that later mention cannot join the first site (another place) nor take
its name, so it goes to the review list with its sentence and where the gazetteer put it.

The places and sentences are invented; no evaluation text is used.
"""

from __future__ import annotations

from pathlib import Path

from mapviewer.core.ingest.batch import _Sites
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.ingest.store import WorkspaceFiles

EAST = Place("gn:1", "Zarechye", "town", "UA", 48.50, 37.70, "approximate", "gazetteer", "GeoNames 1")
WEST = Place("gn:2", "Zarechye", "village", "UA", 47.80, 31.15, "approximate", "gazetteer", "GeoNames 2")
NEAR = Place("gn:3", "Zarechye", "village", "UA", 48.55, 37.75, "approximate", "gazetteer", "GeoNames 3")


def _candidate(place: Place, surface: str, article: str) -> Candidate:
    return Candidate(article, 1, 0, len(surface), surface, f"Troops neared {surface}.", "placed", 0.8, place, reason="GeoNames place")


def test_a_namesake_placed_in_a_later_article_is_listed_for_review(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    assert sites.site_for(_candidate(EAST, "Zarechye", "a")) is not None
    later = _candidate(WEST, "Zarichia", "b")  # another spelling of the same name, read as the western village
    assert sites.site_for(later) is None  # it cannot join the eastern town's site
    listed, site_id = sites.clashing(later)
    assert site_id is None
    assert listed.status == "low-confidence" and listed.place == WEST  # in the review list, where the gazetteer put it
    assert "another site" in listed.reason and "check it" in listed.reason


def test_the_same_place_under_a_description_stays_with_its_site(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    first = sites.site_for(_candidate(EAST, "Zarechye", "a"))
    assert first is not None
    same = _candidate(NEAR, "the river town", "b")  # a few km off: that site, not a namesake
    assert sites.site_for(same) is None
    kept, site_id = sites.clashing(same)
    assert kept.status == "placed" and site_id == first  # mapped to that site, not left without one


def test_a_name_a_site_already_holds_is_left_to_that_site(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    assert sites.site_for(_candidate(EAST, "Zarechye", "a")) is not None
    again = _candidate(WEST, "Zarechye", "b")  # its words already name a site: mapped there when the text is read
    assert sites.clashing(again) == (again, None)
