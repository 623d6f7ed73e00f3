"""Places that name the source of a statement (claims.USAGE_RULES "seat of the speaker", "people of a place speaking";
issue 13).

Every sentence here is invented for the test (none is taken from an article or from the evaluation set); each expected
label follows tests/geoparse_eval/README.md: sources of a statement are "context", a fact stated by the outlet or a
party's plain statement is "reported".
"""

from __future__ import annotations

import pytest
from claiming import label, why


@pytest.mark.parametrize(
    ("sentence", "surface", "evidence"),
    [
        ("According to a local source in Lipova, new barracks went up last week.", "Lipova", "seat of the speaker"),
        ("Another source in Lipova, speaking anonymously, confirmed the arrivals.", "Lipova", "seat of the speaker"),
        ("The photos were posted on social media by residents of Lipova on Monday.", "Lipova", "people of a place speaking"),
        ("The outlet cited Lipova residents as saying the depot burned all night.", "Lipova", "people of a place speaking"),
        ("State television, quoting local Lipova officials, said the dam held.", "Lipova", "people of a place speaking"),
    ],
)
def test_a_place_that_names_who_speaks_is_context(sentence, surface, evidence):
    assert label(sentence, surface) == "context"
    assert why(sentence, surface) == evidence


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # where the source of a river is, not a speaker
        ("The expedition reached the source of the Lipova River.", "Lipova River"),
        # people of a place who are the event's victims, not its speakers
        ("The depot was shelled by troops, and residents of Lipova fled.", "Lipova"),
        # a place the speakers were quoted about
        ("The outlet cited residents as saying Lipova burned all night.", "Lipova"),
    ],
)
def test_a_place_that_is_not_the_speakers_seat_keeps_its_label(sentence, surface):
    assert label(sentence, surface) == "reported"
