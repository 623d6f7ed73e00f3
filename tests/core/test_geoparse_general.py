"""General rules for unseen articles (issue 13): datelines, regions named after their capital, regions written in
another romanisation. Every sentence here was invented for these tests; none comes from the evaluation articles."""

from __future__ import annotations

import pytest
from placing import found, near, one

from mapviewer.core.ingest.capitals import capital_of_region_phrase, region_capital, seat_gids
from mapviewer.core.ingest.dateline import is_dateline
from mapviewer.core.ingest.geo_index import geo_index

SUDZHA = (51.19, 35.27)
BEIT_LAHIA = (31.55, 34.50)
DONETSK_UA = (48.02, 37.80)
ZAPORIZHZHIA = (47.85, 35.12)
KHARKIV = (49.98, 36.25)


# ---------------------------------------------------------------- the dateline is a place cue


@pytest.mark.parametrize(
    ("text", "surface", "point"),
    [
        ("SUDZHA, Russia — Soldiers walked through the empty market on Monday.", "SUDZHA", SUDZHA),
        ("SUDZHA, RUSSIA (AP) — Soldiers walked through the empty market on Monday.", "SUDZHA", SUDZHA),
        ("BEIT LAHIA, Gaza Strip (AP) — Bulldozers cleared a street on Monday.", "BEIT LAHIA", BEIT_LAHIA),
    ],
)
def test_a_small_town_in_a_dateline_is_a_candidate_with_nothing_else_placed(text: str, surface: str, point: tuple[float, float]) -> None:
    c = one(text, surface)
    assert c.status in ("placed", "low-confidence") and near(c, point)


def test_a_dateline_is_where_the_passage_opens_and_is_followed_as_a_dateline_is() -> None:
    text = "SUDZHA, Russia — Soldiers walked."
    assert is_dateline(text, 0, 6)
    assert is_dateline("KHAN YOUNIS (AP) — Rain.", 0, 4)  # the first word of a name in capitals
    assert is_dateline("Kupiansk, Ukraine, May 2 (Reuters) - Rain fell.", 0, 8)
    assert not is_dateline("Kupiansk, Izium and Lyman were hit by rain.", 0, 8)  # a list, not a dateline
    assert not is_dateline("Soldiers said NATO, the alliance, was absent.", 14, 18)  # not at the start of its line
    assert not is_dateline("NATO leaders met.", 0, 4)  # capitals with no dateline after them


def test_words_in_capitals_mid_sentence_stay_acronyms_not_towns() -> None:
    assert not [c for c in found("Soldiers of the SBU said the HIMARS battery had moved.") if c.place is not None]


# ---------------------------------------------------------------- a region is named after its capital


def test_a_region_named_after_a_city_is_the_region_whose_capital_that_city_is() -> None:
    # Donetsk is also a Russian town of some size: "Donetsk Oblast" is still the Ukrainian region
    c = one("Russian forces took a hill in Donetsk Oblast, Russian officials said.", "Donetsk Oblast")
    assert near(c, DONETSK_UA, 5) and c.place is not None and c.place.country == "UA"


def test_region_capital_is_the_one_reading_that_is_a_capital_else_none() -> None:
    rows = [h.row for h in geo_index().lookup(["donetsk"]) if h.words == 1 and not h.variant]
    capital = region_capital(rows, lambda r: r.gid)
    assert capital is not None and capital.country == "UA"
    assert region_capital([r for r in rows if r.gid not in seat_gids()], lambda r: r.gid) is None


@pytest.mark.parametrize(
    ("text", "surface", "point"),
    [
        ("Officials said a depot burned in the Zaporizhia region overnight.", "Zaporizhia region", ZAPORIZHZHIA),
        ("Officials said a depot burned in Kharkov Oblast overnight.", "Kharkov Oblast", KHARKIV),
    ],
)
def test_a_region_written_in_another_romanisation_is_drawn_at_its_capital(text: str, surface: str, point: tuple[float, float]) -> None:
    c = one(text, surface)
    assert c.place is not None and c.place.kind == "region" and near(c, point, 10)


@pytest.mark.parametrize("phrase", ["Morvakhin region", "Leningrad Military District", "the Far East region", "Smith Province Council"])
def test_only_a_region_capital_makes_a_region_of_a_phrase(phrase: str) -> None:
    assert capital_of_region_phrase(phrase) is None
