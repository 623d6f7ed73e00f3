"""Areas a reader maps without a gazetteer row: borders between two countries and parts of a country.

"The North Korea-Russia border", "the border with Lebanon", "eastern Ukraine": drawn from the country outlines
of the offline basemap (borders.py). A short border is a point and placed for review; a long border's stretch
near the story and a part of a country are areas, listed for review with their point as a suggestion.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mapviewer.core.ingest.borders import border_point, country_part, distance_km, shared_border
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import tokens

if TYPE_CHECKING:
    from mapviewer.core.ingest.places import Context, Gazetteer


_BORDER_WORD = lazy_compile(r"(?i)\b(?:border|frontier|crossing|checkpoint|bridge)\b")
BORDER_CONFIDENCE = 0.6
"""A short border drawn from the basemap's outlines: below LOW_CONFIDENCE, so a reviewer sees it."""
LONG_BORDER_CONFIDENCE = 0.4


def border_place(surface: str, ctx: Context, g: Gazetteer) -> tuple[Place, float, str] | None:
    """ "the North Korea-Russia border", "the border with Lebanon", "the Ukrainian border", "the Russia-North Korea
    railroad crossing": a place on the border of the two countries it names (one named: the other is the article's
    main other country), where their outlines meet; None when they share no border or a long one far from the story.

    A bare "the border" / "the frontier" names no country: it is read as the border of two of the article's
    countries nearest its placed places, and only ever suggested (listed for review, never a site of its own:
    a site aliased "border" would claim every border in every article)."""
    if not _BORDER_WORD.search(surface):
        return None
    isos = countries_in(surface, g)
    bare = not isos and _bare_border(surface)
    if len(isos) == 1:
        other = next((iso for iso, _ in ctx.countries.most_common() if iso != isos[0]), None)
        isos += [other] if other else []
    elif bare:
        isos = _article_pair(ctx, g)
    if len(isos) != 2:
        return None
    a3, b3 = (str(g.countries.get(iso, {}).get("iso3", "")) for iso in isos)
    point = border_point(a3, b3, ctx.placed)
    if point is None:
        return None
    names = sorted(g.country_name(iso) for iso in isos)
    short = point.short and not bare
    ref = f"border:{'-'.join(sorted(isos))}" + ("" if short else f":{point.lat:.2f},{point.lon:.2f}")
    place = Place(
        ref, f"{names[0]}–{names[1]} border", "border-zone", isos[0], point.lat, point.lon,
        "approximate" if short else "region", "gazetteer", f"Natural Earth outlines (offline basemap): {point.how}",
    )
    confidence = BORDER_CONFIDENCE if point.short else LONG_BORDER_CONFIDENCE
    why = f"on the {names[0]}–{names[1]} border ({point.how})"
    if bare:
        why += ", the article's two countries nearest its places"
    return place, confidence, why + ": check it"


_BARE_WORDS = frozenset(["the", "state", "shared", "common", "international", "border", "frontier", "separating", "between",
                         "two", "countries"])  # fmt: skip


def _bare_border(surface: str) -> bool:
    """ "the border", "THE BORDER", "the frontier separating the two countries": a border that names no place."""
    words = [t[0] for t in tokens(surface)]
    return bool(words) and all(w in _BARE_WORDS for w in words)


ARTICLE_COUNTRIES = 4
"""A bare "the border" is looked for between the article's most-named countries, this many of them."""


def _article_pair(ctx: Context, g: Gazetteer) -> list[str]:
    """Two of the article's most-named countries that share a land border ("the border" in a story about Russia
    and Ukraine): of several such pairs, the one whose border lies nearest the article's placed places, else the
    most named; [] when none share a border."""
    top = [iso for iso, weight in ctx.countries.most_common(ARTICLE_COUNTRIES) if weight > 0]
    iso3 = {iso: str(g.countries.get(iso, {}).get("iso3", "")) for iso in top}
    pairs = [[a, b] for i, a in enumerate(top) for b in top[i + 1 :] if shared_border(iso3[a], iso3[b])]
    if len(pairs) <= 1 or not ctx.placed:
        return pairs[0] if pairs else []

    def distance(pair: list[str]) -> float:
        point = border_point(iso3[pair[0]], iso3[pair[1]], ctx.placed)
        if point is None:
            return math.inf
        return min(distance_km((point.lat, point.lon), p) for p in ctx.placed)

    return min(pairs, key=distance)  # min keeps the most-named pair on ties


_PART_OF = lazy_compile(r"(?i)^(?P<d>north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+(?:of\s+)?")
PART_CONFIDENCE = 0.4
"""A part of a country drawn from its outline: a region, always for review."""


def country_part_place(surface: str, g: Gazetteer) -> tuple[Place, float, str] | None:
    """ "eastern Ukraine", "south Lebanon", "north-west of Iran": the third of the country's outline that way."""
    m = _PART_OF.match(surface)
    isos = countries_in(surface[m.end() :], g) if m else []
    if m is None or len(isos) != 1 or _BORDER_WORD.search(surface) or countries_in(surface, g) != isos:
        return None  # "North Korea-Iran border": the direction word belongs to a country's name
    iso, direction = isos[0], m.group("d").lower().replace("-", "")
    point = country_part(str(g.countries.get(iso, {}).get("iso3", "")), direction)
    if point is None:
        return None
    place = Place(
        f"part:{iso}:{direction}", surface, "region", iso, round(point[0], 4), round(point[1], 4), "region", "gazetteer",
        "Natural Earth outline (offline basemap): the third of the country that way",
    )
    return place, PART_CONFIDENCE, f"the {direction} third of {g.country_name(iso)}'s outline: an area, check it"


def countries_in(surface: str, g: Gazetteer) -> list[str]:
    """The countries a phrase names (by name or demonym), in order, each once."""
    words = [t[0] for t in tokens(surface)]
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(4, len(words) - i), 0, -1):
            k = tuple(words[i : i + size])
            iso = g.country_names.get(k) or g.demonyms.get(k)
            if iso:
                if iso not in found:
                    found.append(iso)
                i += size
                break
        else:
            i += 1
    return found



def suggested_area(place: Place) -> bool:
    """A part of a country or a stretch of a long border: where a reader would look, but an area, not a site,
    so it is listed for review with its point as a suggestion (status unplaced) and never drawn as a site."""
    return place.precision == "region" and place.ref.startswith(("part:", "border:"))
