"""The main window with a real QtWebEngine map page, offscreen: what the page shows follows the core."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import QPoint, Qt, QUrl
from webwindow import js, js_json, map_image, near_mask, open_window, pixels, state

from mapviewer.core.filters import Filter
from mapviewer.core.model import CERTAINTIES
from mapviewer.core.style import CERTAINTY_COLOURS
from mapviewer.core.workspace import Workspace

pytestmark = pytest.mark.webengine


def visible(qtbot, window) -> set[str]:
    return set(state(qtbot, window)["visible"])


def table_ids(window) -> set[str]:
    return {row[0] for row in window.sites.model_.rows}


def assert_consistent(qtbot, window, ws, expected: Filter) -> None:
    """Page, table and status bar all show exactly what the core's filter says."""
    result = ws.filter(expected)
    assert window.filters.current() == expected
    st = state(qtbot, window)
    assert set(st["visible"]) == set(result.site_ids)
    assert st["passages"] == result.passage_count
    assert table_ids(window) == set(result.site_ids)
    assert (
        window.status.text() == f"{len(result.site_ids)} of {len(ws.mapped_sites)} sites · {result.passage_count} passages shown"
    )


def test_map_loads_with_leaflet_and_every_site(qtbot, window, ws):
    st = state(qtbot, window)
    assert st["ready"] is True
    assert st["leaflet"] == "1.9.3"
    assert st["sites"] == len(ws.mapped_sites)
    assert set(st["visible"]) == set(ws.filter(Filter()).site_ids)
    assert st["basemapDrawn"] is True
    assert st["errors"] == []
    assert window.map.js_errors == []
    assert_consistent(qtbot, window, ws, Filter())


def test_unticking_an_article_shows_what_the_core_says(qtbot, window, ws):
    article = "nysun-tunnel-engineers"
    before = visible(qtbot, window)
    window.filters.articles.set_checked(article, False)
    others = frozenset(a.id for a in ws.articles if a.id != article)
    assert_consistent(qtbot, window, ws, Filter(articles=others))
    assert visible(qtbot, window) != before
    window.filters.articles.set_checked(article, True)
    assert_consistent(qtbot, window, ws, Filter())


def test_clicking_a_certainty_checkbox_shows_what_the_core_says(qtbot, window, ws):
    box = window.filters.certainty_boxes["reported"]
    window.filters_dock.show()
    box.ensurePolished()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert not box.isChecked()
    assert_consistent(qtbot, window, ws, Filter(certainties=frozenset(c for c in CERTAINTIES if c != "reported")))


def test_search_box_narrows_the_map(qtbot, window, ws):
    with qtbot.waitSignal(window.filters.filterChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "Pivnichne")
    assert_consistent(qtbot, window, ws, Filter(text="Pivnichne"))
    shown = visible(qtbot, window)
    assert "pivnichne" in shown
    assert len(shown) < len(ws.mapped_sites)


def test_filtering_never_reloads_the_page(qtbot, window, ws):
    js(qtbot, window, "window.__marker = 1")
    loads = []
    window.map.loadStarted.connect(lambda: loads.append(1))
    window.filters.articles.set_checked("ghost-factories", False)
    window.filters.certainty_boxes["context"].setChecked(False)
    with qtbot.waitSignal(window.filters.filterChanged, timeout=3000):
        window.filters.search.setText("tunnel")
    window.filters.set_all(window.filters.topic_boxes, False)
    window.reset_filters()
    assert_consistent(qtbot, window, ws, Filter())
    assert js(qtbot, window, "window.__marker") == 1
    assert loads == []


def test_selecting_a_table_row_opens_that_sites_popup(qtbot, window, ws):
    table = window.sites
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data() == "Avdiivka")
    index = table.model().index(row, 0)
    table.setCurrentIndex(index)
    with qtbot.waitSignal(table.siteSelected, timeout=2000) as sig:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert sig.args == ["avdiivka"]
    assert state(qtbot, window)["popup"] == "avdiivka"


def test_popup_link_opens_the_reader_at_the_passage(qtbot, window, ws):
    window.map.focus_site("pivnichne")
    assert state(qtbot, window)["popup"] == "pivnichne"
    mention_id = js(qtbot, window, "document.querySelector('.leaflet-popup .mv-open').getAttribute('data-mention')")
    mention = ws.mention_by_id[mention_id]
    assert mention.site_id == "pivnichne"
    with qtbot.waitSignal(window.map.passageRequested, timeout=3000):
        js(qtbot, window, "document.querySelector('.leaflet-popup .mv-open').click()")
    assert window.reader.article is not None and window.reader.article.id == mention.article_id
    assert window.reader.highlight is not None and window.reader.highlight.id == mention_id
    paragraph = ws.article_by_id[mention.article_id].paragraphs[mention.paragraph]
    assert paragraph.text[:40] in window.reader.browser.toPlainText()
    assert window.reader_dock.isVisible()


