"""A name introduced with a place cue is the same place where it stands bare later in the article."""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.ingest.candidates import COMMON_WORDS, NEEDS_SUPPORT, STRONG, Toponym
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.name_shapes import bare_forms
from mapviewer.core.ingest.places.names import FACILITY_NAME, described_facility, has_strong_head
from mapviewer.core.ingest.places.spans import PhraseSpan, RefSpan, Span, ToponymSpan, UnitSpan
from mapviewer.core.ingest.places.tables import gazetteer
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key


def _facility_name(text: str, s: Span) -> Toponym | None:
    """The one-word name of a phrase headed by a facility or landform word the gazetteer cannot place ("Olenya" of
    "the Olenya airbase", "Netzarim" of the listed "Netzarim Corridor"): named with a cue, so its bare repeats are
    candidates too."""
    phrase = s.phrase if s.what == "phrase" and isinstance(s, PhraseSpan) else text[s.start : s.end] if isinstance(s, RefSpan) else ""
    if not phrase or not has_strong_head(phrase):
        return None
    m = FACILITY_NAME.match(phrase.strip())
    name = m.group("name") if m else ""
    if not name or " " in name or "-" in name or len(name) < 5 or name.lower() in COMMON_WORDS:
        return None
    k, g = key(name), gazetteer()
    if k in g.country_names or k in g.demonyms or k in g.cities or any(h.words == 1 for h in geo_index().lookup(list(k))):
        return None  # a country, a demonym ("the Israeli airbase") or a name the gazetteer layers read themselves
    at = text.find(name, s.start, s.end)
    return Toponym(at, at + len(name), name, (), "before", STRONG) if at >= 0 else None


