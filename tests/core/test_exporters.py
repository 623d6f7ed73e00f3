"""The export registry (mapviewer.core.exporters): one entry per format, used by `mapviewer export` and
by the window's Export snapshot, which write the same file for the same filter and options."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest

from mapviewer.cli import main
from mapviewer.core.export_args import ExportArgumentError
from mapviewer.core.exporters import EXPORTERS, exporter_for


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_one_entry_per_format():
    assert {e.ext: (e.label, e.renders, e.shows_map) for e in EXPORTERS.values()} == {
        ".png": ("PNG image", True, True),
        ".pdf": ("PDF briefing", True, True),
        ".html": ("Standalone web page", False, True),
        ".geojson": ("GeoJSON (QGIS)", False, False),
        ".kml": ("KML (Google Earth)", False, False),
    }
    assert all(ext == e.ext for ext, e in EXPORTERS.items())


@pytest.mark.parametrize(
    "name, ext", [("a.png", ".png"), ("A.PDF", ".pdf"), ("a.htm", ".html"), ("a.json", ".geojson"), ("a.b.kml", ".kml")]
)
def test_the_extension_picks_the_format(name, ext):
    assert exporter_for(name).ext == ext


def test_an_unknown_extension_names_every_format():
    with pytest.raises(ExportArgumentError) as info:
        exporter_for("map.docx")
    assert "'map.docx'" in str(info.value)
    for ext in EXPORTERS:
        assert ext in str(info.value)


def test_help_names_every_format(capsys):
    helps = []
    for argv in (["--help"], ["export", "--help"]):
        with pytest.raises(SystemExit):
            main(argv, io.StringIO(), io.StringIO())
        helps.append(re.sub(r"\s+", " ", capsys.readouterr().out))
    for e in EXPORTERS.values():
        assert e.ext in helps[0], e.ext
        assert f"{e.ext} {e.label}" in helps[1], e.label


def test_the_dialogs_file_filters_are_the_registrys():
    pytest.importorskip("PySide6.QtWidgets")
    from mapviewer.qt.export_dialog import _FILTERS

    assert list(_FILTERS.values()) == [
        "PNG image (*.png)",
        "PDF briefing (*.pdf)",
        "Standalone web page (*.html)",
        "GeoJSON (QGIS) (*.geojson)",
        "KML (Google Earth) (*.kml)",
    ]


def test_a_data_export_error_is_one_line_exit_1(tmp_path):
    code, out, err = run("export", str(tmp_path / "missing" / "a.kml"))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "does not exist" in err


# ---- the CLI and the window write the same file ----------------------------------------------------


def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    lines = [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip() for line in text.splitlines()]
    return [re.sub(r"\d\d:\d\d", "HH:MM", line) for line in lines if line]  # the export's time


def _without_time(data: bytes) -> bytes:
    return re.sub(rb'"exported": "[^"]*"', b'"exported": ""', data)


def _without_ids(page: bytes) -> bytes:
    """Folium names its map `map_<32 hex>` afresh each run (and the policy hashes the script naming it)."""
    return re.sub(rb"'sha256-[A-Za-z0-9+/=]+'", b"'sha256-'", re.sub(rb"\b([a-z_]+)_[0-9a-f]{32}\b", rb"\1_", page))


@pytest.mark.webengine
def test_cli_and_window_write_the_same_file(qtbot, ws, tmp_path):
    """The same ExportOptions from the dialog's side and from the command line give the same file:
    GeoJSON and KML byte for byte (bar the time), the HTML byte for byte, the PDF's text and page count,
    the PNG's pixels within a small tolerance."""
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    import numpy as np
    from pypdf import PdfReader
    from PySide6.QtGui import QImage
    from webwindow import open_window, pixels

    from mapviewer.core.export_options import ExportOptions, with_preset
    from mapviewer.qt.export_dialog import ExportJob

    article = "nysun-tunnel-engineers"
    title = "Tunnel engineers for Donetsk"
    common = ExportOptions(title=title, subtitle="For the 09:00 meeting", extent="sites")
    per_format = {
        ".png": with_preset(common, "1920x1080"),
        ".pdf": with_preset(common, "a4-portrait"),
        ".html": common,
        ".geojson": common,
        ".kml": common,
    }
    with open_window(qtbot, ws, tmp_path / "settings.ini", size=(1200, 800)) as window:
        for a in ws.articles:
            window.filters.articles.set_checked(a.id, a.id == article)
        window.filters.certainty_boxes["context"].setChecked(False)
        qtbot.waitUntil(lambda: window.filters.current().articles == frozenset({article}), timeout=3000)
        window.apply_filter(window.filters.current())
        flt = window.filters.current()
        assert flt.certainties is not None and "context" not in flt.certainties
        for ext, options in per_format.items():
            job = ExportJob(window, tmp_path / f"window{ext}", options)
            with qtbot.waitSignal(job.done, timeout=90000):
                job.start(show_progress=False)
    filters = ["--article", article, *(a for c in sorted(flt.certainties) for a in ("--certainty", c))]
    named = ["--title", title, "--subtitle", "For the 09:00 meeting"]
    pages = {".png": ["--page", "1920x1080"], ".pdf": ["--page", "a4-portrait"]}
    for ext in per_format:
        code, _, err = run("export", str(tmp_path / f"cli{ext}"), *filters, *named, *pages.get(ext, []))
        assert code == 0, err
    read = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(("window.", "cli."))}
    assert _without_time(read["window.geojson"]) == _without_time(read["cli.geojson"])
    assert json.loads(read["cli.geojson"])["features"]
    assert read["window.kml"] == read["cli.kml"]
    assert _without_ids(read["window.html"]) == _without_ids(read["cli.html"])
    assert title.encode() in read["cli.html"]
    window_pdf, cli_pdf = _pdf_text(tmp_path / "window.pdf"), _pdf_text(tmp_path / "cli.pdf")
    assert window_pdf == cli_pdf and title in cli_pdf
    assert len(PdfReader(str(tmp_path / "window.pdf")).pages) == len(PdfReader(str(tmp_path / "cli.pdf")).pages) >= 2
    shown, written = pixels(QImage(str(tmp_path / "window.png"))), pixels(QImage(str(tmp_path / "cli.png")))
    assert shown.shape == written.shape == (1080, 1920, 3)
    differs = np.abs(shown - written).max(axis=2) > 24
    assert differs.mean() < 0.005, differs.mean()
