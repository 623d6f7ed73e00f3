"""Villages and neighbourhoods the place index lacks, from Who's On First (CC BY 4.0), for names a reader would place.

GeoNames' cities500 (geo_index.py) keeps only places with a population figure, so a front-line village
("the village of Stulneve"), a Korean -ri or -dong village, a Lebanese village or a Gaza neighbourhood is
listed for review unplaced, or placed at a far namesake. `assets/gazetteer/wof_villages.tsv` is every
locality and neighbourhood record of Who's On First's admin repositories for Ukraine, North Korea, Lebanon,
Israel, Palestine and Syria that cities500 lacks (source repositories, commits, selection and licence in the
file's header; built by tools/build_villages.py): wof_id, country, admin1 (the GeoNames first-level code of
its region, as the place index writes it), latitude, longitude (the record's label point), name and
variants (`|`-separated; Ukrainian names also romanised from Ukrainian and Russian).

Russia's repository is too big to mirror here, so Russian villages (Kursk, Belgorod) are not in it. Iran's
villages were measured and left out: with them the list has 140,900 rows (8.2 MB, loading in 0.56 s CPU
instead of 0.3 s) and not one dev figure moves (the unplaced or far Iranian names are facilities, mountains
and towns; Bid Kaneh is not in WOF's Iran repository either).

The layer is never a reading on its own: a name gets village readings only where the place finder already
keeps it (a place cue, or a reading it would only list for review or place far away), and the readings join
the index's in scoring.resolve, which weighs the article's countries, named regions and nearby places and
sends close namesakes to review with both options (places.village_reading).

Checked row by row like kp_counties.csv: a bad row is a Problem naming the file, the line (and name) and the
field, and the other rows load. Loaded on first use (a few tenths of a second), not at import.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mapviewer import paths
from mapviewer.core import textnorm
from mapviewer.core.ingest import variants
from mapviewer.core.ingest.geo_index import GeoRow, NameHit
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.model import Problem
from mapviewer.core.textnorm import key

VILLAGE_FILE = paths.ASSETS / "gazetteer" / "wof_villages.tsv"
COLUMNS = ("wof_id", "country", "admin1", "latitude", "longitude", "name", "variants", "keys")
LATIN = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’-]+")
"""A name worth matching: Latin letters (below U+0250), spaces, hyphens and apostrophes."""
BOUNDS = {
    "UA": (44.0, 52.5, 22.0, 40.3),
    "KP": (37.5, 43.1, 124.0, 131.0),
    "LB": (33.0, 34.8, 35.0, 36.7),
    "IL": (29.4, 33.4, 34.2, 35.95),
    "PS": (31.2, 32.6, 34.2, 35.6),
    "SY": (32.3, 37.4, 35.5, 42.4),
}
"""Each country's box (lat min, lat max, lon min, lon max): a row outside its country's is a typo."""
_NAMES = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’|-]*")
"""LATIN, and the "|" that separates names: every name of the file, joined, in one match."""
SOURCE_TITLE = "Who's On First (CC BY 4.0)"
_KEYS = re.compile(r"^# keys: transliteration code ([0-9a-f]{64})", re.M)
_REPO = re.compile(r"^# (?P<iso>[A-Z]{2}): (?P<url>https://github\.com/\S+), commit (?P<commit>[0-9a-f]{40})", re.M)


@dataclass(frozen=True)
class VillageRow(GeoRow):
    """A Who's On First locality (gid is minus its WOF id, so it never meets a GeoNames id)."""

    wof_id: int = 0
    record: str = ""  # the record's URL at the pinned commit


def village_place(row: VillageRow) -> Place:
    """A village row as a Place: its own ref, and where it came from (the record at the pinned commit)."""
    return Place(f"wof:{row.wof_id}", row.name, "town", row.country, row.lat, row.lon, "approximate", "gazetteer",
                 f"{SOURCE_TITLE} locality {row.wof_id} ({row.name}): {row.record}")  # fmt: skip


def record_url(repo: str, commit: str, wof_id: int) -> str:
    """WOF stores id 1108746843 as data/110/874/684/3/1108746843.geojson."""
    digits = str(wof_id)
    parts = "/".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    return f"{repo}/blob/{commit}/data/{parts}/{digits}.geojson"