def with_repeats(per_para: list[tuple[int, list[Span]]], texts: dict[int, str]) -> list[tuple[int, list[Span]]]:
    """A name the article introduces with a place cue ("the village of X") is the same place where it later
    stands bare ("X was shelled again"): each further occurrence, written the same way and not already part of
    another name, is a candidate too (one sense per name in one article)."""
    named: dict[str, Toponym] = {}
    shaped: dict[str, Toponym] = {}  # names lifted only by a weak shape or a possible slip (NEEDS_SUPPORT)
    for _, chosen in per_para:
        for s in chosen:
            if not isinstance(s, ToponymSpan) or s.toponym.cue_strength != STRONG or s.toponym.cue == "area":
                continue
            top = s.toponym
            if len(top.surface) >= 4 and top.surface[:1].isupper():
                into = shaped if top.cue == NEEDS_SUPPORT else named  # (a stronger cue elsewhere wins: added last)
                into.setdefault(top.surface, top)
                for bare in bare_forms(top.surface):  # "KIBBUTZ NAHAL OZ, Israel (AP)" ... "the centre of Nahal Oz"
                    into.setdefault(bare, replace(top, surface=bare))
    for pindex, chosen in per_para:  # "the Korenev and Bolshesoldatsk districts ... except Bolshesoldatsk": the name
        for s in chosen:  # of a district named with a shared head is that district again where it stands bare
            if isinstance(s, UnitSpan):
                unit = texts[pindex][s.start : s.end].split()[0]
                if len(unit) >= 5 and unit[:1].isupper() and unit.lower() not in COMMON_WORDS:
                    named.setdefault(unit, Toponym(s.start, s.start + len(unit), unit, (), "before", STRONG))
    listed: dict[str, Place] = {}  # a bare name of a listed facility: that facility ("Netzarim" for the Netzarim Corridor)
    for pindex, chosen in per_para:  # "the Olenya airbase ... bombers at Olenya": the facility's name introduces it
        for s in chosen:
            name = _facility_name(texts[pindex], s)
            if name is not None:
                named.setdefault(name.surface, name)
                if isinstance(s, RefSpan):
                    listed.setdefault(name.surface, s.place)
    for shaped_name, shaped_top in shaped.items():
        named.setdefault(shaped_name, shaped_top)
    rivers = _river_names(per_para, texts)
    if not named and not rivers:
        return per_para
    pattern = _names_pattern(named, "")
    river_pattern = _names_pattern(rivers, r"(?<=\b[Tt]he )")
    result = []
    for pindex, chosen in per_para:
        text = texts[pindex]
        # "the remote Olenya base" after "the Olenya airbase": a weakly headed phrase opening with a name the gazetteer
        # lacks, introduced before, is that name again (the phrase alone would be dropped as no place)
        weak = {s.start: s for s in chosen if s.what == "phrase" and isinstance(s, PhraseSpan) and not has_strong_head(s.phrase)
                and not described_facility(s.phrase)}
        yielded = {m.start() for m in pattern.finditer(text) if m.start() in weak and not named[m.group(0)].hits}
        chosen = [s for s in chosen if not (s.what == "phrase" and s.start in yielded)]
        # "stood at Zimnyaya" after "the Zimnyaya airbase": a weak shape's reading gives way to the name's cue elsewhere
        chosen = [s for s in chosen if not (isinstance(s, ToponymSpan) and s.toponym.cue == NEEDS_SUPPORT
                                            and named.get(text[s.start : s.end], s.toponym).cue != NEEDS_SUPPORT)]  # fmt: skip
        taken = bytearray(len(text) + 1)
        for s in chosen:
            taken[s.start : s.end] = b"\x01" * (s.end - s.start)
        extra: list[Span] = []
        for m in river_pattern.finditer(text):  # "flooded the Yalu" after "the Yalu River": that river again
            if taken.find(1, m.start(), m.end()) < 0 and not _RIVER_AFTER.match(text, m.end()):
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                extra.append(ToponymSpan(m.start(), m.end(), 5, Toponym(m.start(), m.end(), m.group(0), (), "same name", STRONG)))
        for m in pattern.finditer(text):
            if taken.find(1, m.start(), m.end()) < 0 and m.group(0) in listed:
                extra.append(RefSpan(m.start(), m.end(), 1, listed[m.group(0)]))
            elif taken.find(1, m.start(), m.end()) < 0:
                top = named[m.group(0)]
                # (a name lifted only by a weak shape or a possible slip of spelling stays as weak in its repeats:
                # listed with them where a place near the story reads it, dropped with them where none does)
                repeat = replace(top, start=m.start(), end=m.end(), cue=top.cue if top.cue == NEEDS_SUPPORT else "same name")
                extra.append(ToponymSpan(m.start(), m.end(), 3 if top.hits else 5, repeat))
        result.append((pindex, sorted(chosen + extra, key=lambda s: s.start) if extra else chosen))
    return result


_RIVER_PHRASE = lazy_compile(r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s+River")
_RIVER_AFTER = lazy_compile(r"\s+[Rr]iver\b|[\w’'-]|\s+[A-Z]")
"""After a river's bare name: its head word (the phrase reads it) or more of a longer name ("the Yalu Bridge")."""


def _river_names(per_para: list[tuple[int, list[Span]]], texts: dict[int, str]) -> dict[str, Toponym]:
    """The names of the rivers the article names with their head word ("the Yalu River"): a reader takes "the Yalu"
    later (or before) for that river, though a bare name with no cue is no candidate of its own."""
    out: dict[str, Toponym] = {}
    for pindex, chosen in per_para:
        for s in chosen:
            m = _RIVER_PHRASE.fullmatch(texts[pindex], s.start, s.end)
            name = m.group("name") if m else ""
            if len(name) >= 4 and name.lower() not in COMMON_WORDS:
                out.setdefault(name, Toponym(s.start, s.start + len(name), name, (), "same name", STRONG))
    return out


def _names_pattern(names: dict[str, Toponym], before: str) -> re.Pattern[str]:
    """Any of `names` as a whole word (longest first), after `before`; a pattern that matches nothing for no names."""
    if not names:
        return re.compile(r"(?!)")
    return re.compile(before + r"(?<![\w’'-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])")
