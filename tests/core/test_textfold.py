"""Folding whole texts: textfold.fold_text is textnorm.fold() of the whole text, only faster."""

from __future__ import annotations


def test_fold_text_equals_fold_of_the_whole_text_on_every_character_and_mixed_text():
    """fold_text is the fast form of fold() for whole paragraphs: the same string, always."""
    import random

    from mapviewer.core.textfold import fold_text
    from mapviewer.core.textnorm import fold

    for cp in range(0x80, 0x110000, 7):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        for text in (f"a{chr(cp)}B", chr(cp), f"Ab{chr(cp)}{chr(cp)}z"):
            assert fold_text(text) == fold(text), hex(cp)
    rng = random.Random(7)
    pool = [chr(c) for c in range(0x20, 0x2100) if not 0xD800 <= c <= 0xDFFF] + ["İ", "Σ", "ẞ", "K", "Å", "ﬁ", "e\u0301"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) if rng.random() < 0.3 else rng.choice("abcXYZ ,.’—") for _ in range(40))
        assert fold_text(text) == fold(text), text
    assert fold_text("North Korea’s “Ghost Factories” — Sinŭiju") == "north korea’s “ghost factories” — sinuiju"
