"""Place names in Hangul and Cyrillic, found by reading their romanisation as English text is read.

Each name is written out in Latin letters with the English words its own script's cues stand for ("지하리 미사일
기지" -> "Jiha-ri Missile Base", "Chiha-ri Missile Base"; "в Судже" -> "in Sudzha"; "Курська область" -> "Kursk
Oblast"), and every such rendering is read by the same finder as an English passage (`find`: known sites,
reference places, cities, the GeoNames index, place cues). The strongest finding covering the name places the
native-script mention, over its own characters: a Hangul name is placed as its romanised name would be, in
North or South Korea as the article's countries say.

A name whose own words say it is a place (an administrative suffix such as 리 or 군, a facility word after it, a
Cyrillic place noun or region word) and that nothing reads is listed for review with its sentence. A word with
no such sign is a place only where the gazetteer knows it (a big city, a listed place; for Cyrillic, a GeoNames
place too); else it is left alone: a person's name ("이영식", "Путин"), an army ("인민군") or an institution
("국방위원회") is no site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from mapviewer.core.ingest import cyrillic, hangul
from mapviewer.core.ingest.candidates import STRONG, Toponym
from mapviewer.core.ingest.places.spans import (
    CitySpan,
    CountrySpan,
    RefSpan,
    RegionSpan,
    SiteSpan,
    Span,
    ToponymSpan,
)
from mapviewer.core.lazyre import lazy_compile

PLACED_BY_NAME = 3
"""The weakest finding a name with no place sign of its own is placed by: a city of the big-city table."""
PLACED_BY_INDEX = 4
"""... a GeoNames place read exactly (not only by its transliteration key)."""
PHRASE = 5
"""A capitalised phrase with a place head: "Junggang-eup Missile Base"."""
ANY = 6
"""... anything, or listed for review: a name whose own words say it is a place."""


@dataclass(frozen=True)
class Form:
    """One English rendering of a native-script name: `text`, and the name inside it (`core`) a finding must cover;
    `guess`: made by undoing a case ending or an adjective, so only a gazetteer reading of it counts."""

    text: str
    core: tuple[int, int]
    guess: bool = False


@dataclass(frozen=True)
class NativeName:
    """A name in Hangul or Cyrillic at text[start:end], its renderings, and the weakest finding that places it."""

    start: int
    end: int
    forms: tuple[Form, ...]
    accept: int
    phrase_places: bool = True
    """Whether a phrase the finder makes of it ("Saebyeol County") may place it; else it is listed when no table
    reads it (an administrative name is a place, not a site near one)."""


def _form(template: str, name: str, guess: bool = False) -> Form:
    at = template.index("{}")
    return Form(template.format(name), (at, at + len(name)), guess)


def _rank(s: Span) -> int:
    """How much a finding knows: a known site 0, a listed place 1, a region 2, a city 3, a GeoNames place read exactly 4,
    a phrase with a place head 5, a name no table reads 6."""
    if isinstance(s, SiteSpan):
        return 0
    if isinstance(s, RefSpan):
        return 1
    if isinstance(s, RegionSpan):
        return 2
    if isinstance(s, CitySpan):
        return 3
    if isinstance(s, ToponymSpan):
        return 4 if any(not h.variant for h in s.toponym.hits) else 6
    return PHRASE


def _core_rank(form: Form, find: Callable[[str], list[Span]]) -> int:
    """How much the finder knows of the name inside a rendering, read alone."""
    core = form.text[form.core[0] : form.core[1]]
    return min(
        (_rank(s) for s in find(core) if not isinstance(s, CountrySpan) and s.start == 0 and s.end == len(core)), default=ANY + 1
    )


def _moved(s: Span, start: int, end: int, rendering: str, strong: bool) -> Span:
    """A finding on a rendering, put over the native-script name's characters."""
    if isinstance(s, ToponymSpan):
        top = replace(s.toponym, start=start, end=end, surface=rendering)
        if strong and top.cue_strength != STRONG:
            top = replace(top, cue=top.cue or "head", cue_strength=STRONG, lifted_from=None)
        return ToponymSpan(start, end, s.layer, top)
    return replace(s, start=start, end=end)


