"""Names after a place cue that passes over an Arabic article (issue 13, recall): "toward Tell al-Hara and X", the
list's cue covers X; "the city of al-X" whose X is some city abroad is listed, not dropped. Every sentence and
unknown name here is invented for these tests."""

from __future__ import annotations

from placing import found


def _surfaces(text: str) -> list[str]:
    return [c.surface for c in found(text)]


def test_a_list_cue_passes_over_an_item_with_an_arabic_article() -> None:
    text = "Tanks moved from Quneitra toward Tell al-Hara and Rweihina in the south, then back through Rweihina."
    assert _surfaces(text).count("Rweihina") == 2  # the list item, and its bare repeat


def test_a_city_name_after_a_strong_cue_that_fits_no_city_here_is_listed() -> None:
    text = "Syrians gathered in the city of al-Salam in Quneitra province to protest."
    c = [c for c in found(text) if "Salam" in c.surface]
    assert c and c[0].status == "unplaced"


def test_a_city_name_with_no_cue_stays_out() -> None:
    assert not [c for c in found("Officials said Salam would chair the talks in Quneitra.") if "Salam" in c.surface]
