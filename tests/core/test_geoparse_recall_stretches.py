"""Places named as the hills a strike hit, as the ends of a stretch, or as a road junction (issue 13, recall): "the
hills of X, Y and Z", "between <a town> and X", "the X-Y junction". Every sentence and unknown name here is invented
for these tests."""

from __future__ import annotations

from placing import found


def _listed(text: str) -> list[str]:
    return [c.surface for c in found(text)]


def test_the_villages_whose_hills_were_struck_are_candidates() -> None:
    text = "Jets struck the hills of Qarmoun, Deir Tannous and Mazraat Hilal near Baalbek on Monday."
    assert {"Qarmoun", "Deir Tannous", "Mazraat Hilal"} <= set(_listed(text))


def test_the_other_end_of_a_stretch_from_a_town_is_a_candidate() -> None:
    assert "Tannourine" in _listed("Shells fell on the road between Baalbek and Tannourine overnight.")


def test_a_person_or_a_word_at_the_end_of_a_stretch_stays_out() -> None:
    assert "Haddad" not in _listed("Talks between Baalbek and Haddad said nothing, Haddad said.")
    assert _listed("A choice between Freedom and Peace was put to voters.") == []


def test_a_junction_named_by_its_two_villages_is_listed() -> None:
    assert "Qarmoun-Tannous junction" in _listed("Drones hit cars at the Qarmoun-Tannous junction.")


def test_a_day_or_a_word_on_the_hills_stays_out() -> None:
    assert _listed("The hills of Monday were quiet; the slopes of Hezbollah country are steep.") == []


def test_the_ends_of_a_stretch_owned_by_someone_stay_out() -> None:
    assert "Haddad" not in _listed("The border between Haddad and Baalbek's farms was redrawn.")
