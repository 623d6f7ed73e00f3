"""Shapes a reader takes for a place name even when no gazetteer knows it.

A shape is evidence of the name as written, graded:
  - STRONG_SHAPE: a reader takes the name for a place on its shape and a place cue alone, so it may be listed for
    review with no gazetteer row: an Arabic/Levantine or Persian landform or settlement word leading it
    ("Wadi al-Hjeir", "Jebel Amil", "Kfar Kila", "Kuh-e Taftan"), an Arabic article joined inside it
    ("Maroun al-Ras", "Aita El-Chaab"; not a person's or an organisation's name), or an East Slavic ending that
    surnames and foreign words do not have ("-ivka", "-ovka", "-ivske", "-skoye");
  - WEAK_SHAPE: East Slavic endings that Italian words and names, Japanese first names and a few surnames share
    ("-ino": Shebekino but also Valentino; "-ovo": Glotovo but also Durnovo; "-ichi"; "-anka"): such a name is a
    place only with more evidence (a gazetteer reading, or a list whose other items are places).
Names of persons and organisations are kept out: Arabic personal-name words ("Abu", "Mohammed", "bin") and the first
words of Arabic organisation names ("Hayat", "Kataib", "Jaish") open no place here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from mapviewer.core.lazyre import lazy_compile

STRONG_SHAPE = "strong"
WEAK_SHAPE = "weak"

LEVANTINE_HEADS = frozenset(
    ["wadi", "jebel", "jabal", "djebel", "aïn", "deir", "dayr", "kfar", "kafr", "beit", "bayt", "khirbet", "khirbat",
     "marj", "nahr", "jisr", "majdal", "qasr", "birket", "mazraat", "bint",
     # a mound or hill, as Hebrew and Syrian place names write it before the name ("Tel Aviv", "Tel Hazeka"; the
     # Arabic "Tell"/"Tall" is also an English word and a surname: AMBIGUOUS_HEADS)
     "tel",
     # other romanisations of the same words, as Lebanese, Syrian and French-trained writers spell them
     "kherbet", "kherbit", "khirbit", "khurbet", "kharbet", "jbel", "ouadi", "wady", "dair", "kefar",
     # quarter, tower, castle, plain, highland, yard: "Haret Hreik", "Burj al-Shemali", "Qalaat al-Shaqif"
     "haret", "harat", "burj", "qalaat", "qalaa", "sahl", "jurd", "hosh", "maarat", "maaret",
     # district: "Iqlim al-Kharroub", "Iqlim al-Tuffah" (a Lebanese region, not the place its second word names)
     "iqlim", "eqlim"]
)
"""First words of Arabic and Levantine place names: valley, mountain, spring, monastery, village, house, ruin, meadow,
river, bridge, tower, pool, daughter ("Bint Jbeil"), quarter, castle, plain. "Wadi al-Hjeir", "Kherbet Selm" or "Jebel
Amil" is a place whether or not it is in a gazetteer."""

PERSIAN_HEADS = frozenset(["kuh", "kooh", "dasht", "shahr", "qaleh", "ghaleh", "tappeh", "tepe", "chah"])
"""First words of Persian place names ("Kuh-e Taftan", "Dasht-e Kavir"): mountain, plain, town, fort, mound, well."""

AMBIGUOUS_HEADS = frozenset(["tell", "tall", "ain", "ein", "bir", "bandar", "rud", "arab"])
"""Place words that are also English words, German articles, first names or a demonym ("Tell him", "Ein Ding",
"Bandar bin Sultan", "Arab League"): they open a place name only before a joined Arabic article or a Persian ezafe
("Tell al-Abyad", "Ain el-Hilweh", "Rud-e Shur")."""

LANDFORM_HEADS = frozenset(["mount", "mt", "cape", "ras"])
"""English and Arabic words for a mountain or a headland that open its name ("Mount Dov", "Cape Lopatka", "Ras Laffan"):
what follows is that place's name, whatever else the name may be (a first name, a surname)."""

_HEADS = LEVANTINE_HEADS | PERSIAN_HEADS | LANDFORM_HEADS

_INSTITUTIONS = frozenset(["university", "college", "school", "academy", "institute", "seminary", "club", "company"])
"""Words of an institution named after a place ("Mount Holyoke College", "Jebel Ali Free Zone Company"): a body, not the
place its first words name."""

ARABIC_ARTICLES = frozenset(["al", "el", "ad", "ed", "ash", "esh", "as", "es", "an", "en", "at", "et", "az", "ez", "ar", "er"])
"""The Arabic article as romanised, joined by a hyphen to the next word ("al-Ras", "El-Chaab", "ash-Shati")."""


