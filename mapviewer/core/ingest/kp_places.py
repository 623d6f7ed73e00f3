"""North Korean cities, counties and towns from a whole public dataset, for names cities500 lacks.

GeoNames' cities500 keeps only places with a population figure, and most North Korean counties and
villages have none, so "Changgang-gun" or "Kimch'aek City" would stay unplaced. `assets/gazetteer/kp_places.csv`
is every KP row of the countries-states-cities-database (dr5hn, ODbL 1.0; URL, commit and license in the
file's header): id, name (McCune–Reischauer with diacritics and suffixes: "Changgang-gun", "Kimch’aek-si",
"Pyŏksŏng-ŭp", "Sangsŏng-ni"), native (Hangul), type, state_code, latitude, longitude, wikiDataId.

Kept apart from reference.geojson because it is one dataset with one source and its own columns (a
hand-cited list quotes a source per row); each row becomes a reference.Ref so ingest uses it the same
way, under names articles write: the plain spelling ("Kimchaek-si"), the suffix in English or
McCune–Reischauer ("Changgang County", "Changgang-gun", "Kimchaek City"), and Revised Romanisation
("Janggang County", "Gimchaek City"). A county or city ("-gun", "-si") is an area: precision "region".
A suffix is never dropped here: a bare "Changgang" is left to the city gazetteer, and a bare town name is
never respelled in Revised Romanisation, South Korea's system ("Kosan" is not written "Gosan", a town on
Jeju). places.reference_places also leaves out every name a listed row, a populated place (cities500), a
country or a common word has, so these rows only add places, never override one.

Checked row by row like reference.geojson: a bad row is a Problem naming the file, the row (line and
name) and the field, and the other rows load.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from mapviewer import paths
from mapviewer.core.ingest.reference import Ref
from mapviewer.core.model import Problem
from mapviewer.core.textnorm import key

KP_FILE = paths.ASSETS / "gazetteer" / "kp_places.csv"
SOURCE_TITLE = "countries-states-cities-database (dr5hn, ODbL 1.0) contributions/cities/KP.json"
COLUMNS = ("id", "name", "native", "type", "state_code", "latitude", "longitude", "wikiDataId")
TYPES = frozenset(["capital", "city", "adm1", "adm2", "adm3", "locality"])
BOUNDS = (37.5, 43.1, 124.0, 131.0)
"""North Korea's box (lat min, lat max, lon min, lon max): a row outside it is a typo, not a North Korean place."""

# suffix (as the row writes it, folded) -> (kind, precision, English head, Revised suffix)
SUFFIXES: dict[str, tuple[str, str, str, str]] = {
    "gun": ("region", "region", "County", "gun"),
    "si": ("city", "region", "City", "si"),
    "up": ("town", "approximate", "", "eup"),
    "ni": ("village", "approximate", "", "ri"),
    "ri": ("village", "approximate", "", "ri"),
    "li": ("village", "approximate", "", "ri"),
    "dong": ("village", "approximate", "", "dong"),
    "nodongjagu": ("village", "approximate", "", "nodongjagu"),
    "rodongjagu": ("village", "approximate", "", "rodongjagu"),
    "lodongjagu": ("village", "approximate", "", "rodongjagu"),
}
_APOSTROPHES = re.compile(r"[’'ʼ‘`]")
_SOURCE = "https://github.com/dr5hn/countries-states-cities-database/blob/{commit}/contributions/cities/KP.json"
_COMMIT = re.compile(r"commit ([0-9a-f]{40})")


