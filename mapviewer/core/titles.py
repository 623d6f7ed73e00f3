"""Article titles in a narrow list: the words that tell one article from another first.

Headlines often open with a label of the outlet's ("Exclusive:", "Analysis —", "WATCH |") that every list row
would spend its width on; `short_title` drops it (the full title stays in the row's tooltip, the reader and the
citations). Qt-free: the filter panel draws what this returns on two lines, elided at the end of the second."""

from __future__ import annotations

import re

from mapviewer.core.lazyre import lazy_compile

TITLE_LABELS = (
    "exclusive", "analysis", "opinion", "op-ed", "commentary", "comment", "editorial", "explainer", "breaking",
    "breaking news", "watch", "video", "live", "update", "updated", "special report", "fact check", "interview",
    "investigation", "report", "in depth", "in pictures", "photos", "q&a",
)
"""Labels an outlet puts before a headline's own words (matched case-insensitively, before ':', '—', '–', '|' or
' - ')."""

_LABEL = lazy_compile(r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(TITLE_LABELS, key=len, reverse=True))
                    + r")\s*(?::|\||—|–|\s-\s)\s*", re.IGNORECASE)


def short_title(title: str) -> str:
    """`title` without the outlet's labels in front ("Exclusive: Russia, To Escape…" → "Russia, To Escape…");
    the title itself when nothing would be left."""
    rest = title
    while (m := _LABEL.match(rest)) is not None and rest[m.end() :].strip():
        rest = rest[m.end() :]
    return rest.strip() or title
