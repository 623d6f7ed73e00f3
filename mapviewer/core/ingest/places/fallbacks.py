"""Last readings for a name the index lacks: another ending, a slip of spelling, a region its sentence rules out."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from mapviewer.core.ingest.article_geo import place_of
from mapviewer.core.ingest.focus import named_regions
from mapviewer.core.ingest.geo_index import GeoRow, geo_index
from mapviewer.core.ingest.places.context import Context
from mapviewer.core.ingest.placetypes import Place, great_circle_km, nearest_km
from mapviewer.core.ingest.typos import MIN_LETTERS, edits, slip_reading
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import key


def outside_sentence_region(place: Place, sentence: str, ctx: Context, before: str = "") -> str:
    """The region its sentence names ("in the Donetsk region") in the reading's country, when the small-place
    reading lies in none of the regions of that country the sentence names; else "".

    Across a border: when the sentence (or, naming no region itself, its paragraph before it: `before`) puts its
    places in a region of another country ("seven villages in the Kursk region were shelled ... the villages of X
    and Y") and names no region of the reading's country, a village reading across that border is a namesake too
    (the same Slavic village names recur on both sides of the Russia-Ukraine border)."""
    admin1 = ctx.admin1.get(place.ref)
    if admin1 is None:
        return ""
    for frame in (sentence, before):
        if not _REGION_WORD.search(frame):
            continue
        regions = _sentence_regions(frame)
        if not regions:
            continue
        if (place.country, admin1) in regions:
            return ""
        if any(r[0] == place.country for r in regions):
            if frame is sentence:
                m = _REGION_WORD.search(sentence)
                return f"{m.group(0) if m else 'region'} its sentence names"
            return ""
        region = _container_abroad(frame, place.country)
        return f"{region} its {'sentence' if frame is sentence else 'paragraph'} names" if region else ""
    return ""


def _container_abroad(frame: str, iso: str) -> str:
    """The last region `frame` puts places in ("in the Kursk region"), when that region lies in another country than
    `iso`; else ""."""
    found = [m for m in _IN_REGION.finditer(frame) if _sentence_regions(m.group("region"))]
    if not found:
        return ""
    region = found[-1].group("region")
    return region if all(r[0] != iso for r in _sentence_regions(region)) else ""


_REGION_WORD = lazy_compile(r"\b[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?\s+(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Kk]rai|[Gg]overnorate|[Pp]refecture)\b")
_IN_REGION = lazy_compile(
    r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+(?:the\s+)?(?:\w+(?:['’]s)?\s+)?(?P<region>" + _REGION_WORD.pattern[2:] + r")"
)
"""A region named as where the sentence's places are: "in the Kursk region", "across Russia's Belgorod region"."""


@lru_cache(maxsize=256)
def _sentence_regions(sentence: str) -> frozenset[tuple[str, str]]:
    return named_regions([sentence], geo_index())


ENDING_CONFIDENCE = 0.5


ENDING_NEAR_KM = 60.0


_ENDINGS = (("i", ("e", "ye", "yi")), ("e", ("i", "ye", "oye", "ne")), ("ye", ("e", "i")), ("oye", ("e", "oe")), ("a", ("e",)),
            ("y", ("e", "i")), ("yi", ("e", "i")), ("oy", ("e", "oye")))  # fmt: skip
"""Endings a Ukrainian or Russian village name is written with in English ("Hlyboki"/"Hlyboke", "Zvannoye"/"Zvanne")."""


def other_ending(surface: str, ctx: Context) -> Place | None:
    """A one-word name the index lacks, read with another common ending, when that reading lies in a country of
    the article and within ENDING_NEAR_KM of a place it placed (alone among such readings); else None."""
    if " " in surface or not surface.isalpha() or len(surface) < 6 or not ctx.placed:
        return None
    low = surface.lower()
    found: dict[int, Any] = {}
    for end, others in _ENDINGS:
        if not low.endswith(end):
            continue
        for other in others:
            for h in geo_index().lookup([low[: -len(end)] + other]):
                if h.words == 1 and not h.variant and not ctx.abroad(h.row.country):
                    found[h.row.gid] = h.row
    near = [r for r in found.values() if nearest_km(r.lat, r.lon, ctx.placed) <= ENDING_NEAR_KM]
    if len(near) != 1:
        return None  # none, or namesakes near the story: a guess either way
    return place_of(near[0])


def slip_place(surface: str, ctx: Context) -> Place | None:
    """The one place near the article's places whose name `surface` misspells (typos.py), or None; one reading
    per name in an article."""
    k = key(surface)
    if k not in ctx.slips:
        ctx.slips[k] = slip_reading(surface, ctx.ahead.besides(k, ctx.placed), ctx.abroad) or _article_slip(k, ctx)
    r = ctx.slips[k]
    if r is None:
        return None
    return place_of(r)


def _article_slip(k: tuple[str, ...], ctx: Context) -> GeoRow | None:
    """The place the article itself names, one edit from `k` in the spelling-blind key, and places with confidence
    ("Jabilia" beside the article's own "Jabalia", whose GeoNames main name "Jabālyā" is two edits off), when one
    such name alone is; else None."""
    q = variant_key(k)
    if len(k) != 1 or len(q) < MIN_LETTERS:
        return None
    found: dict[int, GeoRow] = {}
    for name, (lat, lon) in ctx.ahead.points:
        if len(name) != 1 or name == k or edits(q, variant_key(name), 1) > 1:
            continue
        for h in geo_index().lookup(list(name)):
            if h.words == 1 and great_circle_km(h.row.lat, h.row.lon, lat, lon) < 1.0 and not ctx.abroad(h.row.country):
                found[h.row.gid] = h.row
    return next(iter(found.values())) if len(found) == 1 else None


STATED_COUNTRY_SURE = 0.9
"""A gazetteer reading this sure (a well-known city) keeps its place against the country its sentence states."""
_IN_COUNTRY = lazy_compile(
    r"^,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$", re.I
)
""" "X in Russia", "X, in southern Ukraine": the country the sentence puts X in."""
_POSSESSIVE = lazy_compile(r"['’]s\b")
_DEMONYM_HEAD = lazy_compile(
    r"^\s+(?:(?:border|frontier|front-?line|small|tiny|occupied)\s+)?(?:village|town|city|settlement|hamlet|port(?:\s+city)?)\s+of\s+$",
    re.I,
)
""" "the Russian village of X": the country a demonym puts X in."""


_CLAIMED = {("RU", "UA"): frozenset({"05", "08", "11", "14", "20", "26"})}
"""(country a sentence may state, country of the reading): the reading's first-level regions (GeoNames admin1) the
stated country claims, where a report from its side puts the place in it: Russia's annexation claims on Donetsk,
Kherson, Crimea, Luhansk, Sevastopol and Zaporizhzhia ("Dzhankoi in Russia" in a Russian outlet is not a
namesake)."""


def _claimed(stated: str, place: Place) -> bool:
    admin1s = _CLAIMED.get((stated, place.country))
    if not admin1s:
        return False
    _, _, gid = place.ref.partition(":")
    words = list(key(place.name))
    row = geo_index().row_named(words, int(gid)) if gid.isdigit() else None
    return row is not None and row.admin1 in admin1s


def stated_country(place: Place, confidence: float, start: int, end: int, spans: list[Any], text: str) -> tuple[str, str]:
    """What the sentence states of the country of a gazetteer reading ("X in Russia", "the Russian village of X") when
    the reading lies in another one (a namesake across a border, or abroad): "its sentence puts it in Russia", "its
    sentence calls it Russian", with the stated country's ISO code; else ("", "").
    `spans` are the passage's chosen spans (CountrySpan and DemonymSpan carry an `iso`)."""
    if not place.ref.startswith("gn:") or confidence >= STATED_COUNTRY_SURE or not place.country:
        return "", ""
    after = next((x for x in spans if x.start >= end), None)
    if (after is not None and _is_country(after) and _IN_COUNTRY.match(text[end : after.start])
            and not _POSSESSIVE.match(text, after.end)):  # "X in Russia's Kursk region": the region says where X is
        differs = after.iso != place.country and not _claimed(after.iso, place)
        return (f"its sentence puts it in {text[after.start : after.end]}", after.iso) if differs else ("", "")
    before = next((x for x in reversed(spans) if x.end <= start), None)
    if before is not None and hasattr(before, "iso") and _DEMONYM_HEAD.match(text[before.end : start]):
        differs = before.iso != place.country and not _claimed(before.iso, place)
        return (f"its sentence calls it {text[before.start : before.end]}", before.iso) if differs else ("", "")
    return "", ""


def _is_country(span: Any) -> bool:
    """A country's own name (not a demonym)."""
    return getattr(span, "what", "") == "country"
