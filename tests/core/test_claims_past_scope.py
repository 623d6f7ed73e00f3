"""Where a past date reaches: the phrase that carries a name's clause on after an interruption (claims.continued_clause,
claims.CLAUSE_INTERRUPTIONS), and a dated event named after "following"/"after" (claims.HISTORICAL_RULES; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: completed past events ("last year's offensive") are "historical", a
party's plain statement is "reported".
"""

from __future__ import annotations

import pytest
from claiming import label, why

from mapviewer.core.claims import classify, continued_clause
from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims


def _continuation(sentence: str, surface: str) -> str | None:
    span = continued_clause(sentence, sentence.index(surface))
    return sentence[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # a list of names, then the clause's verb and its date
        ("Lipova, as well as the Dubrava and Varta regions, were merged into one province last October.", "Lipova"),
        ("Lipova, as well as the Dubrava and Varta regions, were merged into one province last October.", "Dubrava"),
        ("Lipova, Dubrava, and Varta regions, were merged into one province last October.", "Varta regions"),
        # an appositive between a name and the date of its clause
        ("The army shelled Lipova, a hill town, during the summer of 2016.", "Lipova"),
    ],
)
def test_a_date_after_an_interruption_dates_the_names_clause(sentence, surface):
    assert label(sentence, surface) == "historical"
    assert why(sentence, surface).startswith("recent past date")


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        # no interruption: the date belongs to another clause
        ("Troops hold Lipova, which was merged into the province last October.", "Lipova", "reported"),
        # the phrase after the name is a clause of its own, not an interruption
        ("Troops hold Lipova, officials said, and Varta was merged last October.", "Lipova", "reported"),
        # the date sits in the appositive: it dates the description, not the clause
        ("Troops entered Lipova, a town merged last October, on Monday.", "Lipova", "reported"),
    ],
)
def test_a_date_outside_the_names_clause_does_not_date_it(sentence, surface, expected):
    assert label(sentence, surface) == expected


def test_the_continuation_is_found_only_past_interruptions():
    s = "The drones reached Lipova, a river port, in August 2024."
    assert _continuation(s, "Lipova") == "in August 2024."
    assert _continuation("The drones reached Lipova, in a first for the war.", "Lipova") is None
    assert _continuation("Lipova, a river port, said the mayor, was hit in May.", "Lipova") is None


def test_an_article_date_a_season_later_makes_the_continued_date_a_settled_event():
    s = "The drones reached Lipova, a river port, in August 2024."
    at = s.index("Lipova")
    passage = Passage("lipova", classify(s, at), s, at, 0)
    claim = article_claims([passage], ArticleFacts("2025-03-01", s))[0]
    assert claim.certainty == "historical"
    assert claim.evidence == "dated before the article: “in August 2024”"
    # a week after the event it is news
    assert article_claims([passage], ArticleFacts("2024-08-20", s))[0].certainty == "reported"


# ---- a dated event that another follows ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The navy is on alert following the March 3 bombing of a depot in Lipova.", "Lipova"),
        ("Only days after the drone strikes on the Lipova refinery in Varta on June 9, new tanks arrived.", "Lipova refinery"),
        ("Talks stalled after a deadly raid on Lipova in late May.", "Lipova"),
    ],
)
def test_a_dated_event_named_after_following_is_historical(sentence, surface):
    assert label(sentence, surface) == "historical"
    assert why(sentence, surface).startswith("dated event followed by another")


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # the sentence's own event comes before the cue
        ("Troops shelled Lipova following the March 3 bombing of a depot.", "Lipova"),
        # the cue opens a phrase of its own; the place is in the main clause
        ("After the March 3 bombing of a depot, troops shelled Lipova.", "Lipova"),
        # no date: the event may be today's news
        ("The navy is on alert following the bombing of a depot in Lipova.", "Lipova"),
    ],
)
def test_the_event_that_follows_or_an_undated_one_is_not_dated_by_the_cue(sentence, surface):
    assert label(sentence, surface) == "reported"