def keys_fingerprint() -> str:
    """The code that turns names into keys (variants.py, textnorm.py): the file's `keys` column is used only
    while the header names this fingerprint (else the keys are made again from the names, slower)."""
    h = hashlib.sha256()
    for module in (variants.__file__, textnorm.__file__):
        h.update(Path(module or "").read_bytes())
    return h.hexdigest()


def name_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """The transliteration keys of a row's names (what the `keys` column holds)."""
    return tuple(dict.fromkeys(variant_key(k) for k in (key(n) for n in names) if k))


class Villages:
    """The checked rows (kept as their lines of text; a row object is made when a lookup finds it) and a name
    table: transliteration key -> rows."""

    def __init__(self, rows: list[str], sources: dict[str, tuple[str, str]], problems: list[Problem],
                 keys: Sequence[Sequence[str]]) -> None:  # fmt: skip
        self.problems = problems
        self._fields = rows
        self._sources = sources
        self._made: dict[int, tuple[VillageRow, tuple[tuple[str, ...], ...]]] = {}
        by_key: dict[str, int | list[int]] = {}  # one row (most names) or several
        for i, ks in enumerate(keys):
            for vk in ks:
                old = by_key.get(vk)
                if old is None:
                    by_key[vk] = i
                elif type(old) is int:
                    by_key[vk] = [old, i]
                else:
                    old.append(i)  # type: ignore[union-attr]  # a list: the int case is handled above
        self._by_key = by_key

    def __len__(self) -> int:
        return len(self._fields)

    def row(self, i: int) -> tuple[VillageRow, tuple[tuple[str, ...], ...]]:
        """Row i and the exact keys of its names (the first is its main name)."""
        made = self._made.get(i)
        if made is None:
            wof_id, iso, admin1, lat, lon, name, variants = self._fields[i].split("\t")[:7]
            repo, commit = self._sources[iso]
            row = VillageRow(-int(wof_id), name, iso, admin1, float(lat), float(lon), 0, int(wof_id),
                             record_url(repo, commit, int(wof_id)))  # fmt: skip
            names = (name, *(v for v in variants.split("|") if v))
            made = self._made[i] = (row, tuple(key(n) for n in names))
        return made

    def lookup(self, words: list[str] | tuple[str, ...]) -> list[NameHit]:
        """The rows named `words` (folded words, textnorm.key), exactly or through the transliteration key."""
        words = tuple(words)
        if not words:
            return []
        hits = []
        found = self._by_key.get(variant_key(words), ())
        for i in (found,) if isinstance(found, int) else found:
            row, names = self.row(i)
            hits.append(NameHit(row, len(words), names[0] == words, words not in names))
        return hits


def _check(fields: list[str], sources: dict[str, tuple[str, str]]) -> None:
    """ValueError naming the field of a row that is wrong and what is wrong with it."""
    wof_id, iso, _admin1, lat_text, lon_text, name, variants = fields[:7]
    if not name or not LATIN.fullmatch(name):
        raise ValueError(f'"name" {name!r} is missing or not in Latin letters')
    if not wof_id.isdigit():
        raise ValueError(f'"wof_id" {wof_id!r} is not a Who\'s On First id (digits)')
    if iso not in BOUNDS or iso not in sources:
        raise ValueError(f'"country" {iso!r} is not one of the header\'s source repositories ({", ".join(sorted(sources))})')
    coords: list[float] = []
    for field, text in (("latitude", lat_text), ("longitude", lon_text)):
        try:
            coords.append(float(text))
        except ValueError:
            raise ValueError(f'"{field}" {text!r} is not a number') from None
    lat, lon = coords
    box = BOUNDS[iso]
    if not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
        raise ValueError(f'"latitude"/"longitude" {lat}, {lon} lie outside {iso}')
    if variants and not LATIN.fullmatch(variants.replace("|", " ")):
        bad = next(v for v in variants.split("|") if not LATIN.fullmatch(v))
        raise ValueError(f'"variants" {bad!r} is not in Latin letters')


