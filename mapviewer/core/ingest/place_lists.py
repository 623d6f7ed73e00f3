"""Lists of names: "two villages, X and Y", "four populated areas—X, Y and Z", "Blida, X or Y".

A list opened by a plural place noun says its items are places, but a reader still reads each item as a name of
that list's kind: "three districts—Shebekinsky, Valuisky and Graivoronsky" are district names, "two villages,
Tuesday and Wednesday" are not villages whatever the sentence says. So this module only finds the list (its head
noun and every item's span); which items are places is decided by the caller from the items' own evidence (a
gazetteer reading, a place shape, the shape the list's head asks for, an ending shared with an item that is a
place).
"""

from __future__ import annotations

import re

from mapviewer.core.lazyre import LazyPattern, lazy_compile

_PLURAL_PLACES = (
    r"(?:villages|towns|settlements|hamlets|localities|communities|districts|raions|rayons|areas|municipalities|hromadas)"
)
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:[a-z]+\s+)?"
_LIST_HEAD = lazy_compile(
    rf"(?i)\b(?:(?P<noun>{_PLURAL_PLACES})(?:\s+(?:in|of|across|over|during|since|within)\s+[^.!?:;\n—–,]{{1,40}}?|\s+(?:named|mentioned|affected|hit|struck))?"
    r"(?:\s*[:—–]\s*|\s+(?:are|were|include|included|including)\s+)"
    # the bare comma only after a count: "taken two villages, X and Y" (not "in the villages, officials said")
    rf"|\b{_COUNT}(?P<counted>{_PLURAL_PLACES}),\s+)$"
)
"""A plural place noun that introduces a list: "two villages, X", "four populated areas—X", "three districts in
the Belgorod region—X", "the settlements named are X"."""

_DISTRICT_NOUNS = frozenset(["districts", "raions", "rayons", "municipalities", "hromadas"])
_ADJECTIVAL = lazy_compile(r"(?i)[a-z]{3}(?:sky|skyi|skiy|skii|ska|ske|skaya|skoy|tsky|zky)$")
"""Russian and Ukrainian districts are named by an adjective of their seat ("Shebekinsky", "Valuiskyi",
"Bilopilska"): in a list of districts, a name of that shape is a district's."""

_UP = r"[A-ZÀ-ÖØ-ÞČŠŽ]"
_ORDINAL = r"(?:[-‐‑](?:1st|2nd|3rd|[4-9]th)\b)"
_ARTICLE = r"(?:(?:a|al|el|ad|ash|an|ar|as|at|az|ed|en|er|es|et|ez)-)"
"""The Arabic article in lower case, joined to the name it opens or goes on ("al-Mughraqa", "az-Zahra", "a-Satr")."""
_NAME = rf"{_ARTICLE}?{_UP}[\w’'-]*(?:\s{_ARTICLE}?{_UP}[\w’'-]*){{0,3}}{_ORDINAL}?"
_ORDINAL_AFTER = lazy_compile(_ORDINAL)
"""The ordinal that numbers villages of one name ("Zarechye-1st"): part of the list item, not of its name."""
_SEP = r"(?:,\s+(?:(?:and|or)\s+)?(?:even\s+)?|,?\s+(?:and|or)\s+(?:even\s+)?)"
_ITEM_BEFORE = lazy_compile(rf"(?<![\w’'-])({_NAME}){_SEP}$")
_ITEM_AFTER = lazy_compile(rf"{_SEP}({_NAME})(?![\w’'-])")
_MAX_ITEMS = 12


def list_head(window: str) -> str:
    """The plural place noun (folded) with which `window` (the text just before a name) introduces a list of
    names, or ""."""
    m = _LIST_HEAD.search(window)
    return "" if m is None else (m.group("noun") or m.group("counted")).lower()


