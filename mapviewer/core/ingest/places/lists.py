"""Names a reader takes as places because they stand in a list of places, or after "went to ... in"."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from mapviewer.core.ingest.candidates import (
    COMMON_WORDS,
    NEEDS_MATE,
    NEEDS_SUPPORT,
    STRONG,
    Toponym,
    designation,
    not_a_name,
    org_or_unit,
)
from mapviewer.core.ingest.places.lexicon import NOT_PLACE_START, ORG_WORDS
from mapviewer.core.ingest.places.names import inside_person_name
from mapviewer.core.ingest.places.spans import Span, ToponymSpan
from mapviewer.core.lazyre import lazy_compile

_LIST_SEP = r"(?:,\s+(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"  # (not _SEP: the cache's separator)


_NAME = r"(?P<n>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)"


_BETWEEN = lazy_compile(rf"{_LIST_SEP}{_NAME}{_LIST_SEP}$")
"""The gap between two listed places that holds one more name: "Kupiansk, X and Lyman"."""


_AND_IN = lazy_compile(rf"\s+(?:and|or)\s+{_NAME}\s+in\s+(?:the\s+)?$")
"""The second of two names located together in the place after them: "fighting for Kupiansk and X in the Kharkiv region"."""


_TAIL = lazy_compile(rf",?\s+(?:and|or)\s+{_NAME}(?=[\s,.;:)]|$)")
"""The last item after two listed places: "Kupiansk, Lyman and X"."""


_MATE_OF = ("site", "ref", "city", "region")


_BETWEEN_BEFORE = lazy_compile(r"\bbetween\s+(?:the\s+)?$")
_AND_NAME = lazy_compile(rf"\s+and\s+(?:the\s+)?{_NAME}(?=[\s,.;:)]|$)")
_NAME_AND_BEFORE = lazy_compile(rf"\bbetween\s+(?:the\s+)?{_NAME}\s+and\s+(?:the\s+)?$")
"""The two ends of a stretch: "between X and Y", one of them a place."""
_POSSESSIVE = lazy_compile(r"['’]s?\b")


_IN_PLACE = lazy_compile(rf"(?<![\w’'-]){_NAME}\s+in\s+(?:the\s+)?$")
"""A name right before "in <place>", itself after a place preposition ("went to X in Y", "at X in Y")."""


_AT_BEFORE = lazy_compile(
    r"(?i)\b(?:at|near|into|via|outside|reached|visited|(?:went|travel+ed|moved|drove|headed)\s+to|arrived\s+(?:at|in)"
    r"|(?:village|town|settlement|hamlet|port)\s+of)\s+(?:the\s+)?$"
)
"""Where the name stands as a place: after "at", "near", "went to", "the village of" (not "wrote to", "a letter from")."""


def with_list_mates(chosen: list[Span], text: str) -> list[Span]:
    """ "Shelling hit Kupiansk, Zorvanivka and Lyman": a capitalised name the gazetteer lacks, listed between two
    towns or sites (or after two of them), is a place a reader would look for: a candidate (listed for review,
    or placed beside its neighbours by the list), unless it is an everyday word, an organisation, a unit, a
    person or a model. One place beside it is not enough ("officials in Kharkiv and Zelensky")."""
    places = [s for s in chosen if _is_mate(s, text)]
    extra: dict[int, Span] = {}
    for b in places + [s for s in chosen if s.what == "phrase"]:  # "went to X in Hunchun", "at X in the Y district"
        window = max(0, b.start - 60)
        m = _IN_PLACE.search(text[window : b.start])
        if m is not None and _AT_BEFORE.search(text[max(0, window + m.start("n") - 30) : window + m.start("n")]):
            _add_mate(extra, text, window + m.start("n"), window + m.end("n"))
    for p in places:  # "the hills between Brital and X", "between X and Brital": the other end of a stretch is a place
        if _POSSESSIVE.match(text, p.end):
            continue  # "between Smithson and Jones's land": whose land, not a place
        m = _AND_NAME.match(text, p.end) if _BETWEEN_BEFORE.search(text, max(0, p.start - 12), p.start) else None
        if m is not None and not _POSSESSIVE.match(text, m.end("n")):
            _add_mate(extra, text, m.start("n"), m.end("n"))
        m = _NAME_AND_BEFORE.search(text, max(0, p.start - 60), p.start)
        if m is not None:
            _add_mate(extra, text, m.start("n"), m.end("n"))
    for a, b in itertools.pairwise(places):
        m = _BETWEEN.match(text[a.end : b.start]) or _AND_IN.match(text[a.end : b.start])
        if m is not None:
            _add_mate(extra, text, a.end + m.start("n"), a.end + m.end("n"))
        if re.fullmatch(r",\s+", text[a.end : b.start]) and (m := _TAIL.match(text, b.end)) is not None:
            _add_mate(extra, text, m.start("n"), m.end("n"))
    taken = bytearray(len(text) + 1)
    for s in chosen:
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    fresh = [s for s in extra.values() if taken.find(1, s.start, s.end) < 0]
    return sorted(chosen + fresh, key=lambda s: s.start) if fresh else chosen


_LIST_GAP = lazy_compile(_LIST_SEP)


def with_shape_mates(chosen: list[Span], text: str) -> list[Span]:
    """ "the communities of Bilopillia, X, Y and Sumy", "drones assembled in X, Tatarstan": a name lifted only by its
    shape (NEEDS_SUPPORT, dropped unless a gazetteer place near the story reads it) written in a list beside a place, or
    before its region after a comma, is a place: in apposition to its region it is listed for review; in a list it is
    kept if the list's places are placed (NEEDS_MATE)."""
    mates = [(m.start, m.end) for m in chosen if _is_mate(m, text)]
    if not mates:
        return chosen

    def beside_a_mate(s: Span) -> bool:
        return any(_LIST_GAP.fullmatch(text, s.end, a) or _LIST_GAP.fullmatch(text, b, s.start) for a, b in mates if b <= s.start or a >= s.end)

    def before_its_region(s: Span) -> bool:  # "in X, Tatarstan.": the place after the comma ends the clause
        return any(a >= s.end and _COMMA.fullmatch(text, s.end, a) and _CLAUSE_END.match(text, b) for a, b in mates)

    out: list[Span] = []
    for s in chosen:
        if isinstance(s, ToponymSpan) and s.toponym.cue == NEEDS_SUPPORT:
            if before_its_region(s):
                s = replace(s, toponym=replace(s.toponym, cue="after"))  # listed for review, placed or not
            elif beside_a_mate(s):
                s = replace(s, toponym=replace(s.toponym, cue=NEEDS_MATE))
        out.append(s)
    return out


