"""Two articles that name two different villages of one name each keep their own village, whichever was ingested
first, in one batch or in two (issue 13, kind 4: one article rewrites another). A site ingest made for a name is the
name's everywhere, except in an article whose own reading of the name is another place that fits the article's other
places better: that article gets a site of its own for the name, scoped to it (Site.scope).

The articles and sentences are invented; no evaluation text is used.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mapviewer.core import commit
from mapviewer.core.corpus import make_article
from mapviewer.core.gazetteer import parse_sites
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.batch import _Sites, ingest
from mapviewer.core.ingest.placetypes import Candidate, Place, distance_km
from mapviewer.core.ingest.review import review_rows
from mapviewer.core.ingest.store import WorkspaceFiles
from mapviewer.core.mentions import AliasIndex, find_mentions
from mapviewer.core.model import Site
from mapviewer.core.workspace import Location, Workspace

SOUTH = (
    "Date: 2025-03-01\n\nShelling in the south\n\n"
    "Russian forces shelled Oleksandrivka, a village in the Vasylivka district of Zaporizhzhia Oblast, on Monday, "
    "officials said. Two houses burned in Oleksandrivka.\n"
)
NORTH = (
    "Date: 2025-03-02\n\nBorder fighting in Sumy\n\n"
    "Ukrainian troops repelled an assault near Oleksandrivka, a village in the Sumy district of Sumy Oblast close "
    "to the Russian border, the general staff said.\n"
)
SOUTH_AT, NORTH_AT = (47.44, 35.28), (50.91, 34.60)  # Vasylivka; Oleksandrivka by Sumy


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _villages(root: Path) -> dict[str, tuple[float, float]]:
    """Article id -> the point of the site its "Oleksandrivka" mentions are mapped to (all of them the same one)."""
    ws = Workspace.load(Location.folder(root))
    points: dict[str, set[tuple[float, float]]] = {}
    for m in ws.mentions:
        if m.surface == "Oleksandrivka":
            site = ws.site_by_id[m.site_id]
            points.setdefault(m.article_id, set()).add((site.lat, site.lon))
    assert all(len(p) == 1 for p in points.values()), points
    return {a: next(iter(p)) for a, p in points.items()}


def _check(villages: dict[str, tuple[float, float]]) -> None:
    assert set(villages) == {"south", "north"}
    assert distance_km(villages["south"], SOUTH_AT) < 60  # the Vasylivka district's village (placed by its district)
    assert distance_km(villages["north"], NORTH_AT) < 25  # the Sumy one


@pytest.mark.parametrize("order", [("south", "north"), ("north", "south")])
def test_two_villages_of_one_name_in_one_batch_keep_their_own_places(tmp_path: Path, order: tuple[str, str]) -> None:
    texts = {"south": SOUTH, "north": NORTH}
    files = [_write(tmp_path / "in", f"{name}.txt", texts[name]) for name in order]
    ingest(files, tmp_path / "ws", [])
    _check(_villages(tmp_path / "ws"))


@pytest.mark.parametrize("order", [("south", "north"), ("north", "south")])
def test_the_next_article_does_not_take_the_last_ones_village(tmp_path: Path, order: tuple[str, str]) -> None:
    """The analyst's next article, ingested later into the same workspace, reads the name itself."""
    texts = {"south": SOUTH, "north": NORTH}
    for name in order:
        ingest([_write(tmp_path / name, f"{name}.txt", texts[name])], tmp_path / "ws", [])
    _check(_villages(tmp_path / "ws"))
    scoped = [f["properties"] for f in json.loads((tmp_path / "ws" / "sites.geojson").read_text())["features"] if f["properties"].get("scope")]
    assert [p["scope"] for p in scoped] == [[order[1]]]  # the later article's village is its own; the first's is everyone's


def test_the_same_village_in_a_later_article_joins_its_site(tmp_path: Path) -> None:
    again = NORTH.replace("2025-03-02", "2025-03-05").replace("repelled an assault", "held positions")
    ingest([_write(tmp_path / "a", "north.txt", NORTH)], tmp_path / "ws", [])
    ingest([_write(tmp_path / "b", "again.txt", again)], tmp_path / "ws", [])
    villages = _villages(tmp_path / "ws")
    assert villages["north"] == villages["again"]
    assert not [r for r in review_rows(tmp_path / "ws") if r["article"] == "again" and r["name"] == "Oleksandrivka"]  # known: no row
    assert not any(f["properties"].get("scope") for f in json.loads((tmp_path / "ws" / "sites.geojson").read_text())["features"])


