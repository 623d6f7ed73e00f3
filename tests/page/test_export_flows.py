"""The flows in the exports that draw the map: PNG (a real QtWebEngine page offscreen) and the standalone HTML
(real headless Chromium, offline, CSP-locked), and the Kursk figures in the exported page's popup.

The check: over Central Asia (no site there) the only things drawn in the "speculative" colour under
`--certainty speculative` are the speculative flows (North Korean missiles to Iran and Russia, engineers both
ways); with a time window no flow passes, the same pixels are not there. (Until 2026-12-03 the check used the
confirmed flows to Kursk; a third party's "confirmed" is now `reported`, tests/golden/RELABEL-2026-12-03.md, and
the reported colour is also that of an area outline in this box.)"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
from test_export_browser import CHROMIUM, dump_dom, needs_chromium, parse

from mapviewer.cli import main
from mapviewer.core.evidence import flows_passing
from mapviewer.core.filters import Filter
from mapviewer.core.style import CERTAINTY_COLOURS

BBOX = "60,38,115,60"  # Central Asia: between Pyongyang and Kursk, no site of the bundled corpus
SPECULATIVE = np.array([int(CERTAINTY_COLOURS["speculative"][i : i + 2], 16) for i in (1, 3, 5)])


def export(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", *argv], out, err) == 0, err.getvalue()


def speculative_pixels(png: Path) -> int:
    from PySide6.QtGui import QImage
    from webwindow import pixels

    image = QImage(str(png))
    assert not image.isNull(), png
    px = pixels(image)
    return int((np.abs(px - SPECULATIVE).max(axis=-1) <= 40).sum())


def test_the_check_is_about_flows(ws):
    assert not [s for s in ws.mapped_sites if 60 <= s.lon <= 115 and 38 <= s.lat <= 60 and not s.is_area]
    speculative = flows_passing(ws, Filter(certainties=frozenset({"speculative"})))
    assert any(f.origin.label() == "North Korea" and f.destination.label() == "Iran" for f in speculative)
    assert not flows_passing(ws, Filter(certainties=frozenset({"speculative"}), since="2099"))


@pytest.mark.webengine
def test_png_export_draws_the_flows_passing_the_filter(qapp, tmp_path):
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    with_flows, without = tmp_path / "flows.png", tmp_path / "none.png"
    export([str(with_flows), "--certainty", "speculative", "--bbox", BBOX, "--size", "900x600"])
    export([str(without), "--certainty", "speculative", "--since", "2099", "--undated", "--bbox", BBOX, "--size", "900x600"])
    assert speculative_pixels(with_flows) > 400
    assert speculative_pixels(without) < 50  # (a few anti-aliased pixels of the map and legend come near the pink)


@needs_chromium
@pytest.mark.browser
def test_html_export_draws_flows_offline_and_shows_the_kursk_figures(qapp, tmp_path):
    page = tmp_path / "map.html"
    export([str(page), "--bbox", BBOX, "--certainty", "speculative"])
    shot = tmp_path / "shot.png"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=900,600", "--virtual-time-budget=5000",
         f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0 and shot.exists(), proc.stderr[-2000:]
    assert speculative_pixels(shot) > 400
    # The popup of Kursk Oblast: the figures of each source side by side, the disagreement flagged.
    everything = tmp_path / "all.html"
    export([str(everything)])
    dom = parse(dump_dom(everything, tmp_path, "#site=kursk-oblast"))
    assert "data-mv-error" not in dom.body, dom.body.get("data-mv-error")
    text = dom.popup
    assert "Figures" in text and "sources disagree" in text
    for words in ("> 6,000", "1,000", "≥ 5,000", "≈ 5,000", "(wider area)"):
        assert words in text, words
    assert "Flows (who is sent where)" in dump_dom(everything, tmp_path)
