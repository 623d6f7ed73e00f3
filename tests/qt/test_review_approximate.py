"""The review list says when a point is only approximate (located by the article's text, issue 13), and the
text it shows from the article is escaped where it becomes a rich-text tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mapviewer.core.ingest.decisions import ReviewItem
from mapviewer.qt.review_panel import ReviewModel, status_text

NOTE = "approximate: in the <b>Kupiansk</b> district, ±60 km (where its sentence puts it, not the place's own point)"


def _item(approximate: str, decision: str | None = None) -> ReviewItem:
    return ReviewItem(key="site:x", name="Vovkodavivka", site_id="x", place="Vovkodavivka", lat=49.71, lon=37.62,
                      status="low-confidence", decision=decision, confidence=0.5, provenance="article text",
                      articles=("a",), count=1, reason=NOTE, sentence="Shelling hit Vovkodavivka.", approximate=approximate)  # fmt: skip


def test_the_status_column_says_approximate_until_decided(qtbot) -> None:
    assert status_text(_item(NOTE)) == "low confidence · approximate"
    assert status_text(_item("")) == "low confidence"
    assert status_text(_item(NOTE, decision="accepted")) == "accepted"
    model = ReviewModel()
    model.set_items([_item(NOTE)])
    assert model.data(model.index(0, 2), Qt.ItemDataRole.DisplayRole) == "low confidence · approximate"


def test_the_tooltip_shows_the_approximation_escaped(qtbot) -> None:
    model = ReviewModel()
    model.set_items([_item(NOTE)])
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "approximate: in the &lt;b&gt;Kupiansk&lt;/b&gt; district, ±60 km" in tip and "<b>" not in tip
