"""Reference names as articles write them: other romanisations and other head words.

The reference list (reference.py) names a site the way its source does: "Chihari Missile Base",
"Sunchon Airbase", "Sangum-ri". Articles write "the Chiha-ri missile base", "Sunchon air base",
"Sangum-ni". Two tables reach the row from those:

  - every name and alias by its transliteration key (variants.variant_key), so "Chiha-ri Missile Base"
    and "Sangum-ni" meet "Chihari Missile Base" and "Sangum-ri";
  - every name ending in a facility head ("Missile Base", "Airbase", "Testing Ground", "Crossing") by its
    core ("Chihari", "Sunchon"), found only when the text follows the core with a head of the same
    class ("Sunchon air base", "Chihari base"): the head word is what says the mention is the facility
    and not the town the facility is named after.

A core written without any head reaches its row only where the caller says the words are no
populated place (`bare_ok`), so "Engels" stays the town while "Engels air base" is the air base.
A name that opens with an Arabic article ("Al-Mawasi") is also found where the text writes the article in
lower case ("in al-Mawasi"): the capitalised word alone opens no name, so the lookup starts at the article
(`after_article`).
Every match is a span for places.finding.names_in_passage to weigh against the other layers (longest wins).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from mapviewer.core.ingest.variants import variant_key

P = TypeVar("P")

GENERIC = "*"
"""The class of a head that fits any facility ("base", "site", "facility", "complex")."""

HEAD_CLASSES: dict[tuple[str, ...], str] = {
    **dict.fromkeys(
        [
            ("airbase",),
            ("air", "base"),
            ("airfield",),
            ("airport",),
            ("international", "airport"),
            ("air", "force", "base"),
            ("aerodrome",),
            ("airstrip",),
            ("military", "airfield"),
            ("military", "airport"),
        ],
        "air",
    ),
    **dict.fromkeys(
        [("missile", "base"), ("missile", "operating", "base"), ("missile", "site"), ("missile", "facility")], "missile"
    ),
    **dict.fromkeys([("testing", "ground"), ("test", "site"), ("launch", "site"), ("test", "range")], "test"),
    **dict.fromkeys(
        [
            ("nuclear", "facility"),
            ("nuclear", "site"),
            ("nuclear", "complex"),
            ("nuclear", "plant"),
            ("reactor",),
            ("nuclear", "reactor"),
            ("enrichment", "facility"),
            ("enrichment", "plant"),
            ("enrichment", "site"),
            ("uranium", "concentrate", "plant"),
            ("uranium", "mill"),
        ],
        "nuclear",
    ),
    **dict.fromkeys([("arms", "plant"), ("plant",), ("factory",), ("arms", "factory")], "plant"),
    **dict.fromkeys([("crossing",), ("border", "crossing"), ("crossing", "point"), ("checkpoint",)], "crossing"),
    **dict.fromkeys([("shipyard",), ("naval", "base")], "yard"),
    **dict.fromkeys([("base",), ("site",), ("facility",), ("complex",)], GENERIC),
}
"""Facility head words by class: a row's head and the text's head must share a class (or the text's be generic)."""
LONGEST_HEAD = max(map(len, HEAD_CLASSES))
_NO_CORE = frozenset([GENERIC])  # a name ending in a bare "Base" or "Site" keeps its whole name


def split_head(words: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
    """(core, head class) of a folded name ending in a specific facility head, or None."""
    for size in range(min(LONGEST_HEAD, len(words) - 1), 0, -1):
        cls = HEAD_CLASSES.get(words[-size:])
        if cls is not None and cls not in _NO_CORE:
            return words[:-size], cls
    return None


def head_at(words: list[str], i: int) -> tuple[int, str] | None:
    """(length in words, class) of the longest facility head starting at word i, or None."""
    for size in range(min(LONGEST_HEAD, len(words) - i), 0, -1):
        cls = HEAD_CLASSES.get(tuple(words[i : i + size]))
        if cls is not None:
            return size, cls
    return None


ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"})
"""Arabic articles, as folded words, that open names such as "Al-Mawasi" and "ash-Shati"."""


def after_article(
    table: Mapping[tuple[str, ...], P], first: Mapping[str, int], words: Sequence[str], i: int
) -> tuple[int, P] | None:
    """(words covered, place) of the longest name in `table` made of the article at word i-1 and the words from i
    ("al", "mawasi" for the row "Al-Mawasi"); None when word i-1 is no article or no such name is listed.
    `first` bounds the name lengths to try by first word (places.reference_places)."""
    if i == 0 or words[i - 1] not in ARTICLES:
        return None
    for size in range(min(first.get(words[i - 1], 0), len(words) - i + 1), 1, -1):
        place = table.get(tuple(words[i - 1 : i - 1 + size]))
        if place is not None:
            return size, place
    return None


@dataclass(frozen=True)
class RefMatch(Generic[P]):
    """A reference row found at a word: `size` words of text, and how (variant | head | core)."""

    place: P
    size: int
    how: str  # variant | head | core


class RefVariants(Generic[P]):
    """The two lookup tables over a reference table (folded name -> place)."""

    def __init__(self, table: Mapping[tuple[str, ...], P]) -> None:
        whole: dict[str, set[int]] = {}
        cores: dict[tuple[str, str], set[int]] = {}
        places: dict[int, P] = {}
        for words, place in table.items():
            places[id(place)] = place
            whole.setdefault(variant_key(words), set()).add(id(place))
            split = split_head(words)
            if split is not None:
                cores.setdefault((variant_key(split[0]), split[1]), set()).add(id(place))
        # a key shared by two rows says nothing: left out
        self._whole = {k: places[next(iter(v))] for k, v in whole.items() if len(v) == 1}
        self._cores = {k: places[next(iter(v))] for k, v in cores.items() if len(v) == 1}
        self._core_keys = {k for k, _ in self._cores}
        # a core that is itself a row's name ("Sondok" of "Sondok Airbase") is that row when it stands alone
        self._exact_cores = {core for core, _ in filter(None, map(split_head, table))} - set(table)
        self.longest = max((len(w) for w in table), default=0)

    def match(self, words: list[str], i: int, bare_ok: Callable[[tuple[str, ...]], bool]) -> RefMatch[P] | None:
        """The longest reference reading of the words from word i: a name in another spelling (two words or more),
        a core in any spelling followed by a head of its class, or a core `bare_ok` allows (a one-word core only
        as the row spells it)."""
        for size in range(min(self.longest, len(words) - i), 0, -1):
            run = tuple(words[i : i + size])
            vk = variant_key(run)
            if size > 1 and vk in (variant_key(run[1:]), variant_key(run[:-1])):
                continue  # an end word the key drops ("at", "al"): "Olenya air base at" is "Olenya air base"
            place = self._whole.get(vk)
            if place is not None and size > 1:  # one word in another spelling is too often another word ("Olena")
                return RefMatch(place, size, "variant")
            if vk not in self._core_keys:
                continue
            head = head_at(words, i + size)
            if head is not None:
                for cls in (head[1],) if head[1] != GENERIC else sorted({c for k, c in self._cores if k == vk}):
                    place = self._cores.get((vk, cls))
                    if place is not None:
                        return RefMatch(place, size + head[0], "head")
            if (size > 1 or run in self._exact_cores) and bare_ok(run):
                only = [p for (k, _), p in self._cores.items() if k == vk]
                if len(only) == 1:
                    return RefMatch(only[0], size, "core")
        return None
