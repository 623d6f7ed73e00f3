"""Typed spans: where a passage names something, and what the layer that found it knows it to be.

One class per kind of finding, each with its own typed field, so the code that places a span reads
what it needs without casts; `what` names the kind for the few places that only sort or filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mapviewer.core.ingest.candidates import Toponym
from mapviewer.core.ingest.placetypes import Place


@dataclass(frozen=True)
class Span:
    """Characters start:end of one passage, found by a layer (0 known site, 1 reference list or country,
    2 region or unit, 3 city, 4 phrase, 5 toponym without a gazetteer reading): lower wins a tie."""

    start: int
    end: int
    layer: int
    what: ClassVar[str] = ""


@dataclass(frozen=True)
class SiteSpan(Span):
    """A site already in the workspace, by its id."""

    site_id: str
    what: ClassVar[str] = "site"


@dataclass(frozen=True)
class RefSpan(Span):
    """A place of the subject reference list."""

    place: Place
    what: ClassVar[str] = "ref"


@dataclass(frozen=True)
class CountrySpan(Span):
    """A country's name, by ISO code: weighs the article's countries, never placed."""

    iso: str
    what: ClassVar[str] = "country"


@dataclass(frozen=True)
class DemonymSpan(CountrySpan):
    """A demonym ("Russian"): half a mention of its country."""

    what: ClassVar[str] = "demonym"


@dataclass(frozen=True)
class CitySpan(Span):
    """A name of the city layer, by its word key (the cities sharing it are chosen among later)."""

    city_key: tuple[str, ...]
    what: ClassVar[str] = "city"


@dataclass(frozen=True)
class RegionSpan(Span):
    """"X Oblast", "X region": a city's name and the region word after it."""

    city_key: tuple[str, ...]
    word: str
    what: ClassVar[str] = "region"


@dataclass(frozen=True)
class ToponymSpan(Span):
    """A candidate of the GeoNames index and the place cues (with its readings, possibly none)."""

    toponym: Toponym
    what: ClassVar[str] = "toponym"


@dataclass(frozen=True)
class PhraseSpan(Span):
    """A capitalised phrase with a place head word ("the Sinpo South Shipyard")."""

    phrase: str
    what: ClassVar[str] = "phrase"


@dataclass(frozen=True)
class UnitSpan(PhraseSpan):
    """One of "the X and Y districts": a district named on its own, as a phrase "X district"."""

    what: ClassVar[str] = "unit"


@dataclass(frozen=True)
class SharedSpan(PhraseSpan):
    """One name of "the X and Y refugee camps": "X refugee camp", placed at its town or dropped."""

    what: ClassVar[str] = "shared"
