"""Figures and flows in the real window (QtWebEngine page offscreen): the Kursk disagreement side by side in the
popup and the Figures panel, the badge and the "sources disagree" facet, flows drawn on their own layer that
follows every filter without a reload, with an escaped popup quoting the passage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from webwindow import js, js_json, map_image, pixels, state

from mapviewer.core.evidence import figures_passing, flows_passing
from mapviewer.core.figure_view import page_evidence
from mapviewer.core.filters import Filter

pytestmark = pytest.mark.webengine

SHOTS = os.environ.get("MAPVIEWER_SHOTS")  # a folder: the test also saves its screenshots there (for a person to look at)


def _evidence_sent(qtbot, window) -> None:
    if not window.evidence.sent:
        with qtbot.waitSignal(window.evidence.ready, timeout=60000):
            pass


def _stable(qtbot, window):
    """The map's pixels once two grabs in a row agree (tiles and canvases drawn)."""
    last = pixels(map_image(qtbot, window))
    for _ in range(30):
        now = pixels(map_image(qtbot, window, settle_ms=200))
        if (now == last).all():
            return now
        last = now
    return last


def _shot(qtbot, window, name: str) -> None:
    if SHOTS:
        _stable(qtbot, window)  # the page's latest frame, not one from before the popup filled
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(SHOTS) / f"{name}-{window.width()}x{window.height()}.png"))


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_kursk_figures_side_by_side_in_popup_and_panel(qtbot, ws, tmp_path, size):
    from webwindow import open_window

    with open_window(qtbot, ws, tmp_path / "settings.ini", size=size) as window:
        _evidence_sent(qtbot, window)
        window.focus_site("kursk-oblast")
        qtbot.waitUntil(lambda: bool(js(qtbot, window, "document.querySelectorAll('.mv-figures .mv-fig').length")), timeout=10000)
        popup = js_json(qtbot, window, """(function () {
          var box = document.querySelector('.leaflet-popup .mv-figures');
          return {sources: Array.prototype.map.call(box.querySelectorAll('.mv-fig-article'), function (e) { return e.textContent; }),
                  figures: Array.prototype.map.call(box.querySelectorAll('.mv-fig'), function (e) { return e.textContent; }),
                  flagged: box.querySelectorAll('.mv-fig-disagree').length,
                  links: box.querySelectorAll('a.mv-fig-open').length};
        })()""")
        titles = {a.id: a.title for a in ws.articles}
        assert popup["sources"] == [titles["ghost-factories"], titles["alabuga-drone-workers"], titles["nis-kursk-deployment"]]
        shown = " | ".join(popup["figures"])
        for words in ("> 6,000 engineers", "1,000 sappers", "≥ 5,000 workers", "≈ 5,000 engineers (wider area)", "1,000 soldiers (wider area)"):
            assert words in shown, (words, shown)
        assert popup["flagged"] == 1 and popup["links"] == len(popup["figures"])
        # The panel shows the same site, each source a column, the disagreement flagged.
        qtbot.waitUntil(lambda: window.figures_panel.site_id == "kursk-oblast" and window.figures_panel.view is not None, timeout=5000)
        window.right_dock.show_tab(window.figures_panel)
        text = window.figures_panel.browser.toPlainText()
        assert "sources disagree" in text and "over 6,000 military engineers" in text and "approximately 5,000 North Korean engineers" in text
        _shot(qtbot, window, "kursk-popup-and-panel")
        # A figure's link opens its passage in the reader.
        js(qtbot, window, "document.querySelector('.leaflet-popup a.mv-fig-open[data-figure^=\"ghost-factories:\"]').click()")
        qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == "ghost-factories", timeout=5000)
        assert "over 6,000 military engineers" in window.reader.browser.toPlainText()


def test_disagree_facet_badge_and_flows_follow_every_filter(qtbot, window, ws):
    _evidence_sent(qtbot, window)
    # The badge: a dark mark at Kursk Oblast (the one site where sources disagree), gone without the disagreement.
    window.map.page_api.set_view(30, 45, 42, 56)
    x, y = js_json(qtbot, window, "JSON.parse(mapviewer.markerPoint('kursk-oblast'))")
    with_badge = _stable(qtbot, window)
    ev = page_evidence(ws)
    window.map.page_api.set_evidence({**ev, "disagree": []})
    without = _stable(qtbot, window)
    changed = (with_badge != without).any(axis=-1)
    ys, xs = changed.nonzero()
    assert changed.sum() > 20 and abs(xs.mean() - x) < 8 and abs(ys.mean() - y) < 8
    around = with_badge[int(y) - 5 : int(y) + 6, int(x) - 5 : int(x) + 6]
    assert (around < 60).all(axis=-1).sum() > 15  # a near-black disc, whatever the area's colour
    window.map.page_api.set_evidence(ev)
    # The facet: one entry of the registry, a group of the filter panel (counts of passages, as every facet's).
    window.filters.disagree_boxes["other"].click()
    qtbot.waitUntil(lambda: set(state(qtbot, window)["visible"]) == {"kursk-oblast"}, timeout=20000)
    assert window.session.filter.disagree == frozenset({"disagree"})
    assert f"({len(ws.mentions_of('kursk-oblast'))})" in window.filters.disagree_boxes["disagree"].text()
    window.filters.disagree_boxes["other"].click()
    # Flows: one drawn per flow passing the filter; the time window and min-sources narrow them in place.
    loads = js(qtbot, window, "performance.getEntriesByType('navigation').length")
    counts = {}
    for name, flt in (("all", Filter()), ("since", Filter(since="2025-06")), ("sources", Filter(min_sources=3))):
        window.session.set_filter(flt)
        drawable = _drawable(ws, flt)
        qtbot.waitUntil(lambda d=drawable: (js_json(qtbot, window, "mapviewer.lastFlowDraw") or {}).get("drawn") == d, timeout=20000)
        counts[name] = len(flows_passing(ws, flt))
    assert counts["all"] > counts["since"] > 0 and counts["sources"] < counts["all"]
    assert js(qtbot, window, "performance.getEntriesByType('navigation').length") == loads  # no reload
    window.session.set_filter(Filter())


