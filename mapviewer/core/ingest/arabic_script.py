"""Place names written in Arabic script: a place word and the name after it ("وادي عزّة", "دير الزهراني").

Reports on Lebanon and Gaza quote tweets and captions in Arabic. The offline gazetteer reads no Arabic script, but a
reader who knows the script sees a valley, a monastery village, a hill or a camp by its first word, as "Wadi",
"Deir", "Tal" and "Mukhayyam" say it in transliteration. Each such name is a candidate listed for review (never
placed: no table reads it), the place word and the one word after it, stopping at punctuation, a dash or a word in
another script; a preposition or a pronoun after the place word makes no name.
"""

from __future__ import annotations

import re

from mapviewer.core.lazyre import lazy_compile

_LETTERS = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06fc"  # Arabic letters (not digits or punctuation)
_MARKS = "\u064b-\u065f\u0670"  # harakat and shadda, which may be written inside a word
_WORD = rf"[{_LETTERS}][{_LETTERS}{_MARKS}]*"
PLACE_WORDS = (
    "وادي", "دير", "كفر", "عين", "جبل", "تل", "تلة", "بيت", "خربة", "مخيم", "مرج", "سهل", "بلدة", "قرية", "مدينة", "حي",
)  # fmt: skip
"""Valley, monastery (a village's first word), village (kafr), spring, mountain, hill, hill, house (beit), ruin
(khirbet), camp, meadow, plain, and the cues town of, village of, city of, quarter of."""
_CUES = frozenset({"بلدة", "قرية", "مدينة", "حي"})
"""Place words that are a cue, not part of the name: "بلدة الخيام" names "الخيام" (the town of Khiam)."""
_NOT_A_NAME = frozenset({"في", "من", "على", "إلى", "الى", "عن", "مع", "هذا", "هذه", "ذلك", "التي", "الذي", "و", "او", "أو"})
"""Prepositions, demonstratives and conjunctions: "بيت في" (a house in) is no name."""
_NAME = lazy_compile(rf"(?<![{_LETTERS}{_MARKS}])(?P<head>{'|'.join(PLACE_WORDS)})\s+(?P<name>{_WORD})(?![{_LETTERS}{_MARKS}])")


def arabic_place_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each Arabic-script place name in `text`: a place word and the word after it (after a cue word,
    the word alone)."""
    if not re.search(f"[{_LETTERS}]", text):
        return []
    out = []
    for m in _NAME.finditer(text):
        if m.group("name") in _NOT_A_NAME:
            continue
        out.append((m.start("name") if m.group("head") in _CUES else m.start(), m.end()))
    return out
