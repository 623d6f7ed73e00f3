"""Exports that need no Qt: GeoJSON, KML, the standalone HTML's structure, CLI arguments and exit codes.

Real files in tmp_path; the bundled corpus; no mocks. Rendered exports (PNG/PDF, the window) are in
test_export_render.py, the standalone page in a real browser in test_export_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from mapviewer.cli import main
from mapviewer.core import export_data
from mapviewer.core.export_html import describe_config, standalone_html
from mapviewer.core.filters import Filter
from mapviewer.core.mapdata import visibility

FILTERS = [
    Filter(),
    Filter(certainties=frozenset({"confirmed"})),
    Filter(certainties=frozenset({"reported", "alleged"}), topics=frozenset({"tunnelling", "underground"})),
    Filter(articles=frozenset({"ghost-factories"})),
    Filter(text="kursk"),
    Filter(certainties=frozenset()),
]


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


# ---- GeoJSON / KML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.describe())
def test_geojson_features_are_the_cores_filtered_sites(ws, flt):
    doc = export_data.geojson(ws, flt)
    result = ws.filter(flt)
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == result.site_ids
    passage_ids = [p["mention"] for f in doc["features"] for p in f["properties"]["passages"]]
    assert sorted(passage_ids) == sorted(result.mention_ids)
    for f in doc["features"]:
        site = ws.site_by_id[f["id"]]
        props = f["properties"]
        assert props["mention_count"] == len(props["passages"]) > 0
        assert props["certainty"] == ws.strongest_certainty(ws.mentions_of(site.id, result))
        if site.is_area:
            assert f["geometry"] == site.geometry
        else:
            assert f["geometry"] == {"type": "Point", "coordinates": [site.lon, site.lat]}
        for key in ("id", "name", "aliases", "kind", "country", "precision", "coord_source"):
            assert key in props
        for p in props["passages"]:
            m = ws.mention_by_id[p["mention"]]
            assert (p["article"], p["paragraph"], p["span"], p["text"]) == (m.article_id, m.paragraph, [m.start, m.end], m.sentence)
            assert p["article_title"] == ws.article_label(m.article_id)


def test_geojson_cli_matches_the_sites_command(ws, tmp_path):
    out = tmp_path / "sites.geojson"
    code, stdout, err = run(["export", str(out), "--certainty", "reported", "--topic", "weapons"])
    assert code == 0, err
    assert str(out) in stdout
    doc = json.loads(out.read_text(encoding="utf-8"))
    code, stdout, _ = run(["sites", "--certainty", "reported", "--topic", "weapons", "--json"])
    sites = [f for f in doc["features"] if f["properties"].get("feature") != "flow"]  # flows follow the sites
    assert [f["id"] for f in sites] == [r["id"] for r in json.loads(stdout)]
    assert doc["metadata"]["filter"] == Filter(certainties=frozenset({"reported"}), topics=frozenset({"weapons"})).describe()
    assert list(tmp_path.iterdir()) == [out]  # no temp file left
    assert out.stat().st_mode & 0o044, "readable like any file the user saves (not the temp file's 0600)"


def test_kml_is_valid_xml_with_every_visible_site(ws, tmp_path):
    out = tmp_path / "map.kml"
    code, _, err = run(["export", str(out), "--search", "korea"])
    assert code == 0, err
    root = ET.parse(out).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    ids = [p.get("id") for p in root.iterfind(".//k:Placemark", ns)]
    sites = [i for i in ids if not i.startswith("flow:")]  # the flows follow the sites (tests/cli/test_figures_filters.py)
    assert sites == ws.filter(Filter(text="korea")).site_ids and ids[: len(sites)] == sites
    assert root.find(".//k:Placemark/k:Polygon", ns) is not None or root.find(".//k:Placemark/k:MultiGeometry", ns) is not None


# ---- standalone HTML structure ------------------------------------------------------------------------

_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S | re.I)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_standalone_html_inlines_everything_and_its_csp_admits_exactly_its_scripts(ws):
    flt = Filter(certainties=frozenset({"confirmed", "reported"}))
    html = standalone_html(ws, flt)
    assert "app://" not in html and "mv-inline-asset" not in html
    assert not re.search(r"<script[^>]+src=", html, re.I), "every script is inline"
    assert not re.search(r"<link[^>]+stylesheet", html, re.I), "every stylesheet is inline"
    assert "images/layers.png" not in html and "data:image/png;base64," in html
    policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert len(policies) == 1
    script_src = re.search(r"script-src ([^;]*);", policies[0]).group(1).split()
    scripts = _INLINE.findall(html)
    assert len(scripts) >= 6  # leaflet, world, basemap, mapviewer, folium's map, the export bootstrap
    assert sorted(script_src) == sorted({_sha(s) for s in scripts}), "exactly the inline scripts, nothing else"
    assert "connect-src 'none'" in policies[0]
    # The CSP must come before every script so it covers them all.
    assert html.index("Content-Security-Policy") < html.index("<script")
    # A file opened from disk declares its charset within its first 1024 bytes, before the data and
    # before a title of any length.
    assert html.encode("utf-8").index(b"charset=UTF-8") < 1024 and html.index("charset=UTF-8") < html.index('id="mv-data"')
    titled = standalone_html(ws, flt, title="Кусонг " * 400)
    assert titled.encode("utf-8").index(b"charset=UTF-8") < 200 < titled.encode("utf-8").index("Кусонг".encode())
    config = describe_config(html)
    vis = visibility(ws, ws.filter(flt))
    assert (config["sites"], config["mentions"]) == (vis["sites"], vis["mentions"])
    assert config["filter"] == flt.describe({a.id: a.title for a in ws.articles})


def test_standalone_html_cli_and_exit_codes(tmp_path):
    out = tmp_path / "map.html"
    code, stdout, err = run(["export", str(out), "--bbox", "20,40,45,60", "--article", "nis-kursk-deployment"])
    assert code == 0, err
    assert f"wrote {out}" in stdout
    assert describe_config(out.read_text(encoding="utf-8"))["bbox"] == [20, 40, 45, 60]


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--size", "big"], "--size"),
        (["--size", "10x10"], "--size"),
        (["--bbox", "1,2,3"], "--bbox"),
        (["--bbox", "0,50,10,40"], "--bbox"),
        (["--basemap", "googlemaps"], "basemap"),
        (["--scale", "0"], "--scale"),
        (["--size", "9000x9000", "--scale", "2"], "too large"),
        (["--certainty", "sure"], "certainty"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, extra, message):
    code, _out, err = run(["export", str(tmp_path / "map.png"), *extra])
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_bad_extension_exits_2(tmp_path):
    code, _, err = run(["export", str(tmp_path / "map.docx")])
    assert code == 2 and ".png" in err and err.count("\n") == 1


@pytest.mark.parametrize("name", ["map.geojson", "map.html", "map.kml"])
def test_unwritable_output_exits_1_and_leaves_nothing(tmp_path, capsys, name):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, out, err = run(["export", str(blocker / name)])
    assert code == 1 and out == ""
    assert "cannot write" in err and err.count("\n") == 1
    assert capsys.readouterr().err == ""  # the stream it was given, not sys.stderr
    code, _, _ = run(["export", str(tmp_path / "missing" / name)])
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_failed_write_keeps_the_previous_file(tmp_path, capsys):
    """A vanished folder mid-write: the writer reports it, keeps the old file and leaves no temp."""
    from mapviewer.core.exporters import ExportFailed, write_atomic

    target = tmp_path / "map.geojson"
    target.write_text("old")
    (tmp_path / "sub").mkdir()
    with pytest.raises(ExportFailed):
        write_atomic(tmp_path / "sub" / "gone" / "x.geojson", b"new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.geojson", "sub"]


def test_data_exports_do_not_import_qt(tmp_path):
    script = (
        "import sys, io\n"
        "from mapviewer.cli import main\n"
        f"for name in ('a.geojson', 'a.kml', 'a.html'):\n"
        f"    assert main(['export', {str(tmp_path)!r} + '/' + name], io.StringIO(), io.StringIO()) == 0\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.geojson", "a.html", "a.kml"]


def test_negative_bbox_is_read_as_typed(tmp_path):
    """`--bbox -10,30,150,70` (a west edge in the western hemisphere) needs no `=`."""
    out = tmp_path / "west.html"
    code, _, err = run(["export", str(out), "--bbox", "-10.5,-30,150,70"])
    assert code == 0, err
    assert describe_config(out.read_text(encoding="utf-8"))["bbox"] == [-10.5, -30, 150, 70]


def test_article_text_that_looks_like_the_exports_markers_is_only_data(tmp_path):
    """`mv-inline-asset:` and the page's placeholders in an article: the export neither fails nor
    rewrites them, and its policy still admits exactly the page's own scripts."""
    from hostile import write_hostile_workspace

    from mapviewer.core.workspace import Workspace

    marker = 'mv-inline-asset: <script src="mv-inline-asset:map/mapviewer.js"></script> @@MAPVIEWER_DATA_JSON@@ @@MAPVIEWER_EXPORT_JSON@@'
    root = write_hostile_workspace(tmp_path / "markers", title=marker)
    ws = Workspace.open(root)
    html = standalone_html(ws, Filter())
    assert html.count("mv-inline-asset:") == 2  # the title and the text, in the data only
    assert 'src="mv-inline-asset' not in html and "@@MAPVIEWER_EXPORT_JSON@@" in html
    policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    script_src = re.search(r"script-src ([^;]*);", policies[0]).group(1).split()
    assert sorted(script_src) == sorted({_sha(s) for s in _INLINE.findall(html)})
