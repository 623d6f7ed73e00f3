"""Places named only as "of the same name": "Zaporizhzhia, the capital of the region of the same name", "the
village of Korenevo ... and the district centre of the same name".

Translated front-line reports name a region or a town this way: a reader takes it from the town named just
before it in the same sentence. The region is drawn at that town (as "the Kharkiv region" is), the town is that
town. These phrases name nothing on their own, so they are never made a site's alias (batch.py keeps lower-case
descriptions out of the alias list): each is resolved in its own article only.
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.ingest.placetypes import Candidate
from mapviewer.core.lazyre import lazy_compile

_SAME_NAME = lazy_compile(
    r"(?i)\bthe\s+(?P<head>region|oblast|province|krai|district|raion|county"
    r"|(?:district|regional|administrative)\s+(?:center|centre|capital)|city|town|village)\s+of\s+the\s+same\s+name\b"
)
_REGION_HEADS = frozenset(["region", "oblast", "province", "krai"])
_SENTENCE_END = lazy_compile(r"[.!?](?:\s|$)")
SAME_NAME_CAP = 0.6
"""A region drawn at its namesake town, or a town found through an anaphor: below LOW_CONFIDENCE, for review."""


def _point(c: Candidate) -> bool:
    p = c.place
    return p is not None and c.status != "unplaced" and p.precision != "region" and p.kind not in ("region", "country")


def same_name_mentions(out: list[Candidate], paras: dict[int, tuple[int, str]]) -> list[Candidate]:
    """`out` with a candidate added for each "the region/district centre/town of the same name" whose sentence
    names a placed town before it: the region named after that town, or that town."""
    added: list[Candidate] = []
    for index, (para_start, text) in paras.items():
        if "same name" not in text:
            continue
        towns = [c for c in out if c.paragraph == index and _point(c)]
        for m in _SAME_NAME.finditer(text):
            start = para_start + m.start()
            before = [c for c in towns if c.end <= start and not _SENTENCE_END.search(text, c.end - para_start, m.start())]
            if not before:
                continue
            town = max(before, key=lambda c: c.end)
            assert town.place is not None
            head = m.group("head").lower()
            place = town.place
            if head in _REGION_HEADS:
                source = f"{place.coord_source}; region drawn at its namesake city"
                place = replace(place, ref=f"{place.ref}:{head}", name=f"{place.name} {head}", kind="region", precision="region",
                                coord_source=source)  # fmt: skip
            why = f"the {head} named like {town.place.name}, named just before it: check it"
            confidence = min(town.confidence, SAME_NAME_CAP)
            end = para_start + m.end()
            added.append(replace(town, start=start, end=end, surface=m.group(0), site_id=None, status="low-confidence",
                                 confidence=confidence, place=place, reason=why))  # fmt: skip
    if not added:
        return out
    return sorted(out + added, key=lambda c: (c.paragraph, c.start))
