"""Rows for `mapviewer review`: what ingest could not place, or placed without much confidence.

Why a separate file (candidates.json) rather than recomputing: the decision and its reason are part
of the record (a geocoder answer may not be reproducible offline), and the reviewer needs to see
exactly what ingest did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mapviewer.core import commit
from mapviewer.core.ingest.store import CANDIDATES_FILE, _read_json

REVIEW_STATUSES = ("unplaced", "low-confidence")


def review_rows(root: Path, article: str | None = None, statuses: tuple[str, ...] = REVIEW_STATUSES) -> list[dict[str, Any]]:
    """Candidates needing a human look, in article then text order."""
    data = commit.read_consistent([Path(root)], lambda: _read_json(Path(root) / CANDIDATES_FILE, {"candidates": []}))[0]
    rows = data.get("candidates", []) if isinstance(data, dict) else []
    out = [
        r
        for r in rows
        if isinstance(r, dict)
        and r.get("status") in statuses
        and not r.get("decision")  # the reviewer has dealt with it (accepted, rejected, merged, placed)
        and (article is None or r.get("article") == article)
    ]
    return sorted(out, key=lambda r: (str(r.get("article")), (r.get("span") or [0])[0]))
