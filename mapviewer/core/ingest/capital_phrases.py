"""A country's capital named by description: "Iran's capital", "the Russian capital", "the capital of Iran".

A reader places these at the capital city. The phrase is a candidate of its own, found here as a span with the
country's ISO code; the caller looks the capital up in its gazetteer. The money sense of "capital" ("Russia's
capital markets", "the Chinese capital flowing abroad") is no place, and a phrase followed by the capital's own
name ("the Ukrainian capital, Kyiv") leaves the place to that name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mapviewer.core.lazyre import LazyPattern, lazy_compile

_MONEY = r"(?!\s+(?:markets?|flight|flows?|gains?|spending|expenditures?|investments?|controls?|goods|requirements?|ratios?|outflows?|inflows?|injections?|punishment|letters?|stock|base|reserves?|assets?|accounts?|adequacy|buffers?|structure|costs?|raising)\b)"
_PATTERNS: tuple[tuple[str, LazyPattern], ...] = (
    # "Iran's capital", "North Korea’s capital" (a country's name)
    ("country", lazy_compile(rf"\b(?P<c>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s+capital\b{_MONEY}")),
    # "the Iranian capital" (a demonym)
    ("demonym", lazy_compile(rf"\b[Tt]he\s+(?P<c>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+capital\b{_MONEY}")),
    # "the capital of Iran"
    ("country", lazy_compile(r"\b[Tt]he\s+capital\s+of\s+(?P<c>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\b")),
)
_NAMED_AFTER = lazy_compile(r"(?:,|\s+city\s+of|\s+city,)?\s+[A-Z]")
"""The capital's own name follows ("the Ukrainian capital, Kyiv", "Russia's capital Moscow")."""


def capital_phrases(text: str, country_of: Callable[[tuple[str, ...], bool], str | None]) -> list[tuple[int, int, str]]:
    """(start, end, iso) of every description of a country's capital in `text`. `country_of(words, demonym)` is
    the ISO code of a country name (or, with `demonym`, of a demonym), else None."""
    out = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            words = tuple(w.lower() for w in re.findall(r"[^\W_]+", m.group("c")))
            iso = country_of(words, kind == "demonym")
            if iso is None:
                continue
            if _NAMED_AFTER.match(text, m.end()) and not text.startswith(". ", m.end()):
                continue  # "the Ukrainian capital, Kyiv": the name itself is the candidate
            start = m.start() + 4 if text.startswith(("the ", "The "), m.start()) else m.start()
            out.append((start, m.end(), iso))
    return out
