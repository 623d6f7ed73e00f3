"""Names in a title-case headline, where every word is capitalised and a capital alone names nothing.

Two things still make a headline's name a place: a measure before it ("5 km West of X", as in running text), and
the body naming the same place ("Iran Builds Under The Zagros Mountains" over a story that lists "the Zagros
mountains"): the headline's occurrence is then the same review item, so the reviewer sees every occurrence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from mapviewer.core.ingest.placetypes import Candidate
from mapviewer.core.textnorm import key

_MEASURED = re.compile(
    r"(?i)\b\d[\d,.]*\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?:of|from)\s+(?:the\s+)?$"
)


def measured_from(text: str, start: int) -> bool:
    """A distance is measured from the name at `start` ("5 km West of X", "20 Miles From X"): a place, even in a
    headline."""
    return _MEASURED.search(text, max(0, start - 40), start) is not None


def headline_repeats(out: list[Candidate], headline_names: list[dict[str, Any]], para_starts: dict[int, int]) -> list[Candidate]:
    """`out` with each place the body lists for review (or suggests) found again inside a title-case headline's
    unread names: the body's own words, matched whole and regardless of case ("Zagros mountains" inside "Deep Under
    The Zagros Mountains"). `headline_names` holds the candidate fields of the headline's names no layer read."""
    listed: dict[tuple[str, ...], Candidate] = {}
    for c in out:
        if c.status in ("unplaced", "low-confidence") and c.site_id is None and len(key(c.surface)) >= 1 and len(c.surface) >= 4:
            listed.setdefault(key(c.surface), c)
    if not listed or not headline_names:
        return out
    added: list[Candidate] = []
    for b in headline_names:
        words = key(b["surface"])
        for k, c in listed.items():
            at = _sub(words, k)
            if at < 0 or c.paragraph == b["paragraph"]:
                continue
            found = _span_of(b["surface"], c.surface)
            if found is None:
                continue
            start = b["start"] + found[0]
            added.append(replace(c, paragraph=b["paragraph"], start=start, end=start + found[1] - found[0],
                                 surface=b["surface"][found[0] : found[1]], sentence=b["sentence"], certainty=b["certainty"]))  # fmt: skip
            break
    taken = {(c.start, c.end) for c in out}
    added = [a for a in added if (a.start, a.end) not in taken]
    return sorted(out + added, key=lambda c: (c.paragraph, c.start)) if added else out


def _sub(words: tuple[str, ...], k: tuple[str, ...]) -> int:
    """Where the words `k` occur in order inside `words`, or -1."""
    n = len(k)
    return next((i for i in range(len(words) - n + 1) if words[i : i + n] == k), -1)


def _span_of(surface: str, name: str) -> tuple[int, int] | None:
    """The span of `name` inside `surface`, matched whole and regardless of case."""
    m = re.search(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in re.findall(r"\w+", name)) + r"(?!\w)", surface, re.IGNORECASE)
    return None if m is None else m.span()
