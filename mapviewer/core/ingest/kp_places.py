"""North Korea's counties (gun) and cities (si) from a whole public dataset, for names cities500 lacks.

GeoNames' cities500 keeps only places with a population figure, and most North Korean counties have
none, so "Hochon County" or "Changgang-gun" would stay unplaced or be placed at a far respelling.
`assets/gazetteer/kp_counties.csv` is every current county record of Who's On First's North Korea
repository (CC BY 4.0; URL, commit, selection and license in the file's header): wof_id, name (as WOF
writes it: "Hochon", "Jangphung", "Ryonggang", "Kim Jong Suk"), variants ("Kusong City"), latitude and
longitude (the record's label point, inside the county).

Kept apart from reference.geojson because it is one dataset with one source and its own columns (the
hand list quotes a source per row); each row becomes a reference.Ref, so ingest uses it the same way,
as an area (precision "region"), under the names articles write: the county or city word in English or
Korean ("Hochon County", "Hochon-gun", "Kusong City", "Kusong-si") on every spelling of the name —
as WOF writes it, McCune–Reischauer without apostrophes ("Jangpung", "Changpung", "Yonggang" for
"Jangphung", "Ryonggang") and Revised Romanisation's voiced initials ("Guseong", "Gilju"); the reference
layer's transliteration key (variants.py) folds the rest ("Hocheon"/"Hochon", "Ch"/"J", "eo"/"o").
The bare name is never added: "Hochon" alone is the city gazetteer's (its county seat, or a namesake),
and places.reference_places adds only names no listed row, populated place, country or common word has,
and none whose stem a South Korean town has ("Goseong County" is South Korea's too).

Checked row by row like reference.geojson: a bad row is a Problem naming the file, the row (line and
name) and the field, and the other rows load. Two counties sharing a name (there are two Unsan and two
Ryongchon counties) say nothing about which is meant: both are left out (KP_SHARED).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from mapviewer import paths
from mapviewer.core.ingest.reference import Ref
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Problem
from mapviewer.core.textnorm import key

KP_FILE = paths.ASSETS / "gazetteer" / "kp_counties.csv"
SOURCE_TITLE = "Who's On First (CC BY 4.0) whosonfirst-data-admin-kp county record"
COLUMNS = ("wof_id", "name", "variants", "latitude", "longitude")
COUNTY_RADIUS_KM = 15.0
"""How far from its label point a place in a county may lie (the site's radius_km): a North Korean county is
some 20-40 km across, so a county is an area with a tolerance, never a point claim."""
BOUNDS = (37.5, 43.1, 124.0, 131.0)
"""North Korea's box (lat min, lat max, lon min, lon max): a row outside it is a typo, not a North Korean place."""

_REPO = "https://github.com/whosonfirst-data/whosonfirst-data-admin-kp"
_COMMIT = lazy_compile(r"commit ([0-9a-f]{40})")
_ASPIRATES = (("ph", "p"), ("th", "t"), ("kh", "k"))
_INITIAL_R = (("Ry", "Y"), ("Ri", "I"), ("Ra", "Na"), ("Ro", "No"), ("Ru", "Nu"))
_VOICED = {"K": "G", "T": "D", "P": "B"}


def spellings(name: str) -> tuple[str, ...]:
    """The ways articles spell a WOF county name ("Jangphung" -> Jangpung, Changpung; "Kusong" -> Gusong)."""
    out = [name]
    plain = name
    for a, b in _ASPIRATES:
        plain = plain.replace(a, b).replace(a.capitalize(), b.upper())
    out.append(plain)
    for a, b in _INITIAL_R:
        if plain.startswith(a):
            out.append(b + plain[len(a) :])
    if plain.startswith("J"):
        out.append("Ch" + plain[1:])
    if plain[:1] in _VOICED and name[:2] not in ("Ph", "Th", "Kh"):  # only an unaspirated initial is voiced
        out.append(_VOICED[plain[0]] + plain[1:])
    return tuple(dict.fromkeys(out))


def aliases(name: str, variants: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every name a county row is found under: each spelling with the county word, and the city word where
    the source calls it a city ("Kusong City")."""
    city = any(v.endswith(" City") for v in variants)
    heads = ("County", "-gun", "City", "-si") if city else ("County", "-gun")
    names = [f"{s}{h}" if h.startswith("-") else f"{s} {h}" for s in spellings(name) for h in heads]
    seen: set[tuple[str, ...]] = set()
    out: list[str] = []
    for n in (*variants, *names):
        if key(n) not in seen and key(n) != key(name):
            seen.add(key(n))
            out.append(n)
    return tuple(out)


def _source(wof_id: str, commit: str) -> str:
    """The record's file in the repository: WOF stores id 1108746843 as data/110/874/684/3/1108746843.geojson."""
    parts = [wof_id[i : i + 3] for i in range(0, len(wof_id), 3)]
    return f"{_REPO}/blob/{commit}/data/{'/'.join(parts)}/{wof_id}.geojson"


def _row(record: dict[str, str], commit: str) -> Ref:
    """One CSV record as a Ref; ValueError naming the field and what is wrong with it."""
    name = (record.get("name") or "").strip()
    if not name:
        raise ValueError('"name" is missing or empty')
    wof_id = (record.get("wof_id") or "").strip()
    if not wof_id.isdigit():
        raise ValueError(f'"wof_id" {wof_id!r} is not a Who\'s On First id (digits)')
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
    variants = tuple(v.strip() for v in (record.get("variants") or "").split("|") if v.strip())
    coord = f"lbl:latitude {record['latitude'].strip()}, lbl:longitude {record['longitude'].strip()}"
    kind = "city" if any(v.endswith(" City") for v in variants) else "region"
    full = f"{name} {'City' if kind == 'city' else 'County'}"  # never the bare name, which is the town's
    return Ref(
        full,
        tuple(a for a in aliases(name, variants) if key(a) != key(full)),
        kind,
        "KP",
        lat,
        lon,
        "region",
        _source(wof_id, commit),
        f"{SOURCE_TITLE} {wof_id} ({name})",
        coord,
        "the county's label point; a county is an area of some 20-40 km across",
    )


def load_kp_places(path: Path = KP_FILE) -> tuple[tuple[Ref, ...], list[Problem], tuple[str, ...]]:
    """The valid rows of the list, one Problem per bad row (or one for a file that cannot be used), and the
    names two rows share (those rows left out: the name says nothing about which is meant)."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return (), [Problem(file, "", f"cannot read the North Korean county list: {exc}")], ()
    lines = text.splitlines()
    found = _COMMIT.search("\n".join(ln for ln in lines if ln.startswith("#")))
    if found is None:
        return (), [Problem(file, "", "the header names no source commit (# ... commit <40 hex digits>)")], ()
    body = [ln for ln in lines if not ln.startswith("#")]
    offset = len(lines) - len(body)
    reader = csv.DictReader(body)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return (), [Problem(file, f"line {offset + 1}", f"the header row lacks the column(s) {', '.join(missing)}")], ()
    rows: list[Ref] = []
    problems: list[Problem] = []
    for number, record in enumerate(reader, start=offset + 2):
        where = f"line {number}" + (f" ({record.get('name')!r})" if record.get("name") else "")
        try:
            rows.append(_row(record, found.group(1)))
        except ValueError as exc:
            problems.append(Problem(file, where, f"{exc}; row left out"))
    uses = Counter(k for r in rows for k in {key(n) for n in (r.name, *r.aliases)})  # "Unsan County" twice
    shared = [r for r in rows if any(uses[key(n)] > 1 for n in (r.name, *r.aliases))]
    kept = tuple(r for r in rows if r not in shared)
    return kept, problems, tuple(sorted({r.name for r in shared}))


KP_PLACES, KP_PROBLEMS, KP_SHARED = load_kp_places()
"""The shipped rows, what is wrong with any of them (reported by `mapviewer ingest`), and the shared names."""
