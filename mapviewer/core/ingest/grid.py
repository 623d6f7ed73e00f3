"""The place index's rows by a coarse grid cell of their position, for "what places lie near this point".

Grouping the 235,000 rows of the index by cell takes about 0.15 s of Python, and ingest asks for it in most runs (a
slip of spelling near the article's places, the first-level region around a listed province), so the grouping is
built once into the user cache and signed like the index's own cache copy (signed.py): later processes read it in
a few milliseconds. The file holds three little arrays, nothing pickled: the sorted cell keys, where each cell's rows
start, and the row numbers. It is tied to the index it was built from (a digest of the index's positions), so a new
index builds a new grid.
"""

from __future__ import annotations

import hashlib
import math
import struct
import sys
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from mapviewer import paths
from mapviewer.core import atomic
from mapviewer.core.ingest import signed
from mapviewer.core.ingest.geo_index import GeoIndex, geo_index

CELL_DEG = 0.5
"""Cell size in degrees of latitude and longitude."""
VERSION = 1
_MAGIC = b"MVGRID1\0"
_HEAD = struct.Struct("<8sIII")  # magic, cells, starts, rows
_SPAN = 1 << 12  # cell columns per row of cells: longitudes -180..180 at 0.5 degrees are 720 columns


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    """The (row, column) of the cell holding the point."""
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _key(ci: int, cj: int) -> int:
    return ci * _SPAN + cj + _SPAN // 2


class Grid:
    """Row numbers of the index by cell: `cell(ci, cj)` is the rows whose position lies in that cell."""

    def __init__(self, data: bytes) -> None:
        magic, cells, starts, rows = _HEAD.unpack_from(data)
        sizes = (8 * cells, 4 * starts, 4 * rows)
        if magic != _MAGIC or starts != cells + 1 or len(data) != _HEAD.size + sum(sizes):
            raise ValueError("not a grid file of this version")
        view = memoryview(data)
        at = _HEAD.size
        self._keys = view[at : at + sizes[0]].cast("q")
        at += sizes[0]
        self._starts = view[at : at + sizes[1]].cast("I")
        at += sizes[1]
        self._rows = view[at : at + sizes[2]].cast("I")
        if self._starts[0] != 0 or self._starts[-1] != rows:
            raise ValueError("grid cells do not cover its rows")

    def cell(self, ci: int, cj: int) -> memoryview:
        k = _key(ci, cj)
        i = bisect_left(self._keys, k)
        if i == len(self._keys) or self._keys[i] != k:
            return self._rows[0:0]
        return self._rows[self._starts[i] : self._starts[i + 1]]


def build(index: GeoIndex) -> bytes:
    """The grid file's bytes for `index`."""
    lats, lons = index._t.arrays["lat"], index._t.arrays["lon"]
    floor, inv = math.floor, 1.0 / CELL_DEG
    cells: dict[int, list[int]] = {}
    for place, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        k = (floor(lat * inv) * _SPAN) + floor(lon * inv) + _SPAN // 2
        members = cells.get(k)
        if members is None:
            cells[k] = [place]
        else:
            members.append(place)
    keys = array("q", sorted(cells))
    starts, rows = array("I", [0]), array("I")
    for k in keys:
        rows.extend(cells[k])
        starts.append(len(rows))
    return _HEAD.pack(_MAGIC, len(keys), len(starts), len(rows)) + keys.tobytes() + starts.tobytes() + rows.tobytes()


def context(index: GeoIndex) -> str:
    """What a grid file is built from: this layout and the index's positions (so another index builds another)."""
    digest = hashlib.sha256()
    for name in ("lat", "lon"):
        digest.update(index._t.arrays[name].tobytes())
    return f"grid v{VERSION} cell {CELL_DEG} {sys.byteorder} {len(index)} {digest.hexdigest()}"


def grid_path() -> Path:
    return paths.cache_dir() / "ingest" / f"grid-v{VERSION}.bin"


def open_grid(index: GeoIndex, path: Path | None = None) -> tuple[Grid, str]:
    """The grid of `index` and where it came from: "cache" (a verified copy) or "built" (built and cached now)."""
    path = grid_path() if path is None else path
    ctx = context(index)
    data = signed.read_verified(path, ctx) if path.is_file() else None
    if data is not None:
        try:
            return Grid(data), "cache"
        except (ValueError, struct.error):
            pass  # a damaged copy that still verified cannot happen, but a wrong one is rebuilt, never trusted
    data = build(index)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, data)
        signed.sign(path, data, ctx)
    except OSError:
        pass  # a read-only cache: the grid is simply built again next time
    return Grid(data), "built"


@lru_cache(maxsize=1)
def grid() -> Grid:
    """The grid of the process's place index."""
    return open_grid(geo_index())[0]
