"""The headless `mapviewer` subcommands, run in-process through main(argv, out, err)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.cli import main
from mapviewer.core.model import CERTAINTIES, TOPIC_CHOICES


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def run_json(*argv: str):
    code, out, err = run(*argv, "--json")
    assert code == 0, err
    return json.loads(out)


def _workspace(root: Path, site_name: str = "Alphaville") -> Path:
    feature = {
        "type": "Feature",
        "properties": {"id": "alpha", "name": site_name, "coord_source": "test fixture"},
        "geometry": {"type": "Point", "coordinates": [10.0, 45.0]},
    }
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    (root / "articles").mkdir()
    (root / "articles" / "note.txt").write_text(f"Note\n\nTroops were sent to {site_name}.\n", encoding="utf-8")
    return root


# --- articles -------------------------------------------------------------------------------------


def test_articles_lists_the_four_bundled_articles_with_counts():
    rows = run_json("articles")
    by_id = {r["id"]: r for r in rows}
    assert list(by_id) == ["ghost-factories", "nysun-tunnel-engineers", "alabuga-drone-workers", "nis-kursk-deployment"]
    assert by_id["nysun-tunnel-engineers"]["outlet"] == "The New York Sun"
    assert by_id["alabuga-drone-workers"]["title"] == "North Korean workers for the Alabuga drone plant"
    assert all(r["mentions"] > 0 and r["paragraphs"] > 0 for r in rows)
    assert set(rows[0]) == {"id", "title", "outlet", "date", "url", "paragraphs", "mentions",
                            "date_source", "sha256", "added", "original_file", "text_changed"}
    # Provenance of the four bundled texts: a date with its researched source, the text's hash, and the URL the
    # text was found at (the one its date source names first).
    for r in rows:
        assert r["date"] and r["date_source"] and len(r["sha256"]) == 64 and r["original_file"], r["id"]
        assert r["url"].startswith("https://") and r["url"] in r["date_source"], r["id"]
        # when they came into the project: the commit that bundled them (README, "added")
        assert r["added"] == "2026-11-23T16:19:41+00:00", r["id"]


def test_articles_table_has_a_header_and_one_row_per_article():
    code, out, err = run("articles")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["id", "title"]
    assert set(lines[1]) <= {"-", " "}
    assert [line.split()[0] for line in lines[2:]] == ["ghost-factories", "nysun-tunnel-engineers", "alabuga-drone-workers", "nis-kursk-deployment"]


# --- sites ----------------------------------------------------------------------------------------


def test_sites_of_one_article_are_the_places_it_names():
    rows = run_json("sites", "--article", "nysun-tunnel-engineers")
    ids = {r["id"] for r in rows}
    assert {"pivnichne", "avdiivka", "toretsk", "naypyidaw", "hanoi", "dmz", "southern-lebanon", "yunkom-mine"} <= ids
    assert "alabuga-sez" not in ids and "tatarstan" not in ids and "kusong" not in ids
    assert all(r["articles"] == ["nysun-tunnel-engineers"] for r in rows)


def test_sites_json_row_fields():
    rows = run_json("sites", "--article", "nysun-tunnel-engineers")
    pivnichne = next(r for r in rows if r["id"] == "pivnichne")
    assert pivnichne["name"] == "Pivnichne"
    assert pivnichne["lat"] == pytest.approx(48.39, abs=0.02) and pivnichne["lon"] == pytest.approx(37.9, abs=0.03)
    assert pivnichne["geometry"] == "Point"
    assert pivnichne["mentions"] == 2  # the article names it twice
    assert pivnichne["coord_source"]
    assert set(pivnichne["certainties"]) <= set(CERTAINTIES) and pivnichne["certainties"]


def test_sites_filters_are_anded_across_kinds():
    tunnelling = {r["id"] for r in run_json("sites", "--topic", "tunnelling")}
    nysun = {r["id"] for r in run_json("sites", "--article", "nysun-tunnel-engineers")}
    both = {r["id"] for r in run_json("sites", "--topic", "tunnelling", "--article", "nysun-tunnel-engineers")}
    assert both == tunnelling & nysun
    assert both and both != nysun


def test_sites_repeated_option_ors_its_values():
    one = {r["id"] for r in run_json("sites", "--article", "ghost-factories")}
    two = {r["id"] for r in run_json("sites", "--article", "alabuga-drone-workers")}
    both = {r["id"] for r in run_json("sites", "--article", "ghost-factories", "--article", "alabuga-drone-workers")}
    assert both == one | two


def test_sites_search_finds_a_site_by_alias():
    assert [r["id"] for r in run_json("sites", "--search", "Young Communard")] == ["yunkom-mine"]


def test_sites_table_ends_with_the_count():
    code, out, _ = run("sites", "--article", "alabuga-drone-workers")
    assert code == 0
    rows = run_json("sites", "--article", "alabuga-drone-workers")
    assert out.splitlines()[-1] == f"{len(rows)} sites"


# --- passages -------------------------------------------------------------------------------------


def test_passages_json_fields_point_at_the_article_text():
    rows = run_json("passages", "pivnichne")
    assert len(rows) == 2  # "Pivnichne" occurs twice in the New York Sun article, nowhere else
    article_text = (paths.BUNDLED_ARTICLES / "nysun-tunnel-engineers.txt").read_text(encoding="utf-8")
    for r in rows:
        assert set(r) == {
            "mention", "article", "article_title", "paragraph", "span", "surface", "text",
            "certainty", "topics", "label_source", "evidence", "when",
        }
        assert r["article"] == "nysun-tunnel-engineers"
        assert r["article_title"].startswith("Exclusive: Russia")
        start, end = r["span"]
        assert article_text[start:end] == r["surface"] == "Pivnichne"
        assert r["surface"] in r["text"] and r["text"] in article_text
        assert r["mention"] == f"nysun-tunnel-engineers:{start}"
        assert r["certainty"] in CERTAINTIES
        assert set(r["topics"]) <= set(TOPIC_CHOICES)
        assert r["label_source"] == "rules" and r["evidence"]
    assert any("tunneled below Ukrainian positions" in r["text"] for r in rows)


def test_passages_of_a_known_site_narrowed_to_nothing():
    assert run_json("passages", "pivnichne", "--article", "ghost-factories") == []


# --- bad values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "bad", "choices"),
    [
        (["sites", "--article", "nysun"], "'nysun'", ["nysun-tunnel-engineers", "ghost-factories"]),
        (["passages", "atlantis"], "'atlantis'", ["pivnichne", "pyongyang"]),
        (["sites", "--certainty", "sure"], "'sure'", list(CERTAINTIES)),
        (["sites", "--topic", "mining"], "'mining'", list(TOPIC_CHOICES)),
        (["passages", "pivnichne", "--topic", "tunneling"], "'tunneling'", ["tunnelling"]),
    ],
    ids=["article", "site", "certainty", "topic", "passages-topic"],
)
def test_unknown_value_exits_2_with_one_line_naming_it_and_the_choices(argv, bad, choices):
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mapviewer: error:")
    assert bad in err
    for choice in choices:
        assert choice in err


def test_missing_data_folder_exits_2(tmp_path):
    missing = tmp_path / "no-such-folder"
    code, out, err = run("--data", str(missing), "sites")
    assert code == 2 and out == ""
    assert str(missing) in err and err.count("\n") == 1


def test_data_folder_without_gazetteer_exits_2(tmp_path):
    (tmp_path / "articles").mkdir()
    code, _, err = run("--data", str(tmp_path), "sites")
    assert code == 2 and "sites.geojson" in err


def test_unknown_option_exits_2():
    code, _, err = run("sites", "--colour", "red")
    assert code == 2 and "--colour" in err


# --- where the data comes from --------------------------------------------------------------------


def test_mapviewer_data_env_var_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPVIEWER_DATA", str(_workspace(tmp_path)))
    assert [r["id"] for r in run_json("sites")] == ["alpha"]
    assert [r["id"] for r in run_json("articles")] == ["note"]


def test_data_option_wins_over_the_env_var(tmp_path, monkeypatch):
    env_ws = tmp_path / "env"
    env_ws.mkdir()
    arg_ws = tmp_path / "arg"
    arg_ws.mkdir()
    monkeypatch.setenv("MAPVIEWER_DATA", str(_workspace(env_ws, "Alphaville")))
    _workspace(arg_ws, "Betagrad")
    rows = run_json("--data", str(arg_ws), "sites")
    assert [r["name"] for r in rows] == ["Betagrad"]


def test_env_var_pointing_nowhere_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPVIEWER_DATA", str(tmp_path / "gone"))
    code, _, err = run("sites")
    assert code == 2 and "gone" in err


def test_python_dash_m_mapviewer_sites_runs_as_a_subprocess(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MAPVIEWER_DATA"}
    proc = subprocess.run(
        [sys.executable, "-m", "mapviewer", "sites", "--article", "ghost-factories"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0].split()[0] == "id"
    assert any(line.split()[0] == "mt-chonma" for line in lines[2:-1])
    assert lines[-1].endswith(" sites")
