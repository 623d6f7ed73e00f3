"""The bundled gazetteer is complete and sourced, and a bad gazetteer file is reported feature by
feature while its valid features still load."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from mapviewer import paths
from mapviewer.cli import main
from mapviewer.core.gazetteer import PRECISIONS, GazetteerError, load_sites


@pytest.fixture(scope="module")
def bundled():
    sites, problems = load_sites(paths.BUNDLED_SITES)
    return {s.id: s for s in sites}, problems


def test_bundled_gazetteer_has_no_problems(bundled):
    _, problems = bundled
    assert problems == []


def test_every_bundled_site_says_where_its_coordinates_come_from(bundled):
    sites, _ = bundled
    for site in sites.values():
        assert len(site.coord_source.strip()) >= 20, site.id
        assert site.precision in PRECISIONS, site.id


def test_every_bundled_geometry_is_valid(bundled):
    sites, _ = bundled
    for site in sites.values():
        geom = shape(site.geometry)
        assert geom.is_valid and not geom.is_empty, site.id


def test_representative_point_lies_on_or_inside_the_site(bundled):
    sites, _ = bundled
    for site in sites.values():
        geom = shape(site.geometry)
        point = Point(site.lon, site.lat)
        if site.geometry_type in ("Polygon", "MultiPolygon"):
            assert geom.contains(point), site.id
        else:  # points and lines: the marker sits on the geometry (within ~1 km)
            assert geom.distance(point) < 0.01, site.id


def test_cities_lie_inside_their_admin_region(bundled):
    sites, _ = bundled
    with_region = [s for s in sites.values() if s.admin_region]
    assert {s.id for s in with_region} >= {"kursk", "donetsk"}
    for site in with_region:
        assert shape(sites[site.admin_region].geometry).contains(Point(site.lon, site.lat)), site.id
    donetsk_oblast = shape(sites["donetsk-oblast"].geometry)
    for town in ("avdiivka", "pivnichne", "toretsk", "yunkom-mine"):
        assert donetsk_oblast.contains(Point(sites[town].lon, sites[town].lat)), town
    assert shape(sites["tatarstan"].geometry).contains(Point(sites["alabuga-sez"].lon, sites["alabuga-sez"].lat))


REQUIRED = {
    "mt-chonma": "Mt. Chonma",
    "panghyon-airbase": "Panghyon",
    "kusong": "Kusong",
    "pyongyang": "Pyongyang",
    "vladivostok": "Vladivostok",
    "kursk": "Kursk",
    "kursk-oblast": "Kursk region",
    "alabuga-sez": "Alabuga",
    "tatarstan": "Tatarstan",
    "moscow": "Moscow",
    "kyiv": "Kyiv",
    "seoul": "Seoul",
    "washington": "Washington",
    "donetsk": "Donetsk",
    "donbas": "Donbas",
    "avdiivka": "Avdiivka",
    "pivnichne": "Pivnichne",
    "toretsk": "Toretsk",
    "siverskyi-donets-donbas-canal": "Seversky Donets Canal",
    "yunkom-mine": "Yunkom",
    "wonsan": "Wonsan",
    "jangjin": "Jangjin",
    "onchon": "Onchon",
    "dmz": "DMZ",
    "naypyidaw": "Naypyidaw",
    "hanoi": "Hanoi",
    "southern-lebanon": "southern Lebanon",
    "gaza-strip": "Gaza Strip",
    "paris": "Paris",
}


@pytest.mark.parametrize(("site_id", "name"), REQUIRED.items())
def test_required_place_exists_under_the_name_the_articles_use(bundled, site_id, name):
    sites, _ = bundled
    assert site_id in sites
    assert name in (sites[site_id].name, *sites[site_id].aliases)


def test_kursk_city_and_kursk_region_are_distinct_sites(bundled):
    sites, _ = bundled
    assert sites["kursk"].kind == "city" and not sites["kursk"].is_area
    assert sites["kursk-oblast"].is_area and sites["kursk"].admin_region == "kursk-oblast"


def test_pivnichne_is_the_village_near_toretsk(bundled):
    sites, _ = bundled
    pivnichne, toretsk = sites["pivnichne"], sites["toretsk"]
    assert pivnichne.lat == pytest.approx(48.39, abs=0.02)
    assert pivnichne.lon == pytest.approx(37.9, abs=0.03)
    km = math.dist((pivnichne.lat, pivnichne.lon * math.cos(math.radians(48.4))), (toretsk.lat, toretsk.lon * math.cos(math.radians(48.4)))) * 111
    assert km < 10


def test_the_canal_is_drawn_as_a_line(bundled):
    sites, _ = bundled
    assert sites["siverskyi-donets-donbas-canal"].geometry_type in ("LineString", "MultiLineString")


# --- validation of hand-written bad files -------------------------------------------------------

SQUARE = [[[30.0, 50.0], [31.0, 50.0], [31.0, 51.0], [30.0, 51.0], [30.0, 50.0]]]


def _feature(props: dict, geometry: dict | None = None) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry or {"type": "Point", "coordinates": [30.5, 50.5]}}


GOOD_A = _feature({"id": "alpha", "name": "Alphaville", "aliases": ["Alpha"], "coord_source": "test"})
GOOD_B = _feature({"id": "beta", "name": "Beta Oblast", "aliases": ["Beta region"], "precision": "region"}, {"type": "Polygon", "coordinates": SQUARE})


def _write(path: Path, features: list) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, indent=1), encoding="utf-8")
    return path


def test_bad_json_error_names_the_file_and_line(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",,}\n ]\n}\n', encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        load_sites(path)
    message = str(info.value)
    assert str(path) in message
    assert "line 3" in message


def test_not_a_feature_collection_is_rejected_with_the_file_name(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_text('{"type": "Feature"}', encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"sites\.geojson"):
        load_sites(path)


BAD_FEATURES = [
    # (feature, expected words in the message, id named in the location or None)
    (_feature({"name": "Nameless id"}), "id", None),
    (_feature({"id": "no-name"}), "name", "no-name"),
    (_feature({"id": "far-away", "name": "Far Away"}, {"type": "Point", "coordinates": [200.0, 95.0]}), "out of range", "far-away"),
    (
        _feature({"id": "open-ring", "name": "Open Ring"}, {"type": "Polygon", "coordinates": [[*SQUARE[0][:-1], [30.0, 50.5]]]}),
        "not closed",
        "open-ring",
    ),
    (_feature({"id": "alpha", "name": "Second Alpha"}), "duplicate id", "alpha"),
    (_feature({"id": "alpha-2", "name": "Alpha Two", "aliases": ["alpha"]}), "already claimed by site 'alpha'", "alpha-2"),
]


@pytest.mark.parametrize(("bad", "words", "bad_id"), BAD_FEATURES, ids=["no-id", "no-name", "out-of-range", "open-ring", "duplicate-id", "alias-clash"])
def test_bad_feature_is_named_by_file_index_and_id_and_the_rest_load(tmp_path, bad, words, bad_id):
    path = _write(tmp_path / "sites.geojson", [GOOD_A, bad, GOOD_B])
    sites, problems = load_sites(path)
    assert [s.id for s in sites] == ["alpha", "beta"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == str(path)
    assert problem.where.startswith("feature 1")
    if bad_id is not None:
        assert repr(bad_id) in problem.where
    assert words in problem.message
    assert str(path) in str(problem) and "feature 1" in str(problem)


def test_every_bad_feature_in_one_file_is_reported(tmp_path):
    path = _write(tmp_path / "sites.geojson", [GOOD_A, *(bad for bad, _, _ in BAD_FEATURES), GOOD_B])
    sites, problems = load_sites(path)
    assert [s.id for s in sites] == ["alpha", "beta"]
    assert [p.where.split(" (")[0] for p in problems] == [f"feature {i}" for i in range(1, len(BAD_FEATURES) + 1)]


def test_admin_region_that_is_not_a_site_is_a_problem(tmp_path):
    city = _feature({"id": "gamma", "name": "Gamma", "admin_region": "nowhere-oblast"})
    sites, problems = load_sites(_write(tmp_path / "sites.geojson", [GOOD_A, city]))
    assert {s.id for s in sites} == {"alpha", "gamma"}
    assert len(problems) == 1 and "'gamma'" in problems[0].where and "nowhere-oblast" in problems[0].message


def _workspace(root: Path, features: list) -> Path:
    _write(root / "sites.geojson", features)
    (root / "articles").mkdir()
    (root / "articles" / "story.txt").write_text("Story\n\nTroops were sent to Alphaville last week.\n", encoding="utf-8")
    return root


def test_strict_flag_turns_gazetteer_problems_into_exit_1(tmp_path):
    root = _workspace(tmp_path, [GOOD_A, BAD_FEATURES[2][0], GOOD_B])
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "--strict", "sites"], out, err) == 1
    assert "far-away" in err.getvalue() and "out of range" in err.getvalue()
    assert "alpha" in out.getvalue()  # the valid data is still listed

    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "sites"], out, err) == 0
    assert "warning:" in err.getvalue() and "far-away" in err.getvalue()


def test_strict_flag_passes_a_clean_workspace(tmp_path):
    root = _workspace(tmp_path, [GOOD_A, GOOD_B])
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "--strict", "sites"], out, err) == 0
    assert err.getvalue() == ""


def test_every_bundled_site_has_a_known_kind(bundled):
    from mapviewer.core.gazetteer import KINDS

    sites, _ = bundled
    assert {s.kind for s in sites.values()} <= KINDS


def test_unknown_kind_is_a_warning_naming_feature_field_and_value_and_the_site_stays(tmp_path):
    typo = _feature({"id": "gamma", "name": "Gamma", "kind": "airbse"})
    spaced = _feature({"id": "delta", "name": "Delta", "kind": "Industrial Site"})
    path = _write(tmp_path / "sites.geojson", [GOOD_A, typo, spaced, GOOD_B])
    sites, problems = load_sites(path)
    kinds = {s.id: s.kind for s in sites}
    assert kinds["gamma"] == "site"  # shown as a plain site, not styled as something it is not
    assert kinds["delta"] == "industrial-site"  # case and spaces are not mistakes
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == str(path) and problem.where == "feature 1 ('gamma')"
    assert '"kind"' in problem.message and "'airbse'" in problem.message and "airbase" in problem.message
