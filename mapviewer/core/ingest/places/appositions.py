"""A town's name described in apposition as a facility: the reference list's facility named after the town.

"damage at Natanz, which is Iran's main uranium enrichment facility": the writer says the name stands for the plant,
not the town 30 km from it. When the reference list has one facility whose name starts with the town's name
("Natanz Nuclear Facility"), that facility is the reading; the article's later bare uses of the name follow it
(one sense per discourse, placing.place_span's cache).
"""

from __future__ import annotations

import re

from mapviewer.core.ingest.places.tables import reference_confidence, reference_places
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.lazyre import lazy_compile

_FACILITY_APPOSITION = lazy_compile(
    r",\s+(?:which\s+is\s+|the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,5}?"
    r"(?:facility|plant|site|complex|reactor|base|airbase|shipyard|cosmodrome|centre|center)\b"
)
"""", which is Iran's primary uranium enrichment facility", ", the country's main test site": a lower-case facility
description right after the name (a capitalised run would be another name)."""
_OWNER = lazy_compile(r"['’]s$")
"""A capitalised owner in the description ("Iran's") is no other name."""
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
    table, _ = reference_places()
    found = {id(p): p for k, p in table.items() if k[: len(name)] == name and len(k) > len(name) and p.kind in _FACILITY_KINDS}
    if len(found) != 1:
        return None
    place = next(iter(found.values()))
    return place, reference_confidence(place), f"subject reference list (the {place.name}, as its apposition says)"
