"""The dateline: the place a report was filed from, written first in its passage ("KYIV, Ukraine —",
"SUDZHA, RUSSIA (AP) —", "Kupiansk, Ukraine, March 3 (Reuters) -").

A reader takes the dateline's name as a place whatever its size: the position alone is the place cue. So a
village of a few thousand people there is a candidate even when the article has placed nothing yet (no
neighbour, no cue word), and a word in capitals there is the town's name, not an acronym.
"""

from __future__ import annotations

from mapviewer.core.lazyre import lazy_compile

_AFTER_CAPITALS = lazy_compile(r"\s*(?:,|\(|—|–|-\s)")
"""After a name in capitals: a comma, an agency in brackets or a dash ("KYIV, ...", "SEOUL (AP) —")."""
_COLON_AFTER_CAPITALS = lazy_compile(r":\s+[A-Z“\"]")
"""A colon before the first sentence ("DUBAI: An explosion ..."). Headings and acronyms take it too ("NATO: The
alliance ...", "TIMELINE: ..."), so the caller accepts this form only for a city its gazetteer knows."""

_LABELS = frozenset(
    ["BREAKING", "UPDATE", "UPDATED", "WATCH", "EXCLUSIVE", "NOTE", "EDITOR", "EDITORS", "PHOTO", "PHOTOS", "VIDEO", "LIVE",
     "OPINION", "ANALYSIS", "READ", "ALSO", "CORRECTION", "WARNING", "SOURCE", "SOURCES", "CAPTION", "CREDIT", "FILE",
     "TOP", "NEWS", "REPORT", "SUMMARY", "BACKGROUND", "CONTEXT", "QUOTE", "ALERT", "FLASH", "URGENT", "DEVELOPING",
     "EXPLAINER", "FACTBOX", "INTERVIEW", "COMMENT", "EDITORIAL", "PODCAST", "LISTEN", "SEE", "MORE", "RELATED", "TAGS"]
)
"""Words in capitals that label a paragraph ("BREAKING:", "UPDATE:", "EXCLUSIVE:"): no place, even before a colon."""
_AFTER_NAME = lazy_compile(r",\s+[A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*){0,2},?[^.!?\n]{0,40}?(?:—|–|\s-\s|\((?:AP|AFP|Reuters|Yonhap|TASS|dpa|Xinhua|UPI|RIA|Interfax)\))")
"""After a name in ordinary case: ", Country" then, before the sentence goes on, a dash or an agency
("Kupiansk, Ukraine —", "Kupiansk, Ukraine, March 3 (Reuters) -"): "Kupiansk, Izium and Lyman were hit" is
no dateline."""


def opens_passage(text: str, start: int) -> bool:
    """Nothing but white space before `start` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].strip() == ""


_MORE_CAPITALS = lazy_compile(r"(?:[ -][A-Z’'-]*[A-Z][A-Z’'-]*\b){1,3}")
"""The rest of a name of several words in capitals ("KHAN YOUNIS", "BEIT LAHIA", "VELYKA PYSARIVKA")."""


def _capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_dateline(text: str, start: int, end: int, colon: bool = True) -> bool:
    """`text[start:end]` is the place of a dateline, or the first words of it: it opens its passage (or line)
    and is followed as a dateline's place is; with `colon`, a name in capitals before a colon counts too."""
    if not opens_passage(text, start):
        return False
    if _capitals(text[start:end]):
        if text[start:end] in _LABELS:
            return False
        after = (_AFTER_CAPITALS, _COLON_AFTER_CAPITALS) if colon else (_AFTER_CAPITALS,)
        more = _MORE_CAPITALS.match(text, end)
        return any(
            p.match(text, end) is not None or (more is not None and p.match(text, more.end()) is not None) for p in after
        )
    return _AFTER_NAME.match(text, end) is not None
