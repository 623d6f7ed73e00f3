"""One regression test per case the fault campaign found (issue 15): a malformed value in a workspace
file is a Problem naming the file, the feature or entry and the field, the rest of the workspace still
loads, nothing hangs, and what reaches the page and the exports is valid JSON."""

from __future__ import annotations

import io
import json
import math
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest
from wsfiles import GOOD_A, GOOD_B, STORY, assert_rest_loads, feature, open_workspace, problem_about, time_limit, write_workspace

from mapviewer.cli import main
from mapviewer.core import export_data, mapdata
from mapviewer.core.export_html import standalone_html
from mapviewer.core.filters import Filter
from mapviewer.core.ingest.decisions import review_items
from mapviewer.core.ingest.extract import decode
from mapviewer.core.ingest.review import review_rows


def _strict_json(text: str) -> object:
    """json.loads refusing NaN and Infinity, as a browser's JSON.parse does."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _sites_text(*features_json: str) -> str:
    """A FeatureCollection whose middle features are raw JSON text (for values json.dumps cannot write)."""
    return '{"type": "FeatureCollection", "features": [' + ", ".join([json.dumps(GOOD_A), *features_json, json.dumps(GOOD_B)]) + "]}"


def _raw_feature(site_id: str, geometry_json: str, extra: str = "") -> str:
    props = json.dumps({"id": site_id, "name": site_id.title(), "kind": "town", "precision": "exact"})
    return f'{{"type": "Feature", "properties": {props}, "geometry": {geometry_json}{extra}}}'


SQUARE = "[[30, 50], [30.5, 50], [30.5, 50.5], [30, 50.5], [30, 50]]"
BIG_INT = "9" * 5000
BAD_GEOMETRIES = {
    # id: (geometry JSON text, words the problem must contain besides the file, the feature and "geometry")
    "polygon-of-a-position": ('{"type": "Polygon", "coordinates": [10, 20]}', ["coordinates[0]", "10"]),
    "ring-of-numbers": ('{"type": "Polygon", "coordinates": [[10, 20, 30, 40, 50]]}', ["coordinates[0][0]"]),
    "polygon-nan": ('{"type": "Polygon", "coordinates": [[[30, 50], [30.5, NaN], [30.5, 50.5], [30, 50]]]}', ["coordinates[0][1][1]", "NaN"]),
    "polygon-infinity": ('{"type": "Polygon", "coordinates": [[[30, 50], [30.5, 50], [Infinity, 50.5], [30, 50]]]}', ["coordinates[0][2][0]", "Infinity"]),
    "point-1e400": ('{"type": "Point", "coordinates": [1e400, 50]}', ["coordinates[0]", "inf"]),
    "point-huge-integer": (f'{{"type": "Point", "coordinates": [{BIG_INT}, 50]}}', ["coordinates[0]", "5000-digit"]),
    "point-booleans": ('{"type": "Point", "coordinates": [true, false]}', ["coordinates[0]", "True"]),
    "point-nan-height": ('{"type": "Point", "coordinates": [30, 50, NaN]}', ["coordinates[2]", "NaN"]),
    "point-strings": ('{"type": "Point", "coordinates": ["30", "50"]}', ["coordinates[0]", "'30'"]),
    "type-a-list": ('{"type": ["Point"], "coordinates": [30, 50]}', ["geometry type must be one of"]),
    "point-out-of-range": ('{"type": "Point", "coordinates": [30, 95]}', ["out of range"]),
    "line-of-one": ('{"type": "LineString", "coordinates": [[30, 50]]}', ["coordinates", "at least 2"]),
    "multipolygon-too-shallow": (f'{{"type": "MultiPolygon", "coordinates": {SQUARE}}}', ["coordinates[0][0]"]),
    "geometry-bbox-nan": (f'{{"type": "Polygon", "coordinates": [{SQUARE}], "bbox": [30, 50, NaN, 50.5]}}', ["bbox", "NaN"]),
    "geometry-member-nan": (f'{{"type": "Polygon", "coordinates": [{SQUARE}], "extra": {{"x": [1, NaN]}}}}', ["extra.x[1]", "NaN"]),
}


@pytest.mark.parametrize("case", sorted(BAD_GEOMETRIES))

def test_a_malformed_geometry_is_one_problem_and_the_rest_loads(tmp_path: Path, case: str) -> None:
    geometry, words = BAD_GEOMETRIES[case]
    root = write_workspace(tmp_path / "ws", sites_text=_sites_text(_raw_feature("gamma", geometry)))
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert "gamma" not in ws.site_by_id
    problem = problem_about(ws.problems, "sites.geojson", "feature 1 ('gamma')", '"geometry"', *words)
    assert problem.file == str(root / "sites.geojson")


def test_a_feature_bbox_with_nan_is_a_problem(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", sites_text=_sites_text(_raw_feature("gamma", f'{{"type": "Polygon", "coordinates": [{SQUARE}]}}', ', "bbox": [NaN, 1, 2, 3]')))
    ws = open_workspace(root)
    assert_rest_loads(ws)
    problem_about(ws.problems, "sites.geojson", "feature 1 ('gamma')", '"bbox"', "NaN")


def test_page_data_geojson_and_exported_html_stay_valid_json_with_nan_in_the_gazetteer(tmp_path: Path) -> None:
    nan_polygon = _raw_feature("gamma", '{"type": "Polygon", "coordinates": [[[30, 50], [30.5, NaN], [30.5, 50.5], [30, 50]]]}')
    nan_bbox = _raw_feature("delta", f'{{"type": "Polygon", "coordinates": [{SQUARE}], "bbox": [NaN, 50, 30.5, 50.5]}}')
    text = STORY.replace("last week", "last week, near Gamma and Delta")
    root = write_workspace(tmp_path / "ws", sites_text=_sites_text(nan_polygon, nan_bbox))
    (root / "articles" / "story.txt").write_text(text, encoding="utf-8")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert len(ws.problems) == 2
    _strict_json(mapdata.to_script_json(mapdata.payload(ws)))
    _strict_json(export_data.geojson_text(ws, Filter()))
    html = standalone_html(ws, Filter())
    blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert blocks
    for block in blocks:
        _strict_json(block)


def test_admin_region_that_is_not_a_string_is_left_out_and_the_site_kept(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", [feature("gamma", "Gamma", admin_region=["x"], note={"a": 1}, kind=5)])
    ws = open_workspace(root)
    assert_rest_loads(ws)
    gamma = ws.site_by_id["gamma"]
    assert (gamma.admin_region, gamma.note, gamma.kind) == (None, None, "site")
    problem_about(ws.problems, "sites.geojson", "feature 1 ('gamma')", '"admin_region"', "['x']")
    problem_about(ws.problems, "sites.geojson", "feature 1 ('gamma')", '"note"')
    problem_about(ws.problems, "sites.geojson", "feature 1 ('gamma')", '"kind"')


def test_a_utf8_bom_in_sites_geojson_is_read(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    path = root / "sites.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert ws.problems == []


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("name", ["articles/articles.json", "overrides.json"])
def test_json_nested_100000_deep_is_a_problem_for_that_file(tmp_path: Path, name: str) -> None:
    root = write_workspace(tmp_path / "ws", entries=[])
    (root / name).write_text(DEEP, encoding="utf-8")
    ws = open_workspace(root)
    assert "story" in ws.article_by_id  # listed in the folder, if not in the unreadable articles.json
    assert {"alpha", "beta"} <= ws.site_by_id.keys()
    problem_about(ws.problems, name.split("/")[-1], "nested more than 64 levels deep")


def test_json_nested_100000_deep_in_sites_geojson_is_a_clear_problem(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", sites_text='{"type": "FeatureCollection", "features": [' + DEEP + "]}")
    assert_opens_without_sites(root, "nested more than 64 levels deep")


def test_json_nested_100000_deep_in_candidates_json_is_a_clear_error(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    (root / "candidates.json").write_text(DEEP, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "review"], out, err) == 1
    assert "candidates.json: cannot read (nested more than 64 levels deep)" in err.getvalue()


@pytest.mark.parametrize("name", ["articles/x.txt", "articles/articles.json", "overrides.json"])
def test_a_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path, name: str) -> None:
    root = write_workspace(tmp_path / "ws", entries=[])
    (root / name).unlink(missing_ok=True)
    (root / name).symlink_to("/dev/zero")
    ws = open_workspace(root, seconds=10)
    assert {"alpha", "beta"} <= ws.site_by_id.keys()
    if name == "articles/x.txt":  # a link out of the articles folder is not followed at all
        problem_about(ws.problems, "x.txt", "symbolic link to a file outside the articles folder")
    else:
        problem_about(ws.problems, name.split("/")[-1], "a character device, not a regular file")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_inside_the_articles_folder_is_refused_without_reading(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    os.mknod(root / "articles" / "zero.txt", 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's numbers
    ws = open_workspace(root, seconds=10)
    assert_rest_loads(ws)
    problem_about(ws.problems, "zero.txt", "a character device, not a regular file")


def test_sites_geojson_linked_to_dev_zero_is_a_clear_error(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    (root / "sites.geojson").unlink()
    (root / "sites.geojson").symlink_to("/dev/zero")
    with time_limit(10):
        assert_opens_without_sites(root, "a character device, not a regular file")


@pytest.mark.parametrize("name", ["sites.geojson", "articles/x.txt", "overrides.json", "articles/articles.json"])
def test_a_fifo_never_blocks_the_open(tmp_path: Path, name: str) -> None:
    root = write_workspace(tmp_path / "ws")
    (root / name).unlink(missing_ok=True)
    os.mkfifo(root / name)
    if name == "sites.geojson":
        assert_opens_without_sites(root, "a FIFO (named pipe), not a regular file", seconds=10)
        return
    ws = open_workspace(root, seconds=10)
    assert_rest_loads(ws)
    problem_about(ws.problems, name.split("/")[-1], "FIFO")


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", 12345), ("outlet", ["x"]), ("date", {"y": 2024}), ("url", 7), ("note", True), ("label", 1.5), ("sha256", 3)],
)
def test_an_article_field_of_the_wrong_type_is_left_out(tmp_path: Path, field: str, value: object) -> None:
    root = write_workspace(tmp_path / "ws", entries=[])
    (root / "articles" / "other.txt").write_text("Other\n\nA convoy reached Alphaville.\n", encoding="utf-8")
    meta = json.loads((root / "articles" / "articles.json").read_text(encoding="utf-8"))
    meta["articles"].append({"id": "other", "file": "other.txt", "title": "Other story", field: value})
    (root / "articles" / "articles.json").write_text(json.dumps(meta), encoding="utf-8")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    other = ws.article_by_id["other"]
    assert all(isinstance(v, str) for v in (other.title, other.outlet or "", other.date or "", other.url or "", other.note or ""))
    assert other.title == ("Other" if field == "title" else "Other story")
    problem_about(ws.problems, "articles.json", "article 1 ('other')", f'"{field}"', repr(value))


@pytest.mark.parametrize("article_id", [["a", "b"], 7, {"x": 1}, "Not An Id"])
def test_an_article_id_that_is_not_an_id_is_a_problem(tmp_path: Path, article_id: object) -> None:
    root = write_workspace(tmp_path / "ws", entries=[{"id": article_id, "file": "other.txt"}])
    (root / "articles" / "other.txt").write_text("Other\n\nA convoy reached Alphaville.\n", encoding="utf-8")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert not any(isinstance(a.id, str) and a.id != "other" and a.source_file.endswith("other.txt") for a in ws.articles)
    problem_about(ws.problems, "articles.json", "article 1", '"id"', repr(article_id))


@pytest.mark.parametrize("entry", [["story.txt"], "story.txt", {"file": 5}, {"file": ["a"]}])
def test_an_entry_that_is_not_an_object_with_a_file_is_a_problem(tmp_path: Path, entry: object) -> None:
    root = write_workspace(tmp_path / "ws", entries=[entry])
    ws = open_workspace(root)
    assert_rest_loads(ws)
    problem_about(ws.problems, "articles.json", "article 1")


@pytest.mark.parametrize("file", ["../../../../etc/passwd", "/etc/passwd", "../sites.geojson", "link.txt"])
def test_articles_json_cannot_name_a_file_outside_the_articles_folder(tmp_path: Path, file: str) -> None:
    root = write_workspace(tmp_path / "ws", entries=[{"id": "outside", "file": file}])
    (root / "articles" / "link.txt").symlink_to("/etc/passwd")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert [a.id for a in ws.articles] == ["story"]
    assert not any("root:" in a.text for a in ws.articles)
    problem_about(ws.problems, "articles.json", "article 1 ('outside')", '"file"', "outside the articles folder")
    if file != "link.txt":  # a link dropped in the folder is not followed out of it either
        problem_about(ws.problems, "link.txt", "symbolic link to a file outside the articles folder")


def test_an_article_with_nul_bytes_after_4kb_is_binary(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    (root / "articles" / "late-nul.txt").write_bytes(b"Late NUL\n\n" + b"Alphaville was named. " * 400 + b"\x00\x00tail\n")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert "late-nul" not in ws.article_by_id
    problem_about(ws.problems, "late-nul.txt", "binary")


def test_a_utf16_article_loads_as_ingest_reads_it(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    data = "Wide story\n\nEngineers reached Betaville on Monday.\n".encode("utf-16")
    (root / "articles" / "wide.txt").write_bytes(data)
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert ws.problems == []
    assert ws.article_by_id["wide"].text == decode(data)[0] == "Wide story\n\nEngineers reached Betaville on Monday.\n"
    assert any(m.article_id == "wide" and m.site_id == "beta" for m in ws.mentions)


def test_a_symlink_loop_is_called_a_loop_not_missing(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    (root / "articles" / "loop.txt").symlink_to(root / "articles" / "loop.txt")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    problem_about(ws.problems, "loop.txt", "symbolic link loop")
    (root / "sites.geojson").unlink()
    (root / "sites.geojson").symlink_to(root / "sites.geojson")
    assert_opens_without_sites(root, "cannot open: symbolic link loop")


def test_overrides_with_a_topic_that_is_a_list_skip_that_correction_only(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    first = open_workspace(root)
    good, bad = first.mentions[0].id, first.mentions[1].id
    labels = {good: {"certainty": "confirmed"}, bad: {"topics": [["x"]]}, "other": "confirmed", "nan": {"certainty": "alleged", "w": math.nan}}
    (root / "overrides.json").write_text(json.dumps({"version": 1, "labels": labels}), encoding="utf-8")
    ws = open_workspace(root)
    assert_rest_loads(ws)
    assert ws.mention_by_id[good].claim.certainty == "confirmed"
    problem_about(ws.problems, "overrides.json", f"correction {bad!r}", '"topics"', "[['x']]")
    problem_about(ws.problems, "overrides.json", "correction 'other'", "must be an object")
    problem_about(ws.problems, "overrides.json", "correction 'nan'", "w", "NaN")
    assert ws.overrides.path is not None  # the file was read: corrections can still be saved


GOOD_ROW = {"name": "Gammatown", "article": "story", "paragraph": 1, "span": [5, 14], "status": "unplaced", "confidence": 0.0,
            "provenance": None, "site": None, "place": None, "lat": None, "lon": None, "certainty": "reported", "reason": "r", "sentence": "s"}
BAD_ROWS = [
    ("not-an-object", ["Gammatown"], "must be an object"),
    ("name-list", {**GOOD_ROW, "name": ["x"]}, '"name"'),
    ("span-strings", {**GOOD_ROW, "name": "Spanville", "span": ["a", "b"]}, '"span"'),
    ("confidence-string", {**GOOD_ROW, "name": "Confville", "confidence": "high"}, '"confidence"'),
    ("lat-nan", {**GOOD_ROW, "name": "Latville", "lat": math.nan, "lon": 30.0, "status": "low-confidence", "site": "x"}, '"lat"'),
    ("reason-object", {**GOOD_ROW, "name": "Reasonville", "reason": {"a": 1}}, '"reason"'),
    ("paragraph-bool", {**GOOD_ROW, "name": "Boolville", "paragraph": True}, '"paragraph"'),
]


def test_malformed_candidate_rows_are_problems_and_the_rest_are_listed(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws")
    rows = [GOOD_ROW, *(row for _, row, _ in BAD_ROWS)]
    (root / "candidates.json").write_text(json.dumps({"version": 1, "candidates": rows}), encoding="utf-8")
    problems: list = []
    listed = review_rows(root, problems=problems)
    assert [r["name"] for r in listed] == ["Gammatown"]
    for i, (_, row, field) in enumerate(BAD_ROWS, start=1):
        name = f" ({row['name']!r})" if isinstance(row, dict) and isinstance(row.get("name"), str) else ""
        problem_about(problems, "candidates.json", f"candidate {i}{name}", field)
    items_problems: list = []
    items = review_items(root, items_problems)
    assert [i.name for i in items] == ["Gammatown"]
    assert len(items_problems) == len(BAD_ROWS)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "review"], out, err) == 0
    assert "Gammatown" in out.getvalue() and "1 names to review" in out.getvalue()
    assert err.getvalue().count("warning: ") == len(BAD_ROWS) and "candidates.json: candidate 3 ('Spanville')" in err.getvalue()
    assert repr(json.loads((root / "candidates.json").read_text(encoding="utf-8"))["candidates"]) == repr(rows)  # left as it was (NaN too)


def test_review_items_ignore_a_feature_whose_id_or_point_is_malformed(tmp_path: Path) -> None:
    placed = {**GOOD_ROW, "status": "low-confidence", "site": "beta", "confidence": 0.4, "lat": 51.4, "lon": 31.5}
    root = write_workspace(tmp_path / "ws", [feature(["list-id"], "Listy"), feature("gamma", "Gamma", point="nowhere")])
    (root / "candidates.json").write_text(json.dumps({"candidates": [placed]}), encoding="utf-8")
    (item,) = review_items(root)
    assert (item.site_id, item.place, item.lon, item.lat) == ("beta", "Betaville", 31.5, 51.4)


def _unreadable_articles(root: Path) -> None:
    os.chmod(root / "articles", 0)


def test_an_articles_folder_that_cannot_be_read_is_a_problem(tmp_path: Path) -> None:
    """As root, permissions do not stop reads: the open then runs with the effective uid of nobody
    (saved uid root, restored after), so the kernel really refuses the listing."""
    base = Path(tempfile.mkdtemp(prefix="mv-unreadable-"))
    try:
        os.chmod(base, 0o755)
        root = write_workspace(base / "ws", entries=[])
        os.chmod(root, 0o755)
        _unreadable_articles(root)
        if os.geteuid() == 0:
            os.seteuid(65534)
            try:
                ws = open_workspace(root)
            finally:
                os.seteuid(0)
        else:
            ws = open_workspace(root)
        assert {"alpha", "beta"} <= ws.site_by_id.keys()
        assert ws.articles == []
        problem_about(ws.problems, "articles", "cannot list the articles folder", "Permission denied")
    finally:
        os.chmod(base / "ws" / "articles", 0o755)
        for p in sorted(base.rglob("*"), reverse=True):
            p.unlink() if not p.is_dir() or p.is_symlink() else p.rmdir()
        base.rmdir()


def test_the_window_shows_articles_and_sites_whose_fields_had_wrong_types(qtbot, tmp_path: Path) -> None:
    from mapviewer.qt.reader import ReaderPane
    from mapviewer.qt.site_table import SiteTableModel

    root = write_workspace(tmp_path / "ws", [feature("gamma", "Gamma", country=["x"], kind={"k": 1})],
                           entries=[{"id": "other", "file": "other.txt", "title": 12345, "outlet": ["x"], "date": 2024, "url": {"u": 1}}])
    (root / "articles" / "other.txt").write_text("Other\n\nA convoy reached Alphaville and Gamma.\n", encoding="utf-8")
    ws = open_workspace(root)
    reader = ReaderPane()
    qtbot.addWidget(reader)
    for article in ws.articles:
        reader.show_article(article, [m for m in ws.mentions if m.article_id == article.id])
    model = SiteTableModel(ws)
    model.set_result(ws.filter(Filter()))
    texts = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert "Gamma" in texts


def assert_opens_without_sites(root: Path, *words: str, seconds: int = 30) -> None:
    """An unusable sites.geojson: the workspace still opens, with its articles and no sites, and one problem
    naming the file and what is wrong; `mapviewer sites` says so and exits 0 (`--strict`: 1)."""
    ws = open_workspace(root, seconds)
    assert ws.sites == [] and len(ws.articles) > 0
    problem_about(ws.problems, "sites.geojson", *words, "no sites were loaded")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "sites"], out, err) == 0
    assert "sites.geojson" in err.getvalue() and words[0] in err.getvalue()
    assert main(["--data", str(root), "--strict", "sites"], io.StringIO(), io.StringIO()) == 1