def _drawable(ws, flt: Filter) -> int:
    ev = page_evidence(ws, flt)
    return sum(1 for p in ev["flows"]["path"] if len(p) >= 2)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_flow_popup_quotes_the_passage_as_text_and_the_layer_toggles(qtbot, ws, tmp_path, size):
    from webwindow import open_window

    with open_window(qtbot, ws, tmp_path / "settings.ini", size=size) as window:
        _evidence_sent(qtbot, window)
        flow = next(f for f in flows_passing(ws, Filter()) if f.destination.site == "kursk-oblast" and f.quantity)
        window.map.page_api.set_view(28, 36, 135, 60)  # Kursk to Pyongyang
        assert js(qtbot, window, f"mapviewer.openFlow({flow.id!r})") is True
        popup = js_json(qtbot, window, """(function () {
          var p = document.querySelector('.leaflet-popup .mv-flow-popup');
          return {name: p.querySelector('.mv-name').textContent, quote: p.querySelector('.mv-quote').textContent,
                  markup: p.querySelectorAll('.mv-quote *').length};
        })()""")
        assert popup["name"] == "North Korea → Kursk Oblast" and popup["quote"] == flow.sentence and popup["markup"] == 0
        _shot(qtbot, window, "flows-with-popup")
        # Its own layer in the layer control: unticking it removes the arrows.
        js(qtbot, window, "document.querySelector('.leaflet-popup-close-button').click()")
        before = _stable(qtbot, window)
        box = "document.querySelector('.leaflet-control-layers-overlays input')"
        assert js(qtbot, window, f"{box}.checked") is True
        js(qtbot, window, f"{box}.click()")
        assert js(qtbot, window, "mapviewer.flowsShown") is False
        after = _stable(qtbot, window)
        assert (before != after).any(axis=-1).sum() > 200  # the arrows were drawn
        js(qtbot, window, f"{box}.click()")


def test_hostile_flow_text_stays_text(qtbot, window, ws):
    _evidence_sent(qtbot, window)
    evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>'
    ev = page_evidence(ws)
    ev["flows"]["sentence"][0] = evil
    ev["flows"]["origin"][0] = evil
    window.map.page_api.set_evidence(ev)
    flow_id = ev["flows"]["id"][0]
    window.map.page_api.fit_visible()
    assert js(qtbot, window, f"mapviewer.openFlow({flow_id!r})") is True
    quote = js(qtbot, window, "document.querySelector('.leaflet-popup .mv-flow-popup .mv-quote').textContent")
    assert quote == evil
    assert js(qtbot, window, "document.querySelectorAll('.leaflet-popup img').length") == 0
    assert js(qtbot, window, "window.__pwned === undefined") is True
    window.map.page_api.set_evidence(page_evidence(ws))


def test_figures_follow_filters_in_the_panel(qtbot, window, ws):
    _evidence_sent(qtbot, window)
    window.right_dock.show_tab(window.figures_panel)  # a panel that is up follows each filter (a hidden one, once up)
    window.show_figures("kursk-oblast")
    assert "alabuga" in window.figures_panel.browser.toPlainText().lower()
    window.session.set_filter(Filter(articles=frozenset({"ghost-factories"})))
    assert [s["id"] for s in window.figures_panel.view["sources"]] == ["ghost-factories"]
    assert [f.id for f in figures_passing(ws, Filter(articles=frozenset({"ghost-factories"})), "kursk-oblast")] == [
        r["id"] for s in window.figures_panel.view["subjects"] for c in s["cells"] for r in c if not r["wider"]]
    window.session.set_filter(Filter())


def test_a_png_keeps_the_flows_key_without_its_checkbox(qtbot, window):
    """What the PNG export hides (export_shots.PICTURE_HIDES), on the real page: the Flows box stays as the key
    to the arrows; its checkbox, which nothing in a picture can click, goes."""
    from mapviewer.qt.export_shots import PICTURE_HIDES

    _evidence_sent(qtbot, window)
    shown = "(function (s) { var e = document.querySelector(s); return !!e && getComputedStyle(e).display !== 'none'; })"
    assert js(qtbot, window, f"{shown}('.leaflet-control-layers-selector')") is True
    window.map.page_api.hide_controls(PICTURE_HIDES)
    qtbot.waitUntil(lambda: js(qtbot, window, f"{shown}('.leaflet-control-layers-selector')") is False, timeout=5000)
    assert js(qtbot, window, f"{shown}('.leaflet-control-layers')") is True
    assert js(qtbot, window, f"{shown}('.mv-flows-key')") is True
    assert "width: quantity" in js(qtbot, window, "document.querySelector('.leaflet-control-layers').textContent")
