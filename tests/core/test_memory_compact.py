"""The compact forms a large workspace is held in (issue #7) read back exactly as the data was given:
point geometries rebuilt on demand, packed paragraphs, mentions that slice their sentence from the
article, the gazetteer decoded feature by feature, and the site-name search over one joined text."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mapviewer import paths
from mapviewer.core.corpus import make_article, split_paragraphs
from mapviewer.core.filters import Filter, _folded_names
from mapviewer.core.gazetteer import GazetteerError, load_sites, parse_sites
from mapviewer.core.textnorm import fold


def _feature(site_id: str, name: str, geometry: dict, **props: object) -> dict:
    return {"type": "Feature", "properties": {"id": site_id, "name": name, **props}, "geometry": geometry}


POINT = _feature("kyiv", "Kyiv", {"type": "Point", "coordinates": [30.5234, 50.4501]}, country="Ukraine")
INT_POINT = _feature("zero", "Zeroville", {"type": "Point", "coordinates": [30, 50]})
NEG_ZERO = _feature("nz", "Negzero", {"type": "Point", "coordinates": [-0.0, 51.5]})
SQUARE = {"type": "Polygon", "coordinates": [[[10.0, 10.0], [11.0, 10.0], [11.0, 11.0], [10.0, 11.0], [10.0, 10.0]]]}
AREA = _feature("square", "Square region", SQUARE, kind="region", precision="region")
LINE = _feature("canal", "Long canal", {"type": "LineString", "coordinates": [[1.0, 2.0], [3.0, 4.0]]}, kind="canal")
FEATURES = [POINT, INT_POINT, NEG_ZERO, AREA, LINE]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_geometry_reads_back_as_written(tmp_path: Path) -> None:
    doc = {"type": "FeatureCollection", "features": FEATURES}
    sites, problems = load_sites(_write(tmp_path / "sites.geojson", json.dumps(doc)))
    assert not problems
    for site, feature in zip(sites, FEATURES):
        assert site.geometry == feature["geometry"], site.id
        assert json.dumps(site.geometry) == json.dumps(feature["geometry"]), site.id  # 30 stays 30, -0.0 stays -0.0
        assert site.geometry_type == feature["geometry"]["type"]
    by_id = {s.id: s for s in sites}
    assert by_id["kyiv"]._shape is None  # the plain point is not kept as a dict ...
    assert by_id["kyiv"].geometry is not by_id["kyiv"].geometry  # ... but rebuilt when asked for
    assert by_id["zero"]._shape is not None  # integer coordinates would not round-trip through lon/lat
    assert by_id["square"].is_area and by_id["canal"].is_area and not by_id["kyiv"].is_area
    assert by_id["square"].geometry is by_id["square"].geometry  # an area keeps its own dict


def test_replace_keeps_the_geometry() -> None:
    sites, _ = parse_sites({"type": "FeatureCollection", "features": FEATURES}, "mem")
    for site in sites:
        renamed = replace(site, aliases=("Other name",))
        assert renamed.geometry == site.geometry and renamed.aliases == ("Other name",)
        assert replace(site) == site
    moved = replace(sites[0], geometry={"type": "Point", "coordinates": [1.0, 2.0]})
    assert moved.geometry == {"type": "Point", "coordinates": [1.0, 2.0]} and (moved.lon, moved.lat) == (sites[0].lon, sites[0].lat)


@pytest.mark.parametrize(
    "text",
    [
        # "features" first, odd whitespace: still decoded feature by feature, same result
        '\n{ "features" :[\n' + ",\r\n ".join(json.dumps(f) for f in FEATURES) + ' ] ,\t"type":"FeatureCollection" }\n',
        json.dumps({"type": "FeatureCollection", "features": []}),
        # a repeated key: json.loads keeps the last one, so must the loader
        '{"type": "FeatureCollection", "features": [' + json.dumps(POINT) + '], "features": [' + json.dumps(AREA) + "]}",
    ],
)
def test_streamed_gazetteer_equals_a_whole_parse(tmp_path: Path, text: str) -> None:
    streamed = load_sites(_write(tmp_path / "sites.geojson", text))
    whole = parse_sites(json.loads(text), str(tmp_path / "sites.geojson"))
    assert [(s, s.geometry) for s in streamed[0]] == [(s, s.geometry) for s in whole[0]]
    assert [str(p) for p in streamed[1]] == [str(p) for p in whole[1]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "FeatureCollection", "features": [' + json.dumps(POINT) + ",]}", "bad JSON"),
        ('{"features": [' + json.dumps(POINT) + '], "type": "Collection"}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": {}}', '"features" must be a list'),
        ('{"type": "FeatureCollection", "features": []} trailing', "bad JSON"),
    ],
)
def test_bad_gazetteer_files_fail_as_before(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        load_sites(_write(tmp_path / "sites.geojson", text))


def test_bundled_gazetteer_streamed_equals_whole() -> None:
    streamed, problems = load_sites(paths.BUNDLED_SITES)
    whole, whole_problems = parse_sites(json.loads(paths.BUNDLED_SITES.read_text(encoding="utf-8")), str(paths.BUNDLED_SITES))
    assert streamed and streamed == whole and [s.geometry for s in streamed] == [s.geometry for s in whole]
    assert problems == whole_problems


def test_packed_paragraphs_equal_the_split_ones() -> None:
    text = "Tunnels under Kyiv\n\nKyiv was hit overnight, officials said.\n\nSign in to read more\nWhat next?\n  Indented line ends here.\n"
    article = make_article("a", text, title="Tunnels under Kyiv")
    assert article.paragraphs == split_paragraphs(text, "Tunnels under Kyiv")
    assert [p.kind for p in article.paragraphs] == ["title", "body", "boilerplate", "heading", "body"]
    assert article.passages == tuple(p for p in article.paragraphs if p.is_passage)
    assert article.passage_spans() == [(p.index, p.start, p.end, text) for p in article.passages]
    retitled = replace(article, title="Other")
    assert retitled.paragraphs == article.paragraphs and retitled.title == "Other"
    untitled = make_article("b", text)
    assert untitled.title == "Tunnels under Kyiv" and not untitled.has_headline


def test_mentions_slice_what_they_point_to(ws) -> None:
    assert ws.mentions
    for m in ws.mentions:
        text = ws.article_by_id[m.article_id].text
        assert text[m.start : m.end] == m.surface
        assert m.sentence == text[m.sentence_start : m.sentence_end]
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        assert m.sentence[m.start - m.sentence_start : m.end - m.sentence_start] == m.surface


def test_equal_claims_are_shared(ws) -> None:
    claims = [m.claim for m in ws.mentions]
    assert len({id(c) for c in claims}) == len(set(claims))


def test_name_search_matches_each_sites_own_names(ws) -> None:
    """The joined-names search finds exactly the sites whose own names contain the query."""
    table = ws.table
    for query in ("kyiv", "a", "region", "oblast", "zzzz", "\x00", "k\x00"):
        expected = np.array([fold(query.strip()) in _folded_names(s) for s in ws.sites])
        assert (table._named(fold(query.strip())) == expected).all(), query
    result = ws.filter(Filter(text="Kyiv"))
    kyiv = next(s for s in ws.sites if s.name == "Kyiv")
    assert kyiv.id in result.site_ids