def plain(name: str) -> str:
    """McCune–Reischauer without diacritics and apostrophes: "Kimch’aek-si" -> "Kimchaek-si"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _APOSTROPHES.sub("", folded)


_VOWEL = "aeiouŏŭ"
_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
_PAIRS = {"wŏ": "wo", "ŭi": "ui"}


def revised(word: str) -> str:
    """A McCune–Reischauer word in Revised Romanisation (close enough to meet articles' spellings):
    ŏ/ŭ -> eo/eu, aspirates lose their apostrophe, plain k/t/p/ch voiced at the start and between sounds
    ("Kusŏng" -> "Guseong", "Hoch'ŏn" -> "Hocheon", "Chŏngju" -> "Jeongju")."""
    w = unicodedata.normalize("NFC", word).lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        cons = "ch" if w.startswith("ch", i) else w[i] if w[i] in "ktp" else ""
        if cons:
            after = i + len(cons)
            aspirated = after < len(w) and _APOSTROPHES.match(w[after]) is not None
            if aspirated:
                out.append(cons)
                i = after + 1
                continue
            nxt = w[after] if after < len(w) else ""
            voiced = nxt != "" and nxt in _VOWEL + "yw" and (i == 0 or w[i - 1] in _VOWEL + "nml")
            out.append(_VOICED[cons] if voiced else cons)
            i = after
            continue
        pair = _PAIRS.get(w[i : i + 2])
        out.append(pair or {"ŏ": "eo", "ŭ": "eu"}.get(w[i], w[i]))
        i += 2 if pair else 1
    return plain("".join(out)).capitalize()


def _split(name: str) -> tuple[str, str]:
    """(stem, folded suffix) of a name ending in a Korean unit suffix, or (name, "")."""
    stem, _, suffix = name.rpartition("-")
    folded = plain(suffix).lower()
    return (stem, folded) if stem and folded in SUFFIXES else (name, "")


def aliases(name: str) -> tuple[str, ...]:
    """The names articles write for a row, the row's own name first left out."""
    stem, suffix = _split(name)
    stems = [plain(stem), " ".join(revised(w) for w in stem.split())]
    if not suffix:  # a bare town name: its plain spelling only (a bare Revised spelling is South Korea's: "Gosan")
        names = stems[:1]
    else:
        _, _, head, rr = SUFFIXES[suffix]
        names = [f"{plain(stem)}-{plain(name.rpartition('-')[2])}", f"{stems[1]}-{rr}"]
        if head:
            names += [f"{s} {head}" for s in (stem, *stems)]
    seen = {key(name)}
    out: list[str] = []
    for n in names:
        if key(n) not in seen:
            seen.add(key(n))
            out.append(n)
    return tuple(out)


def _row(record: dict[str, str], commit: str) -> Ref:
    """One CSV record as a Ref; ValueError naming the field and what is wrong with it."""
    name = (record.get("name") or "").strip()
    if not name:
        raise ValueError('"name" is missing or empty')
    kind_of = (record.get("type") or "").strip()
    if kind_of not in TYPES:
        raise ValueError(f'"type" {kind_of!r} is not one of {", ".join(sorted(TYPES))}')
    coords: list[float] = []
    for field in ("latitude", "longitude"):
        text = (record.get(field) or "").strip()
        try:
            coords.append(float(text))
        except ValueError:
            raise ValueError(f'"{field}" {text!r} is not a number') from None
    lat, lon = coords
    if not (BOUNDS[0] <= lat <= BOUNDS[1] and BOUNDS[2] <= lon <= BOUNDS[3]):
        raise ValueError(f'"latitude"/"longitude" {lat}, {lon} lie outside North Korea')
    _, suffix = _split(name)
    kind, precision = SUFFIXES[suffix][:2] if suffix else ("town", "approximate")
    coord = f"{record['latitude'].strip()}, {record['longitude'].strip()}"
    title = f"{SOURCE_TITLE} row id {(record.get('id') or '').strip()}"
    return Ref(
        name,
        aliases(name),
        kind,
        "KP",
        lat,
        lon,
        precision,
        _SOURCE.format(commit=commit),
        title,
        coord,
        f"{record.get('native', '').strip()} ({kind_of}); names generated: McCune–Reischauer, Revised, English head",
    )


def load_kp_places(path: Path = KP_FILE) -> tuple[tuple[Ref, ...], list[Problem]]:
    """The valid rows of the list, and one Problem per bad row (or one for a file that cannot be used)."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return (), [Problem(file, "", f"cannot read the North Korean place list: {exc}")]
    lines = text.splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    found = _COMMIT.search("\n".join(header))
    if found is None:
        return (), [Problem(file, "", "the header names no source commit (# ... commit <40 hex digits>)")]
    body = [ln for ln in lines if not ln.startswith("#")]
    offset = len(lines) - len(body)
    reader = csv.DictReader(body)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return (), [Problem(file, f"line {offset + 1}", f"the header row lacks the column(s) {', '.join(missing)}")]
    rows: list[Ref] = []
    problems: list[Problem] = []
    owner: dict[tuple[str, ...], str] = {}
    for number, record in enumerate(reader, start=offset + 2):
        where = f"line {number}" + (f" ({record.get('name')!r})" if record.get("name") else "")
        try:
            row = _row(record, found.group(1))
        except ValueError as exc:
            problems.append(Problem(file, where, f"{exc}; row left out"))
            continue
        keys = {key(n): n for n in (row.name, *row.aliases)}
        clash = next(((n, owner[k]) for k, n in keys.items() if k in owner), None)
        if clash:
            problems.append(Problem(file, where, f'"name": {clash[0]!r} already names the row {clash[1]!r}; row left out'))
            continue
        owner.update(dict.fromkeys(keys, row.name))
        rows.append(row)
    return tuple(rows), problems


KP_PLACES, KP_PROBLEMS = load_kp_places()
"""The shipped rows, and what is wrong with any of them (reported by `mapviewer ingest`)."""
