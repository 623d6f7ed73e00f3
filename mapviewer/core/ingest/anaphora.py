"""A region named again by description: "this Russian region", "the same oblast", "that province".

A reader takes such a phrase for the region the article named last before it ("Ukraine holds part of the Kursk
region ... a small part of this Russian region"). Each is a mention of that region: listed with it as a suggestion
for review (ANAPHOR_CONFIDENCE), never a new site of its own. With no region named before it, nothing is added
(the phrase alone names no place).
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.claims import classify
from mapviewer.core.ingest.placetypes import Candidate
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.sentences import around, sentence_at, sentence_spans

ANAPHOR_CONFIDENCE = 0.5
"""The region named before is the likely referent, not a certain one: a reviewer confirms it."""

_MODIFIER = r"(?:[A-Z][\w’'-]+|border|frontline|front-line|embattled|occupied)\s+"
_ANAPHOR = lazy_compile(
    rf"\b(?:[Tt]his|[Tt]hat|[Tt]he\s+same)\s+(?:{_MODIFIER}region|(?:{_MODIFIER})?(?:oblast|province|krai|governorate))\b(?!['’]s)"
)
"""A bare "this region" is left out: it is as often the wider area ("peace in this region") as the region named."""


def _region(c: Candidate) -> bool:
    return c.place is not None and (c.place.kind == "region" or c.place.precision == "region") and not c.area


def region_anaphora(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """`out` with every "this region" phrase added as a mention of the region named last before it (article
    order); phrases overlapping a candidate already found are left to it."""
    ordered = sorted(out, key=lambda c: (c.paragraph, c.start))
    added: list[Candidate] = []
    for index in sorted(paras):
        para_start, text = paras[index]
        matches = list(_ANAPHOR.finditer(text))
        if not matches:
            continue
        sents = sentence_spans(text)
        ends = [b for _, b in sents]
        for m in matches:
            start, end = para_start + m.start(), para_start + m.end()
            if any(c.start < end and start < c.end for c in ordered if c.paragraph == index):
                continue
            before = [c for c in ordered if _region(c) and (c.paragraph, c.start) < (index, start)]
            if not before:
                continue
            named = before[-1]
            s_start, s_end = around(text, *sentence_at(text, sents, ends, m.start(), m.end()), m.start(), m.end())
            sentence = text[s_start:s_end]
            added.append(
                replace(
                    named,
                    paragraph=index,
                    start=start,
                    end=end,
                    surface=m.group(0),
                    sentence=sentence,
                    certainty=classify(sentence, m.start() - s_start).certainty,
                    status="low-confidence",
                    confidence=min(named.confidence, ANAPHOR_CONFIDENCE),
                    site_id=None,
                    reason=f"suggested: {m.group(0)!r} read as the region named before it, {named.surface!r}: check it",
                )
            )
    return sorted(out + added, key=lambda c: (c.paragraph, c.start)) if added else out
