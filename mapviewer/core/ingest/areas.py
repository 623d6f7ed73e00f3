"""Areas a reader maps without a gazetteer row: borders between two countries and parts of a country.

"The North Korea-Russia border", "the border with Lebanon", "eastern Ukraine": drawn from the country outlines
of the offline basemap (borders.py). A short border is a point and placed for review; a long border's stretch
near the story and a part of a country are areas, listed for review with their point as a suggestion.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mapviewer.core.ingest.borders import border_point, country_part
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.textnorm import tokens

if TYPE_CHECKING:
    from mapviewer.core.ingest.places import Gazetteer, _Context


_BORDER_WORD = re.compile(r"(?i)\b(?:border|frontier|crossing|checkpoint|bridge)\b")
BORDER_CONFIDENCE = 0.6
"""A short border drawn from the basemap's outlines: below LOW_CONFIDENCE, so a reviewer sees it."""
LONG_BORDER_CONFIDENCE = 0.4


def border_place(surface: str, ctx: _Context, g: Gazetteer) -> tuple[Place, float, str] | None:
    """ "the North Korea-Russia border", "the border with Lebanon", "the Ukrainian border", "the Russia-North Korea
    railroad crossing": a place on the border of the two countries it names (one named: the other is the article's
    main other country), where their outlines meet; None when they share no border or a long one far from the story."""
    if not _BORDER_WORD.search(surface):
        return None
    isos = countries_in(surface, g)
    if len(isos) == 1:
        other = next((iso for iso, _ in ctx.countries.most_common() if iso != isos[0]), None)
        isos += [other] if other else []
    if len(isos) != 2:
        return None
    a3, b3 = (str(g.countries.get(iso, {}).get("iso3", "")) for iso in isos)
    point = border_point(a3, b3, ctx.placed)
    if point is None:
        return None
    names = sorted(g.country_name(iso) for iso in isos)
    ref = f"border:{'-'.join(sorted(isos))}" + ("" if point.short else f":{point.lat:.2f},{point.lon:.2f}")
    place = Place(
        ref, f"{names[0]}–{names[1]} border", "border-zone", isos[0], point.lat, point.lon,
        "approximate" if point.short else "region", "gazetteer", f"Natural Earth outlines (offline basemap): {point.how}",
    )
    confidence = BORDER_CONFIDENCE if point.short else LONG_BORDER_CONFIDENCE
    return place, confidence, f"on the {names[0]}–{names[1]} border ({point.how}): check it"


_PART_OF = re.compile(r"(?i)^(?P<d>north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+(?:of\s+)?")
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
