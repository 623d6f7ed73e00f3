"""Other spellings of a place set off by a slash ("Kumchangni / Kumchang-ri") or given in brackets after it ("Madinat
X (X City)"): the same place, listed with it."""

from __future__ import annotations

from difflib import SequenceMatcher

from mapviewer.core.ingest.candidates import STRONG, Toponym
from mapviewer.core.ingest.places.spans import Span, ToponymSpan
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import fold

_SPELLING_BEFORE = lazy_compile(r"(?<![\w’'/-])(?P<n>[A-Z][\w’'-]+)\s*/\s*$")
_SPELLING_AFTER = lazy_compile(r"\s*/\s*(?P<n>[A-Z][\w’'-]+)(?![\w’'/-])")
_BRACKETED_AFTER = lazy_compile(r"[”\"’']?\s*\(\s*(?P<n>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})\s*\)")
"""A name of several words in brackets right after a place: its translation or other name ("Madinat X (X City)")."""

_SAME_NAME = 0.6
"""How alike (difflib ratio of the folded letters) two words around a slash must be to be one name spelt twice:
"Kumchangni" and "Kumchang-ri" are; an agency after a dateline ("Bryansk/Reuters") or a pair of cities is not."""

_PLACE_KINDS = ("site", "ref", "city", "toponym", "region")

SPELLING_CUE = "spelling"
"""The cue of a name read as another spelling of the place beside it: it stands even in a title-case headline."""


def _letters(word: str) -> str:
    return "".join(ch for ch in fold(word) if ch.isalpha())


def _shares_a_name_word(one: str, other: str) -> bool:
    """Two names of several words share a word of five letters or more: one translates the other's generic part
    ("Madinat X" and "X City"), not an agency or a country in brackets ("Gaza (Reuters)")."""
    words = {w for w in (_letters(x) for x in _WORD_SPLIT.split(other)) if len(w) >= 5}
    return any(_letters(x) in words for x in _WORD_SPLIT.split(one))


_WORD_SPLIT = lazy_compile(r"[\s‐‑-]+")


def with_slash_spellings(chosen: list[Span], text: str) -> list[Span]:
    """A word written next to a chosen place across a slash, spelt nearly as it is, is another spelling of that place:
    a candidate of its own (listed for review), so no spelling the article gives is dropped."""
    taken = [(s.start, s.end) for s in chosen]
    added: list[Span] = []
    for s in chosen:
        if s.what not in _PLACE_KINDS:
            continue
        name = _letters(text[s.start : s.end])
        before = _SPELLING_BEFORE.search(text, max(0, s.start - 40), s.start)
        after = _SPELLING_AFTER.match(text, s.end)
        bracketed = _BRACKETED_AFTER.match(text, s.end)
        for m in (before, after, bracketed):
            if m is None:
                continue
            a, b = m.span("n")
            if any(x < b and a < y for x, y in taken):
                continue
            if m is bracketed:
                if not _shares_a_name_word(m.group("n"), text[s.start : s.end]):
                    continue
            elif SequenceMatcher(None, _letters(m.group("n")), name).ratio() < _SAME_NAME:
                continue
            taken.append((a, b))
            added.append(ToponymSpan(a, b, 3, Toponym(a, b, m.group("n"), (), SPELLING_CUE, STRONG)))
    return sorted([*chosen, *added], key=lambda s: s.start) if added else chosen
