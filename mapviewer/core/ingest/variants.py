"""Transliteration keys: one spelling-blind key per place name, so romanisations of one name meet.

Ukrainian/Russian ("Yelabuga"/"Elabuga", "Kharkiv"/"Harkiv", "Vovchans'ki"/"Vovchanski",
"-skyi"/"-sky"/"-skiy", "Zhytomyr"/"Jitomir"), Korean McCune–Reischauer and Revised Romanisation
("Ch'ŏngjin"/"Chongjin", "Hoejung-ni"/"Hoejung-ri", hyphens and spaces), Arabic articles and
doubled vowels ("al-"/"el-", "aa"/"a", "ou"/"u"). The key only ever decides which gazetteer rows are
worth considering: a name matched only through its key is weighed lower and needs a place cue
(see scoring.py), because folding spellings together also folds some unrelated words together.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Order matters: multi-letter groups before the single letters they contain.
_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(?<=[a-z])(yi|iy|ii|yy)$", "i"),  # -skyi / -skiy / -skii / -sky all end in i below
        (r"kh", "h"),
        (r"zh", "j"),
        (r"tch|ch", "j"),  # Korean MR ch/ch' and RR j/ch; Russian ch on both sides alike
        (r"sh", "s"),
        (r"ts|tz", "c"),
        (r"^ye|(?<=[aeiou])ye", "e"),
        (r"yo|yu", "u"),
        (r"ya", "a"),
        (r"y", "i"),
        (r"eo|eu", "o"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"q|ck", "k"),
        (r"w", "v"),
        (r"oe$", "e"),  # -skoye -> skoe -> ske (Ukrainian -ske)
        (r"(.)\1", r"\1"),  # doubled letters: "aa", "ss", "Punggye-ri"/"Punggyeri"
    )
)
_ARTICLES = frozenset(["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ad"])


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    for pattern, repl in _STEPS:
        word = pattern.sub(repl, word)
    return word


def variant_key(words: tuple[str, ...]) -> str:
    """The spelling-blind key of a name given as folded words (textnorm.key): Arabic articles dropped,
    each word reduced, joined with no separator (so "Punggye-ri" and "Punggyeri" meet) and the Korean
    "-ni"/"-ri" suffix made one."""
    kept = [w for w in words if w not in _ARTICLES] or list(words)
    joined = "".join(_word_key(w) for w in kept)
    if len(kept) >= 1 and kept[-1] in ("ni", "ri", "li"):
        joined = joined[: -len(kept[-1])] + "ri"
    return joined
