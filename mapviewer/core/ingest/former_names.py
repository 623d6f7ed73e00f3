"""A place named twice in one sentence: by its name and by its former or other name.

Front-line reports name renamed towns both ways: "Pokrovsk (Krasnoarmeysk)", "Podilsk, formerly Kotovsk",
"X, which Russia calls by its Soviet-era name of Y". Either name alone may have namesakes (three Kotovsks,
a dozen Leninskoyes); the place both name is the one GeoNames lists under both, its main name and an
alternate. A reader settles it that way, and so does this pass: when the two names of such a pair share
one GeoNames place, both are placed there (RENAMED_CONFIDENCE, for a reviewer to confirm), and so is every
other occurrence of either name in the article that had the reading this replaced, or none.
"""

from __future__ import annotations

from dataclasses import replace

from mapviewer.core.claims import classify
from mapviewer.core.ingest.article_geo import place_of, readings
from mapviewer.core.ingest.geo_index import GeoRow
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key

RENAMED_CONFIDENCE = 0.75
"""Two names agreeing on one place: placed, below the 0.8 of a sure reading (a namesake may share both)."""
GAP_CHARS = 80
"""A longer stretch between the two names is another clause, not a renaming."""
_OTHER_NAME = lazy_compile(
    r"(?:\s*\(\s*(?:(?:formerly|previously|once|also\s+known\s+as|known\s+as|until\s+\d{4})[\s,]+)?"
    r"|,?\s+(?:[\w’'-]+\s+){0,6}?(?:formerly|previously|once\s+called|known\s+as|calls?|called|renamed\s+from|name\s+of)\s+)"
    r"(?P<name>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+){0,2})"
)
"""What introduces another name of the place just named: "X (Y)", "X (formerly Y)", "X, formerly Y", "X, known as
Y", "X, which Russia calls by its Soviet-era name of Y"."""


def _point(c: Candidate) -> bool:
    """A candidate this pass may place: not a known site, not an area, not a region or country."""
    return c.site_id is None and not c.area and (c.place is None or c.place.kind not in ("region", "country"))


def shared_place(a: str, b: str) -> GeoRow | None:
    """The GeoNames place both names name (the most populous, when several do), or None."""
    rows_a = {row.gid: row for row, _ in readings(key(a))}
    shared = [row for row, _ in readings(key(b)) if row.gid in rows_a]
    return max(shared, key=lambda r: r.population) if shared else None


def former_names(
    out: list[Candidate], paras: dict[int, tuple[int, str]], known_places: dict[str, Place] | None
) -> list[Candidate]:
    """`out` with each place named twice ("X (formerly Y)") placed at the GeoNames place both names name; the other
    name is added as a mention of it when no layer had found it."""
    moved: dict[tuple[str, ...], tuple[Place, str | None, str, str]] = {}
    added: list[Candidate] = []
    for a in out:
        para_start, text = paras[a.paragraph]
        m = _OTHER_NAME.match(text, a.end - para_start)
        if m is None or not _point(a):
            continue
        start, end = para_start + m.start("name"), para_start + m.end("name")
        if start - a.end > GAP_CHARS or key(m.group("name")) == key(a.surface):
            continue
        row = shared_place(a.surface, m.group("name"))
        if row is None:
            continue
        place = place_of(row)
        if known_places is not None:
            place = known_places.setdefault(place.ref, place)
        both = f"named both {a.surface!r} and {m.group('name')!r} in its sentence"
        why = f"GeoNames place, pop {row.population:,}, {both}: check it"
        b = next((c for c in out if c.paragraph == a.paragraph and c.start < end and start < c.end), None)
        if b is None:  # the other name is a mention too, its certainty read where it stands
            s_start = text.rfind(a.sentence, 0, a.start - para_start + 1)
            certainty = a.certainty if s_start < 0 else classify(a.sentence, start - para_start - s_start).certainty
            added.append(replace(a, start=start, end=end, surface=m.group("name"), place=None, certainty=certainty))
        for c in (a, b) if b is not None and _point(b) else (a,):
            moved.setdefault(key(c.surface), (place, c.place.ref if c.place is not None else None, why, both))
        moved.setdefault(key(m.group("name")), (place, None, why, both))
    if not moved:
        return out
    result = []
    for c in sorted(out + added, key=lambda c: (c.paragraph, c.start)):
        found = moved.get(key(c.surface))
        if found is None or not _point(c):
            pass
        elif c.place is None or c.place.ref == found[1] != found[0].ref:  # unplaced, or the reading this replaces
            c = replace(c, place=found[0], status="placed", confidence=RENAMED_CONFIDENCE, reason=found[2])
        elif c.place.ref == found[0].ref and c.confidence < RENAMED_CONFIDENCE:  # the other name confirms it
            c = replace(c, status="placed", confidence=RENAMED_CONFIDENCE, reason=f"{c.reason}; {found[3]}")
        result.append(c)
    return result