# ---------------------------------------------------------------- the rule, on its own

EAST = Place("gn:1", "Zarechye", "town", "UA", 48.50, 37.70, "approximate", "gazetteer", "GeoNames 1")
WEST = Place("gn:2", "Zarechye", "village", "UA", 47.80, 31.15, "approximate", "gazetteer", "GeoNames 2")
EAST_TOWN = Place("gn:10", "Kramatorsk", "city", "UA", 48.72, 37.56, "exact", "gazetteer", "GeoNames 10")
WEST_TOWN = Place("gn:11", "Voznesensk", "city", "UA", 47.57, 31.33, "exact", "gazetteer", "GeoNames 11")


def _candidate(place: Place, surface: str, article: str) -> Candidate:
    return Candidate(article, 1, 0, len(surface), surface, f"Troops neared {surface}.", "placed", 0.8, place, reason="GeoNames place")


def _second_article(sites: _Sites, anchor: Place) -> Candidate:
    later = _candidate(WEST, "Zarechye", "b")
    sites.start_article("b", [later, _candidate(anchor, anchor.name, "b")])
    return later


def test_a_reading_that_fits_its_article_gets_a_site_scoped_to_it(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    sites.start_article("a", [])
    first = sites.site_for(_candidate(EAST, "Zarechye", "a"))
    own = sites.site_for(_second_article(sites, WEST_TOWN))  # article b is about the west: its Zarechye is the west's
    assert own not in (None, first)
    props = next(f["properties"] for f in sites.ws.features if f["properties"]["id"] == own)
    assert props["scope"] == ["b"] and (props["point"][1], props["point"][0]) == (WEST.lat, WEST.lon)
    assert sites.index.alias_owner("Zarechye") == first  # everywhere else the name stays the first site's
    assert sites.ws.alias_owner("Zarechye") == first  # (the store answers as the batch's index does)


def test_a_reading_far_from_its_own_article_leaves_the_name_to_its_site(tmp_path: Path) -> None:
    """"Pokrovsk" read as a namesake 700 km away in an article about the front the first Pokrovsk is on."""
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    sites.start_article("a", [])
    assert sites.site_for(_candidate(EAST, "Zarechye", "a")) is not None
    assert sites.site_for(_second_article(sites, EAST_TOWN)) is None  # as before: the review list, or the first site


def test_scoped_names_are_their_articles_own() -> None:
    site = Site("a-site", "Zarechye", (), "village", "Ukraine", "approximate", "", 37.70, 48.50)
    scoped = Site("b-site", "Zarechye", ("Zarichia",), "village", "Ukraine", "approximate", "", 31.15, 47.80, scope=("b",))
    index = AliasIndex([site, scoped])
    text = "Shells fell on Zarechye and Zarichia."
    assert [m[2] for m in index.matches(text)] == ["a-site"]  # elsewhere: the unscoped site, and no alias of b's
    assert [m[2] for m in index.matches(text, "b")] == ["b-site", "b-site"]  # in article b: its own, first
    assert index.owner("Zarechye") == "a-site"
    article = make_article("b", "Headline\n\n" + text)
    assert {m.site_id for m in find_mentions(article, index)} == {"b-site"}


def test_a_scope_is_read_and_checked_like_every_other_field() -> None:
    def feature(scope: object) -> dict:
        props = {"id": "z", "name": "Zarechye", "scope": scope}
        return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [31.15, 47.8]}}

    sites, problems = parse_sites({"type": "FeatureCollection", "features": [feature(["b"])]}, "sites.geojson")
    assert sites[0].scope == ("b",) and not problems
    sites, problems = parse_sites({"type": "FeatureCollection", "features": [feature("b")]}, "sites.geojson")
    assert not sites
    assert [str(p) for p in problems] == ["sites.geojson: feature 0 ('z'): \"scope\" must be a list of article ids (non-empty strings)"]


def test_the_snapshot_keeps_the_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPVIEWER_USER_DIR", str(tmp_path / "user"))
    ingest([_write(tmp_path / "in", "south.txt", SOUTH), _write(tmp_path / "in", "north.txt", NORTH)], tmp_path / "ws", [])
    first = Workspace.open(tmp_path / "ws")  # read from the files, snapshot kept
    again = Workspace.open(tmp_path / "ws")  # from the snapshot
    assert [(s.id, s.scope) for s in again.sites] == [(s.id, s.scope) for s in first.sites]
    assert any(s.scope for s in again.sites)
    assert [(m.id, m.site_id) for m in again.mentions] == [(m.id, m.site_id) for m in first.mentions]


