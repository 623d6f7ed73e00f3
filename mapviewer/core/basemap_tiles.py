"""The offline basemap's working-zoom cells (assets/basemap/detail/, built by tools/build_basemap_detail.py)
that a standalone export carries: only those its extent needs, with an index naming only them.

The window's page loads cells itself, as scripts from the app's scheme (assets.resolve serves them);
an exported file can load nothing, so the cells are inlined, and where it has none the world map
beneath shows (the index says the cells it names are all there is: nothing else is taken for sea).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

DETAIL_DIR = "detail"
PAGE_SCRIPT = "map/mv-basemap-detail.js"
"""The page script that draws the cells: they are inlined right after it."""
MAX_FINE_CELLS = 24
"""An extent needing more fine cells (4 degrees) than this is too wide to be looked at from zoom 8: only
the middle level (zooms 6-7) goes into the export."""
MAX_MID_CELLS = 12
"""Nor the middle level (16 degree cells) when an extent needs more than this: a map of half the world
is looked at below zoom 6, where the world map (basemap.js) is all there is."""
MARGIN = 0.5
"""The extent is grown by this share of its size on every side: the reader can pan a little."""

_PREFIX = "window.MapviewerBasemapDetail.add("


def _detail_dir() -> Path:
    from mapviewer import paths  # here: tools/build_basemap_detail.py imports this module without the app's dependencies

    return paths.BASEMAP_ASSETS / DETAIL_DIR


def _payload(text: str) -> tuple[str, dict]:
    """(key, data) of one cell script, as the build writes it: add('KEY',JSON.parse('...'))."""
    head, sep, rest = text.partition(",JSON.parse('")
    if not head.startswith(_PREFIX) or not sep or not rest.endswith("'));\n"):
        raise ValueError("not a basemap detail script")
    key = head[len(_PREFIX) :].strip("'")
    body = rest[: -len("'));\n")].replace("\\'", "'").replace("\\\\", "\\")
    return key, json.loads(body)


def script(key: str, data: dict) -> str:
    """The script registering `data` as cell (or index) `key`, as the build writes it."""
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    literal = "'" + body.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return f"{_PREFIX}'{key}',JSON.parse({literal}));\n"


@lru_cache(maxsize=2)
def _index(path: Path) -> dict:
    return _payload(path.read_text(encoding="utf-8"))[1]


def index() -> dict | None:
    """The built index (levels, cells, admin-1 labels), or None when the detail is not installed."""
    path = _detail_dir() / "index.js"
    return _index(path) if path.is_file() else None


def cells_over(bbox: Sequence[float], level: str, idx: dict) -> list[str]:
    """The keys of `level`'s cells that exist and overlap `bbox` (W, S, E, N)."""
    size = float(idx["levels"][level]["cell"])
    w, s, e, n = bbox
    have = set(idx["cells"].get(level, ()))
    i0, i1 = math.floor((max(w, -180) + 180) / size), math.floor((min(e, 179.999) + 180) / size)
    j0, j1 = math.floor((max(s, -90) + 90) / size), math.floor((min(n, 89.999) + 90) / size)
    keys = [f"{level}/{i}_{j}" for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]
    return [k for k in keys if k in have]


def grown(bbox: Sequence[float], share: float = MARGIN) -> tuple[float, float, float, float]:
    w, s, e, n = bbox
    dx, dy = (e - w) * share, (n - s) * share
    return (max(w - dx, -180.0), max(s - dy, -85.0), min(e + dx, 180.0), min(n + dy, 85.0))


def view_extent(lat: float, lon: float, zoom: float) -> tuple[float, float, float, float]:
    """A generous box around a (lat, lon, zoom) view: about two screens of 1920 px each way."""
    half = 360.0 / 2**zoom * 1920 / 256
    return (lon - half, lat - half / 2, lon + half, lat + half / 2)


def points_extent(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    pts = list(points)
    if not pts:
        return None
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return (min(lons), min(lats), max(lons), max(lats))


def export_scripts(bbox: Sequence[float] | None) -> list[str]:
    """The scripts (index first) a standalone export inlines after the detail page script for `bbox`."""
    idx = index()
    if idx is None or bbox is None:
        return []
    box = grown(bbox)
    mid = cells_over(box, "m", idx)
    keys = mid if len(mid) <= MAX_MID_CELLS else []
    fine = cells_over(box, "f", idx)
    if len(fine) <= MAX_FINE_CELLS:
        keys += fine
    if not keys:
        return []
    sub = dict(idx, cells={lv: [k for k in keys if k.startswith(lv + "/")] for lv in idx["cells"]}, complete=False)
    x0, y0, x1, y1 = box
    sub["admin1"] = [r for r in idx.get("admin1", []) if x0 <= r[0] <= x1 and y0 <= r[1] <= y1]
    out = [script("index", sub)]
    out += [(_detail_dir() / f"{k}.js").read_text(encoding="utf-8") for k in keys]
    return out