def without_arabic_article(words: Sequence[str]) -> list[str]:
    """The name's key words without the Arabic article opening them (["al", "salif"] -> ["salif"]), or [] when none
    opens it: the index writes the article as spoken ("Aş Şalīf") where a text writes "Al-Salif", but keeps the bare
    name among its alternates."""
    return list(words[1:]) if len(words) > 1 and words[0] in ARABIC_ARTICLES else []


PERSONAL_NAME_WORDS = frozenset(
    ["abu", "abou", "ibn", "bin", "ben", "umm", "sheikh", "sheik", "imam", "sayyed", "sayyid", "mohammed",
     "mohammad", "muhammad", "mohamed", "ahmed", "ahmad", "ali", "hassan", "hasan", "hussein", "husain", "hussain", "omar",
     "umar", "khalid", "khaled", "abdul", "abdel", "abd", "abdullah", "mahmoud", "mustafa", "youssef", "yusuf", "ibrahim",
     "ismail", "nabih", "naim", "hashem", "hashim", "saad", "bashar", "hafez", "walid", "fouad", "fuad", "rafik", "yahya",
     "said", "ayman", "osama", "usama", "hamza", "yasser", "yasir", "salah", "saleh", "jamal", "nasser", "nasrallah",
     "qassem", "fadlallah", "sayed", "emir", "amir", "king", "prince", "president", "minister", "general", "commander",
     "mr", "dr", "faisal", "fahd", "tamim", "hamad", "khalifa", "zayed", "sultan", "haider", "nouri", "qais", "imad",
     "samir", "nabil", "karim", "tarek", "tariq", "ziad", "marwan", "adel", "adnan", "hisham", "majid", "mansour"]
)
"""Words that open an Arabic personal name ("Abu Mohammed al-Julani", "Saad al-Hariri"): an al- name after one
of them is a person."""

_PATRONYMIC = frozenset(["bin", "ibn", "bint", "ben"])
"""Son/daughter of: inside a name ("Tamim bin Hamad al-Thani"), the name is a person's."""

ARABIC_ORGANISATION_WORDS = frozenset(
    ["hayat", "hay'at", "harakat", "harakah", "kataib", "kataeb", "kata'ib", "jamaat", "jamaah", "jama'at", "jabhat",
     "saraya", "liwa", "ansar", "jaish", "jaysh", "hizb", "asaib", "asa'ib", "tanzim", "majlis", "quwat", "faylaq",
     "firqat", "ittihad", "munazzamat", "tahrir", "harakat", "lajnat", "hay"]
)
"""First words of Arabic names of movements, militias and parties ("Hayat Tahrir al-Sham", "Kataib Sayyid
al-Shuhada", "Jaish al-Adl"): an organisation, not a place."""

_STRONG_SLAVIC = lazy_compile(r"(?i)(?:[iy]vka|ovka|evka|ivske|ovske|evske|[ie]vskyi|skoye|skoe|ivtsi|ovtsi|ovsk|ivsk|[aeiy]nsk|orsk|shch[yi]na)$")
"""East Slavic toponym endings that English, Italian and Japanese words and most surnames never have: "-ivka",
"-ovka", "-ivske", "-skoye", "-ivtsi", "-ovsk", "-insk", "-orsk", and the Ukrainian "-shchyna" of a land named after its
town ("Kharkivshchyna": the Kharkiv region)."""
_WEAK_SLAVIC = lazy_compile(r"(?i)(?:ovo|evo|ino|yno|ychi|ichi|ske|ovets|[aeio]nka|[^aeiouy]ye)$")
"""Endings East Slavic places share with other words and names: "-ino" (Shebekino, Valentino), "-ovo" (Glotovo,
Durnovo), "-ichi" (Baranovichi, Koichi), "-inka" (Kozinka, Marinka), "-ye" (Zarechye)."""

_WORD = lazy_compile(r"[^\W\d_]+")


def _words(surface: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(surface)]


def _joined_article(surface: str) -> bool:
    """An Arabic article joined by a hyphen to a capitalised word inside the name ("Maroun al-Ras", "Tell al-Abyad")
    or a Persian ezafe ("Kuh-e Taftan")."""
    return re.search(r"(?<=[\s-])(?:[Aa][lsdnrtz]|[Ee][lsdnrtz]|[AaEe]sh)-[A-ZÀ-Þ]|[a-z][-‐]y?e(?:\s|$)", surface) is not None


def levantine_head(surface: str) -> bool:
    """The name opens with an Arabic, Levantine or Persian place word and goes on with a name ("Wadi al-Hjeir",
    "Jebel Amil", "Kuh-e Taftan"); a head that is also an everyday word only before a joined article."""
    words = _words(surface)
    if len(words) < 2 or not surface[:1].isupper() or words[-1] in ("e", "ye") or not _INSTITUTIONS.isdisjoint(words):
        return False
    if words[0] in AMBIGUOUS_HEADS:
        return _joined_article(surface) and not arabic_organisation_or_person(words)
    return words[0] in _HEADS