def list_items(text: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
    """(head, spans) of the list the name `text[start:end]` stands in: the plural place noun that opens it ("" when
    none does) and the span of every item, this one included, in order. A name in no list is a list of one."""
    before: list[tuple[int, int]] = []
    first = start
    while len(before) < _MAX_ITEMS:
        m = _ITEM_BEFORE.search(text, max(0, first - 120), first)
        if m is None:
            break
        before.insert(0, m.span(1))
        first = m.start(1)
    after: list[tuple[int, int]] = []
    ordinal = _ORDINAL_AFTER.match(text, end)
    last = end if ordinal is None else ordinal.end()
    while len(after) < _MAX_ITEMS:
        m = _ITEM_AFTER.match(text, last)
        if m is None:
            break
        after.append(m.span(1))
        last = m.end(1)
    head = list_head(text[max(0, first - 90) : first]) or trailing_head(text, last)
    return head, [*before, (start, end), *after]


_TRAILING_HEAD = lazy_compile(rf"(?i),?\s+(?:and|or)\s+other\s+(?:[a-z-]+\s+){{0,2}}?(?P<noun>{_PLURAL_PLACES})\b")
"""A plural place noun closing a list as its last item's "and other ...": "X, Y, Z and other frontline towns"."""


def trailing_head(text: str, end: int) -> str:
    """The plural place noun (folded) of an "and other towns" right after the list's last item ending at `end`, or ""."""
    m = _TRAILING_HEAD.match(text, end)
    return "" if m is None else m.group("noun").lower()


def head_shape(head: str, surface: str) -> bool:
    """The name has the shape the list's head noun asks for (a district's adjective in a list of districts)."""
    return head in _DISTRICT_NOUNS and _ADJECTIVAL.search(surface) is not None


_SHARED_HEADS = {"camps": "camp", "refugee camps": "refugee camp", "neighborhoods": "neighborhood",
                 "neighbourhoods": "neighbourhood", "quarters": "quarter", "crossings": "crossing",
                 "border crossings": "border crossing", "villages": "village", "kibbutzim": "kibbutz",
                 "airfields": "airfield", "air bases": "air base", "airbases": "airbase", "airports": "airport"}
"""Plural place nouns that two or more names share ("the Nuseirat and Bureij refugee camps"): each name is one."""
_ITEM = rf"{_ARTICLE}?{_UP}[\w’'-]*(?:\s{_ARTICLE}?{_UP}[\w’'-]*)?"
_SHARED = lazy_compile(
    rf"(?<![\w’'-])(?P<items>{_ITEM}(?:,\s+{_ITEM})*,?\s+and\s+{_ITEM})\s+(?P<head>(?:refugee\s+|border\s+)?"
    r"(?:camps|neighbou?rhoods|quarters|crossings|villages|kibbutzim|[Aa]irfields|[Aa]ir\s+[Bb]ases|[Aa]irbases|[Aa]irports))\b"
)
_ITEM_SPLIT = lazy_compile(rf"{_ITEM}")


def shared_head_items(text: str) -> list[tuple[int, int, str]]:
    """(start, end, singular head) of each name that shares a plural place noun with the others ("the Zeitoun and
    Sabra neighborhoods", "the Nuseirat, Bureij and Maghazi camps")."""
    return _shared_items(text, _SHARED, _SHARED_HEADS)


UNIT_HEADS = {"districts": "district", "raions": "raion", "rayons": "rayon", "counties": "county",
              "municipalities": "municipality", "hromadas": "hromada"}
"""Plural administrative units that two or more names share ("the Rylsky and Khomutovsky districts", "Sanaa's
al-Thawra, Bani Matar and al-Safiah districts"): each name is one unit."""
_UNITS = lazy_compile(
    rf"(?<![\w’'-])(?P<items>{_ITEM}(?:,\s+{_ITEM})*,?\s+and\s+{_ITEM})\s+(?P<head>(?i:" + "|".join(UNIT_HEADS) + r"))\b"
)


def shared_unit_lists(text: str) -> list[list[tuple[int, int, str]]]:
    """Each list of names sharing a plural unit noun (UNIT_HEADS), as the (start, end, singular head) of its items; a
    leading word that is its owner's possessive ("Sanaa's") or the sentence's first word ("In") is left to the caller."""
    return _shared_lists(text, _UNITS, UNIT_HEADS)


def _shared_items(text: str, pattern: LazyPattern, heads: dict[str, str]) -> list[tuple[int, int, str]]:
    return [item for items in _shared_lists(text, pattern, heads) for item in items]


def _shared_lists(text: str, pattern: LazyPattern, heads: dict[str, str]) -> list[list[tuple[int, int, str]]]:
    out: list[list[tuple[int, int, str]]] = []
    for m in pattern.finditer(text):
        head = heads[re.sub(r"\s+", " ", m.group("head")).lower()]
        out.append([(i.start(), i.end(), head) for i in _ITEM_SPLIT.finditer(text, m.start("items"), m.end("items"))])
    return out
