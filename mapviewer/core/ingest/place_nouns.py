"""Lower-case place nouns written right after a name: "the Khanouq area", "the Serebryansky forest", "al-Far'a camp".

A reader takes "X area" or "X desert" for a place called X whether or not a gazetteer knows X: the noun says what kind
of place the name is, as "X district" does (candidates._STRONG_AFTER). Only nouns said of land, not of people or
things: "area", "desert", "countryside", "forest", "frontline" (never "the Carter camp", "the Apple warehouses"); a
camp only after a name that opens with a joined Arabic article ("al-Far'a camp", "Al-Saiqa camp"), since "the X camp"
is a politician's followers as often as a place. The noun must be written in lower case and not qualify a noun after
it ("the Gaza area commander" is a person).
"""

from __future__ import annotations

from mapviewer.core.lazyre import lazy_compile

PLACE_NOUNS = ("area", "desert", "countryside", "forest", "forestry", "frontline", "front line", "outskirts")
"""Nouns of a tract of land that, written in lower case after a capitalised name, make the name a place's."""

ARTICLE_NOUNS = ("camp",)
"""Place nouns also said of people ("the Biden camp"): a cue only after a name opening with a joined Arabic article."""

_QUALIFIED = (
    r"(?!\s+(?:commanders?|command|managers?|codes?|officials?|residents?|chiefs?|heads?|directors?|offices?|police|council"
    r"|governors?|administrat\w*|authorit\w*|networks?|teams?|units?|brigades?|forces|troops|fire|fires|managements?)\b)"
)
_NOUN_AFTER = lazy_compile(r"^\s+(?:" + "|".join(n.replace(" ", r"\s+") for n in PLACE_NOUNS) + r")\b" + _QUALIFIED)
_ARTICLE_NOUN_AFTER = lazy_compile(r"^\s+(?:" + "|".join(ARTICLE_NOUNS) + r")\b" + _QUALIFIED)
_ARTICLE_OPENING = lazy_compile(r"(?:[Aa][lsdnrtz]|[Ee][lsdnrtz]|[AaEe]sh)-[A-ZÀ-Þ]")


def place_noun_after(text: str, start: int, end: int) -> bool:
    """A lower-case place noun follows the name `text[start:end]` (see the module's registries)."""
    rest = text[end : end + 40]
    if _NOUN_AFTER.match(rest):
        return True
    return _ARTICLE_NOUN_AFTER.match(rest) is not None and _ARTICLE_OPENING.match(text, start) is not None
