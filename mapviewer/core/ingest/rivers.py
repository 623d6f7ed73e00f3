"""Rivers named like cities: "the Dnipro River", "the left bank of the Dnipro", "across the Don".

A reader knows that "the left bank of the Dnipro" is the river, not the city of Dnipro 250 km upstream, and
that "the Dnipro River" is not the city either. The gazetteer holds populated places only, so such a name is
never placed at the city: it is listed for review, where the river is suggested at the reach the story is
about (ties.py).
"""

from __future__ import annotations

from mapviewer.core.lazyre import lazy_compile

RIVER_REASON = "a river, named by its bank: not the town of the same name"
"""The review reason of a bare river name; ties.py suggests the reach for it."""

_BANK_BEFORE = lazy_compile(r"(?i)\b(?:banks?|shores?|mouth|estuary|(?:up|down)stream)\s+(?:of|on)\s+(?:the\s+)?$")
_WATER_HEAD = lazy_compile(r"(?i)\b(?:river|rivers|lake|reservoir|canal|estuary|bay|gulf|sea|strait|lagoon)$")


def bank_before(text: str, start: int) -> bool:
    """The name at `start` follows "bank of (the)", "mouth of the", "upstream of the" ...: a river, whatever
    else the name may be ("the right bank of Dnipro")."""
    return _BANK_BEFORE.search(text, max(0, start - 40), start) is not None


def water_phrase(phrase: str) -> bool:
    """ "the Dnipro River", "Kakhovka Reservoir": a phrase whose head word is a body of water."""
    return _WATER_HEAD.search(phrase.strip()) is not None