def test_a_surer_reading_that_fits_its_own_article_gets_its_own_site_rather_than_moving_the_first(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    sites.start_article("a", [])
    weak = Candidate("a", 1, 0, 8, "Zarechye", "Troops neared Zarechye.", "placed", 0.6, EAST, reason="GeoNames place")
    first = sites.site_for(weak)
    sure = _second_article(sites, WEST_TOWN)
    own = sites.site_for(replace(sure, confidence=0.9))  # surer by more than MOVE_MARGIN: it used to move a's site west
    assert own not in (None, first)
    a_site = next(f["properties"] for f in sites.ws.features if f["properties"]["id"] == first)
    assert (a_site["point"][1], a_site["point"][0]) == (EAST.lat, EAST.lon)  # article a's village stays where it was


def test_one_village_read_by_two_refs_in_two_articles_is_one_scoped_site(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    sites.start_article("a", [])
    first = sites.site_for(_candidate(EAST, "Zarechye", "a"))
    b_site = sites.site_for(_second_article(sites, WEST_TOWN))
    close = replace(WEST, ref="wof:99", lat=WEST.lat + 0.01)  # the same village in another layer, 1 km off
    later = _candidate(close, "Zarechye", "c")
    sites.start_article("c", [later, _candidate(WEST_TOWN, WEST_TOWN.name, "c")])
    assert sites.site_for(later) == b_site != first
    props = next(f["properties"] for f in sites.ws.features if f["properties"]["id"] == b_site)
    assert props["scope"] == ["b", "c"]


def test_a_new_spelling_of_an_earlier_ingests_site_keeps_its_review_row(tmp_path: Path) -> None:
    sites = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)  # an earlier ingest's one site
    sites.start_article("a", [])
    first = sites.site_for(_candidate(EAST, "Zarechye", "a"))
    with commit.writing(tmp_path):
        sites.ws.commit()
    later = _Sites(WorkspaceFiles.open(tmp_path), [], copy_reference=False)
    later.start_article("b", [])
    same = _candidate(EAST, "Zarechye", "b")
    respelt = _candidate(EAST, "Zarichne", "b")  # the same reading under a spelling the site did not have
    assert later.site_for(same) == first and later.found_before(same, first)
    assert later.site_for(respelt) == first and not later.found_before(respelt, first)


def _ingested_pair(tmp_path: Path) -> Path:
    ingest([_write(tmp_path / "in", "south.txt", SOUTH), _write(tmp_path / "in", "north.txt", NORTH)], tmp_path / "ws", [])
    return tmp_path / "ws"


def _item_of(root: Path, scoped: bool) -> decisions.ReviewItem:
    features = json.loads((root / "sites.geojson").read_text())["features"]
    site = next(f["properties"]["id"] for f in features if f["properties"]["name"] == "Oleksandrivka" and bool(f["properties"].get("scope")) == scoped)
    return next(i for i in decisions.review_items(root) if i.key == f"site:{site}")


def test_a_scoped_site_is_renamed_under_the_name_it_shares(tmp_path: Path) -> None:
    root = _ingested_pair(tmp_path)
    decisions.rename(root, _item_of(root, scoped=True).key, "OLEKSANDRIVKA")  # no "already names site …": its names are its own
    _check(_villages(root))


def test_no_site_is_merged_into_a_scoped_one(tmp_path: Path) -> None:
    root = _ingested_pair(tmp_path)
    target = _item_of(root, scoped=True).key.removeprefix("site:")
    with pytest.raises(decisions.ReviewError, match="own articles only"):
        decisions.merge(root, _item_of(root, scoped=False).key, target)  # the other article's mentions would be lost
    _check(_villages(root))


def test_an_accepted_village_does_not_take_the_next_articles_namesake(tmp_path: Path) -> None:
    """The reviewer accepting one front's Oleksandrivka says nothing of the next report's."""
    ingest([_write(tmp_path / "a", "north.txt", NORTH)], tmp_path / "ws", [])
    decisions.accept(tmp_path / "ws", _item_of(tmp_path / "ws", scoped=False).key)
    ingest([_write(tmp_path / "b", "south.txt", SOUTH)], tmp_path / "ws", [])
    _check(_villages(tmp_path / "ws"))
