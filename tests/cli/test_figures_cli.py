"""`mapviewer figures`, `mapviewer figures --conflicts`, `mapviewer flows` and the flows in the GeoJSON export,
run in-process through main(argv, out, err) on the bundled corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from test_cli import run, run_json

from mapviewer.core import export_data
from mapviewer.core.filters import Filter
from mapviewer.core.flows import Place, point_of
from mapviewer.status import ExitStatus


def test_every_figure_says_what_it_counts_where_and_how_certain():
    rows = run_json("figures")
    assert len(rows) >= 40
    for r in rows:
        assert {"site", "article", "mention", "unit", "what", "text", "certainty"} <= set(r)
        assert ("value" in r) or ("low" in r and "high" in r) or r["bound"] == "relation"
    over = next(r for r in rows if r["text"] == "over 6,000 military engineers")
    assert (over["site"], over["bound"], over["low"], over["unit"], over["certainty"]) == (
        "kursk-oblast", "more_than", 6000, "engineers", "reported")  # "it was confirmed that": a statement
    assert over["mention"].startswith("ghost-factories")


def test_figures_of_one_site():
    rows = run_json("figures", "alabuga-sez")
    assert rows and all(r["site"] == "alabuga-sez" and "alabuga-sez" in r["sites"] for r in rows)
    assert any(r["text"] == "up to 25,000 workers" and r["high"] == 25000 and "value" not in r for r in rows)


def test_the_kursk_conflict_shows_engineers_and_workers():
    code, out, err = run("figures", "--conflicts")
    assert code == 0, err
    block = out.split("Kursk Oblast (kursk-oblast)")[1]
    assert "engineers" in block and "workers" in block and "sappers" in block
    assert "“over 6,000 military engineers”" in block and "“at least 5,000 civilian workers”" in block
    groups = run_json("figures", "--conflicts")
    kursk = next(g for g in groups if g["site"] == "kursk-oblast")
    assert kursk["spread"] == [1000, 6000]
    assert kursk["articles"] == ["alabuga-drone-workers", "ghost-factories"]


def test_figure_filters_work_as_for_sites_and_passages():
    every = run_json("figures")
    speculative = run_json("figures", "--certainty", "speculative")
    assert speculative and all(r["certainty"] == "speculative" for r in speculative)
    one = run_json("figures", "--article", "nis-kursk-deployment")
    assert one and {r["article"] for r in one} == {"nis-kursk-deployment"}
    sappers = run_json("figures", "--search", "SAPPERS")
    assert [r["text"] for r in sappers if r["unit"] == "sappers"] == ["1,000 North Korean sappers"]
    by_site_name = run_json("figures", "--search", "alabuga")
    assert any("alabuga-sez" in r["sites"] for r in by_site_name)
    weapons = run_json("figures", "--topic", "weapons")
    assert 0 < len(weapons) < len(every)


def test_bad_figure_arguments_exit_2_with_one_line():
    code, out, err = run("figures", "atlantis")
    assert code == ExitStatus.USAGE and out == "" and err.count("\n") == 1 and "unknown site 'atlantis'" in err
    code, _, err = run("flows", "--certainty", "sure")
    assert code == ExitStatus.USAGE and "unknown certainty 'sure'" in err


def test_every_flow_has_its_ends_what_and_certainty():
    rows = run_json("flows")
    assert len(rows) >= 15
    for r in rows:
        assert {"origin", "destination", "what", "quantity", "article", "mention", "certainty"} <= set(r)
    kursk = [r for r in rows if r["destination"].get("site") == "kursk-oblast" and r["what"] == "engineers"]
    assert kursk[0]["origin"]["iso"] == "KP" and kursk[0]["quantity"]["low"] == 6000
    code, out, _ = run("flows", "--article", "alabuga-drone-workers")
    assert code == 0 and "North Korea → Kursk Oblast: sappers [1,000 North Korean sappers]" in out
    assert out.strip().endswith("flows") and "ghost-factories" not in out


def test_geojson_export_adds_flows_after_the_unchanged_sites(ws, tmp_path):
    out = tmp_path / "map.geojson"
    code, _, err = run("export", str(out))
    assert code == 0, err
    doc = json.loads(out.read_text(encoding="utf-8"))
    sites = export_data.geojson(ws, Filter())["features"]
    assert doc["features"][: len(sites)] == sites
    flows = doc["features"][len(sites) :]
    assert doc["metadata"]["sites"] == len(sites) and doc["metadata"]["flows"] == len(flows) >= 15
    for f in flows:
        p = f["properties"]
        assert p["feature"] == "flow" and f["geometry"]["type"] == "LineString"
        origin = Place(site=p["origin"].get("site"), iso=p["origin"].get("iso"))
        destination = Place(site=p["destination"].get("site"), iso=p["destination"].get("iso"))
        coords = f["geometry"]["coordinates"]
        assert tuple(coords[0]) == point_of(ws, origin) and tuple(coords[-1]) == point_of(ws, destination)
        assert len(coords) == 2 + len(p["via"])
    assert all("feature" not in f["properties"] for f in sites)


def test_the_geojson_sites_are_written_byte_for_byte_as_before(ws):
    """The site features' JSON text in the file is the text of the unchanged `geojson()` document."""
    text = export_data.geojson_text(ws, Filter())
    doc = export_data.geojson(ws, Filter())
    before = json.dumps(doc, ensure_ascii=False, indent=1)
    head = before[: before.rindex("]")].rstrip()  # everything up to the end of the last site feature
    assert text.startswith(head[: head.index('"exported"')])
    assert head[head.index('"features"') :] in text


def test_the_geojson_flows_follow_the_filter(ws, tmp_path):
    out = tmp_path / "alleged.geojson"
    code, _, err = run("export", str(out), "--certainty", "alleged")
    assert code == 0, err
    flows = [f for f in json.loads(out.read_text(encoding="utf-8"))["features"] if f["properties"].get("feature") == "flow"]
    assert flows and all(f["properties"]["certainty"] == "alleged" for f in flows)


def test_opening_a_workspace_or_listing_sites_computes_no_figures_or_flows(tmp_path):
    """Figures and flows are computed when first asked for: a fresh process that opens the workspace and runs
    `mapviewer sites` never imports their modules (so opening costs what it cost before)."""
    code = (
        "import io, sys\n"
        "from mapviewer.cli import main\n"
        "assert main(['sites', '--json'], io.StringIO(), io.StringIO()) == 0\n"
        "print(sorted(m for m in sys.modules if m in ('mapviewer.core.figures', 'mapviewer.core.flows')))\n"
    )
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_article_text_cannot_drive_the_terminal(tmp_path):
    """Escape sequences and bidi overrides in an article reach the terminal as visible escapes, never raw."""
    feature = {"type": "Feature", "properties": {"id": "alpha", "name": "Alphaville", "coord_source": "test fixture"},
               "geometry": {"type": "Point", "coordinates": [10.0, 45.0]}}
    (tmp_path / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "note.txt").write_text(
        "Note\n\nNorth Korea sent 300 \x1b[31mengineers\u202e to Alphaville.\n", encoding="utf-8")
    for command in ("figures", "flows"):
        code, out, err = run("--data", str(tmp_path), command)
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out
    from mapviewer.evidence_cli import _clean

    assert _clean("300 \x1b[31mengineers\u202e") == "300 \\u001b[31mengineers\\u202e"
    assert _clean("Kursk\u00a0region") == "Kursk\u00a0region"  # a no-break space is text, kept
