"""Hostile text and failing disks at the command line, run as real `mapviewer` processes.

Control characters in article text must not make invalid KML nor reach the terminal raw; the
README's own argument order (`ingest FILE --data DIR`) must work; an unknown article for `review` is
a usage error; a write that fails (the disk is full, the file too large) names the file; one file
that breaks ingest does not cost the rest of its batch.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.ingest import batch

EVAL = Path(__file__).parents[1] / "ingest_eval"
ESC = "\x1b[31;1mRED\x1b]0;pwned\x07"  # a colour and a window-title escape sequence


def mapviewer(*argv: str, limit_file_size: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real CLI; `limit_file_size` caps the size of any file it writes (RLIMIT_FSIZE), so
    a write past it fails with EFBIG as a write to a full disk fails with ENOSPC."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with an error, not a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [sys.executable, "-m", "mapviewer", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        preexec_fn=limit if limit_file_size is not None else None,
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The bundled corpus with escape sequences and XML-invalid characters in a passage and a title."""
    root = tmp_path / "ws"
    shutil.copyfile(paths.BUNDLED_SITES, root.parent / "sites.geojson")
    shutil.copytree(paths.BUNDLED_ARTICLES, root / "articles")
    shutil.move(root.parent / "sites.geojson", root / "sites.geojson")
    text_path = root / "articles" / "nysun-tunnel-engineers.txt"
    text = text_path.read_text(encoding="utf-8")
    text = text.replace("then at Pivnichne where", f"then at Pivnichne {ESC}\x1f\x08\ufffe where", 1)
    text_path.write_text(text, encoding="utf-8")
    meta_path = root / "articles" / "articles.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    for entry in meta["articles"]:
        entry.pop("sha256", None)
        if entry["id"] == "nysun-tunnel-engineers":
            entry["title"] = f"Tunnel {ESC} engineers\x01"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return root


