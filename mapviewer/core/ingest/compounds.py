"""Hyphenated names whose second word is a city of its own: "Gora-Podol" is a village, not Kyiv's Podil.

Village names in Russia and Ukraine are often two words joined by a hyphen ("Gora-Podol", "Novo-Petrivka",
"Staro-Mykhailivka"); the big-city table knows some second words on their own ("Podol" is an old name of
Kyiv's Podil district). A reader takes the whole compound as one name. Two place names joined by a hyphen
("Kharkiv-Belgorod", "Russia-Ukraine", "Tumangang-Khasan") are a pair, not a compound: the first word is then
a place the layers know on its own, and the second keeps its reading.
"""

from __future__ import annotations

from collections.abc import Callable

_HYPHENS = frozenset("-‐‑")


def compound_start(text: str, toks: list[tuple[str, int, int]], i: int, known_word: Callable[[str, int], bool]) -> int | None:
    """The start offset of the compound name that token i ends, when token i is glued by a hyphen to a
    capitalised word before it that `known_word(word, start)` (a place the layers know on its own) does not
    claim; else None."""
    if i == 0:
        return None
    word, start, prev_end = toks[i - 1][0], toks[i - 1][1], toks[i - 1][2]
    if text[prev_end : toks[i][1]] not in _HYPHENS or not text[start].isupper() or text[start:prev_end].isupper():
        return None  # not glued, not a name, or an acronym ("US-Russia")
    if len(word) < 3 or known_word(word, start):
        return None
    if start > 0 and text[start - 1] in _HYPHENS:
        return None  # a longer chain ("A-B-C"): left to the other layers
    return start
