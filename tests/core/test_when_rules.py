"""The time rules of mapviewer/core/when.py on sentences written for each rule (expected values by hand)."""

from __future__ import annotations

import pytest

from mapviewer.core.when import first_day, last_day, parse_date, when_of


@pytest.mark.parametrize(
    ("sentence", "article_date", "start", "end", "precision", "source"),
    [
        ("On September 16, 1979, the plant opened.", None, "1979-09-16", "1979-09-16", "day", "passage"),
        ("Seoul said on 14 March 2025 that troops left.", None, "2025-03-14", "2025-03-14", "day", "passage"),
        ("In July 2025, Lavrov visited Wonsan.", None, "2025-07", "2025-07", "month", "passage"),
        ("Between 2003 and 2006 they dug tunnels.", None, "2003", "2006", "range", "passage"),
        ("The tunnel was found in 1974.", None, "1974", "1974", "year", "passage"),
        ("In the late 1960s the plan began.", None, "1966", "1969", "range", "passage"),
        ("Bunkers dating back to the Korean War remain.", None, "1950-06-25", "1953-07-27", "range", "passage"),
        ("The battle at Avdiivka last fall was long.", "2024-07", "2023-09", "2023-11", "range", "passage"),
        ("Since October, engineers have worked there.", "2025-11-04", "2025-10", "2025-11-04", "range", "passage"),
        ("On Sunday, the ministry described the tunnel.", "2024-07-03", "2024-06-30", "2024-06-30", "day", "passage"),
        ("Putin visited Pyongyang on June 15.", "2024-07", "2024-06-15", "2024-06-15", "day", "passage"),
        ("Troops will arrive this summer.", "2024-07-02", "2024-06", "2024-08", "range", "passage"),
        ("The minister told Bloomberg last month.", "2024-07", "2024-06", "2024-06", "month", "passage"),
        ("Lavrov recently praised the alliance.", "2025-07", None, "2025-07", "unknown", "passage"),
        ("Engineers may follow in the coming months.", "2025-11-04", "2025-11-04", None, "unknown", "passage"),
        ("The factory makes drones.", "2025-06-21", "2025-06-21", "2025-06-21", "day", "article"),
        ("The 2,000 workers and 1,000 sappers left.", "2025-06", "2025-06", "2025-06", "month", "article"),
        ("It may be a sign of things to come.", "2025", "2025", "2025", "year", "article"),
    ],
)
def test_rule(sentence, article_date, start, end, precision, source):
    when = when_of(sentence, 0, article_date)
    assert (when.start, when.end, when.precision, when.source) == (start, end, precision, source), when


def test_relative_time_in_an_undated_article_is_undated():
    assert when_of("The ministry spoke on Sunday.", 0, None) is None
    assert when_of("The factory makes drones.", 0, None) is None


def test_the_mentions_own_phrase_decides_between_two_times():
    sentence = "Tunnels dug in 1974 were found, and in 2014 Russia occupied Donetsk."
    assert when_of(sentence, sentence.index("Tunnels"), None).start == "1974"
    assert when_of(sentence, sentence.index("Donetsk"), None).start == "2014"


def test_a_superlative_since_is_a_comparison_not_a_date():
    assert when_of("It is the largest mission since the Korean War.", 0, "2025-11-04").source == "article"


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2025-03-14T09:00:00Z", "2025-03-14"), ("14 March 2025", "2025-03-14"), ("March 14, 2025", "2025-03-14"),
     ("Mar. 2025", "2025-03"), ("2025", "2025"), ("soon", None), ("2025-02-30", None)],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_partial_dates_cover_their_whole_period():
    assert (first_day("2024-02").isoformat(), last_day("2024-02").isoformat()) == ("2024-02-01", "2024-02-29")
    assert (first_day("2025").isoformat(), last_day("2025").isoformat()) == ("2025-01-01", "2025-12-31")
