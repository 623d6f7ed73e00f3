"""Arabic names in English spellings the transliteration key (variants.py, fingerprinted into the shipped index)
does not fold: the article glued to the next word as it is spoken ("Deir Ezzor" for Deir ez-Zor), and the vowel u
written o after the article ("Al-Bokamal" for Al-Bukamal). Applied to the query only, so the shipped index keeps its
keys."""

from __future__ import annotations

from dataclasses import dataclass

from mapviewer.core.ingest.name_shapes import ARABIC_ARTICLES
from mapviewer.core.lazyre import lazy_compile

_GLUED = lazy_compile(r"^([ae])(sh|[dnrstz])\2(\w{2,})$")
"""The article assimilated to a sun letter and written as one word with the name: "ezzor", "arraqqa", "ashsham"."""


@dataclass(frozen=True)
class Respelling:
    """Other words to look a name up by: a hit counts only if it covers `cover` of them or more, and `extra` is how
    many more words than the text's it has (a hit of n words of `words` covers n - extra words of the text)."""

    words: list[str]
    cover: int
    extra: int


def unglued(words: list[str]) -> tuple[int, list[str]] | None:
    """(k, the words with word k split into its article and name: "ezzor" -> "ez", "zor") for the first word of
    `words` (folded) after the first that glues an assimilated article to the name; None when none does. The first
    word is left alone: a name opening so ("Assad", "Ennahda") is more often a word or a person than a place."""
    for k in range(1, len(words)):
        m = _GLUED.match(words[k])
        if m is not None:
            article, letter, rest = m.groups()
            return k, [*words[:k], article + letter, letter + rest, *words[k + 1 :]]
    return None


def arabic_respellings(words: list[str]) -> list[Respelling]:
    """The other spellings of a name opening `words` (folded) worth a lookup: the glued article written apart, and
    after an opening article the name's o read as u (Arabic has no o; "Bokamal", "Hosn")."""
    out = []
    split = unglued(words)
    if split is not None:
        k, alt = split
        out.append(Respelling(alt, k + 2, 1))
    if len(words) > 1 and words[0] in ARABIC_ARTICLES and "o" in words[1]:
        out.append(Respelling([words[0], words[1].replace("o", "u"), *words[2:]], 2, 0))
    return out