def test_kml_with_control_characters_in_text_and_title_is_valid_xml(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.kml"
    proc = mapviewer("--data", str(hostile), "export", str(out), "--article", "nysun-tunnel-engineers")
    assert proc.returncode == 0, proc.stderr
    tree = ET.parse(out)  # a strict XML 1.0 parser: one forbidden character fails the whole file
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = {m.findtext("k:name", namespaces=ns): m for m in tree.getroot().iterfind(".//k:Placemark", ns)}
    description = marks["Pivnichne"].findtext("k:description", namespaces=ns)
    assert "then at Pivnichne [31;1mRED]0;pwned where" in description  # only the forbidden characters go
    assert "Tunnel [31;1mRED]0;pwned engineers" in description


def test_passages_never_prints_escape_sequences(hostile: Path) -> None:
    proc = mapviewer("--data", str(hostile), "passages", "pivnichne", "--article", "nysun-tunnel-engineers")
    assert proc.returncode == 0, proc.stderr
    assert not any(c in proc.stdout for c in "\x1b\x07\x1f\x08"), repr(proc.stdout)
    assert "Pivnichne \\x1b[31;1mRED\\x1b]0;pwned\\x07\\x1f\\x08" in proc.stdout
    articles = mapviewer("--data", str(hostile), "articles")
    assert "\x1b" not in articles.stdout and "Tunnel \\x1b[31;1mRED" in articles.stdout
    as_json = mapviewer("--data", str(hostile), "passages", "pivnichne", "--json")
    rows = json.loads(as_json.stdout)  # JSON keeps the text exactly, escaped by the encoder
    assert any(ESC in r["text"] for r in rows) and "\x1b" not in as_json.stdout


def test_global_options_after_the_subcommand(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    proc = mapviewer("ingest", str(EVAL / "yonhap-yongbyon.txt"), "--data", str(data))
    assert proc.returncode == 0, proc.stderr
    assert (data / "articles" / "articles.json").is_file()
    sites = mapviewer("sites", "--json", "--data", str(data), "--strict")
    assert sites.returncode == 0, sites.stderr
    assert "yongbyon-nuclear-scientific-research-center" in {r["id"] for r in json.loads(sites.stdout)}


def test_review_of_an_unknown_article_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    assert mapviewer("--data", str(data), "ingest", str(EVAL / "yonhap-yongbyon.txt")).returncode == 0
    proc = mapviewer("--data", str(data), "review", "--article", "nope")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == "mapviewer: error: unknown article 'nope'; choose from: yonhap-yongbyon\n"
    assert mapviewer("--data", str(data), "review", "--article", "yonhap-yongbyon").returncode == 0
    empty = mapviewer("--data", str(tmp_path / "none"), "review", "--article", "nope")
    assert empty.returncode == 2 and "no articles have been ingested" in empty.stderr


def test_a_failed_ingest_write_names_the_file_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    assert mapviewer("--data", str(data), "ingest", str(EVAL / "yonhap-yongbyon.txt")).returncode == 0
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    big = tmp_path / "big.txt"  # its text alone is larger than any file the process may write
    big.write_text("Troops moved near Kursk.\n\n" + "Trucks crossed the bridge at Sinuiju, officials said. " * 2000, encoding="utf-8")
    proc = mapviewer("--data", str(data), "ingest", str(big), limit_file_size=64 * 1024)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{data / 'articles' / 'big.txt'}: File too large" in proc.stderr
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_a_failed_export_write_names_the_file(tmp_path: Path) -> None:
    out = tmp_path / "map.geojson"
    proc = mapviewer("export", str(out), limit_file_size=4096)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"mapviewer: error: cannot write {out}: File too large"
    assert list(tmp_path.iterdir()) == []  # no half-written file, no temp file


def test_one_file_that_breaks_ingest_does_not_cost_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.find_candidates

    def breaks_on_tass(article, *args, **kwargs):  # an unforeseen bug on one article's text
        if article.id == "tass-vostochny":
            raise TypeError("unexpected")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(batch, "find_candidates", breaks_on_tass)
    files = [EVAL / "yonhap-yongbyon.txt", EVAL / "tass-vostochny.txt", EVAL / "csis-najin.txt"]
    report = batch.ingest(files, tmp_path / "ws")
    assert [(f.path.name, f.error) for f in report.failed] == [("tass-vostochny.txt", "cannot process: TypeError: unexpected")]
    meta = json.loads((tmp_path / "ws" / "articles" / "articles.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in meta["articles"]] == ["yonhap-yongbyon", "csis-najin"]


def test_review_leaves_out_malformed_candidate_rows_and_names_them(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    data.mkdir()
    good = {"name": "Zorbulak", "article": "a", "paragraph": 1, "span": [0, 8], "status": "unplaced", "confidence": 0.0}
    rows = [1, None, {"name": 5, "article": "a", "status": "unplaced", "span": [0, 1]}, {**good, "span": [None, 3]}, {**good, "lat": "x"}, good]
    (data / "candidates.json").write_text(json.dumps({"version": 1, "candidates": rows}), encoding="utf-8")
    proc = mapviewer("--data", str(data), "review")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    # The row stores the paragraph index 1 (0-based, as the text offsets): shown counted from 1, ¶2.
    assert proc.stdout.endswith("[unplaced] Zorbulak  (a ¶2 0–8; no coordinates; confidence 0.0)\n1 names to review\n")
    warnings = proc.stderr.splitlines()
    assert [w.split(": candidate ")[1].split(":")[0].split(" ")[0] for w in warnings] == ["0", "1", "2", "3", "4"]
    assert all(w.startswith(f"warning: {data / 'candidates.json'}: candidate ") for w in warnings)
    assert '"span" must be [start, end] offsets, not [None, 3]' in warnings[3]
    as_json = mapviewer("--data", str(data), "review", "--json")
    assert [r["name"] for r in json.loads(as_json.stdout)] == ["Zorbulak"]
    ingest = mapviewer("--data", str(data), "ingest", str(EVAL / "yonhap-yongbyon.txt"))
    assert ingest.returncode == 0 and "Traceback" not in ingest.stderr
    kept = json.loads((data / "candidates.json").read_text(encoding="utf-8"))["candidates"]
    assert kept[: len(rows)] == rows and {r["article"] for r in kept[len(rows) :]} == {"yonhap-yongbyon"}  # nothing dropped
    (data / "candidates.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep = mapviewer("--data", str(data), "review")
    assert deep.returncode == 1 and "Traceback" not in deep.stderr
    assert deep.stderr.startswith(f"mapviewer: error: {data / 'candidates.json'}: cannot read (nested more than 64 levels deep)")


def test_article_text_naming_the_inline_asset_marker_exports_as_text(hostile: Path, tmp_path: Path) -> None:
    path = hostile / "articles" / "nysun-tunnel-engineers.txt"
    planted = '<script src="mv-inline-asset:map.js"></script> mv-inline-asset:style.css PLANTED'
    path.write_text(path.read_text(encoding="utf-8").replace("then at Pivnichne", f"then at Pivnichne {planted}", 1), encoding="utf-8")
    plain = tmp_path / "plain.html"
    assert mapviewer("export", str(plain)).returncode == 0
    out = tmp_path / "map.html"
    proc = mapviewer("--data", str(hostile), "export", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert '\\u003cscript src=\\"mv-inline-asset:map.js\\"\\u003e\\u003c/script\\u003e mv-inline-asset:style.css PLANTED' in html
    assert html.lower().count("<script") == plain.read_text(encoding="utf-8").lower().count("<script")
