"""Names in a title-case headline, where every word is capitalised and a capital alone names nothing.

Two things still make a headline's name a place: a measure before it ("5 km West of X", as in running text), and
the body naming the same place ("Iran Builds Under The Zagros Mountains" over a story that lists "the Zagros
mountains"): the headline's occurrence is then the same review item, so the reviewer sees every occurrence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapviewer.core.claims import classify
from mapviewer.core.ingest.placetypes import Candidate
from mapviewer.core.lazyre import lazy_compile

_MEASURED = lazy_compile(
    r"(?i)\b\d[\d,.]*\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?:of|from)\s+(?:the\s+)?$"
)


def measured_from(text: str, start: int) -> bool:
    """A distance is measured from the name at `start` ("5 km West of X", "20 Miles From X"): a place, even in a
    headline."""
    return _MEASURED.search(text, max(0, start - 40), start) is not None


def headline_repeats(out: list[Candidate], headlines: dict[int, tuple[int, str]]) -> list[Candidate]:
    """`out` with each place the body lists for review (or suggests) found again in a title-case headline
    (`headlines`: passage index -> (start, text)), where no candidate is yet: the body's own words, matched whole
    and regardless of case ("Zagros mountains" in "Deep Under The Zagros Mountains")."""
    listed: dict[str, Candidate] = {}
    for c in out:
        if c.status in ("unplaced", "low-confidence") and c.site_id is None and len(c.surface) >= 4 and c.paragraph not in headlines:
            listed.setdefault(c.surface.lower(), c)
    added: list[Candidate] = []
    for index, (para_start, text) in headlines.items():
        taken = bytearray(len(text) + 1)
        for c in out:
            if c.paragraph == index:
                a, b = c.start - para_start, c.end - para_start
                taken[a:b] = b"\x01" * (b - a)
        for name in sorted(listed, key=len, reverse=True):
            words = re.findall(r"\w+", name)
            pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
            for m in re.finditer(pattern, text, re.IGNORECASE):
                if taken.find(1, m.start(), m.end()) >= 0:
                    continue
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                added.append(replace(listed[name], paragraph=index, start=para_start + m.start(), end=para_start + m.end(),
                                     surface=m.group(0), sentence=text, certainty=classify(text, m.start()).certainty))  # fmt: skip
    return sorted(out + added, key=lambda c: (c.paragraph, c.start)) if added else out