def native_spans(text: str, find: Callable[[str], list[Span]], more: Iterable[NativeName] = ()) -> list[Span]:
    """The place names written in Hangul or Cyrillic in `text`, as spans over their own characters. `find(text)`
    is the finder's choice of names in an English text; `more`: other names read the same way (mccune.py)."""
    out: list[Span] = []
    for name in (*hangul_names(text), *cyrillic_names(text), *more):
        before, after = _context(text, name.start, name.end)
        best: tuple[tuple[int, int, int], Span, Form] | None = None
        for order, bare in enumerate(name.forms):
            form = Form(before + bare.text + after, (bare.core[0] + len(before), bare.core[1] + len(before)), bare.guess)
            for s in find(form.text):
                if isinstance(s, CountrySpan) or s.start > form.core[0] or s.end < form.core[1]:
                    continue
                rank = _rank(s)
                if rank == PHRASE and (s.start < len(before) or s.end > len(form.text) - len(after)):
                    rank = PLACED_BY_NAME  # "the Полтава plant": the English text gives the name its head
                elif (form.guess and rank > PLACED_BY_INDEX) or (rank == PHRASE and not name.phrase_places):
                    continue
                # among phrases ("X Missile Base"), the one whose name the finder reads best alone
                order_key = (rank, _core_rank(bare, find) if rank == PHRASE else 0, order)
                if best is None or order_key < best[0]:
                    best = (order_key, s, form)
        if best is not None and best[0][0] <= name.accept:
            _, s, form = best
            start = name.start - max(0, len(before) - s.start)  # a finding reaching into the English text around
            end = name.end + max(0, s.end - (len(form.text) - len(after)))
            out.append(_moved(s, start, end, form.text[s.start : s.end], name.accept == ANY))
        elif name.accept == ANY:  # a place by its own words that nothing reads: listed for review
            first = name.forms[0]
            shown = first.text[first.core[0] : first.core[1]]
            out.append(ToponymSpan(name.start, name.end, 5, Toponym(name.start, name.end, shown, (), "head", STRONG)))
    return out


_NATIVE = lazy_compile(f"[{hangul.SYLLABLES}{cyrillic.LETTERS}\n]")
CONTEXT = 48
"""How many characters of the English text around a name are read with its rendering ("troops entered Суджа" is read
as "troops entered Sudzha"): the cues before and after it, up to a line end or other native-script text."""


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT) : start]
    cut = max((m.end() for m in _NATIVE.finditer(before)), default=0)
    after = text[end : end + CONTEXT]
    stop = _NATIVE.search(after)
    return before[cut:], after[: stop.start()] if stop else after


# Hangul ---------------------------------------------------------------------------------------------------------


def hangul_names(text: str) -> list[NativeName]:
    """Hangul words that may be places: with an administrative suffix or a facility word after them, or a bare
    name of two syllables or more (placed only if a table knows it)."""
    if not hangul.WORD.search(text):
        return []
    words = [(m.group(), m.start(), m.end()) for m in hangul.WORD.finditer(text)]
    out = []
    for i, (whole, start, whole_end) in enumerate(words):
        word, head_en, end = _facility_head(whole, words, i, text, whole_end)
        if word is None:
            continue
        stem, suffix = hangul.split_suffix(word)
        if len(stem) < 2 or word in hangul.NOT_PLACES:
            continue
        names = hangul.spellings(stem, suffix)
        forms = tuple(_form("{} " + head_en if head_en else "{}", n) for n in names)
        strong = head_en is not None or (suffix is not None and not _a_persons_name(word, suffix))
        out.append(NativeName(start, end, forms, ANY if strong else PLACED_BY_NAME, phrase_places=head_en is not None))
    return out


_HEAD_AFTER = {
    head: lazy_compile(r"\s+" + r"\s+".join(head.split()) + f"(?![{hangul.SYLLABLES}])") for head, _ in hangul.FACILITY_HEADS
}


