"""An installed package's version, read without importing the package: the caches keyed by what
made them (the page shell: Folium; workspace snapshots: shapely) would otherwise import it on every
start, which is what they are there to avoid."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def version_bytes(package: str) -> bytes:
    """The package's `_version.py` (Folium and shapely keep their version there), or its location when
    that cannot be read, or b"?" when it is not installed."""
    spec = importlib.util.find_spec(package)
    folder = Path(spec.origin).parent if spec and spec.origin else None
    if folder is None:
        return b"?"
    try:
        return (folder / "_version.py").read_bytes()
    except OSError:
        return str(folder).encode()
