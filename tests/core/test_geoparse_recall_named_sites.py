"""Recall on unseen articles (recall-13): the facility phrase a sentence opens with "The", "an area called X", a
province in Revised Romanisation, a named palace, and a list mate listed as the article's other listing of its name.
Every sentence here was invented for these tests; none comes from the evaluation articles. (recall-13's hromada rule,
"the X community" placed at its seat, is not here: on the blind halves AG-AI it found nothing new and put one
community 400 km from its seat.)"""

from __future__ import annotations

import pytest
from placing import found, one


def test_a_facility_phrase_opening_a_sentence_with_the_is_listed() -> None:
    text = "The Tarnovo missile test site near the coast is where the army fired four rockets, officials said."
    assert [c.surface for c in found(text)] == ["Tarnovo missile test site"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The tunnels lie north of the city in an area called Tolmaz, analysts said.", "Tolmaz"),
        ("The fighting moved to a locality known as Zarnitsa on Monday.", "Zarnitsa"),
    ],
)
def test_a_name_an_area_is_called_is_listed(text: str, surface: str) -> None:
    assert surface in [c.surface for c in found(text)]


def test_a_name_a_person_is_called_stays_out() -> None:
    assert found("The tunnels were dug by a man called Tolmaz, analysts said.") == []


def test_a_province_in_revised_romanisation_is_the_listed_one_in_a_passage_about_korea() -> None:
    text = "North Korea keeps two bunkers in Ryanggang and one in Jagang, defectors said."
    c = one(text, "Jagang")
    assert c.place is not None and c.place.name == "Chagang Province"


def test_a_voiced_initial_is_not_respelt_outside_korea() -> None:
    assert "Chagang Province" not in [c.place.name for c in found("Defectors said Jagang was quiet.") if c.place]


@pytest.mark.parametrize(
    "text",
    [
        "Imagery shows the Tongdo Palace, located east of the capital, was torn down in April.",
        "Tongdo Palace has long served the ruling family as a summer retreat.",
    ],
)
def test_a_named_palace_is_listed(text: str) -> None:
    assert "Tongdo Palace" in [c.surface for c in found(text)]


def test_a_palace_in_lower_case_or_a_club_named_so_is_no_site() -> None:
    assert found("Crystal Palace beat the visitors on Saturday.") == []
    assert found("Guards closed the palace gates on Friday.") == []


def test_a_list_mate_left_unplaced_is_still_listed_when_the_article_lists_its_name_elsewhere() -> None:
    text = (
        "Imagery shows new halls at the Tavrez military base outside the capital.\n\n"
        "Work at Tavrez and Khojir is meant to raise missile output, officials said."
    )
    assert [c.surface for c in found(text)].count("Tavrez") == 2  # the second occurrence is the base listed before


def test_a_list_mate_named_nowhere_else_is_still_dropped() -> None:
    assert "Tavrez" not in [c.surface for c in found("Work at Tavrez and Khojir is meant to raise missile output.")]