def test_page_ids_are_not_trusted(qtbot, window, ws):
    window.map.bridge.openPassage("no-such-mention")
    assert window.reader.article is None


def test_site_link_in_the_reader_opens_the_popup(qtbot, window, ws):
    mention = next(m for m in ws.mentions if m.site_id == "pivnichne")
    window.open_passage(mention.id)
    assert 'href="site:avdiivka"' in window.reader.browser.toHtml()
    window.reader.browser.anchorClicked.emit(QUrl("site:avdiivka"))
    assert state(qtbot, window)["popup"] == "avdiivka"


def test_mouse_click_on_a_marker_opens_its_popup(qtbot, window, ws):
    site = "washington"  # alone on its side of the world at the initial view
    x, y = js_json(qtbot, window, f"JSON.parse(mapviewer.markerPoint({site!r}))")
    target = window.map.focusProxy()
    assert target is not None
    qtbot.mouseMove(target, QPoint(round(x), round(y)))
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    qtbot.waitUntil(lambda: state(qtbot, window)["popup"] == site, timeout=3000)


def test_screenshot_shows_markers_in_their_certainty_colours(qtbot, window, ws):
    image = map_image(qtbot, window)
    px = pixels(image)
    assert px.std() > 10  # not blank
    result = ws.filter(Filter())
    points = {}
    controls = js_json(  # the legend, zoom buttons and scale cover what is under them
        qtbot, window, "[...document.querySelectorAll('.leaflet-control')].map(e => e.getBoundingClientRect()).map(r => [r.left, r.top, r.right, r.bottom])"
    )
    for site in ws.mapped_sites:
        if site.is_area or site.id not in result.site_ids:
            continue
        x, y = js_json(qtbot, window, f"JSON.parse(mapviewer.markerPoint({site.id!r}))")
        covered = any(a - 3 <= x <= c + 3 and b - 3 <= y <= d + 3 for a, b, c, d in controls)
        if 0 <= x < image.width() and 0 <= y < image.height() and not covered:
            mentions = ws.mentions_of(site.id, result)
            points[site.id] = (round(x), round(y), CERTAINTY_COLOURS[ws.strongest_certainty(mentions)])
    isolated = {
        k: v for k, v in points.items() if all(abs(v[0] - o[0]) + abs(v[1] - o[1]) > 30 for j, o in points.items() if j != k)
    }
    assert len(isolated) >= 3, isolated
    for site_id, (x, y, colour) in isolated.items():
        patch = px[max(y - 2, 0) : y + 3, max(x - 2, 0) : x + 3]
        assert near_mask(patch, colour, 30).any(), (site_id, colour, patch.reshape(-1, 3).tolist())
    assert window.map.js_errors == []


def test_filters_are_restored_from_settings(qtbot, ws, tmp_path):
    ini = tmp_path / "settings.ini"
    with open_window(qtbot, ws, ini) as first:
        first.filters.articles.set_checked("alabuga-drone-workers", False)
        first.filters.certainty_boxes["speculative"].setChecked(False)
        saved = first.filters.current()
    with open_window(qtbot, ws, ini, restore=True) as second:
        assert second.filters.current() == saved
        assert_consistent(qtbot, second, ws, saved)


def test_focusing_a_site_shows_it_clear_of_its_neighbours(qtbot, window, ws):
    """Kusong shares its coordinates with Mt. Chonma and lies 5 km from Panghyon air base."""
    window.map.focus_site("kusong")
    st = state(qtbot, window)
    assert st["popup"] == "kusong"
    kusong = js_json(qtbot, window, "JSON.parse(mapviewer.markerPoint('kusong'))")
    airbase = js_json(qtbot, window, "JSON.parse(mapviewer.markerPoint('panghyon-airbase'))")
    assert abs(kusong[0] - airbase[0]) + abs(kusong[1] - airbase[1]) >= 18
    labels = js_json(
        qtbot, window, "Array.from(document.querySelectorAll('.mv-label')).map(function (e) { return e.textContent; })"
    )
    assert "Kusong" in labels  # the open popup's site is labelled even where a neighbour's label would collide


