"""The briefing exports as a reader gets them: the real CLI writes real files; PDFs are rasterised with
pdftoppm and read with pypdf; PNGs are read back as pixels; the HTML heading is checked in Chromium.

What they protect: page 1's map fills the page, the legend is printed once and counts only the sites in
the picture, the PNG's caption band, paragraphs counted from 1, a quiet command line, the Export dialog's
live preview.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from mapviewer.cli import main
from mapviewer.core.export_extent import crowds, scale_bar, view_bounds

PDFTOPPM = shutil.which("pdftoppm")
DONBAS_BBOX = "37.0,47.6,39.0,48.9"
DONBAS_SITES = {"Avdiivka", "Pivnichne", "Toretsk", "Yunkom mine"}
FAR_SITES = {"Pyongyang", "Seoul", "Moscow", "Paris", "Washington, D.C.", "Alabuga Special Economic Zone"}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"[ \t]+", " ", unicodedata.normalize("NFKC", p.extract_text())) for p in PdfReader(str(path)).pages]


def page_pixels(pdf: Path, tmp_path: Path, page: int = 1, dpi: int = 40) -> np.ndarray:
    """Page `page` as RGB pixels, drawn by poppler (not by the code that wrote it)."""
    stem = tmp_path / f"page-{pdf.stem}"
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(pdf), str(stem)], check=True)
    png = next(tmp_path.glob(f"page-{pdf.stem}*.png"))
    from PySide6.QtGui import QImage
    from webwindow import pixels

    return pixels(QImage(str(png)))


# ---- Qt-free geometry -----------------------------------------------------------------------------


def test_view_bounds_and_scale_bar_follow_web_mercator():
    # Zoom 0 is one 256-pixel world: a 256×256 view centred on (0, 0) shows it all.
    w, s, e, n = view_bounds((0.0, 0.0), 0, (256, 256))
    assert (round(w), round(e)) == (-180, 180) and abs(n - 85.0511) < 1e-3 and abs(s + 85.0511) < 1e-3
    # At zoom 10 on the equator a pixel is 40,075 km / 262,144 ≈ 152.9 m: 200 px hold 20 km at most.
    length, label = scale_bar(0.0, 10, 200)
    assert label == "20 km" and abs(length - 20000 / 152.87) < 0.5
    assert scale_bar(60.0, 10, 200)[1] == "10 km"  # at 60° N a pixel is half as long: 15.3 km fit, 10 km is round


def test_sites_crowding_korea_and_donbas_are_found_at_a_continent_zoom(ws):
    found = crowds(ws, [s.id for s in ws.mapped_sites], zoom=3)
    names = [c.name for c in found]
    assert "Korean Peninsula" in names, names
    korea = found[names.index("Korean Peninsula")]
    assert {"pyongyang", "kusong", "panghyon-airbase"} <= set(korea.site_ids)
    assert not {"moscow", "paris"} & {s for c in found for s in c.site_ids}
    donbas = [c for c in found if {"avdiivka", "toretsk"} <= set(c.site_ids)]
    assert donbas and donbas[0].name in ("Donetsk Oblast", "Donbas"), found
    # Zoomed in, only Kusong, Mt. Chonma and Panghyon (one spot, 5 km) still crowd: no inset would separate them.
    assert crowds(ws, [s.id for s in ws.mapped_sites], zoom=9) == []


# ---- the PDF briefing -------------------------------------------------------------------------------


@pytest.mark.webengine
@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("page", ["a4", "letter-portrait"])
def test_pdf_page_one_is_the_map_filling_the_page(qapp, tmp_path, page):
    out = tmp_path / f"brief-{page}.pdf"
    code, _stdout, err = run("export", str(out), "--title", "Russia–DPRK military cooperation", "--page", page)
    assert code == 0, err
    px = page_pixels(out, tmp_path)
    h, w, _ = px.shape
    assert (w > h) == (page == "a4"), (w, h)  # the chosen orientation
    ink = np.abs(px.astype(int) - 255).max(axis=2) > 12
    assert ink.mean() > 0.70, ink.mean()  # mostly map, not blank paper
    # The map box: rows and columns from the heading to the footer are almost all covered.
    middle = ink[int(h * 0.25) : int(h * 0.85), int(w * 0.05) : int(w * 0.95)]
    assert middle.mean() > 0.93, middle.mean()  # (the legend's and insets' white plates are the rest)
    pages = pdf_pages(out)
    first = pages[0]
    assert "Russia–DPRK military cooperation" in first
    assert re.search(r"\d{1,2} \w+ 20\d\d, \d\d:\d\d", first), first[:300]  # date and time
    assert first.count("Strongest claim at the site") == 1  # the legend once
    assert "Natural Earth" in first and "Filter — " in first
    assert "Korean Peninsula" in first  # the inset where the Korean sites crowd
    assert any("Citations" in p for p in pages[1:]) and any("Sites in the map" in p for p in pages[1:])


@pytest.mark.webengine
def test_pdf_legend_and_table_count_only_what_is_in_the_picture(qapp, tmp_path):
    out = tmp_path / "donbas.pdf"
    code, _stdout, err = run("export", str(out), "--bbox", DONBAS_BBOX)
    assert code == 0, err
    pages = pdf_pages(out)
    legend = re.findall(r"^(Confirmed|Reported|Alleged|Speculative|Historical|Context)\s+(\d+)$", pages[0], re.M)
    assert len(legend) == 6, pages[0]
    shown = sum(int(n) for _, n in legend)
    rest = "\n".join(pages[1:])
    table = int(re.search(r"Sites in the map \((\d+)\)", rest).group(1))
    assert shown == table
    assert 4 <= shown < 15, shown  # the Donbas sites and the regions around them, not the 30 of the world
    for name in DONBAS_SITES:
        assert name in rest, name
    for name in FAR_SITES:
        assert f"\n{name}\n" not in rest, name
    assert "Overview" in pages[0]  # a small extent gets the overview map


@pytest.mark.webengine
def test_a_named_site_is_an_extent_and_parts_can_be_left_out(qapp, tmp_path):
    out = tmp_path / "korea.pdf"
    code, _, err = run("export", str(out), "--site", "korean-peninsula", "--exclude", "citations,table,insets")
    assert code == 0, err
    pages = pdf_pages(out)
    assert len(pages) == 1
    assert "Paris" not in pages[0]
    code, _, err = run("export", str(tmp_path / "x.pdf"), "--site", "atlantis")
    assert code == 2 and "atlantis" in err


# ---- the PNG ----------------------------------------------------------------------------------------


@pytest.mark.webengine
def test_png_with_a_title_has_a_caption_band(qapp, tmp_path):
    from PySide6.QtGui import QImage
    from webwindow import pixels

    titled, plain = tmp_path / "titled.png", tmp_path / "plain.png"
    assert run("export", str(titled), "--size", "1000x700", "--title", "Kursk and Donbas")[0] == 0
    assert run("export", str(plain), "--size", "1000x700")[0] == 0
    a, b = pixels(QImage(str(titled))), pixels(QImage(str(plain)))
    assert a.shape == b.shape == (700, 1000, 3)  # the band is inside the asked size
    band = a[-70:]
    white = (np.abs(band.astype(int) - 255).max(axis=2) <= 6).mean()
    dark = (band.max(axis=2) < 90).mean()
    assert white > 0.8 and dark > 0.01, (white, dark)  # a white band with text in it
    plain_bottom = b[-70:]
    assert (np.abs(plain_bottom.astype(int) - 255).max(axis=2) <= 6).mean() < 0.5  # untitled: the map reaches the edge


# ---- paragraphs from 1 ------------------------------------------------------------------------------


def test_citations_count_paragraphs_from_one(ws, tmp_path):
    article = next(a for a in ws.articles if a.id == "nysun-tunnel-engineers")
    lines = [line for line in article.text.splitlines() if line.strip()]
    number = next(i for i, line in enumerate(lines, 1) if "Avdiivka" in line)  # as a reader counts lines
    code, out, err = run("passages", "avdiivka", "--article", article.id)
    assert code == 0, err
    assert f"{article.id} ¶{number} " in out
    kml = tmp_path / "a.kml"
    assert run("export", str(kml), "--search", "Avdiivka")[0] == 0
    text = kml.read_text(encoding="utf-8")
    assert f"¶{number}" in text and "¶0" not in text


# ---- a quiet command line ---------------------------------------------------------------------------


@pytest.mark.webengine
def test_cli_export_prints_no_qt_or_chromium_lines(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_LOGGING_RULES", "QTWEBENGINE_CHROMIUM_FLAGS")}
    env.update(QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1", PYTHONPATH=os.pathsep.join(sys.path))
    out = tmp_path / "q.png"
    proc = subprocess.run([sys.executable, "-m", "mapviewer", "export", str(out), "--size", "600x400"],
                          capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr
    assert proc.stdout.startswith(f"wrote {out}")
    # Our own errors still reach the terminal.
    bad = subprocess.run([sys.executable, "-m", "mapviewer", "export", str(tmp_path / "none" / "q.png")],
                         capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path)
    assert bad.returncode == 1 and "does not exist" in bad.stderr and bad.stderr.count("\n") == 1


# ---- the dialog -------------------------------------------------------------------------------------


@pytest.mark.webengine
def test_export_dialog_previews_the_options(qtbot, ws, tmp_path):
    from webwindow import open_window

    from mapviewer.qt.export_dialog import ExportDialog

    with open_window(qtbot, ws, tmp_path / "settings.ini") as window:
        dialog = ExportDialog(window, {})
        dialog.show()
        dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
        dialog.title.setText("Briefing")
        qtbot.waitUntil(lambda: dialog.preview.renders >= 1, timeout=60000)
        page = dialog.preview.image
        assert page is not None and page.width() > page.height()  # page 1, A4 landscape
        for typed in ("B", "Br", "Bri"):  # quick changes: one render once they stop
            dialog.subtitle.setText(typed)
        qtbot.waitUntil(lambda: dialog.preview.renders >= 2, timeout=60000)
        qtbot.wait(1500)
        assert dialog.preview.renders == 2
        dialog.preset.setCurrentIndex(dialog.preset.findData("a4-portrait"))
        qtbot.waitUntil(lambda: dialog.preview.renders >= 3, timeout=60000)
        assert dialog.preview.image.height() > dialog.preview.image.width()
        options = dialog.options()
        assert (options.title, options.subtitle, options.landscape, options.paper) == ("Briefing", "Bri", False, "a4")
        dialog.reject()
