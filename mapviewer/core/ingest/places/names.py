"""Tests on a name and the words around it: a person's name, a locative, a strong head word, a title-case line."""

from __future__ import annotations

import re

from mapviewer.core.ingest.candidates import COMMON_WORDS, NOT_NAME_WORDS
from mapviewer.core.ingest.name_shapes import shaped_like_a_place
from mapviewer.core.ingest.places.context import Context
from mapviewer.core.ingest.places.finding import FACILITY_OF_TOWN
from mapviewer.core.ingest.places.lexicon import NOT_PLACE_START, REGION_WORDS, TITLES
from mapviewer.core.ingest.places.tables import Gazetteer, gazetteer
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import fold, key


def inside_person_name(text: str, start: int, end: int) -> bool:
    """ "Robert Wood", "Kim Song": a town name glued to another capitalised word is part of a name."""
    before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+([A-Z][a-z]+)\b", text[end : end + 30])
    if before and fold(before.group(1)) not in NOT_PLACE_START and not locative(text, start - len(before.group(0))):
        return True
    if before and fold(before.group(1)) in TITLES:
        return True
    return bool(after and fold(after.group(1)) not in REGION_WORDS and not _JOINED.match(text, end))


_JOINED = lazy_compile(r"\s+(?:and|or|in|on|at)\b")
"""A conjunction or preposition after a name: matched in place (slicing off the rest of a long passage
for every name would make a passage's cost grow with the square of its length)."""


def ambiguous_word(k: tuple[str, ...], text: str, start: int, ctx: Context, g: Gazetteer) -> bool:
    """A small foreign town named in passing with no place cue is more likely a word than a place."""
    cities = g.cities[k]
    if not any(c.primary for c in cities) and not any(ctx.countries[c.country] for c in cities) and not locative(text, start):
        return True  # "Angara" is an old name of Ankara, but here it is a rocket
    big = max(c.population for c in cities)
    in_context = any(ctx.countries[c.country] for c in cities)
    return big < 100_000 and not in_context and not locative(text, start)


_LOCATIVE = lazy_compile(
    r"\b(in|at|near|outside|around|from|to|into|towards?|of|via|across|toward|between|city of|town of|village of"
    # what is done to a place: "shells fell on X", "strikes on X", "missiles hit X", "troops entered X"
    r"|(?:fell|rained|landed|strikes?|attacks?|raids?|assaults?|shelling|advanced?|marched|pushed|closing\s+in)\s+on"
    r"|hit|struck|shelled|bombed|captured|liberated|seized|recaptured|retook|stormed|entered|reached|entering|reaching|evacuated)\s+(the\s+)?$",
    re.IGNORECASE,
)


def locative(text: str, start: int) -> bool:
    return bool(_LOCATIVE.search(text[max(0, start - 20) : start]))


_NAME_AND = lazy_compile(r"(?:[A-Z][\w’'-]*\s+){1,3}and\s+(?:the\s+)?$")


def shares_locative(text: str, start: int) -> bool:
    """ "in Haji Abad and Khorgo Missile Bases": the second of two names joined by "and" after a locative."""
    m = _NAME_AND.search(text, max(0, start - 50), start)
    return m is not None and locative(text, m.start())


def has_strong_head(phrase: str) -> bool:
    return bool(
        re.search(
            r"(?i)\b(station|cosmodrome|spaceport|airbase|air base|airfield|airport|heliport|helipad|runway|shipyard|reactor|bridge|strait|oblast|province|krai|launching"
            r"|corridor|crossing|checkpoint|refugee camp|neighbou?rhood|river|valley|lake|bay|island|peninsula|canal|dam"
            r"|test stand|launch pad|hospital|hotel|campus|square|portal|tunnel|airstrip|reservoir|heights|(?:rail|railroad|railway|road)\s+crossing"
            r"|mountain|mountains|ridge|gorge|plateau|support\s+area|junction|roundabout|intersection"
            r"|training\s+grounds?|test(?:ing)?\s+(?:site|ground|range)|proving\s+ground|firing\s+range|arsenal|launch\s+site|naval\s+base"
            r"|(?-i:(?:Missile|Submarine|Air)\s+Base|Gate|Main\s+Line|Palace))$",
            phrase.strip(),
        )
        or _NAMED_WORKS.search(phrase.strip())
    )


_NAMED_WORKS = lazy_compile(r"\b(?:Factory|Plant|Works|Refinery|Mill|Complex)$")
"""A works whose head word is capitalised as part of its name ("the Taesong Machine Factory", "the Hungnam Fertilizer
Complex"): a site of its own; in lower case the words before it may name only a product ("the Shahed factory")."""


_BAD_NAME = lazy_compile(r"[<>&\"`{}\\\x00-\x1f]")


def plausible_name(surface: str) -> bool:
    """Names come from untrusted text: no markup characters, no control characters, sane length."""
    return 0 < len(surface) <= 120 and not _BAD_NAME.search(surface)