def test_labels_and_map_controls_do_not_overlap(qtbot, window):
    for site in ("pivnichne", "kusong", "pyongyang"):
        window.map.focus_site(site)
        boxes = js_json(
            qtbot,
            window,
            "Array.from(document.querySelectorAll('.mv-label')).map(function (e) {"
            " var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
        )
        assert boxes, site
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[2] - 1 and a[2] > b[0] + 1 and a[1] < b[3] - 1 and a[3] > b[1] + 1), (site, a, b)
    # Scale bar and attribution text fit their boxes (folium's 1rem container font made it overflow).
    overflow = js_json(
        qtbot,
        window,
        "Array.from(document.querySelectorAll('.leaflet-control-scale-line')).map(function (e) { return e.scrollWidth - e.clientWidth; })",
    )
    assert overflow and max(overflow) <= 0


def test_site_table_sorts_by_any_column(qtbot, tmp_path):
    with open_window(qtbot, Workspace.open(), tmp_path / "ini") as window:
        model = window.sites.model_
        rows = model.rows
        assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True), "most passages first"
        window.sites.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        names = [window.ws.site_by_id[r[0]].name.lower() for r in model.rows]
        assert names == sorted(names)
        window.sites.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        ranks = [CERTAINTIES.index(r[2]) for r in model.rows]
        assert ranks == sorted(ranks)
        assert {r[0] for r in model.rows} == {r[0] for r in rows}, "sorting keeps the same sites"
        shown = model.index(0, 0).data()
        assert shown == window.ws.site_by_id[model.rows[0][0]].name


def test_many_articles_are_a_searchable_checkable_list(qtbot, tmp_path):
    data = tmp_path / "many"
    (data / "articles").mkdir(parents=True)
    (data / "sites.geojson").write_bytes(Workspace.open().location.sites.read_bytes())
    for i in range(30):
        title = f"{'Kursk' if i % 3 else 'Donetsk'} report {i}"
        (data / "articles" / f"r{i:02d}.txt").write_text(f"{title}\n\nTroops were seen in Kursk and Donetsk, officials said.\n", encoding="utf-8")
    ws = Workspace.open(data)
    with open_window(qtbot, ws, tmp_path / "ini") as window:
        articles = window.filters.articles
        assert articles.find_box.isVisible() and articles.proxy.rowCount() == 30
        qtbot.keyClicks(articles.find_box, "donetsk")
        assert articles.proxy.rowCount() == 10
        with qtbot.waitSignal(window.filters.filterChanged, timeout=2000) as changed:
            articles.set_all(False)  # the group's "None": only the articles the find box shows
        flt = changed.args[0]
        assert flt.articles is not None and len(flt.articles) == 20
        assert all(ws.article_by_id[a].title.startswith("Kursk") for a in flt.articles)
        assert_consistent(qtbot, window, ws, flt)
        text = articles.items["r01"].text()
        assert text.startswith("Kursk report 1") and text.endswith(")"), "title and count"


def test_area_tint_fades_when_zoomed_in_so_land_does_not_read_as_water(qtbot, window):
    opacity = "(function(){var c=document.querySelector('.leaflet-overlay-pane canvas');return c?Number(c.style.opacity||1):null})()"
    js(qtbot, window, "mapviewer.setCenterZoom(48.2, 37.8, 4)")
    qtbot.wait(100)
    assert js(qtbot, window, opacity) == 1
    js(qtbot, window, "mapviewer.setCenterZoom(48.2, 37.8, 10)")
    qtbot.waitUntil(lambda: (js(qtbot, window, opacity) or 1) < 0.5, timeout=3000)


def test_an_article_whose_text_changed_is_named_and_marked_in_the_window(qtbot, tmp_path):
    """Issue 17's provenance check in the window: a workspace whose article no longer matches its recorded sha256
    says so in the status bar, naming the article, and the reader marks the text its passages are quoted from."""
    import shutil

    from mapviewer import paths
    from mapviewer.qt.reader import CHANGED_TEXT

    shutil.copy(paths.BUNDLED_SITES, tmp_path / "sites.geojson")
    shutil.copytree(paths.BUNDLED_ARTICLES, tmp_path / "articles")
    text = tmp_path / "articles" / "nysun-tunnel-engineers.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Avdiivka", "Avdiyivka"), encoding="utf-8")
    ws = Workspace.open(tmp_path)
    assert any("nysun-tunnel-engineers" in str(p) for p in ws.problems)
    with open_window(qtbot, ws, tmp_path / "settings.ini") as window:
        assert "nysun-tunnel-engineers" in window.statusBar().currentMessage()
        changed = next(m for m in ws.mentions if m.article_id == "nysun-tunnel-engineers")
        window.open_passage(changed.id)
        assert CHANGED_TEXT in window.reader.header.text()
        fine = next(m for m in ws.mentions if m.article_id == "ghost-factories")
        window.open_passage(fine.id)
        assert CHANGED_TEXT not in window.reader.header.text() and "source</a>" in window.reader.header.text()
