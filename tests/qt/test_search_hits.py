"""The search's hit list: core.search finds sites and passages as the filter does (case and accents ignored) and
says where the term is; the window lists them with the term marked and the text escaped, and a hit opens."""

from __future__ import annotations

import pytest

from mapviewer.core.filters import Filter
from mapviewer.core.search import SNIPPET, Hit, find_folded, search_hits


def test_find_folded_ignores_case_and_accents_and_gives_spans_of_the_original_text() -> None:
    text = "From Kursk to KURSK and Kúrsk, not Kurs."
    spans = find_folded(text, "kursk")
    assert [text[a:b] for a, b in spans] == ["Kursk", "KURSK", "Kúrsk"]
    assert find_folded("Straße ﬁle", "file") == [(7, 10)]  # a ligature folds to two letters: one original character
    assert find_folded("anything", "   ") == []


def test_hits_are_the_shown_sites_and_passages_containing_the_term(ws) -> None:
    result = ws.filter(Filter(text="pyongyang"))
    hits, total = search_hits(ws, result, "pyongyang")
    assert total == len(hits)
    assert hits[0] == Hit("site", "pyongyang", None, "Pyongyang", ((0, 9),), hits[0].where)
    passages = [h for h in hits if h.kind == "passage"]
    expected = {(m.article_id, m.sentence_start) for m in ws.mentions if "pyongyang" in m.sentence.lower()}
    assert len(passages) == len(expected) > 3
    for h in passages:
        assert all(h.text[a:b].lower() == "pyongyang" for a, b in h.spans) and h.spans
        assert len(h.text) <= SNIPPET + 2
    # the other filters apply: only reported passages
    reported = ws.filter(Filter(text="pyongyang", certainties=frozenset({"reported"})))
    hits2, _ = search_hits(ws, reported, "pyongyang")
    shown = {ws.mention_by_id[h.mention_id].claim.certainty for h in hits2 if h.mention_id}
    assert shown == {"reported"}
    assert search_hits(ws, result, "") == ([], 0)


def test_the_list_is_capped_and_says_how_many_there_are(ws) -> None:
    result = ws.filter(Filter(text="a"))
    hits, total = search_hits(ws, result, "a", limit=10)
    assert len(hits) == 10 and total > 10


def test_hit_html_escapes_the_text_and_marks_the_term() -> None:
    pytest.importorskip("PySide6.QtWidgets")
    from mapviewer.qt.search_hits import hit_html

    text = "<script>alert(1)</script> near Kursk & co"
    hit = Hit("passage", "kursk", "a:1", text, tuple(find_folded(text, "kursk")), "Title <b>x</b>")
    out = hit_html(hit)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; co" in out
    assert "Title &lt;b&gt;x&lt;/b&gt;" in out
    assert '">Kursk</span>' in out


@pytest.mark.webengine
def test_searching_lists_hits_and_a_hit_opens_its_site_or_passage(qtbot, ws, tmp_path) -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from webwindow import open_window, state

    with open_window(qtbot, ws, tmp_path / "ini", size=(1280, 800)) as window:
        dock = window.search_dock
        assert dock.visibleRegion().isEmpty(), "the Sites tab is in front before any search"
        window.filters.search.setText("kursk")
        qtbot.waitUntil(lambda: dock.hits.model.rowCount() > 0, timeout=3000)
        assert not dock.visibleRegion().isEmpty(), "a search brings its results to the front"
        hits = dock.hits.hits
        assert hits[0].kind == "site" and "kursk" in hits[0].text.lower()
        assert "site(s)" in dock.hits.summary.text()
        # a passage, by keyboard: select it and press Enter
        row = next(i for i, h in enumerate(hits) if h.kind == "passage")
        view = dock.hits.view
        view.setFocus()
        view.setCurrentIndex(dock.hits.model.index(row, 0))
        QTest.keyClick(view, Qt.Key.Key_Return)
        assert window.right_dock.showing(window.reader)
        assert window.reader.highlight is not None and window.reader.highlight.id == hits[row].mention_id
        # a site, by click: the map flies to it and opens its popup
        view.clicked.emit(dock.hits.model.index(0, 0))
        qtbot.waitUntil(lambda: state(qtbot, window)["popup"] == hits[0].site_id, timeout=5000)
        window.filters.search.clear()
        qtbot.waitUntil(lambda: dock.hits.model.rowCount() == 0, timeout=3000)
        assert dock.visibleRegion().isEmpty(), "the Sites table comes back when the search is cleared"