def arabic_organisation_or_person(words: list[str]) -> bool:
    """Folded words of a name that open like a person's ("Abu ...", "Saad ...") or an organisation's ("Kataib ...")
    or carry a patronymic ("... bin Hamad ...")."""
    return words[0] in PERSONAL_NAME_WORDS or words[0] in ARABIC_ORGANISATION_WORDS or any(w in _PATRONYMIC for w in words[1:])


def arabic_article_name(surface: str) -> bool:
    """A name with the Arabic article joined inside it ("Maroun al-Ras", "Aita El-Chaab"), not a person's or an
    organisation's."""
    words = _words(surface)
    if len(words) < 3 or arabic_organisation_or_person(words):
        return False
    return re.search(r"(?<=\s)(?:[Aa][ls]?|[Ee][ls]|[AaEe][dnrtz]|[AaEe]sh)-[A-ZÀ-Þ]", surface) is not None


def slavic_ending(surface: str) -> str:
    """STRONG_SHAPE, WEAK_SHAPE or "" for one word of at least six letters with an East Slavic toponym ending."""
    words = _WORD.findall(surface)
    if len(words) != 1 or len(words[0]) < 6:
        return ""
    if _STRONG_SLAVIC.search(words[0]):
        return STRONG_SHAPE
    return WEAK_SHAPE if _WEAK_SLAVIC.search(words[0]) else ""


def _numbered(text: str, start: int, end: int) -> str:
    """A village numbered by an ordinal after a hyphen ("Zarechye-1st", "Ivanovka-2nd"): villages of one name."""
    return WEAK_SHAPE if re.match(r"[-‐‑](?:1st|2nd|3rd|[4-9]th)\b", text[end : end + 5]) else ""


def _levantine(text: str, start: int, end: int) -> str:
    return STRONG_SHAPE if levantine_head(text[start:end]) else ""


def _arabic_article(text: str, start: int, end: int) -> str:
    return STRONG_SHAPE if arabic_article_name(text[start:end]) else ""


def _slavic(text: str, start: int, end: int) -> str:
    return slavic_ending(text[start:end])


_SHAPES: tuple[Callable[[str, int, int], str], ...] = (_levantine, _arabic_article, _slavic, _numbered)
"""Every shape of a place name, each grading the name `text[start:end]` as written."""


def place_shape(text: str, start: int, end: int) -> str:
    """STRONG_SHAPE, WEAK_SHAPE or "" for the name `text[start:end]` (the strongest of the module's shapes)."""
    grades = {shape(text, start, end) for shape in _SHAPES}
    return STRONG_SHAPE if STRONG_SHAPE in grades else WEAK_SHAPE if WEAK_SHAPE in grades else ""


def shaped_like_a_place(text: str, start: int, end: int) -> bool:
    """`text[start:end]` has a strong shape of a place name (see the module's registries)."""
    return place_shape(text, start, end) == STRONG_SHAPE


SETTLEMENT_TYPE_WORDS = frozenset(["kibbutz", "moshav", "moshava"])
"""Words naming the kind of an Israeli community before its name ("Kibbutz Nahal Oz", "Moshav Netiv Ha'asara"): the
name goes on without them ("the centre of Nahal Oz")."""


def _as_written_in_text(word: str) -> str:
    """One word of a name in capitals as it is written in running text ("OZ" -> "Oz", "BE'ERI" -> "Be'eri",
    "KFAR-AZA" -> "Kfar-Aza", "AL-BALAH" -> "al-Balah": a joined Arabic article in lower case)."""
    parts = word.split("-")
    return "-".join(part.lower() if i < len(parts) - 1 and part.lower() in ARABIC_ARTICLES else part[:1] + part[1:].lower()
                    for i, part in enumerate(parts))  # fmt: skip


def bare_forms(surface: str) -> tuple[str, ...]:
    """Other ways running text writes a name first met as `surface`: in lower case when it was set in capitals (a
    dateline's "KIBBUTZ NAHAL OZ", a name of two to four words), and without a settlement-type word ("Nahal Oz" of "Kibbutz Nahal Oz"). Only
    names of at least four letters."""
    words = surface.split()
    forms = []
    if surface.isupper() and 2 <= len(words) <= 4:  # (one word in capitals may be an acronym as well as a town)
        words = [_as_written_in_text(w) for w in words]
        forms.append(" ".join(words))
    if len(words) > 1 and words[0].lower() in SETTLEMENT_TYPE_WORDS and words[1][:1].isupper():
        forms.append(" ".join(words[1:]))
    return tuple(f for f in forms if f != surface and len(re.sub(r"\W", "", f)) >= 4)
