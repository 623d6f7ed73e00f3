"""Word tokens that ignore case, accents and punctuation, so "Mt. Chonma" and "mt chonma" meet."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(word: str) -> str:
    """Case- and accent-insensitive form of one word."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (folded word, start, end) for each word; punctuation and spaces only separate words."""
    for m in _WORD.finditer(text):
        yield fold(m.group()), m.start(), m.end()


def key(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase: the identity under which names are compared."""
    return tuple(t for t, _, _ in tokens(phrase))