def title_case(text: str) -> bool:
    """A title-case line ("Russian Military Says Captured Village Near Pokrovsk"): most of its longer words are
    capitalised, so a capital letter says nothing about a name there."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


FACILITY_NAME = lazy_compile(r"^(?:the\s+)?(?P<name>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)\s+(?:[a-z]+\s+)?[A-Za-z]+$")


def described_facility(phrase: str) -> bool:
    """ "Iran's Khojir missile facility": a name before a facility described in lower case, owned by a country, is a
    site a reader looks for, listed for review when no town of the name places it. Without the country the name may
    be a firm's or a person's ("the Boeing missile plant", "the Kennedy space center"): only a name with a strong
    place shape is listed then ("the Wadi al-Qurnat missile base")."""
    owned = re.fullmatch(r"(?:(?P<owner>[^’']+?)['’]s\s+)?(?P<rest>.+)", phrase.strip().removeprefix("the ").removeprefix("The "))
    assert owned is not None
    m = FACILITY_OF_TOWN.fullmatch(owned.group("rest"))
    if m is None:
        return False  # (also "Russia's launch range": a country's, with no name of its own)
    g = gazetteer()
    owner, name = owned.group("owner") or "", m.group("town")
    words = key(name)  # "Iran's Khojir": the name after the owner's
    if not words or re.search(r"['’]s$", name):
        return False
    named = [words[:n] for n in (1, 2) if len(words) >= n]
    if any(w in g.country_names or w in g.demonyms for w in named):
        return False
    if words[0] in COMMON_WORDS or words[0] in NOT_NAME_WORDS:
        return False  # "Soviet submarine base"
    return key(owner) in g.country_names or shaped_like_a_place(name, 0, len(name)) or _POWER_PLANT.search(m.group(0)) is not None


_POWER_PLANT = lazy_compile(r"\bpower\s+(?:plants?|station)$")
"""A power plant is named after the place it stands at ("the X power plant", "the X and Y power plants"), seldom after a
firm or a person: listed whatever the shape of its name."""


_OWNER_BEFORE = lazy_compile(r"(?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+$")


def owner_start(text: str, start: int) -> int:
    """Where the possessive written just before `start` opens ("Iran's" before "Khojir missile facility"), else
    `start`: the finder starts a name after its owner, but whose it is still tells what it is, and the words before
    the owner are the words before the place ("officials in Russia's Krasnodar region said")."""
    m = _OWNER_BEFORE.search(text, max(0, start - 40), start)
    return start if m is None else m.start()


_EPITHET_BEFORE = lazy_compile(r"(?<![\w’'-])(?:(?:strategic|key|main|major|vital|busy|important|nearby|largest|biggest)\s+)+$")
_ACTED_ON_BEFORE = lazy_compile(
    r"(?i)\b(?:(?:air|drone|missile|rocket)?strikes?\s+(?:on|at)|targeting|targeted|hitting|damaged|destroyed|destroying|shelling|inside|within)\s+(?:the\s+)?$"
)
"""What is done to a site, or where one is ("airstrikes on X port", "targeting the X oil terminal", "stationed inside
X base"): said of a named phrase with a place
head word, it locates the site as "at" does (said of a bare name it may be a person's, so only phrases read it)."""


def _epithet_start(text: str, start: int) -> int:
    m = _EPITHET_BEFORE.search(text, max(0, start - 40), start)
    return start if m is None else m.start()


def located_phrase(text: str, start: int) -> bool:
    """A locative or a strike before a named phrase, read past its owner's possessive and an epithet ("at Iraq's Taji
    facility", "at Yemen's strategic X oil terminal", "airstrikes on X port")."""
    at = start
    for skip in (_epithet_start, owner_start, _epithet_start):  # "Yemen's strategic X", "the strategic Iraqi's"
        at = skip(text, at)
    return locative(text, at) or _ACTED_ON_BEFORE.search(text, max(0, at - 30), at) is not None


_ROUTE_HEAD = lazy_compile(r"(?i)\b(?:street|avenue|boulevard|road|highway|motorway)$")
_ALONG_BEFORE = lazy_compile(
    r"\b(?i:along|following|on|onto|over|off)\s+(?:the\s+)?(?:(?:[A-Z0-9][\w’'-]*\s+){1,3}(?:and|or)\s+(?:the\s+)?)?$"
)
"""A word of going along a road or standing on it, before the road's name or a list of two roads ("advanced along X
Street and Y Street", "positions on X Street", "fire control over the X highway")."""


_NOUN_AFTER = lazy_compile(
    r"\s+(?!(?:and|or|in|on|at|to|from|near|into|towards?|as|by|with|was|were|is|are|which|that|where|for|until|after"
    r"|before|during|since|of|through|past|between)\b)[a-z]"
)
"""A lower-case word after a road's name that is no conjunction, preposition or verb of being: the name qualifies that
noun ("traders on X Avenue markets")."""


def along_route(text: str, start: int, phrase: str) -> bool:
    """A named street or road after a word of going along it or standing on it: a place where something happened, as
    a locative makes one ("advanced along X Street", "following the R-9 road"); only for a road's head word ("on X
    Square" is said of events), and not where the name qualifies a noun after it."""
    end = start + len(phrase.rstrip(" ."))
    return (_ROUTE_HEAD.search(phrase.strip()) is not None and _ALONG_BEFORE.search(text, max(0, start - 60), start) is not None
            and _NOUN_AFTER.match(text, end) is None)  # fmt: skip


def with_owner(text: str, start: int, surface: str) -> str:
    """`surface` (at `start` in `text`) with the possessive written just before it (owner_start)."""
    return text[owner_start(text, start) : start] + surface


_NUMBERED_PART = lazy_compile(r"(?i)(?:pier|berth|dock|wharf|gate|hangar|building|hall|terminal|platform)$")
_NUMBER_AFTER = lazy_compile(r"\s+(?:\d{1,3}|[A-Z])\b")


def numbered_part(surface: str, text: str, end: int) -> bool:
    """ "at Pier 2", "Berth 4", "Building A": a part of a site numbered in the text, not a town whose name the word
    spells (Pierre, South Dakota)."""
    return bool(_NUMBERED_PART.fullmatch(surface.strip()) and _NUMBER_AFTER.match(text, end))
