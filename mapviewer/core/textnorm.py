"""Word tokens that ignore case, accents and punctuation, so "Mt. Chonma" and "mt chonma" meet."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPLIT = re.compile(r"([^\W_]+)", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def _fold_unicode(word: str) -> str:
    """Non-ASCII words are rare and repeat (names, quotes' neighbours): normalise each once."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(word: str) -> str:
    """Case- and accent-insensitive form of one word."""
    if word.isascii():
        return word.lower()
    return _fold_unicode(word)


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (folded word, start, end) for each word; punctuation and spaces only separate words."""
    for m in _WORD.finditer(text):
        yield fold(m.group()), m.start(), m.end()


def words_and_bounds(text: str) -> tuple[list[str], list[int]]:
    """The folded words of `text`, and `bounds` where word i is text[bounds[2 * i] : bounds[2 * i + 1]].

    The bulk form of `tokens` for matching whole paragraphs, with no Python-level step per word for
    ASCII text (most news text): the text is split once, in C, into alternating separators and words,
    and the running sum of the pieces' lengths gives every word's start and end.
    """
    if text.isascii():  # lowering ASCII changes no length and no word boundary
        pieces = _SPLIT.split(text.lower())  # [sep, word, sep, word, ..., sep]
        words = pieces[1::2]
    else:
        pieces = _SPLIT.split(text)
        words = [w.lower() if w.isascii() else _fold_unicode(w) for w in pieces[1::2]]
    return words, list(accumulate(map(len, pieces[:-1])))


def key(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase: the identity under which names are compared."""
    if phrase.isascii():
        return tuple(_WORD.findall(phrase.lower()))
    return tuple(t for t, _, _ in tokens(phrase))


# Each ASCII byte to its folded self when it is part of a word, else to a space.
_ASCII_FOLD = bytes(ord(chr(b).lower()) if b < 128 and chr(b).isalnum() else 32 for b in range(256))


class Words:
    """The folded words of a text, located in it only on demand.

    Name matching looks up every word but needs the offsets of only the few that begin a name, so ASCII
    text (most news text) is folded and split by one bytes.translate and one str.split, with no regex
    and no Python step per word; a word's offset is found, when asked for, by searching on from the
    last word located, so locating words in text order costs one pass over the text in all. Other text
    is tokenised by `words_and_bounds`.
    """

    __slots__ = ("_at", "_bounds", "_padded", "_pos", "words")

    def __init__(self, text: str) -> None:
        self._at = -1  # the last word located, and the offset of the space before it in _padded
        self._pos = 0
        if text.isascii():
            # Separators become spaces, so " word " occurs exactly where the word is a whole token.
            self._padded = " " + text.encode("ascii").translate(_ASCII_FOLD).decode("ascii") + " "
            self.words: list[str] = self._padded.split()
            self._bounds: list[int] | None = None
        else:
            self.words, self._bounds = words_and_bounds(text)

    def start(self, i: int) -> int:
        """Offset in the text of word i's first character (cheapest when asked in text order)."""
        if self._bounds is not None:
            return self._bounds[2 * i]
        if i < self._at:  # asked out of order: search again from the start
            self._at, self._pos = -1, 0
        if i != self._at:
            word = self.words[i]
            needle = f" {word} "
            found, pos = -1, self._pos + (self._at >= 0)
            for _ in range(self.words[self._at + 1 : i].count(word) + 1):  # skip its earlier occurrences
                found = self._padded.find(needle, pos)
                pos = found + 1
            self._at, self._pos = i, found
        return self._pos  # the padding's leading space makes the space's offset the word's offset

    def end(self, i: int) -> int:
        """Offset in the text just past word i."""
        if self._bounds is not None:
            return self._bounds[2 * i + 1]
        return self.start(i) + len(self.words[i])


def slug(text: str) -> str:
    """An id-safe form of a name or file stem: folded ASCII words joined by hyphens ("Sinŭiju" → "sinuiju")."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(key(text))).strip("-")[:60].strip("-")
