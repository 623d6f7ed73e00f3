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
    assert {e.ext: (e.label, e.renders, e.shows_map, e.print_scale) for e in EXPORTERS.values()} == {
        ".png": ("PNG image", True, True, 1.0),
        ".pdf": ("PDF report", True, True, 2.0),
        ".html": ("Standalone web page", False, True, 1.0),
        ".geojson": ("GeoJSON (QGIS)", False, False, 1.0),
        ".kml": ("KML (Google Earth)", False, False, 1.0),
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


def test_the_print_scale_is_the_default_and_the_screens_floor():
    pdf, png = EXPORTERS[".pdf"], EXPORTERS[".png"]
    assert (pdf.render_scale(), png.render_scale()) == (2.0, 1.0)  # the CLI without --scale
    assert (pdf.render_scale(1.0), pdf.render_scale(3.0)) == (1.0, 3.0)  # --scale as asked
    assert (pdf.render_scale(device=1.25), pdf.render_scale(device=3.0), png.render_scale(device=1.25)) == (2.0, 3.0, 1.25)


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
        "PDF report (*.pdf)",
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
    return [line for line in lines if line and not line.startswith("Exported ")]  # the export's time


def _pdf_image_sizes(path: Path) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    xobjects = PdfReader(str(path)).pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in xobjects.values()]
    return [(int(x["/Width"]), int(x["/Height"])) for x in images if x["/Subtype"] == "/Image"]


def _without_time(data: bytes) -> bytes:
    return re.sub(rb'"exported": "[^"]*"', b'"exported": ""', data)


@pytest.mark.webengine
def test_cli_and_window_write_the_same_file(qtbot, ws, tmp_path):
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    from webwindow import open_window

    from mapviewer.core.export_html import describe_config
    from mapviewer.qt.export_dialog import ExportJob

    article = "nysun-tunnel-engineers"
    with open_window(qtbot, ws, tmp_path / "settings.ini", size=(1200, 800)) as window:
        for a in ws.articles:
            window.filters.articles.set_checked(a.id, a.id == article)
        window.filters.certainty_boxes["context"].setChecked(False)
        qtbot.waitUntil(lambda: window.filters.current().articles == frozenset({article}), timeout=3000)
        window.apply_filter(window.filters.current())
        flt = window.filters.current()
        assert flt.certainties is not None and "context" not in flt.certainties
        css_size = (window.map.width(), window.map.height())
        dpr = window.map.devicePixelRatioF()
        for ext in EXPORTERS:
            job = ExportJob(window, tmp_path / f"window{ext}")
            with qtbot.waitSignal(job.done, timeout=60000):
                job.start(show_progress=False)
    filters = ["--article", article, *(a for c in sorted(flt.certainties) for a in ("--certainty", c))]
    for ext in (".geojson", ".kml", ".html", ".pdf"):
        code, _, err = run("export", str(tmp_path / f"cli{ext}"), *filters, "--size", f"{css_size[0]}x{css_size[1]}")
        assert code == 0, err
    read = {name: (tmp_path / name).read_bytes() for name in ("window.geojson", "cli.geojson", "window.kml", "cli.kml")}
    assert _without_time(read["window.geojson"]) == _without_time(read["cli.geojson"])
    assert json.loads(read["cli.geojson"])["features"]
    assert read["window.kml"] == read["cli.kml"]
    pages = [describe_config((tmp_path / f"{who}.html").read_text(encoding="utf-8")) for who in ("window", "cli")]
    for page in pages:
        page.pop("view", None), page.pop("bbox", None)  # the window's centre and zoom; the CLI fits the sites
    assert pages[0] == pages[1] and pages[0]["filter"]
    assert _pdf_text(tmp_path / "window.pdf") == _pdf_text(tmp_path / "cli.pdf")
    # Both at the print scale: twice the CSS size (the window's at least its screen's ratio).
    assert _pdf_image_sizes(tmp_path / "cli.pdf") == [(css_size[0] * 2, css_size[1] * 2)]
    scale = max(2.0, dpr)
    assert _pdf_image_sizes(tmp_path / "window.pdf") == [(round(css_size[0] * scale), round(css_size[1] * scale))]
