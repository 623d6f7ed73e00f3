"""PNG and PDF exports rendered by a real QtWebEngine page offscreen, from the CLI and from the window.

Real files in tmp_path, no mocks. The pixels are checked for what a user would look for: the requested
size, markers in the certainty colours, land of the offline basemap, fewer markers when filtered.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata

import numpy as np
import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtGui import QImage
from webwindow import map_image, open_window, pixels

from mapviewer.cli import main
from mapviewer.core.filters import Filter
from mapviewer.core.style import CERTAINTY_COLOURS

pytestmark = pytest.mark.webengine

LAND = (0xF2, 0xEE, 0xE6)
SEA = (0xDD, 0xE8, 0xEF)


def export(qapp, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["export", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def colour_counts(image: QImage, tolerance: int = 10) -> dict[str, int]:
    px = pixels(image)
    counts = {}
    for name, hex_colour in CERTAINTY_COLOURS.items():
        rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
        counts[name] = int((np.abs(px - rgb).max(axis=2) <= tolerance).sum())
    return counts


def share(image: QImage, rgb: tuple[int, int, int], tolerance: int = 4) -> float:
    px = pixels(image)
    return float((np.abs(px - np.array(rgb)).max(axis=2) <= tolerance).mean())


def test_png_has_size_times_scale_markers_land_and_legend(qapp, tmp_path):
    out = tmp_path / "map.png"
    code, stdout, err = export(qapp, [str(out), "--size", "900x600", "--scale", "2"])
    assert code == 0, err
    assert f"wrote {out}" in stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1800, 1200)
    assert share(image, LAND) > 0.1, "offline basemap land is drawn"
    assert share(image, SEA) > 0.1, "and the sea"
    assert max(share(image, LAND), share(image, SEA)) < 0.9, "not a uniform background"
    counts = colour_counts(image)
    # The bundled corpus has sites of every certainty but one; each shows in its colour.
    assert sum(1 for c in counts.values() if c > 150) >= 4, counts
    assert counts["reported"] > 1000, counts
    # Legend (white box, bottom right) and attribution text are in the image.
    corner = pixels(image)[-400:, -500:]
    assert (np.abs(corner - 255).max(axis=2) <= 3).mean() > 0.15
    assert list(tmp_path.iterdir()) == [out]


def test_filtered_png_shows_fewer_markers(qapp, tmp_path):
    size = ["--size", "1000x650", "--bbox", "-10,30,150,70"]
    assert export(qapp, [str(tmp_path / "all.png"), *size])[0] == 0
    assert export(qapp, [str(tmp_path / "alleged.png"), *size, "--certainty", "alleged"])[0] == 0
    everything = colour_counts(QImage(str(tmp_path / "all.png")))
    alleged = colour_counts(QImage(str(tmp_path / "alleged.png")))
    hidden = ("reported", "confirmed", "speculative", "historical")
    assert sum(alleged[c] for c in hidden) < 0.1 * sum(everything[c] for c in hidden), (everything, alleged)
    assert alleged["alleged"] > 40, alleged  # Kursk Oblast's outline and Vladivostok, the alleged sites
    for name in ("all.png", "alleged.png"):  # the same --bbox: both show the basemap, not a blank page
        assert share(QImage(str(tmp_path / name)), LAND) > 0.2


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_pdf_has_title_filter_image_and_site_table(qapp, ws, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "report.pdf"
    code, _stdout, err = export(qapp, [str(out), "--certainty", "reported", "--paper", "letter", "--size", "1200x750"])
    assert code == 0, err
    reader = pypdf.PdfReader(str(out))
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height), "landscape by default"
    assert abs(float(first.mediabox.width) - 792) < 2, "US Letter"
    images = [name for name, obj in first["/Resources"]["/XObject"].items() if obj.get_object()["/Subtype"] == "/Image"]
    assert images, "the map is an image on page 1"
    text = _pdf_text(out)
    assert "Places named in the articles" in text
    assert "certainty: reported" in text
    assert "Exported" in text
    result = ws.filter(Filter(certainties=frozenset({"reported"})))
    for site_id in result.site_ids:
        assert ws.site_by_id[site_id].name in text
    # Citations: article title and paragraph of a visible passage.
    m = ws.mention_by_id[result.mention_ids[0]]
    assert f"¶{m.paragraph + 1}" in text  # counted from 1, as a reader counts
    assert re.sub(r"\s+", " ", ws.article_label(m.article_id))[:30] in text


def test_pdf_portrait_a4(qapp, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "report.pdf"
    assert export(qapp, [str(out), "--portrait", "--size", "800x900", "--article", "alabuga-drone-workers"])[0] == 0
    page = pypdf.PdfReader(str(out)).pages[0]
    assert abs(float(page.mediabox.width) - 595) < 2 and float(page.mediabox.height) > float(page.mediabox.width)


def test_unwritable_png_exits_1_before_rendering(qapp, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = export(qapp, [str(blocker / "map.png")])
    assert code == 1 and out == ""
    assert "cannot write" in err and "cannot write" not in capsys.readouterr().err  # on the stream given
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_render_timeout_exits_1(qapp, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("mapviewer.export_cli.RENDER_TIMEOUT", 0.05)
    code, out, err = export(qapp, [str(tmp_path / "map.png")])
    assert code == 1 and out == ""
    assert "did not finish rendering" in err and "did not finish" not in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# ---- from the window ---------------------------------------------------------------------------------


def test_window_export_matches_the_view(qtbot, ws, tmp_path):
    from mapviewer.qt.export_dialog import ExportJob

    with open_window(qtbot, ws, tmp_path / "settings.ini", size=(1300, 820)) as window:
        if not window.evidence.sent:  # the window's flows, read in the background, drawn as the export draws them
            with qtbot.waitSignal(window.evidence.ready, timeout=60000):
                pass
        window.filters.certainty_boxes["speculative"].setChecked(False)
        window.filters.certainty_boxes["historical"].setChecked(False)
        qtbot.waitUntil(lambda: window.filters.current().certainties is not None, timeout=3000)
        window.apply_filter(window.filters.current())
        window.map.page_api.set_center_zoom(45, 60, 3)
        qtbot.wait(200)
        outputs = {}
        for ext in (".png", ".pdf", ".html", ".geojson"):
            path = tmp_path / f"snap{ext}"
            job = ExportJob(window, path)
            with qtbot.waitSignal(job.done, timeout=60000) as blocker:
                job.start(show_progress=ext == ".pdf")  # the menu's progress dialog, once
            assert blocker.args == [str(path)]
            outputs[ext] = path
        image = QImage(str(outputs[".png"]))
        dpr = window.map.devicePixelRatioF()
        assert (image.width(), image.height()) == (round(window.map.width() * dpr), round(window.map.height() * dpr))
        counts = colour_counts(image)
        assert counts["speculative"] < 40 and counts["reported"] > 100, counts
        # What the user sees: the window's own map, pixel for pixel (bar the +/- buttons, left out of exports).
        seen, exported = pixels(map_image(qtbot, window, 300)), pixels(image)
        assert seen.shape == exported.shape
        differs = np.abs(seen - exported).max(axis=2) > 24
        differs[:90, :60] = False
        assert differs.mean() < 0.01, differs.mean()
        from mapviewer.core.export_html import describe_config

        config = describe_config(outputs[".html"].read_text(encoding="utf-8"))
        assert config["view"][2] == 3 and abs(config["view"][0] - 45) < 1e-6
        import json

        features = json.loads(outputs[".geojson"].read_text(encoding="utf-8"))["features"]
        sites = [f for f in features if f["properties"].get("feature") != "flow"]  # flows follow the sites
        assert [f["id"] for f in sites] == ws.filter(window.filters.current()).site_ids
        assert window.filters.current() != Filter()
        text = _pdf_text(outputs[".pdf"])
        assert "certainty: alleged, confirmed, context, reported" in text
        # The window's briefing keys the flows it draws (the page's Flows box is left out of a PDF), counted in the picture.
        shown = re.search(r"passages · (\d+) flows in the map", text)
        assert shown and int(shown.group(1)) > 0 and "who or what is sent where" in text, text[:600]
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("snap")) == sorted(p.name for p in outputs.values())


def test_window_export_to_a_bad_folder_reports_and_writes_nothing(qtbot, ws, tmp_path):
    from mapviewer.qt.export_dialog import ExportJob

    blocker_file = tmp_path / "file"
    blocker_file.write_text("x")
    with open_window(qtbot, ws, tmp_path / "settings.ini") as window:
        job = ExportJob(window, blocker_file / "snap.png")
        with qtbot.waitSignal(job.failed, timeout=10000) as blocker:
            job.start(show_progress=False)
        assert "cannot write" in blocker.args[0]
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings.ini"] == ["file"]


def test_pdf_keeps_hostile_text_literal(qapp, tmp_path):
    name = "<img src=x onerror=\"document.title='pwned'\"> & <b>bold</b>"
    root = tmp_path / "ws"
    (root / "articles").mkdir(parents=True)
    feature = {
        "type": "Feature",
        "properties": {"id": "zlovgrad", "name": name, "aliases": ["Zlovgrad"], "kind": "town", "country": "<i>Nowhere</i>",
                       "precision": "exact", "coord_source": "test"},
        "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
    }
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    (root / "articles" / "a.txt").write_text("Title\n\nOfficials said Zlovgrad hosts a tunnel.\n", encoding="utf-8")
    meta = {"articles": [{"id": "a", "file": "a.txt", "title": "<script>`${x}`</script> \\ title"}]}
    (root / "articles" / "articles.json").write_text(json.dumps(meta), encoding="utf-8")
    out = tmp_path / "hostile.pdf"
    code, _, err = export(qapp, [str(out), "--data", str(root), "--size", "600x400"])
    assert code == 0, err
    text = _pdf_text(out)
    for literal in (name, "<i>Nowhere</i>", "<script>`${x}`</script> \\ title, ¶"):
        assert literal in text, literal


def test_file_menu_export_opens_the_dialog_then_writes_the_chosen_file(qtbot, ws, tmp_path):
    """Ctrl+E → the Export dialog (format, title…) → the (Qt, offscreen) file dialog → a GeoJSON and a
    titled PNG of the window's size, reported in the status bar."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    from mapviewer.qt.export_dialog import WINDOW_SIZE, ExportDialog

    with open_window(qtbot, ws, tmp_path / "settings.ini") as window:
        window.settings.setValue("export/dir", str(tmp_path))
        assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
        for name in ("menu.geojson", "menu.png"):
            target = tmp_path / name

            def answer(target=target):
                dialog = QApplication.activeModalWidget()
                if isinstance(dialog, ExportDialog):
                    dialog.format.setCurrentIndex(dialog.format.findData(target.suffix))
                    dialog.preset.setCurrentIndex(dialog.preset.findData(WINDOW_SIZE))
                    dialog.title.setText("From the menu")
                    dialog.export_button.click()
                    QTimer.singleShot(50, answer)
                    return
                if not isinstance(dialog, QFileDialog):
                    QTimer.singleShot(50, answer)
                    return
                dialog.findChild(QLineEdit, "fileNameEdit").setText(str(target))
                dialog.accept()

            QTimer.singleShot(50, answer)
            window.export_action.trigger()
            qtbot.waitUntil(lambda target=target: window.statusBar().currentMessage() == f"Exported {target}", timeout=60000)
            assert target.stat().st_size > 1000
        image = QImage(str(tmp_path / "menu.png"))
        assert image.width() == round(window.map.width() * window.map.devicePixelRatioF())
        assert image.height() == round(window.map.height() * window.map.devicePixelRatioF())