def load_villages(path: Path = VILLAGE_FILE) -> Villages:
    """The valid rows of the file, and one Problem per bad row (or one for a file that cannot be used)."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Villages([], {}, [Problem(file, "", f"cannot read the village list: {exc}")], [])
    lines = text.split("\n")
    body = 0
    while body < len(lines) and lines[body].startswith("#"):
        body += 1
    head = "\n".join(lines[:body])
    sources = {m["iso"]: (m["url"], m["commit"]) for m in _REPO.finditer(head)}
    if not sources:
        return Villages([], {}, [Problem(file, "", "the header names no source repository (# XX: <url>, commit <40 hex digits>)")], [])
    fields = lines[body].split("\t") if body < len(lines) else []
    if tuple(fields) != COLUMNS:
        return Villages([], {}, [Problem(file, f"line {body + 1}", f"the header row is not {chr(9).join(COLUMNS)!r}")], [])
    current = _KEYS.search(head)
    fresh = current is not None and current.group(1) == keys_fingerprint()
    was_enabled = gc.isenabled()
    gc.disable()  # some 150,000 small strings and lists: collection passes would double the load time
    try:
        kept, columns, problems = _checked_rows(lines, body + 1, sources, file)
        rows = [lines[n] for n in kept]
        if fresh:
            keys: list[Sequence[str]] = [k.split(" ") for k in columns]
        else:  # the key code changed since the file was built: the keys again, from the names
            keys = [name_keys((f[5], *f[6].split("|"))) for f in (r.split("\t") for r in rows)]
        return Villages(rows, sources, problems, keys)
    finally:
        if was_enabled:
            gc.enable()


def _checked_rows(lines: list[str], first: int, sources: dict[str, tuple[str, str]], file: str) -> tuple[list[int], list[str], list[Problem]]:
    """The line indexes (from `first` on) of the rows that pass every check, their `keys` fields, and a Problem for
    each row that does not. The cheap checks run per row; the names of all rows are checked by one match of them
    joined (and row by row only when that fails). Only the lines are kept, not their split fields."""
    kept: list[int] = []
    keys: list[str] = []
    names: list[str] = []
    problems: list[Problem] = []

    def bad(number: int, row: list[str], why: str) -> None:
        name = row[5] if len(row) > 5 else ""
        problems.append(Problem(file, f"line {number + 1}" + (f" ({name!r})" if name else ""), f"{why}; row left out"))

    for number in range(first, len(lines)):
        line = lines[number]
        if not line:
            continue
        row = line.split("\t")
        if not _quick_ok(row, sources):
            why = _why(row, sources)
            if why:
                bad(number, row, why)
                continue
        kept.append(number)
        keys.append(row[7])
        names.append(row[5])
        names.append(row[6])
    if not _NAMES.fullmatch("|".join(names)):  # some name is not in Latin letters: find it row by row
        good = [n for n in range(len(kept)) if not _why(lines[kept[n]].split("\t"), sources)]
        for n in sorted(set(range(len(kept))) - set(good)):
            row = lines[kept[n]].split("\t")
            bad(kept[n], row, _why(row, sources))
        kept, keys = [kept[n] for n in good], [keys[n] for n in good]
        problems.sort(key=lambda p: int(p.where.split()[1]))
    return kept, keys, problems


def _quick_ok(row: list[str], sources: dict[str, tuple[str, str]]) -> bool:
    """The row's width, id, country and coordinates are right (names are checked in bulk)."""
    if len(row) != len(COLUMNS) or not row[5] or not row[0].isdigit() or row[1] not in sources:
        return False
    box = BOUNDS.get(row[1])
    try:
        lat, lon = float(row[3]), float(row[4])
    except ValueError:
        return False
    return box is not None and box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


def _why(row: list[str], sources: dict[str, tuple[str, str]]) -> str:
    """What is wrong with a row ("" when nothing is)."""
    if len(row) != len(COLUMNS):
        return f"{len(row)} fields where the header row has {len(COLUMNS)}"
    try:
        _check(row, sources)
    except ValueError as exc:
        return str(exc)
    return ""


@lru_cache(maxsize=1)
def villages() -> Villages:
    """The shipped list, loaded on first use."""
    return load_villages()


def village_named(surface: str) -> bool:
    """Some village of the list is called `surface` (in any spelling the transliteration key folds)."""
    return bool(villages().lookup(key(surface)))


def village_problems() -> list[Problem]:
    """What is wrong with rows of the shipped list, when this run loaded it (nothing is loaded just to say so)."""
    return villages().problems if villages.cache_info().currsize else []
