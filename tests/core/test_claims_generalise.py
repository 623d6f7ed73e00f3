"""Certainty rules made general on branch certainty-gen (issue 13): a statement dated to a month of a given year before
the article is a settled past event, datelines however an outlet types them, and the certainty a candidate is listed
for review with is the one loading gives it (the article-wide rules included).

Every sentence is invented for the test; the labels follow tests/geoparse_eval/README.md (completed past events are
"historical", datelines are "context", what nobody independent vouches for is "alleged").
"""

from __future__ import annotations

import pytest

from mapviewer.core.claims import classify
from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims
from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.certainty import with_article_claims
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.mentions import AliasIndex

# ---- dated to a month before the article ------------------------------------------------------------------------


def _one(sentence: str, surface: str, date: str | None) -> str:
    at = sentence.index(surface)
    passages = [Passage("p", classify(sentence, at), sentence, at, 0)]
    return article_claims(passages, ArticleFacts(date, sentence))[0].certainty


def test_a_statement_dated_to_a_month_a_season_before_the_article_is_historical():
    s = "Marines landed on the spit at Tendra in March 2022 and dug in."
    assert _one(s, "Tendra", "2024-06-01") == "historical"
    # the month the article appeared in is news, and an undated article says nothing of the gap
    assert _one(s, "Tendra", "2022-04-10") == "reported"
    assert _one(s, "Tendra", None) == "reported"


def test_a_month_that_only_starts_a_lasting_state_is_not_a_past_event():
    s = "Ferries have sailed to Tendra since March 2022."
    assert _one(s, "Tendra", "2024-06-01") == "reported"


def test_a_year_alone_is_still_left_to_the_sentence_rules():
    # (a bare year is often the date of something else the sentence names in passing)
    s = "The depot at Tendra, expanded in 2022, now holds fuel."
    assert _one(s, "Tendra", "2024-06-01") == "reported"


# ---- datelines ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("OCHAKIV (Reuters) - Drones struck a port crane overnight.", "OCHAKIV"),  # a spaced hyphen for the dash
        ("OCHAKIV (Reuters) -Drones struck a port crane overnight.", "OCHAKIV"),  # the space after the dash lost
        ("Ochakiv (AFP) - Drones struck a port crane overnight.", "Ochakiv"),
        ("Ochakiv, Mykolaiv Oblast — Drones struck a port crane overnight.", "Ochakiv"),  # title case, no agency
        ("Ochakiv, Mykolaiv Oblast — Drones struck a port crane overnight.", "Mykolaiv Oblast"),
        ("OUTSIDE OCHAKIV, Ukraine — Drones struck a port crane overnight.", "OCHAKIV"),  # inside the capitals
        ("Ochakiv, 14 April.", "Ochakiv"),  # split off as a sentence of its own
        ("OCHAKIV, April 14.", "OCHAKIV"),
    ],
)
def test_a_dateline_however_typed_is_context(sentence: str, surface: str):
    claim = classify(sentence, sentence.index(surface))
    assert claim.certainty == "context"
    assert "dateline" in claim.evidence  # (a region after the place: "in apposition to the place before it (dateline)")


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Ochakiv — a port of 14,000 — was struck overnight.", "Ochakiv"),  # a name and a dash open a sentence
        ("Ochakiv, the port, was struck overnight — again.", "Ochakiv"),
        ("Drones struck Ochakiv, Mykolaiv Oblast — officials said.", "Ochakiv"),
    ],
)
def test_a_sentence_that_opens_with_a_place_is_no_dateline(sentence: str, surface: str):
    assert classify(sentence, sentence.index(surface)).certainty == "reported"


# ---- the certainty a candidate is listed with -----------------------------------------------------------------------


def _candidate(text: str, surface: str, sentence: str, place: Place | None = None) -> Candidate:
    start = text.index(sentence) + sentence.index(surface)
    return Candidate(
        "a", 1, start, start + len(surface), surface, sentence, "unplaced", 0.0, place=place,
        certainty=classify(sentence, sentence.index(surface)).certainty,
    )


def test_a_candidate_listed_for_review_gets_the_article_wide_rules():
    first = "Pro-war bloggers wrote that marines had reached Hola Prystan."
    second = "They said the fight for Korsunka took three days."
    text = f"Headline\n\n{first}\n\n{second}\n"
    art = make_article("a", text)
    cand = _candidate(text, "Korsunka", second)
    assert cand.certainty == "reported"  # its sentence alone
    (listed,) = with_article_claims([cand], art, AliasIndex([]).sites)
    assert listed.certainty == "alleged"  # as loading labels the mention once it is placed


def test_a_candidate_dated_before_the_article_is_listed_as_historical():
    sentence = "Marines landed at Korsunka in March 2022."
    text = f"Date line\n\n{sentence}\n"
    art = make_article("a", text, date="2024-06-01")
    (listed,) = with_article_claims([_candidate(text, "Korsunka", sentence)], art, {})
    assert listed.certainty == "historical"


def test_a_candidate_whose_certainty_its_sentence_did_not_give_keeps_it():
    sentence = "They said the fight for Korsunka took three days."
    text = f"Pro-war bloggers wrote of the marines.\n\n{sentence}\n"
    art = make_article("a", text)
    cand = _candidate(text, "Korsunka", sentence)
    cand = Candidate(**{**cand.__dict__, "certainty": "context"})  # set by a rule other than the sentence's
    (listed,) = with_article_claims([cand], art, {})
    assert listed.certainty == "context"


# ---- sources of a statement and distances ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "evidence"),
    [
        ("Bashkortostan's leader said the refinery kept working.", "Bashkortostan", "source of a statement"),
        ("Oryol region's acting governor said a fuel depot burned.", "Oryol", "source of a statement"),
        ("The head of the Oryol region, Anna Petrova, said a depot burned.", "Oryol", "seat of the speaker"),
        ("Marines dug in 15 miles outside Kherson.", "Kherson", "distance measured from"),
        ("The column halted 4 km short of Vuhledar.", "Vuhledar", "distance measured from"),
    ],
)
def test_a_speakers_seat_and_a_distance_reference_are_context(sentence: str, surface: str, evidence: str):
    claim = classify(sentence, sentence.index(surface))
    assert (claim.certainty, claim.evidence) == ("context", evidence)


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Bashkortostan's refineries kept working.", "Bashkortostan"),  # what the region has, not who speaks for it
        ("Marines dug in outside Kherson.", "Kherson"),  # no distance: where the marines are
        ("The head of the column reached Vuhledar.", "Vuhledar"),
    ],
)
def test_a_place_where_things_happen_stays_reported(sentence: str, surface: str):
    assert classify(sentence, sentence.index(surface)).certainty == "reported"


# ---- imagery whose owner is not said ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Satellite images from 3 June show two freighters at Vanino.",
        "Satellite imagery shows two freighters at Vanino.",
        "Satellite photos showed two freighters at Vanino.",
    ],
)
def test_imagery_not_said_to_be_the_authors_own_is_reported(sentence: str):
    assert classify(sentence, sentence.index("Vanino")).certainty == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "Satellite imagery collected on 3 June shows two freighters at Vanino.",
        "We reviewed satellite imagery of the quay and counted two freighters at Vanino.",
        "Satellite imagery of Vanino shows two freighters at the quay.",  # the imagery names its subject
    ],
)
def test_imagery_the_authors_say_they_studied_is_confirmed(sentence: str):
    assert classify(sentence, sentence.index("Vanino")).certainty == "confirmed"
