"""Arabic names in English spellings the transliteration key (variants.py, fingerprinted into the shipped index)
does not fold: the article glued to the next word as it is spoken ("Deir Ezzor" for Deir ez-Zor, "Arraqqa" for
ar-Raqqa). Applied to the query only, so the shipped index keeps its keys."""

from __future__ import annotations

from mapviewer.core.lazyre import lazy_compile

_GLUED = lazy_compile(r"^([ae])(sh|[dnrstz])\2(\w{2,})$")
"""The article assimilated to a sun letter and written as one word with the name: "ezzor", "arraqqa", "ashsham"."""


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
