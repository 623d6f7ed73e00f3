"""Opt-in online geocoding with Nominatim, for names the offline gazetteer cannot place.

Why so guarded: the app works offline by default and must never reach the network unless the user
asked (`--online`). Nominatim's usage policy asks for an identifying user agent, at most one request
a second and caching of results, so every answer (found or not) is kept in an on-disk cache and a
name is never asked twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mapviewer import __version__, paths
from mapviewer.core import atomic
from mapviewer.core.ingest.places import Place

USER_AGENT = f"mapviewer/{__version__} (desktop news-map viewer; ingest --online)"
MIN_DELAY_S = 1.0


class NominatimGeocoder:
    """Callable (name, country ISO or None) -> Place | None, cached and rate-limited."""

    def __init__(self, cache_file: Path | None = None, query: Callable[[str, str | None], Any] | None = None) -> None:
        self.cache_file = cache_file or paths.cache_dir() / "geocode.json"
        self._cache: dict[str, Any] = self._load()
        self._query = query
        self._last = 0.0

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self) -> None:
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(self.cache_file, json.dumps(self._cache, ensure_ascii=False, indent=1))

    def _nominatim(self, name: str, country: str | None) -> Any:
        from geopy.geocoders import Nominatim  # lazy: only an --online run needs it

        wait = MIN_DELAY_S - (time.monotonic() - self._last)
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()
        geocoder = Nominatim(user_agent=USER_AGENT, timeout=10)
        loc = geocoder.geocode(name, exactly_one=True, country_codes=country.lower() if country else None, language="en")
        return (
            None
            if loc is None
            else {"lat": loc.latitude, "lon": loc.longitude, "name": loc.address, "raw_type": (loc.raw or {}).get("type")}
        )

    def __call__(self, name: str, country: str | None) -> Place | None:
        cache_key = f"{name}|{country or ''}"
        if cache_key not in self._cache:
            try:
                found = (self._query or self._nominatim)(name, country)
            except Exception:  # network trouble: leave the name unplaced, try again next run
                return None
            self._cache[cache_key] = found
            self._save()
        hit = self._cache[cache_key]
        if not hit:
            return None
        return Place(
            f"geo:{cache_key}",
            name,
            "site",
            country or "",
            float(hit["lat"]),
            float(hit["lon"]),
            "approximate",
            "geocoder",
            f"Nominatim (OpenStreetMap): {hit.get('name', '')}"[:300],
        )
