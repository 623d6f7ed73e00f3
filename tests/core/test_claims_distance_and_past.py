"""A distance from the border, "near X" in other words, and an event of last month (mapviewer/core/claims_usage.py
LOCATING_RULES, claims.HISTORICAL_RULES; issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: reference points ("near X", "N km from X") and range references are
"context", completed past events ("last year's offensive") are "historical", a hedge ("may") is "speculative".
"""

from __future__ import annotations

import pytest
from claiming import label, why

from mapviewer.core import claims

# ---- an event of last month -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Army engineers finished the pontoon bridge at Dubrava last month.", "Dubrava"),
        ("The tanker unloaded fuel at Solnechny on the 9th of last month.", "Solnechny"),
        ("The front has been quiet since their capture last month of the town of Dubrava.", "Dubrava"),
    ],
)
def test_an_event_of_last_month_in_the_mentions_phrase_is_historical(sentence, surface):
    assert label(sentence, surface) == "historical"
    assert why(sentence, surface).startswith("last month")


@pytest.mark.parametrize(
    "sentence",
    [
        "Last month, the agency reported a new depot at Dubrava.",  # the opening dates the report, not the depot
        "Last month's report said the depot at Dubrava is full.",
        "The depot at Dubrava is full, a report said last month.",  # another phrase
    ],
)
def test_last_month_elsewhere_in_the_sentence_dates_something_else(sentence):
    assert label(sentence, "Dubrava") == "reported"


def test_the_new_rules_are_named_entries_of_their_tables():
    assert "last month" in {rule.name for rule in claims.HISTORICAL_RULES}
