"""Helpers for the claim-rule tests (tests/core/test_claims_*.py): the label and the rule a sentence gives a mention."""

from __future__ import annotations

from mapviewer.core.claims import certainty_of


def label(sentence: str, surface: str) -> str:
    """The certainty the sentence gives the first occurrence of `surface`."""
    return certainty_of(sentence, sentence.index(surface))[0]


def why(sentence: str, surface: str) -> str:
    """The rule that decided it."""
    return certainty_of(sentence, sentence.index(surface))[1]
