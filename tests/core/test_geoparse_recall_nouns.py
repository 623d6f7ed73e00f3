"""A lower-case place noun after a name ("the X area", "the X desert", "al-X camp") makes the name a candidate that no
gazetteer knows (issue 13, recall; place_nouns.py). Every sentence and unknown name here is invented for these tests."""

from __future__ import annotations

from placing import found

from mapviewer.core.ingest.place_nouns import place_noun_after


def _surfaces(text: str) -> list[str]:
    return [c.surface for c in found(text)]


def _named(name: str, text: str) -> bool:
    """Some candidate of `text` holds `name` (the name alone, or a phrase with its head word)."""
    return any(name in s for s in _surfaces(text))


def test_a_name_before_a_land_noun_is_listed() -> None:
    assert _named("Qarnoub", "Warplanes struck the Qarnoub area overnight, residents said.")
    assert _named("Zelbayev", "Troops now hold most of the Zelbayev countryside, the army said.")
    assert _named("Al-Matrouf", "Heavy clashes went on along the Al-Matrouf frontline on Monday.")
    assert _named("Al-Hessan", "Drones hit positions in the Al-Hessan desert on Friday.")


def test_without_the_noun_the_same_unknown_name_is_no_candidate() -> None:
    assert not _named("Qarnoub", "Warplanes struck Qarnoub overnight, residents said.")


def test_a_camp_is_a_place_only_after_a_joined_arabic_article() -> None:
    assert _named("Al-Zawiqa", "Soldiers raided homes in the Al-Zawiqa camp at dawn.")
    assert _surfaces("Aides in the Dunmore camp said the vote was close.") == []


def test_a_noun_that_qualifies_another_is_no_cue() -> None:
    text = "the Qarnoub area commander"
    assert not place_noun_after(text, 4, 11)
    assert place_noun_after("the Qarnoub area.", 4, 11)
    assert not place_noun_after("the Qarnoub Area", 4, 11)  # a capitalised word goes on with the name


def test_names_after_islands_of_and_valleys_of_are_listed() -> None:
    text = "The flood reached the islands of Norbek and Taldu, and the valleys of Qorvash."
    surfaces = _surfaces(text)
    assert {"Norbek", "Taldu", "Qorvash"} <= set(surfaces)
    assert "Norbek" not in _surfaces("The flood reached Norbek and Taldu.")


def test_a_rivers_bare_name_after_the_is_that_river() -> None:
    text = "Rain swelled the Kelvash Tirnok River on Monday. By night the water had spilled over the Kelvash Tirnok again."
    assert _surfaces(text).count("Kelvash Tirnok") == 1  # the bare repeat, besides the river's phrase
    assert "Kelvash Tirnok" not in _surfaces("By night the water had spilled over the Kelvash Tirnok again.")  # no river
    assert "Kelvash Tirnok" not in _surfaces("Rain swelled the Kelvash Tirnok River. Kelvash Tirnok said the dam held.")  # no "the"


def test_a_named_base_inside_which_troops_stand_is_listed() -> None:
    assert _named("Qarnoub", "Fighters stationed inside Al-Qarnoub base were moved on Monday.")
    assert not _named("Qarnoub", "Fighters praised Al-Qarnoub base rules on Monday.")  # no cue before it


def test_warehouses_and_shrines_are_place_heads() -> None:
    assert "Zelbayev warehouses" in _surfaces("Jets struck the Zelbayev warehouses at dawn.")
    assert "Zelbayev warehouses" in _surfaces("Drones hit the camp, destroying Zelbayev warehouses and a depot.")
    assert _named("Sitt Marwa Shrine", "Militias camped in the Sitt Marwa Shrine last week.")