def _facility_head(
    word: str, words: list[tuple[str, int, int]], i: int, text: str, end: int
) -> tuple[str | None, str | None, int]:
    """The name, the English facility head after it (in the next words or joined to it) and the end of both;
    None for a word that is itself a facility word after a name."""
    for head, _ in hangul.FACILITY_HEADS:
        first = head.split()[0]
        if word == first and i and text[words[i - 1][2] : words[i][1]] == " ":
            return None, None, end  # the head of the name before
    for head, english in hangul.FACILITY_HEADS:
        joined = head.replace(" ", "")
        if len(joined) > 1 and word.endswith(joined) and len(word) > len(joined) + 1:  # not 지역 (area) as a station
            return word[: -len(joined)], english, end
        m = _HEAD_AFTER[head].match(text, end)
        if m:
            return word, english, m.end()
    return word, None, end


def _a_persons_name(word: str, suffix: hangul.Suffix) -> bool:
    """Three syllables opening with a family name, ending in a syllable given names end in ("이영도"): a person's
    name is as likely as a place; listed only if a table reads it."""
    if word in hangul.PROVINCES:
        return False
    return len(word) == 3 and word[0] in hangul.SURNAMES and suffix.hangul in ("리", "동", "시", "도", "구")


# Cyrillic -------------------------------------------------------------------------------------------------------

_CYRILLIC = lazy_compile(f"[{cyrillic.LETTERS}]")
_CYR_WORD = lazy_compile(f"[{cyrillic.LETTERS}](?:[{cyrillic.LETTERS}'’ʼ-]*[{cyrillic.LETTERS}])?")


def cyrillic_names(text: str) -> list[NativeName]:
    """Capitalised Cyrillic names (up to three words), with the cue before them, or one word with the region word after
    it ("Курська область")."""
    if not _CYRILLIC.search(text):
        return []
    words = [(m.group(), m.start(), m.end()) for m in _CYR_WORD.finditer(text)]
    out = []
    i = 0
    while i < len(words):
        run = list(_capitalised_run(words, i, text))
        if not run:
            i += 1
            continue
        j = i + len(run)
        after = words[j][0].lower() if j < len(words) and _spaced(text, words[j - 1], words[j]) else ""
        if after in cyrillic.REGION_AFTER and len(run) > 1:  # "Суджа Курської області": a town, then its region
            run, j, after = run[:-1], j - 1, ""
        before = words[i - 1][0].lower() if i and _spaced(text, words[i - 1], words[i]) else ""
        name = " ".join(w for w, _, _ in run)
        start, end = run[0][1], run[-1][2]
        if after in cyrillic.REGION_AFTER:
            template = cyrillic.REGION_AFTER[after]
            stems = cyrillic.region_stems(name) if template.endswith(("Oblast", "Krai")) else (name, _masculine(name))
            forms = [_form(template, t, guess=k + 1 < len(stems) and template.endswith(("Oblast", "Krai")))
                     for k, stem in enumerate(dict.fromkeys(stems))
                     for t in cyrillic.transliterations(stem)]  # fmt: skip
            out.append(NativeName(start, words[j][2], tuple(forms), ANY))
            i = j + 1
            continue
        cue = cyrillic.CUES_BEFORE.get(before)
        guesses = cyrillic.nominatives(name)
        forms = [_form(cue or "{}", t, guess=k > 0) for k, n in enumerate(guesses) for t in cyrillic.transliterations(n)]
        accept = PLACED_BY_INDEX if cue or not _opens_sentence(text, start) else PLACED_BY_NAME
        if before in cyrillic.STRONG_BEFORE:
            accept = ANY
        out.append(NativeName(start, end, tuple(forms), accept))
        i = j
    return out


def _capitalised_run(words: list[tuple[str, int, int]], i: int, text: str) -> Iterator[tuple[str, int, int]]:
    """Up to three capitalised words from word i, one space apart."""
    for k in range(i, min(i + 3, len(words))):
        if not words[k][0][:1].isupper() or (k > i and not _spaced(text, words[k - 1], words[k])):
            return
        yield words[k]


def _spaced(text: str, a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return text[a[2] : b[1]] == " "


def _masculine(adjective: str) -> str:
    """A district's adjective in its dictionary form ("Суджанского" -> Суджанский)."""
    return re.sub(r"(?:ого|ому|ом|ім|им|ому)$", "ий", adjective)


def _opens_sentence(text: str, start: int) -> bool:
    """The word opens a sentence written in Cyrillic, where a capital says nothing."""
    before = text[:start].rstrip()
    return bool(before) and before[-1] in ".!?" and bool(_CYRILLIC.search(before[-40:]))
