"""Uses of a place name that only locate something else, read from the words around the name (claims.USAGE_RULES), and
the mentions that share the certainty of the place right before them (SHARED_CERTAINTY: a region in apposition, another
name in brackets, a part named after "including").

`UsageRule` is one such use; `LOCATING_RULES` are the general reference-point cues of tests/geoparse_eval/README.md
("reference points ("near X", "N km from X") … sources of a statement … = `context`") that claims.py adds to its
own table: a bare "near X", a place that adjoins, faces or lies around X, a distance given in words ("a few hundred
meters from X"), what a place borders ("bordering X"), a place named as the part of another ("X Square, the centre of
Y"), a person's origin ("men hailing from X") and a place's council or municipality speaking ("the X municipality
said"). Each is `weak`: it replaces only a plain "stated as fact", so a hedge, a claim or a past date in the sentence
still decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapviewer.core.lazyre import LazyPattern, lazy_compile


@dataclass(frozen=True)
class UsageRule:
    """A name used only to point at something else, read from the words around it: `before` must match
    the sentence up to the name (ending there), `after` the sentence from the name on, and `unless_before`
    must not match up to the name, nor `unless_after` from the name on. `weak`: the use only replaces a plain
    "stated as fact" (a hedge, an allegation, a past date or a scene-setting opening in the sentence still decides)."""

    name: str
    label: str
    before: LazyPattern | None = None
    after: LazyPattern | None = None
    unless_before: LazyPattern | None = None
    weak: bool = False
    unless_after: LazyPattern | None = None

    def applies(self, sentence: str, at: int) -> bool:
        head = sentence[max(0, at - 120) : at]
        if self.before is not None and not self.before.search(head):
            return False
        if self.after is not None and not self.after.match(sentence, at):
            return False
        if self.unless_after is not None and self.unless_after.match(sentence, at):
            return False
        return not (self.unless_before is not None and self.unless_before.search(head))


# Lowercase words, demonyms and a country's possessive that may stand between a locating phrase and the name: "near the
# front-line village of X", "from the heavily fortified X", "the 800-meter-long X", "near the northern Moldovan town of
# X", "near central Moldova's X" (never a preposition: "near A in B" locates A, not B).
_MODIFIERS = (
    r"(?:the\s+)?(?:(?:(?!(?:in|at|on|and|or|by|with|as|where|which)\b)(?-i:[a-z0-9])[\w’'-]*"
    r"|(?-i:[A-Z])[a-z]+(?:an|ian|i|ese|ish)|(?-i:[A-Z])[\w-]*['’]s)\s+){0,4}?(?:of\s+)?"
)
# Facilities and works: "near the X Friendship House border crossing station", "near X Missile Factory" place what is
# there (a site studied at that scale), not a settlement's neighbourhood.
_FACILITY = (
    r"(?:[\w’'-]+\s+){0,6}?(?i:station|factory|plant|facility|complex|base|airbase|airfield|airport|port|harbou?r"
    r"|bridge|crossing|dam|depot|site|mine|range|pad|shipyard|terminal|checkpoint)\b"
)
# How many, in words or figures: "200", "a few hundred", "several", "two".
_AMOUNT = (
    r"(?:\d[\d,.]*|a\s+few|several|a\s+couple\s+of|some|hundreds\s+of|thousands\s+of|tens\s+of|dozens\s+of|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|a)(?:\s+(?:hundred|thousand))?"
)
_UNIT = r"(?:km|kilomet(?:er|re)s?|miles?|m|met(?:er|re)s?|yards?|feet|ft)"

LOCATING_RULES: tuple[UsageRule, ...] = (
    # "fire was reported near X", "a push near X in the coming days": a bare "near" names the neighbourhood of the
    # event, not its place (README: reference points, "near X"). A facility is the site itself ("near the X Bridge").
    # (claims' "reference point for a nearby place" already covers "a village near X")
    UsageRule(
        "near a place",
        "context",
        weak=True,
        # ("nearby" before a noun is an adjective: "the nearby town of X" names X as a place of the event, nearby
        # something else)
        before=lazy_compile(r"(?i)\b(?:(?:near|close\s+by)\s+(?:to\s+)?" + _MODIFIERS + r"|nearby\s+(?:to\s+)?(?:the\s+)?)$"),
        # (an opening "Near X, troops dug bunkers" sets the scene of the sentence's event: X is where it happens)
        unless_before=lazy_compile(r"^\s*(?i:near)\s+" + _MODIFIERS + r"$"),
        unless_after=lazy_compile(_FACILITY),
    ),
    # "near X" in other words: an island or a place "off X", "violence outside X", "located just outside X", "villages in
    # the surroundings of X" (README: reference points, "near X"; tests/core/test_claims_generalise.py keeps "dug in outside
    # X" the marines' place). ("cutting off X" is a verb: "off" counts only after a
    # name or an island, coast or shore; a facility outside X is still the site: "outside the X Airbase".)
    UsageRule(
        "near a place, in other words",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?:(?:[A-Z][\w’'-]*|(?i:islands?|isles?|coast|shore|waters))\s+(?:just\s+|lying\s+)?off"
            r"|(?i:\boutside(?:\s+of)?|\bin\s+the\s+(?:surroundings|vicinity|environs)\s+of))\s+"
            r"(?i:the\s+)?(?i:(?:city|town|village|port|island)\s+of\s+)?$"
        ),
        # (an opening "Outside X, troops dug trenches" sets the scene of the sentence's event, as "Near X, …" does, and so
        # does "outside X" right after a verb: "marines dug in outside X", "troops massed outside X" are where they are;
        # "located outside X", "violence outside X", "a depot just outside X" locate what is named before)
        unless_before=lazy_compile(
            r"(?:^\s*|\b(?i:in|up|down|out|back|on|over)\s+|\b(?!(?:located|situated)\b)(?-i:[a-z]+ed)\s+)"
            r"(?i:outside)(?:\s+of)?\s+(?i:the\s+)?(?i:(?:city|town|village|port)\s+of\s+)?$"
        ),
        unless_after=lazy_compile(_FACILITY),
    ),
    # A place that borders or faces another: "Y adjoins X", "a village adjacent to X", "Y, opposite the city of X", "all
    # located around X". (A movement's way is left alone: "in the direction of X", "on the approaches to X" are often
    # where the fighting is.)
    UsageRule(
        "neighbour of a place",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b(?:adjoin(?:s|ing|ed)?|adjacent\s+to|opposite|(?:located|situated|lie|lies|lying|sits?|scattered)\s+around)\s+"
            + _MODIFIERS + r"$"
        ),
    ),
    # A distance given in words or with modifiers before the name: "a few hundred meters from the fortified X",
    # "about 200 meters from the end of the 800-meter-long X".
    UsageRule(
        "distance in words measured from",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b" + _AMOUNT + r"\s*" + _UNIT + r"\b(?:\s*\([^()]{1,25}\))?\s+(?:away\s+)?(?:from|short\s+of|outside(?:\s+of)?|beyond)\s+"
            r"(?:the\s+)?(?:(?:[\w’'-]+\s+){0,3}?(?:side|bank|edge|shore|coast|end|tip|gate|entrance)\s+of\s+)?" + _MODIFIERS + r"$"
        ),
    ),
    # What a place borders only locates it: "villages bordering the X region", "a hill bordering the border with X".
    # (A border named as a line, "tensions along the A-B border", is left to claims' "border as a reference".)
    UsageRule(
        "what a place borders",
        "context",
        weak=True,
        before=lazy_compile(r"(?i)\b(?:bordering|abutting)\s+(?:on\s+)?(?:the\s+)?$"),
    ),
    # A place described, after a comma, as a part of another: "X Square, the symbolic centre of Y", "X, a suburb of Y",
    # "X, the industrial heart of the Y region" (Y only says where X is).
    UsageRule(
        "place a part of which is named before",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i),\s+(?:the|a|an)\s+(?:[\w’'-]+\s+(?:and\s+)?){0,3}?(?:cent(?:re|er)|heart|part|outskirts|edge|suburbs?|quarter"
            r"|neighbou?rhood|district)\s+of\s+(?:the\s+)?$"
        ),
    ),
    # Where people come from: "three men hailing from X", "natives of X".
    UsageRule(
        "where people hail from",
        "context",
        weak=True,
        before=lazy_compile(r"(?i)\b(?:hail(?:s|ed|ing)?\s+from|natives?\s+of|originally\s+from)\s+(?:the\s+)?$"),
    ),
    # Where a person named as a source works: "X, a member of the security squad at Y, recounted", "Z, chief engineer at
    # the Y Shipyard;", "according to officials at Y Hospital" (the person's post describes the person, the source of a
    # statement: README "sources of a statement ... = context"). Only a post set off after a comma or the source of an
    # "according to": "two workers at the Y plant were hurt" tells the plant's own event.
    UsageRule(
        "where a person named as a source works",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)(?:,\s+(?:an?\s+|the\s+)?(?:[\w’'-]+\s+){0,2}?(?:member|engineer|director|manager|official|spokes(?:man|woman|person)"
            r"|commander|chief|head|employee|doctor|nurse|teacher)(?:\s+of\s+(?:the\s+|its\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?)?"
            r"|\baccording\s+to\s+(?:the\s+)?(?:officials|doctors|staff|medics|a\s+spokes(?:man|woman|person)|sources))"
            r"\s+at\s+(?:the\s+)?$"
        ),
    ),
    # A resident of a place, named by it: "a Y resident who returned home said", "Y resident Anna, 40, told", "evacuated Y
    # families" (the place says who the person is; README: sources of a statement = context). Not "homes built for Y
    # residents", where the residents' place is the subject.
    UsageRule(
        "resident named by a place",
        "context",
        weak=True,
        # (one resident, named or described: "Y resident Anna", "a Y resident who"; residents as a subject are the place's
        # own people where the event is: "Y residents sheltered in the metro")
        before=lazy_compile(r"(?:^|\b(?i:an?)\s+|[,“”\"]\s*)$"),
        after=lazy_compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+(?:resident(?=\s+(?-i:[A-Z])|\s+who\b|,)|native\b)"),
    ),
    UsageRule(
        "resident named by a place",
        "context",
        weak=True,
        before=lazy_compile(r"\b(?i:evacuated|displaced|uprooted)\s+$"),
        after=lazy_compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+(?:residents|families|villagers)\b"),
    ),
    # A place whose statement is how far it lies from the border: "X is about 150 km from the border", "X lies nearly
    # 1,000 miles away from the Ukrainian border" (a range reference: how far the drones flew; README: "range references
    # = context"). Not a place set off by a comma before its own event ("X, 30 km from the border, was shelled"), a
    # distance from another place ("X is 10 km north of Y" locates X), nor from the front line (where the fighting is).
    UsageRule(
        "distance from the border stated",
        "context",
        weak=True,
        after=lazy_compile(
            r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:is|lies|sits|is\s+located|is\s+situated)\s+"
            r"(?:(?:approximately|about|around|nearly|almost|roughly|some|just|only|over|more\s+than|less\s+than)\s+)?"
            + _AMOUNT + r"\s*" + _UNIT + r"\b(?:\s*\([^()]{1,25}\))?\s+(?:away\s+)?from\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?"
            r"(?i:border|frontier)\b"
        ),
    ),
    # A place's own body speaking: "the X municipality stated", "the X city council said" (the source of a statement).
    UsageRule(
        "a place's council speaking",
        "context",
        weak=True,
        after=lazy_compile(
            r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+(?i:municipality|municipal\s+council|city\s+council|town\s+council"
            r"|village\s+council|council|town\s+hall|city\s+hall|governorate)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
            r"(?:said|says|stated|states|announced|reported|reports|wrote|posted|warned|claimed|claims)\b"
        ),
    ),
)
"""General reference-point uses added to claims.USAGE_RULES (after its own)."""


# A region set off by a comma right after a place names where that place is ("Verbove, Zaporizhzhia region", "in
# Kilju, North Hamgyong Province"): it shares the place's certainty, whatever that place's words make it.
_APPOSED_REGION = lazy_compile(
    r"(?:[A-Z][\w’'-]*[\s-]){1,3}(?i:region|oblast|province|district|county|governorate|krai|raion|prefecture)\b"
)
# (also "X, in the Y district": the comma sets the region off as X's whereabouts)
_PLACE_BEFORE = lazy_compile(r"(?:^|[^\w’'-])(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}),\s+(?:(?i:in)\s+(?:the\s+)?)?$")


def _apposed_to(sentence: str, at: int) -> int | None:
    """Where the place starts that the region at `at` is in apposition to, or None."""
    if at < 3 or not _APPOSED_REGION.match(sentence, at):
        return None
    m = _PLACE_BEFORE.search(sentence, max(0, at - 60), at)
    return m.start("name") if m else None


# Another name for a place, in brackets right after it: "the X Bridge (Y Bridge)", "Kangson (Kangsong)".
_NAME_BEFORE_BRACKET = lazy_compile(r"(?:^|[^\w’'-])(?P<name>[A-Z][\w’'-]*(?:[\s-]+[A-Z][\w’'-]*){0,4})\s*\($")
_IN_BRACKETS = lazy_compile(r"[^()]{1,60}\)")


def _bracketed_alias_of(sentence: str, at: int) -> int | None:
    """Where the place starts whose other name the mention at `at` gives in brackets, or None."""
    if at < 3 or sentence[at - 1] != "(" or not _IN_BRACKETS.match(sentence, at):
        return None
    m = _NAME_BEFORE_BRACKET.search(sentence, max(0, at - 80), at)
    return m.start("name") if m else None


# A place named as part of the one right before it: "the outskirts of X, including the Y district", "parts of X,
# including the city of Y".
_INCLUDED_IN = lazy_compile(
    r"(?:^|[^\w’'-])(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}(?:\s+(?:region|oblast|province|district|county|krai"
    r"|governorate))?),?\s+including\s+(?:the\s+)?"
    r"(?:(?:city|town|village|district|port|settlement)\s+of\s+)?$"
)


def _included_in(sentence: str, at: int) -> int | None:
    """Where the place starts that the mention at `at` is named as a part of ("X, including Y"), or None."""
    m = _INCLUDED_IN.search(sentence, max(0, at - 80), at)
    return m.start("name") if m else None


SHARED_CERTAINTY: tuple[tuple[str, Callable[[str, int], int | None]], ...] = (
    # README: "A region named in apposition to the event place ("Verbove, Zaporizhzhia region") shares the event's
    # certainty"
    ("region in apposition to the place before it", _apposed_to),
    ("another name in brackets for the place before it", _bracketed_alias_of),
    ("part of the place before it", _included_in),
)
"""Mentions that name the same place as, or where lies, a place right before them, in order: each function gives where
that place starts (or None), and the mention takes its certainty."""
