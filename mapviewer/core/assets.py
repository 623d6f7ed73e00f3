"""The files a map page may load, by name: the one whitelist both the app's URL scheme handler and
the standalone-HTML exporter resolve against, so the page can reach nothing else."""

from __future__ import annotations

import mimetypes
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from mapviewer import paths

_LEAFLET = Path(xleaflet.BASE_DIR)

ASSET_DIRS: dict[str, Path] = {
    "leaflet": _LEAFLET,
    "map": paths.MAP_ASSETS,
    "basemap": paths.BASEMAP_ASSETS,
}

PAGE_PARTS: tuple[str, ...] = (
    # The map page by concern (assets/map/mv-state.js lists them); mapviewer.js, last, assembles window.mapviewer.
    "map/mv-state.js", "map/mv-points.js", "map/mv-labels.js", "map/mv-popups.js", "map/mv-legend.js", "map/mv-basemaps.js",
    "map/mv-visibility.js", "map/mv-view.js", "map/mv-placing.js", "map/mv-spiderfy.js", "map/mv-uncertainty.js",
    "map/mv-measure.js", "map/mv-interact.js", "map/mv-keys.js", "map/mv-mouse.js", "map/mv-figures.js", "map/mv-flows.js",
    "map/mapviewer.js",
)  # fmt: skip
PAGE_SCRIPTS: tuple[str, ...] = (
    "map/start.js", "leaflet/leaflet.js", "basemap/world.js", "map/basemap.js", "map/mv-basemap-detail.js", *PAGE_PARTS,
)  # fmt: skip
"""Every script of the page, as files, in load order."""
PAGE_BUNDLE = "map/page.js"
"""PAGE_PARTS, joined in order, as one script: the page loads it with one request instead of seventeen. Each
request is answered on the window's GUI thread, which is busy building the window while the page loads, so
seventeen requests in a row made the page wait for that thread seventeen times (about 100 ms at start-up)."""
SERVED_SCRIPTS: tuple[str, ...] = (*(n for n in PAGE_SCRIPTS if n not in PAGE_PARTS), PAGE_BUNDLE)
"""The scripts the page names, in load order: PAGE_SCRIPTS with the parts as their bundle."""
PAGE_STYLES: tuple[str, ...] = ("leaflet/leaflet.css", "map/basemap.css", "map/mapviewer.css", "map/mv-evidence.css")

LAZY_SCRIPTS: dict[str, tuple[str, ...]] = {"basemap/world.js": ("basemap/world-detail.js",)}
"""Scripts a page script adds to the page later (map/basemap.js loads the basemap's detail part beside
world.js when the view needs it), by the page script that names them. They are whitelisted like every
file of their folder; a standalone export, which can load nothing, inlines them right after it."""

_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json"}


def resolve(name: str) -> Path | None:
    """The file behind an asset name like "leaflet/images/layers.png", or None if not allowed."""
    top, _, rest = name.partition("/")
    base = ASSET_DIRS.get(top)
    if base is None or not rest or ".." in rest.split("/") or rest.startswith("/"):
        return None
    path = (base / rest).resolve()
    if base.resolve() not in path.parents or not path.is_file() or path.suffix not in _TYPES:
        return None
    return path


def read(name: str) -> bytes | None:
    """The bytes served for an asset name (a file, or PAGE_BUNDLE made of its parts), or None if not allowed."""
    if name == PAGE_BUNDLE:
        return b"\n".join(_part(part) for part in PAGE_PARTS)
    path = resolve(name)
    return None if path is None else path.read_bytes()


def _part(name: str) -> bytes:
    path = resolve(name)
    assert path is not None, name  # PAGE_PARTS are files of the package (tests/project checks it)
    return f"/* ---- {name} ---- */\n".encode() + path.read_bytes().rstrip() + b"\n;"


def mime_type(name: str | Path) -> str:
    path = Path(name)
    return _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