_COMMA = lazy_compile(r",\s+")
_CLAUSE_END = lazy_compile(r"\s*(?:[.;:!?)\n]|$|\s[—–-]\s|,\s+(?![A-Z]|and\b|or\b))")
"""Where an apposition ends: a stop, a dash, or a comma before a lower-case word ("in X, Tatarstan, by spring"), not one
that goes on with a list ("in X, Kursk and Belgorod", "X, Kursk, Y")."""


def _is_mate(s: Span, text: str) -> bool:
    if not (s.what in _MATE_OF or (isinstance(s, ToponymSpan) and s.toponym.hits)):
        return False
    return not (s.end - s.start < 12 and text[s.start : s.end].lower() in COMMON_WORDS)  # "Kim", "Park": names


def _add_mate(extra: dict[int, Span], text: str, start: int, end: int) -> None:
    if start not in extra and _plausible_mate(text, start, end):
        extra[start] = ToponymSpan(start, end, 5, Toponym(start, end, text[start:end], (), "list", STRONG))


def _plausible_mate(text: str, start: int, end: int) -> bool:
    words = [w.lower() for w in re.findall(r"[^\W_]+", text[start:end])]
    if not words or any(w in COMMON_WORDS or w in ORG_WORDS or w in NOT_PLACE_START for w in words):
        return False
    if any(not_a_name(text, start + m.start(), start + m.end()) for m in re.finditer(r"[^\W_]+", text[start:end])):
        return False
    if _SPEAKS.match(text, end):
        return False  # "..., Zelensky said"
    return not (designation(text, end) or org_or_unit(text, end) or inside_person_name(text, start, end) or text[start:end].isupper())


_SPEAKS = lazy_compile(r",?\s+(?:said|says|told|added|wrote|stated|claimed|reported|announced)\b")


MATE_REASON = "not in the offline gazetteer; a place only beside its list's places"
"""The reason of a NEEDS_MATE list item before ties.py places it beside its list mates (dropped if none is placed)."""
