"""A town's name described in apposition as a facility: the reference list's facility named after the town.

"damage at Natanz, which is Iran's main uranium enrichment facility": the writer says the name stands for the plant,
not the town 30 km from it. When the reference list has one facility whose name starts with the town's name
("Natanz Nuclear Facility"), that facility is the reading; the article's later bare uses of the name follow it
(one sense per discourse, placing.place_span's cache).

The same holds for a description written before the name: "the enrichment site at Natanz", "nuclear sites in
Bushehr, Isfahan and Natanz". There the description must say what kind of works it is with a word the facility's
own names use ("enrichment", "nuclear"), so "a power plant in Kharkiv" is not read as a listed tractor plant.
"""

from __future__ import annotations

import re

from mapviewer.core.ingest.places.tables import reference_confidence, reference_places
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

_FACILITY_APPOSITION = lazy_compile(
    r",\s+(?:which\s+is\s+|the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,5}?"
    r"(?:facility|plant|site|complex|reactor|base|airbase|shipyard|cosmodrome|centre|center)\b"
)
"""", which is Iran's primary uranium enrichment facility", ", the country's main test site": a lower-case facility
description right after the name (a capitalised run would be another name)."""
_OWNER = lazy_compile(r"['’]s$")
"""A capitalised owner in the description ("Iran's") is no other name."""
_LISTED = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
_FACILITY_BEFORE = lazy_compile(
    r"\b(?P<words>(?:[a-z][\w-]*\s+){1,3}?)(?:facilit(?:y|ies)|plants?|sites?|complex(?:es)?|reactors?|bases?)"
    r"\s+(?:at|in)\s+(?:" + _LISTED + r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)){0,4}$"
)
""""the enrichment site at ", "nuclear sites in Bushehr, Isfahan and ": lower-case words, a facility word, then
"at" or "in" right before the name (in the plural, before the list it ends)."""
_GENERIC = frozenset(["the", "a", "an", "and", "of", "its", "main", "key", "primary", "largest", "major", "other", "two",
                      "three", "several", "some", "many", "underground", "facility", "site", "plant", "complex", "base",
                      "center", "centre", "station", "port", "airport", "works", "new", "old"])  # fmt: skip
"""Words of a description that say nothing of what the works do."""
_FACILITY_KINDS = frozenset(
    ["nuclear-site", "launch-site", "test-site", "military-site", "industrial-site", "airbase", "airport", "port",
     "naval-base", "cosmodrome", "factory", "mine", "facility", "site"]
)  # fmt: skip


def facility_in_apposition(name: tuple[str, ...], text: str, end: int) -> tuple[Place, float, str] | None:
    """The reference facility the name ending at `end` stands for when a facility description follows it in
    apposition, and the list has exactly one facility whose name starts with the name; None otherwise."""
    m = _FACILITY_APPOSITION.match(text, end)
    if m is None or any(w[0].isupper() and not _OWNER.search(w) for w in re.findall(r"[\w’'-]+", m.group(0))):
        return None  # ", the Kharkiv Tractor Plant": another name, not a description of this one
    names = _facility_named_after(name)
    if names is None:
        return None
    place = names[0]
    return place, reference_confidence(place), f"subject reference list (the {place.name}, as its apposition says)"


def facility_described_before(name: tuple[str, ...], text: str, start: int) -> tuple[Place, float, str] | None:
    """The reference facility the name starting at `start` stands for when a lower-case facility description comes
    right before it with "at" or "in" ("the enrichment site at Natanz"; in the plural, before the list the name is
    in: "nuclear sites in Bushehr, Isfahan and Natanz"), the list has exactly one facility whose name starts with
    the name, and a describing word is one of that facility's own words; None otherwise."""
    m = _FACILITY_BEFORE.search(text, max(0, start - 120), start)
    if m is None:
        return None
    named = _facility_named_after(name)
    if named is None:
        return None
    place, words = named
    described = {w.lower() for w in m.group("words").split()} - _GENERIC
    if not described & words:
        return None  # "a power plant in Kharkiv": no word says it is the listed Kharkiv Tractor Plant
    return place, reference_confidence(place), f"subject reference list (the {place.name}, as the words before it say)"


def facility_in_phrase(phrase: str) -> tuple[Place, float, str] | None:
    """ "the Semnan Missile and Space Center": a facility phrase opening with a town's name (one or two words) that the
    list holds under another name ("Semnan Space Center"), when the list has one facility named after the town and
    a describing word of the phrase is one of that facility's own words; None otherwise."""
    words = [w for w in key(phrase) if w != "the"]
    for size in (1, 2):
        if len(words) <= size:
            break
        named = _facility_named_after(tuple(words[:size]))
        if named is None:
            continue
        place, own = named
        if (set(words[size:]) - _GENERIC) & own:
            return place, reference_confidence(place), f"subject reference list (the {place.name}, named after the same town)"
    return None


def _facility_named_after(name: tuple[str, ...]) -> tuple[Place, frozenset[str]] | None:
    """The one reference facility whose name or an alias starts with `name` and goes on, with the words of its
    names after it; None when there is none or more than one."""
    table, _ = reference_places()
    found: dict[int, Place] = {}
    words: dict[int, set[str]] = {}
    for k, p in table.items():
        if k[: len(name)] == name and len(k) > len(name) and p.kind in _FACILITY_KINDS:
            found[id(p)] = p
            words.setdefault(id(p), set()).update(k[len(name) :])
    if len(found) != 1:
        return None
    ((pid, place),) = found.items()
    return place, frozenset(words[pid])
