"""Where a sentence-wide certainty cue (claims.CERTAINTY_RULES) says nothing of a mention, read from the cue and the words
around it (claims.certainty_of skips such a cue for that mention, and the next cue or "stated as fact" decides).

Each `CueLimit` is one named reading of tests/geoparse_eval/README.md: "a fact stated by the outlet or a party's plain
statement = `reported`; "claimed", "purported", "unverified" = `alleged`". A cue word that does not put the statement
about the place in doubt leaves that statement plain:
  - a party that claims responsibility for its own act states it ("Hezbollah claimed responsibility for the shelling",
    "the strikes were claimed by the Israeli army"): the claim word there means "took responsibility";
  - "alleged" set before a noun ("strikes on alleged militant positions in X") doubts what the thing is, not the strike
    in X.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mapviewer.core.lazyre import lazy_compile

_I = re.IGNORECASE


@dataclass(frozen=True)
class CueLimit:
    """A cue of one of `rules` (claims.CERTAINTY_RULES names; empty: any rule) that says nothing of the mention at `at`
    when `applies(sentence, cue, at)` holds."""

    name: str
    rules: frozenset[str]
    applies: Callable[[str, re.Match[str], int], bool]

    def limits(self, rule: str, sentence: str, cue: re.Match[str], at: int) -> bool:
        return (not self.rules or rule in self.rules) and self.applies(sentence, cue, at)


# "claimed responsibility for", "claims credit", "claiming responsibility" (a party owning its own act), and the passive
# "the strikes were claimed by the Israeli army", "an attack later claimed by Hezbollah" (the party named, capitalised).
_RESPONSIBILITY_AFTER = lazy_compile(r"\s+(?:full\s+|sole\s+)?(?:responsibility|credit)\b", _I)
_CLAIMED_BY = lazy_compile(r"\s+by\s+(?:the\s+)?(?-i:[A-Z])", _I)
_PASSIVE_BEFORE = lazy_compile(r"\b(?:was|were|is|are|been|being|later|quickly|since)\s+$", _I)


def _responsibility_claimed(sentence: str, cue: re.Match[str], at: int) -> bool:
    end = cue.end()
    if _RESPONSIBILITY_AFTER.match(sentence, end):
        return True
    return cue.group(0).lower() == "claimed" and bool(_CLAIMED_BY.match(sentence, end)) and bool(
        _PASSIVE_BEFORE.search(sentence, max(0, cue.start() - 20), cue.start())
    )


# "alleged" set before a noun phrase that names a thing or people ("targeting alleged Hezbollah targets", "photos of an
# alleged missile plant"), after an article, a possessive, a preposition or a verb ("pounded alleged militia positions");
# not before an event
# ("an alleged strike on X", "the alleged incursion": whether it happened is what is in doubt), nor the verb ("Kyiv
# alleged that …", "alleged Russian troops shelled X" has no article or attack word before it).
_ADJECTIVE_BEFORE = lazy_compile(
    r"(?:\b(?:the|an?|its|their|his|her|on|at|against|of|for|into|hit|struck)|(?-i:\b[a-z]+(?:ed|ing)))\s+$", _I
)
# The noun phrase after it: up to four words, none a function word.
_PHRASE_AFTER = lazy_compile(r"(?:\s+(?!(?:that|to|by|in|on|at|of|near|and|or|with|from|who|which)\b)[\w’'-]+){1,4}", _I)
_EVENT = lazy_compile(
    r"\b(?:(?:air)?strikes?|attacks?|raids?|shelling|bombings?|incursions?|assaults?|offensives?|captures?|massacres?"
    r"|killings?|shootings?|explosions?|blasts?|violations?|breach(?:es)?|deployments?|presence|transfers?|shipments?"
    r"|deliver(?:y|ies)|visits?|tests?|launch(?:es)?|use|plots?|crimes?|abuses?|involvement|role|participation)\b",
    _I,
)


def _alleged_modifier(sentence: str, cue: re.Match[str], at: int) -> bool:
    if cue.group(0).lower() != "alleged" or not _ADJECTIVE_BEFORE.search(sentence, max(0, cue.start() - 20), cue.start()):
        return False
    phrase = _PHRASE_AFTER.match(sentence, cue.end())
    return phrase is not None and _EVENT.search(phrase.group(0)) is None


CUE_LIMITS: tuple[CueLimit, ...] = (
    CueLimit("responsibility claimed by a party", frozenset({"claim"}), _responsibility_claimed),
    CueLimit("“alleged” before a noun", frozenset({"allegation"}), _alleged_modifier),
)
"""Sentence-wide cues that say nothing of a mention, in order (any one that applies drops the cue for that mention)."""


def cue_limited(rule: str, sentence: str, cue: re.Match[str], at: int) -> bool:
    """Whether a cue of certainty rule `rule` says nothing of the mention at `at` (a CUE_LIMITS entry applies)."""
    return any(limit.limits(rule, sentence, cue, at) for limit in CUE_LIMITS)
