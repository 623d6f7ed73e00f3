"""The ingest reference list is a data file (assets/gazetteer/reference.geojson), read like sites.geojson:
each kind of bad row is one problem naming the file, the feature, the field and what is wrong, and every
other row still loads. (What the rows say, and that they are sourced, is tests/core/test_ingest_reference.py.)"""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.cli import main
from mapviewer.core.ingest import reference
from mapviewer.core.ingest.reference import REFERENCE_FILE, UNSOURCED, Ref, load_reference

SHIPPED = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


def _good(label: str, **props: object) -> dict:
    name = label
    base = {
        "name": name, "aliases": [f"{name} Alias"], "kind": "site", "country": "KP", "precision": "exact",
        "source": f"https://example.org/wiki/{name.replace(' ', '_')}", "source_title": f"Example '{name}'",
        "source_coord": "39°N 125°E", "note": "",
    }  # fmt: skip
    base.update(props)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [125.0, 39.0]}, "properties": base}


def _write(tmp_path: Path, features: list, text: str | None = None) -> Path:
    path = tmp_path / "reference.geojson"
    path.write_text(
        text if text is not None else json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return path


def test_the_shipped_rows_are_package_data_and_load_clean() -> None:
    assert REFERENCE_FILE == paths.ASSETS / "gazetteer" / "reference.geojson" and REFERENCE_FILE.is_file()
    rows, problems = load_reference()
    assert problems == [] and reference.REFERENCE_PROBLEMS == []
    assert rows == reference.REFERENCE and len(rows) == len(SHIPPED["features"]) >= 50
    sohae = next(r for r in rows if r.name == "Sohae Satellite Launching Station")
    assert (sohae.lat, sohae.lon, sohae.precision, sohae.country) == (39.66, 124.705, "exact", "KP")
    assert "Sohae" in sohae.aliases and sohae.source.startswith("https://en.wikipedia.org/")
    unsourced = [r for r in rows if r.source == UNSOURCED]
    assert unsourced and all(r.note and r.coord_source().startswith(UNSOURCED) for r in unsourced)


def test_a_file_of_good_rows_loads_every_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _good("Alpha Site", note="a note"),
            _good("Beta Site", source=UNSOURCED, source_title="", source_coord="", note="from memory"),
        ],
    )
    rows, problems = load_reference(path)
    assert problems == []
    assert rows[0] == Ref("Alpha Site", ("Alpha Site Alias",), "site", "KP", 39.0, 125.0, "exact",
                          "https://example.org/wiki/Alpha_Site", "Example 'Alpha Site'", "39°N 125°E", "a note")  # fmt: skip
    assert not rows[1].sourced and rows[1].coord_source().startswith(UNSOURCED)


def _geometry(geometry: object) -> dict:
    f = _good("Bad Site")
    f["geometry"] = geometry
    return f


BAD_ROWS = [
    ("not a feature", ["x"], None, "not a GeoJSON Feature"),
    ("properties not an object", [{"type": "Feature", "geometry": None, "properties": []}], None, '"properties" must be an object'),
    ("name missing", [_good("Bad Site", name="")], None, '"name" is missing or empty'),
    ("name not a string", [_good("Bad Site", name=12)], "feature 2", '"name" must be a string, not 12'),
    ("aliases not a list", [_good("Bad Site", aliases="Sohae")], "'Bad Site'", '"aliases" must be a list of non-empty strings'),
    ("an empty alias", [_good("Bad Site", aliases=["ok", " "])], "'Bad Site'", '"aliases" must be a list of non-empty strings'),
    ("kind missing", [_good("Bad Site", kind="")], "'Bad Site'", '"kind" is missing or empty'),
    ("kind unknown", [_good("Bad Site", kind="missile-base")], "'Bad Site'", "\"kind\" 'missile-base' is not a known kind of site"),
    ("country not ISO", [_good("Bad Site", country="Korea")], "'Bad Site'", "\"country\" 'Korea' is not an ISO 3166 alpha-2 code"),
    ("precision unknown", [_good("Bad Site", precision="rough")], "'Bad Site'", "\"precision\" 'rough' is not one of exact, approximate, region"),
    ("geometry not a point", [_geometry({"type": "LineString", "coordinates": [[1, 2], [3, 4]]})], "'Bad Site'", '"geometry" must be a GeoJSON Point'),
    ("coordinate out of range", [_geometry({"type": "Point", "coordinates": [125.0, 95.0]})], "'Bad Site'", "out of range"),
    ("coordinate not a number", [_geometry({"type": "Point", "coordinates": ["125", 39.0]})], "'Bad Site'", "not a finite number"),
    ("source not a URL", [_good("Bad Site", source="wikipedia")], "'Bad Site'", "\"source\" 'wikipedia' is not an https:// URL or UNSOURCED"),
    ("sourced without a title", [_good("Bad Site", source_title="")], "'Bad Site'", '"source_title" is missing or empty'),
    ("sourced without the coordinate quoted", [_good("Bad Site", source_coord="")], "'Bad Site'", '"source_coord" is missing or empty'),
    ("unsourced without a note", [_good("Bad Site", source=UNSOURCED, source_title="", source_coord="")], "'Bad Site'",
     '"note": an UNSOURCED row must say why'),
    ("unsourced quoting a source", [_good("Bad Site", source=UNSOURCED, source_title="", note="memory")], "'Bad Site'",
     '"source_title" and "source_coord" must be empty in an UNSOURCED row'),
    ("note not a string", [_good("Bad Site", note=["x"])], "'Bad Site'", "\"note\" must be a string, not ['x']"),
    ("an alias another row has", [_good("Bad Site", aliases=["good site one"])], "'Bad Site'",
     "\"aliases\": 'good site one' already names the row 'Good Site One'"),
    ("a name another row has", [_good("GOOD SITE TWO")], "'GOOD SITE TWO'", "\"name\": 'GOOD SITE TWO' already names the row 'Good Site Two'"),
]  # fmt: skip


