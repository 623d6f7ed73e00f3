"""People an article names: a name it writes after a title anywhere ("President Zelensky", "Gen. Valery
Gerasimov") is that person wherever it stands alone ("Zelensky in the Kharkiv region", "near Gerasimov's
headquarters"), so no place cue makes a candidate of it. And a capitalised run that opens with a title or a
common first name ("President Putin", "Vladimir Putin") is a person, not a place the gazetteer lacks.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapviewer.core.lazyre import lazy_compile

TITLES = frozenset(
    ["mr", "mrs", "ms", "dr", "gen", "general", "president", "minister", "secretary", "leader", "comrade", "ambassador",
     "spokesman", "spokeswoman", "sen", "senator", "rep", "gov", "governor", "mayor", "colonel", "col", "lt", "lieutenant",
     "major", "captain", "capt", "sgt", "sergeant", "professor", "prof", "commander", "chairman", "chancellor", "premier",
     "marshal", "admiral", "pope", "king", "queen", "prince", "princess", "sheikh", "ayatollah"]
)  # fmt: skip
_AFTER_TITLE = lazy_compile(
    r"\b(?i:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?\s+(?:[A-Z][\w’'-]+\s+){0,2}?(?P<n>[A-Z][a-z][\w’'-]*)\b(?!\s+[A-Z])"
)


def person_names(texts: Iterable[str]) -> frozenset[str]:
    """The surnames an article writes after a title (the last capitalised word of the name)."""
    found: set[str] = set()
    for text in texts:
        found.update(m.group("n") for m in _AFTER_TITLE.finditer(text))
    return frozenset(found)


def opens_like_a_person(words: Iterable[str], first_names: frozenset[str]) -> bool:
    """A name of two words or more (folded) that opens with a title or a common first name."""
    words = list(words)
    return len(words) >= 2 and (words[0] in TITLES or words[0] in first_names)
