"""`mapviewer ingest` and `mapviewer review`: real files in tmp_path, hostile input, atomic commits."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.cli import main
from mapviewer.core import commit
from mapviewer.core.corpus import make_article
from mapviewer.core.ingest import batch, places
from mapviewer.core.ingest.extract import MAX_BYTES, extract_file
from mapviewer.core.ingest.geocode import NominatimGeocoder
from mapviewer.core.mentions import AliasIndex

UKRAINE_TXT = """Title: Missiles hit Kharkiv
Source: Example Wire
Date: 2024-02-07
URL: https://example.org/kharkiv

Russia fired North Korean missiles at Kharkiv on Wednesday, Ukrainian officials said.
Fighting continued near Donetsk, where Ukrainian troops hold positions west of the city.
The strikes were condemned in Washington and Paris.
Satellite images show new work at the Zorbulak Launching Station, analysts said.
"""

HOSTILE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Yongbyon expands | Example Times</title>
<meta property="og:title" content="Yongbyon <b>expands</b>">
<meta property="og:site_name" content="Example Times">
<script>alert('boom'); document.write('Sinuiju')</script>
<style>.x{color:red}</style></head>
<body onload="alert(2)">
<nav><a href="/">Home</a> <a href="/moscow">Moscow desk</a></nav>
<header>Subscribe now</header>
<article><h1>Yongbyon <b>expands</b></h1>
<p onclick="steal()">New construction was seen at the Yongbyon Nuclear Scientific Research Center, analysts said.</p>
<img src=x onerror="alert(3)">
<p>Trucks also crossed the bridge at Sinuiju, according to &lt;b&gt;38 North&lt;/b&gt;.</p>
</article>
<aside>Most read: Odesa port</aside><footer>© Example Times</footer>
<form><input value="Belgorod"></form>
</body></html>
"""


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    src = tmp_path / "src"
    src.mkdir()
    f = {
        "txt": src / "kharkiv.txt",
        "md": src / "sohae.md",
        "html": src / "yongbyon.html",
        "latin1": src / "kerch.txt",
        "binary": src / "image.txt",
    }
    f["txt"].write_text(UKRAINE_TXT, encoding="utf-8")
    f["md"].write_text(
        "# Launch pad work at Sohae\n\nSource: Example Monitor\nDate: 2024-05-01\n\n"
        "Imagery shows **new** work at the [Sohae Satellite Launching Station](https://x.test), analysts said.\n",
        encoding="utf-8",
    )
    f["html"].write_text(HOSTILE_HTML, encoding="utf-8")
    f["latin1"].write_bytes(
        "Drones struck the Kerch Strait bridge near Kerch, officials said – café owners fled.\n".encode("cp1252")
    )
    f["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return f


def test_extract_text_header_and_markdown(files: dict[str, Path]) -> None:
    e = extract_file(files["txt"])
    assert (e.title, e.outlet, e.date, e.url) == (
        "Missiles hit Kharkiv",
        "Example Wire",
        "2024-02-07",
        "https://example.org/kharkiv",
    )
    assert "Source:" not in e.text and e.text.startswith("Missiles hit Kharkiv\n")
    m = extract_file(files["md"])
    assert m.title == "Launch pad work at Sohae" and m.outlet == "Example Monitor"
    assert "**" not in m.text and "https://x.test" not in m.text and "Sohae Satellite Launching Station" in m.text


def test_extract_html_drops_code_and_chrome(files: dict[str, Path]) -> None:
    e = extract_file(files["html"])
    assert e.title == "Yongbyon expands" and e.outlet == "Example Times"
    for junk in ("alert", "document.write", "color:red", "Home", "Moscow desk", "Subscribe", "Odesa", "Belgorod", "steal", "©"):
        assert junk not in e.text, junk
    assert "Yongbyon Nuclear Scientific Research Center" in e.text
    assert "<b>38 North</b>" in e.text  # escaped markup is text, kept as text, never parsed


def test_ingest_txt_into_new_data_folder(files: dict[str, Path], tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    code, out, err = run(["--data", str(ws), "ingest", str(files["txt"])])
    assert code == 0, err
    assert "1 of 1 files ingested" in out
    meta = json.loads((ws / "articles" / "articles.json").read_text(encoding="utf-8"))["articles"]
    assert meta[0]["id"] == "kharkiv" and meta[0]["outlet"] == "Example Wire" and meta[0]["url"] == "https://example.org/kharkiv"
    stored = (ws / "articles" / "kharkiv.txt").read_text(encoding="utf-8")
    assert stored == extract_file(files["txt"]).text
    code, out, _ = run(["--data", str(ws), "sites", "--article", "kharkiv", "--json"])
    assert code == 0
    sites = {r["name"]: r for r in json.loads(out)}
    assert abs(sites["Kharkiv"]["lat"] - 49.98) < 0.2
    donetsk = next(r for r in sites.values() if "Donetsk" in r["name"])
    assert donetsk["country"] in ("Ukraine", "UA") and abs(donetsk["lon"] - 37.8) < 0.3  # the Ukrainian city
    washington = next(r for r in sites.values() if r["name"].startswith("Washington"))
    assert abs(washington["lon"] + 77.04) < 0.2
    paris = next(r for r in sites.values() if r["name"] == "Paris")
    assert abs(paris["lon"] - 2.35) < 0.2
    features = json.loads((ws / "sites.geojson").read_text(encoding="utf-8"))["features"]
    for f in features:
        p = f["properties"]
        assert {
            "id",
            "name",
            "aliases",
            "kind",
            "country",
            "precision",
            "coord_source",
            "point",
            "provenance",
            "confidence",
        } <= set(p)
        assert p["provenance"] in ("gazetteer", "geocoder", "user")
        assert 0 <= p["confidence"] <= 1


def test_review_lists_unplaced(files: dict[str, Path], tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run(["--data", str(ws), "ingest", str(files["txt"])])[0] == 0
    code, out, _ = run(["--data", str(ws), "review", "--json"])
    assert code == 0
    rows = json.loads(out)
    zorbulak = next(r for r in rows if "Zorbulak" in r["name"])
    assert zorbulak["status"] == "unplaced" and zorbulak["lat"] is None
    assert {"name", "article", "paragraph", "span", "status", "confidence"} <= set(zorbulak)
    text = (ws / "articles" / "kharkiv.txt").read_text(encoding="utf-8")
    assert text[zorbulak["span"][0] : zorbulak["span"][1]] == zorbulak["name"]
    code, out, err = run(["--data", str(ws), "review", "--article", "nope"])
    assert code == 2 and out == "" and "unknown article 'nope'; choose from: kharkiv" in err


def test_batch_with_bad_files(files: dict[str, Path], tmp_path: Path) -> None:
    big = tmp_path / "src" / "huge.txt"
    with big.open("wb") as f:  # 50 MB, written sparsely-fast
        f.write(b"Kharkiv. " * (50 * 1024 * 1024 // 9 + 1))
    assert big.stat().st_size > MAX_BYTES
    ws = tmp_path / "ws"
    argv = [
        "--data",
        str(ws),
        "ingest",
        *map(str, (files["binary"], files["txt"], big, files["md"], files["html"], files["latin1"])),
    ]
    code, out, err = run(argv)
    assert code == 1
    assert f"{files['binary']}: binary file" in err
    assert f"{big}: file is 5" in err and "MB" in err
    assert "4 of 6 files ingested" in out
    assert "Windows-1252" in out  # the latin-1 file was read, and the user is told how
    ids = [a["id"] for a in json.loads((ws / "articles" / "articles.json").read_text(encoding="utf-8"))["articles"]]
    assert ids == ["kharkiv", "sohae", "yongbyon", "kerch"]
    assert "café" in (ws / "articles" / "kerch.txt").read_text(encoding="utf-8")
    code, out, _ = run(["--data", str(ws), "articles", "--json"])
    assert code == 0 and len(json.loads(out)) == 4
    for f in json.loads((ws / "sites.geojson").read_text(encoding="utf-8"))["features"]:
        for name in (f["properties"]["name"], *f["properties"]["aliases"]):
            assert not set(name) & set('<>&"`'), name


def test_reingest_is_skipped_not_duplicated(files: dict[str, Path], tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run(["--data", str(ws), "ingest", str(files["txt"])])
    before = snapshot(ws)
    code, out, _ = run(["--data", str(ws), "ingest", str(files["txt"])])
    assert code == 0 and "already ingested" in out
    assert snapshot(ws) == before


def test_crash_mid_commit_leaves_workspace_unchanged(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "ws"
    assert run(["--data", str(ws), "ingest", str(files["md"])])[0] == 0
    before = snapshot(ws)
    real = commit._write_synced
    calls = {"n": 0}

    def crashing(path: Path, data: bytes, mode: int = 0o644, sync: bool = True) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the journal and one text are written; the next new file fails
            raise OSError("disk full (simulated)")
        real(path, data, mode, sync)

    monkeypatch.setattr(commit, "_write_synced", crashing)
    code, _, err = run(["--data", str(ws), "ingest", str(files["txt"]), str(files["html"])])
    assert code == 1 and "disk full" in err
    monkeypatch.setattr(commit, "_write_synced", real)
    assert snapshot(ws) == before
    assert not [p for p in ws.rglob("*") if p.name.endswith(".tmp")]


def test_ctrl_c_leaves_workspace_unchanged(files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "ws"
    assert run(["--data", str(ws), "ingest", str(files["md"])])[0] == 0
    before = snapshot(ws)
    real = batch.find_candidates
    calls = {"n": 0}

    def interrupted(*args: object, **kwargs: object) -> list:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "find_candidates", interrupted)
    code, _, err = run(["--data", str(ws), "ingest", str(files["txt"]), str(files["html"]), str(files["latin1"])])
    assert code == 130 and "unchanged" in err
    assert snapshot(ws) == before


def test_default_user_workspace_is_merged_with_bundled(files: dict[str, Path]) -> None:
    bundled = paths.BUNDLED_ARTICLES / "articles.json"
    bundled_before = hashlib.sha256(bundled.read_bytes()).hexdigest()
    code, out, err = run(["ingest", str(files["txt"]), str(files["html"])])
    assert code == 0, err
    assert (paths.user_dir() / "workspace" / "articles" / "kharkiv.txt").exists()
    code, out, _ = run(["articles", "--json"])
    ids = [a["id"] for a in json.loads(out)]
    assert "kharkiv" in ids and "yongbyon" in ids and len(ids) > 2  # bundled ones are still there
    code, out, _ = run(["sites", "--article", "yongbyon", "--json"])
    names = {r["name"] for r in json.loads(out)}
    assert "Yongbyon Nuclear Scientific Research Center" in names
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == bundled_before


def test_progress_lines_for_many_files(files: dict[str, Path], tmp_path: Path) -> None:
    _, _, err = run(["--data", str(tmp_path / "ws"), "ingest", str(files["txt"]), str(files["md"])])
    assert "[1/2]" in err and "[2/2]" in err


def test_online_geocoder_is_cached_and_used_only_for_unplaced(tmp_path: Path) -> None:
    calls: list[tuple[str, str | None]] = []

    def fake(name: str, country: str | None) -> dict:
        calls.append((name, country))
        return {"lat": 40.0, "lon": 125.0, "name": f"{name}, somewhere"}

    geocoder = NominatimGeocoder(cache_file=tmp_path / "cache.json", query=fake)
    article = make_article(
        "a", "Satellite images show new work at the Zorbulak Launching Station, near Pyongyang, analysts said.\n"
    )
    found = places.find_candidates(article, AliasIndex([]), geocoder)
    z = next(c for c in found if "Zorbulak" in c.surface)
    assert z.place is not None and z.place.provenance == "geocoder"
    assert calls == [("Zorbulak Launching Station", "KP")]
    again = NominatimGeocoder(cache_file=tmp_path / "cache.json", query=fake)
    assert again("Zorbulak Launching Station", "KP") is not None and len(calls) == 1


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Ukrainian forces shelled positions around Donetsk as Kyiv pressed its offensive in Ukraine.", "Donetsk", "UA"),
        ("The White House said Washington would impose new sanctions on Russia.", "Washington", "US"),
        ("Diplomats met in Paris to discuss the war in Ukraine.", "Paris", "FR"),
    ],
)
def test_disambiguation_like_a_reader(text: str, surface: str, country: str) -> None:
    found = places.find_candidates(make_article("a", text + "\n"), AliasIndex([]))
    c = next(c for c in found if c.surface == surface)
    assert c.place is not None and c.place.country == country
