"""Sentence spans inside a paragraph, careful with the abbreviations news text uses ("Mt.", "U.S.")."""

from __future__ import annotations

import bisect

from mapviewer.core.lazyre import lazy_compile

_ABBREVIATIONS = frozenset(
    ["mt", "mts", "st", "ft", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "gov", "pres", "sen", "rep", "dr", "mr", "mrs", "ms", "prof", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "est", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# A candidate end: ., ! or ? (optionally closed by quotes/brackets), then space, then something that can open a sentence.
_END = lazy_compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if "." in word or len(word) == 1:  # U.S. / D.C. / initials such as "J."
        return True
    return word.lower() in _ABBREVIATIONS


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split `text` into sentence spans, shifted by `offset`, covering all non-space text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if _is_abbreviation(text, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((s + offset, e + offset))
    return result


MAX_SENTENCE = 2000
"""Longer than any sentence a person writes (the longest in the corpora is under 400 characters): a
"sentence" this long is text without full stops, and quoting all of it for every name in it would make
the work grow with the square of its length."""


def sentence_at(text: str, spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], given `spans` (from sentence_spans) and their `ends`.

    Falls back to the whole text when no sentence holds `start`; narrowed by `around`.
    """
    k = bisect.bisect_right(ends, start)  # the first sentence ending after `start`
    s_start, s_end = spans[k] if k < len(spans) and spans[k][0] <= start else (0, len(text))
    return around(text, s_start, s_end, start, end)


def around(text: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """The sentence text[s_start:s_end] holding the name text[start:end], or, if it is over
    MAX_SENTENCE characters, the name and at most MAX_SENTENCE // 2 characters of it on each side, cut at spaces."""
    if s_end - s_start <= MAX_SENTENCE:
        return s_start, s_end
    half = MAX_SENTENCE // 2
    lo = max(s_start, start - half)
    if lo > s_start:
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut >= 0 else start
    hi = min(s_end, end + half)
    if hi < s_end:
        cut = text.rfind(" ", end, hi)
        hi = cut if cut >= 0 else end
    return lo, hi
