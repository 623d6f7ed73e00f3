"""Russian and Ukrainian place names in Cyrillic, transliterated so the gazetteer's Latin names can be looked up.

The place index keeps Latin-script names only (geo_build._ALT_NAME), so "Суджа" or "Курська область" is read
through its transliteration: Ukrainian by the national system of 2010 ("Харків" -> Kharkiv, "Запоріжжя" ->
Zaporizhzhia), Russian by a BGN-like one ("Суджа" -> Sudzha, "Белгород" -> Belgorod). A word with a letter
only Ukrainian has (і ї є ґ) is read as Ukrainian, one with a letter only Russian has (ы э ъ ё) as Russian,
any other both ways. The transliteration key (variants.py) folds what is left between the systems.

The words around a name say what it is, as English cues do: a place noun before it ("село", "місто": the
village, the city of), a preposition ("в", "біля": in, near), a region word after it ("область": Oblast,
"район": district, "край": Krai). A region's adjective is given back its city's name ("Курська" -> Kursk,
"Харківська" -> Kharkiv), and a few common case endings are undone ("в Судже" -> Суджа, "Курской" -> Курская),
both only as guesses the gazetteer has to confirm.
"""

from __future__ import annotations

import re

from mapviewer.core.lazyre import lazy_compile

LETTERS = "\u0400-\u04ff"
UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ъ": "", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_UKRAINIAN = {**_COMMON, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i", "ю": "iu",
              "я": "ia"}  # fmt: skip
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RUSSIAN = {**_COMMON, "г": "g", "е": "e", "ё": "yo", "и": "i", "й": "y", "ы": "y", "э": "e", "ю": "yu", "я": "ya"}
_VOWELS = frozenset("аеёиіїоуыэюяєьъ")


def _one(word: str, ukrainian: bool) -> str:
    table = _UKRAINIAN if ukrainian else _RUSSIAN
    out: list[str] = []
    low = word.lower()
    for i, c in enumerate(low):
        prev = low[i - 1] if i else ""
        if ukrainian and (not i or prev in "-'’ʼ") and c in _UKRAINIAN_INITIAL:
            out.append(_UKRAINIAN_INITIAL[c])
        elif not ukrainian and c == "е" and (not i or prev in _VOWELS or prev == "-"):
            out.append("ye")  # "Yelabuga", "Vorobyev"
        elif ukrainian and c == "г" and prev == "з":
            out.append("gh")  # "Zghurivka"
        else:
            out.append(table.get(c, c))
    return "".join(out)


def transliterations(word: str) -> tuple[str, ...]:
    """A Cyrillic name (one or more words, hyphens kept) in Latin letters, capitalised as written: the Ukrainian
    reading first where the word could be either."""
    letters = set(word)
    systems = [True] if letters & UKRAINIAN_ONLY else [False] if letters & RUSSIAN_ONLY else [True, False]
    out = []
    for ukrainian in systems:
        parts = re.split(r"([\s-]+)", word)
        latin = "".join(_one(p, ukrainian) if p.strip(" -") else p for p in parts)
        out.append(re.sub(r"(^|[\s-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), latin)
                   if word[:1].isupper() else latin)  # fmt: skip
    return tuple(dict.fromkeys(out))


CUES_BEFORE: dict[str, str] = {
    **dict.fromkeys(("село", "селі", "села", "селом", "деревня", "деревне", "деревни", "деревню", "хутор", "хуторі",
                     "хуторе", "селище", "селищі", "селища", "посёлок", "поселок", "посёлке", "поселке", "посёлка",
                     "поселка", "смт", "пгт", "станица", "станиці", "станицы"), "the village of {}"),
    **dict.fromkeys(("місто", "місті", "міста", "город", "городе", "города", "городом"), "the city of {}"),
    **dict.fromkeys(("в", "во", "у", "на", "под", "із", "из", "з", "до", "від", "от", "через"), "in {}"),
    **dict.fromkeys(("біля", "поблизу", "около", "возле", "під", "близ", "неподалік"), "near {}"),
}  # fmt: skip
"""A word before a name and the English cue it stands for ("в Судже": in Sudzha; "село X": the village of X)."""

STRONG_BEFORE = frozenset(w for w, cue in CUES_BEFORE.items() if cue.startswith("the "))

REGION_AFTER: dict[str, str] = {
    **dict.fromkeys(("область", "области", "області", "областью", "обл"), "{} Oblast"),
    **dict.fromkeys(("район", "района", "районе", "районі", "районом", "р-н"), "{} district"),
    **dict.fromkeys(("край", "края", "крае", "краю", "краї"), "{} Krai"),
    **dict.fromkeys(("громада", "громади", "громаді"), "{} hromada"),
}  # fmt: skip
"""A region word after a name and the English head it stands for ("Курська область": Kursk Oblast)."""

_ADJECTIVE = lazy_compile(r"(?i)(?P<stem>.+?)(?P<sk>ськ|цьк|зьк|ск|цк|зк)(?:ая|ой|ую|ою|ий|ый|ого|а|ої|ій|у|ою|е|ое|ому)$")


_IRREGULAR = {"запорі": "Запоріжжя", "запорож": "Запорожье", "оде": "Одеса", "одес": "Одесса", "вінни": "Вінниця", "винни": "Винница",
              "рівнен": "Рівне", "ровен": "Ровно", "хмельни": "Хмельницький", "черніве": "Чернівці", "орлов": "Орёл",
              "москов": "Москва", "кіровоград": "Кіровоград"}  # fmt: skip
"""Region adjectives whose city's name is not the adjective's stem ("Запорізька" -> Zaporizhzhia)."""


def region_stems(adjective: str) -> tuple[str, ...]:
    """The city names a region's adjective may be made from, in Cyrillic: "Курська" -> Курськ; "Харківська" ->
    Харків; "Донецька" -> Донецьк; "Полтавська" -> Полтава; "Сумська" -> Суми; the adjective itself last."""
    m = _ADJECTIVE.fullmatch(adjective)
    if m is None:
        return (adjective,)
    stem, sk = m.group("stem"), m.group("sk")
    out = [stem + sk, stem, stem + "а", stem + "и", stem + "ы"]
    irregular = _IRREGULAR.get(stem.lower())
    if irregular:
        out.insert(0, irregular)
    return (*dict.fromkeys(out), adjective)


_CASE_ENDINGS = (("е", ("а", "я", "")), ("і", ("а", "я", "")), ("и", ("а", "я")), ("ы", ("а",)), ("у", ("а",)),
                 ("ю", ("я",)), ("а", ("",)), ("ой", ("а", "ая")), ("ом", ("",)), ("ом", ("а",)), ("ем", ("",)))  # fmt: skip


def nominatives(word: str) -> tuple[str, ...]:
    """The word as written, then guesses at its nominative from a few common case endings ("Судже" -> Суджа,
    "Києві" -> Київ, "Курска" -> Курск)."""
    out = [word]
    low = word.lower()
    for ending, repl in _CASE_ENDINGS:
        if low.endswith(ending) and len(word) > len(ending) + 2:
            out.extend(word[: -len(ending)] + r for r in repl)
    return tuple(dict.fromkeys(out))
