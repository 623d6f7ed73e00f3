"""Where bundled data and per-user state live.

The bundled corpus and the page's files are package data (`mapviewer/_data`, which in a checkout links
to the top-level `sites.geojson` and `assets/`), found through importlib.resources so an installed
wheel reads its own copy from any folder."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir


def package_data(name: str) -> Path:
    """A file or folder of the package's data as a real path (the page's URL handler and the exporters
    read files by path); resolved, so a checkout names the top-level file it links to."""
    return Path(str(files("mapviewer") / "_data" / name)).resolve()


ASSETS = package_data("assets")
MAP_ASSETS = ASSETS / "map"
BASEMAP_ASSETS = ASSETS / "basemap"
BUNDLED_SITES = package_data("sites.geojson")
BUNDLED_ARTICLES = ASSETS / "articles"
DATA_ENV = "MAPVIEWER_DATA"


def user_dir() -> Path:
    """Per-user state (overrides for the read-only bundled corpus, settings); never inside the package."""
    return Path(os.environ.get("MAPVIEWER_USER_DIR") or user_data_dir("mapviewer", appauthor=False))


def cache_dir() -> Path:
    """Tile and web caches; under MAPVIEWER_USER_DIR when set, so tests never touch the real one."""
    override = os.environ.get("MAPVIEWER_USER_DIR")
    return Path(override) / "cache" if override else Path(user_cache_dir("mapviewer", appauthor=False))