@pytest.mark.parametrize(("bad", "where", "message"), [b[1:] for b in BAD_ROWS], ids=[b[0] for b in BAD_ROWS])
def test_each_kind_of_bad_row_is_named_and_the_rest_load(tmp_path: Path, bad: list, where: str | None, message: str) -> None:
    good = [_good("Good Site One"), _good("Good Site Two")]
    path = _write(tmp_path, [good[0], good[1], *bad])
    rows, problems = load_reference(path)
    assert [r.name for r in rows] == ["Good Site One", "Good Site Two"]
    assert len(problems) == 1, problems
    p = problems[0]
    assert p.file == str(path) and p.where.startswith("feature 2") and (where is None or where in p.where)
    assert message in p.message and p.message.endswith("row left out")
    assert str(p).startswith(f"{path}: feature 2")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "FeatureCollection", "features": [\n  {"type": "Feature",,}\n]}', "line 2 column"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "x": NaN}]}', None),
        ("[1, 2]", 'not a GeoJSON FeatureCollection with a "features" list'),
        ('{"type": "FeatureCollection", "features": {}}', 'not a GeoJSON FeatureCollection with a "features" list'),
        ("\xff\xfe", "not UTF-8"),
    ],
    ids=["bad JSON", "NaN", "a list", "features not a list", "not UTF-8"],
)
def test_a_file_that_cannot_be_used_is_one_problem_and_no_rows(tmp_path: Path, text: str, message: str | None) -> None:
    path = tmp_path / "reference.geojson"
    path.write_bytes(text.encode("latin-1"))
    rows, problems = load_reference(path)
    if message is None:  # NaN is refused: the row goes, with a problem naming it
        assert rows == () and len(problems) == 1 and problems[0].where == "feature 0"
        return
    assert rows == () and len(problems) == 1
    assert problems[0].file == str(path) and message in problems[0].message


def test_a_fifo_in_place_of_the_file_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "reference.geojson"
    os.mkfifo(path)
    result: list = []
    t = threading.Thread(target=lambda: result.append(load_reference(path)), daemon=True)
    t.start()
    t.join(10)
    assert result, "reading a FIFO blocked"
    rows, problems = result[0]
    assert rows == () and len(problems) == 1 and problems[0].file == str(path)
    assert "FIFO" in problems[0].message or "not a regular file" in problems[0].message, problems


def test_ingest_names_the_bad_rows_of_the_shipped_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, [_good("Good Site One"), _good("Bad Site", precision="rough")])
    _, problems = load_reference(path)
    monkeypatch.setattr(reference, "REFERENCE_PROBLEMS", problems)
    monkeypatch.setenv("MAPVIEWER_USER_DIR", str(tmp_path / "user"))
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nTroops moved through the town of Sudzha on Monday.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path / "ws"), "ingest", str(article)], out=out, err=err) == 0
    assert f"warning: {path}: feature 1 ('Bad Site'): \"precision\" 'rough'" in err.getvalue()
    assert "1 of 1 files ingested" in out.getvalue()
