"""The briefing exports as a reader gets them: the real CLI writes real files; PDFs are rasterised with
pdftoppm and read with pypdf; PNGs are read back as pixels; the HTML heading is checked in Chromium.

What they protect: page 1's map fills the page, the legend is printed once and counts only the sites in
the picture, with the flows' key (an arrow, what arrows mean, how many cross the picture) when it shows flows, the PNG's caption band, paragraphs counted from 1, a quiet command line, the Export dialog's
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
from mapviewer.core.export_extent import crowds, flows_in, scale_bar, site_extent, view_bounds

PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")
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


def test_a_flow_is_in_the_picture_when_its_drawn_arrow_crosses_it():
    box = (30.0, 40.0, 50.0, 60.0)
    paths = [
        [[35.0, 45.0], [100.0, 45.0]],  # starts inside
        [[0.0, 50.0], [80.0, 50.0]],  # passes through, both ends outside
        [[0.0, 10.0], [10.0, 80.0]],  # wholly west of the box
        [],  # an end that cannot be placed: never drawn
        [[0.0, 62.0], [80.0, 62.0]],  # a straight line would pass north of the box; the page's curve bows into it
    ]
    assert flows_in(paths, [None] * 5, box) == 3
    # The page bows each leg to its left of travel: east → west bows north, away from the box.
    assert flows_in([[[80.0, 62.0], [0.0, 62.0]]], [None], box) == 0


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
    assert middle.mean() > 0.91, middle.mean()  # (the white plates of the legend, its flows key and the insets are the rest)
    pages = pdf_pages(out)
    first = pages[0]
    assert "Russia–DPRK military cooperation" in first
    assert re.search(r"\d{1,2} \w+ 20\d\d, \d\d:\d\d", first), first[:300]  # date and time
    assert first.count("Strongest claim at the site") == 1  # the legend once
    assert "Natural Earth" in first and "Filter — " in first
    assert "Korean Peninsula" in first  # the inset where the Korean sites crowd
    assert any("Citations" in p for p in pages[1:]) and any("Sites in the map" in p for p in pages[1:])
    # Every printed word at 8 pt or more: poppler's boxes span a DejaVu font's ascent to descent, 1.15-1.17 × its size.
    if PDFTOTEXT is not None:
        boxes = subprocess.run([PDFTOTEXT, "-bbox", str(out), "-"], check=True, capture_output=True, text=True).stdout
        heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
        assert len(heights) > 500 and min(heights) / 1.17 >= 7.95, sorted(heights)[:5]


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


def pdf_words(pdf: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """Page `page`'s words as poppler's pdftotext reads them: (word, x0, y0, x1, y1) in points."""
    html = subprocess.run([PDFTOTEXT, "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def flows_key(words: list[tuple[str, float, float, float, float]]) -> tuple[int, tuple[float, ...]] | None:
    """The legend's flows entry: its count (the number right of "Flows" on its line) and the word's box."""
    for word, x0, y0, x1, y1 in words:
        if word == "Flows":
            right = [w for w, a, b, _c, _d in words if abs(b - y0) < 1 and a > x1 and w.isdigit()]
            assert len(right) == 1, right
            return int(right[0]), (x0, y0, x1, y1)
    return None


def drawn_flows(ws, flt=None) -> list:
    from mapviewer.core.figure_view import page_evidence
    from mapviewer.core.filters import Filter

    cols = page_evidence(ws, flt or Filter())["flows"]
    return [p for p in cols["path"] if len(p) >= 2]


@pytest.mark.webengine
@pytest.mark.skipif(PDFTOPPM is None or PDFTOTEXT is None, reason="poppler-utils not installed")
def test_pdf_legend_keys_the_flows_and_counts_those_in_the_picture(qapp, ws, tmp_path):
    """The briefing leaves out the page's Flows box, so its legend says what the arrows are, and how many the
    picture shows: every flow on the world map, those crossing Kursk Oblast's picture, none around Donbas."""
    world = tmp_path / "world.pdf"
    code, _stdout, err = run("export", str(world))
    assert code == 0, err
    words = pdf_words(world)
    key = flows_key(words)
    assert key is not None, " ".join(w for w, *_ in words)
    count, (x0, y0, _x1, y1) = key
    assert count == len(drawn_flows(ws)) > 0  # the whole world: every flow passing the filter
    text = subprocess.run([PDFTOTEXT, "-f", "1", "-l", "1", str(world), "-"], check=True, capture_output=True, text=True).stdout
    assert "who or what is sent where" in text and "Arrow width: quantity" in text and "Dashed: no number stated" in text
    assert f"65 passages · {count} flows in the map" in text  # the heading says it too
    assert text.count("Strongest claim at the site") == 1  # still one legend
    # The arrow drawn left of "Flows", in the legend's ink, on the legend's white plate (poppler's pixels).
    dpi = 150
    px = page_pixels(world, tmp_path, dpi=dpi)
    k = dpi / 72
    swatch = px[round((y0 - 2) * k) : round((y1 + 2) * k), round((x0 - 24) * k) : round((x0 - 2) * k)]
    dark = (swatch.max(axis=2) < 90).mean()
    light = (swatch.min(axis=2) > 225).mean()
    assert dark > 0.08 and light > 0.4, (dark, light)

    kursk = tmp_path / "kursk.pdf"
    assert run("export", str(kursk), "--site", "kursk-oblast")[0] == 0
    key = flows_key(pdf_words(kursk))
    assert key is not None
    around = flows_in(drawn_flows(ws), [None] * len(drawn_flows(ws)), site_extent(ws, "kursk-oblast"))
    assert 0 < around <= key[0] < count, (around, key[0], count)  # the picture holds at least the oblast's extent

    donbas = tmp_path / "donbas.pdf"
    assert run("export", str(donbas), "--bbox", DONBAS_BBOX)[0] == 0
    assert flows_key(pdf_words(donbas)) is None  # no arrow crosses it: no key

    only = tmp_path / "historical.pdf"
    assert run("export", str(only), "--certainty", "historical")[0] == 0
    from mapviewer.core.filters import Filter

    key = flows_key(pdf_words(only))
    assert key is not None and key[0] == len(drawn_flows(ws, Filter(certainties=frozenset({"historical"})))) < count


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
        assert dialog.preview.content is not None and dialog.preview.content.flows  # it draws, and keys, the flows as the export does
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
