"""Folding whole texts (paragraphs, sentences) the way textnorm.fold folds one word, for passage search and the
independent sources' shingles.

Apart from textnorm because the gazetteer index is fingerprinted by textnorm's source (its keys come from
there): a faster way to fold paragraphs must not make the shipped index look stale."""

from __future__ import annotations

from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import _fold_unicode

_NON_ASCII_RUNS = lazy_compile(r"([^\x00-\x7f]+)")


def fold_text(text: str) -> str:
    """textnorm.fold() of a whole text (equal to it, character for character), fast for news text: ASCII with a
    few curly quotes and dashes. Only the non-ASCII runs take the Unicode path, each distinct run once (fold()
    of a paragraph went character by character in Python, and cached whole paragraphs)."""
    if text.isascii():
        return text.lower()
    parts = _NON_ASCII_RUNS.split(text)  # [ascii, run, ascii, ..., ascii]
    parts[0::2] = [p.lower() for p in parts[0::2]]
    parts[1::2] = [_fold_unicode(p) for p in parts[1::2]]
    return "".join(parts)
