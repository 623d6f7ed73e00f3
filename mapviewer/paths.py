"""Where bundled data and per-user state live; the one place that knows the repository layout."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
MAP_ASSETS = ASSETS / "map"
BUNDLED_SITES = ROOT / "sites.geojson"
BUNDLED_ARTICLES = ASSETS / "articles"
DATA_ENV = "MAPVIEWER_DATA"


def user_dir() -> Path:
    """Per-user state (overrides for the read-only bundled corpus, settings); never inside the package."""
    return Path(os.environ.get("MAPVIEWER_USER_DIR") or user_data_dir("mapviewer", appauthor=False))


def cache_dir() -> Path:
    """Tile and web caches; under MAPVIEWER_USER_DIR when set, so tests never touch the real one."""
    override = os.environ.get("MAPVIEWER_USER_DIR")
    return Path(override) / "cache" if override else Path(user_cache_dir("mapviewer", appauthor=False))
