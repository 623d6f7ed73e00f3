"""Rows for `mapviewer review`: what ingest could not place, or placed without much confidence.

Why a separate file (candidates.json) rather than recomputing: the decision and its reason are part
of the record (a geocoder answer may not be reproducible offline), and the reviewer needs to see
exactly what ingest did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mapviewer.core.corpus import METADATA_FILE
from mapviewer.core.ingest.store import ARTICLES_DIR, CANDIDATES_FILE, _read_json

REVIEW_STATUSES = ("unplaced", "low-confidence")


def review_rows(root: Path, article: str | None = None, statuses: tuple[str, ...] = REVIEW_STATUSES) -> list[dict[str, Any]]:
    """Candidates needing a human look, in article then text order."""
    data = _read_json(Path(root) / CANDIDATES_FILE, {"candidates": []})
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


def review_articles(root: Path) -> list[str]:
    """The article ids `review --article` accepts: the workspace's articles and any its candidates name."""
    meta = _read_json(Path(root) / ARTICLES_DIR / METADATA_FILE, {"articles": []})
    data = _read_json(Path(root) / CANDIDATES_FILE, {"candidates": []})
    entries = meta.get("articles") if isinstance(meta, dict) else None
    rows = data.get("candidates") if isinstance(data, dict) else None
    ids = {a.get("id") for a in entries or () if isinstance(a, dict)}
    ids |= {r.get("article") for r in rows or () if isinstance(r, dict)}
    return sorted(i for i in ids if isinstance(i, str))
