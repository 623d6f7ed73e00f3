"""A facility named once in full and then by a shorter form a reader takes for the same place.

Reports on a plant or a base name it in full once and then shorten it: by its initials, given in brackets
after the full name ("the Experimental Light Water Reactor (ELWR) ... west of the ELWR"; the initials in brackets
are the full name's own mention), or in lower case with another facility word ("the Uranium Enrichment Plant ...
the uranium enrichment facility"). Each shorter form is
the place the full name is, wherever the article places (or lists) it: a repeat, never a new reading. The
lower-case form needs two words of the name before its head, so that "the plant" or "the enrichment site" alone,
which could be any of the article's facilities, is not read as one; and only one full name may share them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.claims import classify
from mapviewer.core.ingest.placetypes import Candidate
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.sentences import sentence_at, sentence_spans

_ACRONYM_AFTER = lazy_compile(r"\s?\((?P<a>[A-Z]{3,6})\)")
"""Initials in brackets right after a name: "Reactor (ELWR)", "Reactor(ELWR)"."""
_SMALL = frozenset({"of", "the", "and", "for", "de"})
"""Words initials skip ("Ministry of Defence" is MOD or MD)."""
FACILITY_HEADS = frozenset(
    {"plant", "facility", "reactor", "complex", "site", "station", "factory", "works", "centre", "center", "base",
     "shipyard", "laboratory", "building"}
)  # fmt: skip
"""Head words of a facility's name; any of them may stand for another in a lower-case repeat."""
_MARK = "named in full before"
_REASON = "the same place as {full!r}, " + _MARK


def echo_of_a_name(c: Candidate) -> bool:
    """Whether `c` is a shorter form this pass added (its initials, a lower-case description): a repeat within its
    article, which names nothing outside it (no site alias)."""
    return _MARK in c.reason


def _initials(surface: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", surface) if w.lower() not in _SMALL and w[0].isupper())


def _description(surface: str) -> tuple[str, ...] | None:
    """The lower-case words of a facility's name before its head ("uranium", "enrichment" of "Uranium Enrichment
    Plant"), when every word is capitalised, there are two or more of them and the head is a facility word."""
    words = re.findall(r"[^\W\d_]+", surface)
    if len(words) < 3 or not all(w[0].isupper() for w in words) or words[-1].lower() not in FACILITY_HEADS:
        return None
    return tuple(w.lower() for w in words[:-1])


def _repeat(full: Candidate, para: int, para_start: int, text: str, start: int, end: int) -> Candidate:
    """`full` again at text[start:end] of paragraph `para` (offsets into the paragraph), its sentence read there."""
    sents = sentence_spans(text)
    s_start, s_end = sentence_at(text, sents, [b for _, b in sents], start, end)
    sentence = text[s_start:s_end]
    return replace(
        full, paragraph=para, start=para_start + start, end=para_start + end, surface=text[start:end], sentence=sentence,
        certainty=classify(sentence, start - s_start).certainty,
        reason=f"{full.reason}; {_REASON.format(full=full.surface)}" if full.reason else _REASON.format(full=full.surface),
    )  # fmt: skip


def echoed_names(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """`out` with the shorter forms of its facilities' names added (initials in brackets after the full name, and
    lower-case descriptions with the name's own words), each a repeat of the full name where nothing was found."""
    forms: dict[str, Candidate] = {}  # a shorter form as written -> the candidate it repeats
    described: dict[tuple[str, ...], list[Candidate]] = {}
    for c in out:
        if c.place is not None and c.place.kind == "country":
            continue
        para_start, text = paras[c.paragraph]
        m = _ACRONYM_AFTER.match(text, c.end - para_start)
        if m is not None and len(m.group("a")) == len(_initials(c.surface)) and m.group("a") == _initials(c.surface):
            forms.setdefault(m.group("a"), c)
        words = _description(c.surface)
        if words is not None and all(d.surface != c.surface for d in described.get(words, [])):
            described.setdefault(words, []).append(c)
    patterns: list[tuple[re.Pattern[str], Candidate]] = [
        (re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])"), c) for a, c in forms.items()
    ]
    for words, cs in described.items():
        if len(cs) == 1:  # "the uranium enrichment facility": only where one full name has those words
            heads = "|".join(sorted(FACILITY_HEADS))
            patterns.append((re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + rf"\s+(?:{heads})\b"), cs[0]))
    if not patterns:
        return out
    added: list[Candidate] = []
    taken = {(c.paragraph, c.start, c.end) for c in out}
    for para, (para_start, text) in sorted(paras.items()):
        spans = [(c.start - para_start, c.end - para_start) for c in out if c.paragraph == para]
        for pattern, full in patterns:
            for m in pattern.finditer(text):
                if (para, para_start + m.start(), para_start + m.end()) in taken or any(s < m.end() and m.start() < e for s, e in spans):
                    continue
                if text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")":
                    continue  # "the ... Reactor (ELWR)": the initials in brackets are the name's own, one mention
                added.append(_repeat(full, para, para_start, text, m.start(), m.end()))
                spans.append((m.start(), m.end()))
    return sorted(out + added, key=lambda c: (c.paragraph, c.start)) if added else out


def without_bracketed_initials(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """`out` less the initials in brackets right after the full name they abbreviate ("Reactor (ELWR)"): one mention
    of one place, written twice (a known site's alias, or a repeat of the initials elsewhere, must not add it)."""
    ends = {(c.paragraph, c.end): c for c in out}
    drop: set[int] = set()
    for i, c in enumerate(out):
        if not c.surface.isupper() or len(c.surface) < 3:
            continue
        para_start, text = paras[c.paragraph]
        at = c.start - para_start
        if text[at - 1 : at] != "(" or text[c.end - para_start : c.end - para_start + 1] != ")":
            continue
        before = text[max(0, at - 2) : at - 1]
        full = ends.get((c.paragraph, c.start - (2 if before == " " else 1)))
        if full is not None and _initials(full.surface) == c.surface:
            drop.add(i)
    return [c for i, c in enumerate(out) if i not in drop] if drop else out
