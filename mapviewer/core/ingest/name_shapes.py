"""Shapes a reader takes for a place name even when no gazetteer knows it.

Three registries, each of a kind of evidence that holds across regions:
  - the shape of the name itself: an Arabic/Levantine or Persian landform or settlement word leading it
    ("Wadi al-Hjeir", "Jebel Amil", "Kfar Kila", "Kuh-e Taftan"), an Arabic article joined into it ("Maroun al-Ras", "Aita El-Chaab"), or an East
    Slavic toponym ending ("Shbekino", "Glotovo", "Kucherivka");
  - a list introduced by a plural place noun ("two villages, X and Y", "four populated areas: X, Y",
    "the settlements named are X, Y"), whose every item is a place;
Names of persons are kept out: Arabic personal-name words ("Abu", "Mohammed", "bin") open no place here.
"""

from __future__ import annotations

import re

LEVANTINE_HEADS = frozenset(
    ["wadi", "jebel", "jabal", "djebel", "ain", "aïn", "ein", "deir", "dayr", "kfar", "kafr", "beit", "bayt", "khirbet",
     "khirbat", "tell", "tall", "marj", "nahr", "jisr", "majdal", "qasr", "bir", "birket", "mazraat", "arab"]
)
"""First words of Arabic and Levantine place names: valley, mountain, spring, monastery, village, house, ruin, mound,
meadow, river, bridge, tower, well. "Wadi al-Hjeir" or "Jebel Amil" is a place whether or not it is in a gazetteer."""

PERSIAN_HEADS = frozenset(["kuh", "kooh", "dasht", "rud", "shahr", "qaleh", "ghaleh", "tappeh", "tepe", "chah", "bandar"])
"""First words of Persian place names joined by the ezafe ("Kuh-e Taftan", "Dasht-e Kavir"): mountain, plain, river,
town, fort, mound, well, port."""

_HEADS = LEVANTINE_HEADS | PERSIAN_HEADS

ARABIC_ARTICLES = frozenset(["al", "el", "ad", "ed", "ash", "esh", "as", "es", "an", "en", "at", "et", "az", "ez", "ar", "er"])
"""The Arabic article as romanised, joined by a hyphen to the next word ("al-Ras", "El-Chaab", "ash-Shati")."""

PERSONAL_NAME_WORDS = frozenset(
    ["abu", "abou", "ibn", "bin", "ben", "umm", "sheikh", "sheik", "imam", "sayyed", "sayyid", "mohammed",
     "mohammad", "muhammad", "mohamed", "ahmed", "ahmad", "ali", "hassan", "hasan", "hussein", "husain", "hussain", "omar",
     "umar", "khalid", "khaled", "abdul", "abdel", "abd", "abdullah", "mahmoud", "mustafa", "youssef", "yusuf", "ibrahim",
     "ismail", "nabih", "naim", "hashem", "hashim", "saad", "bashar", "hafez", "walid", "fouad", "rafik", "yahya", "said",
     "ayman", "osama", "usama", "hamza", "yasser", "yasir", "salah", "jamal", "nasser", "nasrallah", "qassem", "fadlallah",
     "sayed", "sayyed", "emir", "amir", "king", "prince", "president", "minister", "general", "commander", "mr", "dr"]
)
"""Words that open an Arabic personal name ("Abu Mohammed al-Julani", "Saad al-Hariri"): an al- name after one
of them is a person."""

_SLAVIC_ENDINGS = re.compile(
    r"(?i)(?:ovo|evo|yovo|ino|yno|ovka|evka|ivka|yivka|ovske|ivske|evske|skoye|skoe|ske|ovsk|ivsk|ovets|ivtsi|ivka|ychi|ichi)$"
)
"""East Slavic toponym endings (-ovo, -ino, -ovka, -ivka, -ske, -skoye, -ovsk, -ychi): surnames end otherwise
(-ov, -in, -enko, -sky), so a capitalised word with one of these endings after "in" or "from" is a place."""

_WORD = re.compile(r"[^\W\d_]+")


def _words(surface: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(surface)]


def levantine_head(surface: str) -> bool:
    """The name opens with an Arabic, Levantine or Persian place word and goes on with a name ("Wadi al-Hjeir",
    "Jebel Amil", "Kuh-e Taftan")."""
    words = _words(surface)
    return len(words) >= 2 and words[0] in _HEADS and surface[:1].isupper() and words[-1] not in ("e", "ye")


def arabic_article_name(surface: str) -> bool:
    """A name with the Arabic article joined inside it ("Maroun al-Ras", "Aita El-Chaab"), not a person's."""
    words = _words(surface)
    if len(words) < 3 or words[0] in PERSONAL_NAME_WORDS:
        return False
    return re.search(r"(?<=\s)(?:[Aa][ls]|[Ee][ls]|[AaEe][dnrtz]|[AaEe]sh)-[A-Z]", surface) is not None


def slavic_ending(surface: str) -> bool:
    """One word, at least six letters, with an East Slavic toponym ending ("Shbekino", "Glotovo")."""
    words = _WORD.findall(surface)
    return len(words) == 1 and len(words[0]) >= 6 and _SLAVIC_ENDINGS.search(words[0]) is not None


_SHAPES = (levantine_head, arabic_article_name, slavic_ending)
"""Every shape of a place name, each a predicate on the name as written."""


def shaped_like_a_place(text: str, start: int, end: int) -> bool:
    """`text[start:end]` has the shape of a place name (see the module's registries)."""
    surface = text[start:end]
    return any(shape(surface) for shape in _SHAPES)


_PLURAL_PLACES = r"(?:villages|towns|settlements|hamlets|localities|communities|districts|raions|areas|municipalities|hromadas)"
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:[a-z]+\s+)?"
_LIST_HEAD = re.compile(
    rf"(?i)\b(?:{_PLURAL_PLACES}(?:\s+(?:in|of|across)\s+[^.!?:;\n—–,]{{1,40}}?|\s+(?:named|mentioned|affected|hit|struck))?"
    r"(?:\s*[:—–]\s*|\s+(?:are|were|include|included|including)\s+)"
    # the bare comma only after a count: "taken two villages, X and Y" (not "in the villages, officials said")
    rf"|\b{_COUNT}{_PLURAL_PLACES},\s+)$"
)
"""A plural place noun that introduces a list: "two villages, X", "four populated areas—X", "three districts in
the Belgorod region—X", "the settlements named are X"."""


def list_head(window: str) -> bool:
    """`window` (the text just before a name) ends with a plural place noun introducing a list of names."""
    return _LIST_HEAD.search(window) is not None
